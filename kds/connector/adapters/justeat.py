"""Just Eat Takeaway / Lieferando (JET Connect order webhooks and `OrderCancelled`).

JET Connect documents no body signature for its order webhooks: the endpoint checks a
shared key instead, which you set as the webhook's `Authorization` header when you register
it with JET (`webhook_key` in the config; `Bearer <key>` works too). "Acceptance requested"
and "ready for preparation" both carry the whole order; `{"Event": "OrderCancelled"}`
cancels it.
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
    load_json,
    parse_as,
)
from kds.connector.adapters.mapping import (
    MAX_MODIFIER_DEPTH,
    ClockDuration,
    Time,
    address,
    currency_code,
    customer,
    from_major,
    name,
    text,
)
from kds.connector.adapters.signing import matches_key
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "justeat"
TITLE = "Just Eat Takeaway"


class JustEatSettings(PlatformSettings):
    webhook_key: Secret
    """The key JET sends in the webhook's `Authorization` header (set when registering it)."""


class JetItem(PlatformModel):
    Name: str
    Quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    Reference: str | None = None
    Synonym: str | None = None
    UnitPrice: Decimal | None = None
    Items: tuple[JetItem, ...] = ()


class KeyValue(PlatformModel):
    Key: str
    Value: str | None = None


class NotesObject(PlatformModel):
    noteForRestaurant: str | None = None
    noteForDelivery: str | None = None


class JetAddress(PlatformModel):
    Lines: tuple[str, ...] = ()
    City: str | None = None
    PostalCode: str | None = None


class JetFulfilment(PlatformModel):
    Address: JetAddress | None = None
    CustomerDueAsap: bool = True
    CustomerDueDate: Time | None = None
    Method: str = "Delivery"
    PhoneNumber: str | None = None
    PhoneMaskingCode: str | None = None
    PreparationTime: ClockDuration | None = None


class JetCustomer(PlatformModel):
    Name: str | None = None


class PaymentLine(PlatformModel):
    Paid: bool = False
    Type: str | None = None
    Value: Decimal = Decimal(0)


class JetPayment(PlatformModel):
    Lines: tuple[PaymentLine, ...] = ()


class JetFees(PlatformModel):
    Delivery: Decimal | None = None


class JetPrices(PlatformModel):
    Discount: Decimal | None = None
    Fees: JetFees | None = None
    Items: Decimal | None = None
    Taxes: Decimal | None = None
    Tips: Decimal | None = None


class JetRestriction(PlatformModel):
    Type: str


class JetRestaurant(PlatformModel):
    Name: str | None = None


class JetOrder(PlatformModel):
    OrderId: NonEmpty
    FriendlyOrderReference: str | None = None
    Currency: str | None = None
    Customer: JetCustomer | None = None
    CustomerNotes: NotesObject | tuple[KeyValue, ...] | None = None
    Fulfilment: JetFulfilment
    IsTest: bool = False
    Items: Annotated[tuple[JetItem, ...], Field(min_length=1)]
    Payment: JetPayment | None = None
    PlacedDate: Time | None = None
    PriceBreakdown: JetPrices | None = None
    Restaurant: JetRestaurant | None = None
    Restrictions: tuple[JetRestriction, ...] = ()
    TotalPrice: Decimal | None = None


class OrderEvent(PlatformModel):
    Event: str
    OrderId: NonEmpty
    Reason: str | None = None


_TYPES = {
    "delivery": wire.FulfillmentType.DELIVERY,
    "collection": wire.FulfillmentType.PICKUP,
    "dinein": wire.FulfillmentType.DINE_IN,
}


def translate(delivery: WebhookDelivery, settings: JustEatSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    if isinstance(data, dict) and "Event" in data:
        event = parse_as(OrderEvent, data)
        if event.Event == "OrderCancelled":
            reason = text(event.Reason)
            return (Cancellation(f"{SOURCE}:{event.OrderId}", reason, from_platform=True),)
        return (Ignored(f"Just Eat event {event.Event}"),)
    return (OrderSnapshot(to_order(parse_as(JetOrder, data), delivery.received_at)),)


def _modifiers(items: tuple[JetItem, ...], field: str, depth: int = 1) -> tuple[wire.Modifier, ...]:
    if items and depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"items nested deeper than {MAX_MODIFIER_DEPTH} levels")
    return tuple(
        wire.Modifier(
            name=name(i.Name, f"{field}.{n}.Name"),
            # A meal's parts ("Chicken Box Meal": fries, a drink); the size is the synonym.
            action=wire.ModifierAction.PART,
            quantity=i.Quantity,
            note=text(i.Synonym),
            modifiers=_modifiers(i.Items, f"{field}.{n}.Items", depth + 1),
        )
        for n, i in enumerate(items)
        if i.Quantity > 0
    )


