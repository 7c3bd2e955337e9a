"""The printer queue's core (health, backoff, failover, recovery, held tickets) in virtual time.

`step` is pure, so each rule is a few steps with `now` set by hand, and whole shifts (a
minute of paper-out during 100 orders, a flapping or slow printer) run in milliseconds in
a small simulated kitchen: modelled printers that keep the bytes they take while out of
paper, a queue that does what the effects say, and a clock that jumps to the next event.
The real worker around the core is tested on real sockets in test_spooler.py and end to
end in tests/integration/test_printing_failover.py.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from printing.queue_core import (
    BringBack,
    Divert,
    Effect,
    InternalError,
    LookForJob,
    MarkDone,
    MarkHeld,
    Moment,
    NextJob,
    NotSent,
    Observation,
    Pause,
    Phase,
    Policy,
    PrinterHealth,
    QueuedJob,
    ReadStatus,
    Request,
    Requeue,
    Send,
    SendFailed,
    Sent,
    Start,
    StatusRead,
    TimeReached,
    UnexpectedObservation,
    WaitForJob,
    Woken,
    initial,
    step,
)
from printing.status import PrinterStatus

T0 = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def at(seconds: float) -> Moment:
    """`seconds` into the shift, on both clocks."""
    return Moment(seconds, T0 + timedelta(seconds=seconds))


def status(**problems: bool) -> PrinterStatus:
    fields = {"online": True, "cover_open": False, "paper_end": False, "error": False}
    fields.update(problems)
    return PrinterStatus(answered=True, paper_near_end=False, detail="", **fields)


READY = status()
PAPER_OUT = status(paper_end=True)
COVER_OPEN = status(cover_open=True)
OFFLINE = status(online=False)
KITCHEN = Policy(checks_status=True, backup="Bar")


def run(
    state: PrinterHealth, *steps: tuple[Observation, float]
) -> tuple[PrinterHealth, list[Effect], Request]:
    """Feed observations at the given seconds; the effects of all, the last request."""
    effects: list[Effect] = []
    request: Request = LookForJob()
    for observation, seconds in steps:
        state, done, request = step(state, observation, at(seconds))
        effects.extend(done)
    return state, effects, request


def looking(policy: Policy = KITCHEN) -> PrinterHealth:
    """A printer whose start check (if it answers status) said it is ready."""
    state, _, request = step(initial(policy), Start(), at(0))
    if policy.checks_status:
        state, _, request = step(state, StatusRead(READY), at(0))
    assert request == LookForJob()
    return state


# --- one rule at a time -------------------------------------------------------------------


def test_a_printer_that_answers_status_is_asked_at_start_one_without_is_not() -> None:
    state, effects, request = step(initial(KITCHEN), Start(), at(0))
    assert (request, effects) == (ReadStatus(), ())
    state, _, request = step(state, StatusRead(PAPER_OUT), at(0.1))
    assert (state.healthy, state.problem, state.since) == (False, "paper out", at(0.1).wall)
    assert isinstance(request, Pause)

    no_status = initial(Policy(checks_status=False))
    state, _, request = step(no_status, Start(), at(0))
    assert request == LookForJob()
    assert state.healthy is None  # "sent, not confirmed": nothing to ask


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (PAPER_OUT, "paper out"),
        (COVER_OPEN, "cover open"),
        (OFFLINE, "offline"),
        (PrinterStatus.NO_ANSWER(), "no answer"),
        (None, "offline"),  # unreachable
    ],
)
def test_status_is_asked_before_each_send_and_a_printer_with_a_problem_gets_nothing(
    answer: PrinterStatus | None, words: str
) -> None:
    job = QueuedJob(1)
    state, _, request = run(looking(), (NextJob(job), 1))
    assert request == ReadStatus()
    state, effects, request = step(state, StatusRead(answer), at(1.1))
    assert isinstance(request, Pause) and effects == ()
    assert (state.healthy, state.problem) == (False, words)

    state, _, request = run(looking(), (NextJob(job), 1), (StatusRead(READY), 1.1))
    assert request == Send(job)


def test_a_confirmed_send_is_done_and_the_next_job_is_looked_for() -> None:
    job = QueuedJob(1)
    state, effects, request = run(
        looking(),
        (NextJob(job), 1),
        (StatusRead(READY), 1),
        (Sent(), 1.4),
        (StatusRead(READY), 1.4),
    )
    assert effects == [MarkDone(job, True)]
    assert request == LookForJob() and state.healthy is True

    no_status = looking(Policy(checks_status=False))
    state, effects, request = run(no_status, (NextJob(job), 1), (Sent(), 1.4))
    assert effects == [MarkDone(job, False)]  # sent, not confirmed


def test_retries_back_off_doubling_up_to_the_cap() -> None:
    state = looking(Policy(checks_status=True, retry_initial_s=0.5, retry_cap_s=10))
    now, waits = 1.0, []
    for _ in range(7):
        state, _, request = run(state, (NextJob(QueuedJob(1)), now), (StatusRead(OFFLINE), now))
        assert isinstance(request, Pause)
        waits.append(request.until - now)
        state, _, _ = step(state, TimeReached(), at(request.until))
        now = request.until
    assert waits == [0.5, 1, 2, 4, 8, 10, 10]


def test_tickets_go_to_the_backup_once_the_printer_failed_for_failover_after_s() -> None:
    state = looking()
    now, diverted_at = 10.0, None
    while diverted_at is None:
        state, effects, request = run(
            state, (NextJob(QueuedJob(1)), now), (StatusRead(PAPER_OUT), now)
        )
        assert isinstance(request, Pause)
        if effects:
            assert effects == [Divert("Bar")]
            diverted_at = now
        else:
            assert state.on_backup_to is None
        state, _, _ = step(state, TimeReached(), at(request.until))
        now = request.until
    # The backoff was cut short so the failover is on time: 3 s, not the 4 s the doubling
    # would have waited (0.5 + 1 + 2 = 3.5 s after the first failure).
    assert diverted_at == pytest.approx(13.0, abs=0.01)
    assert (state.on_backup_to, state.problem, state.since) == ("Bar", "paper out", at(10).wall)
    # Every later failure diverts again: a job re-queued here meanwhile goes too.
    state, effects, _ = run(state, (NextJob(QueuedJob(2)), now), (StatusRead(PAPER_OUT), now))
    assert effects == [Divert("Bar")]


def test_a_printer_without_backup_keeps_its_tickets_however_long_it_fails() -> None:
    state = looking(Policy(checks_status=True))
    for now in range(1, 600, 10):
        state, effects, _ = run(state, (NextJob(QueuedJob(1)), now), (StatusRead(PAPER_OUT), now))
        assert effects == [] and state.on_backup_to is None
        state, _, _ = step(state, TimeReached(), at(now + 10))


def test_a_problem_right_after_the_send_means_the_printer_holds_the_ticket() -> None:
    job, late = QueuedJob(7), QueuedJob(8, late=True)
    state, effects, request = run(
        looking(),
        (NextJob(job), 1),
        (StatusRead(READY), 1),
        (Sent(), 1.4),
        (StatusRead(PAPER_OUT), 1.4),
    )
    # Done (never sent again), and the late slip that follows it out is queued.
    assert effects == [MarkDone(job, False), MarkHeld(job, "paper out")]
    assert (state.problem, request) == ("paper out", LookForJob())
    # The late slip is asked for first; after the refill it goes out, not followed by another.
    state, effects, request = run(
        state,
        (NextJob(late), 1.4),
        (StatusRead(PAPER_OUT), 1.4),
        (TimeReached(), 2),
        (NextJob(late), 2),
        (StatusRead(READY), 2),
        (Sent(), 2.4),
        (StatusRead(PAPER_OUT), 2.4),
    )
    assert effects == [MarkDone(late, False)]


def test_a_failed_send_puts_the_job_back_marked_reprint_only_when_it_may_be_on_paper() -> None:
    job = QueuedJob(1)
    sending = run(looking(), (NextJob(job), 1), (StatusRead(READY), 1))[0]
    state, effects, request = step(sending, SendFailed("connection reset", maybe_sent=True), at(2))
    assert effects == (Requeue(job, "connection reset", maybe_sent=True),)
    assert (state.problem, isinstance(request, Pause)) == ("offline", True)
    state, effects, _ = step(sending, SendFailed("refused"), at(2))
    assert effects == (Requeue(job, "refused", maybe_sent=False),)
    state, effects, request = step(sending, NotSent(), at(2))  # cancelled meanwhile
    assert (effects, request, state.problem) == ((), LookForJob(), None)


def test_an_idle_printer_is_asked_every_idle_check_s() -> None:
    state, _, request = step(
        looking(Policy(checks_status=True, idle_check_s=15)), NextJob(None), at(5)
    )
    assert request == WaitForJob(until=20)
    state, _, request = step(state, TimeReached(), at(20))
    assert request == ReadStatus()
    state, _, request = step(state, StatusRead(PAPER_OUT), at(20))
    assert (state.problem, state.since) == ("paper out", at(20).wall)  # on screen, no ticket sent
    # Nothing queued and a problem: asked until it is back (no idle wait meanwhile).
    state, _, request = run(state, (TimeReached(), 21), (NextJob(None), 21))
    assert request == ReadStatus()
    state, effects, request = step(state, StatusRead(READY), at(22))
    assert (state.problem, state.healthy, effects) == (None, True, (BringBack(),))
    # A new job ends an idle wait at once.
    state, _, request = run(state, (NextJob(None), 22))
    state, _, request = step(state, Woken(), at(23))
    assert request == LookForJob()

    never = looking(Policy(checks_status=True, idle_check_s=None))
    assert step(never, NextJob(None), at(5))[2] == WaitForJob(until=None)


def test_a_recovered_printer_brings_its_tickets_home_and_reads_ready() -> None:
    state = looking()
    state, effects, _ = run(state, (NextJob(QueuedJob(1)), 0), (StatusRead(PAPER_OUT), 0))
    state, effects, _ = run(
        state, (TimeReached(), 4), (NextJob(QueuedJob(1)), 4), (StatusRead(PAPER_OUT), 4)
    )
    assert effects == [Divert("Bar")]
    state, effects, _ = run(state, (TimeReached(), 5), (NextJob(None), 5), (StatusRead(READY), 5))
    assert effects == [BringBack()]
    assert state.visible == (True, None, None) and state.failures == 0 and state.since is None


def test_an_internal_error_is_on_screen_and_retried_after_the_cap() -> None:
    state, _, request = step(looking(), InternalError(), at(1))
    assert (state.problem, request) == ("internal error (see the log)", Pause(1 + 10.0))


def test_an_observation_that_answers_nothing_asked_is_refused() -> None:
    with pytest.raises(UnexpectedObservation):
        step(looking(), Sent(), at(1))


# --- whole shifts in a simulated kitchen ----------------------------------------------------

SEND_S = 0.4
"""A ticket's mechanical time: the send returns when the printer took the ticket."""
STATUS_S = 0.01
TIMEOUT_S = 5.0
"""The transport's write timeout."""
SLOW_S = 8.0
"""How long a slow printer takes to take a ticket."""
KEEPS_PAPER = ("paper out", "cover open")


