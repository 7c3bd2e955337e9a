"""The spool: exactly once across restarts and crashes, status before sending, failover, states.

Real SQLite files in tmp_path, the virtual printer on real TCP sockets, no sleeps: tests wait
on the emulator's printed jobs or on the spooler's change callback.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spool_victim import render_text, ticket
from virtual_printers import LastRoll

from printing.emulator import Fault, PrinterEmulator
from printing.jobs import JobKind, LateJob
from printing.render import RenderError
from printing.spooler import (
    HeldTicket,
    JobInfo,
    JobSpec,
    PrinterState,
    Spooler,
    SpoolPrinter,
)
from printing.transports.network import NetworkTransport

HERE = Path(__file__).resolve().parent
WAIT = 10.0


def now() -> datetime:
    return datetime.now(UTC)


def spec(n: int, printer: str = "Kitchen", copy: int = 1) -> JobSpec:
    return ticket(n, printer, copy)


def specs(numbers: Iterable[int], printer: str = "Kitchen") -> list[JobSpec]:
    return [spec(n, printer) for n in numbers]


def numbers_on(emulator: PrinterEmulator) -> list[int]:
    """The order numbers of the tickets on the paper (not late slips), in print order."""
    result = []
    for job in emulator.jobs:
        for line in job.text.splitlines():
            if line.startswith("#") and " late:" not in line:
                result.append(int(line[1:].split()[0]))
    return result


def late_slips_on(emulator: PrinterEmulator) -> list[int]:
    """The order numbers of the late slips on the paper (spool_victim writes "#N late:ID")."""
    return [
        int(line[1:].split()[0])
        for job in emulator.jobs
        for line in job.text.splitlines()
        if line.startswith("#") and " late:" in line
    ]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
async def kitchen() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Kitchen", None, control_port=None)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bar() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Bar", None, control_port=None)
    await emulator.start()
    yield emulator
    await emulator.stop()


class Watch:
    """Collects the spooler's change callbacks; `until` waits for a condition without sleeping."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.spooler: Spooler | None = None
        self.descriptions: list[str] = []

    def __call__(self) -> None:
        if self.spooler is not None:
            self.descriptions.extend(s.describe(now()) for s in self.spooler.snapshot())
        self.event.set()

    async def until(self, condition: Callable[[], bool], timeout: float = WAIT) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                self.event.clear()
                await self.event.wait()


def network(
    emulator: PrinterEmulator | int, name: str = "Kitchen", **options: object
) -> SpoolPrinter:
    port = emulator if isinstance(emulator, int) else emulator.port
    transport = NetworkTransport("127.0.0.1", port, connect_timeout=1, write_timeout=5)
    return SpoolPrinter(name, transport, **options)  # type: ignore[arg-type]


def make_spooler(
    db: Path, printers: list[SpoolPrinter], watch: Watch | None = None, **timing: float
) -> Spooler:
    spooler = Spooler(
        db,
        printers,
        render_text,
        clock=now,
        failover_after_s=timing.get("failover_after_s", 0.5),
        retry_initial_s=timing.get("retry_initial_s", 0.05),
        retry_cap_s=timing.get("retry_cap_s", 0.2),
        idle_check_s=timing.get("idle_check_s", 15.0),
        on_change=watch,
    )
    if watch is not None:
        watch.spooler = spooler
    return spooler


def states(spooler: Spooler, *, tickets: bool = False) -> Counter[str]:
    """How many jobs are in each state (with `tickets`: leaving late slips out)."""
    return Counter(
        job.state for job in spooler.jobs() if not tickets or job.kind is not JobKind.LATE
    )


async def test_a_job_prints_once_and_is_confirmed(tmp_path: Path, kitchen: PrinterEmulator) -> None:
    watch = Watch()
    spooler = make_spooler(tmp_path / "spool.sqlite", [network(kitchen)], watch)
    await spooler.start()
    try:
        assert len(spooler.enqueue([spec(1)])) == 1
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: states(spooler) == {"done": 1})
        assert spooler.enqueue([spec(1)]) == []  # same identity: no-op
        spooler.enqueue([spec(2)])
        await kitchen.wait_for_jobs(2, WAIT)
        assert numbers_on(kitchen) == [1, 2]
        (job, _) = spooler.jobs()
        assert (job.confirmed, job.target, job.attempts) == (True, "Kitchen", 1)
        await watch.until(lambda: states(spooler) == {"done": 2})
        state = spooler.snapshot()[0]
        assert state.last_printed_at is not None
        assert (state.healthy, state.problem, state.waiting) == (True, None, 0)
        assert state.describe(now()) == "Kitchen: ready"
    finally:
        await spooler.stop()


