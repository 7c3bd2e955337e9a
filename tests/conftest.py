"""Suite-wide set-up: headless Qt, python-escpos without a temp dir per import, a qasync loop."""

import asyncio
import gc
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.terminal import TerminalReporter
from suite_tally import TALLY, Tally, write_summary

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "kds-escpos-cache")
)
Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def loop(qapp: Any) -> Iterator[Any]:
    """A qasync event loop on pytest-qt's QApplication; a test drives it with run_until_complete.

    Closing an app's last window must not quit Qt (and stop the loop) while the connector and
    printers of the test are still shutting down.
    """
    import qasync

    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    try:
        yield event_loop
    finally:
        event_loop.close()
        asyncio.set_event_loop(None)
        qapp.setQuitOnLastWindowClosed(quit_on_close)
        # The test's apps and windows sit in garbage cycles (a QTimer connected to a bound
        # method...): freed here, on the GUI thread. Left to a later collection, they are
        # freed in whatever thread runs it (a later test's worker thread): Qt then warns
        # "Timers cannot be stopped from another thread", or crashes.
        gc.collect()


@pytest.fixture(scope="session")
def tally() -> Tally:
    """The run's counters of tried inputs, faults, kills, lost and doubled (suite_tally)."""
    return TALLY


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    write_summary(terminalreporter)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After the last test, Qt's own handler would write every late message to stderr.

    Messages during a test fail that test (pytest-qt, qt_log_level_fail); one emitted while
    Qt tears down after the run cannot, and a notifier left on a closed socket repeats its
    warning on every turn of the event loop, burying the run's summary in a CI log. The
    first few are still shown, then one line says the rest are dropped.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    shown = 0

    def late(kind: QtMsgType, _context: object, message: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= 3:
            os.write(2, f"Qt after the run ({kind.name}): {message}\n".encode())
        elif shown == 4:
            os.write(2, b"Qt after the run: further messages dropped\n")

    qInstallMessageHandler(late)