@dataclass(frozen=True)
class Outage:
    start: float
    end: float
    problem: str
    """"paper out", "cover open" (the printer keeps what it takes), "offline" (refuses
    connections), "slow" (takes a ticket in SLOW_S)."""


@dataclass
class Job:
    id: int
    number: int
    printer: str
    target: str
    late: bool = False
    state: str = "queued"
    resend: bool = False


@dataclass(frozen=True)
class Printed:
    at: float
    number: int
    late: bool
    banners: tuple[str, ...]


@dataclass
class ModelPrinter:
    """A printer as the paper sees it: what it takes while out of paper comes out later."""

    name: str
    outages: list[Outage] = field(default_factory=list)
    drops: set[int] = field(default_factory=set)
    """Order numbers whose first send loses the connection half way."""
    paper: list[Printed] = field(default_factory=list)

    def problem(self, t: float) -> str | None:
        return next((o.problem for o in self.outages if o.start <= t < o.end), None)

    def status(self, t: float) -> PrinterStatus | None:
        words = self.problem(t)
        return {"paper out": PAPER_OUT, "cover open": COVER_OPEN, "offline": None}.get(
            words or "", READY
        )

    def send(self, t: float, job: Job, banners: tuple[str, ...]) -> tuple[float, Observation]:
        """Take a ticket at `t`: how long the send takes and how it ends."""
        words = self.problem(t)
        if words == "offline":
            return STATUS_S, SendFailed("connection refused")
        if job.number in self.drops and not job.late:
            self.drops.discard(job.number)
            return 0.1, SendFailed("connection reset", maybe_sent=True)
        if words == "slow":
            # The printer reads the bytes at its pace and prints them; the send times out.
            self.paper.append(Printed(t + SLOW_S, job.number, job.late, banners))
            return TIMEOUT_S, SendFailed("write timed out", maybe_sent=True)
        end = t + SEND_S
        keeper = next(
            (o for o in self.outages if o.problem in KEEPS_PAPER and t <= o.start < end), None
        )
        # Paper that runs out while the ticket goes in: kept, printed once refilled.
        self.paper.append(Printed(keeper.end if keeper else end, job.number, job.late, banners))
        return SEND_S, Sent()

    def printed(self) -> list[Printed]:
        return sorted(self.paper, key=lambda p: p.at)


