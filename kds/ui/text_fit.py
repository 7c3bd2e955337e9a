"""Text that fits a width without being cut: words wrapped, long words hyphenated."""

from __future__ import annotations

import functools

import pyphen
from PySide6.QtGui import QFontMetrics

from kds.i18n import menu_locale

HYPHEN = "-"
SHORT = 0.3
"""A line this much of the width or less ("2×", "+") takes the head of a long next word
(hyphenated) rather than standing alone."""


FALLBACK_LANGUAGE = "en_US"
"""Hyphenation where the menu's language has no dictionary (or is "C")."""


@functools.cache
def _hyphenator(locale: str) -> pyphen.Pyphen:
    language = pyphen.language_fallback(locale) or FALLBACK_LANGUAGE
    return pyphen.Pyphen(lang=language)


def hyphenator() -> pyphen.Pyphen:
    """The hyphenation dictionary of the menu's language (`[device] menu_language`, else
    the screens' language): a German dish breaks as German on an English screen."""
    return _hyphenator(menu_locale())


def _break_points(word: str) -> list[int]:
    """Where `word` may be broken with a hyphen (after an existing one too), longest first."""
    points = {i + 1 for i, ch in enumerate(word[:-1]) if ch == HYPHEN}
    if len(word) > 3:
        points.update(hyphenator().positions(word))
    return sorted(points, reverse=True)


def _split(word: str, metrics: QFontMetrics, room: int, anywhere: bool) -> tuple[str, str] | None:
    """The longest head of `word` that fits `room` (hyphenated where the language allows,
    else, when `anywhere`, at any character) and the rest; None when nothing fits."""
    for point in _break_points(word):
        head = word[:point] if word[point - 1] == HYPHEN else word[:point] + HYPHEN
        if metrics.horizontalAdvance(head) <= room:
            return head, word[point:]
    if not anywhere:
        return None
    for point in range(len(word) - 1, 0, -1):
        if metrics.horizontalAdvance(word[:point]) <= room:
            return word[:point], word[point:]
    return word[:1], word[1:]  # not even one character fits: one per line


def wrap(text: str, metrics: QFontMetrics, width: int) -> tuple[str, ...]:
    """`text` as lines no wider than `width`: broken between words, a word too long for a
    line hyphenated (or, where the dictionary has no break that fits, cut between letters)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for whole in paragraph.split(" "):
            word = whole
            candidate = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(candidate) <= width:
                line = candidate
                continue
            short = metrics.horizontalAdvance(line) < width * SHORT
            if metrics.horizontalAdvance(word) <= width and not short:
                lines.append(line)
                line = word
                continue
            if line:  # fill the rest of this line with the word's head where it breaks well
                room = width - metrics.horizontalAdvance(line + " ")
                split = _split(word, metrics, room, anywhere=False)
                if split is not None:
                    lines.append(f"{line} {split[0]}")
                    word = split[1]
                else:
                    lines.append(line)
            while metrics.horizontalAdvance(word) > width:
                head, word = _split(word, metrics, width, anywhere=True) or (word, "")
                lines.append(head)
            line = word
        lines.append(line)
    return tuple(lines)
