"""Benchmark: a fresh device catching up a backlog of logged orders, against raw delivery.

A real connector (`kds connector`, a subprocess) holds ORDERS logged orders. The baseline,
in the same run and from the same connector, is a websocket client that says hello from
nothing and only parses (json.loads) every frame it receives. In turns with it, a fresh
device, the real app pieces in this process (KdsApp on qasync: store, client, the demo's
two monitors on two offscreen 1280x800 screens, the collector policy of `kds run`,
kds.gc_policy), catches up: timed from start() until its store holds the last seq, and
until the connector's /health shows it acked. While it replays, a 16 ms Qt timer measures
how long the GUI went without turning (a stall over 16.7 ms is a dropped frame) and how
many different "Catching up" texts the screens showed, and gc.callbacks times Python's
garbage collections (the full ones walk every object held). Median of three runs of each;
the target is >= 5,000 orders/s and >= 10 % of raw delivery. --profile adds a fourth
device run under cProfile and prints where the device's time goes.

    .venv/bin/python bench/bench_replay.py [--orders N] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import offscreen
import record

TOKEN = "bench-token"
RUNS = 3
TARGET_RATE = 5_000
TARGET_SHARE = 0.10


def order(n: int, created: datetime) -> dict[str, Any]:
    return {
        "id": f"bench:{n}",
        "external_id": str(n),
        "display_id": str(100 + n % 900),
        "source": "webshop",
        "revision": 1,
        "created_at": created.isoformat(),
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
            {"line_id": "3", "name": "Apfelschorle", "group": "drinks", "quantity": "1"},
        ],
    }


def log_orders(data_dir: Path, count: int) -> None:
    """The connector's log with `count` orders, as if the kitchen had been offline."""
    from kds import wire
    from kds.connector.log import ConnectorLog

    start = datetime.now(UTC) - timedelta(hours=3)
    with ConnectorLog.open(data_dir) as clog:
        for n in range(1, count + 1):
            clog.append_order(wire.parse_order(order(n, start + timedelta(seconds=n / 2))))


class Connector:
    """`kds connector` as a subprocess on a free port."""

    def __init__(self, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "kds", "connector"),
                *("--port", "0", "--token", TOKEN, "--data-dir", str(data_dir)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"the connector did not start: {line!r}")
        self.base = line.rsplit(" ", 1)[1].strip()
        self.ws = self.base.replace("http://", "ws://") + "/kds"

    def acked(self, device_id: str) -> int:
        request = urllib.request.Request(
            self.base + "/health", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            health = json.load(response)
        for device in health["devices"]:
            if device["device_id"] == device_id:
                return int(device["last_acked_seq"] or 0)
        return 0

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


async def raw_delivery(url: str, count: int, device_id: str) -> float:
    """Frames per second to a client that only parses them."""
    from websockets.asyncio.client import connect

    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with connect(url, additional_headers=headers, max_size=2**24) as ws:
        hello = {
            "type": "hello",
            "protocol": 1,
            "device_id": device_id,
            "device_name": device_id,
            "roles": ["display"],
            "last_seq": None,
        }
        await ws.send(json.dumps(hello))
        json.loads(await ws.recv())  # welcome
        started = time.perf_counter()
        seq = 0
        while seq < count:
            seq = json.loads(await ws.recv())["seq"]
        return count / (time.perf_counter() - started)


class Stalls:
    """The longest gaps between turns of the GUI loop, by a 16 ms Qt timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._turn)
        self._timer.start()

    def _turn(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


class Collections:
    """The time of each of Python's garbage collections, by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._started) * 1000))

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)


