"""`kds demo`'s platform orders go through the real webhook endpoints, signed, and arrive whole."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kds import wire
from kds.connector.config import load_connector_config
from kds.connector.server import ConnectorServer
from kds.demo import DEMO_DIR, feed_orders, load_script

from .conftest import TOKEN, open_device


async def test_the_demo_platform_orders_are_accepted_and_shifted_to_now(tmp_path: Path) -> None:
    platforms = load_connector_config(DEMO_DIR / "connector.toml")
    server = ConnectorServer(tmp_path / "c", TOKEN, config=platforms)
    await server.start()
    script = load_script()
    webhooks = tuple(s for s in script.steps if s.webhook is not None)
    assert {s.webhook for s in webhooks} == {"ubereats", "deliveroo", "justeat", "woocommerce"}
    now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    fast = dataclasses.replace(script, steps=webhooks, pace_seconds=0)
    try:
        await feed_orders(
            f"http://127.0.0.1:{server.port}", TOKEN, fast, clock=lambda: now, platforms=platforms
        )
        async with open_device(server.port) as dev:
            await dev.hello(last_seq=0)
            events = await dev.recv_until(1 + len(webhooks))  # the catalog, then the orders
        assert server.connector_log.inbox() == []
    finally:
        await server.stop()
    assert isinstance(events[0], wire.Catalog)
    orders = {e.order.source: e.order for e in events[1:] if isinstance(e, wire.OrderCreated)}
    assert set(orders) == {"ubereats", "deliveroo", "justeat", "woocommerce"}
    for order in orders.values():
        # Every line has a group from the catalog, so stations and printers get it.
        assert all(item.group for item in order.items), order.id
        assert abs(order.created_at - now) < timedelta(minutes=5), order.id

    uber = orders["ubereats"]
    assert uber.items[0].label == "CURRYWURST"  # the catalog's kitchen name
    assert [m.action for m in uber.items[0].modifiers] == [
        wire.ModifierAction.CHOOSE,
        wire.ModifierAction.REMOVE,
    ]
    assert uber.items[0].modifiers[0].modifiers[0].name == "Röstzwiebeln"
    jet = orders["justeat"]
    assert jet.restrictions == ("alcohol",)
    assert not jet.fulfillment.asap and jet.fulfillment.due_at == now + timedelta(minutes=50)
    woo = orders["woocommerce"]
    assert woo.items[0].name == "Flammkuchen – Elsässer Art"
    assert woo.notes[0].text == "Bitte in Papier & nicht in Plastik verpacken"
    roo = orders["deliveroo"]
    assert [n.kind for n in roo.notes] == [wire.NoteKind.ORDER, wire.NoteKind.CUTLERY]
