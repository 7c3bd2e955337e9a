"""What a ticket card says: the lines, header texts and flags of one order on one monitor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QCoreApplication

from kds import wire
from kds.domain.orders import OrderState, is_visible
from kds.settings import MonitorKind, MonitorSettings, Station

_DONE = frozenset({wire.OrderStatus.READY, wire.OrderStatus.COLLECTED})

LATE_AFTER = timedelta(minutes=15)
"""An order older than this gets the "late" colour on its header."""


def tr(text: str) -> str:
    """Translate a user-visible string (context "kds")."""
    return QCoreApplication.translate("kds", text)


class LineKind(Enum):
    ITEM = "item"
    MODIFIER = "modifier"
    ITEM_NOTE = "item_note"
    ALLERGENS = "allergens"
    ORDER_NOTE = "order_note"


@dataclass(frozen=True)
class CardLine:
    """One printed line on a card; `depth` is the modifier nesting (0 for items)."""

    kind: LineKind
    text: str
    depth: int = 0
    done: bool = False


def quantity_text(quantity: Decimal) -> str:
    """ "2", "0.5", "1.25": no trailing zeros, never scientific notation."""
    return f"{quantity.normalize():f}"


_MODIFIER_MARK = {
    wire.ModifierAction.ADD: "+",
    wire.ModifierAction.REMOVE: "−",
    wire.ModifierAction.CHOOSE: "›",
    wire.ModifierAction.PART: "½",
    wire.ModifierAction.INFO: "•",
}


def _modifier_lines(modifiers: Iterable[wire.Modifier], depth: int) -> list[CardLine]:
    lines: list[CardLine] = []
    for mod in modifiers:
        qty = "" if mod.quantity == 1 else f"{quantity_text(mod.quantity)}× "
        text = f"{_MODIFIER_MARK[mod.action]} {qty}{mod.label}"
        if mod.action == wire.ModifierAction.REMOVE:
            text = tr("{mark} NO {name}").format(mark=_MODIFIER_MARK[mod.action], name=mod.label)
        if mod.note:
            text = f"{text} ({mod.note})"
        lines.append(CardLine(LineKind.MODIFIER, text, depth))
        lines.extend(_modifier_lines(mod.modifiers, depth + 1))
    return lines


def item_lines(item: wire.Item, done: bool = False) -> list[CardLine]:
    """ "2× Käsespätzle", its modifiers indented by depth, notes and allergens."""
    name = item.label if not item.variant else f"{item.label} ({item.variant})"
    lines = [CardLine(LineKind.ITEM, f"{quantity_text(item.quantity)}× {name}", 0, done)]
    lines.extend(_modifier_lines(item.modifiers, 1))
    lines.extend(CardLine(LineKind.ITEM_NOTE, f"» {note}", 1) for note in item.notes)
    if item.allergens:
        text = tr("⚠ {allergens}").format(allergens=", ".join(item.allergens))
        lines.append(CardLine(LineKind.ALLERGENS, text, 1))
    return lines


def station_groups(stations: Sequence[Station], wanted: Sequence[str]) -> dict[str, frozenset[str]]:
    """station id -> its article groups, for the stations a monitor shows (none = all)."""
    chosen = [s for s in stations if not wanted or s.id in wanted]
    return {s.id: frozenset(s.groups) for s in chosen}


def _station_takes(groups: frozenset[str], item: wire.Item) -> bool:
    # A station with no groups takes every line (settings.Station docstring).
    return not groups or (item.group is not None and item.group in groups)


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


@dataclass(frozen=True)
class MonitorFilter:
    """Which orders and which lines one monitor shows.

    A station monitor shows the lines of its stations; an order leaves it when every one
    of its stations that has lines in the order marked it ready (or collected), or the
    whole order is ready. The expo shows whole open orders; the pickup board shows the
    numbers of orders in preparation and ready.
    """

    kind: MonitorKind
    stations: Mapping[str, frozenset[str]]
    """station id -> groups; empty for a device without stations (all lines)."""

    @classmethod
    def for_monitor(cls, monitor: MonitorSettings, stations: Sequence[Station]) -> MonitorFilter:
        return cls(monitor.kind, station_groups(stations, monitor.stations))

    def lines_of(self, state: OrderState) -> list[wire.Item]:
        """The order's lines this monitor shows (all of them except on station monitors)."""
        if self.kind != MonitorKind.STATION or not self.stations:
            return list(state.order.items)
        return [
            item
            for item in state.order.items
            if any(_station_takes(groups, item) for groups in self.stations.values())
        ]

    def shows(self, state: OrderState, now: datetime) -> bool:
        """Whether the order is on this monitor at `now`."""
        if not is_visible(state, now, self.kind.value):
            return False
        overall = state.overall_status
        if self.kind == MonitorKind.PICKUP:
            return True
        if self.kind == MonitorKind.EXPO:
            return True
        # station monitor
        if overall in _DONE and not state.cancelled:
            return False
        lines = self.lines_of(state)
        if not lines:
            return False
        if state.cancelled:
            return True
        if all(state.line_status.get(i.line_id) in _DONE for i in lines):
            return False
        involved = [
            sid
            for sid, groups in self.stations.items()
            if any(_station_takes(groups, i) for i in lines)
        ]
        return not involved or not all(state.status.get(sid) in _DONE for sid in involved)

    def card_lines(self, state: OrderState) -> tuple[CardLine, ...]:
        lines: list[CardLine] = []
        for item in self.lines_of(state):
            lines.extend(item_lines(item, state.line_status.get(item.line_id) in _DONE))
        for note in state.order.notes:
            label = _NOTE_LABEL.get(note.kind)
            text = f"{label} {note.text}" if label else note.text
            kind = LineKind.ALLERGENS if note.kind == wire.NoteKind.ALLERGY else LineKind.ORDER_NOTE
            lines.append(CardLine(kind, text, 0))
        if state.order.restrictions:
            lines.append(
                CardLine(
                    LineKind.ORDER_NOTE,
                    tr("Restrictions: {list}").format(list=", ".join(state.order.restrictions)),
                )
            )
        return tuple(lines)

    def card(self, state: OrderState) -> Card:
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
            lines=self.card_lines(state),
        )


