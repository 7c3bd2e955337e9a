"""The connector's durable event log: one SQLite file per data dir, guarded by a lock file.

Every event the connector sends is first committed here (WAL, ``synchronous=FULL``) with a
`seq` from an AUTOINCREMENT key, so `seq` is strictly increasing and never reused, also
across restarts and crashes. The stored payload is the exact frame sent to devices
(`kds.wire.dump` of a `kds.wire` event model), so a replay is byte-identical to the live
send. Besides the events the log keeps the current orders (for duplicate and revision
checks), the devices (name, last ack, last seen), the printing role holder, status
changes, rejections and the catalog.

A second connector on the same data dir is refused (``fcntl.flock`` on
``connector.lock``, non-blocking): a restaurant must have exactly one connector.

All methods are synchronous and meant to be called from one thread (the server's event
loop); each write is one short transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from kds import wire
from kds.connector.errors import ConnectorDataError, ConnectorLockedError, EventTooLargeError
from kds.lockfile import DataDirLock

log = logging.getLogger(__name__)

DB_NAME = "connector.sqlite"
LOCK_NAME = "connector.lock"

ACK_WRITE_INTERVAL_S = 0.2
ACK_WRITE_EVERY = 256
"""Acks are written to disk at most every ACK_WRITE_INTERVAL_S or every ACK_WRITE_EVERY
acks (and on disconnect and close), not one synced commit each (see `device_acked`)."""

# Forward migrations: index i brings the schema from version i to i + 1.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        cancelled INTEGER NOT NULL DEFAULT 0,
        cancel_reason TEXT,
        current TEXT NOT NULL,
        created_seq INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL
    );
    CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        last_acked_seq INTEGER,
        last_seen TEXT NOT NULL
    );
    CREATE TABLE printing_role (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id TEXT NOT NULL,
        name TEXT NOT NULL,
        since TEXT NOT NULL
    );
    CREATE TABLE statuses (
        seq INTEGER PRIMARY KEY REFERENCES events(seq),
        order_id TEXT NOT NULL,
        station TEXT,
        status TEXT NOT NULL,
        line_ids TEXT NOT NULL,
        device_id TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX statuses_order ON statuses(order_id);
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        error TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)


@dataclass(frozen=True)
class StoredEvent:
    """One logged event: its seq and the exact text frame devices receive."""

    seq: int
    text: str


@dataclass(frozen=True)
class OrderRecord:
    """The connector's current view of one order."""

    id: str
    revision: int
    cancelled: bool
    current: dict[str, Any]


@dataclass(frozen=True)
class DeviceRecord:
    """A device that has said hello at least once."""

    device_id: str
    name: str
    last_acked_seq: int | None
    last_seen: datetime


@dataclass(frozen=True)
class PrintingHolder:
    """The device that holds the printing role (remembered while it is offline)."""

    device_id: str
    name: str


def _now() -> datetime:
    return datetime.now(UTC)


