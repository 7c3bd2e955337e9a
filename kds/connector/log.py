"""The connector's durable event log: one SQLite file per data dir, guarded by a lock file.

Every event the connector sends is first committed here (WAL, ``synchronous=FULL``) with a
`seq` from an AUTOINCREMENT key, so `seq` is strictly increasing and never reused, also
across restarts and crashes. The stored payload is the exact frame sent to devices
(`kds.wire.dump` of a `kds.wire` event model), so a replay is byte-identical to the live
send. Besides the events the log keeps the current orders (for duplicate and revision
checks), the devices (name, last ack, last seen), the printing role holder, status
changes, rejections and the catalog; for the platform webhooks, the inbox (payloads
that could not be read, kept verbatim), cancellations that arrived before their order, and
the orders still to be fetched from a platform's API; and, for sub-terminals, the pairing
codes and each paired device's token (as a SHA-256 only).

Retention (`prune`): events every known device has acknowledged leave the log once they
are older than the retention cutoff, and with them the finished (cancelled or collected)
orders and old rejections. The seq counter is never reset, so a seq is still never reused.

A second connector on the same data dir is refused (``fcntl.flock`` on
``connector.lock``, non-blocking): a restaurant must have exactly one connector.

All methods are synchronous and meant to be called from one thread (the server's event
loop); each write is one short transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from kds import wire
from kds.clock import utc_now
from kds.connector.errors import ConnectorDataError, ConnectorLockedError, EventTooLargeError
from kds.lockfile import DataDirLock
from kds.sqlite import check_version, migrate, open_db, transaction

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
    # Retention: the seq of the event that finished an order (its cancellation, or the
    # whole-order status "collected" while it holds); NULL while the order is open.
    """
    ALTER TABLE orders ADD COLUMN finished_seq INTEGER;
    UPDATE orders SET finished_seq = CASE WHEN cancelled = 1 THEN updated_seq ELSE (
        SELECT CASE WHEN s.status = 'collected' THEN s.seq END FROM statuses s
        WHERE s.order_id = orders.id AND COALESCE(s.station, '') = '' AND s.line_ids = '[]'
        ORDER BY s.seq DESC LIMIT 1
    ) END;
    CREATE INDEX orders_finished ON orders (finished_seq);
    """,
    # 3: platform webhooks: unreadable payloads (verbatim), early cancellations, pending fetches.
    """
    CREATE TABLE inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        received_at TEXT NOT NULL,
        last_received_at TEXT NOT NULL,
        deliveries INTEGER NOT NULL DEFAULT 1,
        field TEXT NOT NULL,
        reason TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        body BLOB NOT NULL,
        UNIQUE (platform, body_sha256)
    );
    CREATE TABLE early_cancels (
        order_id TEXT PRIMARY KEY,
        reason TEXT,
        at TEXT NOT NULL
    );
    CREATE TABLE pending_fetches (
        platform TEXT NOT NULL,
        external_id TEXT NOT NULL,
        version INTEGER,
        received_at TEXT NOT NULL,
        PRIMARY KEY (platform, external_id)
    );
    """,
    # 4: sub-terminals: pairing codes (single use, short-lived) and per-device tokens (only
    # their SHA-256 is kept).
    """
    CREATE TABLE pairing_codes (
        code TEXT PRIMARY KEY,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_by TEXT,
        used_at TEXT
    );
    CREATE TABLE device_tokens (
        device_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE,
        issued_at TEXT NOT NULL,
        revoked_at TEXT
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)

PRUNE_BATCH = 500
"""Events (and orders, and rejections) removed per `prune` call: a few ms."""


@dataclass(frozen=True)
class StoredEvent:
    """One logged event: its seq and the exact text frame devices receive."""

    seq: int
    text: str


@dataclass(frozen=True)
class Pruned:
    """What one `prune` batch removed."""

    events: int
    orders: int
    rejections: int
    more: bool
    """The batch was full: there may be more to remove, call again."""


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
class InboxEntry:
    """A platform payload that could not be read, kept verbatim with the reason.

    A platform retrying the same body is one entry with its count of `deliveries`.
    """

    id: int
    platform: str
    received_at: datetime
    field: str
    reason: str
    body: bytes
    deliveries: int = 1


@dataclass(frozen=True)
class PendingFetch:
    """An order a platform only notified us of, still to be fetched from its API."""

    platform: str
    external_id: str
    version: int | None
    received_at: datetime


