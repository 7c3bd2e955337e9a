"""TicketView: cards where the masonry puts them, each laid out once; a tick repaints timers only.

"On screen" here is what the offscreen platform's backing store holds (`grabWindow`), i.e.
what the partial repaints left there; `grab()` renders the window again from scratch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kds import wire
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState
from kds.settings import MonitorKind, MonitorSettings
from kds.ui import MonitorWindow, OrderRole, OrdersModel, TicketView
from kds.ui import ticket_view as ticket_view_module

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
COUNTER = MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False)
_TEMPLATE = wire.parse_order(
    {
        "id": "webshop:0",
        "external_id": "0",
        "display_id": "0",
        "source": "webshop",
        "revision": 1,
        "created_at": T0.isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Käsespätzle", "quantity": "2"}],
    }
)


def order_state(n: int, minutes: float = 0, dishes: int = 0, revision: int = 1) -> OrderState:
    """Order #n, created `minutes` after T0, with 1 + n % 4 (or `dishes`) lines."""
    count = dishes or 1 + n % 4
    items = tuple(
        _TEMPLATE.items[0].model_copy(update={"line_id": str(i), "name": f"Gericht {i}"})
        for i in range(count)
    )
    order = _TEMPLATE.model_copy(
        update={
            "id": f"webshop:{n}",
            "display_id": str(n),
            "created_at": T0 + timedelta(minutes=minutes),
            "items": items,
            "revision": revision,
        }
    )
    return OrderState(order=order, first_seen_at=T0, updated_at=T0)


def show(qtbot: Any, states: Sequence[OrderState], now: datetime) -> MonitorWindow:
    model = OrdersModel(MonitorFilter.for_monitor(COUNTER, ()), now)
    model.reset(states)
    window = MonitorWindow(COUNTER, model)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    view = tickets(window)
    view.viewport().repaint()  # the first full paint, done now
    return window


def tickets(window: MonitorWindow) -> TicketView:
    assert window.tickets is not None
    return window.tickets


def on_screen(window: MonitorWindow) -> QImage:
    shot = window.screen().grabWindow(window.winId()).toImage()
    return shot.convertToFormat(QImage.Format.Format_RGB32)


def rendered_afresh(window: MonitorWindow) -> QImage:
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Count the calls of owner.name (still calling it); the list grows by one per call."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def visible_rows(view: TicketView) -> list[int]:
    """The rows with a card on screen (tops only grow in row order: the masonry's rule)."""
    model = view.model()
    area = view.viewport().rect()
    rows: list[int] = []
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if rect.top() > area.bottom():
            break
        if rect.intersects(area):
            rows.append(row)
    return rows


