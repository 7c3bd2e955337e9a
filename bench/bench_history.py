"""Benchmark: start and per-order cost with 1,000 vs 100,000 orders of history in the data dir.

For each size a data dir is built: N finished orders (two thirds collected, one third
cancelled) spread over the seven days before the printing window, each with its events,
its print record and its printed ticket in the spool, plus 50 open orders of the last
hour, printed. Rows are written in batches through the store's own write path (set-up
only, without fsync). Then both data dirs are measured in turns (so machine noise hits
both alike), in-process, with a virtual printer on a real TCP socket:

* start: open the store, restore the visible orders, start the print service and
  reconcile printing: the calls `KdsApp.open` and the printing start make, in-process;
* per order: one new order end to end on the loop (store.apply, committed, then
  PrintService.handle queueing its ticket), then waiting, untimed, for it to print;
* prune batch: one retention batch of the store and of the spool with every history
  order past the retention time (the set-up is destroyed by this, so it runs last).

The figures and the ratios 100k/1k are printed; the target is a ratio <= 1.3 (the cost
does not grow with history).

    .venv/bin/python bench/bench_history.py [--small 1000] [--large 100000] [--orders 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", tempfile.mkdtemp(prefix="kds-escpos-"))

from kds import wire
from kds.domain.orders import WHOLE_ORDER, OrderState
from kds.domain.retention import Retention
from kds.store import PRUNE_BATCH, KdsStore, open_store
from printing.config import PrintingConfig
from printing.emulator import EmulatorThread
from printing.jobs import TicketJob
from printing.service import SPOOL_FILE, PrintService

sys.path.insert(0, str(Path(__file__).parent))

import record

TARGET_RATIO = 1.3
OPEN_ORDERS = 50
BATCH = 5000
STARTS = 7
ROUNDS = 5


def make_order(n: int, created: datetime) -> wire.Order:
    return wire.parse_order(
        {
            "id": f"bench:{n}",
            "external_id": str(n),
            "display_id": str(n % 1000),
            "source": "webshop",
            "revision": 1,
            "created_at": created.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [
                {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"},
                {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
            ],
        }
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Figures:
    history: int
    start_ms: list[float]
    order_ms: list[float]
    prune_store_ms: float
    prune_spool_ms: float


def build_history(store: KdsStore, spool: Path, count: int, now: datetime) -> int:
    """Write `count` finished orders with their events and print records; the last seq."""
    template = make_order(0, now)
    first = now - timedelta(days=7)
    span = timedelta(days=7) - timedelta(hours=7)  # all before the printing window
    store._conn.execute("PRAGMA synchronous = OFF")
    spool_db = sqlite3.connect(spool, isolation_level=None)
    spool_db.execute("PRAGMA synchronous = OFF")
    seq = 0
    for start in range(0, count, BATCH):
        events, records, jobs = [], [], []
        with store._transaction() as conn:
            for n in range(start, min(start + BATCH, count)):
                seen = first + span * (n / count)
                order = template.model_copy(
                    update={"id": f"bench:{n}", "display_id": str(n % 1000), "created_at": seen}
                )
                state = OrderState(order=order, first_seen_at=seen, updated_at=seen)
                closed = seen + timedelta(minutes=20)
                if n % 3:
                    state = replace(
                        state,
                        status=MappingProxyType({WHOLE_ORDER: wire.OrderStatus.COLLECTED}),
                        updated_at=closed,
                    )
                    second = ("order.status", {"order_id": order.id, "status": "collected"})
                else:
                    state = replace(state, cancelled=True, cancelled_at=closed, updated_at=closed)
                    second = ("order.cancelled", {"order_id": order.id})
                order_json = wire.dump(order)
                seq += 2
                KdsStore._write_order(conn, state, seq - 1)
                head = {"seq": seq - 1, "event_id": f"e{seq - 1}", "occurred_at": seen.isoformat()}
                created = json.dumps({"type": "order.created", **head})[:-1]
                events.append(
                    (seq - 1, "order.created", f"e{seq - 1}", f'{created}, "order": {order_json}}}',
                     seen.isoformat(), "created", order.id)
                )  # fmt: skip
                events.append(
                    (seq, second[0], f"e{seq}", json.dumps({"type": second[0], "seq": seq,
                     "event_id": f"e{seq}", "occurred_at": closed.isoformat(), **second[1]}),
                     closed.isoformat(), "status" if n % 3 else "cancelled", order.id)
                )  # fmt: skip
                tickets = [{"printer": "Kitchen", "template": "kitchen", "station": None,
                            "line_ids": ["1", "2"], "copies": 1}]  # fmt: skip
                records.append(
                    (order.id, order.display_id, seen.isoformat(), "printing", 1, order_json,
                     json.dumps(tickets), "[]")
                )  # fmt: skip
                payload = TicketJob(order=order, line_ids=("1", "2"), copies=1).model_dump_json()
                jobs.append(
                    (order.id, "Kitchen", "kitchen", order.display_id, payload, seen.isoformat(),
                     (seen + timedelta(seconds=2)).isoformat())
                )  # fmt: skip
            conn.executemany(
                "INSERT INTO events (seq, type, event_id, raw, applied_at, outcome, order_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                events,
            )
            KdsStore._set_meta(conn, "last_seq", str(seq))
        spool_db.execute("BEGIN")
        spool_db.executemany(
            "INSERT INTO print_orders (order_id, display_id, first_seen_at, outcome, revision,"
            " order_json, tickets_json, unrouted_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
        spool_db.executemany(
            "INSERT INTO jobs (order_id, revision, printer, template, copy, display_id, kind,"
            " payload, state, target, confirmed, created_at, done_at)"
            " VALUES (?, 1, ?, ?, 1, ?, 'ticket', ?, 'done', 'Kitchen', 1, ?, ?)",
            jobs,
        )
        spool_db.execute("COMMIT")
    spool_db.close()
    store._conn.execute("PRAGMA synchronous = FULL")
    return seq


async def settle(service: PrintService, order_id: str) -> None:
    """Wait (untimed) until the order's jobs are printed; a benchmark may poll."""
    while not all(job.state == "done" for job in service.jobs(order_id)):
        await asyncio.sleep(0.001)


