"""The kitchen's time on the monitors: scheduled orders held back and released, the all-day
panels of the stations, and the speed-of-service record and screen.

The app hands it every order state it stores (`note`) and its 1 s tick; it says which
states the monitors show and the printers print now, and calls `release` with the held
orders whose time came (or that a device fired early).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer

from kds.domain.allday import all_day
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.monitors import MonitorKind
from kds.domain.orders import OrderState
from kds.domain.retention import Retention
from kds.domain.service_times import ServiceReport, service_day, service_record, service_report
from kds.releases import Outcome, Releases
from kds.settings import Settings
from kds.store import KdsStore
from kds.ui.allday_panel import AllDayPanel
from kds.ui.cards import tr
from kds.ui.monitor_window import MonitorWindow
from kds.ui.orders_model import CLOCK_ROLES
from kds.ui.scheduled import ScheduledBar, touch_button
from kds.ui.service_screen import ServiceScreen

log = logging.getLogger(__name__)

ReleaseListener = Callable[[list[OrderState]], None]
"""Called with the orders just released (each station's sounds)."""

SERVICE_BATCH = 500
"""Orders whose timings one tick writes at most (a replay's thousands go over a few ticks)."""

SERVICE_SLICE = 4
"""Orders whose timings one pass writes (0.5 ms, 1.2 ms p99 here): a tick's passes run a loop
turn apart, so an order arriving or a tap meanwhile waits for one pass, not for the whole
second's timings (a lunch rush's hundred, 50 orders/s and their bumps, took 11-16 ms)."""

ALLDAY_REFRESH_MS = 200
"""The all-day panel counts again this long after the first change (a burst is one count)."""


def kitchen_config(settings: Settings, store: KdsStore) -> KitchenConfig:
    """The stations and `[kitchen]` settings, with the article groups of the last catalog."""
    articles, _groups = store.catalog()
    groups = {a.ref: a.group for a in articles if a.group is not None}
    return KitchenConfig.build(settings.stations, settings.kitchen, groups)


class _AllDay(QObject):
    """One station window's all-day toggle and panel, counted again when its cards change."""

    def __init__(self, window: MonitorWindow, count: Callable[[MonitorWindow], None]) -> None:
        super().__init__(window)
        self.window = window
        self.panel = AllDayPanel()
        self.panel.hide()
        window.add_beside_orders(self.panel)
        self.button = touch_button(tr("All day"), "allday_toggle")
        self.button.setCheckable(True)
        self.button.toggled.connect(self._toggled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ALLDAY_REFRESH_MS)
        self._timer.timeout.connect(lambda: count(window))
        model = window.model
        model.rowsInserted.connect(self.changed)
        model.rowsRemoved.connect(self.changed)
        model.modelReset.connect(self.changed)
        model.dataChanged.connect(self._data_changed)

    def _toggled(self, on: bool) -> None:
        self.panel.setVisible(on)
        if on:
            self._timer.start(0)

    def _data_changed(self, _first: object, _last: object, roles: Sequence[int] = ()) -> None:
        if roles and set(roles) <= CLOCK_ROLES:
            return  # the 1 s tick: no count changed
        self.changed()

    def changed(self, *_: object) -> None:
        if self.panel.isVisible() and not self._timer.isActive():
            self._timer.start()


class KitchenTime:
    """Scheduled release, all-day panels and speed of service for one running app."""

    def __init__(
        self,
        settings: Settings,
        store: KdsStore,
        *,
        release: Callable[[list[OrderState]], None],
        fire_now: Callable[[str], None],
    ) -> None:
        self.settings = settings
        self.store = store
        self.config = kitchen_config(settings, store)
        self.releases = Releases(store, self.config)
        self._release = release
        """Shows and prints orders just released (the app's usual path for a state)."""
        self._fire_now = fire_now
        self._retention: Retention = settings.retention.retention()
        self.release_listeners: list[ReleaseListener] = []
        self.bars: dict[str, ScheduledBar] = {}
        """Monitor name -> its Scheduled strip (station and expo monitors)."""
        self.allday: dict[str, _AllDay] = {}
        """Monitor name -> its all-day toggle and panel (station monitors)."""
        self.service_screen: ServiceScreen | None = None
        self._windows: list[MonitorWindow] = []
        self._service_dirty: set[str] = set()
        self._service_left = 0  # of this tick's SERVICE_BATCH
        self._service_pass = QTimer()
        self._service_pass.setSingleShot(True)
        self._service_pass.timeout.connect(self._write_service_pass)

    # --- start ---------------------------------------------------------------------------

    def open(self, states: Sequence[OrderState], now: datetime) -> list[OrderState]:
        """At start: hold the scheduled orders again (and any the store had not noted yet);
        the states the monitors show now. Orders overdue meanwhile are released by the
        first `release_due` (after the windows exist)."""
        for ticket in self.store.tickets(s.id for s in states if self._may_wait(s)):
            self.releases.note(ticket, now)
        held = self.releases.held
        # In the store's order (first seen first), held ones left out.
        result = [s for s in states if s.id not in held]
        # Timings of today's orders, in case a power cut took the last writes.
        since = self._retention.business_day_start(now.astimezone())
        self._service_dirty.update(self.store.ids_open_or_changed_since(since))
        return result

    def add_window(self, window: MonitorWindow) -> None:
        """The monitor's Scheduled strip, its all-day toggle (stations) or its
        speed-of-service button (expo)."""
        kind = window.monitor.kind
        if kind is MonitorKind.PICKUP:
            return
        bar = ScheduledBar(window.model.monitor_filter)
        window.add_above_orders(bar)
        bar.fire_now.connect(self._fire_now)
        self.bars[window.monitor.name] = bar
        if kind is MonitorKind.STATION:
            allday = _AllDay(window, self.count_all_day)
            bar.add_button(allday.button)
            self.allday[window.monitor.name] = allday
        else:
            button = touch_button(tr("Speed of service"), "service_button")
            button.clicked.connect(lambda: self.show_service(window))
            bar.add_button(button)
        self._windows.append(window)
        self._show_waiting(window.model.now)

    # --- events and the clock ------------------------------------------------------------

    def holds(self, order_id: str) -> bool:
        return self.releases.holds(order_id)

    def note(self, state: OrderState, now: datetime) -> bool:
        """A state the store just applied: True when the monitors show it and the printers
        print it as usual (False: held back, or released here and now)."""
        self._service_dirty.add(state.id)
        if not self._may_wait(state):
            return True
        ticket = self.store.ticket(state.id)
        if ticket is None:
            return True
        outcome = self.releases.note(ticket, now)
        if outcome is Outcome.NOT_HELD:
            return True
        if outcome is Outcome.DUE:
            self._release_now([state.id], now)
        else:
            self._show_waiting(now)
        return False

    def _may_wait(self, state: OrderState) -> bool:
        """Held now, or an order for later (the others need no look at their times)."""
        fulfillment = state.order.fulfillment
        scheduled = not fulfillment.asap and (
            fulfillment.prepare_at is not None or fulfillment.due_at is not None
        )
        return scheduled or self.releases.holds(state.id)

    def tick(self, now: datetime) -> None:
        """Once a second: release what is due, move the countdowns, write the timings."""
        due = self.releases.due(now)
        if due:
            self._release_now(due, now)
        for bar in self.bars.values():
            bar.tick(now)
        self._service_left = SERVICE_BATCH
        if self._service_dirty and not self._service_pass.isActive():
            self._service_pass.start(0)

    def close(self) -> None:
        """Write every timing not written yet (the app is stopping)."""
        self._service_pass.stop()
        self.flush_service(limit=None)

    def release_due(self, now: datetime) -> None:
        """Release every held order whose time has come (at start: those overdue)."""
        due = self.releases.due(now)
        if due:
            self._release_now(due, now)

    def _release_now(self, order_ids: list[str], now: datetime) -> None:
        states = [t.state for t in self.store.tickets(order_ids)]
        log.info("released %s", ", ".join(f"#{s.display_id}" for s in states))
        # Shown and queued for printing first, then noted as released: a crash between
        # the two releases them again at start, and the print service prints once.
        self._release(states)
        self.releases.released(order_ids, now)
        self._service_dirty.update(order_ids)
        self._show_waiting(now)
        for listener in self.release_listeners:
            try:
                listener(states)
            except Exception:
                log.exception("release listener %r failed", listener)

    def _show_waiting(self, now: datetime) -> None:
        held = self.releases.held
        states = {t.id: t.state for t in self.store.tickets(held)}
        waiting = sorted(
            ((states[i], at) for i, at in held.items() if i in states),
            key=lambda pair: (pair[1], pair[0].id),
        )
        for bar in self.bars.values():
            bar.set_waiting(waiting, now)

    # --- all-day -------------------------------------------------------------------------

    def count_all_day(self, window: MonitorWindow) -> None:
        """Count the window's released open tickets again into its panel."""
        allday = self.allday.get(window.monitor.name)
        if allday is None or not allday.panel.isVisible():
            return
        now = window.model.now
        tickets = self.store.tickets(window.model.order_ids())
        stations = tuple(window.model.monitor_filter.stations)
        allday.panel.set_counts(all_day(tickets, stations, self.config, now))

    # --- speed of service ----------------------------------------------------------------

    def _write_service_pass(self) -> None:
        """One pass of a tick's writing; the next one after the loop turned."""
        count = min(SERVICE_SLICE, self._service_left)
        self._service_left -= count
        self.flush_service(limit=count)
        if self._service_dirty and self._service_left > 0:
            self._service_pass.start(0)

    def flush_service(self, limit: int | None = None) -> None:
        """Write the timings of up to `limit` orders (None: all) changed since they were
        last written (one transaction)."""
        if not self._service_dirty:
            return
        dirty = set(itertools.islice(self._service_dirty, limit))
        self._service_dirty -= dirty
        records = []
        for ticket in self.store.tickets(dirty):
            record = service_record(ticket, self.config)
            records.append((record, self._day(record.released_at)))
        try:
            self.store.record_service(records)
        except Exception:
            log.exception("could not write the speed-of-service timings; trying again")
            self._service_dirty |= dirty

    def _day(self, at: datetime) -> date:
        """The service day of `at`, in this machine's time zone."""
        local = at.astimezone()
        assert local.tzinfo is not None
        return service_day(local, local.tzinfo, self._retention.day_starts_at)

    def report(self, now: datetime) -> ServiceReport:
        """Today's figures (the service day `now` falls in)."""
        self.flush_service(limit=None)
        day = self._day(now)
        zone = now.astimezone().tzinfo
        assert zone is not None
        return service_report(
            self.store.service_records(day),
            day,
            zone,
            self.config,
            now,
            day_starts_at=self._retention.day_starts_at,
        )

    def show_service(self, window: MonitorWindow) -> None:
        """The expo's "Speed of service" button: today's figures in a dialog."""
        if self.service_screen is None:
            screen = ServiceScreen(window)
            screen.refresh_button.clicked.connect(lambda: self._refresh_service(window))
            self.service_screen = screen
        self._refresh_service(window)
        self.service_screen.show()
        self.service_screen.raise_()

    def _refresh_service(self, window: MonitorWindow) -> None:
        if self.service_screen is not None:
            self.service_screen.show_report(self.report(window.model.now))

    # --- catalog -------------------------------------------------------------------------

    def catalog_changed(self) -> None:
        """A new catalog: lines without a group may route (and time) differently."""
        self.config = kitchen_config(self.settings, self.store)
        self.releases.config = self.config
