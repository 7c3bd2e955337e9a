"""Make order text safe and printable: strip control characters, fit a fixed code page, wrap.

Decisions (the renderer and its tests rely on them):

* `sanitize` removes every C0 and C1 control, DEL, bidi controls, zero-width and other
  format characters (Unicode category Cf: ZWSP, ZWJ, BOM, soft hyphen, tag characters),
  variation selectors and lone surrogates, turns every space-like character into a plain
  space and NFC-normalises (``e`` + U+0301 becomes ``é``). Line breaks (CR, LF, CRLF, NEL,
  U+2028, U+2029) become a single space by default; with ``multiline=True`` they are kept as
  ``"\\n"`` so a note typed on three lines prints on three lines. Tabs become a space.
  After `sanitize` a string holds no character below U+0020, so no ESC/GS/FS/DLE sequence
  can reach a printer from order data: ``ESC @`` prints as the harmless text ``@``.
* `to_codepage` maps text to what a printer with a FIXED code page can show: each character
  it keeps encodes to exactly one byte of that code page (never a byte below 0x20, never
  0x7F). A missing character is transliterated (``€``→``EUR``, ``ß``→``ss``, ``“``→``"``,
  ``–``→``-``, ``…``→``...``, ``½``→``1/2``, accents dropped: ``é``→``e``); an emoji or other
  pictograph becomes its Unicode name in brackets, shortened and lower-cased (``🌶``→
  ``[hot pepper]``, ``❤``→``[heart]``, three ``🎉`` in a row → ``[party popper x3]``, a flag
  → ``[flag DE]``): "scharf 🌶" must not print as plain "scharf". Skin-tone modifiers are
  dropped (the emoji they modify is named). Any other character it cannot show (CJK, Thai,
  Arabic on a Latin code page, private use, an emoji newer than Python's Unicode tables)
  becomes the visible marker ``(?)``, one per run, so a cook knows something was there.
  Nothing is dropped silently, never a silent ``?``, never raw UTF-8. CJK code pages
  (GB18030, Shift-JIS) are not supported yet.
* `display_width` counts East Asian Wide/Fullwidth as 2 and combining/format characters as 0;
  `wrap` breaks on spaces by display width and splits words longer than the line.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
import unicodedata

__all__ = [
    "UNPRINTABLE_MARKER",
    "display_width",
    "encode_for_codepage",
    "sanitize",
    "to_codepage",
    "wrap",
]

UNPRINTABLE_MARKER = "(?)"
"""What a printer shows for a run of characters its code page cannot print."""

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Characters a code page often lacks, with the closest plain spelling. Tried in order of
# preference: the first alternative the code page can encode wins.
_TRANSLITERATIONS: dict[str, tuple[str, ...]] = {
    "€": ("EUR",),
    "£": ("GBP",),
    "ß": ("ss",),
    "ẞ": ("SS",),
    "“": ('"',),
    "”": ('"',),
    "„": ('"',),
    "‟": ('"',),
    "«": ('"',),
    "»": ('"',),
    "″": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "‚": ("'",),
    "‛": ("'",),
    "‹": ("'",),
    "›": ("'",),
    "′": ("'",),
    "`": ("'",),
    "´": ("'",),
    "‐": ("-",),
    "‑": ("-",),
    "‒": ("-",),
    "–": ("-",),
    "—": ("-",),
    "―": ("-",),
    "−": ("-",),
    "…": ("...",),
    "½": ("1/2",),
    "¼": ("1/4",),
    "¾": ("3/4",),
    "⅓": ("1/3",),
    "⅔": ("2/3",),
    "⁄": ("/",),
    "×": ("x",),
    "÷": ("/",),
    "•": ("·", "*"),
    "·": ("*",),
    "°": (" deg",),
    "™": ("TM",),
    "©": ("(c)",),
    "®": ("(R)",),
    "→": ("->",),
    "←": ("<-",),
    "✓": ("v",),
    "✔": ("v",),
    "æ": ("ae",),
    "Æ": ("AE",),
    "ø": ("o",),
    "Ø": ("O",),
    "œ": ("oe",),
    "Œ": ("OE",),
    "ĳ": ("ij",),
    "Ĳ": ("IJ",),
    "ł": ("l",),
    "Ł": ("L",),
    "đ": ("d",),
    "Đ": ("D",),
    "ð": ("d",),
    "Ð": ("D",),
    "þ": ("th",),
    "Þ": ("Th",),
    "ı": ("i",),
    "å": ("aa",),
    "Å": ("Aa",),
}


# Unicode's character names describe glyphs of the 1990s ("HEAVY BLACK HEART", "THUMBS UP
# SIGN"); these words carry no meaning on a ticket and are left out of an emoji's name.
_NAME_PREFIXES = ("HEAVY ", "WHITE ", "BLACK ")
_NAME_SUFFIXES = (" SIGN", " SYMBOL")
# CLDR short names where Unicode's name is long or reads oddly on a ticket.
_EMOJI_WORDS = {
    "🌽": "corn",
    "🌾": "sheaf of rice",
    "🍕": "pizza",
    "🥳": "partying face",
    "🙏": "folded hands",
    "👨": "man",
    "👩": "woman",
}
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]{1,2}")


def _flag(match: re.Match[str]) -> str:
    """Two regional indicator letters are a flag: 🇩🇪 -> [flag DE]."""
    letters = "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in match.group())
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    lead = " " if before and not before.isspace() and before not in "([" else ""
    tail = " " if after.isalnum() else ""
    return f"{lead}[flag {letters}]{tail}"


@functools.lru_cache(maxsize=4096)
def _emoji_name(ch: str) -> str | None:
    """The words a ticket shows for an emoji or pictograph, or None when there are none."""
    if unicodedata.category(ch) != "So":
        return None
    words = _EMOJI_WORDS.get(ch)
    if words is not None:
        return words
    name = unicodedata.name(ch, "")
    if not name:
        return None
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name, changed = name[len(prefix) :], True
        for suffix in _NAME_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, changed = name[: -len(suffix)], True
    return name.lower()


def _is_dropped(ch: str) -> bool:
    """True for a character that must never reach the paper (controls, format, surrogates)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    if ch in _BIDI_CONTROLS:
        return True
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Cs"):
        return True
    # Variation selectors only pick a glyph style; alone they are invisible.
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def sanitize(text: str, *, multiline: bool = False) -> str:
    """Order text made harmless: no control/format characters, NFC, one kind of space.

    Line breaks become one space, or ``"\\n"`` when `multiline` (CRLF counts as one break).
    Leading/trailing spaces of each line are removed; inner runs of spaces are kept.
    """
    out: list[str] = []
    previous = ""
    for ch in text:
        if ch in _LINE_BREAKS:
            if ch == "\n" and previous == "\r":
                previous = ch
                continue
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append(" ")
        elif _is_dropped(ch):
            pass
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(ch)
        previous = ch
    cleaned = unicodedata.normalize("NFC", "".join(out))
    lines = [line.strip(" ") for line in cleaned.split("\n")]
    return "\n".join(lines).strip("\n") if multiline else lines[0]


