"""The sound process: plays the screens' cues through QtMultimedia, apart from the app.

Run as `python -m kds.audio.child` by the app (`kds.ui.sound_process`), which writes
commands to its stdin; it answers on stdout (the lines are listed in `kds.audio`) and logs
on stderr.

Why apart: with Qt 6.11 a QSoundEffect may let go of a voice that played to its end on its
audio thread. The voice's socket notifier then dies on the wrong thread ("QSocketNotifier:
Socket notifiers cannot be enabled or disabled from another thread") and the event loop that
owns it spins on the closed descriptor for good, writing "Invalid socket ..." millions of
times a minute. Measured here (bench/bench_sounds.py, all six cues every 1.5 s beside two
busy loops): 18 sound processes lost in 90 s. In the app that loop would be the kitchen
screens'. Three things keep it away from them:

- Each sound file ends in silence (scripts/make_sounds.py), and `Player` stops a sound 50 ms
  into it, before the audio thread reaches the end: a voice stopped by the app is let go on
  the app's thread. Measured the same way: none lost in 90 s.
- A cue asked for again while it plays starts on another of its `VOICES` effects, each
  stopped in its own silence.
- Should it happen anyway (this process held up for longer than a sound's silent tail, so
  that the sound ends before its stop comes), this process exits on Qt's first warning of
  it (`EXIT_AUDIO_BROKE`), and the app starts a new one.
"""

from __future__ import annotations

import logging
import os
import sys
import wave
from array import array
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from kds.audio import (
    EXIT_AUDIO_BROKE,
    Ack,
    Failed,
    Finished,
    Ping,
    Play,
    Ready,
    Report,
    SoundCue,
    Started,
    parse_command,
    report_line,
)

log = logging.getLogger("kds.audio")

BROKEN_NOTIFIER = "Socket notifiers cannot be enabled or disabled from another thread"
"""Qt's warning when a socket notifier is freed on a thread that does not own it: from here
on, its event loop spins on a closed descriptor."""

INTO_SILENCE_S = 0.05
"""A sound is stopped this long after its last audible sample..."""
AHEAD_S = 0.2
"""...when its file goes on in silence at least this much longer: the audio thread renders
ahead of the speaker, and must not have reached the end when the stop comes."""

LONGEST_LINE = 4096
"""A command longer than this is not one of ours: dropped with a log line."""

Say = Callable[[Report], None]


def audio_broke(message: str) -> bool:
    """Whether a Qt message says this process's event loop is lost."""
    return BROKEN_NOTIFIER in message


def guard_qt_messages() -> None:
    """Log Qt's messages on stderr; exit at once on the one that means the loop is lost."""
    qInstallMessageHandler(_qt_message)


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if audio_broke(message):
        log.error(
            "Qt's audio engine freed a socket notifier on its own thread (%s); this sound"
            " process stops and kds starts a new one",
            message,
        )
        os._exit(EXIT_AUDIO_BROKE)
    quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
    log.log(logging.INFO if quiet else logging.WARNING, "%s", message)


