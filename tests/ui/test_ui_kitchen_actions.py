"""Kitchen actions on one device while the connector is out of reach: what a cook sees.

The app runs over a real data dir whose store already holds the orders (as after a restart);
every action goes to the outbox and waits there, so these tests see the screen's side alone.
The two-device tests (tests/integration/test_two_devices.py) see the echo side.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kds import wire
from kds.app import KdsApp
from kds.domain.kitchen_settings import KitchenSettings
from kds.settings import (
    ConnectorSettings,
    KeySettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
    load_settings,
)
from kds.store import open_store
from kds.ui import OrderRole, OrdersModel
from kds.ui.keymap import KeyMap
from kds.ui.ticket_view import TicketView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
STATIONS = (
    Station(id="grill", name="Grill", groups=("mains",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)


def settings(**kitchen: Any) -> Settings:
    return Settings(
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        stations=STATIONS,
        monitors=(
            MonitorSettings(name="Grill", stations=("grill",), fullscreen=False),
            MonitorSettings(name="Bar", stations=("bar",), fullscreen=False),
            MonitorSettings(name="Expo", kind=MonitorKind.EXPO, fullscreen=False),
        ),
        kitchen=KitchenSettings(**kitchen),
    )


def order_event(seq: int, items: list[dict[str, Any]]) -> tuple[wire.Event, str]:
    order = wire.parse_order(
        {
            "id": "web:1",
            "external_id": "1",
            "display_id": "42",
            "source": "webshop",
            "revision": 1,
            "created_at": T0.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": items,
        }
    )
    event = wire.OrderCreated(seq=seq, event_id=f"e{seq}", occurred_at=T0, order=order)
    return event, wire.dump(event)


BURGER = {"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}
COLA = {"line_id": "2", "name": "Cola", "group": "drinks", "quantity": "1"}
STRAY = {"line_id": "3", "name": "Tagessuppe", "quantity": "1"}  # no group: no station's


@pytest.fixture
def open_app(tmp_path: Path, loop: qasync.QEventLoop) -> Iterator[Any]:
    """Open a KdsApp (not connected) over a store that holds these items' order."""
    apps: list[KdsApp] = []

    def make(items: list[dict[str, Any]], config: Settings | None = None) -> KdsApp:
        with open_store(tmp_path) as store:
            store.apply_batch([order_event(1, items)], T0)
        app = KdsApp(config or settings(), tmp_path, clock=lambda: T0 + timedelta(minutes=3))
        app.open()
        apps.append(app)
        return app

    yield make
    for app in apps:
        loop.run_until_complete(app.stop())


def view_of(app: KdsApp, monitor: str) -> TicketView:
    view = app.window(monitor).tickets
    assert view is not None
    return view


def lines(model: OrdersModel) -> list[str]:
    return [line.text for line in model.index(model.row_of("web:1"), 0).data(OrderRole.CARD_LINES)]


def tap(qtbot: QtBot, view: TicketView, line_id: str = "") -> None:
    rect = view.card_rect("web:1", line_id) if line_id else view.header_rect("web:1")
    assert not rect.isEmpty()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_bump_offline_is_kept_marked_sending_and_undone_from_its_bar(
    open_app: Any, qtbot: QtBot
) -> None:
    app = open_app([BURGER, COLA])
    view = view_of(app, "Grill")
    bar = app.actions["Grill"].bar
    assert not bar.undo_button.isVisible()
    tap(qtbot, view)
    assert view.marks == {"web:1": "sending…"}
    assert app.window("Grill").model.row_of("web:1") >= 0, "shown until the connector has it"
    assert bar.undo_button.isVisible() and bar.undo_button.height() >= 48
    assert bar.undo_label.text() == "#42 done"
    tap(qtbot, view)  # the second tap of a double tap
    assert app.store is not None
    queued = [e.change for e in app.store.outbox()]
    assert [(c.status, c.station) for c in queued] == [(wire.OrderStatus.READY, "grill")]
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    queued = [e.change for e in app.store.outbox()]
    assert [(c.status, c.station) for c in queued] == [
        (wire.OrderStatus.READY, "grill"),
        (wire.OrderStatus.IN_PREPARATION, "grill"),
    ], "the undo follows the bump, in order"
    assert not bar.undo_button.isVisible()


