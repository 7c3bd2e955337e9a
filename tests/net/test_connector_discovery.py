"""Finding connectors on the local network: the real connector announces, discovery finds it.

Everything stays on the loopback interface (the connector listens on 127.0.0.1, so it
announces there, and the search is told to look only there): no packet leaves the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.__main__ import main
from kds.connector import server as server_module
from kds.connector.announce import announce_addresses, instance_name
from kds.connector.server import ConnectorServer
from kds.net import joining
from kds.net.discovery import (
    SERVICE_TYPE,
    Found,
    discover_connectors,
    found_from,
    txt_record,
    watch_connectors,
)

TOKEN = "sales-point-token"
LOOPBACK = ["127.0.0.1"]
WAIT = 15.0  # a safety net: probing for a unique name alone takes about 1.7 s
MDNS_GROUP = "224.0.0.251"
ROOT = Path(__file__).resolve().parents[2]


def _loopback_multicast_problem() -> str | None:
    """Why multicast on the loopback interface does not work here (None when it does)."""
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        receiver.bind(("", 0))
        port = receiver.getsockname()[1]
        membership = socket.inet_aton(MDNS_GROUP) + socket.inet_aton("127.0.0.1")
        receiver.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
        receiver.settimeout(2.0)
        sender.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
        sender.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
        sender.sendto(b"kds-probe", (MDNS_GROUP, port))
        if receiver.recv(64) != b"kds-probe":
            return "a multicast datagram on loopback came back changed"
    except OSError as exc:
        return f"multicast on the loopback interface does not work on this machine: {exc}"
    finally:
        receiver.close()
        sender.close()
    return None


needs_loopback_multicast = pytest.mark.skipif(
    (problem := _loopback_multicast_problem()) is not None, reason=str(problem)
)


async def _first_found(connector_id: str) -> Found:
    """Watch loopback until this connector is announced (others may be around: skipped)."""
    async with contextlib.aclosing(watch_connectors(LOOPBACK)) as connectors:
        async with asyncio.timeout(WAIT):
            async for found in connectors:
                if found.connector_id == connector_id:
                    return found
    raise AssertionError("unreachable")


@needs_loopback_multicast
async def test_a_started_connector_is_found_and_its_url_connects(tmp_path: Path) -> None:
    server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0, announce=True)
    await server.start()
    try:
        connector_id = server.connector_log.connector_id
        found = await _first_found(connector_id)
        assert found.url == f"ws://127.0.0.1:{server.port}/kds"
        # Another connector on this machine may hold the plain name: mDNS then adds "-2".
        assert found.name.startswith(instance_name(socket.gethostname()))
        # What the wizard does next: test the URL it found.
        outcome = await joining.check_connection(found.url, TOKEN)
        assert outcome.describe() == f"connected to connector {connector_id}"
    finally:
        await server.stop()


@needs_loopback_multicast
async def test_discover_lists_announcing_connectors_and_not_silent_ones(tmp_path: Path) -> None:
    loud = ConnectorServer(tmp_path / "loud", TOKEN, "127.0.0.1", 0, announce=True)
    silent = ConnectorServer(tmp_path / "silent", TOKEN, "127.0.0.1", 0, announce=False)
    await loud.start()
    await silent.start()
    try:
        await _first_found(loud.connector_log.connector_id)  # its announcement is out
        found = await discover_connectors(timeout=1.5, interfaces=LOOPBACK)
        ids = {f.connector_id for f in found}
        assert loud.connector_log.connector_id in ids
        assert silent.connector_log.connector_id not in ids
    finally:
        await loud.stop()
        await silent.stop()


@needs_loopback_multicast
async def test_kds_connector_announces_itself_by_default(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "kds", "connector", "--port", "0", "--token", TOKEN]
    proc = await asyncio.create_subprocess_exec(
        *command,
        *("--data-dir", str(tmp_path / "c")),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(60):  # a cold interpreter start on a busy machine
            line = (await proc.stdout.readline()).decode()
        port = int(line.rsplit(":", 1)[1])
        outcome = await joining.check_connection(f"ws://127.0.0.1:{port}/kds", TOKEN)
        assert outcome.connector_id is not None
        found = await _first_found(outcome.connector_id)
        assert found.url == f"ws://127.0.0.1:{port}/kds"
    finally:
        proc.terminate()
        await proc.wait()


def test_no_announce_keeps_the_connector_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def serve(**kwargs: Any) -> int:
        asked.append(kwargs["announce"])
        return 0

    monkeypatch.setattr(server_module, "serve", serve)
    data = ["--token", TOKEN, "--data-dir", str(tmp_path)]
    assert main(["connector", *data]) == 0
    assert main(["connector", "--no-announce", *data]) == 0
    assert asked == [True, False]


async def test_a_connector_that_cannot_announce_still_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # An IPv6-only listen address has no IPv4 address to announce: logged, nothing else.
    server = ConnectorServer(tmp_path / "c", TOKEN, "::1", 0, announce=True)
    try:
        await server.start()
    except OSError as exc:  # no IPv6 loopback on this machine
        pytest.skip(f"cannot listen on ::1: {exc}")
    try:
        outcome = await joining.check_connection(f"ws://[::1]:{server.port}/kds", TOKEN)
        assert outcome.ok
        assert "not announced on the local network" in caplog.text
    finally:
        await server.stop()


def test_the_announcement_reads_back_as_the_url_a_device_configures() -> None:
    txt: dict[str, str | None] = dict(txt_record("c-1"))
    found = found_from(f"KDS connector on pc.{SERVICE_TYPE}", ["fe80::1", "10.0.0.5"], 8765, txt)
    assert found == Found("KDS connector on pc", "ws://10.0.0.5:8765/kds", "c-1")
    only_v6 = found_from(f"x.{SERVICE_TYPE}", ["fd00::5"], 8765, txt)
    assert only_v6 is not None and only_v6.url == "ws://[fd00::5]:8765/kds"


def test_announcements_this_device_cannot_use_are_left_out() -> None:
    name = f"x.{SERVICE_TYPE}"
    newer = {**txt_record("c-1"), "protocol": str(wire.PROTOCOL_VERSION + 1)}
    assert found_from(name, ["10.0.0.5"], 8765, newer) is None
    assert found_from(name, ["10.0.0.5"], 8765, {"protocol": "1"}) is None  # no id
    assert found_from(name, [], 8765, dict(txt_record("c-1"))) is None  # no address


def test_the_connector_announces_the_addresses_it_listens_on() -> None:
    assert announce_addresses("127.0.0.1") == ["127.0.0.1"]
    assert announce_addresses("localhost") == ["127.0.0.1"]
    assert announce_addresses("::1") == []
    everywhere = announce_addresses("0.0.0.0")
    assert "127.0.0.1" not in everywhere  # a LAN device cannot reach our loopback
    assert all(socket.inet_aton(a) for a in everywhere)


def test_a_long_host_name_still_makes_a_valid_instance_name() -> None:
    name = instance_name("küchen-pc-" + "x" * 80 + ".example.org")
    assert name.startswith("KDS connector on küchen-pc-")
    assert len(name.encode()) <= 63


def test_the_app_and_the_connector_start_without_loading_zeroconf() -> None:
    code = (
        "import sys, kds.app, kds.connector.server, kds.net.discovery, kds.net.joining; "
        "print('zeroconf' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
