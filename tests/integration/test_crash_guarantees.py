"""PROTOCOL.md's delivery guarantees across real crashes: real processes, sockets and files.

The connector is `python -m kds connector`, the device `python -m kds.net.headless` (or
crashing_device.py, the real client over a store that SIGKILLs its process at a chosen
point). Every wait ends on a line a process printed, a process exit, an HTTP answer or
the connector's /health showing an ack: never on a sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from child_output import readable
from suite_tally import Tally
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from kds import wire
from kds.store import DB_NAME, open_store_readonly

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CRASHING_DEVICE = Path(__file__).with_name("crashing_device.py")
TOKEN = "sales-point-token"
WAIT = 60.0  # a safety net for one expected line or answer on a busy 2-core machine
LISTENING = re.compile(r"kds connector listening on http://127\.0\.0\.1:(\d+)$")
APPLIED = re.compile(r"applied seq=(\d+) (?:type=\S+ )?order=(\S+) kind=(\w+)")
CONNECTED = r"connection: connected$"


def make_order(n: int, revision: int = 1) -> dict[str, Any]:
    return {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(n % 1000),
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T12:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "1", "name": "Burger", "quantity": str(revision)}],
    }


# --- processes ------------------------------------------------------------------------


class Proc:
    """A child process whose stdout lines are read as they come (the pipe never fills)."""

    def __init__(self, name: str, proc: asyncio.subprocess.Process, stderr_path: Path) -> None:
        self.name = name
        self.proc = proc
        self.stderr_path = stderr_path
        self.lines: list[str] = []
        self.eof = False
        self._changed = asyncio.Event()
        self._listeners: list[Callable[[str], None]] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, name: str, args: list[str], tmp_path: Path, *, logs: bool = False) -> Proc:
        """Start `python args`; with `logs`, its stderr (the app's log) is read as lines too."""
        stderr_path = tmp_path / f"{name}.stderr"
        with stderr_path.open("ab") as stderr:
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                *args,
                cwd=ROOT,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT if logs else stderr,
            )
        return cls(name, proc, stderr_path)

    def on_line(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while raw := await self.proc.stdout.readline():
            line = raw.decode(errors="replace").rstrip("\n")
            self.lines.append(line)
            for listener in self._listeners:
                listener(line)
            self._changed.set()
        self.eof = True
        self._changed.set()

    def _context(self) -> str:
        return (
            f"{self.name} (exit {self.proc.returncode}); last lines: {self.lines[-8:]}; "
            f"stderr: {readable(self.stderr_path.read_text(errors='replace'))}"
        )

    async def wait_line(self, pattern: str, start: int = 0) -> re.Match[str]:
        """The first line from index `start` on that matches `pattern`."""
        regex = re.compile(pattern)
        index = start
        async with asyncio.timeout(WAIT):
            while True:
                while index < len(self.lines):
                    if match := regex.search(self.lines[index]):
                        return match
                    index += 1
                if self.eof:
                    raise AssertionError(f"no line like {pattern!r} from {self._context()}")
                self._changed.clear()
                await self._changed.wait()

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        """Re-check `predicate` after every line this process prints."""
        async with asyncio.timeout(WAIT):
            while not predicate():
                if self.eof:
                    assert predicate(), f"condition not met before {self._context()}"
                    return
                self._changed.clear()
                await self._changed.wait()

    async def exit(self, sig: signal.Signals | None = None) -> int:
        """Send `sig` (if still running), wait for the exit; the exit code."""
        if sig is not None and self.proc.returncode is None:
            self.proc.send_signal(sig)
        async with asyncio.timeout(WAIT):
            code = await self.proc.wait()
            await self._reader
        return code

    async def kill_quietly(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            if self.proc.returncode is None:
                self.proc.kill()
        await self.exit()


@dataclass
class Procs:
    """Every process a test started, killed at the end whatever happened."""

    tmp_path: Path
    started: list[Proc] = field(default_factory=list)
    count: int = 0

    async def start(self, name: str, args: list[str], *, logs: bool = False) -> Proc:
        self.count += 1
        proc = await Proc.start(f"{self.count:02d}-{name}", args, self.tmp_path, logs=logs)
        self.started.append(proc)
        return proc

    async def connector(self, data_dir: Path, port: int = 0) -> tuple[Proc, int]:
        args = ["-m", "kds", "connector", "--port", str(port), "--token", TOKEN]
        proc = await self.start("connector", [*args, "--data-dir", str(data_dir)])
        match = await proc.wait_line(LISTENING.pattern)
        assert port in (0, int(match.group(1)))
        return proc, int(match.group(1))

    async def headless(self, port: int, data_dir: Path, token: str = TOKEN) -> Proc:
        args = ["-m", "kds.net.headless", "--url", f"ws://127.0.0.1:{port}/kds"]
        args += ["--token", token, "--data-dir", str(data_dir), "--name", "Grill"]
        return await self.start("device", args)

    async def crashing(self, port: int, data_dir: Path, kill_at: int, point: str) -> Proc:
        args = [str(CRASHING_DEVICE), "--url", f"ws://127.0.0.1:{port}/kds", "--token", TOKEN]
        args += ["--data-dir", str(data_dir), "--name", "Grill"]
        args += ["--kill-at", str(kill_at), "--point", point]
        return await self.start("crashing-device", args)


@pytest.fixture
async def procs(tmp_path: Path) -> AsyncIterator[Procs]:
    made = Procs(tmp_path)
    try:
        yield made
    finally:
        for proc in made.started:
            await proc.kill_quietly()


# --- the shop and the connector's view ------------------------------------------------


@contextlib.asynccontextmanager
async def shop(port: int) -> AsyncIterator[aiohttp.ClientSession]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http:
        yield http


async def post_order(http: aiohttp.ClientSession, order: dict[str, Any]) -> dict[str, Any]:
    async with http.post("/orders", json=order) as resp:
        data: dict[str, Any] = await resp.json()
        assert resp.status == 202, (resp.status, data)
        return data


async def health(http: aiohttp.ClientSession) -> dict[str, Any]:
    async with http.get("/health") as resp:
        assert resp.status == 200
        data: dict[str, Any] = await resp.json()
        return data


def device_health(data: dict[str, Any]) -> dict[str, Any]:
    (device,) = data["devices"]  # one device per connector in these tests
    assert isinstance(device, dict)
    return device


async def wait_acked(http: aiohttp.ClientSession, seq: int) -> dict[str, Any]:
    """Ask /health (one request after the other, no pause) until the device acked `seq`."""
    async with asyncio.timeout(WAIT):
        while True:
            data = await health(http)
            if data["devices"] and (device_health(data)["last_acked_seq"] or 0) >= seq:
                return data


def stored_seq(data_dir: Path) -> int | None:
    with open_store_readonly(data_dir) as store:
        return store.last_seq()


async def wait_stored(device: Proc, data_dir: Path, seq: int) -> None:
    """Until the device's SQLite holds `seq` (checked after each line it prints)."""
    await device.wait_until(lambda: (stored_seq(data_dir) or 0) >= seq)


def stored_events(data_dir: Path) -> list[tuple[int, str]]:
    """(seq, verbatim frame) of every event in the device's SQLite, read-only."""
    uri = f"{(data_dir / DB_NAME).resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT seq, raw FROM events ORDER BY seq").fetchall()
    return [(int(seq), str(raw)) for seq, raw in rows]


def stored_event_seqs(data_dir: Path) -> list[int]:
    return [seq for seq, _ in stored_events(data_dir)]


def applied_lines(procs: list[Proc]) -> list[tuple[int, str, str]]:
    """(seq, order id, kind) of every `applied` line of these device processes, in order."""
    found = []
    for proc in procs:
        for line in proc.lines:
            if match := APPLIED.search(line):
                found.append((int(match.group(1)), match.group(2), match.group(3)))
    return found


def assert_held_exactly_once(
    data_dir: Path, created: list[str], revisions: dict[str, int], last_seq: int
) -> None:
    """Every order once, in the seq order of its first appearance, at its newest revision."""
    with open_store_readonly(data_dir) as store:
        summaries = store.order_summaries()
        assert store.last_seq() == last_seq
    assert [s["id"] for s in summaries] == created
    assert {s["id"]: s["revision"] for s in summaries} == revisions
    assert not any(s["is_cancelled"] for s in summaries)
    # Every event stored once and none missing (the seq is the table's key).
    assert stored_event_seqs(data_dir) == list(range(1, last_seq + 1))


def assert_nothing_applied_twice(devices: list[Proc]) -> None:
    lines = applied_lines(devices)
    seqs = [seq for seq, _, _ in lines]
    assert len(seqs) == len(set(seqs)), "an event was applied twice"
    assert seqs == sorted(seqs), "events applied out of seq order"
    created = [order for _, order, kind in lines if kind == "CREATED"]
    assert len(created) == len(set(created)), "an order was created twice"


# --- a TCP proxy whose connections can be cut (a network drop) ------------------------


class CuttableProxy:
    """Loopback TCP forwarder to the connector; cut() aborts every open connection."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[Any]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            up_reader, upstream = await asyncio.open_connection("127.0.0.1", self.target_port)
            self._writers.add(upstream)
            pipes = [
                asyncio.create_task(self._pipe(reader, upstream)),
                asyncio.create_task(self._pipe(up_reader, writer)),
            ]
            try:
                await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for pipe in pipes:
                    pipe.cancel()
                await asyncio.gather(*pipes, return_exceptions=True)
        except OSError:
            pass  # connector down: the device sees its connection drop and retries
        finally:
            for end in (writer, upstream):
                if end is not None:
                    self._writers.discard(end)
                    end.transport.abort()
            self._handlers.discard(task)

    def cut(self) -> int:
        """Drop every open connection like a pulled cable; how many were open."""
        ends = list(self._writers)
        for end in ends:
            end.transport.abort()
        return len(ends)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        self.cut()
        if self._handlers:
            await asyncio.gather(*self._handlers, return_exceptions=True)


# --- 1. a device killed, terminated and cut off again and again ----------------------


async def test_500_orders_survive_a_device_killed_and_cut_off_at_random_moments(
    tmp_path: Path, procs: Procs, tally: Tally
) -> None:
    rng = random.Random(20261123)
    connector_dir, device_dir = tmp_path / "connector", tmp_path / "device"
    _, port = await procs.connector(connector_dir)
    proxy = CuttableProxy(port)
    proxy_port = await proxy.start()

    # The shop's stream: 500 new orders, 100 of them changed to revision 2 later on.
    plan: list[tuple[float, int, int]] = [(float(n), n, 1) for n in range(1, 501)]
    plan += [(rng.uniform(n + 0.5, 520.0), n, 2) for n in rng.sample(range(1, 501), 100)]
    plan.sort()
    # 5 SIGKILLs, a SIGTERM and 3 network drops, each once the shop has posted a random
    # number of events; the device is restarted on the same data dir after each exit.
    # One SIGTERM only: stopped during a replay, the device waits out websockets' 10 s
    # close timeout (it no longer reads, so the connector's close frame never arrives).
    actions = ["kill"] * 5 + ["term"] + ["cut"] * 3
    rng.shuffle(actions)
    triggers = sorted(rng.sample(range(20, len(plan) - 20), len(actions)))

    devices: list[Proc] = []
    progress = {"applied": 0, "posted": 0}
    posted = asyncio.Event()
    device_progress = asyncio.Event()

    def follow(line: str) -> None:
        if match := APPLIED.search(line):
            progress["applied"] = max(progress["applied"], int(match.group(1)))
            device_progress.set()

    async def start_device() -> Proc:
        device = await procs.headless(proxy_port, device_dir)
        device.on_line(follow)
        devices.append(device)
        return device

    created: list[str] = []
    revisions: dict[str, int] = {}
    seqs: list[int] = []

    async def post_everything(http: aiohttp.ClientSession) -> None:
        for _, n, revision in plan:
            # Stay at most 150 events ahead of the device, so the crashes hit a live stream.
            while seqs and progress["applied"] < seqs[-1] - 150:
                device_progress.clear()
                await device_progress.wait()
            answer = await post_order(http, make_order(n, revision))
            assert answer["status"] == ("created" if revision == 1 else "updated")
            seqs.append(answer["seq"])
            if revision == 1:
                created.append(answer["id"])
            revisions[answer["id"]] = revision
            progress["posted"] += 1
            posted.set()

    async def disrupt() -> list[tuple[str, int, int]]:
        done = []
        device = await start_device()
        since = 0  # the device's lines after the last blow
        for action, trigger in zip(actions, triggers, strict=True):
            while progress["posted"] < trigger:
                posted.clear()
                await posted.wait()
            # Once it is receiving, so the blow lands in a replay or the live stream.
            await device.wait_line(CONNECTED, since)
            since = len(device.lines)
            if action == "cut":
                assert proxy.cut() >= 1
                await device.wait_line(r"connection: reconnecting", since)
                done.append((action, progress["posted"], 0))
                continue
            sig = signal.SIGKILL if action == "kill" else signal.SIGTERM
            code = await device.exit(sig)
            assert code == (-signal.SIGKILL if action == "kill" else 0), device.lines[-5:]
            done.append((action, progress["posted"], code))
            device = await start_device()
            since = 0
        return done

    try:
        async with shop(port) as http:
            done, _ = await asyncio.gather(disrupt(), post_everything(http))
            assert [a for a, _, _ in done] == actions
            assert len(created) == 500 and sum(r == 2 for r in revisions.values()) == 100
            assert seqs == list(range(1, len(plan) + 1))  # strictly increasing, no gap
            last = seqs[-1]
            assert (await health(http))["last_seq"] == last

            device = devices[-1]
            await wait_stored(device, device_dir, last)
            final = await wait_acked(http, last)
            assert device_health(final)["connected"] is True
            assert device_health(final)["last_acked_seq"] == last
    finally:
        await proxy.close()
    assert await device.exit(signal.SIGTERM) == 0

    assert_held_exactly_once(device_dir, created, revisions, last)
    assert_nothing_applied_twice(devices)
    # What staff get from the CLI is the same.
    cli = await procs.start("orders-cli", ["-m", "kds", "orders", "--data-dir", str(device_dir)])
    cli_lines: list[str] = []
    cli.on_line(cli_lines.append)
    assert await cli.exit() == 0
    with open_store_readonly(device_dir) as store:
        assert len(cli_lines) == len(store.order_summaries()) == 500
    tally.kills_survived += actions.count("kill")
    tally.orders_checked += 500


# --- 2. the device killed at the three points of one event's delivery -----------------


@pytest.mark.parametrize("point", ["before-store", "after-store", "after-ack"])
async def test_a_device_killed_around_store_and_ack_loses_nothing_and_doubles_nothing(
    tmp_path: Path, procs: Procs, point: str
) -> None:
    kill_at = 12
    connector_dir, device_dir = tmp_path / "connector", tmp_path / "device"
    _, port = await procs.connector(connector_dir)
    # 20 orders, 5 of them changed: 25 events; the kill lands on seq 12 (or just after).
    plan = [(n, 1) for n in range(1, 21)]
    for n in (3, 8, 11, 15, 19):
        plan.insert(plan.index((n, 1)) + 6, (n, 2))
    created: list[str] = []
    revisions: dict[str, int] = {}

    async def post(http: aiohttp.ClientSession, steps: list[tuple[int, int]]) -> int:
        seq = 0
        for n, revision in steps:
            answer = await post_order(http, make_order(n, revision))
            if revision == 1:
                created.append(answer["id"])
            revisions[answer["id"]] = revision
            seq = answer["seq"]
        return seq

    async with shop(port) as http:
        if point == "after-ack":
            # Event 12 is stored and its ack has reached the connector; event 13 kills.
            await post(http, plan[:kill_at])
            crashing = await procs.crashing(port, device_dir, kill_at, point)
            acked = await wait_acked(http, kill_at)
            assert device_health(acked)["last_acked_seq"] == kill_at
            last = await post(http, plan[kill_at:])
            crash_seq = kill_at + 1
        else:
            last = await post(http, plan)
            crashing = await procs.crashing(port, device_dir, kill_at, point)
            crash_seq = kill_at
        assert last == len(plan) == 25

        # The device stores a batch of frames at a time: it died around the batch of seq 12.
        crash = await crashing.wait_line(
            rf"crashing at seq={crash_seq} point={point} batch=(\d+)-(\d+)$"
        )
        first, last_of_batch = int(crash.group(1)), int(crash.group(2))
        assert first <= crash_seq <= last_of_batch
        if point == "after-ack":
            assert first == kill_at + 1  # 12 was stored and acked before 13 was posted
        assert await crashing.exit() == -signal.SIGKILL
        # before-store and after-ack wrote nothing of the batch; after-store committed all.
        stored_before = last_of_batch if point == "after-store" else first - 1
        assert (stored_seq(device_dir) or 0) == stored_before
        acked_before = device_health(await health(http))["last_acked_seq"] or 0
        # Never acked what was not stored, nor anything of the batch it died in.
        assert acked_before <= first - 1
        if point == "after-ack":
            assert acked_before == kill_at

        device = await procs.headless(port, device_dir)
        await wait_stored(device, device_dir, last)
        final = await wait_acked(http, last)
        assert device_health(final)["last_acked_seq"] == last
        # Every line it printed is read once it has exited (the store can be ahead of the
        # pipe). It resumed right after what it had stored: nothing re-applied, nothing
        # skipped (and nothing at all when the killed batch had reached the last seq).
        assert await device.exit(signal.SIGTERM) == 0
        resumed = applied_lines([device])
        assert [seq for seq, _, _ in resumed] == list(range(stored_before + 1, last + 1))

    assert_held_exactly_once(device_dir, created, revisions, last)
    assert_nothing_applied_twice([crashing, device])
    # after-store died between the commit of the batch and its `applied` lines.
    assert [seq for seq, _, _ in applied_lines([crashing])] == list(range(1, first))


async def test_a_seq_resent_after_a_crash_between_store_and_ack_is_acked_not_applied_again(
    tmp_path: Path, procs: Procs
) -> None:
    kill_at = 5
    device_dir = tmp_path / "device"
    _, port = await procs.connector(tmp_path / "connector")
    async with shop(port) as http:
        # Seq 5 is the newest: the batch that holds it ends with it.
        for n in range(1, kill_at + 1):
            await post_order(http, make_order(n))
        crashing = await procs.crashing(port, device_dir, kill_at, "after-store")
        await crashing.wait_line(rf"crashing at seq={kill_at} point=after-store batch=\d+-5$")
        assert await crashing.exit() == -signal.SIGKILL
        assert (device_health(await health(http))["last_acked_seq"] or 0) < kill_at
    assert stored_seq(device_dir) == kill_at

    # The reference connector resumes after the hello's last_seq. PROTOCOL.md also allows
    # one that resends everything after the last ack: here seq 5 comes again, verbatim,
    # then, once that is answered, one new event.
    (resent,) = [raw for seq, raw in stored_events(device_dir) if seq == kill_at]
    new = wire.OrderCreated(
        seq=kill_at + 1,
        event_id="resender-6",
        occurred_at=datetime(2026, 11, 23, 12, 5, tzinfo=UTC),
        order=wire.parse_order(make_order(99)),
    )
    hellos: list[wire.Hello] = []
    acks: list[int] = []
    all_acked = asyncio.Event()

    async def next_ack(ws: ServerConnection) -> None:
        while not isinstance(message := wire.parse_client(await ws.recv()), wire.Ack):
            pass
        acks.append(message.seq)

    async def resending_connector(ws: ServerConnection) -> None:
        hello = wire.parse_client(await ws.recv())
        assert isinstance(hello, wire.Hello)
        hellos.append(hello)
        welcome = wire.Welcome(protocol=1, connector_id="resender", last_seq=kill_at + 1)
        await ws.send(wire.dump(welcome))
        await next_ack(ws)  # what the device holds, acked on the welcome
        await ws.send(resent)
        await next_ack(ws)
        await ws.send(wire.dump(new))
        await next_ack(ws)
        all_acked.set()
        with contextlib.suppress(ConnectionClosed):  # the device is stopped at the end
            await ws.wait_closed()

    async with serve(resending_connector, "127.0.0.1", 0) as server:
        resender_port = int(next(iter(server.sockets)).getsockname()[1])
        device = await procs.headless(resender_port, device_dir)
        async with asyncio.timeout(WAIT):
            await all_acked.wait()
        assert await device.exit(signal.SIGTERM) == 0

    assert [h.last_seq for h in hellos] == [kill_at]
    # The welcome's ack of what it holds, the resend acked (so it stops coming), the new one.
    assert acks == [kill_at, kill_at, kill_at + 1]
    assert [(seq, order) for seq, order, _ in applied_lines([device])] == [(6, "webshop:99")]
    ids = [f"webshop:{n}" for n in (1, 2, 3, 4, 5, 99)]
    assert_held_exactly_once(device_dir, ids, dict.fromkeys(ids, 1), kill_at + 1)
    assert_nothing_applied_twice([crashing, device])


# --- 3. the connector killed mid-stream ------------------------------------------------


async def test_a_connector_killed_mid_stream_keeps_seq_and_every_answered_order(
    tmp_path: Path, procs: Procs
) -> None:
    rng = random.Random(7)
    connector_dir, device_dir = tmp_path / "connector", tmp_path / "device"
    first, port = await procs.connector(connector_dir)
    device = await procs.headless(port, device_dir)
    await device.wait_line(CONNECTED)

    answered: list[dict[str, Any]] = []  # the 202 answers, in the order they came
    unanswered: list[int] = []  # posted, but the connector died before answering
    kill_after = rng.randint(60, 140)
    enough = asyncio.Event()

    async def post_until_it_dies(http: aiohttp.ClientSession) -> None:
        for n in range(1, 1000):
            try:
                answered.append(await post_order(http, make_order(n)))
            except aiohttp.ClientError:
                unanswered.append(n)
                return
            if len(answered) >= kill_after:
                enough.set()
        raise AssertionError("the connector was never killed")

    async def kill_mid_stream() -> int:
        await enough.wait()
        await device.wait_line(APPLIED.pattern)  # the device is receiving the stream
        return await first.exit(signal.SIGKILL)

    async with shop(port) as http:
        code, _ = await asyncio.gather(kill_mid_stream(), post_until_it_dies(http))
    assert code == -signal.SIGKILL
    assert len(unanswered) == 1
    killed_at_line = len(device.lines)
    await device.wait_line(r"connection: reconnecting", killed_at_line)

    second, again = await procs.connector(connector_dir, port)  # same data dir, same port
    assert again == port
    async with shop(port) as http:
        after_restart = await health(http)
        assert after_restart["last_seq"] >= answered[-1]["seq"]
        # The shop retries the order it got no answer for, then goes on.
        (lost,) = unanswered
        async with http.post("/orders", json=make_order(lost)) as resp:
            retry = await resp.json()
            assert (resp.status, retry["status"]) in ((202, "created"), (200, "duplicate"))
            if resp.status == 202:
                answered.append(retry)
        for n in range(lost + 1, lost + 31):
            answered.append(await post_order(http, make_order(n)))

        seqs = [answer["seq"] for answer in answered]
        assert seqs == sorted(set(seqs)), "a seq was reused or went backwards"
        last = (await health(http))["last_seq"]
        assert last == seqs[-1]
        # The device came back by itself (no restart of it) and caught up.
        await device.wait_line(CONNECTED, killed_at_line)
        await wait_stored(device, device_dir, last)
        final = await wait_acked(http, last)
        assert device_health(final)["connected"] is True
    assert await device.exit(signal.SIGTERM) == 0
    assert await second.exit(signal.SIGTERM) == 0

    ids = [f"webshop:{n}" for n in range(1, lost + 31)]
    assert {answer["id"] for answer in answered} <= set(ids)
    assert_held_exactly_once(device_dir, ids, dict.fromkeys(ids, 1), last)
    assert_nothing_applied_twice([device])


# --- 4. a wrong or missing token gets a 401 and not one order byte --------------------


async def raw_request(port: int, request: str) -> bytes:
    """Send one raw HTTP request; every byte the connector sends back until it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request.encode())
        await writer.drain()
        async with asyncio.timeout(WAIT):
            return await reader.read(-1)
    finally:
        writer.close()
        await writer.wait_closed()


