"""The Qt side: list models over the orders, ticket cards and one window per monitor."""

from kds.ui.cards import CardLine, LineKind
from kds.ui.monitor_window import MonitorWindow, find_screen
from kds.ui.order_menu import CardMenus, MenuEntry, OrderMenuEntries
from kds.ui.orders_model import OrderRole, OrdersModel
from kds.ui.pickup_board import PickupBoard
from kds.ui.status import PrinterAlarm, Severity, StatusLine, StatusModel
from kds.ui.ticket_view import TicketDelegate, TicketView
from kds.ui.views import VIEWS

__all__ = [
    "VIEWS",
    "CardLine",
    "CardMenus",
    "LineKind",
    "MenuEntry",
    "MonitorWindow",
    "OrderMenuEntries",
    "OrderRole",
    "OrdersModel",
    "PickupBoard",
    "PrinterAlarm",
    "Severity",
    "StatusLine",
    "StatusModel",
    "TicketDelegate",
    "TicketView",
    "find_screen",
]
