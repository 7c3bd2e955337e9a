"""diff_orders tells the kitchen exactly what changed between two revisions of an order."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kds import wire
from kds.domain.changes import (
    Change,
    OrderChanges,
    QuantityChange,
    Wording,
    describe_change,
    describe_modifier,
    diff_orders,
)

ENGLISH = Wording(
    translate=str,
    money=lambda m: f"{m.amount} {m.currency}",
    time=lambda value: value.strftime("%H:%M"),
    fulfillment=lambda kind: kind.value,
    modifier=describe_modifier,
)
"""Plain English words with the values as they are (the borders' own are tested there)."""


def words(changes: tuple[Change, ...]) -> tuple[str, ...]:
    return tuple(describe_change(change, ENGLISH) for change in changes)


def _order(items: list[dict[str, Any]], **extra: Any) -> wire.Order:
    data: dict[str, Any] = {
        "id": "webshop:2001",
        "external_id": "2001",
        "display_id": "42",
        "source": "webshop",
        "revision": 1,
        "created_at": "2026-11-23T18:00:00+01:00",
        "fulfillment": {"type": "dine_in", "asap": True, "table": "7", "guests": 2},
        "items": items,
    }
    data.update(extra)
    return wire.parse_order(data)


FLAMMKUCHEN = {
    "line_id": "l1",
    "name": "Flammkuchen Elsässer Art",
    "quantity": "1",
    "modifiers": [{"name": "Zwiebeln", "action": "remove", "quantity": "1"}],
}
STOOFVLEES = {"line_id": "l2", "name": "Stoofvlees met friet", "quantity": "2"}
COQ_AU_VIN = {"line_id": "l3", "name": "Coq au vin", "quantity": "1"}


def test_identical_orders_have_no_changes() -> None:
    order = _order([FLAMMKUCHEN, STOOFVLEES])
    changes = diff_orders(order, order)
    assert changes == OrderChanges()
    assert changes.is_empty


def test_added_and_removed_lines_are_matched_by_line_id() -> None:
    old = _order([FLAMMKUCHEN, STOOFVLEES])
    new = _order([FLAMMKUCHEN, COQ_AU_VIN], revision=2)
    changes = diff_orders(old, new)
    assert [(c.kind, c.item.name) for c in changes.lines] == [
        ("added", "Coq au vin"),
        ("removed", "Stoofvlees met friet"),
    ]
    added, removed = changes.lines
    assert added.before is None and added.after == new.item("l3")
    assert removed.after is None and removed.before == old.item("l2")


def test_a_renamed_line_with_the_same_id_is_a_change_not_a_remove_and_add() -> None:
    old = _order([STOOFVLEES])
    new = _order([{**STOOFVLEES, "name": "Stoofvlees met frietjes"}])
    (change,) = diff_orders(old, new).lines
    assert change.kind == "changed"
    assert words(change.details) == ("name: Stoofvlees met friet → Stoofvlees met frietjes",)


def test_quantity_modifier_and_note_changes_are_described_in_words() -> None:
    old = _order([FLAMMKUCHEN])
    new = _order(
        [
            {
                **FLAMMKUCHEN,
                "quantity": "2",
                "notes": ["no salt"],
                "modifiers": [
                    {"name": "Extra cheese", "action": "add", "quantity": "1"},
                    {
                        "name": "Sauce",
                        "action": "choose",
                        "quantity": "1",
                        "modifiers": [{"name": "Knoblauch", "action": "add", "quantity": "2"}],
                    },
                ],
            }
        ]
    )
    (change,) = diff_orders(old, new).lines
    assert (change.kind, change.before, change.after) == ("changed", old.items[0], new.items[0])
    assert change.details[0] == QuantityChange(before=Decimal(1), after=Decimal(2))
    assert words(change.details) == (
        "quantity 1 → 2",
        "+ Extra cheese",
        "+ Sauce",
        "+ Sauce > 2 x Knoblauch",
        "- NO Zwiebeln",
        "note: no salt",
    )


def test_variant_allergen_and_price_changes() -> None:
    old = _order([{**COQ_AU_VIN, "unit_price": {"amount": "18.50", "currency": "EUR"}}])
    new = _order(
        [
            {
                **COQ_AU_VIN,
                "variant": "grande",
                "allergens": ["Sellerie"],
                "unit_price": {"amount": "21.00", "currency": "EUR"},
            }
        ]
    )
    (change,) = diff_orders(old, new).lines
    assert words(change.details) == (
        "variant: none → grande",
        "allergens: none → Sellerie",
        "price: 18.50 EUR → 21.00 EUR",
    )


def test_order_notes_restrictions_and_fulfillment_changes() -> None:
    old = _order([COQ_AU_VIN], notes=[{"kind": "kitchen", "text": "Tisch wartet"}])
    new = _order(
        [COQ_AU_VIN],
        notes=[{"kind": "allergy", "text": "Nüsse"}],
        restrictions=["alcohol"],
        fulfillment={
            "type": "pickup",
            "asap": False,
            "due_at": "2026-11-23T19:30:00+01:00",
            "guests": 4,
        },
    )
    changes = diff_orders(old, new)
    assert changes.lines == ()
    assert words(changes.order_notes_changed) == (
        "allergy note: Nüsse",
        "removed kitchen note: Tisch wartet",
        "restriction: alcohol",
    )
    assert words(changes.fulfillment_changed) == (
        "type: dine_in → pickup",
        "ASAP → scheduled",
        "due: none → 19:30",
        "table: 7 → none",
        "guests: 2 → 4",
    )
    assert not changes.is_empty


def test_for_lines_keeps_only_one_printers_lines() -> None:
    old = _order([FLAMMKUCHEN])
    new = _order([FLAMMKUCHEN, STOOFVLEES, COQ_AU_VIN])
    changes = diff_orders(old, new).for_lines({"l3"})
    assert [c.item.line_id for c in changes.lines] == ["l3"]
