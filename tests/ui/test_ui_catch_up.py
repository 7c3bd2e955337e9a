"""A device that comes back behind the connector says so while it catches up, then no more."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
import qasync

from kds import wire
from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.domain.orders import Applied
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "test-token"
WAIT = 10.0  # upper bound for one expected change; never a sleep
BACKLOG = 40


def order(n: int) -> wire.Order:
    return wire.parse_order(
        {
            "id": f"webshop:{n}",
            "external_id": str(n),
            "display_id": str(n),
            "source": "webshop",
            "revision": 1,
            "created_at": "2026-11-23T19:00:00+01:00",
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [{"line_id": "1", "name": "Flammkuchen", "quantity": "1"}],
        }
    )


def test_the_screens_show_catching_up_while_behind_and_nothing_once_caught_up(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        for n in range(1, BACKLOG + 1):  # the kitchen was offline while these came in
            server.connector_log.append_order(order(n))
        settings = Settings(
            connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
            monitors=(MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),),
        )
        app = KdsApp(settings, tmp_path / "device")
        seen: list[tuple[int, bool, str]] = []
        caught_up = asyncio.get_running_loop().create_future()

        def watch(event: wire.Event, _applied: Applied) -> None:
            label = app.window("Counter").catch_up_label
            seen.append((event.seq, label.isVisible(), label.text()))
            if event.seq == BACKLOG and not caught_up.done():
                caught_up.set_result(None)

        app.applied_listeners.append(watch)
        try:
            await app.start()
            await asyncio.wait_for(caught_up, WAIT)
            window = app.window("Counter")
            # Every event but the last arrived while the line said how far the replay was.
            for seq, visible, text in seen[:-1]:
                assert visible, seq
                match = re.fullmatch(r"Catching up — (\d+) of 40", text)
                assert match is not None and int(match[1]) < seq, (seq, text)
            assert not window.catch_up_label.isVisible()
            model = window.model
            if model.rowCount() < BACKLOG:  # the last frame's batch is still on its way
                done = asyncio.get_running_loop().create_future()

                def check(*_: Any) -> None:
                    if model.rowCount() == BACKLOG and not done.done():
                        done.set_result(None)

                model.rowsInserted.connect(check)
                await asyncio.wait_for(done, WAIT)
            assert model.rowCount() == BACKLOG
        finally:
            await app.stop()
            await server.stop()

    loop.run_until_complete(scenario())
