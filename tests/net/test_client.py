"""KdsClient against a small real websocket connector on loopback: store, ack, reject, reconnect."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from kds import wire
from kds.domain.orders import Applied, AppliedKind
from kds.net import (
    MAX_RECEIVE_BYTES,
    Backoff,
    BatchLimits,
    Cause,
    ConnectionState,
    Detail,
    KdsClient,
    NotConnectedError,
    Phase,
)
from kds.net.headless import run_headless
from kds.store import KdsStore, StoreError, open_store, open_store_readonly

TOKEN = "sales-point-token"
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
WAIT = 10.0  # a safety net only: every wait below ends on an event


def order_dict(order_id: str = "web:1", revision: int = 1) -> dict[str, Any]:
    return {
        "id": order_id,
        "external_id": order_id,
        "display_id": "42",
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T18:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [{"line_id": "a", "name": "Burger", "quantity": "1"}],
    }


def created(seq: int, order_id: str | None = None, **extra: Any) -> str:
    data: dict[str, Any] = {
        "type": "order.created",
        "seq": seq,
        "event_id": f"e{seq}",
        "occurred_at": T0.isoformat(),
        "order": order_dict(order_id or f"web:{seq}"),
    }
    data.update(extra)
    return json.dumps(data)


@dataclass(frozen=True)
class TextBytes:
    """Bytes the connector sends in a *text* frame, valid UTF-8 or not."""

    data: bytes


Frame = str | bytes | TextBytes


async def send_frame(conn: ServerConnection, frame: Frame) -> None:
    if isinstance(frame, TextBytes):
        await conn.send(frame.data, text=True)
    else:
        await conn.send(frame)


class FakeConnector:
    """A scripted connector: answers hello, replays its log after last_seq, records replies."""

    def __init__(self) -> None:
        self.log: dict[int, Frame] = {}
        self.attempts = 0
        self.hellos: list[wire.Hello] = []
        self.received: list[Any] = []
        self.refuse_token = False
        self.hello_answer: str | None = None  # None: a normal welcome
        self.connections: list[ServerConnection] = []
        self.changed = asyncio.Condition()
        self.server: Server | None = None
        self.welcomes_sent = 0
        self.close_after_replay = False
        self._wakers: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        assert self.server is not None
        port = self.server.sockets[0].getsockname()[1]
        return f"ws://127.0.0.1:{port}/kds"

    def acks(self) -> list[int]:
        return [m.seq for m in self.received if isinstance(m, wire.Ack)]

    def acked(self) -> int:
        """The highest seq acked: every event up to it is stored (acks are cumulative)."""
        return max(self.acks(), default=0)

    def rejects(self) -> list[wire.Reject]:
        return [m for m in self.received if isinstance(m, wire.Reject)]

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    def changed_soon(self) -> None:
        """Wake waiters after a client callback (callbacks are plain functions on the loop)."""
        task = asyncio.get_running_loop().create_task(self._notify())
        self._wakers.add(task)
        task.add_done_callback(self._wakers.discard)

    async def wait_until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT):
            async with self.changed:
                await self.changed.wait_for(condition)

    async def process_request(self, conn: ServerConnection, request: Request) -> Response | None:
        self.attempts += 1
        await self._notify()
        if self.refuse_token or request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return conn.respond(HTTPStatus.UNAUTHORIZED, "wrong token\n")
        return None

    async def handler(self, conn: ServerConnection) -> None:
        hello = wire.parse_client(await conn.recv())
        assert isinstance(hello, wire.Hello)
        self.hellos.append(hello)
        if self.hello_answer is not None:
            await conn.send(self.hello_answer)
            await self._notify()
            await conn.wait_closed()
            return
        newest = max(self.log, default=0)
        welcome = wire.Welcome(
            protocol=1, connector_id="conn-1", last_seq=newest, printing=wire.PrintingGrant.GRANTED
        )
        await conn.send(wire.dump(welcome))
        self.welcomes_sent += 1
        self.connections.append(conn)
        await self._notify()
        for seq in sorted(self.log):
            if hello.last_seq is None or seq > hello.last_seq:
                await send_frame(conn, self.log[seq])
        if self.close_after_replay:
            await conn.close(code=1011, reason="connector trouble")
        try:
            async for text in conn:
                self.received.append(wire.parse_client(text))
                await self._notify()
        except ConnectionClosed:
            pass
        finally:
            self.connections.remove(conn)
            await self._notify()

    async def push(self, seq: int | None, frame: Frame) -> None:
        """Add to the log (when it has a seq) and send to the connected device."""
        await self.push_many([(seq, frame)])

    async def push_many(self, frames: list[tuple[int | None, Frame]]) -> None:
        """Push frames back to back: the device finds them all received when it reads."""
        await self.wait_until(lambda: bool(self.connections))
        for seq, frame in frames:
            if seq is not None:
                self.log[seq] = frame
            # No await in between yields to the loop while the socket takes the bytes.
            await send_frame(self.connections[-1], frame)


@dataclass
class Device:
    store: KdsStore
    connector: FakeConnector
    applied: list[tuple[int, AppliedKind]] = field(default_factory=list)
    states: list[ConnectionState] = field(default_factory=list)
    welcomes: list[wire.Welcome] = field(default_factory=list)
    rejected: list[tuple[int | None, str]] = field(default_factory=list)
    batches: list[list[int]] = field(default_factory=list)
    """Per `on_batch`: the seqs applied since the one before."""
    on_applied_hook: Callable[[wire.Event, Applied], None] | None = None
    on_batch_hook: Callable[[], None] | None = None
    client: KdsClient | None = None
    task: asyncio.Task[None] | None = None

    def phases(self) -> list[Phase]:
        return [s.phase for s in self.states]

    def start(self, url: str | None = None, token: str = TOKEN, **options: Any) -> KdsClient:
        def on_applied(event: wire.Event, applied: Applied) -> None:
            self.applied.append((event.seq, applied.kind))
            if self.on_applied_hook is not None:
                self.on_applied_hook(event, applied)

        def record(target: list[Any]) -> Callable[..., None]:
            def callback(*args: Any) -> None:
                target.append(args[0] if len(args) == 1 else args)
                self.connector.changed_soon()

            return callback

        options.setdefault("backoff", Backoff(initial=0.01, cap=0.05))
        options.setdefault("clock", lambda: T0)
        self.client = KdsClient(
            url or self.connector.url,
            token,
            self.store,
            (wire.Role.DISPLAY, wire.Role.PRINTING),
            on_applied=on_applied,
            on_state=record(self.states),
            on_welcome=record(self.welcomes),
            on_rejected=record(self.rejected),
            on_batch=self._batch_done,
            **options,
        )
        self.task = asyncio.create_task(self.client.run())
        return self.client

    def _batch_done(self) -> None:
        done = sum(len(b) for b in self.batches)
        self.batches.append([seq for seq, _kind in self.applied[done:]])
        if self.on_batch_hook is not None:
            self.on_batch_hook()

    async def stop(self) -> None:
        if self.client is not None and self.task is not None:
            await self.client.stop()
            async with asyncio.timeout(WAIT):
                await self.task


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    async with serve(
        fake.handler, "127.0.0.1", 0, process_request=fake.process_request, max_size=None
    ) as server:
        fake.server = server
        yield fake


@pytest.fixture
async def device(tmp_path: Path, connector: FakeConnector) -> AsyncIterator[Device]:
    with open_store(tmp_path / "device", "Grill") as store:
        dev = Device(store, connector)
        try:
            yield dev
        finally:
            await dev.stop()


async def test_hello_carries_identity_and_last_seq_from_store(
    device: Device, connector: FakeConnector
) -> None:
    first = created(7)
    event = wire.parse(first)
    assert isinstance(event, wire.OrderCreated)
    device.store.apply(event, first, T0)
    connector.log[7] = first
    device.start()
    await connector.wait_until(lambda: bool(device.welcomes))
    (hello,) = connector.hellos
    assert hello.last_seq == 7
    assert hello.device_id == device.store.device_id
    assert hello.device_name == "Grill"
    assert hello.roles == (wire.Role.DISPLAY, wire.Role.PRINTING)
    assert device.welcomes[0].printing is wire.PrintingGrant.GRANTED
    assert device.client is not None
    assert (device.client.state.phase, device.client.state.detail) == (Phase.CONNECTED, None)
    assert device.phases() == [Phase.CONNECTING, Phase.CONNECTED]
    # What it holds is acked at once (it may have died between a commit and its ack).
    await connector.wait_until(lambda: connector.acks() == [7])


async def test_events_are_stored_before_ack_and_applied_once(
    tmp_path: Path, device: Device, connector: FakeConnector
) -> None:
    seen_at_callback: list[tuple[int, bool, bool]] = []

    def check_committed(event: wire.Event, applied: Applied) -> None:
        # Another connection already sees the event committed; its ack has not arrived.
        with open_store_readonly(tmp_path / "device") as reader:
            stored = (reader.last_seq() or 0) >= event.seq
            seen_at_callback.append((event.seq, stored, connector.acked() >= event.seq))

    device.on_applied_hook = check_committed
    connector.log[1] = created(1)
    connector.log[2] = json.dumps(
        {
            "type": "order.status",
            "seq": 2,
            "event_id": "e2",
            "occurred_at": T0.isoformat(),
            "order_id": "web:1",
            "status": "ready",
        }
    )
    device.start()
    await connector.wait_until(lambda: connector.acked() == 2)
    assert seen_at_callback == [(1, True, False), (2, True, False)]
    assert device.applied == [(1, AppliedKind.CREATED), (2, AppliedKind.STATUS)]

    # The connector resends seq 1 (it missed the ack): acked again, not applied again.
    acks_before = len(connector.acks())
    await connector.push(1, created(1))
    await connector.wait_until(lambda: connector.acks()[acks_before:] == [1])
    assert device.applied == [(1, AppliedKind.CREATED), (2, AppliedKind.STATUS)]
    state = device.store.order("web:1")
    assert state is not None and state.overall_status is wire.OrderStatus.READY

    # The same order pushed twice by a platform under a new seq: reported, never shown twice.
    await connector.push(3, created(3, order_id="web:1"))
    await connector.wait_until(lambda: connector.acks()[-1:] == [3])
    assert device.applied[-1] == (3, AppliedKind.IGNORED)
    assert [o.id for o in device.store.orders(now=T0)] == ["web:1"]


async def test_reconnect_after_drop_resumes_from_last_seq(
    device: Device, connector: FakeConnector
) -> None:
    connector.log[1] = created(1)
    connector.log[2] = created(2)
    device.start()
    await connector.wait_until(lambda: connector.acked() == 2)
    connector.log[3] = created(3)  # arrives while the device is away
    await connector.connections[-1].close(code=1012, reason="restart")
    await connector.wait_until(lambda: connector.acked() == 3)
    assert [h.last_seq for h in connector.hellos] == [None, 2]
    assert [seq for seq, _ in device.applied] == [1, 2, 3]
    assert device.phases() == [
        Phase.CONNECTING,
        Phase.CONNECTED,
        Phase.RECONNECTING,
        Phase.CONNECTED,
    ]
    assert device.states[2].detail == Detail(Cause.CONNECTION_LOST)


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (wire.CLOSE_TAKEN_OVER, Cause.PRINTING_TAKEN_OVER),
        (wire.CLOSE_ROLE_GRANTED, Cause.PRINTING_GRANTED),
    ],
)
async def test_a_close_that_moves_printing_says_so(
    device: Device, connector: FakeConnector, code: int, cause: Cause
) -> None:
    device.start()
    await connector.wait_until(lambda: bool(device.welcomes))
    await connector.connections[-1].close(code=code, reason="printing moved")
    await connector.wait_until(lambda: len(connector.hellos) >= 2)
    assert device.phases()[:3] == [Phase.CONNECTING, Phase.CONNECTED, Phase.RECONNECTING]
    assert device.states[2].detail == Detail(cause)


async def test_invalid_frames_are_rejected_kept_and_the_stream_goes_on(
    device: Device, connector: FakeConnector
) -> None:
    device.start()
    await connector.wait_until(lambda: bool(connector.connections))
    bad_json = '{"type": "order.created", "seq": 1, '
    unknown_type = json.dumps(
        {"type": "order.exploded", "seq": 2, "event_id": "e2", "occurred_at": T0.isoformat()}
    )
    unknown_field = created(3, surprise="é\n🍔")
    huge = created(4, order_id="web:big")[:-1] + ', "pad": "' + "x" * (2 * 1024 * 1024) + '"}'
    for seq, text in [(None, bad_json), (2, unknown_type), (3, unknown_field), (4, huge)]:
        await connector.push(seq, text)
    await connector.push(5, created(5))
    await connector.wait_until(lambda: connector.acks() == [5])

    assert [(r.seq, r.error) for r in connector.rejects()] == [
        (1, device.rejected[0][1]),  # the seq is read from the broken text
        (2, device.rejected[1][1]),
        (3, "surprise: Extra inputs are not permitted"),
        (4, device.rejected[3][1]),
    ]
    assert "over the 1048576 byte limit" in device.rejected[3][1]
    assert "not valid JSON" in device.rejected[0][1]
    assert device.store.rejected_count() == 4
    kept = {r.seq: r.raw for r in device.store.rejected(limit=10)}
    assert kept == {1: bad_json, 2: unknown_type, 3: unknown_field, 4: huge}
    assert device.applied == [(5, AppliedKind.CREATED)]
    assert device.store.last_seq() == 5
    assert device.client is not None and device.client.state.phase is Phase.CONNECTED


async def test_token_refused_retries_slowly(device: Device, connector: FakeConnector) -> None:
    connector.refuse_token = True
    delay = 0.1
    started = time.monotonic()
    device.start(token_refused_delay=delay, backoff=Backoff(initial=0.001, cap=0.001))
    await connector.wait_until(lambda: connector.attempts >= 3)
    elapsed = time.monotonic() - started
    # Three attempts need two waits of `delay`; backoff alone would take ~2 ms.
    assert elapsed >= 2 * delay
    assert connector.attempts == 3
    assert device.phases() == [Phase.CONNECTING, Phase.TOKEN_REFUSED]
    assert device.states[-1].detail is None  # the phase says it all
    assert connector.hellos == []


async def test_error_answer_to_hello_is_a_protocol_error(
    device: Device, connector: FakeConnector
) -> None:
    connector.hello_answer = json.dumps(
        {"type": "error", "code": "unsupported_protocol", "message": "protocol 1 unknown"}
    )
    device.start(protocol_error_delay=0.05)
    await connector.wait_until(lambda: len(connector.hellos) >= 2)
    assert device.phases() == [Phase.CONNECTING, Phase.PROTOCOL_ERROR]
    assert device.states[-1].detail == Detail(
        Cause.CONNECTOR_ERROR, {"code": "unsupported_protocol", "message": "protocol 1 unknown"}
    )
    assert device.welcomes == []


async def test_error_after_welcome_closes_and_reconnects(
    device: Device, connector: FakeConnector
) -> None:
    device.start(protocol_error_delay=0.01)
    await connector.wait_until(lambda: bool(connector.connections))
    await connector.push(None, json.dumps({"type": "error", "code": "bye", "message": "no"}))
    await connector.wait_until(lambda: connector.welcomes_sent >= 2 and len(device.phases()) >= 4)
    assert device.phases() == [
        Phase.CONNECTING,
        Phase.CONNECTED,
        Phase.PROTOCOL_ERROR,
        Phase.CONNECTED,
    ]
    assert device.states[2].detail == Detail(
        Cause.CONNECTOR_ERROR, {"code": "bye", "message": "no"}
    )


async def test_connector_behind_the_device_is_shown_not_silently_ignored(
    device: Device, connector: FakeConnector
) -> None:
    text = created(9)
    event = wire.parse(text)
    assert isinstance(event, wire.OrderCreated)
    device.store.apply(event, text, T0)
    connector.log[1] = created(1)  # a reset connector starts again at 1
    device.start(protocol_error_delay=60)
    await connector.wait_until(lambda: Phase.PROTOCOL_ERROR in device.phases())
    assert device.states[-1].detail == Detail(
        Cause.CONNECTOR_BEHIND, {"connector_seq": 1, "device_seq": 9}
    )
    assert connector.acks() == []


async def test_a_failing_callback_does_not_break_the_stream(
    device: Device, connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(event: wire.Event, applied: Applied) -> None:
        if event.seq == 1:
            raise RuntimeError("screen bug")

    device.on_applied_hook = explode
    connector.log[1] = created(1)
    connector.log[2] = created(2)
    device.start()
    await connector.wait_until(lambda: connector.acked() == 2)
    assert [seq for seq, _ in device.applied] == [1, 2]
    assert any("screen bug" in (r.exc_text or "") for r in caplog.records)


Batch = list[tuple[wire.Event, str]]


@pytest.mark.parametrize(("failures", "sessions"), [(1, 1), (2, 2)])
async def test_store_failure_means_no_ack_and_a_resend(
    device: Device,
    connector: FakeConnector,
    monkeypatch: pytest.MonkeyPatch,
    failures: int,
    sessions: int,
) -> None:
    """A batch the store refused is stored again one event at a time: a failure that has
    passed costs nothing; one that lasts ends the session unacked, and the event comes again."""
    real_apply_batch = device.store.apply_batch
    left = [failures]

    def flaky_apply_batch(events: Batch, now: datetime) -> list[Applied]:
        if left[0]:
            left[0] -= 1
            raise StoreError("disk I/O error")
        return real_apply_batch(events, now)

    monkeypatch.setattr(device.store, "apply_batch", flaky_apply_batch)
    connector.log[1] = created(1)
    device.start()
    await connector.wait_until(lambda: connector.acks() == [1])
    assert [h.last_seq for h in connector.hellos] == [None] * sessions
    assert device.applied == [(1, AppliedKind.CREATED)]


async def test_the_outbox_is_sent_after_the_welcome_and_sync_while_connected(
    device: Device, connector: FakeConnector
) -> None:
    """An action taken before the connection leaves after the welcome; one taken while
    connected leaves at once; a sync is refused offline."""
    offline = wire.StatusChange(order_id="web:1", status=wire.OrderStatus.READY, at=T0)
    device.store.queue_changes([offline], T0)
    client = device.start()
    with pytest.raises(NotConnectedError):
        await client.request_sync()
    await connector.wait_until(lambda: len(connector.received) == 1)
    online = wire.StatusChange(
        order_id="web:1", status=wire.OrderStatus.READY, station="grill", line_ids=("a",), at=T0
    )
    device.store.queue_changes([online], T0)
    client.send_outbox()
    await connector.wait_until(lambda: len(connector.received) == 2)
    await client.request_sync()
    await connector.wait_until(lambda: len(connector.received) == 3)
    assert connector.received == [offline, online, wire.SyncRequest()]


async def test_stop_closes_cleanly(device: Device, connector: FakeConnector) -> None:
    device.start()
    await connector.wait_until(lambda: bool(connector.connections))
    await device.stop()
    await connector.wait_until(lambda: not connector.connections)
    assert device.phases()[-1] is Phase.STOPPED


async def test_unreachable_connector_shows_reconnecting(device: Device) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    device.start(url=f"ws://127.0.0.1:{port}/kds")
    await device.connector.wait_until(lambda: Phase.RECONNECTING in device.phases())
    state = device.states[-1]
    assert (state.since, state.detail) == (T0, Detail(Cause.REFUSED))


async def test_headless_device_in_its_own_process(tmp_path: Path, connector: FakeConnector) -> None:
    connector.log[1] = created(1)
    data_dir = tmp_path / "headless"
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kds.net.headless",
        "--url",
        connector.url,
        "--token",
        TOKEN,
        "--data-dir",
        str(data_dir),
        "--name",
        "Pass",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        await connector.wait_until(lambda: connector.acks() == [1])
    finally:
        proc.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            out, _ = await proc.communicate()
    log = out.decode()
    assert proc.returncode == 0, log
    assert "applied seq=1 type=order.created order=web:1 kind=CREATED" in log
    assert connector.hellos[0].device_name == "Pass"
    with open_store_readonly(data_dir) as reader:
        assert [r["id"] for r in reader.order_summaries()] == ["web:1"]


async def test_run_headless_until_cancelled(tmp_path: Path, connector: FakeConnector) -> None:
    connector.log[1] = created(1)
    task = asyncio.create_task(run_headless(connector.url, TOKEN, tmp_path, "Expo"))
    await connector.wait_until(lambda: connector.acks() == [1])
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await connector.wait_until(lambda: not connector.connections)
    # The store was closed and unlocked: the app may start on this data dir now.
    with open_store(tmp_path) as store:
        assert store.last_seq() == 1
        assert store.device_name == "Expo"


async def test_a_frame_over_the_receive_limit_is_named_in_the_status(
    device: Device, connector: FakeConnector
) -> None:
    device.start()
    await connector.wait_until(lambda: bool(connector.connections))
    await connector.push(None, '"' + "x" * MAX_RECEIVE_BYTES + '"')
    await connector.wait_until(lambda: Phase.RECONNECTING in device.phases())
    assert device.states[-1].detail == Detail(Cause.MESSAGE_TOO_BIG, {"limit": MAX_RECEIVE_BYTES})
    # It reconnects and resumes: the next event still arrives (maybe twice: replay and
    # push), and is applied once.
    await connector.push(1, created(1))
    await connector.wait_until(lambda: 1 in connector.acks())
    assert device.applied == [(1, AppliedKind.CREATED)]


# --- one frame never stops the stream -----------------------------------------------------


def deeply_nested(seq: int) -> str:
    return created(seq)[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}"


def huge_quantity(seq: int) -> str:
    return created(seq).replace('"quantity": "1"', '"quantity": ' + "1" * 5000)


def bad_utf8(seq: int) -> bytes:
    return created(seq).replace("Burger", "Bur\udcffger").encode("utf-8", "surrogateescape")


BAD_FRAMES: dict[str, tuple[Callable[[int], Frame], str]] = {
    "nested 5,000 levels deep": (deeply_nested, "nesting deeper than 64 levels"),
    "a 5,000-digit quantity": (huge_quantity, "number with more than 100 digits"),
    "cut off mid-way": (lambda seq: created(seq)[:70], "not valid JSON"),
    "invalid UTF-8 in a binary frame": (bad_utf8, "not valid UTF-8"),
    "invalid UTF-8 in a text frame": (lambda seq: TextBytes(bad_utf8(seq)), "not valid UTF-8"),
    "not JSON at all": (lambda seq: b"\x00\x01\x02 binary junk", "not valid JSON"),
    # The reason quotes the type: the reject must still be a small frame.
    "a type of 900,000 characters": (
        lambda seq: json.dumps({"seq": seq, "type": "x" * 900_000}),
        "Input tag 'xxx",
    ),
}


@pytest.mark.parametrize("kind", BAD_FRAMES)
async def test_a_bad_frame_is_rejected_and_the_orders_after_it_arrive(
    device: Device, connector: FakeConnector, kind: str
) -> None:
    make, reason = BAD_FRAMES[kind]
    # In the log, so a reconnect would replay it: the device must not need one.
    connector.log[1] = created(1)
    connector.log[2] = make(2)
    connector.log[3] = created(3)
    device.start()
    await connector.wait_until(lambda: connector.acked() == 3)
    (reject,) = connector.rejects()
    expected_seq = None if kind == "not JSON at all" else 2
    assert reject.seq == expected_seq
    assert reason in reject.error
    assert len(reject.error) <= 500
    assert device.applied == [(1, AppliedKind.CREATED), (3, AppliedKind.CREATED)]
    assert [o.id for o in device.store.orders(now=T0)] == ["web:1", "web:3"]
    assert device.store.rejected_count() == 1
    assert device.rejected == [(expected_seq, reject.error)]
    assert connector.attempts == 1  # not one reconnect
    assert device.phases() == [Phase.CONNECTING, Phase.CONNECTED]


async def test_a_seqless_bad_frame_resent_is_counted_once(
    device: Device, connector: FakeConnector
) -> None:
    junk = '{"type": "order.created", "order": {"id": "web:9", "items": [{"quantity": '
    device.start()
    await connector.wait_until(lambda: bool(connector.connections))
    for _ in range(3):
        await connector.push(None, junk)
    await connector.wait_until(lambda: len(connector.rejects()) == 3)
    # The connector resends it after a reconnect as well.
    await connector.connections[-1].close(code=1012, reason="restart")
    await connector.wait_until(lambda: connector.welcomes_sent == 2)
    for _ in range(2):
        await connector.push(None, junk)
    await connector.push(1, created(1))
    await connector.wait_until(lambda: connector.acks() == [1])
    assert [(r.seq, r.error[:15]) for r in connector.rejects()] == [(None, "not valid JSON:")] * 5
    assert device.store.rejected_count() == 1
    assert len(device.rejected) == 1  # the count on screen grew once
    assert device.applied == [(1, AppliedKind.CREATED)]
    assert connector.attempts == 2  # the one reconnect the connector caused


async def test_an_event_that_keeps_ending_sessions_is_rejected_and_skipped(
    device: Device, connector: FakeConnector, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply_batch = device.store.apply_batch
    tried_alone: list[int] = []

    def apply_failing_on_2(events: Batch, now: datetime) -> list[Applied]:
        if len(events) == 1:
            tried_alone.append(events[0][0].seq)
        if any(event.seq == 2 for event, _raw in events):
            raise StoreError("string or blob too big")
        return real_apply_batch(events, now)

    monkeypatch.setattr(device.store, "apply_batch", apply_failing_on_2)
    for seq in (1, 2, 3):
        connector.log[seq] = created(seq)
    device.start()
    await connector.wait_until(lambda: connector.acked() == 3)
    # Two sessions ended on seq 2 (not acked, so resent); the third rejects it and goes on.
    # Each time, the batch holding 2 was stored one event at a time to find it.
    assert tried_alone.count(2) == 3
    assert [h.last_seq for h in connector.hellos] == [None, 1, 1]
    (reject,) = connector.rejects()
    assert reject == wire.Reject(
        seq=2,
        error="could not be stored in 3 sessions in a row (string or blob too big); skipped",
    )
    assert connector.acked() == 3
    assert [seq for seq, _ in device.applied] == [1, 3]
    assert device.store.rejected_count() == 1
    assert device.store.rejected()[0].raw == created(2)
    assert [o.id for o in device.store.orders(now=T0)] == ["web:1", "web:3"]
    assert connector.attempts == 3
    assert device.client is not None and device.client.state.phase is Phase.CONNECTED


async def test_an_event_the_device_fails_to_apply_is_rejected_without_a_reconnect(
    device: Device, connector: FakeConnector, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply_batch = device.store.apply_batch

    def apply_with_a_bug(events: Batch, now: datetime) -> list[Applied]:
        if any(event.seq == 2 for event, _raw in events):
            raise RecursionError("maximum recursion depth exceeded")
        return real_apply_batch(events, now)

    monkeypatch.setattr(device.store, "apply_batch", apply_with_a_bug)
    for seq in (1, 2, 3):
        connector.log[seq] = created(seq)
    device.start()
    await connector.wait_until(lambda: connector.acked() == 3)
    assert [(r.seq, r.error) for r in connector.rejects()] == [
        (2, "could not apply: RecursionError: maximum recursion depth exceeded")
    ]
    assert device.store.rejected_count() == 1
    assert [seq for seq, _ in device.applied] == [1, 3]
    assert connector.attempts == 1


# --- a replay is stored and acked a batch at a time -----------------------------------

# Time enough to read any batch: here the frame count alone cuts batches, whatever the load.
UNHURRIED = 60.0


async def test_a_replay_batch_is_one_commit_and_one_ack_of_its_last_seq(
    tmp_path: Path, device: Device, connector: FakeConnector
) -> None:
    # Replayed back to back after the welcome: all received when the device reads.
    for seq in range(1, 31):
        connector.log[seq] = created(seq)
    seen_at_callback: list[tuple[int, int | None, int]] = []

    def check_committed(event: wire.Event, applied: Applied) -> None:
        # Another connection: what is durable when the screens get the event.
        with open_store_readonly(tmp_path / "device") as reader:
            seen_at_callback.append((event.seq, reader.last_seq(), connector.acked()))

    device.on_applied_hook = check_committed
    device.start(batch=BatchLimits(frames=500, seconds=UNHURRIED))
    await connector.wait_until(lambda: connector.acked() == 30)
    # The backlog the welcome announced: the whole batch was committed before the first
    # event reached the screens, none of it was acked before the last had, and one ack
    # covers all 30.
    assert seen_at_callback == [(seq, 30, 0) for seq in range(1, 31)]
    assert connector.acks() == [30]
    assert [o.id for o in device.store.orders(now=T0)] == [f"web:{n}" for n in range(1, 31)]

    # Live: each frame alone is a batch of one, acked at once.
    await connector.push(31, created(31))
    await connector.wait_until(lambda: connector.acked() == 31)
    await connector.push(32, created(32))
    await connector.wait_until(lambda: connector.acked() == 32)
    assert connector.acks() == [30, 31, 32]


async def test_a_live_frame_is_stored_acked_and_handed_on_before_the_loop_turns(
    device: Device, connector: FakeConnector
) -> None:
    """What was due on the loop when an order arrived (a repaint, a timer) runs after the
    order is stored, acked and `on_batch` has shown it, not before."""
    device.start(batch=BatchLimits(frames=500, seconds=UNHURRIED))
    await connector.wait_until(lambda: bool(device.welcomes))
    loop = asyncio.get_running_loop()
    order: list[str] = []

    def applied(event: wire.Event, _applied: Applied) -> None:
        order.append(f"applied {event.seq}")
        loop.call_soon(order.append, "loop turned")  # like a repaint posted meanwhile

    device.on_applied_hook = applied
    device.on_batch_hook = lambda: order.append("on_batch")
    await connector.push(1, created(1))
    await connector.wait_until(lambda: connector.acked() == 1 and "loop turned" in order)
    assert order == ["applied 1", "on_batch", "loop turned"]
    assert device.batches == [[1]]


async def test_on_batch_runs_once_per_batch_after_its_acks(
    device: Device, connector: FakeConnector
) -> None:
    for seq in range(1, 21):
        connector.log[seq] = created(seq)
    device.start(batch=BatchLimits(frames=8, seconds=UNHURRIED))
    await connector.wait_until(lambda: connector.acked() == 20)
    await connector.push(21, created(21))
    await connector.wait_until(lambda: connector.acked() == 21)
    # The backlog at most eight at a time, then a live one alone; each batch acked once,
    # by its last seq.
    assert device.batches[-1] == [21]
    assert [seq for batch in device.batches for seq in batch] == list(range(1, 22))
    assert max(len(batch) for batch in device.batches) == 8
    assert connector.acks() == [batch[-1] for batch in device.batches]


async def test_a_batch_holds_at_most_its_frame_limit(
    device: Device, connector: FakeConnector
) -> None:
    for seq in range(1, 6):
        connector.log[seq] = created(seq)
    device.start(batch=BatchLimits(frames=2, seconds=UNHURRIED))
    await connector.wait_until(lambda: connector.acked() == 5)
    assert connector.acks() == [2, 4, 5]
    assert [seq for seq, _ in device.applied] == [1, 2, 3, 4, 5]


async def test_a_bad_frame_inside_a_batch_is_rejected_once_and_the_rest_is_acked(
    device: Device, connector: FakeConnector
) -> None:
    device.start(batch=BatchLimits(frames=500, seconds=UNHURRIED))
    await connector.wait_until(lambda: bool(device.welcomes))
    frames: list[tuple[int | None, Frame]] = [(seq, created(seq)) for seq in (1, 2, 4, 5)]
    frames.insert(2, (3, created(3)[:70]))  # cut off: not valid JSON
    await connector.push_many(frames)
    await connector.wait_until(lambda: connector.acked() == 5)
    (reject,) = connector.rejects()
    assert reject.seq == 3 and "not valid JSON" in reject.error
    # The frame that woke the device is acked alone; then one reject in its place and one
    # ack for the rest of the batch (it covers 2 as well).
    assert connector.received == [wire.Ack(seq=1), reject, wire.Ack(seq=5)]
    assert [seq for seq, _ in device.applied] == [1, 2, 4, 5]
    assert device.store.last_seq() == 5
    assert [o.id for o in device.store.orders(now=T0)] == ["web:1", "web:2", "web:4", "web:5"]

    # The connector, having missed those answers, resends the batch: answered the same,
    # but nothing is applied again and the bad frame is kept (and counted on screen) once.
    await connector.push_many(frames)
    await connector.wait_until(lambda: len(connector.received) == 6)
    assert connector.received[3:] == [wire.Ack(seq=1), reject, wire.Ack(seq=5)]
    assert [seq for seq, _ in device.applied] == [1, 2, 4, 5]
    assert device.store.rejected_count() == 1
    assert device.rejected == [(3, reject.error)]
    assert connector.attempts == 1


@dataclass(frozen=True)
class RecordingBackoff(Backoff):
    """Records which retry each wait was for; waits a millisecond."""

    retries: list[int] = field(default_factory=list)

    def delay(self, attempt: int) -> float:
        self.retries.append(attempt)
        return 0.001


async def test_the_backoff_does_not_reset_on_a_welcome_only_after_a_healthy_session(
    device: Device, connector: FakeConnector
) -> None:
    connector.close_after_replay = True  # every session dies right after its welcome
    backoff = RecordingBackoff()
    device.start(backoff=backoff)
    await connector.wait_until(lambda: connector.welcomes_sent >= 5)
    await device.stop()
    assert backoff.retries[:4] == [0, 1, 2, 3]


async def test_a_session_that_lasted_resets_the_backoff(
    device: Device, connector: FakeConnector
) -> None:
    connector.close_after_replay = True
    ticks = iter(range(10**6))
    backoff = RecordingBackoff()
    # Every read of the clock is a minute later: each session lasted long enough.
    device.start(backoff=backoff, clock=lambda: T0 + timedelta(minutes=next(ticks)))
    await connector.wait_until(lambda: connector.welcomes_sent >= 5)
    await device.stop()
    assert backoff.retries[:4] == [0, 0, 0, 0]
