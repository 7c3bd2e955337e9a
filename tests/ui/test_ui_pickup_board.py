"""The guests' pickup board: only what guests collect, numbers that fit, no staff lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar

from kds import wire
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState, apply_event
from kds.settings import MonitorKind, MonitorSettings
from kds.ui import MonitorWindow, OrdersModel, Severity, StatusLine, StatusModel
from kds.ui import pickup_board as board_module
from kds.ui.pickup_board import PickupBoard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
BOARD = MonitorSettings(
    name="Board", kind=MonitorKind.PICKUP, fullscreen=False, ready_shown_minutes=5
)


def created(n: int, kind: str = "pickup", name: str | None = None) -> wire.OrderCreated:
    order: dict[str, Any] = {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(n),
        "source": "webshop",
        "revision": 1,
        "created_at": (T0 + timedelta(seconds=n)).isoformat(),
        "fulfillment": {
            "type": kind,
            "asap": True,
            **({"table": "7"} if kind == "dine_in" else {}),
        },
        "items": [{"line_id": "1", "name": "Currywurst", "quantity": "1"}],
    }
    if name:
        order["customer"] = {"name": name}
    return wire.OrderCreated(seq=n, event_id=f"e{n}", occurred_at=T0, order=wire.parse_order(order))


def status(n: int, value: wire.OrderStatus, seq: int) -> wire.OrderStatusChanged:
    return wire.OrderStatusChanged(
        seq=seq, event_id=f"s{seq}", occurred_at=T0, order_id=f"webshop:{n}", status=value
    )


class Kitchen:
    """Applies connector events to the orders and hands every new state to the board's model."""

    def __init__(self, model: OrdersModel) -> None:
        self.model = model
        self.orders: dict[str, OrderState] = {}

    def apply(self, event: wire.Event, now: datetime) -> None:
        order_id = event.order.id if isinstance(event, wire.OrderCreated) else event.order_id  # type: ignore[union-attr]
        applied = apply_event(self.orders.get(order_id), event, now)
        assert applied.state is not None
        self.orders[order_id] = applied.state
        self.model.upsert(applied.state)


def board_window(
    qtbot: Any, monitor: MonitorSettings = BOARD, status_model: StatusModel | None = None
) -> tuple[MonitorWindow, PickupBoard, Kitchen]:
    model = OrdersModel(MonitorFilter.for_monitor(monitor, ()), T0)
    window = MonitorWindow(monitor, model, status=status_model)
    model.setParent(window)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitExposed(window):
        window.show()
    board = window.pickup
    assert board is not None
    return window, board, Kitchen(model)


