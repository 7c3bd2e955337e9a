"""What changed between two revisions of an order, in words a cook reads on a CHANGE ticket."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from kds.wire import Fulfillment, Item, Modifier, ModifierAction, Money, Note, Order

__all__ = ["LineChange", "OrderChanges", "describe_modifier", "diff_orders", "format_quantity"]

_ARROW = "→"


@dataclass(frozen=True)
class LineChange:
    """One order line that was added, removed or changed, with human-readable details."""

    kind: Literal["added", "removed", "changed"]
    before: Item | None
    after: Item | None
    details: tuple[str, ...] = ()

    @property
    def item(self) -> Item:
        """The line as it is now (or as it was, for a removed line)."""
        item = self.after or self.before
        assert item is not None, "a LineChange has at least one side"
        return item


@dataclass(frozen=True)
class OrderChanges:
    """Everything that differs between two revisions of one order."""

    lines: tuple[LineChange, ...] = ()
    order_notes_changed: tuple[str, ...] = ()
    fulfillment_changed: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing a kitchen cares about changed."""
        return not (self.lines or self.order_notes_changed or self.fulfillment_changed)

    def for_lines(self, line_ids: set[str] | frozenset[str]) -> OrderChanges:
        """Only the line changes whose line id is in `line_ids` (for one printer/station)."""
        return OrderChanges(
            lines=tuple(c for c in self.lines if c.item.line_id in line_ids),
            order_notes_changed=self.order_notes_changed,
            fulfillment_changed=self.fulfillment_changed,
        )


def format_quantity(quantity: Decimal) -> str:
    """A quantity as people write it: 2, 0.5, 1.25 (no trailing zeros, no exponent)."""
    text = format(quantity.normalize(), "f")
    return text


def describe_modifier(modifier: Modifier, times: str = " x ", no: str = "NO {label}") -> str:
    """One modifier in words: "2 x Bacon", "NO onion", "Medium (well done)".

    Tickets and screens say the same in their own style: `times` joins a quantity to the
    words (" x " on paper, the screens' cards write "2× Bacon"), and `no` words a removal
    (the screens pass it translated).
    """
    removed = modifier.action is ModifierAction.REMOVE
    words = no.format(label=modifier.label) if removed else modifier.label
    if modifier.quantity != 1:
        words = f"{format_quantity(modifier.quantity)}{times}{words}"
    if modifier.note:
        words = f"{words} ({modifier.note})"
    return words


def _modifier_paths(modifiers: tuple[Modifier, ...], parent: str = "") -> list[str]:
    paths: list[str] = []
    for modifier in modifiers:
        path = (
            f"{parent} > {describe_modifier(modifier)}" if parent else describe_modifier(modifier)
        )
        paths.append(path)
        paths.extend(_modifier_paths(modifier.modifiers, path))
    return paths


def _money(value: Money | None) -> str:
    if value is None:
        return "none"
    return f"{value.amount} {value.currency}"


