"""What a ticket card says: the lines, header texts and flags of one order on one monitor."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from PySide6.QtCore import QCoreApplication

from kds import wire
from kds.domain.acknowledge import NO_CHANGES, LineFlags, ScreenChanges
from kds.domain.changes import Wording, describe_change, describe_modifier, format_quantity
from kds.domain.monitors import MonitorFilter, MonitorKind, is_scheduled, line_done, timer_start
from kds.domain.orders import OrderState
from kds.i18n import local_time, money
from kds.words import N_

_RESTRICTIONS = {"alcohol": N_("alcohol"), "tobacco": N_("tobacco"), "age_check": N_("age")}
"""What a platform's restriction asks staff to check, in words; another value shows as sent."""


def tr(text: str) -> str:
    """Translate a user-visible string (the catalogs' one, unnamed context: lupdate files a
    plain tr() call there)."""
    return QCoreApplication.translate("", text)


class LineKind(Enum):
    ITEM = "item"
    MODIFIER = "modifier"
    ITEM_NOTE = "item_note"
    ALLERGENS = "allergens"
    ORDER_NOTE = "order_note"
    RESTRICTION = "restriction"
    """Alcohol, age check...: staff must check before handing over."""


@dataclass(frozen=True)
class CardLine:
    """One printed line on a card; `depth` is the modifier nesting (0 for items).

    `line_id` is the order line it belongs to (None for order notes and restrictions), so a
    tap on it can be told apart; `flags` carry marks a view may paint on it (kept open:
    "recalled", "pending", "changed"...).
    """

    kind: LineKind
    text: str
    depth: int = 0
    done: bool = False
    line_id: str | None = None
    """The order line it belongs to (a tap on it bumps that line); None for order notes."""
    flags: frozenset[str] = frozenset()


_MODIFIER_MARK = {
    wire.ModifierAction.ADD: "+",
    wire.ModifierAction.REMOVE: "−",
    wire.ModifierAction.CHOOSE: "›",
    wire.ModifierAction.PART: "½",
    wire.ModifierAction.INFO: "•",
}


def _modifier_words(modifier: wire.Modifier) -> str:
    """ "2× Bacon", "NO onion" in the screen's language."""
    return describe_modifier(modifier, times="× ", no=tr("NO {label}"))


def _modifier_lines(
    modifiers: Iterable[wire.Modifier], depth: int, line_id: str | None = None
) -> list[CardLine]:
    lines: list[CardLine] = []
    for mod in modifiers:
        text = f"{_MODIFIER_MARK[mod.action]} {_modifier_words(mod)}"
        lines.append(CardLine(LineKind.MODIFIER, text, depth, line_id=line_id))
        lines.extend(_modifier_lines(mod.modifiers, depth + 1, line_id))
    return lines


def item_lines(item: wire.Item, done: bool = False) -> list[CardLine]:
    """ "2× Käsespätzle", its modifiers indented by depth, notes and allergens; a done line
    is struck through with all of them."""
    name = item.label if not item.variant else f"{item.label} ({item.variant})"
    line_id = item.line_id
    text = f"{format_quantity(item.quantity)}× {name}"
    lines = [CardLine(LineKind.ITEM, text, 0, done, line_id)]
    lines.extend(_modifier_lines(item.modifiers, 1, line_id))
    lines.extend(
        CardLine(LineKind.ITEM_NOTE, f"» {note}", 1, line_id=line_id) for note in item.notes
    )
    if item.allergens:
        text = tr("⚠ {allergens}").format(allergens=", ".join(item.allergens))
        lines.append(CardLine(LineKind.ALLERGENS, text, 1, line_id=line_id))
    return [replace(line, done=done) for line in lines] if done else lines


@dataclass(frozen=True)
class Card:
    """What one card says apart from its timer: the key its layout is cached under.

    Everything here changes only when the order does (a new revision, a status, a
    cancellation); the age and the header colour come from the clock and are painted on top.
    """

    order_id: str
    display_id: str
    """ "#123" """
    fulfilment: str
    """ "Pickup", "Table 12 · 4 guests"... """
    due: str
    """ "ASAP" or "due 19:30" """
    scheduled: bool
    cancelled: bool
    cancel_reason: str
    ready: bool
    revision: int
    lines: tuple[CardLine, ...]
    guest: str = ""
    """The customer's first name ("" when the order has none)."""
    pickup_code: str = ""
    source: str = ""
    """Where the order came from: "webshop · Pizza Roma · app" (source, brand, channel)."""
    test: bool = False
    """A test order: nobody cooks it."""
    recalled: bool = False
    """Put back by a recall (the whole order, or a station of it): marked RECALLED."""
    changed: bool = False
    """Changed since this monitor acknowledged it: the CHANGED flag, until a tap."""


def _change_marks(flags: LineFlags, line_id: str) -> list[CardLine]:
    """What changed about one line, under it: NEW, "2 → 3", the notes that changed."""
    marks: list[str] = []
    if flags.new:
        marks.append(tr("NEW"))
    if flags.quantity is not None:
        marks.append(tr("quantity {change}").format(change=flags.quantity_text))
    if flags.notes_changed:
        marks.append(tr("notes changed"))
    return [CardLine(LineKind.ORDER_NOTE, text, 1, line_id=line_id) for text in marks]


