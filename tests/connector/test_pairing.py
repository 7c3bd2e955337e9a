"""Sales point and sub-terminals: pairing codes, per-device tokens, revocation, the URL rule.

Against the real connector on loopback port 0, with the device-side functions of
kds.net.joining; the connector's clock is a parameter, so expiry and the wrong-code limit
take no waiting.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from kds import wire
from kds.connector.pairing import AttemptLimiter
from kds.connector.server import ConnectorServer
from kds.net import ConnectionState, Phase, joining
from kds.store import open_store

from .conftest import TOKEN, WAIT, display_client, make_order, open_device, ws_url

T0 = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)


class Clock:
    """The connector's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def server(tmp_path: Path, clock: Clock) -> AsyncIterator[ConnectorServer]:
    srv = ConnectorServer(tmp_path / "connector", TOKEN, clock=clock)
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


def base(server: ConnectorServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def call(
    server: ConnectorServer, method: str, path: str, token: str | None = TOKEN, **kw: Any
) -> tuple[int, Any, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, base(server) + path, headers=headers, **kw) as response,
    ):
        return response.status, await response.json(), response.headers


async def new_code(server: ConnectorServer, token: str = TOKEN) -> str:
    return (await joining.request_pairing_code(base(server), token)).code


async def join(server: ConnectorServer, device_id: str, name: str, token: str = TOKEN) -> str:
    return await joining.join_with_code(
        base(server), await new_code(server, token), name, device_id=device_id
    )


async def post_order(server: ConnectorServer, order_id: str) -> int:
    status, body, _ = await call(server, "POST", "/orders", json=make_order(order_id))
    assert status == 202, body
    return int(body["seq"])


async def test_a_sub_terminal_joins_with_a_code_and_its_token_brings_the_orders(
    server: ConnectorServer,
) -> None:
    code = await joining.request_pairing_code(base(server), TOKEN)
    assert len(code.code) == 6 and code.code.isdigit()
    assert code.expires_at == T0 + timedelta(minutes=10)
    token = await joining.join_with_code(base(server), code.code, "Bar", device_id="bar-1")
    assert token and token != TOKEN
    seq = await post_order(server, "webshop:1")
    async with open_device(server.port, "bar-1", "Bar", token=token) as bar:
        await bar.hello()
        (event,) = await bar.recv_until(seq)
        assert isinstance(event, wire.OrderCreated) and event.order.id == "webshop:1"
    outcome = await joining.check_connection(ws_url(server.port), token)
    assert outcome.describe() == f"connected to connector {server.connector_log.connector_id}"


async def test_the_connector_keeps_only_a_hash_of_each_token(
    server: ConnectorServer, tmp_path: Path
) -> None:
    token = await join(server, "bar-1", "Bar")
    stored = b"".join(path.read_bytes() for path in (tmp_path / "connector").glob("connector*"))
    assert token.encode() not in stored
    assert hashlib.sha256(token.encode()).hexdigest().encode() in stored


async def test_a_device_that_is_set_up_shows_codes_for_the_next_one(
    server: ConnectorServer,
) -> None:
    grill = await join(server, "grill-1", "Grill")
    bar = await join(server, "bar-1", "Bar", token=grill)  # the code came from the grill
    async with open_device(server.port, "bar-1", "Bar", token=bar) as device:
        welcome = await device.hello()
    assert welcome.connector_id == server.connector_log.connector_id


async def test_a_code_works_once(server: ConnectorServer) -> None:
    code = await new_code(server)
    await joining.join_with_code(base(server), code, "Bar", device_id="bar-1")
    with pytest.raises(joining.JoinError, match="already used"):
        await joining.join_with_code(base(server), code, "Pass", device_id="pass-1")


async def test_a_code_expires_after_ten_minutes(server: ConnectorServer, clock: Clock) -> None:
    code = await new_code(server)
    clock.now += timedelta(minutes=10)
    with pytest.raises(joining.JoinError, match="expired"):
        await joining.join_with_code(base(server), code, "Bar", device_id="bar-1")
    fresh = await new_code(server)
    clock.now += timedelta(minutes=9, seconds=59)
    assert await joining.join_with_code(base(server), fresh, "Bar", device_id="bar-1")


