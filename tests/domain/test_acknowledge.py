"""Changes on screen: NEW, REMOVED, "2 → 3", changed notes and CHANGED until acknowledged; a
cancelled order stays with its overlay where it was being made until acknowledged there."""

from __future__ import annotations

from kds.domain.acknowledge import Acknowledgements, cancellation_shown, screen_changes
from kds.domain.changes import TextAdded, TimeChange, What
from kds.domain.kitchen import EXPO, AcknowledgeCancel, AcknowledgeChange, BumpOrder
from kds.domain.screens import on_expo, on_stations

from .conftest import (
    NO_ACKS,
    T0,
    Kitchen,
    kitchen_config,
    line,
    make_order,
    minutes,
)

BEFORE = [
    line("b", "Burger", "burgers", "2"),
    line("f", "Fries", "sides"),
    line("s", "Salad", "salads"),
]
AFTER = [
    line("b", "Burger", "burgers", "3", notes=["no onion"]),
    line("s", "Salad", "salads"),
    line("w", "Wings", "burgers"),
]


def test_the_grill_sees_new_removed_and_changed_lines() -> None:
    config = kitchen_config()
    old, new = make_order(items=BEFORE), make_order(revision=2, items=AFTER)
    changes = screen_changes(old, new, ("grill",), config)
    assert changes.changed
    assert set(changes.lines) == {"b", "w"}
    assert changes.lines["w"].new
    burger = changes.lines["b"]
    assert burger.quantity_text == "2 → 3"
    assert burger.notes_changed
    assert TextAdded(what=What.NOTE_ADDED, text="no onion") in burger.details
    assert [item.label for item in changes.removed] == ["Fries"]


def test_a_station_whose_lines_did_not_change_sees_no_flags() -> None:
    config = kitchen_config()
    old, new = make_order(items=BEFORE), make_order(revision=2, items=AFTER)
    changes = screen_changes(old, new, ("cold",), config)
    assert not changes.changed


def test_order_notes_and_times_flag_every_station() -> None:
    config = kitchen_config()
    old = make_order(items=BEFORE)
    new = make_order(revision=2, items=BEFORE, due_at=T0.isoformat())
    changes = screen_changes(old, new, ("cold",), config)
    assert changes.changed
    assert changes.fulfillment == (TimeChange(what=What.DUE, before=None, after=T0),)


def test_a_line_moved_to_another_station_is_removed_here_and_new_there() -> None:
    config = kitchen_config()
    old = make_order(items=[line("x", "Soup", "salads")])
    new = make_order(revision=2, items=[line("x", "Soup", "burgers")])
    assert [i.line_id for i in screen_changes(old, new, ("cold",), config).removed] == ["x"]
    assert screen_changes(old, new, ("grill",), config).lines["x"].new


def test_the_acknowledged_snapshot_shows_no_changes() -> None:
    config = kitchen_config()
    new = make_order(revision=2, items=AFTER)
    assert not screen_changes(new, new, EXPO, config).changed
    acks = Acknowledgements().with_revision(("grill",), 2)
    assert acks.revision("grill", 1) == 2
    assert acks.revision("cold", 1) == 1


def started_then_cancelled(**settings: object) -> Kitchen:
    k = Kitchen(kitchen_config(**settings), devices=("a", "b"))
    k.arrive(make_order())
    k.act(BumpOrder("web:1", ("bar",)), T0 + minutes(1))
    k.cancel("web:1", T0 + minutes(2))
    return k


def acks_after(k: Kitchen, device: str = "a") -> Acknowledgements:
    acks = Acknowledgements()
    for decision in k.device(device).decisions:
        for effect in decision.effects:
            if hasattr(effect, "applied_to"):
                acks = effect.applied_to(acks)
    return acks


def test_a_cancelled_order_stays_until_each_station_acknowledges_it() -> None:
    k = started_then_cancelled()
    now = T0 + minutes(30)
    ticket = k.device().ticket()
    assert on_stations(ticket, ("grill",), k.config, NO_ACKS, now)
    assert on_stations(ticket, ("cold",), k.config, NO_ACKS, now)
    assert not on_stations(ticket, ("bar",), k.config, NO_ACKS, now)  # it had finished
    assert on_expo(ticket, k.config, NO_ACKS, now)
    k.act(AcknowledgeCancel("web:1", ("grill",)), now)
    acks = acks_after(k)
    assert not on_stations(ticket, ("grill",), k.config, acks, now)
    assert on_stations(ticket, ("cold",), k.config, acks, now)
    assert on_stations(ticket, ("grill", "cold"), k.config, acks, now)
    k.act(AcknowledgeCancel("web:1", ("cold",)), now)
    k.act(AcknowledgeCancel("web:1", EXPO), now)
    acks = acks_after(k)
    assert not cancellation_shown(ticket, ("grill", "cold"), k.config, acks)
    assert not on_expo(ticket, k.config, acks, now)


def test_an_order_cancelled_before_its_release_leaves_at_once() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(asap=False, prepare_at=(T0 + minutes(60)).isoformat()))
    k.cancel("web:1", T0 + minutes(5))
    ticket = k.device().ticket()
    assert not on_stations(ticket, ("grill",), k.config, NO_ACKS, T0 + minutes(90))
    assert not on_expo(ticket, k.config, NO_ACKS, T0 + minutes(90))


def test_acknowledging_a_change_records_the_revision_seen() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(items=BEFORE))
    k.update(make_order(revision=2, items=AFTER), T0 + minutes(1))
    k.act(AcknowledgeChange("web:1", ("grill",)), T0 + minutes(2))
    assert acks_after(k).revisions == {"grill": 2}
