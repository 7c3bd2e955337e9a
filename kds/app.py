"""Wiring of the display app: store, connector client, one window per monitor, on one Qt loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kds import wire
from kds.clock import utc_now
from kds.config_file import default_config_path
from kds.domain import printing_role as role_core
from kds.domain.kitchen import FireNow
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.monitors import RULES, MonitorFilter, MonitorKind
from kds.domain.orders import Applied, AppliedKind, OrderState
from kds.domain.printing_role import PrintingRole, RoleChange, RoleState, Setup
from kds.domain.retention import PruneSchedule
from kds.gc_policy import built_without_collection, settled_after_start
from kds.i18n import use_language, use_menu_language
from kds.kiosk import ScreenKeptOn
from kds.net import Backoff, Cause, ConnectionState, KdsClient, NotConnectedError, Phase
from kds.net import role as printing_role
from kds.net.role import RoleChangeError, RoleMemory
from kds.net.sync import Synced
from kds.settings import MonitorSettings, Settings
from kds.store import PRUNE_BATCH, KdsStore, StoreError, open_store
from kds.ui.actions import ActionBar, Kitchen, MonitorActions
from kds.ui.admin_pin import AdminGate, PinPad
from kds.ui.cards import tr
from kds.ui.connection import connection_severity, describe_connection
from kds.ui.kitchen_time import KitchenTime
from kds.ui.monitor_window import MonitorWindow, find_screen
from kds.ui.order_menu import MenuEntry
from kds.ui.orders_model import ChangesOf, KeepsCancelled, OrdersModel
from kds.ui.printer_lines import printer_alarms, printer_lines, station_printers
from kds.ui.printing_role import ask_yes_no, confirm_question, role_line, role_text
from kds.ui.qt_logging import install_qt_message_handler
from kds.ui.sound_process import SoundProcess
from kds.ui.sounds import MonitorSounds, SoundPlayerFactory
from kds.ui.staff_tools import StaffTools
from kds.ui.status import Severity, StatusLine, StatusModel
from kds.ui.sync_now import CatalogSync, wizard_sync
from kds.ui.unexpected_errors import UnexpectedErrors, describe
from printing.config import check_catalog
from printing.errors import PrintingError

if TYPE_CHECKING:
    from kds.ui.admin_area import AdminArea
    from printing.service import PrintService

log = logging.getLogger(__name__)

AppliedListener = Callable[[wire.Event, Applied], None]
"""Called on the loop thread after an event is stored and shown (e.g. the print service)."""

RESTART = 75
"""What `run_app` returns when the admin area asked for a restart with the saved config."""

_PRINTED_KINDS = (AppliedKind.CREATED, AppliedKind.UPDATED, AppliedKind.CANCELLED)

CANCELLED_KEPT_FOR = timedelta(hours=12)
"""At start, cancelled orders this recent come back to the screens that have not
acknowledged them (a kitchen's shift; older ones were long dealt with)."""


Confirm = Callable[[str, str], bool]
"""(title, question) -> did the person confirm?"""

RoleWork = Callable[[], Awaitable[None]]
"""A role effect that waits (the print service, the connector), ready to be awaited."""


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
        clock: Callable[[], datetime] = utc_now,
        backoff: Backoff | None = None,
        tick_ms: int = 1000,
        confirm: Confirm | None = None,
        sound_player: SoundPlayerFactory | None = None,
        config_path: Path | None = None,
    ) -> None:
        self.settings = settings
        self.config_path = config_path if config_path is not None else default_config_path()
        """The file the admin area's set-up wizard edits."""
        self.data_dir = data_dir
        self.clock = clock
        use_language(settings.device.language)
        use_menu_language(settings.device.menu_language)
        self.applied_listeners: list[AppliedListener] = []
        """Called with each applied event (each window's sounds)."""
        self.status = StatusModel()
        """What every window shows about the device; the windows follow its signals."""
        self.store: KdsStore | None = None
        self.client: KdsClient | None = None
        self.windows: list[MonitorWindow] = []
        self.time: KitchenTime | None = None
        """Scheduled release, all-day panels and speed of service, while open."""
        self.kitchen: Kitchen | None = None
        """The kitchen actions (bump, undo, recall...) and their outbox, while open."""
        self.actions: dict[str, MonitorActions] = {}
        """Monitor name -> its actions (monitors with cards)."""
        self.connection: ConnectionState | None = None
        self.print_service: PrintService | None = None
        """Runs only while this device holds the printing role."""
        self.role = RoleState()
        """The printing role (kds.domain.printing_role); changed only by `_feed`."""
        self.confirm: Confirm = confirm if confirm is not None else self._confirm_with_dialog
        self._role_work: deque[tuple[role_core.Effect, RoleWork]] = deque()
        self._role_worker: asyncio.Task[None] | None = None
        self.sound_player = sound_player
        """Builds each monitor's sound player; None: the screens stay silent."""
        self._printers_refresh_pending = False
        self.catalog_problems: list[str] = []
        """Route keys the last catalog (Sync now) does not know; shown on the expo."""
        self.unexpected_errors = UnexpectedErrors()
        """Logs and shows on every window what nothing else caught, while the app is open."""
        self.unexpected_errors.raised.connect(self.status.add_unexpected_error)
        self._catch_up: tuple[int, int] | None = None
        """(the device's last seq at the welcome, the connector's) while replaying."""
        self._stopping = False
        self._retention = settings.retention.retention()
        self._prune_schedule = PruneSchedule()
        self._backoff = backoff
        self._client_task: asyncio.Task[None] | None = None
        self.catalog_sync = CatalogSync(self._request_sync)
        """Sync now and the catalog line on the staff windows."""
        self.admin_gate = AdminGate(clock)
        """The admin PIN pad's wrong tries, for this app run."""
        self.on_restart: Callable[[], None] | None = None
        """Set by `run_app`: ends the run so that it starts again with the saved config."""
        self.restart_requested = False
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
        self.unexpected_errors.install()
        memory = RoleMemory.load(self.data_dir)
        now = self.clock()
        self._prune(now)
        self.time = KitchenTime(
            self.settings, self.store, release=self._show_released, fire_now=self.fire_now
        )
        stored = self.store.orders(now=now)
        # Cancelled orders a screen keeps until someone there acknowledges them.
        shown = {s.id for s in stored}
        stored += [
            s for s in self.store.cancelled_since(now - CANCELLED_KEPT_FOR) if s.id not in shown
        ]
        states = self.time.open(stored, now)
        log.info("restored %d open order(s) from %s", len(states), self.data_dir)
        self.kitchen = Kitchen(self.store, self._kitchen_config(), self.clock, self._send_outbox)
        self.kitchen.restore(stored)  # held scheduled orders too: Fire now decides on them
        self.kitchen.alarm_changed.connect(self._refresh_printers)
        self.status.set_rejected_count(self.store.rejected_count())
        for monitor in self.settings.monitors:
            monitor_filter = MonitorFilter.for_monitor(
                monitor, self.settings.stations, self.settings.kitchen
            )
            model = OrdersModel(
                monitor_filter,
                now,
                changes=self._changes_for(monitor),
                keeps=self._keeps_for(monitor),
            )
            model.reset(states)
            window = MonitorWindow(
                monitor,
                model,
                status=self.status,
                alarm_printers=self._alarm_printers(monitor),
                order_menu=self.order_menu if self.wants_printing else None,
                on_take_over=self.ask_take_over,
                on_stop_printing=self.ask_stop_printing,
                tools=self._staff_tools(monitor),
            )
            model.setParent(window)
            self._add_actions(window, self.kitchen)
            screen, warning = find_screen(monitor.screen)
            if warning:
                log.warning("monitor %s: %s", monitor.name, warning)
            window.set_screen_warning(warning)
            window.refresh(now)
            window.place_on(screen, kiosk=self.settings.device.kiosk)
            log.info(
                "monitor %s (%s) on screen %s at %s",
                monitor.name,
                monitor.kind.value,
                screen.name(),
                screen.geometry().topLeft().toTuple(),
            )
            self.windows.append(window)
            self.time.add_window(window)
            self._add_sounds(window)
        self.time.release_due(now)  # those whose time came while the app was off
        self._feed(role_core.Configured(self._setup(), memory.granted_since, memory.released))
        self._check_catalog()
        articles, groups = self.store.catalog()
        received_at = self.store.catalog_received_at()
        self.catalog_sync.show_stored(len(articles), len(groups), received_at)
        self._refresh_printers()  # the expo's alarm for stray lines, before the first tick
        self._timer.start()

    def _kitchen_config(self) -> KitchenConfig:
        """Where lines go and how bumps add up. By the lines' own groups, as the screens
        route them (kds.domain.monitors): the catalog's article groups are not used yet."""
        return KitchenConfig.build(self.settings.stations, self.settings.kitchen)

    def _places(self, monitor: MonitorSettings) -> tuple[str, ...] | None:
        """The stations a monitor acknowledges for (none: the expo); None for the guests'
        board, which acknowledges nothing."""
        if monitor.kind is MonitorKind.PICKUP:
            return None
        if monitor.kind is MonitorKind.EXPO:
            return ()
        return monitor.stations or tuple(s.id for s in self.settings.stations)

    def _changes_for(self, monitor: MonitorSettings) -> ChangesOf | None:
        """What the monitor's cards show as changed since acknowledged there."""
        places = self._places(monitor)
        if self.kitchen is None or places is None:
            return None
        return self.kitchen.changes_for(places)

    def _keeps_for(self, monitor: MonitorSettings) -> KeepsCancelled | None:
        """Which cancelled orders the monitor keeps until acknowledged there."""
        places = self._places(monitor)
        if self.kitchen is None or places is None:
            return None
        return self.kitchen.keeps_for(places)

    def _add_actions(self, window: MonitorWindow, desk: Kitchen) -> None:
        """Taps, keys, Recall and Undo on a monitor with cards (not the guests' board)."""
        view = window.tickets
        if view is None:
            return
        bar = ActionBar()
        window.add_action_bar(bar)
        station_ids = tuple(s.id for s in self.settings.stations)
        self.actions[window.monitor.name] = MonitorActions(
            desk, window.monitor, view, bar, station_ids
        )

    def _send_outbox(self) -> None:
        if self.client is not None:
            self.client.send_outbox()

    def _alarm_printers(self, monitor: MonitorSettings) -> frozenset[str]:
        """The printers whose problems the monitor's red line shows (its kind has one)."""
        config = self.settings.printing
        if config is None or not RULES[monitor.kind].printer_alarms:
            return frozenset()
        return station_printers(config, self.settings.stations, monitor)

    def _add_sounds(self, window: MonitorWindow) -> None:
        """The window's sounds (none without a player); they leave with the window."""
        if self.sound_player is None:
            return
        sounds = MonitorSounds(
            window,
            self.sound_player(window.monitor),
            self.clock,
            alarm_repeat_s=window.monitor.alarm_repeat_s,
        )
        listener = sounds.on_applied
        self.applied_listeners.append(listener)
        window.destroyed.connect(lambda: self.applied_listeners.remove(listener))
        if self.time is not None:
            released = self.time.release_listeners
            released.append(sounds.on_released)
            window.destroyed.connect(lambda: released.remove(sounds.on_released))

    async def start(self) -> None:
        """Open (if not yet) and connect to the connector in the background."""
        self.open()
        self.unexpected_errors.watch_loop(asyncio.get_running_loop())
        if self.settings.device.printing and self.settings.printing is None:
            log.warning("device.printing is on but the settings have no [printing] section")
        self._start_client()

    def _start_client(self) -> None:
        if self._stopping:
            return
        assert self.store is not None
        roles = (
            (wire.Role.DISPLAY, wire.Role.PRINTING) if self.asks_printing else (wire.Role.DISPLAY,)
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
            on_batch=self._on_batch,
            clock=self.clock,
            backoff=self._backoff,
        )
        self._client_task = asyncio.ensure_future(self.client.run())

    async def stop(self) -> None:
        """Disconnect, stop printing, close the windows and release the store."""
        self._timer.stop()
        self._stopping = True
        await self._role_settled()  # role changes in flight end first (none starts a client now)
        await self._stop_client()
        self._feed(role_core.Shutdown())
        await self._role_settled()
        for window in self.windows:
            window.close()
            window.deleteLater()
        self.windows.clear()
        if self.time is not None:
            self.time.close()
            self.time = None
        self.actions.clear()
        self.kitchen = None
        if self.store is not None:
            self.store.close()
            self.store = None
        self.unexpected_errors.uninstall()

    # --- access for tests, the demo and screenshots ----------------------------------------

    def window(self, name: str) -> MonitorWindow:
        for window in self.windows:
            if window.monitor.name == name:
                return window
        raise KeyError(name)

    def tick(self) -> None:
        """Once a second: ages, the clock, printer states, orders whose time is over, and a
        retention batch when one is due."""
        now = self.clock()
        for window in self.windows:
            window.model.tick(now)
            window.refresh(now)
        if self.time is not None:
            self.time.tick(now)
        self._show_printers(now)
        self._prune(now)

    def _prune(self, now: datetime) -> None:
        """One small retention batch (store, then print service) when due: at start, then
        hourly, batch after batch (one per tick) while there is more to remove."""
        if self.store is None or not self._prune_schedule.due(now):
            return
        before = self._retention.cutoff(now.astimezone())
        more = False
        try:
            pruned = self.store.prune(now, before)
            more = pruned.more
            if pruned.rejected:
                self.status.set_rejected_count(self.store.rejected_count())
            if self.print_service is not None:
                forgotten, _jobs = self.print_service.prune(before, PRUNE_BATCH)
                more = more or forgotten == PRUNE_BATCH
        except Exception:
            # Nothing is lost by not pruning: the next pass tries again.
            log.exception("retention: pruning failed; trying again in an hour")
            more = False
        self._prune_schedule.ran(now, more=more)

    @property
    def wants_printing(self) -> bool:
        """Configured to print: device.printing and a [printing] section."""
        return self.settings.device.printing and self.settings.printing is not None

    def _setup(self) -> Setup:
        if self.wants_printing:
            return Setup.PRINTING
        return Setup.NO_PRINTERS if self.settings.device.printing else Setup.NOT_PRINTING

    @property
    def is_printing(self) -> bool:
        """Holds the role, and the print service runs and has caught up with the store."""
        return self.role.printing

    @property
    def printing_role(self) -> PrintingRole:
        return self.role.role

    @property
    def asks_printing(self) -> bool:
        """Asks for the printing role in hello (not after staff stopped printing here)."""
        return self.role.asks_printing

    # --- client callbacks (loop thread) ----------------------------------------------------

    def _on_applied(self, event: wire.Event, applied: Applied) -> None:
        self._caught_up_to(event.seq)
        if self.kitchen is not None:
            self.kitchen.applied(event, applied)  # first: the cards then show it settled
        if applied.kind is AppliedKind.IGNORED:
            log.info("event seq %d ignored: %s", event.seq, applied.reason)
        elif applied.state is not None:
            if self.time is not None and not self.time.note(applied.state, self.clock()):
                return  # held back until its release (or released just now)
            for window in self.windows:
                window.model.post(applied.state)
            if self.role.printing and applied.kind in _PRINTED_KINDS:
                self._print(applied)
        elif applied.kind is AppliedKind.CATALOG:
            if self.time is not None:
                self.time.catalog_changed()
            self._check_catalog()
            self._refresh_printers()
            self._catalog_arrived(event)
        for listener in self.applied_listeners:
            try:
                listener(event, applied)
            except Exception:
                log.exception("applied-event listener %r failed", listener)

    def _on_batch(self) -> None:
        """A batch stored and acked: the monitors show it now, not a loop turn later."""
        for window in self.windows:
            window.model.flush()

    def _on_state(self, state: ConnectionState) -> None:
        self.connection = state
        if state.phase is not Phase.CONNECTED and self._catch_up is not None:
            self._catch_up = None
            self.status.set_catch_up(0, 0)
        log.info("connection: %s", state)
        if state.detail is not None and state.detail.cause is Cause.PRINTING_TAKEN_OVER:
            self._feed(role_core.TakenOver())
        self.status.set_connection(describe_connection(state), connection_severity(state.phase))

    def _on_welcome(self, welcome: wire.Welcome) -> None:
        if self.store is not None:
            self._catch_up = (self.store.last_seq() or 0, welcome.last_seq)
            self._caught_up_to(self._catch_up[0])
        log.info(
            "welcome from connector %s; printing %s%s",
            welcome.connector_id,
            welcome.printing.value if welcome.printing else "not asked",
            f" (held by {welcome.printing_holder})" if welcome.printing_holder else "",
        )
        if self._stopping:
            return  # a stopping app takes no role
        granted = welcome.printing == wire.PrintingGrant.GRANTED
        self._feed(role_core.Welcomed(granted, welcome.printing_holder))

    def _caught_up_to(self, seq: int) -> None:
        """Show the replay's progress on every window until `seq` reaches the welcome's."""
        if self._catch_up is None:
            return
        start, end = self._catch_up
        if seq >= end:
            self._catch_up = None
        self.status.set_catch_up(seq - start, end - start)

    def _on_rejected(self, seq: int | None, reason: str) -> None:
        log.warning("rejected event seq %s: %s", seq, reason)
        if seq is not None:
            self._caught_up_to(seq)
        self.status.set_rejected_count(self.store.rejected_count() if self.store else 0)

    # --- the printing role and the print service (loop thread) ---------------------------

    def _feed(self, event: role_core.Event) -> None:
        """Move the printing role by `event` and perform what it calls for, in order.

        Effects that wait (the print service, the connector) run one after the other on
        one task; the others happen now.
        """
        self.role, effects = role_core.transition(self.role, event, self.clock())
        for effect in effects:
            match effect:
                case role_core.ShowRole():
                    self._show_role()
                case role_core.SaveMemory(granted_since, released):
                    self._save_role_memory(RoleMemory(granted_since, released))
                case role_core.Reconcile():
                    assert self.print_service is not None
                    self._reconcile(self.print_service)
                case role_core.AskConfirm(change, holder):
                    if self.confirm(*confirm_question(change, holder)):
                        self._feed(role_core.ChangeConfirmed(change))
                case role_core.StartPrintService():
                    self._queue_role_work(effect, self._start_print_service)
                case role_core.StopPrintService():
                    # Nothing reaches the service from now on; it stops in turn.
                    service, self.print_service = self.print_service, None
                    self._queue_role_work(effect, partial(self._stop_print_service, service))
                case role_core.CallConnector(change):
                    self._queue_role_work(effect, partial(self._call_connector, change))
                case role_core.Reconnect():
                    self._queue_role_work(effect, self._reconnect)

    def _queue_role_work(self, effect: role_core.Effect, work: RoleWork) -> None:
        self._role_work.append((effect, work))
        if self._role_worker is None or self._role_worker.done():
            self._role_worker = asyncio.ensure_future(self._work_on_role())

    async def _work_on_role(self) -> None:
        """The one task that performs the role's waiting effects, in the order they came."""
        while self._role_work:
            effect, work = self._role_work.popleft()
            try:
                await work()
            except Exception as exc:  # noqa: BLE001 - logged and shown by the loop's handler
                asyncio.get_running_loop().call_exception_handler(
                    {"message": f"printing role: {effect} failed", "exception": exc}
                )

    async def _role_settled(self) -> None:
        """Wait until every role effect that waits has been performed."""
        while self._role_worker is not None and not self._role_worker.done():
            await self._role_worker

    def _save_role_memory(self, memory: RoleMemory) -> None:
        try:
            memory.save(self.data_dir)
        except Exception:
            log.exception("could not save the printing role memory in %s", self.data_dir)

    @property
    def _role_memory(self) -> RoleMemory:
        """What the device remembers about its role (as saved by SaveMemory)."""
        return RoleMemory(self.role.granted_since, self.role.role is PrintingRole.RELEASED)

    async def _start_print_service(self) -> None:
        # Spooler, jobs and templates load with the role, not before the first paint.
        from printing.service import PrintService

        assert self.settings.printing is not None
        service = PrintService(
            self.settings.printing,
            self.data_dir,
            self.clock,
            on_change=self._printers_changed,
            language=self.settings.device.language,
        )
        try:
            await service.start()
        except Exception as exc:
            log.exception("the print service could not start")
            expected = isinstance(exc, PrintingError | OSError)
            self._feed(role_core.ServiceFailed(str(exc) if expected else describe(exc)))
            await service.stop()
        else:
            self.print_service = service
            log.info("print service started in %s", self.data_dir)
            self._feed(role_core.ServiceStarted())
        self._refresh_printers()

    async def _stop_print_service(self, service: PrintService | None) -> None:
        try:
            if service is not None:
                await service.stop()
                log.info("print service stopped")
        except Exception as exc:
            log.exception("the print service did not stop cleanly")
            self._feed(role_core.ServiceStopFailed(describe(exc)))
        self._refresh_printers()

    async def _call_connector(self, change: RoleChange) -> None:
        """Move the role through the connector's HTTP API; feeds the outcome."""
        assert self.store is not None
        url, token = self.settings.connector.url, self.settings.connector.token
        device_id = self.store.device_id
        try:
            if change is RoleChange.TAKE_OVER:
                name = self.store.device_name
                status = await printing_role.takeover(url, token, device_id, name)
            else:
                status = await printing_role.release(url, token, device_id)
        except Exception as exc:
            if not isinstance(exc, RoleChangeError):
                log.exception("the printing role change (%s) failed", change.value)
            reason = str(exc) if isinstance(exc, RoleChangeError) else describe(exc)
            self._feed(role_core.ChangeFailed(change, reason))
            return
        log.warning("printing role change by this device: %s (%s)", change.value, status)
        self._feed(role_core.ChangeSucceeded(change))

    async def _reconnect(self) -> None:
        """A new session, asking for printing or not as the role now says."""
        await self._stop_client()
        self._start_client()

    def _reconcile(self, service: PrintService) -> None:
        """Hand the orders that could still need paper to the service again.

        `handle()` is idempotent, so this only queues what a crash between the store's
        commit and the enqueue left out. Those are the open orders and those changed within
        `max_order_age_h` (an index search: the cost follows them, not the history). Orders
        first seen before the grant belong to the former holder, unless this service
        already printed something for them.
        """
        assert self.store is not None
        since = self._role_memory.granted_since
        recent = self.clock() - timedelta(hours=service.config.max_order_age_h)
        count = 0
        for state in self.store.orders_open_or_changed_since(recent):
            if (since is None or state.first_seen_at < since) and not service.jobs(state.id):
                continue
            if self.time is not None and self.time.holds(state.id):
                continue  # prints at its release
            try:
                service.handle(
                    state.order, state.cancelled, state.cancel_reason, state.first_seen_at
                )
            except Exception:
                log.exception("could not queue the tickets of order %s", state.display_id)
                continue
            count += 1
        log.info("printing reconciled %d order(s) seen since %s", count, since)

    def _print(self, applied: Applied) -> None:
        if applied.state is not None:
            self._print_state(applied.state)

    def _print_state(self, state: OrderState) -> None:
        service = self.print_service
        if service is None:
            return
        try:
            service.handle(state.order, state.cancelled, state.cancel_reason, state.first_seen_at)
        except Exception:
            # The store has the event: the next start's reconcile queues it again.
            log.exception("could not queue the tickets of order %s", state.display_id)
            self._feed(role_core.QueueFailed(state.display_id))

    def _show_released(self, states: list[OrderState]) -> None:
        """Scheduled orders just released: on the monitors, and their tickets queued."""
        for state in states:
            for window in self.windows:
                window.model.post(state)
            if self.role.printing:
                self._print_state(state)

    def fire_now(self, order_id: str) -> None:
        """A strip's "Fire now": the whole order in preparation, through the outbox (kept
        while offline, sent once connected); its echo releases the order on every device
        (`kds.domain.schedule`)."""
        if self.kitchen is None:
            log.warning("fire now for %s: the app is not open", order_id)
            return
        self.kitchen.act(FireNow(order_id))

    def _check_catalog(self) -> None:
        """Compare the printer routes with the last catalog the connector sent (Sync now)."""
        config = self.settings.printing
        if config is None or self.store is None:
            return
        articles, groups = self.store.catalog()
        if not articles and not groups:
            return  # never synced: nothing to compare with
        self.catalog_problems = check_catalog(
            config, {g.id for g in groups}, {a.ref for a in articles}
        )
        for problem in self.catalog_problems:
            log.warning("printer routes after the catalog sync: %s", problem)

    def _catalog_arrived(self, event: wire.Event) -> None:
        """Every stored catalog (Sync now or by itself) updates the staff windows' line."""
        received_at = self.store.catalog_received_at() if self.store is not None else None
        if isinstance(event, wire.Catalog) and received_at is not None:
            synced = Synced(len(event.articles), len(event.groups), received_at)
            self.catalog_sync.catalog_arrived(synced, self.catalog_problems)

    async def _request_sync(self) -> None:
        if self.client is None:
            raise NotConnectedError(tr("not connected to the connector"))
        await self.client.request_sync()

    # --- the admin area (behind the PIN) ---------------------------------------------

    def _staff_tools(self, monitor: MonitorSettings) -> StaffTools | None:
        """Sync now and Admin on every window but the guests' pickup board."""
        if monitor.kind is MonitorKind.PICKUP:
            return None
        tools = StaffTools(self.catalog_sync)
        tools.admin.clicked.connect(lambda: self.open_admin(tools.window()))
        return tools

    def open_admin(self, parent: QWidget) -> tuple[PinPad | None, AdminArea | None]:
        """The Admin button: the PIN pad, then the admin area."""
        # The area's wizard and pairing screen (aiohttp, printer discovery, ticket
        # templates) load at the first tap, not before the screens' first paint.
        from kds.ui.admin_area import AdminContext, ask_for_admin

        assert self.store is not None
        loop = asyncio.get_running_loop()
        store = self.store

        def catalog() -> tuple[list[tuple[str, str]], list[tuple[str, str, str | None]]]:
            articles, groups = store.catalog()
            return [(g.id, g.name) for g in groups], [(a.ref, a.name, a.group) for a in articles]

        context = AdminContext(
            self.settings,
            self.config_path,
            self.data_dir,
            store.device_id,
            wizard_sync(self.catalog_sync, catalog, loop),
            self.restart if self.on_restart is not None else None,
        )
        return ask_for_admin(parent, context, self.admin_gate)

    def restart(self) -> None:
        """The admin area's "Restart now" after saving: this run ends and `kds run` starts
        the app again with the saved config."""
        self.restart_requested = True
        if self.on_restart is not None:
            self.on_restart()

    def _printers_changed(self) -> None:
        """The service's on_change: coalesced into one refresh per loop turn."""
        if self._printers_refresh_pending:
            return
        self._printers_refresh_pending = True
        asyncio.get_running_loop().call_soon(self._refresh_printers)

    def _refresh_printers(self) -> None:
        self._printers_refresh_pending = False
        self._show_printers(self.clock())

    def _show_printers(self, now: datetime) -> None:
        """The printers' lines (the expo's area) and alarms (the stations' red line), now."""
        service = self.print_service
        try:
            states = service.snapshot() if service is not None else []
            lines = (
                printer_lines(states, service.unrouted_lines(), self.catalog_problems, now)
                if service is not None
                else []
            )
        except Exception:
            log.exception("the printers' status could not be read")
            unavailable = StatusLine(tr("Printer status unavailable — see log"), problem=True)
            self.status.set_printer_lines([unavailable])
            return
        # The expo's alarm for dishes no station takes shares the expo's status area.
        alarms = self.kitchen.alarm_lines() if self.kitchen is not None else []
        self.status.set_printer_lines([*lines, *(StatusLine(a, problem=True) for a in alarms)])
        self.status.set_printer_alarms(printer_alarms(states))

    def printing_text(self) -> tuple[str, Severity]:
        """The role line every window shows (without its problem), and how loud."""
        return role_text(self.role, self._printer_names())

    def _printer_names(self) -> list[str]:
        printing = self.settings.printing
        return [p.name for p in printing.printers] if printing is not None else []

    def _show_role(self) -> None:
        text, severity = role_line(self.role, self._printer_names())
        self.status.set_printing_role(
            text, severity, can_take_over=self.role.can_take_over, can_stop=self.role.can_stop
        )

    # --- role controls (expo buttons) --------------------------------------------------

    def _confirm_with_dialog(self, title: str, question: str) -> bool:
        parent = next((w for w in self.windows if w.rules.role_controls), None)
        return ask_yes_no(parent, title, question)

    def ask_take_over(self) -> None:
        """The "Take over printing" button: confirm, then take the role from its holder;
        the connector then reconnects this device with `granted`."""
        self._feed(role_core.ChangeRequested(RoleChange.TAKE_OVER))

    def ask_stop_printing(self) -> None:
        """The "Stop printing here" button: confirm, then release the role; the device
        stops printing and no longer asks for it."""
        self._feed(role_core.ChangeRequested(RoleChange.RELEASE))

    async def _stop_client(self) -> None:
        client, task = self.client, self._client_task
        self._client_task = None
        if client is not None:
            await client.stop()
        if task is not None:
            await task

    # --- reprint menu ------------------------------------------------------------------

    def order_menu(self, order_id: str) -> list[MenuEntry]:
        """A card's menu: reprint each printed ticket of the order on this device."""
        from kds.ui.reprint_menu import reprint_menu  # with the print service's modules

        return reprint_menu(self.print_service, order_id, self.printing_text()[0])