async def test_codes_are_kept_across_a_restart(tmp_path: Path, clock: Clock) -> None:
    first = ConnectorServer(tmp_path / "c", TOKEN, clock=clock)
    await first.start()
    try:
        code = await new_code(first)
    finally:
        await first.stop()
    second = ConnectorServer(tmp_path / "c", TOKEN, clock=clock)
    await second.start()
    try:
        assert await joining.join_with_code(base(second), code, "Bar", device_id="bar-1")
    finally:
        await second.stop()


async def test_wrong_codes_are_limited_per_address(server: ConnectorServer, clock: Clock) -> None:
    right = await new_code(server)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(joining.JoinError, match="no such pairing code"):
            await joining.join_with_code(base(server), wrong, "Guess", device_id="g")
    # The sixth try is refused whatever the code, with how long to wait.
    with pytest.raises(joining.JoinError, match="try again in 60 s") as refused:
        await joining.join_with_code(base(server), right, "Bar", device_id="bar-1")
    assert refused.value.retry_after == 60
    status, body, headers = await call(
        server, "POST", "/pairing/join", token=None, json={"code": right, "device_name": "B"}
    )
    assert (status, headers["Retry-After"], body["error"]) == (429, "60", "too many attempts")
    clock.now += timedelta(minutes=1)
    assert await joining.join_with_code(base(server), right, "Bar", device_id="bar-1")


async def test_a_revoked_token_is_cut_off_and_refused_while_the_sales_point_token_works(
    server: ConnectorServer,
) -> None:
    token = await join(server, "bar-1", "Bar")
    async with (
        open_device(server.port, "bar-1", "Bar", token=token) as bar,
        open_device(server.port, "grill-1", "Grill", token=TOKEN) as grill,
    ):
        await bar.hello()
        await grill.hello()
        status, body, _ = await call(server, "POST", "/devices/bar-1/revoke")
        assert (status, body["status"], body["name"]) == (200, "revoked", "Bar")
        async with asyncio.timeout(WAIT):
            await bar.ws.wait_closed()
        assert bar.ws.close_code == wire.CLOSE_TOKEN_REVOKED
        # Refused before the upgrade, on HTTP too, and in the wizard's words.
        with pytest.raises(InvalidStatus) as handshake:
            async with open_device(server.port, "bar-1", "Bar", token=token):
                pass
        assert handshake.value.response.status_code == 401
        status, body, _ = await call(server, "GET", "/health", token=token)
        assert status == 401 and "revoked" in body["reason"]
        outcome = await joining.check_connection(ws_url(server.port), token)
        assert outcome.describe() == "token refused"
        # The sales point's devices go on.
        seq = await post_order(server, "webshop:2")
        (event,) = await grill.recv_until(seq)
        assert isinstance(event, wire.OrderCreated)
        assert (await joining.check_connection(ws_url(server.port), TOKEN)).ok


async def test_a_device_whose_token_is_revoked_says_token_refused(
    server: ConnectorServer, tmp_path: Path
) -> None:
    refused = asyncio.Event()
    connected = asyncio.Event()

    def on_state(state: ConnectionState) -> None:
        if state.phase is Phase.CONNECTED:
            connected.set()
        if state.phase is Phase.TOKEN_REFUSED:
            refused.set()

    with open_store(tmp_path / "bar", "Bar") as store:
        # The device pairs with its store's own id, as the set-up does.
        token = await join(server, store.device_id, "Bar")
        client = display_client(ws_url(server.port), token, store, on_state)
        running = asyncio.create_task(client.run())
        try:
            async with asyncio.timeout(WAIT):
                await connected.wait()
            status, _, _ = await call(server, "POST", f"/devices/{store.device_id}/revoke")
            assert status == 200
            async with asyncio.timeout(WAIT):
                await refused.wait()
        finally:
            await client.stop()
            await running


