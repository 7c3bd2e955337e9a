"""The wall clock, in UTC: read only at the edges (app, client, connector), never in the domain."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Now, timezone-aware in UTC: the default `clock` of the parts that take one."""
    return datetime.now(UTC)
