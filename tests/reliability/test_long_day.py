"""A whole day at the pass: 3,000 orders from 10:00 to 22:00, bumped and collected, printed.

The connector and the app share one clock the test moves: each order arrives at its time,
the grill bumps it 4 to 20 minutes later (seeded, so every run is the same day: the grill's
station done and the order ready, the two statuses its device sends), the guest collects it
two minutes after that. The last forty orders of the night are still at the
pass when the day is checked: twenty ready on the pickup board, twenty still on the grill.

What must agree at the end, as the owner would check it: what the screens show, what the
kitchen printer put on paper (each order's ticket once), and the speed-of-service report
(`kds report`'s figures) against the day as it was played.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
import qasync
from harness import TOKEN, running, until
from suite_tally import Tally
from virtual_printers import number_of

from kds.connector.server import ConnectorServer
from kds.report import day_report
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from printing.config import PrintingConfig
from printing.emulator import PrinterEmulator

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),  # about 2 minutes here; a loaded CI machine takes longer
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

DAY = date(2026, 12, 1)
OPEN = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ORDERS = 3_000
EVERY = timedelta(hours=12) / ORDERS  # 14.4 s
LEFT_READY = 20
"""The last orders bumped but not collected yet when the day is checked."""
LEFT_COOKING = 20
"""The last orders not bumped yet."""
DUE_AFTER = timedelta(minutes=15)
WAIT = 120.0  # a safety net for the day to arrive; the waits end on the app's signals


class Clock:
    """The day's clock, shared by the connector (it stamps every event) and the app."""

    def __init__(self) -> None:
        self.now = OPEN

    def __call__(self) -> datetime:
        return self.now


