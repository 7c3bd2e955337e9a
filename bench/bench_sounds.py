"""Benchmark: the app's event loop while its sound process plays, fails and is replaced.

The real sound process (`kds.ui.sound_process.SoundProcess` running `kds.audio.child`) on a
private PulseAudio null sink plays all six cues every 1.5 s, each twice at once (as a
station and an expo monitor on one PC play the same event) and once more 0.4 s later,
while it still plays (the next order close behind), with `--load` busy loops
beside it (Qt's audio-thread fault, which ends a sound process, shows mostly under load).
The app's side is a QCoreApplication with a 50 ms timer: its longest gap is how long the
loop was held up. The baseline, in the same run and under the same load, is that timer
without a sound process. Figures: cues asked for and played to their end, sound processes
replaced (and why), the longest timer gap and its ratio to the baseline's; the target is
that the loop never waits on the sounds: gap ratio <= 2.

    .venv/bin/python bench/bench_sounds.py [--seconds S] [--load N]
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

import record
from pulse_sink import MISSING, start_null_sink

from kds.ui.sound_process import SoundProcess

TARGET_GAP_RATIO = 2.0
BEAT_MS = 50
CUES_EVERY_MS = 1500
AGAIN_AFTER_MS = 400
"""Each cue is asked for again this long after, while it still plays."""


@dataclasses.dataclass
class Run:
    gap_ms: float = 0.0
    asked: int = 0
    finished: int = 0
    started: int = 0
    replaced: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)


def run_loop(seconds: float, sounds: SoundProcess | None) -> Run:
    """Run the loop for `seconds` (playing through `sounds` when given); its figures."""
    from PySide6.QtCore import QEventLoop, QTimer

    from kds.audio import SoundCue

    run = Run()
    last = [time.monotonic()]
    worst = [0.0]

    def beat() -> None:
        now = time.monotonic()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    loop = QEventLoop()
    beats = QTimer()
    beats.timeout.connect(beat)
    beats.start(BEAT_MS)
    player = QTimer()
    if sounds is not None:

        def count(name: str) -> None:
            setattr(run, name, getattr(run, name) + 1)

        sounds.ready.connect(lambda _n: count("started"))
        sounds.finished.connect(lambda _cue: count("finished"))
        sounds.replaced.connect(lambda reason: run.replaced.update([reason]))

        def play_each() -> None:
            for cue in SoundCue:
                sounds.play(cue, 0.3)
                run.asked += 1

        def play() -> None:
            play_each()  # a station and an expo on one PC, the same event: twice at once
            play_each()
            QTimer.singleShot(AGAIN_AFTER_MS, play_each)  # the next order close behind

        player.timeout.connect(play)
        player.start(CUES_EVERY_MS)
        sounds.start()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    last[0] = time.monotonic()
    loop.exec()
    beats.stop()
    player.stop()
    run.gap_ms = round(worst[0] * 1000, 1)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--load", type=int, default=2, help="busy loops beside it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kds-bench-sounds-") as tmp:
        started = start_null_sink(Path(tmp) / "pulse")
        if started is None:
            sys.exit(MISSING)
        server, pid = started
        os.environ |= {"QT_AUDIO_BACKEND": "pulseaudio", "PULSE_SERVER": server, "HOME": tmp}
        load = [
            subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)
        ]
        try:
            from PySide6.QtCore import QCoreApplication

            app = QCoreApplication([])
            baseline = run_loop(args.seconds, None)
            sounds = SoundProcess(parent=app)
            played = run_loop(args.seconds, sounds)
            sounds.close()
        finally:
            for busy in load:
                busy.kill()
            os.kill(pid, 15)
    ratio = played.gap_ms / max(baseline.gap_ms, 1.0)
    met = ratio <= TARGET_GAP_RATIO
    print(f"{args.seconds:.0f} s each, {args.load} busy loops beside it:")
    print(f"  timer alone (baseline)        longest gap {baseline.gap_ms:7.1f} ms")
    print(f"  with the sound process        longest gap {played.gap_ms:7.1f} ms")
    print(
        f"  cues asked {played.asked}, played to their end {played.finished};"
        f" sound processes started {played.started}, replaced {played.replaced.total()}"
    )
    for reason, times in sorted(played.replaced.items()):
        print(f"    {times} x {reason}")
    print(
        f"  gap ratio to the baseline x{ratio:.2f}; target <= {TARGET_GAP_RATIO:.0f}: "
        + ("meets" if met else "MISSES")
    )
    record.append(
        "sounds",
        {
            "seconds": args.seconds,
            "load": args.load,
            "baseline_gap_ms": baseline.gap_ms,
            "gap_ms": played.gap_ms,
            "asked": played.asked,
            "finished": played.finished,
            "started": played.started,
            "replaced": dict(played.replaced),
        },
        f"longest loop gap <= {TARGET_GAP_RATIO:.0f} x the timer alone",
        met,
    )


if __name__ == "__main__":
    main()
