"""Benchmark: the device's memory after 10,000 orders over a simulated day, against 1,000.

A device process (the real app pieces: KdsApp on qasync with its store, client, the demo's
two monitors on two offscreen 1280x800 screens, the collector policy of `kds run`) is fed
by a scripted connector in this process: a websocket server on loopback that answers its
hello and sends a day of events, ORDERS orders (one every 8.6 s of the day) each collected
20 minutes after it came, so about 140 are open at any time, a chunk of 20 frames at a
time, each chunk once the device has acked the one before (as a live stream arrives). The
device's clock is the time of the newest event it has taken (a parameter of KdsApp, so a
day passes in seconds) and its 1 s tick runs once per simulated minute. Its retention
keeps only the current business day (keep_days 0, days start at 04:00): orders collected
before the day's start are archived (one `order_history` row each) and leave the store
with their events, as the real app's hourly pruning does. The day starts at 10:00 UTC, so
the last six hours run after the next day's start. Not covered: printing (the device does
not take the printing role) and the connector's own process.

The device's resident memory (VmRSS) is read after the first 1,000 orders (the baseline,
same run, same process) and after 10,000; the ratio is the result. Median of three runs,
each in a fresh process; the target is a ratio <= 1.5.

    .venv/bin/python bench/bench_memory.py [--orders N]
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import offscreen
import record
from bench_replay import order

RUNS = 3
TARGET_RATIO = 1.5
BASELINE_ORDERS = 1_000
DAY_START = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
DAY = timedelta(hours=24)
OPEN_FOR = timedelta(minutes=20)
CHUNK = 20
MILESTONES = (1_000, 2_000, 5_000, 10_000)


def day_events(count: int) -> Iterator[dict[str, Any]]:
    """The day's frames in time order: each order's creation, and its collection later."""
    step = DAY / count
    later: list[tuple[datetime, int]] = []  # (collected at, order number)
    seq = 0

    def frame(at: datetime, body: dict[str, Any]) -> dict[str, Any]:
        nonlocal seq
        seq += 1
        return {"seq": seq, "event_id": f"e{seq}", "occurred_at": at.isoformat()} | body

    for n in range(1, count + 1):
        created = DAY_START + n * step
        while later and later[0][0] <= created:
            at, done = heapq.heappop(later)
            body = {"type": "order.status", "order_id": f"bench:{done}", "status": "collected"}
            yield frame(at, body)
        yield frame(created, {"type": "order.created", "order": order(n, created)})
        heapq.heappush(later, (created + OPEN_FOR, n))
    while later:
        at, done = heapq.heappop(later)
        body = {"type": "order.status", "order_id": f"bench:{done}", "status": "collected"}
        yield frame(at, body)


async def scripted_connector(count: int) -> list[dict[str, Any]]:
    """Serve one day to one device process; its reports (one per milestone)."""
    from websockets.asyncio.server import ServerConnection, serve
    from websockets.exceptions import ConnectionClosed

    async def session(ws: ServerConnection) -> None:
        json.loads(await ws.recv())  # hello
        welcome = {"type": "welcome", "protocol": 1, "connector_id": "bench", "last_seq": 0}
        await ws.send(json.dumps(welcome))
        chunk: list[int] = []
        try:
            for event in day_events(count):
                await ws.send(json.dumps(event, ensure_ascii=False))
                chunk.append(event["seq"])
                if len(chunk) == CHUNK:
                    await _acked(ws, chunk[-1])
                    chunk = []
        except ConnectionClosed:
            pass  # the device stops after its last order: the day's last collections are moot

    async with serve(session, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        child = await asyncio.create_subprocess_exec(
            *(sys.executable, __file__, "--child", f"ws://127.0.0.1:{port}", str(count)),
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None
        output = (await child.stdout.read()).decode()
        if await child.wait() != 0:
            raise RuntimeError(f"the device process failed: {output[-2000:]}")
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


async def _acked(ws: Any, seq: int) -> None:
    while True:
        message = json.loads(await ws.recv())
        if message.get("type") == "ack" and message["seq"] >= seq:
            return


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def child(url: str, count: int) -> None:
    """The device: the app pieces on qasync, fed by the scripted connector at `url`."""
    with tempfile.TemporaryDirectory(prefix="kds-bench-memory-") as tmp:
        root = Path(tmp)
        platform = offscreen.two_screens(root)
        os.environ["QT_QPA_PLATFORM"] = platform
        import qasync
        from PySide6.QtWidgets import QApplication

        from kds.app import KdsApp
        from kds.gc_policy import settled_after_start
        from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station

        settings = Settings(
            device={"name": "Bench-Kitchen"},
            connector=ConnectorSettings(url=url, token="bench-token"),
            retention={"keep_days": 0, "day_starts_at": "04:00"},
            stations=(
                Station(id="hot", name="Hot kitchen", groups=("mains",)),
                Station(id="pastry", name="Pastry", groups=("desserts",)),
                Station(id="bar", name="Bar", groups=("drinks",)),
            ),
            monitors=(
                MonitorSettings(
                    name="Kitchen", kind=MonitorKind.STATION, screen="KITCHEN-1", stations=("hot",)
                ),
                MonitorSettings(name="Counter", kind=MonitorKind.EXPO, screen="COUNTER-1"),
            ),
        )
        qt = QApplication([])
        qt.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(qt)
        asyncio.set_event_loop(loop)
        clock = [DAY_START]
        next_tick = [DAY_START]
        # The 1 s timer would tick a few times in a day that passes in seconds: the
        # simulated minutes tick instead.
        app = KdsApp(settings, root / "device", clock=lambda: clock[0], tick_ms=24 * 3600 * 1000)
        created = 0
        started = time.perf_counter()

        async def run() -> None:
            nonlocal created
            done = asyncio.get_running_loop().create_future()

            def applied(event: Any, _applied: Any) -> None:
                nonlocal created
                clock[0] = max(clock[0], event.occurred_at)
                if clock[0] >= next_tick[0]:
                    next_tick[0] = clock[0] + timedelta(minutes=1)
                    app.tick()
                if event.type != "order.created":
                    return
                created += 1
                if created in MILESTONES or created == count:
                    assert app.store is not None
                    held = app.store._conn.execute("SELECT count(*) FROM orders").fetchone()[0]
                    archived = app.store._conn.execute(
                        "SELECT count(*) FROM order_history"
                    ).fetchone()[0]
                    report = {
                        "orders": created,
                        "rss_mib": round(rss_mib(), 1),
                        "on_screen": app.window("Counter").model.rowCount(),
                        "in_store": held,
                        "archived": archived,
                        "day_time": clock[0].strftime("%a %H:%M"),
                        "seconds": round(time.perf_counter() - started, 1),
                    }
                    print(json.dumps(report), flush=True)
                if created == count and not done.done():
                    done.set_result(None)

            app.applied_listeners.append(applied)
            app.open()
            with settled_after_start(asyncio.get_running_loop()):
                await app.start()
                await done
                await app.stop()

        loop.run_until_complete(run())


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()
    ratios: list[float] = []
    runs: list[list[dict[str, Any]]] = []
    for n in range(RUNS):
        reports = asyncio.run(scripted_connector(args.orders))
        runs.append(reports)
        base = next(r for r in reports if r["orders"] == BASELINE_ORDERS)
        last = reports[-1]
        ratios.append(last["rss_mib"] / base["rss_mib"])
        print(f"run {n + 1}:")
        for r in reports:
            print(
                f"  after {r['orders']:>6,} orders ({r['day_time']}, {r['seconds']:5.1f} s): "
                f"RSS {r['rss_mib']:6.1f} MiB; {r['on_screen']} on the Counter screen, "
                f"{r['in_store']:,} in the store, {r['archived']:,} archived"
            )
    ratio = statistics.median(ratios)
    base_rss = statistics.median(
        next(r["rss_mib"] for r in run if r["orders"] == BASELINE_ORDERS) for run in runs
    )
    last_rss = statistics.median(run[-1]["rss_mib"] for run in runs)
    met = ratio <= TARGET_RATIO
    print(
        f"RSS after {BASELINE_ORDERS:,} orders (baseline) median {base_rss:.1f} MiB, after "
        f"{args.orders:,} {last_rss:.1f} MiB: x{ratio:.2f} (runs: "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f"); target <= {TARGET_RATIO}x: {'meets' if met else 'MISSES'}"
    )
    record.append(
        "memory",
        {
            "orders": args.orders,
            "rss_after_1000_mib": base_rss,
            f"rss_after_{args.orders}_mib": last_rss,
            "ratio": round(ratio, 3),
            "runs_ratio": [round(r, 3) for r in ratios],
            "in_store_at_end": runs[-1][-1]["in_store"],
            "archived_at_end": runs[-1][-1]["archived"],
        },
        f"RSS after {args.orders:,} / after {BASELINE_ORDERS:,} <= {TARGET_RATIO} x",
        met,
    )


if __name__ == "__main__":
    main()
