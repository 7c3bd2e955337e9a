"""Square: notifications ask for a fetch (or cancel); the fetched order maps exactly."""

from __future__ import annotations

from kds.connector.adapters.base import FetchOrder
from kds.connector.adapters.square import SquareSettings, fetch_request
from kds.connector.intake import Cancellation, OrderSnapshot

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

RESPONSE = "square_create_order_response_modifiers_variation.json"
CREATED = "square_webhook_order_created.json"
FULFILMENT = "square_webhook_order_fulfillment_updated.json"
SETTINGS = SquareSettings(
    signature_key="key",
    notification_url="https://kds.example.com/webhooks/square",
    access_token="token",
)


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def test_order_created_carries_no_items_so_the_order_is_fetched() -> None:
    assert read("square", sample(CREATED), SETTINGS) == (
        FetchOrder("eA3vssLHKJrv9H0IdJCM3gNqfdcZY", 1),
    )
    request = fetch_request(SETTINGS, "eA3vssLHKJrv9H0IdJCM3gNqfdcZY")
    assert request.url == "https://connect.squareup.com/v2/orders/eA3vssLHKJrv9H0IdJCM3gNqfdcZY"
    assert request.headers["Authorization"] == "Bearer token"
    assert request.headers["Square-Version"] == SETTINGS.api_version


def test_a_fulfilment_update_fetches_the_newer_version_or_cancels() -> None:
    assert read("square", sample(FULFILMENT), SETTINGS) == (
        FetchOrder("eA3vssLHKJrv9H0IdJCM3gNqfdcZY", 6),
    )
    data = sample_json(FULFILMENT)
    data["data"]["object"]["order_fulfillment_updated"]["fulfillment_update"][0]["new_state"] = (
        "CANCELED"
    )
    assert read("square", data, SETTINGS) == (
        Cancellation(
            "square:eA3vssLHKJrv9H0IdJCM3gNqfdcZY", "fulfillment canceled", from_platform=True
        ),
    )


def test_the_order_response_maps_field_by_field() -> None:
    messages = read("square", sample(RESPONSE), SETTINGS)
    assert isinstance(messages[0], OrderSnapshot) and messages[0].version == 1
    order = only_order(messages)
    assert_same_order(
        order,
        {
            "id": "square:CAISENgvlJ6jLWAzERDzjyHVybY",
            "external_id": "CAISENgvlJ6jLWAzERDzjyHVybY",
            "display_id": "my-order-001",  # no ticket_name: the reference id
            "source": "square",
            "channel": "My App",
            "revision": 1,
            "created_at": "2020-01-17T20:47:53.293Z",
            "fulfillment": {"type": "pickup", "asap": True},  # no fulfilment in the example
            "items": [
                {
                    "line_id": "8uSwfzvUImn3IRrvciqlXC",
                    "name": "New York Strip Steak",
                    "quantity": "1",
                    "unit_price": usd("15.99"),
                },
                {
                    "line_id": "v8ZuEXpOJpb0bazLuvrLDB",
                    "name": "New York Steak",
                    "ref": "BEMYCSMIJL46OCDV4KYIKXIB",
                    "quantity": "2",
                    "variant": "Larger",
                    "modifiers": [{"name": "Well", "action": "choose", "quantity": "1"}],
                    "unit_price": usd("22.50"),  # 22.00 + 0.50 for "Well"
                },
            ],
            "totals": {
                "currency": "USD",
                "subtotal": usd("60.99"),  # the lines' gross sales, 15.99 + 45.00
                "discount": usd("4.33"),
                "tip": usd("0.00"),
                "tax": usd("5.10"),
                "total": usd("61.76"),
                "paid": False,  # no tenders yet
            },
        },
    )
    assert total_quantity(order) == 3
    assert all_texts(order) == set()


def test_a_scheduled_pickup_with_prep_time_a_note_and_no_cheese() -> None:
    data = sample_json(RESPONSE)
    data["order"]["fulfillments"] = [
        {
            "type": "PICKUP",
            "state": "PROPOSED",
            "pickup_details": {
                "pickup_at": "2026-11-23T19:30:00-08:00",
                "schedule_type": "SCHEDULED",
                "prep_time_duration": "PT20M",
                "note": "Door 3",
                "recipient": {"display_name": "Jo Bloggs", "phone_number": "+15555550123"},
            },
        }
    ]
    data["order"]["line_items"][1]["modifiers"].append({"name": "Cheese", "quantity": "0"})
    data["order"]["line_items"][0]["note"] = "No salt"
    order = only_order(read("square", data, SETTINGS))
    assert not order.fulfillment.asap
    assert order.fulfillment.due_at is not None and order.fulfillment.prepare_at is not None
    assert order.fulfillment.due_at.isoformat() == "2026-11-23T19:30:00-08:00"
    assert order.fulfillment.prepare_at.isoformat() == "2026-11-23T19:10:00-08:00"
    assert order.customer is not None and order.customer.name == "Jo"
    assert all_texts(order) == {"Door 3", "No salt"}
    assert modifier_tree(order.items[1].modifiers) == [
        ("Well", "choose", "1", None, []),
        ("Cheese", "remove", "1", None, []),
    ]
    data["order"]["state"] = "CANCELED"
    assert read("square", data, SETTINGS) == (
        Cancellation("square:CAISENgvlJ6jLWAzERDzjyHVybY", "canceled", from_platform=True),
    )


def test_an_order_with_nothing_due_is_paid() -> None:
    data = sample_json(RESPONSE)
    data["order"]["net_amount_due_money"] = {"amount": 0, "currency": "USD"}
    data["order"]["tenders"] = [{"type": "CARD"}]
    totals = only_order(read("square", data, SETTINGS)).totals
    assert totals is not None and (totals.paid, totals.payment_method) == (True, "CARD")
