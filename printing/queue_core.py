"""The sans-I/O core of one printer's queue: health, backoff, failover and recovery.

`step(state, observation, now)` is pure: it takes what the spooler's worker just saw (a
status answer, a send that went through or failed, the next queued job, a timer that ran
out) with the time read once by the worker, and returns the printer's new state, the
bookkeeping to do on the jobs table (`Effect`s, one transaction) and the one thing to do
next (`Request`: ask the printer, look for a job, send one, wait). Nothing here does I/O or
reads a clock, so a minute of paper-out is a unit test that runs in milliseconds.

The rules (the module doc of `printing.spooler` says why):

* a printer that answers status is asked when its worker starts, and when idle every
  ``idle_check_s``;
* before each job the status is asked (when the printer answers status); only a healthy
  printer is sent to;
* after a send the status is asked again: a problem now means the printer took the ticket
  and keeps it until it is fixed (it is done, never sent again, and a late slip follows
  it, unless it was a late slip itself);
* a failure is retried after a capped exponential backoff, cut short to fail over on
  time; once the printer has been failing for ``failover_after_s``, its queued jobs go to
  its backup (again at every later failure, for jobs queued there since);
* a failing printer with nothing queued is asked until it answers healthy; then the jobs
  still waiting at its backup come home and new ones print there again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from kds.words import N_
from printing.errors import PrintingError
from printing.status import PrinterStatus

INTERNAL_ERROR = N_("internal error (see the log)")
UNREACHABLE = N_("offline")
"""The words for a printer that could not be reached at all."""


@dataclass(frozen=True)
class Moment:
    """One reading of the clocks: `mono` (seconds, monotonic) times retries and failover,
    `wall` is what people read ("paper out since 20:14")."""

    mono: float
    wall: datetime


@dataclass(frozen=True)
class Policy:
    """How one printer is treated: from its configuration, fixed while the worker runs."""

    checks_status: bool
    """It answers DLE EOT (configured so, and the transport can): asked before and after jobs."""
    backup: str | None = None
    failover_after_s: float = 3.0
    retry_initial_s: float = 0.5
    retry_cap_s: float = 10.0
    idle_check_s: float | None = 15.0
    """Ask an idle printer this often; None: never."""

    def backoff(self, failures: int) -> float:
        """The wait after the `failures`-th failure in a row (1 = the first)."""
        exponent = max(min(failures - 1, 30), 0)
        return min(self.retry_cap_s, self.retry_initial_s * 2.0**exponent)


@dataclass(frozen=True)
class QueuedJob:
    """A job as the core needs it: which one, and whether it is a late slip."""

    id: int
    late: bool = False


class Phase(Enum):
    """What the worker is doing, i.e. which observation answers its last request."""

    STARTING = "starting"
    LOOKING = "looking"
    ASKING = "asking"
    """Asking a printer that seems fine (at start, or idle)."""
    PROBING = "probing"
    """Asking a failing printer with nothing queued whether it is back."""
    CHECKING = "checking"
    """Asking before sending `job`."""
    SENDING = "sending"
    CONFIRMING = "confirming"
    """Asking after sending `job`."""
    IDLE = "idle"
    PAUSED = "paused"


@dataclass(frozen=True)
class PrinterHealth:
    """One printer as its worker knows it (the part staff see, and the timing behind it)."""

    policy: Policy
    healthy: bool | None = None
    """None: not known yet, or a printer that cannot report status."""
    problem: str | None = None
    since: datetime | None = None
    """When the current run of failures started (wall time)."""
    failing_since: float | None = None
    """The same moment, monotonic: failover counts from it."""
    failures: int = 0
    on_backup_to: str | None = None
    phase: Phase = Phase.STARTING
    job: QueuedJob | None = None
    """The job being checked, sent or confirmed."""

    @property
    def visible(self) -> tuple[bool | None, str | None, str | None]:
        """What the screen shows of it: a change here is worth telling the UI."""
        return (self.healthy, self.problem, self.on_backup_to)


# --- observations: what the worker saw ------------------------------------------------


@dataclass(frozen=True)
class Start:
    """The worker starts."""


@dataclass(frozen=True)
class NextJob:
    """The answer to `LookForJob`: the job to print next here, or None."""

    job: QueuedJob | None


@dataclass(frozen=True)
class StatusRead:
    """The answer to `ReadStatus`: what the printer said, or None when it could not be
    reached. (A printer without status answers `PrinterStatus.NOT_SUPPORTED()` when it can
    be connected to.)"""

    status: PrinterStatus | None


@dataclass(frozen=True)
class Sent:
    """The printer took the whole job."""


@dataclass(frozen=True)
class SendFailed:
    """The job did not go through; `maybe_sent`: some of it may be in the printer."""

    error: str
    maybe_sent: bool = False


@dataclass(frozen=True)
class NotSent:
    """Nothing was sent: the job was cancelled, moved or could not be laid out meanwhile."""


@dataclass(frozen=True)
class Woken:
    """A job was queued for this printer while it was idle."""


@dataclass(frozen=True)
class TimeReached:
    """The time a `WaitForJob` or `Pause` named has come."""


@dataclass(frozen=True)
class InternalError:
    """The worker failed on something unexpected (logged by the worker)."""


Observation = (
    Start | NextJob | StatusRead | Sent | SendFailed | NotSent | Woken | TimeReached | InternalError
)


# --- effects: bookkeeping on the jobs table, one transaction per step --------------------


@dataclass(frozen=True)
class MarkDone:
    """The job is on its way to paper: never send it again."""

    job: QueuedJob
    confirmed: bool
    """The printer said it is fine after the job (False: "sent, not confirmed", or held)."""


@dataclass(frozen=True)
class MarkHeld:
    """The printer keeps the job until `problem` is fixed: queue the late slip that follows it."""

    job: QueuedJob
    problem: str


@dataclass(frozen=True)
class Requeue:
    """A send failed: the job waits again (marked REPRINT when it may be on paper)."""

    job: QueuedJob
    error: str
    maybe_sent: bool


@dataclass(frozen=True)
class Divert:
    """Move this printer's queued jobs (not its late slips) to `to`."""

    to: str


