"""The kinds of monitor and their rules: which orders and lines each shows, what else it shows.

Adding a kind is one member of `MonitorKind` and one row of `RULES` here, one row of
`kds.ui.views.VIEWS` (how it looks) and one of `kds.ui.sounds.CUES` (what it plays).
The kitchen workflow's screen rules (`kds.domain.screens`: `on_stations`, `on_expo`,
`pickup_column`) are the next `shows` of each row, once bumping is wired.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from functools import partial
from types import MappingProxyType
from typing import Protocol

from kds import wire
from kds.domain.kitchen_settings import KitchenConfig, KitchenSettings, Thresholds
from kds.domain.orders import CANCELLED_VISIBLE_FOR, OrderState, is_visible
from kds.domain.routing import StationSpec
from kds.domain.schedule import prep_time
from kds.domain.tickets import DONE

DEFAULT_THRESHOLDS = KitchenSettings().thresholds(None)
"""Amber after 5 minutes, red after 10: the `[kitchen]` defaults."""


class TimerColour(IntEnum):
    """A card header's colour by the order's age against its monitor's thresholds."""

    CALM = 0
    AMBER = 1
    RED = 2


class MonitorKind(StrEnum):
    STATION = "station"
    """A cook's screen: the lines of its stations."""
    EXPO = "expo"
    """The counter/expo screen: whole orders, bumped when handed over."""
    PICKUP = "pickup"
    """The customer board: "in preparation" and "ready" numbers."""


class MonitorLike(Protocol):
    """A configured monitor (kds.settings.MonitorSettings) as the rules read it."""

    @property
    def kind(self) -> MonitorKind: ...

    @property
    def stations(self) -> Sequence[str]:
        """The station ids it shows; none: all of them."""
        ...

    @property
    def pickup_types(self) -> Sequence[wire.FulfillmentType]:
        """The kinds of order a pickup board shows."""
        ...

    @property
    def ready_shown_minutes(self) -> float:
        """How long a pickup board shows a ready number nobody marked collected."""
        ...


def station_groups(
    stations: Sequence[StationSpec], wanted: Sequence[str]
) -> dict[str, frozenset[str]]:
    """station id -> its article groups, for the stations a monitor shows (none = all)."""
    chosen = [s for s in stations if not wanted or s.id in wanted]
    return {s.id: frozenset(s.groups) for s in chosen}


def _station_takes(groups: frozenset[str], item: wire.Item) -> bool:
    # A station with no groups takes every line (settings.Station docstring).
    return not groups or (item.group is not None and item.group in groups)


def line_done(state: OrderState, item: wire.Item) -> bool:
    """The line was marked ready (or collected) on its own."""
    return state.line_status.get(item.line_id) in DONE


