"""Just Eat Takeaway (JET Connect): both order webhooks (two CustomerNotes shapes) and cancel."""

from __future__ import annotations

import pytest

from kds.connector.adapters.base import PayloadError
from kds.connector.adapters.justeat import JustEatSettings
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

ACCEPTANCE = "justeat_connect_acceptance_requested_nested_items_restrictions.json"
READY = "justeat_connect_order_ready_for_preparation_notes.json"
CANCELLED = "justeat_connect_order_cancelled.json"
SETTINGS = JustEatSettings(webhook_key="key")


def gbp(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "GBP"}


def _expected(order_id: str, display_id: str) -> dict[str, object]:
    return {
        "id": f"justeat:{order_id}",
        "external_id": order_id,
        "display_id": display_id,
        "source": "justeat",
        "brand": "Just Eat Test Restaurant",
        "revision": 1,
        "created_at": "2018-03-10T14:45:28Z",
        "fulfillment": {
            "type": "delivery",
            "asap": False,
            "due_at": "2018-03-10T14:45:28Z",
            "address": {
                "lines": ["1 Example House", "Example Lane"],
                "city": "London",
                "postal_code": "EC4M 7RD",
            },
        },
        "customer": {"name": "Bruce", "phone": "+15555550123"},
        "items": [
            {
                "line_id": "1",
                "name": "Chicken Box Meal",
                "ref": "1234",
                "quantity": "2",
                # The meal's parts, with their sizes (JET's Synonym) as notes.
                "modifiers": [
                    {"name": "Fries", "action": "part", "quantity": "1", "note": "Regular"},
                    {"name": "Pepsi", "action": "part", "quantity": "2", "note": "330ml"},
                ],
                "unit_price": gbp("5.00"),
            },
            {
                "line_id": "2",
                "name": "Milkshake",
                "ref": "4321",
                "quantity": "1",
                "unit_price": gbp("7.25"),
            },
        ],
        "is_test": True,
    }


def _totals(paid: bool, method: str) -> dict[str, object]:
    return {
        "currency": "GBP",
        "subtotal": gbp("17.25"),
        "discount": gbp("0.00"),
        "delivery_fee": gbp("1.00"),
        "tip": gbp("0.50"),
        "tax": gbp("3.85"),
        "total": gbp("19.25"),
        "paid": paid,
        "payment_method": method,
    }


def test_acceptance_requested_maps_field_by_field() -> None:
    order = only_order(read("justeat", sample(ACCEPTANCE), SETTINGS))
    expected = _expected("ABCD654321", "REF0001")
    expected["fulfillment"]["prepare_at"] = "2018-03-10T14:21:56Z"  # type: ignore[index]  # due - 0:23:32
    expected["customer"]["phone_access_code"] = "9999999"  # type: ignore[index]
    expected["notes"] = [
        {"kind": "order", "text": "restaurant note"},
        {"kind": "delivery", "text": "delivery note"},
    ]
    expected["restrictions"] = ["alcohol"]  # an ID check at the door
    expected["totals"] = _totals(True, "CreditCard")  # the paid line covers the total
    assert_same_order(order, expected)
    assert total_quantity(order) == 3
    assert all_texts(order) == {"restaurant note", "delivery note"}


def test_ready_for_preparation_reads_notes_given_as_key_value_pairs() -> None:
    order = only_order(read("justeat", sample(READY), SETTINGS))
    expected = _expected("XYZ123456", "XYZ123456")  # no FriendlyOrderReference: the id
    expected["notes"] = [
        {"kind": "order", "text": "Floor: 5th floor"},
        {"kind": "order", "text": "Code: Code 1234"},
    ]
    expected["totals"] = _totals(False, "card")
    assert_same_order(order, expected)
    assert modifier_tree(order.items[0].modifiers) == [
        ("Fries", "part", "1", "Regular", []),
        ("Pepsi", "part", "2", "330ml", []),
    ]


def test_order_cancelled_is_a_cancellation_with_the_reason() -> None:
    assert read("justeat", sample(CANCELLED), SETTINGS) == (
        Cancellation(
            "justeat:ijdhpy7bdusgtc28bapspa", "system_cancelled_other", from_platform=True
        ),
    )


def test_items_nest_at_every_depth() -> None:
    data = sample_json(ACCEPTANCE)
    data["Items"][0]["Items"][1]["Items"] = [
        {"Name": "Ice", "Quantity": 1, "Items": [{"Name": "Lemon slice", "Quantity": 1}]}
    ]
    order = only_order(read("justeat", data, SETTINGS))
    assert modifier_tree(order.items[0].modifiers)[1] == (
        "Pepsi", "part", "2", "330ml", [("Ice", "part", "1", None, [
            ("Lemon slice", "part", "1", None, []),
        ])],
    )  # fmt: skip


def test_an_unknown_method_and_a_zero_quantity_are_refused() -> None:
    data = sample_json(ACCEPTANCE)
    data["Fulfilment"]["Method"] = "Catapult"
    with pytest.raises(PayloadError) as info:
        read("justeat", data, SETTINGS)
    assert info.value.field == "Fulfilment.Method"
    data = sample_json(ACCEPTANCE)
    data["Items"][1]["Quantity"] = 0
    with pytest.raises(PayloadError) as info:
        read("justeat", data, SETTINGS)
    assert info.value.field == "Items.1.Quantity"


def test_prices_are_read_as_decimals_not_floats() -> None:
    body = sample(ACCEPTANCE).replace(b'"UnitPrice": 7.25', b'"UnitPrice": 1.005')
    order = only_order(read("justeat", body, SETTINGS))
    price = order.items[1].unit_price
    assert price is not None and str(price.amount) == "1.005"  # a float would be 1.00499...
