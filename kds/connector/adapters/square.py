"""Square (Orders API webhooks `order.created`, `order.updated`, `order.fulfillment.updated`).

Signature: `x-square-hmacsha256-signature`, the base64 HMAC-SHA256 under the subscription's
signature key of the notification URL (exactly as registered with Square) followed by the
body. Square's webhooks carry no items: each one names the order and its version, and the
connector fetches the order (`GET {api_base_url}/v2/orders/{id}`, with the access token),
retrying with backoff while that fails. A notification whose state is `CANCELED` (or whose
fulfilment became `CANCELED`) cancels the order without a fetch. Square's `version` is the
order's revision: an older version never replaces a newer one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated
from urllib.parse import quote

from pydantic import Field

from kds import wire
from kds.connector.adapters.base import (
    Adapter,
    FetchOrder,
    FetchRequest,
    Ignored,
    Message,
    NonEmpty,
    PayloadError,
    PlatformModel,
    PlatformSettings,
    Secret,
    WebhookDelivery,
    load_json,
    parse_as,
)
from kds.connector.adapters.mapping import (
    IsoDuration,
    Time,
    currency_code,
    customer,
    from_minor,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_base64
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "square"
TITLE = "Square"


class SquareSettings(PlatformSettings):
    signature_key: Secret
    """The webhook subscription's signature key."""
    notification_url: NonEmpty
    """The URL registered with Square for this subscription (part of what is signed)."""
    access_token: Secret
    """For fetching the notified orders (ORDERS_READ)."""
    api_base_url: str = "https://connect.squareup.com"
    api_version: str = "2024-10-17"
    """Sent as `Square-Version`."""


# --- notifications ----------------------------------------------------------------------


class FulfillmentUpdate(PlatformModel):
    new_state: str | None = None


class OrderNotice(PlatformModel):
    order_id: NonEmpty
    version: int | None = None
    state: str | None = None
    fulfillment_update: tuple[FulfillmentUpdate, ...] = ()


class NoticeObject(PlatformModel):
    order_created: OrderNotice | None = None
    order_updated: OrderNotice | None = None
    order_fulfillment_updated: OrderNotice | None = None


class NoticeData(PlatformModel):
    object: NoticeObject


class Notification(PlatformModel):
    type: str
    data: NoticeData


# --- the order --------------------------------------------------------------------------


class SquareMoney(PlatformModel):
    amount: int
    currency: str


class LineModifier(PlatformModel):
    name: str
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    base_price_money: SquareMoney | None = None


class LineItem(PlatformModel):
    uid: str | None = None
    name: str
    quantity: Annotated[Decimal, Field(gt=0)]
    variation_name: str | None = None
    catalog_object_id: str | None = None
    note: str | None = None
    modifiers: tuple[LineModifier, ...] = ()
    base_price_money: SquareMoney | None = None
    gross_sales_money: SquareMoney | None = None


class Recipient(PlatformModel):
    display_name: str | None = None
    phone_number: str | None = None


class Details(PlatformModel):
    """pickup_details and delivery_details share what the kitchen needs."""

    pickup_at: Time | None = None
    deliver_at: Time | None = None
    schedule_type: str | None = None
    note: str | None = None
    prep_time_duration: IsoDuration | None = None
    recipient: Recipient | None = None


class SquareFulfillment(PlatformModel):
    type: str | None = None
    state: str | None = None
    pickup_details: Details | None = None
    delivery_details: Details | None = None
    shipment_details: Details | None = None


class Source(PlatformModel):
    name: str | None = None


class Tender(PlatformModel):
    type: str | None = None


class SquareOrder(PlatformModel):
    id: NonEmpty
    reference_id: str | None = None
    ticket_name: str | None = None
    source: Source | None = None
    state: str | None = None
    version: int | None = None
    created_at: Time
    line_items: Annotated[tuple[LineItem, ...], Field(min_length=1)]
    fulfillments: tuple[SquareFulfillment, ...] = ()
    total_money: SquareMoney | None = None
    total_tax_money: SquareMoney | None = None
    total_discount_money: SquareMoney | None = None
    total_tip_money: SquareMoney | None = None
    net_amount_due_money: SquareMoney | None = None
    tenders: tuple[Tender, ...] = ()


class OrderResponse(PlatformModel):
    order: SquareOrder


_EVENTS = frozenset({"order.created", "order.updated", "order.fulfillment.updated"})
_ENDED = frozenset({"CANCELED", "FAILED"})
_TYPES = {
    "PICKUP": wire.FulfillmentType.PICKUP,
    "DELIVERY": wire.FulfillmentType.DELIVERY,
    "SHIPMENT": wire.FulfillmentType.DELIVERY,
}


