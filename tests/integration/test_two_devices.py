"""Kitchen actions end to end, as staff do them: taps and keys on two devices, one connector.

Device A is the kitchen (a Grill and a Bar station monitor), device B the counter (the expo
and the guests' pickup board); each is a real KdsApp with its own data dir, against the
reference connector on loopback. Every wait ends on a model signal, never a sleep.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kds import wire
from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.net import Backoff, Phase
from kds.settings import (
    ConnectorSettings,
    KeySettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from kds.ui import OrderRole, OrdersModel
from kds.ui.ticket_view import SELECTED, TicketView, card_layout

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "test-token"
WAIT = 10.0  # a safety net only
FAST = Backoff(initial=0.02, cap=0.1, jitter=0.0)
ORDER_ID = "webshop:4711"
STATIONS = (
    Station(id="grill", name="Grill", groups=("mains",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)


def kitchen_settings(port: int) -> Settings:
    return Settings(
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=STATIONS,
        monitors=(
            MonitorSettings(
                name="Grill",
                stations=("grill",),
                fullscreen=False,
                keys=KeySettings(bump="B", undo="U"),
            ),
            MonitorSettings(name="Bar", stations=("bar",), fullscreen=False),
        ),
    )


def counter_settings(port: int) -> Settings:
    return Settings(
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=STATIONS,
        monitors=(
            MonitorSettings(name="Expo", kind=MonitorKind.EXPO, fullscreen=False),
            MonitorSettings(name="Board", kind=MonitorKind.PICKUP, fullscreen=False),
        ),
    )


def order(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": ORDER_ID,
        "external_id": "4711",
        "display_id": "711",
        "source": "webshop",
        "revision": 1,
        "created_at": "2026-11-23T19:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": items
        or [
            {
                "line_id": "1",
                "name": "Käsespätzle",
                "group": "mains",
                "quantity": "2",
                "modifiers": [{"name": "Röstzwiebeln", "action": "add", "quantity": "1"}],
                "allergens": ["gluten"],
            },
            {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
        ],
    }


async def until(model: OrdersModel, predicate: Callable[[], bool]) -> None:
    """Wait, on the model's own signals, until `predicate()` holds."""
    if predicate():
        return
    done = asyncio.get_running_loop().create_future()

    def check(*_: object) -> None:
        if not done.done() and predicate():
            done.set_result(None)

    signals = (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset)
    for signal in signals:
        signal.connect(check)
    try:
        await asyncio.wait_for(done, WAIT)
    finally:
        for signal in signals:
            signal.disconnect(check)


async def until_offline(app: KdsApp) -> None:
    """Wait, on the app's status signal, until it knows the connector is gone."""

    def offline() -> bool:
        return app.connection is not None and app.connection.phase is not Phase.CONNECTED

    if offline():
        return
    done = asyncio.get_running_loop().create_future()

    def check(*_: object) -> None:
        if not done.done() and offline():
            done.set_result(None)

    app.status.connection_changed.connect(check)
    try:
        await asyncio.wait_for(done, WAIT)
    finally:
        app.status.connection_changed.disconnect(check)


def shown(model: OrdersModel) -> bool:
    return model.row_of(ORDER_ID) >= 0


def card(model: OrdersModel) -> Any:
    return model.index(model.row_of(ORDER_ID), 0).data(OrderRole.CARD)


def texts(model: OrdersModel) -> list[str]:
    layout = card_layout(card(model))
    return [b.text for part in layout.parts for b in part.blocks]


def view_of(app: KdsApp, monitor: str) -> TicketView:
    view = app.window(monitor).tickets
    assert view is not None
    return view


def tap(qtbot: QtBot, view: TicketView, line_id: str = "") -> None:
    """A finger on the card's header (or on one of its lines)."""
    rect = view.card_rect(ORDER_ID, line_id) if line_id else view.header_rect(ORDER_ID)
    assert not rect.isEmpty(), "the card (or line) is on screen"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


class Shop:
    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http

    async def order(self, body: dict[str, Any]) -> None:
        async with self.http.post("/orders", json=body) as response:
            assert response.status == 202, await response.text()


@asynccontextmanager
async def restaurant(tmp_path: Path) -> AsyncIterator[tuple[ConnectorServer, Shop, KdsApp, KdsApp]]:
    server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
    port = await server.start()
    kitchen = KdsApp(kitchen_settings(port), tmp_path / "kitchen", backoff=FAST)
    counter = KdsApp(counter_settings(port), tmp_path / "counter", backoff=FAST)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        await kitchen.start()
        await counter.start()
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:
            yield server, Shop(http), kitchen, counter
    finally:
        await kitchen.stop()
        await counter.stop()
        await server.stop()


