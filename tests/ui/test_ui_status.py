"""The device's status, held once and followed by every window: each item reaches the windows
whose kind shows it, a window opened later shows what is known already, and each kind of
monitor gets its own view of the orders."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kds.domain.monitors import MonitorFilter
from kds.settings import MonitorKind, MonitorSettings
from kds.ui import VIEWS, MonitorWindow, OrdersModel, PickupBoard, TicketView
from kds.ui.status import PrinterAlarm, Severity, StatusLine, StatusModel

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)

KITCHEN = MonitorSettings(name="Kitchen", kind=MonitorKind.STATION, fullscreen=False)
COUNTER = MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False)
BOARD = MonitorSettings(name="Board", kind=MonitorKind.PICKUP, fullscreen=False)

PAPER_OUT = PrinterAlarm("Kitchen", ("Kitchen printer: paper out",), on_backup_to="Bar")
BAR_COVER = PrinterAlarm("Bar", ("Bar printer: cover open",))
RECEIPT_OFFLINE = PrinterAlarm("Receipt", ("Receipt printer: offline",))


def window(
    qtbot: QtBot,
    monitor: MonitorSettings,
    status: StatusModel | None = None,
    printers: frozenset[str] = frozenset(),
) -> MonitorWindow:
    model = OrdersModel(MonitorFilter.for_monitor(monitor, ()), T0)
    shown = MonitorWindow(monitor, model, status=status, alarm_printers=printers)
    model.setParent(shown)
    qtbot.addWidget(shown)
    return shown


def test_each_item_signals_once_per_change_with_plain_values(qtbot: QtBot) -> None:
    status = StatusModel()
    seen: list[tuple[Any, ...]] = []
    for signal in (
        status.connection_changed,
        status.rejected_changed,
        status.printing_role_changed,
        status.catch_up_changed,
        status.unexpected_errors_changed,
    ):
        signal.connect(lambda *values: seen.append(values))
    status.printer_lines_changed.connect(lambda: seen.append(("lines",)))
    status.printer_alarms_changed.connect(lambda: seen.append(("alarms",)))

    for _ in range(2):  # the second round changes nothing: no signal
        status.set_connection("connected", Severity.OK)
        status.set_rejected_count(3)
        status.set_printing_role(
            "Printing: this device", Severity.OK, can_take_over=False, can_stop=True
        )
        status.set_catch_up(5, 40)
        status.set_printer_lines([StatusLine("Kitchen: ready")])
        status.set_printer_alarms([PAPER_OUT])
    status.add_unexpected_error("KeyError: 'station'")

    assert seen == [
        ("connected", "ok"),
        (3,),
        ("Printing: this device", "ok", False, True),
        (5, 40),
        ("lines",),
        ("alarms",),
        (1, "KeyError: 'station'"),
    ]


def test_a_window_shows_what_is_known_when_it_opens_and_every_change_after(
    qtbot: QtBot,
) -> None:
    status = StatusModel()
    status.set_connection("reconnecting since 18:00:00 (connection lost)", Severity.WARNING)
    status.set_rejected_count(2)
    status.set_printing_role(
        "Printing is done by Counter-A; this device does not print",
        Severity.WARNING,
        can_take_over=True,
        can_stop=False,
    )
    status.set_catch_up(0, 40)
    status.add_unexpected_error("OSError: the worker lost its printer")
    counter, kitchen = window(qtbot, COUNTER, status), window(qtbot, KITCHEN, status)

    for shown in (counter, kitchen):
        assert shown.connection_label.text() == (
            f"{shown.monitor.name} · reconnecting since 18:00:00 (connection lost)"
        )
        assert shown.rejected_label.text() == "2 invalid message(s) from the connector — see log"
        assert shown.printing_label.text().startswith("Printing is done by Counter-A")
        assert shown.catch_up_label.text() == "Catching up — 0 of 40"
        assert shown.unexpected_error_label.text().startswith(
            "Unexpected error: OSError: the worker lost its printer"
        )
    assert counter.take_over_button.isVisibleTo(counter)  # the expo's controls only
    assert not kitchen.take_over_button.isVisibleTo(kitchen)

    status.set_connection("connected", Severity.OK)
    status.set_catch_up(40, 40)
    assert [w.connection_label.text() for w in (counter, kitchen)] == [
        "Counter · connected",
        "Kitchen · connected",
    ]
    assert not counter.catch_up_label.isVisibleTo(counter)
    assert not kitchen.catch_up_label.isVisibleTo(kitchen)


def test_printer_lines_reach_the_expo_and_alarms_the_stations_whose_printers_they_are(
    qtbot: QtBot,
) -> None:
    status = StatusModel()
    counter = window(qtbot, COUNTER, status)
    grill = window(qtbot, KITCHEN, status, printers=frozenset({"Kitchen"}))
    bar = window(qtbot, KITCHEN, status, printers=frozenset({"Bar"}))
    board = window(qtbot, BOARD, status)

    status.set_printer_lines([StatusLine("Kitchen: paper out since 18:00", problem=True)])
    # The Kitchen printer's tickets go to the Bar printer, whose cover is open: the grill
    # hears of both, the bar only of its own printer; nobody of the receipt printer.
    status.set_printer_alarms([PAPER_OUT, BAR_COVER, RECEIPT_OFFLINE])

    assert counter.printer_status_text() == "Kitchen: paper out since 18:00"
    assert grill.printer_status_text() == bar.printer_status_text() == ""
    assert board.printer_status_text() == ""
    assert grill.printer_alarm_label.text() == (
        "Kitchen printer: paper out · Bar printer: cover open"
    )
    assert bar.printer_alarm_label.text() == "Bar printer: cover open"
    assert not counter.printer_alarm_label.text()
    assert not board.printer_alarm_label.text()

    status.set_printer_alarms([PrinterAlarm("Kitchen"), PrinterAlarm("Bar")])  # all fine
    assert not grill.printer_alarm_row.isVisibleTo(grill)
    assert not bar.printer_alarm_row.isVisibleTo(bar)


@pytest.mark.parametrize("kind", list(MonitorKind))
def test_each_kind_of_monitor_has_its_view(qtbot: QtBot, kind: MonitorKind) -> None:
    shown = window(qtbot, MonitorSettings(name="Screen", kind=kind, fullscreen=False))
    board = kind is MonitorKind.PICKUP
    assert kind in VIEWS
    assert isinstance(shown.view, PickupBoard if board else TicketView)
    assert (shown.pickup is not None) is board
    assert (shown.tickets is not None) is not board
