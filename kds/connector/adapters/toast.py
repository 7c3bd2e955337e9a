"""Toast (orders webhook `order_updated`, or an Orders API order posted as it is).

Signature: `Toast-Signature`, the base64 HMAC-SHA256 under the subscription's secret of the
body followed by the event's `timestamp` field. A webhook event carries the whole order in
`details.order`; a new order is an update too in Toast's terms. A voided order (or one
whose every selection is voided) is cancelled. Toast's dining option is only a GUID: the
config maps GUIDs to fulfilment types (`dining_options`); without an entry the adapter
goes by `deliveryInfo` (delivery), `curbsidePickupInfo` (curbside), else pickup. Toast's
payloads name no currency, so money is mapped only when the config sets `currency`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

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
    CurrencySetting,
    IsoDuration,
    Time,
    address,
    customer,
    from_major,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_base64
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "toast"
TITLE = "Toast"


class ToastSettings(PlatformSettings):
    webhook_secret: Secret
    """The webhook subscription's secret."""
    currency: CurrencySetting | None = None
    """The restaurant's currency: Toast's orders name none (money is left out without)."""
    dining_options: Mapping[str, wire.FulfillmentType] = Field(default_factory=dict)
    """Dining option GUID -> fulfilment type (from Toast's configuration API)."""


class Reference(PlatformModel):
    guid: str | None = None


class PreModifier(PlatformModel):
    name: str | None = None


class Selection(PlatformModel):
    guid: str | None = None
    displayName: str
    quantity: Annotated[Decimal, Field(ge=0)] = Decimal(1)
    voided: bool = False
    specialRequest: str | None = None
    receiptLinePrice: Decimal | None = None
    item: Reference | None = None
    preModifier: PreModifier | None = None
    modifiers: tuple[Selection, ...] = ()


class ToastCustomer(PlatformModel):
    firstName: str | None = None
    phone: str | None = None


class ToastPayment(PlatformModel):
    type: str | None = None
    tipAmount: Decimal | None = None


class Check(PlatformModel):
    displayNumber: str | None = None
    voided: bool = False
    deleted: bool = False
    selections: tuple[Selection, ...] = ()
    customer: ToastCustomer | None = None
    amount: Decimal | None = None
    taxAmount: Decimal | None = None
    totalAmount: Decimal | None = None
    paymentStatus: str | None = None
    payments: tuple[ToastPayment, ...] = ()


class DeliveryInfo(PlatformModel):
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    zipCode: str | None = None
    notes: str | None = None


class ToastOrder(PlatformModel):
    guid: NonEmpty
    source: str | None = None
    voided: bool = False
    deleted: bool = False
    createdDate: Time | None = None
    openedDate: Time | None = None
    estimatedFulfillmentDate: Time | None = None
    promisedDate: Time | None = None
    requiredPrepTime: IsoDuration | None = None
    numberOfGuests: Annotated[int, Field(ge=0)] | None = None
    diningOption: Reference | None = None
    deliveryInfo: DeliveryInfo | None = None
    curbsidePickupInfo: dict[str, Any] | None = None
    checks: tuple[Check, ...] = ()


class EventDetails(PlatformModel):
    order: ToastOrder | None = None


class Event(PlatformModel):
    timestamp: str
    eventType: str | None = None
    details: EventDetails


# Toast's pre-modifiers ("NO onions", "EXTRA cheese", "LITE mayo", "ON SIDE dressing").
_NO = frozenset({"NO", "NONE", "WITHOUT", "HOLD"})
_EXTRA = frozenset({"EXTRA", "ADD", "ADD ON"})


def translate(delivery: WebhookDelivery, settings: ToastSettings) -> tuple[Message, ...]:
    data = load_json(delivery.body)
    if isinstance(data, dict) and "details" in data and "checks" not in data:
        event = parse_as(Event, data)
        if event.details.order is None:
            return (Ignored(f"Toast event {event.eventType} without an order"),)
        order, prefix = event.details.order, "details.order."
    else:
        order, prefix = parse_as(ToastOrder, data), ""
    order_id = f"{SOURCE}:{order.guid}"
    if order.voided or order.deleted:
        return (Cancellation(order_id, "voided", from_platform=True),)
    if not _live_selections(order):
        return (Cancellation(order_id, "every item voided", from_platform=True),)
    return (OrderSnapshot(to_order(order, settings, prefix, delivery.received_at)),)


def _live_selections(order: ToastOrder) -> list[tuple[str, Selection]]:
    return [
        (f"checks.{c}.selections.{s}", selection)
        for c, check in enumerate(order.checks)
        if not (check.voided or check.deleted)
        for s, selection in enumerate(check.selections)
        if not selection.voided and selection.quantity > 0
    ]


