"""Scheduled orders in the app: held in the Scheduled strip with a countdown, released at
their time (or by "Fire now") with the release cue, printed at release, across restarts.

Real connector on loopback, real virtual printers on TCP, real KdsApps with their own data
dirs and windows. The app's clock is a parameter the test moves; waits end on model
signals or printed jobs, never sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from harness import FAST, TOKEN, WAIT, post, running, until_signals
from harness import until as until_app
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QTest

from kds.app import KdsApp
from kds.audio import SoundCue
from kds.connector.server import ConnectorServer
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from kds.ui.scheduled import TOUCH_PX
from printing.config import PrintingConfig
from printing.emulator import PrinterEmulator

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PRINTER_NAMES = ("Kitchen", "Receipt")


class Clock:
    """The app's clock: starts at the real time (the connector stamps events with it)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Speaker:
    """A sound player that remembers what it played, per monitor."""

    def __init__(self) -> None:
        self.played: dict[str, list[SoundCue]] = {}

    def player(self, monitor: MonitorSettings) -> Any:
        cues = self.played.setdefault(monitor.name, [])

        class Player:
            def play(self, cue: SoundCue, volume: float) -> None:
                cues.append(cue)

        return Player()


def settings_for(port: int, printers: dict[str, PrinterEmulator] | None, name: str) -> Settings:
    config = None
    if printers is not None:
        config = PrintingConfig.model_validate(
            {
                "printers": [
                    {"name": n, "transport": "network", "host": "127.0.0.1", "port": e.port}
                    for n, e in printers.items()
                ],
                "routes": [{"name": "mains", "groups": ["mains"], "printers": ["Kitchen"]}],
                "documents": [{"template": "receipt", "printers": ["Receipt"]}],
                "retry_initial_s": 0.05,
                "retry_cap_s": 0.2,
            }
        )
    return Settings(
        device=DeviceSettings(name=name, printing=printers is not None),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=(Station(id="hot", name="Hot", groups=("mains",)),),
        monitors=(
            MonitorSettings(
                name="Kitchen", kind=MonitorKind.STATION, stations=("hot",), fullscreen=False
            ),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
            MonitorSettings(name="Board", kind=MonitorKind.PICKUP, fullscreen=False),
        ),
        printing=config,
    )


def order(number: int, prepare_at: datetime | None = None) -> dict[str, Any]:
    fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
    if prepare_at is not None:
        fulfillment = {
            "type": "pickup",
            "asap": False,
            "prepare_at": prepare_at.isoformat(),
            "due_at": (prepare_at + timedelta(minutes=15)).isoformat(),
        }
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "fulfillment": fulfillment,
        "items": [{"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"}],
    }


@asynccontextmanager
async def shop(tmp_path: Path) -> AsyncIterator[tuple[ConnectorServer, dict[str, PrinterEmulator]]]:
    server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
    await server.start()
    printers = {n: PrinterEmulator(n, None, control_port=None) for n in PRINTER_NAMES}
    try:
        for emulator in printers.values():
            await emulator.start()
        yield server, printers
    finally:
        await server.stop()
        for emulator in printers.values():
            await emulator.stop()


async def until(model: QAbstractItemModel, predicate: Callable[[], bool], what: str) -> None:
    """Wait (on the model's own signals) until `predicate()` holds."""
    signals = (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset)
    await until_signals(predicate, what, *signals)


def numbers(emulator: PrinterEmulator) -> list[str]:
    """The big order number of every printed job, in print order."""
    return [
        line.strip()
        for job in emulator.jobs
        for line in job.text.splitlines()
        if line.strip().startswith("#")
    ]


def shown(app: KdsApp, monitor: str) -> list[str]:
    return app.window(monitor).model.order_ids()


def strip(app: KdsApp, monitor: str) -> dict[str, str]:
    """Order id -> its countdown, as the monitor's Scheduled strip shows them."""
    assert app.time is not None
    bar = app.time.bars[monitor]
    return {oid: e.countdown_label.text() for oid, e in bar.entries.items() if bar.isVisible()}


