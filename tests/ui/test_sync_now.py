"""Sync now and the Admin button on the running app: real connector on loopback, real data dir,
real windows. The staff windows say when the catalog came (also by itself), the button shows
progress and the result with routes whose group disappeared; the pickup board has neither;
the admin area's wizard syncs through the app's own connection and keeps the PIN."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
import qasync
from harness import until_signals
from PySide6.QtWidgets import QWidget

from kds.admin import hash_pin
from kds.app import KdsApp
from kds.config_file import save_settings
from kds.connector.server import ConnectorServer
from kds.net import Phase
from kds.settings import (
    AdminSettings,
    ConnectorSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
    load_settings,
)
from kds.ui.admin_area import AdminArea
from kds.ui.admin_pin import PinPad
from kds.ui.staff_tools import StaffTools
from kds.ui.wizard.common import PageId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "test-token"
PIN = "1357"
WAIT = 10.0


def settings_for(port: int) -> Settings:
    return Settings.model_validate(
        {
            "connector": {"url": f"ws://127.0.0.1:{port}/kds", "token": TOKEN},
            "stations": [{"id": "hot", "name": "Hot", "groups": ["mains"]}],
            "monitors": [
                {"name": "Kitchen", "kind": "station", "stations": ["hot"], "fullscreen": False},
                {"name": "Counter", "kind": "expo", "fullscreen": False},
                {"name": "Board", "kind": "pickup", "fullscreen": False},
            ],
            "printing": {
                "printers": [{"name": "Bar", "transport": "file", "path": "bar.bin"}],
                "routes": [
                    {"name": "mains", "groups": ["mains"], "printers": ["Bar"]},
                    {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
                ],
            },
            "admin": {"pin_hash": hash_pin(PIN)},
        }
    )


CATALOG = {
    "articles": [{"ref": "K1", "name": "Käsespätzle", "group": "mains"}],
    "groups": [{"id": "mains", "name": "Hauptgerichte"}],
}


def tools_of(app: KdsApp, name: str) -> StaffTools | None:
    return app.window(name).findChild(StaffTools)


def test_sync_now_shows_progress_the_result_and_when_the_catalog_came(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        path = tmp_path / "config" / "kds.toml"
        settings = settings_for(port)
        save_settings(settings, path)
        app = KdsApp(settings, tmp_path / "device", config_path=path)
        try:
            await app.start()
            kitchen, counter = tools_of(app, "Kitchen"), tools_of(app, "Counter")
            assert kitchen is not None and counter is not None
            assert tools_of(app, "Board") is None  # guests see no Sync now and no Admin
            assert kitchen.sync.label.text() == "No catalog received yet"
            changed = app.catalog_sync.changed

            # Master data arriving by itself updates the line.
            headers = {"Authorization": f"Bearer {TOKEN}"}
            async with (
                aiohttp.ClientSession(headers=headers) as http,
                http.post(f"http://127.0.0.1:{port}/catalog", json=CATALOG) as response,
            ):
                assert response.status == 202
            await until_signals(
                lambda: "Catalog" in kitchen.sync.label.text(), "the catalog", changed
            )
            line = kitchen.sync.label.text()
            assert line.startswith("Catalog ")
            assert line.endswith(" · 1 articles, 1 groups · 1 route problem(s)")
            assert counter.sync.label.text() == line

            await until_signals(
                lambda: app.connection is not None and app.connection.phase is Phase.CONNECTED,
                "connected",
                app.status.connection_changed,
            )
            kitchen.sync.button.click()
            assert not kitchen.sync.button.isEnabled() and not counter.sync.button.isEnabled()
            assert kitchen.sync.label.text() == "asking the connector for the catalog…"
            await until_signals(kitchen.sync.button.isEnabled, "the sync's answer", changed)
            first, problem = kitchen.sync.label.text().split("\n")
            assert first.startswith("1 articles, 1 groups, ")
            assert problem == "route 'drinks': article group 'drinks' is not in the synced catalog"
            assert first[-5:] == line[len("Catalog ") : len("Catalog ") + 5]
            shots = tmp_path / "shots"
            shots.mkdir()
            window = app.window("Kitchen")
            window.resize(1280, 400)
            for layout in (w.layout() for w in window.findChildren(QWidget)):
                if layout is not None:
                    layout.activate()  # the new text's size, before the next event-loop turn
            assert window.grab().save(str(shots / "staff-sync-now.png"))

            # The admin area from a staff window: PIN, then the wizard syncing through the app.
            restarts: list[bool] = []
            app.on_restart = lambda: restarts.append(app.restart_requested)
            counter.admin.click()
            pin_pad = app.window("Counter").findChild(PinPad)
            assert pin_pad is not None and pin_pad.isVisible()
            for digit in PIN:
                pin_pad.digits[digit].click()
            pin_pad.ok.click()
            area = app.window("Counter").findChild(AdminArea)
            assert area is not None and area.isVisible()
            assert not pin_pad.isVisible()
            area.setup.click()
            wizard = area.wizard
            assert wizard is not None and wizard.isVisible()
            assert wizard.connector.url.text() == f"ws://127.0.0.1:{port}/kds"
            while wizard.currentId() != PageId.ROUTES:
                wizard.next()
            routes = wizard.routes
            routes.sync.click()
            (job,) = routes._jobs
            await until_signals(routes.sync.isEnabled, "the wizard's sync", job.done, job.failed)
            assert routes.synced.text().startswith("1 articles, 1 groups, ")
            item = routes.table.item(0, 0)
            assert item is not None and item.text() == "Hauptgerichte"
            while wizard.currentId() != PageId.SUMMARY:
                wizard.next()
            wizard.accept()
            assert wizard.summary.saved
            assert "Restart KDS to use the new settings" in area.state.text()
            assert area.restart.isVisible()
            area.restart.click()
            assert restarts == [True]
            saved = load_settings(path)
            assert saved.admin == AdminSettings(pin_hash=settings.admin.pin_hash)
            assert saved.device.name == settings.device.name
        finally:
            await app.stop()
            await server.stop()

    loop.run_until_complete(scenario())


def test_sync_now_without_a_connection_says_so(loop: qasync.QEventLoop, tmp_path: Path) -> None:
    async def scenario() -> None:
        settings = Settings(
            connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token=TOKEN),
            stations=(Station(id="hot", name="Hot"),),
            monitors=(MonitorSettings(name="Kitchen", kind=MonitorKind.STATION, fullscreen=False),),
        )
        app = KdsApp(settings, tmp_path / "device", config_path=tmp_path / "kds.toml")
        try:
            app.open()
            tools = tools_of(app, "Kitchen")
            assert tools is not None
            tools.sync.button.click()
            await until_signals(tools.sync.button.isEnabled, "the answer", app.catalog_sync.changed)
            assert tools.sync.label.text() == "Sync failed: not connected to the connector"
        finally:
            await app.stop()

    loop.run_until_complete(scenario())


def test_restart_now_ends_the_run_and_the_next_one_starts_on_the_same_data_dir(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two real runs in one process, as `kds run` does after "Restart KDS now": the first
    ends by the admin area's restart (the store released), the second opens and ends."""
    import signal

    from kds.app import RESTART, run_app

    original = KdsApp.start
    runs: list[str] = []

    async def start_then(self: KdsApp) -> None:
        await original(self)
        runs.append(self.store.device_id if self.store is not None else "")
        if len(runs) == 1:
            asyncio.get_running_loop().call_soon(self.restart)
        elif self.on_restart is not None:
            asyncio.get_running_loop().call_soon(self.on_restart)  # ends without a restart

    monkeypatch.setattr(KdsApp, "start", start_then)
    settings = settings_for(9)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        assert run_app(settings, tmp_path / "device", tmp_path / "kds.toml") == RESTART
        assert run_app(settings, tmp_path / "device", tmp_path / "kds.toml") == 0
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        asyncio.set_event_loop(None)
    assert len(runs) == 2 and runs[0] == runs[1]  # the same device, its store reopened
