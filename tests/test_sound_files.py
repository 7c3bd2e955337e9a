"""The shipped sounds are the project's own: scripts/make_sounds.py makes them byte for byte,
and each is a short, unclipped, audible 16-bit mono 44.1 kHz WAV, unlike the others, that
ends in silence (where the sound process stops it: kds/audio/child.py)."""

from __future__ import annotations

import math
import runpy
import wave
from array import array
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "resources" / "sounds"
CUES = ("new_order", "changed", "cancelled", "released", "ready_chime", "printer_alarm")


def _make_sounds() -> dict[str, Any]:
    """The script's functions (it is a script, not a package of kds)."""
    return runpy.run_path(str(ROOT / "scripts" / "make_sounds.py"))


def _samples(path: Path) -> tuple[wave.Wave_read, array[int]]:
    with wave.open(str(path), "rb") as wav:
        samples = array("h", wav.readframes(wav.getnframes()))
    return wav, samples


def _audible(samples: array[int]) -> array[int]:
    """The sound without its silent tail."""
    end = len(samples)
    while end and samples[end - 1] == 0:
        end -= 1
    return samples[:end]


def _rms(samples: array[int]) -> float:
    return math.sqrt(sum(x * x for x in samples) / len(samples))


def test_running_the_script_again_gives_the_shipped_bytes(tmp_path: Path) -> None:
    written = _make_sounds()["write_all"](tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SHIPPED.glob("*.wav"))
    for path in written:
        assert path.read_bytes() == (SHIPPED / path.name).read_bytes(), path.name


def test_each_sound_is_short_clean_audible_and_its_own() -> None:
    assert sorted(p.stem for p in SHIPPED.glob("*.wav")) == sorted(CUES)
    loudness: dict[str, float] = {}
    contents: set[bytes] = set()
    for name in CUES:
        wav, samples = _samples(SHIPPED / f"{name}.wav")
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        audible = _audible(samples)
        assert 0.3 < len(audible) / 44_100 < 1.0, name
        assert len(samples) - len(audible) >= 0.3 * 44_100, f"{name}: no silent tail"
        peak = max(abs(x) for x in samples)
        assert 0.5 * 32_767 < peak < 0.75 * 32_767, f"{name}: peak {peak} (clipped or faint)"
        # Starts and ends at rest: no click from the speaker when it starts or stops.
        assert abs(samples[0]) < 200 and abs(audible[-1]) < 200, name
        loudness[name] = _rms(audible)
        contents.add(samples.tobytes())
    assert len(contents) == len(CUES)
    # The printer alarm must cut through: it is the loudest of them all.
    alarm = loudness.pop("printer_alarm")
    assert all(alarm > 2 * other for other in loudness.values()), loudness
