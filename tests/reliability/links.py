"""A scripted connector on loopback and a real device client with its real store, for the suite.

The connector answers hello with a welcome and then sends whatever frames the test gives
it, byte for byte, recording every reply; it counts handshakes, so a test can prove a bad
frame never cost the device its session.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from kds import wire
from kds.domain.orders import Applied
from kds.net import Backoff, ConnectionState, KdsClient, Phase
from kds.store import KdsStore, open_store

TOKEN = "sales-point-token"
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
WAIT = 10.0  # a safety net only: every wait ends on an event


def order_dict(order_id: str, revision: int = 1) -> dict[str, Any]:
    return {
        "id": order_id,
        "external_id": order_id,
        "display_id": "42",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T18:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [
            {"line_id": "a", "name": "Burger", "quantity": "1"},
            {"line_id": "b", "name": "Fries", "quantity": "2"},
        ],
    }


def created_dict(seq: int, order_id: str | None = None) -> dict[str, Any]:
    return {
        "type": "order.created",
        "seq": seq,
        "event_id": f"e{seq}",
        "occurred_at": T0.isoformat(),
        "order": order_dict(order_id or f"web:{seq}"),
    }


def created(seq: int, order_id: str | None = None) -> str:
    return json.dumps(created_dict(seq, order_id))


class ScriptedConnector:
    """Welcomes each device, then sends the frames it is given and records the replies."""

    def __init__(self) -> None:
        self.handshakes = 0
        self.replies: list[wire.Ack | wire.Reject] = []
        self.connections: list[ServerConnection] = []
        self.changed = asyncio.Condition()
        self.welcome: str = wire.dump(wire.Welcome(protocol=1, connector_id="c1", last_seq=0))
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/kds"

    async def notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def wait_until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT):
            async with self.changed:
                await self.changed.wait_for(condition)

    async def _check(self, conn: ServerConnection, request: Request) -> Response | None:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return conn.respond(HTTPStatus.UNAUTHORIZED, "wrong token\n")
        return None

    async def _handler(self, conn: ServerConnection) -> None:
        self.handshakes += 1
        hello = wire.parse_client(await conn.recv())
        assert isinstance(hello, wire.Hello)
        await conn.send(self.welcome)
        self.connections.append(conn)
        await self.notify()
        try:
            async for text in conn:
                message = wire.parse_client(text)
                assert isinstance(message, wire.Ack | wire.Reject), message
                self.replies.append(message)
                await self.notify()
        except ConnectionClosed:
            pass
        finally:
            self.connections.remove(conn)
            await self.notify()

    async def send(self, frame: str | bytes, *, text: bool = True) -> wire.Ack | wire.Reject:
        """Send one frame to the connected device and return its one reply."""
        await self.wait_until(lambda: bool(self.connections))
        before = len(self.replies)
        await self.connections[-1].send(frame, text=text)
        await self.wait_until(lambda: len(self.replies) > before)
        assert len(self.replies) == before + 1, self.replies[before:]
        return self.replies[-1]


@asynccontextmanager
async def scripted_connector() -> AsyncIterator[ScriptedConnector]:
    fake = ScriptedConnector()
    async with serve(
        fake._handler, "127.0.0.1", 0, process_request=fake._check, max_size=None
    ) as server:
        fake.port = server.sockets[0].getsockname()[1]
        yield fake


@dataclass
class RunningDevice:
    """A KdsClient over a real SQLite store, with what its callbacks reported."""

    store: KdsStore
    client: KdsClient
    states: list[ConnectionState] = field(default_factory=list)
    applied: list[int] = field(default_factory=list)
    rejected: list[tuple[int | None, str]] = field(default_factory=list)

    def sessions_lost(self) -> int:
        """How often the device lost its session (went RECONNECTING)."""
        return sum(1 for s in self.states if s.phase is Phase.RECONNECTING)


@asynccontextmanager
async def running_device(
    data_dir: Path, url: str, token: str = TOKEN, on_change: Callable[[], None] | None = None
) -> AsyncIterator[RunningDevice]:
    with open_store(data_dir, "Grill") as store:
        holder: list[RunningDevice] = []

        def changed() -> None:
            if on_change is not None:
                on_change()

        def on_applied(event: wire.Event, applied: Applied) -> None:
            holder[0].applied.append(event.seq)
            changed()

        def on_state(state: ConnectionState) -> None:
            if holder:
                holder[0].states.append(state)
            changed()

        def on_rejected(seq: int | None, reason: str) -> None:
            holder[0].rejected.append((seq, reason))
            changed()

        client = KdsClient(
            url,
            token,
            store,
            (wire.Role.DISPLAY,),
            on_applied=on_applied,
            on_state=on_state,
            on_welcome=lambda welcome: None,
            on_rejected=on_rejected,
            clock=lambda: T0,
            backoff=Backoff(initial=0.01, cap=0.05),
        )
        device = RunningDevice(store, client)
        holder.append(device)
        task = asyncio.create_task(client.run())
        try:
            yield device
        finally:
            await client.stop()
            async with asyncio.timeout(WAIT):
                await task
