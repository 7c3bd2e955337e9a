"""Which station screens take each order line, so that no dish is ever invisible."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
class Routing:
    """The stations of this kitchen and where their lines go."""

    stations: tuple[StationSpec, ...] = ()
    default_station: str | None = None
    article_groups: Mapping[str, str] = field(default_factory=lambda: _NO_ARTICLES)
    """Article ref -> group, from the catalog: routes a line that names only its article."""

    def route(self, item: wire.Item) -> tuple[tuple[str, ...], bool]:
        """(station ids, unrouted) of one line; see `stations_for_line`."""
        return stations_for_line(item, self.stations, self.default_station, self.article_groups)

    def name(self, station: str) -> str:
        """The station's name (its id when it is not configured)."""
        return next((s.name for s in self.stations if s.id == station), station)

    def lines_at(self, order: wire.Order, stations: Sequence[str] = ()) -> list[StationLine]:
        """The lines any of `stations` takes, in order; every line for no stations (the expo)."""
        lines: list[StationLine] = []
        for item in order.items:
            ids, unrouted = self.route(item)
            if not stations or not ids or any(s in ids for s in stations):
                lines.append(StationLine(item, unrouted))
        return lines

    def stations_of(self, order: wire.Order) -> tuple[str, ...]:
        """The stations that have lines of the order, in configured order."""
        taken: set[str] = set()
        for item in order.items:
            taken.update(self.route(item)[0])
        return tuple(s.id for s in self.stations if s.id in taken)

    def unrouted(self, order: wire.Order) -> list[wire.Item]:
        """The order's lines no station takes (the expo's alarm)."""
        return [item for item in order.items if self.route(item)[1]]
