"""The connection state as values, and the reconnect delays."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from kds.net import Backoff, Cause, ConnectionState, Detail, LinkHealth, Phase, SessionRules

SINCE = datetime(2026, 11, 23, 20, 14, 3, tzinfo=UTC)


def test_states_are_values_with_a_log_form() -> None:
    refused = ConnectionState(Phase.RECONNECTING, SINCE, Detail(Cause.REFUSED))
    assert refused == ConnectionState(Phase.RECONNECTING, SINCE, Detail(Cause.REFUSED))
    assert refused != ConnectionState(Phase.RECONNECTING, SINCE, Detail(Cause.NO_ANSWER))
    assert str(refused) == "reconnecting (refused)"
    error = Detail(Cause.CONNECTOR_ERROR, {"code": "bye", "message": "no"})
    assert str(ConnectionState(Phase.PROTOCOL_ERROR, SINCE, error)) == (
        "protocol_error (connector_error: code=bye, message=no)"
    )
    assert str(ConnectionState(Phase.CONNECTED, SINCE)) == "connected"
    assert len({refused, ConnectionState(Phase.PROTOCOL_ERROR, SINCE, error)}) == 2


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


RULES = SessionRules()  # healthy after 30 s or 10 events; skip after 2 sessions in a row
NO_JITTER = Backoff(initial=0.5, cap=30.0, jitter=0.0)


def ended(
    health: LinkHealth,
    lasted: timedelta,
    *,
    stored: int = 0,
    failed_seq: int | None = None,
    at: datetime = SINCE,
) -> LinkHealth:
    return RULES.session_ended(
        health, welcomed_at=at, now=at + lasted, stored=stored, failed_seq=failed_seq
    )


def test_sessions_that_die_at_once_do_not_reset_the_backoff() -> None:
    # Each session gets its welcome and dies 50 ms later: the delay grows to the cap
    # instead of 0.5 s forever.
    health = LinkHealth()
    delays = []
    for _ in range(8):
        health = ended(health, timedelta(milliseconds=50))
        delays.append(RULES.delay(health, NO_JITTER))
    assert delays == [0.5, 1, 2, 4, 8, 16, 30, 30]


def test_a_healthy_session_resets_the_backoff() -> None:
    unhealthy = LinkHealth(retries=5)  # the 6th retry would wait 16 s
    assert RULES.delay(ended(unhealthy, timedelta(seconds=29.9)), NO_JITTER) == 16
    assert RULES.delay(ended(unhealthy, timedelta(seconds=30)), NO_JITTER) == 0.5
    assert RULES.delay(ended(unhealthy, timedelta(0), stored=9), NO_JITTER) == 16
    assert RULES.delay(ended(unhealthy, timedelta(0), stored=10), NO_JITTER) == 0.5


def test_failed_connections_grow_the_backoff_and_keep_the_failing_frame() -> None:
    health = ended(LinkHealth(), timedelta(0), failed_seq=41)
    health = RULES.connect_failed(RULES.connect_failed(health))
    assert health == LinkHealth(retries=3, failing_seq=41, failures=1)
    assert RULES.delay(health, NO_JITTER) == 2


def test_a_frame_that_ends_two_sessions_in_a_row_is_skipped_on_the_third() -> None:
    health = ended(LinkHealth(), timedelta(0), failed_seq=41)
    assert not RULES.skips(health, 41)
    health = ended(health, timedelta(0), failed_seq=41)
    assert RULES.skips(health, 41)
    assert not RULES.skips(health, 42)
    assert health.retries == 2


def test_only_sessions_in_a_row_on_the_same_seq_count() -> None:
    health = ended(LinkHealth(), timedelta(0), failed_seq=41)
    health = ended(health, timedelta(0), failed_seq=42)  # it went on to 42: 41 was stored
    assert health.failures == 1 and not RULES.skips(health, 41)
    health = ended(health, timedelta(0))  # ended for another reason (connection lost)
    health = ended(health, timedelta(0), failed_seq=42)
    assert not RULES.skips(health, 42)
    # A healthy session that then dies on a frame still counts that death.
    health = ended(health, timedelta(minutes=5), failed_seq=42)
    assert RULES.skips(health, 42)
    assert health.retries == 1
