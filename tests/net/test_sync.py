"""Sync now without a screen: `kds sync` and `sync_catalog` against the real connector."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from kds.__main__ import main
from kds.connector.server import ConnectorServer
from kds.net.sync import Synced, SyncError, sync_catalog
from kds.store import open_store

TOKEN = "sales-point-token"
ROOT = Path(__file__).resolve().parents[2]
CATALOG = {
    "articles": [
        {"ref": "B1", "name": "Burger", "kitchen_name": "BURG", "group": "grill"},
        {"ref": "F1", "name": "Fries", "kitchen_name": None, "group": "fryer"},
        {"ref": "C1", "name": "Cola", "kitchen_name": None, "group": None},
    ],
    "groups": [{"id": "grill", "name": "Grill"}, {"id": "fryer", "name": "Fryer"}],
}
T_SYNC = datetime(2026, 11, 23, 20, 14, 30, tzinfo=UTC)


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[ConnectorServer]:
    srv = ConnectorServer(tmp_path / "connector", TOKEN)
    await srv.start()
    try:
        async with (
            aiohttp.ClientSession(headers={"Authorization": f"Bearer {TOKEN}"}) as http,
            http.post(f"http://127.0.0.1:{srv.port}/catalog", json=CATALOG) as response,
        ):
            assert response.status == 202
        yield srv
    finally:
        await srv.stop()


def url(server: ConnectorServer) -> str:
    return f"ws://127.0.0.1:{server.port}/kds"


async def test_sync_brings_a_fresh_catalog_and_the_store_says_when(
    server: ConnectorServer, tmp_path: Path
) -> None:
    posted_seq = server.connector_log.last_seq()
    with open_store(tmp_path / "kds", "Grill") as store:
        synced = await sync_catalog(url(server), TOKEN, store, clock=lambda: T_SYNC)
        assert synced == Synced(articles=3, groups=2, received_at=T_SYNC)
        assert synced.describe(UTC) == "3 articles, 2 groups, 20:14"
        assert store.catalog_received_at() == T_SYNC
        # Fresh: the connector logged a catalog for this sync (the posted one came first).
        assert store.last_seq() == server.connector_log.last_seq() > posted_seq
        articles, groups = store.catalog()
        assert {a.ref for a in articles} == {"B1", "F1", "C1"} and len(groups) == 2
        device_id = store.device_id
    # The session was the device's own: the connector knows no other device.
    assert [d.device_id for d in server.connector_log.devices()] == [device_id]


async def test_sync_with_a_wrong_token_says_so(server: ConnectorServer, tmp_path: Path) -> None:
    with open_store(tmp_path / "kds") as store, pytest.raises(SyncError, match="token refused"):
        await sync_catalog(url(server), "wrong", store)


async def test_sync_gives_up_after_its_timeout_naming_the_trouble(tmp_path: Path) -> None:
    with (
        open_store(tmp_path / "kds") as store,
        pytest.raises(SyncError, match=r"no catalog within 0.5 s \(.*connection refused"),
    ):
        await sync_catalog("ws://127.0.0.1:1/kds", TOKEN, store, timeout=0.5)


async def test_kds_sync_prints_the_counts_and_the_time(
    server: ConnectorServer, tmp_path: Path
) -> None:
    config = tmp_path / "kds.toml"
    config.write_text(f'[connector]\nurl = "{url(server)}"\ntoken = "{TOKEN}"\n', "utf-8")
    proc = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "kds", "sync", "--config", str(config)),
        *("--data-dir", str(tmp_path / "kds")),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(120):
        out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert re.fullmatch(r"3 articles, 2 groups, \d\d:\d\d\n", out.decode())
    with open_store(tmp_path / "kds") as store:
        received = store.catalog_received_at()
    assert received is not None and out.decode().endswith(f"{received.astimezone():%H:%M}\n")


def test_kds_sync_while_the_app_runs_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kds.toml"
    config.write_text('[connector]\ntoken = "t"\n', "utf-8")
    with open_store(tmp_path / "kds"):
        code = main(["sync", "--config", str(config), "--data-dir", str(tmp_path / "kds")])
    assert code == 2
    assert "already running" in capsys.readouterr().err