def _multiset_diff(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(added, removed), each in the order of its own list, counting duplicates."""
    removed_budget = Counter(before) - Counter(after)
    added_budget = Counter(after) - Counter(before)
    added: list[str] = []
    for value in after:
        if added_budget[value] > 0:
            added.append(value)
            added_budget[value] -= 1
    removed: list[str] = []
    for value in before:
        if removed_budget[value] > 0:
            removed.append(value)
            removed_budget[value] -= 1
    return added, removed


def _was_now(label: str, old: object, new: object) -> str:
    """ "seat: 2 → 3", with "none" for an empty value."""
    return f"{label}: {old or 'none'} {_ARROW} {new or 'none'}"


def _line_details(old: Item, new: Item) -> tuple[str, ...]:
    details: list[str] = []
    if old.label != new.label:
        details.append(f"name: {old.label} {_ARROW} {new.label}")
    if old.quantity != new.quantity:
        details.append(
            f"quantity {format_quantity(old.quantity)} {_ARROW} {format_quantity(new.quantity)}"
        )
    if old.variant != new.variant:
        details.append(_was_now("variant", old.variant, new.variant))
    added, removed = _multiset_diff(_modifier_paths(old.modifiers), _modifier_paths(new.modifiers))
    details.extend(f"+ {m}" for m in added)
    details.extend(f"- {m}" for m in removed)
    added, removed = _multiset_diff(list(old.notes), list(new.notes))
    details.extend(f"note: {n}" for n in added)
    details.extend(f"note removed: {n}" for n in removed)
    if set(old.allergens) != set(new.allergens):
        before = ", ".join(old.allergens) or "none"
        after = ", ".join(new.allergens) or "none"
        details.append(f"allergens: {before} {_ARROW} {after}")
    if old.course != new.course:
        details.append(_was_now("course", old.course, new.course))
    if old.seat != new.seat:
        details.append(_was_now("seat", old.seat, new.seat))
    if old.unit_price != new.unit_price:
        details.append(f"price: {_money(old.unit_price)} {_ARROW} {_money(new.unit_price)}")
    return tuple(details)


def _note_words(note: Note) -> str:
    return f"{note.kind.value} note: {note.text}"


def _time(value: datetime | None) -> str:
    return value.strftime("%H:%M") if value is not None else "none"


def _fulfillment_details(old: Fulfillment, new: Fulfillment) -> tuple[str, ...]:
    details: list[str] = []
    if old.type != new.type:
        details.append(f"type: {old.type.value} {_ARROW} {new.type.value}")
    if old.asap != new.asap:
        details.append(
            f"{'ASAP' if old.asap else 'scheduled'} {_ARROW} {'ASAP' if new.asap else 'scheduled'}"
        )
    if old.due_at != new.due_at:
        details.append(f"due: {_time(old.due_at)} {_ARROW} {_time(new.due_at)}")
    if old.prepare_at != new.prepare_at:
        details.append(f"prepare at: {_time(old.prepare_at)} {_ARROW} {_time(new.prepare_at)}")
    if old.table != new.table:
        details.append(_was_now("table", old.table, new.table))
    if old.guests != new.guests:
        details.append(_was_now("guests", old.guests, new.guests))
    if old.address != new.address:
        details.append("delivery address changed")
    if old.include_cutlery != new.include_cutlery:
        details.append(
            f"cutlery: {'yes' if old.include_cutlery else 'no'} {_ARROW} "
            f"{'yes' if new.include_cutlery else 'no'}"
        )
    return tuple(details)


def diff_orders(old: Order, new: Order) -> OrderChanges:
    """The changes from `old` to `new`, lines matched by `line_id`.

    Lines come in the new order's sequence, then removed lines in the old order's sequence.
    """
    old_items = {item.line_id: item for item in old.items}
    new_ids = {item.line_id for item in new.items}
    lines: list[LineChange] = []
    for item in new.items:
        previous = old_items.get(item.line_id)
        if previous is None:
            lines.append(LineChange("added", None, item))
        elif previous != item:
            details = _line_details(previous, item)
            if details:
                lines.append(LineChange("changed", previous, item, details))
    lines.extend(
        LineChange("removed", item, None) for item in old.items if item.line_id not in new_ids
    )
    added, removed = _multiset_diff(
        [_note_words(n) for n in old.notes], [_note_words(n) for n in new.notes]
    )
    notes = [*added, *(f"removed {n}" for n in removed)]
    added, removed = _multiset_diff(list(old.restrictions), list(new.restrictions))
    notes.extend(f"restriction: {r}" for r in added)
    notes.extend(f"restriction removed: {r}" for r in removed)
    return OrderChanges(
        lines=tuple(lines),
        order_notes_changed=tuple(notes),
        fulfillment_changed=_fulfillment_details(old.fulfillment, new.fulfillment),
    )
