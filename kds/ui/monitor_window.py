"""One window per configured monitor: a status strip that is always visible, then the orders."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

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
from kds.i18n import count, local_time
from kds.settings import MonitorSettings
from kds.ui.cards import tr
from kds.ui.order_menu import CardMenus, OrderMenuEntries
from kds.ui.orders_model import OrdersModel
from kds.ui.pickup_board import PickupBoard
from kds.ui.status import Severity, StatusLine, StatusModel, alarm_text
from kds.ui.ticket_view import BACKGROUND, TicketView
from kds.ui.views import VIEWS

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


STAFF_PIXELS = 24
"""The smallest type of anything staff must read from two metres (status, alarms, banners)."""
BANNER_AFTER = timedelta(seconds=5)
"""Not connected this long: the banner nobody can miss."""
BACK_SHOWN_FOR = timedelta(seconds=15)
"""How long "Back — 12 orders caught up" stays."""


class OutageBanner:
    """When the "Not connected since 20:14" banner shows, and the "Back — 12 orders caught
    up" line after it: plain state, fed the connection, the catch-up and the clock."""

    def __init__(self) -> None:
        self.down_since: datetime | None = None
        self.recovering = False
        """Connected again after a banner; counting the orders that arrive until caught up."""
        self.caught_up = 0
        self.back_until: datetime | None = None

    def connection(self, ok: bool, now: datetime) -> None:
        if not ok:
            if self.down_since is None:
                self.down_since = now
            self.recovering = False
            self.back_until = None
            return
        if self.down_since is not None and now - self.down_since >= BANNER_AFTER:
            self.recovering = True
            self.caught_up = 0
        self.down_since = None

    def arrived(self, orders: int) -> None:
        if self.recovering:
            self.caught_up += orders

    def caught_up_done(self, now: datetime) -> None:
        """The replay after the reconnection is done."""
        if self.recovering:
            self.recovering = False
            self.back_until = now + BACK_SHOWN_FOR

    def banner(self, now: datetime) -> str | None:
        """The banner's words at `now`, or None."""
        if self.down_since is not None and now - self.down_since >= BANNER_AFTER:
            since = self.down_since.astimezone().strftime("%H:%M")
            return tr("Not connected since {time} — new orders may be missing").format(time=since)
        return None

    def back(self, now: datetime) -> str | None:
        """The "Back" line's words at `now`, or None."""
        if self.back_until is not None and now < self.back_until:
            return tr("Back — {n} orders caught up").format(n=self.caught_up)
        return None