def test_bump_undo_roll_up_pickup_collected_and_recall_by_touch(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    async def scenario() -> None:
        async with restaurant(tmp_path) as (_server, shop, kitchen, counter):
            grill = kitchen.window("Grill").model
            bar = kitchen.window("Bar").model
            expo = counter.window("Expo").model
            board = counter.window("Board").model
            await shop.order(order())
            for model in (grill, bar, expo, board):
                await until(model, lambda m=model: shown(m))

            # The grill cook taps the header: the order leaves the grill, the expo sees
            # the grill done (not yet ready: the bar is still at it).
            tap(qtbot, view_of(kitchen, "Grill"))
            await until(grill, lambda: not shown(grill))
            await until(expo, lambda: "Grill ✓ · Bar …" in texts(expo))
            assert not card(expo).ready and shown(bar)

            # Undo brings it back, on both devices.
            undo = kitchen.actions["Grill"].bar.undo_button
            assert undo.isVisible()
            qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: "Grill … · Bar …" in texts(expo))

            # A double tap bumps once.
            view = view_of(kitchen, "Grill")
            tap(qtbot, view)
            tap(qtbot, view)
            await until(grill, lambda: not shown(grill))

            # The bartender strikes the one drink: the bar's last line bumps the bar, and
            # with every station done the order is ready on the expo and the guests' board.
            tap(qtbot, view_of(kitchen, "Bar"), "2")
            await until(bar, lambda: not shown(bar))
            await until(expo, lambda: card(expo).ready)
            assert "READY" in texts(expo)
            pickup = counter.window("Board").pickup
            assert pickup is not None
            await until(board, lambda: len(pickup.numbers()[1]) == 1)
            preparing, ready = pickup.numbers()
            assert [s.display_id for s in ready] == ["711"] and preparing == []

            # The counter hands it over: a tap on the ready card, and it is gone.
            tap(qtbot, view_of(counter, "Expo"))
            await until(expo, lambda: not shown(expo))
            await until(board, lambda: not shown(board))

            # Recall puts it back on the expo, marked, its timer from the original start.
            actions = counter.actions["Expo"]
            qtbot.mouseClick(actions.bar.recall_button, Qt.MouseButton.LeftButton)
            choice = actions.bar.choices.findChild(object, f"recall:{ORDER_ID}")
            assert choice is not None and choice.text() == "#711"
            assert choice.height() >= 48 and actions.bar.recall_button.height() >= 48
            qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
            await until(expo, lambda: shown(expo) and card(expo).recalled)
            assert "RECALLED" in texts(expo)
            age = expo.index(expo.row_of(ORDER_ID), 0).data(OrderRole.AGE)
            assert age.count(":") == 2, f"timer goes on from 19:00, not from the recall: {age}"
            await until(board, lambda: len(pickup.numbers()[0]) == 1)

    loop.run_until_complete(scenario())


def test_striking_a_line_strikes_its_modifiers_and_allergens(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    async def scenario() -> None:
        items = [
            {
                "line_id": "1",
                "name": "Käsespätzle",
                "group": "mains",
                "quantity": "2",
                "modifiers": [{"name": "Röstzwiebeln", "action": "add", "quantity": "1"}],
                "allergens": ["gluten"],
            },
            {"line_id": "3", "name": "Schnitzel", "group": "mains", "quantity": "1"},
        ]
        async with restaurant(tmp_path) as (_server, shop, kitchen, counter):
            grill = kitchen.window("Grill").model
            expo = counter.window("Expo").model
            await shop.order(order(items))
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: shown(expo))
            tap(qtbot, view_of(kitchen, "Grill"), "1")
            await until(grill, lambda: any(line.done for line in card(grill).lines))
            done = {line.text: line.done for line in card(grill).lines}
            assert done == {
                "2× Käsespätzle": True,
                "+ Röstzwiebeln": True,
                "⚠ gluten": True,
                "1× Schnitzel": False,
            }
            # The other device sees the line struck too; the order stays open.
            await until(expo, lambda: any(li.done for li in card(expo).lines))
            struck = [li.text for li in card(expo).lines if li.done]
            assert struck == ["2× Käsespätzle", "+ Röstzwiebeln", "⚠ gluten"]
            assert shown(grill) and not card(expo).ready

    loop.run_until_complete(scenario())


def test_the_key_map_selects_bumps_and_undoes(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    async def scenario() -> None:
        async with restaurant(tmp_path) as (_server, shop, kitchen, counter):
            grill = kitchen.window("Grill").model
            expo = counter.window("Expo").model
            await shop.order(order())
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: shown(expo))
            view = view_of(kitchen, "Grill")
            qtbot.keyClick(view, Qt.Key.Key_1)
            assert view.selected == ORDER_ID, "the first card is selected"
            rect = view.card_rect(ORDER_ID)
            frame = view.viewport().grab().toImage().pixelColor(rect.left() + 2, rect.center().y())
            assert frame == SELECTED, "the selected card has its thick frame"
            # "B" is this monitor's bump key (the settings say so), Return is not.
            qtbot.keyClick(view, Qt.Key.Key_Return)
            assert kitchen.kitchen is not None and kitchen.kitchen.pending == ()
            qtbot.keyClick(view, Qt.Key.Key_B)
            await until(grill, lambda: not shown(grill))
            await until(expo, lambda: "Grill ✓ · Bar …" in texts(expo))
            qtbot.keyClick(view, Qt.Key.Key_U)
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: "Grill … · Bar …" in texts(expo))

    loop.run_until_complete(scenario())


