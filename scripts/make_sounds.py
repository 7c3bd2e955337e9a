"""Writes the kds screens' sounds (resources/sounds/*.wav) from a few lines of arithmetic.

Made here, not downloaded: every sound is ours to ship, and running this again gives the
same bytes (tests/test_sound_files.py checks it). 16-bit PCM, mono, 44.1 kHz, each under a
second, peaks at 70 % of full scale (never clipped), and followed by `TAIL` of silence: the
sound process stops each sound in that silence instead of letting Qt finish it (see
kds/audio/child.py). The tones sit at 0.6–2 kHz with a few
overtones: the range that carries over extractor fans and a dishwasher without being shrill.

    python scripts/make_sounds.py [OUT_DIR]     (default: resources/sounds next to this script)
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
PEAK = 0.7
"""The loudest sample of every sound, as a share of full scale: headroom, never clipped."""
FULL_SCALE = 32_767
TAIL = 0.3
"""Seconds of silence after every sound."""

# Note frequencies (equal temperament, A4 = 440 Hz).
E5, G5, A5, B5 = 659.26, 783.99, 880.00, 987.77
C6, D6, E6, G6, A6 = 1046.50, 1174.66, 1318.51, 1567.98, 1760.00

BELL = ((1.0, 1.0), (2.0, 0.35), (2.76, 0.18), (3.0, 0.1))
"""(frequency ratio, level) of a small bell: the 2.76 partial makes it ring, not beep."""
SOFT_SQUARE = ((1.0, 1.0), (3.0, 0.3), (5.0, 0.12))
"""A few odd harmonics: a buzzer's edge, without the harshness of a real square wave."""


@dataclass(frozen=True)
class Note:
    at: float
    """Start, in seconds from the beginning of the sound."""
    freq: float
    length: float
    """Seconds until the note is silent."""
    decay: float
    """Time constant of the exponential fade, in seconds (long: rings on; short: a tap)."""
    partials: Sequence[tuple[float, float]] = BELL
    attack: float = 0.004
    sustain: bool = False
    """Hold the level (a buzzer) instead of fading from the attack on (a bell)."""


def _envelope(note: Note) -> Callable[[float], float]:
    release = 0.012

    def level(t: float) -> float:
        rise = min(1.0, t / note.attack)
        body = 1.0 if note.sustain else math.exp(-t / note.decay)
        fall = min(1.0, (note.length - t) / release)  # no click at the end
        return rise * body * max(0.0, fall)

    return level


def render(notes: Sequence[Note], length: float) -> bytes:
    """Mix the notes into `length` seconds of 16-bit mono PCM, scaled so the peak is PEAK."""
    mix = [0.0] * int(RATE * length)
    for note in notes:
        level = _envelope(note)
        start = int(note.at * RATE)
        total = sum(weight for _, weight in note.partials)
        for i in range(min(int(note.length * RATE), len(mix) - start)):
            t = i / RATE
            wave_value = sum(
                weight * math.sin(2 * math.pi * note.freq * ratio * t)
                for ratio, weight in note.partials
            )
            mix[start + i] += level(t) * wave_value / total
    loudest = max(abs(x) for x in mix)
    scale = PEAK * FULL_SCALE / loudest
    samples = array("h", (round(x * scale) for x in mix))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    return samples.tobytes()


def _two_tone_buzz(freqs: Sequence[float], beep: float, gap: float) -> list[Note]:
    return [
        Note(i * (beep + gap), f, beep, 1.0, SOFT_SQUARE, attack=0.008, sustain=True)
        for i, f in enumerate(freqs)
    ]


SOUNDS: dict[str, tuple[list[Note], float]] = {
    # Rising two-note bell: something arrived.
    "new_order": ([Note(0.0, E6, 0.30, 0.12), Note(0.14, A6, 0.40, 0.14)], 0.55),
    # A double tap on one note: look again at a card you know.
    "changed": ([Note(0.0, C6, 0.15, 0.05), Note(0.16, C6, 0.22, 0.06)], 0.40),
    # Falling, lower and longer: something went away.
    "cancelled": ([Note(0.0, A5, 0.30, 0.12), Note(0.18, E5, 0.45, 0.16)], 0.65),
    # A quick rising arpeggio: a scheduled order starts now.
    "released": (
        [Note(0.0, C6, 0.22, 0.07), Note(0.10, E6, 0.22, 0.07), Note(0.20, G6, 0.40, 0.11)],
        0.62,
    ),
    # Ding-dong for the guests: long ringing bell, falling third.
    "ready_chime": ([Note(0.0, B5, 0.45, 0.22), Note(0.32, G5, 0.62, 0.28)], 0.95),
    # An insistent two-tone buzz: a printer needs a person.
    "printer_alarm": (_two_tone_buzz((G6, D6, G6, D6), beep=0.15, gap=0.06), 0.85),
}


def write_all(out_dir: Path) -> list[Path]:
    """Write every sound as `<name>.wav` into `out_dir`; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (notes, length) in SOUNDS.items():
        path = out_dir / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(notes, length) + bytes(2 * round(TAIL * RATE)))
        written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    default = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    out_dir = Path(argv[0]) if argv else default
    for path in write_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
