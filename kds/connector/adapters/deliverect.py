"""Deliverect (orders in the Channel API / POS order-webhook shape, cancellations).

Signature: `X-Server-Authorization-HMAC-SHA256`, the hex HMAC-SHA256 of the body under the
HMAC secret (on Deliverect's staging, the channel link id). An order with `status` 100 is a
cancellation (Deliverect sends cancellations as the order again, or as the channel's
cancel call with `cancellationReason`). Prices are integers with `decimalDigits`; the
payload names no currency, so money is mapped only when the config sets `currency`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from kds import wire
from kds.connector.adapters.base import (
    Adapter,
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
    CurrencySetting,
    address,
    customer,
    from_minor,
    name,
    notes,
    text,
    time_or_none,
)
from kds.connector.adapters.signing import matches_hex
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "deliverect"
TITLE = "Deliverect"
CANCELLED = 100


class DeliverectSettings(PlatformSettings):
    webhook_secret: Secret
    """The HMAC secret (on staging: the channel link id)."""
    currency: CurrencySetting | None = None
    """The restaurant's currency: Deliverect's orders name none (money is left out without)."""


class SubItem(PlatformModel):
    plu: str | None = None
    name: str
    price: int = 0
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    remark: str | None = None
    subItems: tuple[SubItem, ...] = ()


class DeliverectItem(PlatformModel):
    plu: str | None = None
    name: str
    price: int = 0
    quantity: Annotated[Decimal, Field(gt=0)]
    remark: str | None = None
    subItems: tuple[SubItem, ...] = ()


class Address(PlatformModel):
    street: str | None = None
    streetNumber: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: str | None = None
    extraAddressInfo: str | None = None


class DeliverectCustomer(PlatformModel):
    name: str | None = None
    phoneNumber: str | None = None
    phoneAccessCode: str | None = None
    note: str | None = None


class Payment(PlatformModel):
    amount: int | None = None


class Tax(PlatformModel):
    total: int = 0


class DeliverectOrder(PlatformModel):
    channelOrderId: NonEmpty
    channelOrderDisplayId: str | None = None
    channel: int | None = None
    status: int | None = None
    cancellationReason: str | None = None
    orderType: int | None = None
    deliveryIsAsap: bool = True
    pickupTime: str | None = None
    deliveryTime: str | None = None
    placedTime: str | None = None
    ageCheck: bool = False
    deliveryAddress: Address | None = None
    decimalDigits: Annotated[int, Field(ge=0, le=6)] = 2
    payment: Payment | None = None
    taxes: tuple[Tax, ...] = ()
    items: tuple[DeliverectItem, ...] = ()
    includeCutlery: bool | None = None
    table: str | None = None
    orderIsAlreadyPaid: bool | None = None
    note: str | None = None
    numberOfCustomers: Annotated[int, Field(ge=0)] | None = None
    customer: DeliverectCustomer | None = None
    deliveryCost: int | None = None
    tip: int | None = None
    driverTip: int | None = None
    discountTotal: int | None = None


# Deliverect's orderType enum.
_TYPES = {
    1: wire.FulfillmentType.PICKUP,
    2: wire.FulfillmentType.DELIVERY,
    3: wire.FulfillmentType.DINE_IN,
    4: wire.FulfillmentType.CURBSIDE,
    5: wire.FulfillmentType.DRIVE_THRU,
}


def translate(delivery: WebhookDelivery, settings: DeliverectSettings) -> tuple[Message, ...]:
    order = load(DeliverectOrder, delivery.body)
    order_id = f"{SOURCE}:{order.channelOrderId}"
    if order.status == CANCELLED:
        reason = text(order.cancellationReason)
        return (Cancellation(order_id, reason, from_platform=True),)
    return (OrderSnapshot(to_order(order, settings.currency, delivery.received_at)),)


def _unit_minor(price: int, subitems: tuple[SubItem, ...]) -> Decimal:
    """A unit's price in minor units: its own plus each sub-item's unit price times the
    sub-item's quantity (sub-item quantities are per unit of their parent)."""
    return Decimal(price) + sum(
        (s.quantity * _unit_minor(s.price, s.subItems) for s in subitems), Decimal(0)
    )


def _modifiers(
    subitems: tuple[SubItem, ...], field: str, depth: int = 1
) -> tuple[wire.Modifier, ...]:
    if subitems and depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"modifiers nested deeper than {MAX_MODIFIER_DEPTH} levels")
    return tuple(
        wire.Modifier(
            name=name(s.name, f"{field}.{n}.name"),
            action=wire.ModifierAction.CHOOSE,
            quantity=s.quantity,
            note=text(s.remark),
            modifiers=_modifiers(s.subItems, f"{field}.{n}.subItems", depth + 1),
        )
        for n, s in enumerate(subitems)
        if s.quantity > 0
    )