def translate(delivery: WebhookDelivery, settings: SquareSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    if isinstance(data, dict) and "order" in data and "type" not in data:
        response = parse_as(OrderResponse, data)
        return (_from_order(response.order),)
    event = parse_as(Notification, data)
    if event.type not in _EVENTS:
        return (Ignored(f"Square event {event.type}"),)
    found = event.data.object
    notice = found.order_created or found.order_updated or found.order_fulfillment_updated
    if notice is None:
        raise PayloadError("data.object", f"a {event.type} event names no order")
    order_id = f"{SOURCE}:{notice.order_id}"
    if notice.state in _ENDED:
        return (Cancellation(order_id, notice.state.lower(), from_platform=True),)
    if any(u.new_state in _ENDED for u in notice.fulfillment_update):
        return (Cancellation(order_id, "fulfillment canceled", from_platform=True),)
    return (FetchOrder(notice.order_id, notice.version),)


def _from_order(order: SquareOrder) -> Message:
    if order.state in _ENDED or (
        order.fulfillments and all(f.state in _ENDED for f in order.fulfillments)
    ):
        return Cancellation(f"{SOURCE}:{order.id}", (order.state or "").lower() or None, True)
    return OrderSnapshot(to_order(order), order.version)


def _money(value: SquareMoney | None, field: str) -> wire.Money | None:
    if value is None:
        return None
    return from_minor(value.amount, currency_code(value.currency, field))


def _item(item: LineItem, n: int) -> wire.Item:
    field = f"order.line_items.{n}"
    unit = _money(item.base_price_money, f"{field}.base_price_money.currency")
    if unit is not None and item.base_price_money is not None:
        extra = sum(
            (
                m.quantity * m.base_price_money.amount
                for m in item.modifiers
                if m.base_price_money is not None
            ),
            Decimal(0),
        )
        unit = from_minor(item.base_price_money.amount + extra, unit.currency)
    return wire.Item(
        line_id=item.uid or str(n + 1),
        name=name(item.name, f"{field}.name"),
        ref=item.catalog_object_id,
        quantity=item.quantity,
        variant=text(item.variation_name),
        notes=tuple(t for t in (text(item.note),) if t is not None),
        modifiers=tuple(
            wire.Modifier(
                name=name(m.name, f"{field}.modifiers.{k}.name"),
                # Square's "no cheese" is the cheese modifier with quantity 0.
                action=wire.ModifierAction.REMOVE
                if m.quantity == 0
                else wire.ModifierAction.CHOOSE,
                quantity=m.quantity if m.quantity > 0 else Decimal(1),
            )
            for k, m in enumerate(item.modifiers)
        ),
        unit_price=unit,
    )


def _totals(order: SquareOrder) -> wire.Totals | None:
    total = _money(order.total_money, "order.total_money.currency")
    if total is None:
        return None
    gross = [i.gross_sales_money for i in order.line_items]
    subtotal = (
        from_minor(sum(g.amount for g in gross if g is not None), total.currency)
        if all(g is not None for g in gross)
        else None
    )
    due = order.net_amount_due_money
    paid = due.amount == 0 if due is not None else bool(order.tenders)
    return wire.Totals(
        currency=total.currency,
        subtotal=subtotal,
        discount=_money(order.total_discount_money, "order.total_discount_money.currency"),
        tip=_money(order.total_tip_money, "order.total_tip_money.currency"),
        tax=_money(order.total_tax_money, "order.total_tax_money.currency"),
        total=total,
        paid=paid,
        payment_method=", ".join(t.type for t in order.tenders if t.type) or None,
    )


def to_order(order: SquareOrder) -> wire.Order:
    """A Square order (as `RetrieveOrder` returns it) as our Order (see README)."""
    fulfillment = order.fulfillments[0] if order.fulfillments else None
    kind = wire.FulfillmentType.PICKUP
    details = None
    if fulfillment is not None:
        kind_name = fulfillment.type or "PICKUP"
        if kind_name not in _TYPES:
            raise PayloadError("order.fulfillments.0.type", f"unknown type {fulfillment.type!r}")
        kind = _TYPES[kind_name]
        details = (
            fulfillment.pickup_details
            or fulfillment.delivery_details
            or fulfillment.shipment_details
        )
    due = (details.pickup_at or details.deliver_at) if details else None
    prep = details.prep_time_duration if details else None
    recipient = details.recipient if details else None
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=order.id,
        display_id=text(order.ticket_name) or text(order.reference_id) or order.id,
        source=SOURCE,
        channel=text(order.source.name) if order.source else None,
        revision=1,
        created_at=order.created_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=(details.schedule_type or "ASAP") != "SCHEDULED" if details else True,
            due_at=due,
            prepare_at=due - prep if due is not None and prep is not None else None,
        ),
        customer=customer(recipient.display_name, recipient.phone_number) if recipient else None,
        notes=notes((wire.NoteKind.ORDER, details.note if details else None)),
        items=tuple(_item(item, n) for n, item in enumerate(order.line_items)),
        totals=_totals(order),
    )


def verify(delivery: WebhookDelivery, settings: SquareSettings) -> bool:
    signed = settings.notification_url.encode() + delivery.body
    return matches_base64(
        delivery.header("x-square-hmacsha256-signature"), settings.signature_key, signed
    )


def fetch_request(settings: SquareSettings, external_id: str) -> FetchRequest:
    return FetchRequest(
        f"{settings.api_base_url.rstrip('/')}/v2/orders/{quote(external_id, safe='')}",
        {
            "Authorization": f"Bearer {settings.access_token}",
            "Square-Version": settings.api_version,
            "Accept": "application/json",
        },
    )


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="x-square-hmacsha256-signature",
    settings=SquareSettings,
    verify=verify,
    translate=translate,
    fetch_request=fetch_request,
)
