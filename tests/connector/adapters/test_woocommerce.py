"""WooCommerce: the REST v3 order (HTML entity in a name, variation meta), statuses, ping."""

from __future__ import annotations

from kds import wire
from kds.connector.adapters.base import Ignored
from kds.connector.adapters.woocommerce import WooCommerceSettings
from kds.connector.intake import Cancellation

from .conftest import (
    all_texts,
    assert_same_order,
    modifier_tree,
    only_order,
    read,
    sample,
    sample_json,
    total_quantity,
)

SAMPLE = "woocommerce_order_line_item_meta_html_entity.json"
SETTINGS = WooCommerceSettings(webhook_secret="secret")


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def test_the_order_maps_field_by_field_with_the_entity_decoded() -> None:
    order = only_order(read("woocommerce", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            "id": "woocommerce:727",
            "external_id": "727",
            "display_id": "727",
            "source": "woocommerce",
            "channel": "rest-api",
            "revision": 1,
            "created_at": "2017-03-22T19:28:02+00:00",  # date_created_gmt
            "fulfillment": {
                "type": "delivery",  # flat_rate shipping
                "asap": True,
                "address": {
                    "lines": ["1 Example Street"],
                    "city": "San Francisco",
                    "postal_code": "94103",
                    "country": "US",
                },
            },
            "customer": {"name": "John", "phone": "(555) 555-5555"},
            "items": [
                {
                    "line_id": "315",
                    "name": "Woo Single #1",
                    "ref": "93",  # no SKU: the product id
                    "quantity": "2",
                    "unit_price": usd("3.00"),
                },
                {
                    "line_id": "316",
                    "name": "Ship Your Idea – Color: Black, Size: M Test",
                    "ref": "Bar3",
                    "quantity": "1",
                    "modifiers": [
                        {"name": "black", "group": "color", "action": "choose", "quantity": "1"},
                        {"name": "M Test", "group": "size", "action": "choose", "quantity": "1"},
                    ],
                    "unit_price": usd("12.00"),
                },
            ],
            "totals": {
                "currency": "USD",
                "subtotal": usd("18.00"),
                "discount": usd("0.00"),
                "delivery_fee": usd("10.00"),
                "tax": usd("1.35"),
                "total": usd("29.35"),
                "paid": True,  # date_paid_gmt is set
                "payment_method": "Direct Bank Transfer",
            },
        },
    )
    assert total_quantity(order) == 3
    assert all_texts(order) == set()  # empty customer_note


def test_local_pickup_a_customer_note_with_entities_and_hidden_meta() -> None:
    data = sample_json(SAMPLE)
    data["shipping_lines"][0]["method_id"] = "local_pickup"
    data["customer_note"] = "Allergic to nuts &ndash; please check &amp; label"
    data["line_items"][0]["meta_data"] = [
        {"id": 1, "key": "_reduced_stock", "value": "2"},
        {"id": 2, "key": "Extra sauce", "value": "Garlic &amp; herbs"},
        {"id": 3, "key": "_addons", "value": [{"name": "x"}]},
    ]
    order = only_order(read("woocommerce", data, SETTINGS))
    assert order.fulfillment.type is wire.FulfillmentType.PICKUP
    assert order.fulfillment.address is None
    assert order.notes == (
        wire.Note(kind=wire.NoteKind.ORDER, text="Allergic to nuts – please check & label"),
    )
    assert modifier_tree(order.items[0].modifiers) == [("Garlic & herbs", "choose", "1", None, [])]


def test_statuses_unpaid_is_not_the_kitchens_yet_cancelled_cancels_and_the_ping() -> None:
    data = sample_json(SAMPLE)
    data["status"] = "pending"
    assert isinstance(read("woocommerce", data, SETTINGS)[0], Ignored)
    data["status"] = "refunded"
    assert read("woocommerce", data, SETTINGS) == (
        Cancellation("woocommerce:727", "refunded", from_platform=True),
    )
    assert isinstance(read("woocommerce", b"webhook_id=12", SETTINGS)[0], Ignored)
