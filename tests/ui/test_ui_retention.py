"""Retention and history in the running app: pruning at start and per tick, a reconcile that
does not walk the history.

Real SQLite data dirs, a real connector on loopback, virtual printers on real TCP sockets,
real windows; the app's clock is passed in. Waits end on app callbacks, never sleeps.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from harness import TOKEN, WAIT, running, until

from kds import wire
from kds.app import KdsApp
from kds.connector.server import ConnectorServer
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings
from kds.store import KdsStore, open_store
from printing.config import PrintingConfig
from printing.emulator import PrinterEmulator

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def settings_for(port: int = 9, printer: PrinterEmulator | None = None) -> Settings:
    printing = None
    if printer is not None:
        printing = PrintingConfig.model_validate(
            {
                "printers": [
                    {
                        "name": "Kitchen",
                        "transport": "network",
                        "host": "127.0.0.1",
                        "port": printer.port,
                    }
                ],
                "default_printer": "Kitchen",
                "retry_initial_s": 0.05,
                "retry_cap_s": 0.2,
            }
        )
    return Settings.model_validate(
        {
            "device": {"name": "Counter", "printing": printer is not None},
            "connector": ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
            "monitors": [
                MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
            ],
            "printing": printing,
        }
    )


def order(number: int, created: datetime) -> dict[str, Any]:
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": created.isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Flammkuchen", "group": "mains", "quantity": "1"}],
    }


def apply(store: KdsStore, seq: int, when: datetime, kind: str, **fields: Any) -> None:
    text = json.dumps(
        {"type": kind, "seq": seq, "event_id": f"e{seq}", "occurred_at": when.isoformat()} | fields
    )
    event = wire.parse(text)
    assert not isinstance(event, wire.Welcome | wire.ProtocolErrorMessage)
    store.apply(event, text, when)


def held(store: KdsStore) -> list[str]:
    return [s.id for s in store.orders_open_or_changed_since(datetime.min.replace(tzinfo=UTC))]


def test_the_app_prunes_at_start_then_a_batch_per_tick_and_keeps_what_is_open(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with open_store(tmp_path) as store:
        store._conn.execute("PRAGMA synchronous = OFF")  # set-up speed only
        long_ago = NOW - timedelta(days=10)
        seq = 0
        for n in range(150):
            apply(store, seq := seq + 1, long_ago, "order.created", order=order(n, long_ago))
            apply(store, seq := seq + 1, long_ago, "order.status", order_id=f"webshop:{n}",
                  status="collected")  # fmt: skip
        apply(store, seq := seq + 1, long_ago, "order.created", order=order(900, long_ago))
        store.record_rejected(None, "{", "not valid JSON", long_ago)
    clock = [NOW]
    app = KdsApp(settings_for(), tmp_path, clock=lambda: clock[0])
    app.open()
    try:
        store = app.store
        assert store is not None
        # One batch ran at start, before the screens were filled.
        assert len(held(store)) == 51
        counter = app.window("Counter")
        assert counter.model.order_ids() == ["webshop:900"]
        assert not counter.rejected_label.isVisible()
        clock[0] += timedelta(seconds=1)
        app.tick()
        assert held(store) == ["webshop:900"]
        # Then nothing until the next hourly pass.
        closed_later = NOW - timedelta(days=9)
        apply(store, seq := seq + 1, closed_later, "order.status", order_id="webshop:900",
              status="collected")  # fmt: skip
        clock[0] += timedelta(seconds=1)
        app.tick()
        assert held(store) == ["webshop:900"]
        clock[0] += timedelta(hours=1)
        app.tick()
        assert held(store) == []
        assert store.last_seq() == seq
    finally:
        loop.run_until_complete(app.stop())


def test_a_restarted_printing_app_reconciles_open_and_recent_orders_not_the_history(
    loop: qasync.QEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "device"

    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        kitchen = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
        await kitchen.start()
        try:
            settings = settings_for(port, kitchen)
            # Three days ago this device got the printing role.
            granted = datetime.now(UTC) - timedelta(days=3)
            async with running(settings, data_dir, clock=lambda: granted) as app:
                await until(app, lambda: app.is_printing, "the app prints")
            # Since then: 200 orders, all collected (both logs hold them, as after a
            # normal day), and one order the device stored just before it died, before
            # the print service could queue its ticket.
            clog = server.connector_log
            clog._conn.execute("PRAGMA synchronous = OFF")  # set-up speed only
            seen = granted + timedelta(hours=1)
            for n in range(200):
                clog.append_order(wire.parse_order(order(n, seen)), seen)
                clog.append_status(
                    f"webshop:{n}", wire.OrderStatus.COLLECTED, station=None, line_ids=(),
                    device_id=None, occurred_at=seen,
                )  # fmt: skip
            clog.append_order(wire.parse_order(order(999, datetime.now(UTC))))
            with open_store(data_dir) as store:
                store._conn.execute("PRAGMA synchronous = OFF")  # set-up speed only
                while batch := clog.events_after(store.last_seq() or 0):
                    for stored in batch:
                        event = wire.parse(stored.text)
                        assert not isinstance(event, wire.Welcome | wire.ProtocolErrorMessage)
                        store.apply(event, stored.text, event.occurred_at)

            caplog.set_level(logging.INFO, logger="kds.app")
            async with running(settings, data_dir) as app:
                await until(app, lambda: app.is_printing, "the restarted app prints")
                (ticket,) = await kitchen.wait_for_jobs(1, WAIT)
                assert "#999" in ticket.text
            reconciled = [r.getMessage() for r in caplog.records if "reconciled" in r.msg]
            # Only the open order was handed to the print service, not the 200 of history.
            assert len(reconciled) == 1 and reconciled[0].startswith(
                "printing reconciled 1 order(s)"
            )
            assert len(kitchen.jobs) == 1
        finally:
            await kitchen.stop()
            await server.stop()

    loop.run_until_complete(scenario())
