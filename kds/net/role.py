"""Move the printing role through the connector's HTTP API: release it here, or take it over."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kds.errors import KdsError

logger = logging.getLogger(__name__)

HTTP_TIMEOUT_S = 10.0
ROLE_FILE = "printing-role.json"


class RoleChangeError(KdsError):
    """The printing role could not be moved; the message says why, in staff's words."""


def http_base_url(connector_ws_url: str) -> str:
    """``ws://host:port/kds`` -> ``http://host:port`` (``wss`` -> ``https``)."""
    parts = urlsplit(connector_ws_url)
    schemes = {"ws": "http", "wss": "https"}
    if parts.scheme not in schemes or not parts.netloc:
        raise RoleChangeError(f"not a connector address: {connector_ws_url!r}")
    return urlunsplit((schemes[parts.scheme], parts.netloc, "", "", ""))


async def _post(connector_ws_url: str, token: str, path: str, body: dict[str, Any]) -> str:
    # Imported here, not at the top: aiohttp costs a quarter second of start-up, and the
    # role only moves when staff press a button.
    import aiohttp

    url = http_base_url(connector_ws_url) + path
    headers = {"Authorization": f"Bearer {token}"}
    timeout = aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.post(url, json=body, headers=headers) as response,
        ):
            try:
                answer: Any = await response.json(content_type=None)
            except ValueError:
                answer = None
            if response.status == 401:
                raise RoleChangeError(
                    "the connector refused the token — check [connector] token in the config file"
                )
            if response.status >= 300:
                reason = ""
                if isinstance(answer, dict):
                    reason = str(answer.get("reason") or answer.get("error") or "")
                raise RoleChangeError(
                    f"the connector said no (HTTP {response.status}): {reason}".rstrip(": ")
                )
    except TimeoutError:
        raise RoleChangeError("no answer from the connector") from None
    except aiohttp.ClientError as exc:
        raise RoleChangeError(f"cannot reach the connector: {exc}") from None
    status = answer.get("status") if isinstance(answer, dict) else None
    logger.info("POST %s: %s", path, status)
    return str(status)


async def takeover(connector_ws_url: str, token: str, device_id: str, device_name: str) -> str:
    """Take the printing role for this device (confirmed by a person); the connector's status.

    The connector then closes this device's connection with 4002 and the former holder's
    with 4001; both reconnect and get their new answer in `welcome`.
    """
    return await _post(
        connector_ws_url,
        token,
        "/printing/takeover",
        {"device_id": device_id, "device_name": device_name, "confirm": True},
    )


async def release(connector_ws_url: str, token: str, device_id: str) -> str:
    """Give the printing role up (only its holder may); the connector's status."""
    return await _post(connector_ws_url, token, "/printing/release", {"device_id": device_id})


@dataclass(frozen=True)
class RoleMemory:
    """What this device remembers about its printing role, across restarts.

    `granted_since`: when it got the role; orders it first saw before then were the former
    holder's to print (a takeover must not print the day's orders again). `released`: staff
    pressed "Stop printing here", so the device no longer asks for the role until someone
    takes it over on this device.
    """

    granted_since: datetime | None = None
    released: bool = False

    @classmethod
    def load(cls, data_dir: Path) -> RoleMemory:
        path = data_dir / ROLE_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            since = data.get("granted_since")
            return cls(
                granted_since=datetime.fromisoformat(since) if since else None,
                released=bool(data.get("released", False)),
            )
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            # Forgetting errs on the safe side: no grant time = nothing old is printed.
            logger.error("unreadable %s (%s); starting without a printing role memory", path, exc)
            return cls()

    def save(self, data_dir: Path) -> None:
        """Write atomically (temp file, fsync, rename)."""
        path = data_dir / ROLE_FILE
        tmp = path.with_suffix(".tmp")
        text = json.dumps(
            {
                "granted_since": self.granted_since.isoformat() if self.granted_since else None,
                "released": self.released,
            }
        )
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
