"""The device's websocket client: hello, replay, store-then-ack, reject, reconnect (PROTOCOL.md)."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
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


def _reason(exc: BaseException) -> Detail:
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

    For each event: store.apply commits, then `on_applied` runs, then `ack` is sent; a
    seq already stored is acked again (so the connector stops resending) but not
    re-applied. A frame that cannot be read or used, whatever the reason, is kept and
    answered with `reject`; an event that cannot be stored ends the session unacked (the
    connector resends it), and one that ended `rules.skip_after` sessions in a row is
    rejected instead. Callbacks run on the loop thread; an exception in one is logged and
    never breaks the stream.
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
        clock: Callable[[], datetime] = utc_now,
        backoff: Backoff | None = None,
        rules: SessionRules | None = None,
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
        self._clock = clock
        self._backoff = backoff if backoff is not None else Backoff()
        self._rules = rules if rules is not None else SessionRules()
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

    async def send_status(
        self,
        order_id: str,
        status: wire.OrderStatus,
        station: str | None = None,
        line_ids: tuple[str, ...] = (),
    ) -> None:
        """Tell the connector a person bumped or recalled (raises NotConnectedError offline)."""
        await self._send(
            wire.StatusChange(
                order_id=order_id,
                status=status,
                station=station,
                line_ids=line_ids,
                at=self._clock(),
            )
        )

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

    def _handle_frame(self, frame: str | bytes) -> list[wire.Ack | wire.Reject]:
        """One frame from the connector in, the messages to send back out.

        Raises _SessionRefused for a protocol `error` (the session must end) and
        _FrameNotStored when the store failed (no ack: the connector resends).
        """
        raw = frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")
        try:
            message = wire.parse(frame)
        except Exception as exc:  # wire.parse raises WireError; anything else is a bug there
            if isinstance(exc, wire.WireError):
                return self._reject(exc.seq, raw, str(exc))
            logger.exception("the parser failed on a frame")
            return self._reject(None, raw, f"unreadable frame: {type(exc).__name__}: {exc}")
        if isinstance(message, wire.ProtocolErrorMessage):
            raise _SessionRefused(
                Detail(Cause.CONNECTOR_ERROR, {"code": message.code, "message": message.message})
            )
        if isinstance(message, wire.Welcome):
            logger.warning("a second welcome in one session; taking its printing answer")
            self._call(self._on_welcome, message)
            return []
        event: wire.Event = message
        try:
            applied = self._store.apply(event, raw, self._clock())
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
        if applied.reason != SEQ_ALREADY_APPLIED:
            self._stored += 1
            self._call(self._on_applied, event, applied)
        return [wire.Ack(seq=event.seq)]

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
            return self._retry_later(_reason(exc))
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
            logger.info("connection to %s failed: %s", self.url, _reason(exc))
            return self._retry_later(_reason(exc))
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
        self._set_state(Phase.CONNECTED)
        self._call(self._on_welcome, message)
        while True:
            try:
                frame = await ws.recv(decode=False)
            except ConnectionClosedOK:
                return
            for reply in self._handle_frame(frame):
                await ws.send(wire.dump(reply))

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

    async def _send(self, message: wire.StatusChange | wire.SyncRequest) -> None:
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
