"""The all-day count: how many of each dish (and modifier) a station still has to make."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kds import wire
from kds.domain.acknowledge import NO_ACKNOWLEDGEMENTS
from kds.domain.changes import format_quantity
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.rollup import done_at
from kds.domain.screens import on_stations
from kds.domain.tickets import Ticket

_ACTION_WORD = {wire.ModifierAction.REMOVE: "NO "}


@dataclass(frozen=True)
class AllDayCount:
    """One dish or modifier and the total still to make; a dish lists its modifiers."""

    name: str
    quantity: Decimal
    modifiers: tuple[AllDayCount, ...] = ()

    @property
    def quantity_text(self) -> str:
        return format_quantity(self.quantity)


def _dish(item: wire.Item) -> str:
    return f"{item.label} ({item.variant})" if item.variant else item.label


def _modifier(modifier: wire.Modifier, parent: str) -> str:
    words = _ACTION_WORD.get(modifier.action, "") + modifier.label
    return f"{parent} › {words}" if parent else words


def _count_modifiers(
    modifiers: Iterable[wire.Modifier], times: Decimal, parent: str, into: dict[str, Decimal]
) -> None:
    # A modifier's quantity is per one unit of its parent.
    for modifier in modifiers:
        name = _modifier(modifier, parent)
        quantity = times * modifier.quantity
        into[name] = into.get(name, Decimal(0)) + quantity
        _count_modifiers(modifier.modifiers, quantity, name, into)


def _sorted(counts: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def all_day(
    tickets: Iterable[Ticket], stations: Sequence[str], config: KitchenConfig, now: datetime
) -> tuple[AllDayCount, ...]:
    """Per dish, the quantity across the released open tickets of a station monitor (of
        these stations; none = every line), lines already struck through and stations already
    done left out; most first.

        Cancelled orders do not count, even while their CANCELLED card is still up.
    """
    dishes: dict[str, Decimal] = {}
    modifiers: dict[str, dict[str, Decimal]] = {}
    for ticket in tickets:
        if ticket.state.cancelled:
            continue
        if not on_stations(ticket, stations, config, NO_ACKNOWLEDGEMENTS, now):
            continue
        open_here = tuple(stations)
        if stations and config.routing.stations:
            open_here = tuple(s for s in stations if not done_at(ticket, s, config))
        for line in config.routing.lines_at(ticket.order, open_here):
            item = line.item
            if ticket.line_done(item.line_id):
                continue
            name = _dish(item)
            dishes[name] = dishes.get(name, Decimal(0)) + item.quantity
            _count_modifiers(item.modifiers, item.quantity, "", modifiers.setdefault(name, {}))
    return tuple(
        AllDayCount(
            name,
            quantity,
            tuple(AllDayCount(m, q) for m, q in _sorted(modifiers.get(name, {}))),
        )
        for name, quantity in _sorted(dishes)
    )