def test_a_tick_lays_out_nothing_and_repaints_only_the_visible_timers(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = T0 + timedelta(minutes=45)  # every order late already: no header changes colour
    window = show(qtbot, [order_state(n, 14 + n / 10) for n in range(50)], now)
    view = tickets(window)
    shown = visible_rows(view)
    assert 8 <= len(shown) < 50  # a screenful, not the backlog
    layouts = count_calls(monkeypatch, ticket_view_module, "card_layout")
    sizes = count_calls(monkeypatch, view.cards, "sizeHint")
    cards = count_calls(monkeypatch, view.cards, "paint_card")
    timers = count_calls(monkeypatch, view.cards, "paint_timer")

    window.model.tick(now + timedelta(seconds=1))
    qtbot.waitUntil(lambda: len(timers) == len(shown))

    assert (len(layouts), len(sizes), len(cards)) == (0, 0, 0)
    assert window.model.index(shown[0], 0).data(OrderRole.AGE) == "31:01"
    # What the partial repaint left on screen is what a full repaint draws.
    assert on_screen(window) == rendered_afresh(window)


def test_a_card_turning_late_gets_its_header_repainted_in_the_late_colour(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = T0 + timedelta(minutes=14, seconds=59)
    window = show(qtbot, [order_state(1, 0), order_state(2, 5), order_state(3, 6)], now)
    view = tickets(window)
    cards = count_calls(monkeypatch, view.cards, "paint_card")
    timers = count_calls(monkeypatch, view.cards, "paint_timer")
    late_header = view.visualRect(window.model.index(0, 0)).topLeft() + QPoint(150, 3)

    window.model.tick(T0 + timedelta(minutes=15, seconds=1))  # #1 is now 15:01 old
    qtbot.waitUntil(lambda: len(cards) == 1 and len(timers) == 2)

    screen = on_screen(window)
    colour = screen.pixelColor(view.viewport().mapTo(window, late_header))
    assert colour.name() == ticket_view_module.HEADER_LATE.name()
    assert screen == rendered_afresh(window)


def test_a_backlog_of_twenty_thousand_orders_lays_out_one_screenful(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backlog = [order_state(n, n / 100) for n in range(20_000)]
    layouts = count_calls(monkeypatch, ticket_view_module, "card_layout")
    window = show(qtbot, backlog, T0 + timedelta(hours=4))
    view = tickets(window)
    first_screen = len(layouts)
    assert first_screen == len(visible_rows(view)) < 60

    # Scrolling a page down lays out about a page more, and the scroll range covers the rest.
    bar = view.verticalScrollBar()
    assert bar.maximum() > 100 * view.viewport().height()
    bar.setValue(bar.value() + bar.pageStep())
    view.viewport().repaint()
    assert first_screen < len(layouts) < 2 * first_screen + 10
    top_left = view.indexAt(view.viewport().rect().topLeft() + QPoint(20, 20))
    assert top_left.isValid() and top_left.row() > 0
    # A thousand new orders at the end of the backlog are not laid out (they are far below).
    before = len(layouts)
    window.model.apply_batch(order_state(n, n / 100) for n in range(20_000, 21_000))
    QApplication.processEvents()
    assert len(layouts) == before
    assert window.model.rowCount() == 21_000


def test_each_card_goes_under_the_shortest_column_and_moves_down_when_one_above_grows(
    qtbot: Any,
) -> None:
    window = show(qtbot, [order_state(n, n) for n in range(10)], T0 + timedelta(minutes=10))
    view = tickets(window)
    model = window.model

    def rects() -> list[QRect]:
        return [view.visualRect(model.index(row, 0)) for row in range(model.rowCount())]

    def check_masonry() -> None:
        placed: list[QRect] = []
        for rect in rects():
            columns: dict[int, int] = {}
            for earlier in placed:
                columns[earlier.x()] = max(columns.get(earlier.x(), 0), earlier.bottom())
            if len(columns) == 4:  # every column started: the card goes under the shortest
                shortest = min(columns.values())
                assert rect.top() == shortest + 1 + ticket_view_module.GAP
                assert columns[rect.x()] == shortest
            assert not any(rect.intersects(earlier) for earlier in placed)
            placed.append(rect)

    check_masonry()
    first = rects()[0]
    assert view.indexAt(first.center()).row() == 0

    grown = order_state(0, 0, dishes=9, revision=2)
    model.upsert(grown)
    assert rects()[0].height() > first.height()
    check_masonry()
    # The cards that moved are repainted where they are now (nothing left where they were).
    qtbot.waitUntil(lambda: on_screen(window) == rendered_afresh(window))


def test_the_catching_up_line_shows_progress_and_goes_once_caught_up(qtbot: Any) -> None:
    window = show(qtbot, [], T0)
    label = window.catch_up_label
    assert not label.isVisible()

    window.set_catch_up(4_200, 20_000)
    assert label.isVisible()
    assert label.text() == "Catching up — 4,200 of 20,000"
    window.set_catch_up(4_300, 20_000)  # the count moves a few times a second, not per event
    qtbot.waitUntil(lambda: label.text() == "Catching up — 4,300 of 20,000")
    window.set_catch_up(20_000, 20_000)
    assert not label.isVisible()
