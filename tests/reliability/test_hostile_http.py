"""Hostile HTTP at the real connector: `POST /orders` and `POST /webhooks/<platform>`.

Every bad body gets a 4xx with its reason (never a 5xx, never stored); an unreadable
platform payload is kept in the inbox once however often it is retried; a bad signature
stores nothing at all; and a good order posted after all of them reaches a device.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from connector.webhooks import ORDER_PLATFORMS, SIGN, SIGNATURE_HEADER, config, order_payload
from hypothesis import assume, given
from hypothesis import strategies as st
from suite_tally import Tally
from websockets.asyncio.client import connect

from kds import wire
from kds.connector.server import ConnectorServer

from .links import TOKEN, WAIT, order_dict
from .test_hostile_frames import WRONG_VALUES, at

MIB = 1024 * 1024
ORDER_PATHS = {path[1:]: values for path, values in WRONG_VALUES.items() if path[:1] == ("order",)}
ORDER_PATHS.pop((), None)


@dataclass
class Intake:
    server: ConnectorServer
    http: aiohttp.ClientSession
    tally: Tally
    stored: int = 0

    async def refused(
        self, path: str, body: bytes, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        """A hostile request: answered 4xx with a reason in JSON, nothing stored."""
        self.tally.hostile_inputs += 1
        before = self.server.connector_log.last_seq()
        # A stream, not bytes: aiohttp warns that a large bytes body blocks the loop.
        data = io.BytesIO(body)
        async with self.http.post(path, data=data, headers=headers or {}) as response:
            status, text = response.status, await response.text()
        if status >= 500:
            self.tally.crashes += 1
            pytest.fail(f"{path} answered {status} to {body[:200]!r}: {text[:300]}")
        answer = json.loads(text)
        if status < 400:
            # Only a platform's "not an order" event may pass, and it stores nothing.
            assert status == 200 and {r["status"] for r in answer["results"]} == {"ignored"}, answer
        else:
            assert answer["reason"].strip(), answer
        assert self.server.connector_log.last_seq() == before, "a hostile request stored"
        self.tally.rejected_with_reason += 1
        return status, answer

    async def good_order(self, order_id: str) -> int:
        async with self.http.post(
            "/orders", json=order_dict(order_id), headers={"Authorization": f"Bearer {TOKEN}"}
        ) as response:
            assert response.status == 202, await response.text()
            seq = int((await response.json())["seq"])
        self.stored += 1
        return seq

    async def delivered_orders(self) -> list[str]:
        """The order ids a fresh device receives: the stream went on, and holds only those."""
        url = f"ws://127.0.0.1:{self.server.port}/kds"
        headers = {"Authorization": f"Bearer {TOKEN}"}
        last = self.server.connector_log.last_seq()
        async with connect(url, additional_headers=headers, open_timeout=WAIT) as ws:
            hello = {"type": "hello", "protocol": 1, "device_id": "d", "device_name": "D"}
            await ws.send(json.dumps({**hello, "roles": ["display"], "last_seq": 0}))
            assert isinstance(wire.parse(await ws.recv()), wire.Welcome)
            ids: list[str] = []
            while len(ids) < last:
                event = wire.parse(await ws.recv())
                assert isinstance(event, wire.OrderCreated), event
                ids.append(event.order.id)
        return ids


@pytest.fixture
async def intake(tmp_path: Path, tally: Tally) -> AsyncIterator[Intake]:
    server = ConnectorServer(tmp_path / "connector", TOKEN, config=config())
    await server.start()
    try:
        async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{server.port}") as http:
            yield Intake(server, http, tally)
    finally:
        await server.stop()


SHOP = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


def order_text(**changes: Any) -> bytes:
    return json.dumps({**order_dict("web:x"), **changes}).encode()


async def test_named_bad_bodies_at_post_orders_are_refused_and_the_intake_goes_on(
    intake: Intake,
) -> None:
    good = order_text()
    nest = b'{"k": [' * 50_000 + b"1" + b"]}" * 50_000
    bodies = [
        b"",
        b"null",
        b"[]",
        b'"order"',
        good[:-1],
        good[: len(good) // 2],
        b"\xff\xfe\xfd",
        nest,
        good.replace(b'"revision": 1', b'"revision": NaN'),
        good.replace(b'"revision": 1', b'"revision": 1e400'),
        good.replace(b'"revision": 1', b'"revision": 1' + b"0" * 5000),
        order_text(notes=[{"kind": "order", "text": "x" * (2 * MIB)}]),
        order_text(items=[]),
        order_text(items=[{"line_id": "1", "name": "A", "quantity": "1"}] * 2),
        order_text(items=[{"line_id": "1", "name": "A", "quantity": "0"}]),
        order_text(items=[{"line_id": "1", "name": "A", "quantity": "-3"}]),
        order_text(protocol=2),
    ]
    for body in bodies:
        status, answer = await intake.refused("/orders", body, SHOP)
        assert status in (400, 413), answer
    await intake.good_order("web:after")
    assert await intake.delivered_orders() == ["web:after"]


@given(
    wrong=st.sampled_from(list(ORDER_PATHS)).flatmap(
        lambda path: st.tuples(st.just(path), ORDER_PATHS[path])
    )
)
async def test_generated_bad_orders_at_post_orders_are_refused_naming_the_field(
    intake: Intake, wrong: tuple[tuple[str | int, ...], Any]
) -> None:
    path, value = wrong
    order = order_dict("web:bad")
    at(order, path[:-1])[path[-1]] = value
    status, answer = await intake.refused("/orders", json.dumps(order).encode(), SHOP)
    assert status == 400 and answer["error"] in ("invalid order", "invalid JSON"), answer


@pytest.mark.parametrize("platform", ORDER_PLATFORMS)
async def test_bad_signatures_store_nothing_and_keep_nothing(intake: Intake, platform: str) -> None:
    body = json.dumps(order_payload(platform)).encode()
    header = SIGNATURE_HEADER[platform]
    forged = {
        key: ("0" * len(value) if key == header else value)
        for key, value in SIGN[platform](body).items()
    }
    attempts = [
        {},  # no signature
        forged,  # a wrong one
        {header: ""},
        {header: "x" * 4_000},
    ]
    if SIGN[platform](body) != SIGN[platform](body + b" "):  # signs the body, not a fixed key
        attempts.append(SIGN[platform](body + b" "))  # the signature of another body
    for headers in attempts:
        status, answer = await intake.refused(f"/webhooks/{platform}", body, headers)
        assert status == 401 and header in answer["reason"], answer
    assert intake.server.connector_log.inbox_size() == 0
    assert (await intake.refused("/webhooks/nowhere", body, {}))[0] == 404


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@given(platform=st.sampled_from(ORDER_PLATFORMS), payload=JSON_VALUES)
async def test_signed_payloads_of_the_wrong_shape_are_refused_and_kept_once(
    intake: Intake, platform: str, payload: Any
) -> None:
    if platform == "toast":  # Toast signs the body with its timestamp: it must have one
        payload = {"timestamp": "2026-11-23T18:00:01.000+0000", "details": payload}
    body = json.dumps(payload).encode()
    kept = intake.server.connector_log.inbox_size()
    # A platform retries what failed: twice here, and the inbox keeps it once.
    first = await intake.refused(f"/webhooks/{platform}", body, SIGN[platform](body))
    second = await intake.refused(f"/webhooks/{platform}", body, SIGN[platform](body))
    assert first == second
    if first[0] == 400:
        assert first[1]["inbox_id"] >= 1
        entries = intake.server.connector_log.inbox()
        assert [(e.platform, e.body) for e in entries].count((platform, body)) == 1
        assert intake.server.connector_log.inbox_size() <= kept + 1


# Where each platform's lines are: a wrong shape there is an order the kitchen cannot read.
LINES: dict[str, tuple[str | int, ...]] = {
    "ubereats": ("cart", "items"),
    "deliveroo": ("body", "order", "items"),
    "deliverect": ("items",),
    "hubrise": ("new_state", "items"),
    "woocommerce": ("line_items",),
    "toast": ("details", "order", "checks"),
    "justeat": ("Items",),
    "doordash": ("order", "categories"),
    "gloriafood": ("orders", 0, "items"),
}


@given(
    platform=st.sampled_from(ORDER_PLATFORMS),
    lines=st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=5),
        st.just([]),
        st.lists(st.integers() | st.text(max_size=3), min_size=1, max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
    ),
)
async def test_a_platform_order_whose_lines_are_the_wrong_shape_is_refused(
    intake: Intake, platform: str, lines: Any
) -> None:
    # Toast says "every item voided" with no checks: a cancellation, not a bad payload.
    assume(not (platform == "toast" and lines == []))
    payload = order_payload(platform)
    path = LINES[platform]
    at(payload, path[:-1])[path[-1]] = lines
    body = json.dumps(payload).encode()
    status, answer = await intake.refused(f"/webhooks/{platform}", body, SIGN[platform](body))
    assert status == 400 and answer["error"] == "invalid payload", answer


async def test_after_every_kind_of_bad_webhook_a_good_one_still_arrives(intake: Intake) -> None:
    for platform in ORDER_PLATFORMS:
        body = b'{"cut off'  # Toast signs with the body's timestamp: a wrong shape there
        if platform == "toast":
            body = b'{"timestamp": "2026-11-23T18:00:01.000+0000"}'
        assert (await intake.refused(f"/webhooks/{platform}", body, SIGN[platform](body)))[0] == 400
        good = json.dumps(order_payload(platform, external_id="OK")).encode()
        async with intake.http.post(
            f"/webhooks/{platform}", data=good, headers=SIGN[platform](good)
        ) as response:
            assert response.status == 202, await response.text()
    delivered = await intake.delivered_orders()
    assert sorted(delivered) == sorted(f"{p}:OK" for p in ORDER_PLATFORMS)
    intake.tally.orders_checked += len(delivered)


async def test_a_platform_order_repeating_a_line_id_is_refused_into_the_inbox(
    intake: Intake,
) -> None:
    payload = order_payload("ubereats")
    line = {"id": "FK", "instance_id": "line-1", "title": "Flammkuchen", "quantity": 1}
    payload["cart"]["items"] = [line, {**line, "title": "Salad"}]
    body = json.dumps(payload).encode()
    status, answer = await intake.refused("/webhooks/ubereats", body, SIGN["ubereats"](body))
    assert status == 400 and "'line-1' is used by more than one item" in answer["reason"]
    assert [e.body for e in intake.server.connector_log.inbox()] == [body]
