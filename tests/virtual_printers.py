"""Virtual printers with the faults real ones have that the emulator's own faults do not
cover, and what a printed ticket says (its order number, whether it is a LATE slip).

Importable as `virtual_printers` from every test folder (tests/conftest.py puts tests/ on
the path).
"""

from __future__ import annotations

import re
from typing import Any

from printing.emulator import EmulatedJob, Fault, PrinterEmulator

NUMBER = re.compile(r"^#(\d+)$")
"""The order number's line on a kitchen ticket."""


class LastRoll(PrinterEmulator):
    """A virtual printer whose paper runs out while it takes its next ticket (`run_out`):
    like a real printer it keeps that ticket and prints it once refilled, and reports
    paper out from then on, although the status asked just before the ticket was fine."""

    run_out = False

    def _accept(self, data: bytes, stream: Any) -> None:
        if self.run_out:
            self.run_out = False
            self.set_fault(Fault.PAPER_OUT)
        super()._accept(data, stream)


def is_late_slip(job: EmulatedJob) -> bool:
    """A LATE slip (printed after a ticket the printer held), not a ticket."""
    return job.text.splitlines()[0].strip() == "LATE"


def number_of(job: EmulatedJob) -> int:
    """The order number on a ticket: its one "#N" line."""
    found = [int(m.group(1)) for line in job.text.splitlines() if (m := NUMBER.match(line.strip()))]
    assert len(found) == 1, job.text
    return found[0]
