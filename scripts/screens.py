"""Writes the README's screen pictures: a station, the expo and the pickup board at 1920×1080.

The demo's sample orders (resources/orders) and 40 more of a busy evening, with the long
German dish names that used to be cut ("Hähnchenbrustfiletstreifen"), a long display id,
allergens, an age check, a test order and guests' first names; offscreen, no connector.

    QT_QPA_PLATFORM=offscreen python scripts/screens.py [--language de] [OUT_DIR]

OUT_DIR defaults to docs/images; the device speaks `--language` (en, de, fr, nl; default
en), and the pictures of a language other than English are named screen-<kind>-<lang>.png.
The sample dishes are German, so the menu language (hyphenation) is German in each.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kds import wire
from kds.domain.kitchen_settings import KitchenSettings, StationTiming
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import WHOLE_ORDER, OrderState
from kds.i18n import LANGUAGES, use_language, use_menu_language
from kds.resources import resource_path
from kds.settings import MonitorKind, MonitorSettings, Station
from kds.ui import MonitorWindow, OrdersModel, Severity
from kds.ui.cards import tr
from kds.ui.printer_lines import printer_lines
from printing.spooler import PrinterState

NOW = datetime(2026, 11, 27, 19, 42, 10, tzinfo=UTC)
SIZE = (1920, 1080)
STATIONS = (
    Station(id="hot", name="Hot kitchen", groups=("mains", "starters", "snacks")),
    Station(id="pastry", name="Pastry", groups=("desserts",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)
KITCHEN = KitchenSettings(stations={"pastry": StationTiming(amber_after_minutes=8)})
MONITORS = {
    "screen-station.png": MonitorSettings(
        name="Kitchen", kind=MonitorKind.STATION, stations=("hot", "pastry"), fullscreen=False
    ),
    "screen-expo.png": MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
    "screen-pickup.png": MonitorSettings(
        name="Board", kind=MonitorKind.PICKUP, fullscreen=False, pickup_names=True
    ),
}
DISHES = (
    ("Hähnchenbrustfiletstreifen mit Kräuterbutterbaguettescheiben", "mains"),
    ("Schweinerückensteak mit Bratkartoffeln", "mains"),
    ("Rinderrouladen nach Hausfrauenart", "mains"),
    ("Kartoffelrösti", "starters"),
    ("Käsespätzle", "mains"),
    ("Gemüsemaultaschen in Brühe", "starters"),
    ("Schwarzwälderkirschtorte", "desserts"),
    ("Apfelstrudel mit Vanillesoße", "desserts"),
    ("Rhabarberschorle", "drinks"),
    ("Weißbier alkoholfrei", "drinks"),
)
MODIFIERS = ("Preiselbeermeerrettichsoße", "Röstzwiebeln", "Knoblauchkräuterbutter", "Speck")
GUESTS = ("Anna Schmidt", "Jonas", "Leonie Wagner", "Mehmet", "Sophie", None, "Lukas", "Mia")
KINDS = ("pickup", "dine_in", "pickup", "delivery", "curbside", "pickup", "drive_thru")


def busy_evening(count: int) -> list[dict[str, Any]]:
    """`count` orders over the last 9 minutes, oldest first."""
    orders = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        dishes = [DISHES[(n * 3 + k) % len(DISHES)] for k in range(1 + n % 3)]
        items = []
        for k, (name, group) in enumerate(dishes, 1):
            item: dict[str, Any] = {
                "line_id": str(k),
                "name": name,
                "group": group,
                "quantity": str(1 + (n + k) % 2),
            }
            if k == 1 and n % 2 == 0:
                mod = MODIFIERS[n % len(MODIFIERS)]
                item["modifiers"] = [{"name": mod, "action": "add", "quantity": "1"}]
            if k == 1 and n % 5 == 1:
                item["allergens"] = ["Gluten", "Sellerie", "Senf"]
            items.append(item)
        fulfillment: dict[str, Any] = {"type": kind, "asap": True}
        if kind == "dine_in":
            fulfillment["table"] = str(10 + n % 12)
        order: dict[str, Any] = {
            "id": f"webshop:9{n:03d}",
            "external_id": f"9{n:03d}",
            "display_id": str(200 + n),
            "source": "webshop" if n % 3 else "ubereats",
            "revision": 1,
            "created_at": (NOW - timedelta(seconds=560 - 12 * n)).isoformat(),
            "fulfillment": fulfillment,
            "items": items,
        }
        guest = GUESTS[n % len(GUESTS)]
        if guest is not None:
            order["customer"] = {"name": guest}
        if n % 3 == 0:
            order["brand"] = "Spätzlewerk"
            order["channel"] = "app"
        if n == 4:
            order["display_id"] = "4F2A1-UE-77841"
            order["pickup_code"] = "K7Q2"
        if n == 6:
            order["restrictions"] = ["alcohol"]
            order["items"].append(
                {"line_id": "9", "name": "Weißbier", "group": "drinks", "quantity": "2"}
            )
        if n == 9:
            order["is_test"] = True
        if n == 12:
            order["notes"] = [
                {"kind": "allergy", "text": "Erdnussallergie — bitte separate Pfanne"},
                {"kind": "kitchen", "text": "Geburtstagskind: Kerze auf die Nachspeise 🎂"},
            ]
            order["items"] = [
                {
                    "line_id": str(k),
                    "name": DISHES[k % len(DISHES)][0],
                    "group": "mains",
                    "quantity": "1",
                    "notes": ["ohne Zwiebeln"] if k % 3 == 0 else [],
                }
                for k in range(1, 15)
            ]
        if n == 20:
            due = NOW - timedelta(minutes=2)  # promised two minutes ago: flashes
            order["fulfillment"] = {"type": "pickup", "asap": False, "due_at": due.isoformat()}
        orders.append(order)
    return orders


def demo_orders() -> list[dict[str, Any]]:
    """The demo's sample orders, their times moved to just before NOW."""
    folder = resource_path("orders")
    files = sorted(p for p in folder.glob("*.json") if "rev" not in p.name)
    found = []
    for step, path in enumerate(files):
        data = json.loads(path.read_text(encoding="utf-8"))
        created = datetime.fromisoformat(data["created_at"])
        delta = NOW - timedelta(minutes=12 - step / 2) - created
        data["created_at"] = (created + delta).isoformat()
        fulfillment = dict(data["fulfillment"])
        for key in ("due_at", "prepare_at"):
            if fulfillment.get(key):
                fulfillment[key] = (datetime.fromisoformat(fulfillment[key]) + delta).isoformat()
        data["fulfillment"] = fulfillment
        found.append(data)
    return found


