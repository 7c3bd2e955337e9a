"""Read ESC/POS bytes back into the lines a printer would put on paper (tests, previews, emulator).

The interpreter knows the commands our renderer emits and the common ones other software
sends; anything else is recorded in `DecodedJob.unknown` and skipped, never raised, so
garbage input cannot crash a preview or the emulator.

Paper model: each LF (or FF) ends one paper line; a line takes the style (bold, sizes,
inversion, alignment) in force when its first character was printed. Feeds (ESC d, ESC J)
end a pending line but add no text lines: they are white paper, not text. ESC @ resets the
styles and the code page and drops an unprinted partial line, as a printer does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CODEPAGE_BY_NUMBER",
    "DecodedJob",
    "PaperLine",
    "command_names",
    "decode_escpos",
    "split_jobs",
]

logger = logging.getLogger(__name__)

ESC = 0x1B
GS = 0x1D
DLE = 0x10
FS = 0x1C
LF = 0x0A

Align = Literal["left", "center", "right"]

CODEPAGE_BY_NUMBER: dict[int, str] = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    13: "cp857",
    14: "cp737",
    15: "iso8859_7",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
    33: "cp775",
    34: "cp855",
    35: "cp861",
    36: "cp862",
    37: "cp864",
    38: "cp869",
    39: "iso8859_2",
    40: "iso8859_15",
    44: "cp1125",
    45: "cp1250",
    46: "cp1251",
    47: "cp1253",
    48: "cp1254",
    49: "cp1255",
    50: "cp1256",
    51: "cp1257",
    52: "cp1258",
}
"""ESC t n: the code page number of an Epson-compatible printer -> Python codec name."""


@dataclass(frozen=True)
class PaperLine:
    """One printed line and the style it was printed in."""

    text: str
    bold: bool = False
    double_width: bool = False
    double_height: bool = False
    inverted: bool = False
    align: Align = "left"


@dataclass(frozen=True)
class DecodedJob:
    """What a print job put on paper, and the machine actions it asked for."""

    lines: tuple[PaperLine, ...]
    cuts: int
    buzzer: bool
    drawer_kicks: int
    raster_images: int
    unknown: tuple[str, ...]

    @property
    def text(self) -> str:
        """The paper's text, one line per paper line."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class _Token:
    kind: str  # "text", "lf", or a command name such as "ESC t"; "unknown" for garbage
    start: int
    end: int
    args: bytes = b""
    detail: str = ""


def _name(prefix: str, byte: int) -> str:
    return f"{prefix} {chr(byte)}" if 0x21 <= byte <= 0x7E else f"{prefix} 0x{byte:02X}"


# Commands with a fixed number of parameter bytes after the command byte.
_ESC_FIXED = {
    ord("@"): 0,
    ord("t"): 1,
    ord("E"): 1,
    ord("G"): 1,
    ord("!"): 1,
    ord("a"): 1,
    ord("-"): 1,
    ord("d"): 1,
    ord("J"): 1,
    ord("e"): 1,
    ord("K"): 1,
    ord("p"): 3,
    ord("B"): 2,
    ord("M"): 1,
    ord("R"): 1,
    ord("V"): 1,
    ord("{"): 1,
    ord("2"): 0,
    ord("3"): 1,
    ord(" "): 1,
    ord("$"): 2,
    ord("\\"): 2,
    ord("%"): 1,
    ord("r"): 1,
    ord("i"): 0,
    ord("m"): 0,
    ord("U"): 1,
    ord("S"): 0,
    ord("L"): 0,
    ord("T"): 1,
    ord("="): 1,
    ord("<"): 0,
}
_GS_FIXED = {
    ord("!"): 1,
    ord("B"): 1,
    ord("H"): 1,
    ord("h"): 1,
    ord("w"): 1,
    ord("f"): 1,
    ord("L"): 2,
    ord("W"): 2,
    ord("a"): 1,
    ord("b"): 1,
    ord("r"): 1,
    ord("I"): 1,
    ord("P"): 2,
    ord("$"): 2,
    ord("\\"): 2,
    ord("^"): 3,
    ord("/"): 1,
}


