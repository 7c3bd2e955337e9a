"""Render tickets (kitchen, receipt, change, void, late, test page) to ESC/POS bytes and paper text.

Approach, and why:

* Templates are Jinja2 files in ``resources/templates/<name>.j2`` (an owner can copy one into
  their own `templates_dir` and edit it), run in Jinja's *immutable sandbox* with
  StrictUndefined, so an edited template can neither reach Python internals nor silently
  print nothing for a typo.
* A template does not produce bytes. It produces a tiny line-oriented layout language
  (``@center @big #{{ order.display_id }}``, see `printing.render.layout`). The layout
  engine wraps each line to the paper's columns by display width and emits ESC/POS. Every
  ``{{ value }}`` passes through `printing.text.sanitize` and is marked as data, so order
  text can neither inject printer commands nor layout directives.
* python-escpos' `Dummy` printer is the byte builder (ESC @, buzzer, partial cut, logo
  raster) with the configured capabilities profile, whose code page table gives the number
  for ESC t n. We always select the printer's FIXED code page ourselves and encode text
  with `printing.text.encode_for_codepage`; escpos' automatic "magic" encoder is never used
  (it can switch code pages behind our back and print € wrong).
* `RenderedTicket.text` is exactly what the paper shows, one line per paper line, without
  the alignment padding (alignment and sizes are styles), so it equals
  ``printing.decode.decode_escpos(data).text``.

Every ticket is one job: ESC @, ESC t n, font, optional buzzer (ESC B 2 4), the lines, a
style reset and one partial cut (GS V 66 0: feed to the cutter, then cut), or four fed lines
when `cut` is off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import jinja2

from kds.domain.changes import OrderChanges
from kds.wire import Item, Order
from printing.errors import PrintingError
from printing.render.layout import LayoutError, RenderError, TicketWriter
from printing.render.templating import DEFAULT_TEMPLATES_DIR, environment

__all__ = [
    "DEFAULT_TEMPLATES_DIR",
    "LateNotice",
    "Paper",
    "PrinterOptions",
    "RenderError",
    "RenderedTicket",
    "TicketRequest",
    "render",
    "render_codepage_sheet",
    "render_test_page",
]

logger = logging.getLogger(__name__)

_VALID_COLUMNS = frozenset({32, 42, 48, 56, 64})


@dataclass(frozen=True)
class Paper:
    """Paper roll width and how many characters a line holds."""

    width_mm: int
    columns: int
    font: Literal["a", "b"] = "a"

    def __post_init__(self) -> None:
        if self.width_mm not in (58, 80):
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.width_mm}")
        if self.columns not in _VALID_COLUMNS:
            raise ValueError(f"columns must be one of {sorted(_VALID_COLUMNS)}, not {self.columns}")
        if self.font not in ("a", "b"):
            raise ValueError(f"font must be 'a' or 'b', not {self.font!r}")

    @classmethod
    def mm58(cls) -> Paper:
        """58 mm roll, font A: 32 columns."""
        return cls(58, 32, "a")

    @classmethod
    def mm58_font_b(cls) -> Paper:
        """58 mm roll, the smaller font B: 42 columns."""
        return cls(58, 42, "b")

    @classmethod
    def mm80(cls) -> Paper:
        """80 mm roll, font A: 48 columns."""
        return cls(80, 48, "a")

    @classmethod
    def mm80_42(cls) -> Paper:
        """80 mm roll on printers set to 42 columns of font A (e.g. TM-T20 in 42-column mode)."""
        return cls(80, 42, "a")


@dataclass(frozen=True)
class PrinterOptions:
    """How one printer is driven: paper, its fixed code page, profile, cutter, buzzer, logo."""

    paper: Paper
    codepage: str = "cp858"
    profile: str = "default"
    cut: bool = True
    buzzer: bool = False
    logo: Path | None = None
    language: str = "en"
    """The language of the ticket's words, money and times (`printing.i18n.LANGUAGES`)."""


