"""Small pure helpers the adapters share: money, text, times, durations, names.

Money is exact: minor units become `Decimal` by moving the point (`1599` USD -> `15.99`),
amounts in major units keep their digits (read from JSON as `Decimal`, never float).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from kds import wire
from kds.connector.adapters.base import PayloadError

MAX_MODIFIER_DEPTH = 8
"""Modifier trees deeper than this are refused (real menus nest three levels at most)."""

# ISO 4217 currencies whose minor unit is not 1/100.
_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(
        "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(), 0
    ),
    **dict.fromkeys("BHD IQD JOD KWD LYD OMR TND".split(), 3),
}

_CURRENCY = re.compile(r"^[A-Z]{3}$")

CurrencySetting = Annotated[str, Field(pattern=_CURRENCY.pattern)]
"""A currency in the connector config, for platforms whose payloads name none."""


def currency_code(value: str, field: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise PayloadError(field, f"{value!r} is not an ISO 4217 currency code")
    return code


def minor_exponent(currency: str) -> int:
    """Digits after the point in `currency` (2 for EUR, 0 for JPY, 3 for KWD)."""
    return _EXPONENTS.get(currency, 2)


def from_minor(amount: Decimal | int, currency: str, digits: int | None = None) -> wire.Money:
    """An amount in minor units (cents): `1599` USD -> 15.99 USD, exactly."""
    exponent = minor_exponent(currency) if digits is None else digits
    return wire.Money(amount=Decimal(amount).scaleb(-exponent), currency=currency)


def from_major(amount: Decimal | int, currency: str) -> wire.Money:
    """An amount in major units, shown with the currency's digits when that is exact
    (`5` GBP -> 5.00, `7.25` -> 7.25; `1.5966` keeps its four digits)."""
    value = Decimal(amount)
    try:
        shown = value.quantize(Decimal(1).scaleb(-minor_exponent(currency)))
    except InvalidOperation:
        shown = value
    return wire.Money(amount=shown if shown == value else value, currency=currency)


def text(value: str | None) -> str | None:
    """Free text from a platform: HTML entities decoded (`&ndash;` -> –), outer white space
    removed; empty means none. Line breaks and every other character stay as sent."""
    if value is None:
        return None
    decoded = html.unescape(value).strip()
    return decoded or None


def name(value: str | None, field: str) -> str:
    """A name that must be there (an item's, a modifier's)."""
    result = text(value)
    if result is None:
        raise PayloadError(field, "must not be empty")
    return result


def first_name(value: str | None) -> str | None:
    """The first word of a full name: kitchens call guests by their first name only."""
    full = text(value)
    return full.split()[0] if full else None


def customer(
    full_name: str | None, phone: str | None = None, access_code: str | None = None
) -> wire.Customer | None:
    """The guest by first name, with the phone (and its access code) for the courier;
    None when the payload names nobody."""
    first = first_name(full_name)
    if first is None:
        return None
    return wire.Customer(name=first, phone=text(phone), phone_access_code=text(access_code))


def address(
    lines: Iterable[str | None],
    city: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
) -> wire.Address:
    """An address from the platform's parts; empty parts are left out."""
    return wire.Address(
        lines=tuple(t for line in lines if (t := text(line)) is not None),
        city=text(city),
        postal_code=text(postal_code),
        country=text(country),
    )


def notes(*pairs: tuple[wire.NoteKind, str | None]) -> tuple[wire.Note, ...]:
    """The non-empty ones of (kind, text) as Notes, in order."""
    result = []
    for kind, raw in pairs:
        body = text(raw)
        if body is not None:
            result.append(wire.Note(kind=kind, text=body))
    return tuple(result)


# --- times ------------------------------------------------------------------------------


def _aware(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 time") from None
        if parsed.tzinfo is None:
            raise ValueError(f"{value!r} has no UTC offset")
        return parsed
    return value


def _utc_if_naive(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 time") from None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return value


Time = Annotated[datetime, BeforeValidator(_aware)]
"""An ISO 8601 time with its offset (kept: 15:16-05:00 stays -05:00)."""

UtcTime = Annotated[datetime, BeforeValidator(_utc_if_naive)]
"""A time the platform documents as UTC, sent without an offset (WooCommerce `*_gmt`)."""


def time_or_none(value: str | None) -> datetime | None:
    """A time field that may hold a placeholder instead of a time: None when unreadable."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


_ISO_DURATION = re.compile(
    r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_CLOCK_DURATION = re.compile(r"^(?P<hours>\d+):(?P<minutes>[0-5]\d):(?P<seconds>[0-5]\d)$")


def _iso_duration(value: Any) -> Any:
    if isinstance(value, str):
        match = _ISO_DURATION.match(value.strip())
        if match is None or value.strip() in ("P", "PT"):
            raise ValueError(f"{value!r} is not an ISO 8601 duration such as PT15M")
        parts = {k: float(v) for k, v in match.groupdict().items() if v is not None}
        return timedelta(**parts)
    return value


def _clock_duration(value: Any) -> Any:
    if isinstance(value, str):
        match = _CLOCK_DURATION.match(value.strip())
        if match is None:
            raise ValueError(f"{value!r} is not a duration such as 0:23:32")
        return timedelta(**{k: int(v) for k, v in match.groupdict().items()})
    return value


IsoDuration = Annotated[timedelta, BeforeValidator(_iso_duration)]
"""An ISO 8601 duration (`PT15M`, `P1DT2H`)."""

ClockDuration = Annotated[timedelta, BeforeValidator(_clock_duration)]
"""A duration written as a clock (`0:23:32`)."""