def test_the_last_station_bumped_makes_the_order_ready(open_app: Any, qtbot: QtBot) -> None:
    app = open_app([BURGER])
    tap(qtbot, view_of(app, "Grill"))
    assert app.store is not None
    queued = [e.change for e in app.store.outbox()]
    assert [(c.status, c.station) for c in queued] == [
        (wire.OrderStatus.READY, "grill"),
        (wire.OrderStatus.READY, None),
    ], "ready_when = all_stations: the grill was the only station with lines"
    assert app.actions["Grill"].bar.undo_label.text() == "#42 ready"


def test_with_expo_confirms_a_station_bump_does_not_make_it_ready(
    open_app: Any, qtbot: QtBot
) -> None:
    app = open_app([BURGER], settings(ready_when="expo_confirms"))
    tap(qtbot, view_of(app, "Grill"))
    assert app.store is not None
    queued = [e.change for e in app.store.outbox()]
    assert [(c.status, c.station) for c in queued] == [(wire.OrderStatus.READY, "grill")]


def test_the_undo_bar_leaves_after_the_undo_time(open_app: Any, qtbot: QtBot) -> None:
    app = open_app([BURGER], settings(undo_seconds=0.2))
    tap(qtbot, view_of(app, "Grill"))
    bar = app.actions["Grill"].bar
    assert bar.undo_button.isVisible()
    qtbot.waitUntil(lambda: not bar.undo_button.isVisible(), timeout=5000)


def test_an_outbox_survives_a_restart_and_its_card_stays_marked(
    open_app: Any, qtbot: QtBot, tmp_path: Path, loop: qasync.QEventLoop
) -> None:
    app = open_app([BURGER])
    tap(qtbot, view_of(app, "Grill"))
    loop.run_until_complete(app.stop())
    again = KdsApp(settings(), tmp_path, clock=lambda: T0 + timedelta(minutes=4))
    again.open()
    try:
        assert view_of(again, "Grill").marks == {"web:1": "sending…"}
        assert again.store is not None and len(again.store.outbox()) == 2  # grill, ready
    finally:
        loop.run_until_complete(again.stop())


def test_a_line_no_station_takes_shows_on_every_station_marked_and_the_expo_alarms(
    open_app: Any,
) -> None:
    app = open_app([BURGER, STRAY])
    for monitor in ("Grill", "Bar"):
        model = app.window(monitor).model
        assert "1× Tagessuppe" in lines(model), f"the soup is on {monitor}"
        assert "⚑ no station" in lines(model)
    expo = app.window("Expo")
    assert "Order #42 has lines no station takes" in expo.printer_status_text()
    assert expo.printer_status_label.isVisible()


def test_with_a_default_station_a_stray_line_goes_there_alone(open_app: Any) -> None:
    app = open_app([BURGER, STRAY], settings(default_station="bar"))
    assert "1× Tagessuppe" in lines(app.window("Bar").model)
    assert "1× Tagessuppe" not in lines(app.window("Grill").model)
    assert "⚑ no station" not in lines(app.window("Bar").model)
    assert "no station takes" not in app.window("Expo").printer_status_text()


def test_the_expo_collects_only_a_ready_order_and_a_line_tap_strikes_a_line(
    open_app: Any, qtbot: QtBot
) -> None:
    app = open_app([BURGER, COLA])
    view = view_of(app, "Expo")
    tap(qtbot, view, "2")
    assert app.store is not None
    strike, bar_done = [e.change for e in app.store.outbox()]
    assert (strike.status, strike.station, strike.line_ids) == (
        wire.OrderStatus.READY,
        "bar",
        ("2",),
    )
    assert (bar_done.station, bar_done.line_ids) == ("bar", ()), "the bar's last line"
    # The collected key does nothing to an order that is not ready.
    app.actions["Expo"].select("web:1")
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert len(app.store.outbox()) == 2