def ws_handshake(port: int, auth: str | None) -> str:
    header = f"Authorization: {auth}\r\n" if auth is not None else ""
    return (
        f"GET /kds HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\n{header}\r\n"
    )


def http_get(port: int, path: str, auth: str | None) -> str:
    header = f"Authorization: {auth}\r\n" if auth is not None else ""
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{header}\r\n"


def http_post(port: int, path: str, body: str, auth: str | None) -> str:
    header = f"Authorization: {auth}\r\n" if auth is not None else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body.encode())}\r\n"
        f"{header}\r\n{body}"
    )


@pytest.mark.parametrize("auth", [None, "Bearer guess", "Basic c2FsZXM=", f"Bearer {TOKEN}x"])
async def test_a_wrong_or_missing_token_gets_401_and_not_one_order_byte(
    tmp_path: Path, procs: Procs, auth: str | None
) -> None:
    connector, port = await procs.connector(tmp_path / "connector")
    secret = make_order(4711) | {"display_id": "SECRET-42"}
    async with shop(port) as http:
        assert (await post_order(http, secret))["seq"] == 1

        # The websocket handshake: refused before the upgrade. The connection stays plain
        # HTTP: a second request on it (asking the connector to close after it) is answered
        # as HTTP too, so every byte the connector sent on this connection is read here.
        answer = await raw_request(port, ws_handshake(port, auth) + http_get(port, "/health", auth))
        responses = answer.split(b"HTTP/1.1 ")[1:]
        assert answer.startswith(b"HTTP/1.1 401 ") and len(responses) == 2, answer
        for response in responses:
            assert response.startswith(b"401 Unauthorized\r\n"), answer
            head, _, body = response.partition(b"\r\n\r\n")
            assert b"upgrade" not in head.lower()
            assert json.loads(body)["error"] == "unauthorized"
        assert b"4711" not in answer and b"SECRET" not in answer and b"webshop" not in answer

        # The HTTP intake: refused, and nothing logged.
        intruder = json.dumps(make_order(666))
        answer = await raw_request(port, http_post(port, "/orders", intruder, auth))
        assert answer.startswith(b"HTTP/1.1 401 "), answer
        assert b"4711" not in answer and b"SECRET" not in answer
        after = await health(http)
        assert after["last_seq"] == 1 and after["devices"] == []

        # A real device with that token: told why, and it holds nothing.
        if auth is not None and auth.startswith("Bearer "):
            device_dir = tmp_path / "device"
            device = await procs.headless(port, device_dir, token=auth.removeprefix("Bearer "))
            await device.wait_line(r"connector refused the token \(HTTP 401\)")
            await device.wait_line(r"connection: token_refused$")
            assert await device.exit(signal.SIGTERM) == 0
            with open_store_readonly(device_dir) as store:
                assert store.last_seq() is None and store.order_summaries() == []
            assert not applied_lines([device])
            assert (await health(http))["devices"] == []
    assert await connector.exit(signal.SIGTERM) == 0