def card_lines(
    monitor: MonitorFilter, state: OrderState, changes: ScreenChanges = NO_CHANGES
) -> tuple[CardLine, ...]:
    """The lines of the order's card on this monitor (with what changed since it was
    acknowledged here, removed lines struck out), then the order's notes."""
    lines: list[CardLine] = []
    if monitor.kind is MonitorKind.EXPO and not state.cancelled:
        marks = [
            (tr("{station} ✓") if done else tr("{station} …")).format(station=name)
            for name, done in monitor.progress(state)
        ]
        if marks:
            lines.append(CardLine(LineKind.ORDER_NOTE, " · ".join(marks)))
    for item in monitor.lines_of(state):
        lines.extend(item_lines(item, line_done(state, item)))
        flags = changes.lines.get(item.line_id)
        if flags is not None:
            lines.extend(_change_marks(flags, item.line_id))
        if monitor.unrouted(item) and monitor.default_station is None:
            done = line_done(state, item)
            mark = CardLine(LineKind.ALLERGENS, tr("⚑ no station"), 1, done, item.line_id)
            lines.append(mark)
    for removed in changes.removed:
        lines.extend(replace(line, line_id=None) for line in item_lines(removed, done=True))
        lines.append(CardLine(LineKind.ALLERGENS, tr("REMOVED"), 1))
    wording = screen_wording()
    lines.extend(
        CardLine(LineKind.ORDER_NOTE, describe_change(change, wording))
        for change in (*changes.order_notes, *changes.fulfillment)
    )
    for note in state.order.notes:
        label = _NOTE_LABEL.get(note.kind)
        text = f"{label} {note.text}" if label else note.text
        kind = LineKind.ALLERGENS if note.kind == wire.NoteKind.ALLERGY else LineKind.ORDER_NOTE
        lines.append(CardLine(kind, text, 0))
    if state.order.restrictions:
        restrictions = ", ".join(
            tr(words) if (words := _RESTRICTIONS.get(r.lower())) else r
            for r in state.order.restrictions
        )
        lines.append(
            CardLine(LineKind.RESTRICTION, tr("🔞 Check: {list}").format(list=restrictions))
        )
    return tuple(lines)


def card_of(monitor: MonitorFilter, state: OrderState, changes: ScreenChanges = NO_CHANGES) -> Card:
    """The card of the order on this monitor (everything but the timer)."""
    order = state.order
    return Card(
        order_id=order.id,
        display_id=f"#{order.display_id}",
        fulfilment=fulfilment_text(order),
        due=due_text(order),
        scheduled=is_scheduled(order),
        cancelled=state.cancelled,
        cancel_reason=state.cancel_reason or "",
        ready=state.overall_status == wire.OrderStatus.READY,
        revision=state.revision,
        guest=first_name(order),
        pickup_code=order.pickup_code or "",
        source=" · ".join(part for part in (order.source, order.brand, order.channel) if part),
        test=order.is_test,
        lines=card_lines(monitor, state, changes),
        recalled=wire.OrderStatus.RECALLED in state.status.values(),
        changed=changes.changed,
    )


def first_name(order: wire.Order) -> str:
    """The customer's first name, as staff call it out ("" without a customer)."""
    name = order.customer.name.split() if order.customer is not None else []
    return name[0] if name else ""


_NOTE_LABEL: dict[wire.NoteKind, str] = {
    wire.NoteKind.ALLERGY: "⚠",
    wire.NoteKind.DELIVERY: "🚚",
}


def fulfilment_name(kind: wire.FulfillmentType) -> str:
    """ "Pickup", "Delivery", "Dine-in"... in the screen's language."""
    names = {
        wire.FulfillmentType.PICKUP: tr("Pickup"),
        wire.FulfillmentType.DELIVERY: tr("Delivery"),
        wire.FulfillmentType.DINE_IN: tr("Dine-in"),
        wire.FulfillmentType.CURBSIDE: tr("Curbside"),
        wire.FulfillmentType.DRIVE_THRU: tr("Drive-thru"),
    }
    return names[kind]


def screen_wording() -> Wording:
    """How the screens word a change ("Menge 1 → 2"): the device's language and formats."""
    return Wording(
        translate=tr,
        money=money,
        time=local_time,
        fulfillment=fulfilment_name,
        modifier=_modifier_words,
    )


def fulfilment_text(order: wire.Order) -> str:
    """ "Pickup", "Delivery", "Table 12 · 4 guests"..."""
    f = order.fulfillment
    text = fulfilment_name(f.type)
    if f.table:
        text = tr("Table {table}").format(table=f.table)
    if f.guests:
        text = tr("{text} · {n} guests").format(text=text, n=f.guests)
    return text


def due_text(order: wire.Order) -> str:
    """ "ASAP" or "due 19:30" (local time of this device)."""
    due = order.fulfillment.due_at
    if order.fulfillment.asap or due is None:
        return tr("ASAP")
    return tr("due {time}").format(time=local_time(due))


def age_text(
    state: OrderState, now: datetime, prep: Callable[[wire.Order], timedelta] | None = None
) -> str:
    """Minutes:seconds since the guest ordered ("4:05"), hours when over one; a scheduled
    order counts from its start, when it is released (`timer_start`), down before it
    ("−12:30")."""
    seconds = int((now - timer_start(state.order, prep)).total_seconds())
    sign = "−" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
