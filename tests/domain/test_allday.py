"""The all-day panel: what a station still has to make, dish by dish, modifiers included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kds.domain.allday import all_day
from kds.domain.kitchen import BumpLine, BumpOrder

from .conftest import T0, Kitchen, kitchen_config, line, make_order, minutes


def mod(name: str, quantity: str = "1", action: str = "add", **extra: Any) -> dict[str, Any]:
    return {"name": name, "action": action, "quantity": quantity, **extra}


def counts(result: tuple[Any, ...]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [
        (c.name, c.quantity_text, [(m.name, m.quantity_text) for m in c.modifiers]) for c in result
    ]


def test_totals_across_open_released_tickets_with_modifiers_times_their_dish() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(
        make_order(
            "web:1",
            items=[
                line(
                    "1",
                    "Burger",
                    "burgers",
                    "2",
                    modifiers=[mod("Bacon"), mod("Onion", action="remove")],
                ),
                line("2", "Fries", "sides", "1.5"),
                line("3", "Cola", "drinks"),
            ],
        )
    )
    k.arrive(
        make_order(
            "web:2",
            items=[
                line(
                    "1",
                    "Burger",
                    "burgers",
                    "3",
                    modifiers=[mod("Bacon", "2", modifiers=[mod("Extra crisp")])],
                )
            ],
        )
    )
    k.arrive(make_order("web:3", asap=False, prepare_at=(T0 + minutes(60)).isoformat()))
    result = all_day(k.device().tickets.values(), ("grill",), k.config, T0)
    assert counts(result) == [
        (
            "Burger",
            "5",
            [("Bacon", "8"), ("Bacon › Extra crisp", "6"), ("NO Onion", "2")],
        ),
        ("Fries", "1.5", []),
    ]
    assert result[0].quantity == Decimal(5)


def test_struck_lines_bumped_and_cancelled_orders_leave_the_count() -> None:
    k = Kitchen(kitchen_config())
    for n in (1, 2, 3):
        k.arrive(
            make_order(
                f"web:{n}", items=[line("b", "Burger", "burgers"), line("f", "Fries", "sides")]
            )
        )
    k.act(BumpLine("web:1", "f", ("grill",)), T0)
    k.act(BumpOrder("web:2", ("grill",)), T0)
    k.cancel("web:3", T0)
    result = all_day(k.device().tickets.values(), ("grill",), k.config, T0)
    assert counts(result) == [("Burger", "1", [])]


def test_a_multi_station_monitor_leaves_out_the_stations_already_done() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order())
    k.act(BumpOrder("web:1", ("cold",)), T0)
    result = all_day(k.device().tickets.values(), ("grill", "cold"), k.config, T0)
    assert counts(result) == [("Burger", "1", [])]
    everything = all_day(k.device().tickets.values(), (), k.config, T0)
    assert [c.name for c in everything] == ["Burger", "Cola", "Salad"]
