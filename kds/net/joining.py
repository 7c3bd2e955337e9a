"""Joining a kitchen from a device: check a connector URL and token, pair with a code.

`check_connection` is the set-up's "Test connection". It asks the reference connector's
``GET /health`` (with the token) rather than opening a session: a session starts with a
hello, and every hello makes the connector remember a device whose acknowledgements the
event log's retention then waits for, forever if that device never comes back. A connector
without ``/health`` (any other PROTOCOL.md connector) is checked with a websocket handshake
that is closed before any hello: the token is still checked (401 before the upgrade), only
the connector id is not told.

`request_pairing_code` (on a device that is set up) and `join_with_code` (on a new
sub-terminal) use the reference connector's pairing endpoints (see README, "Joining a
kitchen").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from kds import wire
from kds.errors import KdsError
from kds.net.client import failure_detail
from kds.net.state import cause_said
from kds.words import N_, Words, said

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
KDS_PATH = "/kds"


class ConnectorUrlError(KdsError):
    """What was typed is not a connector address."""


class JoinError(KdsError):
    """Pairing did not give this device a token; `reason` says why in words for staff."""

    def __init__(self, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        """Seconds to wait before the next try, when the connector said so (too many tries)."""


class Reachability(StrEnum):
    CONNECTED = "connected"
    TOKEN_REFUSED = "token_refused"
    NOT_REACHABLE = "not_reachable"


@dataclass(frozen=True)
class Outcome:
    """The answer to "Test connection"."""

    kind: Reachability
    connector_id: str | None = None
    reason: str = ""
    """Why it failed (for TOKEN_REFUSED, the connector's own words, when it gave some)."""
    printing_holder: tuple[str, str] | None = None
    """(device id, name) of the device that holds the printing role, when the connector
    tells (the reference connector's /health does)."""

    @property
    def ok(self) -> bool:
        return self.kind is Reachability.CONNECTED

    def describe(self, translate: Callable[[str], str] = str) -> str:
        """The answer in words; `translate` is the set-up's tr() (the CLI: English)."""
        if self.kind is Reachability.CONNECTED:
            if self.connector_id is None:
                return translate(N_("connected (this connector does not tell its id)"))
            return translate(N_("connected to connector {id}")).format(id=self.connector_id)
        if self.kind is Reachability.TOKEN_REFUSED:
            return translate(N_("token refused"))
        return translate(N_("not reachable: {reason}")).format(reason=said(self.reason, translate))


@dataclass(frozen=True)
class PairingCode:
    """A code a new device types to join; single use."""

    code: str
    expires_at: datetime


def connector_url(text: str) -> str:
    """The websocket URL for what a person typed: ``ws://h:p/kds``, ``http://h:p`` or
    ``h:p`` (the path defaults to /kds; http/https become ws/wss)."""
    value = text.strip()
    if "://" not in value:
        value = "ws://" + value
    parts = urlsplit(value)
    schemes = {"ws": "ws", "wss": "wss", "http": "ws", "https": "wss"}
    if parts.scheme not in schemes or not parts.hostname:
        raise ConnectorUrlError(
            f"not a connector address: {text!r} (e.g. ws://192.168.1.10:8765/kds)"
        )
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise ConnectorUrlError(f"not a valid port in {text!r}") from None
    path = parts.path if parts.path not in ("", "/") else KDS_PATH
    return f"{schemes[parts.scheme]}://{parts.netloc}{path}"


def http_base(url: str) -> str:
    """The connector's HTTP root (``http://h:p``) for its websocket URL or what was typed."""
    parts = urlsplit(connector_url(url))
    return f"{'https' if parts.scheme == 'wss' else 'http'}://{parts.netloc}"


def failure_reason(exc: BaseException) -> Words:
    """Why a connection failed, in the words the connection line uses (said again in the
    set-up's language where it is shown)."""
    return cause_said(failure_detail(exc))


class _Unreachable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _not_reachable(exc: _Unreachable) -> JoinError:
    return JoinError(Words(N_("not reachable: {reason}"), reason=exc.reason))


async def _http(
    method: str, url: str, *, token: str | None, body: Any, timeout: float
) -> tuple[int, Any]:
    """One request; (status, parsed JSON body or None). _Unreachable when no answer came."""
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session,
            session.request(method, url, json=body, headers=headers) as response,
        ):
            raw = await response.content.read(wire.MAX_FRAME_BYTES)
            status = response.status
    except aiohttp.ClientConnectorError as exc:
        raise _Unreachable(failure_reason(exc.os_error)) from exc
    except Exception as exc:
        # Whatever went wrong on the way, the set-up shows it as the reason.
        raise _Unreachable(failure_reason(exc)) from exc
    try:
        parsed = wire.loads(raw)
    except wire.WireError:
        parsed = None
    return status, parsed


