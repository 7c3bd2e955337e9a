"""The outbox: a kitchen action is kept durably until its echo from the connector is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kds import wire
from kds.domain.acknowledge import Acknowledgements
from kds.store import open_store

T0 = datetime(2026, 11, 23, 18, 0, 0, 123456, tzinfo=UTC)
ORDER = {
    "id": "web:1",
    "external_id": "1",
    "display_id": "17",
    "source": "webshop",
    "revision": 1,
    "created_at": "2026-11-23T19:00:00+01:00",
    "fulfillment": {"type": "pickup", "asap": True},
    "items": [{"line_id": "1", "name": "Burger", "quantity": "1"}],
}


def _created(seq: int) -> tuple[wire.Event, str]:
    event = wire.OrderCreated(
        seq=seq, event_id=f"e{seq}", occurred_at=T0, order=wire.Order.model_validate(ORDER)
    )
    return event, wire.dump(event)


def _echo(seq: int, change: wire.StatusChange, device_id: str) -> tuple[wire.Event, str]:
    event = wire.OrderStatusChanged(
        seq=seq,
        event_id=f"e{seq}",
        occurred_at=change.at.astimezone(UTC),
        order_id=change.order_id,
        status=change.status,
        station=change.station,
        line_ids=change.line_ids,
        device_id=device_id,
    )
    return event, wire.dump(event)


def test_actions_wait_in_order_across_a_restart_and_leave_with_their_echo(tmp_path: Path) -> None:
    bump = wire.StatusChange(
        order_id="web:1", status=wire.OrderStatus.READY, station="grill", line_ids=("1",), at=T0
    )
    undo = wire.StatusChange(
        order_id="web:1",
        status=wire.OrderStatus.IN_PREPARATION,
        station="grill",
        line_ids=("1",),
        at=T0 + timedelta(seconds=2),
    )
    with open_store(tmp_path) as store:
        store.apply_batch([_created(1)], T0)
        store.queue_changes([bump], T0)
        store.queue_changes([undo], T0)
        device_id = store.device_id
    with open_store(tmp_path) as store:  # a crash or restart loses nothing
        entries = store.outbox()
        assert [e.change for e in entries] == [bump, undo]
        assert [e.change for e in store.outbox(after=entries[0].id)] == [undo]
        # Another device's identical change is not this device's echo.
        store.apply_batch([_echo(2, bump, "someone-else")], T0)
        assert len(store.outbox()) == 2
        store.apply_batch([_echo(3, bump, device_id)], T0)
        assert [e.change for e in store.outbox()] == [undo]
        state = store.order("web:1")
        assert state is not None and state.line_status["1"] is wire.OrderStatus.READY
        store.apply_batch([_echo(4, undo, device_id)], T0)
        assert store.outbox() == []


def test_acknowledgements_keep_the_newest_revision_and_the_snapshots_each_revision(
    tmp_path: Path,
) -> None:
    updated = wire.OrderUpdated(
        seq=2,
        event_id="e2",
        occurred_at=T0,
        order=wire.Order.model_validate({**ORDER, "revision": 2}),
    )
    with open_store(tmp_path) as store:
        store.apply_batch([_created(1), (updated, wire.dump(updated))], T0)
        store.acknowledge("web:1", ["grill", ""], 2)
        store.acknowledge("web:1", ["grill"], 1)  # an older one changes nothing
        store.acknowledge("web:1", ["bar"], None)
    with open_store(tmp_path) as store:  # kept across a restart
        acks = store.acknowledgements("web:1")
        assert dict(acks.revisions) == {"grill": 2, "": 2}
        assert acks.cancelled == frozenset({"bar"})
        assert sorted(store.snapshots("web:1")) == [1, 2]
        assert store.acknowledgements("web:2") == Acknowledgements()
