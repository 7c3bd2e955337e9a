"""Webhook authenticity checks: HMAC signatures and shared keys, compared in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac


def hmac_sha256(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def matches_hex(given: str | None, secret: str, message: bytes) -> bool:
    """`given` is the lower-case hex HMAC-SHA256 of `message` under `secret`."""
    if not given:
        return False
    expected = hmac_sha256(secret, message).hex()
    return hmac.compare_digest(given.strip().lower().encode(), expected.encode())


def matches_base64(given: str | None, secret: str, message: bytes) -> bool:
    """`given` is the base64 HMAC-SHA256 of `message` under `secret`."""
    if not given:
        return False
    expected = base64.b64encode(hmac_sha256(secret, message))
    return hmac.compare_digest(given.strip().encode(), expected)


def matches_key(given: str | None, key: str) -> bool:
    """`given` (an Authorization header, with or without `Bearer `) is the shared key."""
    if not given:
        return False
    value = given.strip()
    scheme, _, rest = value.partition(" ")
    if scheme.lower() == "bearer" and rest:
        value = rest.strip()
    return hmac.compare_digest(value.encode(), key.encode())
