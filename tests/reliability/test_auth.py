"""Tokens at the real connector: missing, wrong, revoked, old (replaced by pairing again)
and in the URL are each answered HTTP 401, on the websocket before the upgrade and on
HTTP, and not one byte of an order reaches whoever holds them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from suite_tally import Tally
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from kds import wire
from kds.connector.server import ConnectorServer
from kds.net import Phase, joining

from .links import TOKEN, WAIT, order_dict, running_device

SECRET_DISH = "Secret-Sauce-Burger"


@dataclass
class Shop:
    server: ConnectorServer
    base: str
    revoked: str
    old: str
    fresh: str

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.server.port}/kds"


async def pair(base: str, device_id: str) -> str:
    code = await joining.request_pairing_code(base, TOKEN)
    return await joining.join_with_code(base, code.code, device_id.title(), device_id=device_id)


@pytest.fixture
async def shop(tmp_path: Path) -> AsyncIterator[Shop]:
    server = ConnectorServer(tmp_path / "connector", TOKEN)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        revoked = await pair(base, "bar-1")
        async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {TOKEN}"}) as http:
            async with http.post(f"{base}/devices/bar-1/revoke") as response:
                assert response.status == 200
            old = await pair(base, "pass-1")
            fresh = await pair(base, "pass-1")  # pairing again replaces the old token
            order = order_dict("web:1")
            order["items"][0]["name"] = SECRET_DISH
            async with http.post(f"{base}/orders", json=order) as response:
                assert response.status == 202
        yield Shop(server, base, revoked, old, fresh)
    finally:
        await server.stop()


def refusals(shop: Shop) -> dict[str, tuple[str, dict[str, str]]]:
    """Each way in that must be refused: (URL suffix, headers)."""
    return {
        "missing": ("", {}),
        "empty": ("", {"Authorization": "Bearer "}),
        "wrong": ("", {"Authorization": "Bearer not-the-token"}),
        "wrong scheme": ("", {"Authorization": f"Basic {TOKEN}"}),
        "bare token": ("", {"Authorization": TOKEN}),
        "revoked": ("", {"Authorization": f"Bearer {shop.revoked}"}),
        "old": ("", {"Authorization": f"Bearer {shop.old}"}),
        "in the URL": (f"?token={TOKEN}", {}),
        "in the URL as access_token": (f"?access_token={TOKEN}", {}),
        "in the URL beside a good header": (
            f"?token={TOKEN}",
            {"Authorization": f"Bearer {TOKEN}"},
        ),
    }


async def test_every_bad_token_gets_401_on_the_websocket_and_no_order_byte(
    shop: Shop, tally: Tally
) -> None:
    for what, (query, headers) in refusals(shop).items():
        tally.hostile_inputs += 1
        with pytest.raises(InvalidStatus) as refused:
            async with connect(shop.ws + query, additional_headers=headers, open_timeout=WAIT):
                pass
        response = refused.value.response
        assert response.status_code == 401, what
        assert SECRET_DISH.encode() not in response.body and b"web:1" not in response.body
        tally.auth_refusals += 1
    # The same connector gives the order to the right tokens: the refusals were the tokens'.
    for token in (TOKEN, shop.fresh):
        async with connect(
            shop.ws, additional_headers={"Authorization": f"Bearer {token}"}, open_timeout=WAIT
        ) as ws:
            device = "pass-1" if token == shop.fresh else "grill-1"
            await ws.send(
                wire.dump(
                    wire.Hello(
                        protocol=1,
                        device_id=device,
                        device_name=device.title(),
                        roles=(wire.Role.DISPLAY,),
                        last_seq=0,
                    )
                )
            )
            async with asyncio.timeout(WAIT):
                assert isinstance(wire.parse(await ws.recv()), wire.Welcome)
                event = wire.parse(await ws.recv())
            assert isinstance(event, wire.OrderCreated)
            assert event.order.items[0].name == SECRET_DISH


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/health"), ("GET", "/devices"), ("POST", "/orders"), ("POST", "/pairing/codes")],
)
async def test_every_bad_token_gets_401_on_http_and_changes_nothing(
    shop: Shop, tally: Tally, method: str, path: str
) -> None:
    before = shop.server.connector_log.last_seq()
    async with aiohttp.ClientSession() as http:
        for what, (query, headers) in refusals(shop).items():
            tally.hostile_inputs += 1
            body = order_dict("web:intruder") if method == "POST" else None
            async with http.request(
                method, shop.base + path + query, headers=headers, json=body
            ) as response:
                text = await response.text()
                assert response.status == 401, (what, text)
                assert response.headers["WWW-Authenticate"] == "Bearer"
            assert SECRET_DISH not in text and "web:1" not in text
            tally.auth_refusals += 1
    assert shop.server.connector_log.last_seq() == before


@pytest.mark.parametrize("which", ["revoked", "old", "wrong"])
async def test_a_device_with_a_bad_token_says_so_and_stores_nothing(
    shop: Shop, tally: Tally, tmp_path: Path, which: str
) -> None:
    token = {"revoked": shop.revoked, "old": shop.old, "wrong": "nope"}[which]
    refused = asyncio.Event()
    tally.hostile_inputs += 1

    def changed() -> None:
        if any(s.phase is Phase.TOKEN_REFUSED for s in device.states):
            refused.set()

    async with running_device(tmp_path / which, shop.ws, token, on_change=changed) as device:
        async with asyncio.timeout(WAIT):
            await refused.wait()
        assert device.store.last_seq() is None and device.applied == []
        assert Phase.CONNECTED not in [s.phase for s in device.states]
    tally.auth_refusals += 1