class ConnectorLog:
    """The durable log behind one connector. Open with `ConnectorLog.open(data_dir)`."""

    def __init__(self, data_dir: Path, conn: sqlite3.Connection, lock: DataDirLock) -> None:
        self.data_dir = data_dir
        self._conn = conn
        self._lock = lock
        self._acks: dict[str, tuple[int, str]] = {}
        """device id -> (newest acked seq, when), not yet written."""
        self._acks_held = 0
        self._acks_written_at = float("-inf")
        self.connector_id = self._connector_id()

    @classmethod
    def open(cls, data_dir: Path) -> ConnectorLog:
        """Lock the data dir, open (or create) the database and bring its schema up to date.

        Raises `ConnectorLockedError` when another connector runs on this data dir.
        """
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = DataDirLock.acquire(data_dir / LOCK_NAME)
        if lock is None:
            raise ConnectorLockedError(data_dir)
        try:
            conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                _migrate(conn, data_dir)
                return cls(data_dir, conn, lock)
            except BaseException:
                conn.close()
                raise
        except sqlite3.DatabaseError as exc:
            lock.release()
            raise ConnectorDataError(f"cannot use {data_dir / DB_NAME}: {exc}") from exc
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Write the acks held in memory, close the database and release the data dir lock."""
        try:
            self.write_acks()
        finally:
            self._conn.close()
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- transactions -------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(self._conn)
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")
        return result

    def _connector_id(self) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'connector_id'").fetchone()
        if row is not None:
            return str(row[0])
        new_id = str(uuid.uuid4())
        self._write(
            lambda c: c.execute(
                "INSERT INTO meta(key, value) VALUES ('connector_id', ?)", (new_id,)
            )
        )
        return new_id

    def _append(
        self,
        c: sqlite3.Connection,
        build: Callable[[int, str, datetime], wire.EventBase],
        occurred_at: datetime,
    ) -> tuple[wire.EventBase, str]:
        """Insert one event inside the caller's transaction; returns the model and its frame."""
        event_id = str(uuid.uuid4())
        cur = c.execute(
            "INSERT INTO events(event_id, type, occurred_at, payload) VALUES (?, '', ?, '')",
            (event_id, occurred_at.isoformat()),
        )
        seq = cur.lastrowid
        assert seq is not None
        event = build(seq, event_id, occurred_at)
        text = wire.dump(event)
        size = len(text.encode())
        if size > wire.MAX_FRAME_BYTES:
            # Raised inside the transaction: the row and its seq are rolled back.
            raise EventTooLargeError(
                f"the event would be a {size} byte frame, over the "
                f"{wire.MAX_FRAME_BYTES} byte limit of the protocol"
            )
        event_type = str(getattr(event, "type", ""))
        c.execute("UPDATE events SET type = ?, payload = ? WHERE seq = ?", (event_type, text, seq))
        return event, text

    # --- events -------------------------------------------------------------------------

    def last_seq(self) -> int:
        """The newest seq ever handed out (0 when the log is empty)."""
        row = self._conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
        return int(row[0]) if row is not None else 0

    def events_after(self, seq: int, limit: int = 256) -> list[StoredEvent]:
        """Up to `limit` events with a seq greater than `seq`, oldest first."""
        rows = self._conn.execute(
            "SELECT seq, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
        ).fetchall()
        return [StoredEvent(int(s), str(p)) for s, p in rows]

    # --- orders -------------------------------------------------------------------------

    def order(self, order_id: str) -> OrderRecord | None:
        row = self._conn.execute(
            "SELECT id, revision, cancelled, current FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        if row is None:
            return None
        return OrderRecord(str(row[0]), int(row[1]), bool(row[2]), json.loads(row[3]))

    def append_order(self, order: wire.Order, now: datetime | None = None) -> StoredEvent:
        """Log `order.created` for a new id, `order.updated` for a known one.

        The caller has checked that the id is not cancelled and the revision is newer.
        """
        at = now or _now()
        current = order.model_dump_json()

        def work(c: sqlite3.Connection) -> StoredEvent:
            known = c.execute("SELECT 1 FROM orders WHERE id = ?", (order.id,)).fetchone()
            if known is None:
                event, text = self._append(
                    c,
                    lambda s, e, t: wire.OrderCreated(
                        seq=s, event_id=e, occurred_at=t, order=order
                    ),
                    at,
                )
                c.execute(
                    "INSERT INTO orders(id, revision, current, created_seq, updated_seq)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (order.id, order.revision, current, event.seq, event.seq),
                )
            else:
                event, text = self._append(
                    c,
                    lambda s, e, t: wire.OrderUpdated(
                        seq=s, event_id=e, occurred_at=t, order=order
                    ),
                    at,
                )
                c.execute(
                    "UPDATE orders SET revision = ?, current = ?, updated_seq = ? WHERE id = ?",
                    (order.revision, current, event.seq, order.id),
                )
            return StoredEvent(event.seq, text)

        result: StoredEvent = self._write(work)
        return result

    def append_cancel(
        self, order_id: str, reason: str | None, now: datetime | None = None
    ) -> StoredEvent:
        """Log `order.cancelled` and mark the order cancelled."""
        at = now or _now()

        def work(c: sqlite3.Connection) -> StoredEvent:
            event, text = self._append(
                c,
                lambda s, e, t: wire.OrderCancelled(
                    seq=s, event_id=e, occurred_at=t, order_id=order_id, reason=reason
                ),
                at,
            )
            c.execute(
                "UPDATE orders SET cancelled = 1, cancel_reason = ?, updated_seq = ? WHERE id = ?",
                (reason, event.seq, order_id),
            )
            return StoredEvent(event.seq, text)

        result: StoredEvent = self._write(work)
        return result

    def append_status(
        self,
        order_id: str,
        status: wire.OrderStatus,
        *,
        station: str | None,
        line_ids: Sequence[str],
        device_id: str | None,
        occurred_at: datetime | None = None,
    ) -> StoredEvent:
        """Log `order.status` (from a device, or from the shop when `device_id` is None)."""
        at = occurred_at or _now()

        def work(c: sqlite3.Connection) -> StoredEvent:
            event, text = self._append(
                c,
                lambda s, e, t: wire.OrderStatusChanged(
                    seq=s,
                    event_id=e,
                    occurred_at=t,
                    order_id=order_id,
                    status=status,
                    station=station,
                    line_ids=tuple(line_ids),
                    device_id=device_id,
                ),
                at,
            )
            c.execute(
                "INSERT INTO statuses(seq, order_id, station, status, line_ids, device_id, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    event.seq,
                    order_id,
                    station,
                    status.value,
                    json.dumps(list(line_ids)),
                    device_id,
                    at.isoformat(),
                ),
            )
            return StoredEvent(event.seq, text)

        result: StoredEvent = self._write(work)
        return result

    # --- catalog ------------------------------------------------------------------------

    def catalog(self) -> tuple[tuple[wire.Article, ...], tuple[wire.ArticleGroup, ...]]:
        """The stored catalog (empty until one is posted)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'catalog'").fetchone()
        if row is None:
            return (), ()
        data = json.loads(row[0])
        return (
            tuple(wire.Article.model_validate(a) for a in data["articles"]),
            tuple(wire.ArticleGroup.model_validate(g) for g in data["groups"]),
        )

    def store_catalog_and_append(
        self,
        articles: Iterable[wire.Article],
        groups: Iterable[wire.ArticleGroup],
        now: datetime | None = None,
    ) -> StoredEvent:
        """Replace the stored catalog and log a `catalog` event carrying it."""
        arts, grps = tuple(articles), tuple(groups)
        value = json.dumps(
            {
                "articles": [a.model_dump(mode="json") for a in arts],
                "groups": [g.model_dump(mode="json") for g in grps],
            },
            ensure_ascii=False,
        )

        def work(c: sqlite3.Connection) -> StoredEvent:
            c.execute(
                "INSERT INTO meta(key, value) VALUES ('catalog', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (value,),
            )
            return self._append_catalog(c, arts, grps, now or _now())

        result: StoredEvent = self._write(work)
        return result

    def append_catalog(self, now: datetime | None = None) -> StoredEvent:
        """Log a `catalog` event with the stored catalog (for a device's `sync`)."""
        arts, grps = self.catalog()
        at = now or _now()
        result: StoredEvent = self._write(lambda c: self._append_catalog(c, arts, grps, at))
        return result

    def _append_catalog(
        self,
        c: sqlite3.Connection,
        arts: tuple[wire.Article, ...],
        grps: tuple[wire.ArticleGroup, ...],
        at: datetime,
    ) -> StoredEvent:
        event, text = self._append(
            c,
            lambda s, e, t: wire.Catalog(
                seq=s, event_id=e, occurred_at=t, articles=arts, groups=grps
            ),
            at,
        )
        return StoredEvent(event.seq, text)

    # --- devices ------------------------------------------------------------------------

    def device_seen(self, device_id: str, name: str, now: datetime | None = None) -> None:
        """Remember a device (and its current name) on hello."""
        at = (now or _now()).isoformat()
        self._write(
            lambda c: c.execute(
                "INSERT INTO devices(device_id, name, last_seen) VALUES (?, ?, ?)"
                " ON CONFLICT(device_id) DO UPDATE SET name = excluded.name,"
                " last_seen = excluded.last_seen",
                (device_id, name, at),
            )
        )

    def device_acked(self, device_id: str, seq: int, now: datetime | None = None) -> None:
        """Raise the device's last acknowledged seq (never lowers it).

        The newest ack is kept in memory and written with one commit at most every
        ACK_WRITE_INTERVAL_S or every ACK_WRITE_EVERY acks, and on `write_acks` (the server
        calls it when a device disconnects) and `close`; an ack after a quiet spell is
        written at once. `devices()` sees the newest ack immediately either way. One synced
        commit per ack was most of the connector's time during a replay.

        Why a crash may lose the newest few acks: the recorded ack never decides what is
        sent. A device's hello carries its own last stored seq and the replay starts after
        it, so losing unwritten acks loses no event; the recorded ack (for /health and
        `wait_for_ack`) is then at most ACK_WRITE_EVERY acks or ACK_WRITE_INTERVAL_S behind,
        and whatever a resend repeats, the device drops by seq (PROTOCOL.md: it ignores a
        seq it already stored).
        """
        at = (now or _now()).isoformat()
        held = self._acks.get(device_id)
        if held is None or seq > held[0]:
            self._acks[device_id] = (seq, at)
        self._acks_held += 1
        if (
            self._acks_held >= ACK_WRITE_EVERY
            or time.monotonic() - self._acks_written_at >= ACK_WRITE_INTERVAL_S
        ):
            self.write_acks()

    def write_acks(self) -> None:
        """Write the acks held in memory, in one commit."""
        acks, self._acks = self._acks, {}
        self._acks_held = 0
        self._acks_written_at = time.monotonic()
        if acks:
            self._write(
                lambda c: c.executemany(
                    "UPDATE devices SET last_acked_seq = MAX(COALESCE(last_acked_seq, 0), ?),"
                    " last_seen = ? WHERE device_id = ?",
                    [(seq, at, device_id) for device_id, (seq, at) in acks.items()],
                )
            )

    def record_rejection(
        self, device_id: str, seq: int, error: str, now: datetime | None = None
    ) -> None:
        """Keep a device's `reject` for inspection."""
        at = (now or _now()).isoformat()
        self._write(
            lambda c: c.execute(
                "INSERT INTO rejections(device_id, seq, error, at) VALUES (?, ?, ?, ?)",
                (device_id, seq, error, at),
            )
        )

    def rejections(self) -> list[tuple[str, int, str]]:
        """(device_id, seq, error) of every rejection, oldest first."""
        rows = self._conn.execute(
            "SELECT device_id, seq, error FROM rejections ORDER BY id"
        ).fetchall()
        return [(str(d), int(s), str(e)) for d, s, e in rows]

    def devices(self) -> list[DeviceRecord]:
        rows = self._conn.execute(
            "SELECT device_id, name, last_acked_seq, last_seen FROM devices ORDER BY name"
        ).fetchall()
        records = []
        for d, n, a, s in rows:
            acked, seen = None if a is None else int(a), datetime.fromisoformat(s)
            if (held := self._acks.get(str(d))) is not None and (acked is None or held[0] > acked):
                acked, seen = held[0], datetime.fromisoformat(held[1])
            records.append(DeviceRecord(str(d), str(n), acked, seen))
        return records

    # --- printing role ------------------------------------------------------------------

    def printing_holder(self) -> PrintingHolder | None:
        row = self._conn.execute(
            "SELECT device_id, name FROM printing_role WHERE singleton = 1"
        ).fetchone()
        return None if row is None else PrintingHolder(str(row[0]), str(row[1]))

    def set_printing_holder(self, device_id: str, name: str, now: datetime | None = None) -> None:
        at = (now or _now()).isoformat()
        self._write(
            lambda c: c.execute(
                "INSERT INTO printing_role(singleton, device_id, name, since) VALUES (1, ?, ?, ?)"
                " ON CONFLICT(singleton) DO UPDATE SET device_id = excluded.device_id,"
                " name = excluded.name, since = excluded.since",
                (device_id, name, at),
            )
        )

    def clear_printing_holder(self) -> None:
        self._write(lambda c: c.execute("DELETE FROM printing_role"))


def _migrate(conn: sqlite3.Connection, data_dir: Path) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise ConnectorDataError(
            f"{data_dir / DB_NAME} has schema version {version}, newer than this kds "
            f"understands ({SCHEMA_VERSION}): upgrade kds"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        log.info("migrating %s to schema version %d", data_dir / DB_NAME, target)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _MIGRATIONS[target - 1].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
