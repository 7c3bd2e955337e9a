"""The admin PIN: a salted scrypt hash in the config, a constant-time check, and a lockout
after repeated wrong tries (pure: the caller passes `now` and keeps the gate's state)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from kds.errors import KdsError

if TYPE_CHECKING:
    from kds.settings import Settings

PIN_DIGITS = (4, 12)
"""A PIN is 4 to 12 digits: typed on a touch screen's number pad."""

MAX_WRONG_TRIES = 5
LOCKOUT = timedelta(seconds=60)

# scrypt at N=2**14, r=8, p=1 (16 MiB, tens of milliseconds): a stolen config does not
# give the PIN away by trying all 10**4..10**12 of them quickly.
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_FORMAT = re.compile(
    r"scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)"
)


class PinError(KdsError):
    """A PIN that cannot be set: not 4 to 12 digits, or the two entries differ."""


def check_pin_format(pin: str) -> str:
    """The PIN if it is one (4 to 12 digits 0-9), else PinError saying what a PIN is."""
    low, high = PIN_DIGITS
    if not (low <= len(pin) <= high and pin.isascii() and pin.isdigit()):
        raise PinError(f"a PIN is {low} to {high} digits (0-9)")
    return pin


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The text `[admin] pin_hash` holds: ``scrypt$N$r$p$salt$hash`` (base64)."""
    salt = os.urandom(_SALT_BYTES) if salt is None else salt
    digest = _scrypt(check_pin_format(pin), salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def valid_pin_hash(text: str) -> bool:
    """Is this a PIN hash `hash_pin` wrote (parameters and base64 parts readable)?"""
    return _parse(text) is not None


def check_pin(settings: Settings, pin: str) -> bool:
    """Does `pin` open the admin area? False when no PIN is set (`has_pin` tells the UI
    to open the area directly then). Compared in constant time."""
    parsed = _parse(settings.admin.pin_hash) if settings.admin.pin_hash else None
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p), expected)


def has_pin(settings: Settings) -> bool:
    return settings.admin.pin_hash is not None


class PinOutcome(Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    """Too many wrong tries: the PIN was not even checked."""


@dataclass(frozen=True)
class PinGate:
    """Wrong tries since the last right one; after `MAX_WRONG_TRIES` in a row the gate stays
    shut for `LOCKOUT`, then gives another `MAX_WRONG_TRIES`. The UI holds one per app run."""

    wrong: int = 0
    locked_until: datetime | None = None

    def locked_for(self, now: datetime) -> timedelta:
        """How long the gate stays shut from `now` (zero when open)."""
        if self.locked_until is None or now >= self.locked_until:
            return timedelta(0)
        return self.locked_until - now

    @property
    def tries_left(self) -> int:
        return MAX_WRONG_TRIES - self.wrong


def enter_pin(
    gate: PinGate, settings: Settings, pin: str, now: datetime
) -> tuple[PinGate, PinOutcome]:
    """One try at the PIN pad: the gate after it, and what to show."""
    if gate.locked_for(now):
        return gate, PinOutcome.LOCKED
    if check_pin(settings, pin):
        return PinGate(), PinOutcome.ACCEPTED
    wrong = gate.wrong + 1
    if wrong >= MAX_WRONG_TRIES:
        return PinGate(locked_until=now + LOCKOUT), PinOutcome.WRONG
    return PinGate(wrong=wrong), PinOutcome.WRONG


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=_HASH_BYTES
    )


def _parse(text: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _FORMAT.fullmatch(text)
    if match is None:
        return None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    # Bounded (at most 128 MiB), so a hand-edited hash cannot make a check take minutes.
    if not (2 <= n <= 2**16 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
        return None
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        digest = base64.b64decode(match.group(5), validate=True)
    except binascii.Error:
        return None
    if not salt or len(digest) != _HASH_BYTES:
        return None
    return n, r, p, salt, digest


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
