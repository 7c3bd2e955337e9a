"""Sub-terminal pairing rules (pure): codes, per-device tokens and the wrong-code limit.

A device that is already set up (or the sales point) asks for a short numeric code; a new
device types it once and receives a token of its own. Only the token's SHA-256 is stored:
tokens are 256 random bits, so a fast hash is enough and the database holds nothing a
thief could connect with. Codes are only six digits, which is why wrong guesses are limited
per peer (`AttemptLimiter`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

CODE_DIGITS = 6
CODE_VALID_FOR = timedelta(minutes=10)
CODES_KEPT_FOR = timedelta(days=1)
"""A used or expired code is kept this long (so a second try says "already used")."""

WRONG_CODES_ALLOWED = 5
WRONG_CODES_WINDOW = timedelta(minutes=1)

_TOKEN_BYTES = 32
_PEERS_SWEPT_AT = 1024
"""Above this many tracked peers, peers whose window has passed are forgotten."""


def new_code() -> str:
    """A random code of CODE_DIGITS digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def new_token() -> str:
    """A fresh per-device token (URL-safe text, 256 random bits)."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the log stores and looks tokens up by."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class AttemptLimiter:
    """At most `allowed` failures per peer in any `window`; memory follows the active peers."""

    allowed: int = WRONG_CODES_ALLOWED
    window: timedelta = WRONG_CODES_WINDOW
    _failures: dict[str, deque[datetime]] = field(default_factory=dict)

    def retry_after(self, peer: str, now: datetime) -> timedelta | None:
        """None when `peer` may try now; else how long until it may."""
        recent = self._recent(peer, now)
        if len(recent) < self.allowed:
            return None
        return recent[0] + self.window - now

    def failed(self, peer: str, now: datetime) -> None:
        """Count one failed attempt of `peer`."""
        if len(self._failures) >= _PEERS_SWEPT_AT:
            for other in list(self._failures):
                self._recent(other, now)
        self._failures.setdefault(peer, deque()).append(now)

    def _recent(self, peer: str, now: datetime) -> deque[datetime]:
        times = self._failures.get(peer)
        if times is None:
            return deque()
        while times and times[0] + self.window <= now:
            times.popleft()
        if not times:
            del self._failures[peer]
        return times
