"""Retention: the business-day cutoff and the pruning schedule, with `now` passed in."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from kds.domain.retention import PruneSchedule, Retention

BERLIN_WINTER = timezone(timedelta(hours=1))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN_WINTER)


def test_the_cutoff_keeps_the_current_business_day_plus_seven() -> None:
    retention = Retention()  # 7 days, the day starts at 04:00
    # Monday 23rd, 15:00: the business day began at 04:00 today.
    assert retention.cutoff(at(23, 15)) == at(16, 4)
    # 01:30 on Tuesday still belongs to Monday's business day (open past midnight).
    assert retention.cutoff(at(24, 1, 30)) == at(16, 4)
    # From 04:00 on, Tuesday is the new business day: one more day leaves.
    assert retention.cutoff(at(24, 4)) == at(17, 4)
    assert retention.cutoff(at(24, 3, 59)) == at(16, 4)


def test_the_cutoff_follows_the_settings_and_the_local_time_zone() -> None:
    assert Retention(keep_days=0).cutoff(at(23, 15)) == at(23, 4)
    assert Retention(2, time(6, 30)).cutoff(at(23, 6, 0)) == at(20, 6, 30)
    # The boundary is a local time: 03:00 in Berlin is still Sunday's business day there,
    # while the same instant in UTC (02:00) counts from 04:00 UTC.
    instant = at(23, 3, 0)
    assert Retention().cutoff(instant) == at(15, 4)
    assert Retention().cutoff(instant.astimezone(UTC)) == datetime(2026, 11, 15, 4, tzinfo=UTC)
    with pytest.raises(ValueError, match="naive datetime"):
        Retention().cutoff(datetime(2026, 11, 23, 15))


def test_pruning_is_due_at_start_again_while_batches_are_full_then_hourly() -> None:
    schedule = PruneSchedule()
    start = at(23, 15)
    assert schedule.due(start)
    schedule.ran(start, more=True)
    assert schedule.due(start + timedelta(seconds=1))
    schedule.ran(start + timedelta(seconds=1), more=False)
    assert not schedule.due(start + timedelta(minutes=59))
    assert schedule.due(start + timedelta(hours=1, seconds=1))
