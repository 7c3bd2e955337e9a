"""Deliverect: the three-level sub-item order (with placeholder times) and the cancel call."""

from __future__ import annotations

import pytest

from kds import wire
from kds.connector.adapters.base import PayloadError
from kds.connector.adapters.deliverect import DeliverectSettings
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

ORDER = "deliverect_channel_create_order_nested_subitems.json"
CANCEL = "deliverect_channel_cancel_order.json"
SETTINGS = DeliverectSettings(webhook_secret="secret", currency="CAD")


def cad(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "CAD"}


EXPECTED = {
    "id": "deliverect:TEST****629",
    "external_id": "TEST****629",
    "display_id": "T**629",
    "source": "deliverect",
    "revision": 1,
    # placedTime is the literal placeholder "YYYY-MM-DDTHH:mm:ss.SSSSSSZ": arrival time.
    "created_at": RECEIVED_AT.isoformat(),
    "fulfillment": {
        # orderType 1 is pickup in Deliverect's enum; it wins over the filled-in address,
        # which is still carried so nothing is lost.
        "type": "pickup",
        "asap": True,
        "guests": 1,
        "include_cutlery": False,
        "address": {
            "lines": ["Example Street 1", "1st floor"],
            "city": "Toronto",
            "postal_code": "M5A1N4",
            "country": "Canada",
        },
    },
    "customer": {"name": "Jane", "phone": "555-555-0123", "phone_access_code": "5040"},
    "notes": [{"kind": "other", "text": "call once you arrive"}],
    "items": [
        {
            "line_id": "1",
            "name": "Chicken Sate",
            "ref": "P-SATE",
            "quantity": "1",
            "notes": ["well done"],
            "modifiers": [
                {
                    "name": "White Rice",
                    "action": "choose",
                    "quantity": "1",
                    "modifiers": [{"name": "Sate Sauce", "action": "choose", "quantity": "2"}],
                }
            ],
            # 4.50 + 1 x (4.50 rice + 2 x 0.50 sauce)
            "unit_price": cad("10.00"),
        }
    ],
    "totals": {
        "currency": "CAD",
        "subtotal": cad("10.00"),
        "discount": cad("1.00"),
        "delivery_fee": cad("3.00"),
        "tip": cad("2.00"),
        "tax": cad("0.77"),
        # 10.00 + 3.00 delivery + 4.00 service charge + 2.00 tip - 1.00 discount
        "total": cad("18.00"),
        "paid": True,
    },
}


def test_the_nested_sub_item_order_maps_field_by_field() -> None:
    order = only_order(read("deliverect", sample(ORDER), SETTINGS))
    assert_same_order(order, EXPECTED)
    assert total_quantity(order) == 1
    assert modifier_tree(order.items[0].modifiers) == [
        ("White Rice", "choose", "1", None, [("Sate Sauce", "choose", "2", None, [])])
    ]
    assert all_texts(order) == {"well done", "call once you arrive"}  # empty `note`: none


def test_without_a_configured_currency_money_is_left_out() -> None:
    order = only_order(read("deliverect", sample(ORDER), DeliverectSettings(webhook_secret="s")))
    assert order.totals is None
    expected = wire.parse_order(EXPECTED)
    assert order.items == tuple(i.model_copy(update={"unit_price": None}) for i in expected.items)


def test_the_cancel_call_with_template_ids_is_a_cancellation_of_that_id() -> None:
    assert read("deliverect", sample(CANCEL), SETTINGS) == (
        Cancellation("deliverect:{{channelOrderId}}", "CANCELLATION", from_platform=True),
    )


def test_times_are_read_when_they_are_times_and_a_scheduled_order_needs_one() -> None:
    data = sample_json(ORDER)
    data.update(
        {
            "orderType": 2,
            "deliveryIsAsap": False,
            "deliveryTime": "2026-11-23T19:45:00.000000Z",
            "placedTime": "2026-11-23T19:01:00.000000Z",
            "ageCheck": True,
        }
    )
    order = only_order(read("deliverect", data, SETTINGS))
    assert order.fulfillment.type is wire.FulfillmentType.DELIVERY
    assert not order.fulfillment.asap
    assert order.fulfillment.due_at is not None
    assert order.fulfillment.due_at.isoformat() == "2026-11-23T19:45:00+00:00"
    assert order.created_at.isoformat() == "2026-11-23T19:01:00+00:00"
    assert order.restrictions == ("age_check",)

    data["deliveryTime"] = "YYYY-MM-DDTHH:mm:ss.SSSSSSZ"
    with pytest.raises(PayloadError) as info:
        read("deliverect", data, SETTINGS)
    assert info.value.field == "deliveryTime"


def test_a_re_sent_order_with_status_100_cancels() -> None:
    data = sample_json(ORDER)
    data["status"] = 100
    assert read("deliverect", data, SETTINGS) == (
        Cancellation("deliverect:TEST****629", None, from_platform=True),
    )


def test_an_eat_in_order_keeps_its_table_and_guests() -> None:
    data = sample_json(ORDER)
    data.update({"orderType": 3, "table": "12", "numberOfCustomers": 4})
    order = only_order(read("deliverect", data, SETTINGS))
    assert order.fulfillment.type is wire.FulfillmentType.DINE_IN
    assert (order.fulfillment.table, order.fulfillment.guests) == ("12", 4)
