"""What changed between two revisions of an order, as values a CHANGE ticket or a card words.

A change is a kind and its values ("quantity", 1, 2), never English text: each border puts
it into words in its own language (`describe_change` with the paper's or the screen's
`Wording`), so the same change reads "quantity 1 → 2" on an English screen and "Menge 1 → 2"
on a German printer. The words are marked with `N_` for both catalogs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from kds.wire import (
    Fulfillment,
    FulfillmentType,
    Item,
    Modifier,
    ModifierAction,
    Money,
    Note,
    NoteKind,
    Order,
)
from kds.words import N_

__all__ = [
    "Change",
    "LineChange",
    "OrderChanges",
    "What",
    "Wording",
    "describe_change",
    "describe_modifier",
    "diff_orders",
    "format_quantity",
]

_ARROW = "→"


class What(StrEnum):
    """What one change is about."""

    NAME = "name"
    QUANTITY = "quantity"
    VARIANT = "variant"
    MODIFIER_ADDED = "modifier_added"
    MODIFIER_REMOVED = "modifier_removed"
    NOTE_ADDED = "note_added"
    NOTE_REMOVED = "note_removed"
    ALLERGENS = "allergens"
    COURSE = "course"
    SEAT = "seat"
    PRICE = "price"
    ORDER_NOTE_ADDED = "order_note_added"
    ORDER_NOTE_REMOVED = "order_note_removed"
    RESTRICTION_ADDED = "restriction_added"
    RESTRICTION_REMOVED = "restriction_removed"
    TYPE = "type"
    ASAP = "asap"
    DUE = "due"
    PREPARE_AT = "prepare_at"
    TABLE = "table"
    GUESTS = "guests"
    ADDRESS = "address"
    CUTLERY = "cutlery"
    WORDS = "words"
    """A change as an older kds spooled it: already English words (printed as they are)."""


class _Change(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TextChange(_Change):
    """A value of the order's own text changed (a name, a table, a seat)."""

    what: Literal[What.NAME, What.VARIANT, What.COURSE, What.SEAT, What.TABLE, What.GUESTS]
    before: str | None
    after: str | None


class QuantityChange(_Change):
    what: Literal[What.QUANTITY] = What.QUANTITY
    before: Decimal
    after: Decimal


class ModifierChange(_Change):
    """A modifier added or removed, with the modifiers above it ("Sauce > 2 x Knoblauch")."""

    what: Literal[What.MODIFIER_ADDED, What.MODIFIER_REMOVED]
    path: tuple[Modifier, ...]
    """Outermost first; each without its own sub-modifiers."""


class TextAdded(_Change):
    """A line's note or an order's restriction added or removed."""

    what: Literal[
        What.NOTE_ADDED, What.NOTE_REMOVED, What.RESTRICTION_ADDED, What.RESTRICTION_REMOVED
    ]
    text: str


class OrderNoteChange(_Change):
    what: Literal[What.ORDER_NOTE_ADDED, What.ORDER_NOTE_REMOVED]
    note: Note


class AllergensChange(_Change):
    what: Literal[What.ALLERGENS] = What.ALLERGENS
    before: tuple[str, ...]
    after: tuple[str, ...]


class PriceChange(_Change):
    what: Literal[What.PRICE] = What.PRICE
    before: Money | None
    after: Money | None


class TypeChange(_Change):
    what: Literal[What.TYPE] = What.TYPE
    before: FulfillmentType
    after: FulfillmentType


class TimeChange(_Change):
    what: Literal[What.DUE, What.PREPARE_AT]
    before: AwareDatetime | None
    after: AwareDatetime | None


class FlagChange(_Change):
    """ASAP or scheduled; cutlery or none."""

    what: Literal[What.ASAP, What.CUTLERY]
    before: bool
    after: bool


class AddressChange(_Change):
    what: Literal[What.ADDRESS] = What.ADDRESS


class Worded(_Change):
    what: Literal[What.WORDS] = What.WORDS
    text: str


Change = Annotated[
    TextChange
    | QuantityChange
    | ModifierChange
    | TextAdded
    | OrderNoteChange
    | AllergensChange
    | PriceChange
    | TypeChange
    | TimeChange
    | FlagChange
    | AddressChange
    | Worded,
    Field(discriminator="what"),
]
"""One difference between two revisions, as values (`describe_change` words it)."""


