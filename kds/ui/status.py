"""What every screen shows about the device besides its orders, held once; windows follow it.

The app sets each item as it learns it (the connection, the printing role, the printers…);
each `MonitorWindow` connects to the signals of the items its kind shows. A signal fires only
when its item changed, and carries plain values (str, int, bool); the two list items
(printer lines, printer alarms) are read from the model when their signal fires.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Signal, Slot


class Severity(Enum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class StatusLine:
    """One line of the printer-status area; `problem` lines are shown in red."""

    text: str
    problem: bool = False


@dataclass(frozen=True)
class PrinterAlarm:
    """One printer as the stations' red line sees it: its problems in words (none when it is
    fine) and the backup that stands in for it."""

    printer: str
    texts: tuple[str, ...] = ()
    on_backup_to: str | None = None


def alarm_text(alarms: Sequence[PrinterAlarm], printers: frozenset[str]) -> str | None:
    """The red line of a station whose lines go to `printers`: their problems, and those of
    a backup while it stands in for one of them; None when all are fine."""
    used = set(printers)
    used.update(a.on_backup_to for a in alarms if a.printer in printers and a.on_backup_to)
    return " · ".join(text for a in alarms if a.printer in used for text in a.texts) or None


class StatusModel(QObject):
    """The device's status as every monitor shows it: one value and one signal per item."""

    connection_changed = Signal(str, str)
    """(the connection line, its Severity's value)"""
    rejected_changed = Signal(int)
    """How many frames from the connector were invalid."""
    printing_role_changed = Signal(str, str, bool, bool)
    """(who prints, the Severity's value, "Take over printing" offered, "Stop printing here"
    offered)"""
    printer_lines_changed = Signal()
    """`printer_lines` changed."""
    printer_alarms_changed = Signal()
    """`printer_alarms` changed."""
    catch_up_changed = Signal(int, int)
    """(events replayed, events to replay); equal once caught up."""
    unexpected_errors_changed = Signal(int, str)
    """(errors nothing else caught so far, the last one in one line)"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection: tuple[str, Severity] | None = None
        """None until the first connection state: windows say "Connecting…"."""
        self.rejected_count = 0
        self.printing_role: tuple[str, Severity, bool, bool] | None = None
        self.printer_lines: tuple[StatusLine, ...] = ()
        """The printer-status area: a line per printer, then held tickets and problems."""
        self.printer_alarms: tuple[PrinterAlarm, ...] = ()
        """Every printer's problems; each station window picks the printers it uses."""
        self.catch_up = (0, 0)
        self.unexpected_errors: tuple[int, str] = (0, "")

    def set_connection(self, text: str, severity: Severity) -> None:
        if self.connection != (text, severity):
            self.connection = (text, severity)
            self.connection_changed.emit(text, severity.value)

    def set_rejected_count(self, count: int) -> None:
        if self.rejected_count != count:
            self.rejected_count = count
            self.rejected_changed.emit(count)

    def set_printing_role(
        self, text: str, severity: Severity, *, can_take_over: bool, can_stop: bool
    ) -> None:
        role = (text, severity, can_take_over, can_stop)
        if self.printing_role != role:
            self.printing_role = role
            self.printing_role_changed.emit(text, severity.value, can_take_over, can_stop)

    def set_printer_lines(self, lines: Sequence[StatusLine]) -> None:
        if self.printer_lines != tuple(lines):
            self.printer_lines = tuple(lines)
            self.printer_lines_changed.emit()

    def set_printer_alarms(self, alarms: Sequence[PrinterAlarm]) -> None:
        if self.printer_alarms != tuple(alarms):
            self.printer_alarms = tuple(alarms)
            self.printer_alarms_changed.emit()

    def set_catch_up(self, done: int, total: int) -> None:
        if self.catch_up != (done, total):
            self.catch_up = (done, total)
            self.catch_up_changed.emit(done, total)

    @Slot(str)
    def add_unexpected_error(self, error: str) -> None:
        """One more error nothing else caught (connected to UnexpectedErrors.raised, which
        may come from another thread: the slot runs on this object's, the GUI thread)."""
        self.unexpected_errors = (self.unexpected_errors[0] + 1, error)
        self.unexpected_errors_changed.emit(*self.unexpected_errors)
