"""Turn orders into print jobs (tickets, documents, change and void slips) exactly once.

`PrintService.handle` is idempotent: the app calls it for every applied order event AND,
at start-up, for every order that could still need paper (open, or changed within
``max_order_age_h``), so a crash between the store's commit and the enqueue never loses a
ticket. What was printed for each order (its last handled revision
and which lines went to which ticket) is kept in the spool database (its ``print_orders``
table, part of the spool's schema in `printing.spooler`), in the same transaction as the
jobs, so "what did this printer get" survives restarts.

Rules, per order:

* first sight, older than ``max_order_age_h`` (by the latest of created / prepare-at /
  due time): remembered as skipped, never printed (a new printing device must not print
  yesterday's orders); later revisions of it are skipped too;
* first sight: route, queue kitchen tickets (one job per copy) and whole-order documents;
* a higher revision: per ticket (printer, template, station), if nothing of this order
  has started printing there, the queued ticket is replaced by the new revision's;
  otherwise a change slip (diff against the last handled revision, restricted to the
  lines that ticket had before and has now: a line moving printers is "removed" on one
  and "added" on the other) goes to it, when anything it shows changed. With
  ``change_slips = false`` the ticket is printed again in full instead;
* cancelled: queued jobs are cancelled; every ticket (printer, station) that got (or may
  have got) a kitchen ticket or change slip gets a void slip (``void_slips``), routed like a
  change slip: to the configured printer, so the cook who makes the lines gets it even when
  the ticket itself came out of the backup, and on to the backup (with "BACKUP FOR
  <printer>" and the station) only while that printer is failing;
* a revision not higher than the last one, or a repeat cancel: nothing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kds import wire
from kds.words import N_
from printing.config import PrintingConfig
from printing.errors import PrintingError
from printing.i18n import ticket_words
from printing.jobs import (
    ChangeJob,
    DocumentJob,
    JobKind,
    JobPayload,
    LateJob,
    TicketJob,
    VoidJob,
    change_job,
    only_lines,
)
from printing.routing import PlannedTicket, RoutingPlan, route_order
from printing.spooler import JobInfo, JobSpec, PrinterState, Spooler, SpoolPrinter
from printing.status import PrinterStatus
from printing.transports.base import Transport

if TYPE_CHECKING:
    from printing.render import TicketRequest

logger = logging.getLogger(__name__)

SPOOL_FILE = "spool.sqlite"
CHANGE_TEMPLATE = "change"
VOID_TEMPLATE = "void"
LATE_TEMPLATE = "late"

_JOB_WORDS = {JobKind.CHANGE: N_("change slip"), JobKind.VOID: N_("void slip")}
"""A job in the words of a late slip ("the kitchen ticket above ..."), by kind."""


def _job_words(kind: JobKind, template: str, language: str) -> str:
    """The job in `language`'s words ("kitchen ticket", "Änderungsbon")."""
    words = ticket_words(language)
    if kind is JobKind.TICKET:
        source = N_("{template} ticket")
        return words.get(source, source).format(template=template)
    source = _JOB_WORDS.get(kind, template)
    return words.get(source, source)


class PrintServiceError(PrintingError):
    """The print service was used before `start()` or after `stop()`."""


Unrouted = tuple[tuple[str, str], ...]
"""(order display id, line label) of an order's lines that go to no printer."""

TicketKey = tuple[str, str, str | None]
"""(printer, template, station): one ticket of an order."""


def _ts(value: datetime) -> str:
    """One offset for every stored time, so SQL can compare them as text."""
    return value.astimezone(UTC).isoformat()


def _ticket_lines(plan: RoutingPlan) -> dict[TicketKey, PlannedTicket]:
    return {(t.printer, t.template, t.station): t for t in plan.tickets}


def _encode_tickets(tickets: Mapping[TicketKey, PlannedTicket]) -> str:
    return json.dumps(
        [
            {
                "printer": printer,
                "template": template,
                "station": station,
                "line_ids": list(ticket.line_ids),
                "copies": ticket.copies,
            }
            for (printer, template, station), ticket in tickets.items()
        ]
    )


def _decode_tickets(text: str) -> dict[TicketKey, tuple[tuple[str, ...], int]]:
    return {
        (t["printer"], t["template"], t["station"]): (tuple(t["line_ids"]), t["copies"])
        for t in json.loads(text)
    }


def _ticket_key(job: JobInfo) -> TicketKey:
    """The ticket a kitchen ticket or change slip job belongs to."""
    payload = job.payload
    template = payload.ticket_template if isinstance(payload, ChangeJob) else job.template
    return (job.printer, template, job.station)