async def test_done_jobs_are_not_sent_again_after_a_restart(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    db = tmp_path / "spool.sqlite"
    first = make_spooler(db, [network(kitchen)])
    await first.start()
    first.enqueue(specs(range(1, 4)))
    await kitchen.wait_for_jobs(3, WAIT)
    watch = Watch()
    await watch_done(first, 3)
    await first.stop()

    second = make_spooler(db, [network(kitchen)], watch)
    await second.start()
    try:
        # The connector replays, the app reconciles: the same jobs are offered again.
        assert second.enqueue(specs(range(1, 4))) == []
        second.enqueue([spec(4)])
        await kitchen.wait_for_jobs(4, WAIT)
        await watch.until(lambda: states(second) == {"done": 4})
        assert numbers_on(kitchen) == [1, 2, 3, 4]
        assert not any("REPRINT" in job.text for job in kitchen.jobs)
    finally:
        await second.stop()


async def watch_done(spooler: Spooler, count: int) -> None:
    """Wait until `count` jobs are done (the emulator prints before the spool records it)."""
    watch = Watch()
    spooler.on_change = watch
    await watch.until(lambda: states(spooler)["done"] == count)


async def test_a_job_left_sending_by_a_crash_is_sent_again_marked_reprint(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    db = tmp_path / "spool.sqlite"
    crashed = make_spooler(db, [network(kitchen)])
    crashed.enqueue(specs([1, 2, 3]))
    await crashed.stop()
    # What a kill -9 during the first send leaves behind: the job committed as `sending`.
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE jobs SET state = 'sending' WHERE display_id = '1'")
    raw.close()

    restarted = make_spooler(db, [network(kitchen)])
    await restarted.start()
    try:
        await kitchen.wait_for_jobs(3, WAIT)
        await watch_done(restarted, 3)
        texts = {n: job.text for n, job in zip(numbers_on(kitchen), kitchen.jobs, strict=True)}
        assert sorted(texts) == [1, 2, 3]
        assert texts[1].splitlines()[0] == "REPRINT"
        assert "REPRINT" not in texts[2] and "REPRINT" not in texts[3]
    finally:
        await restarted.stop()


async def test_sigkill_mid_send_then_restart_prints_the_rest_once_and_marks_only_the_in_flight_one(
    tmp_path: Path,
) -> None:
    db = tmp_path / "spool.sqlite"
    emulator = PrinterEmulator("Kitchen", None, control_port=None, slow_seconds=60)
    await emulator.start()
    try:
        emulator.set_fault(Fault.SLOW)  # the printer takes the first job's bytes very late
        victim = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "spool_victim.py"),
            str(db),
            str(emulator.port),
            "3",
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(HERE.parents[1])},
        )
        assert victim.stdout is not None
        try:
            async with asyncio.timeout(WAIT):
                line = await victim.stdout.readline()
            assert line == b"sending #1\n"
        finally:
            victim.send_signal(signal.SIGKILL)
            await victim.wait()
        assert victim.returncode == -signal.SIGKILL
        with sqlite3.connect(db) as raw:
            left = dict(raw.execute("SELECT display_id, state FROM jobs").fetchall())
        raw.close()
        assert left == {"1": "sending", "2": "queued", "3": "queued"}

        # The bytes of #1 were on their way: a real printer prints them once it reads them.
        emulator.set_fault(None)
        await emulator.wait_for_jobs(1, WAIT)

        restarted = make_spooler(db, [network(emulator)])
        await restarted.start()
        try:
            await emulator.wait_for_jobs(4, WAIT)
            await watch_done(restarted, 3)
        finally:
            await restarted.stop()
        printed = numbers_on(emulator)
        assert sorted(printed) == [1, 1, 2, 3]
        marked = [n for n, job in zip(printed, emulator.jobs, strict=True) if "REPRINT" in job.text]
        assert marked == [1]  # only the in-flight one, so the cook knows it is a second copy
    finally:
        await emulator.stop()


