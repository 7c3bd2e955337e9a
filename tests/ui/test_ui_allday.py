"""The all-day panel of a station monitor: opened by its toggle, it counts every dish and
modifier of the released open tickets there, and follows new orders and bumps live.

Real connector on loopback, a real KdsApp with its data dir and windows; waits end on the
panel's own signal, never sleeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.net import Backoff
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station
from kds.ui.allday_panel import AllDayPanel
from kds.ui.scheduled import TOUCH_PX

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "test-token"
WAIT = 15.0


def settings_for(port: int) -> Settings:
    return Settings(
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=(
            Station(id="hot", name="Hot", groups=("mains",)),
            Station(id="bar", name="Bar", groups=("drinks",)),
        ),
        monitors=(
            MonitorSettings(
                name="Kitchen", kind=MonitorKind.STATION, stations=("hot",), fullscreen=False
            ),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
    )


def order(
    number: int, *items: dict[str, Any], prepare_at: datetime | None = None
) -> dict[str, Any]:
    fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
    if prepare_at is not None:
        fulfillment = {"type": "pickup", "asap": False, "prepare_at": prepare_at.isoformat()}
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "fulfillment": fulfillment,
        "items": list(items),
    }


def spaetzle(quantity: str, *, no_onions: bool = False) -> dict[str, Any]:
    modifiers = [{"name": "Zwiebeln", "action": "remove", "quantity": "1"}] if no_onions else []
    return {
        "line_id": "1",
        "name": "Käsespätzle",
        "group": "mains",
        "quantity": quantity,
        "modifiers": modifiers,
    }


FLAMMKUCHEN = {"line_id": "2", "name": "Flammkuchen", "group": "mains", "quantity": "1"}
BEER = {"line_id": "3", "name": "Pils", "group": "drinks", "quantity": "4"}


async def post(port: int, path: str, body: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with (
        aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http,
        http.post(path, json=body) as response,
    ):
        assert response.status == 202


async def until(panel: AllDayPanel, predicate: Callable[[], bool], what: str) -> None:
    if predicate():
        return
    changed = asyncio.Event()
    panel.counts_changed.connect(changed.set)
    try:
        async with asyncio.timeout(WAIT):
            while not predicate():
                changed.clear()
                await changed.wait()
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}; the panel: {panel.lines}") from None
    finally:
        panel.counts_changed.disconnect(changed.set)


def test_the_all_day_panel_counts_the_released_open_tickets_and_follows_them_live(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        app = KdsApp(settings_for(port), tmp_path / "device", backoff=Backoff(0.05, 0.3, 0.0))
        try:
            await app.start()
            assert app.time is not None
            allday = app.time.allday["Kitchen"]
            assert "Counter" not in app.time.allday  # a station's panel
            panel, button = allday.panel, allday.button
            assert not panel.isVisible()
            assert button.height() >= TOUCH_PX

            await post(port, "/orders", order(1, spaetzle("2", no_onions=True), BEER))
            await post(port, "/orders", order(2, spaetzle("1"), FLAMMKUCHEN))
            later = datetime.now(UTC) + timedelta(hours=1)  # held back: not to make yet
            await post(port, "/orders", order(3, spaetzle("5"), prepare_at=later))
            model = app.window("Kitchen").model
            done = asyncio.Event()
            model.rowsInserted.connect(lambda *_: len(model.order_ids()) == 2 and done.set())
            if len(model.order_ids()) < 2:
                await asyncio.wait_for(done.wait(), WAIT)

            QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # open the panel
            assert panel.isVisible()
            # The bar's beer is not the kitchen's; the held order does not count.
            await until(
                panel,
                lambda: panel.lines == ["3× Käsespätzle", "   2× NO Zwiebeln", "1× Flammkuchen"],
                "the first count",
            )

            await post(port, "/orders", order(4, spaetzle("2", no_onions=True)))
            await until(
                panel,
                lambda: panel.lines == ["5× Käsespätzle", "   4× NO Zwiebeln", "1× Flammkuchen"],
                "a new order counted",
            )

            # The kitchen bumps order 1 (posted at the connector, echoed to the device).
            await post(port, "/orders/webshop%3A1/status", {"status": "ready", "station": "hot"})
            await until(
                panel,
                lambda: panel.lines == ["3× Käsespätzle", "   2× NO Zwiebeln", "1× Flammkuchen"],
                "a bumped order no longer counted",
            )

            QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # close it again
            assert not panel.isVisible()
            assert app.status.unexpected_errors[0] == 0
        finally:
            await app.stop()
            await server.stop()

    loop.run_until_complete(scenario())