def _money(minor: Decimal | int | None, currency: str | None, digits: int) -> wire.Money | None:
    if minor is None or currency is None:
        return None
    return from_minor(minor, currency, digits)


def _item(item: DeliverectItem, n: int, currency: str | None, digits: int) -> wire.Item:
    field = f"items.{n}"
    return wire.Item(
        line_id=str(n + 1),
        name=name(item.name, f"{field}.name"),
        ref=item.plu,
        quantity=item.quantity,
        notes=tuple(t for t in (text(item.remark),) if t is not None),
        modifiers=_modifiers(item.subItems, f"{field}.subItems"),
        unit_price=_money(_unit_minor(item.price, item.subItems), currency, digits),
    )


def _totals(order: DeliverectOrder, currency: str | None) -> wire.Totals | None:
    if currency is None:
        return None
    digits = order.decimalDigits
    subtotal = sum(
        (item.quantity * _unit_minor(item.price, item.subItems) for item in order.items),
        Decimal(0),
    )
    tips = [t for t in (order.tip, order.driverTip) if t is not None]
    discount = order.discountTotal
    return wire.Totals(
        currency=currency,
        subtotal=_money(subtotal, currency, digits),
        discount=_money(abs(discount), currency, digits) if discount is not None else None,
        delivery_fee=_money(order.deliveryCost, currency, digits),
        tip=_money(sum(tips), currency, digits) if tips else None,
        tax=_money(sum(t.total for t in order.taxes), currency, digits) if order.taxes else None,
        total=_money(order.payment.amount if order.payment else None, currency, digits),
        paid=bool(order.orderIsAlreadyPaid),
    )


def _address(parts: Address | None) -> wire.Address | None:
    if parts is None:
        return None
    street = " ".join(t for t in (text(parts.street), text(parts.streetNumber)) if t)
    return address((street, parts.extraAddressInfo), parts.city, parts.postalCode, parts.country)


def to_order(order: DeliverectOrder, currency: str | None, received_at: datetime) -> wire.Order:
    """A Deliverect order as our Order (see README, "Platform adapters").

    Time fields that hold no time (the documentation's own example has the literal
    `YYYY-MM-DDTHH:mm:ss.SSSSSSZ`) count as absent: the creation time is then the time the
    webhook arrived; an ASAP order needs no due time, a scheduled one without a readable
    due time is refused.
    """
    kind = _TYPES.get(order.orderType or 1)
    if kind is None:
        raise PayloadError("orderType", f"unknown order type {order.orderType}")
    if not order.items:
        raise PayloadError("items", "an order needs at least one item")
    due_field = "deliveryTime" if kind is wire.FulfillmentType.DELIVERY else "pickupTime"
    due = time_or_none(getattr(order, due_field))
    if not order.deliveryIsAsap and due is None:
        raise PayloadError(
            due_field, f"a scheduled order needs a time, not {getattr(order, due_field)!r}"
        )
    guest = order.customer
    digits = order.decimalDigits
    return wire.Order(
        id=f"{SOURCE}:{order.channelOrderId}",
        external_id=order.channelOrderId,
        display_id=text(order.channelOrderDisplayId) or order.channelOrderId,
        source=SOURCE,
        channel=None if order.channel is None else str(order.channel),
        revision=1,
        created_at=time_or_none(order.placedTime) or received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=order.deliveryIsAsap,
            due_at=due,
            table=text(order.table),
            guests=order.numberOfCustomers,
            address=_address(order.deliveryAddress),
            include_cutlery=order.includeCutlery,
        ),
        customer=customer(guest.name, guest.phoneNumber, guest.phoneAccessCode) if guest else None,
        notes=notes(
            (wire.NoteKind.ORDER, order.note),
            (wire.NoteKind.OTHER, guest.note if guest else None),
        ),
        restrictions=("age_check",) if order.ageCheck else (),
        items=tuple(_item(item, n, currency, digits) for n, item in enumerate(order.items)),
        totals=_totals(order, currency),
    )


def verify(delivery: WebhookDelivery, settings: DeliverectSettings) -> bool:
    return matches_hex(
        delivery.header("X-Server-Authorization-HMAC-SHA256"),
        settings.webhook_secret,
        delivery.body,
    )


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="X-Server-Authorization-HMAC-SHA256",
    settings=DeliverectSettings,
    verify=verify,
    translate=translate,
)
