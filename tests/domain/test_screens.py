"""Which monitor shows which order, the recall lists, and the times every device agrees on."""

from __future__ import annotations

from datetime import timedelta

from kds import wire
from kds.domain.kitchen import EXPO, BumpLine, BumpOrder, Collected, FireNow, Recall
from kds.domain.screens import PickupColumn, on_expo, on_stations, pickup_column, recall_list
from kds.domain.tickets import OrderTimes

from .conftest import (
    NO_ACKS,
    T0,
    Kitchen,
    S,
    kitchen_config,
    line,
    make_order,
    minutes,
)


def test_a_scheduled_order_is_on_no_screen_until_released() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(asap=False, prepare_at=(T0 + minutes(30)).isoformat()))
    ticket = k.device().ticket()
    before, after = T0 + minutes(29), T0 + minutes(30)
    assert not on_stations(ticket, ("grill",), k.config, NO_ACKS, before)
    assert not on_expo(ticket, k.config, NO_ACKS, before)
    assert pickup_column(ticket, k.config, before) is None
    assert on_stations(ticket, ("grill",), k.config, NO_ACKS, after)
    assert on_expo(ticket, k.config, NO_ACKS, after)
    assert pickup_column(ticket, k.config, after) is PickupColumn.IN_PREPARATION


def test_a_station_without_lines_of_the_order_does_not_show_it() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(items=[line("c", "Cola", "drinks")]))
    ticket = k.device().ticket()
    assert not on_stations(ticket, ("grill",), k.config, NO_ACKS, T0)
    assert on_stations(ticket, ("bar",), k.config, NO_ACKS, T0)
    assert on_stations(ticket, ("grill", "bar"), k.config, NO_ACKS, T0)


def test_with_no_stations_configured_a_station_monitor_shows_every_line_until_ready() -> None:
    k = Kitchen(kitchen_config(()))
    k.arrive(make_order())
    ticket = k.device().ticket()
    assert on_stations(ticket, (), k.config, NO_ACKS, T0)
    decision = k.act(BumpOrder("web:1", ()), T0)
    assert [(c.status, c.station) for c in decision.changes] == [(S.READY, None)]
    assert not on_stations(k.device().ticket(), (), k.config, NO_ACKS, T0)


def test_recall_list_holds_the_last_n_bumped_newest_first() -> None:
    k = Kitchen(kitchen_config(recall_depth=3))
    for n in range(1, 6):
        k.arrive(make_order(f"web:{n}", items=[line("b", "Burger", "burgers")]))
    for n in (3, 1, 5, 2):
        k.act(BumpLine(f"web:{n}", "b", ("grill",)), T0 + minutes(n * 10 if n != 2 else 1))
    tickets = list(k.device().tickets.values())
    listed = recall_list(tickets, ("grill",), k.config)
    assert [t.id for t in listed] == ["web:5", "web:3", "web:1"]
    k.act(Recall("web:5", ("grill",)), T0 + minutes(60))
    listed = recall_list(list(k.device().tickets.values()), ("grill",), k.config)
    assert [t.id for t in listed] == ["web:3", "web:1", "web:2"]


def test_expo_recall_list_offers_ready_and_collected_orders() -> None:
    k = Kitchen(kitchen_config())
    for n in (1, 2, 3):
        k.arrive(make_order(f"web:{n}"))
    k.act(BumpOrder("web:1", EXPO), T0 + minutes(5))
    k.act(BumpOrder("web:2", EXPO), T0 + minutes(6))
    k.act(Collected("web:1"), T0 + minutes(8))
    listed = recall_list(list(k.device().tickets.values()), EXPO, k.config)
    assert [t.id for t in listed] == ["web:1", "web:2"]
    k.cancel("web:2", T0 + minutes(9))
    listed = recall_list(list(k.device().tickets.values()), EXPO, k.config)
    assert [t.id for t in listed] == ["web:1"]


def test_a_multi_station_monitor_offers_an_order_only_when_all_its_stations_are_done() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order())
    k.act(BumpOrder("web:1", ("grill",)), T0)
    tickets = list(k.device().tickets.values())
    assert recall_list(tickets, ("grill", "cold"), k.config) == []
    assert [t.id for t in recall_list(tickets, ("grill",), k.config)] == ["web:1"]


def test_times_come_from_the_connectors_log_the_same_on_every_device() -> None:
    k = Kitchen(kitchen_config(), devices=("a", "b"))
    k.arrive(make_order(asap=False, prepare_at=(T0 + minutes(30)).isoformat()), T0)
    k.act(FireNow("web:1"), T0 + minutes(2), device_id="a")
    k.act(BumpLine("web:1", "b", ("grill",)), T0 + minutes(4), device_id="b")
    k.act(BumpOrder("web:1", ("cold",)), T0 + minutes(5), device_id="b")
    k.act(BumpOrder("web:1", ("bar",)), T0 + minutes(6), device_id="a")
    k.act(Collected("web:1"), T0 + minutes(9), device_id="a")
    k.sync("b", lag=timedelta(seconds=3))
    times = k.device("a").ticket().times
    assert times == OrderTimes(
        received_at=T0,
        fired_at=T0 + minutes(2),
        station_done_at={
            "grill": T0 + minutes(4),
            "cold": T0 + minutes(5),
            "bar": T0 + minutes(6),
        },
        line_done_at={"b": T0 + minutes(4)},
        ready_at=T0 + minutes(6),
        collected_at=T0 + minutes(9),
    )
    assert k.device("b").ticket().times == times


def test_a_cancellation_is_timed_by_the_connector() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order())
    k.cancel("web:1", T0 + minutes(3))
    assert k.device().ticket().times.cancelled_at == T0 + minutes(3)
    assert k.device().ticket().state.cancelled


def test_ignored_events_leave_the_times_alone() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order())
    before = k.device().ticket()
    k.arrive(make_order(), T0 + minutes(5))  # a duplicate order.created
    k.shop_status("web:9", wire.OrderStatus.READY, T0 + minutes(6))
    assert k.device().ticket() == before
    assert "web:9" not in k.device().tickets
