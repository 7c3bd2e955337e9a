"""One window per configured monitor: a status strip that is always visible, then the orders."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kds.settings import MonitorKind, MonitorSettings
from kds.ui.cards import tr
from kds.ui.order_menu import CardMenus, OrderMenuEntries
from kds.ui.orders_model import OrderRole, OrdersModel
from kds.ui.ticket_view import BACKGROUND, TicketView

log = logging.getLogger(__name__)

CATCH_UP_REFRESH_MS = 100
"""How often the catching-up line's count moves (a replay applies thousands a second)."""


@dataclass(frozen=True)
class StatusLine:
    """One line of the printer-status area; `problem` lines are shown in red."""

    text: str
    problem: bool = False


PrinterStatusLines = Callable[[datetime], Sequence[str | StatusLine]]
"""Feeds the expo's printer-status area: one line of text per printer, at `now`."""

RoleAction = Callable[[], None]
"""A printing-role button's handler (take over / stop printing here)."""


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


def _status_html(line: StatusLine) -> str:
    text = html.escape(line.text)
    if line.problem:
        return f'<span style="background:#b71c1c; color:#ffffff; font-weight:bold;">{text}</span>'
    return text


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

    printer_alarm_changed = Signal(str)
    """The station's printer alarm text changed ("" when the printers are fine again)."""

    def __init__(
        self,
        monitor: MonitorSettings,
        model: OrdersModel,
        printer_status: PrinterStatusLines | None = None,
        parent: QWidget | None = None,
        *,
        order_menu: OrderMenuEntries | None = None,
        on_take_over: RoleAction | None = None,
        on_stop_printing: RoleAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.model = model
        self.printer_status = printer_status
        self.printer_status_lines: list[StatusLine] = []
        """What the printer-status area shows now (plain text, for tests and logs)."""
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

        self.catch_up_label = _strip_label("catch_up")
        _style(self.catch_up_label, Severity.WARNING, 20)
        self.catch_up_label.hide()
        layout.addWidget(self.catch_up_label)
        self._catch_up = (0, 0)
        self._catch_up_timer = QTimer(self)
        self._catch_up_timer.setSingleShot(True)
        self._catch_up_timer.setInterval(CATCH_UP_REFRESH_MS)
        self._catch_up_timer.timeout.connect(self._show_catch_up)

        self.screen_warning_label = _strip_label("screen_warning")
        _style(self.screen_warning_label, Severity.WARNING, 18)
        self.rejected_label = _strip_label("rejected")
        _style(self.rejected_label, Severity.ERROR, 18)
        self.printer_alarm_label = _strip_label("printer_alarm")
        _style(self.printer_alarm_label, Severity.ERROR, 20)
        self.unexpected_error_label = _strip_label("unexpected_error")
        _style(self.unexpected_error_label, Severity.ERROR, 18)
        self._unexpected_errors = 0
        for label in (
            self.unexpected_error_label,
            self.screen_warning_label,
            self.rejected_label,
            self.printer_alarm_label,
        ):
            label.hide()
            layout.addWidget(label)
        self._add_silence_button(layout)

        self.printing_row = QWidget()
        self.printing_row.setObjectName("printing_row")
        row = QHBoxLayout(self.printing_row)
        row.setContentsMargins(0, 0, 8, 0)
        self.printing_label = _strip_label("printing")
        row.addWidget(self.printing_label, 1)
        self.take_over_button = QPushButton(tr("Take over printing"))
        self.stop_printing_button = QPushButton(tr("Stop printing here"))
        for button, handler in (
            (self.take_over_button, on_take_over),
            (self.stop_printing_button, on_stop_printing),
        ):
            button.setStyleSheet("QPushButton { font-size: 16px; padding: 6px 14px; }")
            button.hide()
            if handler is not None:
                button.clicked.connect(handler)
            row.addWidget(button)
        self._role_buttons = monitor.kind == MonitorKind.EXPO
        self.printing_row.hide()
        self.set_printing_role(None)
        layout.addWidget(self.printing_row)

        self.tickets: TicketView | None = None
        self.pickup: PickupBoard | None = None
        self.card_menus: CardMenus | None = None
        if monitor.kind == MonitorKind.PICKUP:
            self.pickup = PickupBoard(model)
            layout.addWidget(self.pickup, 1)
        else:
            self.tickets = TicketView()
            self.tickets.setModel(model)
            layout.addWidget(self.tickets, 1)
            if order_menu is not None:
                self.card_menus = CardMenus(self.tickets, order_menu)

        self.printer_status_label = _strip_label("printer_status")
        self.printer_status_label.setTextFormat(Qt.TextFormat.RichText)
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

    def set_catch_up(self, done: int, total: int) -> None:
        """While behind the connector: "Catching up — 4,200 of 20,000"; hidden once done.

        The count on screen moves every CATCH_UP_REFRESH_MS, not per event.
        """
        self._catch_up = (done, total)
        if done >= total:
            self._catch_up_timer.stop()
            self.catch_up_label.hide()
        elif self.catch_up_label.isHidden():
            self._show_catch_up()
            self.catch_up_label.show()
        elif not self._catch_up_timer.isActive():
            self._catch_up_timer.start()

    def _show_catch_up(self) -> None:
        done, total = self._catch_up
        self.catch_up_label.setText(
            tr("Catching up — {done} of {total}").format(done=f"{done:,}", total=f"{total:,}")
        )

    def set_rejected_count(self, count: int) -> None:
        if count <= 0:
            self.rejected_label.hide()
            return
        self.rejected_label.setText(
            tr("{n} invalid message(s) from the connector — see log").format(n=count)
        )
        self.rejected_label.show()

    def set_printing_role(
        self,
        text: str | None,
        severity: Severity = Severity.OK,
        *,
        can_take_over: bool = False,
        can_stop: bool = False,
    ) -> None:
        """Who prints. Non-OK texts (e.g. printing denied) stand out; the buttons show on
        the expo only, and only when offered."""
        self.printing_row.setVisible(bool(text))
        self.printing_label.setText(text or "")
        if severity is Severity.OK:
            self.printing_label.setStyleSheet(
                "QLabel { background: #263238; color: #cfd8dc; font-size: 16px; }"
            )
        else:
            _style(self.printing_label, severity, 18)
        self.take_over_button.setVisible(self._role_buttons and can_take_over)
        self.stop_printing_button.setVisible(self._role_buttons and can_stop)

    def set_printer_alarm(self, text: str | None) -> None:
        """A compact red line on station windows when a printer needs a person."""
        changed = (text or "") != self.printer_alarm_label.text()
        self.printer_alarm_row.setVisible(bool(text))
        self.printer_alarm_label.setVisible(bool(text))
        self.printer_alarm_label.setText(text or "")
        if changed:
            self.printer_alarm_changed.emit(text or "")

    def _add_silence_button(self, layout: QVBoxLayout) -> None:
        """The printer alarm line becomes a row: the red text, then "Silence alarm" (shown
        while the alarm rings)."""
        self.printer_alarm_row = QWidget()
        self.printer_alarm_row.setObjectName("printer_alarm_row")
        self.printer_alarm_row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        background = _STRIP_COLOURS[Severity.ERROR][0]
        self.printer_alarm_row.setStyleSheet(f"#printer_alarm_row {{ background: {background}; }}")
        layout.replaceWidget(self.printer_alarm_label, self.printer_alarm_row)
        row = QHBoxLayout(self.printer_alarm_row)
        row.setContentsMargins(0, 4, 12, 4)
        row.addWidget(self.printer_alarm_label, 1)
        self.silence_alarm_button = QPushButton(tr("Silence alarm"))
        self.silence_alarm_button.setObjectName("silence_alarm")
        self.silence_alarm_button.setStyleSheet(
            "QPushButton { font-size: 20px; font-weight: bold; padding: 6px 18px; }"
        )
        self.silence_alarm_button.hide()
        row.addWidget(self.silence_alarm_button)
        self.printer_alarm_row.hide()

    def set_alarm_silenceable(self, on: bool) -> None:
        """Show the "Silence alarm" button (while the printer alarm rings)."""
        self.silence_alarm_button.setVisible(on)

    def show_unexpected_error(self, error: str) -> None:
        """A red line that stays: kds hit an error nobody handled (the log has the details)."""
        self._unexpected_errors += 1
        if self._unexpected_errors == 1:
            text = tr(
                "Unexpected error: {error} — see log; restart KDS if this screen stops updating"
            )
        else:
            text = tr(
                "{n} unexpected errors, the last: {error} — see log; restart KDS if this screen"
                " stops updating"
            )
        self.unexpected_error_label.setText(text.format(n=self._unexpected_errors, error=error))
        self.unexpected_error_label.show()

    def set_screen_warning(self, text: str | None) -> None:
        self.screen_warning_label.setVisible(bool(text))
        self.screen_warning_label.setText(text or "")

    def refresh(self, now: datetime) -> None:
        """Once a second: the clock and the printer-status area."""
        self.clock_label.setText(now.astimezone().strftime("%H:%M:%S"))
        if self.printer_status is None:
            return
        try:
            lines = [
                line if isinstance(line, StatusLine) else StatusLine(line)
                for line in self.printer_status(now)
            ]
        except Exception:
            log.exception("printer status for %s failed", self.monitor.name)
            lines = [StatusLine(tr("Printer status unavailable — see log"), problem=True)]
        self.set_printer_status(lines)

    def set_printer_status(self, lines: Sequence[StatusLine]) -> None:
        self.printer_status_lines = list(lines)
        self.printer_status_label.setVisible(bool(lines))
        self.printer_status_label.setText("<br>".join(_status_html(line) for line in lines))

    def printer_status_text(self) -> str:
        """The printer-status area as plain text, one line per printer or problem."""
        return "\n".join(line.text for line in self.printer_status_lines)

    def place_on(self, screen: QScreen) -> None:
        """Put the window on this screen (full screen when configured) and show it."""
        self.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        if self.monitor.fullscreen:
            self.showFullScreen()
        else:
            self.show()
