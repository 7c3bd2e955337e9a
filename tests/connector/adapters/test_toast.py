"""Toast: the delivery order (checks, selections, CJK name), webhook events, voids."""

from __future__ import annotations

from kds import wire
from kds.connector.adapters.toast import ToastSettings
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

SAMPLE = "toast_order_delivery_checks_selections.json"
SETTINGS = ToastSettings(webhook_secret="secret", currency="USD")


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def test_the_delivery_order_maps_field_by_field() -> None:
    order = only_order(read("toast", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            "id": "toast:89488287-f259-435b-a654-0bc391596af0",
            "external_id": "89488287-f259-435b-a654-0bc391596af0",
            "display_id": "pdesjardins-api-1627646263",
            "source": "toast",
            "channel": "API",
            "revision": 1,
            "created_at": "2021-07-30T11:57:46.286+00:00",
            "fulfillment": {
                # The dining option is only a GUID: not configured here, so deliveryInfo says.
                "type": "delivery",
                "asap": True,  # no promisedDate
                "due_at": "2021-07-30T12:12:46.235+00:00",
                "prepare_at": "2021-07-30T11:57:46.235+00:00",  # due - PT15M
                "guests": 1,
                "address": {
                    "lines": ["1 Example Drive", "Suite 801"],
                    "city": "Boston",
                    "postal_code": "02215",
                },
            },
            "customer": {"name": "Severe", "phone": "5555555555"},
            "notes": [{"kind": "delivery", "text": "Please ring the doorbell."}],
            "items": [
                {
                    "line_id": "2c8b6ece-c503-4f85-aed7-6a8c6526ba0d",
                    "name": "蟹餅  CRAB CAKES",  # two spaces, as sent
                    "ref": "9c59d4ab-8242-450f-8f36-b16e1b3ab802",
                    "quantity": "1",
                    "unit_price": usd("5.00"),
                }
            ],
            "totals": {
                "currency": "USD",
                "subtotal": usd("5.00"),
                "tip": usd("0.00"),
                "tax": usd("0.00"),
                "total": usd("5.00"),
                "paid": False,  # the check is OPEN
                "payment_method": "OTHER",
            },
        },
    )
    assert total_quantity(order) == 1
    assert all_texts(order) == {"Please ring the doorbell."}


def test_the_webhook_event_nested_modifiers_pre_modifiers_and_voided_lines() -> None:
    order = sample_json(SAMPLE)
    crab = order["checks"][0]["selections"][0]
    crab["specialRequest"] = "Sauce on the side"
    crab["modifiers"] = [
        {
            "displayName": "Remoulade",
            "quantity": 1,
            "modifiers": [{"displayName": "Capers", "quantity": 1, "preModifier": {"name": "NO"}}],
        },
        {"displayName": "Lemon", "quantity": 2, "preModifier": {"name": "EXTRA"}},
        {"displayName": "Old Bay", "quantity": 1, "voided": True},
    ]
    voided = dict(crab, guid="void-1", displayName="Chowder", voided=True, modifiers=[])
    order["checks"][0]["selections"].append(voided)
    event = {
        "timestamp": "2021-07-30T11:57:47.000+0000",
        "eventCategory": "orders",
        "eventType": "order_updated",
        "guid": "event-1",
        "details": {"restaurantGuid": "r-1", "order": order},
    }
    settings = ToastSettings(
        webhook_secret="s",
        dining_options={"18855a26-40d4-4a8f-b484-c6af211dd597": wire.FulfillmentType.CURBSIDE},
    )
    mapped = only_order(read("toast", event, settings))
    assert mapped.fulfillment.type is wire.FulfillmentType.CURBSIDE  # configured GUID wins
    assert mapped.fulfillment.address is None
    assert [i.name for i in mapped.items] == ["蟹餅  CRAB CAKES"]  # the voided line is gone
    assert mapped.items[0].notes == ("Sauce on the side",)
    assert modifier_tree(mapped.items[0].modifiers) == [
        ("Remoulade", "choose", "1", None, [("Capers", "remove", "1", None, [])]),
        ("Lemon", "add", "2", None, []),
    ]
    assert mapped.totals is None  # the settings name no currency


def test_a_voided_order_or_one_with_every_line_voided_cancels() -> None:
    order = sample_json(SAMPLE)
    order["voided"] = True
    assert read("toast", order, SETTINGS) == (
        Cancellation("toast:89488287-f259-435b-a654-0bc391596af0", "voided", from_platform=True),
    )
    order = sample_json(SAMPLE)
    order["checks"][0]["selections"][0]["voided"] = True
    assert read("toast", order, SETTINGS) == (
        Cancellation(
            "toast:89488287-f259-435b-a654-0bc391596af0", "every item voided", from_platform=True
        ),
    )


def test_an_order_whose_checks_are_paid_is_paid() -> None:
    order = sample_json(SAMPLE)
    order["checks"][0]["paymentStatus"] = "PAID"
    totals = only_order(read("toast", order, SETTINGS)).totals
    assert totals is not None and totals.paid
