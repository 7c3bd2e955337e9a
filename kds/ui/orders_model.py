"""The list model of the orders one monitor shows, kept in place as events arrive."""

from __future__ import annotations

import bisect
import heapq
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from kds.domain.acknowledge import NO_CHANGES, ScreenChanges
from kds.domain.monitors import (
    MonitorFilter,
    colour_changes,
    is_overdue,
    is_scheduled,
    timer_colour,
)
from kds.domain.orders import OrderState
from kds.ui.cards import Card, age_text, card_of

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class OrderRole(IntEnum):
    """Data roles of OrdersModel (Qt.DisplayRole is the display id, "#123").

    AGE is the timer role: a tick signals only AGE (TIMER_COLOUR for the cards whose header
    colour turns, FLASH for the overdue ones), and none changes what a card says or how tall
    it is.
    """

    ORDER_ID = Qt.ItemDataRole.UserRole + 1
    DISPLAY_ID = Qt.ItemDataRole.UserRole + 2
    FULFILMENT = Qt.ItemDataRole.UserRole + 3
    DUE = Qt.ItemDataRole.UserRole + 4
    SCHEDULED = Qt.ItemDataRole.UserRole + 5
    ITEMS_TEXT = Qt.ItemDataRole.UserRole + 6
    CARD_LINES = Qt.ItemDataRole.UserRole + 7
    CANCELLED = Qt.ItemDataRole.UserRole + 8
    CANCEL_REASON = Qt.ItemDataRole.UserRole + 9
    AGE = Qt.ItemDataRole.UserRole + 10
    TIMER_COLOUR = Qt.ItemDataRole.UserRole + 11
    """The header's `TimerColour` (calm, amber, red) by the monitor's thresholds."""
    UPDATED = Qt.ItemDataRole.UserRole + 12
    REVISION = Qt.ItemDataRole.UserRole + 13
    READY = Qt.ItemDataRole.UserRole + 14
    """True when the whole order is ready (the pickup board's right column)."""
    STATE = Qt.ItemDataRole.UserRole + 15
    CARD = Qt.ItemDataRole.UserRole + 16
    """The `Card`: everything the card says but its timer (the layout cache's key)."""
    OVERDUE = Qt.ItemDataRole.UserRole + 17
    """Past its `due_at`: the card flashes."""
    FLASH = Qt.ItemDataRole.UserRole + 18
    """Overdue and in the bright half of its flash (it changes every second)."""


CLOCK_ROLES = frozenset({int(OrderRole.AGE), int(OrderRole.TIMER_COLOUR), int(OrderRole.FLASH)})
"""The roles a tick changes; a view repaints for them but lays nothing out again."""

_Key = tuple[datetime, str]

_COLOUR, _LEAVES = 0, 1
"""Kinds of clock deadlines: the header changes colour (or starts flashing); a cancelled
card leaves."""


ChangesOf = Callable[[OrderState], ScreenChanges]
"""An order -> what its card on this monitor shows as changed since acknowledged there."""

KeepsCancelled = Callable[[OrderState], bool]
"""A cancelled order -> whether this monitor shows it: until it is acknowledged here, where
it was being made (instead of its filter's time)."""


class _Row:
    """One shown order; its card is built when first asked for (a view asks only for the
    cards it lays out, so a backlog of thousands costs no card building)."""

    __slots__ = ("_card", "_changes", "_filter", "key", "state")

    def __init__(
        self, state: OrderState, monitor_filter: MonitorFilter, changes: ChangesOf | None = None
    ) -> None:
        self.key = _sort_key(state)
        self.state = state
        self._filter = monitor_filter
        self._changes = changes
        self._card: Card | None = None

    @property
    def card(self) -> Card:
        if self._card is None:
            changes = self._changes(self.state) if self._changes is not None else NO_CHANGES
            self._card = card_of(self._filter, self.state, changes)
        return self._card


