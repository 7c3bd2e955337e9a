"""Uber Eats (Order API v1): full orders, notifications to fetch, cancellations.

Signature: `X-Uber-Signature`, the hex HMAC-SHA256 of the body under the app's client
secret. Uber's webhooks are notifications (`orders.notification`,
`orders.scheduled.notification`: the order id and its `resource_href`); the order itself
is fetched from `GET {api_base_url}/eats/order/{id}` with the access token.
`orders.cancel` and `orders.failure` cancel the order. A full order (the body of that GET,
as in Uber's documented sample) posted to the endpoint is taken as it is.
"""

from __future__ import annotations

from datetime import datetime
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
    NotConfiguredError,
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

SOURCE = "ubereats"
TITLE = "Uber Eats"


class UberEatsSettings(PlatformSettings):
    client_secret: Secret
    """The app's client secret: the key of `X-Uber-Signature`."""
    api_base_url: str = "https://api.uber.com/v1"
    access_token: str | None = None
    """OAuth token (scope eats.order) for fetching notified orders."""


# --- the payload (only what the kitchen needs) ------------------------------------------


class UberMoney(PlatformModel):
    amount: int
    currency_code: str


class Price(PlatformModel):
    unit_price: UberMoney | None = None


class RemovedItem(PlatformModel):
    id: str | None = None
    title: str


class SelectedItem(PlatformModel):
    id: str | None = None
    title: str
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    selected_modifier_groups: tuple[ModifierGroup, ...] | None = None


class ModifierGroup(PlatformModel):
    id: str | None = None
    title: str | None = None
    selected_items: tuple[SelectedItem, ...] | None = None
    removed_items: tuple[RemovedItem, ...] | None = None


SelectedItem.model_rebuild()


class Allergen(PlatformModel):
    type: str


class Allergy(PlatformModel):
    allergens_to_exclude: tuple[Allergen, ...] | None = None
    allergy_instructions: str | None = None


class SpecialRequests(PlatformModel):
    allergy: Allergy | None = None


class CartItem(PlatformModel):
    id: str | None = None
    instance_id: str | None = None
    title: str
    quantity: Annotated[Decimal, Field(gt=0)]
    price: Price | None = None
    special_instructions: str | None = None
    selected_modifier_groups: tuple[ModifierGroup, ...] | None = None
    special_requests: SpecialRequests | None = None


class Cart(PlatformModel):
    items: Annotated[tuple[CartItem, ...], Field(min_length=1)]
    special_instructions: str | None = None


class Eater(PlatformModel):
    first_name: str | None = None
    phone: str | None = None
    phone_code: str | None = None


class Store(PlatformModel):
    name: str | None = None


class Charges(PlatformModel):
    total: UberMoney | None = None
    sub_total: UberMoney | None = None
    tax: UberMoney | None = None
    tip: UberMoney | None = None
    cash_amount_due: UberMoney | None = None


class Payment(PlatformModel):
    charges: Charges | None = None


class UberOrder(PlatformModel):
    id: NonEmpty
    display_id: str | None = None
    current_state: str | None = None
    type: str | None = None
    brand: str | None = None
    store: Store | None = None
    eater: Eater | None = None
    cart: Cart
    payment: Payment | None = None
    placed_at: Time | None = None
    estimated_ready_for_pickup_at: Time | None = None


class NotificationMeta(PlatformModel):
    resource_id: NonEmpty


class Notification(PlatformModel):
    event_type: str
    meta: NotificationMeta


# --- translation ------------------------------------------------------------------------

_FETCH_EVENTS = frozenset({"orders.notification", "orders.scheduled.notification"})
_CANCEL_EVENTS = {"orders.cancel": "cancelled on Uber Eats", "orders.failure": "order failed"}
_CANCELLED_STATES = frozenset({"CANCELED", "DENIED", "FAILED"})
_TYPES = {
    "DELIVERY_BY_UBER": wire.FulfillmentType.DELIVERY,
    "DELIVERY_BY_RESTAURANT": wire.FulfillmentType.DELIVERY,
    "PICK_UP": wire.FulfillmentType.PICKUP,
    "DINE_IN": wire.FulfillmentType.DINE_IN,
}