def states() -> list[OrderState]:
    held = []
    for n, data in enumerate(itertools.chain(demo_orders(), busy_evening(44))):
        order = wire.parse_order(data)
        state = OrderState(order=order, first_seen_at=order.created_at, updated_at=NOW)
        if n % 4 == 1 and n < 40:  # ready for the guest, the later ones more recently
            ready_at = NOW - timedelta(seconds=400 - 9 * n)
            status = {WHOLE_ORDER: wire.OrderStatus.READY}
            state = OrderState(
                order=order, first_seen_at=order.created_at, updated_at=ready_at, status=status
            )
        held.append(state)
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=sorted(LANGUAGES), default="en")
    parser.add_argument(
        "out", nargs="?", type=Path, default=Path(__file__).parents[1] / "docs/images"
    )
    args = parser.parse_args()
    app = QApplication([])
    use_language(args.language)
    use_menu_language("de")  # the sample kitchen's dishes are German, in every language
    held = states()
    ready = [
        PrinterState(name, True, None, None, 0, None, None)
        for name in ("Kitchen", "Bar", "Receipt")
    ]
    for name, monitor in MONITORS.items():
        model = OrdersModel(MonitorFilter.for_monitor(monitor, STATIONS, KITCHEN), NOW)
        model.reset(held)
        window = MonitorWindow(monitor, model)
        window.set_connection(tr("connected"), Severity.OK)
        if monitor.kind is MonitorKind.EXPO:
            names = "Kitchen, Bar, Receipt"
            window.set_printing_role(
                tr("Printing: this device ({printers})").format(printers=names)
            )
            window.set_printer_status(printer_lines(ready, (), (), NOW))
        window.refresh(NOW)
        model.tick(NOW)
        window.resize(*SIZE)
        window.show()
        for _ in range(3):
            app.processEvents()
        suffix = "" if args.language == "en" else f"-{args.language}"
        path = args.out / name.replace(".png", f"{suffix}.png")
        window.grab().save(str(path))
        print(f"{path}: {model.rowCount()} orders")
        window.close()


if __name__ == "__main__":
    main()
