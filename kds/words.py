"""Marks English source text translated where it is shown, for modules that cannot call tr().

`N_("…")` returns its text unchanged; `scripts/update_translations.py` runs lupdate with
``N_`` as an alias of ``QT_TR_NOOP``, so every marked text is in the catalogs. The screen
translates it with tr() (kds.ui), the paper with `printing.i18n.ticket_words`.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["N_", "Count", "Words", "said"]


def N_(text: str) -> str:
    """`text`, marked for the translation catalogs."""
    return text


class Count(int):
    """A number of things in `Words`, written with the language's digit grouping."""


class Words(str):
    """English words made from a marked pattern and its values, that a screen can say again
    in its own language: ``Words(N_("{n} printers found"), n=2)`` is the text "2 printers
    found" (for logs, the CLI and comparisons) and ``.say(tr)`` is "2 Drucker gefunden".

    A value that is itself `Words` is said in the same language, and so is each of a tuple
    of values (listed with commas); a `Count` is written as the language groups it
    ("65,534", "65.534")."""

    pattern: str
    fields: dict[str, object]

    def __new__(cls, pattern: str, /, **fields: object) -> Words:
        english = {name: _said(value, str, _grouped) for name, value in fields.items()}
        words = super().__new__(cls, pattern.format(**english))
        words.pattern = pattern
        words.fields = fields
        return words

    def say(
        self, translate: Callable[[str], str], number: Callable[[int], str] | None = None
    ) -> str:
        """These words in the language of `translate` (a screen's tr()), each `Count`
        written by `number` (the screen's `kds.i18n.count`; English grouping without)."""
        write = number or _grouped
        values = {name: _said(value, translate, write) for name, value in self.fields.items()}
        return translate(self.pattern).format(**values)


def said(text: str, translate: Callable[[str], str]) -> str:
    """`text` in the language of `translate` when it is `Words`; other text as it is (a
    connector's or the system's own words)."""
    return text.say(translate) if isinstance(text, Words) else text


def _grouped(n: int) -> str:
    return f"{n:,}"


def _said(value: object, translate: Callable[[str], str], number: Callable[[int], str]) -> object:
    """A field's value in the language of `translate`: `Words` said, a tuple of values said
    one by one and listed ("cover open, paper out"), a `Count` written by `number`,
    anything else as it is."""
    if isinstance(value, Words):
        return value.say(translate, number)
    if isinstance(value, tuple):
        return ", ".join(str(_said(item, translate, number)) for item in value)
    if isinstance(value, Count):
        return number(value)
    return value
