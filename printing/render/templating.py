"""The sandboxed Jinja2 environment ticket templates run in, with the filters they use."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from kds.domain.changes import Change, Wording, describe_change, describe_modifier, format_quantity
from kds.resources import resource_path
from kds.wire import Modifier, ModifierAction, Money
from kds.words import N_
from printing.i18n import CURRENCY_SYMBOLS, PaperLocale, paper_locale, ticket_words
from printing.render.layout import DATA_END, DATA_START
from printing.spooler import REPRINT_BANNER, backup_banner
from printing.text import sanitize

__all__ = [
    "DEFAULT_TEMPLATES_DIR",
    "MAX_FIELD_CHARS",
    "ClippedText",
    "LayoutText",
    "clip",
    "environment",
]

DEFAULT_TEMPLATES_DIR = resource_path("templates")
"""The templates kds ships; an owner's `printing.templates_dir` is searched before it."""

MAX_FIELD_CHARS = 1000
"""Longest order text printed from one field; a 10,000 character note would waste a roll."""


class LayoutText(str):
    """Text our own helpers build (indents, markers): passed to the layout as template text."""

    __slots__ = ()


class ClippedText(str):
    """Order text already sanitized and clipped (a line of a long note): printed as data,
    not clipped again."""

    __slots__ = ()


def clip(text: str) -> str:
    """At most `MAX_FIELD_CHARS` characters of `text`, cut after a whole word, ending with
    how much was left out: "… (+8,999 characters not printed)"."""
    if len(text) <= MAX_FIELD_CHARS:
        return text
    head = text[: MAX_FIELD_CHARS + 1]
    boundary = max(head.rfind(" "), head.rfind("\n"))
    # One word longer than half the limit: cutting inside it beats printing nothing of it.
    kept = text[:boundary] if boundary > MAX_FIELD_CHARS // 2 else text[:MAX_FIELD_CHARS]
    kept = kept.rstrip()
    left_out = len(text[len(kept) :].strip())
    return f"{kept}… (+{left_out:,} characters not printed)"


def _finalize(value: Any) -> str:
    """Every ``{{ value }}``: sanitized, clipped and marked as data for the layout engine."""
    if value is None:
        return ""
    if isinstance(value, LayoutText):
        return str(value)
    text = sanitize(str(value))
    if not isinstance(value, ClippedText):
        text = clip(text)
    return f"{DATA_START}{text}{DATA_END}"


def _language(context: jinja2.runtime.Context) -> str:
    language = context.get("language")
    return language if isinstance(language, str) else "en"


def _locale(context: jinja2.runtime.Context) -> PaperLocale:
    return paper_locale(_language(context))


@jinja2.pass_context
def translate(context: jinja2.runtime.Context, text: str, **values: Any) -> LayoutText:
    """``{{ _("Table {table}", table=…) }}``: `text` in the printer's language, the values
    filled in as data (sanitized, clipped, never read as layout)."""
    words = ticket_words(_language(context)).get(text, text)
    return LayoutText(words.format(**{name: _finalize(v) for name, v in values.items()}))


@jinja2.pass_context
def money(
    context: jinja2.runtime.Context, value: Money | Decimal | None, currency: str = "EUR"
) -> str:
    """12,50 € / €12.50 / € 12,50 in the printer's language; empty for a missing amount."""
    if value is None:
        return ""
    if isinstance(value, Money):
        amount, currency = value.amount, value.currency
    else:
        amount = value
    return _locale(context).format_money(amount, CURRENCY_SYMBOLS.get(currency, currency))


def line_total(item: Any) -> Money | None:
    """Unit price times quantity, or None when the line has no price."""
    price: Money | None = item.unit_price
    if price is None:
        return None
    return Money(amount=price.amount * item.quantity, currency=price.currency)


def qty(value: Decimal) -> str:
    return format_quantity(value)


def _local(context: jinja2.runtime.Context, value: datetime) -> datetime:
    """`value` in the ticket's time zone: that of its print time (the restaurant's clock),
    so a due time sent with another offset never disagrees with "Printed" on one ticket."""
    request = context.get("request")
    moment = request.printed_at if request is not None else context.get("now")
    return value.astimezone(moment.tzinfo) if isinstance(moment, datetime) else value


@jinja2.pass_context
def hhmm(context: jinja2.runtime.Context, value: datetime | None) -> str:
    return _locale(context).format_time(_local(context, value)) if value is not None else ""


@jinja2.pass_context
def date_time(context: jinja2.runtime.Context, value: datetime | None) -> str:
    if value is None:
        return ""
    return _locale(context).format_date_time(_local(context, value))


def text_lines(value: str | None) -> list[ClippedText]:
    """A multi-line text (a note) as its lines, each sanitized; blank lines dropped. The
    whole text is clipped to `MAX_FIELD_CHARS`, not each line."""
    if not value:
        return []
    text = clip(sanitize(value, multiline=True))
    return [ClippedText(line) for line in text.split("\n") if line]


