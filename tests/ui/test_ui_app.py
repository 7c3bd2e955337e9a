"""The app wiring end to end: real connector on loopback, real SQLite data dir, real windows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qasync
from PySide6.QtWidgets import QApplication

from kds.app import KdsApp, run_app
from kds.connector.server import ConnectorServer
from kds.net import Backoff, ConnectionState, Phase
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station
from kds.store import StoreLockedError, open_store
from kds.ui import OrderRole, OrdersModel
from kds.ui.ticket_view import card_layout

# The offscreen platform warns that it cannot pass size hints to a window manager it lacks.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "test-token"
WAIT = 10.0  # upper bound for one expected change; never a sleep


def settings_for(url: str = "ws://127.0.0.1:9/kds", screen: str | None = None) -> Settings:
    return Settings(
        connector=ConnectorSettings(url=url, token=TOKEN),
        stations=(
            Station(id="hot", name="Hot", groups=("mains",)),
            Station(id="bar", name="Bar", groups=("drinks",)),
        ),
        monitors=(
            MonitorSettings(
                name="Kitchen",
                kind=MonitorKind.STATION,
                stations=("hot",),
                screen=screen,
                fullscreen=False,
            ),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
    )


def order(revision: int = 1, extra_line: bool = False) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"},
        {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
    ]
    if extra_line:
        items.append({"line_id": "3", "name": "Flammkuchen", "group": "mains", "quantity": "1"})
    return {
        "id": "webshop:4711",
        "external_id": "4711",
        "display_id": "711",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T19:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": items,
    }


async def until_model(model: OrdersModel, predicate: Callable[[], bool]) -> None:
    """Wait (on the model's own signals) until `predicate()` holds."""
    if predicate():
        return
    done = asyncio.get_running_loop().create_future()

    def check(*_: object) -> None:
        if not done.done() and predicate():
            done.set_result(None)

    signals = (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset)
    for signal in signals:
        signal.connect(check)
    try:
        await asyncio.wait_for(done, WAIT)
    finally:
        for signal in signals:
            signal.disconnect(check)


async def until_phase(app: KdsApp, phase: Phase) -> ConnectionState:
    if app.connection is not None and app.connection.phase is phase:
        return app.connection
    done: asyncio.Future[ConnectionState] = asyncio.get_running_loop().create_future()

    def check(*_: object) -> None:
        state = app.connection
        if state is not None and state.phase is phase and not done.done():
            done.set_result(state)

    app.status.connection_changed.connect(check)
    try:
        return await asyncio.wait_for(done, WAIT)
    finally:
        app.status.connection_changed.disconnect(check)


def row_data(model: OrdersModel, role: OrderRole) -> Any:
    return model.index(model.row_of("webshop:4711"), 0).data(role)


def card_texts(model: OrdersModel) -> list[str]:
    card = model.index(model.row_of("webshop:4711"), 0).data(OrderRole.CARD)
    return [b.text for part in card_layout(card).parts for b in part.blocks]


def test_orders_flow_from_connector_to_windows_and_survive_a_restart(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    device_dir = tmp_path / "device"

    async def live() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        app = KdsApp(settings_for(f"ws://127.0.0.1:{port}/kds"), device_dir)
        try:
            await app.start()
            kitchen = app.window("Kitchen").model
            counter = app.window("Counter").model
            await until_phase(app, Phase.CONNECTED)
            assert "connected" in app.window("Kitchen").connection_label.text()

            headers = {"Authorization": f"Bearer {TOKEN}"}
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession(base, headers=headers) as http:
                post: Callable[..., Awaitable[int]]

                async def post(path: str, body: dict[str, Any]) -> int:
                    async with http.post(path, json=body) as response:
                        return response.status

                assert await post("/orders", order()) == 202
                await until_model(kitchen, lambda: kitchen.row_of("webshop:4711") >= 0)
                await until_model(counter, lambda: counter.row_of("webshop:4711") >= 0)
                # The kitchen sees its dish, not the bar's drink; the counter sees both.
                assert "2× Käsespätzle" in card_texts(kitchen)
                assert "1× Apfelschorle" not in card_texts(kitchen)
                assert "1× Apfelschorle" in card_texts(counter)
                assert row_data(kitchen, OrderRole.DISPLAY_ID) == "#711"

                assert await post("/orders", order(revision=2, extra_line=True)) == 202
                await until_model(kitchen, lambda: row_data(kitchen, OrderRole.REVISION) == 2)
                # Changed since the kitchen saw it: flagged, the new dish marked.
                assert "CHANGED · revision 2 — tap to acknowledge" in card_texts(kitchen)
                assert card_texts(kitchen)[-2:] == ["1× Flammkuchen", "NEW"]
                assert "1× Flammkuchen" in card_texts(kitchen)

                cancel = "/orders/webshop%3A4711/cancel"
                assert await post(cancel, {"reason": "Gast hat storniert"}) == 202
                await until_model(kitchen, lambda: row_data(kitchen, OrderRole.CANCELLED) is True)
                assert "CANCELLED — Gast hat storniert" in card_texts(kitchen)
        finally:
            await app.stop()
            await server.stop()

    loop.run_until_complete(live())

    async def restarted() -> None:
        # The connector is gone; nothing listens on this port.
        app = KdsApp(
            settings_for("ws://127.0.0.1:9/kds"),
            device_dir,
            backoff=Backoff(initial=0.05, cap=0.2),
        )
        try:
            app.open()
            # Restored from the store before any connection exists.
            kitchen = app.window("Kitchen").model
            assert kitchen.order_ids() == ["webshop:4711"]
            assert row_data(kitchen, OrderRole.REVISION) == 2
            assert row_data(kitchen, OrderRole.CANCELLED) is True
            await app.start()
            await until_phase(app, Phase.RECONNECTING)
            banner = app.window("Kitchen").connection_label.text()
            assert "reconnecting since" in banner
            assert "Kitchen" in banner
        finally:
            await app.stop()

    loop.run_until_complete(restarted())


def test_second_app_on_the_same_data_dir_is_refused(
    loop: qasync.QEventLoop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = KdsApp(settings_for(), tmp_path)
    first.open()
    try:
        with pytest.raises(StoreLockedError):
            KdsApp(settings_for(), tmp_path).open()
        assert run_app(settings_for(), tmp_path) != 0
        assert "another kds app is already running" in capsys.readouterr().err
    finally:
        loop.run_until_complete(first.stop())


def test_unknown_screen_falls_back_to_primary_with_a_visible_warning(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    app = KdsApp(settings_for(screen="HDMI-9"), tmp_path)
    app.open()
    try:
        window = app.window("Kitchen")
        assert window.screen_warning_label.isVisible()
        assert "HDMI-9" in window.screen_warning_label.text()
        assert window.screen() is QApplication.primaryScreen()
        assert not app.window("Counter").screen_warning_label.isVisible()
    finally:
        loop.run_until_complete(app.stop())


def test_rejected_events_are_counted_on_every_window(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with open_store(tmp_path, "KDS") as store:
        from datetime import UTC, datetime

        store.record_rejected(
            7, '{"type": "order.created", "seq": 7}', "order: required", datetime.now(UTC)
        )
    app = KdsApp(settings_for(), tmp_path)
    app.open()
    try:
        label = app.window("Counter").rejected_label
        assert label.isVisible()
        assert label.text() == "1 invalid message(s) from the connector — see log"
    finally:
        loop.run_until_complete(app.stop())