def _sort_key(state: OrderState) -> _Key:
    """Oldest first; a scheduled order sorts by when the kitchen should start it."""
    order = state.order
    start = order.created_at
    if is_scheduled(order):
        start = order.fulfillment.prepare_at or order.fulfillment.due_at or start
    return (start, order.id)


def _runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) runs of neighbours: 1, 2, 3, 7 -> (1, 3), (7, 7)."""
    runs: list[tuple[int, int]] = []
    for pos in sorted(positions):
        if runs and runs[-1][1] == pos - 1:
            runs[-1] = (runs[-1][0], pos)
        else:
            runs.append((pos, pos))
    return runs


class OrdersModel(QAbstractListModel):
    """The orders of one monitor, oldest first, filtered by its `MonitorFilter`.

    Feed it with `upsert` / `apply_batch` / `post` / `remove` / `reset`; call `tick(now)`
    every second so ages update and cancelled orders leave after their visible period.

    Cost follows what changed, not what is held: the rows are a sorted list with their keys
    beside them (inserts by bisection), an order's row is found through a dict of its key
    (O(log n), no renumbering on insert or remove), a batch of changes is signalled as one
    run per block of neighbouring rows, and a tick touches only the orders whose clock
    deadline (late colour, a cancelled card leaving) has come, then signals the timer role
    once for all rows.
    """

    def __init__(
        self,
        monitor_filter: MonitorFilter,
        now: datetime,
        parent: QObject | None = None,
        changes: ChangesOf | None = None,
        keeps: KeepsCancelled | None = None,
    ):
        super().__init__(parent)
        self._filter = monitor_filter
        self.changes = changes
        """What each card shows as changed (NEW, REMOVED, "2 → 3"); None: nothing."""
        self.keeps = keeps
        """Cancelled orders kept until acknowledged here; None: each leaves on its time."""
        self._now = now
        self._rows: list[_Row] = []
        self._keys: list[_Key] = []
        self._key_of: dict[str, _Key] = {}
        self._deadlines: list[tuple[datetime, int, str]] = []
        self._overdue: set[str] = set()
        """Orders past their due time: their cards flash, so each tick signals them."""
        self._pending: dict[str, OrderState] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self.flush)

    # --- reading -------------------------------------------------------------------------

    @property
    def monitor_filter(self) -> MonitorFilter:
        return self._filter

    @property
    def now(self) -> datetime:
        return self._now

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def order_ids(self) -> list[str]:
        return [row.state.id for row in self._rows]

    def states(self) -> list[OrderState]:
        return [row.state for row in self._rows]

    def row_of(self, order_id: str) -> int:
        """The row of the order, or -1 (a dict lookup and a bisection)."""
        key = self._key_of.get(order_id)
        return -1 if key is None else bisect.bisect_left(self._keys, key)

    def roleNames(self) -> dict[int, QByteArray]:
        names = {int(role): QByteArray(role.name.lower().encode()) for role in OrderRole}
        names[int(Qt.ItemDataRole.DisplayRole)] = QByteArray(b"display")
        return names

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        card = row.card
        match role:
            case OrderRole.CARD:
                return card
            case OrderRole.AGE:
                return age_text(row.state, self._now, self._filter.prep)
            case OrderRole.TIMER_COLOUR:
                return timer_colour(
                    row.state.order, self._filter.thresholds, self._now, self._filter.prep
                )
            case OrderRole.OVERDUE:
                return is_overdue(row.state.order, self._now)
            case OrderRole.FLASH:
                return is_overdue(row.state.order, self._now) and self._now.second % 2 == 0
            case Qt.ItemDataRole.DisplayRole | OrderRole.DISPLAY_ID:
                return card.display_id
            case Qt.ItemDataRole.ToolTipRole | OrderRole.ITEMS_TEXT:
                return "\n".join("    " * line.depth + line.text for line in card.lines)
            case Qt.ItemDataRole.AccessibleTextRole:
                return card.display_id
            case OrderRole.ORDER_ID:
                return card.order_id
            case OrderRole.FULFILMENT:
                return card.fulfilment
            case OrderRole.DUE:
                return card.due
            case OrderRole.SCHEDULED:
                return card.scheduled
            case OrderRole.CARD_LINES:
                return card.lines
            case OrderRole.CANCELLED:
                return card.cancelled
            case OrderRole.CANCEL_REASON:
                return card.cancel_reason
            case OrderRole.UPDATED:
                return card.revision > 1
            case OrderRole.REVISION:
                return card.revision
            case OrderRole.READY:
                return card.ready
            case OrderRole.STATE:
                return row.state
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def _shows(self, state: OrderState, now: datetime) -> bool:
        if state.cancelled and self.keeps is not None:
            return self.keeps(state)
        return self._filter.shows(state, now)

    # --- changing ------------------------------------------------------------------------

    def upsert(self, state: OrderState) -> None:
        """Show the order's new state now: insert, change in place, move or remove it."""
        self.apply_batch((state,))

    def remove(self, order_id: str) -> None:
        self.flush()
        pos = self.row_of(order_id)
        if pos >= 0:
            self._remove_runs([(pos, pos)])

    def post(self, state: OrderState) -> None:
        """Show the order's new state at `flush` or the next turn of the event loop,
        whichever comes first, in one batch with every state posted before then.

        The app flushes once the client has acked a batch, so a live order is on screen
        right after its ack; a replay, whose frames the client stores many to a batch,
        becomes one `apply_batch` per batch instead of a change per event.
        """
        self._pending[state.id] = state
        if not self._flush_timer.isActive():
            self._flush_timer.start(0)

    def flush(self) -> None:
        """Show every posted state now (`post` does this by itself at the next loop turn)."""
        self._flush_timer.stop()
        if self._pending:
            pending, self._pending = self._pending, {}
            self._apply(pending.values())

    def apply_batch(self, states: Iterable[OrderState]) -> None:
        """Show many orders' new states at once (in event order; the last state of an id wins).

        Rows that change in place, leave, move or arrive are each signalled as one run per
        block of neighbouring rows: a replay appending a thousand orders is one insert.
        """
        self.flush()
        self._apply(states)

    def _apply(self, states: Iterable[OrderState]) -> None:
        latest = {state.id: state for state in states}
        changed: dict[int, _Row] = {}
        leaving: list[int] = []
        arriving: list[_Row] = []
        for state in latest.values():
            pos = self.row_of(state.id)
            if not self._shows(state, self._now):
                if pos >= 0:
                    leaving.append(pos)
                continue
            new = _Row(state, self._filter, self.changes)
            self._note_deadlines(new, self._rows[pos] if pos >= 0 else None)
            if pos < 0:
                arriving.append(new)
            elif new.key != self._keys[pos]:
                leaving.append(pos)  # its place changed (a new created_at / due time): move
                arriving.append(new)
            else:
                changed[pos] = new
        for first, last in _runs(changed):
            self._rows[first : last + 1] = [changed[pos] for pos in range(first, last + 1)]
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0), [])
        self._remove_runs(_runs(leaving))
        self._insert_sorted(arriving)

    def _remove_runs(self, runs: list[tuple[int, int]]) -> None:
        for first, last in reversed(runs):  # bottom up: the rows above keep their positions
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                del self._key_of[row.state.id]
            del self._rows[first : last + 1]
            del self._keys[first : last + 1]
            self.endRemoveRows()

    def _insert_sorted(self, arriving: list[_Row]) -> None:
        if not arriving:
            return
        arriving.sort(key=lambda r: r.key)
        # Rows that fall between the same two existing rows go in as one run. The gaps
        # only grow along the sorted rows, and a replay's rows come after every row held:
        # those need no search at all.
        groups: list[tuple[int, list[_Row]]] = []
        keys, lo = self._keys, 0
        for row in arriving:
            if not keys or row.key > keys[-1]:
                gap = len(keys)
            else:
                gap = lo = bisect.bisect_left(keys, row.key, lo)
            if groups and groups[-1][0] == gap:
                groups[-1][1].append(row)
            else:
                groups.append((gap, [row]))
        for gap, rows in reversed(groups):  # bottom up: the gaps above stay where they are
            self.beginInsertRows(QModelIndex(), gap, gap + len(rows) - 1)
            self._rows[gap:gap] = rows
            self._keys[gap:gap] = [r.key for r in rows]
            for row in rows:
                self._key_of[row.state.id] = row.key
            self.endInsertRows()

    def reset(self, states: Iterable[OrderState]) -> None:
        """Replace every row (after restoring from the store); posted states are dropped."""
        self._flush_timer.stop()
        self._pending.clear()
        rows = sorted(
            (_Row(s, self._filter, self.changes) for s in states if self._shows(s, self._now)),
            key=lambda r: r.key,
        )
        self.beginResetModel()
        self._rows = rows
        self._keys = [r.key for r in rows]
        self._key_of = {r.state.id: r.key for r in rows}
        self._deadlines = []
        self._overdue = set()
        for row in rows:
            self._note_deadlines(row, None)
        self.endResetModel()

    # --- the clock -----------------------------------------------------------------------

    def _colour_times(self, state: OrderState) -> tuple[datetime, ...]:
        """When the card's header turns amber, red, and starts flashing (past `due_at`)."""
        times = colour_changes(state.order, self._filter.thresholds, self._filter.prep)
        due = state.order.fulfillment.due_at
        return times if due is None else (*times, due)

    def _note_deadlines(self, row: _Row, old: _Row | None) -> None:
        """Remember when this row's header changes colour and when a cancelled card leaves."""
        state = row.state
        times = self._colour_times(state)
        if old is None or self._colour_times(old.state) != times:
            self._overdue.discard(state.id)
            for when in times:
                if when >= self._now:
                    heapq.heappush(self._deadlines, (when, _COLOUR, state.id))
            if is_overdue(state.order, self._now):
                self._overdue.add(state.id)
        leaves = self._filter.leaves_at(state)
        if leaves is not None and (old is None or self._filter.leaves_at(old.state) != leaves):
            heapq.heappush(self._deadlines, (leaves, _LEAVES, state.id))

    def tick(self, now: datetime) -> None:
        """Move the clock: drop orders no longer shown (cancelled long enough), update ages.

        Only orders whose deadline has come are looked at (and the overdue ones, which
        flash); then one dataChanged over all rows with the timer role alone tells the views
        to repaint the ages they show.
        """
        self.flush()
        self._now = now
        turned: set[str] = set()
        leaving: set[int] = set()
        not_yet: list[tuple[datetime, int, str]] = []
        while self._deadlines and self._deadlines[0][0] <= now:
            entry = heapq.heappop(self._deadlines)
            when, kind, order_id = entry
            pos = self.row_of(order_id)
            if pos < 0:
                continue  # the order left meanwhile
            state = self._rows[pos].state
            if kind == _LEAVES:
                if not self._shows(state, now):
                    log.debug("order %s leaves the screen", order_id)
                    leaving.add(pos)
            elif when in self._colour_times(state):  # not an outdated deadline
                if when < now:
                    turned.add(order_id)
                    if is_overdue(state.order, now):
                        self._overdue.add(order_id)
                else:
                    not_yet.append(entry)  # exactly now: counted from the next tick
        for entry in not_yet:
            heapq.heappush(self._deadlines, entry)
        self._remove_runs(_runs(leaving))
        turned_rows = [pos for pos in map(self.row_of, turned) if pos >= 0]
        for first, last in _runs(turned_rows):
            self.dataChanged.emit(
                self.index(first, 0), self.index(last, 0), [int(OrderRole.TIMER_COLOUR)]
            )
        flashing = []
        for order_id in list(self._overdue):
            pos = self.row_of(order_id)
            if pos < 0:
                self._overdue.discard(order_id)
            elif order_id not in turned:
                flashing.append(pos)
        for first, last in _runs(flashing):
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0), [int(OrderRole.FLASH)])
        if self._rows:
            bottom = self.index(len(self._rows) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), bottom, [int(OrderRole.AGE)])
