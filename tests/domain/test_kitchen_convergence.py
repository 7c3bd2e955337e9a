"""Property: random bumps, undos and recalls on several devices, each acting on what it has
seen so far, delivered through the connector's one order of events (seq), leave every device
with the same orders, times and screens."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from kds import wire
from kds.domain.kitchen import (
    EXPO,
    Action,
    BumpLine,
    BumpOrder,
    Collected,
    FireNow,
    Recall,
    ShowUndo,
    Undo,
    expo_tap,
)
from kds.domain.rollup import done_at, is_ready, progress
from kds.domain.schedule import is_released, timer
from kds.domain.screens import on_expo, on_stations, pickup_column, recall_list
from kds.domain.tickets import Ticket

from .conftest import NO_ACKS, T0, Kitchen, kitchen_config, line, make_order, minutes

DEVICES = ("a", "b", "c")
MONITORS: tuple[tuple[str, ...], ...] = (("grill",), ("cold",), ("bar",), ("grill", "cold"), EXPO)
ORDERS = ("web:1", "web:2", "web:3")


def items(rng: random.Random) -> list[dict[str, Any]]:
    menu = [
        line("b", "Burger", "burgers"),
        line("f", "Fries", "sides", "2"),
        line("s", "Salad", "salads"),
        line("c", "Cola", "drinks"),
        line("p", "Pizza", None),
    ]
    return rng.sample(menu, rng.randint(1, len(menu)))


def random_action(rng: random.Random, kitchen: Kitchen, device_id: str) -> Action:
    device = kitchen.device(device_id)
    order_id = rng.choice(ORDERS)
    monitor = rng.choice(MONITORS)
    roll = rng.random()
    if roll < 0.15:
        undoable = [
            e.action_id for d in device.decisions for e in d.effects if isinstance(e, ShowUndo)
        ]
        if undoable:
            return Undo(rng.choice(undoable[-4:]))
    if roll < 0.35:
        ticket = device.tickets.get(order_id)
        lines = [i.line_id for i in ticket.order.items] if ticket else ["b"]
        return BumpLine(order_id, rng.choice(lines), monitor)
    if roll < 0.55:
        return BumpOrder(order_id, monitor)
    if roll < 0.7:
        return Recall(order_id, monitor)
    if roll < 0.8:
        ticket = device.tickets.get(order_id)
        return expo_tap(ticket, kitchen.config) if ticket else Collected(order_id)
    return FireNow(order_id) if roll < 0.9 else Collected(order_id)


def shared(ticket: Ticket) -> tuple[object, ...]:
    """What every device must agree on (`first_seen_at`/`updated_at` are each device's clock)."""
    state = ticket.state
    return (
        state.order,
        dict(state.status),
        dict(state.line_status),
        state.cancelled,
        state.cancel_reason,
        ticket.times,
    )


def screens(kitchen: Kitchen, ticket: Ticket, now: Any) -> tuple[object, ...]:
    config = kitchen.config
    stations = [s.id for s in config.routing.stations]
    return (
        is_released(ticket, config, now),
        is_ready(ticket, config),
        tuple(done_at(ticket, s, config) for s in stations),
        progress(ticket, config),
        pickup_column(ticket, config, now),
        on_expo(ticket, config, NO_ACKS, now),
        tuple(on_stations(ticket, m, config, NO_ACKS, now) for m in MONITORS),
        timer(ticket, config, now),
    )


def run(seed: int) -> Kitchen:
    rng = random.Random(seed)
    config = kitchen_config(
        ready_when=rng.choice(["all_stations", "expo_confirms"]),
        bump_order_when_lines_done=rng.choice([True, False]),
    )
    kitchen = Kitchen(config, devices=DEVICES)
    now = T0
    # Devices learn of the orders when they next sync, each by its own clock.
    kitchen.log_event(wire.OrderCreated, now, order=make_order("web:1", items=items(rng)))
    kitchen.log_event(wire.OrderCreated, now, order=make_order("web:2", items=items(rng)))
    prepare = (T0 + minutes(rng.choice([1, 30]))).isoformat()
    scheduled = make_order("web:3", items=items(rng), asap=False, prepare_at=prepare)
    kitchen.log_event(wire.OrderCreated, now, order=scheduled)
    revision = {order_id: 1 for order_id in ORDERS}
    for _ in range(60):
        now += timedelta(seconds=rng.uniform(0, 3))
        device_id = rng.choice(DEVICES)
        roll = rng.random()
        if roll < 0.55:
            kitchen.act(random_action(rng, kitchen, device_id), now, device_id, deliver=False)
        elif roll < 0.75:
            kitchen.send(device_id)
        elif roll < 0.93:
            upto = rng.randint(kitchen.device(device_id).applied, len(kitchen.log))
            kitchen.sync(device_id, upto, lag=timedelta(seconds=rng.uniform(0, 2)))
        elif roll < 0.98:
            order_id = rng.choice(ORDERS)
            revision[order_id] += 1
            order = make_order(order_id, revision[order_id], items=items(rng))
            kitchen.log_event(wire.OrderUpdated, now, order=order)
        else:
            kitchen.log_event(wire.OrderCancelled, now, order_id=rng.choice(ORDERS), reason=None)
    for device_id in DEVICES:
        kitchen.send(device_id)
    for device_id in DEVICES:
        kitchen.sync(device_id, lag=timedelta(seconds=rng.uniform(0, 2)))
    return kitchen


def test_property_every_device_ends_in_the_same_state() -> None:
    actions = 0
    for seed in range(300):
        kitchen = run(seed)
        first, *others = (kitchen.device(d) for d in DEVICES)
        at = T0 + minutes(10)
        for device in (first, *others):
            assert device.outbox == [], seed
            assert device.applied == len(kitchen.log), seed
            actions += len(device.decisions)
        for order_id in ORDERS:
            expected = first.ticket(order_id)
            for device in others:
                ticket = device.ticket(order_id)
                assert shared(ticket) == shared(expected), (seed, device.device_id, order_id)
                assert screens(kitchen, ticket, at) == screens(kitchen, expected, at), seed
            # Never hidden: an open released order is on the expo until collected.
            if is_released(expected, kitchen.config, at) and not expected.state.cancelled:
                collected = expected.status_of(None) == wire.OrderStatus.COLLECTED
                assert on_expo(expected, kitchen.config, NO_ACKS, at) is not collected, seed
        for monitor in MONITORS:
            lists = [
                [t.id for t in recall_list(d.tickets.values(), monitor, kitchen.config)]
                for d in (first, *others)
            ]
            assert all(listed == lists[0] for listed in lists), seed
    assert actions > 300 * 20  # the sequences really acted


def test_the_sequences_exercise_every_kind_of_change() -> None:
    """The property above means something only if the runs bump, undo and recall for real."""
    seen: set[tuple[str, str | None, bool]] = set()
    for seed in range(60):
        kitchen = run(seed)
        for event in kitchen.log:
            if isinstance(event, wire.OrderStatusChanged):
                seen.add((event.status.value, event.station and "station", bool(event.line_ids)))
    assert {
        ("ready", "station", False),
        ("ready", None, False),
        ("ready", "station", True),
        ("recalled", "station", False),
        ("recalled", None, False),
        ("in_preparation", "station", False),  # an undone station bump
        ("in_preparation", None, False),  # fire now, or an undone expo bump
        ("new", None, False),  # an undone fire now
        ("collected", None, False),
    } <= seen
