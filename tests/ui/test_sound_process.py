"""The sound process: every cue plays through the real QtMultimedia backend in a process of
its own; one that stops answering, exits or hits Qt's audio-thread fault is replaced, and
the app goes on; its lines are read at the border like any other input.

Real children throughout: `python -m kds.audio.child` on a private PulseAudio null sink, and
small Python programs that play a failing sound process (one that never answers, one that
exits), started by the same QProcess shell the app uses.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from child_output import readable
from harness import until_signals
from pulse_sink import MISSING, start_null_sink

from kds.audio import (
    EXIT_AUDIO_BROKE,
    Ack,
    Failed,
    Finished,
    Ping,
    Play,
    Ready,
    SoundCue,
    Started,
    parse_command,
    parse_report,
    report_line,
)
from kds.audio.child import VOICES, audio_broke, stop_after_ms
from kds.net.state import Backoff
from kds.ui.sound_process import (
    ANSWER_TIMEOUT_S,
    CHILD_LOG_LINES,
    PING_INTERVAL_S,
    START_TIMEOUT_S,
    SoundProcess,
    Verdict,
    Watch,
)

QUICK = Backoff(initial=0.01, cap=0.05, jitter=0.0)


@pytest.fixture
def pulse_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private PulseAudio null sink, where the sound processes this test starts play."""
    started = start_null_sink(tmp_path / "pulse")
    if started is None:
        pytest.skip(MISSING)
    server, pid = started
    plays_there(monkeypatch, tmp_path, server)
    try:
        yield server
    finally:
        os.kill(pid, 15)


def plays_there(monkeypatch: pytest.MonkeyPatch, home: Path, server: str) -> None:
    """Sound processes started from now on play through `server` (they inherit this
    environment)."""
    monkeypatch.setenv("QT_AUDIO_BACKEND", "pulseaudio")
    monkeypatch.setenv("PULSE_SERVER", server)
    monkeypatch.setenv("HOME", str(home))


class Heard:
    """What a SoundProcess signalled."""

    def __init__(self, sounds: SoundProcess) -> None:
        self.ready: list[int] = []
        self.started: list[tuple[str, float]] = []
        self.finished: list[str] = []
        self.replaced: list[str] = []
        sounds.ready.connect(self.ready.append)
        sounds.started.connect(lambda cue, volume: self.started.append((cue, round(volume, 3))))
        sounds.finished.connect(self.finished.append)
        sounds.replaced.connect(self.replaced.append)


async def until_heard(sounds: SoundProcess, predicate: Any, what: str) -> None:
    await until_signals(
        predicate, what, sounds.ready, sounds.started, sounds.finished, sounds.replaced
    )