def _modifiers(
    selections: tuple[Selection, ...], field: str, depth: int = 1
) -> tuple[wire.Modifier, ...]:
    if selections and depth > MAX_MODIFIER_DEPTH:
        raise PayloadError(field, f"modifiers nested deeper than {MAX_MODIFIER_DEPTH} levels")
    result = []
    for n, m in enumerate(selections):
        if m.voided or m.quantity == 0:
            continue
        pre = text(m.preModifier.name) if m.preModifier else None
        action = wire.ModifierAction.CHOOSE
        if pre is not None and pre.upper() in _NO:
            action = wire.ModifierAction.REMOVE
        elif pre is not None and pre.upper() in _EXTRA:
            action = wire.ModifierAction.ADD
        result.append(
            wire.Modifier(
                name=name(m.displayName, f"{field}.{n}.displayName"),
                action=action,
                quantity=m.quantity,
                note=pre if action is wire.ModifierAction.CHOOSE else None,
                modifiers=_modifiers(m.modifiers, f"{field}.{n}.modifiers", depth + 1),
            )
        )
    return tuple(result)


def _kind(order: ToastOrder, settings: ToastSettings) -> wire.FulfillmentType:
    guid = order.diningOption.guid if order.diningOption else None
    if guid is not None and guid in settings.dining_options:
        return settings.dining_options[guid]
    if order.deliveryInfo is not None:
        return wire.FulfillmentType.DELIVERY
    if order.curbsidePickupInfo is not None:
        return wire.FulfillmentType.CURBSIDE
    return wire.FulfillmentType.PICKUP


def _totals(checks: list[Check], currency: str | None) -> wire.Totals | None:
    if currency is None or not checks:
        return None

    def total(values: list[Decimal | None]) -> wire.Money | None:
        if any(v is None for v in values):
            return None
        return from_major(sum((v for v in values if v is not None), Decimal(0)), currency)

    payments = [p for check in checks for p in check.payments]
    return wire.Totals(
        currency=currency,
        subtotal=total([c.amount for c in checks]),
        tip=total([p.tipAmount for p in payments]) if payments else None,
        tax=total([c.taxAmount for c in checks]),
        total=total([c.totalAmount for c in checks]),
        paid=all(c.paymentStatus in ("PAID", "CLOSED") for c in checks),
        payment_method=", ".join(t for p in payments if (t := text(p.type))) or None,
    )


def to_order(
    order: ToastOrder, settings: ToastSettings, prefix: str, received_at: datetime
) -> wire.Order:
    """A Toast order as our Order (see README, "Platform adapters")."""
    checks = [c for c in order.checks if not (c.voided or c.deleted)]
    kind = _kind(order, settings)
    due = order.promisedDate or order.estimatedFulfillmentDate
    prep = order.requiredPrepTime
    info = order.deliveryInfo
    guest = next((c.customer for c in checks if c.customer is not None), None)
    currency = settings.currency
    items = [
        wire.Item(
            line_id=s.guid or str(n + 1),
            name=name(s.displayName, f"{prefix}{field}.displayName"),
            ref=s.item.guid if s.item else None,
            quantity=s.quantity,
            notes=tuple(t for t in (text(s.specialRequest),) if t is not None),
            modifiers=_modifiers(s.modifiers, f"{prefix}{field}.modifiers"),
            unit_price=None
            if currency is None or s.receiptLinePrice is None
            else from_major(s.receiptLinePrice, currency),
        )
        for n, (field, s) in enumerate(_live_selections(order))
    ]
    display = next((t for c in checks if (t := text(c.displayNumber))), None)
    return wire.Order(
        id=f"{SOURCE}:{order.guid}",
        external_id=order.guid,
        display_id=display or order.guid,
        source=SOURCE,
        channel=text(order.source),
        revision=1,
        created_at=order.createdDate or order.openedDate or received_at,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=order.promisedDate is None,
            due_at=due,
            prepare_at=due - prep if due is not None and prep is not None else None,
            guests=order.numberOfGuests,
            address=address((info.address1, info.address2), info.city, info.zipCode)
            if info is not None and kind is wire.FulfillmentType.DELIVERY
            else None,
        ),
        customer=customer(guest.firstName, guest.phone) if guest else None,
        notes=notes((wire.NoteKind.DELIVERY, info.notes if info else None)),
        items=tuple(items),
        totals=_totals(checks, currency),
    )


def verify(delivery: WebhookDelivery, settings: ToastSettings) -> bool:
    # Toast signs the body followed by the event's own `timestamp` field.
    try:
        data = load_json(delivery.body)
    except PayloadError:
        return False
    timestamp = data.get("timestamp") if isinstance(data, dict) else None
    if not isinstance(timestamp, str):
        return False
    signed = delivery.body + timestamp.encode()
    return matches_base64(delivery.header("Toast-Signature"), settings.webhook_secret, signed)


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="Toast-Signature",
    settings=ToastSettings,
    verify=verify,
    translate=translate,
)