_FULFILLMENT = {
    "pickup": N_("PICKUP"),
    "delivery": N_("DELIVERY"),
    "dine_in": N_("DINE IN"),
    "curbside": N_("CURBSIDE"),
    "drive_thru": N_("DRIVE THRU"),
}


@jinja2.pass_context
def fulfillment(context: jinja2.runtime.Context, value: Any) -> str:
    words = _FULFILLMENT.get(str(getattr(value, "value", value)))
    return translate(context, words) if words else str(value).upper()


_RESTRICTIONS = {
    "alcohol": N_("ALCOHOL: ID CHECK"),
    "tobacco": N_("TOBACCO: ID CHECK"),
    "age_check": N_("AGE: ID CHECK"),
}


@jinja2.pass_context
def restriction(context: jinja2.runtime.Context, value: str) -> str:
    words = _RESTRICTIONS.get(value.lower())
    return translate(context, words) if words else value.upper()


_BACKUP_PREFIX = backup_banner("")


@jinja2.pass_context
def banner(context: jinja2.runtime.Context, value: str) -> str:
    """A banner the spooler set (REPRINT, BACKUP FOR Kitchen) in the printer's language."""
    if value == REPRINT_BANNER:
        return translate(context, N_("REPRINT"))
    if value.startswith(_BACKUP_PREFIX):
        printer = value.removeprefix(_BACKUP_PREFIX)
        return translate(context, N_("BACKUP FOR {printer}"), printer=printer)
    return value


@jinja2.pass_context
def words(context: jinja2.runtime.Context, value: str) -> str:
    """English words kds wrote (a late slip's "paper out"), in the printer's language."""
    return str(ticket_words(_language(context)).get(value, value))


_MARKERS = {
    ModifierAction.ADD: "+",
    ModifierAction.REMOVE: "-",
    ModifierAction.CHOOSE: ">",
    ModifierAction.PART: "~",
    ModifierAction.INFO: "i",
}


@dataclass(frozen=True)
class FlatModifier:
    """One modifier row: `lead` (indent and action marker, layout text) and its words."""

    lead: LayoutText
    text: str
    depth: int


def flat_modifiers(
    modifiers: tuple[Modifier, ...], depth: int = 1, no: str = "NO {label}"
) -> list[FlatModifier]:
    """Nested modifiers as rows, two columns of indent per level, parents first; `no`
    words a removal."""
    rows: list[FlatModifier] = []
    for modifier in modifiers:
        marker = _MARKERS[modifier.action]
        rows.append(
            FlatModifier(
                LayoutText("  " * depth + marker + " "), describe_modifier(modifier, no=no), depth
            )
        )
        rows.extend(flat_modifiers(modifier.modifiers, depth + 1, no))
    return rows


@jinja2.pass_context
def _flat_modifiers(
    context: jinja2.runtime.Context, modifiers: tuple[Modifier, ...]
) -> list[FlatModifier]:
    """The ``flat_modifiers`` filter: a removal in the printer's language ("ZONDER Speck")."""
    source = N_("NO {label}")
    return flat_modifiers(modifiers, no=ticket_words(_language(context)).get(source, source))


@jinja2.pass_context
def change_words(context: jinja2.runtime.Context, change: Change) -> str:
    """The ``change`` filter: one change of a CHANGE ticket in the printer's language, its
    values in the printer's formats ("Menge 1 → 2", "Preis: 18,50 € → 21,00 €")."""
    words = ticket_words(_language(context))
    no = N_("NO {label}")
    wording = Wording(
        translate=lambda text: words.get(text, text),
        money=lambda value: money(context, value),
        time=lambda value: hhmm(context, value),
        fulfillment=lambda value: fulfillment(context, value),
        modifier=lambda modifier: describe_modifier(modifier, no=words.get(no, no)),
    )
    return describe_change(change, wording)


def indent(depth: int) -> LayoutText:
    return LayoutText("  " * max(0, int(depth)))


@functools.lru_cache(maxsize=16)
def environment(templates_dir: Path | None) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment that finds `templates_dir` first, then the shipped templates."""
    search = [str(DEFAULT_TEMPLATES_DIR)]
    if templates_dir is not None:
        search.insert(0, str(templates_dir))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,  # an included file ends its last line
    )
    env.filters.update(
        money=money,
        qty=qty,
        hhmm=hhmm,
        date_time=date_time,
        lines=text_lines,
        fulfillment=fulfillment,
        restriction=restriction,
        banner=banner,
        words=words,
        flat_modifiers=_flat_modifiers,
        line_total=line_total,
        change=change_words,
    )
    env.globals.update(indent=indent, line_total=line_total, _=translate)
    return env
