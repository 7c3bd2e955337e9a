"""Retention in the device store: what leaves, what stays, and that reads do not walk history.

Real SQLite files in tmp_path; every time is passed in (`now`, `before`), so days pass in
microseconds. The cost tests do not time anything: they check what SQLite is asked to read
(the query plan of every statement run) and how many rows are parsed into orders.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.domain.orders import AppliedKind
from kds.store import DB_NAME, SEQ_ALREADY_APPLIED, KdsStore, open_store
from kds.store import database as store_database
from kds.store.schema import MIGRATIONS

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
BEFORE = NOW - timedelta(days=7, hours=14)  # a retention cutoff: a business day start


def order_dict(order_id: str, display_id: str = "42", revision: int = 1) -> dict[str, Any]:
    return {
        "id": order_id,
        "external_id": order_id,
        "display_id": display_id,
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-01T18:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "a", "name": "Burger", "quantity": "1"}],
    }


class History:
    """Writes events into a store with consecutive seqs, each at the time given."""

    def __init__(self, store: KdsStore) -> None:
        self.store = store
        self.seq = store.last_seq() or 0

    def event(self, when: datetime, kind: str, **fields: Any) -> int:
        self.seq += 1
        data = {"type": kind, "seq": self.seq, "event_id": f"e{self.seq}"}
        data["occurred_at"] = when.isoformat()
        data.update(fields)
        text = json.dumps(data)
        event = wire.parse(text)
        assert not isinstance(event, wire.Welcome | wire.ProtocolErrorMessage)
        self.store.apply(event, text, when)
        return self.seq

    def created(self, when: datetime, order_id: str, display_id: str = "42") -> int:
        return self.event(when, "order.created", order=order_dict(order_id, display_id))

    def status(self, when: datetime, order_id: str, status: str, **fields: Any) -> int:
        return self.event(when, "order.status", order_id=order_id, status=status, **fields)

    def cancelled(self, when: datetime, order_id: str) -> int:
        return self.event(when, "order.cancelled", order_id=order_id, reason="guest left")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KdsStore]:
    with open_store(tmp_path, "Grill") as opened:
        yield opened


def held(store: KdsStore) -> list[str]:
    return [s.id for s in store.orders_open_or_changed_since(datetime.min.replace(tzinfo=UTC))]


def test_finished_orders_leave_with_their_events_at_the_boundary(store: KdsStore) -> None:
    history = History(store)
    gone_created = history.created(BEFORE - timedelta(hours=2), "web:collected-before")
    gone_status = history.status(BEFORE - timedelta(seconds=1), "web:collected-before", "collected")
    history.created(BEFORE - timedelta(hours=1), "web:collected-at")
    kept_status = history.status(BEFORE, "web:collected-at", "collected")
    history.created(BEFORE - timedelta(hours=3), "web:cancelled-before")
    history.cancelled(BEFORE - timedelta(hours=2), "web:cancelled-before")
    open_created = history.created(BEFORE - timedelta(days=10), "web:still-open")
    history.status(BEFORE - timedelta(days=9), "web:still-open", "ready")
    old_catalog = history.event(BEFORE - timedelta(days=1), "catalog", articles=[], groups=[])
    stray = history.status(BEFORE - timedelta(days=1), "web:never-seen", "ready")
    new_catalog = history.event(BEFORE + timedelta(minutes=1), "catalog", articles=[], groups=[])
    store.record_rejected(None, "{", "not valid JSON", BEFORE - timedelta(seconds=1))
    store.record_rejected(None, "[", "not valid JSON", BEFORE)

    pruned = store.prune(NOW, BEFORE)

    assert (pruned.orders, pruned.events, pruned.rejected, pruned.more) == (2, 6, 1, False)
    # Collected or cancelled before the cutoff: gone, with every event about it.
    assert store.order("web:collected-before") is None
    assert store.order("web:cancelled-before") is None
    assert store.event_raw(gone_created) is None and store.event_raw(gone_status) is None
    # Closed exactly at the cutoff stays; an open order stays however old it is.
    assert held(store) == ["web:collected-at", "web:still-open"]
    assert store.event_raw(kept_status) is not None
    assert store.event_raw(open_created) is not None
    # Events about no held order go by age; rejected frames too.
    assert store.event_raw(old_catalog) is None and store.event_raw(stray) is None
    assert store.event_raw(new_catalog) is not None
    assert [f.raw for f in store.rejected()] == ["["]
    # A second pass finds nothing more.
    assert store.prune(NOW, BEFORE) == store_database.Pruned(0, 0, 0, more=False)


def test_an_order_still_on_a_screen_is_never_pruned(store: KdsStore) -> None:
    history = History(store)
    for order_id in ("web:cancelled-5-min-ago", "web:cancelled-11-min-ago", "web:collected"):
        history.created(NOW - timedelta(hours=1), order_id)
    history.cancelled(NOW - timedelta(minutes=5), "web:cancelled-5-min-ago")
    history.cancelled(NOW - timedelta(minutes=11), "web:cancelled-11-min-ago")
    history.status(NOW - timedelta(minutes=1), "web:collected", "collected")
    history.created(NOW - timedelta(hours=1), "web:open")

    # keep_days = 0 right after the business day began: the cutoff is (almost) now.
    pruned = store.prune(NOW, NOW)

    assert pruned.orders == 1
    # The kitchen still sees the fresh cancellation (flagged) for ten minutes; whatever
    # closed in those minutes stays until they are over.
    assert [s.id for s in store.orders(now=NOW)] == ["web:cancelled-5-min-ago", "web:open"]
    assert held(store) == ["web:cancelled-5-min-ago", "web:collected", "web:open"]
    later = NOW + timedelta(minutes=10)
    assert store.prune(later, later).orders == 2
    assert held(store) == ["web:open"]


def test_a_pruned_order_leaves_its_speed_of_service_record(store: KdsStore, tmp_path: Path) -> None:
    history = History(store)
    seen = BEFORE - timedelta(hours=3)
    history.created(seen, "web:7", display_id="7")
    history.status(seen + timedelta(minutes=8), "web:7", "ready", station="grill")
    history.status(seen + timedelta(minutes=9), "web:7", "ready", line_ids=["a"])
    history.status(seen + timedelta(minutes=10), "web:7", "ready")
    history.status(seen + timedelta(minutes=12), "web:7", "collected")
    history.created(seen, "web:8", display_id="8")
    history.cancelled(seen + timedelta(minutes=2), "web:8")

    assert store.prune(NOW, BEFORE).orders == 2

    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        rows = conn.execute(
            "SELECT id, display_id, first_seen_at, cancelled_at, status_times_json "
            "FROM order_history ORDER BY id"
        ).fetchall()
    conn.close()
    assert [(r[0], r[1], datetime.fromisoformat(r[2]), r[3]) for r in rows] == [
        ("web:7", "7", seen, None),
        ("web:8", "8", seen, (seen + timedelta(minutes=2)).isoformat()),
    ]
    times = {
        station: {status: datetime.fromisoformat(t) for status, t in by_status.items()}
        for station, by_status in json.loads(rows[0][4]).items()
    }
    assert times == {
        "grill": {"ready": seen + timedelta(minutes=8)},
        "": {"ready": seen + timedelta(minutes=10), "collected": seen + timedelta(minutes=12)},
    }
    assert json.loads(rows[1][4]) == {}


def test_after_pruning_a_restart_resumes_and_a_resent_old_seq_is_not_applied(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as store:
        history = History(store)
        created = history.created(BEFORE - timedelta(hours=2), "web:1")
        history.status(BEFORE - timedelta(hours=1), "web:1", "collected")
        assert store.prune(NOW, BEFORE).orders == 1
        resend = store.event_raw(created)
        assert resend is None
    with open_store(tmp_path) as store:
        # Dedupe is by the last stored seq, kept in meta: the events rows are not needed.
        assert store.last_seq() == 2
        text = json.dumps(
            {
                "type": "order.created",
                "seq": created,
                "event_id": "e1",
                "occurred_at": BEFORE.isoformat(),
                "order": order_dict("web:1"),
            }
        )
        event = wire.parse(text)
        assert isinstance(event, wire.OrderCreated)
        again = store.apply(event, text, NOW)
        assert (again.kind, again.reason) == (AppliedKind.IGNORED, SEQ_ALREADY_APPLIED)
        assert store.order("web:1") is None
        assert store.orders(now=NOW) == []
        # The stream goes on after the pruned history.
        History(store).created(NOW, "web:2")
        assert [s.id for s in store.orders(now=NOW)] == ["web:2"]
        assert store.last_seq() == 3


def test_pruning_runs_in_batches(store: KdsStore) -> None:
    store._conn.execute("PRAGMA synchronous = OFF")  # set-up speed only
    history = History(store)
    for n in range(250):
        history.created(BEFORE - timedelta(hours=2), f"web:{n}")
        history.status(BEFORE - timedelta(hours=1), f"web:{n}", "collected")
    history.created(BEFORE - timedelta(hours=1), "web:open")

    batches = []
    while True:
        pruned = store.prune(NOW, BEFORE, limit=100)
        batches.append((pruned.orders, pruned.events))
        if not pruned.more:
            break

    assert batches == [(100, 200), (100, 200), (50, 100)]
    assert held(store) == ["web:open"]


def _plans(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT/DELETE statement run (expanded, with values)."""
    details = []
    for statement in statements:
        if statement.lstrip().upper().startswith(("SELECT", "DELETE", "INSERT")):
            details.extend(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}"))
    return details


