"""The app's side of the sound process (`kds.audio.child`): starts it, sends it the cues,
watches that it answers, and replaces it when it does not or when it exits.

`Watch` is the sans-I/O core (what to do, given what was sent, answered and the time);
`SoundProcess` is the thin QProcess shell around it. A cue asked for while no sound process
runs (before the first start, or between a failure and the next) is held and played by the
next one if it is at most `HELD_CUE_S` old; an older one would only mislead ("new order"
for an order that has been on the screen for a while), and the printer alarm rings again
by itself.
"""

from __future__ import annotations

import enum
import logging
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from kds.audio import (
    EXIT_AUDIO_BROKE,
    Ack,
    Command,
    Failed,
    Finished,
    Ping,
    Play,
    Ready,
    SoundCue,
    Started,
    parse_report,
)
from kds.net.state import Backoff
from kds.settings import MonitorSettings
from kds.ui.sounds import SoundPlayer

log = logging.getLogger(__name__)

CHILD = (sys.executable, "-m", "kds.audio.child")
"""The sound process kds runs: this Python, so an installed kds runs its own."""

ANSWER_TIMEOUT_S = 5.0
"""A sound process answers each command within this time, or is replaced."""
START_TIMEOUT_S = 60.0
"""It loads every sound within this time of its start (a slow PC, a busy disk), or is replaced."""
PING_INTERVAL_S = 10.0
"""After this long without a cue it is asked whether it is alive."""
HELD_CUE_S = 3.0
"""A cue asked for while no sound process runs is played by the next one within this time."""

CHILD_LOG_LINES = 100
"""Lines of a sound process's stderr logged; the rest is counted, not logged (a Qt fault
can print millions)."""


class Verdict(enum.Enum):
    FINE = "fine"
    PING = "ping"
    """Nothing was asked for a while: ask whether it is alive."""
    STUCK = "stuck"
    """It did not answer in time: replace it."""


@dataclass
class Watch:
    """Whether a sound process is alive, from what it was sent and what it answered.

    It must say `ready` within `start_timeout` of its start, and answer each command within
    `answer_timeout` of the previous answer (or of the command, when nothing was waiting);
    after `ping_interval` without a command it is pinged. Times are seconds of a monotonic
    clock, passed in.
    """

    started_at: float
    answer_timeout: float
    start_timeout: float
    ping_interval: float
    ready: bool = False
    unanswered: int = 0
    waiting_since: float | None = None
    last_sent: float = field(init=False)

    def __post_init__(self) -> None:
        self.last_sent = self.started_at

    def sent(self, now: float) -> None:
        if self.unanswered == 0:
            self.waiting_since = now
        self.unanswered += 1
        self.last_sent = now

    def answered(self, now: float) -> None:
        self.unanswered = max(0, self.unanswered - 1)
        self.waiting_since = now if self.unanswered else None

    def check(self, now: float) -> tuple[Verdict, str]:
        """What to do now, and why (for the log) when it is STUCK."""
        if not self.ready:
            if now - self.started_at > self.start_timeout:
                return Verdict.STUCK, f"not ready {self.start_timeout:g} s after its start"
            return Verdict.FINE, ""
        if self.waiting_since is not None and now - self.waiting_since > self.answer_timeout:
            return Verdict.STUCK, f"no answer for {self.answer_timeout:g} s"
        if self.unanswered == 0 and now - self.last_sent >= self.ping_interval:
            return Verdict.PING, ""
        return Verdict.FINE, ""


def exit_reason(code: int, crashed: bool) -> str:
    if crashed:
        return "it crashed"
    if code == EXIT_AUDIO_BROKE:
        return "Qt's audio engine broke its event loop"
    return f"it exited with code {code}"


