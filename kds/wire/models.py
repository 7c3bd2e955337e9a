"""Pydantic models of every message and of the Order in PROTOCOL.md (version 1).

Every model is frozen and forbids unknown fields: "a field this document does not name is
an error". Money and quantities are decimal *strings* on the wire (a JSON number is
refused, so a float never sneaks in) and `Decimal` inside; times must carry an offset.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 1024 * 1024
MAX_NESTING = 64
"""Deepest nesting of JSON objects and lists in a frame: modifiers may nest 30 levels deep."""
MAX_NUMBER_DIGITS = 100
"""Most digits in a number, a JSON number or a decimal string (a real one has under 20)."""
MAX_INT = 2**63 - 1
"""The largest integer field (seq, revision): the largest SQLite stores."""

CLOSE_REPLACED = 4000
"""Websocket close code: a newer connection of the same device replaced this one."""
CLOSE_TAKEN_OVER = 4001
"""Websocket close code: another device took the printing role over from this one."""
CLOSE_ROLE_GRANTED = 4002
"""Websocket close code: this device was given the printing role; reconnect to get it."""
CLOSE_TOKEN_REVOKED = 4003
"""Websocket close code: this device's token was revoked (or replaced); it is refused now."""

_DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def _decimal_from_string(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str):
        raise ValueError('must be a decimal string such as "12.50", not a JSON number')
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal number")
    # "1e999999" is one digit written, a million when printed. A number has no more
    # digits than its text has characters: only a long text needs them counted.
    if abs(result.adjusted()) > MAX_NUMBER_DIGITS or (
        len(value) > MAX_NUMBER_DIGITS and len(result.as_tuple().digits) > MAX_NUMBER_DIGITS
    ):
        raise ValueError(f"number with more than {MAX_NUMBER_DIGITS} digits")
    return result


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


DecimalStr = Annotated[
    Decimal,
    BeforeValidator(_decimal_from_string),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _DECIMAL_PATTERN}),
]
"""A decimal sent as a JSON string ("12.50"), held as Decimal."""

Quantity = Annotated[
    Decimal,
    BeforeValidator(_positive),
    BeforeValidator(_decimal_from_string),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d+)?$", "description": "> 0"}),
]
"""A quantity: a decimal string greater than zero."""


def _time_text(value: Any) -> Any:
    """A time on the wire is text: a number (Unix time?) says nothing of its zone or unit."""
    if not isinstance(value, str | datetime):
        raise ValueError(
            "a time is an RFC 3339 string with an offset, e.g. 2026-12-01T20:14:00+01:00"
        )
    return value


Timestamp = Annotated[
    AwareDatetime,
    BeforeValidator(_time_text),
    PlainSerializer(lambda t: t.isoformat(), return_type=str),
]
"""An RFC 3339 time with an offset."""

NonEmptyStr = Annotated[str, Field(min_length=1)]


