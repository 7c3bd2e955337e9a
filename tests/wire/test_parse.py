"""The wire parser: every valid message becomes a typed value; every bad one, one clear error."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.wire.schema import schemas

ORDER: dict[str, Any] = {
    "id": "webshop:1001",
    "external_id": "1001",
    "display_id": "17",
    "source": "webshop",
    "revision": 1,
    "created_at": "2026-11-23T18:00:00+01:00",
    "fulfillment": {"type": "pickup", "asap": True},
    "items": [
        {
            "line_id": "l1",
            "name": "Käsespätzle",
            "quantity": "2",
            "modifiers": [
                {
                    "name": "Röstzwiebeln",
                    "action": "add",
                    "quantity": "1",
                    "modifiers": [{"name": "extra knusprig", "action": "info", "quantity": "1"}],
                }
            ],
            "unit_price": {"amount": "12.50", "currency": "EUR"},
        }
    ],
}


def event(**fields: Any) -> str:
    base = {"seq": 7, "event_id": "e7", "occurred_at": "2026-11-23T18:00:01+01:00"}
    return json.dumps({**base, **fields}, ensure_ascii=False)


def test_order_created_parses_to_typed_order_with_decimals_and_nested_modifiers() -> None:
    message = wire.parse(event(type="order.created", order=ORDER))
    assert isinstance(message, wire.OrderCreated)
    item = message.order.items[0]
    assert item.name == "Käsespätzle"
    assert item.quantity == Decimal("2")
    assert item.unit_price == wire.Money(amount=Decimal("12.50"), currency="EUR")
    assert item.modifiers[0].modifiers[0].name == "extra knusprig"
    assert message.occurred_at.utcoffset() is not None


def test_dump_round_trips_verbatim_text_and_money_as_strings() -> None:
    message = wire.parse(event(type="order.created", order=ORDER))
    text = wire.dump(message)
    assert "Käsespätzle" in text  # UTF-8 verbatim, no \\u escapes
    assert '"amount":"12.50"' in text
    assert wire.parse(text) == message


def test_omitted_optional_fields_and_lists_mean_null_and_empty() -> None:
    order = wire.parse_order(ORDER)
    assert order.customer is None
    assert order.notes == ()
    assert order.items[0].allergens == ()


@pytest.mark.parametrize(
    ("frame", "path", "reason_part"),
    [
        ("{not json", "", "not valid JSON"),
        ("[1, 2]", "", "JSON object"),
        (event(type="order.teleported"), "", "does not match"),
        (event(type="order.created", order={**ORDER, "colour": "red"}), "order.colour", "Extra"),
        (
            event(
                type="order.created",
                order={**ORDER, "items": [{**ORDER["items"][0], "quantity": 2.5}]},
            ),
            "order.items.0.quantity",
            "decimal string",
        ),
        (
            event(
                type="order.created",
                order={**ORDER, "items": [{**ORDER["items"][0], "quantity": "0"}]},
            ),
            "order.items.0.quantity",
            "greater than 0",
        ),
        (
            event(type="order.created", order={**ORDER, "created_at": "2026-11-23T18:00:00"}),
            "order.created_at",
            "timezone",
        ),
        (event(type="order.created", order={**ORDER, "items": []}), "order.items", "at least 1"),
        (json.dumps({"seq": 1, "event_id": "x"}), "type", "required"),
    ],
)
def test_bad_frames_raise_one_error_naming_the_field(
    frame: str, path: str, reason_part: str
) -> None:
    with pytest.raises(wire.WireError) as caught:
        wire.parse(frame)
    assert caught.value.path == path
    assert reason_part in caught.value.reason


def test_error_keeps_seq_so_the_device_can_reject_and_go_on() -> None:
    with pytest.raises(wire.WireError) as caught:
        wire.parse(event(type="order.created", order={**ORDER, "colour": "red"}))
    assert caught.value.seq == 7


def test_frame_over_one_mebibyte_is_refused_before_parsing() -> None:
    huge = event(type="order.cancelled", order_id="x", reason="x" * (2 * 1024 * 1024))
    with pytest.raises(wire.WireError, match="over the 1048576 byte limit"):
        wire.parse(huge)


def test_client_messages_parse_by_type() -> None:
    hello = wire.parse_client(
        json.dumps(
            {
                "type": "hello",
                "protocol": 1,
                "device_id": "d1",
                "device_name": "Küche",
                "roles": ["display", "printing"],
                "last_seq": None,
            }
        )
    )
    assert isinstance(hello, wire.Hello)
    assert hello.roles == (wire.Role.DISPLAY, wire.Role.PRINTING)
    with pytest.raises(wire.WireError) as caught:
        wire.parse_client(json.dumps({"type": "ack"}))
    assert caught.value.path == "seq"


def test_checked_in_json_schema_matches_the_models() -> None:
    schema_dir = Path(__file__).resolve().parents[2] / "resources" / "schema"
    for name, schema in schemas().items():
        on_disk = json.loads((schema_dir / name).read_text(encoding="utf-8"))
        assert on_disk == schema, f"{name} is stale: run `kds schema`"