async def test_only_the_sales_point_revokes(server: ConnectorServer) -> None:
    bar = await join(server, "bar-1", "Bar")
    status, body, _ = await call(server, "POST", "/devices/bar-1/revoke", token=bar)
    assert status == 403 and "sales-point" in body["reason"]
    status, body, _ = await call(server, "POST", "/devices/nobody/revoke")
    assert status == 404
    async with open_device(server.port, "grill-1", "Grill") as grill:
        await grill.hello()
    status, body, _ = await call(server, "POST", "/devices/grill-1/revoke")
    assert status == 409 and "sales-point token" in body["reason"]


async def test_the_device_list_shows_each_token_state(server: ConnectorServer) -> None:
    bar = await join(server, "bar-1", "Bar")
    await join(server, "pass-1", "Pass")
    async with open_device(server.port, "grill-1", "Grill") as grill:
        await grill.hello()
        async with open_device(server.port, "bar-1", "Bar", token=bar) as bar_device:
            await bar_device.hello()
            await call(server, "POST", "/devices/pass-1/revoke")
            status, body, _ = await call(server, "GET", "/devices", token=bar)
    assert status == 200
    rows = {row["name"]: (row["token"], row["connected"]) for row in body["devices"]}
    assert rows == {
        "Bar": ("active", True),
        "Grill": ("sales_point", True),
        "Pass": ("revoked", False),
    }


async def test_a_token_is_its_devices_own(server: ConnectorServer) -> None:
    bar = await join(server, "bar-1", "Bar")
    async with open_device(server.port, "grill-1", "Grill", token=bar) as other:
        await other.send(
            {
                "type": "hello",
                "protocol": 1,
                "device_id": "grill-1",
                "device_name": "Grill",
                "roles": ["display"],
                "last_seq": None,
            }
        )
        error = await other.recv()
    assert isinstance(error, wire.ProtocolErrorMessage)
    assert error.code == "token_device_mismatch" and "Bar" in error.message


async def test_pairing_again_replaces_a_revoked_token(server: ConnectorServer) -> None:
    old = await join(server, "bar-1", "Bar")
    await call(server, "POST", "/devices/bar-1/revoke")
    new = await join(server, "bar-1", "Bar")
    assert (await joining.check_connection(ws_url(server.port), new)).ok
    assert (await joining.check_connection(ws_url(server.port), old)).describe() == (
        "token refused"
    )


async def test_revoking_the_printing_device_frees_the_role_and_the_retention(
    server: ConnectorServer,
) -> None:
    token = await join(server, "bar-1", "Bar")
    async with open_device(server.port, "bar-1", "Bar", token=token) as bar:
        welcome = await bar.hello(roles=("display", "printing"))
        assert welcome.printing is wire.PrintingGrant.GRANTED
    status, body, _ = await call(server, "POST", "/devices/bar-1/revoke")
    assert (status, body["printing_released"]) == (200, True)
    # A device that can never come back is not waited for (its acks would never come).
    assert [d.device_id for d in server.connector_log.devices()] == []
    async with open_device(server.port, "grill-1", "Grill") as grill:
        welcome = await grill.hello(roles=("display", "printing"))
    assert welcome.printing is wire.PrintingGrant.GRANTED


async def test_testing_the_connection_is_not_a_device(server: ConnectorServer) -> None:
    assert (await joining.check_connection(ws_url(server.port), TOKEN)).ok
    assert server.connector_log.devices() == []


async def test_a_token_in_the_url_is_refused(server: ConnectorServer) -> None:
    with pytest.raises(InvalidStatus) as handshake:
        async with connect(f"{ws_url(server.port)}?token={TOKEN}", open_timeout=WAIT):
            pass
    assert handshake.value.response.status_code == 401
    for path in (f"/health?token={TOKEN}", f"/health?access_token={TOKEN}"):
        status, body, _ = await call(server, "GET", path, token=None)
        assert status == 401 and "in the URL is refused" in body["reason"]
    # Even beside a good header: the token has leaked into a URL and must be changed.
    status, _, _ = await call(server, "GET", f"/health?token={TOKEN}")
    assert status == 401


