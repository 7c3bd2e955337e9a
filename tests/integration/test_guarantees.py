"""PROTOCOL.md's guarantees end to end: the real connector, real KdsClients, real stores.

Each device is a `KdsClient` over its own SQLite store (what `kds.net.headless` runs); the
shop is HTTP against the connector. Every wait ends on a callback or an ack, never a sleep.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from kds import wire
from kds.clock import utc_now
from kds.connector.server import ConnectorServer
from kds.domain.orders import Applied, AppliedKind
from kds.net import Backoff, ConnectionState, KdsClient, Phase
from kds.store import open_store

TOKEN = "sales-point-token"
WAIT = 15.0  # a safety net only
FAST = Backoff(initial=0.02, cap=0.1, jitter=0.0)


def make_order(order_id: str, revision: int = 1, quantity: str = "1") -> dict[str, Any]:
    return {
        "id": order_id,
        "external_id": order_id.rsplit(":", maxsplit=1)[-1],
        "display_id": "17",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T12:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Burger", "quantity": quantity}],
    }


class Device:
    """A screenless KDS device: store + client, recording what it applied and heard."""

    def __init__(
        self,
        port: int,
        data_dir: Path,
        name: str,
        roles: tuple[wire.Role, ...] = (wire.Role.DISPLAY,),
        token: str = TOKEN,
    ) -> None:
        self.store = open_store(data_dir, name)
        self.applied: list[tuple[int, AppliedKind]] = []
        self.welcomes: list[wire.Welcome] = []
        self.phases: list[Phase] = []
        self.rejected: list[tuple[int | None, str]] = []
        self._changed = asyncio.Event()
        self.client = KdsClient(
            f"ws://127.0.0.1:{port}/kds",
            token,
            self.store,
            roles,
            on_applied=self._on_applied,
            on_state=self._on_state,
            on_welcome=self._on_welcome,
            on_rejected=lambda seq, reason: self.rejected.append((seq, reason)),
            backoff=FAST,
            token_refused_delay=0.1,
        )
        self._task: asyncio.Task[None] | None = None

    @property
    def device_id(self) -> str:
        return self.store.device_id

    def _on_applied(self, event: wire.Event, applied: Applied) -> None:
        self.applied.append((event.seq, applied.kind))
        self._changed.set()

    def _on_state(self, state: ConnectionState) -> None:
        self.phases.append(state.phase)
        self._changed.set()

    def _on_welcome(self, welcome: wire.Welcome) -> None:
        self.welcomes.append(welcome)
        self._changed.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self.client.run())

    async def stop(self) -> None:
        await self.client.stop()
        if self._task is not None:
            await self._task
            self._task = None

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def wait_seq(self, seq: int) -> None:
        await self.wait_until(lambda: (self.store.last_seq() or 0) >= seq)


class Shop:
    """The order platform side: HTTP intake of the connector."""

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http

    async def post(self, path: str, body: Any, status: int) -> dict[str, Any]:
        async with self.http.post(path, json=body) as resp:
            data: dict[str, Any] = await resp.json()
            assert resp.status == status, data
            return data


@pytest.fixture
async def connector(tmp_path: Path) -> AsyncIterator[ConnectorServer]:
    server = ConnectorServer(tmp_path / "connector", TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def shop(connector: ConnectorServer) -> AsyncIterator[Shop]:
    async with aiohttp.ClientSession(
        f"http://127.0.0.1:{connector.port}", headers={"Authorization": f"Bearer {TOKEN}"}
    ) as http:
        yield Shop(http)


@pytest.fixture
async def devices(
    connector: ConnectorServer, tmp_path: Path
) -> AsyncIterator[Callable[..., Device]]:
    made: list[Device] = []

    def factory(name: str, roles: tuple[wire.Role, ...] = (wire.Role.DISPLAY,)) -> Device:
        dev = Device(connector.port, tmp_path / f"device-{name}", name, roles)
        made.append(dev)
        dev.start()
        return dev

    try:
        yield factory
    finally:
        for dev in made:
            await dev.stop()
            dev.store.close()
    # The connector never sends a device anything it cannot read.
    assert [dev.rejected for dev in made] == [[] for _ in made]


async def test_every_order_shows_once_and_is_acked_after_it_is_stored(
    connector: ConnectorServer, shop: Shop, devices: Callable[..., Device]
) -> None:
    grill = devices("Grill")
    await shop.post("/orders", make_order("webshop:1"), 202)
    await shop.post("/orders", make_order("webshop:1"), 200)  # the platform pushed it twice
    await shop.post("/orders", make_order("webshop:2"), 202)
    await shop.post("/orders", make_order("webshop:2", revision=2, quantity="3"), 202)
    await shop.post("/orders/webshop:1/cancel", {"reason": "guest called"}, 202)
    await grill.wait_seq(4)
    assert grill.applied == [
        (1, AppliedKind.CREATED),
        (2, AppliedKind.CREATED),
        (3, AppliedKind.UPDATED),
        (4, AppliedKind.CANCELLED),
    ]
    await connector.wait_for_ack(grill.device_id, 4)
    first = grill.store.order("webshop:1")
    second = grill.store.order("webshop:2")
    assert first is not None and first.cancelled and first.cancel_reason == "guest called"
    assert second is not None and str(second.order.items[0].quantity) == "3"
    assert len(grill.store.orders_open_or_changed_since(datetime.now(UTC) - timedelta(days=1))) == 2


async def test_a_device_that_was_offline_gets_exactly_what_it_missed(
    connector: ConnectorServer, shop: Shop, tmp_path: Path
) -> None:
    data_dir = tmp_path / "device-expo"
    expo = Device(connector.port, data_dir, "Expo")
    expo.start()
    try:
        await shop.post("/orders", make_order("webshop:1"), 202)
        await shop.post("/orders", make_order("webshop:2"), 202)
        await expo.wait_seq(2)
        await connector.wait_for_ack(expo.device_id, 2)
    finally:
        await expo.stop()
        expo.store.close()

    # While the screen is off: a new order, a change, a bump from the shop.
    await shop.post("/orders", make_order("webshop:3"), 202)
    await shop.post("/orders", make_order("webshop:1", revision=2, quantity="2"), 202)
    await shop.post("/orders/webshop:2/status", {"status": "ready"}, 202)

    again = Device(connector.port, data_dir, "Expo")
    again.start()
    try:
        await again.wait_seq(5)
        assert again.applied == [
            (3, AppliedKind.CREATED),
            (4, AppliedKind.UPDATED),
            (5, AppliedKind.STATUS),
        ]
        ready = again.store.order("webshop:2")
        assert ready is not None and ready.overall_status is wire.OrderStatus.READY
    finally:
        await again.stop()
        again.store.close()


async def test_a_connector_restart_loses_nothing_and_repeats_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "connector"
    first = ConnectorServer(data_dir, TOKEN)
    port = await first.start()
    connector_id = first.connector_log.connector_id
    grill = Device(port, tmp_path / "device", "Grill")
    grill.start()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    second: ConnectorServer | None = None
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:
            await Shop(http).post("/orders", make_order("webshop:1"), 202)
            await grill.wait_seq(1)
        await first.stop()
        await grill.wait_until(lambda: grill.phases[-1] is Phase.RECONNECTING)

        second = ConnectorServer(data_dir, TOKEN, port=port)
        await second.start()
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:
            shop = Shop(http)
            await shop.post("/orders", make_order("webshop:1"), 200)  # still known: duplicate
            assert (await shop.post("/orders", make_order("webshop:2"), 202))["seq"] == 2
        await grill.wait_seq(2)
        assert grill.applied == [(1, AppliedKind.CREATED), (2, AppliedKind.CREATED)]
        assert [w.connector_id for w in grill.welcomes] == [connector_id, connector_id]
        await second.wait_for_ack(grill.device_id, 2)
    finally:
        await grill.stop()
        grill.store.close()
        if second is not None:
            await second.stop()


async def test_a_bump_on_one_screen_shows_on_every_screen(
    shop: Shop, devices: Callable[..., Device]
) -> None:
    grill = devices("Grill")
    expo = devices("Expo")
    await shop.post("/orders", make_order("webshop:1"), 202)
    await grill.wait_seq(1)
    await expo.wait_seq(1)
    await grill.wait_until(lambda: grill.phases[-1] is Phase.CONNECTED)
    bump = wire.StatusChange(order_id="webshop:1", status=wire.OrderStatus.READY, at=utc_now())
    grill.store.queue_changes([bump], bump.at)
    grill.client.send_outbox()
    for dev in (grill, expo):
        await dev.wait_seq(2)
        state = dev.store.order("webshop:1")
        assert state is not None and state.overall_status is wire.OrderStatus.READY
    raw = expo.store.event_raw(2)
    assert raw is not None
    event = wire.parse(raw)
    assert isinstance(event, wire.OrderStatusChanged)
    assert event.device_id == grill.device_id
    assert grill.store.outbox() == [], "the echo settled the bump"


async def test_only_one_device_prints_and_a_takeover_moves_it(
    shop: Shop, devices: Callable[..., Device]
) -> None:
    printing = (wire.Role.DISPLAY, wire.Role.PRINTING)
    counter = devices("Counter", printing)
    await counter.wait_until(lambda: bool(counter.welcomes))
    assert counter.welcomes[-1].printing is wire.PrintingGrant.GRANTED
    kitchen = devices("Kitchen", printing)
    await kitchen.wait_until(lambda: bool(kitchen.welcomes))
    assert (kitchen.welcomes[-1].printing, kitchen.welcomes[-1].printing_holder) == (
        wire.PrintingGrant.DENIED,
        "Counter",
    )

    takeover = {"device_id": kitchen.device_id, "device_name": "Kitchen"}
    await shop.post("/printing/takeover", takeover, 400)  # not confirmed: nothing moves
    await shop.post("/printing/takeover", {**takeover, "confirm": True}, 200)
    # Both are disconnected and reconnect by themselves with the new answer.
    await kitchen.wait_until(lambda: kitchen.welcomes[-1].printing is wire.PrintingGrant.GRANTED)
    await counter.wait_until(lambda: counter.welcomes[-1].printing is wire.PrintingGrant.DENIED)
    assert counter.welcomes[-1].printing_holder == "Kitchen"


async def test_a_wrong_token_gets_nothing(
    connector: ConnectorServer, shop: Shop, tmp_path: Path
) -> None:
    await shop.post("/orders", make_order("webshop:1"), 202)
    intruder = Device(connector.port, tmp_path / "intruder", "Intruder", token="guess")
    intruder.start()
    try:
        await intruder.wait_until(lambda: Phase.TOKEN_REFUSED in intruder.phases)
        assert intruder.applied == []
        assert intruder.store.last_seq() is None
    finally:
        await intruder.stop()
        intruder.store.close()
