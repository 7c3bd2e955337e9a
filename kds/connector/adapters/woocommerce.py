"""WooCommerce (order webhooks: `order.created`, `order.updated`; the REST v3 order object).

Signature: `X-WC-Webhook-Signature`, the base64 HMAC-SHA256 of the body under the
webhook's secret. Orders that wait for payment (`pending`, `checkout-draft`) are not the
kitchen's yet; `cancelled`, `refunded`, `failed` and `trash` cancel. Names and texts may
hold HTML entities (`&ndash;`), which are decoded. WooCommerce sends a ping
(`webhook_id=N`) when a webhook is created; it is acknowledged and ignored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

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
    UtcTime,
    address,
    currency_code,
    customer,
    from_major,
    name,
    notes,
    text,
)
from kds.connector.adapters.signing import matches_base64
from kds.connector.intake import Cancellation, OrderSnapshot

SOURCE = "woocommerce"
TITLE = "WooCommerce"


class WooCommerceSettings(PlatformSettings):
    webhook_secret: Secret
    """The secret set on the WooCommerce webhook."""


class Meta(PlatformModel):
    key: str
    value: Any = None
    display_key: str | None = None
    display_value: Any = None


class LineItem(PlatformModel):
    id: int | str
    name: str
    product_id: int | None = None
    quantity: Annotated[Decimal, Field(gt=0)]
    subtotal: Decimal | None = None
    sku: str | None = None
    price: Decimal | None = None
    meta_data: tuple[Meta, ...] = ()


class ShippingLine(PlatformModel):
    method_id: str | None = None


class Person(PlatformModel):
    first_name: str | None = None
    phone: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    postcode: str | None = None
    country: str | None = None


class WooOrder(PlatformModel):
    id: int | str
    number: str | None = None
    status: str
    currency: str | None = None
    created_via: str | None = None
    date_created_gmt: UtcTime | None = None
    discount_total: Decimal | None = None
    shipping_total: Decimal | None = None
    total: Decimal | None = None
    total_tax: Decimal | None = None
    customer_note: str | None = None
    billing: Person | None = None
    shipping: Person | None = None
    payment_method_title: str | None = None
    date_paid_gmt: UtcTime | None = None
    line_items: tuple[LineItem, ...] = ()
    shipping_lines: tuple[ShippingLine, ...] = ()


_WAITING = frozenset({"pending", "checkout-draft"})
_CANCELLED = frozenset({"cancelled", "refunded", "failed", "trash"})
_PICKUP_METHODS = frozenset({"local_pickup", "pickup_location"})


def translate(delivery: WebhookDelivery, settings: WooCommerceSettings) -> tuple[Message, ...]:
    if delivery.body.startswith(b"webhook_id="):
        return (Ignored("WooCommerce webhook ping"),)
    order = load(WooOrder, delivery.body)
    order_id = f"{SOURCE}:{order.id}"
    if order.status in _CANCELLED:
        return (Cancellation(order_id, order.status, from_platform=True),)
    if order.status in _WAITING:
        return (Ignored(f"WooCommerce order {order.id} is {order.status} (not paid yet)"),)
    return (OrderSnapshot(to_order(order)),)


def _meta_value(meta: Meta) -> str | None:
    value = meta.display_value if meta.display_value is not None else meta.value
    if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
        return text(str(value))
    return None  # plugin data (arrays, objects): not for the kitchen


def _meta_key(meta: Meta) -> str:
    key = text(meta.display_key) or meta.key
    return key.removeprefix("pa_")


def _item(item: LineItem, n: int, currency: str | None) -> wire.Item:
    field = f"line_items.{n}"
    # Keys starting with "_" are WooCommerce's and plugins' own bookkeeping.
    shown = [(k, m) for k, m in enumerate(item.meta_data) if not m.key.startswith("_")]
    modifiers = []
    for k, meta in shown:
        value = _meta_value(meta)
        if value is not None:
            modifiers.append(
                wire.Modifier(
                    name=name(value, f"{field}.meta_data.{k}.value"),
                    group=text(_meta_key(meta)),
                    action=wire.ModifierAction.CHOOSE,
                    quantity=Decimal(1),
                )
            )
    ref = text(item.sku) or (None if item.product_id is None else str(item.product_id))
    return wire.Item(
        line_id=str(item.id),
        name=name(item.name, f"{field}.name"),
        ref=ref,
        quantity=item.quantity,
        modifiers=tuple(modifiers),
        unit_price=None
        if currency is None or item.price is None
        else from_major(item.price, currency),
    )


def _totals(order: WooOrder, currency: str | None) -> wire.Totals | None:
    if currency is None or order.total is None:
        return None

    def money(value: Decimal | None) -> wire.Money | None:
        return None if value is None else from_major(value, currency)

    subtotals = [i.subtotal for i in order.line_items]
    subtotal = (
        sum((s for s in subtotals if s is not None), Decimal(0))
        if all(s is not None for s in subtotals)
        else None
    )
    return wire.Totals(
        currency=currency,
        subtotal=money(subtotal),
        discount=money(order.discount_total),
        delivery_fee=money(order.shipping_total),
        tax=money(order.total_tax),
        total=money(order.total),
        paid=order.date_paid_gmt is not None,
        payment_method=text(order.payment_method_title),
    )


def to_order(order: WooOrder) -> wire.Order:
    """A WooCommerce order as our Order (see README, "Platform adapters")."""
    if not order.line_items:
        raise PayloadError("line_items", "an order needs at least one line")
    if order.date_created_gmt is None:
        raise PayloadError("date_created_gmt", "field required")
    methods = {s.method_id for s in order.shipping_lines}
    pickup = not order.shipping_lines or bool(methods & _PICKUP_METHODS)
    kind = wire.FulfillmentType.PICKUP if pickup else wire.FulfillmentType.DELIVERY
    currency = currency_code(order.currency, "currency") if order.currency else None
    guest = order.shipping if order.shipping and order.shipping.first_name else order.billing
    phone = order.billing.phone if order.billing else None
    ship = order.shipping
    return wire.Order(
        id=f"{SOURCE}:{order.id}",
        external_id=str(order.id),
        display_id=text(order.number) or str(order.id),
        source=SOURCE,
        channel=text(order.created_via),
        revision=1,
        created_at=order.date_created_gmt,
        fulfillment=wire.Fulfillment(
            type=kind,
            asap=True,
            address=address(
                (ship.address_1, ship.address_2), ship.city, ship.postcode, ship.country
            )
            if ship is not None and kind is wire.FulfillmentType.DELIVERY
            else None,
        ),
        customer=customer(guest.first_name, phone) if guest else None,
        notes=notes((wire.NoteKind.ORDER, order.customer_note)),
        items=tuple(_item(item, n, currency) for n, item in enumerate(order.line_items)),
        totals=_totals(order, currency),
    )


def verify(delivery: WebhookDelivery, settings: WooCommerceSettings) -> bool:
    return matches_base64(
        delivery.header("X-WC-Webhook-Signature"), settings.webhook_secret, delivery.body
    )


ADAPTER = Adapter(
    name=SOURCE,
    title=TITLE,
    signature_header="X-WC-Webhook-Signature",
    settings=WooCommerceSettings,
    verify=verify,
    translate=translate,
)
