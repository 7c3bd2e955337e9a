"""Hostile websocket frames at a real device client: each one rejected with its reason and
kept once, the session never dropped, and the next good order still arrives.

A scripted connector on loopback sends every frame byte for byte to a real KdsClient over
a real SQLite store. Hand-written cases cover the named attacks (2 MiB frames, deep
nesting, NaN, duplicate line ids, a wrong protocol version...); hypothesis generates the
rest from a valid event: wrong types, missing and unknown fields, cut-off text, garbage.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from suite_tally import Tally

from kds import wire
from kds.net import Cause, Phase
from kds.net.state import cause_words

from .links import (
    T0,
    WAIT,
    RunningDevice,
    ScriptedConnector,
    created,
    created_dict,
    running_device,
    scripted_connector,
)

MIB = 1024 * 1024


@dataclass
class Link:
    """One device session shared by every frame of a test, with the suite's bookkeeping."""

    connector: ScriptedConnector
    device: RunningDevice
    tally: Tally
    next_seq: int = 1
    kept: set[object] = field(default_factory=set)
    good: list[str] = field(default_factory=list)
    checked: int = 0

    def seq(self) -> int:
        seq = self.next_seq
        self.next_seq += 1
        return seq

    async def refused(self, frame: str | bytes, seq: int | str | None = "any") -> wire.Reject:
        """Send a bad frame: rejected with a reason, kept once, the session kept, then a
        good order after it is stored and acked (the stream goes on)."""
        self.tally.hostile_inputs += 1
        reply = await self.connector.send(frame, text=isinstance(frame, str))
        if not isinstance(reply, wire.Reject):
            self.tally.accepted += 1
            pytest.fail(f"a hostile frame was acked: {str(frame)[:200]!r}")
        assert reply.error.strip(), "rejected without a reason"
        if seq != "any":
            assert reply.seq == seq, (reply, str(frame)[:200])
        if reply.seq is not None:
            self.next_seq = max(self.next_seq, reply.seq + 1)
        raw = frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")
        self.kept.add(reply.seq if reply.seq is not None else raw)
        assert self.device.store.rejected_count() == len(self.kept)  # kept, and once
        self.tally.rejected_with_reason += 1
        await self.good_order()
        self.check_orders()
        return reply

    async def good_order(self) -> None:
        seq = self.seq()
        order_id = f"web:{seq}"
        reply = await self.connector.send(created(seq, order_id))
        assert reply == wire.Ack(seq=seq), reply
        self.good.append(order_id)
        self.check_session()

    def check_session(self) -> None:
        dropped = self.connector.handshakes - 1 + self.device.sessions_lost()
        self.tally.dropped_sessions += dropped
        assert dropped == 0, self.device.states
        assert self.device.client.state.phase is Phase.CONNECTED

    def check_orders(self) -> None:
        """Every good order is held once; none lost, none doubled."""
        held = [o.id for o in self.device.store.orders(now=T0)]
        self.tally.orders_checked += len(self.good) - self.checked
        self.checked = len(self.good)
        lost = set(self.good) - set(held)
        doubled = len(held) - len(set(held))
        self.tally.lost += len(lost)
        self.tally.doubled += doubled
        assert (lost, doubled) == (set(), 0)
        assert len(self.device.applied) == len(set(self.device.applied)) == len(self.good)


@pytest.fixture
async def link(tmp_path: Path, tally: Tally) -> AsyncIterator[Link]:
    async with (
        scripted_connector() as connector,
        running_device(tmp_path / "device", connector.url) as device,
    ):
        await connector.wait_until(lambda: bool(connector.connections))
        yield Link(connector, device, tally)


# --- hand-written ---------------------------------------------------------------------


def with_order(seq: int, **changes: Any) -> str:
    data = created_dict(seq)
    data["order"].update(changes)
    return json.dumps(data)


def with_item(seq: int, **changes: Any) -> str:
    data = created_dict(seq)
    data["order"]["items"][0].update(changes)
    return json.dumps(data)


