"""HubRise: the create-order example (options, a deal, loyalty), callbacks, cancellations."""

from __future__ import annotations

import pytest

from kds import wire
from kds.connector.adapters.base import PayloadError
from kds.connector.adapters.hubrise import HubRiseSettings
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

SAMPLE = "hubrise_create_order_options_deal.json"
SETTINGS = HubRiseSettings(client_secret="secret")


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def test_the_create_order_example_maps_field_by_field() -> None:
    order = only_order(read("hubrise", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            # The example is a request body: no HubRise id yet, so its private_ref.
            "id": "hubrise:3345",
            "external_id": "3345",
            "display_id": "3345",  # no collection_code or ref either
            "source": "hubrise",
            "revision": 1,
            "created_at": RECEIVED_AT.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},  # no service_type, no time
            "items": [
                {
                    "line_id": "1",
                    "name": "Margarita",
                    "ref": "MAR-SM",
                    "quantity": "2",
                    "variant": "Small",
                    "modifiers": [
                        {"name": "Barbecue", "group": "Sauce", "action": "choose", "quantity": "1"}
                    ],
                    "unit_price": eur("10.00"),  # 9.00 + 1.00 sauce
                },
                {
                    "line_id": "2",
                    "name": "Brownie",
                    "ref": "BROWN",
                    "quantity": "1",
                    "unit_price": eur("3.00"),
                },
                {
                    "line_id": "3",
                    "name": "Coke",
                    "ref": "COK",
                    "quantity": "1",
                    "unit_price": eur("1.00"),
                },
                {
                    "line_id": "4",
                    "name": "Wings BBQ",
                    "ref": "WBBQ",
                    "quantity": "1",
                    "unit_price": eur("4.00"),
                },
            ],
            "totals": {
                "currency": "EUR",
                "discount": eur("5.00"),
                "total": eur("23.50"),
                "paid": True,  # PayPal covers the total
                "payment_method": "PayPal",
            },
            "loyalty": {
                "card": "LOY",
                "points_before": "6.5",
                "points_used": "5",
                "points_after": "1.5",
            },
        },
    )
    assert total_quantity(order) == 5
    assert all_texts(order) == set()


def test_a_callback_with_the_order_in_new_state_notes_and_a_removed_option() -> None:
    order = sample_json(SAMPLE)
    order.update(
        {
            "id": "5dpm9",
            "collection_code": "AB12",
            "service_type": "delivery",
            "expected_time": "2026-11-23T19:30:00+01:00",
            "created_at": "2026-11-23T18:55:00+01:00",
            "customer_notes": "Ring twice",
            "seller_notes": "VIP &amp; regular",
            "customer": {
                "first_name": "Zoë",
                "address_1": "Rue de la Paix 1",
                "city": "Paris",
                "postal_code": "75002",
                "delivery_notes": "Code 4B",
            },
        }
    )
    order["items"][0]["customer_notes"] = "Well done"
    order["items"][0]["options"].append(
        {"option_list_name": "Toppings", "name": "Olives", "removed": True}
    )
    callback = {
        "resource_type": "order",
        "event_type": "create",
        "order_id": "5dpm9",
        "new_state": order,
    }
    mapped = only_order(read("hubrise", callback, SETTINGS))
    assert (mapped.id, mapped.display_id, mapped.pickup_code) == ("hubrise:5dpm9", "AB12", "AB12")
    assert mapped.fulfillment.type is wire.FulfillmentType.DELIVERY
    assert not mapped.fulfillment.asap
    assert mapped.fulfillment.address is not None and mapped.fulfillment.address.city == "Paris"
    assert mapped.customer is not None and mapped.customer.name == "Zoë"
    assert [(n.kind.value, n.text) for n in mapped.notes] == [
        ("order", "Ring twice"),
        ("kitchen", "VIP & regular"),
        ("delivery", "Code 4B"),
    ]
    assert mapped.items[0].notes == ("Well done",)
    assert modifier_tree(mapped.items[0].modifiers) == [
        ("Barbecue", "choose", "1", None, []),
        ("Olives", "remove", "1", None, []),
    ]


def test_a_cancelled_order_cancels_and_a_bad_amount_names_the_field() -> None:
    data = sample_json(SAMPLE)
    data["status"] = "cancelled"
    assert read("hubrise", data, SETTINGS) == (
        Cancellation("hubrise:3345", "cancelled", from_platform=True),
    )
    data = sample_json(SAMPLE)
    data["items"][1]["price"] = "three euros"
    with pytest.raises(PayloadError) as info:
        read("hubrise", data, SETTINGS)
    assert info.value.field == "items.1.price"


def test_a_callback_without_an_order_id_in_its_state_uses_the_callbacks() -> None:
    state = sample_json(SAMPLE)
    del state["private_ref"]
    state["ref"] = "W-881"
    callback = {"resource_type": "order", "order_id": "x7k2p", "new_state": state}
    order = only_order(read("hubrise", callback, SETTINGS))
    assert (order.id, order.display_id, order.pickup_code) == ("hubrise:x7k2p", "W-881", None)