@dataclass(frozen=True)
class LineChange:
    """One order line that was added, removed or changed, with what changed about it."""

    kind: Literal["added", "removed", "changed"]
    before: Item | None
    after: Item | None
    details: tuple[Change, ...] = ()

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
    order_notes_changed: tuple[Change, ...] = ()
    fulfillment_changed: tuple[Change, ...] = ()

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
    (each passes it translated).
    """
    removed = modifier.action is ModifierAction.REMOVE
    words = no.format(label=modifier.label) if removed else modifier.label
    if modifier.quantity != 1:
        words = f"{format_quantity(modifier.quantity)}{times}{words}"
    if modifier.note:
        words = f"{words} ({modifier.note})"
    return words


# -- the diff ------------------------------------------------------------------------------

_T = TypeVar("_T", bound=Hashable)


def _modifier_paths(
    modifiers: tuple[Modifier, ...], parent: tuple[Modifier, ...] = ()
) -> list[tuple[Modifier, ...]]:
    paths: list[tuple[Modifier, ...]] = []
    for modifier in modifiers:
        path = (*parent, modifier.model_copy(update={"modifiers": ()}))
        paths.append(path)
        paths.extend(_modifier_paths(modifier.modifiers, path))
    return paths


def _words(path: tuple[Modifier, ...]) -> str:
    return " > ".join(describe_modifier(modifier) for modifier in path)


def _multiset_diff(before: Sequence[_T], after: Sequence[_T]) -> tuple[list[_T], list[_T]]:
    """(added, removed), each in the order of its own list, counting duplicates."""
    removed_budget = Counter(before) - Counter(after)
    added_budget = Counter(after) - Counter(before)
    added: list[_T] = []
    for value in after:
        if added_budget[value] > 0:
            added.append(value)
            added_budget[value] -= 1
    removed: list[_T] = []
    for value in before:
        if removed_budget[value] > 0:
            removed.append(value)
            removed_budget[value] -= 1
    return added, removed


def _line_details(old: Item, new: Item) -> tuple[Change, ...]:
    details: list[Change] = []
    if old.label != new.label:
        details.append(TextChange(what=What.NAME, before=old.label, after=new.label))
    if old.quantity != new.quantity:
        details.append(QuantityChange(before=old.quantity, after=new.quantity))
    if old.variant != new.variant:
        details.append(TextChange(what=What.VARIANT, before=old.variant, after=new.variant))
    # Modifiers are matched by what a cook reads of them (a new group id changes nothing).
    old_paths, new_paths = _modifier_paths(old.modifiers), _modifier_paths(new.modifiers)
    paths = {_words(path): path for path in (*old_paths, *new_paths)}
    added, removed = _multiset_diff(
        [_words(path) for path in old_paths], [_words(path) for path in new_paths]
    )
    details.extend(ModifierChange(what=What.MODIFIER_ADDED, path=paths[m]) for m in added)
    details.extend(ModifierChange(what=What.MODIFIER_REMOVED, path=paths[m]) for m in removed)
    added_notes, removed_notes = _multiset_diff(old.notes, new.notes)
    details.extend(TextAdded(what=What.NOTE_ADDED, text=n) for n in added_notes)
    details.extend(TextAdded(what=What.NOTE_REMOVED, text=n) for n in removed_notes)
    if set(old.allergens) != set(new.allergens):
        details.append(AllergensChange(before=old.allergens, after=new.allergens))
    if old.course != new.course:
        details.append(TextChange(what=What.COURSE, before=old.course, after=new.course))
    if old.seat != new.seat:
        details.append(TextChange(what=What.SEAT, before=old.seat, after=new.seat))
    if old.unit_price != new.unit_price:
        details.append(PriceChange(before=old.unit_price, after=new.unit_price))
    return tuple(details)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _fulfillment_details(old: Fulfillment, new: Fulfillment) -> tuple[Change, ...]:
    details: list[Change] = []
    if old.type != new.type:
        details.append(TypeChange(before=old.type, after=new.type))
    if old.asap != new.asap:
        details.append(FlagChange(what=What.ASAP, before=old.asap, after=new.asap))
    if old.due_at != new.due_at:
        details.append(TimeChange(what=What.DUE, before=old.due_at, after=new.due_at))
    if old.prepare_at != new.prepare_at:
        details.append(
            TimeChange(what=What.PREPARE_AT, before=old.prepare_at, after=new.prepare_at)
        )
    if old.table != new.table:
        details.append(TextChange(what=What.TABLE, before=old.table, after=new.table))
    if old.guests != new.guests:
        details.append(
            TextChange(what=What.GUESTS, before=_text(old.guests), after=_text(new.guests))
        )
    if old.address != new.address:
        details.append(AddressChange())
    if old.include_cutlery != new.include_cutlery:
        details.append(
            FlagChange(
                what=What.CUTLERY,
                before=bool(old.include_cutlery),
                after=bool(new.include_cutlery),
            )
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
    notes: list[Change] = []
    added, removed = _multiset_diff(old.notes, new.notes)
    notes.extend(OrderNoteChange(what=What.ORDER_NOTE_ADDED, note=n) for n in added)
    notes.extend(OrderNoteChange(what=What.ORDER_NOTE_REMOVED, note=n) for n in removed)
    added_r, removed_r = _multiset_diff(old.restrictions, new.restrictions)
    notes.extend(TextAdded(what=What.RESTRICTION_ADDED, text=r) for r in added_r)
    notes.extend(TextAdded(what=What.RESTRICTION_REMOVED, text=r) for r in removed_r)
    return OrderChanges(
        lines=tuple(lines),
        order_notes_changed=tuple(notes),
        fulfillment_changed=_fulfillment_details(old.fulfillment, new.fulfillment),
    )


# -- in words -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """How one border words a change: its translations and its formats of values.

    The paper's follows the printer's language (`printing.render`), the screen's the
    device's (`kds.ui.cards`)."""

    translate: Callable[[str], str]
    """English source -> this language's words (str: English)."""
    money: Callable[[Money], str]
    time: Callable[[datetime], str]
    fulfillment: Callable[[FulfillmentType], str]
    modifier: Callable[[Modifier], str]
    """One modifier in words, a removal in this language ("OHNE Zwiebeln")."""


