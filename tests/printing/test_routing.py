"""Routing: which printer gets which line, by the documented precedence; none dropped silently."""

from __future__ import annotations

from typing import Any

import pytest

from kds import wire
from printing.config import PrintingConfig
from printing.routing import printers_for_stations, route_order


def make_order(items: list[dict[str, Any]], **fields: Any) -> wire.Order:
    data: dict[str, Any] = {
        "id": "webshop:1",
        "external_id": "1",
        "display_id": "17",
        "source": "webshop",
        "revision": 1,
        "created_at": "2026-11-23T12:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [
            {"line_id": f"l{i}", "name": f"Item {i}", "quantity": "1", **item}
            for i, item in enumerate(items, start=1)
        ],
    }
    data.update(fields)
    return wire.parse_order(data)


PRINTERS = [
    {"name": name, "transport": "file", "path": f"/tmp/{name}"}
    for name in ("Kitchen", "Grill", "Bar", "Expo", "Delivery", "Cola")
]


def config(routes: list[dict[str, Any]], **extra: Any) -> PrintingConfig:
    return PrintingConfig.model_validate({"printers": PRINTERS, "routes": routes, **extra})


def printers_of(cfg: PrintingConfig, order: wire.Order) -> dict[str, list[str]]:
    """line_id -> printers that get it."""
    result: dict[str, list[str]] = {}
    for ticket in route_order(cfg, order).tickets:
        for line_id in ticket.line_ids:
            result.setdefault(line_id, []).append(ticket.printer)
    return result


