"""The monitor kinds' rules, without Qt: which orders and lines each kind shows, and when late."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

import pytest

from kds import wire
from kds.domain.kitchen_settings import KitchenSettings, StationTiming
from kds.domain.monitors import (
    RULES,
    MonitorFilter,
    MonitorKind,
    TimerColour,
    is_overdue,
    timer_colour,
)
from kds.domain.orders import CANCELLED_VISIBLE_FOR, OrderState

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
S = wire.OrderStatus


@dataclass(frozen=True)
class Station:
    id: str
    groups: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.id.title()


@dataclass(frozen=True)
class Monitor:
    kind: MonitorKind
    stations: tuple[str, ...] = ()
    pickup_types: tuple[wire.FulfillmentType, ...] = (
        wire.FulfillmentType.PICKUP,
        wire.FulfillmentType.CURBSIDE,
        wire.FulfillmentType.DRIVE_THRU,
    )
    ready_shown_minutes: float = 10


STATIONS = (
    Station("hot", ("mains",)),
    Station("pastry", ("desserts",)),
    Station("bar", ("drinks",)),
)
KITCHEN = MonitorFilter.for_monitor(Monitor(MonitorKind.STATION, ("hot", "pastry")), STATIONS)
COUNTER = MonitorFilter.for_monitor(Monitor(MonitorKind.EXPO), STATIONS)
BOARD = MonitorFilter.for_monitor(Monitor(MonitorKind.PICKUP), STATIONS)


def state(*groups: str, **fulfillment: Any) -> OrderState:
    """An order of one line per group (line ids "1", "2", …), created at T0."""
    order = wire.parse_order(
        {
            "id": "web:1",
            "external_id": "1",
            "display_id": "101",
            "source": "webshop",
            "revision": 1,
            "created_at": T0.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True, **fulfillment},
            "items": [
                {"line_id": str(n), "name": group.title(), "group": group, "quantity": "1"}
                for n, group in enumerate(groups, 1)
            ],
        }
    )
    return OrderState(order=order, first_seen_at=T0, updated_at=T0)


def with_status(held: OrderState, **statuses: S) -> OrderState:
    """Statuses by station id; `whole` is the whole order's."""
    merged = {**held.status, **{("" if k == "whole" else k): v for k, v in statuses.items()}}
    return replace(held, status=MappingProxyType(merged))


def shown_on(held: OrderState, now: datetime = T0) -> set[MonitorKind]:
    return {f.kind for f in (KITCHEN, COUNTER, BOARD) if f.shows(held, now)}


def test_every_kind_of_monitor_has_its_rules() -> None:
    assert set(RULES) == set(MonitorKind)
    assert [k for k, r in RULES.items() if r.by_stations] == [MonitorKind.STATION]
    assert [k for k, r in RULES.items() if r.printer_alarms] == [MonitorKind.STATION]
    assert [k for k, r in RULES.items() if r.printer_lines] == [MonitorKind.EXPO]
    assert [k for k, r in RULES.items() if r.role_controls] == [MonitorKind.EXPO]
    assert [k for k, r in RULES.items() if not r.staff_lines] == [MonitorKind.PICKUP]


def test_a_station_shows_only_its_stations_lines_the_others_whole_orders() -> None:
    mixed = state("mains", "drinks", "desserts")
    assert [i.label for i in KITCHEN.lines_of(mixed)] == ["Mains", "Desserts"]
    assert [i.label for i in COUNTER.lines_of(mixed)] == ["Mains", "Drinks", "Desserts"]
    assert [i.label for i in BOARD.lines_of(mixed)] == ["Mains", "Drinks", "Desserts"]
    drinks_only = state("drinks")
    assert shown_on(drinks_only) == {MonitorKind.EXPO, MonitorKind.PICKUP}


def test_an_order_leaves_a_station_when_its_stations_or_its_lines_are_done() -> None:
    mixed = state("mains", "desserts", "drinks")
    everywhere = {MonitorKind.STATION, MonitorKind.EXPO, MonitorKind.PICKUP}
    assert shown_on(mixed) == everywhere
    assert shown_on(with_status(mixed, hot=S.READY)) == everywhere  # pastry is not done
    both = with_status(mixed, hot=S.READY, pastry=S.COLLECTED)
    assert shown_on(both) == {MonitorKind.EXPO, MonitorKind.PICKUP}
    lines_done = replace(mixed, line_status=MappingProxyType({"1": S.READY, "2": S.READY}))
    assert shown_on(lines_done) == {MonitorKind.EXPO, MonitorKind.PICKUP}


