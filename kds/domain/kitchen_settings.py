"""The `[kitchen]` settings: how bumps roll up, where stray lines go, timer colours, prep times."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kds.domain.routing import Routing, StationSpec

Minutes = Annotated[float, Field(gt=0, le=24 * 60)]
"""A duration in minutes (fractions allowed), more than zero and at most a day."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReadyRule(StrEnum):
    """When an order counts as ready for the guest."""

    ALL_STATIONS = "all_stations"
    """Ready as soon as every station that has lines of it is done (the expo may bump earlier)."""
    EXPO_CONFIRMS = "expo_confirms"
    """Ready only when the expo bumps it."""


class StationTiming(_Section):
    """One station's own timer colours and default prep time (unset = the kitchen's)."""

    amber_after_minutes: Minutes | None = None
    red_after_minutes: Minutes | None = None
    prep_minutes: Minutes | None = None
    """Prep time of this station's lines in a scheduled order, where the article has none."""


@dataclass(frozen=True)
class Thresholds:
    """When a ticket's timer turns amber and red."""

    amber_after: timedelta
    red_after: timedelta


class KitchenSettings(_Section):
    """How the kitchen works its orders; every field has a default that suits most kitchens."""

    default_station: str | None = None
    """Station id that takes a line no station's groups take; none = every station shows it
    marked "no station" and the expo raises an alarm."""
    ready_when: ReadyRule = ReadyRule.ALL_STATIONS
    bump_order_when_lines_done: bool = True
    """Striking a station's last line bumps the order at that station."""
    undo_seconds: Annotated[float, Field(gt=0, le=60)] = 5
    """How long the undo bar stays after a bump."""
    recall_depth: Annotated[int, Field(ge=1, le=100)] = 10
    """How many bumped orders a monitor's recall list offers."""
    amber_after_minutes: Minutes = 5
    red_after_minutes: Minutes = 10
    prep_minutes: Minutes = 15
    """Default prep time of a line in a scheduled order (`due_at` minus this is its release)."""
    article_prep_minutes: Mapping[str, Minutes] = Field(default_factory=dict)
    """Article ref -> its prep time, before the station's and the default."""
    stations: Mapping[str, StationTiming] = Field(default_factory=dict)
    """Station id -> its own timer colours and prep time."""

    @model_validator(mode="after")
    def _amber_before_red(self) -> KitchenSettings:
        for station in (None, *self.stations):
            limits = self.thresholds(station)
            if limits.amber_after >= limits.red_after:
                where = f"station {station!r}" if station else "the kitchen"
                raise ValueError(
                    f"amber_after_minutes must be less than red_after_minutes for {where}"
                    f" ({_minutes(limits.amber_after)} >= {_minutes(limits.red_after)})"
                )
        return self

    @property
    def undo_for(self) -> timedelta:
        return timedelta(seconds=self.undo_seconds)

    def thresholds(self, station: str | None) -> Thresholds:
        """The timer colours of a station (None: the expo, the kitchen's defaults)."""
        own = self._thresholds.get(station) if station else None
        return own or self._thresholds[None]

    @cached_property
    def _thresholds(self) -> dict[str | None, Thresholds]:
        # Read on every timer tick of every card: worked out once.
        limits: dict[str | None, Thresholds] = {
            None: Thresholds(
                timedelta(minutes=self.amber_after_minutes),
                timedelta(minutes=self.red_after_minutes),
            )
        }
        for station, own in self.stations.items():
            amber = own.amber_after_minutes or self.amber_after_minutes
            red = own.red_after_minutes or self.red_after_minutes
            limits[station] = Thresholds(timedelta(minutes=amber), timedelta(minutes=red))
        return limits

    def station_prep(self, station: str) -> timedelta:
        """The default prep time of a station's lines."""
        own = self.stations.get(station)
        minutes = (own and own.prep_minutes) or self.prep_minutes
        return timedelta(minutes=minutes)

    def article_prep(self, ref: str | None) -> timedelta | None:
        """The article's own prep time, or None."""
        minutes = self.article_prep_minutes.get(ref) if ref is not None else None
        return timedelta(minutes=minutes) if minutes is not None else None


def unknown_stations(settings: KitchenSettings, station_ids: Collection[str]) -> list[str]:
    """Problems of `[kitchen]` keys that name a station not configured (for the settings check)."""
    known = ", ".join(map(repr, station_ids)) or "none configured"
    problems: list[str] = []
    if settings.default_station is not None and settings.default_station not in station_ids:
        problems.append(
            f"default_station names unknown station {settings.default_station!r}"
            f" (the [[stations]] ids: {known})"
        )
    problems.extend(
        f"stations names unknown station {station!r} (the [[stations]] ids: {known})"
        for station in settings.stations
        if station not in station_ids
    )
    return problems


def _minutes(value: timedelta) -> str:
    return f"{value.total_seconds() / 60:g}"


@dataclass(frozen=True)
class KitchenConfig:
    """What every kitchen rule takes: where lines go, and how the kitchen works."""

    routing: Routing = field(default_factory=Routing)
    settings: KitchenSettings = field(default_factory=KitchenSettings)

    @classmethod
    def build(
        cls,
        stations: Sequence[StationSpec],
        settings: KitchenSettings,
        article_groups: Mapping[str, str] | None = None,
    ) -> KitchenConfig:
        """The configured stations and `[kitchen]` settings, with the catalog's article
        groups (ref -> group) for lines that name only their article."""
        routing = Routing(tuple(stations), settings.default_station, article_groups or {})
        return cls(routing, settings)
