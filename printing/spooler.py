"""Durable per-printer print queue: every job reaches paper exactly once, or stays visibly waiting.

Jobs live in SQLite (``spool.sqlite``, WAL, ``synchronous=FULL``). A job's identity is
(order_id, revision, printer, template, station, copy, reprint), UNIQUE, so enqueueing the
same job twice, even across restarts, is a no-op. (The station is part of the key because
one printer may get one ticket per station; ``reprint`` counts explicit reprints.)

States: ``queued`` -> ``sending`` -> ``done``; ``cancelled`` (order cancelled before the
job was sent); ``failed`` only when the ticket could not be laid out (a template bug,
logged), never because a printer was down: printer problems are retried for ever, with a
capped backoff, and shown in `snapshot()`.

One asyncio worker per printer. For each job: ask the printer's status FIRST (a printer
that is out of paper keeps the bytes it is sent and prints them when refilled, so sending
to it and then failing over would print twice); only when healthy mark the job ``sending``
(committed), send, ask the status again and mark it ``done``. A printer without status
support is sent to and its jobs are done as "sent, not confirmed". A job found ``sending``
at start-up (the process died mid-send) or after a send that may have reached the printer
is sent again with a "REPRINT" banner, so a cook can tell.

Failover: when a printer has been failing for longer than ``failover_after_s``, its queued
jobs (and new ones) go to its backup, re-rendered with a "BACKUP FOR <printer>" banner; once
the printer is healthy again, new jobs go back to it.

Held tickets: a printer that takes a job and THEN reports a problem (the paper ran out
between the status check and the end of the ticket) keeps the bytes and prints them when it
is fixed; the job is done and never sent again. Those bytes cannot be changed, so the spooler
queues a *late slip* (kind ``late``) for that printer in the same transaction: it stays on
that printer (never diverted to a backup, never cancelled with its order), goes before
anything else queued there, and is therefore the first thing sent once the printer is
healthy, right after the held ticket comes out. Until then `snapshot()` lists the held
ticket ("Kitchen holds #G-1 until the paper is refilled"). It survives restarts like any job.

Every printer that answers status is asked once when its worker starts, so the screen says
"ready" or "paper out" at once, not "not checked yet" until the first ticket; idle printers
are asked again every ``idle_check_s``.

The spooler does not know about tickets: a `Renderer` callback turns a job (its opaque
``payload``) into bytes for the printer it is going to, with the banners it must carry.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from printing.errors import PrintingError
from printing.status import PrinterStatus
from printing.transports.base import Transport, TransportError

logger = logging.getLogger(__name__)

REPRINT_BANNER = "REPRINT"
LATE_KIND = "late"
"""The kind of the slip printed after a ticket the printer held (see the module doc)."""
SCHEMA_VERSION = 1

JobState = Literal["queued", "sending", "done", "cancelled", "failed"]


class SpoolError(PrintingError):
    """The spool database cannot be used, or a job asked for does not exist."""


def backup_banner(printer: str) -> str:
    return f"BACKUP FOR {printer}"


@dataclass(frozen=True)
class JobSpec:
    """What to print: the identity of a job plus an opaque payload for the renderer."""

    order_id: str
    revision: int
    printer: str
    template: str
    copy: int
    display_id: str
    kind: str
    """"ticket", "document", "change", "void", ...: for people reading the job list."""
    payload: str
    """Everything the renderer needs to lay the job out again (JSON, owned by the caller)."""
    station: str | None = None


@dataclass(frozen=True)
class JobInfo:
    id: int
    order_id: str
    revision: int
    printer: str
    template: str
    station: str | None
    copy: int
    reprint: int
    display_id: str
    kind: str
    payload: str
    state: JobState
    target: str
    """The printer it goes (or went) to: `printer`, or a backup."""
    resend: bool
    """It may already be on paper (crash or broken send): the next send carries REPRINT."""
    confirmed: bool | None
    """For done jobs: True = the printer confirmed it is fine; False = sent, not confirmed."""
    attempts: int
    last_error: str | None
    created_at: datetime
    done_at: datetime | None

    def banners(self) -> tuple[str, ...]:
        """The banners this job must carry if it were sent now."""
        banners: list[str] = []
        if self.reprint or self.resend:
            banners.append(REPRINT_BANNER)
        if self.target != self.printer:
            banners.append(backup_banner(self.printer))
        return tuple(banners)


Renderer = Callable[[JobInfo, str, tuple[str, ...]], bytes]
"""(job, printer it goes to, banners) -> the bytes to send. A job of kind `LATE_KIND` is the
spooler's own: `late_slip(job)` says what it is about."""


