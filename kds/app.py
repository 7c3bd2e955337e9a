"""Wiring of the display app: store, connector client, one window per monitor, on one Qt loop."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import qasync
from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from kds import wire
from kds.domain.orders import Applied, AppliedKind
from kds.net import Backoff, ConnectionState, KdsClient, Phase
from kds.settings import MonitorKind, Settings
from kds.store import KdsStore, StoreError, open_store
from kds.ui.cards import MonitorFilter, tr
from kds.ui.monitor_window import MonitorWindow, PrinterStatusLines, Severity, find_screen
from kds.ui.orders_model import OrdersModel
from kds.ui.qt_logging import install_qt_message_handler

log = logging.getLogger(__name__)

AppliedListener = Callable[[wire.Event, Applied], None]
"""Called on the loop thread after an event is stored and shown (e.g. the print service)."""

_SEVERITY = {
    Phase.CONNECTED: Severity.OK,
    Phase.CONNECTING: Severity.WARNING,
    Phase.RECONNECTING: Severity.WARNING,
    Phase.TOKEN_REFUSED: Severity.ERROR,
    Phase.PROTOCOL_ERROR: Severity.ERROR,
    Phase.STOPPED: Severity.ERROR,
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class KdsApp:
    """The running display: builds the pieces from Settings and connects them.

    `open()` takes the data dir (its lock), builds the windows and shows the orders the
    store holds; `start()` then connects to the connector; `stop()` undoes both. Needs a
    QApplication and, for `start()`, a running qasync loop.
    """

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = _utc_now,
        printer_status: PrinterStatusLines | None = None,
        backoff: Backoff | None = None,
        tick_ms: int = 1000,
    ) -> None:
        self.settings = settings
        self.data_dir = data_dir
        self.clock = clock
        self.printer_status = printer_status
        self.applied_listeners: list[AppliedListener] = []
        self.state_listeners: list[Callable[[ConnectionState], None]] = []
        self.store: KdsStore | None = None
        self.client: KdsClient | None = None
        self.windows: list[MonitorWindow] = []
        self.connection: ConnectionState | None = None
        self._backoff = backoff
        self._client_task: asyncio.Task[None] | None = None
        self._timer = QTimer()
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)

    # --- lifecycle -----------------------------------------------------------------------

    def open(self) -> None:
        """Lock and read the store, then show every monitor with the orders it holds.

        Raises StoreLockedError when another app runs on this data dir.
        """
        if self.store is not None:
            return
        self.store = open_store(self.data_dir, self.settings.device.name)
        now = self.clock()
        states = self.store.orders(now=now)
        log.info("restored %d open order(s) from %s", len(states), self.data_dir)
        for monitor in self.settings.monitors:
            model = OrdersModel(MonitorFilter.for_monitor(monitor, self.settings.stations), now)
            model.reset(states)
            window = MonitorWindow(
                monitor,
                model,
                printer_status=self.printer_status if monitor.kind == MonitorKind.EXPO else None,
            )
            model.setParent(window)
            screen, warning = find_screen(monitor.screen)
            if warning:
                log.warning("monitor %s: %s", monitor.name, warning)
            window.set_screen_warning(warning)
            window.set_rejected_count(self.store.rejected_count())
            window.set_printing_role(self._printing_text(None))
            window.refresh(now)
            window.place_on(screen)
            log.info(
                "monitor %s (%s) on screen %s at %s",
                monitor.name,
                monitor.kind.value,
                screen.name(),
                screen.geometry().topLeft().toTuple(),
            )
            self.windows.append(window)
        self._timer.start()

    async def start(self) -> None:
        """Open (if not yet) and connect to the connector in the background."""
        self.open()
        assert self.store is not None
        roles = (
            (wire.Role.DISPLAY, wire.Role.PRINTING)
            if self.settings.device.printing
            else (wire.Role.DISPLAY,)
        )
        self.client = KdsClient(
            self.settings.connector.url,
            self.settings.connector.token,
            self.store,
            roles,
            on_applied=self._on_applied,
            on_state=self._on_state,
            on_welcome=self._on_welcome,
            on_rejected=self._on_rejected,
            clock=self.clock,
            backoff=self._backoff,
        )
        self._client_task = asyncio.ensure_future(self.client.run())

    async def stop(self) -> None:
        """Disconnect, close the windows and release the store."""
        self._timer.stop()
        if self.client is not None:
            await self.client.stop()
        if self._client_task is not None:
            await self._client_task
            self._client_task = None
        for window in self.windows:
            window.close()
            window.deleteLater()
        self.windows.clear()
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- access for tests, the demo and screenshots ----------------------------------------

    def window(self, name: str) -> MonitorWindow:
        for window in self.windows:
            if window.monitor.name == name:
                return window
        raise KeyError(name)

    def tick(self) -> None:
        """Once a second: ages, the clock, and orders whose visible time is over."""
        now = self.clock()
        for window in self.windows:
            window.model.tick(now)
            window.refresh(now)

    # --- client callbacks (loop thread) ----------------------------------------------------

    def _on_applied(self, event: wire.Event, applied: Applied) -> None:
        if applied.kind is AppliedKind.IGNORED:
            log.info("event seq %d ignored: %s", event.seq, applied.reason)
        elif applied.state is not None:
            for window in self.windows:
                window.model.upsert(applied.state)
        for listener in self.applied_listeners:
            try:
                listener(event, applied)
            except Exception:
                log.exception("applied-event listener %r failed", listener)

    def _on_state(self, state: ConnectionState) -> None:
        self.connection = state
        log.info("connection: %s", state.describe())
        for window in self.windows:
            window.set_connection(state.describe(), _SEVERITY[state.phase])
        for listener in self.state_listeners:
            try:
                listener(state)
            except Exception:
                log.exception("connection-state listener %r failed", listener)

    def _on_welcome(self, welcome: wire.Welcome) -> None:
        text = self._printing_text(welcome)
        log.info("welcome from connector %s; %s", welcome.connector_id, text)
        for window in self.windows:
            window.set_printing_role(text)

    def _on_rejected(self, seq: int | None, reason: str) -> None:
        log.warning("rejected event seq %s: %s", seq, reason)
        count = self.store.rejected_count() if self.store is not None else 0
        for window in self.windows:
            window.set_rejected_count(count)

    def _printing_text(self, welcome: wire.Welcome | None) -> str:
        if not self.settings.device.printing:
            return tr("Printing: off — this device does not print")
        if welcome is None:
            return tr("Printing: waiting for the connector")
        if welcome.printing == wire.PrintingGrant.GRANTED:
            return tr("Printing: this device")
        holder = welcome.printing_holder or tr("another device")
        return tr("Printing is done by {holder}; this device does not print").format(holder=holder)


def show_fatal(message: str) -> None:
    """Say why the app cannot start: on stderr, and in a dialog when there is a screen."""
    print(f"kds: {message}", file=sys.stderr)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, tr("KDS cannot start"), message)


def ensure_qapplication() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def run_app(settings: Settings, data_dir: Path) -> int:
    """`kds run`: the app until its last window closes or SIGINT/SIGTERM; 0 on a clean exit."""
    app = ensure_qapplication()
    previous_handler = install_qt_message_handler()
    try:
        return _run_app(app, settings, data_dir)
    finally:
        qInstallMessageHandler(previous_handler)


def _run_app(app: QApplication, settings: Settings, data_dir: Path) -> int:
    kds_app = KdsApp(settings, data_dir)
    try:
        kds_app.open()
    except StoreError as exc:
        log.error("cannot open the data dir: %s", exc)
        show_fatal(str(exc))
        return 3

    async def main() -> None:
        done = asyncio.Event()
        app.lastWindowClosed.connect(done.set)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(done.set))
        await kds_app.start()
        await done.wait()
        log.info("stopping")
        await kds_app.stop()

    app.setQuitOnLastWindowClosed(False)
    # Python runs signal handlers only between bytecodes: wake it now and then.
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    loop = qasync.QEventLoop(app)
    try:
        with loop:
            loop.run_until_complete(main())
    finally:
        wake.stop()
    return 0