def test_sixty_numbers_fit_a_1080p_board_with_no_scroll_bar_and_no_dine_in_or_delivery(
    qtbot: Any,
) -> None:
    window, board, kitchen = board_window(qtbot)
    for n in range(1, 78):
        kind = "dine_in" if n % 7 == 0 else "delivery" if n % 11 == 0 else "pickup"
        kitchen.apply(created(100 + n, kind), T0)
    for n in range(1, 78, 3):
        kitchen.apply(status(100 + n, wire.OrderStatus.READY, 1000 + n), T0)
    guests = {str(100 + n) for n in range(1, 78) if n % 7 and n % 11}
    assert len(guests) == 60

    cells = board.cells()
    assert sorted(c.number for c in cells) == sorted(guests)  # never a table or a delivery
    bounds = board.rect()
    for cell in cells:
        assert bounds.contains(cell.rect)
        font = board_module._font(cell.pixels)
        assert QFontMetrics(font).horizontalAdvance(cell.number) <= cell.number_rect().width()
        assert cell.pixels >= 40  # readable across the counter
    for a in cells:
        assert not any(a.rect.intersects(b.rect) for b in cells if b is not a)
    assert not any(bar.isVisible() for bar in window.findChildren(QScrollBar))
    assert not window.findChildren(QAbstractScrollArea)
    ready = [c for c in cells if c.ready]
    preparing = [c for c in cells if not c.ready]
    assert ready and preparing
    assert all(c.rect.left() >= bounds.width() // 2 for c in ready)
    assert all(c.rect.right() < bounds.width() // 2 for c in preparing)


def test_the_newest_ready_number_is_highlighted_and_leaves_when_collected_or_after_its_time(
    qtbot: Any,
) -> None:
    window, board, kitchen = board_window(qtbot)
    for n in (1, 2, 3):
        kitchen.apply(created(n, name="Anna Schmidt" if n == 2 else None), T0)
    kitchen.apply(status(1, wire.OrderStatus.READY, 10), T0 + timedelta(minutes=1))
    kitchen.apply(status(2, wire.OrderStatus.READY, 11), T0 + timedelta(minutes=2))

    def numbers() -> dict[str, tuple[bool, bool]]:
        return {c.number: (c.ready, c.newest) for c in board.cells()}

    assert numbers() == {"1": (True, False), "2": (True, True), "3": (False, False)}
    shot = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    newest = next(c for c in board.cells() if c.newest)
    edge = QPoint(newest.rect.left() + 10, newest.rect.center().y())
    assert shot.pixelColor(board.mapTo(window, edge)).name() == board_module.READY.name()

    kitchen.apply(status(2, wire.OrderStatus.COLLECTED, 12), T0 + timedelta(minutes=3))
    assert numbers() == {"1": (True, True), "3": (False, False)}
    # Nobody marks #1 collected: it leaves five minutes after it was ready.
    kitchen.model.tick(T0 + timedelta(minutes=5, seconds=59))
    assert "1" in numbers()
    kitchen.model.tick(T0 + timedelta(minutes=6, seconds=1))
    assert numbers() == {"3": (False, False)}


def test_first_names_show_where_configured(qtbot: Any) -> None:
    named = BOARD.model_copy(update={"pickup_names": True})
    _window, board, kitchen = board_window(qtbot, named)
    kitchen.apply(created(7, name="Anna Schmidt"), T0)
    kitchen.apply(created(8), T0)
    assert [(c.number, c.name) for c in board.cells()] == [("7", "Anna"), ("8", "")]


def test_guests_see_no_staff_lines_only_a_small_dot_when_not_connected(qtbot: Any) -> None:
    status_model = StatusModel()
    status_model.set_connection("reconnecting since 20:14:02", Severity.WARNING)
    status_model.set_printer_lines([StatusLine("Kitchen printer: paper out", problem=True)])
    status_model.set_catch_up(10, 200)
    window, board, _kitchen = board_window(qtbot, status_model=status_model)
    window.refresh(T0)
    window.refresh(T0 + timedelta(minutes=1))
    assert not window.staff_lines.isVisible()
    visible = [w for w in window.findChildren(board_module.QWidget) if w.isVisible()]
    assert all(
        w is board or board.isAncestorOf(w) for w in visible if w is not window.centralWidget()
    )
    assert not board.connected
    shot = window.grab().toImage()
    dot = QRect(board.width() - 24, board.height() - 24, 14, 14).center()
    assert shot.pixelColor(board.mapTo(window, dot)).name() == board_module.DOT_PROBLEM.name()
    status_model.set_connection("connected", Severity.OK)
    assert board.connected


def test_a_board_can_have_its_own_logo_and_colours(qtbot: Any, tmp_path: Any) -> None:
    logo = QImage(120, 60, QImage.Format.Format_RGB32)
    logo.fill(QColor("#ff00ff"))
    path = tmp_path / "logo.png"
    assert logo.save(str(path))
    themed = BOARD.model_copy(update={"logo": path, "background": "#202060", "accent": "#ffcc00"})
    window, board, kitchen = board_window(qtbot, themed)
    kitchen.apply(created(1), T0)
    kitchen.apply(created(2), T0)
    kitchen.apply(status(1, wire.OrderStatus.READY, 10), T0)
    kitchen.apply(status(2, wire.OrderStatus.READY, 11), T0 + timedelta(seconds=1))
    shot = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert shot.pixelColor(board.mapTo(window, QPoint(40, 30))).name() == "#ff00ff"
    assert (
        shot.pixelColor(board.mapTo(window, QPoint(board.width() // 4, board.height() - 40))).name()
        == "#202060"
    )
    newest = next(c for c in board.cells() if c.newest)
    edge = QPoint(newest.rect.left() + 10, newest.rect.center().y())
    assert shot.pixelColor(board.mapTo(window, edge)).name() == "#ffcc00"
