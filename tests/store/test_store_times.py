"""The kitchen's times in the store: each order's times kept with it (by the connector's
clock), the scheduled orders held back, and the speed-of-service records, all across a
restart, read by index, and a store from before them migrated."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kds import wire
from kds.domain.service_times import ServiceRecord
from kds.store import DB_NAME, open_store
from kds.store.schema import MIGRATIONS

T0 = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def order_dict(order_id: str) -> dict[str, Any]:
    return {
        "id": order_id,
        "external_id": order_id,
        "display_id": "7",
        "source": "webshop",
        "revision": 1,
        "created_at": T0.isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "a", "name": "Burger", "quantity": "1"}],
    }


def event(seq: int, when: datetime, kind: str, **fields: Any) -> tuple[wire.Event, str]:
    data = {"type": kind, "seq": seq, "event_id": f"e{seq}", "occurred_at": when.isoformat()}
    text = json.dumps({**data, **fields})
    parsed = wire.parse(text)
    assert not isinstance(parsed, wire.Welcome | wire.ProtocolErrorMessage)
    return parsed, text


def test_order_times_come_from_the_events_and_survive_a_restart(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.apply_batch(
            [
                event(1, T0, "order.created", order=order_dict("web:1")),
                event(
                    2,
                    T0 + timedelta(minutes=3),
                    "order.status",
                    order_id="web:1",
                    status="ready",
                    station="grill",
                    device_id="tablet",
                ),
                event(
                    3, T0 + timedelta(minutes=5), "order.status", order_id="web:1", status="ready"
                ),
            ],
            T0 + timedelta(hours=1),  # this device's clock plays no part
        )
    with open_store(tmp_path) as store:
        ticket = store.ticket("web:1")
        assert ticket is not None
        times = ticket.times
        assert times.received_at == T0
        assert times.fired_at == T0 + timedelta(minutes=3)  # a device worked on it
        assert dict(times.station_done_at) == {"grill": T0 + timedelta(minutes=3)}
        assert times.ready_at == T0 + timedelta(minutes=5)
        assert [t.id for t in store.tickets(["web:1", "web:unknown"])] == ["web:1"]
        # The same times without reading the order again (a display's start).
        assert store.times_of(["web:1", "web:unknown"]) == {"web:1": times}


def test_held_orders_stay_held_across_a_restart_until_released_or_dropped(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as store:
        store.hold("web:1", T0 + timedelta(minutes=30))
        store.hold("web:2", T0 + timedelta(minutes=40))
        store.hold("web:3", T0 + timedelta(minutes=50))
        store.hold("web:1", T0 + timedelta(minutes=35))  # its due time moved
    with open_store(tmp_path) as store:
        assert store.held() == {
            "web:1": T0 + timedelta(minutes=35),
            "web:2": T0 + timedelta(minutes=40),
            "web:3": T0 + timedelta(minutes=50),
        }
        store.mark_released(["web:2"], T0 + timedelta(minutes=40))
        store.unhold("web:3")  # cancelled while held
        store.hold("web:2", T0 + timedelta(hours=2))  # a later update does not hold it again
    with open_store(tmp_path) as store:
        assert store.held() == {"web:1": T0 + timedelta(minutes=35)}
        assert store.was_scheduled("web:2")
        assert not store.was_scheduled("web:3")
        plan = " ".join(
            row[3]
            for row in store._conn.execute(
                "EXPLAIN QUERY PLAN SELECT order_id, release_at FROM scheduled "
                "WHERE released_at IS NULL"
            )
        )
        assert "scheduled_held" in plan  # the held ones only, however many were released


def test_service_records_are_kept_per_service_day(tmp_path: Path) -> None:
    def record(order_id: str, released: datetime) -> ServiceRecord:
        return ServiceRecord(
            order_id=order_id,
            display_id="7",
            received_at=released,
            released_at=released,
            station_done_at={"grill": released + timedelta(minutes=8)},
            ready_at=released + timedelta(minutes=10),
            collected_at=None,
            due_at=None,
        )

    day, next_day = date(2026, 12, 1), date(2026, 12, 2)
    with open_store(tmp_path) as store:
        store.record_service([(record("web:1", T0), day), (record("web:2", T0), day)])
        store.record_service([(record("web:2", T0 + timedelta(days=1)), next_day)])  # replaced
    with open_store(tmp_path) as store:
        assert store.service_records(day) == [record("web:1", T0)]
        assert store.service_records(next_day) == [record("web:2", T0 + timedelta(days=1))]


def test_a_store_from_before_the_times_is_migrated_and_its_orders_received_when_first_seen(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for migration in MIGRATIONS[:3]:
        conn.executescript(migration)
    conn.execute("INSERT INTO schema_version VALUES (3)")
    seen = T0 - timedelta(minutes=2)
    conn.execute(
        "INSERT INTO orders (id, display_id, revision, cancelled, overall_status, order_json, "
        "status_json, line_status_json, first_seen_at, updated_at, first_seen_seq) "
        "VALUES ('web:1', '7', 1, 0, 'new', ?, '{}', '{}', ?, ?, 1)",
        (wire.dump(wire.parse_order(order_dict("web:1"))), seen.isoformat(), seen.isoformat()),
    )
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:
        ticket = store.ticket("web:1")
        assert ticket is not None
        assert ticket.times.received_at == seen
        assert store.held() == {}
        assert store.service_records(date(2026, 12, 1)) == []
