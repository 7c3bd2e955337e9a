"""GloriaFood: the EU and US tax-model samples (fee and promo lines, item and order notes)."""

from __future__ import annotations

import pytest

from kds.connector.adapters.base import Ignored, PayloadError
from kds.connector.adapters.gloriafood import GloriaFoodSettings
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

EU = "gloriafood_delivery_eu_tax_promos_item_notes.json"
US = "gloriafood_delivery_us_tax_order_instructions.json"
SETTINGS = GloriaFoodSettings(master_key="key")


def money(amount: str, currency: str) -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def _expected(
    order_id: int, currency: str, pizzas: str, line_ids: list[int], *, city: str, street: str
) -> dict[str, object]:
    def m(amount: str) -> dict[str, str]:
        return money(amount, currency)

    return {
        "id": f"gloriafood:{order_id}",
        "external_id": str(order_id),
        "display_id": str(order_id),
        "source": "gloriafood",
        "channel": "admin",
        "brand": "Pronto",
        "revision": 1,
        "fulfillment": {
            "type": "delivery",
            "asap": True,
            "address": {"lines": [street], "city": city},
        },
        "customer": {"name": "John", "phone": "+15555550123"},
        "items": [
            {
                "line_id": str(line_ids[0]),
                "name": "Pizza Margherita",
                "kitchen_name": "Pizza Margherita Internal Name",
                "ref": "841",
                "quantity": pizzas,
                "variant": "Large",
                "notes": ["No pepper please"],
                "modifiers": [
                    {
                        "name": "Extra mozzarella",
                        "kitchen_name": "Extra mozzarella Internal Name",
                        "group": "Extra Toppings (Small)",
                        "action": "choose",
                        "quantity": "1",
                    }
                ],
                "unit_price": m("10.20"),  # 7 + 2 (Large) + 1.20 (mozzarella)
            },
            # Both spaghetti lines belong to a "buy one get other free" promo line.
            {
                "line_id": str(line_ids[1]),
                "name": "Spaghetti Frutti di Mare",
                "ref": "844",
                "quantity": "1",
                "unit_price": m("12.00"),
            },
            {
                "line_id": str(line_ids[2]),
                "name": "Spaghetti Frutti di Mare",
                "ref": "844",
                "quantity": "1",
                "unit_price": m("12.00"),
            },
            {
                "line_id": str(line_ids[3]),
                "name": "Cola",
                "ref": "2716",
                "quantity": "1",
                "modifiers": [
                    {
                        "name": "Cola light",
                        "group": "Which cola",
                        "action": "choose",
                        "quantity": "1",
                    }
                ],
                "unit_price": m("5.00"),
            },
        ],
    }


def test_the_eu_sample_maps_field_by_field_and_keeps_only_food_lines() -> None:
    order = only_order(read("gloriafood", sample(EU), SETTINGS))
    expected = _expected(
        6819, "EUR", "2", [27189, 27191, 27193, 27195], city="Dublin", street="2 Example Street"
    )
    expected["created_at"] = "2019-05-29T14:51:52Z"
    expected["fulfillment"]["due_at"] = "2019-05-29T15:46:52Z"  # type: ignore[index]
    expected["totals"] = {
        "currency": "EUR",
        "subtotal": money("27.40", "EUR"),
        "delivery_fee": money("10.00", "EUR"),  # the DELIVERY_FEE line
        "tip": money("3.74", "EUR"),  # the TIP line
        "tax": money("6.57", "EUR"),
        "total": money("41.14", "EUR"),
        "paid": True,
        "payment_method": "ONLINE",
    }
    assert_same_order(order, expected)
    assert total_quantity(order) == 5
    assert all_texts(order) == {"No pepper please"}  # the order's instructions are null


def test_the_us_sample_keeps_the_order_instructions() -> None:
    order = only_order(read("gloriafood", sample(US), SETTINGS))
    expected = _expected(
        6816, "USD", "4", [27162, 27165, 27167, 27168], city="Manhattan", street="2 Example Avenue"
    )
    expected["created_at"] = "2019-05-29T14:45:19Z"
    expected["fulfillment"]["due_at"] = "2019-05-29T15:40:19Z"  # type: ignore[index]
    expected["notes"] = [{"kind": "order", "text": "Please call when you arrive at the gate"}]
    expected["totals"] = {
        "currency": "USD",
        "subtotal": money("47.80", "USD"),
        "delivery_fee": money("10.00", "USD"),
        "tip": money("6.88", "USD"),
        "tax": money("12.08", "USD"),
        "total": money("75.66", "USD"),
        "paid": True,
        "payment_method": "ONLINE",
    }
    assert_same_order(order, expected)
    assert total_quantity(order) == 7
    assert [modifier_tree(i.modifiers) for i in order.items][3] == [
        ("Cola light", "choose", "1", None, [])
    ]
    assert all_texts(order) == {"No pepper please", "Please call when you arrive at the gate"}


def test_two_orders_in_one_push_a_cancelled_one_and_a_reservation() -> None:
    first = sample_json(EU)["orders"][0]
    cancelled = dict(sample_json(US)["orders"][0], status="missed", missed_reason="no answer")
    reservation = dict(first, id=7000, type="table_reservation", items=[])
    messages = read("gloriafood", {"count": 3, "orders": [first, cancelled, reservation]}, SETTINGS)
    assert only_order(messages[:1]).id == "gloriafood:6819"
    assert messages[1] == Cancellation("gloriafood:6816", "no answer", from_platform=True)
    assert isinstance(messages[2], Ignored)


def test_an_order_with_only_fee_lines_is_refused() -> None:
    data = sample_json(EU)
    data["orders"][0]["items"] = [i for i in data["orders"][0]["items"] if i["type"] != "item"]
    with pytest.raises(PayloadError) as info:
        read("gloriafood", data, SETTINGS)
    assert info.value.field == "orders.0.items"


def test_cash_on_delivery_is_not_paid() -> None:
    data = sample_json(US)
    data["orders"][0]["payment"] = "CASH"
    totals = only_order(read("gloriafood", data, SETTINGS)).totals
    assert totals is not None and (totals.paid, totals.payment_method) == (False, "CASH")
