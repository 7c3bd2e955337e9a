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
    """The rows with a card on the page on screen."""
    return view.shown_rows()


def test_a_tick_lays_out_nothing_and_repaints_only_the_visible_timers(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = T0 + timedelta(minutes=45)  # every order red already: no header changes colour
    window = show(qtbot, [order_state(n, 14 + n / 10) for n in range(50)], now)
    view = tickets(window)
    shown = visible_rows(view)
    assert 8 <= len(shown) < 50  # a screenful, not the backlog
    layouts = count_calls(monkeypatch, ticket_view_module, "card_layout")
    sizes = count_calls(monkeypatch, view.cards, "sizeHint")
    cards = count_calls(monkeypatch, view.cards, "paint_card")
    timers = count_calls(monkeypatch, view.cards, "paint_timer")

    window.model.tick(now + timedelta(seconds=1))
    qtbot.waitUntil(lambda: len(timers) == len(view.parts_on_page()))

    assert (len(layouts), len(sizes), len(cards)) == (0, 0, 0)
    assert window.model.index(shown[0], 0).data(OrderRole.AGE) == "31:01"
    # What the partial repaint left on screen is what a full repaint draws.
    assert on_screen(window) == rendered_afresh(window)


def test_a_card_turning_amber_then_red_gets_its_header_repainted_in_that_colour(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = T0 + timedelta(minutes=4, seconds=59)
    window = show(qtbot, [order_state(1, 0), order_state(2, 3), order_state(3, 4)], now)
    view = tickets(window)
    cards = count_calls(monkeypatch, view.cards, "paint_card")
    timers = count_calls(monkeypatch, view.cards, "paint_timer")
    header = view.visualRect(window.model.index(0, 0)).topLeft() + QPoint(150, 3)

    def colour_at_header() -> str:
        return on_screen(window).pixelColor(view.viewport().mapTo(window, header)).name()

    assert colour_at_header() == ticket_view_module.HEADER.name()
    window.model.tick(T0 + timedelta(minutes=5, seconds=1))  # #1 is now 5:01 old: amber
    qtbot.waitUntil(lambda: len(cards) == 1 and len(timers) == 2)
    assert colour_at_header() == ticket_view_module.HEADER_AMBER.name()
    window.model.tick(T0 + timedelta(minutes=10, seconds=1))  # 10:01: red
    qtbot.waitUntil(lambda: colour_at_header() == ticket_view_module.HEADER_RED.name())
    assert on_screen(window) == rendered_afresh(window)


def test_an_overdue_card_flashes_every_second(qtbot: Any) -> None:
    due = T0 + timedelta(minutes=20)
    overdue = order_state(1, 0)
    order = overdue.order
    overdue = OrderState(
        order=order.model_copy(
            update={"fulfillment": order.fulfillment.model_copy(update={"due_at": due})}
        ),
        first_seen_at=T0,
        updated_at=T0,
    )
    window = show(qtbot, [overdue, order_state(2, 1)], due - timedelta(seconds=2))
    view = tickets(window)
    rect = view.visualRect(window.model.index(0, 0))
    edge = view.viewport().mapTo(
        window, rect.topLeft() + QPoint(rect.width() // 2, rect.height() - 5)
    )

    def edge_colour() -> str:
        return on_screen(window).pixelColor(edge).name()

    calm = edge_colour()
    flash = ticket_view_module.FLASH.name()
    assert calm != flash
    seen = []
    for second in range(1, 5):  # 20:01 .. 20:04 after ordering: past its due time
        window.model.tick(due + timedelta(seconds=second))
        expected = flash if (due + timedelta(seconds=second)).second % 2 == 0 else calm
        qtbot.waitUntil(lambda e=expected: edge_colour() == e)
        seen.append(edge_colour())
    assert set(seen) == {calm, flash}
    assert window.model.index(1, 0).data(OrderRole.FLASH) is False  # no promise: no flash


def test_a_backlog_of_twenty_thousand_orders_lays_out_one_page(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backlog = [order_state(n, n / 100) for n in range(20_000)]
    layouts = count_calls(monkeypatch, ticket_view_module, "card_layout")
    window = show(qtbot, backlog, T0 + timedelta(hours=4))
    view = tickets(window)
    first_page = len(view.shown_rows())
    assert first_page < len(layouts) <= first_page + 10 < 60  # the page and the next card
    assert view.more_button.text() == f"+{20_000 - first_page} more →"

    # The next page lays out about a page more; nothing scrolls.
    view.next_page()
    view.viewport().repaint()
    assert len(layouts) < 2 * first_page + 20
    top_left = view.indexAt(QPoint(20, 20))
    assert top_left.isValid() and top_left.row() == view.shown_rows()[0] > 0
    assert not view.verticalScrollBar().isVisible()
    # A thousand new orders at the end of the backlog are not laid out (they are far after).
    before = len(layouts)
    window.model.apply_batch(order_state(n, n / 100) for n in range(20_000, 21_000))
    QApplication.processEvents()
    assert len(layouts) == before
    assert window.model.rowCount() == 21_000


def reading_order(view: TicketView) -> list[int]:
    """The rows of the cards on screen as a person reads them: top row left to right, then
    the next row."""
    parts = [(rect.top(), rect.left(), index.row()) for index, _part, rect in view.parts_on_page()]
    rows: list[int] = []
    for _top, _left, row in sorted(parts):
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows


def test_cards_read_oldest_first_left_to_right_and_a_leaving_card_moves_each_later_one_place(
    qtbot: Any,
) -> None:
    window = show(qtbot, [order_state(n, n) for n in range(8)], T0 + timedelta(minutes=10))
    view = tickets(window)
    model = window.model

    def places() -> dict[str, QRect]:
        return {
            str(index.data(OrderRole.ORDER_ID)): rect for index, _p, rect in view.parts_on_page()
        }

    assert reading_order(view) == list(range(8))
    before = places()
    tops = sorted({rect.top() for rect in before.values()})
    assert len(tops) >= 2  # more than one row of cards
    assert view.indexAt(before["webshop:0"].center()).row() == 0

    model.remove("webshop:0")
    QApplication.processEvents()
    after = places()
    assert reading_order(view) == list(range(7))
    # Every card moved exactly one place back in reading order.
    order_before = [
        oid for oid in sorted(before, key=lambda o: (before[o].top(), before[o].left()))
    ]
    order_after = [oid for oid in sorted(after, key=lambda o: (after[o].top(), after[o].left()))]
    assert order_after == order_before[1:]
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