@dataclass(frozen=True)
class LateNotice:
    """What a LATE slip says: the printer held a ticket from `since` until now."""

    what: str
    """The held job in words: "kitchen ticket", "receipt", "change slip", ..."""
    since: datetime
    problem: str
    """Why it was held, as the printer said: "paper out", "cover open", ..."""


@dataclass(frozen=True, kw_only=True)
class TicketRequest:
    """One ticket to print: which template, which order and lines, for which printer.

    Keyword-only. `template` is "kitchen", "receipt", "change", "void", "late", "test" or a
    name an owner added to their templates directory.
    """

    template: str
    order: Order
    items: tuple[Item, ...]
    printer_name: str
    printed_at: datetime
    station_name: str | None = None
    copy: int = 1
    copies: int = 1
    banners: tuple[str, ...] = ()
    changes: OrderChanges | None = None
    cancel_reason: str | None = None
    late: LateNotice | None = None
    """For the "late" template: which ticket the printer held, since when and why."""


@dataclass(frozen=True)
class RenderedTicket:
    """The job's bytes and exactly what the paper shows (one line per paper line)."""

    data: bytes
    text: str


def _run(
    template_name: str,
    context: dict[str, Any],
    options: PrinterOptions,
    templates_dir: Path | None,
) -> RenderedTicket:
    env = environment(templates_dir)
    try:
        template = env.get_template(f"{template_name}.j2")
        output = template.render(**context)
    except jinja2.TemplateNotFound:
        raise RenderError(template_name, "template not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            template_name, f"syntax error on line {exc.lineno}: {exc.message}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise RenderError(template_name, str(exc)) from exc
    try:
        writer = TicketWriter(
            columns=options.paper.columns,
            width_mm=options.paper.width_mm,
            font=options.paper.font,
            codepage=options.codepage,
            profile=options.profile,
            logo=options.logo,
        )
        writer.begin(buzzer=options.buzzer)
        writer.layout(output)
        data = writer.finish(cut=options.cut)
    except LayoutError as exc:
        raise RenderError(template_name, str(exc)) from exc
    except RenderError:
        raise
    except (PrintingError, OSError, ValueError) as exc:
        raise RenderError(template_name, str(exc)) from exc
    logger.debug("rendered %s: %d bytes, %d lines", template_name, len(data), len(writer.lines))
    return RenderedTicket(data=data, text="\n".join(writer.lines))


def render(
    request: TicketRequest, options: PrinterOptions, templates_dir: Path | None = None
) -> RenderedTicket:
    """Render `request` with its template for the printer described by `options`.

    Raises RenderError (a PrintingError) naming the template and the reason when the
    template is missing or broken.
    """
    context: dict[str, Any] = {
        "request": request,
        "order": request.order,
        "items": request.items,
        "changes": request.changes,
        "paper": options.paper,
        "printer_name": request.printer_name,
        "language": options.language,
    }
    return _run(request.template, context, options, templates_dir)


def render_test_page(
    printer_name: str,
    options: PrinterOptions,
    now: datetime,
    templates_dir: Path | None = None,
) -> RenderedTicket:
    """A test and code-page sheet: name, ruler, special characters, style samples."""
    columns = options.paper.columns
    ruler = "".join(str((i + 1) % 10) if (i + 1) % 10 else "|" for i in range(columns))
    context: dict[str, Any] = {
        "printer_name": printer_name,
        "paper": options.paper,
        "codepage": options.codepage,
        "now": now,
        "ruler": ruler,
        "samples": ("€ äöü ÄÖÜ ß", "é è à ç ë ï", "ñ å ø æ ĳ", "„quotes“ – …"),
        "language": options.language,
    }
    return _run("test", context, options, templates_dir)


def render_codepage_sheet(
    printer_name: str,
    options: PrinterOptions,
    sample: str,
    templates_dir: Path | None = None,
) -> RenderedTicket:
    """A code-page sheet (``codepage.j2``): `sample` printed in the printer's code page, with
    the code page's name, so a person can say whether it looks right."""
    context: dict[str, Any] = {
        "printer_name": printer_name,
        "paper": options.paper,
        "codepage": options.codepage,
        "sample": sample,
        "language": options.language,
    }
    return _run("codepage", context, options, templates_dir)
