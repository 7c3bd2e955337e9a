"""The order rules of PROTOCOL.md: duplicates, revisions, cancellation, status, visibility."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kds import wire
from kds.domain.orders import (
    CANCELLED_VISIBLE_FOR,
    Applied,
    AppliedKind,
    OrderState,
    apply_event,
    is_visible,
)

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
S = wire.OrderStatus


def order(revision: int = 1, order_id: str = "web:1", **extra: Any) -> wire.Order:
    data: dict[str, Any] = {
        "id": order_id,
        "external_id": order_id.rsplit(":", maxsplit=1)[-1],
        "display_id": "42",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T18:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [
            {"line_id": "a", "name": "Burger", "quantity": "1"},
            {"line_id": "b", "name": "Fries", "quantity": "2"},
        ],
    }
    data.update(extra)
    return wire.parse_order(data)


def meta(seq: int) -> dict[str, Any]:
    return {"seq": seq, "event_id": f"e{seq}", "occurred_at": T0}


def created(seq: int, revision: int = 1, order_id: str = "web:1") -> wire.OrderCreated:
    return wire.OrderCreated(**meta(seq), order=order(revision, order_id))


def updated(seq: int, revision: int, order_id: str = "web:1") -> wire.OrderUpdated:
    return wire.OrderUpdated(**meta(seq), order=order(revision, order_id))


def cancelled(seq: int, order_id: str = "web:1", reason: str | None = "guest") -> wire.Event:
    return wire.OrderCancelled(**meta(seq), order_id=order_id, reason=reason)


def status(
    seq: int, value: S, station: str | None = None, line_ids: tuple[str, ...] = ()
) -> wire.Event:
    return wire.OrderStatusChanged(
        **meta(seq), order_id="web:1", status=value, station=station, line_ids=line_ids
    )


def held(revision: int = 1) -> OrderState:
    result = apply_event(None, created(1, revision), T0)
    assert result.state is not None
    return result.state


def test_created_for_unknown_order_is_new_and_open() -> None:
    result = apply_event(None, created(1), T0)
    assert result.kind is AppliedKind.CREATED
    state = result.state
    assert state is not None
    assert (state.id, state.revision, state.display_id) == ("web:1", 1, "42")
    assert state.overall_status is S.NEW
    assert not state.cancelled
    assert state.first_seen_at == state.updated_at == T0


def test_duplicate_created_never_shows_twice() -> None:
    current = held()
    result = apply_event(current, created(2), T0 + timedelta(seconds=5))
    assert result == Applied(
        AppliedKind.IGNORED, current, "duplicate order.created for a known order"
    )


def test_created_with_a_higher_revision_counts_as_update() -> None:
    current = held()
    later = T0 + timedelta(minutes=1)
    result = apply_event(current, created(2, revision=2), later)
    assert result.kind is AppliedKind.UPDATED
    assert result.state is not None
    assert result.state.revision == 2
    assert result.state.first_seen_at == T0
    assert result.state.updated_at == later


@pytest.mark.parametrize("revision", [2, 3])
def test_update_not_newer_is_ignored(revision: int) -> None:
    current = held(revision=3)
    result = apply_event(current, updated(2, revision), T0)
    assert result.kind is AppliedKind.IGNORED
    assert result.reason == f"revision {revision} not newer than 3"
    assert result.state is current


def test_update_replaces_the_snapshot() -> None:
    current = held()
    new = wire.OrderUpdated(
        **meta(2),
        order=order(2, items=[{"line_id": "a", "name": "Burger", "quantity": "3"}]),
    )
    result = apply_event(current, new, T0 + timedelta(seconds=1))
    assert result.kind is AppliedKind.UPDATED
    assert result.state is not None
    assert [i.quantity for i in result.state.order.items] == [3]


def test_update_for_unknown_order_creates_it() -> None:
    result = apply_event(None, updated(5, revision=2), T0)
    assert result.kind is AppliedKind.CREATED
    assert result.state is not None
    assert result.state.revision == 2


def test_cancellation_flags_the_order() -> None:
    later = T0 + timedelta(minutes=2)
    result = apply_event(held(), cancelled(2, reason="out of stock"), later)
    assert result.kind is AppliedKind.CANCELLED
    assert result.state is not None
    assert result.state.cancelled
    assert result.state.cancel_reason == "out of stock"
    assert result.state.cancelled_at == later


def test_cancellation_of_unknown_order_is_ignored_with_reason() -> None:
    result = apply_event(None, cancelled(2, order_id="web:9"), T0)
    assert result == Applied(AppliedKind.IGNORED, None, "cancellation for unknown order web:9")


def test_second_cancellation_keeps_the_first_time() -> None:
    first = apply_event(held(), cancelled(2), T0).state
    result = apply_event(first, cancelled(3), T0 + timedelta(minutes=5))
    assert result.kind is AppliedKind.IGNORED
    assert result.state is not None
    assert result.state.cancelled_at == T0


def test_status_for_unknown_order_is_ignored() -> None:
    result = apply_event(None, status(2, S.READY), T0)
    assert result.kind is AppliedKind.IGNORED
    assert result.reason == "status for unknown order web:1"


def test_status_whole_order_station_and_lines() -> None:
    state = held()
    for event in (
        status(2, S.IN_PREPARATION),
        status(3, S.READY, station="grill"),
        status(4, S.READY, line_ids=("a",)),
    ):
        result = apply_event(state, event, T0)
        assert result.kind is AppliedKind.STATUS
        assert result.state is not None
        state = result.state
    assert state.overall_status is S.IN_PREPARATION
    assert dict(state.status) == {"": S.IN_PREPARATION, "grill": S.READY}
    assert dict(state.line_status) == {"a": S.READY}


def test_states_are_immutable_between_events() -> None:
    before = held()
    after = apply_event(before, status(2, S.READY), T0).state
    assert before.overall_status is S.NEW
    assert after is not None and after.overall_status is S.READY
    with pytest.raises(TypeError):
        after.status[""] = S.NEW  # type: ignore[index]


def test_catalog_is_not_an_order_event() -> None:
    event = wire.Catalog(**meta(2), articles=(), groups=())
    assert apply_event(None, event, T0) == Applied(AppliedKind.CATALOG, None)


def test_open_order_is_visible_and_collected_is_not() -> None:
    state = held()
    assert is_visible(state, T0 + timedelta(hours=5))
    collected = apply_event(state, status(2, S.COLLECTED), T0).state
    assert collected is not None
    assert not is_visible(collected, T0)
    ready_at_station = apply_event(state, status(2, S.COLLECTED, station="grill"), T0).state
    assert ready_at_station is not None
    assert is_visible(ready_at_station, T0)


def test_cancelled_order_stays_flagged_for_ten_minutes_in_the_kitchen() -> None:
    state = apply_event(held(), cancelled(2), T0).state
    assert state is not None
    assert CANCELLED_VISIBLE_FOR == timedelta(minutes=10)
    assert is_visible(state, T0)
    assert is_visible(state, T0 + timedelta(minutes=9, seconds=59))
    assert not is_visible(state, T0 + timedelta(minutes=10))
    assert is_visible(state, T0, kind="expo")
    assert not is_visible(state, T0, kind="pickup")