def stop_after_ms(path: Path) -> int | None:
    """When to stop a sound, in ms from its start, so that Qt never ends it by itself; None
    for a file without a long enough silent tail (it plays to its end)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            return None
        channels, rate = wav.getnchannels(), wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    end = len(samples)
    while end and samples[end - 1] == 0:  # the same in either byte order
        end -= 1
    stop = -(-end // channels) / rate + INTO_SILENCE_S
    if len(samples) / channels / rate - stop < AHEAD_S:
        return None
    return round(stop * 1000)


VOICES = 3
"""QSoundEffects per cue. A cue asked for again while it plays (two monitors, two orders
close together) starts on another one, so that each sound is still stopped in its own
silence; with all of them playing, the one started first is stopped and starts again."""


class _Voice:
    """One QSoundEffect of a cue, and the timer that stops it in its silent tail."""

    def __init__(self, cue: SoundCue, stop_after: int | None) -> None:
        self.cue = cue
        self.effect = QSoundEffect()
        self.turn = 0
        """When it was last started, counted in plays (the smallest is the oldest)."""
        self.stop: QTimer | None = None
        if stop_after is not None:
            self.stop = QTimer(self.effect)
            self.stop.setSingleShot(True)
            self.stop.setInterval(stop_after)
            self.stop.timeout.connect(self.effect.stop)


class Player:
    """VOICES QSoundEffects per cue, loaded when built; says what it loaded and played.

    Without an audio output (no PulseAudio or PipeWire, no sound card) it says so in the
    log, reports `Ready(0)` and stays silent.
    """

    def __init__(self, say: Say) -> None:
        self._say = say
        self.voices: dict[SoundCue, list[_Voice]] = {}
        self._announced = False
        self._failed: set[SoundCue] = set()
        self._plays = 0
        if not QMediaDevices.audioOutputs():
            log.warning(
                "no audio output (Qt plays through PulseAudio or PipeWire): the sounds are off"
            )
            self._announce()
            return
        for cue in SoundCue:
            stop_after = stop_after_ms(cue.path)
            self.voices[cue] = [_Voice(cue, stop_after) for _ in range(VOICES)]
            for voice in self.voices[cue]:
                # Connected before the source is set: loading may report at once.
                voice.effect.statusChanged.connect(partial(self._status_changed, voice))
                voice.effect.playingChanged.connect(partial(self._playing_changed, voice))
                voice.effect.setSource(QUrl.fromLocalFile(str(cue.path)))

    def play(self, cue: SoundCue, volume: float) -> None:
        voices = self.voices.get(cue)
        if not voices:
            return
        idle = [voice for voice in voices if not voice.effect.isPlaying()]
        voice = idle[0] if idle else min(voices, key=lambda voice: voice.turn)
        if voice.effect.isPlaying():
            voice.effect.stop()  # stopped from this thread: never left to end by itself
        self._plays += 1
        voice.turn = self._plays
        voice.effect.setVolume(volume)
        voice.effect.play()

    def _status_changed(self, voice: _Voice) -> None:
        if voice.effect.status() is QSoundEffect.Status.Error and voice.cue not in self._failed:
            self._failed.add(voice.cue)
            log.warning("sound %s (%s) cannot play", voice.cue, voice.cue.path)
            self._say(Failed(voice.cue))
        loading = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
        effects = [v.effect for voices in self.voices.values() for v in voices]
        if not any(effect.status() in loading for effect in effects):
            self._announce()

    def _announce(self) -> None:
        if self._announced:
            return
        self._announced = True
        ready = QSoundEffect.Status.Ready
        cues = [c for c, voices in self.voices.items() if voices[0].effect.status() is ready]
        self._say(Ready(len(cues)))

    def _playing_changed(self, voice: _Voice) -> None:
        effect = voice.effect
        if effect.isPlaying():
            if voice.stop is not None:
                voice.stop.start()
            self._say(Started(voice.cue, effect.volume()))
        else:
            if voice.stop is not None:
                voice.stop.stop()
            self._say(Finished(voice.cue))


class CommandReader:
    """Reads command lines from a pipe on the event loop; `closed` is called at its end."""

    def __init__(self, fd: int, handle: Callable[[str], None], closed: Callable[[], None]):
        self._fd = fd
        self._handle = handle
        self._closed = closed
        self._pending = b""
        os.set_blocking(fd, False)
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            data = os.read(self._fd, LONGEST_LINE)
        except BlockingIOError:
            return
        if not data:  # the app closed its end
            self._notifier.setEnabled(False)
            self._closed()
            return
        *lines, self._pending = (self._pending + data).split(b"\n")
        if len(self._pending) > LONGEST_LINE:
            log.warning("dropped a command line of over %d bytes", LONGEST_LINE)
            self._pending = b""
        for line in lines:
            self._handle(line.decode("utf-8", errors="replace"))


def main() -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    guard_qt_messages()
    app = QCoreApplication(sys.argv[:1])

    def say(report: Report) -> None:
        try:
            sys.stdout.write(report_line(report))
            sys.stdout.flush()
        except OSError:  # the app has gone: nobody to play for
            os._exit(0)

    player = Player(say)

    def handle(line: str) -> None:
        match parse_command(line):
            case Play(cue, volume):
                player.play(cue, volume)
            case Ping():
                pass
            case None:
                log.warning("not a command: %r", line[:80])
        say(Ack())  # every line is answered, so the app can tell this process is alive

    reader = CommandReader(sys.stdin.fileno(), handle, app.quit)
    app.exec()
    del reader
    # Tearing down the audio backend may hang in Qt, and nobody waits for it: leave now.
    os._exit(0)


if __name__ == "__main__":
    main()
