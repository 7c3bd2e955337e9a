"""GloriaFood (Accepted Orders API v2, push): `{count, orders: [...]}`, one or more orders.

GloriaFood does not sign the body: it sends its master key in the `Authorization` header
(`master_key` in the config). Only lines of `type` `item` are food; the others (delivery
fee, tip, promotions, service fees, cash discount) feed the totals. An order whose status is
`canceled`, `rejected` or `missed` cancels it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from kds import wire
from kds.connector.adapters.base import (
    Adapter,
    Ignored,
    Message,
    PayloadError,
    PlatformModel,
    PlatformSettings,
    Secret,
    WebhookDelivery,
    load,
)
from kds.connector.adapters.mapping import (
    Time,
    address,
    currency_code,
    customer,
    from_major,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_key
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "gloriafood"
TITLE = "GloriaFood"


class GloriaFoodSettings(PlatformSettings):
    master_key: Secret
    """The master key GloriaFood sends in the `Authorization` header."""


class GloriaOption(PlatformModel):
    name: str
    price: Decimal = Decimal(0)
    group_name: str | None = None
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    type: str | None = None
    kitchen_internal_name: str | None = None


class GloriaItem(PlatformModel):
    id: int | str
    name: str
    type: str
    type_id: int | None = None
    price: Decimal = Decimal(0)
    total_item_price: Decimal | None = None
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    instructions: str | None = None
    kitchen_internal_name: str | None = None
    options: tuple[GloriaOption, ...] = ()


class AddressParts(PlatformModel):
    street: str | None = None
    more_address: str | None = None
    zipcode: str | None = None
    city: str | None = None


class GloriaOrder(PlatformModel):
    id: int | str
    status: str | None = None
    type: str = "pickup"
    source: str | None = None
    restaurant_name: str | None = None
    for_later: bool = False
    fulfill_at: Time | None = None
    accepted_at: Time | None = None
    instructions: str | None = None
    missed_reason: str | None = None
    currency: str | None = None
    total_price: Decimal | None = None
    sub_total_price: Decimal | None = None
    tax_value: Decimal | None = None
    payment: str | None = None
    persons: Annotated[int, Field(ge=0)] | None = None
    client_first_name: str | None = None
    client_phone: str | None = None
    client_address_parts: AddressParts | None = None
    items: tuple[GloriaItem, ...] = ()


class Envelope(PlatformModel):
    orders: tuple[GloriaOrder, ...]


_CANCELLED = frozenset({"canceled", "cancelled", "rejected", "missed"})
_TYPES = {
    "delivery": wire.FulfillmentType.DELIVERY,
    "pickup": wire.FulfillmentType.PICKUP,
    "dine_in": wire.FulfillmentType.DINE_IN,
    "table_reservation": wire.FulfillmentType.DINE_IN,
}


def translate(delivery: WebhookDelivery, settings: GloriaFoodSettings) -> tuple[Message, ...]:
    envelope = load(Envelope, delivery.body)
    return tuple(
        _message(order, n, delivery.received_at) for n, order in enumerate(envelope.orders)
    )


def _message(order: GloriaOrder, n: int, received_at: datetime) -> Message:
    order_id = f"{SOURCE}:{order.id}"
    if (order.status or "").lower() in _CANCELLED:
        reason = text(order.missed_reason) or order.status
        return Cancellation(order_id, reason, from_platform=True)
    if order.type == "table_reservation" and not any(i.type == "item" for i in order.items):
        return Ignored(f"GloriaFood table reservation {order.id} (no food ordered)")
    return OrderSnapshot(to_order(order, f"orders.{n}.", received_at))


def _item(item: GloriaItem, n: int, prefix: str, currency: str | None) -> wire.Item:
    field = f"{prefix}items.{n}"
    if item.quantity == 0:
        raise PayloadError(f"{field}.quantity", "must be greater than 0")
    sizes = [o for o in item.options if o.type == "size"]
    others = [(k, o) for k, o in enumerate(item.options) if o.type != "size" and o.quantity > 0]
    unit = item.price + sum((o.price * o.quantity for o in item.options), Decimal(0))
    return wire.Item(
        line_id=str(item.id),
        name=name(item.name, f"{field}.name"),
        kitchen_name=text(item.kitchen_internal_name),
        ref=None if item.type_id is None else str(item.type_id),
        quantity=item.quantity,
        variant=", ".join(t for o in sizes if (t := text(o.name))) or None,
        notes=tuple(t for t in (text(item.instructions),) if t is not None),
        modifiers=tuple(
            wire.Modifier(
                name=name(o.name, f"{field}.options.{k}.name"),
                kitchen_name=text(o.kitchen_internal_name),
                group=text(o.group_name),
                action=wire.ModifierAction.CHOOSE,
                quantity=o.quantity,
            )
            for k, o in others
        ),
        unit_price=None if currency is None else from_major(unit, currency),
    )


def _line_sum(order: GloriaOrder, kind: str, currency: str) -> wire.Money | None:
    lines = [i for i in order.items if i.type == kind]
    if not lines:
        return None
    values = [i.total_item_price if i.total_item_price is not None else i.price for i in lines]
    return from_major(sum(values, Decimal(0)), currency)


def _totals(order: GloriaOrder, currency: str | None) -> wire.Totals | None:
    if currency is None or order.total_price is None:
        return None
    paid = (order.payment or "").upper() == "ONLINE"
    return wire.Totals(
        currency=currency,
        subtotal=None
        if order.sub_total_price is None
        else from_major(order.sub_total_price, currency),
        delivery_fee=_line_sum(order, "delivery_fee", currency),
        tip=_line_sum(order, "tip", currency),
        tax=None if order.tax_value is None else from_major(order.tax_value, currency),
        total=from_major(order.total_price, currency),
        paid=paid,
        payment_method=text(order.payment),
    )


def to_order(order: GloriaOrder, prefix: str, received_at: datetime) -> wire.Order:
    """A GloriaFood order as our Order (see README, "Platform adapters")."""
    kind = _TYPES.get(order.type)
    if kind is None:
        raise PayloadError(f"{prefix}type", f"unknown order type {order.type!r}")
    food = [(n, item) for n, item in enumerate(order.items) if item.type == "item"]
    if not food:
        raise PayloadError(f"{prefix}items", "an order needs at least one line of type 'item'")
    currency = currency_code(order.currency, f"{prefix}currency") if order.currency else None
    parts = order.client_address_parts
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=str(order.id),
        display_id=str(order.id),
        source=SOURCE,
        channel=text(order.source),
        brand=text(order.restaurant_name),
        revision=1,
        created_at=order.accepted_at or received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=not order.for_later,
            due_at=order.fulfill_at,
            guests=order.persons or None,
            address=address((parts.street, parts.more_address), parts.city, parts.zipcode)
            if parts is not None and kind is wire.FulfillmentType.DELIVERY
            else None,
        ),
        customer=customer(order.client_first_name, order.client_phone),
        notes=notes((wire.NoteKind.ORDER, order.instructions)),
        items=tuple(_item(item, n, prefix, currency) for n, item in food),
        totals=_totals(order, currency),
    )


def verify(delivery: WebhookDelivery, settings: GloriaFoodSettings) -> bool:
    return matches_key(delivery.header("Authorization"), settings.master_key)


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="Authorization",
    settings=GloriaFoodSettings,
    verify=verify,
    translate=translate,
)
