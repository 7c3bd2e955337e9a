"""The wire parser: every valid message becomes a typed value; every bad one, one clear error."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.errors import KdsError
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
        (
            event(type="order.created", order={**ORDER, "created_at": 1764612840}),
            "order.created_at",
            "RFC 3339 string",
        ),
        (
            event(
                type="order.created",
                order={
                    **ORDER,
                    "fulfillment": {"type": "pickup", "asap": True, "due_at": 1764612840.5},
                },
            ),
            "order.fulfillment.due_at",
            "RFC 3339 string",
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


# --- the border's limits: every bad frame is one WireError with a reason ---------------


def nested_modifiers(levels: int) -> dict[str, Any]:
    modifier: dict[str, Any] = {"name": f"m{levels}", "action": "info", "quantity": "1"}
    for level in range(levels - 1, 0, -1):
        modifier = {"name": f"m{level}", "action": "add", "quantity": "1", "modifiers": [modifier]}
    return modifier


def test_wire_error_is_a_kds_error_and_still_a_value_error() -> None:
    with pytest.raises(KdsError) as caught:
        wire.parse("{not json")
    assert isinstance(caught.value, wire.WireError)
    assert isinstance(caught.value, ValueError)


def test_nesting_limit_is_exactly_64_levels_and_real_orders_stay_far_below() -> None:
    # Event, order, items, item, then a list and an object per modifier level: 30 levels
    # of modifiers are 64 levels of JSON, 31 are 66.
    item = {**ORDER["items"][0], "modifiers": [nested_modifiers(30)]}
    message = wire.parse(event(type="order.created", order={**ORDER, "items": [item]}))
    assert isinstance(message, wire.OrderCreated)
    deeper = {**ORDER["items"][0], "modifiers": [nested_modifiers(31)]}
    with pytest.raises(wire.WireError) as caught:
        wire.parse(event(type="order.created", order={**ORDER, "items": [deeper]}))
    assert caught.value.reason == "nesting deeper than 64 levels"
    assert caught.value.seq == 7


def test_brackets_inside_text_do_not_count_as_nesting() -> None:
    note = {"kind": "kitchen", "text": '[{"' * 200 + "\\ \n 🍔"}
    message = wire.parse(event(type="order.created", order={**ORDER, "notes": [note]}))
    assert isinstance(message, wire.OrderCreated)
    assert message.order.notes[0].text == note["text"]


def test_a_large_valid_order_parses_the_same_as_text_and_as_bytes() -> None:
    # Forty lines with a modifier each: more brackets than the nesting limit, none deep.
    items = [{**ORDER["items"][0], "line_id": f"l{n}", "name": f"Gericht {n}"} for n in range(40)]
    text = event(type="order.created", order={**ORDER, "items": items})
    assert text.count("{") > wire.MAX_NESTING
    message = wire.parse(text)
    assert isinstance(message, wire.OrderCreated)
    assert [i.name for i in message.order.items] == [f"Gericht {n}" for n in range(40)]
    assert wire.parse(text.encode()) == message


def test_a_number_over_100_digits_is_refused_before_python_chokes_on_it() -> None:
    text = event(type="order.created", order=ORDER).replace(
        '"revision": 1', '"revision": ' + "1" * 5000
    )
    with pytest.raises(wire.WireError) as caught:
        wire.parse(text)
    assert caught.value.reason == "number with more than 100 digits"
    assert caught.value.seq == 7
    # 100 digits are a number (here refused by the model, with the field named).
    text = event(type="order.created", order=ORDER).replace(
        '"revision": 1', '"revision": ' + "9" * 100
    )
    with pytest.raises(wire.WireError) as caught:
        wire.parse(text)
    assert caught.value.path == "order.revision"
    # Integers end where SQLite's do: a seq of 2**63 is refused, not a crash when storing it.
    with pytest.raises(wire.WireError) as caught:
        wire.parse(event(type="order.cancelled", order_id="x", seq=2**63))
    assert (caught.value.path, caught.value.seq) == ("seq", None)
    assert wire.parse(event(type="order.cancelled", order_id="x", seq=2**63 - 1)).seq == 2**63 - 1


@pytest.mark.parametrize("quantity", ["1" * 5000, "1e999999", "0.5e-200", "1" * 101])
def test_a_decimal_string_over_100_digits_is_refused_naming_the_field(quantity: str) -> None:
    item = {**ORDER["items"][0], "quantity": quantity}
    with pytest.raises(wire.WireError) as caught:
        wire.parse(event(type="order.created", order={**ORDER, "items": [item]}))
    assert caught.value.path == "order.items.0.quantity"
    assert "number with more than 100 digits" in caught.value.reason


def test_a_hundred_digit_decimal_string_is_a_quantity() -> None:
    item = {**ORDER["items"][0], "quantity": "9" * 60 + "." + "9" * 40}
    message = wire.parse(event(type="order.created", order={**ORDER, "items": [item]}))
    assert isinstance(message, wire.OrderCreated)
    assert message.order.items[0].quantity == Decimal(item["quantity"])


def test_a_cut_off_frame_is_refused_with_the_seq_read_from_its_text() -> None:
    whole = json.dumps({"seq": 29, "type": "order.created", "event_id": "e29", "order": ORDER})
    with pytest.raises(wire.WireError) as caught:
        wire.parse(whole[: len(whole) // 2])
    assert caught.value.seq == 29
    assert caught.value.reason.startswith("not valid JSON")


def test_bytes_must_be_utf8() -> None:
    frame = event(type="order.cancelled", order_id="x").encode()[:-1] + b', "reason": "\xff\xfe"}'
    with pytest.raises(wire.WireError) as caught:
        wire.parse(frame)
    assert caught.value.reason.startswith("not valid UTF-8")
    assert caught.value.seq == 7
    # UTF-16 is not sniffed: the protocol is UTF-8.
    with pytest.raises(wire.WireError, match="not valid UTF-8"):
        wire.parse(event(type="order.cancelled", order_id="x").encode("utf-16"))
    assert isinstance(
        wire.parse(event(type="order.cancelled", order_id="x").encode()), wire.OrderCancelled
    )


@pytest.mark.parametrize(
    ("text", "seq"),
    [
        ('{"seq": 29, "type": "order.cr', 29),
        ('  {\n"type": "order.created",\n  "seq" :  12 , "order": {', 12),
        ('{"type": "order.created", "order": {"id": "x"}, "seq": 5, "x', None),  # after nesting
        ('{"seq": 7', None),  # cut inside the number: 7 or 75?
        ('{"seq": 0, "x', None),
        ('{"seq": -3, "x', None),
        ('{"seq": "4", "x', None),
        ('{"seq": 9223372036854775808, "x', None),  # 2**63: no SQLite integer
        ('{"note": "he said \\"seq\\": 5,", "x', None),
        ('[{"seq": 5, "x', None),
        ("", None),
    ],
)
def test_seq_of_a_broken_frame_is_read_only_when_it_is_certain(text: str, seq: int | None) -> None:
    with pytest.raises(wire.WireError) as caught:
        wire.parse(text)
    assert caught.value.seq == seq


def test_null_seq_reject_is_a_valid_client_message() -> None:
    for text in (
        '{"type": "reject", "seq": null, "error": "x"}',
        '{"type": "reject", "error": "x"}',
    ):
        message = wire.parse_client(text)
        assert message == wire.Reject(seq=None, error="x")
    with pytest.raises(wire.WireError):
        wire.parse_client('{"type": "reject", "seq": 0, "error": "x"}')


def _hostile_frames() -> list[str | bytes]:
    """Many ways to be bad, generated from one valid frame (deterministic, no hypothesis)."""
    valid = json.dumps(
        {
            "seq": 7,
            "event_id": "e7",
            "occurred_at": "2026-11-23T18:00:01+01:00",
            "type": "order.created",
            "order": {
                **ORDER,
                "items": [{**ORDER["items"][0], "modifiers": [nested_modifiers(3)]}],
            },
        },
        ensure_ascii=False,
    )
    rng = random.Random(7)
    frames: list[str | bytes] = [valid[:cut] for cut in range(0, len(valid), 11)]
    raw = valid.encode()
    for _ in range(60):
        at = rng.randrange(len(raw))
        frames.append(raw[:at] + bytes([rng.randrange(256)]) + raw[at + 1 :])
    for _ in range(30):
        at = rng.randrange(len(valid))
        frames.append(valid[:at] + valid[at + 1 :])
    for depth in (65, 1_000, 10_000, 200_000):
        frames += ["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth, "[" * depth]
    frames += [
        "1" * 5000,
        "-" + "1" * 5000,
        "0." + "1" * 5000,
        "1e" + "9" * 5000,
        '{"seq": 7, "type": "order.created", "x": ' + "1" * 5000 + "}",
        "NaN",
        '{"seq": Infinity}',
        '{"seq": -Infinity}',
        b"\xff\xfe\xfd",
        b"\x00" * 10,
        "\ufeff{}",
        '"\ud800"',
        '{"type": "order.created", "seq": 7, "type": "catalog"}',
        '{"type": null}',
        '{"type": ["order.created"]}',
        '{"type": {"a": 1}}',
        '{"type": "welcome", "protocol": 1e400, "connector_id": "c", "last_seq": 1}',
        '{"type": "catalog", "seq": true, "event_id": "e", "occurred_at": "2026-11-23T18:00:01Z"}',
        "{}",
        "[]",
        "null",
        '"text"',
        " ",
        "}",
        "\\",
        '"\\',
        "x" * (wire.MAX_FRAME_BYTES + 1),
    ]
    return frames


HOSTILE = _hostile_frames()


def test_every_hostile_frame_is_one_wire_error_and_nothing_else() -> None:
    parsed = 0
    for frame in HOSTILE:
        try:
            wire.parse(frame)
            parsed += 1  # a random byte may land where it does no harm
        except wire.WireError as exc:
            assert exc.reason
            assert exc.seq in (None, 7)
        try:
            wire.parse_client(frame)
        except wire.WireError:
            pass
    assert len(HOSTILE) > 150
    assert parsed < len(HOSTILE) // 10


def test_two_lines_with_one_line_id_are_refused_naming_the_id() -> None:
    """A line is struck and bumped by its id: two lines sharing one would be struck together."""
    burger = {"line_id": "1", "name": "Burger", "quantity": "1"}
    fries = {"line_id": "1", "name": "Fries", "quantity": "1"}
    with pytest.raises(wire.WireError) as caught:
        wire.parse(event(type="order.created", order={**ORDER, "items": [burger, fries]}))
    assert caught.value.path == "order"
    assert "line_id '1' is used by more than one item" in caught.value.reason
    assert caught.value.seq == 7
