"""The device's durable state in one SQLite file: events, orders, rejected frames, identity.

Retention: `prune` removes collected and cancelled orders (with their events), old events
that concern no held order and old rejected frames, in small batches, each pruned order
leaving a compact `order_history` row. The screens' and the printing reconcile's queries
are index searches, so their cost follows the open and recent orders, never the history.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, Self

from kds import wire
from kds.domain.acknowledge import Acknowledgements
from kds.domain.orders import (
    CANCELLED_VISIBLE_FOR,
    WHOLE_ORDER,
    Applied,
    AppliedKind,
    OrderState,
    is_visible,
)
from kds.domain.service_times import ServiceRecord
from kds.domain.tickets import OrderTimes, Ticket, advance
from kds.lockfile import DataDirLock
from kds.sqlite import check_version, migrate, open_db, transaction
from kds.store.errors import StoreError, StoreLockedError, StoreSchemaError
from kds.store.schema import MIGRATIONS, SCHEMA_VERSION

logger = logging.getLogger(__name__)

DB_NAME = "kds.sqlite"
LOCK_NAME = "kds.lock"

SEQ_ALREADY_APPLIED = "seq already applied"
"""The `Applied.reason` of an event whose seq this device already stored (a resend)."""

PRUNE_BATCH = 100
"""Orders (and old loose events, and rejected frames) removed per `prune` call: a few ms."""

_ORDER_COLUMNS = (
    "order_json, cancelled, cancel_reason, cancelled_at, status_json, line_status_json, "
    "first_seen_at, updated_at"
)


@dataclass(frozen=True)
class Pruned:
    """What one `prune` batch removed."""

    orders: int
    events: int
    rejected: int
    more: bool
    """The batch was full: there may be more to remove, call again."""


@dataclass(frozen=True)
class OutboxEntry:
    """One kitchen action of this device waiting for its echo from the connector."""

    id: int
    """Increasing in the order the actions were taken: they are sent in this order."""
    change: wire.StatusChange


@dataclass(frozen=True)
class RejectedFrame:
    """A frame the device could not use, kept verbatim for inspection."""

    seq: int | None
    raw: str
    reason: str
    received_at: datetime


def _ts(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: kds times are timezone-aware")
    # One offset for every stored time, so SQL can compare them as text.
    return value.astimezone(UTC).isoformat()


def _statuses(text: str) -> MappingProxyType[str, wire.OrderStatus]:
    return MappingProxyType({k: wire.OrderStatus(v) for k, v in json.loads(text).items()})


def _closed_at(state: OrderState) -> datetime | None:
    """When the order stopped being open (collected or cancelled); None while it is open."""
    if state.cancelled:
        return state.cancelled_at or state.updated_at
    if state.overall_status == wire.OrderStatus.COLLECTED:
        return state.updated_at
    return None


def _state_from_row(row: sqlite3.Row) -> OrderState:
    return OrderState(
        order=wire.parse_order(row["order_json"]),
        cancelled=bool(row["cancelled"]),
        cancel_reason=row["cancel_reason"],
        cancelled_at=(datetime.fromisoformat(row["cancelled_at"]) if row["cancelled_at"] else None),
        status=_statuses(row["status_json"]),
        line_status=_statuses(row["line_status_json"]),
        first_seen_at=datetime.fromisoformat(row["first_seen_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _times_json(times: OrderTimes) -> str:
    def ts(value: datetime | None) -> str | None:
        return _ts(value) if value is not None else None

    return json.dumps(
        {
            "received_at": _ts(times.received_at),
            "fired_at": ts(times.fired_at),
            "station_done_at": {k: _ts(v) for k, v in times.station_done_at.items()},
            "line_done_at": {k: _ts(v) for k, v in times.line_done_at.items()},
            "ready_at": ts(times.ready_at),
            "collected_at": ts(times.collected_at),
            "cancelled_at": ts(times.cancelled_at),
        }
    )


def _times_from(text: str) -> OrderTimes:
    data = json.loads(text)

    def ts(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if value is not None else None

    def marks(key: str) -> MappingProxyType[str, datetime]:
        return MappingProxyType({k: datetime.fromisoformat(v) for k, v in data[key].items()})

    return OrderTimes(
        received_at=datetime.fromisoformat(data["received_at"]),
        fired_at=ts("fired_at"),
        station_done_at=marks("station_done_at"),
        line_done_at=marks("line_done_at"),
        ready_at=ts("ready_at"),
        collected_at=ts("collected_at"),
        cancelled_at=ts("cancelled_at"),
    )


def _times_of_row(row: sqlite3.Row) -> OrderTimes:
    times_json = row["times_json"]
    if times_json:
        return _times_from(times_json)
    # An order stored before its times were kept: received when first seen.
    return OrderTimes(datetime.fromisoformat(row["first_seen_at"]))


def _ticket_from_row(row: sqlite3.Row) -> Ticket:
    return Ticket(_state_from_row(row), _times_of_row(row))


def _write_times(conn: sqlite3.Connection, ticket: Ticket) -> None:
    conn.execute(
        "INSERT INTO order_times (order_id, times_json) VALUES (?, ?) "
        "ON CONFLICT (order_id) DO UPDATE SET times_json = excluded.times_json",
        (ticket.id, _times_json(ticket.times)),
    )


def _record_json(record: ServiceRecord) -> str:
    def ts(value: datetime | None) -> str | None:
        return _ts(value) if value is not None else None

    return json.dumps(
        {
            "display_id": record.display_id,
            "received_at": _ts(record.received_at),
            "released_at": _ts(record.released_at),
            "station_done_at": {k: _ts(v) for k, v in record.station_done_at.items()},
            "ready_at": ts(record.ready_at),
            "collected_at": ts(record.collected_at),
            "due_at": ts(record.due_at),
            "cancelled": record.cancelled,
        }
    )


def _record_from(order_id: str, text: str) -> ServiceRecord:
    data = json.loads(text)

    def ts(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if value is not None else None

    return ServiceRecord(
        order_id=order_id,
        display_id=data["display_id"],
        received_at=datetime.fromisoformat(data["received_at"]),
        released_at=datetime.fromisoformat(data["released_at"]),
        station_done_at=MappingProxyType(
            {k: datetime.fromisoformat(v) for k, v in data["station_done_at"].items()}
        ),
        ready_at=ts("ready_at"),
        collected_at=ts("collected_at"),
        due_at=ts("due_at"),
        cancelled=bool(data["cancelled"]),
    )


def _service_records(conn: sqlite3.Connection, day: date) -> list[ServiceRecord]:
    rows = conn.execute(
        "SELECT order_id, record_json FROM service_times WHERE day = ? ORDER BY order_id",
        (day.isoformat(),),
    ).fetchall()
    return [_record_from(r["order_id"], r["record_json"]) for r in rows]


def _where(data_dir: Path) -> str:
    """The store file, as messages name it."""
    return f"the store {data_dir / DB_NAME}"


class KdsStore:
    """The writer: one per data dir (an exclusive lock), used from one thread (the loop's).

    Every method that changes state is one transaction, committed with synchronous=FULL
    before it returns: once `apply` returned, the event survives a crash or power cut.
    """

    def __init__(self, data_dir: Path, conn: sqlite3.Connection, lock: DataDirLock) -> None:
        self.data_dir = data_dir
        self._conn = conn
        self._lock = lock
        self._closed = False

    # --- lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._conn.close()
        finally:
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

    @contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One `kds.sqlite.transaction`; what SQLite refuses is a `StoreError`.

        `durable=False`: not fsynced, for work that may be lost to a power cut and simply
        done again, like pruning.
        """
        try:
            with transaction(self._conn, durable=durable) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the store in {self.data_dir}: {exc}") from exc

    # --- device identity --------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _ensure_identity(self, default_name: str) -> None:
        with self._transaction() as conn:
            if self._meta("device_id") is None:
                self._set_meta(conn, "device_id", str(uuid.uuid4()))
            if self._meta("device_name") is None:
                self._set_meta(conn, "device_name", default_name)

    @property
    def device_id(self) -> str:
        """Created on the first open of this data dir, then never changes."""
        value = self._meta("device_id")
        assert value is not None  # written by open_store
        return value

    @property
    def device_name(self) -> str:
        value = self._meta("device_name")
        assert value is not None  # written by open_store
        return value

    @device_name.setter
    def device_name(self, name: str) -> None:
        if not name.strip():
            raise ValueError("a device name cannot be empty")
        with self._transaction() as conn:
            self._set_meta(conn, "device_name", name)

    # --- events -----------------------------------------------------------------------

    def last_seq(self) -> int | None:
        """The newest seq this device has stored (applied or rejected); None before any."""
        value = self._meta("last_seq")
        return None if value is None else int(value)

    def apply(self, event: wire.Event, raw: str, now: datetime) -> Applied:
        """Store and apply one event in one committed transaction; a known seq changes nothing."""
        (result,) = self.apply_batch(((event, raw),), now)
        return result

    def apply_batch(self, events: Iterable[tuple[wire.Event, str]], now: datetime) -> list[Applied]:
        """Store and apply events (each with its verbatim frame) in order, in one transaction.

        The rules are `apply`'s, event by event: a seq at or below the last stored one
        changes nothing (SEQ_ALREADY_APPLIED), the domain decides the rest. One commit with
        synchronous=FULL for the whole batch: once this returned, every event of it survives
        a crash or power cut; when it raises, none of them was stored.
        """
        batch = list(events)
        results: list[Applied] = []
        held: dict[str, Ticket] = {}  # orders this batch read or wrote, newest state
        applied_at = _ts(now)
        device_id = self.device_id
        with self._transaction() as conn:
            start = last = self.last_seq()
            for event, raw in batch:
                if last is not None and event.seq <= last:
                    results.append(Applied(AppliedKind.IGNORED, None, SEQ_ALREADY_APPLIED))
                    continue
                held_id: str | None = None  # the order it concerns, if this device holds it
                if isinstance(event, wire.Catalog):
                    result = Applied(AppliedKind.CATALOG, None)
                    self._replace_catalog(conn, event)
                    self._set_meta(conn, "catalog_received_at", applied_at)
                else:
                    order_id = (
                        event.order.id
                        if isinstance(event, wire.OrderCreated | wire.OrderUpdated)
                        else event.order_id
                    )
                    current = held[order_id] if order_id in held else self._ticket(order_id)
                    result, ticket = advance(current, event, now)
                    if result.kind is not AppliedKind.IGNORED and ticket is not None:
                        self._write_order(conn, ticket.state, event.seq)
                        _write_times(conn, ticket)
                    if ticket is not None:
                        held[order_id] = ticket
                        # An event about an order this device holds leaves the store with it.
                        held_id = order_id
                    if isinstance(event, wire.OrderStatusChanged) and event.device_id == device_id:
                        self._settle(conn, event)  # in the same commit: never sent again
                conn.execute(
                    "INSERT INTO events (seq, type, event_id, raw, applied_at, outcome, order_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        event.seq,
                        event.type,
                        event.event_id,
                        raw,
                        applied_at,
                        result.kind.value,
                        held_id,
                    ),
                )
                last = event.seq
                results.append(result)
            if last != start:
                self._set_meta(conn, "last_seq", str(last))
        for (event, _raw), result in zip(batch, results, strict=True):
            if result.kind is AppliedKind.IGNORED:
                logger.info("seq %d (%s) ignored: %s", event.seq, event.type, result.reason)
        return results

    # --- the outbox -------------------------------------------------------------------

    def queue_changes(self, changes: Iterable[wire.StatusChange], now: datetime) -> None:
        """Keep this device's status changes (one action's, in order) until their echo comes
        back; committed durably before this returns, so an action survives a crash."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO outbox (order_id, status, station, line_ids_json, at, queued_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.order_id,
                        c.status.value,
                        c.station,
                        json.dumps(list(c.line_ids)),
                        _ts(c.at),
                        _ts(now),
                    )
                    for c in changes
                ],
            )

    def outbox(self, after: int = 0) -> list[OutboxEntry]:
        """The changes still waiting for their echo, oldest first (those with id > `after`).

        The outbox holds only what is not yet back from the connector: a handful, or the
        actions of an outage.
        """
        rows = self._conn.execute(
            "SELECT id, order_id, status, station, line_ids_json, at FROM outbox "
            "WHERE id > ? ORDER BY id",
            (after,),
        ).fetchall()
        return [
            OutboxEntry(
                r["id"],
                wire.StatusChange(
                    order_id=r["order_id"],
                    status=wire.OrderStatus(r["status"]),
                    station=r["station"],
                    line_ids=tuple(json.loads(r["line_ids_json"])),
                    at=datetime.fromisoformat(r["at"]),
                ),
            )
            for r in rows
        ]

    @staticmethod
    def _settle(conn: sqlite3.Connection, event: wire.OrderStatusChanged) -> None:
        """Drop the outbox entry this event is the echo of (the oldest one, if several)."""
        conn.execute(
            "DELETE FROM outbox WHERE id = (SELECT id FROM outbox WHERE order_id = ? "
            "AND status = ? AND station IS ? AND line_ids_json = ? AND at = ? ORDER BY id LIMIT 1)",
            (
                event.order_id,
                event.status.value,
                event.station,
                json.dumps(list(event.line_ids)),
                _ts(event.occurred_at),
            ),
        )

    # --- acknowledgements -------------------------------------------------------------

    def acknowledge(self, order_id: str, places: Iterable[str], revision: int | None) -> None:
        """These places saw the order's `revision` (None: its cancellation); kept durably."""
        with self._transaction() as conn:
            for place in places:
                conn.execute(
                    "INSERT INTO acknowledged (order_id, place, revision, cancelled) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (order_id, place) DO UPDATE SET "
                    "revision = MAX(COALESCE(revision, 0), COALESCE(excluded.revision, 0)), "
                    "cancelled = MAX(cancelled, excluded.cancelled)",
                    (order_id, place, revision, int(revision is None)),
                )

    def acknowledgements(self, order_id: str) -> Acknowledgements:
        rows = self._conn.execute(
            "SELECT place, revision, cancelled FROM acknowledged WHERE order_id = ?", (order_id,)
        ).fetchall()
        return Acknowledgements(
            MappingProxyType({r["place"]: r["revision"] for r in rows if r["revision"]}),
            frozenset(r["place"] for r in rows if r["cancelled"]),
        )

    def snapshots(self, order_id: str) -> dict[int, wire.Order]:
        """Revision -> the order as this device received it, from its stored events (the
        baselines of the changes a card shows)."""
        found: dict[int, wire.Order] = {}
        for row in self._conn.execute(
            "SELECT raw FROM events WHERE order_id = ? "
            "AND type IN ('order.created', 'order.updated') ORDER BY seq",
            (order_id,),
        ):
            event = wire.parse(row["raw"])
            if isinstance(event, wire.OrderCreated | wire.OrderUpdated):
                found.setdefault(event.order.revision, event.order)
        return found

    def record_rejected(self, seq: int | None, raw: str, reason: str, now: datetime) -> bool:
        """Keep an unusable frame verbatim; its seq counts as done so the stream goes on.

        Returns False for a resend, which is not kept twice: a seq rejected before, or,
        for a frame whose seq could not be read, the same text rejected before.
        """
        raw_hash = hashlib.sha256(raw.encode()).hexdigest()
        with self._transaction() as conn:
            if seq is not None:
                seen = conn.execute("SELECT 1 FROM rejected WHERE seq = ?", (seq,)).fetchone()
            else:
                seen = conn.execute(
                    "SELECT 1 FROM rejected WHERE raw_hash = ? AND seq IS NULL", (raw_hash,)
                ).fetchone()
            if seen is not None:
                return False
            conn.execute(
                "INSERT INTO rejected (seq, raw, reason, received_at, raw_hash) "
                "VALUES (?, ?, ?, ?, ?)",
                (seq, raw, reason, _ts(now), raw_hash),
            )
            last = self.last_seq()
            if seq is not None and (last is None or seq > last):
                self._set_meta(conn, "last_seq", str(seq))
        logger.warning("rejected frame (seq %s): %s", seq, reason)
        return True

    def rejected_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM rejected").fetchone()[0])

    def rejected(self, limit: int = 100) -> list[RejectedFrame]:
        """The newest rejected frames first."""
        rows = self._conn.execute(
            "SELECT seq, raw, reason, received_at FROM rejected ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            RejectedFrame(r["seq"], r["raw"], r["reason"], datetime.fromisoformat(r["received_at"]))
            for r in rows
        ]

    def event_raw(self, seq: int) -> str | None:
        """The verbatim text of a stored event."""
        row = self._conn.execute("SELECT raw FROM events WHERE seq = ?", (seq,)).fetchone()
        return None if row is None else str(row[0])

    # --- orders -----------------------------------------------------------------------

    def _load(self, order_id: str) -> OrderState | None:
        row = self._conn.execute(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        return None if row is None else _state_from_row(row)

    @staticmethod
    def _write_order(conn: sqlite3.Connection, state: OrderState, seq: int) -> None:
        closed_at = _closed_at(state)
        conn.execute(
            "INSERT INTO orders (id, display_id, revision, cancelled, cancel_reason, "
            "overall_status, order_json, status_json, line_status_json, first_seen_at, "
            "updated_at, cancelled_at, first_seen_seq, closed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET display_id = excluded.display_id, "
            "revision = excluded.revision, cancelled = excluded.cancelled, "
            "cancel_reason = excluded.cancel_reason, overall_status = excluded.overall_status, "
            "order_json = excluded.order_json, status_json = excluded.status_json, "
            "line_status_json = excluded.line_status_json, updated_at = excluded.updated_at, "
            "cancelled_at = excluded.cancelled_at, "
            # A closed order keeps the time it closed while it stays closed.
            "closed_at = CASE WHEN excluded.closed_at IS NULL THEN NULL "
            "ELSE COALESCE(orders.closed_at, excluded.closed_at) END",
            (
                state.id,
                state.display_id,
                state.revision,
                int(state.cancelled),
                state.cancel_reason,
                state.overall_status.value,
                wire.dump(state.order),
                json.dumps({k: v.value for k, v in state.status.items()}),
                json.dumps({k: v.value for k, v in state.line_status.items()}),
                _ts(state.first_seen_at),
                _ts(state.updated_at),
                _ts(state.cancelled_at) if state.cancelled_at else None,
                seq,
                _ts(closed_at) if closed_at else None,
            ),
        )

    def order(self, order_id: str) -> OrderState | None:
        return self._load(order_id)

    def _ticket(self, order_id: str) -> Ticket | None:
        row = self._conn.execute(
            f"SELECT {_ORDER_COLUMNS}, t.times_json FROM orders "
            "LEFT JOIN order_times t ON t.order_id = orders.id WHERE id = ?",
            (order_id,),
        ).fetchone()
        return None if row is None else _ticket_from_row(row)

    def ticket(self, order_id: str) -> Ticket | None:
        """The order with the times of what happened to it (by the connector's clock)."""
        return self._ticket(order_id)

    def _with_times(self, columns: str, order_ids: Iterable[str]) -> Iterator[sqlite3.Row]:
        """`columns` and the times of these orders (those held), in chunks of SQLite's
        bound-parameter limit."""
        ids = list(order_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            yield from self._conn.execute(
                f"SELECT {columns}, t.times_json FROM orders "
                f"LEFT JOIN order_times t ON t.order_id = orders.id WHERE id IN ({marks})",
                chunk,
            ).fetchall()

    def tickets(self, order_ids: Iterable[str]) -> list[Ticket]:
        """The tickets of these orders (those held; in no particular order)."""
        return [_ticket_from_row(r) for r in self._with_times(_ORDER_COLUMNS, order_ids)]

    def times_of(self, order_ids: Iterable[str]) -> dict[str, OrderTimes]:
        """Order id -> the times of what happened to it, for those of these orders the
        store holds: their `tickets` without reading the orders again."""
        rows = self._with_times("id, first_seen_at", order_ids)
        return {r["id"]: _times_of_row(r) for r in rows}

    def orders(self, *, now: datetime) -> list[OrderState]:
        """The orders screens show now, in the order they were first seen.

        An index search: the open orders and those closed in the last minutes are read,
        however many finished orders the store holds.
        """
        # The SQL filter only narrows (open, or closed recently); is_visible decides.
        rows = self._conn.execute(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE closed_at IS NULL OR closed_at >= ? "
            # "+": sort the few rows found rather than walk every order in first-seen order.
            "ORDER BY +first_seen_seq",
            (_ts(now - CANCELLED_VISIBLE_FOR),),
        ).fetchall()
        states = (_state_from_row(r) for r in rows)
        return [s for s in states if is_visible(s, now)]

    def cancelled_since(self, since: datetime) -> list[OrderState]:
        """Orders cancelled at or after `since`, first seen first (an index search): those a
        screen may still hold until someone acknowledges the cancellation there."""
        rows = self._conn.execute(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE closed_at >= ? AND cancelled = 1 "
            "ORDER BY +first_seen_seq",
            (_ts(since),),
        ).fetchall()
        return [_state_from_row(r) for r in rows]

    def orders_open_or_changed_since(self, since: datetime) -> list[OrderState]:
        """Open orders, and closed ones changed at or after `since`, first seen first.

        What could still need paper when printing starts (an index search, like `orders`).
        """
        rows = self._conn.execute(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE closed_at IS NULL OR updated_at >= ? "
            "ORDER BY +first_seen_seq",
            (_ts(since),),
        ).fetchall()
        return [_state_from_row(r) for r in rows]

    def ids_open_or_changed_since(self, since: datetime) -> set[str]:
        """The ids of `orders_open_or_changed_since(since)`, without reading the orders."""
        rows = self._conn.execute(
            "SELECT id FROM orders WHERE closed_at IS NULL OR updated_at >= ?", (_ts(since),)
        ).fetchall()
        return {r["id"] for r in rows}

    # --- retention --------------------------------------------------------------------

    def prune(self, now: datetime, before: datetime, limit: int = PRUNE_BATCH) -> Pruned:
        """Remove one batch of what the retention lets go, in one transaction.

        Up to `limit` orders closed (collected or cancelled) before `before` and no longer
        on any screen at `now` leave with their events, each leaving its `order_history`
        row first; up to `limit` events about no held order (catalogs, events for unknown
        orders) and up to `limit` rejected frames older than `before` go too. Open orders
        are never removed. `last_seq` stays, so a resent old seq is still not applied again.
        """
        closed_before = _ts(min(before, now - CANCELLED_VISIBLE_FOR))
        with self._transaction(durable=False) as conn:
            rows = conn.execute(
                "SELECT id, display_id, first_seen_at, cancelled_at FROM orders "
                "WHERE closed_at < ? ORDER BY closed_at LIMIT ?",
                (closed_before, limit),
            ).fetchall()
            events = 0
            for row in rows:
                conn.execute(
                    "INSERT OR REPLACE INTO order_history "
                    "(id, display_id, first_seen_at, cancelled_at, status_times_json) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        row["id"],
                        row["display_id"],
                        row["first_seen_at"],
                        row["cancelled_at"],
                        json.dumps(self._status_times(conn, row["id"])),
                    ),
                )
                events += conn.execute(
                    "DELETE FROM events WHERE order_id = ?", (row["id"],)
                ).rowcount
                conn.execute("DELETE FROM orders WHERE id = ?", (row["id"],))
                conn.execute("DELETE FROM order_times WHERE order_id = ?", (row["id"],))
                conn.execute("DELETE FROM scheduled WHERE order_id = ?", (row["id"],))
                conn.execute("DELETE FROM acknowledged WHERE order_id = ?", (row["id"],))
            loose = conn.execute(
                "DELETE FROM events WHERE seq IN (SELECT seq FROM events "
                "WHERE order_id IS NULL AND applied_at < ? ORDER BY applied_at LIMIT ?)",
                (_ts(before), limit),
            ).rowcount
            rejected = conn.execute(
                "DELETE FROM rejected WHERE id IN (SELECT id FROM rejected "
                "WHERE received_at < ? ORDER BY received_at LIMIT ?)",
                (_ts(before), limit),
            ).rowcount
        pruned = Pruned(
            orders=len(rows),
            events=events + loose,
            rejected=rejected,
            more=limit in (len(rows), loose, rejected),
        )
        if rows or loose or rejected:
            logger.info(
                "retention: removed %d order(s), %d event(s), %d rejected frame(s) from before %s",
                pruned.orders,
                pruned.events,
                pruned.rejected,
                before.isoformat(),
            )
        return pruned

    @staticmethod
    def _status_times(conn: sqlite3.Connection, order_id: str) -> dict[str, dict[str, str]]:
        """Station ("" = whole order) -> status -> when it was last set, from the events."""
        times: dict[str, dict[str, str]] = {}
        for row in conn.execute(
            "SELECT COALESCE(json_extract(raw, '$.station'), '') AS station, "
            "json_extract(raw, '$.status') AS status, applied_at FROM events "
            "WHERE order_id = ? AND outcome = ? "
            "AND COALESCE(json_array_length(raw, '$.line_ids'), 0) = 0 ORDER BY seq",
            (order_id, AppliedKind.STATUS.value),
        ):
            times.setdefault(row["station"], {})[row["status"]] = row["applied_at"]
        return times

    # --- scheduled orders -------------------------------------------------------------

    def held(self) -> dict[str, datetime]:
        """Scheduled orders this device holds back: order id -> planned release (an index
        search over the held ones only)."""
        rows = self._conn.execute(
            "SELECT order_id, release_at FROM scheduled WHERE released_at IS NULL"
        ).fetchall()
        return {r["order_id"]: datetime.fromisoformat(r["release_at"]) for r in rows}

    def was_scheduled(self, order_id: str) -> bool:
        """This device held the order back at some time (held now, or released since)."""
        row = self._conn.execute(
            "SELECT 1 FROM scheduled WHERE order_id = ?", (order_id,)
        ).fetchone()
        return row is not None

    def hold(self, order_id: str, release_at: datetime) -> None:
        """Hold the order back until `release_at` (or move its release while held)."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO scheduled (order_id, release_at) VALUES (?, ?) "
                "ON CONFLICT (order_id) DO UPDATE SET release_at = excluded.release_at "
                "WHERE scheduled.released_at IS NULL",
                (order_id, _ts(release_at)),
            )

    def unhold(self, order_id: str) -> None:
        """Stop holding the order (cancelled or collected before its release)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM scheduled WHERE order_id = ?", (order_id,))

    def mark_released(self, order_ids: Iterable[str], at: datetime) -> None:
        """These held orders are on the stations now (their tickets are queued)."""
        with self._transaction() as conn:
            conn.executemany(
                "UPDATE scheduled SET released_at = ? WHERE order_id = ? AND released_at IS NULL",
                [(_ts(at), order_id) for order_id in order_ids],
            )

    # --- speed of service -------------------------------------------------------------

    def record_service(self, records: Iterable[tuple[ServiceRecord, date]]) -> None:
        """Keep each order's timings under its service day (one row per order, replaced).

        Not fsynced: a record lost to a power cut is written again from the order at the
        next start (`KdsApp.open`).
        """
        with self._transaction(durable=False) as conn:
            conn.executemany(
                "INSERT INTO service_times (order_id, day, record_json) VALUES (?, ?, ?) "
                "ON CONFLICT (order_id) DO UPDATE SET day = excluded.day, "
                "record_json = excluded.record_json",
                [(r.order_id, day.isoformat(), _record_json(r)) for r, day in records],
            )

    def service_records(self, day: date) -> list[ServiceRecord]:
        """The timings of the orders of one service day."""
        return _service_records(self._conn, day)

    # --- catalog ----------------------------------------------------------------------

    @staticmethod
    def _replace_catalog(conn: sqlite3.Connection, event: wire.Catalog) -> None:
        conn.execute("DELETE FROM articles")
        conn.execute("DELETE FROM article_groups")
        conn.executemany(
            "INSERT OR REPLACE INTO articles (ref, name, kitchen_name, article_group) "
            "VALUES (?, ?, ?, ?)",
            [(a.ref, a.name, a.kitchen_name, a.group) for a in event.articles],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO article_groups (id, name) VALUES (?, ?)",
            [(g.id, g.name) for g in event.groups],
        )

    def catalog_received_at(self) -> datetime | None:
        """When the newest `catalog` event was stored (None before any), for "as of 20:14"."""
        value = self._meta("catalog_received_at")
        return None if value is None else datetime.fromisoformat(value)

    def catalog(self) -> tuple[list[wire.Article], list[wire.ArticleGroup]]:
        """The articles and groups of the newest `catalog` event (empty before any)."""
        articles = [
            wire.Article(
                ref=r["ref"],
                name=r["name"],
                kitchen_name=r["kitchen_name"],
                group=r["article_group"],
            )
            for r in self._conn.execute(
                "SELECT ref, name, kitchen_name, article_group FROM articles ORDER BY ref"
            )
        ]
        groups = [
            wire.ArticleGroup(id=r["id"], name=r["name"])
            for r in self._conn.execute("SELECT id, name FROM article_groups ORDER BY id")
        ]
        return articles, groups


def open_store(data_dir: Path, device_name: str = "KDS") -> KdsStore:
    """Open (creating if needed) the writer store of a data dir; also a context manager.

    Raises StoreLockedError when another app holds the data dir, StoreSchemaError when the
    file is from a newer kds.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = DataDirLock.acquire(data_dir / LOCK_NAME)
    if lock is None:
        raise StoreLockedError(
            f"another kds app is already running on data dir {data_dir} "
            "(two apps would ack and print twice)"
        )
    try:
        conn = open_db(data_dir / DB_NAME)
    except sqlite3.Error as exc:
        lock.release()
        raise StoreError(f"cannot open the store in {data_dir}: {exc}") from exc
    store = KdsStore(data_dir, conn, lock)
    try:
        migrate(conn, MIGRATIONS, _where(data_dir), error=StoreSchemaError)
        store._ensure_identity(device_name)
    except sqlite3.Error as exc:
        store.close()
        raise StoreError(f"cannot open the store in {data_dir}: {exc}") from exc
    except BaseException:
        store.close()
        raise
    return store


class KdsStoreReader:
    """A read-only view of a data dir, usable while the app runs (no lock taken)."""

    def __init__(self, data_dir: Path, conn: sqlite3.Connection) -> None:
        self.data_dir = data_dir
        self._conn = conn

    def close(self) -> None:
        self._conn.close()

    def order_summaries(self) -> list[dict[str, Any]]:
        """Every order held, first seen first: id, display_id, revision, status, is_cancelled.

        `status` maps "order" (the whole order) or a station id to its status text.
        """
        rows = self._conn.execute(
            "SELECT id, display_id, revision, cancelled, status_json FROM orders "
            "ORDER BY first_seen_seq"
        ).fetchall()
        summaries = []
        for row in rows:
            statuses = json.loads(row["status_json"])
            summaries.append(
                {
                    "id": row["id"],
                    "display_id": row["display_id"],
                    "revision": row["revision"],
                    "status": {
                        ("order" if key == WHOLE_ORDER else key): value
                        for key, value in statuses.items()
                    },
                    "is_cancelled": bool(row["cancelled"]),
                }
            )
        return summaries

    def service_records(self, day: date) -> list[ServiceRecord]:
        """The timings of the orders of one service day (for `kds report`)."""
        return _service_records(self._conn, day)

    def last_seq(self) -> int | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'last_seq'").fetchone()
        return None if row is None else int(row[0])


@contextmanager
def open_store_readonly(data_dir: Path) -> Iterator[KdsStoreReader]:
    """Read a data dir without the writer's lock (for `kds orders`)."""
    path = data_dir / DB_NAME
    if not path.exists():
        raise StoreError(f"no kds store in {data_dir} (has the app run with this data dir?)")
    try:
        conn = open_db(path, readonly=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store in {data_dir} read-only: {exc}") from exc
    reader = KdsStoreReader(data_dir, conn)
    try:
        try:
            check_version(conn, SCHEMA_VERSION, _where(data_dir), error=StoreSchemaError)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the store in {data_dir}: {exc}") from exc
        yield reader
    finally:
        reader.close()
