"""What staff read about the connection, and the reconnect delays."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from kds.net import Backoff, ConnectionState, Phase

SINCE = datetime(2026, 11, 23, 20, 14, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phase", "detail", "text"),
    [
        (Phase.CONNECTING, "", "connecting to the connector"),
        (Phase.CONNECTED, "", "connected"),
        (
            Phase.RECONNECTING,
            "connection refused",
            "reconnecting since 20:14:03 (connection refused)",
        ),
        (Phase.RECONNECTING, "", "reconnecting since 20:14:03"),
        (
            Phase.TOKEN_REFUSED,
            "HTTP 401",
            "token refused by the connector — check the token in the settings",
        ),
        (Phase.PROTOCOL_ERROR, "bad: thing", "protocol error: bad: thing"),
        (Phase.STOPPED, "", "stopped"),
    ],
)
def test_describe_in_words_staff_understand(phase: Phase, detail: str, text: str) -> None:
    assert ConnectionState(phase, SINCE, detail).describe(UTC) == text


def test_describe_uses_the_restaurants_clock() -> None:
    state = ConnectionState(Phase.RECONNECTING, SINCE, "x")
    assert state.describe(timezone(timedelta(hours=1))) == "reconnecting since 21:14:03 (x)"


def test_backoff_doubles_up_to_the_cap() -> None:
    backoff = Backoff(initial=0.5, cap=30.0, jitter=0.0)
    assert [backoff.delay(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert backoff.delay(10_000) == 30


def test_backoff_jitter_spreads_devices_apart() -> None:
    backoff = Backoff(initial=1.0, cap=30.0, jitter=0.2, rng=random.Random(7))
    delays = [backoff.delay(2) for _ in range(50)]
    assert all(3.2 <= d <= 4.8 for d in delays)
    assert len(set(delays)) > 40
    assert all(backoff.delay(20) <= 30.0 for _ in range(50))
