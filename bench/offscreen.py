"""The screens every GUI benchmark runs on: two 1280×800 offscreen monitors side by side."""

from __future__ import annotations

import json
from pathlib import Path


def two_screens(folder: Path) -> str:
    """Write the offscreen platform's screen file into `folder`; the QT_QPA_PLATFORM value
    that uses it (one screen for the kitchen monitor, one for the counter's)."""
    screens = folder / "screens.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": name, "x": x, "y": 0, "width": 1280, "height": 800}
                    | {"logicalDpi": 96, "dpr": 1}
                    for name, x in (("KITCHEN-1", 0), ("COUNTER-1", 1280))
                ]
            }
        ),
        encoding="utf-8",
    )
    return f"offscreen:configfile={screens}"