def test_screens_reconcile_and_pruning_read_by_index_not_the_history(
    store: KdsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store._conn.execute("PRAGMA synchronous = OFF")  # set-up speed only
    history = History(store)
    for n in range(1500):
        history.created(NOW - timedelta(days=3), f"web:old-{n}")
        if n % 3:
            history.status(NOW - timedelta(days=3), f"web:old-{n}", "collected")
        else:
            history.cancelled(NOW - timedelta(days=3), f"web:old-{n}")
    history.created(NOW - timedelta(days=2), "web:open-for-days")
    history.created(NOW - timedelta(minutes=20), "web:open")
    history.created(NOW - timedelta(minutes=20), "web:cancelled-now")
    history.cancelled(NOW - timedelta(minutes=2), "web:cancelled-now")
    history.created(NOW - timedelta(hours=2), "web:collected-lately")
    history.status(NOW - timedelta(hours=1), "web:collected-lately", "collected")

    parsed: list[str] = []
    original = store_database._state_from_row

    def counting(row: sqlite3.Row) -> Any:
        state = original(row)
        parsed.append(state.id)
        return state

    monkeypatch.setattr(store_database, "_state_from_row", counting)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)

    visible = store.orders(now=NOW)
    reconcile = store.orders_open_or_changed_since(NOW - timedelta(hours=6))
    store.prune(NOW, NOW - timedelta(days=7))

    store._conn.set_trace_callback(None)
    assert [s.id for s in visible] == ["web:open-for-days", "web:open", "web:cancelled-now"]
    assert [s.id for s in reconcile] == [
        "web:open-for-days",
        "web:open",
        "web:cancelled-now",
        "web:collected-lately",
    ]
    # Only those rows were turned into orders, not the 1,500 finished ones.
    assert parsed == [s.id for s in visible] + [s.id for s in reconcile]
    plans = _plans(store._conn, statements)
    assert any("USING INDEX orders_closed" in p for p in plans), plans
    assert any("USING INDEX orders_updated" in p for p in plans), plans
    assert not [p for p in plans if p.startswith("SCAN")], plans