class SimulatedKitchen:
    """Printers, a queue and one core per printer; the clock jumps to the next event.

    It does for the cores what the spooler's worker does (and nothing more): answers their
    requests from the models and the queue, applies their effects to the queue.
    """

    def __init__(
        self, printers: list[ModelPrinter], backups: dict[str, str], **timing: float
    ) -> None:
        self.printers = {p.name: p for p in printers}
        self.jobs: list[Job] = []
        self.cores = {
            p.name: initial(Policy(checks_status=True, backup=backups.get(p.name), **timing))
            for p in printers
        }
        self.wake = {p.name: False for p in printers}
        self.idle: set[str] = set()
        """Workers waiting for a job."""
        self.events: list[tuple[float, int, str, Observation | int]] = []
        self.order = itertools.count()
        self.expected = {p.name: -1 for p in printers}
        """The event each worker waits for (a newer one makes an older one stale)."""
        self.screen: list[tuple[float, str, str | None, str | None]] = []
        """(when, printer, problem, going to): every change staff would see."""
        for name in self.printers:
            self._at(0.0, name, Start())

    def _at(self, t: float, name: str, what: Observation | int) -> None:
        number = next(self.order)
        if not isinstance(what, int):
            self.expected[name] = number
        heapq.heappush(self.events, (t, number, name, what))

    def order_at(self, t: float, number: int, printer: str = "Kitchen") -> None:
        """Order `number` comes in at `t` with one ticket for `printer`."""
        self._at(t, printer, number)

    def run(self, until: float = 1000.0) -> None:
        for _ in range(200_000):
            if not self.events:
                return
            t, number, name, what = heapq.heappop(self.events)
            if t > until:
                return
            if isinstance(what, int):
                self._enqueue(t, what, name)
            elif number == self.expected[name]:
                self.idle.discard(name)
                self._step(t, name, what)
        raise AssertionError("the kitchen never settled")

    def _enqueue(self, t: float, number: int, printer: str) -> None:
        target = self.cores[printer].on_backup_to or printer
        self.jobs.append(Job(len(self.jobs) + 1, number, printer, target))
        self._touch(t, target)

    def _touch(self, t: float, name: str) -> None:
        self.wake[name] = True
        if name in self.idle:
            self.idle.discard(name)
            self._at(t, name, Woken())

    def _step(self, t: float, name: str, observation: Observation) -> None:
        before = self.cores[name]
        state, effects, request = step(before, observation, at(t))
        self.cores[name] = state
        for effect in effects:
            self._apply(t, name, effect)
        if state.visible != before.visible:
            self.screen.append((t, name, state.problem, state.on_backup_to))
        self._request(t, name, request)

    def _apply(self, t: float, name: str, effect: Effect) -> None:
        match effect:
            case MarkDone(job=job):
                self.jobs[job.id - 1].state = "done"
            case MarkHeld(job=job):
                held = self.jobs[job.id - 1]
                self.jobs.append(Job(len(self.jobs) + 1, held.number, name, name, late=True))
            case Requeue(job=job, maybe_sent=maybe_sent):
                self.jobs[job.id - 1].state = "queued"
                self.jobs[job.id - 1].resend |= maybe_sent
            case Divert(to=backup):
                for job in self.jobs:
                    if job.target == name and job.state == "queued" and not job.late:
                        job.target = backup
                        self._touch(t, backup)
            case BringBack():
                for job in self.jobs:
                    if job.printer == name != job.target and job.state == "queued":
                        job.target = name

    def _request(self, t: float, name: str, request: Request) -> None:
        printer = self.printers[name]
        match request:
            case ReadStatus():
                self._at(t + STATUS_S, name, StatusRead(printer.status(t)))
            case LookForJob():
                self.wake[name] = False
                queued = [j for j in self.jobs if j.target == name and j.state == "queued"]
                first = min(queued, key=lambda j: (not j.late, j.id), default=None)
                self._at(t, name, NextJob(first and QueuedJob(first.id, first.late)))
            case Send(job=queued_job):
                job = self.jobs[queued_job.id - 1]
                if job.state != "queued" or job.target != name:
                    self._at(t, name, NotSent())
                    return
                job.state = "sending"
                banners = (("REPRINT",) if job.resend else ()) + (
                    (f"BACKUP FOR {job.printer}",) if job.target != job.printer else ()
                )
                took, outcome = printer.send(t, job, banners)
                self._at(t + took, name, outcome)
            case WaitForJob(until=until):
                if self.wake[name]:
                    self._at(t, name, Woken())
                    return
                self.idle.add(name)
                self.expected[name] = -1
                if until is not None:
                    self._at(until, name, TimeReached())
            case Pause(until=until):
                self._at(until, name, TimeReached())

    def tickets(self, name: str) -> list[int]:
        """The order numbers on `name`'s paper (not late slips), in print order."""
        return [p.number for p in self.printers[name].printed() if not p.late]


