"""The ticket layout language: template output lines in, wrapped ESC/POS paper lines out.

A template renders to lines. A line may start with directives, then its text:

    @center @big #{{ order.display_id }}
    @invert @bold  ALLERGENS: {{ item.allergens | join(", ") }}
    @pair {{ item.quantity | qty }} x {{ item.name }} | {{ total | money }}
    @rule

Directives: ``@left @center @right`` (alignment), ``@bold``, ``@tall`` (double height),
``@wide`` (double width), ``@big`` (both), ``@invert`` (white on black), ``@pair`` (left
text, a literal ``|``, right text flush right), and whole-line ``@rule``, ``@rule-double``,
``@blank`` (an empty paper line), ``@logo`` (the printer's logo image, if configured).
A line that is empty or only spaces produces no paper line, so Jinja's block whitespace
never leaks onto the paper. Leading spaces are an indent; wrapped continuation lines hang
two columns deeper.

Order data can never become a directive: the template engine hands every ``{{ value }}``
over wrapped in the markers DATA_START/DATA_END (control characters `sanitize` removes from
any order text), and directives and the ``@pair`` separator are only read from template
text outside those markers. An item named "@cut" prints as the text "@cut".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from printing.errors import PrintingError
from printing.text import display_width, encode_for_codepage, to_codepage, wrap

__all__ = ["DATA_END", "DATA_START", "LayoutError", "RenderError", "TicketWriter"]

DATA_START = "\x01"
DATA_END = "\x02"

ESC = b"\x1b"
GS = b"\x1d"

Align = Literal["left", "center", "right"]

_STYLE_DIRECTIVES = frozenset({"bold", "tall", "wide", "big", "invert", "pair"})
_ALIGN_DIRECTIVES = frozenset({"left", "center", "right"})
_LINE_DIRECTIVES = frozenset({"rule", "rule-double", "blank", "logo"})
# Printable dots per line at 203 dpi: 58 mm rolls print 48 mm (384 dots), 80 mm print 72 mm.
_PRINTABLE_DOTS = {58: 384, 80: 576}
_DIRECTIVE = re.compile(r"@([a-z][a-z-]*)(?=\s|$)")


class RenderError(PrintingError):
    """A ticket template could not be rendered; names the template and the reason."""

    def __init__(self, template: str, reason: str) -> None:
        self.template = template
        self.reason = reason
        super().__init__(f"template {template!r}: {reason}")


class LayoutError(ValueError):
    """A template produced a line the layout language does not understand."""


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    tall: bool = False
    wide: bool = False
    invert: bool = False
    align: Align = "left"


@dataclass(frozen=True)
class _Segment:
    text: str
    is_data: bool


def _segments(line: str) -> list[_Segment]:
    """Split a rendered line into template text and order data."""
    out: list[_Segment] = []
    rest = line
    while rest:
        start = rest.find(DATA_START)
        if start < 0:
            out.append(_Segment(rest, False))
            break
        if start:
            out.append(_Segment(rest[:start], False))
        end = rest.find(DATA_END, start + 1)
        if end < 0:
            raise LayoutError("unterminated data marker")
        out.append(_Segment(rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return out


class TicketWriter:
    """Builds one job's bytes (through a python-escpos Dummy) and the matching paper text."""

    def __init__(
        self,
        *,
        columns: int,
        width_mm: int,
        font: Literal["a", "b"],
        codepage: str,
        profile: str,
        logo: Path | None,
    ) -> None:
        # Imported here: python-escpos reads ESCPOS_CAPABILITIES_PICKLE_DIR at import time.
        from escpos.printer import Dummy

        self.columns = columns
        self.width_mm = width_mm
        self.font = font
        self.codepage = codepage
        self.logo = logo
        self._printer: Any = Dummy(profile=profile)
        self.codepage_number = self._codepage_number(codepage)
        self.lines: list[str] = []
        self._current: _Style | None = None

    def _codepage_number(self, codepage: str) -> int:
        import codecs

        name = codecs.lookup(codepage).name  # "cp858", "iso8859_15"
        table: dict[str, str] = self._printer.profile.get_code_pages()
        wanted = name.upper().replace("ISO8859_", "ISO_8859-")
        for key, number in table.items():
            if key.upper() == wanted and number.isdigit() and int(number) < 255:
                return int(number)
        raise PrintingError(
            f"code page {codepage!r} is not in the printer profile's code page table"
        )

    # -- raw building blocks --------------------------------------------------------------

    def _raw(self, data: bytes) -> None:
        self._printer._raw(data)

    def begin(self, *, buzzer: bool) -> None:
        """ESC @, our fixed code page, the font; the buzzer first so it sounds as it prints."""
        self._printer.hw("INIT")  # ESC @
        self._raw(ESC + b"t" + bytes([self.codepage_number]))
        self._raw(ESC + b"M" + (b"\x01" if self.font == "b" else b"\x00"))
        self._current = _Style()
        self._raw(self._style_bytes(_Style(), force=True))
        if buzzer:
            # ESC B n t: Epson TM-series (and most clones) built-in buzzer, 2 beeps.
            self._printer.buzzer(2, 4)

    def finish(self, *, cut: bool) -> bytes:
        """Reset styles, partial cut (GS V 66 0: feed to the cutter, then cut), the bytes."""
        self._set_style(_Style())
        if cut:
            self._printer.cut(mode="PART", feed=False)  # GS V B 0
        else:
            self._raw(ESC + b"d\x04")
        data: bytes = self._printer.output
        return data

    def _style_bytes(self, style: _Style, force: bool = False) -> bytes:
        current = self._current or _Style()
        out = b""
        if force or (style.bold, style.tall, style.wide) != (
            current.bold,
            current.tall,
            current.wide,
        ):
            mode = (1 if self.font == "b" else 0) | (0x08 if style.bold else 0)
            mode |= (0x10 if style.tall else 0) | (0x20 if style.wide else 0)
            out += ESC + b"!" + bytes([mode])
        if force or style.invert != current.invert:
            out += GS + b"B" + (b"\x01" if style.invert else b"\x00")
        if force or style.align != current.align:
            out += ESC + b"a" + bytes([("left", "center", "right").index(style.align)])
        return out

    def _set_style(self, style: _Style) -> None:
        self._raw(self._style_bytes(style))
        self._current = style

    def paper_line(self, text: str, style: _Style) -> None:
        """One paper line; `text` must already fit and hold only code-page characters."""
        self._set_style(style)
        body = text.strip(" ")
        lead = len(text) - len(text.lstrip(" "))
        trail = len(text) - lead - len(body) if body else 0
        encoded = encode_for_codepage(body, self.codepage)
        self._raw(b" " * lead + encoded + b" " * trail + b"\n")
        self.lines.append(text)

    # -- the layout language --------------------------------------------------------------

    def width_for(self, style: _Style) -> int:
        return self.columns // 2 if style.wide else self.columns

    def layout(self, rendered: str) -> None:
        """Lay out a template's whole output."""
        for number, line in enumerate(rendered.split("\n"), start=1):
            try:
                self._layout_line(line)
            except LayoutError as exc:
                raise LayoutError(f"line {number}: {exc}") from None

    def _layout_line(self, line: str) -> None:
        segments = _segments(line)
        if not segments:
            return
        style = _Style()
        pair = False
        whole_line: str | None = None
        if not segments[0].is_data:
            head = segments[0].text
            position = 0
            while True:
                stripped = head[position:].lstrip(" ")
                if not stripped.startswith("@"):
                    break
                match = _DIRECTIVE.match(stripped)
                if match is None:
                    break
                name = match.group(1)
                position = len(head) - len(stripped) + match.end()
                if name in _ALIGN_DIRECTIVES:
                    style = _Style(style.bold, style.tall, style.wide, style.invert, name)  # type: ignore[arg-type]
                elif name == "bold":
                    style = _Style(True, style.tall, style.wide, style.invert, style.align)
                elif name == "tall":
                    style = _Style(style.bold, True, style.wide, style.invert, style.align)
                elif name == "wide":
                    style = _Style(style.bold, style.tall, True, style.invert, style.align)
                elif name == "big":
                    style = _Style(style.bold, True, True, style.invert, style.align)
                elif name == "invert":
                    style = _Style(style.bold, style.tall, style.wide, True, style.align)
                elif name == "pair":
                    pair = True
                elif name in _LINE_DIRECTIVES:
                    whole_line = name
                else:
                    raise LayoutError(f"unknown directive @{name}")
            rest = head[position:]
            if rest.startswith(" ") and position:
                rest = rest[1:]  # the one space that separates directives from text
            segments = [_Segment(rest, False), *segments[1:]]
        if whole_line is not None:
            self._whole_line(whole_line, style)
            return
        if pair:
            self._pair(segments, style)
            return
        text = "".join(s.text for s in segments)
        if not text.strip(" "):
            return
        self._wrapped(text, style)

    def _printable(self, text: str) -> str:
        return to_codepage(text, self.codepage).replace("\n", " ").strip(" ")

    def _wrapped(self, text: str, style: _Style) -> None:
        lead = len(text) - len(text.lstrip(" "))
        body = self._printable(text)
        if not body:
            return
        width = self.width_for(style)
        hanging = " " * (lead + 2) if style.align == "left" else ""
        for paper in wrap(" " * lead + body, width, indent=hanging):
            self.paper_line(paper, style)

    def _pair(self, segments: list[_Segment], style: _Style) -> None:
        left_parts: list[str] = []
        right_parts: list[str] = []
        target = left_parts
        for segment in segments:
            if not segment.is_data and target is left_parts and "|" in segment.text:
                before, after = segment.text.split("|", 1)
                left_parts.append(before)
                target = right_parts
                right_parts.append(after)
            else:
                target.append(segment.text)
        left_text = "".join(left_parts)
        lead = len(left_text) - len(left_text.lstrip(" "))
        left = self._printable(left_text)
        right = self._printable("".join(right_parts))
        width = self.width_for(style)
        right_width = display_width(right)
        if right_width >= width - 1:
            self._wrapped(left_text, style)
            self._wrapped(right, _Style(style.bold, style.tall, style.wide, style.invert, "right"))
            return
        lines = wrap(" " * lead + left, width - right_width - 1, indent=" " * (lead + 2))
        for line in lines[:-1]:
            self.paper_line(line, style)
        last = lines[-1]
        gap = width - display_width(last) - right_width
        self.paper_line(last + " " * gap + right if right else last, style)

    def _whole_line(self, name: str, style: _Style) -> None:
        width = self.width_for(style)
        if name == "rule":
            self.paper_line("-" * width, style)
        elif name == "rule-double":
            self.paper_line("=" * width, style)
        elif name == "blank":
            self.paper_line("", style)
        elif name == "logo" and self.logo is not None:
            self._set_style(_Style(align="center"))
            self._raw(self._logo_raster(self.logo))

    def _logo_raster(self, path: Path) -> bytes:
        """GS v 0 raster of the logo, scaled down to the printable width.

        Built with python-escpos' EscposImage (dithering, raster packing) but not through
        `Escpos.image`, which print()s to stdout when the profile lacks a media width.
        """
        from escpos.image import EscposImage
        from PIL import Image

        max_dots = _PRINTABLE_DOTS.get(self.width_mm, 384)
        with Image.open(path) as source:
            image = source.convert("RGBA")
        if image.width > max_dots:
            height = max(1, round(image.height * max_dots / image.width))
            image = image.resize((max_dots, height))
        raster: Any = EscposImage(image)
        width_bytes: int = raster.width_bytes
        height_dots: int = raster.height
        header = GS + b"v0\x00" + width_bytes.to_bytes(2, "little")
        header += height_dots.to_bytes(2, "little")
        data: bytes = raster.to_raster_format()
        return header + data