async def test_paper_out_fails_over_to_the_backup_exactly_once_then_comes_back(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    failover_after_s = 0.5
    watch = Watch()
    spooler = make_spooler(
        tmp_path / "spool.sqlite",
        [network(kitchen, backup="Bar"), network(bar, "Bar")],
        watch,
        failover_after_s=failover_after_s,
    )
    await spooler.start()
    try:
        spooler.enqueue(specs(range(1, 51)))
        await kitchen.wait_for_jobs(20, WAIT)
        # Paper runs out while tickets are flowing: one may be taken and held by the printer.
        kitchen.set_fault(Fault.PAPER_OUT)
        faulted_at = asyncio.get_running_loop().time()
        await bar.wait_for_jobs(1, WAIT)
        first_backup_after = asyncio.get_running_loop().time() - faulted_at
        await watch.until(lambda: states(spooler, tickets=True) == {"done": 50})

        kitchen_state = spooler.snapshot()[0]
        assert kitchen_state.on_backup_to == "Bar"
        assert kitchen_state.problem == "paper out"
        assert any(
            d.startswith("Kitchen: paper out since") and d.endswith("(going to Bar)")
            for d in watch.descriptions
        ), watch.descriptions
        assert first_backup_after < failover_after_s + 2.0
        assert kitchen.held_jobs <= 1  # status is checked before each send

        kitchen.set_fault(None)
        await watch.until(lambda: spooler.snapshot()[0].on_backup_to is None)
        spooler.enqueue(specs(range(51, 101)))
        await watch.until(lambda: states(spooler)["done"] == len(spooler.jobs()) >= 100)
        await kitchen.wait_for_jobs(100 - len(bar.jobs), WAIT)

        on_kitchen, on_bar = numbers_on(kitchen), numbers_on(bar)
        assert sorted(on_kitchen + on_bar) == list(range(1, 101))  # every ticket exactly once
        assert set(range(51, 101)) <= set(on_kitchen)  # new tickets back on the primary
        assert 20 <= min(on_bar) and max(on_bar) <= 50
        # A ticket the Kitchen took as the paper ran out came out late, with a late slip.
        assert len(late_slips_on(kitchen)) == len(spooler.jobs()) - 100 <= 1
        assert late_slips_on(bar) == []
        assert all("BACKUP FOR Kitchen" in job.text for job in bar.jobs)
        assert not any("BACKUP" in job.text or "REPRINT" in job.text for job in kitchen.jobs)
        assert spooler.snapshot()[0].describe(now()) == "Kitchen: ready"
    finally:
        await spooler.stop()


async def test_unreachable_printer_without_backup_keeps_its_tickets_waiting_visibly(
    tmp_path: Path,
) -> None:
    watch = Watch()
    spooler = make_spooler(tmp_path / "spool.sqlite", [network(closed_port())], watch)
    await spooler.start()
    try:
        spooler.enqueue(specs([1, 2]))
        await watch.until(lambda: spooler.snapshot()[0].problem is not None)
        state = spooler.snapshot()[0]
        assert (state.healthy, state.problem, state.waiting) == (False, "offline", 2)
        assert state.since is not None
        text = state.describe(now())
        assert text.startswith("Kitchen: offline since ")
        assert text.endswith(", 2 tickets waiting")
        assert states(spooler) == {"queued": 2}
    finally:
        await spooler.stop()


async def test_printer_without_status_is_sent_not_confirmed(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    watch = Watch()
    spooler = make_spooler(tmp_path / "spool.sqlite", [network(kitchen, status=False)], watch)
    await spooler.start()
    try:
        spooler.enqueue([spec(1)])
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: states(spooler) == {"done": 1})
        (job,) = spooler.jobs()
        assert job.confirmed is False
        state = spooler.snapshot()[0]
        assert state.confirmed is False
        assert "sent, not confirmed" in state.describe(now())
    finally:
        await spooler.stop()


async def test_reprint_prints_a_marked_copy_and_cancelled_jobs_never_print(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    watch = Watch()
    spooler = make_spooler(tmp_path / "spool.sqlite", [network(kitchen)], watch)
    spooler.enqueue(specs([1, 2]))
    cancelled = spooler.cancel_queued("o2")
    assert [job.display_id for job in cancelled] == ["2"]
    await spooler.start()
    try:
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: states(spooler)["done"] == 1)
        (first,) = [job for job in spooler.jobs() if job.state == "done"]
        again = spooler.reprint(first.id)
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: states(spooler)["done"] == 2)
        assert numbers_on(kitchen) == [1, 1]
        assert "REPRINT" not in kitchen.jobs[0].text
        assert kitchen.jobs[1].text.splitlines()[0] == "REPRINT"
        assert spooler.job(again).reprint == 1
        assert spooler.reprint(first.id) != again  # a second reprint is a new job too
        await watch.until(lambda: states(spooler) == {"done": 3, "cancelled": 1})
        assert numbers_on(kitchen) == [1, 1, 1]  # order 2 was cancelled before it printed
    finally:
        await spooler.stop()