@dataclass(frozen=True)
class MonitorFilter:
    """Which orders and which lines one monitor shows, by its kind's `rules`."""

    kind: MonitorKind
    stations: Mapping[str, frozenset[str]]
    """station id -> groups; empty for a device without stations (all lines)."""
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    """When its cards' timers turn amber and red."""
    pickup_types: frozenset[wire.FulfillmentType] = frozenset(wire.FulfillmentType)
    """The kinds of order a pickup board shows."""
    ready_shown_for: timedelta = timedelta(minutes=10)
    """How long a pickup board shows a ready order nobody marked collected."""
    taken: frozenset[str] | None = None
    """The groups some configured station takes; None when a station takes every line (or
    none is configured): then no line is unrouted."""
    default_station: str | None = None
    """Where a line no station takes goes (`[kitchen] default_station`); None: everywhere,
    marked "no station"."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Station id -> its name, for the expo's progress line."""
    prep: Callable[[wire.Order], timedelta] | None = None
    """The prep time of an order's lines (`schedule.prep_time`): a scheduled order with only
    a due time starts that long before it. None: it starts at its due time."""

    @classmethod
    def for_monitor(
        cls,
        monitor: MonitorLike,
        stations: Sequence[StationSpec],
        kitchen: KitchenSettings | None = None,
    ) -> MonitorFilter:
        kitchen = kitchen or KitchenSettings()
        groups = station_groups(stations, monitor.stations)
        limits = monitor_thresholds(kitchen, monitor, list(groups))
        catch_all = not stations or any(not s.groups for s in stations)
        taken = None if catch_all else frozenset(g for s in stations for g in s.groups)
        default = kitchen.default_station
        known = default if any(s.id == default for s in stations) else None
        names = {s.id: s.name for s in stations}
        prep = partial(prep_time, config=KitchenConfig.build(stations, kitchen))
        return cls(
            monitor.kind,
            groups,
            limits,
            frozenset(monitor.pickup_types),
            timedelta(minutes=monitor.ready_shown_minutes),
            taken,
            known,
            MappingProxyType(names),
            prep,
        )

    def progress(self, state: OrderState) -> list[tuple[str, bool]]:
        """(station name, done) for each station that has lines of the order, in configured
        order: what the expo shows as "Grill ✓ · Bar …". Done is its bump, or (as the
        domain's `bump_order_when_lines_done` default) every one of its lines struck; a
        ready order is done everywhere, a recall undoes a station's done."""
        result: list[tuple[str, bool]] = []
        whole_done = state.overall_status in DONE
        for sid, groups in self.stations.items():
            lines = [i for i in state.order.items if self._takes(sid, groups, i)]
            if not lines:
                continue
            own = state.status.get(sid)
            done = own != wire.OrderStatus.RECALLED and (
                whole_done or own in DONE or all(line_done(state, i) for i in lines)
            )
            result.append((self.names.get(sid, sid), done))
        return result

    def unrouted(self, item: wire.Item) -> bool:
        """No station's groups take the line (kds.domain.routing): it goes to the default
        station, else to every station marked "no station"."""
        return self.taken is not None and (item.group is None or item.group not in self.taken)

    def _takes(self, station: str, groups: frozenset[str], item: wire.Item) -> bool:
        if self.unrouted(item):
            return self.default_station in (None, station)
        return _station_takes(groups, item)

    @property
    def rules(self) -> KindRules:
        return RULES[self.kind]

    def lines_of(self, state: OrderState) -> list[wire.Item]:
        """The order's lines this monitor shows: its stations' lines where its kind filters
        by station (and the device has stations), else all of them."""
        if not self.rules.by_stations or not self.stations:
            return list(state.order.items)
        return [
            item
            for item in state.order.items
            if any(self._takes(sid, groups, item) for sid, groups in self.stations.items())
        ]

    def shows(self, state: OrderState, now: datetime) -> bool:
        """Whether the order is on this monitor at `now`."""
        return self.rules.shows(self, state, now)

    def leaves_at(self, state: OrderState) -> datetime | None:
        """When a shown order leaves by the clock alone: a cancelled card after its visible
        period, a ready number on the pickup board after `ready_shown_for`."""
        if state.cancelled and state.cancelled_at is not None:
            return state.cancelled_at + CANCELLED_VISIBLE_FOR
        if self.kind is MonitorKind.PICKUP and state.overall_status == wire.OrderStatus.READY:
            return state.updated_at + self.ready_shown_for
        return None


def _on_station(monitor: MonitorFilter, state: OrderState, now: datetime) -> bool:
    """A station shows the lines of its stations; an order leaves it when every one of its
    stations that has lines in the order marked it ready (or collected), or the whole order
    is ready. A cancelled order stays (flagged) while it is visible at all."""
    if not is_visible(state, now, MonitorKind.STATION.value):
        return False
    if state.overall_status in DONE and not state.cancelled:
        return False
    lines = monitor.lines_of(state)
    if not lines:
        return False
    if state.cancelled:
        return True
    involved = [
        sid
        for sid, groups in monitor.stations.items()
        if any(monitor._takes(sid, groups, i) for i in lines)
    ]
    if any(state.status.get(sid) == wire.OrderStatus.RECALLED for sid in involved):
        return True  # put back by a recall, even with its lines struck through
    if all(line_done(state, i) for i in lines):
        return False
    return not involved or not all(state.status.get(sid) in DONE for sid in involved)


def _on_expo(_monitor: MonitorFilter, state: OrderState, now: datetime) -> bool:
    """The expo shows whole open orders, ready ones until collected."""
    return is_visible(state, now, MonitorKind.EXPO.value)


