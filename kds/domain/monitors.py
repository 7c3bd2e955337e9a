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
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

from kds import wire
from kds.domain.orders import OrderState, is_visible
from kds.domain.tickets import DONE

LATE_AFTER = timedelta(minutes=15)
"""An order older than this gets the "late" colour on its header."""


class MonitorKind(StrEnum):
    STATION = "station"
    """A cook's screen: the lines of its stations."""
    EXPO = "expo"
    """The counter/expo screen: whole orders, bumped when handed over."""
    PICKUP = "pickup"
    """The customer board: "in preparation" and "ready" numbers."""


class StationLike(Protocol):
    """A configured station (kds.settings.Station) as the rules read it."""

    @property
    def id(self) -> str: ...

    @property
    def groups(self) -> Sequence[str]:
        """Article groups it prepares; none: every line."""
        ...


class MonitorLike(Protocol):
    """A configured monitor (kds.settings.MonitorSettings) as the rules read it."""

    @property
    def kind(self) -> MonitorKind: ...

    @property
    def stations(self) -> Sequence[str]:
        """The station ids it shows; none: all of them."""
        ...


def station_groups(
    stations: Sequence[StationLike], wanted: Sequence[str]
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
    taken: frozenset[str] | None = None
    """The groups some configured station takes; None when a station takes every line (or
    none is configured): then no line is unrouted."""
    default_station: str | None = None
    """Where a line no station takes goes (`[kitchen] default_station`); None: everywhere,
    marked "no station"."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Station id -> its name, for the expo's progress line."""

    @classmethod
    def for_monitor(
        cls,
        monitor: MonitorLike,
        stations: Sequence[StationLike],
        default_station: str | None = None,
    ) -> MonitorFilter:
        catch_all = not stations or any(not s.groups for s in stations)
        taken = None if catch_all else frozenset(g for s in stations for g in s.groups)
        known = default_station if any(s.id == default_station for s in stations) else None
        names = {s.id: getattr(s, "name", s.id) for s in stations}
        groups = station_groups(stations, monitor.stations)
        return cls(monitor.kind, groups, taken, known, MappingProxyType(names))

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


def _on_pickup(_monitor: MonitorFilter, state: OrderState, now: datetime) -> bool:
    """The guests' board shows the numbers in preparation and ready; a cancelled one goes."""
    return is_visible(state, now, MonitorKind.PICKUP.value)


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


RULES: Mapping[MonitorKind, KindRules] = MappingProxyType(
    {
        MonitorKind.STATION: KindRules(_on_station, by_stations=True, printer_alarms=True),
        MonitorKind.EXPO: KindRules(_on_expo, printer_lines=True, role_controls=True),
        MonitorKind.PICKUP: KindRules(_on_pickup),
    }
)
"""Each kind's rules; every MonitorKind has a row (checked by the tests)."""


def is_scheduled(order: wire.Order) -> bool:
    """For a later time, not as soon as possible."""
    return not order.fulfillment.asap and order.fulfillment.due_at is not None


def late_after(order: wire.Order) -> datetime:
    """When the order turns late: its due time if scheduled, else LATE_AFTER after ordering."""
    due = order.fulfillment.due_at
    if is_scheduled(order) and due is not None:
        return due
    return order.created_at + LATE_AFTER


def is_late(state: OrderState, now: datetime) -> bool:
    return now > late_after(state.order)
