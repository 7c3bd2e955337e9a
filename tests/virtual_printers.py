"""Virtual printers with the faults real ones have that the emulator's own faults do not cover.

Importable as `virtual_printers` from every test folder (tests/conftest.py puts tests/ on
the path).
"""

from __future__ import annotations

from typing import Any

from printing.emulator import Fault, PrinterEmulator


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
