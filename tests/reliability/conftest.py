"""The reliability suite's shared parts: the hypothesis profile and the counters it reports.

Every test adds what it tried and what it saw to one `Tally`; the summary at the end of the
run prints the totals (hostile inputs tried and rejected, crashes, dropped sessions, lost
and doubled orders), so the figures in the README can be re-read from any run.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pytest
from _pytest.terminal import TerminalReporter
from hypothesis import HealthCheck, settings

# Bounded and repeatable: the same examples on every run and machine, no example database.
settings.register_profile(
    "reliability",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    # One device session serves every example of a test: that is the point (the stream
    # must go on), so the function-scoped fixtures are meant to be shared.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("reliability")


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
    printer_faults: int = 0
    """Printers given a fault for a minute while orders kept coming."""
    long_day_orders: int = 0
    """Orders of the simulated day whose screens, paper and report were checked."""


_TALLY = Tally()


@pytest.fixture(scope="session")
def tally() -> Tally:
    """The suite's counters (one for the whole run)."""
    return _TALLY


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if _TALLY == Tally():
        return  # the suite did not run (another folder was selected)
    terminalreporter.section("reliability summary")
    for field in fields(Tally):
        name = field.name.replace("_", " ")
        terminalreporter.write_line(f"{name:>22}: {getattr(_TALLY, field.name)}")