def test_a_scheduled_order_waits_with_a_countdown_and_prints_at_its_release(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    clock = Clock()
    speaker = Speaker()
    start = clock.now
    release = start + timedelta(minutes=30)

    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen, receipt = printers["Kitchen"], printers["Receipt"]
            settings = settings_for(server.port, printers, "Counter")
            async with running(
                settings, tmp_path / "device", clock=clock, sound_player=speaker.player
            ) as app:
                await until_app(app, lambda: app.is_printing, "the app prints")
                assert await post(server.port, "/orders", order(800, release)) == 202
                assert await post(server.port, "/orders", order(801)) == 202
                await kitchen.wait_for_jobs(1, WAIT)
                station = app.window("Kitchen").model
                await until(station, lambda: "webshop:801" in shown(app, "Kitchen"), "#801")

                # Held: in both strips with its countdown, on no monitor, nothing printed.
                assert strip(app, "Kitchen") == {"webshop:800": "in 30:00"}
                assert strip(app, "Counter") == {"webshop:800": "in 30:00"}
                assert "webshop:800" not in shown(app, "Kitchen")
                assert "webshop:800" not in shown(app, "Counter")
                board = app.window("Board").model
                await until(
                    board, lambda: "webshop:801" in shown(app, "Board"), "#801 on the board"
                )
                assert "webshop:800" not in shown(app, "Board")  # not "in preparation" yet
                assert app.time is not None and "Board" not in app.time.bars  # no strip for guests
                await receipt.wait_for_jobs(1, WAIT)
                assert numbers(kitchen) == ["#801"]  # #801 came after #800 and printed first
                assert numbers(receipt) == ["#801"]
                entry = app.time.bars["Kitchen"].entries["webshop:800"] if app.time else None
                assert entry is not None
                assert entry.fire_button.height() >= TOUCH_PX
                assert entry.fire_button.width() >= TOUCH_PX

                clock.now = release - timedelta(minutes=4, seconds=5)
                app.tick()
                assert strip(app, "Kitchen") == {"webshop:800": "in 4:05"}
                clock.now = release - timedelta(milliseconds=1)
                app.tick()
                assert strip(app, "Kitchen") == {"webshop:800": "in 0:01"}
                assert numbers(kitchen) == ["#801"]
                assert SoundCue.RELEASED not in speaker.played["Kitchen"]

                clock.now = release
                app.tick()
                await until(station, lambda: "webshop:800" in shown(app, "Kitchen"), "release")
                assert strip(app, "Kitchen") == {}
                assert strip(app, "Counter") == {}
                assert speaker.played["Kitchen"][-1] is SoundCue.RELEASED
                await kitchen.wait_for_jobs(2, WAIT)
                await receipt.wait_for_jobs(2, WAIT)
                assert numbers(kitchen) == ["#801", "#800"]
                assert numbers(receipt) == ["#801", "#800"]
                counter = app.window("Counter").model
                await until(counter, lambda: "webshop:800" in shown(app, "Counter"), "expo")
                await until(board, lambda: "webshop:800" in shown(app, "Board"), "on the board")
                assert app.status.unexpected_errors[0] == 0

    loop.run_until_complete(scenario())


def test_fire_now_by_tap_releases_it_early_on_every_device(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    clock = Clock()
    release = clock.now + timedelta(minutes=45)

    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen = printers["Kitchen"]
            async with (
                running(settings_for(server.port, printers, "A"), tmp_path / "a", clock=clock) as a,
                running(settings_for(server.port, None, "B"), tmp_path / "b", clock=clock) as b,
            ):
                await until_app(a, lambda: a.is_printing, "A prints")
                assert await post(server.port, "/orders", order(900, release)) == 202
                await until_app(b, lambda: "webshop:900" in strip(b, "Kitchen"), "B holds")
                await until_app(a, lambda: "webshop:900" in strip(a, "Kitchen"), "A holds")
                assert kitchen.jobs == []
                assert a.time is not None
                button = a.time.bars["Kitchen"].entries["webshop:900"].fire_button
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                # The tap goes to the connector; its echo releases it on both devices.
                for app in (a, b):
                    model = app.window("Kitchen").model
                    await until(model, lambda app=app: "webshop:900" in shown(app, "Kitchen"), "")
                    assert strip(app, "Kitchen") == {}
                await kitchen.wait_for_jobs(1, WAIT)
                assert numbers(kitchen) == ["#900"]

    loop.run_until_complete(scenario())


def test_release_survives_a_restart_and_overdue_orders_release_at_start(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    clock = Clock()
    soon, later = clock.now + timedelta(minutes=20), clock.now + timedelta(hours=2)
    device = tmp_path / "device"

    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen = printers["Kitchen"]
            settings = settings_for(server.port, printers, "Counter")
            async with running(settings, device, clock=clock) as app:
                await until_app(app, lambda: app.is_printing, "the app prints")
                assert await post(server.port, "/orders", order(701, soon)) == 202
                assert await post(server.port, "/orders", order(702, later)) == 202
                await until_app(app, lambda: len(strip(app, "Counter")) == 2, "both held")

            # Off while #701's time passes: a new app on the same data dir.
            clock.now = soon + timedelta(minutes=1)
            speaker = Speaker()
            restarted = KdsApp(
                settings, device, clock=clock, backoff=FAST, sound_player=speaker.player
            )
            try:
                restarted.open()
                # Released at once at start; #702 is still held, from the store.
                model = restarted.window("Kitchen").model
                await until(model, lambda: shown(restarted, "Kitchen") == ["webshop:701"], "#701")
                assert list(strip(restarted, "Counter")) == ["webshop:702"]
                assert "webshop:702" not in shown(restarted, "Counter")
                assert speaker.played["Kitchen"] == [SoundCue.RELEASED]
                await restarted.start()
                await kitchen.wait_for_jobs(1, WAIT)
                await until_app(restarted, lambda: restarted.is_printing, "printing")
                assert numbers(kitchen) == ["#701"]  # #702 is held on the printing path too
                clock.now = later
                restarted.tick()
                await kitchen.wait_for_jobs(2, WAIT)
                assert numbers(kitchen) == ["#701", "#702"]
            finally:
                await restarted.stop()

    loop.run_until_complete(scenario())


def test_an_order_collected_after_its_time_came_prints_even_if_this_device_had_not_released_it(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    """Another device released and handed over an order whose time had come before this
    one's tick did (or while this one was down): its ticket still prints. One collected
    before its time leaves the strip unprinted."""
    clock = Clock()
    release = clock.now + timedelta(minutes=30)

    async def scenario() -> None:
        async with shop(tmp_path) as (server, printers):
            kitchen = printers["Kitchen"]
            settings = settings_for(server.port, printers, "Counter")
            # No tick of its own during the test: only the events move the orders.
            async with running(
                settings, tmp_path / "device", clock=clock, tick_ms=3_600_000
            ) as app:
                await until_app(app, lambda: app.is_printing, "the app prints")
                assert await post(server.port, "/orders", order(910, release)) == 202
                assert await post(server.port, "/orders", order(911, release)) == 202
                await until_app(app, lambda: len(strip(app, "Counter")) == 2, "both held")
                collected = {"status": "collected"}
                assert await post(server.port, "/orders/webshop:911/status", collected) == 202
                await until_app(app, lambda: list(strip(app, "Counter")) == ["webshop:910"], "")

                clock.now = release
                assert await post(server.port, "/orders/webshop:910/status", collected) == 202
                await kitchen.wait_for_jobs(1, WAIT)
                assert numbers(kitchen) == ["#910"]
                assert strip(app, "Counter") == {}

    loop.run_until_complete(scenario())