def test_printer_state_words() -> None:
    since = datetime(2026, 11, 23, 20, 14, tzinfo=UTC)
    state = PrinterState(
        name="Kitchen",
        healthy=False,
        problem="paper out",
        since=since,
        waiting=3,
        last_printed_at=None,
        on_backup_to="Bar",
    )
    assert (
        state.describe(datetime(2026, 11, 23, 20, 20, tzinfo=UTC))
        == "Kitchen: paper out since 20:14, 3 tickets waiting (going to Bar)"
    )
    one = PrinterState("Bar", True, None, None, 1, None, None)
    assert one.describe(since) == "Bar: ready, 1 ticket waiting"


async def test_tickets_stuck_at_a_failing_backup_come_home_when_the_printer_recovers(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    watch = Watch()
    spooler = make_spooler(
        tmp_path / "spool.sqlite",
        [network(kitchen, backup="Bar"), network(closed_port(), "Bar")],
        watch,
    )
    kitchen.set_fault(Fault.PAPER_OUT)
    await spooler.start()
    try:
        spooler.enqueue(specs([1, 2]))
        await watch.until(lambda: spooler.snapshot()[0].on_backup_to == "Bar")
        await watch.until(lambda: spooler.snapshot()[1].problem == "offline")
        assert {job.target for job in spooler.jobs()} == {"Bar"}
        kitchen.set_fault(None)
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: states(spooler) == {"done": 2})
    finally:
        await spooler.stop()
    assert numbers_on(kitchen) == [1, 2]
    assert not any("BACKUP" in job.text for job in kitchen.jobs)


async def test_a_ticket_that_cannot_be_laid_out_is_flagged_and_does_not_block_the_rest(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    def fragile(job: JobInfo, printer: str, banners: tuple[str, ...]) -> bytes:
        if job.display_id == "1":
            raise RenderError("kitchen", "undefined variable 'oder'")
        return render_text(job, printer, banners)

    watch = Watch()
    spooler = Spooler(
        tmp_path / "spool.sqlite", [network(kitchen)], fragile, clock=now, on_change=watch
    )
    watch.spooler = spooler
    await spooler.start()
    try:
        spooler.enqueue(specs([1, 2]))
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: states(spooler) == {"failed": 1, "done": 1})
        (broken,) = [job for job in spooler.jobs() if job.state == "failed"]
        assert broken.last_error is not None and "'oder'" in broken.last_error
        assert spooler.snapshot()[0].describe(now()) == (
            "Kitchen: ready; 1 ticket could not be laid out (see the log)"
        )
    finally:
        await spooler.stop()
    assert numbers_on(kitchen) == [2]


async def test_an_idle_printer_that_runs_out_of_paper_is_on_screen_before_the_next_ticket(
    tmp_path: Path, kitchen: PrinterEmulator
) -> None:
    watch = Watch()
    spooler = make_spooler(tmp_path / "spool.sqlite", [network(kitchen)], watch, idle_check_s=0.1)
    await spooler.start()
    try:
        kitchen.set_fault(Fault.PAPER_OUT)
        await watch.until(lambda: spooler.snapshot()[0].problem == "paper out")
        assert "Kitchen: paper out since" in spooler.snapshot()[0].describe(now())
        assert kitchen.jobs == []  # nothing was sent to find out
        kitchen.set_fault(None)
        await watch.until(lambda: spooler.snapshot()[0].problem is None)
    finally:
        await spooler.stop()