def test_a_store_from_before_retention_is_migrated_and_can_be_pruned(tmp_path: Path) -> None:
    # Build a schema-1 file by hand, as the previous kds wrote it.
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.executescript(MIGRATIONS[0])
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (1)")
    old = BEFORE - timedelta(days=1)
    rows = [
        ("web:collected", "collected", 0, None, 1),
        ("web:cancelled", "new", 1, old.isoformat(), 3),
        ("web:open", "ready", 0, None, 5),
    ]
    for order_id, status, cancelled, cancelled_at, seq in rows:
        conn.execute(
            "INSERT INTO orders (id, display_id, revision, cancelled, cancel_reason, "
            "overall_status, order_json, status_json, line_status_json, first_seen_at, "
            "updated_at, cancelled_at, first_seen_seq) VALUES (?, '1', 1, ?, NULL, ?, ?, ?, "
            "'{}', ?, ?, ?, ?)",
            (
                order_id,
                cancelled,
                status,
                wire.dump(wire.parse_order(order_dict(order_id))),
                json.dumps({"": status} if status != "new" else {}),
                old.isoformat(),
                old.isoformat(),
                cancelled_at,
                seq,
            ),
        )
        conn.execute(
            "INSERT INTO events (seq, type, event_id, raw, applied_at, outcome) "
            "VALUES (?, 'order.created', ?, ?, ?, 'created')",
            (
                seq,
                f"e{seq}",
                json.dumps({"type": "order.created", "order": {"id": order_id}}),
                old.isoformat(),
            ),
        )
        follow_up = {"web:collected": "order.status", "web:cancelled": "order.cancelled"}
        if order_id in follow_up:
            conn.execute(
                "INSERT INTO events (seq, type, event_id, raw, applied_at, outcome) "
                "VALUES (?, ?, ?, ?, ?, 'status')",
                (
                    seq + 1,
                    follow_up[order_id],
                    f"e{seq + 1}",
                    json.dumps({"type": follow_up[order_id], "order_id": order_id}),
                    old.isoformat(),
                ),
            )
    conn.execute("INSERT INTO meta VALUES ('last_seq', '5')")
    conn.commit()
    conn.close()

    with open_store(tmp_path) as store:
        assert [s.id for s in store.orders(now=NOW)] == ["web:open"]
        pruned = store.prune(NOW, BEFORE)
        assert (pruned.orders, pruned.events) == (2, 4)
        assert held(store) == ["web:open"]
        assert store.event_raw(5) is not None
        assert store.last_seq() == 5
