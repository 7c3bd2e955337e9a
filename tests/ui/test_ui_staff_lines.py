"""What staff read from two metres: lines of at least 24 px, and a banner nobody can miss when
the device has not been connected for more than 5 s, then "Back — 12 orders caught up"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kds import wire
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState
from kds.settings import MonitorKind, MonitorSettings
from kds.ui import MonitorWindow, OrdersModel, Severity, StatusLine, StatusModel
from kds.ui.monitor_window import STAFF_PIXELS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LOCAL = datetime.now().astimezone().tzinfo or UTC
T0 = datetime(2026, 11, 27, 20, 14, 0, tzinfo=LOCAL)
KITCHEN = MonitorSettings(name="Kitchen", kind=MonitorKind.STATION, fullscreen=False)
COUNTER = MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False)


def order(n: int) -> OrderState:
    data = {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(n),
        "source": "webshop",
        "revision": 1,
        "created_at": T0.isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Flammkuchen", "quantity": "1"}],
    }
    return OrderState(order=wire.parse_order(data), first_seen_at=T0, updated_at=T0)


def monitor_window(qtbot: Any, monitor: MonitorSettings, status: StatusModel) -> MonitorWindow:
    model = OrdersModel(MonitorFilter.for_monitor(monitor, ()), T0)
    window = MonitorWindow(monitor, model, status=status)
    model.setParent(window)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    return window


def test_a_banner_shows_after_five_seconds_without_connection_then_the_caught_up_line(
    qtbot: Any,
) -> None:
    status = StatusModel()
    status.set_connection("connected", Severity.OK)
    window = monitor_window(qtbot, KITCHEN, status)
    window.refresh(T0)
    assert not window.banner_label.isVisible()

    status.set_connection("reconnecting since 20:14:00 (connection refused)", Severity.WARNING)
    window.refresh(T0 + timedelta(seconds=4))
    assert not window.banner_label.isVisible()  # a blip: the connection line says it
    window.refresh(T0 + timedelta(seconds=5))
    assert window.banner_label.isVisible()
    assert window.banner_label.text() == ("Not connected since 20:14 — new orders may be missing")
    window.banner_label.ensurePolished()
    assert window.banner_label.font().pixelSize() >= 2 * STAFF_PIXELS - 8  # nobody misses it

    # Back: the device replays what it missed; the screen says how many orders came.
    at = T0 + timedelta(minutes=3)
    window.refresh(at)
    status.set_connection("connected", Severity.OK)
    assert not window.banner_label.isVisible()
    status.set_catch_up(0, 30)
    window.model.apply_batch(order(n) for n in range(12))
    status.set_catch_up(30, 30)
    assert window.back_label.isVisible()
    assert window.back_label.text() == "Back — 12 orders caught up"
    window.refresh(at + timedelta(seconds=16))
    assert not window.back_label.isVisible()


def test_a_short_drop_shows_no_banner_and_no_back_line(qtbot: Any) -> None:
    status = StatusModel()
    status.set_connection("connected", Severity.OK)
    window = monitor_window(qtbot, COUNTER, status)
    window.refresh(T0)
    status.set_connection("reconnecting since 20:14:00", Severity.WARNING)
    window.refresh(T0 + timedelta(seconds=3))
    status.set_connection("connected", Severity.OK)
    status.set_catch_up(0, 2)
    window.model.apply_batch([order(1)])
    status.set_catch_up(2, 2)
    window.refresh(T0 + timedelta(seconds=4))
    assert not window.banner_label.isVisible()
    assert not window.back_label.isVisible()


def test_a_device_that_never_connected_shows_the_banner_after_five_seconds(qtbot: Any) -> None:
    window = monitor_window(qtbot, COUNTER, StatusModel())  # "Connecting to the connector…"
    window.refresh(T0)
    window.refresh(T0 + timedelta(seconds=6))
    assert window.banner_label.isVisible()


def test_every_staff_line_is_at_least_24_px(qtbot: Any) -> None:
    status = StatusModel()
    status.set_connection("connected", Severity.OK)
    status.set_printer_lines([StatusLine("Kitchen printer: ready")])
    status.set_rejected_count(2)
    status.set_catch_up(3, 50)
    status.set_printing_role(
        "Printing: this device", Severity.OK, can_take_over=True, can_stop=True
    )
    window = monitor_window(qtbot, COUNTER, status)
    window.set_printer_alarm("Kitchen printer: paper out")
    window.set_screen_warning("Screen HDMI-2 not found")
    window.refresh(T0)
    shown = [
        w
        for w in (*window.findChildren(QLabel), *window.findChildren(QPushButton))
        if w.isVisible() and w.text()
    ]
    assert len(shown) >= 8
    for widget in shown:
        widget.ensurePolished()
        assert widget.font().pixelSize() >= STAFF_PIXELS, (widget.objectName(), widget.text())
