"""The expo's speed-of-service screen: its button opens today's figures, recorded from the
`order.status` events the device receives (here posted at the real connector)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.net import Backoff
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station
from kds.ui.scheduled import TOUCH_PX

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

TOKEN = "test-token"
WAIT = 15.0


def order(number: int, due_at: datetime | None = None) -> dict[str, Any]:
    fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
    if due_at is not None:
        fulfillment["due_at"] = due_at.isoformat()
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "fulfillment": fulfillment,
        "items": [{"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}],
    }


def service_buttons(window: QWidget) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if b.objectName() == "service_button"]


def test_the_expo_button_shows_todays_figures_per_station_and_the_late_count(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        settings = Settings(
            connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
            stations=(Station(id="hot", name="Hot", groups=("mains",)),),
            monitors=(
                MonitorSettings(name="Kitchen", kind=MonitorKind.STATION, fullscreen=False),
                MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
            ),
        )
        app = KdsApp(settings, tmp_path / "device", backoff=Backoff(0.05, 0.3, 0.0))
        headers = {"Authorization": f"Bearer {TOKEN}"}
        try:
            await app.start()
            assert app.time is not None
            assert not service_buttons(app.window("Kitchen"))  # the expo's alone
            statuses = asyncio.Queue[str]()
            app.applied_listeners.append(lambda event, _: statuses.put_nowait(event.type))
            async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:

                async def post(path: str, body: dict[str, Any]) -> None:
                    async with http.post(path, json=body) as response:
                        assert response.status == 202

                already_late = datetime.now(UTC) - timedelta(minutes=1)
                await post("/orders", order(1))
                await post("/orders", order(2, due_at=already_late))
                for number in (1, 2):
                    path = f"/orders/webshop%3A{number}/status"
                    await post(path, {"status": "ready", "station": "hot"})
                    await post(path, {"status": "ready"})
            async with asyncio.timeout(WAIT):
                for _ in range(6):
                    await statuses.get()

            counter = app.window("Counter")
            (button,) = service_buttons(counter)
            assert button.isVisible()
            assert button.height() >= TOUCH_PX
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            screen = app.time.service_screen
            assert screen is not None and screen.isVisible()
            assert screen.summary_label.text().endswith(": 2 orders, 1 late")
            table = screen.table
            rows = [
                [table.item(r, c).text() for c in range(table.columnCount())]
                for r in range(table.rowCount())
            ]
            hour = f"{datetime.now().astimezone().hour:02d}:00"
            assert [row[:3] + row[5:] for row in rows] == [
                ["Whole order", "all day", "2", "1"],
                ["Whole order", hour, "2", "1"],
                ["Hot", "all day", "2", "1"],
                ["Hot", hour, "2", "1"],
            ]
            assert all(":" in row[3] and ":" in row[4] for row in rows)  # m:ss
            QTest.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
            assert not screen.isVisible()
        finally:
            await app.stop()
            await server.stop()

    loop.run_until_complete(scenario())