def test_every_sound_plays_to_its_end_in_the_sound_process(
    loop: Any, pulse_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kds.ui.sound_process")
    sounds = SoundProcess()
    heard = Heard(sounds)

    def played_all() -> bool:
        return set(heard.finished) == {cue.value for cue in SoundCue}

    async def scenario() -> None:
        sounds.start()
        # Qt's audio-thread fault (kds.audio.child) may end a sound process mid-way (about
        # one run in twelve on a loaded machine): the next one plays what was left.
        for tries in range(1, 4):
            await until_heard(sounds, lambda n=tries: len(heard.ready) == n, "a ready process")
            for cue in SoundCue:
                if cue.value not in heard.finished:
                    sounds.play(cue, 0.5)
            await until_heard(
                sounds,
                lambda n=tries: played_all() or len(heard.replaced) == n,
                "every cue played to its end",
            )
            if played_all():
                return

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()
    assert played_all(), caplog.text
    assert set(heard.ready) == {len(SoundCue)}, caplog.text
    assert set(heard.started) == {(cue.value, 0.5) for cue in SoundCue}
    assert "cannot play" not in caplog.text
    assert set(heard.replaced) <= {"Qt's audio engine broke its event loop"}, caplog.text
    assert not sounds.running


def test_a_sound_asked_for_again_while_it_plays_plays_again_beside_it(
    loop: Any, pulse_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Two monitors, or two orders close together: each play is a sound of its own, each
    stopped in its own silence (kds.audio.child), none cut short by the next."""
    caplog.set_level(logging.INFO, logger="kds.ui.sound_process")
    sounds = SoundProcess()
    heard = Heard(sounds)

    def again(cue: str, _volume: float) -> None:
        if len(heard.started) < VOICES:
            sounds.play(SoundCue(cue), 0.5)

    sounds.started.connect(again)

    async def scenario() -> None:
        sounds.start()
        await until_heard(sounds, lambda: heard.ready, "the sound process is ready")
        sounds.play(SoundCue.READY, 0.5)
        await until_heard(sounds, lambda: len(heard.finished) == VOICES, "the chimes played out")

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()
    assert heard.started == [("ready_chime", 0.5)] * VOICES
    assert heard.finished == ["ready_chime"] * VOICES
    assert heard.replaced == [], caplog.text


def test_without_an_audio_output_the_sound_process_says_so_and_stays_silent(
    loop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kds.ui.sound_process")
    plays_there(monkeypatch, tmp_path, f"unix:{tmp_path / 'no-such-server'}")
    sounds = SoundProcess()
    heard = Heard(sounds)

    async def scenario() -> None:
        sounds.start()
        await until_heard(sounds, lambda: heard.ready, "the sound process is ready")
        sounds.play(SoundCue.NEW_ORDER, 1.0)  # silent, and no error

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()  # logs what the sound process wrote until then
    assert heard.ready == [0]
    assert "no audio output (Qt plays through PulseAudio or PipeWire): the sounds are off" in (
        caplog.text
    )
    assert heard.started == heard.replaced == []


# A sound process that loads, then never answers (its loop stuck, as Qt's fault leaves it).
SILENT = "import sys; print('ready 6', flush=True); sys.stdin.read()"
# One that loads, starts the first cue asked for, then exits as the real one does when Qt's
# audio engine broke.
BREAKS = f"""
import sys
print("ready 6", flush=True)
_, cue, volume = sys.stdin.readline().split()
print("ack", f"started {{cue}} {{volume}}", sep="\\n", flush=True)
sys.exit({EXIT_AUDIO_BROKE})
"""


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sound_process_that_stops_answering_is_replaced(
    loop: Any, caplog: pytest.LogCaptureFixture
) -> None:
    sounds = SoundProcess(
        (sys.executable, "-c", SILENT),
        answer_timeout_s=0.2,
        ping_interval_s=0.05,
        backoff=QUICK,
    )
    heard = Heard(sounds)

    async def scenario() -> None:
        sounds.start()
        # Not a cue asked for: the ping after a quiet spell finds it stuck.
        await until_heard(sounds, lambda: len(heard.ready) >= 2, "a second sound process")

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()
    assert heard.replaced[0] == "it stopped answering (no answer for 0.2 s)"
    assert "the sound process failed: it stopped answering" in caplog.text
    assert not sounds.running


def test_a_sound_process_whose_audio_engine_broke_is_replaced_and_plays_what_came_meanwhile(
    loop: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kds.ui.sound_process")
    clock = Clock()
    sounds = SoundProcess((sys.executable, "-c", BREAKS), backoff=QUICK, clock=clock)
    heard = Heard(sounds)

    def meanwhile(_reason: str) -> None:  # no sound process runs now
        if len(heard.replaced) == 1:
            sounds.play(SoundCue.CHANGED, 0.8)  # held, and played by the next one
        elif len(heard.replaced) == 2:
            sounds.play(SoundCue.CANCELLED, 0.8)
            clock.now += 3.5  # too late to play by the time the next one starts

    sounds.replaced.connect(meanwhile)

    async def scenario() -> None:
        sounds.play(SoundCue.NEW_ORDER, 1.0)  # before the start: held too
        sounds.start()
        await until_heard(sounds, lambda: len(heard.ready) == 3, "a third sound process")

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()
    assert heard.started == [("new_order", 1.0), ("changed", 0.8)]
    assert heard.replaced[:2] == ["Qt's audio engine broke its event loop"] * 2
    assert "a new one starts in 0.0 s" in caplog.text
    assert "sound cancelled not played: asked for 4 s ago" in caplog.text
    assert not sounds.running


# One that writes far more on stderr than anyone should log (as Qt's fault did: 400 MB).
CHATTY = (
    "import sys\n"
    "for n in range(5000): print('QSocketNotifier: Invalid socket 23', n, file=sys.stderr)\n"
    "print('ready 6', flush=True); sys.stdin.read()"
)


def test_only_the_first_lines_a_sound_process_writes_reach_the_log(
    loop: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kds.ui.sound_process")
    sounds = SoundProcess((sys.executable, "-c", CHATTY))
    heard = Heard(sounds)

    async def scenario() -> None:
        sounds.start()
        await until_heard(sounds, lambda: heard.ready, "the sound process is ready")

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()  # logs what it wrote until then
    logged = [r.getMessage() for r in caplog.records if "Invalid socket" in r.getMessage()]
    assert len(logged) == CHILD_LOG_LINES
    assert logged[-1].endswith(f"Invalid socket 23 {CHILD_LOG_LINES - 1}")
    assert "sound process: more than 100 lines of output, not logged" in caplog.text


def test_a_sound_process_that_cannot_start_is_tried_again_with_backoff(loop: Any) -> None:
    sounds = SoundProcess(("/nonexistent/python", "-m", "kds.audio.child"), backoff=QUICK)
    heard = Heard(sounds)

    async def scenario() -> None:
        sounds.start()
        sounds.play(SoundCue.NEW_ORDER, 1.0)  # nobody to play it: not played, no error
        await until_heard(sounds, lambda: len(heard.replaced) >= 3, "three tries")

    try:
        loop.run_until_complete(scenario())
    finally:
        sounds.close()
    assert set(heard.replaced) == {"it could not start (/nonexistent/python)"}
    assert heard.ready == []


# Qt's own warning, made the way Qt's audio engine makes it: a socket notifier of the main
# thread touched from another thread. The real child's guard must end the process at once.
PROVOKE = """
import os, sys, threading
from PySide6.QtCore import QCoreApplication, QSocketNotifier
from kds.audio.child import guard_qt_messages
guard_qt_messages()
app = QCoreApplication([])
read_end, _ = os.pipe()
notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read)
thread = threading.Thread(target=lambda: notifier.setEnabled(False))
thread.start()
thread.join()
print("still running", flush=True)
"""


def test_the_sound_process_exits_on_qts_warning_of_a_notifier_freed_on_its_audio_thread(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROVOKE],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == EXIT_AUDIO_BROKE, readable(done.stderr)
    assert done.stdout == ""
    assert "this sound process stops and kds starts a new one" in done.stderr


def test_only_that_warning_ends_the_sound_process() -> None:
    assert audio_broke(
        "QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"
    )
    assert not audio_broke("qt.multimedia.symbolsresolver: Couldn't load pipewire-0.3 library")
    assert not audio_broke("QSoundEffect: Error decoding source file:///x.wav")


def wav(path: Path, sound: list[int], silence_s: float) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(1000)
        out.writeframes(array("h", sound).tobytes() + bytes(2 * round(silence_s * 1000)))
    return path


def test_each_shipped_sound_is_stopped_in_its_silence_never_left_to_end_by_itself(
    tmp_path: Path,
) -> None:
    for cue in SoundCue:
        with wave.open(str(cue.path), "rb") as sound:
            samples = array("h", sound.readframes(sound.getnframes()))
        heard_ms = 1000 * max(i for i, x in enumerate(samples) if x) / 44_100
        stop = stop_after_ms(cue.path)
        assert stop is not None, cue
        # After the last sound is heard, and well before the audio thread reaches the end.
        assert heard_ms + 49 <= stop <= 1000 * len(samples) / 44_100 - 200, (cue, stop)
    # 400 ms of sound then 300 ms of silence: stopped 50 ms into the silence.
    assert stop_after_ms(wav(tmp_path / "tail.wav", [900] * 400, 0.3)) == 450
    # Without a silent tail long enough, a sound plays to its end.
    assert stop_after_ms(wav(tmp_path / "short.wav", [900] * 400, 0.2)) is None
    assert stop_after_ms(wav(tmp_path / "none.wav", [900] * 400, 0.0)) is None


# --- the lines, read at the border -----------------------------------------------------


def test_every_line_reads_back_as_what_was_written() -> None:
    for command in (Play(SoundCue.PRINTER_ALARM, 0.7), Play(SoundCue.READY, 1.0), Ping()):
        assert parse_command(command.line()) == command
    for report in (
        Ready(6),
        Ready(0),
        Ack(),
        Started(SoundCue.CHANGED, 0.25),
        Finished(SoundCue.RELEASED),
        Failed(SoundCue.CANCELLED),
    ):
        assert parse_report(report_line(report)) == report


@pytest.mark.parametrize(
    "line",
    [
        "",
        "play",
        "play new_order",
        "play trumpet 0.5",
        "play new_order 1.5",
        "play new_order -0.1",
        "play new_order nan",
        "play new_order inf",
        "play new_order 1e300",
        "play new_order " + "9" * 5000,
        "play new_order 0.5 extra",
        "PING",
        "\x00\xff",
        "ping " + "x" * 10_000,
    ],
)
def test_a_line_that_is_not_a_command_is_refused(line: str) -> None:
    assert parse_command(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ready",
        "ready -1",
        "ready 99999",
        "ready six",
        "ack ack",
        "started new_order",
        "started new_order loud",
        "finished",
        "finished trumpet",
        "hello new_order",
        "é" * 50,
    ],
)
def test_a_line_that_is_not_a_report_is_refused(line: str) -> None:
    assert parse_report(line) is None


# --- the watch, as a plain function of time ------------------------------------------------


def watch(now: float = 0.0) -> Watch:
    return Watch(now, ANSWER_TIMEOUT_S, START_TIMEOUT_S, PING_INTERVAL_S)


def test_a_sound_process_has_a_minute_to_load_its_sounds() -> None:
    w = watch()
    assert w.check(59.0) == (Verdict.FINE, "")
    assert w.check(60.5) == (Verdict.STUCK, "not ready 60 s after its start")
    w.ready = True
    assert w.check(60.5) == (Verdict.PING, "")


def test_each_command_must_be_answered_within_the_timeout_of_the_last_answer() -> None:
    w = watch()
    w.ready = True
    w.sent(1.0)
    w.sent(1.5)
    assert w.check(5.9) == (Verdict.FINE, "")
    w.answered(5.9)  # one answered: the other has its own 5 s from now
    assert w.check(10.8) == (Verdict.FINE, "")
    assert w.check(11.0) == (Verdict.STUCK, "no answer for 5 s")
    w.answered(10.95)
    assert w.check(11.0) == (Verdict.FINE, "")


def test_a_quiet_sound_process_is_pinged_every_interval() -> None:
    w = watch()
    w.ready = True
    assert w.check(9.9) == (Verdict.FINE, "")
    assert w.check(10.0) == (Verdict.PING, "")
    w.sent(10.0)
    assert w.check(12.0) == (Verdict.FINE, "")
    w.answered(12.0)
    assert w.check(19.9) == (Verdict.FINE, "")
    assert w.check(20.0) == (Verdict.PING, "")
