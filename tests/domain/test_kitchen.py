"""Bump, bump item, undo, recall, roll-up to ready, collected: what each tap sends and shows."""

from __future__ import annotations

from datetime import timedelta

from kds import wire
from kds.domain.kitchen import (
    EXPO,
    AcknowledgeCancel,
    AcknowledgeChange,
    BumpLine,
    BumpOrder,
    Collected,
    Cue,
    HideUndo,
    Ignored,
    PlaySound,
    Recall,
    RecordAcknowledgement,
    ShowUndo,
    Undo,
    expo_tap,
    order_for_code,
    settle,
)
from kds.domain.rollup import done_at, is_ready, progress
from kds.domain.schedule import timer
from kds.domain.screens import PickupColumn, on_expo, on_stations, pickup_column

from .conftest import (
    NO_ACKS,
    T0,
    Kitchen,
    S,
    kitchen_config,
    line,
    make_order,
    minutes,
    ticket_of,
)

GRILL = ("grill",)
COLD = ("cold",)
BAR = ("bar",)


def kitchen(**settings: object) -> Kitchen:
    k = Kitchen(kitchen_config(**settings), devices=("a", "b"))
    k.arrive(make_order())
    return k


def sent(decision: object) -> list[tuple[S, str | None, tuple[str, ...]]]:
    return [(c.status, c.station, c.line_ids) for c in decision.changes]  # type: ignore[attr-defined]


def test_bumping_a_station_sends_its_status_and_shows_the_undo_bar() -> None:
    k = kitchen()
    at = T0 + minutes(3)
    decision = k.act(BumpOrder("web:1", GRILL), at)
    assert sent(decision) == [(S.READY, "grill", ())]
    assert decision.changes[0].at == at
    assert decision.effects == (
        PlaySound(Cue.BUMP),
        ShowUndo(1, "web:1", at + timedelta(seconds=5)),
    )
    ticket = k.device("b").ticket()
    assert done_at(ticket, "grill", k.config)
    assert not on_stations(ticket, GRILL, k.config, NO_ACKS, at)
    assert on_stations(ticket, COLD, k.config, NO_ACKS, at)


def test_a_double_tap_never_bumps_twice_even_before_the_echo() -> None:
    k = kitchen()
    first = k.act(BumpOrder("web:1", GRILL), T0, deliver=False)
    second = k.act(BumpOrder("web:1", GRILL), T0 + timedelta(milliseconds=80), deliver=False)
    assert len(first.changes) == 1
    assert second.changes == ()
    assert second.effects == (Ignored("already bumped here"),)
    k.send("a")
    k.sync()
    third = k.act(BumpOrder("web:1", GRILL), T0 + timedelta(seconds=1))
    assert third.changes == ()
    assert len([e for e in k.log if isinstance(e, wire.OrderStatusChanged)]) == 1


def test_the_last_station_rolls_the_order_up_to_ready() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", GRILL), T0 + minutes(1), device_id="a")
    k.act(BumpOrder("web:1", COLD), T0 + minutes(2), device_id="b")
    ticket = k.device("a").ticket()
    assert [(p.name, p.done) for p in progress(ticket, k.config)] == [
        ("Grill", True),
        ("Kalt", True),
        ("Bar", False),
    ]
    assert pickup_column(ticket, k.config, T0 + minutes(2)) is PickupColumn.IN_PREPARATION
    last = k.act(BumpOrder("web:1", BAR), T0 + minutes(3), device_id="b")
    assert sent(last) == [(S.READY, "bar", ()), (S.READY, None, ())]
    assert PlaySound(Cue.READY) in last.effects
    for device in k.devices.values():
        ticket = device.ticket()
        assert is_ready(ticket, k.config)
        assert pickup_column(ticket, k.config, T0 + minutes(3)) is PickupColumn.READY
        assert on_expo(ticket, k.config, NO_ACKS, T0 + minutes(3))


