"""DoorDash Marketplace (the order webhook to the POS provider, and order cancellations).

DoorDash does not sign the body: its Developer Portal sends the auth token you configure for
the webhook in the `Authorization` header (`auth_token` in the config; `Bearer <token>`
works too). The order comes bare or as `{"event": {"type": ...}, "order": {...}}`; an event
whose type names a cancellation (`OrderCancel...`) cancels the order. Amounts are cents and
the payload names no currency, so money is mapped only when the config sets `currency`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

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
    load_json,
    parse_as,
)
from kds.connector.adapters.mapping import (
    MAX_MODIFIER_DEPTH,
    CurrencySetting,
    Time,
    address,
    customer,
    from_minor,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_key
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "doordash"
TITLE = "DoorDash"


class DoorDashSettings(PlatformSettings):
    auth_token: Secret
    """The auth token configured for the webhook in DoorDash's Developer Portal."""
    currency: CurrencySetting | None = None
    """The store's currency: DoorDash's orders name none (money is left out without)."""


class Option(PlatformModel):
    name: str
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    price: int | None = None
    merchant_supplied_id: str | None = None
    extras: tuple[Extra, ...] = ()


class Extra(PlatformModel):
    name: str | None = None
    merchant_supplied_id: str | None = None
    options: tuple[Option, ...] = ()


Option.model_rebuild()


class DoorDashItem(PlatformModel):
    name: str
    quantity: Annotated[Decimal, Field(gt=0)] | None = None
    price: int | None = None
    merchant_supplied_id: str | None = None
    special_instructions: str | None = None
    extras: tuple[Extra, ...] = ()
    options: tuple[Option, ...] = ()
    """Only in the odd extra-shaped line (no quantity, no price); see `_item`."""


class Category(PlatformModel):
    merchant_supplied_id: str | None = None
    name: str | None = None
    items: tuple[DoorDashItem, ...] = ()


class DoorDashAddress(PlatformModel):
    street: str | None = None
    subpremise: str | None = None
    city: str | None = None
    zip_code: str | None = None
    country_code: str | None = None
    address_instructions: str | None = None


class Consumer(PlatformModel):
    first_name: str | None = None
    phone: str | None = None


class DoorDashOrder(PlatformModel):
    id: NonEmpty
    delivery_short_code: str | None = None
    is_pickup: bool = False
    fulfillment_type: str | None = None
    estimated_pickup_time: Time | None = None
    order_special_instructions: str | None = None
    delivery_address: DoorDashAddress | None = None
    consumer: Consumer | None = None
    categories: tuple[Category, ...] = ()
    subtotal: int | None = None
    tax: int | None = None
    tip_amount: int | None = None
    delivery_fee: int | None = None


class EventKind(PlatformModel):
    type: str


class OrderRef(PlatformModel):
    id: NonEmpty
    cancel_reason: str | None = None


class Envelope(PlatformModel):
    event: EventKind
    order: dict[str, Any]


def translate(delivery: WebhookDelivery, settings: DoorDashSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    prefix = ""
    if isinstance(data, dict) and "event" in data and "order" in data:
        envelope = parse_as(Envelope, data)
        prefix = "order."
        if "cancel" in envelope.event.type.lower():
            ref = parse_as(OrderRef, envelope.order, prefix)
            reason = text(ref.cancel_reason) or "cancelled on DoorDash"
            return (Cancellation(f"{SOURCE}:{ref.id}", reason, from_platform=True),)
        data = envelope.order
    order = parse_as(DoorDashOrder, data, prefix)
    return (OrderSnapshot(to_order(order, settings.currency, prefix, delivery.received_at)),)


def _options(
    options: tuple[Option, ...], group: str | None, field: str, depth: int
) -> list[wire.Modifier]:
    if options and depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"extras nested deeper than {MAX_MODIFIER_DEPTH} levels")
    return [
        wire.Modifier(
            name=name(o.name, f"{field}.{n}.name"),
            group=group,
            action=wire.ModifierAction.CHOOSE,
            quantity=o.quantity,
            modifiers=_extras(o.extras, f"{field}.{n}.extras", depth + 1),
        )
        for n, o in enumerate(options)
        if o.quantity > 0
    ]


