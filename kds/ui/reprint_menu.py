"""A card's menu on the printing device: reprint each ticket printed for the order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from kds.ui.cards import tr
from kds.ui.order_menu import MenuEntry
from kds.words import N_
from printing.jobs import JobKind
from printing.service import PrintService
from printing.spooler import JobInfo

log = logging.getLogger(__name__)

# Translated where used (tr(_JOB_NAMES[kind])).
_JOB_NAMES = {
    "ticket": N_("{template} ticket"),
    "document": N_("{template}"),
    "change": N_("change slip"),
    "void": N_("void slip"),
}


def reprint_menu(service: PrintService | None, order_id: str, not_printing: str) -> list[MenuEntry]:
    """The entries: one per ticket printed for the order (the newest of each), or one greyed
    line saying why there is nothing to reprint (`not_printing`: who prints, when this device
    does not)."""
    if service is None:
        return [MenuEntry(tr("Reprint: {reason}").format(reason=not_printing))]
    entries: list[MenuEntry] = []
    seen: set[tuple[str, str, str, str | None, int]] = set()
    jobs = [job for job in service.jobs(order_id) if job.kind is not JobKind.LATE]
    for job in reversed(jobs):
        key = (job.kind, job.printer, job.template, job.station, job.copy)
        if job.state != "done" or job.reprint or key in seen:
            continue
        seen.add(key)
        entries.append(MenuEntry(_reprint_text(job, jobs), _reprint_action(service, job.id)))
    if not entries:
        entries.append(MenuEntry(tr("Nothing printed for this order yet")))
    return entries[::-1]


def _reprint_action(service: PrintService, job_id: int) -> Callable[[], None]:
    def reprint() -> None:
        new_id = service.reprint(job_id)
        log.info("reprint of job %d queued as job %d", job_id, new_id)

    return reprint


def _reprint_text(job: JobInfo, jobs: Sequence[JobInfo]) -> str:
    """A reprint menu entry that tells tickets apart: "Reprint kitchen ticket (Grill, copy
    2/2) on Kitchen"; without station and copies just "Reprint receipt on Receipt"."""
    what = tr(_JOB_NAMES.get(job.kind, "{template}")).format(template=job.template)
    copies = max(
        j.copy
        for j in jobs
        if (j.kind, j.revision, j.printer, j.template, j.station)
        == (job.kind, job.revision, job.printer, job.template, job.station)
    )
    details = [job.station] if job.station else []
    if copies > 1:
        details.append(tr("copy {copy}/{copies}").format(copy=job.copy, copies=copies))
    if not details:
        return tr("Reprint {what} on {printer}").format(what=what, printer=job.printer)
    return tr("Reprint {what} ({details}) on {printer}").format(
        what=what, details=", ".join(details), printer=job.printer
    )