def device_run(
    loop: asyncio.AbstractEventLoop, connector: Connector, data_dir: Path, count: int
) -> dict[str, float]:
    from kds.app import KdsApp
    from kds.gc_policy import settled_after_start
    from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station

    settings = Settings(
        device={"name": "Bench-Kitchen"},
        connector=ConnectorSettings(url=connector.ws, token=TOKEN),
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
    gc.collect()  # what an earlier run left is not this run's start-up, to be frozen
    app = KdsApp(settings, data_dir)
    texts: set[str] = set()

    async def run() -> dict[str, float]:
        done = asyncio.get_running_loop().create_future()

        def applied(event: Any, _applied: Any) -> None:
            label = app.windows[0].catch_up_label
            if label.isVisible():
                texts.add(label.text())
            if event.seq >= count and not done.done():
                done.set_result(time.perf_counter())

        app.applied_listeners.append(applied)
        app.open()
        # The collector policy `kds run` takes after its start-up (kds.gc_policy).
        with settled_after_start(asyncio.get_running_loop()):
            stalls = Stalls()
            collections = Collections()
            started = time.perf_counter()
            await app.start()
            stored = await asyncio.wait_for(done, 600) - started
            assert app.store is not None
            device_id = app.store.device_id
            while connector.acked(device_id) < count:
                await asyncio.sleep(0.005)
            acked = time.perf_counter() - started
            stalls.stop()
            collections.stop()
            await app.stop()
        gaps = sorted(stalls.gaps)
        full = [ms for generation, ms in collections.pauses if generation == 2]
        return {
            "stored_s": stored,
            "acked_s": acked,
            "rate": count / stored,
            "stall_max_ms": gaps[-1] if gaps else 0.0,
            "stall_p99_ms": gaps[int(0.99 * (len(gaps) - 1))] if gaps else 0.0,
            "texts": float(len(texts)),
            "gc_s": sum(ms for _, ms in collections.pauses) / 1000,
            "gc_full": float(len(full)),
            "gc_full_max_ms": max(full, default=0.0),
        }

    return loop.run_until_complete(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kds-bench-replay-") as tmp:
        root = Path(tmp)
        platform = offscreen.two_screens(root)
        os.environ["QT_QPA_PLATFORM"] = platform
        started = time.perf_counter()
        log_orders(root / "connector", args.orders)
        print(f"logged {args.orders:,} orders in {time.perf_counter() - started:.1f} s")

        import qasync
        from PySide6.QtWidgets import QApplication

        qt = QApplication([])
        qt.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(qt)
        asyncio.set_event_loop(loop)
        connector = Connector(root / "connector")
        try:
            # In turns, so that what else the machine does weighs on both alike.
            raw: list[float] = []
            runs: list[dict[str, float]] = []
            for n in range(RUNS):
                raw.append(
                    loop.run_until_complete(raw_delivery(connector.ws, args.orders, f"raw-{n}"))
                )
                runs.append(device_run(loop, connector, root / f"device-{n}", args.orders))
            if args.profile:
                profile = cProfile.Profile()
                profile.enable()
                device_run(loop, connector, root / "device-profiled", args.orders)
                profile.disable()
        finally:
            connector.stop()

    raw_rate = statistics.median(raw)
    rate = statistics.median(r["rate"] for r in runs)
    print(
        f"{'raw delivery, parse only (baseline)':<42} median {raw_rate:8,.0f} frames/s"
        f"  (runs: {', '.join(f'{r:,.0f}' for r in raw)})"
    )
    rates = ", ".join(f"{r['rate']:,.0f}" for r in runs)
    name = f"fresh device catching up {args.orders:,}"
    print(f"{name:<42} median {rate:8,.0f} orders/s  (runs: {rates})")
    for n, r in enumerate(runs, 1):
        print(
            f"    run {n}: stored in {r['stored_s']:.1f} s, acked at the connector after "
            f"{r['acked_s']:.1f} s; GUI stall max {r['stall_max_ms']:.0f} ms, p99 "
            f"{r['stall_p99_ms']:.0f} ms; {r['texts']:.0f} different 'Catching up' texts shown"
        )
        print(
            f"           garbage collections {r['gc_s']:.2f} s in all, {r['gc_full']:.0f} full "
            f"ones, the longest {r['gc_full_max_ms']:.0f} ms"
        )
    share = rate / raw_rate
    met = rate >= TARGET_RATE and share >= TARGET_SHARE
    target = f">= {TARGET_RATE:,} orders/s and >= {TARGET_SHARE:.0%} of raw"
    print(f"device / raw: {share:.1%}; target {target}: {'meets' if met else 'MISSES'}")
    record.append(
        "replay",
        {
            "orders": args.orders,
            "raw_frames_per_s": round(raw_rate),
            "orders_per_s": round(rate),
            "share_of_raw": round(share, 4),
            "stall_max_ms": round(statistics.median(r["stall_max_ms"] for r in runs), 1),
            "stall_p99_ms": round(statistics.median(r["stall_p99_ms"] for r in runs), 1),
            "gc_s": round(statistics.median(r["gc_s"] for r in runs), 3),
            "runs_orders_per_s": [round(r["rate"]) for r in runs],
            "runs_raw_frames_per_s": [round(r) for r in raw],
        },
        target,
        met,
    )
    if args.profile:
        print("\nwhere the device's time goes (cProfile, by own time):")
        pstats.Stats(profile).sort_stats("tottime").print_stats(18)


if __name__ == "__main__":
    main()