async def new_order(store: KdsStore, service: PrintService, seq: int, n: int) -> float:
    """One order end to end (store, then print queue); milliseconds."""
    now = datetime.now(UTC)
    order = make_order(n, now)
    event = wire.OrderCreated(seq=seq, event_id=f"e{seq}", occurred_at=now, order=order)
    text = wire.dump(event)
    started = time.perf_counter()
    applied = store.apply(event, text, now)
    assert applied.state is not None
    service.handle(order, False, None, applied.state.first_seen_at)
    elapsed = (time.perf_counter() - started) * 1000
    await settle(service, order.id)
    return elapsed


@dataclass
class DataDir:
    history: int
    path: Path
    seq: int = 0
    next_order: int = 0


def config_for(port: int) -> PrintingConfig:
    return PrintingConfig.model_validate(
        {
            "printers": [
                {"name": "Kitchen", "transport": "network", "host": "127.0.0.1", "port": port}
            ],
            "default_printer": "Kitchen",
            "idle_check_s": 0,
        }
    )


def clock() -> datetime:
    return datetime.now(UTC)


async def prepare(data: DataDir, config: PrintingConfig) -> None:
    """The history, then the open orders (printed) of the last hour."""
    store = open_store(data.path, "bench")
    service = PrintService(config, data.path, clock)
    await service.start()  # creates the spool's tables
    await service.stop()
    data.seq = build_history(store, data.path / SPOOL_FILE, data.history, clock())
    data.next_order = data.history
    service = PrintService(config, data.path, clock)
    await service.start()
    await new_orders(data, store, service, OPEN_ORDERS)
    await service.stop()
    store.close()


async def new_orders(
    data: DataDir, store: KdsStore, service: PrintService, count: int
) -> list[float]:
    timings = []
    for _ in range(count):
        data.seq += 1
        data.next_order += 1
        timings.append(await new_order(store, service, data.seq, data.next_order))
    return timings


async def start_once(data: DataDir, config: PrintingConfig) -> float:
    """What a start costs: store, visible orders, print service, reconcile; milliseconds."""
    started = time.perf_counter()
    store = open_store(data.path, "bench")
    now = clock()
    visible = store.orders(now=now)
    service = PrintService(config, data.path, clock)
    await service.start()
    recent = now - timedelta(hours=config.max_order_age_h)
    for state in store.orders_open_or_changed_since(recent):
        service.handle(state.order, state.cancelled, state.cancel_reason, state.first_seen_at)
    elapsed = (time.perf_counter() - started) * 1000
    assert len(visible) == OPEN_ORDERS, len(visible)
    await service.stop()
    store.close()
    return elapsed