def test_with_expo_confirms_the_stations_alone_do_not_make_it_ready() -> None:
    k = kitchen(ready_when="expo_confirms")
    for stations in (GRILL, COLD, BAR):
        decision = k.act(BumpOrder("web:1", stations), T0 + minutes(1))
        assert len(decision.changes) == 1
    ticket = k.device().ticket()
    assert all(p.done for p in progress(ticket, k.config))
    assert not is_ready(ticket, k.config)
    assert pickup_column(ticket, k.config, T0 + minutes(1)) is PickupColumn.IN_PREPARATION
    expo = k.act(expo_tap(ticket, k.config), T0 + minutes(2))
    assert sent(expo) == [(S.READY, None, ())]
    assert is_ready(k.device().ticket(), k.config)


def test_the_expo_can_make_an_order_ready_before_the_stations() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", EXPO), T0 + minutes(1))
    ticket = k.device("b").ticket()
    assert is_ready(ticket, k.config)
    assert not any(on_stations(ticket, s, k.config, NO_ACKS, T0) for s in (GRILL, COLD, BAR))


def test_a_multi_station_monitor_bumps_all_its_stations_with_one_tap() -> None:
    k = kitchen()
    decision = k.act(BumpOrder("web:1", ("grill", "cold")), T0)
    assert sent(decision) == [(S.READY, "grill", ()), (S.READY, "cold", ())]
    k.act(Undo(1), T0 + timedelta(seconds=2))
    ticket = k.device().ticket()
    assert not done_at(ticket, "grill", k.config)
    assert not done_at(ticket, "cold", k.config)


def test_striking_a_stations_last_line_bumps_the_order_there() -> None:
    k = Kitchen(kitchen_config(), devices=("a",))
    k.arrive(make_order(items=[line("b", "Burger", "burgers"), line("f", "Fries", "sides")]))
    first = k.act(BumpLine("web:1", "b", GRILL), T0)
    assert sent(first) == [(S.READY, "grill", ("b",))]
    ticket = k.device().ticket()
    assert ticket.line_done("b")
    assert on_stations(ticket, GRILL, k.config, NO_ACKS, T0)
    assert k.act(BumpLine("web:1", "b", GRILL), T0).changes == ()
    last = k.act(BumpLine("web:1", "f", GRILL), T0 + minutes(1))
    assert sent(last) == [
        (S.READY, "grill", ("f",)),
        (S.READY, "grill", ()),
        (S.READY, None, ()),
    ]
    assert is_ready(k.device().ticket(), k.config)


def test_without_auto_bump_struck_lines_wait_for_the_header_tap() -> None:
    k = Kitchen(kitchen_config(bump_order_when_lines_done=False))
    k.arrive(make_order(items=[line("b", "Burger", "burgers")]))
    assert sent(k.act(BumpLine("web:1", "b", GRILL), T0)) == [(S.READY, "grill", ("b",))]
    ticket = k.device().ticket()
    assert on_stations(ticket, GRILL, k.config, NO_ACKS, T0)
    assert sent(k.act(BumpOrder("web:1", GRILL), T0)) == [
        (S.READY, "grill", ()),
        (S.READY, None, ()),
    ]


def test_lines_struck_on_two_devices_at_once_still_finish_the_station() -> None:
    """Neither device saw itself strike the last line; the order leaves the station anyway."""
    k = Kitchen(kitchen_config(), devices=("a", "b"))
    k.arrive(make_order(items=[line("b", "Burger", "burgers"), line("f", "Fries", "sides")]))
    k.act(BumpLine("web:1", "b", GRILL), T0, device_id="a", deliver=False)
    k.act(BumpLine("web:1", "f", GRILL), T0, device_id="b", deliver=False)
    k.send("a")
    k.send("b")
    k.sync()
    ticket = k.device("a").ticket()
    assert done_at(ticket, "grill", k.config)
    assert is_ready(ticket, k.config)
    assert pickup_column(ticket, k.config, T0) is PickupColumn.READY