def kitchen_and_bar(
    kitchen_outages: list[Outage] | None = None, bar_outages: list[Outage] | None = None
) -> tuple[SimulatedKitchen, ModelPrinter, ModelPrinter]:
    kitchen = ModelPrinter("Kitchen", kitchen_outages or [])
    bar = ModelPrinter("Bar", bar_outages or [])
    return SimulatedKitchen([kitchen, bar], {"Kitchen": "Bar"}), kitchen, bar


def test_a_minute_of_paper_out_during_100_orders_fails_over_to_the_bar_and_back_once() -> None:
    # One order a second; the Kitchen runs out of paper at 20.6 s (while it is idle) and is
    # refilled a minute later. Failover after the default 3 s.
    sim, kitchen, bar = kitchen_and_bar([Outage(20.6, 80.6, "paper out")])
    for number in range(1, 101):
        sim.order_at(float(number), number)
    sim.run()

    on_kitchen, on_bar = sim.tickets("Kitchen"), sim.tickets("Bar")
    assert Counter(on_kitchen + on_bar) == Counter(range(1, 101))  # each exactly once
    # The orders of the fault on the Bar; before it, and once the Kitchen answers ready
    # again (it is asked at most retry_cap_s apart), on the Kitchen.
    back = on_bar[-1] + 1
    assert 81 <= back <= 91
    assert on_bar == list(range(21, back))
    assert on_kitchen == [*range(1, 21), *range(back, 101)]
    first_backup = bar.printed()[0]
    assert first_backup.at - 20.6 < 3.0 + 1.0 + SEND_S  # failed over on time
    assert all(p.banners == ("BACKUP FOR Kitchen",) for p in bar.printed())
    assert all(p.banners == () for p in kitchen.printed())
    assert [p for p in kitchen.printed() if p.late] == []  # nothing held: checked first
    # Staff saw it: paper out, then going to the Bar, then ready again after the refill.
    changes = [(problem, going) for _, name, problem, going in sim.screen if name == "Kitchen"]
    assert changes == [(None, None), ("paper out", None), ("paper out", "Bar"), (None, None)]
    back_at = [t for t, name, problem, _ in sim.screen if name == "Kitchen"][-1]
    assert 80.6 <= back_at < 80.6 + 10.0 + STATUS_S  # asked at most retry_cap_s apart
    assert all(job.state == "done" for job in sim.jobs)


