"""Draw a decoded ESC/POS job as a PNG of the paper roll, so a person can look at a ticket."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from printing.decode import DecodedJob, PaperLine
from printing.errors import PrintingError

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSansMono.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSansMono-Bold.ttf"

_FONT_SIZE = 18
_MARGIN = 16
_LINE_GAP = 4
_PAPER = (255, 255, 255)
_INK = (0, 0, 0)
_CUT = (150, 150, 150)
_TABLE = (90, 90, 90)


class PreviewFontMissing(PrintingError):
    """The monospace font the previews use is not installed."""


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    path = FONT_BOLD if bold else FONT_REGULAR
    if not path.exists():
        path = FONT_REGULAR
    try:
        return ImageFont.truetype(str(path), _FONT_SIZE)
    except OSError as exc:
        raise PreviewFontMissing(
            f"ticket previews need the DejaVu Sans Mono font ({path}): "
            "apt-get install fonts-dejavu-core"
        ) from exc


def _cell() -> tuple[int, int]:
    font = _font(False)
    ascent, descent = font.getmetrics()
    return round(font.getlength("M")), ascent + descent


def _wrap(line: PaperLine, columns: int) -> list[str]:
    # A printer wraps at the paper edge; double width halves the characters per line.
    per_line = max(1, columns // 2 if line.double_width else columns)
    text = line.text
    if not text:
        return [""]
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _draw_line(line: PaperLine, text: str, width: int) -> Image.Image:
    cell_w, cell_h = _cell()
    font = _font(line.bold)
    text_w = max(1, len(text) * cell_w)
    glyphs = Image.new("RGB", (text_w, cell_h + _LINE_GAP), _PAPER)
    draw = ImageDraw.Draw(glyphs)
    fg = _PAPER if line.inverted else _INK
    if line.inverted:
        draw.rectangle((0, 0, text_w, cell_h + _LINE_GAP), fill=_INK)
    draw.text((0, _LINE_GAP // 2), text, font=font, fill=fg)
    sx = 2 if line.double_width else 1
    sy = 2 if line.double_height else 1
    if sx != 1 or sy != 1:
        glyphs = glyphs.resize((glyphs.width * sx, glyphs.height * sy), Image.Resampling.NEAREST)
    row = Image.new("RGB", (width, glyphs.height), _PAPER)
    free = max(0, width - glyphs.width)
    x = {"center": free // 2, "right": free}.get(str(line.align), 0)
    row.paste(glyphs, (x, 0))
    return row


def render_preview_png(decoded: DecodedJob, path: Path, paper_columns: int = 48) -> None:
    """Write a PNG of the paper: styled lines (approximated) and a dashed cut line at the end."""
    cell_w, cell_h = _cell()
    text_width = paper_columns * cell_w
    rows = [
        _draw_line(line, piece, text_width)
        for line in decoded.lines
        for piece in _wrap(line, paper_columns)
    ]
    height = _MARGIN * 3 + sum(row.height for row in rows) + cell_h
    image = Image.new("RGB", (text_width + 2 * _MARGIN, height), _PAPER)
    y = _MARGIN
    for row in rows:
        image.paste(row, (_MARGIN, y))
        y += row.height
    draw = ImageDraw.Draw(image)
    cut_y = height - _MARGIN
    for x in range(0, image.width, 12):
        draw.line((x, cut_y, x + 6, cut_y), fill=_CUT, width=2)
    if decoded.cuts == 0:
        draw.text((_MARGIN, cut_y - cell_h), "(no cut)", font=_font(False), fill=_TABLE)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    logger.debug("preview %s: %d lines, %dx%d", path, len(rows), image.width, image.height)