@dataclass(frozen=True)
class BringBack:
    """The printer is back: its jobs still queued at the backup come home."""


Effect = MarkDone | MarkHeld | Requeue | Divert | BringBack


# --- requests: the one thing to do next ---------------------------------------------------


@dataclass(frozen=True)
class ReadStatus:
    """Ask the printer (DLE EOT; a printer without status: connect). Answer: `StatusRead`."""


@dataclass(frozen=True)
class LookForJob:
    """Find the next job queued for this printer, late slips first. Answer: `NextJob`."""


@dataclass(frozen=True)
class Send:
    """Lay the job out and send it (if it is still queued here). Answer: `Sent`,
    `SendFailed` or `NotSent`."""

    job: QueuedJob


@dataclass(frozen=True)
class WaitForJob:
    """Wait for a job to be queued (`Woken`), or until `until` (`TimeReached`; None: no limit)."""

    until: float | None


@dataclass(frozen=True)
class Pause:
    """Wait until `until` before trying a failing printer again (`TimeReached`); new jobs do
    not cut it short: asking a broken printer once per new order helps nobody."""

    until: float


Request = ReadStatus | LookForJob | Send | WaitForJob | Pause

Step = tuple[PrinterHealth, tuple[Effect, ...], Request]


class UnexpectedObservation(PrintingError):
    """The worker fed an observation that does not answer its last request (a bug)."""


def initial(policy: Policy) -> PrinterHealth:
    """A printer nothing is known about yet."""
    return PrinterHealth(policy)


def step(state: PrinterHealth, observation: Observation, now: Moment) -> Step:
    """The printer's new state, the effects to commit, and what to do next."""
    policy = state.policy
    match observation:
        case InternalError():
            state, effects = _fail(state, INTERNAL_ERROR, now)
            return _at(state, Phase.PAUSED), effects, Pause(now.mono + policy.retry_cap_s)
        case Start() if state.phase is Phase.STARTING:
            if policy.checks_status:
                # Asked at once, so the screen says "ready" or "paper out" from the start.
                return _at(state, Phase.ASKING), (), ReadStatus()
            return _look(state)
        case NextJob(job=None) if state.phase is Phase.LOOKING:
            if state.problem is None and state.on_backup_to is None:
                until = None
                if policy.checks_status and policy.idle_check_s:
                    until = now.mono + policy.idle_check_s
                return _at(state, Phase.IDLE), (), WaitForJob(until)
            # Failing (or on backup) with nothing queued here: ask until the printer is
            # back, so the screen stops showing a fixed problem.
            return _at(state, Phase.PROBING), (), ReadStatus()
        case NextJob(job=QueuedJob() as job) if state.phase is Phase.LOOKING:
            if policy.checks_status:
                return _at(state, Phase.CHECKING, job), (), ReadStatus()
            return _at(state, Phase.SENDING, job), (), Send(job)
        case StatusRead(status=status):
            return _answered(state, status, now)
        case Sent() if state.phase is Phase.SENDING and state.job is not None:
            if policy.checks_status:
                return _at(state, Phase.CONFIRMING, state.job), (), ReadStatus()
            state, effects = _printed(state, state.job)
            return _look(state, effects)
        case SendFailed(error=error, maybe_sent=maybe_sent) if (
            state.phase is Phase.SENDING and state.job is not None
        ):
            requeue = Requeue(state.job, error, maybe_sent)
            state, effects = _fail(state, UNREACHABLE, now)
            return _pause(state, (requeue, *effects), now)
        case NotSent() if state.phase is Phase.SENDING:
            return _look(state)
        case Woken() if state.phase is Phase.IDLE:
            return _look(state)
        case TimeReached() if state.phase is Phase.IDLE:
            return _at(state, Phase.ASKING), (), ReadStatus()
        case TimeReached() if state.phase is Phase.PAUSED:
            return _look(state)
    raise UnexpectedObservation(f"{observation!r} does not answer phase {state.phase.value}")


