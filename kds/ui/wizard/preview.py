"""The monitors page's live preview: the real view of the chosen profile (cards or the pickup
board) over two sample orders, one line per typed station."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kds import wire
from kds.domain.monitors import MonitorFilter, MonitorKind
from kds.domain.orders import OrderState
from kds.settings import MonitorSettings
from kds.ui.orders_model import OrdersModel
from kds.ui.views import VIEWS

SAMPLE_DISHES = ("Burger", "Cola", "Caesar salad", "Tomato soup", "Tiramisu", "Fries")


def sample_orders(stations: list[tuple[str, str]], now: datetime) -> list[OrderState]:
    """Two orders with a line for each station (its group is the station's id)."""
    groups = [sid for sid, _ in stations] or ["kitchen"]
    states = []
    for n, (number, minutes) in enumerate((("101", 3), ("102", 9))):
        items: list[dict[str, Any]] = [
            {
                "line_id": f"{number}-{i}",
                "name": SAMPLE_DISHES[i % len(SAMPLE_DISHES)],
                "group": group,
                "quantity": str(1 + (i + n) % 2),
            }
            for i, group in enumerate(groups)
        ]
        seen = now - timedelta(minutes=minutes)
        order = wire.parse_order(
            {
                "id": f"preview:{number}",
                "external_id": number,
                "display_id": number,
                "source": "preview",
                "revision": 1,
                "created_at": seen.isoformat(),
                "fulfillment": {"type": "pickup" if n else "dine_in", "asap": True},
                "items": items,
            }
        )
        states.append(OrderState(order=order, first_seen_at=seen, updated_at=seen))
    return states


class MonitorPreview(QWidget):
    """`show_profile` replaces the view: what a screen of that kind and station looks like."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: QWidget | None = None
        self.model: OrdersModel | None = None

    def show_profile(
        self, kind: MonitorKind, station: str | None, stations: list[tuple[str, str]]
    ) -> None:
        now = datetime.now(UTC)
        shown = [sid for sid, _ in stations if station is None or sid == station]
        groups = {sid: frozenset({sid}) for sid in shown}
        model = OrdersModel(MonitorFilter(kind, groups), now)
        model.reset(sample_orders(stations, now))
        monitor = MonitorSettings(name="Preview", kind=kind, stations=tuple(shown))
        view = VIEWS[kind](monitor, model, None)
        model.setParent(view)
        if self.view is not None:
            self._layout.removeWidget(self.view)
            self.view.deleteLater()
        self._layout.addWidget(view)
        view.show()
        self.view, self.model = view, model