async def orders_once(data: DataDir, config: PrintingConfig, count: int) -> list[float]:
    store = open_store(data.path, "bench")
    service = PrintService(config, data.path, clock)
    await service.start()
    try:
        return await new_orders(data, store, service, count)
    finally:
        await service.stop()
        store.close()


async def prune_once(data: DataDir, config: PrintingConfig) -> tuple[float, float]:
    """One retention batch of the store and of the spool, a month later; milliseconds."""
    store = open_store(data.path, "bench")
    service = PrintService(config, data.path, clock)
    await service.start()
    later = clock() + timedelta(days=30)
    before = Retention().cutoff(later.astimezone())
    started = time.perf_counter()
    pruned = store.prune(later, before)
    store_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    forgotten, _jobs = service.prune(before, PRUNE_BATCH)
    spool_ms = (time.perf_counter() - started) * 1000
    assert pruned.orders == forgotten == PRUNE_BATCH, (pruned, forgotten)
    await service.stop()
    store.close()
    return store_ms, spool_ms


async def measure(sizes: list[DataDir], port: int, orders: int) -> list[Figures]:
    """Set up every data dir, then measure them in turns (machine noise hits all alike)."""
    config = config_for(port)
    for data in sizes:
        built = time.perf_counter()
        await prepare(data, config)
        print(f"set up {data.history:,} orders in {time.perf_counter() - built:.0f} s", flush=True)
    figures = {data.history: Figures(data.history, [], [], 0.0, 0.0) for data in sizes}
    for _ in range(STARTS):
        for data in sizes:
            figures[data.history].start_ms.append(await start_once(data, config))
    for _ in range(ROUNDS):
        for data in sizes:
            timings = await orders_once(data, config, orders // ROUNDS)
            figures[data.history].order_ms.extend(timings)
    for data in sizes:
        found = figures[data.history]
        found.prune_store_ms, found.prune_spool_ms = await prune_once(data, config)
    return list(figures.values())


def report(figures: Figures) -> str:
    start, order = figures.start_ms, figures.order_ms
    return (
        f"{figures.history:>7,} orders of history: start median {statistics.median(start):7.2f} ms"
        f" (min {min(start):.2f});  per order p50 {percentile(order, 50):6.2f} ms"
        f" p90 {percentile(order, 90):6.2f} ms;  prune batch ({PRUNE_BATCH} orders)"
        f" store {figures.prune_store_ms:5.2f} ms, spool {figures.prune_spool_ms:5.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=100, help="new orders timed per size")
    args = parser.parse_args()
    with (
        EmulatorThread("Kitchen", None, control_port=None) as emu,
        tempfile.TemporaryDirectory(prefix="kds-bench-history-") as tmp,
    ):
        sizes = [DataDir(n, Path(tmp) / str(n)) for n in (args.small, args.large)]
        results = asyncio.run(measure(sizes, emu.port, args.orders))
    for figures in results:
        print(report(figures))
    small, large = results
    ratios = {
        "start (median)": statistics.median(large.start_ms) / statistics.median(small.start_ms),
        "per order (p50)": percentile(large.order_ms, 50) / percentile(small.order_ms, 50),
    }
    figures = {
        "small": small.history,
        "large": large.history,
        "start_small_ms": round(statistics.median(small.start_ms), 2),
        "start_large_ms": round(statistics.median(large.start_ms), 2),
        "order_p50_small_ms": round(percentile(small.order_ms, 50), 3),
        "order_p50_large_ms": round(percentile(large.order_ms, 50), 3),
        "ratio_start": round(ratios["start (median)"], 2),
        "ratio_order": round(ratios["per order (p50)"], 2),
    }
    met = all(ratio <= TARGET_RATIO for ratio in ratios.values())
    record.append("history", figures, f"large / small <= {TARGET_RATIO} x", met)
    for name, ratio in ratios.items():
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"ratio {large.history:,}/{small.history:,} {name}: {ratio:.2f}x ({verdict} <= "
              f"{TARGET_RATIO}x)")  # fmt: skip


if __name__ == "__main__":
    main()