def show_fatal(message: str, title: str | None = None) -> None:
    """Say why the app cannot start (or had to stop): on stderr, and in a dialog when there
    is a screen."""
    print(f"kds: {message}", file=sys.stderr)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, title or tr("KDS cannot start"), message)


def ensure_qapplication() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def run_app(settings: Settings, data_dir: Path, config_path: Path | None = None) -> int:
    """`kds run`: the app until its last window closes or SIGINT/SIGTERM; 0 on a clean exit."""
    app = ensure_qapplication()
    previous_handler = install_qt_message_handler()
    try:
        return _run_app(app, settings, data_dir, config_path)
    except Exception as exc:
        log.exception("the app stopped on an unexpected error")
        show_fatal(
            tr("KDS stopped on an unexpected error: {error} (details in the log)").format(
                error=describe(exc)
            ),
            tr("KDS stopped"),
        )
        return 1
    finally:
        qInstallMessageHandler(previous_handler)


def _run_app(
    app: QApplication, settings: Settings, data_dir: Path, config_path: Path | None
) -> int:
    sounds = SoundProcess()
    kds_app = KdsApp(settings, data_dir, sound_player=sounds.player, config_path=config_path)
    try:
        with built_without_collection():  # the orders and windows live as long as the app
            kds_app.open()
    except StoreError as exc:
        log.error("cannot open the data dir: %s", exc)
        show_fatal(str(exc))
        return 3

    restart = False

    async def main() -> None:
        nonlocal restart
        done = asyncio.Event()
        app.lastWindowClosed.connect(done.set)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(done.set))
        kds_app.on_restart = done.set
        try:
            await kds_app.start()
            sounds.start()  # after the first paint: it loads QtMultimedia and every sound
            await done.wait()
            restart = kds_app.restart_requested
            log.info("restarting with the saved settings" if restart else "stopping")
        finally:  # also after an unexpected error: release the data dir and the printers
            app.lastWindowClosed.disconnect(done.set)
            await kds_app.stop()
            sounds.close()

    app.setQuitOnLastWindowClosed(False)
    # Python runs signal handlers only between bytecodes: wake it now and then.
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    loop = qasync.QEventLoop(app)
    platform = QGuiApplication.platformName()
    screen = ScreenKeptOn(platform) if settings.device.kiosk else contextlib.nullcontext()
    try:
        # What start-up built lives as long as the app: the collector stops walking it.
        with screen, loop, settled_after_start(loop):
            loop.run_until_complete(main())
    finally:
        wake.stop()
    return RESTART if restart else 0