def _tokens(data: bytes) -> Iterator[_Token]:
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b >= 0x20 and b != 0x7F:
            j = i
            while j < n and data[j] >= 0x20 and data[j] != 0x7F:
                j += 1
            yield _Token("text", i, j, data[i:j])
            i = j
            continue
        if b in (LF, 0x0C):
            yield _Token("lf", i, i + 1)
            i += 1
            continue
        if b in (0x0D, 0x09):
            yield _Token("CR" if b == 0x0D else "HT", i, i + 1)
            i += 1
            continue
        if b in (ESC, GS, DLE, FS):
            if i + 1 >= n:
                yield _Token("unknown", i, n, detail=f"truncated 0x{b:02X} at end")
                return
            c = data[i + 1]
            prefix = {ESC: "ESC", GS: "GS", DLE: "DLE", FS: "FS"}[b]
            name = _name(prefix, c)
            length = _command_length(data, i, b, c)
            if length is None:
                yield _Token("unknown", i, i + 2, detail=name)
                i += 2
                continue
            if i + length > n:
                yield _Token("unknown", i, n, detail=f"truncated {name}")
                return
            yield _Token(name, i, i + length, data[i + 2 : i + length])
            i += length
            continue
        yield _Token("unknown", i, i + 1, detail=f"0x{b:02X}")
        i += 1


def _le16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        return 1 << 30  # forces a "truncated" token
    return data[at] | (data[at + 1] << 8)


def _command_length(data: bytes, i: int, prefix: int, c: int) -> int | None:
    """Total bytes of the command starting at `i`, or None when unknown."""
    if prefix == ESC:
        if c in _ESC_FIXED:
            return 2 + _ESC_FIXED[c]
        if c == ord("("):  # ESC ( X pL pH data
            return 5 + _le16(data, i + 3)
        if c == ord("*"):  # ESC * m nL nH data
            if i + 2 >= len(data):
                return 1 << 30
            m = data[i + 2]
            per_column = 1 if m in (0, 1) else 3
            return 5 + _le16(data, i + 3) * per_column
        if c == ord("D"):  # tab positions, NUL-terminated
            end = data.find(b"\x00", i + 2)
            return (end - i + 1) if end >= 0 else 1 << 30
        return None
    if prefix == GS:
        if c in _GS_FIXED:
            return 2 + _GS_FIXED[c]
        if c == ord("V"):
            if i + 2 >= len(data):
                return 1 << 30
            return 3 if data[i + 2] in (0, 1, 48, 49) else 4
        if c == ord("v"):  # GS v 0 m xL xH yL yH data
            if i + 8 > len(data):
                return 1 << 30
            return 8 + _le16(data, i + 4) * _le16(data, i + 6)
        if c == ord("("):  # GS ( X pL pH data
            return 5 + _le16(data, i + 3)
        if c == ord("8") or c == ord("D"):  # GS 8 L p1..p4 data
            if i + 7 > len(data):
                return 1 << 30
            size = int.from_bytes(data[i + 3 : i + 7], "little")
            return 7 + size
        if c == ord("k"):
            if i + 2 >= len(data):
                return 1 << 30
            m = data[i + 2]
            if m <= 6:
                end = data.find(b"\x00", i + 3)
                return (end - i + 1) if end >= 0 else 1 << 30
            if i + 3 >= len(data):
                return 1 << 30
            return 4 + data[i + 3]
        return None
    if prefix == DLE:
        if c in (0x04, 0x05):  # DLE EOT n, DLE ENQ n
            return 3
        if c == 0x14:  # DLE DC4 fn ...
            return 5
        return None
    if prefix == FS:
        if c in (ord("."), ord("&")):
            return 2
        if c == ord("p"):
            return 4
        return None
    return None


@dataclass
class _State:
    codec: str
    bold: bool = False
    double_width: bool = False
    double_height: bool = False
    inverted: bool = False
    align: Align = "left"
    pending: list[str] = field(default_factory=list)
    pending_style: PaperLine | None = None

    def style(self) -> PaperLine:
        return PaperLine(
            "", self.bold, self.double_width, self.double_height, self.inverted, self.align
        )


