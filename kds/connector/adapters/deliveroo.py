"""Deliveroo (Order API webhooks `order.new` and `order.status_update`).

Signature: `X-Deliveroo-Hmac-Sha256`, the hex HMAC-SHA256 under the webhook secret of the
`X-Deliveroo-Sequence-Guid` header, a space, and the body. Both events carry the whole
order: a new or changed order is a snapshot; status `canceled` or `rejected` cancels it.
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
    NonEmpty,
    PayloadError,
    PlatformModel,
    PlatformSettings,
    Secret,
    WebhookDelivery,
    load,
)
from kds.connector.adapters.mapping import (
    MAX_MODIFIER_DEPTH,
    Time,
    currency_code,
    customer,
    from_minor,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_hex
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "deliveroo"
TITLE = "Deliveroo"


class DeliverooSettings(PlatformSettings):
    webhook_secret: Secret
    """The webhook secret Deliveroo gave you (not the API secret)."""


class Fractional(PlatformModel):
    currency_code: str
    fractional: int


class DeliverooModifier(PlatformModel):
    name: str
    operational_name: str | None = None
    pos_item_id: str | None = None
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    modifiers: tuple[DeliverooModifier, ...] = ()


class DeliverooItem(PlatformModel):
    name: str
    operational_name: str | None = None
    pos_item_id: str | None = None
    quantity: Annotated[Decimal, Field(gt=0)]
    unit_price: Fractional | None = None
    modifiers: tuple[DeliverooModifier, ...] = ()


class DeliverooCustomer(PlatformModel):
    first_name: str | None = None
    contact_number: str | None = None
    contact_access_code: str | None = None


class StatusEntry(PlatformModel):
    at: Time
    status: str


class DeliverooOrder(PlatformModel):
    id: NonEmpty
    display_id: str | None = None
    brand_id: str | None = None
    status: str | None = None
    fulfillment_type: str | None = None
    asap: bool = True
    prepare_for: Time | None = None
    start_preparing_at: Time | None = None
    customer: DeliverooCustomer | None = None
    order_notes: str | None = None
    cutlery_notes: str | None = None
    items: Annotated[tuple[DeliverooItem, ...], Field(min_length=1)]
    subtotal: Fractional | None = None
    total_price: Fractional | None = None
    offer_discount: Fractional | None = None
    cash_due: Fractional | None = None
    status_log: tuple[StatusEntry, ...] = ()


class Body(PlatformModel):
    order: DeliverooOrder


class Event(PlatformModel):
    event: str
    body: Body


_EVENTS = frozenset({"order.new", "order.status_update"})
_CANCELLED = frozenset({"canceled", "cancelled", "rejected"})
_TYPES = {
    "deliveroo": wire.FulfillmentType.DELIVERY,
    "restaurant": wire.FulfillmentType.DELIVERY,
    "customer": wire.FulfillmentType.PICKUP,
    "table_service": wire.FulfillmentType.DINE_IN,
}


def translate(delivery: WebhookDelivery, settings: DeliverooSettings) -> tuple[Message, ...]:
    event = load(Event, delivery.body)
    if event.event not in _EVENTS:
        return (Ignored(f"Deliveroo event {event.event}"),)
    order = event.body.order
    if (order.status or "").lower() in _CANCELLED:
        return (Cancellation(f"{SOURCE}:{order.id}", order.status, from_platform=True),)
    return (OrderSnapshot(to_order(order, delivery.received_at)),)


def _money(value: Fractional | None, field: str) -> wire.Money | None:
    if value is None:
        return None
    return from_minor(value.fractional, currency_code(value.currency_code, field))


def _modifiers(
    modifiers: tuple[DeliverooModifier, ...], field: str, depth: int = 1
) -> tuple[wire.Modifier, ...]:
    if modifiers and depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"modifiers nested deeper than {MAX_MODIFIER_DEPTH} levels")
    return tuple(
        wire.Modifier(
            name=name(m.name, f"{field}.{n}.name"),
            kitchen_name=text(m.operational_name),
            action=wire.ModifierAction.CHOOSE,
            quantity=m.quantity,
            modifiers=_modifiers(m.modifiers, f"{field}.{n}.modifiers", depth + 1),
        )
        for n, m in enumerate(modifiers)
        if m.quantity > 0
    )


def _item(item: DeliverooItem, n: int) -> wire.Item:
    field = f"body.order.items.{n}"
    return wire.Item(
        line_id=str(n + 1),
        name=name(item.name, f"{field}.name"),
        kitchen_name=text(item.operational_name),
        ref=item.pos_item_id,
        quantity=item.quantity,
        modifiers=_modifiers(item.modifiers, f"{field}.modifiers"),
        unit_price=_money(item.unit_price, f"{field}.unit_price.currency_code"),
    )


def _totals(order: DeliverooOrder) -> wire.Totals | None:
    where = "body.order"
    total = _money(order.total_price, f"{where}.total_price.currency_code")
    if total is None:
        return None
    cash_due = order.cash_due.fractional if order.cash_due else 0
    return wire.Totals(
        currency=total.currency,
        subtotal=_money(order.subtotal, f"{where}.subtotal.currency_code"),
        discount=_money(order.offer_discount, f"{where}.offer_discount.currency_code"),
        total=total,
        paid=cash_due == 0,
        payment_method=None if cash_due == 0 else "cash",
    )


def to_order(order: DeliverooOrder, received_at: datetime) -> wire.Order:
    """A Deliveroo order as our Order (see README, "Platform adapters")."""
    kind_name = order.fulfillment_type or "customer"
    if kind_name not in _TYPES:
        raise PayloadError(
            "body.order.fulfillment_type", f"unknown fulfilment type {order.fulfillment_type!r}"
        )
    placed = next((s.at for s in order.status_log if s.status == "placed"), None)
    guest = order.customer
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=order.id,
        display_id=text(order.display_id) or order.id,
        source=SOURCE,
        brand=text(order.brand_id),
        revision=1,
        created_at=placed or received_at,
        fulfillment=wire.Fulfillment(
            type=_TYPES[kind_name],
            asap=order.asap,
            due_at=order.prepare_for,
            prepare_at=order.start_preparing_at,
        ),
        customer=customer(guest.first_name, guest.contact_number, guest.contact_access_code)
        if guest
        else None,
        notes=notes(
            (wire.NoteKind.ORDER, order.order_notes), (wire.NoteKind.CUTLERY, order.cutlery_notes)
        ),
        items=tuple(_item(item, n) for n, item in enumerate(order.items)),
        totals=_totals(order),
    )


def verify(delivery: WebhookDelivery, settings: DeliverooSettings) -> bool:
    guid = delivery.header("X-Deliveroo-Sequence-Guid")
    if not guid:
        return False
    signed = guid.encode() + b" " + delivery.body
    return matches_hex(delivery.header("X-Deliveroo-Hmac-Sha256"), settings.webhook_secret, signed)


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="X-Deliveroo-Hmac-Sha256",
    settings=DeliverooSettings,
    verify=verify,
    translate=translate,
)
