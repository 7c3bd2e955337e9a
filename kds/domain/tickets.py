"""An order as the kitchen works it: the device's order state plus when things happened to it.

The times come from the events' `occurred_at` (the connector's log), never from this device's
clock, so every device holds the same times for the same events: timers, release and the
speed-of-service figures agree on every screen and survive a restart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType

from kds import wire
from kds.domain.orders import (
    WHOLE_ORDER,
    Applied,
    AppliedKind,
    OrderState,
    apply_event,
    with_status,
)

DONE = frozenset({wire.OrderStatus.READY, wire.OrderStatus.COLLECTED})
"""Statuses that mean "finished here"."""

_NO_TIMES: Mapping[str, datetime] = MappingProxyType({})


@dataclass(frozen=True)
class OrderTimes:
    """When things happened to one order, by the connector's clock."""

    received_at: datetime
    """The `occurred_at` of the first snapshot this device holds."""
    fired_at: datetime | None = None
    """The first status a device set: someone worked on it or fired it (None again after a
    device set the whole order back to `new`, e.g. the undo of a "Fire now")."""
    station_done_at: Mapping[str, datetime] = field(default_factory=lambda: _NO_TIMES)
    """Station id -> when it was last bumped there."""
    line_done_at: Mapping[str, datetime] = field(default_factory=lambda: _NO_TIMES)
    """Line id -> when it was last struck through."""
    ready_at: datetime | None = None
    """The last time the whole order was set ready."""
    collected_at: datetime | None = None
    cancelled_at: datetime | None = None


def note_status(
    times: OrderTimes,
    status: wire.OrderStatus,
    station: str | None,
    line_ids: Sequence[str],
    at: datetime,
    *,
    from_device: bool,
) -> OrderTimes:
    """The times after one `order.status` (from a device, or from the shop when not)."""
    whole = not line_ids and station is None
    fired_at = times.fired_at
    if from_device:
        if whole and status == wire.OrderStatus.NEW:
            fired_at = None
        elif fired_at is None and status != wire.OrderStatus.NEW:
            fired_at = at
    result = replace(times, fired_at=fired_at)
    if status not in DONE:
        return result
    if line_ids:
        lines = dict(times.line_done_at)
        lines.update(dict.fromkeys(line_ids, at))
        return replace(result, line_done_at=MappingProxyType(lines))
    if station is not None:
        stations = dict(times.station_done_at)
        stations[station] = at
        return replace(result, station_done_at=MappingProxyType(stations))
    if status == wire.OrderStatus.READY:
        return replace(result, ready_at=at)
    return replace(result, collected_at=at)


@dataclass(frozen=True)
class Ticket:
    """One order on this device: what the connector said about it, and when."""

    state: OrderState
    times: OrderTimes

    @property
    def id(self) -> str:
        return self.state.id

    @property
    def order(self) -> wire.Order:
        return self.state.order

    def status_of(self, station: str | None = None) -> wire.OrderStatus | None:
        """The status set for a station (None: for the whole order), None when never set."""
        return self.state.status.get(station or WHOLE_ORDER)

    def line_done(self, line_id: str) -> bool:
        return self.state.line_status.get(line_id) in DONE


def advance(
    current: Ticket | None, event: wire.Event, now: datetime
) -> tuple[Applied, Ticket | None]:
    """`apply_event` for a ticket: its outcome, and the ticket after it with its times noted
    (the same ticket when the event was ignored; None while the order is unknown)."""
    applied = apply_event(current.state if current is not None else None, event, now)
    if applied.state is None or applied.kind is AppliedKind.IGNORED:
        return applied, current
    if current is None:
        return applied, Ticket(applied.state, OrderTimes(received_at=event.occurred_at))
    times = current.times
    match event:
        case wire.OrderCancelled():
            times = replace(times, cancelled_at=event.occurred_at)
        case wire.OrderStatusChanged():
            times = note_status(
                times,
                event.status,
                event.station,
                event.line_ids,
                event.occurred_at,
                from_device=event.device_id is not None,
            )
    return applied, Ticket(applied.state, times)


def with_change(ticket: Ticket, change: wire.StatusChange, now: datetime) -> Ticket:
    """The ticket as it will be once this device's own change comes back from the connector."""
    state = with_status(ticket.state, change.status, change.station, change.line_ids, now)
    times = note_status(
        ticket.times, change.status, change.station, change.line_ids, change.at, from_device=True
    )
    return Ticket(state, times)
