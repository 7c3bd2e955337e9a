"""Fetching an order from a platform's API (Square, Uber Eats notifications), with backoff.

The retry policy is a pure function of the number of failures; the shell does one GET at
a time and leaves the waiting to the caller's `sleep`, so a test can run the whole
schedule without waiting.
"""

from __future__ import annotations

import aiohttp

from kds.connector.adapters.base import FetchRequest
from kds.connector.errors import ConnectorError

RETRY_INITIAL_S = 1.0
RETRY_CAP_S = 60.0
ATTEMPT_TIMEOUT_S = 15.0
MAX_BODY_BYTES = 1024 * 1024


def retry_delay(failures: int) -> float:
    """Seconds to wait after the `failures`-th failure in a row: 1, 2, 4 ... capped at 60."""
    return float(min(RETRY_CAP_S, RETRY_INITIAL_S * 2 ** max(0, failures - 1)))


class FetchFailedError(ConnectorError):
    """One attempt failed (network, timeout, an HTTP error status); the reason is the text."""


async def get_once(session: aiohttp.ClientSession, request: FetchRequest) -> bytes:
    """One GET; the body on HTTP 200, else FetchFailedError saying why."""
    timeout = aiohttp.ClientTimeout(total=ATTEMPT_TIMEOUT_S)
    try:
        async with session.get(request.url, headers=dict(request.headers), timeout=timeout) as r:
            body = await r.content.read(MAX_BODY_BYTES + 1)
            if r.status != 200:
                raise FetchFailedError(f"HTTP {r.status}: {body[:200].decode(errors='replace')}")
            if len(body) > MAX_BODY_BYTES:
                raise FetchFailedError(f"the order is over {MAX_BODY_BYTES} bytes")
            return body
    except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:  # ValueError: URL
        raise FetchFailedError(f"{type(exc).__name__}: {exc}") from None
