"""Every line lands on some station: by group, by catalog, on the default, or everywhere."""

from __future__ import annotations

import random
from typing import Any

from kds import wire
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.routing import Routing, stations_for_line
from kds.domain.screens import on_stations, station_alarm
from kds.settings import Station

from .conftest import NO_ACKS, STATIONS, T0, kitchen_config, line, make_order, ticket_of


def item(group: str | None, ref: str | None = None) -> wire.Item:
    data: dict[str, Any] = {"line_id": "1", "name": "Dish", "quantity": "1"}
    if group is not None:
        data["group"] = group
    if ref is not None:
        data["ref"] = ref
    return wire.Item.model_validate(data)


def test_a_line_goes_to_the_stations_of_its_group() -> None:
    assert stations_for_line(item("salads"), STATIONS, None) == (("cold",), False)


def test_two_stations_listing_a_group_both_take_the_line() -> None:
    stations = (*STATIONS, Station(id="pass", name="Pass", groups=("salads",)))
    assert stations_for_line(item("salads"), stations, None) == (("cold", "pass"), False)


def test_a_station_without_groups_takes_every_line() -> None:
    stations = (*STATIONS, Station(id="all", name="All"))
    assert stations_for_line(item("salads"), stations, None) == (("cold", "all"), False)
    assert stations_for_line(item(None), stations, None) == (("all",), False)


def test_a_line_without_group_takes_its_articles_group_from_the_catalog() -> None:
    catalog = {"A-17": "drinks"}
    assert stations_for_line(item(None, ref="A-17"), STATIONS, None, catalog) == (("bar",), False)


def test_no_group_or_unknown_group_goes_to_the_default_station() -> None:
    assert stations_for_line(item(None), STATIONS, "grill") == (("grill",), False)
    assert stations_for_line(item("pizza"), STATIONS, "grill") == (("grill",), False)


def test_without_a_default_a_stray_line_goes_everywhere_unrouted() -> None:
    everywhere = (("grill", "cold", "bar"), True)
    assert stations_for_line(item(None), STATIONS, None) == everywhere
    assert stations_for_line(item("pizza"), STATIONS, None) == everywhere
    # A default that is not a configured station must not swallow the line.
    assert stations_for_line(item("pizza"), STATIONS, "oven") == everywhere


def test_with_no_stations_configured_nothing_is_unrouted() -> None:
    assert stations_for_line(item("pizza"), (), None) == ((), False)


def test_stray_lines_show_on_every_station_marked_and_raise_the_expo_alarm() -> None:
    config = kitchen_config()
    order = make_order(items=[line("b", "Burger", "burgers"), line("p", "Pizza", "pizza")])
    ticket = ticket_of(order)
    for station in ("grill", "cold", "bar"):
        shown = config.routing.lines_at(order, (station,))
        assert ("p", True) in [(sl.item.line_id, sl.unrouted) for sl in shown]
        assert on_stations(ticket, (station,), config, NO_ACKS, T0)
    assert station_alarm([ticket], config) == [ticket]
    with_default = kitchen_config(default_station="grill")
    assert station_alarm([ticket], with_default) == []
    assert [sl.item.line_id for sl in with_default.routing.lines_at(order, ("cold",))] == []


def test_progress_names_and_stations_of_an_order_follow_the_configured_order() -> None:
    routing = Routing(STATIONS)
    order = make_order(items=[line("c", "Cola", "drinks"), line("b", "Burger", "burgers")])
    assert routing.stations_of(order) == ("grill", "bar")
    assert routing.name("cold") == "Kalt"
    assert routing.name("unknown") == "unknown"


GROUPS = ["burgers", "sides", "salads", "drinks", "pizza", "", None]


def random_order(rng: random.Random, n: int) -> wire.Order:
    items = []
    for i in range(rng.randint(1, 6)):
        group = rng.choice(GROUPS)
        ref = rng.choice([None, "A-1", "A-2"])
        extra = {"ref": ref} if ref else {}
        items.append(line(f"l{i}", f"Dish {i}", group, str(rng.randint(1, 3)), **extra))
    return make_order(f"web:{n}", items=items)


def random_stations(rng: random.Random) -> tuple[Station, ...]:
    stations = []
    for i in range(rng.randint(0, 4)):
        groups = tuple(rng.sample(["burgers", "sides", "salads", "drinks"], rng.randint(0, 2)))
        stations.append(Station(id=f"s{i}", name=f"Station {i}", groups=groups))
    return tuple(stations)


def test_property_a_dish_is_never_invisible() -> None:
    """Over random kitchens and orders, every line shows on at least one station screen, and
    one that lands only because no station takes it is marked and alarms the expo."""
    rng = random.Random(20261201)
    for n in range(500):
        stations = random_stations(rng)
        ids = [s.id for s in stations]
        default = rng.choice([None, *ids, "gone"])
        catalog = rng.choice([{}, {"A-1": "drinks", "A-2": "pizza"}])
        config = KitchenConfig(Routing(stations, default, catalog))
        routing = config.routing
        order = random_order(rng, n)
        ticket = ticket_of(order)
        monitors = [(s,) for s in ids] or [()]
        for dish in order.items:
            seen_on = [
                m for m in monitors if dish in [sl.item for sl in routing.lines_at(order, m)]
            ]
            assert seen_on, (stations, default, dish)
            assert any(on_stations(ticket, m, config, NO_ACKS, T0) for m in seen_on)
            taken, unrouted = routing.route(dish)
            marked = [
                sl.unrouted for m in seen_on for sl in routing.lines_at(order, m) if sl.item == dish
            ]
            assert all(marked) == unrouted
            if unrouted:
                assert set(taken) == set(ids)
                assert ticket in station_alarm([ticket], config)


def test_a_snapshot_is_routed_by_its_lines_even_under_a_reused_revision() -> None:
    routing = Routing(STATIONS)
    first = make_order(items=[line("x", "Soup", "salads")])
    assert routing.stations_of(first) == ("cold",)
    same_revision_other_lines = make_order(items=[line("x", "Soup", "burgers")])
    assert routing.stations_of(same_revision_other_lines) == ("grill",)


def test_routed_snapshots_kept_stay_bounded(monkeypatch: Any) -> None:
    import kds.domain.routing as routing_module

    monkeypatch.setattr(routing_module, "ROUTE_CACHE", 8)
    routing = Routing(STATIONS)
    for n in range(50):
        routing.stations_of(make_order(f"web:{n}"))
    assert len(routing._orders) == 8
    assert routing.stations_of(make_order("web:0")) == ("grill", "cold", "bar")
