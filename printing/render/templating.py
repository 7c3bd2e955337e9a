"""The sandboxed Jinja2 environment ticket templates run in, with the filters they use."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from kds.domain.changes import describe_modifier, format_quantity
from kds.resources import resource_path
from kds.wire import Modifier, ModifierAction, Money
from printing.render.layout import DATA_END, DATA_START
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


_CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF", "DKK": "kr"}


def money(value: Money | Decimal | None, currency: str = "EUR") -> str:
    """12,50 € (comma decimals, symbol after); empty for a missing amount."""
    if value is None:
        return ""
    if isinstance(value, Money):
        amount, currency = value.amount, value.currency
    else:
        amount = value
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    number = f"{rounded:.2f}".replace(".", ",")
    return f"{number} {_CURRENCY_SYMBOLS.get(currency, currency)}"


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
    return _local(context, value).strftime("%H:%M") if value is not None else ""


@jinja2.pass_context
def date_time(context: jinja2.runtime.Context, value: datetime | None) -> str:
    return _local(context, value).strftime("%d.%m.%Y %H:%M") if value is not None else ""


def text_lines(value: str | None) -> list[ClippedText]:
    """A multi-line text (a note) as its lines, each sanitized; blank lines dropped. The
    whole text is clipped to `MAX_FIELD_CHARS`, not each line."""
    if not value:
        return []
    text = clip(sanitize(value, multiline=True))
    return [ClippedText(line) for line in text.split("\n") if line]


_FULFILLMENT = {
    "pickup": "PICKUP",
    "delivery": "DELIVERY",
    "dine_in": "DINE IN",
    "curbside": "CURBSIDE",
    "drive_thru": "DRIVE THRU",
}


def fulfillment(value: Any) -> str:
    return _FULFILLMENT.get(str(getattr(value, "value", value)), str(value).upper())


_RESTRICTIONS = {"alcohol": "ALCOHOL: ID CHECK", "tobacco": "TOBACCO: ID CHECK"}


def restriction(value: str) -> str:
    return _RESTRICTIONS.get(value.lower(), value.upper())


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


def flat_modifiers(modifiers: tuple[Modifier, ...], depth: int = 1) -> list[FlatModifier]:
    """Nested modifiers as rows, two columns of indent per level, parents first."""
    rows: list[FlatModifier] = []
    for modifier in modifiers:
        marker = _MARKERS[modifier.action]
        rows.append(
            FlatModifier(
                LayoutText("  " * depth + marker + " "), describe_modifier(modifier), depth
            )
        )
        rows.extend(flat_modifiers(modifier.modifiers, depth + 1))
    return rows


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
        flat_modifiers=flat_modifiers,
        line_total=line_total,
    )
    env.globals.update(indent=indent, line_total=line_total)
    return env
