"""Printing exactly once while the printing device is killed again and again.

The real `kds run` (offscreen) prints 300 orders' kitchen tickets on a virtual printer on
TCP while it is SIGKILLed ten times at random moments (mid-stream: while events arrive,
while tickets print) and started again on its data dir. Every tenth order is for a few
seconds later: held, then released (most of them by an app started again) and printed.
Afterwards every order's ticket is on paper exactly once, an order for later not before its
time; the one repeat allowed is a copy marked REPRINT, sent again after a kill left a
ticket between "sent" and "confirmed".
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from suite_tally import Tally
from test_crash_guarantees import TOKEN, Proc, Procs, procs
from virtual_printers import is_late_slip, number_of

from printing.emulator import EmulatedJob, PrinterEmulator

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

__all__ = ["procs"]  # the crash suite's fixture: every process it started is killed at the end

ORDERS = 300
KILLS = 10
RELEASE_AFTER = timedelta(seconds=3)
"""Orders for later start this long after they are posted: most are released by an app
started again after a kill."""
WAIT = 90.0  # a safety net for one expected change on a busy 2-core machine; never a sleep


def order(n: int, prepare_at: datetime | None = None) -> dict[str, Any]:
    fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
    if prepare_at is not None:  # an order for later: held, then released and printed
        fulfillment = {
            "type": "pickup",
            "asap": False,
            "prepare_at": prepare_at.isoformat(),
            "due_at": (prepare_at + timedelta(minutes=20)).isoformat(),
        }
    return {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(n),
        "source": "webshop",
        "revision": 1,
        "created_at": "2026-12-01T12:00:00+01:00",
        "fulfillment": fulfillment,
        "items": [{"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "1"}],
    }


def config(connector_port: int, printer_port: int) -> str:
    return f"""
[device]
name = "Pass"
printing = true

[connector]
url = "ws://127.0.0.1:{connector_port}/kds"
token = "{TOKEN}"

[[stations]]
id = "hot"
name = "Hot"
groups = ["mains"]

[[monitors]]
name = "Hot"
stations = ["hot"]
fullscreen = false
mute = true

[[printing.printers]]
name = "Kitchen"
transport = "network"
host = "127.0.0.1"
port = {printer_port}

[[printing.routes]]
name = "mains"
groups = ["mains"]
printers = ["Kitchen"]
"""


def order_on(job: EmulatedJob) -> int | None:
    """The order number on a kitchen ticket; None for a LATE slip."""
    return None if is_late_slip(job) else number_of(job)


async def test_every_ticket_prints_once_while_the_printing_app_is_killed_ten_times(
    tmp_path: Path, procs: Procs, tally: Tally
) -> None:
    rng = random.Random(20261201)
    kitchen = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
    await kitchen.start()
    apps: list[Proc] = []
    try:
        _, port = await procs.connector(tmp_path / "connector")
        config_file = tmp_path / "kds.toml"
        config_file.write_text(config(port, kitchen.port), encoding="utf-8")
        app_args = ["-m", "kds", "run", "--config", str(config_file), "--data-dir",
                    str(tmp_path / "device")]  # fmt: skip

        async def app() -> Proc:
            proc = await procs.start("app", app_args)
            apps.append(proc)
            return proc

        def printed() -> set[int]:
            return {n for job in kitchen.jobs if (n := order_on(job)) is not None}

        async def until_printed(count: int) -> None:
            async with asyncio.timeout(WAIT):
                while len(printed()) < count:
                    await kitchen.wait_for_jobs(len(kitchen.jobs) + 1, WAIT)

        running = await app()
        kills = sorted(rng.sample(range(10, ORDERS - 10), KILLS))
        later: dict[int, datetime] = {}  # every 10th order is for a few seconds later
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:
            for n in range(1, ORDERS + 1):
                if n % 10 == 0:
                    later[n] = datetime.now(UTC) + RELEASE_AFTER
                async with http.post("/orders", json=order(n, later.get(n))) as response:
                    assert response.status == 202
                if kills and n == kills[0]:
                    kills.pop(0)
                    if rng.random() < 0.5:
                        # Right after a ticket came out: the next one may be on its way.
                        await until_printed(len(printed()) + 1)
                    # (else: wherever it is, starting, catching up, or printing)
                    assert await running.exit(signal.SIGKILL) == -signal.SIGKILL
                    running = await app()
            await until_printed(ORDERS)
        assert await running.exit(signal.SIGTERM) == 0
    finally:
        await kitchen.stop()

    assert len(apps) == KILLS + 1
    plain = Counter(
        order_on(job) for job in kitchen.jobs if "REPRINT" not in job.text and order_on(job)
    )
    assert plain == Counter(range(1, ORDERS + 1)), "a ticket lost or printed twice unmarked"
    repeats = [order_on(job) for job in kitchen.jobs if "REPRINT" in job.text]
    # Only a ticket a kill caught between sent and confirmed comes again, marked.
    assert len(repeats) <= KILLS, repeats
    # Orders for later printed once too, at their time: held across the kills, not before.
    for job in kitchen.jobs:
        n = order_on(job)
        if n in later and "REPRINT" not in job.text:
            assert job.printed_at >= later[n], (n, job.printed_at, later[n])
    tally.kills_survived += KILLS
    tally.orders_checked += ORDERS
    print(f"\n{len(kitchen.jobs)} jobs on paper, {len(repeats)} marked REPRINT: {repeats}")
