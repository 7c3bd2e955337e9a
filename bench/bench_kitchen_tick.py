"""Benchmark: the kitchen domain rules over 500 open tickets, against a bare walk over them.

The 1 s tick reads every card's timer from its clock (kept per card, renewed on the order's
events; "from scratch" renews all 500 as well); an event re-asks which monitors show an order;
the all-day panel totals a station; a tap decides one bump. Each is timed over the same
500 tickets (three stations, mixed progress, some scheduled) and printed with its ratio to
a baseline measured in the same run: a loop that only reads each ticket's whole-order
status. The target for the tick is <= 2 ms on the GUI thread (issue 10), checked on the median.

    .venv/bin/python bench/bench_kitchen_tick.py [--tickets N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kds import wire
from kds.domain.acknowledge import NO_ACKNOWLEDGEMENTS
from kds.domain.allday import all_day
from kds.domain.kitchen import BumpOrder, Desk, decide
from kds.domain.kitchen_settings import KitchenConfig, KitchenSettings
from kds.domain.routing import Routing
from kds.domain.schedule import timer, timer_clock
from kds.domain.screens import on_expo, on_stations, pickup_column
from kds.domain.tickets import Ticket, advance
from kds.settings import Station

TARGET_TICK_MS = 2.0
T0 = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
CONFIG = KitchenConfig(
    Routing(
        (
            Station(id="grill", name="Grill", groups=("mains", "sides")),
            Station(id="cold", name="Cold", groups=("salads", "desserts")),
            Station(id="bar", name="Bar", groups=("drinks",)),
        )
    ),
    KitchenSettings(),
)


def make_ticket(n: int) -> Ticket:
    scheduled = n % 7 == 0
    fulfillment: dict[str, object] = {"type": "pickup", "asap": not scheduled}
    if scheduled:
        fulfillment["due_at"] = (T0 + timedelta(hours=2)).isoformat()
    order = wire.parse_order(
        {
            "id": f"bench:{n}",
            "external_id": str(n),
            "display_id": str(100 + n),
            "source": "webshop",
            "revision": 1,
            "created_at": T0.isoformat(),
            "fulfillment": fulfillment,
            "items": [
                {
                    "line_id": "1",
                    "name": "Käsespätzle",
                    "group": "mains",
                    "quantity": "2",
                    "modifiers": [{"name": "Röstzwiebeln", "action": "add", "quantity": "1"}],
                },
                {"line_id": "2", "name": "Fries", "group": "sides", "quantity": "1"},
                {"line_id": "3", "name": "Salad", "group": "salads", "quantity": "1"},
                {"line_id": "4", "name": "Cola", "group": "drinks", "quantity": "2"},
                {"line_id": "5", "name": "Special", "quantity": "1"},
            ],
        }
    )
    at = T0 + timedelta(seconds=n)
    events: list[wire.Event] = [wire.OrderCreated(seq=1, event_id="c", occurred_at=at, order=order)]
    if n % 3 == 1:
        events.append(
            wire.OrderStatusChanged(
                seq=2,
                event_id="s",
                occurred_at=at,
                order_id=order.id,
                status=wire.OrderStatus.READY,
                station="bar",
                device_id="d",
            )
        )
    ticket = None
    for event in events:
        ticket = advance(ticket, event, at)[1]
    assert ticket is not None
    return ticket


def time_ms(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(median, fastest) wall time of one call in milliseconds; the fastest is the figure on
    a quiet machine, the median what a loaded one gives."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    tickets = [make_ticket(n) for n in range(args.tickets)]
    by_id = {t.id: t for t in tickets}
    now = T0 + timedelta(minutes=8)
    desk = Desk(by_id)

    def baseline() -> None:
        for t in tickets:
            t.status_of(None)

    clocks = [timer_clock(t, CONFIG, "grill") for t in tickets]  # kept per card, per event

    def tick() -> None:
        for clock in clocks:
            clock.at(now)

    def clocks_anew() -> None:
        for t in tickets:
            timer(t, CONFIG, now, "grill")

    def refilter() -> None:
        for t in tickets:
            on_stations(t, ("grill",), CONFIG, NO_ACKNOWLEDGEMENTS, now)
            on_expo(t, CONFIG, NO_ACKNOWLEDGEMENTS, now)
            pickup_column(t, CONFIG, now)

    def one_event() -> None:
        t = tickets[len(tickets) // 2]
        on_stations(t, ("grill",), CONFIG, NO_ACKNOWLEDGEMENTS, now)
        on_expo(t, CONFIG, NO_ACKNOWLEDGEMENTS, now)
        pickup_column(t, CONFIG, now)

    def tap() -> None:
        decide(BumpOrder(tickets[1].id, ("grill",)), desk, CONFIG, now)

    base, base_min = time_ms(baseline, args.rounds)
    print(f"{args.tickets} open tickets, {args.rounds} rounds: median / fastest")
    print(f"  {'baseline (read each status)':<31}{base:8.3f} / {base_min:.3f} ms")
    figures = {
        "1 s tick (every timer)": time_ms(tick, args.rounds),
        "every timer from scratch": time_ms(clocks_anew, args.rounds),
        "refilter all (3 monitor kinds)": time_ms(refilter, args.rounds),
        "one order's event (3 kinds)": time_ms(one_event, args.rounds),
        "all-day panel (one station)": time_ms(
            lambda: all_day(tickets, ("grill",), CONFIG, now), args.rounds
        ),
        "decide one bump": time_ms(tap, args.rounds),
    }
    for name, (ms, fastest) in figures.items():
        print(f"  {name:<31}{ms:8.3f} / {fastest:.3f} ms  ({ms / base:6.1f}x baseline)")
    tick_ms = figures["1 s tick (every timer)"][0]
    verdict = "OK" if tick_ms <= TARGET_TICK_MS else "OVER TARGET"
    print(f"tick target <= {TARGET_TICK_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