def test_undo_sends_the_inverse_and_only_once() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", GRILL), T0)
    k.act(BumpOrder("web:1", COLD), T0)
    last = k.act(BumpOrder("web:1", BAR), T0)
    undo_id = next(e.action_id for e in last.effects if isinstance(e, ShowUndo))
    undo = k.act(Undo(undo_id), T0 + timedelta(seconds=4))
    assert sent(undo) == [(S.IN_PREPARATION, None, ()), (S.IN_PREPARATION, "bar", ())]
    assert HideUndo(undo_id) in undo.effects
    assert PlaySound(Cue.UNDO) in undo.effects
    ticket = k.device("b").ticket()
    assert not is_ready(ticket, k.config)
    assert on_stations(ticket, BAR, k.config, NO_ACKS, T0)
    assert pickup_column(ticket, k.config, T0) is PickupColumn.IN_PREPARATION
    again = k.act(Undo(undo_id), T0 + timedelta(seconds=4))
    assert again.changes == ()


def test_undo_expires_with_its_bar() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", GRILL), T0)
    late = k.act(Undo(1), T0 + timedelta(seconds=5))
    assert late.changes == ()
    assert late.effects == (Ignored("nothing to undo"),)


def test_undo_puts_back_the_previous_status_not_a_fixed_one() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", GRILL), T0)
    k.act(Recall("web:1", GRILL), T0 + minutes(2))
    k.act(BumpOrder("web:1", GRILL), T0 + minutes(3))
    undo = k.act(Undo(3), T0 + minutes(3))
    assert sent(undo) == [(S.RECALLED, "grill", ())]


def test_undo_leaves_what_someone_else_changed_since() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", EXPO), T0, device_id="a")
    k.act(Collected("web:1"), T0 + timedelta(seconds=1), device_id="b")
    undo = k.act(Undo(1), T0 + timedelta(seconds=2), device_id="a")
    assert undo.changes == ()
    assert Ignored("changed since by someone else") in undo.effects
    assert k.device("a").ticket().status_of(None) == S.COLLECTED


def test_recall_returns_the_order_marked_recalled_with_its_original_timer() -> None:
    k = kitchen()
    for stations in (GRILL, COLD, BAR):
        k.act(BumpOrder("web:1", stations), T0 + minutes(4))
    assert is_ready(k.device().ticket(), k.config)
    recall = k.act(Recall("web:1", GRILL), T0 + minutes(9))
    assert sent(recall) == [(S.RECALLED, "grill", ()), (S.RECALLED, None, ())]
    assert PlaySound(Cue.RECALL) in recall.effects
    ticket = k.device("b").ticket()
    assert ticket.status_of("grill") == S.RECALLED
    assert on_stations(ticket, GRILL, k.config, NO_ACKS, T0 + minutes(9))
    assert not on_stations(ticket, COLD, k.config, NO_ACKS, T0 + minutes(9))
    assert pickup_column(ticket, k.config, T0 + minutes(9)) is PickupColumn.IN_PREPARATION
    assert timer(ticket, k.config, T0 + minutes(11), "grill").elapsed == minutes(11)
    again = k.act(BumpOrder("web:1", GRILL), T0 + minutes(12))
    assert sent(again) == [(S.READY, "grill", ()), (S.READY, None, ())]


def test_the_timer_stops_at_ready_and_goes_on_after_an_expo_recall() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", EXPO), T0 + minutes(6))
    ticket = k.device().ticket()
    assert timer(ticket, k.config, T0 + minutes(20)).elapsed == minutes(6)
    k.act(Recall("web:1", EXPO), T0 + minutes(20))
    ticket = k.device().ticket()
    assert not is_ready(ticket, k.config)
    assert timer(ticket, k.config, T0 + minutes(21)).elapsed == minutes(21)


def test_recall_of_an_order_not_finished_here_does_nothing() -> None:
    k = kitchen()
    assert k.act(Recall("web:1", GRILL), T0).effects == (Ignored("order is not finished here"),)
    assert k.act(Recall("web:1", EXPO), T0).effects == (Ignored("order is not finished"),)