def _field(body: Any, key: str) -> Any:
    return body.get(key) if isinstance(body, dict) else None


async def check_connection(url: str, token: str, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Whether a device with this URL and token would connect; counts as no device."""
    try:
        ws_url = connector_url(url)
    except ConnectorUrlError as exc:
        return Outcome(Reachability.NOT_REACHABLE, reason=str(exc))
    try:
        status, body = await _http(
            "GET", http_base(ws_url) + "/health", token=token, body=None, timeout=timeout
        )
    except _Unreachable as exc:
        return Outcome(Reachability.NOT_REACHABLE, reason=exc.reason)
    if status == 200:
        connector_id = _field(body, "connector_id")
        holder_id, holder = _field(body, "printing_holder_id"), _field(body, "printing_holder")
        printing = (
            (holder_id, holder) if isinstance(holder_id, str) and isinstance(holder, str) else None
        )
        if isinstance(connector_id, str) and connector_id:
            return Outcome(Reachability.CONNECTED, connector_id, printing_holder=printing)
        return Outcome(Reachability.NOT_REACHABLE, reason="the answer is not a kds connector's")
    if status == 401:
        return Outcome(Reachability.TOKEN_REFUSED, reason=str(_field(body, "reason") or ""))
    if status == 404:
        return await _check_handshake(ws_url, token, timeout)
    return Outcome(Reachability.NOT_REACHABLE, reason=f"connector answered HTTP {status}")


async def _check_handshake(ws_url: str, token: str, timeout: float) -> Outcome:
    """The websocket handshake alone (closed before hello: the connector logs no device)."""
    try:
        await _handshake(ws_url, token, timeout)
    except InvalidStatus as exc:
        if exc.response.status_code == 401:
            return Outcome(Reachability.TOKEN_REFUSED)
        return Outcome(Reachability.NOT_REACHABLE, reason=failure_reason(exc))
    except _Unreachable as exc:
        return Outcome(Reachability.NOT_REACHABLE, reason=exc.reason)
    return Outcome(Reachability.CONNECTED)


async def _handshake(ws_url: str, token: str, timeout: float) -> None:
    try:
        async with connect(
            ws_url,
            additional_headers={"Authorization": f"Bearer {token}"},
            open_timeout=timeout,
            close_timeout=timeout,
        ):
            pass
    except InvalidStatus:
        raise
    except Exception as exc:
        # By outcome: any other failure of the handshake is a reason to show.
        raise _Unreachable(failure_reason(exc)) from exc


async def request_pairing_code(
    url: str, token: str, timeout: float = DEFAULT_TIMEOUT
) -> PairingCode:
    """A new pairing code, asked for with this device's (or the sales point's) token."""
    try:
        status, body = await _http(
            "POST", http_base(url) + "/pairing/codes", token=token, body=None, timeout=timeout
        )
    except _Unreachable as exc:
        raise _not_reachable(exc) from None
    if status == 401:
        raise JoinError("token refused")
    code, expires = _field(body, "code"), _field(body, "expires_at")
    if status != 201 or not isinstance(code, str) or not isinstance(expires, str):
        raise JoinError(_refusal(status, body))
    try:
        return PairingCode(code, datetime.fromisoformat(expires))
    except ValueError:
        raise JoinError(f"the connector sent an unreadable expiry: {expires!r}") from None


async def join_with_code(
    url: str,
    code: str,
    device_name: str,
    *,
    device_id: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Pair this device (its store's `device_id`) with a code; returns its own token.

    Raises JoinError with the connector's reason (wrong, used or expired code; too many
    tries, with `retry_after`) or "not reachable: ...".
    """
    typed = "".join(ch for ch in code if ch.isdigit())
    try:
        status, body = await _http(
            "POST",
            http_base(url) + "/pairing/join",
            token=None,
            body={"code": typed, "device_name": device_name, "device_id": device_id},
            timeout=timeout,
        )
    except _Unreachable as exc:
        raise _not_reachable(exc) from None
    token = _field(body, "token")
    if status == 201 and isinstance(token, str) and token:
        return token
    retry_after = _field(body, "retry_after") if status == 429 else None
    if status == 429 and isinstance(retry_after, int):
        refused = Words(N_("too many wrong codes; try again in {seconds} s"), seconds=retry_after)
        raise JoinError(refused, retry_after)
    raise JoinError(_refusal(status, body))


