"""How long finished orders stay in the hot tables, and when pruning is due next (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

DEFAULT_KEEP_DAYS = 7
DEFAULT_DAY_STARTS_AT = time(4, 0)
PRUNE_EVERY = timedelta(hours=1)
"""After a pass that found nothing more to remove, the next one starts this much later."""


@dataclass(frozen=True)
class Retention:
    """Keep the current business day plus `keep_days` earlier ones; older finished things go.

    A business day starts at `day_starts_at` local time (a restaurant open past midnight
    counts 01:30 as the evening before).
    """

    keep_days: int = DEFAULT_KEEP_DAYS
    day_starts_at: time = DEFAULT_DAY_STARTS_AT

    def business_day_start(self, now: datetime) -> datetime:
        """When the business day `now` falls in began, in `now`'s time zone."""
        start = now.replace(
            hour=self.day_starts_at.hour,
            minute=self.day_starts_at.minute,
            second=0,
            microsecond=0,
        )
        return start if start <= now else start - timedelta(days=1)

    def cutoff(self, now: datetime) -> datetime:
        """Finished orders, printed jobs and frames from before this time may be removed.

        `now` must be in the restaurant's local time zone (`datetime.astimezone()`): the
        business day boundary is a local time.
        """
        if now.tzinfo is None:
            raise ValueError(f"naive datetime {now!r}: kds times are timezone-aware")
        return self.business_day_start(now) - timedelta(days=self.keep_days)


@dataclass
class PruneSchedule:
    """Pruning runs in small batches: one per `due` turn while batches are full, then
    again `every` later. Due at once when created (pruning at start)."""

    every: timedelta = PRUNE_EVERY
    next_at: datetime | None = None

    def due(self, now: datetime) -> bool:
        return self.next_at is None or now >= self.next_at

    def ran(self, now: datetime, *, more: bool) -> None:
        """A batch ran; `more`: it was full, so the next batch is due at once."""
        self.next_at = None if more else now + self.every
