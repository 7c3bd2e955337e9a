"""The connector as devices and the shop see it: websocket /kds and the HTTP intake."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from kds import wire
from kds.connector import ConnectorLockedError
from kds.connector.server import ConnectorServer

from .conftest import (
    TOKEN,
    DeviceFactory,
    make_order,
    open_device,
)

JSON = {"Content-Type": "application/json"}


async def post(
    http: aiohttp.ClientSession, path: str, body: Any, status: int | None = None
) -> dict[str, Any]:
    async with http.post(path, json=body) as resp:
        data: dict[str, Any] = await resp.json()
        if status is not None:
            assert resp.status == status, data
        return data


async def health(http: aiohttp.ClientSession) -> dict[str, Any]:
    async with http.get("/health") as resp:
        assert resp.status == 200
        data: dict[str, Any] = await resp.json()
        return data


# --- authorization ----------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_websocket_without_the_right_token_gets_401_and_no_orders(
    server: ConnectorServer,
    http: aiohttp.ClientSession,
    device: DeviceFactory,
    token: str | None,
) -> None:
    await post(http, "/orders", make_order("webshop:secret-order"), 202)
    with pytest.raises(InvalidStatus) as info:
        async with device(token=token):
            pass
    response = info.value.response
    assert response.status_code == 401
    assert b"secret-order" not in response.body
    assert b"Burger" not in response.body


@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_http_without_the_right_token_gets_401_and_stores_nothing(
    server: ConnectorServer, http: aiohttp.ClientSession, token: str | None
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as anon:
        async with anon.post("/orders", json=make_order("webshop:2"), headers=headers) as resp:
            assert resp.status == 401
        async with anon.get("/health", headers=headers) as resp:
            assert resp.status == 401
            assert "webshop:1" not in await resp.text()
    assert (await health(http))["last_seq"] == 1


# --- hello, welcome, replay, live -------------------------------------------------------


async def test_hello_gets_welcome_then_replay_after_last_seq_then_live(
    server: ConnectorServer, http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    for n in (1, 2, 3):
        await post(http, "/orders", make_order(f"webshop:{n}"), 202)
    async with device() as dev:
        welcome = await dev.hello(last_seq=1)
        assert welcome.protocol == 1
        assert welcome.last_seq == 3
        assert welcome.printing is None
        assert welcome.connector_id == server.connector_log.connector_id
        replay = await dev.recv_until(3)
        assert [(e.seq, e.order.id) for e in replay if isinstance(e, wire.OrderCreated)] == [
            (2, "webshop:2"),
            (3, "webshop:3"),
        ]
        created = await post(http, "/orders", make_order("webshop:4"), 202)
        live = await dev.recv_event()
        assert isinstance(live, wire.OrderCreated)
        assert (live.seq, live.order.id) == (created["seq"], "webshop:4") == (4, "webshop:4")
        assert live.occurred_at.tzinfo is not None


async def test_hello_without_last_seq_replays_everything(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    await post(http, "/orders/webshop:1/cancel", {"reason": "guest left"}, 202)
    async with device() as dev:
        await dev.hello(last_seq=None)
        events = await dev.recv_until(2)
    assert isinstance(events[0], wire.OrderCreated)
    assert isinstance(events[1], wire.OrderCancelled)
    assert events[1].reason == "guest left"


async def test_events_appended_during_replay_are_sent_once_each_in_order(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    # More than one replay batch (256) is waiting when the device connects...
    for n in range(300):
        await post(http, "/orders", make_order(f"webshop:{n}"), 202)
    async with device() as dev:
        await dev.hello(last_seq=0)

        # ... and 30 more arrive while it replays.
        async def more() -> None:
            for n in range(300, 330):
                await post(http, "/orders", make_order(f"webshop:{n}"), 202)

        poster = asyncio.create_task(more())
        events = await dev.recv_until(330)
        await poster
    assert [e.seq for e in events] == list(range(1, 331))


async def test_seq_keeps_increasing_after_a_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "connector"
    first = ConnectorServer(data_dir, TOKEN)
    await first.start()
    connector_id = first.connector_log.connector_id
    async with aiohttp.ClientSession(
        f"http://127.0.0.1:{first.port}", headers={"Authorization": f"Bearer {TOKEN}"}
    ) as http:
        assert (await post(http, "/orders", make_order("webshop:1"), 202))["seq"] == 1
        assert (await post(http, "/orders", make_order("webshop:2"), 202))["seq"] == 2
    await first.stop()

    second = ConnectorServer(data_dir, TOKEN)
    await second.start()
    try:
        async with aiohttp.ClientSession(
            f"http://127.0.0.1:{second.port}", headers={"Authorization": f"Bearer {TOKEN}"}
        ) as http:
            # The restarted connector still knows the order: a re-post is a duplicate.
            dup = await post(http, "/orders", make_order("webshop:2"), 200)
            assert dup["status"] == "duplicate"
            assert (await post(http, "/orders", make_order("webshop:3"), 202))["seq"] == 3
            info = await health(http)
            assert info["connector_id"] == connector_id
            assert info["last_seq"] == 3
        async with open_device(second.port) as dev:
            welcome = await dev.hello(last_seq=None)
            assert welcome.connector_id == connector_id
            assert [e.seq for e in await dev.recv_until(3)] == [1, 2, 3]
    finally:
        await second.stop()


async def test_a_second_connector_on_the_same_data_dir_refuses_to_start(
    server: ConnectorServer,
) -> None:
    other = ConnectorServer(server.data_dir, TOKEN)
    with pytest.raises(ConnectorLockedError, match="exactly one connector"):
        await other.start()


# --- order intake -----------------------------------------------------------------------


async def test_duplicate_order_is_a_no_op_and_a_higher_revision_is_an_update(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    assert await post(http, "/orders", make_order("webshop:1"), 202) == {
        "id": "webshop:1",
        "seq": 1,
        "status": "created",
    }
    dup = await post(http, "/orders", make_order("webshop:1"), 200)
    assert dup["status"] == "duplicate"
    older = await post(http, "/orders", make_order("webshop:1", revision=1), 200)
    assert older["status"] == "duplicate"
    assert (await health(http))["last_seq"] == 1

    changed = make_order(
        "webshop:1",
        revision=2,
        items=[{"line_id": "1", "name": "Burger", "quantity": "2"}],
    )
    assert (await post(http, "/orders", changed, 202))["status"] == "updated"
    stale = await post(http, "/orders", make_order("webshop:1", revision=1), 200)
    assert stale["status"] == "duplicate"

    async with device() as dev:
        await dev.hello(last_seq=0)
        events = await dev.recv_until(2)
    assert [type(e) for e in events] == [wire.OrderCreated, wire.OrderUpdated]
    update = events[1]
    assert isinstance(update, wire.OrderUpdated)
    assert update.order.revision == 2
    assert str(update.order.items[0].quantity) == "2"


async def test_invalid_order_is_refused_naming_the_field_and_nothing_is_stored(
    http: aiohttp.ClientSession,
) -> None:
    bad = make_order("webshop:1", items=[{"line_id": "1", "name": "Burger", "quantity": 2.5}])
    error = await post(http, "/orders", bad, 400)
    assert error["field"] == "items.0.quantity"
    assert "decimal string" in error["reason"]

    unknown_field = make_order("webshop:1", tip_jar=True)
    assert (await post(http, "/orders", unknown_field, 400))["field"] == "tip_jar"

    async with http.post("/orders", data=b"{not json") as resp:
        assert resp.status == 400
    assert (await health(http))["last_seq"] == 0
    # Not stored, so the fixed order is new.
    assert (await post(http, "/orders", make_order("webshop:1"), 202))["status"] == "created"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 5000 + b"]" * 5000, "nesting"),
        (
            json.dumps(make_order("webshop:1"))
            .replace('"quantity": "1"', '"quantity": ' + "9" * 5000)
            .encode(),
            "digits",
        ),
        (b'{"id": "webshop:1", "items": [', "not valid JSON"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
    ids=["5000-deep", "5000-digit-number", "cut-off", "bad-utf8"],
)
async def test_an_unreadable_order_body_gets_400_with_the_reason_and_the_intake_goes_on(
    http: aiohttp.ClientSession, body: bytes, reason: str
) -> None:
    async with http.post("/orders", data=body, headers=JSON) as resp:
        assert resp.status == 400
        error = await resp.json()
    assert error["error"] == "invalid JSON"
    assert reason in error["reason"]
    assert (await health(http))["last_seq"] == 0
    assert (await post(http, "/orders", make_order("webshop:1"), 202))["status"] == "created"


async def test_a_body_over_one_mebibyte_is_refused_with_413(http: aiohttp.ClientSession) -> None:
    huge = make_order("webshop:1", notes=[{"kind": "order", "text": "x" * (1024 * 1024)}])
    body = io.BytesIO(json.dumps(huge).encode())
    async with http.post("/orders", data=body, headers=JSON) as resp:
        assert resp.status == 413
    assert (await health(http))["last_seq"] == 0


async def test_an_order_whose_event_would_exceed_a_frame_is_refused(
    http: aiohttp.ClientSession,
) -> None:
    # The body fits in 1 MiB, but the event around it would not.
    text = "x" * (1024 * 1024 - 600)
    big = make_order("webshop:1", notes=[{"kind": "order", "text": text}])
    body = io.BytesIO(json.dumps(big).encode())
    async with http.post("/orders", data=body, headers=JSON) as resp:
        assert resp.status == 413
    assert (await health(http))["last_seq"] == 0
    assert (await post(http, "/orders", make_order("webshop:2"), 202))["seq"] == 1


async def test_cancel_and_status_from_the_shop(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    await post(http, "/orders/webshop:1/cancel", {}, 404)
    await post(http, "/orders/webshop:1/status", {"status": "ready"}, 404)
    await post(http, "/orders", make_order("webshop:1"), 202)
    await post(http, "/orders", make_order("webshop:2"), 202)

    status = await post(
        http,
        "/orders/webshop:2/status",
        {"status": "ready", "station": "grill", "line_ids": ["1"]},
        202,
    )
    assert status["seq"] == 3
    bad = await post(http, "/orders/webshop:2/status", {"status": "burnt"}, 400)
    assert bad["field"] == "status"

    async with http.post("/orders/webshop:1/cancel") as resp:  # no body: no reason
        assert resp.status == 202
    again = await post(http, "/orders/webshop:1/cancel", {"reason": "twice"}, 200)
    assert again["status"] == "already_cancelled"
    conflict = await post(http, "/orders", make_order("webshop:1", revision=2), 409)
    assert conflict["error"] == "order cancelled"

    async with device() as dev:
        await dev.hello(last_seq=2)
        changed, cancelled = await dev.recv_until(4)
    assert isinstance(changed, wire.OrderStatusChanged)
    assert (changed.order_id, changed.status, changed.station, changed.line_ids) == (
        "webshop:2",
        wire.OrderStatus.READY,
        "grill",
        ("1",),
    )
    assert changed.device_id is None
    assert isinstance(cancelled, wire.OrderCancelled)
    assert (cancelled.order_id, cancelled.reason) == ("webshop:1", None)
    assert (await health(http))["last_seq"] == 4


# --- device messages --------------------------------------------------------------------


async def test_a_status_from_a_device_reaches_every_device_including_the_sender(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    async with device("grill-1", "Grill") as grill, device("expo-1", "Expo") as expo:
        await grill.hello(last_seq=1)
        await expo.hello(last_seq=1)
        await grill.send(
            {
                "type": "order.status",
                "order_id": "webshop:1",
                "status": "ready",
                "station": "grill",
                "line_ids": [],
                "at": "2026-11-23T12:05:00+01:00",
            }
        )
        for dev in (grill, expo):
            event = await dev.recv_event()
            assert isinstance(event, wire.OrderStatusChanged)
            assert (event.seq, event.order_id, event.status, event.device_id) == (
                2,
                "webshop:1",
                wire.OrderStatus.READY,
                "grill-1",
            )
            # The bump time travels with the event (a bump made offline keeps its time).
            assert event.occurred_at == datetime(2026, 11, 23, 11, 5, tzinfo=UTC)
    # Also kept for devices that connect later.
    async with device("pickup-1", "Pickup") as late:
        await late.hello(last_seq=1)
        event = await late.recv_event()
        assert isinstance(event, wire.OrderStatusChanged)
        assert event.device_id == "grill-1"


async def test_a_status_resent_after_a_reconnect_is_logged_once(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    """A device's outbox sends a bump again when its echo did not arrive before the link
    dropped: the connector logs it once, and a later bump of the same order still counts."""
    await post(http, "/orders", make_order("webshop:1"), 202)
    bump = {
        "type": "order.status",
        "order_id": "webshop:1",
        "status": "ready",
        "station": "grill",
        "line_ids": ["1"],
        "at": "2026-11-23T12:05:00.123456+01:00",
    }
    async with device("grill-1", "Grill") as grill:
        await grill.hello(last_seq=1)
        await grill.send(bump)
        echo = await grill.recv_event()
        assert echo.seq == 2
    async with device("grill-1", "Grill") as grill:
        await grill.hello(last_seq=1)  # the echo was not stored: it comes in the replay
        replayed = await grill.recv_event()
        assert replayed.seq == 2
        await grill.send(bump)  # and the outbox sends the bump again
        await grill.send({**bump, "status": "in_preparation", "at": "2026-11-23T12:06:00+01:00"})
        undo = await grill.recv_event()
        assert isinstance(undo, wire.OrderStatusChanged)
        assert (undo.seq, undo.status) == (3, wire.OrderStatus.IN_PREPARATION), (
            "the resent bump was not logged a second time"
        )


async def test_sync_sends_the_posted_catalog_to_every_device(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    async with device("a", "A") as a, device("b", "B") as b:
        await a.hello(last_seq=0)
        await b.hello(last_seq=0)
        await a.send({"type": "sync"})
        for dev in (a, b):
            empty = await dev.recv_event()
            assert isinstance(empty, wire.Catalog)
            assert empty.articles == () and empty.groups == ()
        catalog = {
            "articles": [{"ref": "B1", "name": "Burger", "kitchen_name": "BRG", "group": "grill"}],
            "groups": [{"id": "grill", "name": "Grill"}],
        }
        assert (await post(http, "/catalog", catalog, 202))["seq"] == 2
        posted = await a.recv_event()
        assert isinstance(posted, wire.Catalog)
        await b.send({"type": "sync"})
        for dev in (a, b):
            if dev is b:
                assert (await dev.recv_event()).seq == 2
            synced = await dev.recv_event()
            assert isinstance(synced, wire.Catalog)
            assert synced.seq == 3
            assert [x.kitchen_name for x in synced.articles] == ["BRG"]
            assert [g.name for g in synced.groups] == ["Grill"]
    bad = await post(http, "/catalog", {"articles": [{"name": "no ref"}]}, 400)
    assert bad["field"] == "articles.0.ref"


async def test_acks_and_rejects_show_in_health(
    server: ConnectorServer,
    http: aiohttp.ClientSession,
    device: DeviceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    await post(http, "/orders", make_order("webshop:2"), 202)
    async with device("grill-1", "Grill") as dev:
        await dev.hello(last_seq=0)
        await dev.recv_until(2)
        await dev.send({"type": "ack", "seq": 1})
        await server.wait_for_ack("grill-1", 1)
        assert (await health(http))["devices"][0]["last_acked_seq"] == 1
        with caplog.at_level(logging.WARNING, logger="kds.connector.server"):
            await dev.send({"type": "reject", "seq": 2, "error": "items.0: bad"})
            await server.wait_for_ack("grill-1", 2)
        info = await health(http)
        assert info["devices"] == [
            {"device_id": "grill-1", "name": "Grill", "connected": True, "last_acked_seq": 2}
        ]
    assert any(
        "Grill" in r.getMessage() and "rejected seq 2" in r.getMessage() for r in caplog.records
    )
    assert server.connector_log.rejections() == [("grill-1", 2, "items.0: bad")]
    info = await health(http)
    assert info["devices"][0]["connected"] is False


async def test_a_reject_without_seq_is_logged_and_the_session_goes_on(
    server: ConnectorServer,
    http: aiohttp.ClientSession,
    device: DeviceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    async with device("grill-1", "Grill") as dev:
        await dev.hello(last_seq=0)
        await dev.recv_until(1)
        with caplog.at_level(logging.WARNING, logger="kds.connector.server"):
            await dev.send({"type": "reject", "seq": None, "error": "not valid JSON: cut off"})
            await dev.send({"type": "ack", "seq": 1})
            await server.wait_for_ack("grill-1", 1)
        await post(http, "/orders", make_order("webshop:2"), 202)
        assert (await dev.recv_event()).seq == 2
    assert any(
        "Grill" in r.getMessage() and "could not read: not valid JSON: cut off" in r.getMessage()
        for r in caplog.records
    )
    assert server.connector_log.rejections() == []


async def test_unsupported_protocol_gets_an_error_then_the_connection_closes(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    await post(http, "/orders", make_order("webshop:1"), 202)
    async with device() as dev:
        await dev.send(
            {
                "type": "hello",
                "protocol": 2,
                "device_id": "dev-1",
                "device_name": "Grill",
                "roles": ["display"],
                "last_seq": 0,
                "something_new": True,
            }
        )
        error = await dev.recv()
        assert isinstance(error, wire.ProtocolErrorMessage)
        assert error.code == "unsupported_protocol"
        with pytest.raises(ConnectionClosed):
            await dev.recv()


async def test_a_hello_nested_thousands_deep_is_refused_and_the_connector_goes_on(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    async with device() as dev:
        await dev.ws.send('{"type": "hello", "x": ' + "[" * 5000 + "]" * 5000 + "}")
        error = await dev.recv()
        assert isinstance(error, wire.ProtocolErrorMessage)
        with pytest.raises(ConnectionClosed):
            await dev.recv()
    await post(http, "/orders", make_order("webshop:1"), 202)
    async with device() as dev:
        await dev.hello(last_seq=0)
        created = await dev.recv()
        assert isinstance(created, wire.OrderCreated)


async def test_first_message_must_be_hello(device: DeviceFactory) -> None:
    async with device() as dev:
        await dev.send({"type": "ack", "seq": 1})
        error = await dev.recv()
        assert isinstance(error, wire.ProtocolErrorMessage)
        assert error.code == "hello_required"
        with pytest.raises(ConnectionClosed):
            await dev.recv()


async def test_an_oversized_frame_is_refused_with_1009(device: DeviceFactory) -> None:
    async with device() as dev:
        await dev.hello(last_seq=0)
        await dev.ws.send("x" * (1024 * 1024 + 1))
        with pytest.raises(ConnectionClosed) as info:
            await dev.recv()
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == 1009


# --- printing role ----------------------------------------------------------------------


async def test_printing_first_device_granted_second_denied_also_after_restart(
    server: ConnectorServer, device: DeviceFactory
) -> None:
    async with device("printer-kds", "Counter") as first:
        assert (await first.hello(roles=("display", "printing"))).printing == (
            wire.PrintingGrant.GRANTED
        )
        async with device("other-kds", "Kitchen") as second:
            denied = await second.hello(roles=("display", "printing"))
            assert denied.printing == wire.PrintingGrant.DENIED
            assert denied.printing_holder == "Counter"
    # The holder is offline, and the connector restarts: the role is still remembered.
    data_dir = server.data_dir
    await server.stop()
    again = ConnectorServer(data_dir, TOKEN)
    await again.start()
    try:
        async with open_device(again.port, "other-kds", "Kitchen") as second:
            denied = await second.hello(roles=("display", "printing"))
            assert denied.printing == wire.PrintingGrant.DENIED
            assert denied.printing_holder == "Counter"
        async with open_device(again.port, "printer-kds", "Counter") as first:
            granted = await first.hello(roles=("display", "printing"))
            assert granted.printing == wire.PrintingGrant.GRANTED
    finally:
        await again.stop()
        await server.start()  # the fixture stops it


async def test_only_the_holder_releases_printing(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    async with device("printer-kds", "Counter") as first:
        await first.hello(roles=("printing",))
    refused = await post(http, "/printing/release", {"device_id": "other-kds"}, 409)
    assert "Counter" in refused["reason"]
    assert (await health(http))["printing_holder"] == "Counter"
    released = await post(http, "/printing/release", {"device_id": "printer-kds"}, 200)
    assert released["status"] == "released"
    assert (await health(http))["printing_holder"] is None
    async with device("other-kds", "Kitchen") as second:
        assert (await second.hello(roles=("printing",))).printing == wire.PrintingGrant.GRANTED


async def test_takeover_needs_confirm_and_moves_the_role(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    async with device("printer-kds", "Counter") as first, device("other-kds", "Kitchen") as second:
        await first.hello(roles=("printing",))
        assert (await second.hello(roles=("printing",))).printing == wire.PrintingGrant.DENIED
        takeover: dict[str, Any] = {"device_id": "other-kds", "device_name": "Kitchen"}
        unconfirmed = await post(http, "/printing/takeover", takeover, 400)
        assert unconfirmed["field"] == "confirm"
        await post(http, "/printing/takeover", {**takeover, "confirm": False}, 400)
        assert (await health(http))["printing_holder"] == "Counter"

        moved = await post(http, "/printing/takeover", {**takeover, "confirm": True}, 200)
        assert (moved["printing_holder"], moved["previous_holder"]) == ("Kitchen", "Counter")
        # The former holder is told why it is cut off; the new holder is asked to reconnect.
        with pytest.raises(ConnectionClosed) as former:
            await first.recv()
        assert former.value.rcvd is not None
        assert former.value.rcvd.code == wire.CLOSE_TAKEN_OVER
        assert former.value.rcvd.reason == "printing taken over by Kitchen"
        with pytest.raises(ConnectionClosed) as new:
            await second.recv()
        assert new.value.rcvd is not None
        assert new.value.rcvd.code == wire.CLOSE_ROLE_GRANTED
    async with device("other-kds", "Kitchen") as second:
        assert (await second.hello(roles=("printing",))).printing == wire.PrintingGrant.GRANTED
    async with device("printer-kds", "Counter") as first:
        denied = await first.hello(roles=("printing",))
        assert (denied.printing, denied.printing_holder) == (wire.PrintingGrant.DENIED, "Kitchen")


async def test_every_frame_the_connector_sends_parses_on_the_client(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    text = 'Line 1\nLine "2" – Crème brûlée 🍮 麻婆豆腐'
    order = make_order(
        "webshop:1",
        notes=[{"kind": "kitchen", "text": text}],
        totals={"currency": "EUR", "total": {"amount": "12.50", "currency": "EUR"}, "paid": True},
    )
    await post(http, "/orders", order, 202)
    async with device() as dev:
        await dev.hello(last_seq=0)
        raw = await dev.ws.recv()
    event = wire.parse(raw)
    assert isinstance(event, wire.OrderCreated)
    assert event.order.notes[0].text == text
    assert event.order.totals is not None and event.order.totals.total is not None
    assert str(event.order.totals.total.amount) == "12.50"
    assert json.loads(raw)["order"]["totals"]["total"]["amount"] == "12.50"


async def test_a_stuck_device_does_not_hold_up_the_others(
    server: ConnectorServer, http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    # A screen that stops reading: its client buffers one message, then TCP fills up.
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with connect(
        f"ws://127.0.0.1:{server.port}/kds",
        additional_headers=headers,
        max_queue=1,
        close_timeout=1,
    ) as stuck:
        await stuck.send(
            json.dumps(
                {
                    "type": "hello",
                    "protocol": 1,
                    "device_id": "stuck",
                    "device_name": "Stuck",
                    "roles": ["display"],
                    "last_seq": 0,
                }
            )
        )
        async with device("fine", "Fine") as fine:
            await fine.hello(last_seq=0)
            # About 16 MB in total, far more than the socket buffers of the stuck screen.
            note = {"kind": "kitchen", "text": "y" * (512 * 1024)}
            for n in range(1, 33):
                await post(http, "/orders", make_order(f"webshop:{n}", notes=[note]), 202)
                event = await fine.recv_event()
                assert event.seq == n


async def test_a_new_connection_from_the_same_device_replaces_the_old_one(
    http: aiohttp.ClientSession, device: DeviceFactory
) -> None:
    async with device("grill-1", "Grill") as old:
        await old.hello(last_seq=0)
        async with device("grill-1", "Grill") as new:
            await new.hello(last_seq=0)
            with pytest.raises(ConnectionClosed) as info:
                await old.recv()
            assert info.value.rcvd is not None
            assert info.value.rcvd.code == wire.CLOSE_REPLACED
            await post(http, "/orders", make_order("webshop:1"), 202)
            assert (await new.recv_event()).seq == 1
            [entry] = (await health(http))["devices"]
            assert entry["connected"] is True
