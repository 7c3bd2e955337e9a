"""Runs every benchmark (each bench/bench_*.py, one after another) and sums them up.

    .venv/bin/python -m bench [NAME ...]      e.g. `-m bench replay memory`

Each benchmark runs in its own process with its default settings, prints its figures and
ratios against its same-run baseline, and appends a JSON line to bench/results/<name>.jsonl
(bench/record.py). A benchmark that wrote no line (it failed, or does not record yet) gets
one from here with its exit code and the end of its output. At the end: one line a
benchmark, its time and whether its target was met. A new bench/bench_<name>.py joins by
being there. All of them take about fifteen minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import record  # noqa: E402 - bench/ is not a package

TIMEOUT_S = 20 * 60
"""The longest one benchmark may run before it counts as failed."""
TAIL_LINES = 25
QT_NOISE = ("This plugin does not support propagateSizeHints()",)
"""Lines Qt's offscreen platform prints once per window; not a figure."""


def benchmarks() -> dict[str, Path]:
    """Every bench/bench_<name>.py by name."""
    return {path.stem.removeprefix("bench_"): path for path in sorted(HERE.glob("bench_*.py"))}


def _lines(name: str) -> int:
    path = record.RESULTS / f"{name}.jsonl"
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def _last(name: str) -> dict[str, object]:
    path = record.RESULTS / f"{name}.jsonl"
    line: dict[str, object] = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    return line


def run(name: str, path: Path) -> tuple[float, int]:
    """Run one benchmark, its output passed through; (seconds, exit code)."""
    env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    before = _lines(name)
    started = time.monotonic()
    tail: list[str] = []
    with subprocess.Popen(
        [sys.executable, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None
        deadline = started + TIMEOUT_S
        for line in process.stdout:
            if line.strip() in QT_NOISE:
                continue
            print(line, end="", flush=True)
            tail = [*tail[-TAIL_LINES + 1 :], line.rstrip()]
            if time.monotonic() > deadline:
                process.kill()
                break
        code = process.wait()
    seconds = time.monotonic() - started
    if _lines(name) == before:
        record.append(
            name,
            {"exit_code": code, "seconds": round(seconds, 1), "output_tail": tail},
            "(the benchmark recorded no figures of its own)",
            None,
        )
    return seconds, code


def main() -> None:
    found = benchmarks()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"only these (of {', '.join(found)})")
    args = parser.parse_args()
    unknown = set(args.names) - set(found)
    if unknown:
        parser.error(
            f"no benchmark named {', '.join(sorted(unknown))} (there are {', '.join(found)})"
        )
    chosen = args.names or list(found)
    summary: list[str] = []
    for name in chosen:
        print(f"\n===== {name} ({found[name].name})", flush=True)
        seconds, code = run(name, found[name])
        line = _last(name)
        met = line["met"]
        verdict = "failed" if code else {True: "met", False: "MISSED", None: "not recorded"}[met]
        summary.append(f"  {name:<14} {seconds:6.0f} s   {verdict:<12} target {line['target']}")
    print("\n===== summary (figures in bench/results/<name>.jsonl, table in docs/benchmarks.md)")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