def _notes(value: NotesObject | tuple[KeyValue, ...] | None) -> tuple[wire.Note, ...]:
    """CustomerNotes: an object in one webhook, a list of {Key, Value} in another."""
    if value is None:
        return ()
    if isinstance(value, NotesObject):
        pairs = [("noteForRestaurant", value.noteForRestaurant)]
        pairs.append(("noteForDelivery", value.noteForDelivery))
    else:
        pairs = [(kv.Key, kv.Value) for kv in value]
    result = []
    for key, raw in pairs:
        body = text(raw)
        if body is None:
            continue
        if key == "noteForDelivery":
            result.append(wire.Note(kind=wire.NoteKind.DELIVERY, text=body))
        elif key == "noteForRestaurant":
            result.append(wire.Note(kind=wire.NoteKind.ORDER, text=body))
        else:
            result.append(wire.Note(kind=wire.NoteKind.ORDER, text=f"{text(key) or key}: {body}"))
    return tuple(result)


def _totals(order: JetOrder, currency: str | None) -> wire.Totals | None:
    if currency is None or order.TotalPrice is None:
        return None
    breakdown = order.PriceBreakdown or JetPrices()

    def money(value: Decimal | None) -> wire.Money | None:
        return None if value is None else from_major(value, currency)

    lines = order.Payment.Lines if order.Payment else ()
    paid_value = sum((line.Value for line in lines if line.Paid), Decimal(0))
    paid = bool(lines) and paid_value >= order.TotalPrice
    shown = [line for line in lines if line.Paid == paid] or list(lines)
    methods = ", ".join(t for line in shown if (t := text(line.Type)))
    return wire.Totals(
        currency=currency,
        subtotal=money(breakdown.Items),
        discount=money(breakdown.Discount),
        delivery_fee=money(breakdown.Fees.Delivery if breakdown.Fees else None),
        tip=money(breakdown.Tips),
        tax=money(breakdown.Taxes),
        total=money(order.TotalPrice),
        paid=paid,
        payment_method=methods or None,
    )


def to_order(order: JetOrder, received_at: datetime) -> wire.Order:
    """A JET Connect order as our Order (see README, "Platform adapters")."""
    fulfilment = order.Fulfilment
    kind = _TYPES.get(fulfilment.Method.lower())
    if kind is None:
        raise PayloadError("Fulfilment.Method", f"unknown method {fulfilment.Method!r}")
    currency = currency_code(order.Currency, "Currency") if order.Currency else None
    due = fulfilment.CustomerDueDate
    prep = fulfilment.PreparationTime
    parts = fulfilment.Address
    items = []
    for n, item in enumerate(order.Items):
        if item.Quantity == 0:
            raise PayloadError(f"Items.{n}.Quantity", "must be greater than 0")
        items.append(
            wire.Item(
                line_id=str(n + 1),
                name=name(item.Name, f"Items.{n}.Name"),
                ref=item.Reference,
                quantity=item.Quantity,
                variant=text(item.Synonym),
                modifiers=_modifiers(item.Items, f"Items.{n}.Items"),
                unit_price=None
                if currency is None or item.UnitPrice is None
                else from_major(item.UnitPrice, currency),
            )
        )
    return wire.Order(
        id=f"{SOURCE}:{order.OrderId}",
        external_id=order.OrderId,
        display_id=text(order.FriendlyOrderReference) or order.OrderId,
        source=SOURCE,
        brand=text(order.Restaurant.Name) if order.Restaurant else None,
        revision=1,
        created_at=order.PlacedDate or received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=fulfilment.CustomerDueAsap,
            due_at=due,
            prepare_at=due - prep if due is not None and prep is not None else None,
            address=None
            if parts is None or kind is not wire.FulfillmentType.DELIVERY
            else address(parts.Lines, parts.City, parts.PostalCode),
        ),
        customer=customer(order.Customer.Name, fulfilment.PhoneNumber, fulfilment.PhoneMaskingCode)
        if order.Customer
        else None,
        notes=_notes(order.CustomerNotes),
        restrictions=tuple(r.Type.strip().lower() for r in order.Restrictions if r.Type.strip()),
        items=tuple(items),
        totals=_totals(order, currency),
        is_test=order.IsTest,
    )


def verify(delivery: WebhookDelivery, settings: JustEatSettings) -> bool:
    return matches_key(delivery.header("Authorization"), settings.webhook_key)


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="Authorization",
    settings=JustEatSettings,
    verify=verify,
    translate=translate,
)