def _on_pickup(monitor: MonitorFilter, state: OrderState, now: datetime) -> bool:
    """The guests' board shows the numbers of orders a guest collects (pickup, curbside,
    drive-thru by default) in preparation and ready, a ready one until collected or for
    `ready_shown_for`; a cancelled one goes at once."""
    if state.order.fulfillment.type not in monitor.pickup_types:
        return False
    if not is_visible(state, now, MonitorKind.PICKUP.value):
        return False
    if state.overall_status == wire.OrderStatus.READY:
        return now < state.updated_at + monitor.ready_shown_for
    return True


@dataclass(frozen=True)
class KindRules:
    """What one kind of monitor shows, besides the status lines every monitor has."""

    shows: Callable[[MonitorFilter, OrderState, datetime], bool]
    """(the monitor, an order, now) -> is the order on it."""
    by_stations: bool = False
    """It shows only the lines of its stations."""
    printer_lines: bool = False
    """It lists every printer's state (and lines no printer takes)."""
    printer_alarms: bool = False
    """A red line when a printer its stations use needs a person (rung where its CUES row
    in kds.ui.sounds has the printer alarm)."""
    role_controls: bool = False
    """It offers "Take over printing" and "Stop printing here" (and their dialogs)."""
    staff_lines: bool = True
    """It shows the staff lines (connection, catching up, warnings); a guests' screen shows
    a connection problem only as a small dot."""


RULES: Mapping[MonitorKind, KindRules] = MappingProxyType(
    {
        MonitorKind.STATION: KindRules(_on_station, by_stations=True, printer_alarms=True),
        MonitorKind.EXPO: KindRules(_on_expo, printer_lines=True, role_controls=True),
        MonitorKind.PICKUP: KindRules(_on_pickup, staff_lines=False),
    }
)
"""Each kind's rules; every MonitorKind has a row (checked by the tests)."""


def monitor_thresholds(
    kitchen: KitchenSettings, monitor: MonitorLike, stations: Sequence[str]
) -> Thresholds:
    """The timer colours of a monitor: its station's own where it shows the lines of chosen
    stations (the earliest of them where it shows several), else the kitchen's."""
    if not RULES[monitor.kind].by_stations or not monitor.stations or not stations:
        return kitchen.thresholds(None)
    own = [kitchen.thresholds(station) for station in stations]
    return Thresholds(min(t.amber_after for t in own), min(t.red_after for t in own))


def is_scheduled(order: wire.Order) -> bool:
    """For a later time, not as soon as possible."""
    return not order.fulfillment.asap and order.fulfillment.due_at is not None


def timer_start(
    order: wire.Order, prep: Callable[[wire.Order], timedelta] | None = None
) -> datetime:
    """Where a card's timer counts from: ordering, or a scheduled order's start, when it is
    released to the stations (its `prepare_at`, else its due time less the `prep` time of
    its lines); before then the timer counts down."""
    fulfillment = order.fulfillment
    if not is_scheduled(order):
        return order.created_at
    if fulfillment.prepare_at is not None:
        return fulfillment.prepare_at
    if fulfillment.due_at is not None:
        return fulfillment.due_at - (prep(order) if prep is not None else timedelta(0))
    return order.created_at


def colour_changes(
    order: wire.Order, limits: Thresholds, prep: Callable[[wire.Order], timedelta] | None = None
) -> tuple[datetime, datetime]:
    """When the order's timer turns amber, and when red."""
    start = timer_start(order, prep)
    return start + limits.amber_after, start + limits.red_after


def timer_colour(
    order: wire.Order,
    limits: Thresholds,
    now: datetime,
    prep: Callable[[wire.Order], timedelta] | None = None,
) -> TimerColour:
    amber, red = colour_changes(order, limits, prep)
    if now > red:
        return TimerColour.RED
    if now > amber:
        return TimerColour.AMBER
    return TimerColour.CALM


def is_overdue(order: wire.Order, now: datetime) -> bool:
    """Past the time the guest was promised (`due_at`): the card flashes."""
    due = order.fulfillment.due_at
    return due is not None and now > due
