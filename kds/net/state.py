"""The connection's state as staff see it, and the reconnect backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import Enum


class Phase(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    TOKEN_REFUSED = "token_refused"
    PROTOCOL_ERROR = "protocol_error"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ConnectionState:
    """Where the link to the connector is, since when, and why (`detail`)."""

    phase: Phase
    since: datetime
    detail: str = ""

    def describe(self, tz: tzinfo | None = None) -> str:
        """Words staff understand; times in `tz` (None: this computer's local time)."""
        clock = self.since.astimezone(tz).strftime("%H:%M:%S")
        match self.phase:
            case Phase.CONNECTING:
                return "connecting to the connector"
            case Phase.CONNECTED:
                return "connected"
            case Phase.RECONNECTING:
                reason = f" ({self.detail})" if self.detail else ""
                return f"reconnecting since {clock}{reason}"
            case Phase.TOKEN_REFUSED:
                return "token refused by the connector — check the token in the settings"
            case Phase.PROTOCOL_ERROR:
                return f"protocol error: {self.detail}"
            case Phase.STOPPED:
                return "stopped"


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with jitter: initial, x factor per attempt, at most cap.

    `jitter` is the +/- fraction applied to each delay, so devices that lost the connector
    together do not all come back in the same millisecond.
    """

    initial: float = 0.5
    cap: float = 30.0
    factor: float = 2.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int) -> float:
        """The wait before retry number `attempt` (0 = the first retry)."""
        base = min(self.cap, self.initial * self.factor ** min(attempt, 64))
        spread = 1.0 + self.jitter * (2.0 * self.rng.random() - 1.0)
        return min(self.cap, max(0.0, base * spread))
