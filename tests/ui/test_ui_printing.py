"""Printing in the app: one printing device, printer state on screen, reprint, role moves.

Real connector on loopback, real virtual printers on TCP, real KdsApps with their own data
dirs and windows on one qasync loop. Waits end on app callbacks or printed jobs, never sleeps.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from harness import FAST, TOKEN, WAIT, post, running, until
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from virtual_printers import LastRoll

from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.domain.printing_role import PrintingRole
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from printing.config import PrintingConfig
from printing.emulator import Fault, PrinterEmulator

# The offscreen platform has no window manager: size hints, raising a popup menu and
# grabbing the keyboard for it are not supported there.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

PRINTER_NAMES = ("Kitchen", "Bar", "Receipt")


def settings_for(
    port: int, printers: dict[str, PrinterEmulator] | None, name: str, printing: bool = True
) -> Settings:
    config = None
    if printers is not None:
        config = PrintingConfig.model_validate(
            {
                "printers": [
                    {
                        "name": name,
                        "transport": "network",
                        "host": "127.0.0.1",
                        "port": emulator.port,
                    }
                    for name, emulator in printers.items()
                ],
                "routes": [
                    {"name": "mains", "groups": ["mains"], "printers": ["Kitchen"]},
                    {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
                ],
                "documents": [{"template": "receipt", "printers": ["Receipt"]}],
                "retry_initial_s": 0.05,
                "retry_cap_s": 0.2,
            }
        )
    return Settings(
        device=DeviceSettings(name=name, printing=printing),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=(Station(id="hot", name="Hot", groups=("mains",)),),
        monitors=(
            MonitorSettings(
                name="Kitchen", kind=MonitorKind.STATION, stations=("hot",), fullscreen=False
            ),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
        printing=config,
    )


def order(number: int, *extra: dict[str, Any]) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"},
        {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
        *extra,
    ]
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": items,
    }


@asynccontextmanager
async def shop(
    tmp_path: Path, kitchen: type[PrinterEmulator] = PrinterEmulator
) -> AsyncIterator[tuple[ConnectorServer, dict[str, PrinterEmulator]]]:
    server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
    await server.start()
    printers = {
        name: (kitchen if name == "Kitchen" else PrinterEmulator)(
            name, None, control_port=None, codepage="cp858"
        )
        for name in PRINTER_NAMES
    }
    try:
        for emulator in printers.values():
            await emulator.start()
        yield server, printers
    finally:
        await server.stop()
        for emulator in printers.values():
            await emulator.stop()


def role_texts(app: KdsApp) -> set[str]:
    return {window.printing_label.text() for window in app.windows}


def numbers(emulator: PrinterEmulator) -> list[str]:
    """The big order number of every printed job, in print order."""
    return [
        line.strip()
        for job in emulator.jobs
        for line in job.text.splitlines()
        if line.strip().startswith("#")
    ]


def shows(app: KdsApp, order_id: str) -> bool:
    return order_id in app.window("Counter").model.order_ids()


def test_one_device_prints_a_second_is_denied_and_takeover_moves_the_role(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen, bar, receipt = (printers[name] for name in PRINTER_NAMES)
            first = settings_for(server.port, printers, "Counter-A")
            second = settings_for(server.port, printers, "Tablet-B")
            questions: list[str] = []

            def yes(title: str, question: str) -> bool:
                questions.append(question)
                return True

            async with (
                running(first, tmp_path / "a") as a,
                running(second, tmp_path / "b", confirm=yes) as b,
            ):
                await until(a, lambda: a.is_printing, "A holds the role and prints")
                assert role_texts(a) == {"Printing: this device (Kitchen, Bar, Receipt)"}
                assert a.window("Counter").stop_printing_button.isVisible()
                await until(b, lambda: b.printing_role is PrintingRole.DENIED, "B is denied")
                denied = "Printing is done by Counter-A; this device does not print"
                assert role_texts(b) == {denied}
                assert b.window("Counter").take_over_button.isVisible()
                assert not b.window("Kitchen").take_over_button.isVisible()
                assert b.print_service is None

                assert await post(server.port, "/orders", order(711)) == 202
                kitchen_jobs = await kitchen.wait_for_jobs(1, WAIT)
                assert "#711" in kitchen_jobs[0].text
                assert "Käsespätzle" in kitchen_jobs[0].text
                assert "Apfelschorle" not in kitchen_jobs[0].text
                assert "Apfelschorle" in (await bar.wait_for_jobs(1, WAIT))[0].text
                receipt_text = (await receipt.wait_for_jobs(1, WAIT))[0].text
                assert "#711" in receipt_text
                assert "Käsespätzle" in receipt_text
                await until(b, lambda: shows(b, "webshop:711"), "B shows the order")

                # Takeover: confirmed on B, the connector reconnects both with new answers.
                a_roles: list[str] = []
                a.status.printing_role_changed.connect(lambda text, *_: a_roles.append(text))
                b.ask_take_over()
                assert questions == [
                    "Printing moves to this device; Counter-A stops printing. Continue?"
                ]
                await until(b, lambda: b.is_printing, "B prints after the takeover")
                await until(a, lambda: a.printing_role is PrintingRole.DENIED, "A is denied")
                # A stopped printing at the connector's close (4001), before its reconnect.
                denied_a = "Printing is done by Tablet-B; this device does not print"
                assert a_roles[: a_roles.index(denied_a)] == ["Printing: waiting for the connector"]
                assert a.print_service is None
                assert role_texts(a) == {denied_a}
                assert role_texts(b) == {"Printing: this device (Kitchen, Bar, Receipt)"}

                assert await post(server.port, "/orders", order(712)) == 202
                await kitchen.wait_for_jobs(2, WAIT)
                await receipt.wait_for_jobs(2, WAIT)
                await until(a, lambda: shows(a, "webshop:712"), "A shows the new order")
                # B printed the new order and nothing of what A had already printed.
                assert numbers(kitchen) == ["#711", "#712"]
                assert numbers(receipt) == ["#711", "#712"]
                assert {job.order_id for job in b.print_service.jobs()} == {"webshop:712"}

                # Stop printing here: B gives the role up and says so.
                b.ask_stop_printing()
                await until(
                    b,
                    lambda: b.printing_role is PrintingRole.RELEASED and b.print_service is None,
                    "B released the role",
                )
                assert role_texts(b) == {
                    "Printing: stopped on this device; no device prints until one takes over"
                }
                assert b.window("Counter").take_over_button.isVisible()
                assert len(questions) == 2

    loop.run_until_complete(scenario())


def test_printer_trouble_on_screen_reprint_from_the_card_and_restart_prints_nothing_twice(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    tiramisu = {"line_id": "9", "name": "Tiramisu", "group": "desserts", "quantity": "1"}

    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen, receipt = printers["Kitchen"], printers["Receipt"]
            settings = settings_for(server.port, printers, "Counter")
            async with running(settings, tmp_path / "device") as app:
                await until(app, lambda: app.is_printing, "the app prints")
                expo, station = app.window("Counter"), app.window("Kitchen")
                assert await post(server.port, "/orders", order(105, tiramisu)) == 202
                await kitchen.wait_for_jobs(1, WAIT)
                await until(
                    app,
                    lambda: "has no printer" in expo.printer_status_text(),
                    "the unrouted line on the expo",
                )
                assert (
                    "#105: 'Tiramisu' has no printer — add a route or a default printer"
                    in expo.printer_status_text()
                )
                await until(
                    app,
                    lambda: expo.printer_status_text().startswith("Kitchen: ready\n"),
                    "Kitchen ready with nothing waiting",
                )

                # Reprint from the card's menu (right-click / press and hold).
                service = app.print_service
                assert service is not None
                await until(
                    app,
                    lambda: [j.state for j in service.jobs("webshop:105")] == ["done"] * 3,
                    "the three tickets of #105 printed",
                )
                assert expo.tickets is not None and expo.card_menus is not None
                row = expo.model.row_of("webshop:105")
                where = expo.tickets.visualRect(expo.model.index(row, 0)).center()
                viewport = expo.tickets.viewport()
                # Press and hold (touch screens) opens the card's menu...
                held: asyncio.Future[QMenu] = asyncio.get_running_loop().create_future()
                expo.card_menus.open_listeners.append(held.set_result)
                QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=where)
                menu = await asyncio.wait_for(held, WAIT)
                QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=where)
                expo.card_menus.open_listeners.clear()
                assert menu.actions()[0].text() == "Order #105"
                menu.close()
                # ...and so does a right-click (a context-menu event on the card).
                QApplication.sendEvent(
                    viewport,
                    QContextMenuEvent(
                        QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where)
                    ),
                )
                menu = expo.card_menus.menu
                assert menu is not None and menu is not held.result()
                actions = {a.text(): a for a in menu.actions() if a.text() and a.isEnabled()}
                assert sorted(actions) == [
                    "Reprint kitchen ticket on Bar",
                    "Reprint kitchen ticket on Kitchen",
                    "Reprint receipt on Receipt",
                ]
                actions["Reprint kitchen ticket on Kitchen"].trigger()
                menu.close()
                jobs = await kitchen.wait_for_jobs(2, WAIT)
                assert "REPRINT" in jobs[1].text
                assert "#105" in jobs[1].text
                assert "REPRINT" not in jobs[0].text
                await until(
                    app,
                    lambda: all(j.state == "done" for j in service.jobs("webshop:105")),
                    "the reprint confirmed",
                )

                # Paper out: red on the expo, a compact alarm for the cooks.
                kitchen.set_fault(Fault.PAPER_OUT)
                assert await post(server.port, "/orders", order(106)) == 202
                await until(
                    app,
                    lambda: "Kitchen: paper out since" in expo.printer_status_text(),
                    "paper out on the expo",
                )
                line = next(s for s in expo.printer_status_lines if s.text.startswith("Kitchen"))
                assert line.problem
                assert "ticket waiting" in line.text
                assert "#b71c1c" in expo.printer_status_label.text()  # red
                assert station.printer_alarm_label.isVisible()
                assert station.printer_alarm_label.text() == "Kitchen printer: paper out"

                kitchen.set_fault(None)
                jobs = await kitchen.wait_for_jobs(3, WAIT)
                assert "#106" in jobs[2].text
                await until(
                    app,
                    lambda: "Kitchen: ready" in expo.printer_status_text(),
                    "Kitchen ready again",
                )
                assert not station.printer_alarm_label.isVisible()
                await receipt.wait_for_jobs(2, WAIT)

            # Restart on the same data dir: reconcile hands every order in again, and
            # nothing comes out twice (the next printed ticket is the next order's).
            async with running(settings, tmp_path / "device") as app:
                await until(app, lambda: app.is_printing, "the restarted app prints")
                assert await post(server.port, "/orders", order(107)) == 202
                await kitchen.wait_for_jobs(4, WAIT)
                await receipt.wait_for_jobs(3, WAIT)
            # The first #105 is the ticket, the second its REPRINT from the menu.
            assert numbers(kitchen) == ["#105", "#105", "#106", "#107"]
            assert numbers(receipt) == ["#105", "#106", "#107"]

    loop.run_until_complete(scenario())


def test_a_device_that_does_not_print_says_so_and_role_errors_are_shown_in_words(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    off = KdsApp(settings_for(9, None, "Screen", printing=False), tmp_path / "off")
    off.open()
    try:
        assert role_texts(off) == {"Printing: off — this device does not print"}
        assert not off.window("Counter").take_over_button.isVisible()
        assert off.window("Counter").card_menus is None
    finally:
        loop.run_until_complete(off.stop())

    async def unreachable() -> None:
        # Nothing listens on port 9: the takeover fails and the expo says why.
        settings = settings_for(9, None, "Counter").model_copy(
            update={
                "printing": PrintingConfig.model_validate(
                    {"printers": [{"name": "Kitchen", "transport": "file", "path": "k.bin"}]}
                )
            }
        )
        app = KdsApp(settings, tmp_path / "on", backoff=FAST, confirm=lambda *_: True)
        app.open()
        try:
            assert role_texts(app) == {"Printing: waiting for the connector"}
            app.ask_take_over()
            assert role_texts(app) == {"Printing: asking the connector…"}
            failed = "Could not take over printing: cannot reach the connector"
            await until(app, lambda: failed in app.window("Counter").printing_label.text(), failed)
            assert app.printing_role is PrintingRole.WAITING
        finally:
            await app.stop()

    loop.run_until_complete(unreachable())


def test_a_synced_catalog_without_a_routed_group_is_shown_on_the_counter(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            settings = settings_for(server.port, printers, "Counter-A")
            async with running(settings, tmp_path / "a") as app:
                await until(app, lambda: app.is_printing, "the app prints")
                counter = app.window("Counter")
                assert "catalog" not in counter.printer_status_text()
                # The shop's catalog knows "mains" but calls the drinks group "beverages".
                catalog = {
                    "articles": [{"ref": "K1", "name": "Käsespätzle", "group": "mains"}],
                    "groups": [
                        {"id": "mains", "name": "Hauptgerichte"},
                        {"id": "beverages", "name": "Getränke"},
                    ],
                }
                assert await post(server.port, "/catalog", catalog) == 202
                await until(
                    app,
                    lambda: "catalog" in counter.printer_status_text(),
                    "the catalog's problems on the counter",
                )
                text = counter.printer_status_text()
                assert "route 'drinks': article group 'drinks' is not in the synced catalog" in text
                assert "not in the synced catalog" in text
                assert "'mains'" not in text

    loop.run_until_complete(scenario())


def stations_settings(port: int, printers: dict[str, PrinterEmulator]) -> Settings:
    """Two cook stations sharing the Kitchen printer (the pastry's tickets in two copies),
    drinks on the Bar printer (the Kitchen's backup), receipts on the Receipt printer; a
    screen per station."""
    config = PrintingConfig.model_validate(
        {
            "printers": [
                {
                    "name": name,
                    "transport": "network",
                    "host": "127.0.0.1",
                    "port": e.port,
                    **({"backup": "Bar"} if name == "Kitchen" else {}),
                }
                for name, e in printers.items()
            ],
            "routes": [
                {"name": "mains", "groups": ["mains"], "printers": ["Kitchen"], "station": "Hot"},
                {
                    "name": "desserts",
                    "groups": ["desserts"],
                    "printers": ["Kitchen"],
                    "station": "Pastry",
                    "copies": 2,
                },
                {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
            ],
            "documents": [{"template": "receipt", "printers": ["Receipt"]}],
            "retry_initial_s": 0.05,
            "retry_cap_s": 0.2,
            "failover_after_s": 0.5,
            "idle_check_s": 600,  # only the check at start can know the printers are fine
        }
    )
    return Settings(
        device=DeviceSettings(name="Counter", printing=True),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=(
            Station(id="hot", name="Hot", groups=("mains",)),
            Station(id="pastry", name="Pastry", groups=("desserts",)),
        ),
        monitors=(
            MonitorSettings(
                name="Grill", kind=MonitorKind.STATION, stations=("hot",), fullscreen=False
            ),
            MonitorSettings(
                name="Pastry", kind=MonitorKind.STATION, stations=("pastry",), fullscreen=False
            ),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
        printing=config,
    )


def test_cooks_and_counter_see_the_printers_that_concern_them_and_held_tickets_come_out_late(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    tiramisu = {"line_id": "3", "name": "Tiramisu", "group": "desserts", "quantity": "1"}

    async def scenario() -> None:
        async with shop(tmp_path, kitchen=LastRoll) as (server, printers):
            kitchen, bar, receipt = (printers[name] for name in PRINTER_NAMES)
            assert isinstance(kitchen, LastRoll)
            async with running(stations_settings(server.port, printers), tmp_path / "d") as app:
                expo, grill = app.window("Counter"), app.window("Grill")
                # Right after the start every printer has been asked: no "not checked yet".
                await until(
                    app,
                    lambda: (
                        expo.printer_status_text() == "Kitchen: ready\nBar: ready\nReceipt: ready"
                    ),
                    "every printer ready without a ticket printed",
                )

                # The Bar and the Receipt printer run out of paper: the counter says so, the
                # grill cooks (who never use them) get no alarm.
                bar.set_fault(Fault.PAPER_OUT)
                receipt.set_fault(Fault.PAPER_OUT)
                assert await post(server.port, "/orders", order(801)) == 202
                await until(
                    app,
                    lambda: (
                        "Bar: paper out" in expo.printer_status_text()
                        and "Receipt: paper out" in expo.printer_status_text()
                    ),
                    "Bar and Receipt paper out on the counter",
                )
                await kitchen.wait_for_jobs(1, WAIT)
                assert not grill.printer_alarm_label.isVisible()
                bar.set_fault(None)
                receipt.set_fault(None)
                await bar.wait_for_jobs(1, WAIT)
                await receipt.wait_for_jobs(1, WAIT)

                # Two stations' tickets on one printer, one of them in two copies: the card's
                # menu tells every ticket apart.
                assert await post(server.port, "/orders", order(802, tiramisu)) == 202
                await kitchen.wait_for_jobs(4, WAIT)
                service = app.print_service
                assert service is not None
                await until(
                    app,
                    lambda: [j.state for j in service.jobs("webshop:802")] == ["done"] * 5,
                    "the five tickets of #802 printed",
                )
                assert expo.card_menus is not None
                menu = expo.card_menus.menu_for("webshop:802", "802")
                assert [a.text() for a in menu.actions() if a.text() and a.isEnabled()] == [
                    "Reprint kitchen ticket (Hot) on Kitchen",
                    "Reprint kitchen ticket on Bar",
                    "Reprint kitchen ticket (Pastry, copy 1/2) on Kitchen",
                    "Reprint kitchen ticket (Pastry, copy 2/2) on Kitchen",
                    "Reprint receipt on Receipt",
                ]

                # Kitchen and Bar out of paper: the Bar stands in for the Kitchen, so now its
                # trouble is the grill's too.
                kitchen.set_fault(Fault.PAPER_OUT)
                bar.set_fault(Fault.PAPER_OUT)
                assert await post(server.port, "/orders", order(804)) == 202
                both = "Kitchen printer: paper out · Bar printer: paper out"
                await until(
                    app, lambda: grill.printer_alarm_label.text() == both, "both on the grill"
                )
                kitchen.set_fault(None)
                bar.set_fault(None)
                await until(
                    app,
                    lambda: (
                        all(j.state == "done" for j in service.jobs("webshop:804"))
                        and "paper out" not in expo.printer_status_text()
                    ),
                    "#804 printed and both printers fine",
                )
                assert not grill.printer_alarm_label.isVisible()

                # The Kitchen's paper runs out while it takes #G-1: the ticket stays inside.
                printed = len(kitchen.jobs)
                kitchen.run_out = True
                assert (
                    await post(server.port, "/orders", {**order(803), "display_id": "G-1"}) == 202
                )
                held = "Kitchen holds #G-1 until the paper is refilled"
                await until(app, lambda: held in expo.printer_status_text(), "held on the counter")
                line = next(s for s in expo.printer_status_lines if s.text == held)
                assert line.problem
                assert grill.printer_alarm_label.isVisible()
                assert grill.printer_alarm_label.text() == f"Kitchen printer: paper out · {held}"
                assert len(kitchen.jobs) == printed and kitchen.held_jobs == 1

                kitchen.set_fault(None)  # refilled: #G-1 comes out, then the LATE slip
                jobs = await kitchen.wait_for_jobs(printed + 2, WAIT)
                await until(
                    app, lambda: held not in expo.printer_status_text(), "nothing held any more"
                )
                assert not grill.printer_alarm_label.isVisible()
        ticket, slip = (job.text for job in jobs[printed : printed + 2])
        assert "#G-1" in ticket and "2 x Käsespätzle" in ticket and "LATE" not in ticket
        slip_text = " ".join(line.strip() for line in slip.splitlines())
        assert slip_text.startswith("LATE #G-1 Hot")
        assert re.search(
            r"LATE: #G-1 above was held in the printer \d\d:\d\d-\d\d:\d\d \(paper out\)\.",
            slip_text,
        ), slip_text

    loop.run_until_complete(scenario())
