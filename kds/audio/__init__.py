"""The screens' sounds as the app and its sound process share them: the cues kds ships and
the lines the two exchange. Pure Python, no Qt.

The app never plays a sound itself: a process of its own (`kds.audio.child`) does, through
QtMultimedia, so that a fault of the audio stack costs a sound, never a frozen kitchen
screen (`kds.ui.sound_process` starts, watches and replaces it). They talk in lines:

    app -> sound process   play <cue> <volume>     start a cue at volume 0-1 of its file
                           ping                    still there?
    sound process -> app   ready <n>               n cues loaded (0: no audio output)
                           ack                     one per command, in order
                           started <cue> <volume>  a cue began to play
                           finished <cue>          it played to its end
                           failed <cue>            it cannot play
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kds.resources import resource_path


class SoundCue(StrEnum):
    """One of the sounds kds ships (resources/sounds/<value>.wav, made by
    scripts/make_sounds.py)."""

    NEW_ORDER = "new_order"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    RELEASED = "released"
    READY = "ready_chime"
    PRINTER_ALARM = "printer_alarm"

    @property
    def path(self) -> Path:
        return resource_path("sounds", f"{self.value}.wav")


_CUES = frozenset(cue.value for cue in SoundCue)

EXIT_AUDIO_BROKE = 3
"""The sound process's exit code when Qt's audio engine broke its event loop (see
kds.audio.child): the app starts a new one."""


# --- app -> sound process ----------------------------------------------------------------


@dataclass(frozen=True)
class Play:
    cue: SoundCue
    volume: float

    def line(self) -> str:
        return f"play {self.cue.value} {self.volume:.3f}\n"


@dataclass(frozen=True)
class Ping:
    def line(self) -> str:
        return "ping\n"


Command = Play | Ping


def parse_command(line: str) -> Command | None:
    """A command line, or None when it is not one (the sound process logs and skips it)."""
    match line.split():
        case ["play", cue, volume] if cue in _CUES:
            level = _number(volume)
            if level is not None and 0.0 <= level <= 1.0:
                return Play(SoundCue(cue), level)
        case ["ping"]:
            return Ping()
    return None


# --- sound process -> app ----------------------------------------------------------------


@dataclass(frozen=True)
class Ready:
    cues: int


@dataclass(frozen=True)
class Ack:
    pass


@dataclass(frozen=True)
class Started:
    cue: SoundCue
    volume: float


@dataclass(frozen=True)
class Finished:
    cue: SoundCue


@dataclass(frozen=True)
class Failed:
    cue: SoundCue


Report = Ready | Ack | Started | Finished | Failed


def report_line(report: Report) -> str:
    match report:
        case Ready(cues):
            return f"ready {cues}\n"
        case Ack():
            return "ack\n"
        case Started(cue, volume):
            return f"started {cue.value} {volume:.3f}\n"
        case Finished(cue):
            return f"finished {cue.value}\n"
        case Failed(cue):
            return f"failed {cue.value}\n"


def parse_report(line: str) -> Report | None:
    """A report line, or None when it is not one (the app logs and skips it)."""
    words = line.split()
    match words:
        case ["ready", count] if count.isdigit() and len(count) < 4:
            return Ready(int(count))
        case ["ack"]:
            return Ack()
        case [word, cue] if cue in _CUES:
            if word == "finished":
                return Finished(SoundCue(cue))
            if word == "failed":
                return Failed(SoundCue(cue))
        case ["started", cue, volume] if cue in _CUES:
            level = _number(volume)
            if level is not None:
                return Started(SoundCue(cue), level)
    return None


def _number(text: str) -> float | None:
    """A plain decimal like 0.500 (no exponent, inf or nan), else None."""
    whole, _, fraction = text.partition(".")
    if len(text) > 16 or not whole.isdigit() or not (fraction.isdigit() or not fraction):
        return None
    return float(text)