def _extras(extras: tuple[Extra, ...], field: str, depth: int = 1) -> tuple[wire.Modifier, ...]:
    """`extras[].options[]` (each option may have its own extras) as a modifier tree."""
    result: list[wire.Modifier] = []
    for n, extra in enumerate(extras):
        result.extend(_options(extra.options, text(extra.name), f"{field}.{n}.options", depth))
    return tuple(result)


def _unit(price: int | None, extras: tuple[Extra, ...]) -> Decimal | None:
    if price is None:
        return None
    return Decimal(price) + sum(
        (
            o.quantity * (_unit(o.price, o.extras) or Decimal(0))
            for extra in extras
            for o in extra.options
        ),
        Decimal(0),
    )


def _item(
    item: DoorDashItem, group: str | None, field: str, line_id: str, currency: str | None
) -> wire.Item:
    modifiers = _extras(item.extras, f"{field}.extras")
    if item.quantity is None and item.options:
        # DoorDash's own sample has a line shaped like an extra: a name and options, no
        # quantity, no price. It is kept as one line of that name, its options as modifiers,
        # so the kitchen sees it rather than losing it; its price is unknown.
        modifiers = tuple(_options(item.options, text(item.name), f"{field}.options", 1))
    unit = _unit(item.price, item.extras)
    return wire.Item(
        line_id=line_id,
        name=name(item.name, f"{field}.name"),
        ref=item.merchant_supplied_id,
        group=group,
        quantity=item.quantity if item.quantity is not None else Decimal(1),
        notes=tuple(t for t in (text(item.special_instructions),) if t is not None),
        modifiers=modifiers,
        unit_price=None if unit is None or currency is None else from_minor(unit, currency),
    )


def _totals(order: DoorDashOrder, currency: str | None) -> wire.Totals | None:
    if currency is None:
        return None

    def money(cents: int | None) -> wire.Money | None:
        return None if cents is None else from_minor(cents, currency)

    return wire.Totals(
        currency=currency,
        subtotal=money(order.subtotal),
        delivery_fee=money(order.delivery_fee),
        tip=money(order.tip_amount),
        tax=money(order.tax),
        # Marketplace orders are paid to DoorDash; the payload carries no grand total.
        paid=True,
    )


def to_order(
    order: DoorDashOrder, currency: str | None, prefix: str, received_at: datetime
) -> wire.Order:
    """A DoorDash Marketplace order as our Order (see README, "Platform adapters")."""
    items = [
        _item(
            item,
            text(category.merchant_supplied_id),
            f"{prefix}categories.{c}.items.{n}",
            f"{c + 1}-{n + 1}",
            currency,
        )
        for c, category in enumerate(order.categories)
        for n, item in enumerate(category.items)
    ]
    if not items:
        raise PayloadError(f"{prefix}categories", "an order needs at least one item")
    if order.is_pickup:
        kind = wire.FulfillmentType.PICKUP
    elif (order.fulfillment_type or "") == "dine_in":
        kind = wire.FulfillmentType.DINE_IN
    else:
        kind = wire.FulfillmentType.DELIVERY
    parts = order.delivery_address
    guest = order.consumer
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=order.id,
        display_id=text(order.delivery_short_code) or order.id,
        source=SOURCE,
        revision=1,
        created_at=received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=True,
            due_at=order.estimated_pickup_time,
            address=address(
                (parts.street, parts.subpremise), parts.city, parts.zip_code, parts.country_code
            )
            if parts is not None and kind is wire.FulfillmentType.DELIVERY
            else None,
        ),
        customer=customer(guest.first_name, guest.phone) if guest else None,
        notes=notes(
            (wire.NoteKind.ORDER, order.order_special_instructions),
            (wire.NoteKind.DELIVERY, parts.address_instructions if parts else None),
        ),
        items=tuple(items),
        totals=_totals(order, currency),
    )


def verify(delivery: WebhookDelivery, settings: DoorDashSettings) -> bool:
    return matches_key(delivery.header("Authorization"), settings.auth_token)


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="Authorization",
    settings=DoorDashSettings,
    verify=verify,
    translate=translate,
)
