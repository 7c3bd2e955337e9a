"""How each kind of monitor shows its orders: one table, kind -> the widget that shows them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from PySide6.QtWidgets import QWidget

from kds.domain.monitors import MonitorKind
from kds.settings import CardArrangement, MonitorSettings
from kds.ui.order_menu import CardMenus, OrderMenuEntries
from kds.ui.orders_model import OrdersModel
from kds.ui.pickup_board import PickupBoard
from kds.ui.ticket_view import TicketView

ViewFactory = Callable[[MonitorSettings, OrdersModel, OrderMenuEntries | None], QWidget]
"""(the monitor, its orders, the card menu's entries or None) -> the view under its status
lines."""


def _pickup_board(
    monitor: MonitorSettings, model: OrdersModel, _order_menu: OrderMenuEntries | None
) -> QWidget:
    return PickupBoard(
        model,
        names=monitor.pickup_names,
        logo=monitor.logo,
        background=monitor.background,
        accent=monitor.accent,
    )


def _ticket_cards(
    monitor: MonitorSettings, model: OrdersModel, order_menu: OrderMenuEntries | None
) -> QWidget:
    """The cards, with their menu (reprint) where the device prints."""
    view = TicketView(
        rail=monitor.layout is CardArrangement.RAIL,
        columns=monitor.columns,
        scale=monitor.font_scale,
    )
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
