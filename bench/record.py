"""Appends one benchmark run's figures to bench/results/<name>.jsonl (one JSON line a run).

A line holds when and where it ran (UTC time, commit, whether the worktree had changes,
cores, load average), the figures, the target and whether it was met, so a later run can
be compared with this one on the same machine.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def _git(*args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def append(name: str, figures: dict[str, Any], target: str, met: bool | None) -> Path:
    """Append this run's line to bench/results/<name>.jsonl (`met` None: no target
    checked); returns the file."""
    RESULTS.mkdir(exist_ok=True)
    line = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "machine": {
            "cpus": os.cpu_count(),
            "load_1min": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
        },
        "benchmark": name,
        "figures": figures,
        "target": target,
        "met": met,
    }
    path = RESULTS / f"{name}.jsonl"
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"(appended to {path.relative_to(Path(__file__).parent.parent)})")
    return path
