"""The reference connector: the server side of PROTOCOL.md, websocket and HTTP intake on one port.

Run it with ``kds connector --token T [--host H] [--port P] [--data-dir D] [--config F]
[--keep-days N] [--day-starts-at HH:MM] [--no-announce]``. As soon as it listens it prints
one line to stdout, ``kds connector listening on http://HOST:PORT`` (the real port when
started with ``--port 0``), and it runs until SIGINT or SIGTERM. Exactly one connector may
run per data dir: a second one refuses to start. Unless ``--no-announce``, it announces
itself on the local network (mDNS, `kds.connector.announce`).

Every request needs a token in ``Authorization: Bearer <token>``: the sales-point token,
or a paired device's own token that has not been revoked (except the platform webhooks,
which carry the platform's own signature, and ``POST /pairing/join``, which carries a
code). A missing, wrong or revoked token gets HTTP 401 (on the websocket handshake too,
before the upgrade); so does any request with a ``token`` or ``access_token`` in its URL
query, since URLs end up in logs. A device token opens sessions only for its own
``device_id`` (another one gets the ``error`` ``token_device_mismatch``).

Websocket, ``GET /kds``: PROTOCOL.md version 1. Text frames of at most 1 MiB (a bigger
frame closes the connection with 1009), ping every 20 s. The first message must be
``hello``; an unsupported protocol version gets an ``error`` (``unsupported_protocol``) and
the connection is closed. The connector answers ``welcome``, replays every event with
``seq`` greater than the hello's ``last_seq`` (everything when it is null), then sends live
events, each connection strictly in ``seq`` order and each event once per connection. A
device's ``order.status`` becomes an ``order.status`` event (with its ``device_id``) sent to
every device, the sender included; ``sync`` appends a ``catalog`` event with the catalog
last posted to ``POST /catalog``; ``reject`` is logged with the device and reason and counts
as handled (one without a seq is only logged). A newer connection from the same
``device_id`` replaces the older one (closed with 4000).

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
  name, connected, last_acked_seq}], "printing_holder", "printing_holder_id", "inbox",
  "pending_fetches"}``.

Sub-terminals (`kds.connector.pairing`; extensions of this connector, not of PROTOCOL.md):

- ``POST /pairing/codes`` (sales-point or device token): 201 ``{"code", "expires_at",
  "valid_seconds"}``, six digits, valid 10 minutes, single use, kept in the log.
- ``POST /pairing/join`` ``{"code", "device_name", "device_id"?}`` (no token): 201
  ``{"token", "device_id", "device_name", "connector_id"}``: a token for that device, of
  which only the SHA-256 is stored (a device paired again gets a new one; sessions on the
  old one are closed). An unknown, used or expired code: 403 naming which. After 5 wrong
  codes within a minute from one address: 429 with ``Retry-After``, whatever the code.
- ``POST /devices/{device_id}/revoke`` (sales-point token only, else 403): the device's
  token is refused from then on, its open sessions are closed with 4003, it is forgotten as
  a device (retention no longer waits for its acks) and it loses the printing role if it
  held it; 404 for a device with no token of its own, 409 for one on the sales-point token.
- ``GET /devices``: ``{"devices": [{device_id, name, connected, last_seen,
  last_acked_seq, token}]}``, ``token`` being ``sales_point``, ``active`` or ``revoked``.

The intake rules (duplicates, revisions, cancelled orders) are `kds.connector.intake`'s;
the handlers only read the log, ask it, and write what it says.

Platform webhooks, ``POST /webhooks/<platform>`` (see `kds.connector.adapters`): no Bearer
token; each platform's own signature or key is checked with the secret from the connector
config, and a missing or bad one gets 401 with nothing stored. A payload that cannot be
read gets 400 ``{"error", "field", "reason", "inbox_id"}`` and is kept verbatim in the
inbox (``kds connector inbox``); nothing of it is stored as an order. Otherwise 202 when
something was logged or a fetch started, 200 when it was all duplicates or ignored, with
``{"platform", "results": [{"id", "status", "seq"?}]}``. A platform not in the config
gets 404. Orders a platform only notified (Square, Uber Eats) are fetched from its API
in the background, retried with backoff until they arrive, across restarts.

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

Retention: at start and then hourly the log drops, in batches, the events every known
device has acknowledged that are older than the current business day plus ``keep_days``
(default 7; a business day starts at ``day_starts_at``, default 04:00 local time), with the
finished orders and old rejections (`ConnectorLog.prune`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import aiohttp
from aiohttp import WSCloseCode, WSMsgType, web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kds import wire
from kds.clock import utc_now
from kds.connector import intake, pairing
from kds.connector.adapters import ADAPTERS
from kds.connector.adapters.base import (
    Adapter,
    FetchOrder,
    Ignored,
    Message,
    NotConfiguredError,
    PayloadError,
    PlatformSettings,
    WebhookDelivery,
)
from kds.connector.config import ConnectorConfig
from kds.connector.errors import ConnectorError, EventTooLargeError
from kds.connector.fetch import FetchFailedError, get_once, retry_delay
from kds.connector.log import (
    CodeRefusal,
    ConnectorLog,
    DeviceToken,
    PendingFetch,
    StoredEvent,
)
from kds.domain.retention import PRUNE_EVERY, Retention

if TYPE_CHECKING:
    from kds.connector.announce import Announcer

log = logging.getLogger(__name__)

PING_INTERVAL = 20.0
HELLO_TIMEOUT = 20.0
CLOSE_TIMEOUT = 5.0
REPLAY_BATCH = 256

WEBHOOKS_PREFIX = "/webhooks/"
JOIN_PATH = "/pairing/join"
TOKEN_QUERY_KEYS = frozenset({"token", "access_token"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


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


class JoinBody(_Body):
    code: str
    device_name: Annotated[str, Field(min_length=1)]
    device_id: Annotated[str, Field(min_length=1)] | None = None


_M = TypeVar("_M", bound=BaseModel)


class _HttpProblem(Exception):
    """An HTTP request refused with a JSON body {error, field, reason}."""

    def __init__(
        self, status: int, error: str, field: str = "", reason: str = "", **extra: Any
    ) -> None:
        super().__init__(error)
        self.status = status
        self.body: dict[str, Any] = {"error": error, "field": field, "reason": reason, **extra}


def _problem_from_validation(exc: ValidationError, error: str) -> _HttpProblem:
    first = exc.errors(include_url=False)[0]
    return _HttpProblem(400, error, ".".join(str(p) for p in first["loc"]), first["msg"])


# --- who is asking ----------------------------------------------------------------------


@dataclass(frozen=True)
class Principal:
    """Whose token a request carries: the sales point's, or one paired device's."""

    device_id: str | None = None
    """None for the sales-point token."""
    token_sha256: str | None = None

    @property
    def sales_point(self) -> bool:
        return self.device_id is None

    def describe(self) -> str:
        return "the sales point" if self.device_id is None else f"device {self.device_id}"


PRINCIPAL = web.RequestKey("principal", Principal)
SALES_POINT = Principal()


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

    def __init__(
        self,
        data_dir: Path,
        token: str,
        host: str = "127.0.0.1",
        port: int = 0,
        config: ConnectorConfig | None = None,
        *,
        retention: Retention | None = None,
        clock: Clock = utc_now,
        sleep: Sleep = asyncio.sleep,
        announce: bool = False,
    ) -> None:
        if not token:
            raise ConnectorError("the connector needs a non-empty token")
        self.data_dir = data_dir
        self.retention = retention if retention is not None else Retention()
        self.host = host
        self._requested_port = port
        self._token = token.encode()
        self._config = config or ConnectorConfig()
        self._clock = clock
        self._sleep = sleep
        self._log: ConnectorLog | None = None
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._sessions: dict[str, _Session] = {}
        self._sockets: dict[web.WebSocketResponse, Principal] = {}
        self._background: set[asyncio.Task[None]] = set()
        self._fetching: set[tuple[str, str]] = set()
        self._articles: dict[str, wire.Article] = {}
        self._ack_waiters: list[tuple[str, int, asyncio.Future[None]]] = []
        self._wrong_codes = pairing.AttemptLimiter()
        self._announce = announce
        self._announcer: Announcer | None = None
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------

    async def start(self) -> int:
        """Open the log (refusing a second connector on the data dir), listen; the port."""
        self._log = ConnectorLog.open(self.data_dir)
        try:
            self._articles = intake.catalog_by_ref(self._log.catalog()[0])
            self._http = aiohttp.ClientSession()
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
                    web.post("/pairing/codes", self._post_pairing_code),
                    web.post(JOIN_PATH, self._post_join),
                    web.get("/devices", self._get_devices),
                    web.post("/devices/{device_id}/revoke", self._post_revoke),
                    web.post(WEBHOOKS_PREFIX + "{platform}", self._post_webhook),
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
        more = self._prune()
        pruning = asyncio.create_task(self._prune_periodically(more), name="retention")
        self._background.add(pruning)
        pruning.add_done_callback(self._background.discard)
        if self._config.platforms:
            log.info("platform webhooks: %s", ", ".join(sorted(self._config.platforms)))
        for pending in self._log.pending_fetches():
            self._start_fetch(pending)
        if self._announce:
            from kds.connector.announce import Announcer  # loads zeroconf only when asked

            self._announcer = Announcer(self._log.connector_id, self.host, self.port)
            self._spawn(self._announcer.start())
        return self.port

    def _prune(self) -> bool:
        """One retention batch; True when it was full (more to remove)."""
        try:
            cutoff = self.retention.cutoff(self._clock().astimezone())
            return self.connector_log.prune(cutoff).more
        except Exception:
            # Nothing is lost by not pruning: the next pass tries again.
            log.exception("retention: pruning the event log failed; trying again in an hour")
            return False

    async def _prune_periodically(self, more: bool) -> None:
        """Batch after batch (letting the loop run between them) while there is more,
        then again an hour later."""
        while True:
            await asyncio.sleep(0 if more else PRUNE_EVERY.total_seconds())
            more = self._prune()

    async def stop(self) -> None:
        """Stop listening, close every device connection (1001 going away), close the log.

        Listening stops first: a device told "going away" reconnects at once, and a session
        it opened on the closing server would hang until its ping timed out.
        """
        if self._runner is not None:
            for site in list(self._runner.sites):
                await site.stop()
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
        if self._announcer is not None:
            await self._announcer.stop()
            self._announcer = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._http is not None:
            await self._http.close()
            self._http = None
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
        if request.path.startswith(WEBHOOKS_PREFIX):
            return await handler(request)  # platforms sign with their own secrets
        if TOKEN_QUERY_KEYS & request.query.keys():
            # URLs end up in proxy and server logs: a token there has to be refused.
            return self._unauthorized(
                request,
                "token in the URL",
                "a token in the URL is refused (URLs end up in logs); send it as the "
                "'Authorization: Bearer <token>' header",
            )
        if request.path == JOIN_PATH:
            return await handler(request)  # a new device has no token yet: it has a code
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if not header or scheme.lower() != "bearer":
            return self._unauthorized(
                request,
                "missing token",
                "a valid 'Authorization: Bearer <token>' header is required",
            )
        principal, refusal = self._principal(given.strip())
        if principal is None:
            return self._unauthorized(request, "wrong token", refusal)
        request[PRINCIPAL] = principal
        return await handler(request)

    def _principal(self, token: str) -> tuple[Principal | None, str]:
        """Who a token is (the sales point, or a paired device), or why it is refused."""
        if hmac.compare_digest(token.encode(), self._token):
            return SALES_POINT, ""
        digest = pairing.token_hash(token)
        known = self.connector_log.device_token(digest)
        if known is None:
            return None, _TOKEN_REQUIRED
        if known.revoked:
            return None, (
                f"the token of {known.name} was revoked; pair the device again with a code"
            )
        return Principal(known.device_id, digest), ""

    @staticmethod
    def _unauthorized(request: web.Request, what: str, reason: str) -> web.Response:
        log.warning("refused %s %s from %s: %s", request.method, request.path, request.remote, what)
        return web.json_response(
            {"error": "unauthorized", "field": "Authorization", "reason": reason},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )

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

    async def _raw_body(self, request: web.Request) -> bytes:
        try:
            return await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise _HttpProblem(
                413, "body too large", "", f"at most {wire.MAX_FRAME_BYTES} bytes"
            ) from None

    async def _body(self, request: web.Request, *, optional: bool = False) -> Any:
        raw = await self._raw_body(request)
        if optional and not raw.strip():
            return {}
        try:
            return wire.loads(raw)
        except wire.WireError as exc:
            raise _HttpProblem(400, "invalid JSON", "", exc.reason) from None

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

    def _decide(self, arrival: intake.Arrival) -> intake.Outcome:
        clog = self.connector_log
        order_id = (
            arrival.order_id if isinstance(arrival, intake.Cancellation) else arrival.order.id
        )
        return intake.decide(
            arrival,
            clog.order(order_id),
            cancelled_before_seen=clog.cancelled_before_seen(order_id),
        )

    def _apply(self, outcome: intake.Outcome) -> dict[str, Any]:
        """Write what the intake decided; the result as the HTTP answer reports it."""
        clog = self.connector_log
        if isinstance(outcome, intake.AppendOrder):
            order = outcome.order
            stored = self._append(lambda: clog.append_order(order, self._clock()))
            status = "created" if outcome.created else "updated"
            log.info(
                "order %s revision %d %s (seq %d)", order.id, order.revision, status, stored.seq
            )
            return {"id": order.id, "seq": stored.seq, "status": status}
        if isinstance(outcome, intake.AppendCancel):
            order_id, reason = outcome.order_id, outcome.reason
            stored = self._append(lambda: clog.append_cancel(order_id, reason, self._clock()))
            log.info("order %s cancelled (seq %d): %s", order_id, stored.seq, reason)
            return {"id": order_id, "seq": stored.seq, "status": "cancelled"}
        if isinstance(outcome, intake.RememberCancel):
            clog.remember_cancel(outcome.order_id, outcome.reason, self._clock())
            log.info(
                "order %s cancelled before it arrived (%s); it will be refused",
                outcome.order_id,
                outcome.reason,
            )
            return {"id": outcome.order_id, "status": "cancel_noted"}
        if isinstance(outcome, intake.Duplicate):
            if outcome.conflicting:
                log.warning(
                    "order %s revision %d posted again with different content; "
                    "ignored (a change needs a higher revision)",
                    outcome.order_id,
                    outcome.revision,
                )
            return {"id": outcome.order_id, "status": "duplicate", "revision": outcome.revision}
        if isinstance(outcome, intake.AlreadyCancelled):
            return {"id": outcome.order_id, "status": "already_cancelled"}
        # UnknownOrder: a cancel for an id never seen, from the shop's own call.
        raise _HttpProblem(404, "unknown order", "id", f"no order {outcome.order_id}")

    async def _post_order(self, request: web.Request) -> web.Response:
        data = await self._body(request)
        try:
            order = wire.parse_order(data)
        except wire.WireError as exc:
            raise _HttpProblem(400, "invalid order", exc.path, exc.reason) from None
        outcome = self._decide(intake.OrderRevision(order))
        if isinstance(outcome, intake.AlreadyCancelled):
            raise _HttpProblem(409, "order cancelled", "id", f"order {order.id} was cancelled")
        result = self._apply(outcome)
        return web.json_response(result, status=202 if "seq" in result else 200)

    def _known_order_id(self, request: web.Request) -> str:
        order_id = request.match_info["id"]
        if self.connector_log.order(order_id) is None:
            raise _HttpProblem(404, "unknown order", "id", f"no order {order_id}")
        return order_id

    async def _post_cancel(self, request: web.Request) -> web.Response:
        body = self._parse_body(
            CancelBody, await self._body(request, optional=True), "invalid cancel"
        )
        order_id = request.match_info["id"]
        result = self._apply(self._decide(intake.Cancellation(order_id, body.reason)))
        return web.json_response(result, status=202 if "seq" in result else 200)

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
                occurred_at=self._clock(),
            )
        )
        return web.json_response(
            {"id": order_id, "seq": stored.seq, "status": body.status.value}, status=202
        )

    async def _post_catalog(self, request: web.Request) -> web.Response:
        body = self._parse_body(CatalogBody, await self._body(request), "invalid catalog")
        clog = self.connector_log
        stored = self._append(
            lambda: clog.store_catalog_and_append(body.articles, body.groups, self._clock())
        )
        self._articles = intake.catalog_by_ref(body.articles)
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
            clog.set_printing_holder(body.device_id, body.device_name, self._clock())
            return web.json_response(
                {"status": "already_holder", "printing_holder": body.device_name}
            )
        clog.set_printing_holder(body.device_id, body.device_name, self._clock())
        log.warning(
            "printing role taken over by %s (%s) from %s",
            body.device_name,
            body.device_id,
            f"{holder.name} ({holder.device_id})" if holder else "nobody",
        )
        if holder is not None and (former := self._sessions.get(holder.device_id)):
            reason = f"printing taken over by {body.device_name}"
            self._spawn(self._close_session(former, wire.CLOSE_TAKEN_OVER, reason))
        if new := self._sessions.get(body.device_id):
            self._spawn(self._close_session(new, wire.CLOSE_ROLE_GRANTED, "printing role granted"))
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
                "printing_holder_id": holder.device_id if holder else None,
                "inbox": clog.inbox_size(),
                "pending_fetches": len(clog.pending_fetches()),
            }
        )

    # --- sub-terminals: pairing and device tokens ----------------------------------------

    async def _post_pairing_code(self, request: web.Request) -> web.Response:
        principal = request[PRINCIPAL]
        code, expires = self.connector_log.add_pairing_code(
            pairing.new_code, principal.describe(), self._clock(), pairing.CODE_VALID_FOR
        )
        log.info("pairing code issued for %s, valid until %s", principal.describe(), expires)
        return web.json_response(
            {
                "code": code,
                "expires_at": expires.isoformat(),
                "valid_seconds": int(pairing.CODE_VALID_FOR.total_seconds()),
            },
            status=201,
        )

    async def _post_join(self, request: web.Request) -> web.Response:
        peer = request.remote or "unknown"
        now = self._clock()
        wait = self._wrong_codes.retry_after(peer, now)
        if wait is not None:
            seconds = max(1, int(wait.total_seconds() + 0.999))
            log.warning("pairing from %s refused: too many wrong codes", peer)
            return web.json_response(
                {
                    "error": "too many attempts",
                    "field": "code",
                    "reason": f"{pairing.WRONG_CODES_ALLOWED} wrong codes within "
                    f"{int(pairing.WRONG_CODES_WINDOW.total_seconds())} s from this address; "
                    f"try again in {seconds} s",
                    "retry_after": seconds,
                },
                status=429,
                headers={"Retry-After": str(seconds)},
            )
        body = self._parse_body(JoinBody, await self._body(request), "invalid join")
        code = "".join(ch for ch in body.code if ch not in " -")
        device_id = body.device_id or str(uuid.uuid4())
        token = pairing.new_token()
        refusal = self.connector_log.join_with_code(
            code, device_id, body.device_name, pairing.token_hash(token), now
        )
        if refusal is not None:
            self._wrong_codes.failed(peer, now)
            raise _HttpProblem(
                403, "code refused", "code", _CODE_REFUSALS[refusal], refusal=refusal.value
            )
        log.info("device %s (%s) paired with a code from %s", body.device_name, device_id, peer)
        # A device paired again gets a new token: sessions on its old one end.
        self._close_device_sockets(device_id, wire.CLOSE_TOKEN_REVOKED, "token replaced")
        return web.json_response(
            {
                "token": token,
                "device_id": device_id,
                "device_name": body.device_name,
                "connector_id": self.connector_log.connector_id,
            },
            status=201,
        )

    async def _get_devices(self, request: web.Request) -> web.Response:
        clog = self.connector_log
        tokens = {t.device_id: t for t in clog.device_tokens()}
        rows: list[dict[str, Any]] = []
        for device in clog.devices():
            token = tokens.pop(device.device_id, None)
            rows.append(
                {
                    "device_id": device.device_id,
                    "name": device.name,
                    "connected": device.device_id in self._sessions,
                    "last_seen": device.last_seen.isoformat(),
                    "last_acked_seq": device.last_acked_seq,
                    "token": _token_state(token),
                }
            )
        for token in tokens.values():  # paired, but not (or no longer) a connected device
            rows.append(
                {
                    "device_id": token.device_id,
                    "name": token.name,
                    "connected": token.device_id in self._sessions,
                    "last_seen": None,
                    "last_acked_seq": None,
                    "token": _token_state(token),
                }
            )
        rows.sort(key=lambda row: (row["name"], row["device_id"]))
        return web.json_response({"devices": rows})

    async def _post_revoke(self, request: web.Request) -> web.Response:
        principal = request[PRINCIPAL]
        device_id = request.match_info["device_id"]
        if not principal.sales_point:
            raise _HttpProblem(
                403, "forbidden", "Authorization", "only the sales-point token may revoke tokens"
            )
        clog = self.connector_log
        revocation = clog.revoke_device_token(device_id, self._clock())
        if revocation is None:
            if any(d.device_id == device_id for d in clog.devices()):
                raise _HttpProblem(
                    409,
                    "no device token",
                    "device_id",
                    f"device {device_id} uses the sales-point token, which only a new "
                    "sales-point token (kds connector --token) can lock out",
                )
            raise _HttpProblem(404, "unknown device", "device_id", f"no paired device {device_id}")
        device = revocation.device
        log.warning(
            "token of %s (%s) revoked%s",
            device.name,
            device.device_id,
            "; it no longer holds the printing role" if revocation.printing_released else "",
        )
        self._close_device_sockets(device_id, wire.CLOSE_TOKEN_REVOKED, "token revoked")
        return web.json_response(
            {
                "device_id": device.device_id,
                "name": device.name,
                "status": "revoked",
                "revoked_at": device.revoked_at.isoformat() if device.revoked_at else None,
                "printing_released": revocation.printing_released,
            }
        )

    def _close_device_sockets(self, device_id: str, code: int, reason: str) -> None:
        """End every connection opened with this device's own token."""
        for ws, principal in list(self._sockets.items()):
            if principal.device_id == device_id:
                self._spawn(_close_ws(ws, code, reason))

    # --- platform webhooks --------------------------------------------------------------

    def _platform(self, name: str) -> tuple[Adapter[Any], PlatformSettings]:
        adapter = ADAPTERS.get(name)
        settings = self._config.platforms.get(name)
        if adapter is None or settings is None:
            known = ", ".join(sorted(self._config.platforms)) or "none"
            raise _HttpProblem(
                404,
                "unknown platform",
                "platform",
                f"{name!r} is not enabled in the connector config "
                f"([platforms.{name}]); enabled: {known}",
            )
        return adapter, settings

    async def _post_webhook(self, request: web.Request) -> web.Response:
        name = request.match_info["platform"]
        adapter, settings = self._platform(name)
        body = await self._raw_body(request)
        headers = {key.lower(): value for key, value in request.headers.items()}
        delivery = WebhookDelivery(body, headers, self._clock())
        if not adapter.verify(delivery, settings):
            log.warning(
                "%s webhook from %s refused: %s header missing or wrong",
                adapter.title,
                request.remote,
                adapter.signature_header,
            )
            raise _HttpProblem(
                401,
                "unauthorized",
                adapter.signature_header,
                f"a valid {adapter.signature_header} header is required",
            )
        try:
            messages = adapter.read(delivery, settings)
        except PayloadError as exc:
            raise self._keep_unreadable(adapter, exc, delivery) from None
        results = [self._take(adapter, settings, message, delivery) for message in messages]
        stored = any("seq" in r or r["status"] in ("fetching", "cancel_noted") for r in results)
        return web.json_response(
            {"platform": name, "results": results}, status=202 if stored else 200
        )

    def _keep_unreadable(
        self, adapter: Adapter[Any], exc: PayloadError, delivery: WebhookDelivery
    ) -> _HttpProblem:
        inbox_id = self.connector_log.add_to_inbox(
            adapter.name, exc.field, exc.reason, delivery.body, delivery.received_at
        )
        log.warning(
            "%s payload refused and kept in the inbox as #%d: %s", adapter.title, inbox_id, exc
        )
        return _HttpProblem(400, "invalid payload", exc.field, exc.reason, inbox_id=inbox_id)

    def _take(
        self,
        adapter: Adapter[Any],
        settings: PlatformSettings,
        message: Message,
        delivery: WebhookDelivery,
    ) -> dict[str, Any]:
        if isinstance(message, Ignored):
            log.info("%s: %s (ignored)", adapter.title, message.reason)
            return {"status": "ignored", "reason": message.reason}
        if isinstance(message, FetchOrder):
            return self._take_fetch(adapter, settings, message, delivery)
        if isinstance(message, intake.OrderSnapshot):
            message = intake.OrderSnapshot(
                intake.with_catalog(message.order, self._articles), message.version
            )
        return self._apply(self._decide(message))

    def _take_fetch(
        self,
        adapter: Adapter[Any],
        settings: PlatformSettings,
        message: FetchOrder,
        delivery: WebhookDelivery,
    ) -> dict[str, Any]:
        order_id = f"{adapter.name}:{message.external_id}"
        clog = self.connector_log
        known = clog.order(order_id)
        if (known is not None and known.cancelled) or clog.cancelled_before_seen(order_id):
            return {"id": order_id, "status": "already_cancelled"}
        if known is not None and message.version is not None and message.version <= known.revision:
            return {"id": order_id, "status": "duplicate", "revision": known.revision}
        if adapter.fetch_request is None:
            raise ConnectorError(f"{adapter.title} asked for a fetch but has no fetch request")
        try:
            adapter.fetch_request(settings, message.external_id)
        except NotConfiguredError as exc:
            log.error("%s order %s cannot be fetched: %s", adapter.title, order_id, exc)
            raise _HttpProblem(503, "not configured", "", str(exc)) from None
        pending = PendingFetch(
            adapter.name, message.external_id, message.version, delivery.received_at
        )
        clog.add_pending_fetch(pending)
        self._start_fetch(pending)
        return {"id": order_id, "status": "fetching"}

    def _start_fetch(self, pending: PendingFetch) -> None:
        key = (pending.platform, pending.external_id)
        if key in self._fetching:
            return
        adapter = ADAPTERS.get(pending.platform)
        settings = self._config.platforms.get(pending.platform)
        if adapter is None or settings is None or adapter.fetch_request is None:
            log.warning(
                "order %s of %s is still to be fetched, but that platform is not configured",
                pending.external_id,
                pending.platform,
            )
            return
        self._fetching.add(key)

        async def run() -> None:
            try:
                await self._fetch(adapter, settings, pending)
            except Exception:
                # Kept as pending: the next start tries again. Said loudly, not swallowed.
                log.exception("fetching %s order %s stopped", pending.platform, pending.external_id)
            finally:
                self._fetching.discard(key)

        self._spawn(run())

    async def _fetch(
        self, adapter: Adapter[Any], settings: PlatformSettings, pending: PendingFetch
    ) -> None:
        """GET the order until it arrives (backoff between failures), then take it in."""
        assert adapter.fetch_request is not None and self._http is not None
        order_id = f"{adapter.name}:{pending.external_id}"
        failures = 0
        while True:
            try:
                body = await get_once(
                    self._http, adapter.fetch_request(settings, pending.external_id)
                )
                delivery = WebhookDelivery(body, {}, pending.received_at)
                messages = adapter.read(delivery, settings)
                _check_fetched(messages, pending)
                break
            except (FetchFailedError, NotConfiguredError) as exc:
                failures += 1
                delay = retry_delay(failures)
                log.warning(
                    "fetching %s order %s failed (%s); attempt %d, next in %g s",
                    adapter.title,
                    order_id,
                    exc,
                    failures,
                    delay,
                )
                await self._sleep(delay)
            except PayloadError as exc:
                # The API answered, but not with an order: retrying would not help.
                self._keep_unreadable(adapter, exc, delivery)
                self.connector_log.remove_pending_fetch(pending.platform, pending.external_id)
                return
        for message in messages:
            try:
                result = self._take(adapter, settings, message, delivery)
            except _HttpProblem as exc:
                log.error(
                    "%s order %s fetched but not stored: %s", adapter.title, order_id, exc.body
                )
            else:
                log.info("%s order %s fetched: %s", adapter.title, order_id, result)
        self.connector_log.remove_pending_fetch(pending.platform, pending.external_id)

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
        with contextlib.suppress(wire.WireError):
            raw = wire.loads(text)
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
                clog.set_printing_holder(hello.device_id, hello.device_name, self._clock())
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
        principal = request[PRINCIPAL]
        self._sockets[ws] = principal
        try:
            hello = await self._receive_hello(ws)
            if hello is not None and await self._hello_allowed(ws, principal, hello):
                await self._run_session(ws, hello)
        except ConnectionError as exc:
            log.info("websocket connection lost: %s", exc)
        finally:
            self._sockets.pop(ws, None)
            if not ws.closed:
                await _close_ws(ws, WSCloseCode.OK, "")
        return ws

    async def _hello_allowed(
        self, ws: web.WebSocketResponse, principal: Principal, hello: wire.Hello
    ) -> bool:
        """A paired device's token is its own: another device_id may not use it, and a
        token revoked while the hello was on its way no longer opens a session."""
        if principal.token_sha256 is None:
            return True
        known = self.connector_log.device_token(principal.token_sha256)
        if known is None or known.revoked:
            log.warning("device %s: its token was revoked before its hello", hello.device_id)
            await _close_ws(ws, wire.CLOSE_TOKEN_REVOKED, "token revoked")
            return False
        if hello.device_id != principal.device_id:
            await self._refuse(
                ws,
                "token_device_mismatch",
                f"this token was issued to {known.name} ({known.device_id}), not to device "
                f"{hello.device_id}: pair this device with a code of its own",
            )
            return False
        return True

    async def _run_session(self, ws: web.WebSocketResponse, hello: wire.Hello) -> None:
        clog = self.connector_log
        if (old := self._sessions.get(hello.device_id)) is not None:
            log.warning("device %s connected again; closing its older connection", hello.device_id)
            self._spawn(
                self._close_session(old, wire.CLOSE_REPLACED, "replaced by a newer connection")
            )
        session = _Session(hello.device_id, hello.device_name, ws)
        self._sessions[hello.device_id] = session
        try:
            clog.device_seen(hello.device_id, hello.device_name, self._clock())
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
            if message.seq is None:
                # Not even the seq could be read: nothing to mark as handled, only to tell.
                log.warning(
                    "device %s (%s) rejected a frame it could not read: %s",
                    session.name,
                    session.device_id,
                    message.error,
                )
                return
            log.warning(
                "device %s (%s) rejected seq %d: %s",
                session.name,
                session.device_id,
                message.seq,
                message.error,
            )
            clog.record_rejection(session.device_id, message.seq, message.error, self._clock())
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
            if clog.has_status(session.device_id, message):
                # Sent again from the device's outbox after a reconnect: its echo is
                # already in the log (the device gets it in the replay), applied once.
                log.info(
                    "device %s resent its status of order %s at %s; already logged",
                    session.name,
                    message.order_id,
                    message.at.isoformat(),
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
            stored = clog.append_catalog(self._clock())
            log.info("device %s asked for sync; catalog sent as seq %d", session.name, stored.seq)
            self._broadcast()
        else:
            log.warning("device %s sent %s after hello; ignored", session.name, message.type)


_TOKEN_REQUIRED = "a valid 'Authorization: Bearer <token>' header is required"
_CODE_REFUSALS = {
    CodeRefusal.UNKNOWN: "no such pairing code: check the digits, or ask for a new code",
    CodeRefusal.USED: "this pairing code was already used; ask for a new code",
    CodeRefusal.EXPIRED: (
        f"this pairing code has expired (codes are valid "
        f"{int(pairing.CODE_VALID_FOR.total_seconds() // 60)} minutes); ask for a new code"
    ),
}


def _token_state(token: DeviceToken | None) -> str:
    if token is None:
        return "sales_point"
    return "revoked" if token.revoked else "active"


def _check_fetched(messages: tuple[Message, ...], pending: PendingFetch) -> None:
    """A fetched body must be an order, and not older than the version we were told of."""
    for message in messages:
        if isinstance(message, FetchOrder):
            raise PayloadError("body", "the API answered with a notification, not an order")
        if (
            isinstance(message, intake.OrderSnapshot)
            and message.version is not None
            and pending.version is not None
            and message.version < pending.version
        ):
            raise FetchFailedError(
                f"the API has version {message.version}, older than the notified {pending.version}"
            )


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


async def _serve(
    host: str,
    port: int,
    token: str,
    data_dir: Path,
    *,
    config: ConnectorConfig | None,
    retention: Retention,
    announce: bool,
) -> int:
    server = ConnectorServer(
        data_dir, token, host, port, config, retention=retention, announce=announce
    )
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


def serve(
    host: str,
    port: int,
    token: str,
    data_dir: Path,
    *,
    config: ConnectorConfig | None = None,
    retention: Retention | None = None,
    announce: bool = True,
) -> int:
    """`kds connector`: run until SIGINT/SIGTERM; prints the listening line first."""
    return asyncio.run(
        _serve(
            host,
            port,
            token,
            data_dir,
            config=config,
            retention=retention or Retention(),
            announce=announce,
        )
    )