async def test_printers_are_checked_at_start_not_after_the_first_ticket(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    bar.set_fault(Fault.PAPER_OUT)
    # The idle check is far away: only the check at start can tell the screen anything.
    spooler = make_spooler(
        tmp_path / "spool.sqlite", [network(kitchen), network(bar, "Bar")], watch, idle_check_s=600
    )
    assert [s.describe(now()) for s in spooler.snapshot()] == [
        "Kitchen: not checked yet",
        "Bar: not checked yet",
    ]
    await spooler.start()
    try:
        await watch.until(lambda: all(state.healthy is not None for state in spooler.snapshot()))
        kitchen_state, bar_state = spooler.snapshot()
        assert kitchen_state.describe(now()) == "Kitchen: ready"
        assert bar_state.describe(now()).startswith("Bar: paper out since ")
        assert kitchen.jobs == [] and bar.jobs == []  # asked, nothing printed
    finally:
        await spooler.stop()


async def test_a_ticket_the_printer_holds_is_on_screen_and_a_late_slip_follows_it(
    tmp_path: Path, bar: PrinterEmulator
) -> None:
    db = tmp_path / "spool.sqlite"
    kitchen = LastRoll("Kitchen", None, control_port=None)
    await kitchen.start()
    try:
        watch = Watch()
        printers = [network(kitchen, backup="Bar"), network(bar, "Bar")]
        spooler = make_spooler(db, printers, watch)
        await spooler.start()
        try:
            spooler.enqueue([spec(1)])
            await kitchen.wait_for_jobs(1, WAIT)
            kitchen.run_out = True
            spooler.enqueue([spec(2)])
            await watch.until(lambda: spooler.snapshot()[0].held != ())
            # #2 is inside the printer: not printed, not resent, and the screen says so.
            assert (kitchen.held_jobs, len(kitchen.jobs)) == (1, 1)
            state = spooler.snapshot()[0]
            assert state.held_lines() == ["Kitchen holds #2 until the paper is refilled"]
            assert state.describe(now()).startswith("Kitchen: paper out since ")
            assert "waiting" not in state.describe(now())  # the late slip is no ticket
            # New tickets fail over; the late slip stays with the printer that holds #2,
            # and cancelling order 2 does not cancel it (the held ticket still comes out).
            spooler.enqueue([spec(3)])
            await bar.wait_for_jobs(1, WAIT)
            assert spooler.cancel_queued("o2") == []
            (late,) = [job for job in spooler.jobs() if job.kind is JobKind.LATE]
            assert (late.target, late.state, late.display_id) == ("Kitchen", "queued", "2")
            slip = late.payload
            assert isinstance(slip, LateJob)
            (held_job,) = [job for job in spooler.jobs() if job.display_id == "2" and job != late]
            assert (slip.held_job, slip.problem, slip.held_kind) == (
                held_job.id,
                "paper out",
                "ticket",
            )
            assert held_job.state == "done"  # never sent again
        finally:
            await spooler.stop()

        # kds restarts while the paper is still out: the held ticket is still on screen.
        watch = Watch()
        spooler = make_spooler(db, printers, watch)
        held = spooler.snapshot()[0].held
        assert [(t.display_id, t.problem) for t in held] == [("2", "paper out")]
        await spooler.start()
        try:
            kitchen.set_fault(None)  # refilled: the printer prints #2, then gets the slip
            await kitchen.wait_for_jobs(3, WAIT)
            await watch.until(lambda: states(spooler) == {"done": 4})
            state = spooler.snapshot()[0]
            assert state.held == () and state.describe(now()) == "Kitchen: ready"
        finally:
            await spooler.stop()
        assert numbers_on(kitchen) == [1, 2]
        assert late_slips_on(kitchen) == [2]
        assert kitchen.jobs[2].text.startswith("#2 late:")  # right after the held ticket
        assert numbers_on(bar) == [3] and late_slips_on(bar) == []
    finally:
        await kitchen.stop()


def test_held_ticket_words() -> None:
    since = datetime(2026, 11, 23, 20, 14, tzinfo=UTC)
    assert HeldTicket("G-1", "cover open", since).describe("Bar") == (
        "Bar holds #G-1 until the cover is closed"
    )
    assert HeldTicket("7", "error", since).describe("Bar") == "Bar holds #7 until it works again"
