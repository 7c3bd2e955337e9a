"""One window per configured monitor: a status strip that is always visible, then the orders."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from kds.settings import MonitorKind, MonitorSettings
from kds.ui.cards import tr
from kds.ui.orders_model import OrderRole, OrdersModel
from kds.ui.ticket_view import BACKGROUND, TicketView

log = logging.getLogger(__name__)

PrinterStatusLines = Callable[[datetime], Sequence[str]]
"""Feeds the expo's printer-status area: one line of text per printer, at `now`."""


class Severity(Enum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


_STRIP_COLOURS = {
    Severity.OK: ("#1b5e20", "#ffffff"),
    Severity.WARNING: ("#ff8f00", "#000000"),
    Severity.ERROR: ("#b71c1c", "#ffffff"),
}


def _strip_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setContentsMargins(12, 4, 12, 4)
    return label


def _style(label: QLabel, severity: Severity, pixels: int = 20) -> None:
    bg, fg = _STRIP_COLOURS[severity]
    label.setStyleSheet(
        f"QLabel {{ background: {bg}; color: {fg}; font-size: {pixels}px; font-weight: bold; }}"
    )


def find_screen(name: str | None) -> tuple[QScreen, str | None]:
    """The screen with this name, or the primary screen and a warning saying so."""
    primary = QGuiApplication.primaryScreen()
    if name is None:
        return primary, None
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen, None
    known = ", ".join(s.name() for s in QGuiApplication.screens())
    warning = tr("Screen {name} not found (connected: {known}); showing on {primary}.").format(
        name=name, known=known, primary=primary.name()
    )
    return primary, warning


class PickupBoard(QWidget):
    """The guests' board: numbers in preparation on the left, ready on the right."""

    def __init__(self, model: OrdersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        self.preparing = self._column(model, False, tr("In preparation"), "#eceff1", layout)
        self.ready = self._column(model, True, tr("Ready"), "#69f0ae", layout)

    def _column(
        self, model: OrdersModel, ready: bool, title: str, colour: str, layout: QHBoxLayout
    ) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setFilterRole(OrderRole.READY)
        proxy.setFilterFixedString("true" if ready else "false")
        column = QVBoxLayout()
        header = QLabel(title)
        header.setStyleSheet(f"color: {colour}; font-size: 40px; font-weight: bold;")
        view = QListView()
        view.setFlow(QListView.Flow.LeftToRight)
        view.setWrapping(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setSpacing(16)
        view.setStyleSheet(
            f"QListView {{ background: {BACKGROUND.name()}; color: {colour};"
            " font-size: 64px; font-weight: bold; border: none; }"
        )
        view.setModel(proxy)
        column.addWidget(header)
        column.addWidget(view, 1)
        layout.addLayout(column, 1)
        return proxy


class MonitorWindow(QMainWindow):
    """A monitor: connection banner, warnings, printing role, then the cards (or the board)."""

    def __init__(
        self,
        monitor: MonitorSettings,
        model: OrdersModel,
        printer_status: PrinterStatusLines | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.model = model
        self.printer_status = printer_status
        self.setWindowTitle(tr("KDS — {name}").format(name=monitor.name))
        self.setStyleSheet(f"QMainWindow, #central {{ background: {BACKGROUND.name()}; }}")
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        top = QHBoxLayout()
        top.setSpacing(0)
        self.connection_label = _strip_label("connection")
        self.clock_label = _strip_label("clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock_label.setStyleSheet(
            "QLabel { background: #37474f; color: white; font-size: 22px; font-weight: bold; }"
        )
        self.clock_label.setWordWrap(False)
        top.addWidget(self.connection_label, 1)
        top.addWidget(self.clock_label)
        layout.addLayout(top)

        self.screen_warning_label = _strip_label("screen_warning")
        _style(self.screen_warning_label, Severity.WARNING, 18)
        self.rejected_label = _strip_label("rejected")
        _style(self.rejected_label, Severity.ERROR, 18)
        self.printing_label = _strip_label("printing")
        self.printing_label.setStyleSheet(
            "QLabel { background: #263238; color: #cfd8dc; font-size: 16px; }"
        )
        for label in (self.screen_warning_label, self.rejected_label, self.printing_label):
            label.hide()
            layout.addWidget(label)

        self.tickets: TicketView | None = None
        self.pickup: PickupBoard | None = None
        if monitor.kind == MonitorKind.PICKUP:
            self.pickup = PickupBoard(model)
            layout.addWidget(self.pickup, 1)
        else:
            self.tickets = TicketView()
            self.tickets.setModel(model)
            layout.addWidget(self.tickets, 1)

        self.printer_status_label = _strip_label("printer_status")
        self.printer_status_label.setStyleSheet(
            "QLabel { background: #102027; color: #e0e0e0; font-size: 17px; }"
        )
        self.printer_status_label.hide()
        layout.addWidget(self.printer_status_label)
        self.setCentralWidget(central)
        self.set_connection(tr("Connecting to the connector…"), Severity.WARNING)

    # --- what the app tells the window -----------------------------------------------------

    def set_connection(self, text: str, severity: Severity) -> None:
        self.connection_label.setText(
            tr("{name} · {text}").format(name=self.monitor.name, text=text)
        )
        _style(self.connection_label, severity, 22)

    def set_rejected_count(self, count: int) -> None:
        if count <= 0:
            self.rejected_label.hide()
            return
        self.rejected_label.setText(
            tr("{n} invalid message(s) from the connector — see log").format(n=count)
        )
        self.rejected_label.show()

    def set_printing_role(self, text: str | None) -> None:
        self.printing_label.setVisible(bool(text))
        self.printing_label.setText(text or "")

    def set_screen_warning(self, text: str | None) -> None:
        self.screen_warning_label.setVisible(bool(text))
        self.screen_warning_label.setText(text or "")

    def refresh(self, now: datetime) -> None:
        """Once a second: the clock and the printer-status area."""
        self.clock_label.setText(now.astimezone().strftime("%H:%M:%S"))
        if self.printer_status is None:
            return
        try:
            lines = list(self.printer_status(now))
        except Exception:
            log.exception("printer status for %s failed", self.monitor.name)
            lines = [tr("Printer status unavailable — see log")]
        self.printer_status_label.setVisible(bool(lines))
        self.printer_status_label.setText("\n".join(lines))

    def place_on(self, screen: QScreen) -> None:
        """Put the window on this screen (full screen when configured) and show it."""
        self.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        if self.monitor.fullscreen:
            self.showFullScreen()
        else:
            self.show()
