"""The list model of the orders one monitor shows, kept in place as events arrive."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass
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
)

from kds import wire
from kds.domain.orders import OrderState
from kds.ui.cards import (
    CardLine,
    MonitorFilter,
    age_text,
    due_text,
    fulfilment_text,
    is_late,
    is_scheduled,
)

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class OrderRole(IntEnum):
    """Data roles of OrdersModel (Qt.DisplayRole is the display id, "#123")."""

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
    LATE = Qt.ItemDataRole.UserRole + 11
    UPDATED = Qt.ItemDataRole.UserRole + 12
    REVISION = Qt.ItemDataRole.UserRole + 13
    READY = Qt.ItemDataRole.UserRole + 14
    """True when the whole order is ready (the pickup board's right column)."""
    STATE = Qt.ItemDataRole.UserRole + 15


_TIME_ROLES = [int(OrderRole.AGE), int(OrderRole.LATE)]


@dataclass(frozen=True)
class _Row:
    key: tuple[datetime, str]
    state: OrderState
    lines: tuple[CardLine, ...]


def _sort_key(state: OrderState) -> tuple[datetime, str]:
    """Oldest first; a scheduled order sorts by when the kitchen should start it."""
    order = state.order
    start = order.created_at
    if is_scheduled(order):
        start = order.fulfillment.prepare_at or order.fulfillment.due_at or start
    return (start, order.id)


class OrdersModel(QAbstractListModel):
    """The orders of one monitor, oldest first, filtered by its `MonitorFilter`.

    Feed it with `upsert` / `remove` / `reset`; call `tick(now)` every second so ages
    update and cancelled orders leave after their visible period.
    """

    def __init__(self, monitor_filter: MonitorFilter, now: datetime, parent: QObject | None = None):
        super().__init__(parent)
        self._filter = monitor_filter
        self._now = now
        self._rows: list[_Row] = []

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
        """The row of the order, or -1."""
        for row, item in enumerate(self._rows):
            if item.state.id == order_id:
                return row
        return -1

    def roleNames(self) -> dict[int, QByteArray]:
        names = {int(role): QByteArray(role.name.lower().encode()) for role in OrderRole}
        names[int(Qt.ItemDataRole.DisplayRole)] = QByteArray(b"display")
        return names

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        state = row.state
        order = state.order
        match role:
            case Qt.ItemDataRole.DisplayRole | OrderRole.DISPLAY_ID:
                return f"#{order.display_id}"
            case Qt.ItemDataRole.ToolTipRole | OrderRole.ITEMS_TEXT:
                return "\n".join("    " * line.depth + line.text for line in row.lines)
            case Qt.ItemDataRole.AccessibleTextRole:
                return f"#{order.display_id}"
            case OrderRole.ORDER_ID:
                return order.id
            case OrderRole.FULFILMENT:
                return fulfilment_text(order)
            case OrderRole.DUE:
                return due_text(order)
            case OrderRole.SCHEDULED:
                return is_scheduled(order)
            case OrderRole.CARD_LINES:
                return row.lines
            case OrderRole.CANCELLED:
                return state.cancelled
            case OrderRole.CANCEL_REASON:
                return state.cancel_reason or ""
            case OrderRole.AGE:
                return age_text(state, self._now)
            case OrderRole.LATE:
                return is_late(state, self._now)
            case OrderRole.UPDATED:
                return state.revision > 1
            case OrderRole.REVISION:
                return state.revision
            case OrderRole.READY:
                return state.overall_status == wire.OrderStatus.READY
            case OrderRole.STATE:
                return state
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- changing ------------------------------------------------------------------------

    def _make_row(self, state: OrderState) -> _Row:
        return _Row(_sort_key(state), state, self._filter.card_lines(state))

    def _insert(self, row: _Row) -> None:
        pos = bisect.bisect_left([r.key for r in self._rows], row.key)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.insert(pos, row)
        self.endInsertRows()

    def _remove_at(self, pos: int) -> None:
        self.beginRemoveRows(QModelIndex(), pos, pos)
        del self._rows[pos]
        self.endRemoveRows()

    def upsert(self, state: OrderState) -> None:
        """Show the order's new state: insert, change in place, move or remove it."""
        pos = self.row_of(state.id)
        if not self._filter.shows(state, self._now):
            if pos >= 0:
                self._remove_at(pos)
            return
        new = self._make_row(state)
        if pos < 0:
            self._insert(new)
            return
        if new.key != self._rows[pos].key:
            # Its place in the order changed (a new created_at/due time): move it.
            self._remove_at(pos)
            self._insert(new)
            return
        self._rows[pos] = new
        index = self.index(pos, 0)
        self.dataChanged.emit(index, index, [])

    def remove(self, order_id: str) -> None:
        pos = self.row_of(order_id)
        if pos >= 0:
            self._remove_at(pos)

    def reset(self, states: Iterable[OrderState]) -> None:
        """Replace every row (after restoring from the store)."""
        rows = sorted(
            (self._make_row(s) for s in states if self._filter.shows(s, self._now)),
            key=lambda r: r.key,
        )
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """Move the clock: drop orders no longer shown (cancelled long enough), update ages."""
        self._now = now
        for pos in range(len(self._rows) - 1, -1, -1):
            if not self._filter.shows(self._rows[pos].state, now):
                log.debug("order %s leaves the screen", self._rows[pos].state.id)
                self._remove_at(pos)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0), _TIME_ROLES)