def test_a_ready_order_waits_on_the_expo_and_the_board_until_collected() -> None:
    mixed = state("mains", "desserts")
    assert shown_on(with_status(mixed, whole=S.READY)) == {MonitorKind.EXPO, MonitorKind.PICKUP}
    assert shown_on(with_status(mixed, whole=S.COLLECTED)) == set()


def test_a_cancelled_order_stays_flagged_in_the_kitchen_and_leaves_the_guests_board_at_once() -> (
    None
):
    at = T0 + timedelta(minutes=2)
    cancelled = replace(state("mains"), cancelled=True, cancelled_at=at)
    assert shown_on(cancelled, at) == {MonitorKind.STATION, MonitorKind.EXPO}
    # even when its station had finished it: the cooks see it go
    assert MonitorKind.STATION in shown_on(with_status(cancelled, hot=S.READY), at)
    assert shown_on(cancelled, at + CANCELLED_VISIBLE_FOR) == set()


def test_a_timer_turns_amber_then_red_by_the_kitchen_defaults() -> None:
    held = state("mains")
    limits = COUNTER.thresholds
    colours = [
        timer_colour(held.order, limits, T0 + timedelta(minutes=m)) for m in (5, 5.01, 10, 10.01)
    ]
    assert colours == [TimerColour.CALM, TimerColour.AMBER, TimerColour.AMBER, TimerColour.RED]


def test_each_station_monitor_takes_its_own_thresholds_the_expo_the_kitchens() -> None:
    kitchen = KitchenSettings(
        amber_after_minutes=6,
        red_after_minutes=12,
        stations={
            "bar": StationTiming(amber_after_minutes=2, red_after_minutes=4),
            "pastry": StationTiming(red_after_minutes=20),
        },
    )
    bar = MonitorFilter.for_monitor(Monitor(MonitorKind.STATION, ("bar",)), STATIONS, kitchen)
    pastry = MonitorFilter.for_monitor(Monitor(MonitorKind.STATION, ("pastry",)), STATIONS, kitchen)
    expo = MonitorFilter.for_monitor(Monitor(MonitorKind.EXPO), STATIONS, kitchen)
    at_five = T0 + timedelta(minutes=5)
    held = state("drinks", "desserts")
    assert timer_colour(held.order, bar.thresholds, at_five) is TimerColour.RED
    assert timer_colour(held.order, pastry.thresholds, at_five) is TimerColour.CALM
    assert timer_colour(held.order, expo.thresholds, at_five) is TimerColour.CALM
    at_fifteen = T0 + timedelta(minutes=15)
    assert timer_colour(held.order, pastry.thresholds, at_fifteen) is TimerColour.AMBER
    assert timer_colour(held.order, expo.thresholds, at_fifteen) is TimerColour.RED
    # A monitor of two stations turns with the earlier of them.
    both = MonitorFilter.for_monitor(
        Monitor(MonitorKind.STATION, ("bar", "pastry")), STATIONS, kitchen
    )
    assert both.thresholds == bar.thresholds


def test_an_order_is_overdue_after_its_due_time_and_a_scheduled_one_counts_from_its_start() -> None:
    due = T0 + timedelta(hours=2)
    scheduled = state("mains", asap=False, due_at=due.isoformat())
    assert not is_overdue(scheduled.order, due)
    assert is_overdue(scheduled.order, due + timedelta(seconds=1))
    assert not is_overdue(state("mains").order, T0 + timedelta(hours=5))  # no promise made
    limits = COUNTER.thresholds
    assert timer_colour(scheduled.order, limits, due - timedelta(minutes=1)) is TimerColour.CALM


@pytest.mark.parametrize("kind", list(wire.FulfillmentType))
def test_the_pickup_board_shows_only_orders_a_guest_collects(kind: wire.FulfillmentType) -> None:
    held = state("mains", type=kind.value)
    collects = kind in {
        wire.FulfillmentType.PICKUP,
        wire.FulfillmentType.CURBSIDE,
        wire.FulfillmentType.DRIVE_THRU,
    }
    assert BOARD.shows(held, T0) is collects
    assert COUNTER.shows(held, T0)


def test_a_ready_number_leaves_the_board_after_its_time_even_if_nobody_collects_it() -> None:
    ready_at = T0 + timedelta(minutes=8)
    ready = replace(with_status(state("mains"), whole=S.READY), updated_at=ready_at)
    board = MonitorFilter.for_monitor(Monitor(MonitorKind.PICKUP, ready_shown_minutes=3), STATIONS)
    assert board.shows(ready, ready_at + timedelta(minutes=2, seconds=59))
    assert not board.shows(ready, ready_at + timedelta(minutes=3))
    assert board.leaves_at(ready) == ready_at + timedelta(minutes=3)
    assert COUNTER.shows(ready, ready_at + timedelta(hours=1))  # the expo keeps it
