"""Durable per-printer print queue: every job reaches paper exactly once, or stays visibly waiting.

Jobs live in SQLite (``spool.sqlite``, WAL, ``synchronous=FULL``). A job's identity is
(order_id, revision, printer, template, station, copy, reprint), UNIQUE, so enqueueing the
same job twice, even across restarts, is a no-op. (The station is part of the key because
one printer may get one ticket per station; ``reprint`` counts explicit reprints.) Its
payload is typed (`printing.jobs`), stored as JSON once and read when the job is laid out.

States: ``queued`` -> ``sending`` -> ``done``; ``cancelled`` (order cancelled before the
job was sent); ``failed`` only when the ticket could not be laid out (a template bug,
logged), never because a printer was down: printer problems are retried for ever, with a
capped backoff, and shown in `snapshot()`.

One asyncio worker per printer, a thin shell around the sans-I/O core in
`printing.queue_core`: the core decides, from what the worker saw and the time, what to do
next; the worker asks the printer, sends, waits, and writes the jobs table. For each job:
ask the printer's status FIRST (a printer that is out of paper keeps the bytes it is sent
and prints them when refilled, so sending to it and then failing over would print twice);
only when healthy mark the job ``sending`` (committed), send, ask the status again and mark
it ``done``. A printer without status support is sent to and its jobs are done as "sent,
not confirmed". A job found ``sending`` at start-up (the process died mid-send) or after a
send that may have reached the printer is sent again with a "REPRINT" banner, so a cook
can tell.

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

The spooler does not lay tickets out: a `Renderer` callback turns a job (its payload) into
bytes for the printer it is going to, with the banners it must carry.
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
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from kds.sqlite import Migration, migrate, open_db, transaction
from kds.words import N_
from printing.errors import PrintingError
from printing.jobs import JobKind, JobPayload, LateJob, load_payload, payload_from_v1
from printing.queue_core import (
    BringBack,
    Divert,
    Effect,
    InternalError,
    LookForJob,
    MarkDone,
    MarkHeld,
    Moment,
    NextJob,
    NotSent,
    Observation,
    Pause,
    Policy,
    PrinterHealth,
    QueuedJob,
    ReadStatus,
    Request,
    Requeue,
    Send,
    SendFailed,
    Sent,
    Start,
    StatusRead,
    TimeReached,
    WaitForJob,
    Woken,
    initial,
    problem_words,
    step,
)
from printing.status import PrinterStatus
from printing.transports.base import Transport, TransportError

logger = logging.getLogger(__name__)

REPRINT_BANNER = "REPRINT"

JobState = Literal["queued", "sending", "done", "cancelled", "failed"]


class SpoolError(PrintingError):
    """The spool database cannot be used, or a job asked for does not exist."""


def backup_banner(printer: str) -> str:
    return f"BACKUP FOR {printer}"


@dataclass(frozen=True, kw_only=True)
class JobSpec:
    """What to print: where, with which template, and the typed payload to lay out."""

    printer: str
    template: str
    payload: JobPayload
    station: str | None = None
    copy: int = 1
    revision: int | None = None
    """Part of the job's identity; None: the revision of the payload's order."""


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
    kind: JobKind
    payload_json: str = field(repr=False)
    """The payload as stored; `payload` reads it (once)."""
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

    @cached_property
    def payload(self) -> JobPayload:
        """What the job prints (raises SpoolError when the stored payload cannot be read)."""
        try:
            return load_payload(self.payload_json)
        except Exception as exc:  # noqa: BLE001 - by outcome: whatever is wrong, one error
            raise SpoolError(f"print job {self.id}: its payload cannot be read: {exc}") from None

    def banners(self) -> tuple[str, ...]:
        """The banners this job must carry if it were sent now."""
        banners: list[str] = []
        if self.reprint or self.resend:
            banners.append(REPRINT_BANNER)
        if self.target != self.printer:
            banners.append(backup_banner(self.printer))
        return tuple(banners)


Renderer = Callable[[JobInfo, str, tuple[str, ...]], bytes]
"""(job, printer it goes to, banners) -> the bytes to send. A job of kind `JobKind.LATE` is
the spooler's own: its `LateJob` payload says which job it follows."""


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