async def test_join_needs_a_readable_body_and_a_name(server: ConnectorServer) -> None:
    status, body, _ = await call(
        server, "POST", "/pairing/join", token=None, json={"code": "123456"}
    )
    assert status == 400 and body["field"] == "device_name"
    status, _, _ = await call(server, "POST", "/pairing/codes", token=None)
    assert status == 401


async def test_test_connection_answers_in_words(server: ConnectorServer) -> None:
    wrong = await joining.check_connection(ws_url(server.port), "not-the-token")
    assert wrong.describe() == "token refused"
    closed = await joining.check_connection("ws://127.0.0.1:1/kds", TOKEN)
    assert closed.describe() == "not reachable: connection refused"
    typo = await joining.check_connection("ftp://x", TOKEN)
    assert typo.describe().startswith("not reachable: not a connector address")


async def test_a_connector_without_health_is_checked_by_handshake(tmp_path: Path) -> None:
    """Another PROTOCOL.md connector: no /health, the token checked on the handshake."""
    from websockets.asyncio.server import serve
    from websockets.http11 import Request, Response

    def check(conn: Any, request: Request) -> Response | None:
        if request.path != "/kds":
            return conn.respond(404, "not found\n")
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return conn.respond(401, "token\n")
        return None

    async def handler(conn: Any) -> None:
        await conn.wait_closed()

    async with serve(handler, "127.0.0.1", 0, process_request=check) as other:
        port = other.sockets[0].getsockname()[1]
        good = await joining.check_connection(f"ws://127.0.0.1:{port}/kds", TOKEN)
        bad = await joining.check_connection(f"ws://127.0.0.1:{port}/kds", "wrong")
    assert good.describe() == "connected (this connector does not tell its id)"
    assert bad.describe() == "token refused"


def test_typed_addresses_become_the_websocket_url() -> None:
    assert joining.connector_url("192.168.1.10:8765") == "ws://192.168.1.10:8765/kds"
    assert joining.connector_url("http://kasse:8765/") == "ws://kasse:8765/kds"
    assert joining.connector_url("wss://kasse/kds") == "wss://kasse/kds"
    assert joining.http_base("wss://kasse:9000/kds") == "https://kasse:9000"
    with pytest.raises(joining.ConnectorUrlError):
        joining.connector_url("kasse:port")


def test_the_wrong_code_limit_forgets_each_minute() -> None:
    limiter = AttemptLimiter(allowed=2, window=timedelta(minutes=1))
    limiter.failed("a", T0)
    limiter.failed("a", T0 + timedelta(seconds=30))
    assert limiter.retry_after("a", T0 + timedelta(seconds=40)) == timedelta(seconds=20)
    assert limiter.retry_after("b", T0 + timedelta(seconds=40)) is None
    assert limiter.retry_after("a", T0 + timedelta(seconds=60)) is None


def test_the_wrong_code_limit_does_not_grow_with_every_peer_ever_seen() -> None:
    limiter = AttemptLimiter()
    for n in range(5000):
        limiter.failed(f"10.0.{n // 256}.{n % 256}", T0 + timedelta(minutes=n))
    assert len(limiter._failures) < 1100


async def test_a_refused_code_is_said_in_the_device_language(
    server: ConnectorServer, clock: Clock, qapp: Any
) -> None:
    from kds.i18n import use_language
    from kds.ui.cards import tr
    from kds.words import said

    use_language("de")
    try:
        code = await new_code(server)
        await joining.join_with_code(base(server), code, "Bar", device_id="bar-1")
        with pytest.raises(joining.JoinError) as used:
            await joining.join_with_code(base(server), code, "Tresen", device_id="t-1")
        assert said(used.value.reason, tr) == (
            "dieser Kopplungscode wurde schon benutzt; einen neuen Code anfordern"
        )
        assert str(used.value) == "this pairing code was already used; ask for a new code"
        expired = await new_code(server)
        clock.now += timedelta(minutes=11)
        with pytest.raises(joining.JoinError) as late:
            await joining.join_with_code(base(server), expired, "Tresen", device_id="t-1")
        assert said(late.value.reason, tr).startswith("dieser Kopplungscode ist abgelaufen")
    finally:
        use_language("en")
