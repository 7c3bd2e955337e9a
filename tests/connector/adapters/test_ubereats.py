"""Uber Eats: the documented sample order, notifications, cancellations, allergies, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kds import wire
from kds.connector.adapters.base import FetchOrder, Ignored, PayloadError
from kds.connector.adapters.ubereats import UberEatsSettings, fetch_request
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

SAMPLE = "ubereats_order_v1_modifiers_removed_items_special_instructions.json"
SETTINGS = UberEatsSettings(client_secret="secret", access_token="token")


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def test_the_documented_sample_order_maps_field_by_field() -> None:
    order = only_order(read("ubereats", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            "id": "ubereats:f9f363d1-e1c2-4595-b477-c649845bc953",
            "external_id": "f9f363d1-e1c2-4595-b477-c649845bc953",
            "display_id": "BC953",
            "source": "ubereats",
            "channel": "UBER_EATS",
            "brand": "Harry's Hamburgers",
            "revision": 1,
            "created_at": "2019-05-14T15:16:54-05:00",
            "fulfillment": {
                "type": "delivery",
                "asap": True,
                "due_at": "2019-05-14T15:36:54-05:00",
            },
            "customer": {
                "name": "Larry",
                "phone": "+1 555-555-5555",
                "phone_access_code": "555 55 555",
            },
            "items": [
                {
                    "line_id": "Muffin-Instance",
                    "name": "Fresh-baked muffin",
                    "ref": "Muffin",
                    "quantity": "1",
                    "modifiers": [
                        {
                            "name": "Chocolate deluxe",
                            "group": "Choose flavor",
                            "action": "choose",
                            "quantity": "1",
                        }
                    ],
                    "unit_price": usd("3.50"),
                },
                {
                    "line_id": "CoffeeInstance",
                    "name": "Coffee",
                    "ref": "Coffee",
                    "quantity": "1",
                    "notes": ["make it iced please"],
                    "modifiers": [
                        {"name": "Milk", "group": "Add milk", "action": "choose", "quantity": "1"},
                        {
                            "name": "Sugar",
                            "group": "Add sugar",
                            "action": "remove",
                            "quantity": "1",
                        },
                    ],
                    "unit_price": usd("3.00"),
                },
                {
                    "line_id": "Strawberry-Donut-Instance",
                    "name": "Strawberry Donut",
                    "ref": "Strawberry_Donut",
                    "quantity": "1",
                    "unit_price": usd("2.50"),
                },
            ],
            "totals": {
                "currency": "USD",
                "subtotal": usd("6.50"),
                "tax": usd("0.52"),
                "total": usd("13.99"),
                # cash_amount_due is the whole total: the eater pays cash.
                "paid": False,
                "payment_method": "cash",
            },
        },
    )
    # What must survive whatever else changes: quantities, the modifier tree, every note.
    assert total_quantity(order) == 3
    assert [modifier_tree(i.modifiers) for i in order.items] == [
        [("Chocolate deluxe", "choose", "1", None, [])],
        [("Milk", "choose", "1", None, []), ("Sugar", "remove", "1", None, [])],
        [],
    ]
    assert all_texts(order) == {"make it iced please"}


def test_fulfillment_issues_in_the_sample_are_not_applied_to_the_lines() -> None:
    # The store's own out-of-stock reports go back to Uber; the cart is what is made.
    data = sample_json(SAMPLE)
    assert data["cart"]["fulfillment_issues"]
    order = only_order(read("ubereats", sample(SAMPLE), SETTINGS))
    assert [i.name for i in order.items] == [i["title"] for i in data["cart"]["items"]]


def _order(**changes: object) -> dict[str, object]:
    order: dict[str, object] = {
        "id": "b1",
        "display_id": "7F2C1",
        "type": "PICK_UP",
        "placed_at": "2026-11-23T19:02:00+01:00",
        "eater": {"first_name": "Anna Maria"},
        "cart": {
            "special_instructions": "Bitte klingeln &amp; warten",
            "items": [
                {
                    "id": "burger",
                    "instance_id": "b-1",
                    "title": "Smash Burger",
                    "quantity": 2,
                    "price": {"unit_price": {"amount": 1190, "currency_code": "EUR"}},
                    "selected_modifier_groups": [
                        {
                            "title": "Patty",
                            "selected_items": [
                                {
                                    "title": "Double",
                                    "quantity": 1,
                                    "selected_modifier_groups": [
                                        {
                                            "title": "Cheese",
                                            "selected_items": [{"title": "Cheddar", "quantity": 2}],
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                    "special_requests": {
                        "allergy": {
                            "allergens_to_exclude": [{"type": "PEANUTS"}, {"type": "TREE_NUTS"}],
                            "allergy_instructions": "Severe nut allergy",
                        }
                    },
                }
            ],
        },
    }
    order.update(changes)
    return order


def test_nested_modifiers_allergies_and_an_html_entity_in_the_order_note() -> None:
    order = only_order(read("ubereats", _order(), SETTINGS))
    assert order.fulfillment.type is wire.FulfillmentType.PICKUP
    assert order.customer is not None and order.customer.name == "Anna"
    assert order.notes == (wire.Note(kind=wire.NoteKind.ORDER, text="Bitte klingeln & warten"),)
    (item,) = order.items
    assert item.quantity == 2
    assert item.unit_price == wire.Money(amount=Decimal("11.90"), currency="EUR")
    assert modifier_tree(item.modifiers) == [
        ("Double", "choose", "1", None, [("Cheddar", "choose", "2", None, [])])
    ]
    assert item.allergens == ("peanuts", "tree nuts")
    assert item.notes == ("Severe nut allergy",)
    assert order.totals is None


def test_a_notification_asks_for_a_fetch_and_a_cancel_event_cancels() -> None:
    note = {"event_type": "orders.notification", "meta": {"resource_id": "abc-123"}}
    assert read("ubereats", note, SETTINGS) == (FetchOrder("abc-123"),)
    cancel = {"event_type": "orders.cancel", "meta": {"resource_id": "abc-123"}}
    assert read("ubereats", cancel, SETTINGS) == (
        Cancellation("ubereats:abc-123", "cancelled on Uber Eats", from_platform=True),
    )
    other = {"event_type": "store.provisioned", "meta": {"resource_id": "store-1"}}
    assert isinstance(read("ubereats", other, SETTINGS)[0], Ignored)
    denied = _order(current_state="CANCELED")
    assert read("ubereats", denied, SETTINGS) == (
        Cancellation("ubereats:b1", "canceled on Uber Eats", from_platform=True),
    )
    request = fetch_request(SETTINGS, "abc-123")
    assert request.url == "https://api.uber.com/v1/eats/order/abc-123"
    assert request.headers["Authorization"] == "Bearer token"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cart": {"items": []}}, "cart.items"),
        ({"type": "TELEPORT"}, "type"),
        ({"placed_at": "yesterday"}, "placed_at"),
    ],
)
def test_an_unreadable_order_names_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(PayloadError) as info:
        read("ubereats", _order(**changes), SETTINGS)
    assert info.value.field == field
