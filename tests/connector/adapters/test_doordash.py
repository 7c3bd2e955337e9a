"""DoorDash Marketplace: the nested extras/options sample (with its extra-shaped line)."""

from __future__ import annotations

from decimal import Decimal

from kds import wire
from kds.connector.adapters.doordash import DoorDashSettings
from kds.connector.intake import Cancellation

from .conftest import (
    RECEIVED_AT,
    all_texts,
    assert_same_order,
    modifier_tree,
    only_order,
    read,
    sample,
    sample_json,
    total_quantity,
)

SAMPLE = "doordash_marketplace_order_nested_extras_options.json"
SETTINGS = DoorDashSettings(auth_token="token", currency="USD")


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def test_the_sample_order_maps_field_by_field() -> None:
    order = only_order(read("doordash", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            "id": "doordash:0nb24d02-e25f-4acb-aeb0-e387b1335791",
            "external_id": "0nb24d02-e25f-4acb-aeb0-e387b1335791",
            "display_id": "897176",
            "source": "doordash",
            "revision": 1,
            "created_at": RECEIVED_AT.isoformat(),  # DoorDash sends no creation time
            "fulfillment": {
                "type": "delivery",  # is_pickup false, mx_fleet_delivery: own drivers
                "asap": True,
                "due_at": "2021-04-15T12:02:08.775330+00:00",
                "address": {
                    "lines": ["1 Example Ave SE", "205"],
                    "city": "Atlanta",
                    "postal_code": "30316",
                    "country": "US",
                },
            },
            "customer": {"name": "Kelley", "phone": "555-555-0123"},
            "notes": [{"kind": "delivery", "text": "Leave at my door:Building 23 Red doormat"}],
            "items": [
                {
                    "line_id": "1-1",
                    "name": "Plain Bagel",
                    "ref": "780709",
                    "group": "10033",
                    "quantity": "1",
                    "modifiers": [
                        {
                            "name": "Sliced & Toasted",
                            "group": "Toast & Slice",
                            "action": "choose",
                            "quantity": "1",
                        }
                    ],
                    "unit_price": usd("1.49"),
                },
                {
                    # The odd line: shaped like an extra (name and options, no quantity or
                    # price). Kept as one "Eggs" with its option, price unknown.
                    "line_id": "1-2",
                    "name": "Eggs",
                    "ref": "Eggs",
                    "group": "10033",
                    "quantity": "1",
                    "modifiers": [
                        {
                            "name": "Folded Egg White (30 Cal.)",
                            "group": "Eggs",
                            "action": "choose",
                            "quantity": "1",
                        }
                    ],
                },
            ],
            "totals": {
                "currency": "USD",
                "subtotal": usd("15.64"),
                "delivery_fee": usd("2.99"),
                "tip": usd("1.00"),
                "tax": usd("0.94"),
                "paid": True,
            },
        },
    )
    assert total_quantity(order) == 2
    assert all_texts(order) == {"Leave at my door:Building 23 Red doormat"}


def test_extras_nest_at_every_depth_and_prices_add_up_per_unit() -> None:
    data = sample_json(SAMPLE)
    bagel = data["categories"][0]["items"][0]
    bagel["quantity"] = 2
    bagel["special_instructions"] = "Extra crispy"
    bagel["extras"][0]["options"][0]["price"] = 50
    bagel["extras"][0]["options"][0]["extras"] = [
        {
            "name": "Spread",
            "options": [{"name": "Cream cheese", "quantity": 2, "price": 25, "extras": []}],
        }
    ]
    order = only_order(read("doordash", data, SETTINGS))
    item = order.items[0]
    assert modifier_tree(item.modifiers) == [
        ("Sliced & Toasted", "choose", "1", None, [("Cream cheese", "choose", "2", None, [])])
    ]
    # 1.49 + 1 x (0.50 + 2 x 0.25) per bagel
    assert item.unit_price == wire.Money(amount=Decimal("2.49"), currency="USD")
    assert item.notes == ("Extra crispy",)


def test_the_webhook_envelope_and_a_cancellation() -> None:
    data = {"event": {"type": "OrderCreate", "status": "NEW"}, "order": sample_json(SAMPLE)}
    assert only_order(read("doordash", data, SETTINGS)).display_id == "897176"
    cancel = {"event": {"type": "OrderCancel"}, "order": {"id": "dd-1"}}
    assert read("doordash", cancel, SETTINGS) == (
        Cancellation("doordash:dd-1", "cancelled on DoorDash", from_platform=True),
    )


def test_a_pickup_order_without_a_currency() -> None:
    data = sample_json(SAMPLE)
    data["is_pickup"] = True
    order = only_order(read("doordash", data, DoorDashSettings(auth_token="t")))
    assert order.fulfillment.type is wire.FulfillmentType.PICKUP
    assert order.fulfillment.address is None
    assert order.totals is None and order.items[0].unit_price is None
