"""Which orders each kind of monitor shows now: station, expo and pickup board, recall lists."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import Enum

from kds import wire
from kds.domain.acknowledge import Acknowledgements, cancellation_shown
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.rollup import done_on, is_ready
from kds.domain.schedule import is_released
from kds.domain.tickets import Ticket


def _collected(ticket: Ticket) -> bool:
    return ticket.status_of(None) == wire.OrderStatus.COLLECTED


def on_stations(
    ticket: Ticket,
    stations: Sequence[str],
    config: KitchenConfig,
    acks: Acknowledgements,
    now: datetime,
) -> bool:
    """Whether a station monitor (of these stations; none = all) shows the order now.

    Released orders with lines there show until the stations are done with them; a line
    no station takes shows on every station. A cancelled order stays until acknowledged
    where it was being made (`cancellation_shown`).
    """
    if ticket.state.cancelled:
        return cancellation_shown(ticket, stations, config, acks)
    if _collected(ticket) or not is_released(ticket, config, now):
        return False
    if not config.routing.lines_at(ticket.order, stations):
        return False
    return not done_on(ticket, stations, config)


def on_expo(ticket: Ticket, config: KitchenConfig, acks: Acknowledgements, now: datetime) -> bool:
    """Whether the expo shows the order: released and not collected (ready ones wait there to
    be handed over); a cancelled one until the expo acknowledges it."""
    if ticket.state.cancelled:
        return cancellation_shown(ticket, (), config, acks)
    return not _collected(ticket) and is_released(ticket, config, now)


class PickupColumn(Enum):
    """Where the guests' board shows an order number."""

    IN_PREPARATION = "in_preparation"
    READY = "ready"


def pickup_column(ticket: Ticket, config: KitchenConfig, now: datetime) -> PickupColumn | None:
    """The pickup board's column for the order; None when it is not on the board (not yet
    released, collected or cancelled)."""
    if ticket.state.cancelled or _collected(ticket) or not is_released(ticket, config, now):
        return None
    return PickupColumn.READY if is_ready(ticket, config) else PickupColumn.IN_PREPARATION


def _bumped_at(ticket: Ticket, stations: Sequence[str], config: KitchenConfig) -> datetime:
    times = ticket.times
    if not stations or not config.routing.stations:
        return times.collected_at or times.ready_at or times.received_at
    mine = [s for s in config.routing.stations_of(ticket.order) if s in stations]
    marks = [times.station_done_at[s] for s in mine if s in times.station_done_at]
    lines = config.routing.lines_at(ticket.order, mine)
    marks.extend(
        times.line_done_at[line.item.line_id]
        for line in lines
        if line.item.line_id in times.line_done_at
    )
    return max(marks, default=times.ready_at or times.received_at)


def recall_list(
    tickets: Iterable[Ticket], stations: Sequence[str], config: KitchenConfig
) -> list[Ticket]:
    """The last `recall_depth` orders this monitor finished, newest bump first.

    A station monitor offers the orders done at all its stations that have lines of them;
    the expo (no stations) the ready and collected ones. Cancelled orders are not offered.
    The caller passes the recently finished orders it holds (not every order ever).
    """
    done = [
        t
        for t in tickets
        if not t.state.cancelled
        and config.routing.lines_at(t.order, stations)
        and done_on(t, stations, config)
    ]
    return heapq.nlargest(
        config.settings.recall_depth,
        done,
        key=lambda t: (_bumped_at(t, stations, config), t.id),
    )


def station_alarm(tickets: Iterable[Ticket], config: KitchenConfig) -> list[Ticket]:
    """Open orders with lines no station takes: the expo's alarm until someone sets a default
    station or the groups (the lines show on every station, marked "no station")."""
    return [
        t
        for t in tickets
        if not t.state.cancelled and not _collected(t) and config.routing.unrouted(t.order)
    ]
