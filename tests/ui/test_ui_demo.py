"""The demo: its sample orders are valid protocol orders, and `kds demo` runs and takes pictures."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kds import wire
from kds.demo import ORDERS_DIR, load_script, order_at

pytestmark = pytest.mark.usefixtures("qapp")


def _depth(modifiers: tuple[wire.Modifier, ...]) -> int:
    return max((1 + _depth(m.modifiers) for m in modifiers), default=0)


def test_every_sample_order_is_a_valid_order_and_the_script_covers_each_case() -> None:
    files = sorted(ORDERS_DIR.glob("*.json"))
    orders = {p.name: wire.parse_order(p.read_text(encoding="utf-8")) for p in files}
    assert len(orders) >= 8

    script = load_script()
    posted = [orders[s.post] for s in script.steps if s.post is not None]
    posted_ids = {o.id for o in posted}
    assert all(s.cancel in posted_ids for s in script.steps if s.cancel is not None)
    assert all(s.status in posted_ids for s in script.steps if s.status is not None)
    assert any(s.cancel for s in script.steps)
    # An update: the same order again with a higher revision and one more line.
    updates = [o for o in posted if o.revision > 1]
    assert updates
    first = next(o for o in posted if o.id == updates[0].id and o.revision == 1)
    assert len(updates[0].items) == len(first.items) + 1
    assert any(not o.fulfillment.asap and o.fulfillment.due_at for o in posted)
    assert max(_depth(i.modifiers) for o in posted for i in o.items) >= 3
    text = json.dumps([o.model_dump(mode="json") for o in posted], ensure_ascii=False)
    for needle in ("Käsespätzle", "Crème brûlée", "Bitterballen", "🎂", "生日快乐"):
        assert needle in text


def test_sample_times_move_to_now_keeping_their_distances() -> None:
    script = load_script()
    data = json.loads((ORDERS_DIR / "05_scheduled_schnitzel.json").read_text(encoding="utf-8"))
    now = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
    moved = wire.parse_order(order_at(data, script.base_time, now))
    original = wire.parse_order(data)
    assert moved.fulfillment.due_at is not None and original.fulfillment.due_at is not None
    assert moved.fulfillment.due_at - now == original.fulfillment.due_at - script.base_time
    assert moved.fulfillment.due_at - now == timedelta(minutes=45)
    assert moved.created_at - now == original.created_at - script.base_time


def test_demo_runs_offscreen_and_writes_a_screenshot_per_monitor(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "kds", "demo", "--offscreen", "--seconds", "5", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"screenshot: {out / 'kitchen.png'}" in result.stdout
    for name in ("kitchen.png", "counter.png"):
        image = QImage(str(out / name))
        # Full screen on its own 1280x800 virtual screen.
        assert (image.width(), image.height()) == (1280, 800)
        # Not an empty screen: white ticket cards cover a good part of it.
        samples = [image.pixelColor(x, y) for x in range(0, 1280, 20) for y in range(0, 800, 20)]
        white = sum(1 for c in samples if min(c.red(), c.green(), c.blue()) > 240)
        assert white > len(samples) // 5, name
    log = (out / "demo.log").read_text(encoding="utf-8")
    assert "monitor Kitchen (station) on screen KITCHEN-1 at (0, 0)" in log
    assert "monitor Counter (expo) on screen COUNTER-1 at (1280, 0)" in log
    assert "connection: connected" in log
    assert "-> HTTP 202" in log
    assert "connector stopped (exit code 0)" in log
