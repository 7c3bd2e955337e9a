"""Which station screens take each order line, so that no dish is ever invisible."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Protocol

from kds import wire

_NO_ARTICLES: Mapping[str, str] = MappingProxyType({})


class StationSpec(Protocol):
    """What routing needs of a configured station (`kds.settings.Station` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def groups(self) -> tuple[str, ...]: ...


def line_group(item: wire.Item, article_groups: Mapping[str, str] = _NO_ARTICLES) -> str | None:
    """The line's article group: its own, else its article's from the catalog (ref -> group)."""
    if item.group is not None:
        return item.group
    return article_groups.get(item.ref) if item.ref is not None else None


def stations_for_line(
    item: wire.Item,
    stations: Sequence[StationSpec],
    default_station: str | None,
    article_groups: Mapping[str, str] = _NO_ARTICLES,
) -> tuple[tuple[str, ...], bool]:
    """(station ids that take the line, unrouted).

    A station takes the lines of its groups; a station with no groups takes every line. A
    line no station takes (no group, or a group nobody lists) goes to `default_station`;
    without one (or with one that is not configured) it goes to every station and is
    `unrouted`: the cards mark it "no station" and the expo raises an alarm. With no
    stations configured at all there is nothing to route: every screen shows every line.
    """
    group = line_group(item, article_groups)
    taking = tuple(
        s.id for s in stations if not s.groups or (group is not None and group in s.groups)
    )
    if taking:
        return taking, False
    ids = tuple(s.id for s in stations)
    if default_station is not None and default_station in ids:
        return (default_station,), False
    return ids, bool(ids)


@dataclass(frozen=True)
class StationLine:
    """One order line as a station shows it; `unrouted` lines are marked "no station"."""

    item: wire.Item
    unrouted: bool = False


@dataclass(frozen=True)
class OrderRoute:
    """Where each line of one order snapshot goes."""

    lines: tuple[tuple[StationLine, tuple[str, ...]], ...]
    """Each line, in order, with the ids of the stations that take it."""
    stations: tuple[str, ...]
    """The stations that have lines of the order, in configured order."""
    by_station: Mapping[str, tuple[StationLine, ...]]
    """Station id -> the lines it takes, in order."""

    def lines_at(self, stations: Sequence[str] = ()) -> list[StationLine]:
        """The lines any of `stations` takes; every line for no stations (the expo)."""
        if len(stations) == 1 and self.stations:
            return list(self.by_station.get(stations[0], ()))
        return [
            line
            for line, ids in self.lines
            if not stations or not ids or any(s in ids for s in stations)
        ]


ROUTE_CACHE = 1024
"""Routed order snapshots kept: twice the 500 open orders of the tick benchmark, and well over
a busy night's. Each holds its order: 4,096 of them held 50 MiB of finished orders
(bench/bench_memory.py: 1.39 x the RSS after 1,000 orders, against 1.01 x before)."""


@dataclass(frozen=True)
class Routing:
    """The stations of this kitchen and where their lines go."""

    stations: tuple[StationSpec, ...] = ()
    default_station: str | None = None
    article_groups: Mapping[str, str] = field(default_factory=lambda: _NO_ARTICLES)
    """Article ref -> group, from the catalog: routes a line that names only its article."""

    @cached_property
    def _by_group(self) -> dict[str | None, tuple[tuple[str, ...], bool]]:
        # Routing depends on the line's group only: worked out once per group, not per line.
        return {}

    @cached_property
    def _orders(self) -> OrderedDict[tuple[str, int], tuple[wire.Order, OrderRoute]]:
        # Every rule asks where an order's lines go, many times per event: routed once per
        # snapshot, the least recently used dropped first so memory stays bounded.
        return OrderedDict()

    def route(self, item: wire.Item) -> tuple[tuple[str, ...], bool]:
        """(station ids, unrouted) of one line; see `stations_for_line`."""
        group = line_group(item, self.article_groups)
        known = self._by_group.get(group)
        if known is None:
            known = stations_for_line(
                item, self.stations, self.default_station, self.article_groups
            )
            self._by_group[group] = known
        return known

    def of(self, order: wire.Order) -> OrderRoute:
        """Where the lines of this order snapshot go."""
        key = (order.id, order.revision)
        cached = self._orders.get(key)
        if cached is not None and (cached[0] is order or cached[0].items == order.items):
            self._orders.move_to_end(key)
            return cached[1]
        lines = []
        taken: set[str] = set()
        for item in order.items:
            ids, unrouted = self.route(item)
            lines.append((StationLine(item, unrouted), ids))
            taken.update(ids)
        by_station = {
            station: tuple(line for line, ids in lines if station in ids) for station in taken
        }
        stations = tuple(s.id for s in self.stations if s.id in taken)
        result = OrderRoute(tuple(lines), stations, MappingProxyType(by_station))
        self._orders[key] = (order, result)
        if len(self._orders) > ROUTE_CACHE:
            self._orders.popitem(last=False)
        return result

    def name(self, station: str) -> str:
        """The station's name (its id when it is not configured)."""
        return next((s.name for s in self.stations if s.id == station), station)

    def lines_at(self, order: wire.Order, stations: Sequence[str] = ()) -> list[StationLine]:
        """The lines any of `stations` takes, in order; every line for no stations (the expo)."""
        return self.of(order).lines_at(stations)

    def stations_of(self, order: wire.Order) -> tuple[str, ...]:
        """The stations that have lines of the order, in configured order."""
        return self.of(order).stations

    def unrouted(self, order: wire.Order) -> list[wire.Item]:
        """The order's lines no station takes (the expo's alarm)."""
        return [line.item for line, _ in self.of(order).lines if line.unrouted]
