"""The reference connector: the server side of PROTOCOL.md, websocket and HTTP intake on one port.

Run it with ``kds connector --token T [--host H] [--port P] [--data-dir D]``. As soon as it
listens it prints one line to stdout, ``kds connector listening on http://HOST:PORT`` (the
real port when started with ``--port 0``), and it runs until SIGINT or SIGTERM. Exactly one
connector may run per data dir: a second one refuses to start.

Every request needs the sales-point token: ``Authorization: Bearer <token>``. A missing or
wrong token gets HTTP 401 (on the websocket handshake too, before the upgrade).

Websocket, ``GET /kds``: PROTOCOL.md version 1. Text frames of at most 1 MiB (a bigger
frame closes the connection with 1009), ping every 20 s. The first message must be
``hello``; an unsupported protocol version gets an ``error`` (``unsupported_protocol``) and
the connection is closed. The connector answers ``welcome``, replays every event with
``seq`` greater than the hello's ``last_seq`` (everything when it is null), then sends live
events, each connection strictly in ``seq`` order and each event once per connection. A
device's ``order.status`` becomes an ``order.status`` event (with its ``device_id``) sent to
every device, the sender included; ``sync`` appends a ``catalog`` event with the catalog
last posted to ``POST /catalog``; ``reject`` is logged with the device and reason and counts
as handled. A newer connection from the same ``device_id`` replaces the older one (closed
with 4000).

HTTP order intake (JSON bodies of at most 1 MiB, else 413; errors are
``{"error", "field", "reason"}``):

- ``POST /orders``: an Order (PROTOCOL.md). New id: ``order.created``, 202
  ``{"id", "seq", "status": "created"}``. Known id with a higher revision:
  ``order.updated``, 202 ``{"status": "updated"}``. Same or lower revision: 200
  ``{"status": "duplicate"}``, nothing logged. A cancelled id: 409. Invalid: 400 naming the
  field, nothing logged.
- ``POST /orders/{id}/cancel`` ``{"reason"?}``: ``order.cancelled``, 202; unknown id: 404;
  already cancelled: 200 ``{"status": "already_cancelled"}``.
- ``POST /orders/{id}/status`` ``{"status", "station"?, "line_ids"?}``: ``order.status``
  with ``device_id`` null, 202; unknown id: 404.
- ``POST /catalog`` ``{"articles": [{ref, name, kitchen_name, group}], "groups": [{id,
  name}]}``: stored, and a ``catalog`` event is sent, 202.
- ``GET /health``: ``{"status": "ok", "last_seq", "connector_id", "devices": [{device_id,
  name, connected, last_acked_seq}], "printing_holder"}``.

Printing role. The first device whose ``hello`` asks for ``printing`` gets it
(``welcome.printing = granted``) and keeps it, also while it is disconnected and across
connector restarts. Any other device asking gets ``denied`` with the holder's name in
``printing_holder``. The role changes hands only in two ways:

- ``POST /printing/release`` ``{"device_id"}``: the holder gives it up (409 for any other
  device). The holder is not disconnected: it asked, so it stops printing by itself.
- ``POST /printing/takeover`` ``{"device_id", "device_name", "confirm": true}``: moves the
  role to that device; without ``"confirm": true`` it is refused (400) and nothing changes.
  The former holder, if connected, is disconnected with close code 4001 ("printing taken
  over by <name>"): it reconnects and is then denied, so it stops printing. The new holder,
  if connected, is disconnected with close code 4002 ("printing role granted") so that it
  reconnects and receives ``granted``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import WSCloseCode, WSMsgType, web
from pydantic import BaseModel, ConfigDict, ValidationError

from kds import wire
from kds.connector.errors import ConnectorError, EventTooLargeError
from kds.connector.log import ConnectorLog, StoredEvent

log = logging.getLogger(__name__)

PING_INTERVAL = 20.0
HELLO_TIMEOUT = 20.0
CLOSE_TIMEOUT = 5.0
REPLAY_BATCH = 256
CLOSE_REPLACED = 4000
CLOSE_TAKEN_OVER = 4001
CLOSE_ROLE_GRANTED = 4002

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


# --- HTTP bodies, parsed once at the border ---------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CancelBody(_Body):
    reason: str | None = None


class StatusBody(_Body):
    status: wire.OrderStatus
    station: str | None = None
    line_ids: tuple[str, ...] = ()


class CatalogBody(_Body):
    articles: tuple[wire.Article, ...] = ()
    groups: tuple[wire.ArticleGroup, ...] = ()


class ReleaseBody(_Body):
    device_id: str


class TakeoverBody(_Body):
    device_id: str
    device_name: str
    confirm: bool = False


_M = TypeVar("_M", bound=BaseModel)


class _HttpProblem(Exception):
    """An HTTP request refused with a JSON body {error, field, reason}."""

    def __init__(self, status: int, error: str, field: str = "", reason: str = "") -> None:
        super().__init__(error)
        self.status = status
        self.body = {"error": error, "field": field, "reason": reason}


def _problem_from_validation(exc: ValidationError, error: str) -> _HttpProblem:
    first = exc.errors(include_url=False)[0]
    return _HttpProblem(400, error, ".".join(str(p) for p in first["loc"]), first["msg"])


# --- websocket sessions -----------------------------------------------------------------


@dataclass(eq=False)
class _Session:
    """One connected device: its socket and the wake-up for its sender task."""

    device_id: str
    name: str
    ws: web.WebSocketResponse
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class ConnectorServer:
    """The connector on one port: websocket `/kds` plus the HTTP intake (see module doc)."""

    def __init__(self, data_dir: Path, token: str, host: str = "127.0.0.1", port: int = 0) -> None:
        if not token:
            raise ConnectorError("the connector needs a non-empty token")
        self.data_dir = data_dir
        self.host = host
        self._requested_port = port
        self._token = token.encode()
        self._log: ConnectorLog | None = None
        self._runner: web.AppRunner | None = None
        self._sessions: dict[str, _Session] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._ack_waiters: list[tuple[str, int, asyncio.Future[None]]] = []
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> int:
        """Open the log (refusing a second connector on the data dir), listen; the port."""
        self._log = ConnectorLog.open(self.data_dir)
        try:
            app = web.Application(
                client_max_size=wire.MAX_FRAME_BYTES,
                middlewares=[self._auth_middleware, self._problem_middleware],
            )
            app.add_routes(
                [
                    web.get("/kds", self._handle_ws),
                    web.post("/orders", self._post_order),
                    web.post("/orders/{id}/cancel", self._post_cancel),
                    web.post("/orders/{id}/status", self._post_status),
                    web.post("/catalog", self._post_catalog),
                    web.post("/printing/release", self._post_release),
                    web.post("/printing/takeover", self._post_takeover),
                    web.get("/health", self._get_health),
                ]
            )
            self._runner = web.AppRunner(app, handle_signals=False)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self._requested_port)
            await site.start()
        except BaseException:
            await self._cleanup()
            raise
        address = self._runner.addresses[0]
        self.port = int(address[1])
        log.info(
            "connector %s listening on %s:%d (data dir %s, last seq %d)",
            self._log.connector_id,
            self.host,
            self.port,
            self.data_dir,
            self._log.last_seq(),
        )
        return self.port

    async def stop(self) -> None:
        """Close every device connection (1001 going away), stop listening, close the log."""
        await asyncio.gather(
            *(
                _close_ws(ws, WSCloseCode.GOING_AWAY, "connector stopping")
                for ws in list(self._sockets)
            )
        )
        await self._cleanup()
        log.info("connector stopped")

    async def _cleanup(self) -> None:
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._log is not None:
            self._log.close()
            self._log = None

    @property
    def connector_log(self) -> ConnectorLog:
        """The open event log (only between start() and stop())."""
        if self._log is None:
            raise ConnectorError("the connector is not running")
        return self._log

    async def wait_for_ack(self, device_id: str, seq: int) -> None:
        """Return once the device has acknowledged (or rejected) every event up to `seq`."""
        if self._acked_seq(device_id) >= seq:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (device_id, seq, waiter)
        self._ack_waiters.append(entry)
        try:
            await waiter
        finally:
            with contextlib.suppress(ValueError):
                self._ack_waiters.remove(entry)

    def _acked_seq(self, device_id: str) -> int:
        for device in self.connector_log.devices():
            if device.device_id == device_id:
                return device.last_acked_seq or 0
        return 0

    def _acked(self, device_id: str, seq: int) -> None:
        self.connector_log.device_acked(device_id, seq)
        for waiting_device, waiting_seq, waiter in self._ack_waiters:
            if waiting_device == device_id and waiting_seq <= seq and not waiter.done():
                waiter.set_result(None)

    def _spawn(self, coro: Awaitable[None]) -> None:
        async def run() -> None:
            await coro

        task = asyncio.create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # --- middlewares --------------------------------------------------------------------

    @web.middleware
    async def _auth_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), self._token
        ):
            log.warning(
                "refused %s %s from %s: %s token",
                request.method,
                request.path,
                request.remote,
                "missing" if not header else "wrong",
            )
            return web.json_response(
                {
                    "error": "unauthorized",
                    "field": "Authorization",
                    "reason": "a valid 'Authorization: Bearer <token>' header is required",
                },
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return await handler(request)

    @web.middleware
    async def _problem_middleware(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        try:
            return await handler(request)
        except _HttpProblem as exc:
            log.warning(
                "%s %s refused (%d): %s", request.method, request.path, exc.status, exc.body
            )
            return web.json_response(exc.body, status=exc.status)

    # --- HTTP intake --------------------------------------------------------------------

    async def _body(self, request: web.Request, *, optional: bool = False) -> Any:
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise _HttpProblem(
                413, "body too large", "", f"at most {wire.MAX_FRAME_BYTES} bytes"
            ) from None
        if optional and not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise _HttpProblem(400, "invalid JSON", "", str(exc)) from None

    def _parse_body(self, model: type[_M], data: Any, error: str) -> _M:
        if not isinstance(data, dict):
            raise _HttpProblem(400, error, "", "the body must be a JSON object")
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise _problem_from_validation(exc, error) from None

    def _append(self, write: Callable[[], StoredEvent]) -> StoredEvent:
        try:
            stored = write()
        except EventTooLargeError as exc:
            raise _HttpProblem(413, "event too large", "", str(exc)) from None
        self._broadcast()
        return stored

    async def _post_order(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        try:
            order = wire.parse_order(data)
        except wire.WireError as exc:
            raise _HttpProblem(400, "invalid order", exc.path, exc.reason) from None
        clog = self.connector_log
        known = clog.order(order.id)
        if known is not None and known.cancelled:
            raise _HttpProblem(409, "order cancelled", "id", f"order {order.id} was cancelled")
        if known is not None and order.revision <= known.revision:
            if order.revision == known.revision and known.current != json.loads(
                order.model_dump_json()
            ):
                log.warning(
                    "order %s revision %d posted again with different content; "
                    "ignored (a change needs a higher revision)",
                    order.id,
                    order.revision,
                )
            return web.json_response(
                {"id": order.id, "status": "duplicate", "revision": known.revision}, status=200
            )
        stored = self._append(lambda: clog.append_order(order))
        status = "created" if known is None else "updated"
        log.info("order %s revision %d %s (seq %d)", order.id, order.revision, status, stored.seq)
        return web.json_response({"id": order.id, "seq": stored.seq, "status": status}, status=202)

    def _known_order_id(self, request: web.Request) -> str:
        order_id = request.match_info["id"]
        if self.connector_log.order(order_id) is None:
            raise _HttpProblem(404, "unknown order", "id", f"no order {order_id}")
        return order_id

    async def _post_cancel(self, request: web.Request) -> web.Response:
        body = self._parse_body(
            CancelBody, await self._body(request, optional=True), "invalid cancel"
        )
        order_id = self._known_order_id(request)
        clog = self.connector_log
        record = clog.order(order_id)
        if record is not None and record.cancelled:
            return web.json_response({"id": order_id, "status": "already_cancelled"}, status=200)
        stored = self._append(lambda: clog.append_cancel(order_id, body.reason))
        log.info("order %s cancelled (seq %d): %s", order_id, stored.seq, body.reason)
        return web.json_response(
            {"id": order_id, "seq": stored.seq, "status": "cancelled"}, status=202
        )

    async def _post_status(self, request: web.Request) -> web.Response:
        body = self._parse_body(StatusBody, await self._body(request), "invalid status")
        order_id = self._known_order_id(request)
        clog = self.connector_log
        stored = self._append(
            lambda: clog.append_status(
                order_id,
                body.status,
                station=body.station,
                line_ids=body.line_ids,
                device_id=None,
            )
        )
        return web.json_response(
            {"id": order_id, "seq": stored.seq, "status": body.status.value}, status=202
        )

    async def _post_catalog(self, request: web.Request) -> web.Response:
        body = self._parse_body(CatalogBody, await self._body(request), "invalid catalog")
        clog = self.connector_log
        stored = self._append(lambda: clog.store_catalog_and_append(body.articles, body.groups))
        log.info(
            "catalog stored: %d articles, %d groups (seq %d)",
            len(body.articles),
            len(body.groups),
            stored.seq,
        )
        return web.json_response({"seq": stored.seq, "status": "stored"}, status=202)

    async def _post_release(self, request: web.Request) -> web.Response:
        body = self._parse_body(ReleaseBody, await self._body(request), "invalid release")
        clog = self.connector_log
        holder = clog.printing_holder()
        if holder is None:
            return web.json_response({"status": "not_held", "printing_holder": None})
        if holder.device_id != body.device_id:
            raise _HttpProblem(
                409,
                "not the holder",
                "device_id",
                f"only the holder ({holder.name}) may release the printing role",
            )
        clog.clear_printing_holder()
        log.info("printing role released by %s (%s)", holder.name, holder.device_id)
        return web.json_response({"status": "released", "printing_holder": None})

    async def _post_takeover(self, request: web.Request) -> web.Response:
        body = self._parse_body(TakeoverBody, await self._body(request), "invalid takeover")
        clog = self.connector_log
        holder = clog.printing_holder()
        if not body.confirm:
            raise _HttpProblem(
                400,
                "takeover not confirmed",
                "confirm",
                "must be true: a takeover moves printing away from "
                f"{holder.name if holder else 'nobody'}",
            )
        if holder is not None and holder.device_id == body.device_id:
            clog.set_printing_holder(body.device_id, body.device_name)
            return web.json_response(
                {"status": "already_holder", "printing_holder": body.device_name}
            )
        clog.set_printing_holder(body.device_id, body.device_name)
        log.warning(
            "printing role taken over by %s (%s) from %s",
            body.device_name,
            body.device_id,
            f"{holder.name} ({holder.device_id})" if holder else "nobody",
        )
        if holder is not None and (former := self._sessions.get(holder.device_id)):
            reason = f"printing taken over by {body.device_name}"
            self._spawn(self._close_session(former, CLOSE_TAKEN_OVER, reason))
        if new := self._sessions.get(body.device_id):
            self._spawn(self._close_session(new, CLOSE_ROLE_GRANTED, "printing role granted"))
        return web.json_response(
            {
                "status": "taken_over",
                "printing_holder": body.device_name,
                "previous_holder": holder.name if holder else None,
            }
        )

    async def _get_health(self, request: web.Request) -> web.Response:
        clog = self.connector_log
        holder = clog.printing_holder()
        return web.json_response(
            {
                "status": "ok",
                "last_seq": clog.last_seq(),
                "connector_id": clog.connector_id,
                "devices": [
                    {
                        "device_id": d.device_id,
                        "name": d.name,
                        "connected": d.device_id in self._sessions,
                        "last_acked_seq": d.last_acked_seq,
                    }
                    for d in clog.devices()
                ],
                "printing_holder": holder.name if holder else None,
            }
        )

    # --- websocket ----------------------------------------------------------------------

    def _broadcast(self) -> None:
        """Wake every connection's sender; each reads new events from the log by seq."""
        for session in self._sessions.values():
            session.wake.set()

    async def _close_session(self, session: _Session, code: int, reason: str) -> None:
        await _close_ws(session.ws, code, reason)

    async def _refuse(self, ws: web.WebSocketResponse, code: str, message: str) -> None:
        log.warning("websocket refused: %s: %s", code, message)
        with contextlib.suppress(ConnectionError):
            await ws.send_str(wire.dump(wire.ProtocolErrorMessage(code=code, message=message)))
        await _close_ws(ws, WSCloseCode.PROTOCOL_ERROR, code)

    async def _receive_hello(self, ws: web.WebSocketResponse) -> wire.Hello | None:
        try:
            async with asyncio.timeout(HELLO_TIMEOUT):
                msg = await ws.receive()
        except TimeoutError:
            await self._refuse(ws, "hello_timeout", f"no hello within {HELLO_TIMEOUT:g} s")
            return None
        if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
            log.info("websocket closed before hello (%s)", msg.type.name)
            return None
        if msg.type is not WSMsgType.TEXT:
            await self._refuse(ws, "invalid_message", "frames must be text (JSON)")
            return None
        text: str = msg.data
        # Checked before the full parse: a newer client's hello may carry fields v1 lacks.
        with contextlib.suppress(ValueError):
            raw = json.loads(text)
            if isinstance(raw, dict) and raw.get("type") == "hello":
                version = raw.get("protocol")
                if version != wire.PROTOCOL_VERSION:
                    await self._refuse(
                        ws,
                        "unsupported_protocol",
                        f"protocol {version!r} is not supported; this connector speaks "
                        f"protocol {wire.PROTOCOL_VERSION}",
                    )
                    return None
        try:
            message = wire.parse_client(text)
        except wire.WireError as exc:
            await self._refuse(ws, "invalid_message", str(exc))
            return None
        if not isinstance(message, wire.Hello):
            await self._refuse(
                ws, "hello_required", f"the first message must be hello, not {message.type}"
            )
            return None
        return message

    def _printing_grant(self, hello: wire.Hello) -> tuple[wire.PrintingGrant | None, str | None]:
        if wire.Role.PRINTING not in hello.roles:
            return None, None
        clog = self.connector_log
        holder = clog.printing_holder()
        if holder is None or holder.device_id == hello.device_id:
            if holder is None or holder.name != hello.device_name:
                clog.set_printing_holder(hello.device_id, hello.device_name)
            if holder is None:
                log.info("printing role granted to %s (%s)", hello.device_name, hello.device_id)
            return wire.PrintingGrant.GRANTED, None
        log.warning(
            "printing role denied to %s (%s): held by %s (%s)",
            hello.device_name,
            hello.device_id,
            holder.name,
            holder.device_id,
        )
        return wire.PrintingGrant.DENIED, holder.name

    async def _handle_ws(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(
            heartbeat=PING_INTERVAL, max_msg_size=wire.MAX_FRAME_BYTES, timeout=CLOSE_TIMEOUT
        )
        await ws.prepare(request)
        self._sockets.add(ws)
        try:
            hello = await self._receive_hello(ws)
            if hello is not None:
                await self._run_session(ws, hello)
        except ConnectionError as exc:
            log.info("websocket connection lost: %s", exc)
        finally:
            self._sockets.discard(ws)
            if not ws.closed:
                await _close_ws(ws, WSCloseCode.OK, "")
        return ws

    async def _run_session(self, ws: web.WebSocketResponse, hello: wire.Hello) -> None:
        clog = self.connector_log
        if (old := self._sessions.get(hello.device_id)) is not None:
            log.warning("device %s connected again; closing its older connection", hello.device_id)
            self._spawn(self._close_session(old, CLOSE_REPLACED, "replaced by a newer connection"))
        session = _Session(hello.device_id, hello.device_name, ws)
        self._sessions[hello.device_id] = session
        try:
            clog.device_seen(hello.device_id, hello.device_name)
            printing, holder = self._printing_grant(hello)
            last_seq = clog.last_seq()
            cursor = hello.last_seq or 0
            if cursor > last_seq:
                log.warning(
                    "device %s resumes from seq %d but this connector's newest is %d "
                    "(was its data dir replaced?)",
                    hello.device_name,
                    cursor,
                    last_seq,
                )
            await ws.send_str(
                wire.dump(
                    wire.Welcome(
                        protocol=wire.PROTOCOL_VERSION,
                        connector_id=clog.connector_id,
                        last_seq=last_seq,
                        printing=printing,
                        printing_holder=holder,
                    )
                )
            )
            log.info(
                "device %s (%s) connected, resuming after seq %d of %d",
                hello.device_name,
                hello.device_id,
                cursor,
                last_seq,
            )
            sender = asyncio.create_task(self._send_events(session, cursor))
            try:
                await self._receive_messages(session)
            finally:
                sender.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sender
        finally:
            clog.write_acks()
            if self._sessions.get(hello.device_id) is session:
                del self._sessions[hello.device_id]
            log.info(
                "device %s (%s) disconnected (close code %s)",
                hello.device_name,
                hello.device_id,
                ws.close_code,
            )

    async def _send_events(self, session: _Session, cursor: int) -> None:
        """Send every logged event after `cursor`, in seq order, then wait for more.

        Reading from the log (not from a per-event queue) means an event appended during the
        replay is neither skipped nor sent twice, and a slow device only delays itself.
        """
        clog = self.connector_log
        try:
            while True:
                session.wake.clear()
                batch = clog.events_after(cursor, REPLAY_BATCH)
                if not batch:
                    await session.wake.wait()
                    continue
                for event in batch:
                    await session.ws.send_str(event.text)
                    cursor = event.seq
        except ConnectionError as exc:
            log.warning("sending to device %s failed: %s", session.name, exc)
            await _close_ws(session.ws, WSCloseCode.INTERNAL_ERROR, "send failed")
        except Exception:
            # A dead sender must not leave the device connected but deaf: cut it off so it
            # reconnects and resumes from its last stored seq.
            log.exception("sending to device %s failed", session.name)
            await _close_ws(session.ws, WSCloseCode.INTERNAL_ERROR, "connector error")

    async def _receive_messages(self, session: _Session) -> None:
        async for msg in session.ws:
            if msg.type is WSMsgType.TEXT:
                self._handle_message(session, msg.data)
            elif msg.type is WSMsgType.ERROR:
                log.warning("device %s: websocket error: %s", session.name, msg.data)
                break
            else:
                log.warning("device %s sent a non-text frame (%s); ignored", session.name, msg.type)

    def _handle_message(self, session: _Session, text: str) -> None:
        clog = self.connector_log
        try:
            message = wire.parse_client(text)
        except wire.WireError as exc:
            log.warning("device %s sent an invalid message (ignored): %s", session.name, exc)
            return
        if isinstance(message, wire.Ack):
            if message.seq > clog.last_seq():
                log.warning(
                    "device %s acked seq %d, beyond the newest %d; ignored",
                    session.name,
                    message.seq,
                    clog.last_seq(),
                )
                return
            self._acked(session.device_id, message.seq)
        elif isinstance(message, wire.Reject):
            log.warning(
                "device %s (%s) rejected seq %d: %s",
                session.name,
                session.device_id,
                message.seq,
                message.error,
            )
            clog.record_rejection(session.device_id, message.seq, message.error)
            if message.seq <= clog.last_seq():
                self._acked(session.device_id, message.seq)
        elif isinstance(message, wire.StatusChange):
            if clog.order(message.order_id) is None:
                log.warning(
                    "device %s set status of unknown order %s; ignored",
                    session.name,
                    message.order_id,
                )
                return
            stored = clog.append_status(
                message.order_id,
                message.status,
                station=message.station,
                line_ids=message.line_ids,
                device_id=session.device_id,
                occurred_at=message.at.astimezone(UTC),
            )
            log.info(
                "device %s set order %s to %s (seq %d)",
                session.name,
                message.order_id,
                message.status.value,
                stored.seq,
            )
            self._broadcast()
        elif isinstance(message, wire.SyncRequest):
            stored = clog.append_catalog()
            log.info("device %s asked for sync; catalog sent as seq %d", session.name, stored.seq)
            self._broadcast()
        else:
            log.warning("device %s sent %s after hello; ignored", session.name, message.type)


async def _close_ws(ws: web.WebSocketResponse, code: int, reason: str) -> None:
    """Close with a code and reason; a device that does not read is cut off after a while."""
    # A close reason must fit in 123 bytes.
    message = reason.encode()[:123].decode(errors="ignore").encode()
    try:
        async with asyncio.timeout(CLOSE_TIMEOUT):
            await ws.close(code=code, message=message)
    except TimeoutError:
        # aiohttp closes the transport when its close() is cancelled.
        log.warning("a device did not take the close frame within %g s; cut off", CLOSE_TIMEOUT)


async def _serve(host: str, port: int, token: str, data_dir: Path) -> int:
    server = ConnectorServer(data_dir, token, host, port)
    bound = await server.start()
    shown = f"[{host}]" if ":" in host else host
    print(f"kds connector listening on http://{shown}:{bound}", flush=True)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        await stopping.wait()
        log.info("signal received, stopping")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        await server.stop()
    return 0


def serve(host: str, port: int, token: str, data_dir: Path) -> int:
    """`kds connector`: run until SIGINT/SIGTERM; prints the listening line first."""
    return asyncio.run(_serve(host, port, token, data_dir))