def test_paper_out_in_the_middle_of_a_ticket_prints_it_late_with_a_late_slip_on_the_kitchen() -> (
    None
):
    # The paper runs out 0.1 s into ticket #21 (asked healthy just before it was sent).
    sim, kitchen, bar = kitchen_and_bar([Outage(21.1, 60.0, "paper out")])
    for number in range(1, 41):
        sim.order_at(float(number), number)
    sim.run()

    printed = kitchen.printed()
    held = [i for i, p in enumerate(printed) if p.number == 21 and not p.late]
    assert len(held) == 1 and printed[held[0]].at == 60.0  # once, out after the refill
    slip = printed[held[0] + 1]
    assert (slip.late, slip.number, slip.banners) == (True, 21, ())  # right after it
    assert 21 not in sim.tickets("Bar") and not any(p.late for p in bar.printed())
    assert Counter(sim.tickets("Kitchen") + sim.tickets("Bar")) == Counter(range(1, 41))
    assert sim.tickets("Bar") == list(range(22, 41))  # the rest of the fault on the backup


@pytest.mark.parametrize("problem", ["offline", "cover open"])
def test_offline_or_cover_open_fails_over_and_every_ticket_prints_once(problem: str) -> None:
    sim, kitchen, bar = kitchen_and_bar([Outage(10.5, 30.5, problem)])
    for number in range(1, 41):
        sim.order_at(float(number), number)
    sim.run()
    assert Counter(sim.tickets("Kitchen") + sim.tickets("Bar")) == Counter(range(1, 41))
    back = sim.tickets("Bar")[-1] + 1
    assert sim.tickets("Bar") == list(range(11, back)) and back <= 31 + 10
    assert sim.tickets("Kitchen") == [*range(1, 11), *range(back, 41)]
    assert ("Kitchen", problem, "Bar") in [(n, p, g) for _, n, p, g in sim.screen]
    assert not any("REPRINT" in p.banners for p in kitchen.printed() + bar.printed())