def test_a_bump_during_a_connector_outage_waits_in_the_outbox_and_arrives_once(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    async def scenario() -> None:
        async with restaurant(tmp_path) as (server, shop, kitchen, counter):
            grill = kitchen.window("Grill").model
            expo = counter.window("Expo").model
            await shop.order(order())
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: shown(expo))
            port = server.port
            await server.stop()
            await until_offline(kitchen)
            view = view_of(kitchen, "Grill")
            tap(qtbot, view)
            assert view.marks == {ORDER_ID: "sending…"}, "the card shows its bump is pending"
            assert kitchen.store is not None and len(kitchen.store.outbox()) == 1
            assert shown(grill), "the card stays until the connector has the bump"

            restarted = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", port)
            await restarted.start()
            try:
                await until(grill, lambda: not shown(grill))
                await until(expo, lambda: "Grill ✓ · Bar …" in texts(expo))
                assert view.marks == {}
                assert kitchen.store.outbox() == []
                statuses = [
                    e
                    for e in restarted.connector_log.events_after(0)
                    if isinstance(wire.parse(e.text), wire.OrderStatusChanged)
                ]
                assert len(statuses) == 1, "the bump arrived once"
            finally:
                await restarted.stop()

    loop.run_until_complete(scenario())


def test_an_update_shows_its_changes_until_a_tap_and_a_cancel_until_acknowledged(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot
) -> None:
    first = [
        {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"},
        {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
        {"line_id": "4", "name": "Weißbier", "group": "drinks", "quantity": "1"},
    ]
    second = [
        {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "3"},
        {"line_id": "3", "name": "Flammkuchen", "group": "mains", "quantity": "1"},
        {
            "line_id": "4",
            "name": "Weißbier",
            "group": "drinks",
            "quantity": "1",
            "notes": ["ohne Glas"],
        },
    ]

    async def scenario() -> None:
        async with restaurant(tmp_path) as (_server, shop, kitchen, counter):
            grill = kitchen.window("Grill").model
            bar = kitchen.window("Bar").model
            expo = counter.window("Expo").model
            await shop.order(order(first))
            await until(grill, lambda: shown(grill))
            await until(expo, lambda: shown(expo))
            note = [{"kind": "kitchen", "text": "Bitte schnell"}]
            await shop.order({**order(second), "revision": 2, "notes": note})
            await until(grill, lambda: card(grill).revision == 2)
            await until(bar, lambda: card(bar).revision == 2)
            await until(expo, lambda: card(expo).revision == 2)
            grill_lines = [line.text for line in card(grill).lines]
            assert card(grill).changed
            assert "CHANGED · revision 2 — tap to acknowledge" in texts(grill)
            assert grill_lines[:4] == ["3× Käsespätzle", "quantity 2 → 3", "1× Flammkuchen", "NEW"]
            changed_note = [text for text in grill_lines[4:] if "Bitte schnell" in text]
            assert len(changed_note) == 2, f"the new order note, and in words: {grill_lines}"
            # The bar's drink that left stays, struck out and marked, until acknowledged.
            bar_lines = {line.text: line.done for line in card(bar).lines}
            assert bar_lines["1× Weißbier"] is False and bar_lines["notes changed"] is False
            assert bar_lines["1× Apfelschorle"] is True and "REMOVED" in bar_lines

            # A tap on the grill's changed card says "seen": the marks go, it is not bumped.
            tap(qtbot, view_of(kitchen, "Grill"))
            await until(grill, lambda: not card(grill).changed)
            assert [line.text for line in card(grill).lines][:2] == [
                "3× Käsespätzle",
                "1× Flammkuchen",
            ]
            assert not any(line.text in ("NEW", "quantity 2 → 3") for line in card(grill).lines)
            assert kitchen.kitchen is not None and kitchen.kitchen.pending == ()
            assert card(bar).changed and card(expo).changed, "each place acknowledges itself"

            # Cancelled: the bar's card stays, CANCELLED, until the bar acknowledges it.
            async with shop.http.post(f"/orders/{ORDER_ID}/cancel", json={}) as response:
                assert response.status == 202
            await until(bar, lambda: card(bar).cancelled)
            tap(qtbot, view_of(kitchen, "Bar"))
            await until(bar, lambda: not shown(bar))
            assert shown(grill) and card(grill).cancelled, "the grill has not acknowledged"

    loop.run_until_complete(scenario())