_CODE_REFUSALS = {
    "unknown": N_("no such pairing code: check the digits, or ask for a new code"),
    "used": N_("this pairing code was already used; ask for a new code"),
    "expired": N_("this pairing code has expired; ask for a new code"),
}
"""The reference connector's refusals of a code (its body's `refusal`), said in the
device's language; another connector's own words are shown as it gave them."""


def _refusal(status: int, body: Any) -> str:
    refusal = _field(body, "refusal")
    if isinstance(refusal, str) and refusal in _CODE_REFUSALS:
        return Words(_CODE_REFUSALS[refusal])
    reason = _field(body, "reason")
    if isinstance(reason, str) and reason:
        return reason
    return f"connector answered HTTP {status}"


@dataclass(frozen=True)
class JoinedDevice:
    """A device the connector knows (`GET /devices`), as the admin area lists it."""

    device_id: str
    name: str
    connected: bool
    token: str
    """``sales_point``, ``active`` (its own token, revocable) or ``revoked``."""

    @property
    def revocable(self) -> bool:
        return self.token == "active"


async def list_devices(
    url: str, token: str, timeout: float = DEFAULT_TIMEOUT
) -> list[JoinedDevice]:
    """The connector's devices with their token state; JoinError saying why when it fails.

    Rows that are not readable are left out (and logged): the list shows what it can."""
    try:
        status, body = await _http(
            "GET", http_base(url) + "/devices", token=token, body=None, timeout=timeout
        )
    except _Unreachable as exc:
        raise _not_reachable(exc) from None
    if status == 401:
        raise JoinError("token refused")
    rows = _field(body, "devices")
    if status != 200 or not isinstance(rows, list):
        raise JoinError(_refusal(status, body))
    devices = []
    for row in rows:
        device_id, name = _field(row, "device_id"), _field(row, "name")
        state, connected = _field(row, "token"), _field(row, "connected")
        if not (isinstance(device_id, str) and isinstance(name, str) and isinstance(state, str)):
            log.warning("a device row the connector sent is not readable: %r", row)
            continue
        devices.append(JoinedDevice(device_id, name, connected is True, state))
    return devices


async def revoke_device(
    url: str, token: str, device_id: str, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Revoke a device's own token (needs the sales-point token); JoinError saying why not."""
    try:
        status, body = await _http(
            "POST",
            http_base(url) + f"/devices/{quote(device_id, safe='')}/revoke",
            token=token,
            body=None,
            timeout=timeout,
        )
    except _Unreachable as exc:
        raise _not_reachable(exc) from None
    if status == 401:
        raise JoinError("token refused")
    if status != 200:
        raise JoinError(_refusal(status, body))