def nested(seq: int, depth: int) -> str:
    """An order whose notes nest `depth` levels deep (written as text: json cannot)."""
    deep = '{"k": [' * (depth // 2) + '"deep"' + "]}" * (depth // 2)
    return created(seq).replace('"fulfillment"', f'"notes": [{deep}], "fulfillment"', 1)


async def test_named_attacks_are_each_rejected_with_their_reason(link: Link) -> None:
    s = link.seq
    line = {"line_id": "a", "name": "Burger", "quantity": "1"}
    cases: list[tuple[str | bytes, int | str | None, str]] = []

    def case(frame: str | bytes, seq: int | str | None, reason: str) -> None:
        cases.append((frame, seq, reason))

    n = s()
    case(created(n)[:-1], n, "")  # cut off before its last brace
    case('{"type": "order.created", "seq": 9', None, "")  # cut inside the seq: not trusted
    case("", None, "")
    case("null", None, "")
    case("[]", None, "")
    case('"order.created"', None, "")
    case(b"\xff\xfe\x00garbage", None, "")
    n = s()
    case(json.dumps({**created_dict(n), "padding": "x" * (2 * MIB)}), n, "byte limit")
    case(b"\x00" * (2 * MIB), None, "byte limit")
    n = s()
    case(nested(n, 66), n, "nest")
    n = s()
    case(nested(n, 100_000), n, "nest")
    n = s()
    case(with_item(n, quantity="NaN"), n, "finite")
    n = s()
    case(created(n).replace('"quantity": "1"', '"quantity": NaN', 1), n, "")
    n = s()
    case(created(n).replace('"revision": 1', '"revision": Infinity', 1), n, "")
    n = s()
    case(created(n).replace('"revision": 1', '"revision": 1e400', 1), n, "")
    n = s()
    case(created(n).replace('"revision": 1', '"revision": 1' + "0" * 5000, 1), n, "digits")
    n = s()
    case(with_order(n, revision=2**63), n, "")
    n = s()
    case(with_item(n, quantity="1e999999"), n, "digits")
    for quantity in ("0", "-1", "-0.5", "0.000", 1, 0.5, -2):
        n = s()
        case(with_item(n, quantity=quantity), n, "")
    n = s()
    case(with_order(n, items=[line, {**line, "name": "Shake"}]), n, "line_id 'a'")
    n = s()
    case(with_order(n, items=[]), n, "at least 1")
    n = s()
    case(json.dumps({**created_dict(n), "protocol": 2}), n, "protocol")
    n = s()
    case(json.dumps({**created_dict(n), "type": "order.created.v2"}), n, "")
    n = s()
    case(json.dumps({**created_dict(n), "type": "welcome"}), n, "")
    n = s()
    case(with_order(n, created_at="2026-11-23T18:00:00"), n, "timezone")
    n = s()
    case(with_order(n, display_id=42), n, "string")
    n = s()
    case(with_order(n, fulfillment={"type": "teleport", "asap": True}), n, "")
    n = s()
    case(with_item(n, name="Burger\u202e" + "x" * 100_000, colour="red"), n, "colour")
    for bad_seq in (0, -1, 2**63, 1.5, None, [1]):
        case(json.dumps({**created_dict(1), "seq": bad_seq}), None, "")
    n = s()
    case(
        json.dumps({"type": "order.cancelled", "seq": n, "event_id": "x", "occurred_at": "now"}),
        n,
        "",
    )

    for frame, seq, reason in cases:
        reply = await link.refused(frame, seq)
        assert reason in reply.error, (reply.error, str(frame)[:100])
    link.check_orders()


async def test_seq_gaps_go_on_and_repeats_are_neither_applied_nor_kept_twice(
    link: Link,
) -> None:
    await link.good_order()  # seq 1
    first = link.good[0]
    # A repeat of a stored seq: acked again (the connector stops resending), not applied.
    reply = await link.connector.send(created(1, first))
    assert reply == wire.Ack(seq=1)
    # A gap: the connector's log is the truth; the device takes seq 50 and goes on.
    link.next_seq = 50
    await link.good_order()
    # A repeat of seq 50 carrying another order: not applied, nothing shown twice.
    assert await link.connector.send(created(50, "web:other")) == wire.Ack(seq=50)
    # An old seq after the gap is not applied either.
    assert await link.connector.send(created(20, "web:late")) == wire.Ack(seq=20)
    # The same bad frame three times: rejected each time, kept once.
    bad = with_item(51, quantity="-1")
    for _ in range(3):
        link.tally.hostile_inputs += 1
        reply = await link.connector.send(bad)
        assert isinstance(reply, wire.Reject) and reply.seq == 51
        link.tally.rejected_with_reason += 1
    assert link.device.store.rejected_count() == 1
    assert [seq for seq, _ in link.device.rejected] == [51]
    link.next_seq = 52
    await link.good_order()
    link.check_orders()
    assert link.device.store.order("web:other") is None
    assert link.device.store.order("web:late") is None


@pytest.mark.parametrize(
    ("welcome", "cause"),
    [
        (
            json.dumps({"type": "welcome", "protocol": 2, "connector_id": "c", "last_seq": 0}),
            Cause.PROTOCOL_MISMATCH,
        ),
        ('{"type": "welcome", "protocol": 1', Cause.UNREADABLE_WELCOME),
        (created(1), Cause.NOT_A_WELCOME),
        (
            json.dumps({"type": "error", "code": "unsupported_protocol", "message": "v9"}),
            Cause.CONNECTOR_ERROR,
        ),
    ],
)
async def test_a_bad_answer_to_hello_is_named_and_nothing_is_stored(
    tmp_path: Path, tally: Tally, welcome: str, cause: Cause
) -> None:
    refused = asyncio.Event()

    def changed() -> None:
        if device.client.state.phase is Phase.PROTOCOL_ERROR:
            refused.set()

    async with scripted_connector() as connector:
        connector.welcome = welcome
        async with running_device(tmp_path / "d", connector.url, on_change=changed) as device:
            tally.hostile_inputs += 1
            async with asyncio.timeout(WAIT):
                await refused.wait()
            state = device.client.state
            assert state.detail is not None and state.detail.cause is cause
            assert cause_words(state.detail)  # words for the status line
            assert device.store.last_seq() is None and device.store.orders(now=T0) == []
            tally.rejected_with_reason += 1


# --- generated ------------------------------------------------------------------------

# Values that are wrong wherever a string, a decimal string, an int or a bool belongs; a
# lax parser would take "1" for an int or "yes" for a bool, so those are not among them.
NOT_A_STRING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
BAD_QUANTITY = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.integers(max_value=0).map(str),
    st.decimals(max_value=0, allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["", "one", "1,5", "1/2", "Infinity", "-inf", "sNaN", "0x10", "1 "]),
    NOT_A_STRING,
)
BAD_INT = st.one_of(
    st.integers(max_value=0),
    st.integers(min_value=2**63),
    st.floats(allow_nan=False).filter(lambda f: not f.is_integer()),
    st.sampled_from(["", "one", "1.5", "seven"]),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
# A JSON number is not among them: pydantic reads it as Unix time (see the report).
BAD_TIME = st.one_of(
    st.sampled_from(["", "yesterday", "2026-11-23T18:00:00", "2026-13-01T00:00:00+00:00"]),
    st.none(),
    st.lists(st.integers(), max_size=2),
)
BAD_BOOL = st.one_of(
    st.sampled_from(["maybe", "", "2"]), st.integers(min_value=2), st.lists(st.none(), max_size=1)
)
BAD_STRING_FIELD = st.one_of(NOT_A_STRING.filter(lambda v: v is not None), st.just(""))

# (path, what is wrong with it there): every path is a required field of a created event.
WRONG_VALUES: dict[tuple[str | int, ...], st.SearchStrategy[Any]] = {
    ("type",): st.one_of(NOT_A_STRING, st.text(max_size=20)),
    ("event_id",): BAD_STRING_FIELD,
    ("occurred_at",): BAD_TIME,
    ("order",): NOT_A_STRING,
    ("order", "id"): BAD_STRING_FIELD,
    ("order", "display_id"): BAD_STRING_FIELD,
    ("order", "source"): BAD_STRING_FIELD,
    ("order", "revision"): BAD_INT,
    ("order", "created_at"): BAD_TIME,
    ("order", "fulfillment"): NOT_A_STRING,
    ("order", "fulfillment", "type"): st.one_of(NOT_A_STRING, st.text(max_size=10)),
    ("order", "fulfillment", "asap"): BAD_BOOL,
    ("order", "items"): st.one_of(st.just([]), st.integers(), st.text(max_size=5), st.none()),
    ("order", "items", 0): NOT_A_STRING,
    ("order", "items", 0, "line_id"): BAD_STRING_FIELD,
    ("order", "items", 0, "name"): BAD_STRING_FIELD,
    ("order", "items", 1, "quantity"): BAD_QUANTITY,
}
KNOWN_TYPES = {"order.created", "order.updated", "order.cancelled", "order.status", "catalog"}
REQUIRED = [path for path in WRONG_VALUES if path[-1] != 0]
OBJECTS: list[tuple[str | int, ...]] = [
    (),
    ("order",),
    ("order", "fulfillment"),
    ("order", "items", 0),
]
FIELD_NAMES = {
    (): {"type", "seq", "event_id", "occurred_at", "order"},
    ("order",): set(wire.Order.model_fields),
    ("order", "fulfillment"): set(wire.Fulfillment.model_fields),
    ("order", "items", 0): set(wire.Item.model_fields),
}


def at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def wrong_field(draw: st.DrawFn) -> tuple[tuple[str | int, ...], Any]:
    path = draw(st.sampled_from(list(WRONG_VALUES)))
    value = draw(WRONG_VALUES[path])
    if path == ("type",):
        value = draw(st.just(value).filter(lambda v: v not in KNOWN_TYPES))
    return path, value


def event_with(seq: int, path: tuple[str | int, ...], value: Any) -> str:
    data = created_dict(seq)
    at(data, path[:-1])[path[-1]] = value
    return json.dumps(data)


@given(wrong=wrong_field())
async def test_a_field_of_the_wrong_type_or_value_is_rejected(
    link: Link, wrong: tuple[tuple[str | int, ...], Any]
) -> None:
    path, value = wrong
    seq = link.seq()
    await link.refused(event_with(seq, path, value), seq)


@given(path=st.sampled_from(REQUIRED))
async def test_a_missing_required_field_is_rejected_naming_it(
    link: Link, path: tuple[str | int, ...]
) -> None:
    seq = link.seq()
    data = created_dict(seq)
    del at(data, path[:-1])[path[-1]]
    reply = await link.refused(json.dumps(data), seq)
    assert str(path[-1]) in reply.error


@given(
    where=st.sampled_from(OBJECTS),
    name=st.text(min_size=1, max_size=30),
    value=st.one_of(st.none(), st.integers(), st.text(max_size=20)),
)
async def test_an_unknown_field_is_rejected_naming_it(
    link: Link, where: tuple[str | int, ...], name: str, value: Any
) -> None:
    if name in FIELD_NAMES[where]:
        name += "_extra"
    seq = link.seq()
    data = created_dict(seq)
    at(data, where)[name] = value
    await link.refused(json.dumps(data), None if where == () and name == "seq" else seq)


@given(cut=st.integers(min_value=0, max_value=10_000))
async def test_a_cut_off_frame_is_rejected(link: Link, cut: int) -> None:
    seq = link.seq()
    frame = created(seq)
    reply = await link.refused(frame[: cut % len(frame)])
    assert reply.seq in (seq, None)


@given(frame=st.one_of(st.text(max_size=200), st.binary(max_size=200)))
async def test_garbage_text_and_bytes_are_rejected(link: Link, frame: str | bytes) -> None:
    await link.refused(frame)


@st.composite
def line_ids_with_a_repeat(draw: st.DrawFn) -> list[str]:
    ids = draw(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5, unique=True))
    repeated = draw(st.sampled_from(ids))
    position = draw(st.integers(min_value=0, max_value=len(ids)))
    return [*ids[:position], repeated, *ids[position:]]


@given(line_ids=line_ids_with_a_repeat())
async def test_an_order_with_a_line_id_used_twice_is_rejected(
    link: Link, line_ids: list[str]
) -> None:
    seq = link.seq()
    items = [{"line_id": i, "name": f"Dish {n}", "quantity": "1"} for n, i in enumerate(line_ids)]
    reply = await link.refused(event_with(seq, ("order", "items"), items), seq)
    assert "used by more than one item" in reply.error