@dataclass(frozen=True)
class LateSlip:
    """What a late slip job is about: the held job and since when, and why, it was held."""

    held_job: int
    held_kind: str
    held_template: str
    held_payload: str
    since: datetime
    problem: str


def late_slip(job: JobInfo) -> LateSlip:
    """The held job a late slip job (kind `LATE_KIND`) is about."""
    if job.kind != LATE_KIND:
        raise SpoolError(f"job {job.id} is a {job.kind} job, not a late slip")
    data = json.loads(job.payload)
    return LateSlip(
        held_job=data["held_job"],
        held_kind=data["held_kind"],
        held_template=data["held_template"],
        held_payload=data["held_payload"],
        since=datetime.fromisoformat(data["since"]),
        problem=data["problem"],
    )


@dataclass(frozen=True)
class SpoolPrinter:
    name: str
    transport: Transport
    status: bool = True
    """Check DLE EOT status before and after each job (needs the transport to support it)."""
    backup: str | None = None

    @property
    def checks_status(self) -> bool:
        return self.status and self.transport.supports_status


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_REMEDIES = {
    "paper out": "the paper is refilled",
    "cover open": "the cover is closed",
    "offline": "it is back online",
    "no answer": "it answers again",
}


@dataclass(frozen=True)
class HeldTicket:
    """A ticket the printer took and keeps until it is fixed (it prints then, late)."""

    display_id: str
    problem: str
    since: datetime

    def describe(self, printer: str) -> str:
        """E.g. "Kitchen holds #G-1 until the paper is refilled"."""
        until = _REMEDIES.get(self.problem, "it works again")
        return f"{printer} holds #{self.display_id} until {until}"


@dataclass(frozen=True)
class PrinterState:
    """What staff need to know about one printer."""

    name: str
    healthy: bool | None
    """None: not known yet (nothing asked), or a printer that cannot report status."""
    problem: str | None
    since: datetime | None
    """When the current problem started."""
    waiting: int
    """Tickets for this printer not printed yet (including those going to its backup)."""
    last_printed_at: datetime | None
    on_backup_to: str | None
    confirmed: bool = True
    """False for a printer without status: its tickets are "sent, not confirmed"."""
    failed: int = 0
    """Tickets for this printer that could not be laid out (a template problem; see the log)."""
    held: tuple[HeldTicket, ...] = ()
    """Tickets inside the printer, waiting for it to be fixed; a late slip follows each."""

    def held_lines(self) -> list[str]:
        """One line per held ticket, e.g. "Kitchen holds #G-1 until the paper is refilled"."""
        return [ticket.describe(self.name) for ticket in self.held]

    def describe(self, now: datetime) -> str:
        """One line for the screen, e.g. "Kitchen: paper out since 20:14, 3 tickets waiting
        (going to Bar)"."""
        if self.problem is not None:
            text = f"{self.name}: {self.problem}"
            if self.since is not None:
                since = self.since.astimezone(now.tzinfo)
                shown = since.strftime("%H:%M")
                if since.date() != now.date():
                    shown = since.strftime("%a %H:%M")
                text = f"{text} since {shown}"
        elif not self.confirmed:
            text = f"{self.name}: sent, not confirmed (printer gives no status)"
        elif self.healthy:
            text = f"{self.name}: ready"
        else:
            text = f"{self.name}: not checked yet"
        if self.waiting:
            text = f"{text}, {_plural(self.waiting, 'ticket')} waiting"
        if self.on_backup_to is not None:
            text = f"{text} (going to {self.on_backup_to})"
        if self.failed:
            text = f"{text}; {_plural(self.failed, 'ticket')} could not be laid out (see the log)"
        return text


