"""Acks are recorded without a synced commit each, and a crash loses none that matters."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import aiohttp
import pytest

from kds.connector.log import ACK_WRITE_EVERY, DB_NAME, ConnectorLog
from kds.connector.server import ConnectorServer

from .conftest import WAIT, DeviceFactory, make_order


def acked_on_disk(data_dir: Path, device_id: str) -> int | None:
    """What a connector restarted right now would read: the committed ack."""
    conn = sqlite3.connect(f"file:{data_dir / DB_NAME}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT last_acked_seq FROM devices WHERE device_id = ?", (device_id,)
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def test_an_ack_after_a_quiet_spell_is_on_disk_at_once(tmp_path: Path) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        clog.device_seen("dev-1", "Grill")
        clog.device_acked("dev-1", 5)
        assert acked_on_disk(tmp_path, "dev-1") == 5


def test_a_burst_of_acks_is_seen_at_once_and_on_disk_at_most_a_batch_behind(
    tmp_path: Path,
) -> None:
    with ConnectorLog.open(tmp_path) as clog:
        clog.device_seen("dev-1", "Grill")
        for seq in range(1, 1001):
            clog.device_acked("dev-1", seq)
        # /health and wait_for_ack read devices(): they see the newest ack at once...
        [dev] = clog.devices()
        assert dev.last_acked_seq == 1000
        # ...while the disk may hold an older one: what a crash right now would leave. The
        # device resumes from its own last seq, so that costs at most a few resent events.
        written = acked_on_disk(tmp_path, "dev-1")
        assert written is not None and 1000 - ACK_WRITE_EVERY < written <= 1000
        clog.device_acked("dev-1", 7)  # an older ack never lowers it
        assert clog.devices()[0].last_acked_seq == 1000
    assert acked_on_disk(tmp_path, "dev-1") == 1000  # closing writes what was held


async def test_a_device_that_disconnects_has_its_last_ack_on_disk(
    server: ConnectorServer,
    http: aiohttp.ClientSession,
    device: DeviceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    gone = asyncio.Event()

    class Disconnected(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "disconnected" in record.getMessage():
                gone.set()

    watcher = Disconnected()
    caplog.set_level(logging.INFO, logger="kds.connector.server")
    logger = logging.getLogger("kds.connector.server")
    logger.addHandler(watcher)
    try:
        for n in range(1, 4):
            async with http.post("/orders", json=make_order(f"webshop:{n}")) as response:
                assert response.status == 202
        async with device("grill-1", "Grill") as dev:
            await dev.hello(last_seq=0)
            await dev.recv_until(3)
            for seq in (1, 2, 3):
                await dev.send({"type": "ack", "seq": seq})
            await server.wait_for_ack("grill-1", 3)
        await asyncio.wait_for(gone.wait(), WAIT)
    finally:
        logger.removeHandler(watcher)
    assert acked_on_disk(server.data_dir, "grill-1") == 3