def _style(label: QLabel, severity: Severity, pixels: int = STAFF_PIXELS) -> None:
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
        tools: QWidget | None = None,
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
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.staff_lines = QWidget()
        """Everything staff read above the orders; never on a guests' screen."""
        self.staff_lines.setObjectName("staff_lines")
        outer.addWidget(self.staff_lines)
        layout = QVBoxLayout(self.staff_lines)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._outage = OutageBanner()
        self._now: datetime | None = None
        self._connected = False
        self.banner_label = _strip_label("banner")
        self.banner_label.setStyleSheet(
            "QLabel { background: #b71c1c; color: #ffffff; font-size: 40px; font-weight: bold;"
            " border: 6px solid #ffd600; }"
        )
        self.banner_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner_label.hide()
        layout.addWidget(self.banner_label)
        self.back_label = _strip_label("back")
        _style(self.back_label, Severity.OK)
        self.back_label.hide()
        layout.addWidget(self.back_label)
        model.rowsInserted.connect(self._orders_arrived)

        top = QHBoxLayout()
        top.setSpacing(0)
        self.connection_label = _strip_label("connection")
        self.clock_label = _strip_label("clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock_label.setStyleSheet(
            f"QLabel {{ background: #37474f; color: white; font-size: {STAFF_PIXELS}px;"
            " font-weight: bold; }"
        )
        self.clock_label.setWordWrap(False)
        top.addWidget(self.connection_label, 1)
        top.addWidget(self.clock_label)
        if tools is not None:  # staff windows: Sync now and Admin (kds.ui.admin_area)
            tools.setParent(central)
            top.addWidget(tools)
        layout.addLayout(top)

        self.catch_up_label = _strip_label("catch_up")
        _style(self.catch_up_label, Severity.WARNING)
        self.catch_up_label.hide()
        layout.addWidget(self.catch_up_label)
        self._catch_up = (0, 0)
        self._catch_up_timer = QTimer(self)
        self._catch_up_timer.setSingleShot(True)
        self._catch_up_timer.setInterval(CATCH_UP_REFRESH_MS)
        self._catch_up_timer.timeout.connect(self._show_catch_up)

        self.screen_warning_label = _strip_label("screen_warning")
        _style(self.screen_warning_label, Severity.WARNING)
        self.rejected_label = _strip_label("rejected")
        _style(self.rejected_label, Severity.ERROR)
        self.printer_alarm_label = _strip_label("printer_alarm")
        _style(self.printer_alarm_label, Severity.ERROR)
        self.unexpected_error_label = _strip_label("unexpected_error")
        _style(self.unexpected_error_label, Severity.ERROR)
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
            button.setStyleSheet(
                f"QPushButton {{ font-size: {STAFF_PIXELS}px; padding: 6px 14px; }}"
            )
            button.hide()
            if handler is not None:
                button.clicked.connect(handler)
            row.addWidget(button)
        self._role_buttons = self.rules.role_controls
        self.printing_row.hide()
        self.set_printing_role(None)
        layout.addWidget(self.printing_row)

        self.view = VIEWS[monitor.kind](monitor, model, order_menu)
        """The orders as this kind of monitor shows them (kds.ui.views)."""
        self.orders_row = QHBoxLayout()
        """The orders, and beside them what `add_beside_orders` put there."""
        self.orders_row.setSpacing(0)
        self.orders_row.addWidget(self.view, 1)
        outer.addLayout(self.orders_row, 1)

        self.printer_status_label = _strip_label("printer_status")
        self.printer_status_label.setTextFormat(Qt.TextFormat.RichText)
        self.printer_status_label.setStyleSheet(
            f"QLabel {{ background: #102027; color: #e0e0e0; font-size: {STAFF_PIXELS}px; }}"
        )
        self.printer_status_label.hide()
        outer.addWidget(self.printer_status_label)
        if not self.rules.staff_lines:
            self.staff_lines.hide()
            self.printer_status_label.setParent(None)  # a guests' screen: the dot only
            self.printer_status_label.deleteLater()
            self.printer_status_label = QLabel()
        self.setCentralWidget(central)
        self.set_connection(tr("Connecting to the connector…"), Severity.WARNING)
        if status is not None:
            self._follow(status)

    def add_above_orders(self, widget: QWidget) -> None:
        """A strip just above the orders (e.g. the Scheduled strip)."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.printer_status_label) - 1, widget)

    def add_beside_orders(self, widget: QWidget) -> None:
        """A panel at the right of the orders (e.g. the all-day panel)."""
        self.orders_row.addWidget(widget)

    def add_action_bar(self, bar: QWidget) -> None:
        """A bar right under the orders (the kitchen actions: Recall, Undo)."""
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.printer_status_label), bar)

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
        _style(self.connection_label, severity)
        self._connected = severity is Severity.OK
        board = self.pickup
        if board is not None:
            board.set_connected(severity is Severity.OK)
        if self._now is not None:
            self._outage.connection(severity is Severity.OK, self._now)
            self._show_outage(self._now)

    def _orders_arrived(self, _parent: object, first: int, last: int) -> None:
        self._outage.arrived(last - first + 1)

    def _show_outage(self, now: datetime) -> None:
        banner, back = self._outage.banner(now), self._outage.back(now)
        self.banner_label.setVisible(banner is not None)
        self.banner_label.setText(banner or "")
        self.back_label.setVisible(back is not None)
        self.back_label.setText(back or "")

    def set_catch_up(self, done: int, total: int) -> None:
        """While behind the connector: "Catching up — 4,200 of 20,000"; hidden once done.

        The count on screen moves every CATCH_UP_REFRESH_MS, not per event.
        """
        self._catch_up = (done, total)
        if done >= total and self._now is not None:
            self._outage.caught_up_done(self._now)
            self._show_outage(self._now)
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
            tr("Catching up — {done} of {total}").format(done=count(done), total=count(total))
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
                f"QLabel {{ background: #263238; color: #cfd8dc; font-size: {STAFF_PIXELS}px; }}"
            )
        else:
            _style(self.printing_label, severity)
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
            f"QPushButton {{ font-size: {STAFF_PIXELS}px; font-weight: bold; padding: 6px 18px; }}"
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
        """Once a second: the clock, the not-connected banner and the "Back" line."""
        if self._now is None and not self._connected:
            self._outage.connection(False, now)  # not connected since the window opened
        self._now = now
        self.clock_label.setText(local_time(now, seconds=True))
        self._show_outage(now)

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
