"""Fixtures for connector tests: a real server on loopback port 0, devices and an HTTP client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from websockets.asyncio.client import ClientConnection, connect

from kds import wire
from kds.connector.server import ConnectorServer
from kds.net import Backoff, ConnectionState, KdsClient
from kds.store import KdsStore

TOKEN = "sales-point-token"
WAIT = 10.0  # upper bound for one expected message; never a sleep


def make_order(order_id: str = "webshop:1", revision: int = 1, **fields: Any) -> dict[str, Any]:
    """A small valid Order in the internal format."""
    order: dict[str, Any] = {
        "id": order_id,
        "external_id": order_id.rsplit(":", maxsplit=1)[-1],
        "display_id": "17",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T12:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Burger", "quantity": "1"}],
    }
    order.update(fields)
    return order


class Device:
    """A KDS device as the connector sees it: a websockets client speaking PROTOCOL.md."""

    def __init__(self, ws: ClientConnection, device_id: str, name: str) -> None:
        self.ws = ws
        self.device_id = device_id
        self.name = name

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def hello(
        self, last_seq: int | None = None, roles: tuple[str, ...] = ("display",)
    ) -> wire.Welcome:
        await self.send(
            {
                "type": "hello",
                "protocol": 1,
                "device_id": self.device_id,
                "device_name": self.name,
                "roles": list(roles),
                "last_seq": last_seq,
            }
        )
        welcome = await self.recv()
        assert isinstance(welcome, wire.Welcome)
        return welcome

    async def recv(self) -> wire.ServerMessage:
        async with asyncio.timeout(WAIT):
            text = await self.ws.recv()
        return wire.parse(text)

    async def recv_event(self) -> wire.Event:
        message = await self.recv()
        assert isinstance(
            message,
            wire.OrderCreated
            | wire.OrderUpdated
            | wire.OrderCancelled
            | wire.OrderStatusChanged
            | wire.Catalog,
        ), message
        return message

    async def recv_until(self, seq: int) -> list[wire.Event]:
        """Every event up to and including `seq`."""
        events: list[wire.Event] = []
        while not events or events[-1].seq < seq:
            events.append(await self.recv_event())
        return events


DeviceFactory = Callable[..., AbstractAsyncContextManager[Device]]


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[ConnectorServer]:
    srv = ConnectorServer(tmp_path / "connector", TOKEN)
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


def ws_url(port: int) -> str:
    return f"ws://127.0.0.1:{port}/kds"


@asynccontextmanager
async def open_device(
    port: int, device_id: str = "dev-1", name: str = "Grill", token: str | None = TOKEN
) -> AsyncIterator[Device]:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    async with connect(ws_url(port), additional_headers=headers, open_timeout=WAIT) as ws:
        yield Device(ws, device_id, name)


@pytest.fixture
def device(server: ConnectorServer) -> DeviceFactory:
    def factory(
        device_id: str = "dev-1", name: str = "Grill", token: str | None = TOKEN
    ) -> AbstractAsyncContextManager[Device]:
        return open_device(server.port, device_id, name, token)

    return factory


@pytest.fixture
async def http(server: ConnectorServer) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(
        base_url=f"http://127.0.0.1:{server.port}",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as session:
        yield session


def display_client(
    url: str,
    token: str,
    store: KdsStore,
    on_state: Callable[[ConnectionState], None],
    backoff: Backoff | None = None,
) -> KdsClient:
    """A display device's real client on `store`, telling only its connection states."""
    return KdsClient(
        url,
        token,
        store,
        (wire.Role.DISPLAY,),
        on_applied=lambda event, applied: None,
        on_state=on_state,
        on_welcome=lambda welcome: None,
        on_rejected=lambda seq, reason: None,
        backoff=backoff,
    )