_NOTE_LABEL: dict[wire.NoteKind, str] = {
    wire.NoteKind.ALLERGY: "⚠",
    wire.NoteKind.DELIVERY: "🚚",
}


def fulfilment_text(order: wire.Order) -> str:
    """ "Pickup", "Delivery", "Table 12 · 4 guests"..."""
    f = order.fulfillment
    names = {
        wire.FulfillmentType.PICKUP: tr("Pickup"),
        wire.FulfillmentType.DELIVERY: tr("Delivery"),
        wire.FulfillmentType.DINE_IN: tr("Dine-in"),
        wire.FulfillmentType.CURBSIDE: tr("Curbside"),
        wire.FulfillmentType.DRIVE_THRU: tr("Drive-thru"),
    }
    text = names[f.type]
    if f.table:
        text = tr("Table {table}").format(table=f.table)
    if f.guests:
        text = tr("{text} · {n} guests").format(text=text, n=f.guests)
    return text


def is_scheduled(order: wire.Order) -> bool:
    return not order.fulfillment.asap and order.fulfillment.due_at is not None


def due_text(order: wire.Order) -> str:
    """ "ASAP" or "due 19:30" (local time of this device)."""
    due = order.fulfillment.due_at
    if order.fulfillment.asap or due is None:
        return tr("ASAP")
    return tr("due {time}").format(time=due.astimezone().strftime("%H:%M"))


def age_text(state: OrderState, now: datetime) -> str:
    """Minutes:seconds since the guest ordered ("4:05"), hours when over one."""
    seconds = max(0, int((now - state.order.created_at).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def late_after(order: wire.Order) -> datetime:
    """When the order turns late: its due time if scheduled, else LATE_AFTER after ordering."""
    due = order.fulfillment.due_at
    if is_scheduled(order) and due is not None:
        return due
    return order.created_at + LATE_AFTER


def is_late(state: OrderState, now: datetime) -> bool:
    return now > late_after(state.order)