def test_key_map_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(
        '[connector]\nurl = "ws://127.0.0.1:9/kds"\ntoken = "t"\n'
        '[[monitors]]\nname = "Grill"\n'
        '[monitors.keys]\nbump = "Enter"\nrecall = "r"\nundo = "F5"\nselect = ["A", "S", "D"]\n'
    )
    keys = load_settings(path).monitors[0].keys
    keymap = KeyMap.from_settings(keys)
    assert keymap.command(int(Qt.Key.Key_Return)) == "bump", "a keypad Enter is Return"
    assert keymap.command(int(Qt.Key.Key_Enter)) == "bump"
    assert keymap.command(int(Qt.Key.Key_R)) == "recall"
    assert keymap.command(int(Qt.Key.Key_F5)) == "undo"
    assert keymap.command(int(Qt.Key.Key_S)) == "select 2"
    assert keymap.command(int(Qt.Key.Key_1)) is None


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"bump": "Bump"}, "'Bump' is not a key"),
        ({"bump": "R"}, "key 'R' is bound to both bump and recall"),
        ({"select": ["1", "1"]}, "key '1' is bound to both select 1 and select 2"),
    ],
)
def test_a_bad_key_map_is_refused_with_its_reason(keys: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        KeySettings(**keys)


def _send_mouse(view: TicketView, kind: QEvent.Type, pos: QPoint, at_ms: int) -> None:
    button = Qt.MouseButton.LeftButton
    buttons = button if kind != QEvent.Type.MouseButtonRelease else Qt.MouseButton.NoButton
    local = QPointF(pos)
    global_pos = QPointF(view.viewport().mapToGlobal(pos))
    event = QMouseEvent(kind, local, global_pos, button, buttons, Qt.KeyboardModifier.NoModifier)
    event.setTimestamp(at_ms)
    QApplication.sendEvent(view.viewport(), event)


def test_a_scroll_or_a_long_press_is_not_a_tap(open_app: Any) -> None:
    app = open_app([BURGER, COLA])
    view = view_of(app, "Grill")
    start = view.header_rect("web:1").center()
    # A finger that moves 40 px scrolls the cards.
    _send_mouse(view, QEvent.Type.MouseButtonPress, start, 1000)
    _send_mouse(view, QEvent.Type.MouseMove, start + QPoint(0, 40), 1050)
    _send_mouse(view, QEvent.Type.MouseButtonRelease, start + QPoint(0, 40), 1100)
    # A finger held for a second opens the card's menu.
    _send_mouse(view, QEvent.Type.MouseButtonPress, start, 2000)
    _send_mouse(view, QEvent.Type.MouseButtonRelease, start, 3000)
    assert app.store is not None and app.store.outbox() == []
    # A short still press is a tap.
    _send_mouse(view, QEvent.Type.MouseButtonPress, start, 4000)
    _send_mouse(view, QEvent.Type.MouseButtonRelease, start, 4080)
    assert len(app.store.outbox()) == 1


def test_the_bump_key_without_a_selection_bumps_the_oldest_card(
    open_app: Any, qtbot: QtBot
) -> None:
    app = open_app([BURGER, COLA])
    view = view_of(app, "Grill")
    assert view.selected is None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert app.store is not None
    (bump,) = [e.change for e in app.store.outbox()]
    assert (bump.order_id, bump.station, bump.status) == ("web:1", "grill", wire.OrderStatus.READY)


def test_the_recall_key_puts_back_the_order_finished_last(
    tmp_path: Path, loop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    with open_store(tmp_path) as store:
        done = wire.OrderStatusChanged(
            seq=2,
            event_id="e2",
            occurred_at=T0 + timedelta(minutes=1),
            order_id="web:1",
            status=wire.OrderStatus.READY,
            station="grill",
            device_id="another-grill-screen",
        )
        store.apply_batch([order_event(1, [BURGER, COLA]), (done, wire.dump(done))], T0)
    app = KdsApp(settings(), tmp_path, clock=lambda: T0 + timedelta(minutes=3))
    app.open()
    try:
        assert app.window("Grill").model.row_of("web:1") < 0, "bumped at the grill"
        qtbot.keyClick(view_of(app, "Grill"), Qt.Key.Key_R)
        assert app.store is not None
        (recall,) = [e.change for e in app.store.outbox()]
        assert (recall.station, recall.status) == ("grill", wire.OrderStatus.RECALLED)
    finally:
        loop.run_until_complete(app.stop())


def test_a_finger_tap_on_the_touchscreen_bumps(open_app: Any, qtbot: QtBot) -> None:
    app = open_app([BURGER, COLA])
    for monitor in ("Bar", "Expo"):  # all on one screen: the Grill's window on top
        app.window(monitor).hide()
    view = view_of(app, "Grill")
    screen = QTest.createTouchDevice()
    point = view.header_rect("web:1").center()
    QTest.touchEvent(view.viewport(), screen).press(0, point, view.viewport())
    QTest.touchEvent(view.viewport(), screen).release(0, point, view.viewport())
    assert app.store is not None
    qtbot.waitUntil(lambda: len(app.store.outbox()) == 1, timeout=2000)
    (bump,) = [e.change for e in app.store.outbox()]
    assert bump.station == "grill"


def test_a_double_tap_on_the_expo_makes_ready_and_never_collects(
    open_app: Any, qtbot: QtBot
) -> None:
    app = open_app([BURGER, COLA])
    view = view_of(app, "Expo")
    tap(qtbot, view)
    tap(qtbot, view)
    assert app.store is not None
    statuses = [(e.change.status, e.change.station) for e in app.store.outbox()]
    assert statuses == [(wire.OrderStatus.READY, None)]


def test_the_page_key_shows_the_next_screenful_then_the_first_again(
    tmp_path: Path, loop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    with open_store(tmp_path) as store:
        events = []
        for n in range(1, 41):
            event, _raw = order_event(n, [BURGER])
            assert isinstance(event, wire.OrderCreated)
            order = event.order.model_copy(update={"id": f"web:{n}", "display_id": str(n)})
            event = event.model_copy(update={"order": order})
            events.append((event, wire.dump(event)))
        store.apply_batch(events, T0)
    app = KdsApp(settings(), tmp_path, clock=lambda: T0 + timedelta(minutes=3))
    app.open()
    try:
        view = view_of(app, "Grill")
        assert view.more_count() > 0, "more cards than one page holds"
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert view.page == 1
        for _ in range(40):  # 40 cards: never more pages than that
            if view.more_count() == 0:
                break
            qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert view.page > 1, "more than two pages of cards"
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert view.page == 0, "after the last page, the first again"
    finally:
        loop.run_until_complete(app.stop())


def test_a_cancelled_order_stays_where_it_was_being_made_until_acknowledged_there(
    tmp_path: Path, loop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    with open_store(tmp_path) as store:
        cancel = wire.OrderCancelled(
            seq=2, event_id="e2", occurred_at=T0 + timedelta(minutes=1), order_id="web:1"
        )
        store.apply_batch([order_event(1, [BURGER, COLA]), (cancel, wire.dump(cancel))], T0)
    late = T0 + timedelta(minutes=40)  # long after the 10 minutes a cancelled card used to stay

    def opened() -> KdsApp:
        app = KdsApp(settings(), tmp_path, clock=lambda: late)
        app.open()
        return app

    app = opened()
    try:
        for monitor in ("Grill", "Bar", "Expo"):
            model = app.window(monitor).model
            assert model.row_of("web:1") >= 0, f"still on {monitor}"
            assert model.index(model.row_of("web:1"), 0).data(OrderRole.CANCELLED) is True
        app.tick()  # the clock moves on: nobody acknowledged, it stays
        assert app.window("Grill").model.row_of("web:1") >= 0
        tap(qtbot, view_of(app, "Grill"))
        assert app.window("Grill").model.row_of("web:1") < 0, "acknowledged at the grill"
        assert app.window("Bar").model.row_of("web:1") >= 0
    finally:
        loop.run_until_complete(app.stop())
    app = opened()  # the acknowledgement is kept
    try:
        assert app.window("Grill").model.row_of("web:1") < 0
        assert app.window("Bar").model.row_of("web:1") >= 0
    finally:
        loop.run_until_complete(app.stop())


def ready_order(pickup_code: str) -> list[tuple[wire.Event, str]]:
    """Order #42 with this pickup code, its one line made and the whole order ready."""
    event, _ = order_event(1, [BURGER])
    assert isinstance(event, wire.OrderCreated)
    order = event.order.model_copy(update={"pickup_code": pickup_code})
    created = wire.OrderCreated(seq=1, event_id="e1", occurred_at=T0, order=order)
    ready = wire.OrderStatusChanged(
        seq=2, event_id="e2", occurred_at=T0, order_id="web:1", status=wire.OrderStatus.READY
    )
    return [(created, wire.dump(created)), (ready, wire.dump(ready))]


def scan(qtbot: QtBot, view: TicketView, code: str) -> None:
    """What a barcode scanner with the F12 prefix types: F12, the code, Return."""
    qtbot.keyClick(view, Qt.Key.Key_F12)
    qtbot.keyClicks(view, code)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_a_scanned_pickup_code_collects_its_ready_order_at_the_expo(
    tmp_path: Path, loop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    with open_store(tmp_path) as store:
        store.apply_batch(ready_order("RC7Q"), T0)
    app = KdsApp(settings(), tmp_path, clock=lambda: T0 + timedelta(minutes=3))
    app.open()
    try:
        assert app.store is not None
        expo = view_of(app, "Expo")
        bar = app.actions["Expo"].bar
        scan(qtbot, expo, "XX99")
        assert bar.undo_label.text() == "No open order with the code XX99"
        assert app.store.outbox() == []
        # The code's R and C are the code's, not the recall and collected keys.
        scan(qtbot, expo, "rc7q")
        (collected,) = [e.change for e in app.store.outbox()]
        assert (collected.order_id, collected.status) == ("web:1", wire.OrderStatus.COLLECTED)
        assert bar.undo_label.text() == "#42 collected"
        # A station screen does not collect: it says where to scan.
        scan(qtbot, view_of(app, "Grill"), "RC7Q")
        assert app.actions["Grill"].bar.undo_label.text() == "Scan pickup codes at the expo screen"
        assert len(app.store.outbox()) == 1
    finally:
        loop.run_until_complete(app.stop())


def test_a_scanned_code_of_an_order_not_ready_says_so(open_app: Any, qtbot: QtBot) -> None:
    app = open_app([BURGER])
    scan(qtbot, view_of(app, "Expo"), "42")
    assert app.actions["Expo"].bar.undo_label.text() == "#42 is not ready yet"
    assert app.store is not None and app.store.outbox() == []


def test_the_all_day_key_opens_and_closes_the_all_day_panel(open_app: Any, qtbot: QtBot) -> None:
    app = open_app([BURGER])
    window = app.window("Grill")
    window.show()
    toggle = window.findChild(QPushButton, "allday_toggle")
    assert toggle is not None and not toggle.isChecked()
    qtbot.keyClick(view_of(app, "Grill"), Qt.Key.Key_F9)
    assert toggle.isChecked()
    qtbot.keyClick(view_of(app, "Grill"), Qt.Key.Key_F9)
    assert not toggle.isChecked()
