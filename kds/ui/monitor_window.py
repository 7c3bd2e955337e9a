"""One window per configured monitor: a status strip that is always visible, then the orders."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kds.domain.monitors import RULES
from kds.settings import MonitorSettings
from kds.ui.cards import tr
from kds.ui.order_menu import CardMenus, OrderMenuEntries
from kds.ui.orders_model import OrdersModel
from kds.ui.status import Severity, StatusLine, StatusModel, alarm_text
from kds.ui.ticket_view import BACKGROUND, TicketView
from kds.ui.views import VIEWS, PickupBoard

log = logging.getLogger(__name__)

CATCH_UP_REFRESH_MS = 100
"""How often the catching-up line's count moves (a replay applies thousands a second)."""

RoleAction = Callable[[], None]
"""A printing-role button's handler (take over / stop printing here)."""

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


class MonitorWindow(QMainWindow):
    """A monitor: connection banner, warnings, printing role, then the cards (or the board)."""

    printer_alarm_changed = Signal(str)
    """The station's printer alarm text changed ("" when the printers are fine again)."""

    def __init__(
        self,
        monitor: MonitorSettings,
        model: OrdersModel,
        parent: QWidget | None = None,
        *,
        status: StatusModel | None = None,
        alarm_printers: frozenset[str] = frozenset(),
        order_menu: OrderMenuEntries | None = None,
        on_take_over: RoleAction | None = None,
        on_stop_printing: RoleAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.model = model
        self.rules = RULES[monitor.kind]
        self.alarm_printers = alarm_printers
        """The printers this monitor's lines can go to: whose problems its red line shows."""
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
        self._role_buttons = self.rules.role_controls
        self.printing_row.hide()
        self.set_printing_role(None)
        layout.addWidget(self.printing_row)

        self.view = VIEWS[monitor.kind](model, order_menu)
        """The orders as this kind of monitor shows them (kds.ui.views)."""
        layout.addWidget(self.view, 1)

        self.printer_status_label = _strip_label("printer_status")
        self.printer_status_label.setTextFormat(Qt.TextFormat.RichText)
        self.printer_status_label.setStyleSheet(
            "QLabel { background: #102027; color: #e0e0e0; font-size: 17px; }"
        )
        self.printer_status_label.hide()
        layout.addWidget(self.printer_status_label)
        self.setCentralWidget(central)
        self.set_connection(tr("Connecting to the connector…"), Severity.WARNING)
        if status is not None:
            self._follow(status)

    def add_action_bar(self, bar: QWidget) -> None:
        """A bar right under the orders (the kitchen actions: Recall, Undo)."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.view) + 1, bar)

    @property
    def tickets(self) -> TicketView | None:
        """The cards (station and expo monitors)."""
        return self.view if isinstance(self.view, TicketView) else None

    @property
    def pickup(self) -> PickupBoard | None:
        """The guests' board (pickup monitors)."""
        return self.view if isinstance(self.view, PickupBoard) else None

    @property
    def card_menus(self) -> CardMenus | None:
        """The cards' menu (reprint), where the device prints."""
        return self.view.findChild(CardMenus)

    def _follow(self, status: StatusModel) -> None:
        """Show the device's status from now on: what it says now, then every change of the
        items this kind of monitor shows."""
        self._status = status
        status.connection_changed.connect(self._connection_changed)
        status.rejected_changed.connect(self.set_rejected_count)
        status.printing_role_changed.connect(self._printing_role_changed)
        status.catch_up_changed.connect(self.set_catch_up)
        status.unexpected_errors_changed.connect(self.set_unexpected_errors)
        if status.connection is not None:
            self.set_connection(*status.connection)
        self.set_rejected_count(status.rejected_count)
        if status.printing_role is not None:
            text, severity, can_take_over, can_stop = status.printing_role
            self.set_printing_role(text, severity, can_take_over=can_take_over, can_stop=can_stop)
        self.set_catch_up(*status.catch_up)
        if status.unexpected_errors[0]:
            self.set_unexpected_errors(*status.unexpected_errors)
        if self.rules.printer_lines:
            status.printer_lines_changed.connect(self._printer_lines_changed)
            self._printer_lines_changed()
        if self.rules.printer_alarms:
            status.printer_alarms_changed.connect(self._printer_alarms_changed)
            self._printer_alarms_changed()

    def _connection_changed(self, text: str, severity: str) -> None:
        self.set_connection(text, Severity(severity))

    def _printing_role_changed(
        self, text: str, severity: str, can_take_over: bool, can_stop: bool
    ) -> None:
        self.set_printing_role(
            text, Severity(severity), can_take_over=can_take_over, can_stop=can_stop
        )

    def _printer_lines_changed(self) -> None:
        self.set_printer_status(self._status.printer_lines)

    def _printer_alarms_changed(self) -> None:
        self.set_printer_alarm(alarm_text(self._status.printer_alarms, self.alarm_printers))

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

    def set_unexpected_errors(self, count: int, error: str) -> None:
        """A red line that stays: kds hit `count` errors nobody handled, the last `error`
        (the log has the details)."""
        if count == 1:
            text = tr(
                "Unexpected error: {error} — see log; restart KDS if this screen stops updating"
            )
        else:
            text = tr(
                "{n} unexpected errors, the last: {error} — see log; restart KDS if this screen"
                " stops updating"
            )
        self.unexpected_error_label.setText(text.format(n=count, error=error))
        self.unexpected_error_label.show()

    def set_screen_warning(self, text: str | None) -> None:
        self.screen_warning_label.setVisible(bool(text))
        self.screen_warning_label.setText(text or "")

    def refresh(self, now: datetime) -> None:
        """Once a second: the clock."""
        self.clock_label.setText(now.astimezone().strftime("%H:%M:%S"))

    def set_printer_status(self, lines: Sequence[StatusLine]) -> None:
        self.printer_status_lines = list(lines)
        self.printer_status_label.setVisible(bool(lines))
        self.printer_status_label.setText("<br>".join(_status_html(line) for line in lines))

    def printer_status_text(self) -> str:
        """The printer-status area as plain text, one line per printer or problem."""
        return "\n".join(line.text for line in self.printer_status_lines)

    def place_on(self, screen: QScreen, *, kiosk: bool = False) -> None:
        """Put the window on this screen (full screen when configured) and show it; in
        kiosk mode always full screen, without a frame to close or move it by."""
        self.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        if kiosk:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if self.monitor.fullscreen or kiosk:
            self.showFullScreen()
        else:
            self.show()