@dataclass(frozen=True)
class DeviceToken:
    """A sub-terminal's own token (its hash is never handed out)."""

    device_id: str
    name: str
    issued_at: datetime
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class CodeRefusal(StrEnum):
    """Why a pairing code did not let a device join."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Revocation:
    """What revoking a device's token changed."""

    device: DeviceToken
    printing_released: bool


@dataclass(frozen=True)
class PrintingHolder:
    """The device that holds the printing role (remembered while it is offline)."""

    device_id: str
    name: str


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
            conn = open_db(data_dir / DB_NAME)
            try:
                migrate(conn, _MIGRATIONS, _where(data_dir), error=ConnectorDataError)
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
        """`work` in one durable transaction (`kds.sqlite.transaction`); what it returns."""
        with transaction(self._conn) as conn:
            return work(conn)

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

    def prune(self, before: datetime, limit: int = PRUNE_BATCH) -> Pruned:
        """Remove one batch of what the retention lets go, in one transaction.

        Up to `limit` of the oldest events, as far as every known device has acknowledged
        them (nothing while no device has connected yet) and they occurred before
        `before`; then up to `limit` finished orders whose events are all gone, and up to
        `limit` device rejections from before `before`. Acks still held in memory are
        written first, so they count.
        """
        self.write_acks()

        def work(c: sqlite3.Connection) -> Pruned:
            known, acked = c.execute(
                "SELECT COUNT(*), MIN(COALESCE(last_acked_seq, 0)) FROM devices"
            ).fetchone()
            through = 0
            if known:
                for seq, occurred_at in c.execute(
                    "SELECT seq, occurred_at FROM events WHERE seq <= ? ORDER BY seq LIMIT ?",
                    (acked, limit),
                ).fetchall():
                    if datetime.fromisoformat(occurred_at) >= before:
                        break
                    through = seq
            events = 0
            if through:
                c.execute("DELETE FROM statuses WHERE seq <= ?", (through,))
                events = c.execute("DELETE FROM events WHERE seq <= ?", (through,)).rowcount
            oldest = c.execute("SELECT MIN(seq) FROM events").fetchone()[0]
            orders = c.execute(
                "DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE finished_seq < ?"
                " ORDER BY finished_seq LIMIT ?)",
                (oldest if oldest is not None else self.last_seq() + 1, limit),
            ).rowcount
            last_rejection = 0
            for row_id, at in c.execute(
                "SELECT id, at FROM rejections ORDER BY id LIMIT ?", (limit,)
            ).fetchall():
                if datetime.fromisoformat(at) >= before:
                    break
                last_rejection = row_id
            rejections = c.execute(
                "DELETE FROM rejections WHERE id <= ?", (last_rejection,)
            ).rowcount
            return Pruned(events, orders, rejections, more=limit in (events, orders, rejections))

        pruned: Pruned = self._write(work)
        if pruned.events or pruned.orders or pruned.rejections:
            log.info(
                "retention: removed %d event(s), %d order(s), %d rejection(s) from before %s",
                pruned.events,
                pruned.orders,
                pruned.rejections,
                before.isoformat(),
            )
        return pruned

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
        at = now or utc_now()
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
        at = now or utc_now()

        def work(c: sqlite3.Connection) -> StoredEvent:
            event, text = self._append(
                c,
                lambda s, e, t: wire.OrderCancelled(
                    seq=s, event_id=e, occurred_at=t, order_id=order_id, reason=reason
                ),
                at,
            )
            c.execute(
                "UPDATE orders SET cancelled = 1, cancel_reason = ?, updated_seq = ?,"
                " finished_seq = COALESCE(finished_seq, ?) WHERE id = ?",
                (reason, event.seq, event.seq, order_id),
            )
            return StoredEvent(event.seq, text)

        result: StoredEvent = self._write(work)
        return result

    def has_status(self, device_id: str, change: wire.StatusChange) -> bool:
        """Whether this device's change is already logged (a resend from its outbox after a
        reconnect: the same order, status, station, lines and time)."""
        row = self._conn.execute(
            "SELECT 1 FROM statuses WHERE order_id = ? AND device_id = ? AND status = ?"
            " AND station IS ? AND line_ids = ? AND at = ? LIMIT 1",
            (
                change.order_id,
                device_id,
                change.status.value,
                change.station,
                json.dumps(list(change.line_ids)),
                change.at.astimezone(UTC).isoformat(),
            ),
        ).fetchone()
        return row is not None

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
        at = occurred_at or utc_now()

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
            if not station and not line_ids:
                # The whole-order status: "collected" finishes the order, another reopens it.
                c.execute(
                    "UPDATE orders SET finished_seq = CASE WHEN cancelled = 1 THEN finished_seq"
                    " WHEN ? THEN COALESCE(finished_seq, ?) END WHERE id = ?",
                    (status is wire.OrderStatus.COLLECTED, event.seq, order_id),
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
            return self._append_catalog(c, arts, grps, now or utc_now())

        result: StoredEvent = self._write(work)
        return result

    def append_catalog(self, now: datetime | None = None) -> StoredEvent:
        """Log a `catalog` event with the stored catalog (for a device's `sync`)."""
        arts, grps = self.catalog()
        at = now or utc_now()
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
        at = (now or utc_now()).isoformat()
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
        at = (now or utc_now()).isoformat()
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
        at = (now or utc_now()).isoformat()
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
        at = (now or utc_now()).isoformat()
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

    # --- platform webhooks --------------------------------------------------------------

    def add_to_inbox(
        self, platform: str, field: str, reason: str, body: bytes, received_at: datetime
    ) -> int:
        """Keep an unreadable payload verbatim; returns its inbox id (the same body from the
        same platform again counts one more delivery of that entry)."""
        digest = hashlib.sha256(body).hexdigest()
        at = received_at.isoformat()

        def work(c: sqlite3.Connection) -> int:
            c.execute(
                "INSERT INTO inbox(platform, received_at, last_received_at, field, reason,"
                " body_sha256, body) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(platform, body_sha256) DO UPDATE SET"
                " deliveries = deliveries + 1, last_received_at = excluded.last_received_at",
                (platform, at, at, field, reason, digest, body),
            )
            row = c.execute(
                "SELECT id FROM inbox WHERE platform = ? AND body_sha256 = ?", (platform, digest)
            ).fetchone()
            return int(row[0])

        result: int = self._write(work)
        return result

    def inbox(self) -> list[InboxEntry]:
        """Every kept payload, oldest first."""
        return _inbox_rows(self._conn)

    def inbox_size(self) -> int:
        """How many payloads the inbox holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM inbox").fetchone()[0])

    def remember_cancel(
        self, order_id: str, reason: str | None, now: datetime | None = None
    ) -> None:
        """A platform cancelled an order the connector has not seen (yet)."""
        at = (now or utc_now()).isoformat()
        self._write(
            lambda c: c.execute(
                "INSERT OR IGNORE INTO early_cancels(order_id, reason, at) VALUES (?, ?, ?)",
                (order_id, reason, at),
            )
        )

    def cancelled_before_seen(self, order_id: str) -> bool:
        """Whether a platform cancelled this id before any order for it arrived."""
        row = self._conn.execute(
            "SELECT 1 FROM early_cancels WHERE order_id = ?", (order_id,)
        ).fetchone()
        return row is not None

    def add_pending_fetch(self, fetch: PendingFetch) -> None:
        """Remember an order to fetch (a newer version replaces an older one)."""
        self._write(
            lambda c: c.execute(
                "INSERT INTO pending_fetches(platform, external_id, version, received_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(platform, external_id) DO UPDATE SET"
                " version = MAX(COALESCE(version, 0), COALESCE(excluded.version, 0))",
                (fetch.platform, fetch.external_id, fetch.version, fetch.received_at.isoformat()),
            )
        )

    def pending_fetches(self) -> list[PendingFetch]:
        """Every order still to be fetched, oldest first."""
        rows = self._conn.execute(
            "SELECT platform, external_id, version, received_at FROM pending_fetches"
            " ORDER BY received_at"
        ).fetchall()
        return [
            PendingFetch(str(p), str(e), None if v is None else int(v), datetime.fromisoformat(r))
            for p, e, v, r in rows
        ]

    def remove_pending_fetch(self, platform: str, external_id: str) -> None:
        self._write(
            lambda c: c.execute(
                "DELETE FROM pending_fetches WHERE platform = ? AND external_id = ?",
                (platform, external_id),
            )
        )

    # --- sub-terminals: pairing codes and device tokens ---------------------------------

    def add_pairing_code(
        self, make_code: Callable[[], str], created_by: str, now: datetime, valid_for: timedelta
    ) -> tuple[str, datetime]:
        """Store a new code from `make_code` (redrawn while it collides with a kept one);
        codes that ended more than a day ago are dropped. Returns the code and its expiry."""
        expires = now + valid_for

        def work(c: sqlite3.Connection) -> str:
            c.execute(
                "DELETE FROM pairing_codes WHERE expires_at < ?",
                ((now - timedelta(days=1)).isoformat(),),
            )
            while True:
                code = make_code()
                taken = c.execute("SELECT 1 FROM pairing_codes WHERE code = ?", (code,))
                if taken.fetchone() is None:
                    break
            c.execute(
                "INSERT INTO pairing_codes(code, created_by, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (code, created_by, now.isoformat(), expires.isoformat()),
            )
            return code

        code: str = self._write(work)
        return code, expires

    def join_with_code(
        self, code: str, device_id: str, name: str, token_sha256: str, now: datetime
    ) -> CodeRefusal | None:
        """Use `code` once to give `device_id` the token with this hash (replacing any token
        it had, revoked or not); None on success, else why the code was refused."""

        def work(c: sqlite3.Connection) -> CodeRefusal | None:
            row = c.execute(
                "SELECT expires_at, used_at FROM pairing_codes WHERE code = ?", (code,)
            ).fetchone()
            if row is None:
                return CodeRefusal.UNKNOWN
            if row[1] is not None:
                return CodeRefusal.USED
            if datetime.fromisoformat(row[0]) <= now:
                return CodeRefusal.EXPIRED
            at = now.isoformat()
            c.execute(
                "UPDATE pairing_codes SET used_by = ?, used_at = ? WHERE code = ?",
                (device_id, at, code),
            )
            c.execute(
                "INSERT INTO device_tokens(device_id, name, token_sha256, issued_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET"
                " name = excluded.name, token_sha256 = excluded.token_sha256,"
                " issued_at = excluded.issued_at, revoked_at = NULL",
                (device_id, name, token_sha256, at),
            )
            return None

        refusal: CodeRefusal | None = self._write(work)
        return refusal

    def device_token(self, token_sha256: str) -> DeviceToken | None:
        """The device token with this hash, revoked or not."""
        row = self._conn.execute(
            "SELECT device_id, name, issued_at, revoked_at FROM device_tokens"
            " WHERE token_sha256 = ?",
            (token_sha256,),
        ).fetchone()
        return None if row is None else _device_token(row)

    def device_tokens(self) -> list[DeviceToken]:
        """Every paired device, by name."""
        rows = self._conn.execute(
            "SELECT device_id, name, issued_at, revoked_at FROM device_tokens ORDER BY name"
        ).fetchall()
        return [_device_token(row) for row in rows]

    def revoke_device_token(self, device_id: str, now: datetime) -> Revocation | None:
        """Revoke the device's token (None when it has none). The device is forgotten as
        a device (so the events it will never acknowledge do not hold back the retention)
        and gives up the printing role if it held it."""

        def work(c: sqlite3.Connection) -> Revocation | None:
            c.execute(
                "UPDATE device_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?",
                (now.isoformat(), device_id),
            )
            row = c.execute(
                "SELECT device_id, name, issued_at, revoked_at FROM device_tokens"
                " WHERE device_id = ?",
                (device_id,),
            ).fetchone()
            if row is None:
                return None
            c.execute("DELETE FROM devices WHERE device_id = ?", (device_id,))
            released = c.execute(
                "DELETE FROM printing_role WHERE device_id = ?", (device_id,)
            ).rowcount
            return Revocation(_device_token(row), printing_released=bool(released))

        result: Revocation | None = self._write(work)
        return result


def _device_token(row: Sequence[Any]) -> DeviceToken:
    device_id, name, issued_at, revoked_at = row
    return DeviceToken(
        str(device_id),
        str(name),
        datetime.fromisoformat(issued_at),
        None if revoked_at is None else datetime.fromisoformat(revoked_at),
    )


def _where(data_dir: Path) -> str:
    """The log file, as messages name it."""
    return f"the connector log {data_dir / DB_NAME}"


def _inbox_rows(conn: sqlite3.Connection) -> list[InboxEntry]:
    rows = conn.execute(
        "SELECT id, platform, received_at, field, reason, body, deliveries FROM inbox ORDER BY id"
    ).fetchall()
    return [
        InboxEntry(int(i), str(p), datetime.fromisoformat(r), str(f), str(why), bytes(b), int(d))
        for i, p, r, f, why, b, d in rows
    ]


def read_inbox(data_dir: Path) -> list[InboxEntry]:
    """The inbox of the connector data dir, read-only: works while the connector runs."""
    path = data_dir / DB_NAME
    if not path.exists():
        raise ConnectorDataError(f"no connector data in {data_dir} ({DB_NAME} not found)")
    try:
        conn = open_db(path, readonly=True)
        try:
            check_version(conn, SCHEMA_VERSION, _where(data_dir), error=ConnectorDataError)
            has_inbox = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inbox'"
            ).fetchone()
            if has_inbox is None:
                return []  # written before the inbox existed: nothing kept
            return _inbox_rows(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ConnectorDataError(f"cannot read {path}: {exc}") from exc
