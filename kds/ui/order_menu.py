"""The menu staff open on an order card (right-click, or press and hold on a touch screen)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from kds.ui.cards import tr
from kds.ui.orders_model import OrderRole

log = logging.getLogger(__name__)

LONG_PRESS_MS = 700
"""How long a finger rests on a card before its menu opens."""
_MOVE_TOLERANCE_PX = 12


@dataclass(frozen=True)
class MenuEntry:
    """One line of an order's menu; `action` None shows it greyed out (an explanation)."""

    text: str
    action: Callable[[], None] | None = None


OrderMenuEntries = Callable[[str], Sequence[MenuEntry]]
"""order id -> the entries of its menu (e.g. "Reprint kitchen ticket on Kitchen")."""


def build_order_menu(
    entries: Sequence[MenuEntry], title: str, parent: QWidget | None = None
) -> QMenu:
    """A QMenu with a greyed title line and one action per entry."""
    menu = QMenu(parent)
    menu.setStyleSheet("QMenu { font-size: 20px; } QMenu::item { padding: 10px 24px; }")
    heading = menu.addAction(title)
    heading.setEnabled(False)
    menu.addSeparator()
    if not entries:
        menu.addAction(tr("Nothing to do for this order")).setEnabled(False)
    for entry in entries:
        action = menu.addAction(entry.text)
        if entry.action is None:
            action.setEnabled(False)
        else:
            action.triggered.connect(_guarded(entry.action, entry.text))
    return menu


def _guarded(fn: Callable[[], None], text: str) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception:
            log.exception("order menu action %r failed", text)

    return run


class CardMenus(QObject):
    """Opens the order menu of the card under a right-click or a long press in a list view."""

    def __init__(self, view: QAbstractItemView, entries: OrderMenuEntries) -> None:
        super().__init__(view)
        self.view = view
        self.entries = entries
        self.menu: QMenu | None = None
        """The menu open now (or last), for tests and screenshots."""
        self.open_listeners: list[Callable[[QMenu], None]] = []
        self._press: QPoint | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LONG_PRESS_MS)
        self._timer.timeout.connect(self._long_pressed)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self._timer.stop()
            self.open_at(event.pos())
            return True
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = event.position().toPoint()
                self._timer.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if (
                self._press is not None
                and (event.position().toPoint() - self._press).manhattanLength()
                > _MOVE_TOLERANCE_PX
            ):
                self._timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
        return False

    def _long_pressed(self) -> None:
        if self._press is not None:
            self.open_at(self._press)

    def menu_for(self, order_id: str, display_id: str) -> QMenu:
        """The menu of one order (not shown)."""
        title = tr("Order {number}").format(number=display_id)
        return build_order_menu(self.entries(order_id), title, self.view)

    def open_at(self, pos: QPoint) -> QMenu | None:
        """Open the menu of the card at `pos` (viewport coordinates); None off the cards."""
        index = self.view.indexAt(pos)
        if not index.isValid():
            return None
        order_id = str(index.data(OrderRole.ORDER_ID))
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        self.menu = self.menu_for(order_id, str(index.data(OrderRole.DISPLAY_ID)))
        self.menu.popup(self.view.viewport().mapToGlobal(pos))
        for listener in self.open_listeners:
            listener(self.menu)
        return self.menu
