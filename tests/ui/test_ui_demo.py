"""The demo: its sample orders are valid protocol orders, and `kds demo` runs and takes pictures."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from child_output import readable
from PySide6.QtGui import QImage

from kds import wire
from kds.demo import (
    ORDERS_DIR,
    PRINTERS,
    demo_settings,
    describe_ticket,
    load_script,
    order_at,
)
from printing.routing import route_order

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


def test_sample_orders_route_to_the_three_printers_and_two_carry_loyalty() -> None:
    settings = demo_settings("ws://127.0.0.1:1/kds", "t", False, {n: 1000 for n in PRINTERS})
    assert settings.device.printing and settings.printing is not None
    config = settings.printing
    assert {p.name: p.port for p in config.printers} == {n: 1000 for n in PRINTERS}
    assert {p.name: p.paper_mm for p in config.printers} == {
        "Kitchen": 80,
        "Bar": 58,
        "Receipt": 80,
    }
    assert config.printer("Kitchen").backup == "Bar"
    orders = [wire.parse_order(p.read_text(encoding="utf-8")) for p in ORDERS_DIR.glob("*.json")]
    printers_used: set[str] = set()
    for order in orders:
        plan = route_order(config, order)
        assert not plan.unrouted, order.id
        assert [d.printer for d in plan.documents] == ["Receipt"], order.id
        printers_used |= {t.printer for t in plan.tickets}
        assert order.totals is not None and order.totals.tax is not None, order.id
        assert all(i.unit_price is not None for i in order.items), order.id
        if order.fulfillment.type is wire.FulfillmentType.DELIVERY:
            assert all(t.copies == 2 for t in plan.tickets), order.id
    assert printers_used == {"Kitchen", "Bar"}
    loyal = [o.loyalty for o in orders if o.loyalty is not None]
    assert len(loyal) >= 2
    for card in loyal:
        assert card.card and card.referral_code
        assert card.points_before is not None and card.points_after is not None
        assert card.points_used is not None and card.points_earned is not None
        assert card.points_after == card.points_before - card.points_used + card.points_earned


def test_demo_runs_offscreen_prints_tickets_and_shows_a_paper_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "kds", "demo", "--offscreen", "--seconds", "6", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, readable(result.stderr)
    assert f"screenshot: {out / 'kitchen.png'}" in result.stdout
    for name in ("kitchen.png", "counter.png", "counter-paper-out.png"):
        image = QImage(str(out / name))
        # Full screen on its own 1280x800 virtual screen.
        assert (image.width(), image.height()) == (1280, 800), name
        # Not an empty screen: white ticket cards cover a good part of it (an empty one has
        # none). The counter's first page, four cards above its printer lines and action
        # bar, covers a fifth of the screen, give or take the sampling grid: a sixth is the
        # bound, far above an empty screen's nothing.
        samples = [image.pixelColor(x, y) for x in range(0, 1280, 20) for y in range(0, 800, 20)]
        white = sum(1 for c in samples if min(c.red(), c.green(), c.blue()) > 240)
        assert white > len(samples) // 6, name
    log = (out / "demo.log").read_text(encoding="utf-8")
    assert "monitor Kitchen (station) on screen KITCHEN-1 at (0, 0)" in log
    assert "monitor Counter (expo) on screen COUNTER-1 at (1280, 0)" in log
    assert "connection: connected" in log
    assert "-> HTTP 202" in log
    assert "connector stopped (exit code 0)" in log
    # The app knew before the screenshot was taken.
    assert "demo: printers: Kitchen: paper out since" in log
    # Staff at work before the screenshots: a bump, a struck line and a recall came back.
    assert "demo: Kitchen bumped #" in log
    assert "demo: Kitchen struck a line of" in log
    assert "demo: Kitchen recalled #" in log
    for name in PRINTERS:
        assert f"printer {name} stopped (exit code 0)" in log

    tickets = out / "tickets"
    texts = {}
    for name in PRINTERS:
        jobs = sorted((tickets / name).glob("*.txt"))
        assert jobs, f"printer {name} printed nothing"
        for job in jobs:
            assert job.with_suffix(".bin").stat().st_size > 0
            assert QImage(str(job.with_suffix(".png"))).height() > 100
        texts[name] = "\n".join(j.read_text(encoding="utf-8") for j in jobs)
    # The code page round trip keeps umlauts and the euro sign.
    assert "Käsespätzle" in texts["Kitchen"] + texts["Bar"]  # Bar: while Kitchen had no paper
    assert "Apfelschorle" in texts["Bar"]
    assert "Käsespätzle" in texts["Receipt"]
    assert "€" in texts["Receipt"]
    assert "Loyalty" in texts["Receipt"] and "ANNA-7Q2" in texts["Receipt"]
    index = (tickets / "index.txt").read_text(encoding="utf-8").splitlines()
    # The kitchen's tickets went to its backup while it was out of paper, marked as such
    # (the big banner wraps on the 58 mm bar printer: "BACKUP FOR" / "Kitchen").
    assert any(line.startswith("Bar/") and "BACKUP FOR Kitchen" in line for line in index)
    assert any(line.startswith("Kitchen/") and "order 1101 rev 1" in line for line in index)
    # The pre-order for two seconds after its arrival was held, then released on its own
    # and printed (its receipt too).
    assert "scheduled order 111 held until" in log
    assert "released #111" in log
    assert any("order 1111 rev 1" in line for line in index)
    counts = {name: sum(1 for line in index if line.startswith(f"{name}/")) for name in PRINTERS}
    assert all(counts.values()), counts
    total = sum(counts.values())
    summary = f"{total} tickets printed: " + ", ".join(f"{n} {c}" for n, c in counts.items())
    assert summary in result.stdout
    assert "counter-paper-out.png" in result.stdout


def test_the_ticket_index_tells_a_late_slip_from_a_kitchen_ticket() -> None:
    kitchen = "#G-1\nPICKUP\nOrder 1101 (rev 1)\nKitchen / Hot"
    late = "LATE\n#G-1\n-----\nLATE: #G-1 above was held in the printer\n" + kitchen
    assert describe_ticket(kitchen) == "kitchen, #G-1, order 1101 rev 1, for Kitchen / Hot"
    assert describe_ticket(late) == "late, #G-1, order 1101 rev 1, for Kitchen / Hot"