def _decode_text(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return raw.decode(codec if codec != "unknown" else "cp437", errors="replace")


def decode_escpos(data: bytes, default_codepage: str = "cp437") -> DecodedJob:
    """Interpret `data` as a printer would; never raises on malformed input."""
    state = _State(default_codepage)
    lines: list[PaperLine] = []
    unknown: list[str] = []
    cuts = drawer_kicks = raster_images = 0
    buzzer = False

    def end_line(force: bool) -> None:
        if not state.pending and not force:
            return
        style = state.pending_style or state.style()
        lines.append(
            PaperLine(
                "".join(state.pending),
                style.bold,
                style.double_width,
                style.double_height,
                style.inverted,
                style.align,
            )
        )
        state.pending.clear()
        state.pending_style = None

    for token in _tokens(data):
        kind, args = token.kind, token.args
        if kind == "text":
            if state.pending_style is None:
                state.pending_style = state.style()
            state.pending.append(_decode_text(args, state.codec))
        elif kind == "lf":
            end_line(force=True)
        elif kind == "HT":
            state.pending.append(" ")
        elif kind == "CR":
            pass
        elif kind == "unknown":
            unknown.append(token.detail)
        elif kind == "ESC @":
            state = _State(default_codepage)
        elif kind == "ESC t":
            codec = CODEPAGE_BY_NUMBER.get(args[0])
            if codec is None:
                unknown.append(f"ESC t {args[0]} (code page not known)")
            else:
                state.codec = codec
        elif kind in ("ESC E", "ESC G"):
            state.bold = bool(args[0] & 1) if kind == "ESC E" else state.bold
        elif kind == "ESC !":
            state.bold = bool(args[0] & 0x08)
            state.double_height = bool(args[0] & 0x10)
            state.double_width = bool(args[0] & 0x20)
        elif kind == "GS !":
            state.double_width = bool(args[0] & 0x70)
            state.double_height = bool(args[0] & 0x07)
        elif kind == "GS B":
            state.inverted = bool(args[0] & 1)
        elif kind == "ESC a":
            value = args[0] - 48 if args[0] >= 48 else args[0]
            state.align = ("left", "center", "right")[value] if 0 <= value <= 2 else "left"
        elif kind in ("ESC d", "ESC J", "ESC e", "ESC K"):
            end_line(force=False)
        elif kind in ("GS V", "ESC i", "ESC m"):
            end_line(force=False)
            cuts += 1
        elif kind == "ESC p":
            drawer_kicks += 1
        elif kind == "DLE 0x14":
            if args[0] == 1:
                drawer_kicks += 1
        elif kind == "ESC B":
            buzzer = True
        elif kind == "ESC (":
            if args[:1] == b"A":
                buzzer = True
            else:
                unknown.append(f"ESC ( {chr(args[0]) if args else '?'}")
        elif kind in ("GS v", "ESC *", "FS p"):
            raster_images += 1
        elif kind in ("GS (", "GS 8", "GS D"):
            # GS ( L / GS 8 L: store (fn 112) or print (fn 50) graphics; count the stores.
            body = args[3:] if kind == "GS (" else args[5:]
            if args[:1] == b"L" and len(body) >= 2 and body[1] == 112:
                raster_images += 1
        # Everything else we know (font, spacing, underline, status, barcodes) leaves no text.
    end_line(force=False)
    if unknown:
        logger.debug("decoded job with %d unknown commands", len(unknown))
    return DecodedJob(
        lines=tuple(lines),
        cuts=cuts,
        buzzer=buzzer,
        drawer_kicks=drawer_kicks,
        raster_images=raster_images,
        unknown=tuple(unknown),
    )


def split_jobs(data: bytes) -> list[bytes]:
    """Split a byte stream into jobs, each ending just after a cut (GS V, ESC i, ESC m).

    Bytes after the last cut form a final job unless they are empty.
    """
    jobs: list[bytes] = []
    start = 0
    for token in _tokens(data):
        if token.kind in ("GS V", "ESC i", "ESC m"):
            jobs.append(data[start : token.end])
            start = token.end
    if start < len(data):
        jobs.append(data[start:])
    return jobs


def command_names(data: bytes) -> tuple[str, ...]:
    """The commands in `data`, in order ("ESC @", "GS V", "LF"; "unknown: ..." for garbage).

    Text runs are left out. Lets a test or the emulator see exactly which commands a job
    holds, e.g. that order text added none.
    """
    names: list[str] = []
    for token in _tokens(data):
        if token.kind == "text":
            continue
        if token.kind == "lf":
            names.append("LF")
        elif token.kind == "unknown":
            names.append(f"unknown: {token.detail}")
        else:
            names.append(token.kind)
    return tuple(names)
