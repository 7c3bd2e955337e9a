"""`POST /webhooks/<platform>` on the real server: signatures, the inbox, duplicates, cancels."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from kds import wire
from kds.__main__ import main
from kds.connector.config import ConnectorConfig
from kds.connector.server import ConnectorServer

from .conftest import TOKEN, open_device
from .webhooks import ORDER_PLATFORMS, SIGN, SIGNATURE_HEADER, config, order_payload


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[ConnectorServer]:
    srv = ConnectorServer(tmp_path / "connector", TOKEN, config=config())
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


@pytest.fixture
async def platform_http(server: ConnectorServer) -> AsyncIterator[aiohttp.ClientSession]:
    """A client as a platform is: no sales-point token."""
    async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{server.port}") as session:
        yield session


def encode(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


async def deliver(
    http: aiohttp.ClientSession,
    platform: str,
    body: bytes,
    status: int,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    sent = SIGN[platform](body) if headers is None else headers
    async with http.post(f"/webhooks/{platform}", data=body, headers=sent) as resp:
        data: dict[str, Any] = await resp.json()
        assert resp.status == status, data
        return data


async def events_up_to(server: ConnectorServer, seq: int) -> list[wire.Event]:
    async with open_device(server.port) as dev:
        await dev.hello(last_seq=0)
        return await dev.recv_until(seq)


@pytest.mark.parametrize("platform", ORDER_PLATFORMS)
async def test_a_signed_order_reaches_a_connected_device(
    server: ConnectorServer, platform_http: aiohttp.ClientSession, platform: str
) -> None:
    async with open_device(server.port) as dev:
        await dev.hello(last_seq=0)
        answer = await deliver(platform_http, platform, encode(order_payload(platform)), 202)
        assert answer["results"] == [{"id": f"{platform}:A1", "seq": 1, "status": "created"}]
        event = await dev.recv_event()
    assert isinstance(event, wire.OrderCreated)
    assert (event.order.id, event.order.source, event.order.external_id) == (
        f"{platform}:A1",
        platform,
        "A1",
    )
    assert [i.name for i in event.order.items] == ["Flammkuchen"]


@pytest.mark.parametrize("platform", list(SIGN))
@pytest.mark.parametrize("how", ["missing", "wrong"])
async def test_a_missing_or_bad_signature_is_refused_with_401_and_nothing_is_stored(
    server: ConnectorServer, platform_http: aiohttp.ClientSession, platform: str, how: str
) -> None:
    body = encode(order_payload(platform) if platform != "square" else {"type": "order.created"})
    headers = {} if how == "missing" else {**SIGN[platform](body)}
    if how == "wrong":
        header = SIGNATURE_HEADER[platform]
        key = next(k for k in headers if k.lower() == header.lower())
        headers[key] = "Zm9yZ2Vk" + headers[key][8:]
    error = await deliver(platform_http, platform, body, 401, headers)
    assert error["field"] == SIGNATURE_HEADER[platform]
    assert SIGNATURE_HEADER[platform] in error["reason"]
    clog = server.connector_log
    assert clog.last_seq() == 0
    assert clog.inbox() == []
    assert clog.pending_fetches() == []


async def test_a_body_signed_for_other_content_is_refused(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    signed = encode(order_payload("ubereats", dish="Salad"))
    tampered = encode(order_payload("ubereats", dish="Lobster"))
    await deliver(platform_http, "ubereats", tampered, 401, SIGN["ubereats"](signed))
    assert server.connector_log.last_seq() == 0


async def test_an_unreadable_payload_gets_400_with_field_and_reason_and_is_kept_verbatim(
    server: ConnectorServer,
    platform_http: aiohttp.ClientSession,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = order_payload("justeat")
    payload["Items"][0]["Quantity"] = "lots"
    body = encode(payload)
    error = await deliver(platform_http, "justeat", body, 400)
    assert error["error"] == "invalid payload"
    assert error["field"] == "Items.0.Quantity"
    assert "decimal" in error["reason"]
    garbage = b'{"OrderId": "A2", "Items": [{"Name": "\xff'
    broken = await deliver(platform_http, "justeat", garbage, 400)
    assert broken["field"] == "body"
    for _ in range(6):  # the platform retries the same bad body: one entry, counted
        assert (await deliver(platform_http, "justeat", garbage, 400))["inbox_id"] == broken[
            "inbox_id"
        ]

    clog = server.connector_log
    assert clog.last_seq() == 0  # nothing partial is stored
    assert [(e.id, e.platform, e.field, e.body, e.deliveries) for e in clog.inbox()] == [
        (error["inbox_id"], "justeat", "Items.0.Quantity", body, 1),
        (broken["inbox_id"], "justeat", "body", garbage, 7),
    ]
    async with (
        aiohttp.ClientSession(
            base_url=f"http://127.0.0.1:{server.port}", headers={"Authorization": f"Bearer {TOKEN}"}
        ) as shop,
        shop.get("/health") as resp,
    ):
        health = await resp.json()
    assert (health["inbox"], health["pending_fetches"]) == (2, 0)
    # The shop's staff look at them while the connector runs.
    capsys.readouterr()
    assert main(["connector", "inbox", "--data-dir", str(server.data_dir)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 2
    assert "justeat" in listing[0] and "Items.0.Quantity" in listing[0]
    assert f"({len(body)} bytes)" in listing[0]
    assert f"({len(garbage)} bytes, 7 deliveries)" in listing[1]
    assert main(["connector", "inbox", "--data-dir", str(server.data_dir), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["field"] for r in rows] == ["Items.0.Quantity", "body"]
    assert rows[0]["body"] == body.decode()


async def test_inbox_body_is_written_byte_for_byte(
    server: ConnectorServer, platform_http: aiohttp.ClientSession, capfdbinary: Any
) -> None:
    garbage = b"\x00\xff not json at all \xe2\x82"
    entry = (await deliver(platform_http, "gloriafood", garbage, 400))["inbox_id"]
    capfdbinary.readouterr()
    args = ["connector", "inbox", "--data-dir", str(server.data_dir), "--body", str(entry)]
    assert main(args) == 0
    assert capfdbinary.readouterr().out == garbage


async def test_the_same_delivery_again_is_stored_once_and_a_change_is_an_update(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    body = encode(order_payload("deliveroo"))
    await deliver(platform_http, "deliveroo", body, 202)
    for _ in range(7):  # a platform that never saw our answer retries
        again = await deliver(platform_http, "deliveroo", body, 200)
        assert again["results"] == [{"id": "deliveroo:A1", "status": "duplicate", "revision": 1}]
    changed = encode(order_payload("deliveroo", dish="Flammkuchen Elsässer Art"))
    update = await deliver(platform_http, "deliveroo", changed, 202)
    assert update["results"][0]["status"] == "updated"
    events = await events_up_to(server, 2)
    assert [type(e) for e in events] == [wire.OrderCreated, wire.OrderUpdated]
    updated = events[1]
    assert isinstance(updated, wire.OrderUpdated)
    assert updated.order.revision == 2
    assert updated.order.items[0].name == "Flammkuchen Elsässer Art"
    assert server.connector_log.last_seq() == 2


async def test_the_same_external_id_from_two_platforms_is_two_orders(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    await deliver(platform_http, "justeat", encode(order_payload("justeat", "777")), 202)
    await deliver(platform_http, "ubereats", encode(order_payload("ubereats", "777")), 202)
    events = await events_up_to(server, 2)
    assert [e.order.id for e in events if isinstance(e, wire.OrderCreated)] == [
        "justeat:777",
        "ubereats:777",
    ]


async def test_a_platform_cancel_reaches_the_device_and_an_early_cancel_keeps_the_order_out(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    await deliver(platform_http, "justeat", encode(order_payload("justeat")), 202)
    cancel = encode({"Event": "OrderCancelled", "OrderId": "A1", "Reason": "customer_cancelled"})
    answer = await deliver(platform_http, "justeat", cancel, 202)
    assert answer["results"] == [{"id": "justeat:A1", "seq": 2, "status": "cancelled"}]
    again = await deliver(platform_http, "justeat", cancel, 200)
    assert again["results"][0]["status"] == "already_cancelled"
    # Webhooks come out of order: a cancel before its order.
    early = encode({"Event": "OrderCancelled", "OrderId": "B2", "Reason": "timeout"})
    assert (await deliver(platform_http, "justeat", early, 202))["results"][0] == {
        "id": "justeat:B2",
        "status": "cancel_noted",
    }
    late = await deliver(platform_http, "justeat", encode(order_payload("justeat", "B2")), 200)
    assert late["results"][0]["status"] == "already_cancelled"

    events = await events_up_to(server, 2)
    cancelled = events[1]
    assert isinstance(cancelled, wire.OrderCancelled)
    assert (cancelled.order_id, cancelled.reason) == ("justeat:A1", "customer_cancelled")
    assert server.connector_log.last_seq() == 2


async def test_the_catalog_gives_platform_lines_their_article_group(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    async with aiohttp.ClientSession(
        base_url=f"http://127.0.0.1:{server.port}",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ) as shop:
        catalog = {"articles": [{"ref": "FK", "name": "Flammkuchen", "group": "mains"}]}
        async with shop.post("/catalog", json=catalog) as resp:
            assert resp.status == 202
    await deliver(platform_http, "deliverect", encode(order_payload("deliverect")), 202)
    created = (await events_up_to(server, 2))[1]
    assert isinstance(created, wire.OrderCreated)
    assert created.order.items[0].group == "mains"


async def test_unknown_or_unconfigured_platforms_get_404_and_webhooks_need_no_shop_token(
    tmp_path: Path,
) -> None:
    srv = ConnectorServer(tmp_path / "c", TOKEN, config=config())
    only_jet = ConnectorServer(
        tmp_path / "j",
        TOKEN,
        config=ConnectorConfig({"justeat": config().platforms["justeat"]}),
    )
    await srv.start()
    await only_jet.start()
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{only_jet.port}") as http:
            error = await deliver(http, "ubereats", encode(order_payload("ubereats")), 404)
            assert error["field"] == "platform" and "justeat" in error["reason"]
            await deliver(http, "justeat", encode(order_payload("justeat")), 202)
            async with http.post("/orders", json={}) as resp:
                assert resp.status == 401  # the shop's own intake still needs the token
        async with aiohttp.ClientSession(f"http://127.0.0.1:{srv.port}") as http:
            await deliver(http, "grubhub", b"{}", 404, {})
    finally:
        await srv.stop()
        await only_jet.stop()


async def test_a_notification_without_the_api_token_gets_503_and_nothing_is_stored(
    tmp_path: Path,
) -> None:
    srv = ConnectorServer(tmp_path / "c", TOKEN, config=config(ubereats={"access_token": None}))
    await srv.start()
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{srv.port}") as http:
            note = {"event_type": "orders.notification", "meta": {"resource_id": "u-1"}}
            error = await deliver(http, "ubereats", encode(note), 503)
            assert "access_token" in error["reason"]
        assert srv.connector_log.pending_fetches() == []
        assert srv.connector_log.last_seq() == 0
    finally:
        await srv.stop()


async def test_events_the_kitchen_does_not_need_are_acknowledged_with_200(
    server: ConnectorServer, platform_http: aiohttp.ClientSession
) -> None:
    answer = await deliver(platform_http, "woocommerce", b"webhook_id=3", 200)
    assert answer["results"][0]["status"] == "ignored"
    assert server.connector_log.last_seq() == 0
