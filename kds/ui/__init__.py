"""The Qt side: list models over the orders, ticket cards and one window per monitor."""

from kds.ui.cards import CardLine, LineKind, MonitorFilter
from kds.ui.monitor_window import (
    MonitorWindow,
    PickupBoard,
    PrinterStatusLines,
    Severity,
    StatusLine,
    find_screen,
)
from kds.ui.order_menu import CardMenus, MenuEntry, OrderMenuEntries
from kds.ui.orders_model import OrderRole, OrdersModel
from kds.ui.ticket_view import TicketDelegate, TicketView

__all__ = [
    "CardLine",
    "CardMenus",
    "LineKind",
    "MenuEntry",
    "MonitorFilter",
    "MonitorWindow",
    "OrderMenuEntries",
    "OrderRole",
    "OrdersModel",
    "PickupBoard",
    "PrinterStatusLines",
    "Severity",
    "StatusLine",
    "TicketDelegate",
    "TicketView",
    "find_screen",
]