class WireModel(BaseModel):
    """Base of every protocol model: immutable, strict about unknown fields.

    Each model's validator is built when the model is first used, not at import: a
    display's first paint needs the Order only (from its store), the messages come later."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --- the Order --------------------------------------------------------------------------


class Money(WireModel):
    amount: DecimalStr
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class FulfillmentType(StrEnum):
    PICKUP = "pickup"
    DELIVERY = "delivery"
    DINE_IN = "dine_in"
    CURBSIDE = "curbside"
    DRIVE_THRU = "drive_thru"


class Address(WireModel):
    lines: tuple[str, ...] = ()
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None


class Fulfillment(WireModel):
    type: FulfillmentType
    asap: bool
    due_at: Timestamp | None = None
    prepare_at: Timestamp | None = None
    table: str | None = None
    guests: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    address: Address | None = None
    include_cutlery: bool | None = None


class ModifierAction(StrEnum):
    ADD = "add"
    REMOVE = "remove"
    CHOOSE = "choose"
    PART = "part"
    INFO = "info"


class Modifier(WireModel):
    name: NonEmptyStr
    kitchen_name: str | None = None
    group: str | None = None
    action: ModifierAction
    quantity: Quantity
    note: str | None = None
    modifiers: tuple[Modifier, ...] = ()

    @property
    def label(self) -> str:
        """The name a cook reads: the kitchen name where there is one."""
        return self.kitchen_name or self.name


class Item(WireModel):
    line_id: NonEmptyStr
    name: NonEmptyStr
    kitchen_name: str | None = None
    ref: str | None = None
    group: str | None = None
    quantity: Quantity
    variant: str | None = None
    notes: tuple[str, ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    allergens: tuple[str, ...] = ()
    course: str | None = None
    seat: str | None = None
    unit_price: Money | None = None

    @property
    def label(self) -> str:
        """The name a cook reads: the kitchen name where there is one."""
        return self.kitchen_name or self.name


class NoteKind(StrEnum):
    ORDER = "order"
    KITCHEN = "kitchen"
    DELIVERY = "delivery"
    CUTLERY = "cutlery"
    ALLERGY = "allergy"
    OTHER = "other"


class Note(WireModel):
    kind: NoteKind
    text: str


class Customer(WireModel):
    name: str
    phone: str | None = None
    phone_access_code: str | None = None


class Totals(WireModel):
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    subtotal: Money | None = None
    discount: Money | None = None
    delivery_fee: Money | None = None
    tip: Money | None = None
    tax: Money | None = None
    total: Money | None = None
    paid: bool
    payment_method: str | None = None


class Loyalty(WireModel):
    card: str | None = None
    points_before: DecimalStr | None = None
    points_used: DecimalStr | None = None
    points_earned: DecimalStr | None = None
    points_after: DecimalStr | None = None
    wallet_before: Money | None = None
    wallet_after: Money | None = None
    referral_code: str | None = None


class Order(WireModel):
    id: NonEmptyStr
    external_id: str
    display_id: NonEmptyStr
    pickup_code: str | None = None
    source: NonEmptyStr
    channel: str | None = None
    brand: str | None = None
    revision: Annotated[int, Field(ge=1, le=MAX_INT)]
    created_at: Timestamp
    fulfillment: Fulfillment
    customer: Customer | None = None
    notes: tuple[Note, ...] = ()
    restrictions: tuple[str, ...] = ()
    items: Annotated[tuple[Item, ...], Field(min_length=1)]
    totals: Totals | None = None
    loyalty: Loyalty | None = None
    is_test: bool = False

    @model_validator(mode="after")
    def _line_ids_are_unique(self) -> Order:
        # A line is bumped, struck and routed by its id: two lines with one id would be
        # shown or struck together.
        seen: set[str] = set()
        for item in self.items:
            if item.line_id in seen:
                raise ValueError(f"line_id {item.line_id!r} is used by more than one item")
            seen.add(item.line_id)
        return self

    def item(self, line_id: str) -> Item | None:
        """The line with this id, or None."""
        return next((i for i in self.items if i.line_id == line_id), None)


# --- shared vocabulary ------------------------------------------------------------------


class OrderStatus(StrEnum):
    NEW = "new"
    IN_PREPARATION = "in_preparation"
    READY = "ready"
    COLLECTED = "collected"
    RECALLED = "recalled"


class Role(StrEnum):
    DISPLAY = "display"
    PRINTING = "printing"


# --- client -> connector ----------------------------------------------------------------


class Hello(WireModel):
    type: Literal["hello"] = "hello"
    protocol: int
    device_id: NonEmptyStr
    device_name: NonEmptyStr
    roles: tuple[Role, ...]
    last_seq: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None


class Ack(WireModel):
    type: Literal["ack"] = "ack"
    seq: Annotated[int, Field(ge=1, le=MAX_INT)]


class Reject(WireModel):
    """`seq` is None when not even the seq could be read from the frame."""

    type: Literal["reject"] = "reject"
    seq: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    error: str


class StatusChange(WireModel):
    """A person bumped or recalled on this device (client -> connector `order.status`)."""

    type: Literal["order.status"] = "order.status"
    order_id: NonEmptyStr
    status: OrderStatus
    station: str | None = None
    line_ids: tuple[str, ...] = ()
    at: Timestamp


class SyncRequest(WireModel):
    type: Literal["sync"] = "sync"


ClientMessage = Annotated[
    Hello | Ack | Reject | StatusChange | SyncRequest, Field(discriminator="type")
]


# --- connector -> client ----------------------------------------------------------------


class PrintingGrant(StrEnum):
    GRANTED = "granted"
    DENIED = "denied"


class Welcome(WireModel):
    type: Literal["welcome"] = "welcome"
    protocol: int
    connector_id: NonEmptyStr
    last_seq: Annotated[int, Field(ge=0, le=MAX_INT)]
    printing: PrintingGrant | None = None
    printing_holder: str | None = None


class ProtocolErrorMessage(WireModel):
    type: Literal["error"] = "error"
    code: NonEmptyStr
    message: str


class EventBase(WireModel):
    """Fields every sequenced event carries."""

    seq: Annotated[int, Field(ge=1, le=MAX_INT)]
    event_id: NonEmptyStr
    occurred_at: Timestamp


class OrderCreated(EventBase):
    type: Literal["order.created"] = "order.created"
    order: Order


class OrderUpdated(EventBase):
    type: Literal["order.updated"] = "order.updated"
    order: Order


class OrderCancelled(EventBase):
    type: Literal["order.cancelled"] = "order.cancelled"
    order_id: NonEmptyStr
    reason: str | None = None


class OrderStatusChanged(EventBase):
    type: Literal["order.status"] = "order.status"
    order_id: NonEmptyStr
    status: OrderStatus
    station: str | None = None
    line_ids: tuple[str, ...] = ()
    device_id: str | None = None


class Article(WireModel):
    ref: NonEmptyStr
    name: str
    kitchen_name: str | None = None
    group: str | None = None


class ArticleGroup(WireModel):
    id: NonEmptyStr
    name: str


class Catalog(EventBase):
    type: Literal["catalog"] = "catalog"
    articles: tuple[Article, ...] = ()
    groups: tuple[ArticleGroup, ...] = ()


Event = OrderCreated | OrderUpdated | OrderCancelled | OrderStatusChanged | Catalog
"""A sequenced event from the connector."""

ServerMessage = Annotated[
    Welcome
    | ProtocolErrorMessage
    | OrderCreated
    | OrderUpdated
    | OrderCancelled
    | OrderStatusChanged
    | Catalog,
    Field(discriminator="type"),
]
