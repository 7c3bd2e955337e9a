"""How each kind of monitor shows its orders: one table, kind -> the widget that shows them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QVBoxLayout, QWidget

from kds.domain.monitors import MonitorKind
from kds.ui.cards import tr
from kds.ui.order_menu import CardMenus, OrderMenuEntries
from kds.ui.orders_model import OrderRole, OrdersModel
from kds.ui.ticket_view import BACKGROUND, TicketView

ViewFactory = Callable[[OrdersModel, OrderMenuEntries | None], QWidget]
"""(the monitor's orders, the card menu's entries or None) -> the view under its status lines."""


class PickupBoard(QWidget):
    """The guests' board: numbers in preparation on the left, ready on the right."""

    def __init__(self, model: OrdersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        self.preparing = self._column(model, False, tr("In preparation"), "#eceff1", layout)
        self.ready = self._column(model, True, tr("Ready"), "#69f0ae", layout)

    def _column(
        self, model: OrdersModel, ready: bool, title: str, colour: str, layout: QHBoxLayout
    ) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setFilterRole(OrderRole.READY)
        proxy.setFilterFixedString("true" if ready else "false")
        column = QVBoxLayout()
        header = QLabel(title)
        header.setStyleSheet(f"color: {colour}; font-size: 40px; font-weight: bold;")
        view = QListView()
        view.setFlow(QListView.Flow.LeftToRight)
        view.setWrapping(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setSpacing(16)
        view.setStyleSheet(
            f"QListView {{ background: {BACKGROUND.name()}; color: {colour};"
            " font-size: 64px; font-weight: bold; border: none; }"
        )
        view.setModel(proxy)
        column.addWidget(header)
        column.addWidget(view, 1)
        layout.addLayout(column, 1)
        return proxy


def _pickup_board(model: OrdersModel, _order_menu: OrderMenuEntries | None) -> QWidget:
    return PickupBoard(model)


def _ticket_cards(model: OrdersModel, order_menu: OrderMenuEntries | None) -> QWidget:
    """The cards, with their menu (reprint) where the device prints."""
    view = TicketView()
    view.setModel(model)
    if order_menu is not None:
        CardMenus(view, order_menu)  # a child of the view: it lives as long as the view
    return view


VIEWS: Mapping[MonitorKind, ViewFactory] = MappingProxyType(
    {
        MonitorKind.STATION: _ticket_cards,
        MonitorKind.EXPO: _ticket_cards,
        MonitorKind.PICKUP: _pickup_board,
    }
)
"""Each kind's view; every MonitorKind has one (checked by the tests)."""
