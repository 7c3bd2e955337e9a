"""HubRise (order callbacks `order.create` / `order.update`, or an order posted as it is).

Signature: `X-HubRise-Hmac-SHA256`, the hex HMAC-SHA256 of the body under the OAuth
client secret. A callback carries the order in `new_state`; status `cancelled` or
`rejected` cancels it. Money comes as strings (`"9.00 EUR"`), quantities as decimal strings.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

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
    load_json,
    parse_as,
)
from kds.connector.adapters.mapping import (
    Time,
    address,
    customer,
    from_major,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_hex
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "hubrise"
TITLE = "HubRise"


class HubRiseSettings(PlatformSettings):
    client_secret: Secret
    """The OAuth client secret: the key of `X-HubRise-Hmac-SHA256`."""


def _money(value: Any) -> Any:
    if isinstance(value, str):
        amount, _, currency = value.strip().partition(" ")
        try:
            number = Decimal(amount)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount such as '9.00 EUR'") from None
        if not number.is_finite() or len(currency) != 3 or not currency.isalpha():
            raise ValueError(f"{value!r} is not an amount such as '9.00 EUR'")
        return wire.Money(amount=number, currency=currency.upper())
    return value


Amount = Annotated[wire.Money, BeforeValidator(_money)]
"""HubRise money: `"9.00 EUR"`."""


class Option(PlatformModel):
    option_list_name: str | None = None
    name: str
    ref: str | None = None
    price: Amount | None = None
    quantity: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    removed: bool = False


class HubRiseItem(PlatformModel):
    product_name: str
    sku_name: str | None = None
    sku_ref: str | None = None
    price: Amount | None = None
    quantity: Annotated[Decimal, Field(gt=0)]
    options: tuple[Option, ...] = ()
    customer_notes: str | None = None
    deleted: bool = False


class Discount(PlatformModel):
    price_off: Amount | None = None


class Charge(PlatformModel):
    type: str | None = None
    price: Amount | None = None


class HubRisePayment(PlatformModel):
    type: str | None = None
    name: str | None = None
    amount: Amount | None = None


class LoyaltyOperation(PlatformModel):
    name: str | None = None
    ref: str | None = None
    delta: Decimal
    new_balance: Decimal | None = None


class HubRiseCustomer(PlatformModel):
    first_name: str | None = None
    phone: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str | None = None
    delivery_notes: str | None = None


class HubRiseOrder(PlatformModel):
    id: str | None = None
    private_ref: str | None = None
    ref: str | None = None
    collection_code: str | None = None
    status: str | None = None
    channel: str | None = None
    service_type: str | None = None
    expected_time: Time | None = None
    asap: bool | None = None
    created_at: Time | None = None
    customer: HubRiseCustomer | None = None
    customer_notes: str | None = None
    seller_notes: str | None = None
    items: tuple[HubRiseItem, ...] = ()
    discounts: tuple[Discount, ...] = ()
    charges: tuple[Charge, ...] = ()
    payments: tuple[HubRisePayment, ...] = ()
    loyalty_operations: tuple[LoyaltyOperation, ...] = ()
    total: Amount | None = None


class Callback(PlatformModel):
    resource_type: str
    event_type: str | None = None
    order_id: str | None = None
    new_state: HubRiseOrder | None = None


_CANCELLED = frozenset({"cancelled", "rejected", "delivery_failed"})
_TYPES = {
    "delivery": wire.FulfillmentType.DELIVERY,
    "collection": wire.FulfillmentType.PICKUP,
    "eat_in": wire.FulfillmentType.DINE_IN,
}


def translate(delivery: WebhookDelivery, settings: HubRiseSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    if isinstance(data, dict) and "resource_type" in data:
        callback = parse_as(Callback, data)
        if callback.resource_type != "order":
            return (Ignored(f"HubRise {callback.resource_type} callback"),)
        if callback.new_state is None:
            raise PayloadError("new_state", "an order callback needs the order's new state")
        order, prefix, fallback_id = callback.new_state, "new_state.", callback.order_id
    else:
        order, prefix, fallback_id = parse_as(HubRiseOrder, data), "", None
    external_id = order.id or fallback_id or order.private_ref
    if not external_id:
        raise PayloadError(f"{prefix}id", "an order needs an id (HubRise id or private_ref)")
    if (order.status or "") in _CANCELLED:
        return (Cancellation(f"{SOURCE}:{external_id}", order.status, from_platform=True),)
    return (OrderSnapshot(to_order(order, external_id, prefix, delivery.received_at)),)


def _item(item: HubRiseItem, n: int, prefix: str) -> wire.Item:
    field = f"{prefix}items.{n}"
    unit = item.price
    if unit is not None:
        extra = sum(
            (o.price.amount * o.quantity for o in item.options if o.price and not o.removed),
            Decimal(0),
        )
        unit = from_major(unit.amount + extra, unit.currency)
    return wire.Item(
        line_id=str(n + 1),
        name=name(item.product_name, f"{field}.product_name"),
        ref=item.sku_ref,
        quantity=item.quantity,
        variant=text(item.sku_name),
        notes=tuple(t for t in (text(item.customer_notes),) if t is not None),
        modifiers=tuple(
            wire.Modifier(
                name=name(o.name, f"{field}.options.{k}.name"),
                group=text(o.option_list_name),
                action=wire.ModifierAction.REMOVE if o.removed else wire.ModifierAction.CHOOSE,
                quantity=o.quantity,
            )
            for k, o in enumerate(item.options)
        ),
        unit_price=unit,
    )


def _sum(amounts: list[wire.Money], currency: str) -> wire.Money | None:
    if not amounts:
        return None
    return from_major(sum((a.amount for a in amounts), Decimal(0)), currency)


def _totals(order: HubRiseOrder) -> wire.Totals | None:
    if order.total is None:
        return None
    currency = order.total.currency
    paid_amount = sum((p.amount.amount for p in order.payments if p.amount), Decimal(0))
    cash = any((p.type or "").lower() == "cash" for p in order.payments)
    methods = ", ".join(t for p in order.payments if (t := text(p.name) or text(p.type)))
    return wire.Totals(
        currency=currency,
        discount=_sum([d.price_off for d in order.discounts if d.price_off], currency),
        delivery_fee=_sum(
            [c.price for c in order.charges if c.price and c.type == "delivery"], currency
        ),
        tip=_sum([c.price for c in order.charges if c.price and c.type == "tip"], currency),
        total=order.total,
        paid=bool(order.payments) and not cash and paid_amount >= order.total.amount,
        payment_method=methods or None,
    )


def _loyalty(operations: tuple[LoyaltyOperation, ...]) -> wire.Loyalty | None:
    if not operations:
        return None
    last = operations[-1]
    used = sum((-o.delta for o in operations if o.delta < 0), Decimal(0))
    earned = sum((o.delta for o in operations if o.delta > 0), Decimal(0))
    after = last.new_balance
    before = None if after is None else after - sum((o.delta for o in operations), Decimal(0))
    return wire.Loyalty(
        card=text(last.name) or text(last.ref),
        points_before=before,
        points_used=used if any(o.delta < 0 for o in operations) else None,
        points_earned=earned if any(o.delta > 0 for o in operations) else None,
        points_after=after,
    )


def to_order(
    order: HubRiseOrder, external_id: str, prefix: str, received_at: datetime
) -> wire.Order:
    """A HubRise order as our Order (see README, "Platform adapters")."""
    kind = _TYPES.get(order.service_type or "collection")
    if kind is None:
        raise PayloadError(f"{prefix}service_type", f"unknown service type {order.service_type!r}")
    items = [(n, item) for n, item in enumerate(order.items) if not item.deleted]
    if not items:
        raise PayloadError(f"{prefix}items", "an order needs at least one item")
    guest = order.customer
    where = None
    if guest is not None and kind is wire.FulfillmentType.DELIVERY and guest.address_1:
        where = address(
            (guest.address_1, guest.address_2), guest.city, guest.postal_code, guest.country
        )
    return wire.Order(
        id=f"{SOURCE}:{external_id}",
        external_id=external_id,
        display_id=text(order.collection_code) or text(order.ref) or external_id,
        pickup_code=text(order.collection_code),
        source=SOURCE,
        channel=text(order.channel),
        revision=1,
        created_at=order.created_at or received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=order.asap if order.asap is not None else order.expected_time is None,
            due_at=order.expected_time,
            address=where,
        ),
        customer=customer(guest.first_name, guest.phone) if guest else None,
        notes=notes(
            (wire.NoteKind.ORDER, order.customer_notes),
            (wire.NoteKind.KITCHEN, order.seller_notes),
            (wire.NoteKind.DELIVERY, guest.delivery_notes if guest else None),
        ),
        items=tuple(_item(item, n, prefix) for n, item in items),
        totals=_totals(order),
        loyalty=_loyalty(order.loyalty_operations),
    )


def verify(delivery: WebhookDelivery, settings: HubRiseSettings) -> bool:
    return matches_hex(
        delivery.header("X-HubRise-Hmac-SHA256"), settings.client_secret, delivery.body
    )


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="X-HubRise-Hmac-SHA256",
    settings=HubRiseSettings,
    verify=verify,
    translate=translate,
)