@functools.lru_cache(maxsize=64)
def _codec_name(codepage: str) -> str:
    try:
        return codecs.lookup(codepage).name
    except LookupError:
        raise ValueError(f"unknown code page {codepage!r}") from None


@functools.lru_cache(maxsize=8192)
def _printable_byte(ch: str, codec: str) -> bool:
    """True when `ch` encodes to exactly one printable byte of `codec`."""
    try:
        data = ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(data) == 1 and data[0] >= 0x20 and data[0] != 0x7F


@functools.lru_cache(maxsize=8192)
def _map_char(ch: str, codec: str) -> str | None:
    """What the paper shows for `ch`: itself, a transliteration, "" (dropped) or None (marker)."""
    if _printable_byte(ch, codec):
        return ch
    if _is_dropped(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return ""
    for alternative in _TRANSLITERATIONS.get(ch, ()):
        if all(_printable_byte(c, codec) for c in alternative):
            return alternative
    # Compatibility decomposition: é -> e + accent, ½ -> 1⁄2, fullwidth Ａ -> A.
    decomposed = unicodedata.normalize("NFKD", ch)
    if decomposed != ch:
        parts: list[str] = []
        for part in decomposed:
            if unicodedata.category(part) in ("Mn", "Me"):
                continue
            mapped = _map_char(part, codec)
            if mapped is None:
                break
            parts.append(mapped)
        else:
            if parts:
                return "".join(parts)
    if ord(ch) in _SKIN_TONES:
        return ""  # only colours the emoji before it, which is named
    name = _emoji_name(ch)
    if name is not None:
        return f"[{name}]"
    if unicodedata.category(ch) == "Zs":
        return " "
    return None


def to_codepage(text: str, codepage: str) -> str:
    """`text` as the printer will show it: only characters `codepage` prints as one byte.

    Sanitizes first (so it is safe on raw input), then transliterates or marks what is
    missing. The result encodes with `codepage` to exactly one byte per character.
    """
    codec = _codec_name(codepage)
    out: list[str] = []
    in_unknown_run = False
    after_word = False  # the last thing written was an emoji's [name]
    cleaned = _REGIONAL_INDICATORS.sub(_flag, sanitize(text, multiline=True))
    for ch, run in itertools.groupby(cleaned):
        count = len(list(run))
        if ch == "\n":
            out.append(ch * count)
            in_unknown_run = after_word = False
            continue
        mapped = _map_char(ch, codec)
        if mapped is None:
            if not in_unknown_run:
                out.append(UNPRINTABLE_MARKER)
            in_unknown_run = True
            after_word = False
        elif mapped:
            name = _emoji_name(ch)
            word = name is not None and mapped == f"[{name}]"
            if word:
                # A word, not glued to its neighbours; a run of the same emoji is counted.
                if count > 1:
                    mapped = f"{mapped[:-1]} x{count}]"
                if out and out[-1] and not out[-1][-1].isspace() and out[-1][-1] not in "([":
                    mapped = " " + mapped
            else:
                if after_word and (mapped[0].isalnum() or mapped[0] == "["):
                    mapped = " " + mapped
                mapped *= count
            out.append(mapped)
            in_unknown_run = False
            after_word = word
    return "\n".join(line.strip(" ") for line in "".join(out).split("\n"))


def encode_for_codepage(text: str, codepage: str) -> bytes:
    """Bytes for a printer fixed on `codepage` (a Python codec name such as ``"cp858"``).

    Line breaks in `text` become spaces: line structure is the renderer's job, so the
    result never holds a byte below 0x20 or 0x7F.
    """
    printable = to_codepage(text, codepage).replace("\n", " ")
    return printable.encode(_codec_name(codepage))


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Columns `text` takes: wide/fullwidth characters count 2, combining marks 0."""
    return sum(_char_width(ch) for ch in text)


def _split_to_width(word: str, first: int, rest: int) -> list[str]:
    """Cut `word` into pieces: the first at most `first` columns wide, the others `rest`.

    A character wider than the room it gets still goes alone on its piece (a CJK character
    on a one-column line), so the loop always advances.
    """
    pieces: list[str] = []
    current: list[str] = []
    current_width = 0
    limit = first
    for ch in word:
        w = _char_width(ch)
        if current_width + w > limit and (current or (not pieces and first < rest)):
            pieces.append("".join(current))  # empty when not even one character fits first
            current, current_width = [], 0
            limit = rest
        current.append(ch)
        current_width += w
    pieces.append("".join(current))
    return pieces


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Break `text` into lines of at most `width` display columns.

    Breaks at spaces; a word longer than a line is split. Leading spaces of `text` stay on
    the first line; continuation lines start with `indent` (a hanging indent). An indent as
    wide as the line (less two columns) is ignored. An empty text gives one empty line.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    # An indent must leave room for a double-width character, or it is dropped.
    if display_width(indent) > width - 2:
        indent = ""
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    if display_width(lead) > width - 2:
        lead = ""
    lines: list[str] = []
    current = lead
    current_width = display_width(lead)
    has_word = False
    for raw_word in body.split(" "):
        if not raw_word:
            continue
        word = raw_word
        word_width = display_width(word)
        if has_word and current_width + 1 + word_width <= width:
            current += " " + word
            current_width += 1 + word_width
            continue
        if has_word:
            lines.append(current)
            current, current_width = indent, display_width(indent)
        has_word = True
        if current_width + word_width > width:
            indent_width = display_width(indent)
            pieces = _split_to_width(word, width - current_width, width - indent_width)
            for piece in pieces[:-1]:
                if piece:
                    lines.append(current + piece)
                elif current.strip(" "):
                    lines.append(current)
                current = indent
            word = pieces[-1]
            current_width = indent_width if len(pieces) > 1 else current_width
            word_width = display_width(word)
        current += word
        current_width += word_width
    lines.append(current if has_word else current.rstrip(" "))
    return lines