@dataclass
class _Live:
    """A worker's in-memory view of its printer."""

    healthy: bool | None = None
    problem: str | None = None
    since: datetime | None = None
    failing_since: float | None = None
    """loop.time() of the first failure in the current run of failures."""
    failures: int = 0
    on_backup_to: str | None = None
    last_printed_at: datetime | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    printer TEXT NOT NULL,
    template TEXT NOT NULL,
    station TEXT NOT NULL DEFAULT '',
    copy INTEGER NOT NULL,
    reprint INTEGER NOT NULL DEFAULT 0,
    display_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL
        CHECK (state IN ('queued', 'sending', 'done', 'cancelled', 'failed')),
    target TEXT NOT NULL,
    resend INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    done_at TEXT,
    UNIQUE (order_id, revision, printer, template, station, copy, reprint)
);
CREATE INDEX IF NOT EXISTS jobs_by_target ON jobs (target, state, id);
CREATE INDEX IF NOT EXISTS jobs_by_order ON jobs (order_id);
CREATE INDEX IF NOT EXISTS jobs_by_printer ON jobs (printer, state);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, target);
CREATE INDEX IF NOT EXISTS jobs_last_done ON jobs (target, state, done_at);
"""

_COLUMNS = (
    "id, order_id, revision, printer, template, station, copy, reprint, display_id, kind, "
    "payload, state, target, resend, confirmed, attempts, last_error, created_at, done_at"
)


def _job(row: sqlite3.Row) -> JobInfo:
    return JobInfo(
        id=row["id"],
        order_id=row["order_id"],
        revision=row["revision"],
        printer=row["printer"],
        template=row["template"],
        station=row["station"] or None,
        copy=row["copy"],
        reprint=row["reprint"],
        display_id=row["display_id"],
        kind=row["kind"],
        payload=row["payload"],
        state=row["state"],
        target=row["target"],
        resend=bool(row["resend"]),
        confirmed=None if row["confirmed"] is None else bool(row["confirmed"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        created_at=datetime.fromisoformat(row["created_at"]),
        done_at=None if row["done_at"] is None else datetime.fromisoformat(row["done_at"]),
    )


def open_spool_db(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the spool database: WAL, fsync on every commit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
    except sqlite3.Error as exc:
        raise SpoolError(f"cannot open the print spool {path}: {exc}") from exc
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=5000")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SpoolError(
                f"the print spool {path} was written by a newer kds (schema {version})"
            )
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        db.close()
        raise
    return db


class Spooler:
    """Per-printer durable queues with workers, retries, failover and a status snapshot.

    Create it (opens the database and recovers jobs left ``sending``), `start()` the workers
    on the running loop, `stop()` them (closes the database). Every method runs on the
    loop thread.
    """

    def __init__(
        self,
        db_path: Path,
        printers: Sequence[SpoolPrinter],
        renderer: Renderer,
        *,
        clock: Callable[[], datetime],
        failover_after_s: float = 3.0,
        retry_initial_s: float = 0.5,
        retry_cap_s: float = 10.0,
        idle_check_s: float | None = 15.0,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._printers = {p.name: p for p in printers}
        self._idle_check_s = idle_check_s
        self._renderer = renderer
        self._clock = clock
        self._failover_after_s = failover_after_s
        self._retry_initial_s = retry_initial_s
        self._retry_cap_s = retry_cap_s
        self.on_change = on_change
        self._live = {name: _Live() for name in self._printers}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._tx_depth = 0
        self._tx_touched: set[str] = set()
        self.db = open_spool_db(db_path)
        """Shared with the print service for its own table; use `transaction()` to write."""
        self._recover()

    # --- database ---------------------------------------------------------------------

    def _recover(self) -> None:
        with self.transaction():
            resent = self.db.execute(
                "UPDATE jobs SET state = 'queued', resend = 1 WHERE state = 'sending'"
            ).rowcount
            # One index search per printer: start-up cost does not grow with the history.
            for name, live in self._live.items():
                last = self.db.execute(
                    "SELECT MAX(done_at) FROM jobs WHERE target = ? AND state = 'done'", (name,)
                ).fetchone()[0]
                if last is not None:
                    live.last_printed_at = datetime.fromisoformat(last)
            unknown = [
                row["target"]
                for row in self.db.execute(
                    "SELECT DISTINCT target FROM jobs WHERE state IN ('queued', 'sending')"
                )
                if row["target"] not in self._printers
            ]
        if resent:
            logger.warning(
                "%d job(s) were being sent when kds stopped: sending again marked REPRINT", resent
            )
        for name in unknown:
            logger.error(
                "jobs are waiting for printer %r, which is no longer configured; "
                "they stay queued until it is configured again",
                name,
            )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write (nestable: the outermost one commits, then wakes the workers)."""
        outer = self._tx_depth == 0
        if outer:
            self.db.execute("BEGIN IMMEDIATE")
        self._tx_depth += 1
        try:
            yield self.db
        except BaseException:
            self._tx_depth -= 1
            if outer:
                self.db.execute("ROLLBACK")
                self._tx_touched.clear()
            raise
        self._tx_depth -= 1
        if outer:
            self.db.execute("COMMIT")
            touched, self._tx_touched = self._tx_touched, set()
            for name in touched:
                if name in self._live:
                    self._live[name].wake.set()
            if touched:
                self._changed()

    def _target_for(self, printer: str) -> str:
        live = self._live.get(printer)
        if live is not None and live.on_backup_to is not None:
            return live.on_backup_to
        return printer

    def enqueue(self, specs: Iterable[JobSpec]) -> list[int]:
        """Queue jobs; a job already known (same identity) is left as it is. New job ids."""
        new: list[int] = []
        now = self._clock().isoformat()
        with self.transaction() as db:
            for spec in specs:
                target = self._target_for(spec.printer)
                cursor = db.execute(
                    "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
                    " display_id, kind, payload, state, target, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (
                        spec.order_id,
                        spec.revision,
                        spec.printer,
                        spec.template,
                        spec.station or "",
                        spec.copy,
                        spec.display_id,
                        spec.kind,
                        spec.payload,
                        target,
                        now,
                    ),
                )
                if cursor.rowcount == 1 and cursor.lastrowid is not None:
                    new.append(cursor.lastrowid)
                    self._tx_touched.add(target)
        return new

    def cancel_queued(self, order_id: str) -> list[JobInfo]:
        """Cancel the order's jobs that have not started sending; the jobs cancelled.

        A late slip stays: the held ticket it is about still comes out of the printer.
        """
        with self.transaction() as db:
            jobs = [
                _job(r)
                for r in db.execute(
                    f"SELECT {_COLUMNS} FROM jobs WHERE order_id = ? AND state = 'queued'"
                    " AND kind != ?",
                    (order_id, LATE_KIND),
                )
            ]
            db.execute(
                "UPDATE jobs SET state = 'cancelled' WHERE order_id = ? AND state = 'queued'"
                " AND kind != ?",
                (order_id, LATE_KIND),
            )
            self._tx_touched.update(j.target for j in jobs)
        return jobs

    def jobs(self, order_id: str | None = None) -> list[JobInfo]:
        """Every job (of one order), oldest first."""
        if order_id is None:
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY id")
        else:
            rows = self.db.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE order_id = ? ORDER BY id", (order_id,)
            )
        return [_job(r) for r in rows]

    def job(self, job_id: int) -> JobInfo:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise SpoolError(f"no print job {job_id}")
        return _job(row)

    def reprint(self, job_id: int) -> int:
        """Queue one more copy of a job, marked REPRINT; the new job's id."""
        with self.transaction() as db:
            original = self.job(job_id)
            count = db.execute(
                "SELECT MAX(reprint) FROM jobs WHERE order_id = ? AND revision = ?"
                " AND printer = ? AND template = ? AND station = ? AND copy = ?",
                (
                    original.order_id,
                    original.revision,
                    original.printer,
                    original.template,
                    original.station or "",
                    original.copy,
                ),
            ).fetchone()[0]
            target = self._target_for(original.printer)
            cursor = db.execute(
                "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
                " reprint, display_id, kind, payload, state, target, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                (
                    original.order_id,
                    original.revision,
                    original.printer,
                    original.template,
                    original.station or "",
                    original.copy,
                    count + 1,
                    original.display_id,
                    original.kind,
                    original.payload,
                    target,
                    self._clock().isoformat(),
                ),
            )
            self._tx_touched.add(target)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def prune(self, order_ids: Sequence[str]) -> int:
        """Remove the printed and cancelled jobs of these orders; how many went.

        A job not printed yet (queued, sending) is never removed, nor one that could not be
        laid out (still counted on screen).
        """
        with self.transaction() as db:
            removed = sum(
                db.execute(
                    "DELETE FROM jobs WHERE order_id = ? AND state IN ('done', 'cancelled')",
                    (order_id,),
                ).rowcount
                for order_id in order_ids
            )
        return removed

    def _next_job(self, target: str) -> JobInfo | None:
        # A late slip first: it must come out right after the ticket the printer held.
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE target = ? AND state = 'queued'"
            " ORDER BY kind != ?, id LIMIT 1",
            (target, LATE_KIND),
        ).fetchone()
        return None if row is None else _job(row)

    def _count(self, printer: str, states: tuple[str, ...], *, late: bool = True) -> int:
        marks = ", ".join("?" for _ in states)
        row = self.db.execute(
            f"SELECT COUNT(*) FROM jobs WHERE printer = ? AND state IN ({marks})"
            + ("" if late else " AND kind != ?"),
            (printer, *states) if late else (printer, *states, LATE_KIND),
        ).fetchone()
        return int(row[0])

    def _held(self, printer: str) -> tuple[HeldTicket, ...]:
        """The tickets the printer holds: those whose late slip has not been sent yet."""
        held: list[HeldTicket] = []
        for row in self.db.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE target = ? AND state IN ('queued', 'sending')"
            " AND kind = ? ORDER BY id",
            (printer, LATE_KIND),
        ):
            slip = late_slip(_job(row))
            held.append(HeldTicket(row["display_id"], slip.problem, slip.since))
        return tuple(held)

    # --- observability ----------------------------------------------------------------

    def snapshot(self) -> list[PrinterState]:
        """The state of every printer, in configuration order."""
        return [
            PrinterState(
                name=name,
                healthy=live.healthy,
                problem=live.problem,
                since=live.since,
                waiting=self._count(name, ("queued", "sending"), late=False),
                last_printed_at=live.last_printed_at,
                on_backup_to=live.on_backup_to,
                confirmed=printer.checks_status,
                failed=self._count(name, ("failed",)),
                held=self._held(name),
            )
            for name, printer in self._printers.items()
            for live in (self._live[name],)
        ]

    def _changed(self) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change()
        except Exception:
            logger.exception("the print status listener failed")

    # --- workers ----------------------------------------------------------------------

    async def start(self) -> None:
        """Start one worker per printer on the running loop."""
        if self._tasks:
            return
        for name in self._printers:
            self._live[name].wake.set()
            self._tasks.append(asyncio.create_task(self._work(name), name=f"printer {name}"))

    async def stop(self, grace_s: float = 10.0) -> None:
        """Let jobs being sent finish (bounded by `grace_s`), stop workers, close the db."""
        self._stopping = True
        self._stop_event.set()
        for live in self._live.values():
            live.wake.set()
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
        self.db.close()

    async def _pause(self, seconds: float) -> None:
        """Wait `seconds` before trying a failing printer again (new jobs do not cut it
        short: asking a broken printer once per new order helps nobody), or until stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), timeout=seconds)

    def _backoff(self, live: _Live) -> float:
        exponent = min(live.failures - 1, 30)
        return min(self._retry_cap_s, self._retry_initial_s * 2.0 ** max(exponent, 0))

    async def _work(self, name: str) -> None:
        live = self._live[name]
        # A printer that answers status is asked at once, so the screen says "ready" or
        # "paper out" from the start, not "not checked yet" until the first ticket.
        checked = not self._printers[name].checks_status
        while not self._stopping:
            try:
                if not checked:
                    checked = True
                    if await self._probe(name):
                        self._healthy(name, True)
                        continue
                elif (job := self._next_job(name)) is None:
                    if live.problem is None and live.on_backup_to is None:
                        live.wake.clear()
                        if await self._idle(name):
                            continue
                    # Failing (or on backup) with nothing queued here: probe until the
                    # printer is back, so the screen stops showing a fixed problem.
                    elif await self._probe(name):
                        self._recovered(name)
                        continue
                else:
                    ok = await self._attempt(name, job)
                    if ok is None or ok:
                        continue
                if self._stopping:
                    break
                await self._pause(self._wait_after_failure(name))
            except Exception:
                logger.exception("the worker of printer %s failed; retrying", name)
                self._failed(name, "internal error (see the log)")
                await self._pause(self._retry_cap_s)

    async def _idle(self, name: str) -> bool:
        """Wait for a job; every `idle_check_s` ask an idle printer how it is, so paper that
        ran out between orders is on screen before the next ticket. True: go on waiting."""
        live = self._live[name]
        try:
            await asyncio.wait_for(live.wake.wait(), timeout=self._idle_check_s)
        except TimeoutError:
            if self._printers[name].checks_status and not self._stopping:
                if not await self._probe(name):
                    return False
                self._healthy(name, True)
        return True

    def _wait_after_failure(self, name: str) -> float:
        live = self._live[name]
        delay = self._backoff(live)
        printer = self._printers[name]
        if printer.backup is not None and live.on_backup_to is None and live.failing_since:
            until_failover = live.failing_since + self._failover_after_s - _now()
            delay = min(delay, max(until_failover, 0.0) + 0.001)
        return delay

    async def _call(self, name: str, fn: Callable[[], object]) -> object:
        async with self._live[name].lock:
            return await asyncio.to_thread(fn)

    async def _read_status(self, name: str) -> PrinterStatus | str:
        """The printer's status, or the words for why it could not be read."""
        transport = self._printers[name].transport
        try:
            status = await self._call(name, transport.status)
        except TransportError as exc:
            logger.info("printer %s: status failed: %s", name, exc)
            return "offline"
        assert isinstance(status, PrinterStatus)
        return status

    async def _probe(self, name: str) -> bool:
        """Is the printer usable again? (No-status printers: can we connect at all?)"""
        printer = self._printers[name]
        if printer.checks_status:
            status = await self._read_status(name)
            if isinstance(status, PrinterStatus) and status.healthy:
                return True
            self._failed(name, _words(status))
            return False
        try:
            await self._call(name, lambda: printer.transport.send(b""))
        except TransportError as exc:
            logger.info("printer %s still unreachable: %s", name, exc)
            self._failed(name, "offline")
            return False
        return True

    async def _attempt(self, name: str, job: JobInfo) -> bool | None:
        """Try one job: True printed, False printer failing, None nothing to do."""
        printer = self._printers[name]
        if printer.checks_status:
            status = await self._read_status(name)
            if not (isinstance(status, PrinterStatus) and status.healthy):
                self._failed(name, _words(status))
                return False
        current = self.job(job.id)
        if current.state != "queued" or current.target != name:
            return None  # cancelled or moved to a backup while we asked the printer
        try:
            data = self._renderer(current, name, current.banners())
        except Exception as exc:
            logger.exception("job %d (order %s) could not be laid out", job.id, job.display_id)
            with self.transaction() as db:
                db.execute(
                    "UPDATE jobs SET state = 'failed', last_error = ? WHERE id = ?",
                    (f"could not lay out the ticket: {exc}", job.id),
                )
                self._tx_touched.add(name)
            return None
        with self.transaction() as db:
            marked = db.execute(
                "UPDATE jobs SET state = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND state = 'queued' AND target = ?",
                (job.id, name),
            ).rowcount
        if not marked:
            return None
        try:
            await self._call(name, lambda: printer.transport.send(data))
        except TransportError as exc:
            logger.warning("printer %s: job %d not sent: %s", name, job.id, exc)
            with self.transaction() as db:
                db.execute(
                    "UPDATE jobs SET state = 'queued', last_error = ?,"
                    " resend = MAX(resend, ?) WHERE id = ?",
                    (str(exc), 1 if exc.maybe_sent else 0, job.id),
                )
            self._failed(name, "offline")
            return False
        confirmed = False
        after: PrinterStatus | str | None = None
        if printer.checks_status:
            after = await self._read_status(name)
            confirmed = isinstance(after, PrinterStatus) and after.healthy
        now = self._clock()
        with self.transaction() as db:
            db.execute(
                "UPDATE jobs SET state = 'done', confirmed = ?, done_at = ?, last_error = NULL"
                " WHERE id = ?",
                (1 if confirmed else 0, now.isoformat(), job.id),
            )
            if after is not None and not confirmed and current.kind != LATE_KIND:
                self._queue_late_slip(db, current, name, _words(after), now)
            self._tx_touched.add(name)
        live = self._live[name]
        live.last_printed_at = now
        if after is not None and not confirmed:
            # The bytes are in the printer and print when it is fixed: never send them again.
            logger.warning(
                "printer %s took job %d (#%s) but then reported %s: it prints when the printer"
                " is fixed, followed by a late slip",
                name,
                job.id,
                job.display_id,
                _words(after),
            )
            self._failed(name, _words(after))
            return True
        if live.on_backup_to is not None:
            self._recovered(name)  # a late slip was waiting here: the printer is back
        else:
            self._healthy(name, confirmed or not printer.checks_status)
        return True

    def _queue_late_slip(
        self, db: sqlite3.Connection, held: JobInfo, printer: str, problem: str, now: datetime
    ) -> None:
        """Queue the slip that follows a held ticket out of `printer` (see the module doc).

        Its template column names the held job ("late:<id>"), so each held job gets its own.
        """
        payload = json.dumps(
            {
                "held_job": held.id,
                "held_kind": held.kind,
                "held_template": held.template,
                "held_payload": held.payload,
                "since": now.isoformat(),
                "problem": problem,
            }
        )
        db.execute(
            "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
            " display_id, kind, payload, state, target, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT DO NOTHING",
            (
                held.order_id,
                held.revision,
                printer,
                f"{LATE_KIND}:{held.id}",
                held.station or "",
                held.copy,
                held.display_id,
                LATE_KIND,
                payload,
                printer,
                now.isoformat(),
            ),
        )

    # --- printer state ----------------------------------------------------------------

    def _failed(self, name: str, problem: str) -> None:
        live = self._live[name]
        if live.failing_since is None:
            live.failing_since = _now()
            live.since = self._clock()
        live.failures += 1
        live.healthy = False
        changed = live.problem != problem
        live.problem = problem
        printer = self._printers[name]
        if (
            printer.backup is not None
            and _now() - live.failing_since >= self._failover_after_s
            and printer.backup in self._live
        ):
            if live.on_backup_to is None:
                logger.warning(
                    "printer %s failing for %.1f s (%s): its tickets go to %s",
                    name,
                    _now() - live.failing_since,
                    problem,
                    printer.backup,
                )
                live.on_backup_to = printer.backup
                changed = True
            self._divert(name, printer.backup)
        if changed:
            self._changed()

    def _divert(self, name: str, backup: str) -> None:
        with self.transaction() as db:
            # A late slip stays: it belongs to the ticket held in this printer.
            moved = db.execute(
                "UPDATE jobs SET target = ? WHERE target = ? AND state = 'queued' AND kind != ?",
                (backup, name, LATE_KIND),
            ).rowcount
            if moved:
                self._tx_touched.add(backup)
                logger.info("%d job(s) of printer %s moved to %s", moved, name, backup)

    def _recovered(self, name: str) -> None:
        # Tickets still waiting at the backup (it may be struggling too) come home: they
        # have not been sent anywhere yet, so this cannot print them twice.
        with self.transaction() as db:
            back = db.execute(
                "UPDATE jobs SET target = printer WHERE printer = ? AND target != printer"
                " AND state = 'queued'",
                (name,),
            ).rowcount
            if back:
                self._tx_touched.add(name)
        logger.info(
            "printer %s is back: new tickets print there again (%d brought back from its backup)",
            name,
            back,
        )
        self._healthy(name, self._printers[name].checks_status)

    def _healthy(self, name: str, known: bool) -> None:
        live = self._live[name]
        healthy = True if known else None
        changed = (
            live.problem is not None or live.on_backup_to is not None or live.healthy != healthy
        )
        live.healthy = healthy
        live.problem = None
        live.since = None
        live.failing_since = None
        live.failures = 0
        live.on_backup_to = None
        if changed:
            self._changed()

    # --- direct jobs ------------------------------------------------------------------

    async def send_now(self, name: str, data: bytes) -> PrinterStatus:
        """Send bytes outside the queue (test page), status first; raises when not sent."""
        printer = self._printers.get(name)
        if printer is None:
            raise SpoolError(f"no printer named {name!r}")
        if printer.checks_status:
            status = await self._read_status(name)
            if not (isinstance(status, PrinterStatus) and status.healthy):
                raise SpoolError(f"{name}: {_words(status)}; nothing was sent")
        try:
            await self._call(name, lambda: printer.transport.send(data))
        except TransportError as exc:
            raise SpoolError(f"{name}: {exc}") from exc
        if not printer.checks_status:
            return PrinterStatus.NOT_SUPPORTED()
        after = await self._read_status(name)
        if isinstance(after, PrinterStatus):
            return after
        return PrinterStatus.NO_ANSWER(after)


def _words(status: PrinterStatus | str) -> str:
    if isinstance(status, str):
        return status
    return status.problem or status.detail


def _now() -> float:
    now: float = asyncio.get_running_loop().time()
    return now
