"""Orders a platform only notifies are fetched from its API: against a fake Square on loopback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from kds import wire
from kds.connector.fetch import retry_delay
from kds.connector.server import ConnectorServer

from .conftest import TOKEN, WAIT, open_device
from .webhooks import SIGN, config

ORDER_ID = "sq-order-1"


def square_order(version: int = 1, state: str = "OPEN") -> dict[str, Any]:
    """RetrieveOrder's answer, written for these tests."""
    return {
        "order": {
            "id": ORDER_ID,
            "ticket_name": "T-14",
            "state": state,
            "version": version,
            "created_at": "2026-11-23T18:00:00.000Z",
            "line_items": [
                {
                    "uid": "l1",
                    "name": "Croque Monsieur",
                    "quantity": "2",
                    "base_price_money": {"amount": 850, "currency": "EUR"},
                    "modifiers": [{"name": "Extra Gruyère", "quantity": "1"}],
                }
            ],
            "total_money": {"amount": 1700, "currency": "EUR"},
        }
    }


def notification(version: int = 1, event: str = "order.created") -> bytes:
    key = event.removeprefix("order.").replace(".", "_")
    return json.dumps(
        {
            "type": event,
            "event_id": f"ev-{version}",
            "data": {
                "id": ORDER_ID,
                "type": key,
                "object": {f"order_{key}": {"order_id": ORDER_ID, "version": version}},
            },
        }
    ).encode()


class FakeSquare:
    """GET /v2/orders/{id}: fails with 503 `failures` times, then answers with `order`."""

    def __init__(self, failures: int, order: dict[str, Any]) -> None:
        self.failures = failures
        self.order = order
        self.requests: list[tuple[str, str | None, str | None]] = []
        self.port = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append(
            (
                request.match_info["id"],
                request.headers.get("Authorization"),
                request.headers.get("Square-Version"),
            )
        )
        if self.failures > 0:
            self.failures -= 1
            return web.json_response({"errors": [{"code": "SERVICE_UNAVAILABLE"}]}, status=503)
        return web.json_response(self.order)