def _started(job: JobInfo) -> bool:
    """The job is (or may be) on paper."""
    return job.state in ("sending", "done") or job.resend


def _reference_time(order: wire.Order) -> datetime:
    """When the order is "for": a pre-order made days ago for today is not old."""
    times = [order.created_at]
    times.extend(t for t in (order.fulfillment.prepare_at, order.fulfillment.due_at) if t)
    return max(times)


class PrintService:
    """Routes orders to printers and keeps every ticket on its way to paper, exactly once.

    Build it, `await start()` (opens ``<data_dir>/spool.sqlite`` and starts one worker per
    printer), call `handle()` for every applied event and for every stored order at start-up,
    `await stop()` at the end. `on_change` (a plain callable, called on the loop) tells the UI
    to refresh `snapshot()` / `unrouted_lines()`. Transports passed in are used as they are
    (tests, the wizard); without them each printer's transport is built from its config.
    """

    def __init__(
        self,
        config: PrintingConfig,
        data_dir: Path,
        clock: Callable[[], datetime],
        transports: Mapping[str, Transport] | None = None,
        *,
        on_change: Callable[[], None] | None = None,
        language: str = "en",
    ) -> None:
        self.config = config
        self.language = language
        """The device's language: the tickets' of every printer without its own."""
        self.data_dir = data_dir
        self._clock = clock
        self._given_transports = transports
        self.on_change = on_change
        self._spooler: Spooler | None = None
        self._built: list[Transport] = []
        self._unrouted_by_order: dict[str, tuple[datetime, Unrouted]] = {}
        """Orders with lines no printer gets: kept as orders are handled, read each tick."""

    # --- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        if self._spooler is not None:
            return
        transports: dict[str, Transport] = {}
        for printer in self.config.printers:
            if self._given_transports is not None and printer.name in self._given_transports:
                transports[printer.name] = self._given_transports[printer.name]
            else:
                transport = printer.make_transport()
                self._built.append(transport)
                transports[printer.name] = transport
        spooler = Spooler(
            self.data_dir / SPOOL_FILE,
            [
                SpoolPrinter(
                    name=p.name,
                    transport=transports[p.name],
                    status=p.status,
                    backup=p.backup,
                )
                for p in self.config.printers
            ],
            self._render,
            clock=self._clock,
            failover_after_s=self.config.failover_after_s,
            retry_initial_s=self.config.retry_initial_s,
            retry_cap_s=self.config.retry_cap_s,
            idle_check_s=self.config.idle_check_s or None,
            on_change=self._changed,
        )
        try:
            self._load_unrouted(spooler.db)
        except sqlite3.Error:
            await spooler.stop()
            raise
        self._spooler = spooler
        await spooler.start()

    def _load_unrouted(self, db: sqlite3.Connection) -> None:
        """The recent orders with unrouted lines (an index search over those only)."""
        cutoff = self._clock() - timedelta(hours=self.config.max_order_age_h)
        self._unrouted_by_order = {
            row["order_id"]: (
                datetime.fromisoformat(row["first_seen_at"]),
                tuple((number, label) for number, label in json.loads(row["unrouted_json"])),
            )
            for row in db.execute(
                "SELECT order_id, first_seen_at, unrouted_json FROM print_orders"
                " WHERE outcome = 'printing' AND unrouted_json != '[]' AND first_seen_at >= ?"
                " ORDER BY first_seen_at",
                (_ts(cutoff),),
            )
        }

    async def stop(self) -> None:
        spooler, self._spooler = self._spooler, None
        if spooler is not None:
            await spooler.stop()
        for transport in self._built:
            try:
                transport.close()
            except PrintingError:
                logger.exception("closing printer transport %s failed", transport.description)
        self._built.clear()

    @property
    def spooler(self) -> Spooler:
        if self._spooler is None:
            raise PrintServiceError("the print service is not running")
        return self._spooler

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # --- orders -----------------------------------------------------------------------

    def handle(
        self,
        order: wire.Order,
        cancelled: bool,
        cancel_reason: str | None,
        first_seen_at: datetime,
    ) -> None:
        """Bring the print jobs of this order up to date (idempotent; see the module doc)."""
        spooler = self.spooler
        unrouted: list[list[str]] | None = None
        with spooler.transaction() as db:
            row = db.execute(
                "SELECT outcome, revision, order_json, tickets_json FROM print_orders"
                " WHERE order_id = ?",
                (order.id,),
            ).fetchone()
            if row is None:
                unrouted = self._first_sight(db, order, cancelled, first_seen_at)
            elif row["outcome"] != "printing":
                return
            elif cancelled:
                self._cancel(db, order, cancel_reason)
                unrouted = []
            elif order.revision > row["revision"]:
                previous = wire.parse_order(row["order_json"])
                unrouted = self._update(db, previous, _decode_tickets(row["tickets_json"]), order)
        if unrouted is not None and self._track_unrouted(order.id, first_seen_at, unrouted):
            self._changed()

    def _track_unrouted(
        self, order_id: str, first_seen_at: datetime, lines: list[list[str]]
    ) -> bool:
        """Keep the order's unrouted lines (committed); True when they changed."""
        new: Unrouted = tuple((number, label) for number, label in lines)
        old = self._unrouted_by_order.pop(order_id, None)
        if new:
            self._unrouted_by_order[order_id] = (first_seen_at, new)
        return (old[1] if old is not None else ()) != new

    def _first_sight(
        self,
        db: sqlite3.Connection,
        order: wire.Order,
        cancelled: bool,
        first_seen_at: datetime,
    ) -> list[list[str]]:
        """Plan and queue a new order; its unrouted lines."""
        now = max(self._clock(), first_seen_at)
        too_old = now - _reference_time(order) > timedelta(hours=self.config.max_order_age_h)
        outcome = "cancelled" if cancelled else "skipped" if too_old else "printing"
        if outcome == "skipped":
            logger.info(
                "order %s (%s) is older than %g h at first sight: not printed",
                order.display_id,
                order.id,
                self.config.max_order_age_h,
            )
        plan = route_order(self.config, order) if outcome == "printing" else None
        tickets = _ticket_lines(plan) if plan is not None else {}
        unrouted = self._unrouted(order, plan)
        db.execute(
            "INSERT INTO print_orders (order_id, display_id, first_seen_at, outcome, revision,"
            " order_json, tickets_json, unrouted_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                order.id,
                order.display_id,
                _ts(first_seen_at),
                outcome,
                order.revision,
                wire.dump(order),
                _encode_tickets(tickets),
                json.dumps(unrouted),
            ),
        )
        if plan is None:
            return unrouted
        specs = [s for t in plan.tickets for s in self._planned(order, t, JobKind.TICKET)]
        specs += [s for d in plan.documents for s in self._planned(order, d, JobKind.DOCUMENT)]
        self.spooler.enqueue(specs)
        return unrouted

    def _unrouted(self, order: wire.Order, plan: RoutingPlan | None) -> list[list[str]]:
        if plan is None or not plan.unrouted:
            return []
        for item in plan.unrouted:
            logger.error(
                "order %s: line %r matches no printing rule and there is no default printer",
                order.display_id,
                item.label,
            )
        return [[order.display_id, item.label] for item in plan.unrouted]

    def _planned(self, order: wire.Order, planned: PlannedTicket, kind: JobKind) -> list[JobSpec]:
        """The jobs of one planned ticket or document, the order's revision in full."""
        payload: TicketJob | DocumentJob
        if kind is JobKind.DOCUMENT:
            if not planned.loyalty and order.loyalty is not None:
                order = order.model_copy(update={"loyalty": None})
            payload = DocumentJob(order=order, line_ids=planned.line_ids, copies=planned.copies)
        else:
            payload = TicketJob(order=order, line_ids=planned.line_ids, copies=planned.copies)
        return _specs(payload, planned.printer, planned.template, planned.station, planned.copies)

    def _update(
        self,
        db: sqlite3.Connection,
        previous: wire.Order,
        before: dict[TicketKey, tuple[tuple[str, ...], int]],
        order: wire.Order,
    ) -> list[list[str]]:
        """Queue what a new revision changes; its unrouted lines."""
        spooler = self.spooler
        plan = route_order(self.config, order)
        after = _ticket_lines(plan)
        all_jobs = spooler.jobs(order.id)
        jobs = [j for j in all_jobs if j.kind in (JobKind.TICKET, JobKind.CHANGE)]
        specs: list[JobSpec] = []
        for key in dict.fromkeys([*before, *after]):
            printer, template, station = key
            old_lines = before.get(key, ((), 1))[0]
            planned = after.get(key)
            new_lines = planned.line_ids if planned is not None else ()
            copies = planned.copies if planned is not None else before[key][1]
            mine = [j for j in jobs if _ticket_key(j) == key]
            started = any(_started(j) for j in mine)
            if started:
                change = change_job(previous, old_lines, order, new_lines, template)
                if change.changes.is_empty or not (old_lines or new_lines):
                    continue
            else:
                spooler.cancel_jobs(j.id for j in mine if j.state == "queued")
            # Nothing on paper yet (or change slips are off): the new revision in full.
            if not started or not self.config.change_slips:
                if new_lines:
                    ticket = TicketJob(order=order, line_ids=new_lines, copies=copies)
                    specs.extend(_specs(ticket, printer, template, station, copies))
                continue
            specs.extend(_specs(change, printer, CHANGE_TEMPLATE, station))
        specs.extend(self._update_documents(order, plan, all_jobs))
        spooler.enqueue(specs)
        unrouted = self._unrouted(order, plan)
        db.execute(
            "UPDATE print_orders SET revision = ?, order_json = ?, tickets_json = ?,"
            " unrouted_json = ?, display_id = ? WHERE order_id = ?",
            (
                order.revision,
                wire.dump(order),
                _encode_tickets(after),
                json.dumps(unrouted),
                order.display_id,
                order.id,
            ),
        )
        return unrouted

    def _update_documents(
        self, order: wire.Order, plan: RoutingPlan, all_jobs: list[JobInfo]
    ) -> list[JobSpec]:
        """Documents not printed yet show the new revision; printed ones are not repeated."""
        spooler = self.spooler
        documents = [j for j in all_jobs if j.kind is JobKind.DOCUMENT]
        wanted = {(d.printer, d.template) for d in plan.documents}
        spooler.cancel_jobs(
            j.id
            for j in documents
            if j.state == "queued" and not j.resend and (j.printer, j.template) not in wanted
        )
        specs: list[JobSpec] = []
        for document in plan.documents:
            mine = [
                j
                for j in documents
                if (j.printer, j.template) == (document.printer, document.template)
            ]
            if any(_started(j) for j in mine):
                continue
            spooler.cancel_jobs(j.id for j in mine if j.state == "queued")
            specs.extend(self._planned(order, document, JobKind.DOCUMENT))
        return specs

    def _cancel(self, db: sqlite3.Connection, order: wire.Order, reason: str | None) -> None:
        spooler = self.spooler
        # Every ticket (configured printer, station) that has (or may have) been printed.
        # The void goes where a change slip would: the configured printer, failing over
        # like any job, so the cook making the lines gets it.
        got: dict[tuple[str, str | None], list[str]] = {}
        jobs = spooler.jobs(order.id)
        for job in jobs:
            if job.kind not in (JobKind.TICKET, JobKind.CHANGE):
                continue
            if job.state in ("sending", "done") or (job.state == "queued" and job.resend):
                lines = got.setdefault((job.printer, job.station), [])
                payload = job.payload
                assert isinstance(payload, TicketJob | ChangeJob)
                before = payload.prev_line_ids if isinstance(payload, ChangeJob) else ()
                for line_id in [*payload.line_ids, *before]:
                    if line_id not in lines:
                        lines.append(line_id)
        cancelled = spooler.cancel_queued(order.id)
        logger.info(
            "order %s cancelled: %d queued job(s) dropped, void slip for %s",
            order.display_id,
            len(cancelled),
            ", ".join(f"{p} ({s})" if s else p for p, s in got) or "no printer",
        )
        db.execute(
            "UPDATE print_orders SET outcome = 'cancelled', unrouted_json = '[]'"
            " WHERE order_id = ?",
            (order.id,),
        )
        if not self.config.void_slips or not got:
            return
        revision = max([order.revision, *(job.revision for job in jobs)])
        spooler.enqueue(
            spec
            for (printer, station), lines in got.items()
            for spec in _specs(
                VoidJob(order=order, line_ids=tuple(lines), cancel_reason=reason),
                printer,
                VOID_TEMPLATE,
                station,
                revision=revision,
            )
        )

    # --- rendering --------------------------------------------------------------------

    def _render(self, job: JobInfo, printer: str, banners: tuple[str, ...]) -> bytes:
        from printing.render import render

        options = self.config.printer(printer).printer_options(self.language)
        return render(self._request(job, printer, banners), options, self.config.templates_dir).data

    def _request(self, job: JobInfo, printer: str, banners: tuple[str, ...]) -> TicketRequest:
        from printing.render import LateNotice, TicketRequest

        payload = job.payload
        order = payload.order
        request = TicketRequest(
            template=job.template,
            order=order,
            items=(),
            printer_name=printer,
            station_name=job.station,
            copy=job.copy,
            banners=banners,
            # The device's local time zone: every time on the ticket is shown in it.
            printed_at=self._clock().astimezone(),
        )
        match payload:
            case LateJob():
                # The LATE slip that follows a ticket the printer held (see printing.spooler).
                late = LateNotice(
                    what=_job_words(
                        payload.held_kind,
                        payload.held_template,
                        self.config.printer(printer).language or self.language,
                    ),
                    since=payload.since,
                    problem=payload.problem,
                )
                return replace(request, template=LATE_TEMPLATE, copy=1, late=late)
            case ChangeJob():
                # A removed line is not in the new order: show it as it was.
                items = only_lines(order, {*payload.line_ids, *payload.prev_line_ids}).items
                return replace(request, items=items, changes=payload.changes)
            case VoidJob():
                # Lines removed in a later revision are still on that printer's paper.
                items = only_lines(order, payload.line_ids).items
                return replace(request, items=items, cancel_reason=payload.cancel_reason)
            case TicketJob() | DocumentJob():
                items = only_lines(order, payload.line_ids).items
                return replace(request, items=items, copies=payload.copies)

    # --- queries and actions ----------------------------------------------------------

    def unrouted_lines(self) -> list[tuple[str, str]]:
        """(order display id, line label) of every recent line that goes to no printer.

        Read from memory (kept as orders are handled): called every second by the screens.
        """
        cutoff = self._clock() - timedelta(hours=self.config.max_order_age_h)
        result: list[tuple[str, str]] = []
        for order_id, (first_seen_at, lines) in list(self._unrouted_by_order.items()):
            if first_seen_at < cutoff:
                del self._unrouted_by_order[order_id]  # too old to print: no longer shown
            else:
                result.extend(lines)
        return result

    def prune(self, before: datetime, limit: int) -> tuple[int, int]:
        """One retention batch: (orders forgotten, jobs removed); done when fewer than
        `limit` orders were forgotten.

        Forgets what was printed for up to `limit` orders first seen before `before`, and
        removes their printed and cancelled jobs (`Spooler.prune`), unless something of the
        order still waits to print or it is for later (a pre-order due after `before`). A
        later event for a forgotten order is too old to print. The commit is not fsynced:
        pruning lost to a power cut is simply done again.
        """
        spooler = self.spooler
        cursor = spooler.db.execute(
            "SELECT order_id, json_extract(order_json, '$.created_at'),"
            " json_extract(order_json, '$.fulfillment.prepare_at'),"
            " json_extract(order_json, '$.fulfillment.due_at')"
            " FROM print_orders WHERE first_seen_at < ? ORDER BY first_seen_at",
            (_ts(before),),
        )
        ids: list[str] = []
        while len(ids) < limit and (rows := cursor.fetchmany(limit)):
            waiting = spooler.waiting_orders([row[0] for row in rows])
            for order_id, *times in rows:
                if order_id in waiting:
                    continue
                if max(datetime.fromisoformat(t) for t in times if t) < before:
                    ids.append(order_id)
        cursor.close()
        ids = ids[:limit]
        with spooler.transaction(durable=False) as db:
            db.executemany("DELETE FROM print_orders WHERE order_id = ?", [(i,) for i in ids])
            jobs = spooler.prune(ids)
        for order_id in ids:
            self._unrouted_by_order.pop(order_id, None)
        if ids:
            logger.info(
                "retention: forgot %d printed order(s) and %d job(s) from before %s",
                len(ids),
                jobs,
                before.isoformat(),
            )
        return len(ids), jobs

    def snapshot(self) -> list[PrinterState]:
        return self.spooler.snapshot()

    def jobs(self, order_id: str | None = None) -> list[JobInfo]:
        return self.spooler.jobs(order_id)

    def reprint(self, job_id: int) -> int:
        """Print a job again, marked REPRINT; the new job's id."""
        return self.spooler.reprint(job_id)

    async def print_test_page(self, printer_name: str) -> PrinterStatus:
        """Print a test page now (outside the queue); raises when it was not sent."""
        from printing.render import render_test_page

        try:
            options = self.config.printer(printer_name).printer_options(self.language)
        except KeyError:
            raise PrintServiceError(f"no printer named {printer_name!r}") from None
        ticket = render_test_page(printer_name, options, self._clock(), self.config.templates_dir)
        return await self.spooler.send_now(printer_name, ticket.data)


def _specs(
    payload: JobPayload,
    printer: str,
    template: str,
    station: str | None,
    copies: int = 1,
    *,
    revision: int | None = None,
) -> list[JobSpec]:
    """The jobs of one ticket, one per copy: the one place job specs are built."""
    return [
        JobSpec(
            printer=printer,
            template=template,
            station=station,
            copy=copy,
            payload=payload,
            revision=revision,
        )
        for copy in range(1, copies + 1)
    ]
