"""Benchmark: process start -> first paint of every monitor, with 200 / 500 restored orders.

The timed process is the real `kds run` path (`kds.__main__`: settings, `run_app`, the store
restoring its open orders, the demo's two monitors on two offscreen 1280x800 screens, the
connector unreachable); a Qt event filter installed before `run_app` notes when each
monitor's cards are first painted, prints the time and ends the process. The baseline, in
the same run and the same process shape (a fresh interpreter, the same screens), is a bare
PySide6 program showing two windows with an empty QListView each. Timed from outside
(spawn to the printed line), median of three after one untimed run of each (as installed:
the modules' bytecode cached, which PYTHONDONTWRITEBYTECODE in the caller's environment
would prevent, so the children run without it); the target is <= 5x the bare window.

    .venv/bin/python bench/bench_start.py [--orders 200 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import offscreen
import record

RUNS = 3
TARGET_RATIO = 5.0

CONFIG = """
[device]
name = "Bench-Kitchen"

[connector]
url = "ws://127.0.0.1:9/kds"
token = "bench"

[[stations]]
id = "hot"
name = "Hot kitchen"
groups = ["mains"]

[[stations]]
id = "pastry"
name = "Pastry"
groups = ["desserts"]

[[monitors]]
name = "Kitchen"
kind = "station"
screen = "KITCHEN-1"
stations = ["hot", "pastry"]

[[monitors]]
name = "Counter"
kind = "expo"
screen = "COUNTER-1"
"""

# Child programs: each prints "painted <seconds since its first line>" and exits.
KDS_CHILD = """
import time
started = time.perf_counter()
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def __init__(self):
        super().__init__()
        self.seen = set()
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched.parent()).__name__ == "TicketView":
            self.seen.add(watched)
            if len(self.seen) == 2:
                print(f"painted {time.perf_counter() - started:.4f}", flush=True)
                os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = FirstPaint()
app.installEventFilter(watch)
sys.argv = ["kds", "run", "--config", sys.argv[1], "--data-dir", sys.argv[2]]
from kds.__main__ import main
main()
"""

BARE_CHILD = """
import time
started = time.perf_counter()
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QListView, QMainWindow

class FirstPaint(QObject):
    def __init__(self):
        super().__init__()
        self.seen = set()
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched.parent(), QListView):
            self.seen.add(watched)
            if len(self.seen) == 2:
                print(f"painted {time.perf_counter() - started:.4f}", flush=True)
                os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = FirstPaint()
app.installEventFilter(watch)
windows = []
for screen in app.screens():
    window = QMainWindow()
    window.setCentralWidget(QListView())
    window.setScreen(screen)
    window.setGeometry(screen.availableGeometry())
    window.showFullScreen()
    windows.append(window)
app.exec()
"""


def write_orders(data_dir: Path, count: int) -> None:
    """A device data dir holding `count` open orders, as `kds run` left it."""
    from kds import wire
    from kds.store import open_store

    now = datetime.now(UTC)
    with open_store(data_dir, "Bench-Kitchen") as store:
        for n in range(1, count + 1):
            created = now - timedelta(seconds=3 * (count - n))
            order = wire.parse_order(
                {
                    "id": f"bench:{n}",
                    "external_id": str(n),
                    "display_id": str(100 + n),
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
                            "modifiers": [
                                {"name": "Röstzwiebeln", "action": "add", "quantity": "1"}
                            ],
                        },
                        {
                            "line_id": "2",
                            "name": "Crème brûlée",
                            "group": "desserts",
                            "quantity": "1",
                        },
                    ],
                }
            )
            event = wire.OrderCreated(seq=n, event_id=f"e{n}", occurred_at=created, order=order)
            store.apply(event, wire.dump(event), created)


def spawn(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from spawn to the printed line, seconds the child counted itself)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    wall = time.perf_counter() - started
    child.wait(timeout=30)
    if not line.startswith("painted "):
        raise RuntimeError(f"the child did not paint (exit {child.returncode})")
    return wall, float(line.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="+", default=[200, 500])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kds-bench-start-") as tmp:
        root = Path(tmp)
        platform = offscreen.two_screens(root)
        config = root / "kds.toml"
        config.write_text(CONFIG, encoding="utf-8")
        env = os.environ | {"QT_QPA_PLATFORM": platform}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        spawn(BARE_CHILD, env=env)
        bare = [spawn(BARE_CHILD, env=env)[0] for _ in range(RUNS)]
        base = statistics.median(bare)
        print(
            f"{'bare PySide6, two windows (baseline)':<40} median {base:6.3f} s  (runs: "
            + ", ".join(f"{b:.3f}" for b in bare)
            + ")"
        )
        figures = {"bare_window_s": round(base, 3)}
        for count in args.orders:
            data_dir = root / f"device-{count}"
            write_orders(data_dir, count)
            spawn(KDS_CHILD, str(config), str(data_dir), env=env)
            runs = [spawn(KDS_CHILD, str(config), str(data_dir), env=env) for _ in range(RUNS)]
            wall = statistics.median(r[0] for r in runs)
            ratio = wall / base
            figures[f"start_{count}_s"] = round(wall, 3)
            figures[f"ratio_{count}"] = round(ratio, 2)
            print(
                f"{f'kds run, {count} restored orders':<40} median {wall:6.3f} s  (runs: "
                + ", ".join(f"{r[0]:.3f}" for r in runs)
                + f")  x{ratio:.1f} the bare window; target <= {TARGET_RATIO:.0f}x: "
                + ("meets" if ratio <= TARGET_RATIO else "MISSES")
            )

    met = all(v <= TARGET_RATIO for k, v in figures.items() if k.startswith("ratio_"))
    record.append("start", figures, f"<= {TARGET_RATIO:.0f} x the bare window", met)


if __name__ == "__main__":
    main()