class SoundProcess(QObject):
    """Plays cues in a sound process of its own, replaced whenever it fails.

    `start()` starts it (after the first paint: it loads QtMultimedia and every sound);
    `play` is the `SoundPlayer` of every monitor; `close()` ends it. A process that stops
    answering or exits is logged with the reason and started again after a backoff, which
    resets once a new one is ready.
    """

    ready = Signal(int)
    """A sound process started and loaded this many cues (0: no audio output)."""
    started = Signal(str, float)
    """A cue (its value) began to play, at this volume."""
    finished = Signal(str)
    """A cue (its value) played to its end."""
    replaced = Signal(str)
    """A sound process failed, for this reason; another one starts after a backoff."""

    def __init__(
        self,
        command: Sequence[str] = CHILD,
        *,
        answer_timeout_s: float = ANSWER_TIMEOUT_S,
        start_timeout_s: float = START_TIMEOUT_S,
        ping_interval_s: float = PING_INTERVAL_S,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._command = tuple(command)
        self._answer_timeout = answer_timeout_s
        self._start_timeout = start_timeout_s
        self._ping_interval = ping_interval_s
        self._backoff = backoff if backoff is not None else Backoff(initial=0.5, cap=60.0)
        self._failures = 0
        self._process: QProcess | None = None
        self._watch: Watch | None = None
        self._log_lines = 0
        self._log_pending = b""
        self._closed = False
        self._clock = clock
        self._held: deque[tuple[float, Play]] = deque(maxlen=2 * len(SoundCue))
        self._check = QTimer(self)
        self._check.setInterval(round(1000 * min(answer_timeout_s, ping_interval_s) / 4))
        self._check.timeout.connect(self._checked)
        self._restart = QTimer(self)
        self._restart.setSingleShot(True)
        self._restart.timeout.connect(self._spawn)

    def player(self, _monitor: MonitorSettings) -> SoundPlayer:
        """A `SoundPlayerFactory`: every monitor plays through this one process."""
        return self

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self) -> None:
        if self._process is None and not self._closed:
            self._spawn()

    def play(self, cue: SoundCue, volume: float) -> None:
        play = Play(cue, min(1.0, max(0.0, volume)))
        if self._process is None:
            if not self._closed:
                self._held.append((self._clock(), play))
            return
        self._send(play)

    def close(self) -> None:
        """End the sound process (it has nothing to save) and start no other."""
        self._closed = True
        self._restart.stop()
        self._stop_process(graceful=True)

    def _spawn(self) -> None:
        process = QProcess(self)
        process.readyReadStandardOutput.connect(self._read_reports)
        process.readyReadStandardError.connect(self._read_log)
        process.finished.connect(self._exited)
        process.errorOccurred.connect(self._error)
        self._process = process
        self._watch = Watch(
            self._clock(), self._answer_timeout, self._start_timeout, self._ping_interval
        )
        self._log_lines = 0
        self._log_pending = b""
        process.start(self._command[0], list(self._command[1:]))
        self._check.start()
        held, now = list(self._held), self._clock()
        self._held.clear()
        for asked, play in held:
            if now - asked <= HELD_CUE_S:
                self._send(play)
            else:
                log.info("sound %s not played: asked for %.0f s ago", play.cue, now - asked)

    def _send(self, command: Command) -> None:
        if self._process is None or self._watch is None:
            return
        self._process.write(command.line().encode("ascii"))
        self._watch.sent(self._clock())

    def _read_reports(self) -> None:
        process = self._process
        while process is not None and process.canReadLine():
            line = bytes(process.readLine().data()).decode("utf-8", errors="replace")
            self._report(line)
            process = self._process  # a report may have replaced it

    def _report(self, line: str) -> None:
        watch = self._watch
        assert watch is not None
        match parse_report(line):
            case Ready(cues):
                watch.ready = True
                self._failures = 0
                log.info("sound process ready: %d sounds", cues)
                self.ready.emit(cues)
            case Ack():
                watch.answered(self._clock())
            case Started(cue, volume):
                self.started.emit(cue.value, volume)
            case Finished(cue):
                self.finished.emit(cue.value)
            case Failed(cue):
                log.warning("sound %s cannot play", cue)
            case None:
                log.warning("sound process: not a report: %r", line[:80])

    def _read_log(self) -> None:
        if self._process is not None:
            self._log_from(self._process)

    def _log_from(self, process: QProcess, *, last: bool = False) -> None:
        """Log the lines the sound process wrote on stderr (and, `last`, its unfinished
        one), up to CHILD_LOG_LINES of them."""
        *lines, self._log_pending = (
            self._log_pending + bytes(process.readAllStandardError().data())
        ).split(b"\n")
        if last and self._log_pending:
            lines.append(self._log_pending)
            self._log_pending = b""
        for line in lines:
            self._log_lines += 1
            if self._log_lines <= CHILD_LOG_LINES:
                log.info("sound process: %s", line.decode("utf-8", errors="replace"))
            elif self._log_lines == CHILD_LOG_LINES + 1:
                log.warning(
                    "sound process: more than %d lines of output, not logged", CHILD_LOG_LINES
                )

    def _checked(self) -> None:
        if self._watch is None:
            return
        verdict, why = self._watch.check(self._clock())
        if verdict is Verdict.PING:
            self._send(Ping())
        elif verdict is Verdict.STUCK:
            self._failed(f"it stopped answering ({why})")

    def _exited(self, code: int, status: QProcess.ExitStatus) -> None:
        self._failed(exit_reason(code, status is QProcess.ExitStatus.CrashExit))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._failed(f"it could not start ({self._command[0]})")

    def _failed(self, reason: str) -> None:
        if self._process is None:
            return
        self._stop_process(graceful=False)
        delay = self._backoff.delay(self._failures)
        self._failures += 1
        log.warning("the sound process failed: %s; a new one starts in %.1f s", reason, delay)
        self.replaced.emit(reason)
        if not self._closed:
            self._restart.start(round(delay * 1000))

    def _stop_process(self, *, graceful: bool) -> None:
        """Stop watching the sound process and end it: `graceful`, by closing its stdin
        (it exits at once), else, or when it does not exit within a second, by SIGKILL.
        What it wrote on stderr until then is logged."""
        self._check.stop()
        process, self._process, self._watch = self._process, None, None
        if process is None:
            return
        for signal in (
            process.readyReadStandardOutput,
            process.readyReadStandardError,
            process.finished,
            process.errorOccurred,
        ):
            signal.disconnect()
        if process.state() is not QProcess.ProcessState.NotRunning:
            if graceful:
                process.closeWriteChannel()
            if not graceful or not process.waitForFinished(1000):
                process.kill()
                process.waitForFinished(1000)
        self._log_from(process, last=True)
        process.deleteLater()