_WAS_NOW: dict[What, str] = {
    What.NAME: N_("name: {before} → {after}"),
    What.QUANTITY: N_("quantity {before} → {after}"),
    What.VARIANT: N_("variant: {before} → {after}"),
    What.ALLERGENS: N_("allergens: {before} → {after}"),
    What.COURSE: N_("course: {before} → {after}"),
    What.SEAT: N_("seat: {before} → {after}"),
    What.PRICE: N_("price: {before} → {after}"),
    What.TYPE: N_("type: {before} → {after}"),
    What.DUE: N_("due: {before} → {after}"),
    What.PREPARE_AT: N_("prepare at: {before} → {after}"),
    What.TABLE: N_("table: {before} → {after}"),
    What.GUESTS: N_("guests: {before} → {after}"),
    What.CUTLERY: N_("cutlery: {before} → {after}"),
}
"""The changes of one value: "was → now"."""

_TEXT: dict[What, str] = {
    What.NOTE_ADDED: N_("note: {text}"),
    What.NOTE_REMOVED: N_("note removed: {text}"),
    What.RESTRICTION_ADDED: N_("restriction: {text}"),
    What.RESTRICTION_REMOVED: N_("restriction removed: {text}"),
}

_NOTE_ADDED: dict[NoteKind, str] = {
    NoteKind.ORDER: N_("order note: {text}"),
    NoteKind.KITCHEN: N_("kitchen note: {text}"),
    NoteKind.DELIVERY: N_("delivery note: {text}"),
    NoteKind.CUTLERY: N_("cutlery note: {text}"),
    NoteKind.ALLERGY: N_("allergy note: {text}"),
    NoteKind.OTHER: N_("other note: {text}"),
}
_NOTE_REMOVED: dict[NoteKind, str] = {
    NoteKind.ORDER: N_("removed order note: {text}"),
    NoteKind.KITCHEN: N_("removed kitchen note: {text}"),
    NoteKind.DELIVERY: N_("removed delivery note: {text}"),
    NoteKind.CUTLERY: N_("removed cutlery note: {text}"),
    NoteKind.ALLERGY: N_("removed allergy note: {text}"),
    NoteKind.OTHER: N_("removed other note: {text}"),
}

_NONE = N_("none")
_FLAGS: dict[What, tuple[str, str]] = {
    What.ASAP: (N_("scheduled"), N_("ASAP")),
    What.CUTLERY: (N_("no"), N_("yes")),
}
"""(words for False, words for True)."""


def _values(change: Change, wording: Wording) -> tuple[str, str]:
    """(before, after) of a "was → now" change in words, "none" for an empty value."""
    t = wording.translate
    before: object
    after: object
    match change:
        case QuantityChange():
            return format_quantity(change.before), format_quantity(change.after)
        case TextChange():
            before, after = change.before, change.after
        case AllergensChange():
            before, after = ", ".join(change.before), ", ".join(change.after)
        case PriceChange():
            before = wording.money(change.before) if change.before is not None else None
            after = wording.money(change.after) if change.after is not None else None
        case TypeChange():
            before, after = wording.fulfillment(change.before), wording.fulfillment(change.after)
        case TimeChange():
            before = wording.time(change.before) if change.before is not None else None
            after = wording.time(change.after) if change.after is not None else None
        case FlagChange():
            no, yes = _FLAGS[change.what]
            return t(yes if change.before else no), t(yes if change.after else no)
        case _:
            raise ValueError(f"{change.what} is not a change of one value")
    return (str(before) if before else t(_NONE)), (str(after) if after else t(_NONE))


def describe_change(change: Change, wording: Wording) -> str:
    """One change in `wording`'s language: "quantity 1 → 2", "Menge 1 → 2", "+ Bacon"."""
    t = wording.translate
    match change:
        case ModifierChange():
            mark = "+" if change.what is What.MODIFIER_ADDED else "-"
            return f"{mark} " + " > ".join(wording.modifier(m) for m in change.path)
        case TextAdded():
            return t(_TEXT[change.what]).format(text=change.text)
        case OrderNoteChange():
            table = _NOTE_ADDED if change.what is What.ORDER_NOTE_ADDED else _NOTE_REMOVED
            return t(table[change.note.kind]).format(text=change.note.text)
        case AddressChange():
            return t(N_("delivery address changed"))
        case Worded():
            return change.text
        case FlagChange() if change.what is What.ASAP:
            before, after = _values(change, wording)
            return f"{before} {_ARROW} {after}"
    before, after = _values(change, wording)
    return t(_WAS_NOW[change.what]).format(before=before, after=after)