Translate = Callable[[str], str]
"""The screen's tr() for the English words below (`str`: English, for logs and the CLI)."""


def _tickets(count: int, translate: Translate) -> str:
    words = N_("{n} ticket") if count == 1 else N_("{n} tickets")
    return translate(words).format(n=count)


_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
"""A problem's weekday when it started on another day ("since Mon 20:14")."""

_REMEDIES = {
    "paper out": N_("the paper is refilled"),
    "cover open": N_("the cover is closed"),
    "offline": N_("it is back online"),
    "no answer": N_("it answers again"),
}


@dataclass(frozen=True)
class HeldTicket:
    """A ticket the printer took and keeps until it is fixed (it prints then, late)."""

    display_id: str
    problem: str
    since: datetime

    def describe(self, printer: str, translate: Translate = str) -> str:
        """E.g. "Kitchen holds #G-1 until the paper is refilled"."""
        until = translate(_REMEDIES.get(self.problem, N_("it works again")))
        return translate(N_("{printer} holds #{number} until {until}")).format(
            printer=printer, number=self.display_id, until=until
        )


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

    def held_lines(self, translate: Translate = str) -> list[str]:
        """One line per held ticket, e.g. "Kitchen holds #G-1 until the paper is refilled"."""
        return [ticket.describe(self.name, translate) for ticket in self.held]

    def describe(self, now: datetime, translate: Translate = str) -> str:
        """One line for the screen, e.g. "Kitchen: paper out since 20:14, 3 tickets waiting
        (going to Bar)"; `translate` is the screen's tr()."""
        t, name = translate, self.name
        if self.problem is not None:
            problem = t(self.problem)
            text = t(N_("{name}: {problem}")).format(name=name, problem=problem)
            if self.since is not None:
                since = self.since.astimezone(now.tzinfo)
                shown = since.strftime("%H:%M")
                if since.date() != now.date():
                    shown = f"{t(_WEEKDAYS[since.weekday()])} {shown}"
                text = t(N_("{name}: {problem} since {time}")).format(
                    name=name, problem=problem, time=shown
                )
        elif not self.confirmed:
            text = t(N_("{name}: sent, not confirmed (printer gives no status)")).format(name=name)
        elif self.healthy:
            text = t(N_("{name}: ready")).format(name=name)
        else:
            text = t(N_("{name}: not checked yet")).format(name=name)
        if self.waiting:
            text = t(N_("{text}, {tickets} waiting")).format(
                text=text, tickets=_tickets(self.waiting, t)
            )
        if self.on_backup_to is not None:
            text = t(N_("{text} (going to {backup})")).format(text=text, backup=self.on_backup_to)
        if self.failed:
            text = t(N_("{text}; {tickets} could not be laid out (see the log)")).format(
                text=text, tickets=_tickets(self.failed, t)
            )
        return text


class _Worker:
    """One printer's worker: the core's state of the printer, and what the shell needs."""

    def __init__(self, policy: Policy) -> None:
        self.health: PrinterHealth = initial(policy)
        self.last_printed_at: datetime | None = None
        self.wake = asyncio.Event()
        """Set when a job is queued for this printer (or at stop)."""
        self.lock = asyncio.Lock()
        """One transport call at a time (the worker's and `send_now`'s)."""


_JOBS = """
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
"""

_RETENTION_AND_PRINT_RECORDS = """
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, target);
CREATE INDEX IF NOT EXISTS jobs_last_done ON jobs (target, state, done_at);
CREATE TABLE IF NOT EXISTS print_orders (
    order_id TEXT PRIMARY KEY,
    display_id TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('printing', 'skipped', 'cancelled')),
    revision INTEGER NOT NULL,
    order_json TEXT NOT NULL,
    tickets_json TEXT NOT NULL,
    unrouted_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS print_orders_first_seen ON print_orders (first_seen_at);
CREATE INDEX IF NOT EXISTS print_orders_unrouted ON print_orders (first_seen_at)
    WHERE outcome = 'printing' AND unrouted_json != '[]'
"""

