"""Screenshots of a station and the pickup board in one language, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/language_screenshots.py de docs/images

Each sample order of ``resources/orders`` is shown (no connector: the orders go straight
into the screens' models), every third one ready, on one 1920×1080 offscreen screen; a
device with ``[device] language`` set to the language given takes the pictures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", choices=("en", "de", "fr", "nl"))
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kds-shots-"))
    screens = work / "screens.json"
    screen = {"name": "SHOT-1", "x": 0, "y": 0, "width": 1920, "height": 1080}
    screens.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"

    from PySide6.QtWidgets import QApplication

    from kds import wire
    from kds.app import KdsApp
    from kds.domain.orders import OrderState
    from kds.resources import resource_path
    from kds.settings import (
        ConnectorSettings,
        DeviceSettings,
        MonitorKind,
        MonitorSettings,
        Settings,
        Station,
    )

    app = QApplication([])
    now = datetime.now(UTC)
    settings = Settings(
        device=DeviceSettings(name="Küche", language=args.language),
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        stations=(Station(id="hot", name="Küche", groups=("mains", "starters", "desserts")),),
        monitors=(
            MonitorSettings(name="Station", kind=MonitorKind.STATION, stations=("hot",)),
            MonitorSettings(name="Pickup", kind=MonitorKind.PICKUP),
        ),
    )
    kds_app = KdsApp(settings, work / "data", clock=lambda: now)
    kds_app.open()
    samples = sorted(resource_path("orders").glob("*.json"))
    states: list[OrderState] = []
    for n, path in enumerate(samples):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["created_at"] = (now - timedelta(minutes=3 * (len(samples) - n))).isoformat()
        order = wire.parse_order(data)
        state = OrderState(order=order, first_seen_at=order.created_at, updated_at=now)
        if n % 3 == 2:
            state = replace(state, status=MappingProxyType({"": wire.OrderStatus.READY}))
        states.append(state)
    args.out.mkdir(parents=True, exist_ok=True)
    for window in kds_app.windows:
        for state in states:
            window.model.upsert(state)
        window.refresh(now)
        window.resize(1920, 1080)
        app.processEvents()
        target = args.out / f"{window.monitor.name.lower()}-{args.language}.png"
        if not window.grab().save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target)
    for window in kds_app.windows:
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