PRECEDENCE = config(
    [
        {"name": "catch-all", "printers": ["Kitchen"]},
        {"name": "delivery", "fulfillment": ["delivery"], "printers": ["Delivery"]},
        {"name": "grill", "groups": ["grill"], "printers": ["Grill"]},
        {
            "name": "grill-delivery",
            "groups": ["grill"],
            "fulfillment": ["delivery"],
            "printers": ["Expo"],
        },
        {"name": "cola", "refs": ["COLA"], "printers": ["Cola"]},
        {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
        {"name": "drinks-again", "groups": ["drinks"], "printers": ["Kitchen"]},
    ]
)


@pytest.mark.parametrize(
    ("item", "fulfillment", "expected", "why"),
    [
        ({"group": "soup"}, "pickup", "Kitchen", "only the catch-all matches"),
        ({"group": "soup"}, "delivery", "Delivery", "a fulfillment rule beats the catch-all"),
        ({"group": "grill"}, "pickup", "Grill", "a group rule beats the catch-all"),
        ({"group": "grill"}, "delivery", "Expo", "group + fulfillment beats group alone"),
        (
            {"group": "drinks", "ref": "COLA"},
            "delivery",
            "Cola",
            "a ref match beats group and fulfillment matches",
        ),
        ({"group": "drinks"}, "pickup", "Bar", "among equals the first rule in the file wins"),
    ],
)
def test_precedence(item: dict[str, Any], fulfillment: str, expected: str, why: str) -> None:
    order = make_order([item], fulfillment={"type": fulfillment, "asap": True})
    assert printers_of(PRECEDENCE, order) == {"l1": [expected]}, why


def test_source_channel_and_brand_restrict_a_rule() -> None:
    cfg = config(
        [
            {"name": "any", "printers": ["Kitchen"]},
            {
                "name": "brand burgers on ubereats",
                "sources": ["ubereats"],
                "brands": ["Burgers"],
                "printers": ["Grill"],
            },
            {"name": "kiosk channel", "channels": ["kiosk"], "printers": ["Expo"]},
        ]
    )
    assert printers_of(cfg, make_order([{}], source="ubereats", brand="Burgers")) == {
        "l1": ["Grill"]
    }
    assert printers_of(cfg, make_order([{}], source="ubereats", brand="Pizza")) == {
        "l1": ["Kitchen"]
    }
    assert printers_of(cfg, make_order([{}], channel="kiosk")) == {"l1": ["Expo"]}


def test_a_rule_sends_its_lines_to_all_its_printers_with_copies_template_and_station() -> None:
    cfg = config(
        [
            {
                "name": "grill",
                "groups": ["grill"],
                "printers": ["Grill", "Expo"],
                "copies": 2,
                "template": "kitchen",
                "station": "Grill",
            },
            {"name": "bar", "groups": ["drinks"], "printers": ["Bar"]},
        ]
    )
    order = make_order([{"group": "grill"}, {"group": "drinks"}, {"group": "grill"}])
    plan = route_order(cfg, order)
    tickets = {t.printer: t for t in plan.tickets}
    assert set(tickets) == {"Grill", "Expo", "Bar"}
    assert tickets["Grill"].line_ids == ("l1", "l3")
    assert tickets["Expo"].line_ids == ("l1", "l3")
    assert (tickets["Grill"].copies, tickets["Grill"].station) == (2, "Grill")
    assert tickets["Grill"].rule_name == "grill"
    assert tickets["Bar"].line_ids == ("l2",)
    assert plan.unrouted == ()


def test_one_ticket_per_printer_template_and_station() -> None:
    cfg = config(
        [
            {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"], "station": "Grill"},
            {"name": "fry", "groups": ["fry"], "printers": ["Kitchen"], "station": "Fry"},
            {"name": "salad", "groups": ["salad"], "printers": ["Kitchen"], "station": "Fry"},
        ]
    )
    plan = route_order(cfg, make_order([{"group": "grill"}, {"group": "fry"}, {"group": "salad"}]))
    assert [(t.printer, t.station, t.line_ids) for t in plan.tickets] == [
        ("Kitchen", "Grill", ("l1",)),
        ("Kitchen", "Fry", ("l2", "l3")),
    ]


def test_unmatched_line_goes_to_the_default_printer() -> None:
    cfg = config(
        [{"name": "bar", "groups": ["drinks"], "printers": ["Bar"]}], default_printer="Expo"
    )
    plan = route_order(cfg, make_order([{"group": "drinks"}, {"group": "dessert"}]))
    assert printers_of(cfg, make_order([{"group": "drinks"}, {"group": "dessert"}])) == {
        "l1": ["Bar"],
        "l2": ["Expo"],
    }
    assert plan.unrouted == ()


def test_unmatched_line_without_default_printer_is_reported_unrouted() -> None:
    cfg = config([{"name": "bar", "groups": ["drinks"], "printers": ["Bar"]}])
    order = make_order([{"group": "drinks"}, {"group": "dessert", "name": "Tiramisu"}])
    plan = route_order(cfg, order)
    assert [t.line_ids for t in plan.tickets] == [("l1",)]
    assert [item.name for item in plan.unrouted] == ["Tiramisu"]


def test_documents_match_on_the_whole_order() -> None:
    cfg = config(
        [{"name": "all", "printers": ["Kitchen"]}],
        documents=[
            {"template": "receipt", "printers": ["Expo"], "copies": 2},
            {
                "template": "receipt",
                "name": "packing slip",
                "fulfillment": ["delivery"],
                "printers": ["Delivery"],
            },
        ],
    )
    pickup = route_order(cfg, make_order([{}, {}]))
    assert [(d.printer, d.copies, d.line_ids) for d in pickup.documents] == [
        ("Expo", 2, ("l1", "l2"))
    ]
    delivery = route_order(cfg, make_order([{}], fulfillment={"type": "delivery", "asap": True}))
    assert [(d.printer, d.rule_name) for d in delivery.documents] == [
        ("Expo", "receipt"),
        ("Delivery", "packing slip"),
    ]


def test_the_printers_a_station_uses_are_those_its_lines_can_reach() -> None:
    routes = config(
        [
            {"name": "grill", "groups": ["mains"], "printers": ["Grill"]},
            {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
            {"name": "by station", "groups": ["specials"], "printers": ["Expo"], "station": "Hot"},
            {"name": "one article", "refs": ["K1"], "printers": ["Cola"]},
        ],
        documents=[{"template": "receipt", "printers": ["Delivery"]}],
        default_printer="Kitchen",
    )
    hot = printers_for_stations(routes, frozenset({"mains"}), frozenset({"hot", "Hot"}))
    # Its group's printer, the route naming it, the ref-only route (any group can match)
    # and the default printer; not the Bar, not the receipt printer.
    assert hot == {"Grill", "Expo", "Cola", "Kitchen"}
    bar = printers_for_stations(routes, frozenset({"drinks"}), frozenset({"bar", "Bar"}))
    assert bar == {"Bar", "Cola", "Kitchen"}
    everything = printers_for_stations(routes, None, frozenset())
    assert everything == {"Grill", "Bar", "Expo", "Cola", "Kitchen"}