_COLUMNS = (
    "id, order_id, revision, printer, template, station, copy, reprint, display_id, kind, "
    "payload, state, target, resend, confirmed, attempts, last_error, created_at, done_at"
)

_UPGRADE_BATCH = 500


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
        kind=JobKind(row["kind"]),
        payload_json=row["payload"],
        state=row["state"],
        target=row["target"],
        resend=bool(row["resend"]),
        confirmed=None if row["confirmed"] is None else bool(row["confirmed"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        created_at=datetime.fromisoformat(row["created_at"]),
        done_at=None if row["done_at"] is None else datetime.fromisoformat(row["done_at"]),
    )


def _rewrite_payloads(
    db: sqlite3.Connection,
    where: str,
    convert: Callable[[sqlite3.Row], JobPayload],
    kind: JobKind | None = None,
) -> None:
    """Every job's payload (only `kind`'s, when given) replaced by `convert(row)`, in
    batches; a payload that cannot be converted stops the upgrade with one clear error and
    leaves the file as it was."""
    only = "" if kind is None else " AND kind = ?"
    last = 0
    while rows := db.execute(
        f"SELECT id, kind, payload FROM jobs WHERE id > ?{only} ORDER BY id LIMIT ?",
        (last, *(() if kind is None else (kind.value,)), _UPGRADE_BATCH),
    ).fetchall():
        for row in rows:
            try:
                payload = convert(row)
            except Exception as exc:  # noqa: BLE001 - by outcome: one clear error
                raise SpoolError(
                    f"cannot upgrade {where}: job {row['id']} ({row['kind']}) cannot be read: {exc}"
                ) from None
            db.execute(
                "UPDATE jobs SET payload = ? WHERE id = ?", (payload.model_dump_json(), row["id"])
            )
        last = rows[-1]["id"]


def _typed_payloads(db: sqlite3.Connection, where: str) -> None:
    """Schema 1 -> 2: every job's payload rewritten as a typed one (`printing.jobs`)."""
    _rewrite_payloads(db, where, lambda row: payload_from_v1(row["kind"], row["payload"]))


def _worded(changes: list[Any]) -> list[Any]:
    return [{"what": "words", "text": c} if isinstance(c, str) else c for c in changes]


def _with_structured_changes(row: sqlite3.Row) -> JobPayload:
    data = json.loads(row["payload"])
    changes = data["changes"]
    changes["order_notes_changed"] = _worded(changes["order_notes_changed"])
    changes["fulfillment_changed"] = _worded(changes["fulfillment_changed"])
    for line in changes["lines"]:
        line["details"] = _worded(line["details"])
    return load_payload(json.dumps(data))


def _structured_changes(db: sqlite3.Connection, where: str) -> None:
    """Schema 3 -> 4: a change slip's changes are values (`kds.domain.changes`), worded by
    the printer's language; those spooled before as English words keep their words (a
    `Worded` change), so a slip queued before the upgrade still prints as it would have."""
    _rewrite_payloads(db, where, _with_structured_changes, JobKind.CHANGE)


_MIGRATIONS: tuple[Migration, ...] = (
    # 1: the jobs, their payloads holding the order as a JSON text. (IF NOT EXISTS: the
    # first spooler created the table before it recorded the version.)
    _JOBS,
    # 2: typed payloads.
    _typed_payloads,
    # 3: the file's two table sets under one version: the jobs' retention indexes and the
    # print service's record of what each order got (`printing.service`), which files from
    # before it mostly hold already.
    _RETENTION_AND_PRINT_RECORDS,
    # 4: a change slip's changes as values, not English words.
    _structured_changes,
)
"""Migration N (1-based) brings the spool from version N-1 to N. Only ever append."""

SCHEMA_VERSION = len(_MIGRATIONS)


def open_spool_db(path: Path) -> sqlite3.Connection:
    """Open (creating or upgrading if needed) the spool database (`kds.sqlite.open_db`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = open_db(path)
        try:
            migrate(db, _MIGRATIONS, f"the print spool {path}", error=SpoolError)
        except BaseException:
            db.close()
            raise
    except sqlite3.Error as exc:
        raise SpoolError(f"cannot open the print spool {path}: {exc}") from exc
    return db


class Spooler:
    """Per-printer durable queues with workers, retries, failover and a status snapshot.

    Create it (opens the database and recovers jobs left ``sending``), `start()` the workers
    on the running loop, `stop()` them (closes the database). Every method runs on the
    loop thread. It owns every statement on the ``jobs`` table: the print service queues,
    cancels, reads and prunes jobs through its methods.
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
        self._renderer = renderer
        self._clock = clock
        self._retry_cap_s = retry_cap_s
        self.on_change = on_change
        self._workers = {
            p.name: _Worker(
                Policy(
                    checks_status=p.checks_status,
                    backup=p.backup if p.backup in self._printers else None,
                    failover_after_s=failover_after_s,
                    retry_initial_s=retry_initial_s,
                    retry_cap_s=retry_cap_s,
                    idle_check_s=idle_check_s,
                )
            )
            for p in printers
        }
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
            for name, worker in self._workers.items():
                last = self.db.execute(
                    "SELECT MAX(done_at) FROM jobs WHERE target = ? AND state = 'done'", (name,)
                ).fetchone()[0]
                if last is not None:
                    worker.last_printed_at = datetime.fromisoformat(last)
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
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One atomic write (nestable: the outermost one commits, then wakes the workers).

        `durable=False` (outermost only) commits without fsync: for work that is simply
        done again when a power cut loses it (retention).
        """
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield self.db
            finally:
                self._tx_depth -= 1
            return
        self._tx_depth = 1
        try:
            with transaction(self.db, durable=durable):
                yield self.db
        except BaseException:
            self._tx_touched.clear()
            raise
        finally:
            self._tx_depth = 0
        touched, self._tx_touched = self._tx_touched, set()
        for name in touched:
            if name in self._workers:
                self._workers[name].wake.set()
        if touched:
            self._changed()

    def _target_for(self, printer: str) -> str:
        worker = self._workers.get(printer)
        if worker is not None and worker.health.on_backup_to is not None:
            return worker.health.on_backup_to
        return printer

    def enqueue(self, specs: Iterable[JobSpec]) -> list[int]:
        """Queue jobs; a job already known (same identity) is left as it is. New job ids."""
        new: list[int] = []
        now = self._clock().isoformat()
        with self.transaction() as db:
            for spec in specs:
                order = spec.payload.order
                target = self._target_for(spec.printer)
                cursor = db.execute(
                    "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
                    " display_id, kind, payload, state, target, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (
                        order.id,
                        order.revision if spec.revision is None else spec.revision,
                        spec.printer,
                        spec.template,
                        spec.station or "",
                        spec.copy,
                        order.display_id,
                        spec.payload.kind.value,
                        spec.payload.model_dump_json(),
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
                    (order_id, JobKind.LATE.value),
                )
            ]
            self.cancel_jobs([job.id for job in jobs])
        return jobs

    def cancel_jobs(self, job_ids: Iterable[int]) -> None:
        """Cancel these jobs where they are still queued (not sent, not being sent)."""
        with self.transaction() as db:
            for job_id in job_ids:
                row = db.execute(
                    "UPDATE jobs SET state = 'cancelled' WHERE id = ? AND state = 'queued'"
                    " RETURNING target",
                    (job_id,),
                ).fetchone()
                if row is not None:
                    self._tx_touched.add(row["target"])

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

    def waiting_orders(self, order_ids: Sequence[str]) -> set[str]:
        """Those of these orders that have a job not printed yet (queued or being sent)."""
        marks = ", ".join("?" for _ in order_ids)
        return {
            row[0]
            for row in self.db.execute(
                f"SELECT DISTINCT order_id FROM jobs WHERE order_id IN ({marks})"
                " AND state IN ('queued', 'sending')",
                tuple(order_ids),
            )
        }

    def reprint(self, job_id: int) -> int:
        """Queue one more copy of a job, marked REPRINT; the new job's id."""
        with self.transaction() as db:
            original = self.job(job_id)
            identity = (
                original.order_id,
                original.revision,
                original.printer,
                original.template,
                original.station or "",
                original.copy,
            )
            count = db.execute(
                "SELECT MAX(reprint) FROM jobs WHERE order_id = ? AND revision = ?"
                " AND printer = ? AND template = ? AND station = ? AND copy = ?",
                identity,
            ).fetchone()[0]
            target = self._target_for(original.printer)
            cursor = db.execute(
                "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
                " reprint, display_id, kind, payload, state, target, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                (
                    *identity,
                    count + 1,
                    original.display_id,
                    original.kind.value,
                    original.payload_json,
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

    def _next_job(self, target: str) -> QueuedJob | None:
        # A late slip first: it must come out right after the ticket the printer held.
        row = self.db.execute(
            "SELECT id, kind FROM jobs WHERE target = ? AND state = 'queued'"
            " ORDER BY kind != ?, id LIMIT 1",
            (target, JobKind.LATE.value),
        ).fetchone()
        return None if row is None else QueuedJob(row["id"], late=row["kind"] == JobKind.LATE)

    def _count(self, printer: str, states: tuple[str, ...], *, late: bool = True) -> int:
        marks = ", ".join("?" for _ in states)
        row = self.db.execute(
            f"SELECT COUNT(*) FROM jobs WHERE printer = ? AND state IN ({marks})"
            + ("" if late else " AND kind != ?"),
            (printer, *states) if late else (printer, *states, JobKind.LATE.value),
        ).fetchone()
        return int(row[0])

    def _held(self, printer: str) -> tuple[HeldTicket, ...]:
        """The tickets the printer holds: those whose late slip has not been sent yet."""
        held: list[HeldTicket] = []
        for row in self.db.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE target = ? AND state IN ('queued', 'sending')"
            " AND kind = ? ORDER BY id",
            (printer, JobKind.LATE.value),
        ):
            job = _job(row)
            slip = job.payload
            assert isinstance(slip, LateJob)
            held.append(HeldTicket(job.display_id, slip.problem, slip.since))
        return tuple(held)

    # --- observability ----------------------------------------------------------------

    def snapshot(self) -> list[PrinterState]:
        """The state of every printer, in configuration order."""
        return [
            PrinterState(
                name=name,
                healthy=health.healthy,
                problem=health.problem,
                since=health.since,
                waiting=self._count(name, ("queued", "sending"), late=False),
                last_printed_at=worker.last_printed_at,
                on_backup_to=health.on_backup_to,
                confirmed=printer.checks_status,
                failed=self._count(name, ("failed",)),
                held=self._held(name),
            )
            for name, printer in self._printers.items()
            for worker in (self._workers[name],)
            for health in (worker.health,)
        ]

    def _changed(self) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change()
        except Exception:
            logger.exception("the print status listener failed")

    # --- workers: the I/O shell around printing.queue_core ------------------------------

    async def start(self) -> None:
        """Start one worker per printer on the running loop."""
        if self._tasks:
            return
        for name in self._printers:
            self._tasks.append(asyncio.create_task(self._work(name), name=f"printer {name}"))

    async def stop(self, grace_s: float = 10.0) -> None:
        """Let jobs being sent finish (bounded by `grace_s`), stop workers, close the db."""
        self._stopping = True
        self._stop_event.set()
        for worker in self._workers.values():
            worker.wake.set()
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
        self.db.close()

    def _now(self) -> Moment:
        return Moment(asyncio.get_running_loop().time(), self._clock())

    async def _work(self, name: str) -> None:
        """Feed what the printer and the spool say to the core; do what it answers."""
        worker = self._workers[name]
        observation: Observation = Start()
        # At stop, a job being checked, sent or confirmed is finished first (bounded by the
        # grace of `stop`): a job left ``sending`` would be sent again marked REPRINT.
        while not (self._stopping and worker.health.job is None):
            try:
                now = self._now()
                before = worker.health
                worker.health, effects, request = step(before, observation, now)
                self._perform(name, effects, now)
                self._noticed(name, before, worker.health, now)
                observation = await self._fulfil(name, request)
            except Exception:
                logger.exception("the worker of printer %s failed; retrying", name)
                if isinstance(observation, InternalError):
                    await self._sleep(self._retry_cap_s)  # failing again at once: no spinning
                observation = InternalError()

    def _noticed(self, name: str, before: PrinterHealth, after: PrinterHealth, now: Moment) -> None:
        if after.on_backup_to is not None and before.on_backup_to is None:
            logger.warning(
                "printer %s failing for %.1f s (%s): its tickets go to %s",
                name,
                now.mono - (after.failing_since or now.mono),
                after.problem,
                after.on_backup_to,
            )
        if after.visible != before.visible:
            self._changed()

    async def _fulfil(self, name: str, request: Request) -> Observation:
        """Do what the core asked for; what came of it."""
        worker = self._workers[name]
        match request:
            case ReadStatus():
                return StatusRead(await self._ask(name))
            case LookForJob():
                worker.wake.clear()  # a job queued from now on wakes an idle wait
                return NextJob(self._next_job(name))
            case Send(job=job):
                return await self._send(name, job)
            case WaitForJob(until=until):
                timeout = None if until is None else max(until - self._now().mono, 0.0)
                try:
                    await asyncio.wait_for(worker.wake.wait(), timeout=timeout)
                except TimeoutError:
                    return TimeReached()
                return Woken()
            case Pause(until=until):
                await self._sleep(until - self._now().mono)
                return TimeReached()

    async def _sleep(self, seconds: float) -> None:
        """Wait `seconds`, or until stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), timeout=max(seconds, 0.0))

    async def _call(self, name: str, fn: Callable[[], object]) -> object:
        async with self._workers[name].lock:
            return await asyncio.to_thread(fn)

    async def _read_status(self, name: str) -> PrinterStatus | None:
        """The printer's status; None when it could not be reached."""
        transport = self._printers[name].transport
        try:
            status = await self._call(name, transport.status)
        except TransportError as exc:
            logger.info("printer %s: status failed: %s", name, exc)
            return None
        assert isinstance(status, PrinterStatus)
        return status

    async def _ask(self, name: str) -> PrinterStatus | None:
        """How the printer is; a printer without status: can we connect at all?"""
        printer = self._printers[name]
        if printer.checks_status:
            return await self._read_status(name)
        try:
            await self._call(name, lambda: printer.transport.send(b""))
        except TransportError as exc:
            logger.info("printer %s still unreachable: %s", name, exc)
            return None
        return PrinterStatus.NOT_SUPPORTED()

    async def _send(self, name: str, queued: QueuedJob) -> Observation:
        """Lay the job out and send it, if it is still queued for this printer."""
        job = self.job(queued.id)
        if job.state != "queued" or job.target != name:
            return NotSent()  # cancelled or moved to a backup while we asked the printer
        try:
            data = self._renderer(job, name, job.banners())
        except Exception as exc:
            logger.exception("job %d (order %s) could not be laid out", job.id, job.display_id)
            with self.transaction() as db:
                db.execute(
                    "UPDATE jobs SET state = 'failed', last_error = ? WHERE id = ?",
                    (f"could not lay out the ticket: {exc}", job.id),
                )
                self._tx_touched.add(name)
            return NotSent()
        with self.transaction() as db:
            marked = db.execute(
                "UPDATE jobs SET state = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND state = 'queued' AND target = ?",
                (job.id, name),
            ).rowcount
        if not marked:
            return NotSent()
        transport = self._printers[name].transport
        try:
            await self._call(name, lambda: transport.send(data))
        except TransportError as exc:
            logger.warning("printer %s: job %d not sent: %s", name, job.id, exc)
            return SendFailed(str(exc), exc.maybe_sent)
        return Sent()

    def _perform(self, name: str, effects: tuple[Effect, ...], now: Moment) -> None:
        """The core's bookkeeping of one step, in one transaction."""
        if not effects:
            return
        with self.transaction() as db:
            for effect in effects:
                match effect:
                    case MarkDone(job=job, confirmed=confirmed):
                        db.execute(
                            "UPDATE jobs SET state = 'done', confirmed = ?, done_at = ?,"
                            " last_error = NULL WHERE id = ?",
                            (1 if confirmed else 0, now.wall.isoformat(), job.id),
                        )
                        self._tx_touched.add(name)
                        self._workers[name].last_printed_at = now.wall
                    case MarkHeld(job=job, problem=problem):
                        self._queue_late_slip(db, self.job(job.id), name, problem, now.wall)
                    case Requeue(job=job, error=error, maybe_sent=maybe_sent):
                        db.execute(
                            "UPDATE jobs SET state = 'queued', last_error = ?,"
                            " resend = MAX(resend, ?) WHERE id = ?",
                            (error, 1 if maybe_sent else 0, job.id),
                        )
                    case Divert(to=backup):
                        self._divert(db, name, backup)
                    case BringBack():
                        self._bring_back(db, name)

    def _queue_late_slip(
        self, db: sqlite3.Connection, held: JobInfo, printer: str, problem: str, now: datetime
    ) -> None:
        """Queue the slip that follows a held ticket out of `printer` (see the module doc).

        Its template column names the held job ("late:<id>"), so each held job gets its own.
        """
        # The bytes are in the printer and print when it is fixed: never send them again.
        logger.warning(
            "printer %s took job %d (#%s) but then reported %s: it prints when the printer"
            " is fixed, followed by a late slip",
            printer,
            held.id,
            held.display_id,
            problem,
        )
        payload = LateJob(
            order=held.payload.order,
            held_job=held.id,
            held_kind=held.kind,
            held_template=held.template,
            since=now,
            problem=problem,
        )
        db.execute(
            "INSERT INTO jobs (order_id, revision, printer, template, station, copy,"
            " display_id, kind, payload, state, target, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT DO NOTHING",
            (
                held.order_id,
                held.revision,
                printer,
                f"{JobKind.LATE.value}:{held.id}",
                held.station or "",
                held.copy,
                held.display_id,
                JobKind.LATE.value,
                payload.model_dump_json(),
                printer,
                now.isoformat(),
            ),
        )

    def _divert(self, db: sqlite3.Connection, name: str, backup: str) -> None:
        # A late slip stays: it belongs to the ticket held in this printer.
        moved = db.execute(
            "UPDATE jobs SET target = ? WHERE target = ? AND state = 'queued' AND kind != ?",
            (backup, name, JobKind.LATE.value),
        ).rowcount
        if moved:
            self._tx_touched.add(backup)
            logger.info("%d job(s) of printer %s moved to %s", moved, name, backup)

    def _bring_back(self, db: sqlite3.Connection, name: str) -> None:
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

    # --- direct jobs ------------------------------------------------------------------

    async def send_now(self, name: str, data: bytes) -> PrinterStatus:
        """Send bytes outside the queue (test page), status first; raises when not sent."""
        printer = self._printers.get(name)
        if printer is None:
            raise SpoolError(f"no printer named {name!r}")
        if printer.checks_status:
            status = await self._read_status(name)
            if status is None or not status.healthy:
                raise SpoolError(f"{name}: {problem_words(status)}; nothing was sent")
        try:
            await self._call(name, lambda: printer.transport.send(data))
        except TransportError as exc:
            raise SpoolError(f"{name}: {exc}") from exc
        if not printer.checks_status:
            return PrinterStatus.NOT_SUPPORTED()
        after = await self._read_status(name)
        if after is not None:
            return after
        return PrinterStatus.NO_ANSWER(problem_words(None))
