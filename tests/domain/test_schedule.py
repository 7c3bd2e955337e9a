"""Scheduled release from stored data, "Fire now", the countdown, and the ticket timer."""

from __future__ import annotations

from datetime import timedelta

from kds import wire
from kds.domain.kitchen import FireNow, Undo
from kds.domain.schedule import (
    TimerLevel,
    countdown_text,
    is_released,
    next_release,
    planned_release,
    prep_time,
    release_time,
    timer,
    waiting,
)
from kds.domain.tickets import advance

from .conftest import (
    COLA,
    SALAD,
    T0,
    Kitchen,
    kitchen_config,
    line,
    make_order,
    minutes,
    ticket_of,
)

DUE = T0 + timedelta(hours=2)


def scheduled(**fulfillment: object) -> wire.Order:
    return make_order(asap=False, **fulfillment)


def test_asap_orders_are_released_on_arrival() -> None:
    config = kitchen_config()
    ticket = ticket_of(make_order(due_at=DUE.isoformat()), at=T0 + minutes(1))
    assert release_time(ticket, config) == T0 + minutes(1)
    assert is_released(ticket, config, T0 + minutes(1))


def test_an_order_due_on_arrival_is_released_even_when_this_clock_is_behind() -> None:
    config = kitchen_config()
    ticket = ticket_of(make_order(), at=T0)
    assert is_released(ticket, config, T0 - timedelta(seconds=2))
    held = ticket_of(scheduled(prepare_at=(T0 + minutes(30)).isoformat()), at=T0)
    assert not is_released(held, config, T0 + minutes(29))


def test_prepare_at_is_the_release_time() -> None:
    config = kitchen_config()
    ticket = ticket_of(scheduled(prepare_at=(T0 + minutes(90)).isoformat(), due_at=DUE.isoformat()))
    assert release_time(ticket, config) == T0 + minutes(90)
    assert not is_released(ticket, config, T0 + minutes(89))
    assert is_released(ticket, config, T0 + minutes(90))


def test_due_at_minus_the_longest_prep_time_of_its_lines() -> None:
    config = kitchen_config(
        prep_minutes=10,
        article_prep_minutes={"ROAST": 40},
        stations={"cold": {"prep_minutes": 25}},
    )
    salad_and_cola = scheduled(due_at=DUE.isoformat(), items=[SALAD, COLA])
    assert prep_time(salad_and_cola, config) == minutes(25)
    assert planned_release(ticket_of(salad_and_cola), config) == DUE - minutes(25)
    roast = scheduled(due_at=DUE.isoformat(), items=[line("r", "Roast", "burgers", ref="ROAST")])
    assert planned_release(ticket_of(roast), config) == DUE - minutes(40)


def test_a_scheduled_order_without_times_and_a_late_arrival_release_on_arrival() -> None:
    config = kitchen_config()
    assert release_time(ticket_of(scheduled(), at=T0), config) == T0
    overdue = scheduled(prepare_at=(T0 - minutes(30)).isoformat())
    assert release_time(ticket_of(overdue, at=T0), config) == T0


def test_next_release_and_the_scheduled_strip() -> None:
    config = kitchen_config()
    soon = ticket_of(scheduled(order_id="web:2", prepare_at=(T0 + minutes(10)).isoformat()))
    later = ticket_of(scheduled(order_id="web:3", prepare_at=(T0 + minutes(50)).isoformat()))
    now_ = ticket_of(make_order(order_id="web:4"))
    tickets = [later, now_, soon]
    assert next_release(tickets, config, T0) == T0 + minutes(10)
    assert [t.id for t, _ in waiting(tickets, config, T0)] == ["web:2", "web:3"]
    assert next_release(tickets, config, T0 + minutes(10)) == T0 + minutes(50)
    assert next_release(tickets, config, T0 + minutes(50)) is None


def test_countdown_reads_zero_only_at_release() -> None:
    release = T0 + minutes(12) + timedelta(seconds=30)
    assert countdown_text(release, T0) == "12:30"
    assert countdown_text(release, release - timedelta(milliseconds=200)) == "0:01"
    assert countdown_text(release, release) == "0:00"
    assert countdown_text(T0 + timedelta(hours=1, minutes=5), T0) == "1:05:00"


def test_fire_now_releases_early_and_survives_a_restart() -> None:
    """The release is an event in the log: a device that starts over from the stored events
    (or a second device) holds the order released too; undoing it puts it back."""
    kitchen = Kitchen(kitchen_config(), devices=("a", "b"))
    kitchen.arrive(scheduled(prepare_at=(T0 + minutes(60)).isoformat()))
    fire_at = T0 + minutes(5)
    decision = kitchen.act(FireNow("web:1"), fire_at)
    assert [(c.status, c.station) for c in decision.changes] == [
        (wire.OrderStatus.IN_PREPARATION, None)
    ]
    config = kitchen.config
    for device in kitchen.devices.values():
        assert is_released(device.ticket(), config, fire_at)
        assert release_time(device.ticket(), config) == fire_at
    restarted = None
    for event in kitchen.log:
        restarted = advance(restarted, event, T0 + minutes(30))[1]
    assert restarted is not None
    assert is_released(restarted, config, T0 + minutes(30))
    again = kitchen.act(FireNow("web:1"), fire_at + timedelta(seconds=1))
    assert again.changes == ()
    kitchen.act(Undo(1), fire_at + timedelta(seconds=2))
    assert not is_released(kitchen.device("b").ticket(), config, T0 + minutes(30))


def test_the_shop_setting_in_preparation_does_not_release_a_scheduled_order() -> None:
    kitchen = Kitchen(kitchen_config())
    kitchen.arrive(scheduled(prepare_at=(T0 + minutes(60)).isoformat()))
    kitchen.shop_status("web:1", wire.OrderStatus.IN_PREPARATION, T0 + minutes(1))
    assert not is_released(kitchen.device().ticket(), kitchen.config, T0 + minutes(2))


def test_timer_colours_by_station_thresholds() -> None:
    config = kitchen_config(stations={"bar": {"amber_after_minutes": 2, "red_after_minutes": 3}})
    ticket = ticket_of(make_order())
    assert timer(ticket, config, T0 + minutes(4.9)).level is TimerLevel.NORMAL
    assert timer(ticket, config, T0 + minutes(5)).level is TimerLevel.AMBER
    assert timer(ticket, config, T0 + minutes(10)).level is TimerLevel.RED
    assert timer(ticket, config, T0 + minutes(2), station="bar").level is TimerLevel.AMBER
    assert timer(ticket, config, T0 + minutes(3), station="bar").level is TimerLevel.RED
    assert timer(ticket, config, T0 + minutes(4) + timedelta(seconds=5)).text == "4:05"


def test_timer_runs_from_release_not_arrival() -> None:
    config = kitchen_config()
    ticket = ticket_of(scheduled(prepare_at=(T0 + minutes(60)).isoformat()))
    assert timer(ticket, config, T0 + minutes(30)).elapsed == timedelta(0)
    assert timer(ticket, config, T0 + minutes(63)).elapsed == minutes(3)


def test_late_once_due_at_passes() -> None:
    config = kitchen_config()
    ticket = ticket_of(make_order(due_at=(T0 + minutes(20)).isoformat()))
    assert not timer(ticket, config, T0 + minutes(20)).late
    assert timer(ticket, config, T0 + minutes(20) + timedelta(seconds=1)).late
    assert not timer(ticket_of(make_order()), config, T0 + timedelta(hours=3)).late
