"""The durable event log: seq across restarts, one connector per data dir, schema versions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kds import wire
from kds.connector import ConnectorDataError, ConnectorLockedError, EventTooLargeError
from kds.connector.log import _MIGRATIONS, DB_NAME, ConnectorLog, read_inbox

from .conftest import make_order


def test_seq_is_strictly_increasing_and_survives_reopening(tmp_path: Path) -> None:
    order = wire.parse_order(make_order("webshop:1"))
    with ConnectorLog.open(tmp_path) as clog:
        connector_id = clog.connector_id
        assert clog.last_seq() == 0
        assert clog.append_order(order).seq == 1
        assert clog.append_cancel("webshop:1", "sold out").seq == 2
    with ConnectorLog.open(tmp_path) as clog:
        assert clog.connector_id == connector_id
        assert clog.last_seq() == 2
        record = clog.order("webshop:1")
        assert record is not None and record.cancelled and record.revision == 1
        stored = clog.append_catalog()
        assert stored.seq == 3
        assert [e.seq for e in clog.events_after(0)] == [1, 2, 3]
        # The stored text is the exact frame devices get, and it parses.
        cancelled = wire.parse(clog.events_after(1, limit=1)[0].text)
        assert isinstance(cancelled, wire.OrderCancelled)
        assert cancelled.reason == "sold out"


def test_a_seq_is_never_reused_even_when_old_events_are_pruned(tmp_path: Path) -> None:
    order = wire.parse_order(make_order("webshop:1"))
    with ConnectorLog.open(tmp_path) as clog:
        clog.append_order(order)
        clog.append_catalog()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("DELETE FROM events")
    db.close()
    with ConnectorLog.open(tmp_path) as clog:
        assert clog.last_seq() == 2
        assert clog.append_catalog().seq == 3


def test_a_second_log_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path):
        with pytest.raises(ConnectorLockedError) as info:
            ConnectorLog.open(tmp_path)
        assert str(info.value) == (
            f"another connector is already running on data dir {tmp_path}: a restaurant "
            "must have exactly one connector, or every order is processed twice"
        )
    # Released on close.
    with ConnectorLog.open(tmp_path) as clog:
        assert clog.last_seq() == 0


def test_a_database_from_a_newer_kds_is_refused(tmp_path: Path) -> None:
    ConnectorLog.open(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(ConnectorDataError, match="schema version 99"):
        ConnectorLog.open(tmp_path)
    with pytest.raises(ConnectorDataError, match=f"connector log {tmp_path / DB_NAME} has schema"):
        read_inbox(tmp_path)
    # The failed open released the lock.
    with pytest.raises(ConnectorDataError):
        ConnectorLog.open(tmp_path)


def test_an_event_too_big_for_a_frame_is_rolled_back(tmp_path: Path) -> None:
    big = wire.parse_order(
        make_order("webshop:1", notes=[{"kind": "order", "text": "x" * wire.MAX_FRAME_BYTES}])
    )
    with ConnectorLog.open(tmp_path) as clog:
        with pytest.raises(EventTooLargeError):
            clog.append_order(big)
        assert clog.last_seq() == 0
        assert clog.order("webshop:1") is None
        assert clog.append_order(wire.parse_order(make_order("webshop:2"))).seq == 1


def test_devices_and_printing_holder_are_remembered(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        clog.device_seen("dev-1", "Grill")
        clog.device_acked("dev-1", 5)
        clog.device_acked("dev-1", 3)  # an older ack never lowers it
        clog.set_printing_holder("dev-1", "Grill")
    with ConnectorLog.open(tmp_path) as clog:
        [dev] = clog.devices()
        assert (dev.device_id, dev.name, dev.last_acked_seq) == ("dev-1", "Grill", 5)
        holder = clog.printing_holder()
        assert holder is not None and (holder.device_id, holder.name) == ("dev-1", "Grill")
        clog.clear_printing_holder()
        assert clog.printing_holder() is None


def test_a_damaged_database_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, just bytes" * 100)
    with pytest.raises(ConnectorDataError, match="cannot use"):
        ConnectorLog.open(tmp_path)


def test_a_log_from_before_the_inbox_is_migrated_keeping_its_events(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    for statement in _MIGRATIONS[0].split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(
        "INSERT INTO events(event_id, type, occurred_at, payload)"
        " VALUES ('e', 'catalog', 't', '{}')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    assert read_inbox(tmp_path) == []  # the old file has no inbox yet: nothing kept
    with ConnectorLog.open(tmp_path) as clog:
        assert clog.last_seq() == 1
        entry = clog.add_to_inbox("justeat", "body", "not valid JSON", b"{", datetime.now(UTC))
        assert [e.id for e in clog.inbox()] == [entry]
    assert [e.body for e in read_inbox(tmp_path)] == [b"{"]
