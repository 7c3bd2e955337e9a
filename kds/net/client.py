"""The device's websocket client: hello, replay, store-then-ack, reject, reconnect (PROTOCOL.md)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import (
    ConnectionClosed,
    ConnectionClosedOK,
    InvalidStatus,
    WebSocketException,
)
from websockets.frames import CloseCode

from kds import wire
from kds.clock import utc_now
from kds.domain.orders import Applied
from kds.errors import KdsError
from kds.net.state import (
    Backoff,
    Cause,
    ConnectionState,
    Detail,
    LinkHealth,
    Phase,
    SessionRules,
)
from kds.store import SEQ_ALREADY_APPLIED, KdsStore, StoreError

logger = logging.getLogger(__name__)

CLOSE_TIMEOUT = 2.0
MAX_RECEIVE_BYTES = 8 * 1024 * 1024
"""Frames up to this size reach our parser, which rejects those over wire.MAX_FRAME_BYTES
with a reason; only beyond this does the websocket library drop the connection."""

WELCOME_TIMEOUT = 10.0
MAX_REASON_CHARS = 500
"""A reason is kept and sent at most this long: a `reject` must stay a small frame."""


class NotConnectedError(KdsError):
    """A message could not be sent: the device is not connected to the connector."""


class _SessionRefused(KdsError):
    """The connector answered hello with an error, or something that is not a welcome."""

    def __init__(self, detail: Detail) -> None:
        self.detail = detail
        super().__init__(str(detail))


class _FrameNotStored(KdsError):
    """The store could not keep a frame: no ack, the session ends, the connector resends it."""

    def __init__(self, seq: int | None, reason: str) -> None:
        self.seq = seq
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class BatchLimits:
    """How many frames already received are stored in one commit, and for how long they are
    read: a replay is committed (and acked) a batch at a time, a live frame alone at once.

    Reading and parsing stop at `frames` frames or after `seconds`, whichever comes first.
    Storing the batch takes about as long again: with the screens' share, one batch keeps
    the event loop busy for about one 60 Hz frame.
    """

    frames: int = 500
    seconds: float = 0.006


@dataclass(frozen=True)
class _Unreadable:
    """A frame that could not be parsed: it is kept and answered with a reject."""

    seq: int | None
    raw: str
    reason: str


_Read = tuple[wire.Event, str] | _Unreadable | wire.Welcome
"""One frame read: an event with its verbatim text, a frame to reject, or a second welcome."""


def _cumulative(replies: list[wire.Ack | wire.Reject]) -> list[wire.Ack | wire.Reject]:
    """The replies without the acks a later ack covers (acks are cumulative, PROTOCOL.md)."""
    kept: list[wire.Ack | wire.Reject] = []
    covered = -1
    for reply in reversed(replies):
        if isinstance(reply, wire.Ack):
            if reply.seq <= covered:
                continue
            covered = reply.seq
        kept.append(reply)
    kept.reverse()
    return kept


def failure_detail(exc: BaseException) -> Detail:
    """Why a connection failed, as a value for the status line."""
    if isinstance(exc, ConnectionRefusedError) or "Connect call failed" in str(exc):
        return Detail(Cause.REFUSED)
    if isinstance(exc, socket.gaierror):
        return Detail(Cause.ADDRESS_NOT_FOUND)
    if isinstance(exc, TimeoutError):
        return Detail(Cause.NO_ANSWER)
    if isinstance(exc, ConnectionClosed):
        if exc.sent is not None and exc.sent.code == CloseCode.MESSAGE_TOO_BIG:
            return Detail(Cause.MESSAGE_TOO_BIG, {"limit": MAX_RECEIVE_BYTES})
        if exc.rcvd is not None and exc.rcvd.code == wire.CLOSE_TAKEN_OVER:
            return Detail(Cause.PRINTING_TAKEN_OVER)
        if exc.rcvd is not None and exc.rcvd.code == wire.CLOSE_ROLE_GRANTED:
            return Detail(Cause.PRINTING_GRANTED)
        return Detail(Cause.CONNECTION_LOST)
    if isinstance(exc, InvalidStatus):
        return Detail(Cause.HTTP_STATUS, {"status": exc.response.status_code})
    if isinstance(exc, OSError):
        return Detail(
            Cause.NETWORK_ERROR, {"error": exc.strerror or str(exc) or type(exc).__name__}
        )
    return Detail(Cause.NETWORK_ERROR, {"error": str(exc) or type(exc).__name__})


class KdsClient:
    """Keeps one device connected to its connector and every event stored exactly once.

    Frames are taken a batch at a time: a live frame that woke the client (one logged after
    the welcome) is a batch of its own, taken before the event loop turns (a live order
    waits for no repaint); the backlog the welcome announced, and what was received behind a
    live frame, come in batches of the frames already received, within `batch` limits
    (nothing waits for more). The batch's events are stored by one store.apply_batch (one
    commit), then `on_applied` runs for each, then one `ack` of the batch's last seq is sent
    (acks are cumulative), then `on_batch` (the screens show the batch now); a seq already
    stored is acked again (so the connector stops resending) but not re-applied. Between
    batches the event loop turns, so the screens keep up during a replay. A frame that
    cannot be read or used, whatever the reason, is kept and answered with `reject`, in its
    place in the batch. When a batch cannot be stored, its events are stored one at a time
    to find the one that cannot: that one ends the session unacked (the connector resends
    it), and one that ended `rules.skip_after` sessions in a row is rejected instead. After
    each welcome the last seq the store holds is acked again (a crash between a commit and
    its ack leaves the connector a seq behind otherwise). Callbacks run on the loop thread;
    an exception in one is logged and never breaks the stream.
    """

    def __init__(
        self,
        url: str,
        token: str,
        store: KdsStore,
        roles: tuple[wire.Role, ...],
        *,
        on_applied: Callable[[wire.Event, Applied], None],
        on_state: Callable[[ConnectionState], None],
        on_welcome: Callable[[wire.Welcome], None],
        on_rejected: Callable[[int | None, str], None],
        on_batch: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = utc_now,
        backoff: Backoff | None = None,
        rules: SessionRules | None = None,
        batch: BatchLimits | None = None,
        token_refused_delay: float = 30.0,
        protocol_error_delay: float | None = None,
    ) -> None:
        self.url = url
        self._token = token
        self._store = store
        self._roles = roles
        self._on_applied = on_applied
        self._on_state = on_state
        self._on_welcome = on_welcome
        self._on_rejected = on_rejected
        self._on_batch = on_batch
        self._clock = clock
        self._backoff = backoff if backoff is not None else Backoff()
        self._rules = rules if rules is not None else SessionRules()
        self._batch = batch if batch is not None else BatchLimits()
        self._token_refused_delay = token_refused_delay
        self._protocol_error_delay = (
            protocol_error_delay if protocol_error_delay is not None else token_refused_delay
        )
        self._state = ConnectionState(Phase.CONNECTING, clock())
        self._ws: ClientConnection | None = None
        self._stop = asyncio.Event()
        self._health = LinkHealth()
        self._welcomed_at: datetime | None = None
        self._stored = 0  # frames the store took in this session
        self._sent_up_to = 0  # the last outbox entry sent in this session
        self._backlog_to = 0  # the connector's newest seq at this session's welcome
        self._sending: asyncio.Task[None] | None = None

    # --- public -----------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    async def run(self) -> None:
        """Connect and stay connected until `stop()`; never raises for network trouble.

        A client runs once: after `stop()` (even one called before `run()` started), make
        a new one.
        """
        self._state = ConnectionState(Phase.CONNECTING, self._clock())
        self._call(self._on_state, self._state)
        try:
            while not self._stop.is_set():
                delay = await self._connect_once()
                if self._stop.is_set():
                    break
                await self._wait(delay)
        finally:
            self._ws = None
            self._set_state(Phase.STOPPED)

    async def stop(self) -> None:
        """Close the connection cleanly; `run()` returns soon after."""
        self._stop.set()
        ws = self._ws
        if ws is not None:
            await ws.close()

    def send_outbox(self) -> None:
        """Send what the store's outbox holds and this session has not sent yet, in order.

        Called after an action was queued; after each welcome the client sends the whole
        outbox by itself (an entry leaves it only when its echo is stored, and the connector
        ignores a resend it already logged). Offline, nothing happens now.
        """
        ws = self._ws
        if ws is None or self._state.phase is not Phase.CONNECTED:
            return
        if self._sending is None or self._sending.done():
            self._sending = asyncio.ensure_future(self._send_outbox(ws))

    async def _send_outbox(self, ws: ClientConnection) -> None:
        """One sender per session, so the changes leave in the order they were taken."""
        try:
            while entries := self._store.outbox(after=self._sent_up_to):
                for entry in entries:
                    await ws.send(wire.dump(entry.change))
                    self._sent_up_to = entry.id
        except ConnectionClosed:
            logger.info("connection closed while sending the outbox; sent again on reconnect")
        except StoreError:
            logger.exception("could not read the outbox; sent again on reconnect")

    async def request_sync(self) -> None:
        """ "Sync now": ask the connector for a fresh catalog."""
        await self._send(wire.SyncRequest())

    # --- the delivery core (no I/O but the store) -------------------------------------

    def hello(self) -> wire.Hello:
        return wire.Hello(
            protocol=wire.PROTOCOL_VERSION,
            device_id=self._store.device_id,
            device_name=self._store.device_name,
            roles=self._roles,
            last_seq=self._store.last_seq(),
        )

    def _read(self, frame: str | bytes) -> _Read:
        """Parse one frame from the connector (raises _SessionRefused for an `error`)."""
        raw = frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")
        try:
            message = wire.parse(frame)
        except Exception as exc:  # wire.parse raises WireError; anything else is a bug there
            if isinstance(exc, wire.WireError):
                return _Unreadable(exc.seq, raw, str(exc))
            logger.exception("the parser failed on a frame")
            return _Unreadable(None, raw, f"unreadable frame: {type(exc).__name__}: {exc}")
        if isinstance(message, wire.ProtocolErrorMessage):
            raise _SessionRefused(
                Detail(Cause.CONNECTOR_ERROR, {"code": message.code, "message": message.message})
            )
        if isinstance(message, wire.Welcome):
            return message
        return message, raw

    def _handle_batch(self, batch: list[_Read]) -> list[wire.Ack | wire.Reject]:
        """Frames read in one batch in, in order; the messages to send back out.

        The events between two frames that are not events are stored in one commit; a
        frame to reject is kept after the events before it, so seqs are stored in order.
        Raises _FrameNotStored when an event cannot be stored (nothing may be acked).
        """
        replies: list[wire.Ack | wire.Reject] = []
        events: list[tuple[wire.Event, str]] = []
        for item in batch:
            if isinstance(item, tuple):
                events.append(item)
                continue
            replies += self._store_events(events)
            events = []
            if isinstance(item, _Unreadable):
                replies += self._reject(item.seq, item.raw, item.reason)
            else:
                logger.warning("a second welcome in one session; taking its printing answer")
                self._call(self._on_welcome, item)
        replies += self._store_events(events)
        return _cumulative(replies)

    def _store_events(self, events: list[tuple[wire.Event, str]]) -> list[wire.Ack | wire.Reject]:
        """Store events in one commit, then hand each to `on_applied`; their acks."""
        if not events:
            return []
        seqs = f"{len(events)} event(s), seq {events[0][0].seq}-{events[-1][0].seq}"
        try:
            results = self._store.apply_batch(events, self._clock())
        except StoreError as exc:
            logger.warning("could not store %s (%s); storing them one at a time", seqs, exc)
        except Exception:
            logger.exception("could not apply %s; applying them one at a time", seqs)
        else:
            for (event, _raw), applied in zip(events, results, strict=True):
                self._applied(event, applied)
            return [wire.Ack(seq=event.seq) for event, _raw in events]
        # Nothing of the batch was stored. One at a time finds the event that fails (and
        # stores the others), or finds nothing when the trouble has passed.
        return [reply for event, raw in events for reply in self._store_event(event, raw)]

    def _store_event(self, event: wire.Event, raw: str) -> list[wire.Ack | wire.Reject]:
        """Store one event in its own commit (raises _FrameNotStored when the store fails)."""
        try:
            (applied,) = self._store.apply_batch(((event, raw),), self._clock())
        except StoreError as exc:
            if self._rules.skips(self._health, event.seq):
                failures = self._health.failures
                return self._reject(
                    event.seq,
                    raw,
                    f"could not be stored in {failures + 1} sessions in a row ({exc}); skipped",
                )
            raise _FrameNotStored(event.seq, str(exc)) from exc
        except Exception as exc:
            # A valid event the device cannot apply (a bug): keep it and go on.
            logger.exception("could not apply seq %d (%s)", event.seq, event.type)
            return self._reject(event.seq, raw, f"could not apply: {type(exc).__name__}: {exc}")
        self._applied(event, applied)
        return [wire.Ack(seq=event.seq)]

    def _applied(self, event: wire.Event, applied: Applied) -> None:
        if applied.reason != SEQ_ALREADY_APPLIED:
            self._stored += 1
            self._call(self._on_applied, event, applied)

    def _reject(self, seq: int | None, raw: str, reason: str) -> list[wire.Ack | wire.Reject]:
        if len(reason) > MAX_REASON_CHARS:  # a reason may quote the frame
            reason = reason[: MAX_REASON_CHARS - 1] + "…"
        try:
            kept = self._store.record_rejected(seq, raw, reason, self._clock())
        except Exception as exc:
            # Not kept, so not rejected either: the session ends and the frame comes again.
            raise _FrameNotStored(seq, str(exc) or type(exc).__name__) from exc
        if kept:
            self._stored += 1
            self._call(self._on_rejected, seq, reason)
        if seq is None:
            logger.error("unreadable frame without a seq kept for inspection: %s", reason)
        return [wire.Reject(seq=seq, error=reason)]

    # --- I/O --------------------------------------------------------------------------

    async def _connect_once(self) -> float:
        """One connection, from handshake to disconnect; returns the wait before the next."""
        self._welcomed_at = None
        self._stored = 0
        self._sent_up_to = 0
        try:
            async with connect(
                self.url,
                additional_headers={"Authorization": f"Bearer {self._token}"},
                max_size=MAX_RECEIVE_BYTES,
                ping_interval=20,
                ping_timeout=20,
                open_timeout=WELCOME_TIMEOUT,
                # A stopping client no longer reads frames, so the connector's close frame
                # may never be read: don't let quitting wait websockets' default 10 s.
                close_timeout=CLOSE_TIMEOUT,
            ) as ws:
                self._ws = ws
                if self._stop.is_set():
                    return 0.0
                await self._session(ws)
            if self._stop.is_set():
                return 0.0
            return self._retry_later(Detail(Cause.CLOSED_BY_CONNECTOR))
        except InvalidStatus as exc:
            if exc.response.status_code == 401:
                logger.error("connector refused the token (HTTP 401) at %s", self.url)
                self._set_state(Phase.TOKEN_REFUSED)
                return self._token_refused_delay
            return self._retry_later(failure_detail(exc))
        except _SessionRefused as exc:
            logger.error("connector at %s: protocol error: %s", self.url, exc)
            self._set_state(Phase.PROTOCOL_ERROR, exc.detail)
            return self._protocol_error_delay
        except _FrameNotStored as exc:
            # Nothing was acked for the frame that failed; the connector resends it.
            logger.error("could not store seq %s, reconnecting: %s", exc.seq, exc.reason)
            return self._retry_later(Detail(Cause.CANNOT_STORE, {"error": exc.reason}), exc.seq)
        except (OSError, TimeoutError, WebSocketException) as exc:
            if self._stop.is_set():
                return 0.0
            logger.info("connection to %s failed: %s", self.url, failure_detail(exc))
            return self._retry_later(failure_detail(exc))
        except Exception as exc:
            # A bug must not end the device's link for good: log it, show it, retry.
            logger.exception("unexpected error in the connection to %s", self.url)
            error = str(exc) or type(exc).__name__
            return self._retry_later(Detail(Cause.INTERNAL_ERROR, {"error": error}))
        finally:
            self._ws = None

    async def _session(self, ws: ClientConnection) -> None:
        await ws.send(wire.dump(self.hello()))
        # Frames are read as bytes and decoded by the parser: invalid UTF-8 in a text frame
        # is then one rejected frame, not a connection websockets closes.
        first = await asyncio.wait_for(ws.recv(decode=False), WELCOME_TIMEOUT)
        try:
            message = wire.parse(first)
        except wire.WireError as exc:
            raise _SessionRefused(Detail(Cause.UNREADABLE_WELCOME, {"error": str(exc)})) from None
        if isinstance(message, wire.ProtocolErrorMessage):
            raise _SessionRefused(
                Detail(Cause.CONNECTOR_ERROR, {"code": message.code, "message": message.message})
            )
        if not isinstance(message, wire.Welcome):
            raise _SessionRefused(Detail(Cause.NOT_A_WELCOME, {"type": message.type}))
        if message.protocol != wire.PROTOCOL_VERSION:
            raise _SessionRefused(
                Detail(
                    Cause.PROTOCOL_MISMATCH,
                    {"connector": message.protocol, "device": wire.PROTOCOL_VERSION},
                )
            )
        last = self._store.last_seq()
        if last is not None and message.last_seq < last:
            # Every new event would look like one we already hold and be dropped unseen.
            raise _SessionRefused(
                Detail(
                    Cause.CONNECTOR_BEHIND,
                    {"connector_seq": message.last_seq, "device_seq": last},
                )
            )
        self._welcomed_at = self._clock()
        self._backlog_to = message.last_seq
        self._set_state(Phase.CONNECTED)
        self._call(self._on_welcome, message)
        if last is not None:
            # What the store holds is acked again: after a crash between a commit and its
            # ack, the connector learns it now, not at the next order.
            await ws.send(wire.dump(wire.Ack(seq=last)))
        self.send_outbox()  # what was taken offline, in order, behind the ack
        while True:
            try:
                frame = await ws.recv(decode=False)
            except ConnectionClosedOK:
                return
            item = self._read(frame)
            batch: list[_Read] = []
            if isinstance(item, tuple) and item[0].seq <= self._backlog_to:
                batch = [item]  # the backlog: what was received behind it joins it
            else:
                # A live frame is stored, acked and handed on before the loop turns: a
                # repaint or a timer due meanwhile waits for the order, not the order for it.
                await self._take(ws, [item])
            while True:
                batch, refusal = await self._read_batch(ws, batch)
                await self._take(ws, batch)
                if refusal is not None:
                    raise refusal
                if not batch:
                    break
                # Let the loop turn between batches: the screens show this one, stay smooth.
                await asyncio.sleep(0)
                batch = []

    async def _take(self, ws: ClientConnection, batch: list[_Read]) -> None:
        """Store and hand on a batch, send its acks, then `on_batch` (no-op when empty)."""
        if not batch:
            return
        for reply in self._handle_batch(batch):
            await ws.send(wire.dump(reply))
        self._call(self._on_batch)

    async def _read_batch(
        self, ws: ClientConnection, batch: list[_Read]
    ) -> tuple[list[_Read], _SessionRefused | None]:
        """`batch` and the frames already received behind it, parsed, within the limits
        (empty when nothing was received and `batch` is empty).

        Never waits for a frame that has not arrived. A connector `error` ends the batch
        (the frames before it are still handled).
        """
        started = time.monotonic()
        try:
            # A zero timeout over the whole batch: recv returns frames already received
            # without yielding; the first one that would wait is cancelled at the next turn
            # of the loop (TimeoutError). Cancelling recv loses nothing (websockets says so).
            async with asyncio.timeout(0):
                while (
                    len(batch) < self._batch.frames
                    and time.monotonic() - started < self._batch.seconds
                ):
                    batch.append(self._read(await ws.recv(decode=False)))
        except _SessionRefused as refusal:
            return batch, refusal
        except (TimeoutError, ConnectionClosed):
            pass  # a closed connection shows at the next recv
        return batch, None

    def _retry_later(self, detail: Detail, failed_seq: int | None = None) -> float:
        if self._welcomed_at is None:
            self._health = self._rules.connect_failed(self._health)
        else:
            self._health = self._rules.session_ended(
                self._health,
                welcomed_at=self._welcomed_at,
                now=self._clock(),
                stored=self._stored,
                failed_seq=failed_seq,
            )
        delay = self._rules.delay(self._health, self._backoff)
        if self._state.phase is Phase.RECONNECTING:
            if self._state.detail != detail:  # keep `since`: when the trouble started
                self._state = ConnectionState(Phase.RECONNECTING, self._state.since, detail)
                self._call(self._on_state, self._state)
        else:
            self._set_state(Phase.RECONNECTING, detail)
        return delay

    async def _wait(self, delay: float) -> None:
        """Wait `delay` seconds, or less if stop() is called."""
        try:
            await asyncio.wait_for(self._stop.wait(), delay)
        except TimeoutError:
            pass

    async def _send(self, message: wire.SyncRequest) -> None:
        ws = self._ws
        if ws is None or self._state.phase is not Phase.CONNECTED:
            raise NotConnectedError(f"not connected to the connector ({self._state})")
        try:
            await ws.send(wire.dump(message))
        except ConnectionClosed as exc:
            raise NotConnectedError("the connection closed while sending") from exc

    def _set_state(self, phase: Phase, detail: Detail | None = None) -> None:
        if self._state.phase is phase and self._state.detail == detail:
            return
        self._state = ConnectionState(phase, self._clock(), detail)
        self._call(self._on_state, self._state)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:
            logger.exception("callback %r failed; the stream goes on", callback)
