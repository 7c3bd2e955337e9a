"""Retention in the connector's log: acknowledged old events go, unacknowledged ones never.

Real SQLite files in tmp_path; event times and the cutoff are passed in. One test starts a
real connector to check it prunes at start.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kds import wire
from kds.__main__ import main
from kds.connector.log import _MIGRATIONS, DB_NAME, ConnectorLog, Pruned
from kds.connector.server import ConnectorServer

from .conftest import TOKEN, make_order

BEFORE = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
OLD = BEFORE - timedelta(days=1)
S = wire.OrderStatus


def orders(n: int, clog: ConnectorLog, when: datetime = OLD) -> None:
    for i in range(1, n + 1):
        clog.append_order(wire.parse_order(make_order(f"webshop:{i}")), when)


def seqs(clog: ConnectorLog) -> list[int]:
    return [e.seq for e in clog.events_after(0, limit=1000)]


def test_events_go_only_once_every_known_device_acknowledged_them(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        orders(6, clog)
        # No device has connected yet: the first one will want everything.
        assert clog.prune(BEFORE) == Pruned(0, 0, 0, more=False)
        clog.device_seen("grill", "Grill")
        clog.device_seen("bar", "Bar")
        clog.device_acked("grill", 6)
        # Bar has acknowledged nothing yet: nothing goes.
        assert clog.prune(BEFORE).events == 0
        clog.device_acked("bar", 3)
        assert clog.prune(BEFORE).events == 3
        assert seqs(clog) == [4, 5, 6]
        clog.device_acked("bar", 6)
        assert clog.prune(BEFORE).events == 3
        assert seqs(clog) == []
        # The seq goes on: never reused, also after a restart.
        assert clog.last_seq() == 6
    with ConnectorLog.open(tmp_path) as clog:
        assert clog.last_seq() == 6
        assert clog.append_catalog(BEFORE).seq == 7


def test_events_go_by_age_and_in_batches(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        orders(5, clog, BEFORE - timedelta(seconds=1))
        clog.append_catalog(BEFORE)
        clog.append_catalog(BEFORE - timedelta(days=3))  # a clock step back: stays with seq 6
        clog.device_seen("grill", "Grill")
        clog.device_acked("grill", 7)
        assert clog.prune(BEFORE, limit=2).events == 2
        assert clog.prune(BEFORE, limit=2) == Pruned(2, 0, 0, more=True)
        assert clog.prune(BEFORE, limit=2).events == 1
        # Seq 6 happened at the cutoff: it and everything after it stay.
        assert seqs(clog) == [6, 7]


def test_finished_orders_go_after_their_events_open_ones_stay(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        orders(4, clog)
        clog.append_cancel("webshop:1", "guest left", OLD)
        clog.append_status("webshop:2", S.COLLECTED, station=None, line_ids=(), device_id=None)
        # A station's status or a line's does not finish an order; the whole order does.
        clog.append_status("webshop:3", S.COLLECTED, station="grill", line_ids=(), device_id=None)
        clog.append_status("webshop:3", S.COLLECTED, station=None, line_ids=("1",), device_id=None)
        # Collected, then brought back: open again.
        clog.append_status("webshop:4", S.COLLECTED, station=None, line_ids=(), device_id=None)
        clog.append_status("webshop:4", S.READY, station=None, line_ids=(), device_id=None)
        with sqlite3.connect(tmp_path / DB_NAME) as db:
            db.execute("UPDATE events SET occurred_at = ?", (OLD.isoformat(),))
        db.close()
        clog.device_seen("grill", "Grill")
        clog.device_acked("grill", clog.last_seq())
        clog.record_rejection("grill", 3, "old problem", OLD)
        clog.record_rejection("grill", 4, "new problem", BEFORE)

        pruned = clog.prune(BEFORE)

        assert (pruned.events, pruned.orders, pruned.rejections) == (10, 2, 1)
        assert clog.order("webshop:1") is None and clog.order("webshop:2") is None
        assert clog.order("webshop:3") is not None and clog.order("webshop:4") is not None
        assert clog.rejections() == [("grill", 4, "new problem")]
        # An open order is still known: a device may still bump it.
        stored = clog.append_status(
            "webshop:3", S.COLLECTED, station=None, line_ids=(), device_id="grill"
        )
        assert stored.seq == 11


def test_a_log_from_before_retention_is_migrated(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(_MIGRATIONS[0])
    current = json.dumps(make_order())
    db.executemany(
        "INSERT INTO orders (id, revision, cancelled, current, created_seq, updated_seq)"
        " VALUES (?, 1, ?, ?, ?, ?)",
        [
            ("webshop:1", 1, current, 1, 4),
            ("webshop:2", 0, current, 2, 2),
            ("webshop:3", 0, current, 3, 3),
        ],
    )
    db.executemany(
        "INSERT INTO events (seq, event_id, type, occurred_at, payload) VALUES (?, ?, ?, ?, '')",
        [(seq, f"e{seq}", "order.created", OLD.isoformat()) for seq in range(1, 7)],
    )
    db.executemany(
        "INSERT INTO statuses (seq, order_id, station, status, line_ids, device_id, at)"
        " VALUES (?, ?, NULL, ?, '[]', NULL, ?)",
        [
            (5, "webshop:2", "collected", OLD.isoformat()),
            (6, "webshop:3", "ready", OLD.isoformat()),
        ],
    )
    db.execute("INSERT INTO devices VALUES ('grill', 'Grill', 6, ?)", (OLD.isoformat(),))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    with ConnectorLog.open(tmp_path) as clog:
        pruned = clog.prune(BEFORE)
        assert (pruned.events, pruned.orders) == (6, 2)
        assert clog.order("webshop:3") is not None


async def test_the_connector_prunes_at_start(tmp_path: Path) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=30)
    with ConnectorLog.open(tmp_path) as clog:
        orders(3, clog, long_ago)
        clog.append_cancel("webshop:1", None, long_ago)
        clog.append_order(wire.parse_order(make_order("webshop:9")))  # today
        clog.device_seen("grill", "Grill")
        clog.device_acked("grill", 5)
    server = ConnectorServer(tmp_path, TOKEN, "127.0.0.1", 0)
    await server.start()
    try:
        clog = server.connector_log
        assert seqs(clog) == [5]
        assert clog.order("webshop:1") is None
        assert clog.order("webshop:2") is not None
        assert clog.last_seq() == 5
    finally:
        await server.stop()


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("--keep-days", "-3", "a number of days from 0 to 3650"),
        ("--day-starts-at", "25:00", "a local time of day as HH:MM"),
        ("--day-starts-at", "4", "a local time of day as HH:MM"),
    ],
)
def test_the_connector_command_refuses_bad_retention_options(
    option: str, value: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["connector", "--token", TOKEN, option, value])
    assert exited.value.code == 2
    assert reason in capsys.readouterr().err
