"""`kds connector` as a real process: the listening line, one per data dir, crash and restart."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from child_output import readable

from kds.net import Backoff, ConnectionState, Phase
from kds.store import open_store

from .conftest import TOKEN, WAIT, display_client, make_order, open_device, ws_url

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"^kds connector listening on http://127\.0\.0\.1:(\d+)$")
STARTUP = 60.0  # a cold interpreter start on a busy 2-core machine
PING_TIMEOUT = 20.0
"""PROTOCOL.md's liveness timeout: a session left hanging ends only after this."""


def _command(data_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kds",
        "connector",
        "--port",
        "0",
        "--token",
        TOKEN,
        "--data-dir",
        str(data_dir),
    ]


@asynccontextmanager
async def connector_process(
    data_dir: Path, stderr_path: Path
) -> AsyncIterator[tuple[asyncio.subprocess.Process, int]]:
    """Start `kds connector --port 0`, read its listening line; kill it on the way out."""
    with stderr_path.open("ab") as stderr:
        proc = await asyncio.create_subprocess_exec(
            *_command(data_dir), cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=stderr
        )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(STARTUP):
            line = (await proc.stdout.readline()).decode().rstrip("\n")
        match = LISTENING.match(line)
        assert match, f"unexpected first line {line!r}; stderr: {readable(stderr_path.read_text())}"
        yield proc, int(match.group(1))
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.communicate()


async def _post_order(port: int, order_id: str) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession(
            f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {TOKEN}"}
        ) as http,
        http.post("/orders", json=make_order(order_id)) as resp,
    ):
        assert resp.status == 202
        data: dict[str, Any] = await resp.json()
        return data


async def test_listening_line_one_per_data_dir_and_seq_survives_sigkill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    stderr_path = tmp_path / "stderr.log"
    async with connector_process(data_dir, stderr_path) as (first, port):
        assert (await _post_order(port, "webshop:1"))["seq"] == 1
        assert (await _post_order(port, "webshop:2"))["seq"] == 2

        # A second connector on the same data dir refuses to start, and says why.
        second = await asyncio.create_subprocess_exec(
            *_command(data_dir),
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(STARTUP):
            out, err = await second.communicate()
        assert second.returncode == 2
        assert out == b""
        assert b"exactly one connector" in err

        first.kill()  # a crash: no clean shutdown
        assert await first.wait() == -signal.SIGKILL

    async with connector_process(data_dir, stderr_path) as (third, port):
        assert (await _post_order(port, "webshop:3"))["seq"] == 3
        async with open_device(port) as dev:
            await dev.hello(last_seq=None)
            events = await dev.recv_until(3)
        assert [e.seq for e in events] == [1, 2, 3]

        third.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            assert await third.wait() == 0


async def test_sigterm_with_a_device_connected_stops_before_a_ping_could_time_out(
    tmp_path: Path,
) -> None:
    connected = asyncio.Event()

    def on_state(state: ConnectionState) -> None:
        if state.phase is Phase.CONNECTED:
            connected.set()

    async with connector_process(tmp_path / "data", tmp_path / "stderr.log") as (proc, port):
        with open_store(tmp_path / "device", "Pass") as store:
            # A device that reconnects at once when the connector says "going away".
            client = display_client(
                ws_url(port), TOKEN, store, on_state, Backoff(initial=0.0, cap=0.0, jitter=0.0)
            )
            running = asyncio.create_task(client.run())
            try:
                async with asyncio.timeout(WAIT):
                    await connected.wait()
                proc.send_signal(signal.SIGTERM)
                # Within half the 20 s ping timeout: a session the device opened on the
                # stopping connector would hold its shutdown until that timeout.
                async with asyncio.timeout(PING_TIMEOUT / 2):
                    assert await proc.wait() == 0
            finally:
                await client.stop()
                await running