def order(number: int, at: datetime) -> dict[str, Any]:
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": at.isoformat(),
        "fulfillment": {"type": "pickup", "asap": True, "due_at": (at + DUE_AFTER).isoformat()},
        "items": [{"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "1"}],
    }


def settings_for(port: int, kitchen: PrinterEmulator) -> Settings:
    printing = PrintingConfig.model_validate(
        {
            "printers": [
                {
                    "name": "Kitchen",
                    "transport": "network",
                    "host": "127.0.0.1",
                    "port": kitchen.port,
                }
            ],
            "routes": [{"name": "mains", "groups": ["mains"], "printers": ["Kitchen"]}],
        }
    )
    return Settings(
        device=DeviceSettings(name="Pass", printing=True),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=(Station(id="hot", name="Grill", groups=("mains",)),),
        monitors=(
            MonitorSettings(
                name="Grill", kind=MonitorKind.STATION, stations=("hot",), fullscreen=False
            ),
            MonitorSettings(
                name="Board", kind=MonitorKind.PICKUP, fullscreen=False, ready_shown_minutes=240
            ),
        ),
        printing=printing,
    )


def the_day() -> tuple[list[tuple[datetime, int, str]], dict[int, datetime], dict[int, timedelta]]:
    """Every action of the day in time order: (when, order number, what), with each order's
    arrival and how long the grill took."""
    rng = random.Random(20261201)
    arrived = {n: OPEN + (n - 1) * EVERY for n in range(1, ORDERS + 1)}
    took = {n: timedelta(seconds=rng.randint(4 * 60, 20 * 60)) for n in arrived}
    actions = [(at, n, "order") for n, at in arrived.items()]
    bumped = range(1, ORDERS - LEFT_COOKING + 1)
    collected = range(1, ORDERS - LEFT_COOKING - LEFT_READY + 1)
    actions.extend((arrived[n] + took[n], n, "bump") for n in bumped)
    # The grill's device bumps its last line: its station is done, and (the only station)
    # the order is ready, both sent at once, as the device sends them.
    actions.extend((arrived[n] + took[n], n, "ready") for n in bumped)
    actions.extend((arrived[n] + took[n] + timedelta(minutes=2), n, "collect") for n in collected)
    steps = ("order", "bump", "ready", "collect")
    actions.sort(key=lambda action: (action[0], action[1], steps.index(action[2])))
    return actions, arrived, {n: took[n] for n in bumped}


def test_a_day_of_3000_orders_agrees_on_screen_on_paper_and_in_the_report(
    loop: qasync.QEventLoop, tmp_path: Path, tally: Tally
) -> None:
    clock = Clock()
    actions, arrived, took = the_day()
    end = max(at for at, _, _ in actions) + timedelta(minutes=30)  # the open ones past due
    settings: list[Settings] = []

    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0, clock=clock)
        port = await server.start()
        kitchen = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
        await kitchen.start()
        headers = {"Authorization": f"Bearer {TOKEN}"}
        try:
            settings.append(settings_for(port, kitchen))
            async with (
                aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http,
                running(settings[0], tmp_path / "device", clock=clock) as app,
            ):
                for at, number, what in actions:
                    clock.now = at
                    path = f"/orders/{quote(f'webshop:{number}', safe='')}/status"
                    match what:
                        case "order":
                            request = http.post("/orders", json=order(number, at))
                        case "bump":
                            request = http.post(path, json={"status": "ready", "station": "hot"})
                        case "ready":
                            request = http.post(path, json={"status": "ready"})
                        case _:
                            request = http.post(path, json={"status": "collected"})
                    async with request as response:
                        assert response.status == 202, (what, number, await response.text())
                clock.now = end

                grill = app.window("Grill").model
                board = app.window("Board").pickup
                assert board is not None
                cooking = {str(n) for n in range(ORDERS - LEFT_COOKING + 1, ORDERS + 1)}
                ready = {
                    str(n)
                    for n in range(
                        ORDERS - LEFT_COOKING - LEFT_READY + 1, ORDERS - LEFT_COOKING + 1
                    )
                }

                def on_grill() -> set[str]:
                    return {s.order.display_id for s in grill.states()}

                def on_board() -> tuple[set[str], set[str]]:
                    preparing, done = board.numbers()
                    return {s.order.display_id for s in preparing}, {
                        s.order.display_id for s in done
                    }

                try:
                    await until(
                        app,
                        lambda: on_grill() == cooking and on_board() == (cooking, ready),
                        "the night's open orders on the grill and the board",
                        wait=WAIT,
                    )
                except AssertionError as timed_out:
                    preparing, done = on_board()
                    raise AssertionError(
                        f"{timed_out}: grill {sorted(on_grill())}, board preparing"
                        f" {sorted(preparing)}, ready {sorted(done)}"
                    ) from None
                await kitchen.wait_for_jobs(ORDERS, WAIT)
                service = app.print_service
                assert service is not None
                await until(
                    app,
                    lambda: all(job.state == "done" for job in service.jobs()),
                    "every ticket printed",
                    wait=WAIT,
                )
        finally:
            await kitchen.stop()
            await server.stop()

        on_paper = Counter(number_of(job) for job in kitchen.jobs)
        assert on_paper == Counter(range(1, ORDERS + 1))  # each order's ticket, once
        tally.orders_checked += ORDERS
        tally.lost += sum(1 for n in range(1, ORDERS + 1) if not on_paper[n])
        tally.doubled += sum(1 for n in on_paper if on_paper[n] > 1)
        tally.long_day_orders += ORDERS

    loop.run_until_complete(scenario())

    # The report, read from the data dir as `kds report` reads it, against the day as played.
    report = day_report(tmp_path / "device", settings[0], DAY, end)
    spans = sorted(took.values())
    late = sum(1 for span in spans if span > DUE_AFTER) + LEFT_COOKING  # still open past due
    assert (report.orders, report.late) == (ORDERS, late)
    whole = report.row()
    assert whole is not None
    assert whole.stat.count == len(spans)
    assert whole.stat.average == sum(spans, timedelta(0)) / len(spans)
    assert whole.stat.p90 == spans[math.ceil(0.9 * len(spans)) - 1]
    grill_row = report.row("hot")
    assert grill_row is not None  # one station: its bump is the order's ready, the same figures
    assert grill_row.stat == replace(whole.stat, late=whole.stat.late - LEFT_COOKING)
    # Hour by hour (local time, as the report): the orders that arrived then, how long they took.
    for hour in {at.astimezone().hour for at in (arrived[1], arrived[1500], arrived[ORDERS])}:
        row = report.row(None, hour)
        assert row is not None
        theirs = [
            took[n] for n, at in arrived.items() if at.astimezone().hour == hour and n in took
        ]
        assert (row.stat.count, row.stat.average) == (
            len(theirs),
            sum(theirs, timedelta(0)) / len(theirs),
        )
