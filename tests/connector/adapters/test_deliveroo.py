"""Deliveroo: the captured `order.new` webhook (CJK text), nested modifiers, status updates."""

from __future__ import annotations

import pytest

from kds import wire
from kds.connector.adapters.base import Ignored, PayloadError
from kds.connector.adapters.deliveroo import DeliverooSettings
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

SAMPLE = "deliveroo_webhook_order_new_hk_chinese_text.json"
SETTINGS = DeliverooSettings(webhook_secret="secret")


def hkd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "HKD"}


def test_the_captured_order_new_webhook_maps_field_by_field() -> None:
    order = only_order(read("deliveroo", sample(SAMPLE), SETTINGS))
    assert_same_order(
        order,
        {
            "id": "deliveroo:hk:401e92a9-b75e-464f-9c83-182b873eecf1",
            "external_id": "hk:401e92a9-b75e-464f-9c83-182b873eecf1",
            "display_id": "8102",
            "source": "deliveroo",
            "brand": "aeon-hk",
            "revision": 1,
            "created_at": "2024-12-10T09:14:35Z",
            "fulfillment": {
                "type": "delivery",
                "asap": True,
                "due_at": "2024-12-10T09:22:04Z",
                "prepare_at": "2024-12-10T09:18:04Z",
            },
            "customer": {
                "name": "HK",
                "phone": "555-555-0123",
                "phone_access_code": "000000000",
            },
            "notes": [{"kind": "cutlery", "text": "NO CUTLERY / 不需要餐具"}],
            "items": [
                {
                    "line_id": "1",
                    "name": "菲律賓>單隻超甜香蕉",
                    "kitchen_name": "菲律賓單隻超甜香蕉",
                    "ref": "000945402-plu",
                    "quantity": "1",
                    "unit_price": hkd("10.00"),
                }
            ],
            "totals": {
                "currency": "HKD",
                "subtotal": hkd("10.00"),
                "discount": hkd("0.00"),
                "total": hkd("10.00"),
                "paid": True,
            },
        },
    )
    assert total_quantity(order) == 1
    assert all_texts(order) == {"NO CUTLERY / 不需要餐具"}  # empty order_notes: no note
    assert order.items[0].label == "菲律賓單隻超甜香蕉"  # the kitchen reads the operational name


def test_nested_modifiers_at_every_depth() -> None:
    modifiers = [
        {
            "name": "Noodles",
            "operational_name": "NOODLE",
            "quantity": 1,
            "modifiers": [
                {
                    "name": "Egg",
                    "quantity": 2,
                    "modifiers": [{"name": "Soft boiled", "quantity": 1, "modifiers": []}],
                },
                {"name": "Chili", "quantity": 0, "modifiers": []},
            ],
        }
    ]
    data = sample_json(SAMPLE)
    data["body"]["order"]["items"][0]["modifiers"] = modifiers
    data["body"]["order"]["order_notes"] = "Extra napkins please"
    order = only_order(read("deliveroo", data, SETTINGS))
    assert modifier_tree(order.items[0].modifiers) == [
        ("Noodles", "choose", "1", None, [("Egg", "choose", "2", None, [
            ("Soft boiled", "choose", "1", None, []),
        ])]),
    ]  # fmt: skip
    assert order.items[0].modifiers[0].label == "NOODLE"
    assert order.notes[0] == wire.Note(kind=wire.NoteKind.ORDER, text="Extra napkins please")


def test_a_status_update_to_canceled_cancels_and_other_events_are_ignored() -> None:
    data = sample_json(SAMPLE)
    data["event"] = "order.status_update"
    data["body"]["order"]["status"] = "canceled"
    assert read("deliveroo", data, SETTINGS) == (
        Cancellation(
            "deliveroo:hk:401e92a9-b75e-464f-9c83-182b873eecf1", "canceled", from_platform=True
        ),
    )
    data["event"] = "rider.status_update"
    assert isinstance(read("deliveroo", data, SETTINGS)[0], Ignored)


def test_a_scheduled_collection_order() -> None:
    data = sample_json(SAMPLE)
    data["body"]["order"].update({"asap": False, "fulfillment_type": "customer"})
    order = only_order(read("deliveroo", data, SETTINGS))
    assert order.fulfillment.type is wire.FulfillmentType.PICKUP
    assert not order.fulfillment.asap


def test_an_unknown_fulfilment_type_is_refused_naming_the_field() -> None:
    data = sample_json(SAMPLE)
    data["body"]["order"]["fulfillment_type"] = "drone"
    with pytest.raises(PayloadError) as info:
        read("deliveroo", data, SETTINGS)
    assert info.value.field == "body.order.fulfillment_type"
