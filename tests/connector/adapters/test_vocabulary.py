"""Each platform's words for fulfilment and cancellation, as the README's tables list them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kds import wire
from kds.connector.adapters import ADAPTERS
from kds.connector.adapters.base import Ignored
from kds.connector.adapters.deliverect import DeliverectSettings
from kds.connector.intake import Cancellation

from ..webhooks import config, order_payload
from .conftest import only_order, read

SETTINGS = config().platforms
Change = Callable[[Any], None]


def becomes(**values: Any) -> Change:
    """The whole payload replaced (another kind of event about the same order)."""

    def change(payload: Any) -> None:
        payload.clear()
        payload.update(values)

    return change


def top(**values: Any) -> Change:
    return lambda p: p.update(values)


def at(*path: str | int, **values: Any) -> Change:
    def change(payload: Any) -> None:
        target = payload
        for key in path:
            target = target[key]
        target.update(values)

    return change


TYPES: list[tuple[str, Change, str]] = [
    ("ubereats", top(type="DELIVERY_BY_UBER"), "delivery"),
    ("ubereats", top(type="DELIVERY_BY_RESTAURANT"), "delivery"),
    ("ubereats", top(type="DINE_IN"), "dine_in"),
    ("deliveroo", at("body", "order", fulfillment_type="deliveroo"), "delivery"),
    ("deliveroo", at("body", "order", fulfillment_type="restaurant"), "delivery"),
    ("deliveroo", at("body", "order", fulfillment_type="table_service"), "dine_in"),
    ("justeat", at("Fulfilment", Method="Delivery"), "delivery"),
    ("justeat", at("Fulfilment", Method="DineIn"), "dine_in"),
    ("deliverect", top(orderType=2), "delivery"),
    ("deliverect", top(orderType=3), "dine_in"),
    ("deliverect", top(orderType=4), "curbside"),
    ("deliverect", top(orderType=5), "drive_thru"),
    ("hubrise", at("new_state", service_type="delivery"), "delivery"),
    ("hubrise", at("new_state", service_type="eat_in"), "dine_in"),
    ("doordash", at("order", is_pickup=False), "delivery"),
    ("doordash", at("order", is_pickup=False, fulfillment_type="dine_in"), "dine_in"),
    ("woocommerce", top(shipping_lines=[{"method_id": "flat_rate"}]), "delivery"),
    ("woocommerce", top(shipping_lines=[{"method_id": "local_pickup"}]), "pickup"),
    ("toast", at("details", "order", curbsidePickupInfo={"transportColor": "red"}), "curbside"),
    ("toast", at("details", "order", deliveryInfo={"address1": "Hauptstr. 1"}), "delivery"),
    ("gloriafood", at("orders", 0, type="delivery"), "delivery"),
    ("gloriafood", at("orders", 0, type="dine_in", persons=4), "dine_in"),
]


@pytest.mark.parametrize(("platform", "change", "kind"), TYPES)
def test_fulfilment_types(platform: str, change: Change, kind: str) -> None:
    payload = order_payload(platform)
    change(payload)
    order = only_order(read(platform, payload, SETTINGS[platform]))
    assert order.fulfillment.type is wire.FulfillmentType(kind)


CANCELS: list[tuple[str, Change, str]] = [
    ("ubereats", becomes(event_type="orders.failure", meta={"resource_id": "A1"}), "order failed"),
    ("ubereats", top(current_state="DENIED"), "denied on Uber Eats"),
    ("deliveroo", at("body", "order", status="rejected"), "rejected"),
    ("hubrise", at("new_state", status="rejected"), "rejected"),
    ("hubrise", at("new_state", status="delivery_failed"), "delivery_failed"),
    ("woocommerce", top(status="failed"), "failed"),
    ("woocommerce", top(status="trash"), "trash"),
    ("woocommerce", top(status="cancelled"), "cancelled"),
    ("gloriafood", at("orders", 0, status="canceled"), "canceled"),
    ("gloriafood", at("orders", 0, status="rejected"), "rejected"),
    ("doordash", at("event", type="OrderCancelled"), "cancelled on DoorDash"),
]  # fmt: skip


@pytest.mark.parametrize(("platform", "change", "reason"), CANCELS)
def test_cancellations(platform: str, change: Change, reason: str) -> None:
    payload = order_payload(platform)
    change(payload)
    assert read(platform, payload, SETTINGS[platform]) == (
        Cancellation(f"{platform}:A1", reason, from_platform=True),
    )


def test_woocommerce_drafts_wait_for_payment() -> None:
    payload = order_payload("woocommerce")
    payload["status"] = "checkout-draft"
    assert isinstance(read("woocommerce", payload, SETTINGS["woocommerce"])[0], Ignored)


def test_deliverect_prices_follow_decimal_digits() -> None:
    payload = order_payload("deliverect")
    payload["decimalDigits"] = 3
    payload["items"][0]["price"] = 9500
    order = only_order(
        read("deliverect", payload, DeliverectSettings(webhook_secret="s", currency="KWD"))
    )
    assert order.items[0].unit_price == wire.Money(amount=Decimal("9.500"), currency="KWD")


def test_every_registered_adapter_is_named_by_its_table_key() -> None:
    assert all(name == adapter.name for name, adapter in ADAPTERS.items())
    assert len(ADAPTERS) == 10
