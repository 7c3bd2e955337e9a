"""When a scheduled order is released to the stations, and how a ticket's timer reads.

Release is derived from stored data only (the order, its times from the connector's events,
and the settings), so it survives a restart: `prepare_at`; else `due_at` minus the longest
prep time of its lines; else on arrival. "Fire now" releases it early by sending the whole
order `in_preparation`, which comes back as an event every device stores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from kds import wire
from kds.domain.kitchen_settings import KitchenConfig, Thresholds
from kds.domain.tickets import Ticket


def prep_time(order: wire.Order, config: KitchenConfig) -> timedelta:
    """The longest prep time of the order's lines: the article's, else its station's default
    (the longest of its stations), else the kitchen's default."""
    settings = config.settings
    longest = timedelta(0)
    for item in order.items:
        own = settings.article_prep(item.ref)
        if own is None:
            stations = config.routing.route(item)[0]
            own = max(
                (settings.station_prep(s) for s in stations),
                default=timedelta(minutes=settings.prep_minutes),
            )
        longest = max(longest, own)
    return longest


def planned_release(ticket: Ticket, config: KitchenConfig) -> datetime:
    """When the order is due on the stations by its times alone (never before it arrived)."""
    fulfillment = ticket.order.fulfillment
    received = ticket.times.received_at
    if fulfillment.asap:
        return received
    if fulfillment.prepare_at is not None:
        return max(received, fulfillment.prepare_at)
    if fulfillment.due_at is not None:
        return max(received, fulfillment.due_at - prep_time(ticket.order, config))
    return received


def release_time(ticket: Ticket, config: KitchenConfig) -> datetime:
    """When the order was (or will be) released: its planned time, or earlier when fired."""
    planned = planned_release(ticket, config)
    fired = ticket.times.fired_at
    if fired is not None and fired < planned:
        return max(fired, ticket.times.received_at)
    return planned


def is_released(ticket: Ticket, config: KitchenConfig, now: datetime) -> bool:
    """Whether the stations show the order: its time has come, or a device acted on it.

    An order due on arrival is released whatever `now` says (this device's clock may be a
    little behind the connector's, whose time the arrival is).
    """
    if ticket.times.fired_at is not None:
        return True
    planned = planned_release(ticket, config)
    return planned <= ticket.times.received_at or now >= planned


def next_release(
    tickets: Iterable[Ticket], config: KitchenConfig, now: datetime
) -> datetime | None:
    """The earliest release still to come (for a one-shot timer), None when nothing waits."""
    waiting = [
        planned_release(t, config)
        for t in tickets
        if not t.state.cancelled and not is_released(t, config, now)
    ]
    return min(waiting, default=None)


def waiting(
    tickets: Iterable[Ticket], config: KitchenConfig, now: datetime
) -> list[tuple[Ticket, datetime]]:
    """The Scheduled strip: orders not yet released, soonest first, with their release time."""
    held = [
        (t, planned_release(t, config))
        for t in tickets
        if not t.state.cancelled and not is_released(t, config, now)
    ]
    return sorted(held, key=lambda pair: (pair[1], pair[0].id))


def clock_text(span: timedelta) -> str:
    """ "4:05", "1:02:03": minutes and seconds, hours when over one (negative as zero)."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def countdown_text(release_at: datetime, now: datetime) -> str:
    """The time left until release, rounded up: it reads 0:00 only once it is released."""
    left = math.ceil(max(0.0, (release_at - now).total_seconds()))
    return clock_text(timedelta(seconds=left))


class TimerLevel(Enum):
    """The colour of a ticket's timer."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class TimerView:
    """A ticket's timer: time since release, its colour, and whether it is late (flashing)."""

    elapsed: timedelta
    level: TimerLevel
    late: bool

    @property
    def text(self) -> str:
        return clock_text(self.elapsed)


@dataclass(frozen=True)
class TimerClock:
    """What a card's timer needs, worked out once per event so the 1 s tick stays cheap."""

    start: datetime
    """The release (a recalled order keeps its original start)."""
    stopped_at: datetime | None
    """When the whole order was set ready (None while it is being made)."""
    due_at: datetime | None
    limits: Thresholds

    def at(self, now: datetime) -> TimerView:
        end = now if self.stopped_at is None else min(now, self.stopped_at)
        elapsed = max(timedelta(0), end - self.start)
        if elapsed >= self.limits.red_after:
            level = TimerLevel.RED
        elif elapsed >= self.limits.amber_after:
            level = TimerLevel.AMBER
        else:
            level = TimerLevel.NORMAL
        return TimerView(elapsed, level, self.due_at is not None and end > self.due_at)


def timer_clock(ticket: Ticket, config: KitchenConfig, station: str | None = None) -> TimerClock:
    """The timer of a ticket on a station's screen (None: the expo's).

    It runs from the release, through any recall (a recalled order keeps its original
    start), and stops when the whole order is set ready. Colours follow the station's
    thresholds; `late` is set once the clock passes `due_at`.
    """
    overall = ticket.status_of(None)
    stopped = None
    if overall in (wire.OrderStatus.READY, wire.OrderStatus.COLLECTED):
        stopped = ticket.times.ready_at
        if overall == wire.OrderStatus.COLLECTED:
            stopped = stopped or ticket.times.collected_at
    return TimerClock(
        start=release_time(ticket, config),
        stopped_at=stopped,
        due_at=ticket.order.fulfillment.due_at,
        limits=config.settings.thresholds(station),
    )


def timer(
    ticket: Ticket, config: KitchenConfig, now: datetime, station: str | None = None
) -> TimerView:
    """The ticket's timer at `now` (see `timer_clock`; a screen keeps the clock per card)."""
    return timer_clock(ticket, config, station).at(now)