def _answered(state: PrinterHealth, status: PrinterStatus | None, now: Moment) -> Step:
    usable = status is not None and status.ok_to_send
    match state.phase:
        case Phase.ASKING:
            if usable:
                return _look(_healthy(state))
        case Phase.PROBING:
            if usable:
                return _look(*_recovered(state))
        case Phase.CHECKING if state.job is not None:
            if usable:
                return _at(state, Phase.SENDING, state.job), (), Send(state.job)
        case Phase.CONFIRMING if state.job is not None:
            job = state.job
            if status is not None and status.healthy:
                return _look(*_printed(state, job))
            # The bytes are in the printer and print when it is fixed: never send them
            # again, and let a late slip follow them.
            problem = problem_words(status)
            held: tuple[Effect, ...] = (MarkDone(job, False),)
            if not job.late:
                held += (MarkHeld(job, problem),)
            state, failover = _fail(state, problem, now)
            return _look(state, held + failover)
        case _:
            raise UnexpectedObservation(f"a status does not answer phase {state.phase.value}")
    state, failover = _fail(state, problem_words(status), now)
    return _pause(state, failover, now)


def problem_words(status: PrinterStatus | None) -> str:
    """What is wrong with a printer that gave this answer (None: could not be reached)."""
    if status is None:
        return UNREACHABLE
    return status.problem or status.detail


def _at(state: PrinterHealth, phase: Phase, job: QueuedJob | None = None) -> PrinterHealth:
    return replace(state, phase=phase, job=job)


def _look(state: PrinterHealth, effects: tuple[Effect, ...] = ()) -> Step:
    return _at(state, Phase.LOOKING), effects, LookForJob()


def _pause(state: PrinterHealth, effects: tuple[Effect, ...], now: Moment) -> Step:
    policy = state.policy
    delay = policy.backoff(state.failures)
    if policy.backup is not None and state.on_backup_to is None and state.failing_since is not None:
        # Do not sleep past the moment the tickets should go to the backup.
        until_failover = state.failing_since + policy.failover_after_s - now.mono
        delay = min(delay, max(until_failover, 0.0) + 0.001)
    return _at(state, Phase.PAUSED), effects, Pause(now.mono + delay)


def _fail(
    state: PrinterHealth, problem: str, now: Moment
) -> tuple[PrinterHealth, tuple[Effect, ...]]:
    """One more failure in a row; past `failover_after_s` the jobs go to the backup."""
    failing_since = now.mono if state.failing_since is None else state.failing_since
    state = replace(
        state,
        healthy=False,
        problem=problem,
        failures=state.failures + 1,
        failing_since=failing_since,
        since=now.wall if state.failing_since is None else state.since,
    )
    backup = state.policy.backup
    if backup is not None and now.mono - failing_since >= state.policy.failover_after_s:
        return replace(state, on_backup_to=backup), (Divert(backup),)
    return state, ()


def _healthy(state: PrinterHealth) -> PrinterHealth:
    return replace(
        state,
        healthy=True if state.policy.checks_status else None,
        problem=None,
        since=None,
        failing_since=None,
        failures=0,
        on_backup_to=None,
    )


def _recovered(state: PrinterHealth) -> tuple[PrinterHealth, tuple[Effect, ...]]:
    # Tickets still waiting at the backup (it may be struggling too) come home: they have
    # not been sent anywhere yet, so this cannot print them twice.
    return _healthy(state), (BringBack(),)


def _printed(state: PrinterHealth, job: QueuedJob) -> tuple[PrinterHealth, tuple[Effect, ...]]:
    """A job went out and the printer is fine (or cannot tell)."""
    done = MarkDone(job, state.policy.checks_status)
    if state.on_backup_to is not None:
        # A late slip was waiting here: the printer is back.
        healthy, effects = _recovered(state)
        return healthy, (done, *effects)
    return _healthy(state), (done,)
