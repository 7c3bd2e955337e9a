"""What the reliability and crash suites tried and saw, counted over the whole run.

Every such test adds to the one `Tally` (the `tally` fixture, tests/conftest.py); the summary
at the end of the run prints the totals (hostile inputs tried and rejected, crashes, kills
survived, orders checked, lost and doubled), so the README's figures can be re-read from
any run. Importable as `suite_tally` from every test folder.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from _pytest.terminal import TerminalReporter


@dataclass
class Tally:
    """What the suite tried and saw; every field is a count."""

    hostile_inputs: int = 0
    rejected_with_reason: int = 0
    printed_harmless: int = 0
    """Order text with printer commands in it, printed as plain text and nothing else."""
    accepted: int = 0
    crashes: int = 0
    dropped_sessions: int = 0
    orders_checked: int = 0
    lost: int = 0
    doubled: int = 0
    auth_refusals: int = 0
    disk_faults: int = 0
    kills_survived: int = 0
    """SIGKILLs of a device, the connector or the printing app that lost and doubled nothing."""
    printer_faults: int = 0
    """Printers given a fault for a minute while orders kept coming."""
    long_day_orders: int = 0
    """Orders of the simulated day whose screens, paper and report were checked."""


TALLY = Tally()
"""The run's one tally."""


def write_summary(terminalreporter: TerminalReporter) -> None:
    """The totals, as a section at the end of the run (nothing when no counting test ran)."""
    if TALLY == Tally():
        return
    terminalreporter.section("reliability summary")
    for field in fields(Tally):
        name = field.name.replace("_", " ")
        terminalreporter.write_line(f"{name:>22}: {getattr(TALLY, field.name)}")
