"""How the stations' bumps add up: done at a station, ready as a whole, the expo's progress."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kds import wire
from kds.domain.kitchen_settings import KitchenConfig, ReadyRule
from kds.domain.tickets import DONE, Ticket


def done_at(ticket: Ticket, station: str, config: KitchenConfig) -> bool:
    """Whether the station has finished its part of the order.

    A recall at the station undoes its done; a whole order that is ready or collected is
    done everywhere; else the station's own bump counts, or (with
    `bump_order_when_lines_done`) every one of its lines struck through.
    """
    own = ticket.status_of(station)
    if own == wire.OrderStatus.RECALLED:
        return False
    if ticket.status_of(None) in DONE or own in DONE:
        return True
    if not config.settings.bump_order_when_lines_done:
        return False
    lines = config.routing.lines_at(ticket.order, (station,))
    return bool(lines) and all(ticket.line_done(line.item.line_id) for line in lines)


def stations_done(ticket: Ticket, config: KitchenConfig) -> bool:
    """Whether every station that has lines of the order is done (False when none has)."""
    stations = config.routing.stations_of(ticket.order)
    return bool(stations) and all(done_at(ticket, s, config) for s in stations)


def is_ready(ticket: Ticket, config: KitchenConfig) -> bool:
    """Whether the guest's order is ready (or already collected).

    Ready when set so (the expo bumped, or the shop said so); not after a recall; and with
    `ready_when = "all_stations"`, as soon as every station that has lines of it is done.
    """
    overall = ticket.status_of(None)
    if overall in DONE:
        return True
    if overall == wire.OrderStatus.RECALLED:
        return False
    return config.settings.ready_when == ReadyRule.ALL_STATIONS and stations_done(ticket, config)


def done_on(ticket: Ticket, stations: Sequence[str], config: KitchenConfig) -> bool:
    """Whether a monitor of these stations is finished with the order (no stations: the
    expo, which is finished when the order is ready)."""
    if not stations or not config.routing.stations:
        return is_ready(ticket, config)
    mine = [s for s in config.routing.stations_of(ticket.order) if s in stations]
    return all(done_at(ticket, s, config) for s in mine)


@dataclass(frozen=True)
class StationProgress:
    """One station's part of an order on the expo card: "Grill ✓"."""

    station: str
    name: str
    done: bool


def progress(ticket: Ticket, config: KitchenConfig) -> tuple[StationProgress, ...]:
    """Each station that has lines of the order, in configured order, and whether it is done."""
    routing = config.routing
    return tuple(
        StationProgress(s, routing.name(s), done_at(ticket, s, config))
        for s in routing.stations_of(ticket.order)
    )