def test_collected_clears_the_pickup_board_and_the_expo() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", EXPO), T0)
    ticket = k.device().ticket()
    assert expo_tap(ticket, k.config) == Collected("web:1")
    decision = k.act(expo_tap(ticket, k.config), T0 + minutes(1))
    assert sent(decision) == [(S.COLLECTED, None, ())]
    ticket = k.device("b").ticket()
    assert pickup_column(ticket, k.config, T0 + minutes(1)) is None
    assert not on_expo(ticket, k.config, NO_ACKS, T0 + minutes(1))
    assert k.act(Collected("web:1"), T0 + minutes(1)).changes == ()


def test_a_pickup_code_or_number_finds_the_open_order() -> None:
    tickets = [
        ticket_of(make_order("web:1", display_id="17"), at=T0),
        ticket_of(make_order("web:2", display_id="18"), at=T0),
    ]
    coded = make_order("web:3", display_id="19").model_copy(update={"pickup_code": "K7Q"})
    tickets.append(ticket_of(coded))
    assert order_for_code(tickets, " K7Q\n") is tickets[2]
    assert order_for_code(tickets, "18") is tickets[1]
    assert order_for_code(tickets, "99") is None
    assert order_for_code(tickets, "") is None


def test_actions_on_unknown_cancelled_or_unreleased_orders_change_nothing() -> None:
    k = kitchen()
    assert k.act(BumpOrder("web:9", GRILL), T0).effects == (Ignored("unknown order web:9"),)
    k.arrive(make_order("web:2", asap=False, prepare_at=(T0 + minutes(30)).isoformat()))
    assert k.act(BumpOrder("web:2", GRILL), T0).effects == (Ignored("order is not released yet"),)
    k.cancel("web:1", T0 + minutes(1))
    assert k.act(BumpOrder("web:1", GRILL), T0 + minutes(1)).effects == (
        Ignored("order is cancelled"),
    )
    assert k.act(BumpLine("web:2", "zz", GRILL), T0 + minutes(40)).effects == (
        Ignored("order has no line zz"),
    )


def test_acknowledgements_are_local_effects() -> None:
    k = kitchen()
    change = k.act(AcknowledgeChange("web:1", ("grill", "cold")), T0)
    assert change.changes == ()
    assert change.effects == (RecordAcknowledgement("web:1", ("grill", "cold"), 1),)
    assert k.act(AcknowledgeCancel("web:1", GRILL), T0).effects == (
        Ignored("order is not cancelled"),
    )
    k.cancel("web:1", T0 + minutes(1))
    cancel = k.act(AcknowledgeCancel("web:1", EXPO), T0 + minutes(1))
    assert cancel.effects == (RecordAcknowledgement("web:1", ("",), None),)


def test_the_echo_settles_only_its_own_pending_change() -> None:
    k = kitchen()
    k.act(BumpOrder("web:1", GRILL), T0, deliver=False)
    change = k.device().outbox[0]
    k.send("a")
    echo = k.log[-1]
    assert settle([change], echo, "b") == (change,)
    assert settle([change], echo, "a") == ()
    assert settle([change], k.log[0], "a") == (change,)


def test_the_expo_can_strike_a_line_for_its_station() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(items=[line("b", "Burger", "burgers"), line("c", "Cola", "drinks")]))
    decision = k.act(BumpLine("web:1", "c", EXPO), T0)
    assert sent(decision) == [(S.READY, "bar", ("c",)), (S.READY, "bar", ())]
    last = k.act(BumpLine("web:1", "b", EXPO), T0)
    assert sent(last) == [(S.READY, "grill", ("b",)), (S.READY, "grill", ()), (S.READY, None, ())]


def test_with_no_stations_striking_every_line_makes_the_order_ready() -> None:
    k = Kitchen(kitchen_config(()))
    k.arrive(make_order(items=[line("b", "Burger", "burgers"), line("c", "Cola", "drinks")]))
    assert sent(k.act(BumpLine("web:1", "b", ()), T0)) == [(S.READY, None, ("b",))]
    assert sent(k.act(BumpLine("web:1", "c", ()), T0)) == [
        (S.READY, None, ("c",)),
        (S.READY, None, ()),
    ]
    assert is_ready(k.device().ticket(), k.config)