@pytest.fixture
async def fake_square() -> AsyncIterator[FakeSquare]:
    fake = FakeSquare(failures=2, order=square_order())
    app = web.Application()
    app.add_routes([web.get("/v2/orders/{id}", fake.handle)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.port = int(runner.addresses[0][1])
    try:
        yield fake
    finally:
        await runner.cleanup()


class RecordingSleep:
    """The backoff's sleep: records each delay and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


async def wait_until(check: Callable[[], bool]) -> None:
    """Like qtbot.waitUntil: re-check `check` on every loop turn, up to WAIT seconds."""
    async with asyncio.timeout(WAIT):
        while not check():
            await asyncio.sleep(0.01)


def test_the_backoff_doubles_from_one_second_up_to_a_minute() -> None:
    assert [retry_delay(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


async def post_notification(port: int, body: bytes, status: int) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession(f"http://127.0.0.1:{port}") as http,
        http.post("/webhooks/square", data=body, headers=SIGN["square"](body)) as resp,
    ):
        data: dict[str, Any] = await resp.json()
        assert resp.status == status, data
        return data


def square_config(fake: FakeSquare) -> Any:
    return config(square={"api_base_url": f"http://127.0.0.1:{fake.port}"})


async def test_order_created_is_fetched_retrying_twice_then_reaches_the_device(
    tmp_path: Path, fake_square: FakeSquare
) -> None:
    sleep = RecordingSleep()
    server = ConnectorServer(tmp_path / "c", TOKEN, config=square_config(fake_square), sleep=sleep)
    await server.start()
    try:
        async with open_device(server.port) as dev:
            await dev.hello(last_seq=0)
            answer = await post_notification(server.port, notification(), 202)
            assert answer["results"] == [{"id": f"square:{ORDER_ID}", "status": "fetching"}]
            event = await dev.recv_event()
        assert isinstance(event, wire.OrderCreated)
        order = event.order
        assert (order.id, order.display_id, order.revision) == (f"square:{ORDER_ID}", "T-14", 1)
        assert [(i.name, str(i.quantity)) for i in order.items] == [("Croque Monsieur", "2")]
        assert order.items[0].modifiers[0].name == "Extra Gruyère"
        assert fake_square.requests == [(ORDER_ID, "Bearer sq-token", "2024-10-17")] * 3
        assert sleep.delays == [1.0, 2.0]
        assert server.connector_log.pending_fetches() == []

        # The same notification again: known at that version, not fetched again.
        again = await post_notification(server.port, notification(), 200)
        assert again["results"][0]["status"] == "duplicate"
        assert len(fake_square.requests) == 3
    finally:
        await server.stop()


async def test_an_update_fetches_the_new_version_and_a_cancel_needs_no_fetch(
    tmp_path: Path, fake_square: FakeSquare
) -> None:
    fake_square.failures = 0
    server = ConnectorServer(
        tmp_path / "c", TOKEN, config=square_config(fake_square), sleep=RecordingSleep()
    )
    await server.start()
    try:
        async with open_device(server.port) as dev:
            await dev.hello(last_seq=0)
            await post_notification(server.port, notification(1), 202)
            assert isinstance(await dev.recv_event(), wire.OrderCreated)
            changed = square_order(version=4)
            changed["order"]["line_items"][0]["quantity"] = "3"
            fake_square.order = changed
            await post_notification(server.port, notification(4, "order.updated"), 202)
            updated = await dev.recv_event()
            assert isinstance(updated, wire.OrderUpdated)
            assert (updated.order.revision, str(updated.order.items[0].quantity)) == (4, "3")

            cancel = json.loads(notification(5, "order.updated"))
            cancel["data"]["object"]["order_updated"]["state"] = "CANCELED"
            await post_notification(server.port, json.dumps(cancel).encode(), 202)
            cancelled = await dev.recv_event()
            assert isinstance(cancelled, wire.OrderCancelled)
        assert len(fake_square.requests) == 2
    finally:
        await server.stop()


async def test_a_fetch_still_failing_at_shutdown_resumes_after_a_restart(
    tmp_path: Path, fake_square: FakeSquare
) -> None:
    fake_square.failures = 10**6
    stuck = asyncio.Event()

    async def sleep_until_cancelled(seconds: float) -> None:
        stuck.set()
        await asyncio.Event().wait()  # the shutdown cancels it

    data_dir = tmp_path / "c"
    first = ConnectorServer(
        data_dir, TOKEN, config=square_config(fake_square), sleep=sleep_until_cancelled
    )
    await first.start()
    try:
        await post_notification(first.port, notification(), 202)
        async with asyncio.timeout(WAIT):
            await stuck.wait()
        async with (
            aiohttp.ClientSession(
                f"http://127.0.0.1:{first.port}", headers={"Authorization": f"Bearer {TOKEN}"}
            ) as shop,
            shop.get("/health") as resp,
        ):
            assert (await resp.json())["pending_fetches"] == 1
    finally:
        await first.stop()

    fake_square.failures = 0
    second = ConnectorServer(
        data_dir, TOKEN, config=square_config(fake_square), sleep=RecordingSleep()
    )
    await second.start()
    try:
        async with open_device(second.port) as dev:
            await dev.hello(last_seq=0)
            event = await dev.recv_event()  # fetched by the restarted connector
        assert isinstance(event, wire.OrderCreated)
        assert event.order.id == f"square:{ORDER_ID}"
        assert second.connector_log.pending_fetches() == []
    finally:
        await second.stop()


async def test_an_api_answer_that_is_not_an_order_goes_to_the_inbox(
    tmp_path: Path, fake_square: FakeSquare
) -> None:
    fake_square.failures = 0
    fake_square.order = {"order": {"id": ORDER_ID, "line_items": []}}
    server = ConnectorServer(
        tmp_path / "c", TOKEN, config=square_config(fake_square), sleep=RecordingSleep()
    )
    await server.start()
    try:
        await post_notification(server.port, notification(), 202)
        clog = server.connector_log
        await wait_until(lambda: bool(clog.inbox()))
        (entry,) = clog.inbox()
        assert entry.platform == "square"
        assert entry.field.startswith("order.")
        assert json.loads(entry.body) == fake_square.order
        assert clog.pending_fetches() == []
        assert clog.last_seq() == 0
    finally:
        await server.stop()