def translate(delivery: WebhookDelivery, settings: UberEatsSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    if isinstance(data, dict) and "event_type" in data:
        event = parse_as(Notification, data)
        order_id = f"{SOURCE}:{event.meta.resource_id}"
        if event.event_type in _FETCH_EVENTS:
            return (FetchOrder(event.meta.resource_id),)
        if event.event_type in _CANCEL_EVENTS:
            reason = _CANCEL_EVENTS[event.event_type]
            return (Cancellation(order_id, reason, from_platform=True),)
        return (Ignored(f"Uber Eats event {event.event_type}"),)
    order = parse_as(UberOrder, data)
    if order.current_state in _CANCELLED_STATES:
        reason = f"{order.current_state.lower()} on Uber Eats"
        return (Cancellation(f"{SOURCE}:{order.id}", reason, from_platform=True),)
    return (OrderSnapshot(to_order(order, delivery.received_at)),)


def _money(value: UberMoney | None, field: str) -> wire.Money | None:
    if value is None:
        return None
    return from_minor(value.amount, currency_code(value.currency_code, field))


def _modifiers(
    groups: tuple[ModifierGroup, ...] | None, field: str, depth: int = 1
) -> tuple[wire.Modifier, ...]:
    if not groups:
        return ()
    if depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"modifiers nested deeper than {MAX_MODIFIER_DEPTH} levels")
    result: list[wire.Modifier] = []
    for g, group in enumerate(groups):
        where = f"{field}.{g}"
        group_name = text(group.title)
        for n, chosen in enumerate(group.selected_items or ()):
            if chosen.quantity == 0:
                continue
            at = f"{where}.selected_items.{n}"
            nested = _modifiers(
                chosen.selected_modifier_groups, f"{at}.selected_modifier_groups", depth + 1
            )
            result.append(
                wire.Modifier(
                    name=name(chosen.title, f"{at}.title"),
                    group=group_name,
                    action=wire.ModifierAction.CHOOSE,
                    quantity=chosen.quantity,
                    modifiers=nested,
                )
            )
        for n, removed in enumerate(group.removed_items or ()):
            result.append(
                wire.Modifier(
                    name=name(removed.title, f"{where}.removed_items.{n}.title"),
                    group=group_name,
                    action=wire.ModifierAction.REMOVE,
                    quantity=Decimal(1),
                )
            )
    return tuple(result)


def _allergens(item: CartItem) -> tuple[tuple[str, ...], str | None]:
    allergy = item.special_requests.allergy if item.special_requests else None
    if allergy is None:
        return (), None
    kinds = tuple(a.type.replace("_", " ").lower() for a in allergy.allergens_to_exclude or ())
    return kinds, text(allergy.allergy_instructions)


def _item(item: CartItem, n: int) -> wire.Item:
    field = f"cart.items.{n}"
    allergens, allergy_note = _allergens(item)
    price = item.price.unit_price if item.price else None
    item_notes = tuple(t for t in (text(item.special_instructions), allergy_note) if t is not None)
    return wire.Item(
        line_id=item.instance_id or str(n + 1),
        name=name(item.title, f"{field}.title"),
        ref=item.id,
        quantity=item.quantity,
        notes=item_notes,
        modifiers=_modifiers(item.selected_modifier_groups, f"{field}.selected_modifier_groups"),
        allergens=allergens,
        unit_price=_money(price, f"{field}.price.unit_price.currency_code"),
    )


def _totals(order: UberOrder) -> wire.Totals | None:
    charges = order.payment.charges if order.payment else None
    if charges is None or charges.total is None:
        return None
    where = "payment.charges"
    total = _money(charges.total, f"{where}.total.currency_code")
    assert total is not None
    cash_due = charges.cash_amount_due
    paid = cash_due is None or cash_due.amount == 0
    return wire.Totals(
        currency=total.currency,
        subtotal=_money(charges.sub_total, f"{where}.sub_total.currency_code"),
        tip=_money(charges.tip, f"{where}.tip.currency_code"),
        tax=_money(charges.tax, f"{where}.tax.currency_code"),
        total=total,
        paid=paid,
        payment_method=None if paid else "cash",
    )


def to_order(order: UberOrder, received_at: datetime) -> wire.Order:
    """An Uber Eats order as our Order (see README, "Platform adapters")."""
    if order.type is None:
        kind = wire.FulfillmentType.PICKUP
    elif order.type in _TYPES:
        kind = _TYPES[order.type]
    else:
        raise PayloadError("type", f"unknown fulfilment type {order.type!r}")
    eater = order.eater
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=order.id,
        display_id=text(order.display_id) or order.id,
        source=SOURCE,
        channel=order.brand,
        brand=text(order.store.name) if order.store else None,
        revision=1,
        created_at=order.placed_at or received_at,
        fulfillment=wire.Fulfillment(
            type=kind, asap=True, due_at=order.estimated_ready_for_pickup_at
        ),
        customer=customer(eater.first_name, eater.phone, eater.phone_code) if eater else None,
        notes=notes((wire.NoteKind.ORDER, order.cart.special_instructions)),
        items=tuple(_item(item, n) for n, item in enumerate(order.cart.items)),
        totals=_totals(order),
    )


def verify(delivery: WebhookDelivery, settings: UberEatsSettings) -> bool:
    return matches_hex(delivery.header("X-Uber-Signature"), settings.client_secret, delivery.body)


def fetch_request(settings: UberEatsSettings, external_id: str) -> FetchRequest:
    if not settings.access_token:
        raise NotConfiguredError(
            "platforms.ubereats.access_token is not set: Uber Eats notifications need it "
            "to fetch the order"
        )
    return FetchRequest(
        f"{settings.api_base_url.rstrip('/')}/eats/order/{quote(external_id, safe='')}",
        {"Authorization": f"Bearer {settings.access_token}"},
    )


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="X-Uber-Signature",
    settings=UberEatsSettings,
    verify=verify,
    translate=translate,
    fetch_request=fetch_request,
)
