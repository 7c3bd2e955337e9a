"""What every platform adapter is made of: its settings, its webhook check, its translation.

An adapter turns one webhook delivery (the raw body, the headers, the time it arrived) into
messages for the intake: an order snapshot, a cancellation, an order to fetch from the
platform's API, or an event the kitchen does not need. Translation is a pure function; it
raises `PayloadError` naming the platform's field and the reason when the body cannot be
read, and then nothing of it is used.

Platform payload models ignore fields the kitchen does not need (`extra="ignore"`):
platforms add fields all the time, and an order must not be refused because of one. The
connector's own config is strict (`extra="forbid"`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kds.connector.errors import ConnectorError
from kds.connector.intake import Cancellation, OrderSnapshot


class PayloadError(ConnectorError):
    """A platform payload that cannot be read: `field` (platform's path) and `reason`."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


class PlatformModel(BaseModel):
    """Base of platform payload models: frozen; unknown fields are ignored, not refused."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class PlatformSettings(BaseModel):
    """Base of one platform's section in the connector config (strict: typos are errors)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


NonEmpty = Annotated[str, Field(min_length=1)]
"""A platform's id for an order: never empty."""

Secret = NonEmpty
"""A webhook secret, key or API token in the connector config: never empty."""


S = TypeVar("S", bound=PlatformSettings)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class WebhookDelivery:
    """One POST to `/webhooks/<platform>`: the exact body, the headers, when it arrived."""

    body: bytes
    headers: Mapping[str, str]
    """Header names in lower case."""
    received_at: datetime

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class FetchOrder:
    """The platform only notified us: fetch this order from its API, then translate it."""

    external_id: str
    version: int | None = None


@dataclass(frozen=True)
class Ignored:
    """An event the kitchen does not need (a courier update, a store notification)."""

    reason: str


Message = OrderSnapshot | Cancellation | FetchOrder | Ignored


@dataclass(frozen=True)
class FetchRequest:
    """How to GET one order from a platform's API."""

    url: str
    headers: Mapping[str, str] = field(default_factory=dict)


class NotConfiguredError(ConnectorError):
    """A platform setting needed for this delivery (e.g. an API token) is missing."""


@dataclass(frozen=True)
class Adapter(Generic[S]):
    """One platform: the name in the URL (also the orders' `source`), and its functions."""

    name: str
    title: str
    settings: type[S]
    signature_header: str
    """The header holding the platform's signature (or shared key)."""
    verify: Callable[[WebhookDelivery, S], bool]
    """True when the delivery carries the platform's valid signature or key."""
    translate: Callable[[WebhookDelivery, S], tuple[Message, ...]]
    """The delivery (or an order fetched from the API) as intake messages; PayloadError."""
    fetch_request: Callable[[S, str], FetchRequest] | None = None
    """For platforms that send notifications only: how to fetch an order by its id."""

    def read(self, delivery: WebhookDelivery, settings: S) -> tuple[Message, ...]:
        """`translate`, refusing by outcome: whatever in the payload makes the mapping fail
        is a PayloadError. A value our protocol refuses names the mapped field (the platform
        models check most things first, naming the platform's); arithmetic on the payload's
        values that cannot be done (a time before year 1) says so."""
        try:
            return self.translate(delivery, settings)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = _location(first["loc"])
            reason = f"{where}: {first['msg']}" if where else first["msg"]
            raise PayloadError("(mapped order)", reason) from None
        except RecursionError:
            raise PayloadError("body", "nested too deeply") from None
        except (ValueError, ArithmeticError) as exc:
            raise PayloadError("(mapped order)", f"{type(exc).__name__}: {exc}") from None


# --- the border: bytes -> models --------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(body: bytes) -> Any:
    """The body as JSON, numbers with a fraction as Decimal (money stays exact)."""
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:  # JSON, UTF-8, nesting, 4300-digit ints
        raise PayloadError("body", f"not valid JSON: {exc}") from None


def _location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def parse_as(model: type[M], data: Any, prefix: str = "") -> M:
    """Validate `data` as the platform model, or PayloadError with the first problem.

    `prefix` is where `data` sits in the body (`"order."`), for the error's field.
    """
    if not isinstance(data, dict):
        raise PayloadError(prefix.rstrip(".") or "body", "must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise PayloadError(prefix + _location(first["loc"]), first["msg"]) from None
    except RecursionError:
        raise PayloadError(prefix.rstrip(".") or "body", "nested too deeply") from None


def load(model: type[M], body: bytes) -> M:
    """`load_json` then `parse_as`."""
    return parse_as(model, load_json(body))
