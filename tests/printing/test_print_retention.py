"""Retention in the print spool, and the unrouted lines kept as orders are handled.

Real spool files in tmp_path, virtual printers on real TCP sockets, a clock passed in (days
pass in microseconds); waits end on printed jobs or the service's change callback.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from printing.config import PrintingConfig
from printing.emulator import Fault, PrinterEmulator
from printing.jobs import TicketJob
from printing.service import PrintService
from printing.spooler import JobSpec, Spooler, SpoolPrinter
from printing.transports.network import NetworkTransport

WAIT = 10.0
T0 = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Watch:
    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        self.event.set()

    async def until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT):
            while not condition():
                self.event.clear()
                await self.event.wait()


def line(line_id: str, name: str, group: str, quantity: str = "1") -> dict[str, Any]:
    return {"line_id": line_id, "name": name, "group": group, "quantity": quantity}


BURGER = line("l1", "Burger", "grill")
COLA = line("l2", "Cola", "drinks")
TIRAMISU = line("l9", "Tiramisu", "sweets")


def make_order(
    number: int, items: list[dict[str, Any]], created: datetime, revision: int = 1, **extra: Any
) -> wire.Order:
    return wire.parse_order(
        {
            "id": f"webshop:{number}",
            "external_id": str(number),
            "display_id": str(number),
            "source": "webshop",
            "revision": revision,
            "created_at": created.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True, **extra},
            "items": items,
        }
    )


@pytest.fixture
async def kitchen() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bar() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Bar", None, control_port=None, codepage="cp858")
    await emulator.start()
    yield emulator
    await emulator.stop()


def config_for(kitchen: PrinterEmulator, bar: PrinterEmulator) -> PrintingConfig:
    return PrintingConfig.model_validate(
        {
            "printers": [
                {
                    "name": "Kitchen",
                    "transport": "network",
                    "host": "127.0.0.1",
                    "port": kitchen.port,
                },
                {"name": "Bar", "transport": "network", "host": "127.0.0.1", "port": bar.port},
            ],
            "routes": [
                {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"]},
                {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
            ],
            "retry_initial_s": 0.05,
            "retry_cap_s": 0.2,
        }
    )


def settled(service: PrintService, *order_ids: str) -> bool:
    return all(
        job.state in ("done", "cancelled")
        for order_id in order_ids
        for job in service.jobs(order_id)
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_spooler_prune_removes_printed_and_cancelled_jobs_never_unprinted_ones(
    tmp_path: Path,
) -> None:
    transport = NetworkTransport("127.0.0.1", closed_port(), connect_timeout=1, write_timeout=1)
    spooler = Spooler(
        tmp_path / "spool.sqlite",
        [SpoolPrinter("Kitchen", transport)],
        lambda job, printer, banners: b"",
        clock=lambda: T0,
    )
    state_of = {"o1": "done", "o2": "cancelled", "o3": "queued", "o4": "sending", "o5": "failed"}
    for order_id, state in state_of.items():
        order = make_order(int(order_id[1:]), [BURGER], T0).model_copy(update={"id": order_id})
        ticket = TicketJob(order=order, line_ids=("l1",), copies=1)
        (job_id,) = spooler.enqueue(
            [JobSpec(printer="Kitchen", template="kitchen", payload=ticket)]
        )
        spooler.db.execute("UPDATE jobs SET state = ? WHERE id = ?", (state, job_id))

    assert spooler.prune(list(state_of)) == 2

    assert {job.order_id: job.state for job in spooler.jobs()} == {
        "o3": "queued",
        "o4": "sending",
        "o5": "failed",
    }
    spooler.db.close()


async def test_old_printed_orders_are_forgotten_unless_waiting_or_for_later(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    clock, watch = Clock(T0), Watch()
    service = PrintService(config_for(kitchen, bar), tmp_path, clock, on_change=watch)
    await service.start()
    try:
        printed = make_order(1, [BURGER], T0 - timedelta(minutes=5))
        pre_order = make_order(
            2, [BURGER], T0, asap=False, due_at=(T0 + timedelta(days=10)).isoformat()
        )
        service.handle(printed, False, None, T0)
        service.handle(pre_order, False, None, T0)
        await kitchen.wait_for_jobs(2, WAIT)
        bar.set_fault(Fault.PAPER_OUT)
        waiting = make_order(3, [COLA], T0)
        service.handle(waiting, False, None, T0)
        await watch.until(lambda: service.snapshot()[1].problem == "paper out")
        clock.now = T0 + timedelta(days=1)
        newer = make_order(4, [BURGER], clock.now)
        service.handle(newer, False, None, clock.now)
        await kitchen.wait_for_jobs(3, WAIT)
        await watch.until(lambda: settled(service, printed.id, pre_order.id, newer.id))

        clock.now = T0 + timedelta(days=9)
        before = T0 + timedelta(hours=12)
        assert service.prune(before, 100) == (1, 1)

        assert service.jobs(printed.id) == []
        assert [j.state for j in service.jobs(pre_order.id)] == ["done"]
        assert [j.state for j in service.jobs(waiting.id)] == ["queued"]
        assert [j.state for j in service.jobs(newer.id)] == ["done"]
        # A late update of a forgotten order is too old to print: no full ticket again.
        service.handle(
            make_order(1, [{**BURGER, "quantity": "2"}], T0, revision=2), False, None, T0
        )
        assert service.jobs(printed.id) == []

        # Once the waiting ticket is on paper, its order goes at the next pass.
        bar.set_fault(None)
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service, waiting.id))
        assert service.prune(before, 100) == (2, 1)  # and the skipped update's record
        assert service.jobs(waiting.id) == []
    finally:
        await service.stop()
    assert len(kitchen.jobs) == 3


async def test_pruning_the_spool_runs_in_batches(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    clock, watch = Clock(T0), Watch()
    service = PrintService(config_for(kitchen, bar), tmp_path, clock, on_change=watch)
    await service.start()
    try:
        orders = [make_order(n, [BURGER], T0) for n in range(1, 6)]
        for order in orders:
            service.handle(order, False, None, T0)
        await kitchen.wait_for_jobs(5, WAIT)
        await watch.until(lambda: settled(service, *(o.id for o in orders)))
        before = T0 + timedelta(days=1)
        assert [service.prune(before, 2) for _ in range(4)] == [(2, 2), (2, 2), (1, 1), (0, 0)]
        assert service.jobs() == []
    finally:
        await service.stop()


async def test_unrouted_lines_are_kept_as_orders_are_handled_not_read_each_tick(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock, watch = Clock(T0), Watch()
    config = config_for(kitchen, bar)
    service = PrintService(config, tmp_path, clock, on_change=watch)
    await service.start()
    try:
        first = make_order(1, [BURGER, TIRAMISU], T0)
        service.handle(first, False, None, T0)
        service.handle(make_order(2, [COLA, TIRAMISU], T0), False, None, T0)
        calls = watch.calls
        statements: list[str] = []
        service.spooler.db.set_trace_callback(statements.append)
        assert service.unrouted_lines() == [("1", "Tiramisu"), ("2", "Tiramisu")]
        service.spooler.db.set_trace_callback(None)
        assert statements == []  # from memory: nothing read per tick
        # An update that drops the line, and a cancellation, take them off (and say so).
        service.handle(make_order(1, [BURGER], T0, revision=2), False, None, T0)
        assert service.unrouted_lines() == [("2", "Tiramisu")]
        assert watch.calls > calls
        await watch.until(lambda: settled(service, first.id))
    finally:
        await service.stop()

    # After a restart they are back, read with an index search over those orders only.
    service = PrintService(config, tmp_path, clock, on_change=watch)
    statements = []
    real_connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    try:
        await service.start()
    finally:
        monkeypatch.undo()
    try:
        service.spooler.db.set_trace_callback(None)
        assert service.unrouted_lines() == [("2", "Tiramisu")]
        load = [s for s in statements if "unrouted_json FROM print_orders" in s]
        (plan,) = [
            row[3] for s in load for row in service.spooler.db.execute(f"EXPLAIN QUERY PLAN {s}")
        ]
        assert "USING INDEX print_orders_unrouted" in plan
        # Older than max_order_age_h: too old to print, no longer shown.
        clock.now = T0 + timedelta(hours=config.max_order_age_h, minutes=1)
        assert service.unrouted_lines() == []
        service.handle(make_order(2, [COLA, TIRAMISU], T0), True, None, T0)
        assert (
            json.loads(
                service.spooler.db.execute(
                    "SELECT unrouted_json FROM print_orders WHERE order_id = 'webshop:2'"
                ).fetchone()[0]
            )
            == []
        )
    finally:
        await service.stop()
