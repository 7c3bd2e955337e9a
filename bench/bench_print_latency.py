"""Benchmark: order stored -> ticket bytes received at the printer, against a raw socket send.

For each of N orders the device path is timed from just before the store commit to the
moment the virtual printer (a real TCP socket, in its own thread) has received the ticket:
store.apply -> PrintService.handle -> spooler (status check, send, status check). The
baseline, measured in the same run against the same printer, sends the same rendered bytes
over a fresh raw socket. The figures and the ratio are printed; the target is p99 <= 50 ms.

    .venv/bin/python bench/bench_print_latency.py [--orders N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", tempfile.mkdtemp(prefix="kds-escpos-"))

from kds import wire
from kds.store import open_store
from printing.config import PrintingConfig
from printing.emulator import EmulatorThread
from printing.render import TicketRequest, render
from printing.service import PrintService

sys.path.insert(0, str(Path(__file__).parent))

import record

TARGET_P99_MS = 50.0
RUNS = 3


def make_order(n: int, now: datetime) -> wire.Order:
    return wire.parse_order(
        {
            "id": f"bench:{n}",
            "external_id": str(n),
            "display_id": str(100 + n),
            "source": "webshop",
            "revision": 1,
            "created_at": now.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [
                {
                    "line_id": "1",
                    "name": "Käsespätzle",
                    "group": "mains",
                    "quantity": "2",
                    "modifiers": [{"name": "Röstzwiebeln", "action": "add", "quantity": "1"}],
                    "allergens": ["Gluten", "Milch"],
                },
                {"line_id": "2", "name": "Crème brûlée", "group": "desserts", "quantity": "1"},
            ],
        }
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<28} n={len(values):<4} p50={percentile(values, 50):6.2f} ms  "
        f"p90={percentile(values, 90):6.2f} ms  p99={percentile(values, 99):6.2f} ms  "
        f"max={max(values):6.2f} ms  mean={statistics.fmean(values):6.2f} ms"
    )


async def measure(orders: int, data_dir: Path) -> tuple[list[float], list[float]]:
    device: list[float] = []
    raw: list[float] = []
    with EmulatorThread("Kitchen", None, control_port=None) as emu:
        kitchen = {"name": "Kitchen", "transport": "network", "host": "127.0.0.1", "port": emu.port}
        config = PrintingConfig.model_validate(
            {"printers": [kitchen], "default_printer": "Kitchen"}
        )
        store = open_store(data_dir, "bench")
        service = PrintService(config, data_dir, lambda: datetime.now(UTC))
        await service.start()
        try:
            for n in range(1, orders + 1):
                now = datetime.now(UTC)
                order = make_order(n, now)
                event = wire.OrderCreated(seq=n, event_id=f"e{n}", occurred_at=now, order=order)
                started = datetime.now(UTC)
                applied = store.apply(event, wire.dump(event), started)
                assert applied.state is not None
                service.handle(order, False, None, applied.state.first_seen_at)
                jobs = await asyncio.to_thread(emu.wait_for_jobs, 2 * n - 1, 10.0)
                device.append((jobs[-1].received_at - started).total_seconds() * 1000)

                ticket = render(
                    TicketRequest(
                        template="kitchen",
                        order=order,
                        items=order.items,
                        printer_name="Kitchen",
                        printed_at=now,
                    ),
                    config.printers[0].printer_options(),
                )
                started = datetime.now(UTC)
                with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as sock:
                    sock.sendall(ticket.data)
                jobs = await asyncio.to_thread(emu.wait_for_jobs, 2 * n, 10.0)
                raw.append((jobs[-1].received_at - started).total_seconds() * 1000)
        finally:
            await service.stop()
            store.close()
    return device, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    args = parser.parse_args()
    runs = []
    for n in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="kds-bench-") as tmp:
            device, raw = asyncio.run(measure(args.orders, Path(tmp)))
        print(f"run {n + 1}:")
        print("  " + summary("raw socket send (baseline)", raw))
        print("  " + summary("order stored -> printer", device))
        runs.append((percentile(device, 50), percentile(device, 99), percentile(raw, 99)))
    p50 = statistics.median(r[0] for r in runs)
    p99 = statistics.median(r[1] for r in runs)
    base = statistics.median(r[2] for r in runs)
    print(f"median of {RUNS}: order stored -> printer p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    print(f"ratio p99 device/baseline: {p99 / base:.1f}x")
    met = p99 <= TARGET_P99_MS
    print(f"target p99 <= {TARGET_P99_MS:.0f} ms: {'meets' if met else 'MISSES'} ({p99:.2f} ms)")
    figures = {"orders_per_run": args.orders, "raw_send_p99_ms": round(base, 2)}
    figures |= {"p50_ms": round(p50, 2), "p99_ms": round(p99, 2), "ratio_p99": round(p99 / base, 1)}
    record.append("print_latency", figures, f"p99 <= {TARGET_P99_MS:.0f} ms", met)


if __name__ == "__main__":
    main()
