"""The device's link to its connector: plain asyncio websocket client (no Qt)."""

from kds.net.client import MAX_RECEIVE_BYTES, BatchLimits, KdsClient, NotConnectedError
from kds.net.state import (
    Backoff,
    Cause,
    ConnectionState,
    Detail,
    LinkHealth,
    Phase,
    SessionRules,
)

__all__ = [
    "MAX_RECEIVE_BYTES",
    "Backoff",
    "BatchLimits",
    "Cause",
    "ConnectionState",
    "Detail",
    "KdsClient",
    "LinkHealth",
    "NotConnectedError",
    "Phase",
    "SessionRules",
]
