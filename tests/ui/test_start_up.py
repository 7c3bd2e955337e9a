"""`kds run` loads only what its first paint needs: the admin area, the connector's HTTP
client, the print service and the protocol's messages come later, when used; and the
collector does not walk what start-up builds before that paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from kds import wire
from kds.store import open_store

CONFIG = """
[device]
name = "Start-Kitchen"

[connector]
url = "ws://127.0.0.1:9/kds"
token = "start"

[[stations]]
id = "hot"
name = "Hot kitchen"
groups = ["mains"]

[[monitors]]
name = "Kitchen"
kind = "station"
stations = ["hot"]

[[monitors]]
name = "Counter"
kind = "expo"
"""

# The real `kds run`, up to its first paint of cards; then what it has loaded, and exit.
CHILD = """
import gc, json, os, sys
full = []

def collected(phase, info):
    if phase == "stop" and info["generation"] == 2:
        full.append(info)

gc.callbacks.append(collected)
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched.parent()).__name__ == "TicketView":
            from kds import wire
            built = [m.__name__ for m in (wire.Order, wire.Welcome, wire.OrderCreated)
                     if m.__pydantic_complete__]
            seen = {"modules": sorted(sys.modules), "built": built, "full_collections": len(full)}
            print(json.dumps(seen), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = FirstPaint()
app.installEventFilter(watch)
sys.argv = ["kds", "run", "--config", sys.argv[1], "--data-dir", sys.argv[2]]
from kds.__main__ import main
main()
"""

LATER = (
    "aiohttp",  # pairing and the printing role's HTTP calls
    "jinja2",  # ticket templates
    "escpos",
    "kds.ui.admin_area",
    "kds.ui.wizard",
    "kds.net.joining",
    "printing.service",
    "printing.spooler",
    "printing.render",
    "printing.discovery",
)


def restore_one_order(data_dir: Path) -> None:
    now = datetime.now(UTC)
    order = wire.parse_order(
        {
            "id": "web:1",
            "external_id": "1",
            "display_id": "101",
            "source": "webshop",
            "revision": 1,
            "created_at": now.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [{"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}],
        }
    )
    event = wire.OrderCreated(seq=1, event_id="e1", occurred_at=now, order=order)
    with open_store(data_dir, "Start-Kitchen") as store:
        store.apply(event, wire.dump(event), now)


def test_kds_run_paints_its_cards_before_loading_what_it_does_not_show(tmp_path: Path) -> None:
    config = tmp_path / "kds.toml"
    config.write_text(CONFIG, encoding="utf-8")
    restore_one_order(tmp_path / "data")
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(config), str(tmp_path / "data")],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    seen = json.loads(child.stdout.splitlines()[-1])
    loaded = [m for m in seen["modules"] if any(m == p or m.startswith(f"{p}.") for p in LATER)]
    assert loaded == []
    # Nor, ever, QtMultimedia: a process of its own plays the sounds (kds.audio.child).
    assert "PySide6.QtMultimedia" not in seen["modules"]
    assert "kds.ui.ticket_view" in seen["modules"]  # the cards it did paint
    # The restored order was read; the messages are built at the first frame, not at start.
    assert seen["built"] == ["Order"]
    # Nor did the collector walk all that start-up built (kds.gc_policy).
    assert seen["full_collections"] == 0