def test_a_printer_whose_outages_stay_under_failover_after_s_keeps_its_tickets() -> None:
    # Flapping: offline 2 s of every 4 s for a minute. Each outage is shorter than the 3 s
    # after which tickets would go to the backup, so they wait and print on the Kitchen.
    outages = [Outage(t + 0.5, t + 2.5, "offline") for t in range(0, 60, 4)]
    sim, _, bar = kitchen_and_bar(outages)
    for number in range(1, 61):
        sim.order_at(float(number), number)
    sim.run()
    assert sorted(sim.tickets("Kitchen")) == list(range(1, 61))
    assert bar.printed() == []
    assert all(going is None for _, _, _, going in sim.screen)
    assert sum(problem == "offline" for _, _, problem, _ in sim.screen) >= 10  # and said so


def test_a_slow_printer_fails_over_and_a_ticket_that_may_be_out_twice_is_marked_reprint() -> None:
    sim, kitchen, bar = kitchen_and_bar([Outage(10.5, 40.5, "slow")])
    for number in range(1, 41):
        sim.order_at(float(number), number)
    sim.run()
    on_kitchen, on_bar = sim.tickets("Kitchen"), sim.tickets("Bar")
    assert set(on_kitchen + on_bar) == set(range(1, 41))  # none lost
    assert bar.printed() and all("BACKUP FOR Kitchen" in p.banners for p in bar.printed())
    # A ticket on paper more than once: the printer read it late, after the send had timed
    # out; every copy sent after that says REPRINT, so the cooks know.
    for number in range(1, 41):
        copies = [p for p in kitchen.printed() + bar.printed() if p.number == number]
        assert sum("REPRINT" not in p.banners for p in copies) == 1
    assert ("Kitchen", "offline", "Bar") in [(n, p, g) for _, n, p, g in sim.screen]


def test_a_dropped_connection_sends_that_ticket_again_marked_reprint_without_failover() -> None:
    kitchen = ModelPrinter("Kitchen", drops={5})
    bar = ModelPrinter("Bar")
    sim = SimulatedKitchen([kitchen, bar], {"Kitchen": "Bar"})
    for number in range(1, 11):
        sim.order_at(float(number), number)
    sim.run()
    assert sim.tickets("Kitchen") == list(range(1, 11))
    assert [p.number for p in kitchen.printed() if p.banners == ("REPRINT",)] == [5]
    assert bar.printed() == []


def test_tickets_stuck_at_a_failing_backup_come_home_when_the_printer_recovers() -> None:
    sim, kitchen, bar = kitchen_and_bar(
        [Outage(0.0, 20.0, "paper out")], [Outage(0.0, 1000.0, "offline")]
    )
    for number in range(1, 6):
        sim.order_at(1.0 + number / 10, number)
    sim.run(until=200)
    assert sim.tickets("Kitchen") == [1, 2, 3, 4, 5]
    assert all(p.banners == () for p in kitchen.printed())  # home: no BACKUP banner
    assert bar.printed() == []
    assert sim.cores["Kitchen"].visible == (True, None, None)


def test_an_idle_printer_that_runs_out_is_on_screen_within_idle_check_s() -> None:
    sim, _, _ = kitchen_and_bar([Outage(100.0, 200.0, "paper out")])
    sim.order_at(1.0, 1)
    sim.run(until=300)
    seen = [t for t, name, problem, _ in sim.screen if name == "Kitchen" and problem]
    assert 100.0 <= seen[0] <= 100.0 + 15.0 + STATUS_S
    assert sim.tickets("Kitchen") == [1]
    assert sim.cores["Kitchen"].phase is Phase.IDLE  # ready again after the refill
    assert sim.cores["Kitchen"].visible == (True, None, None)
