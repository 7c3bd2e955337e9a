"""The one settings model: read once from a TOML file at start, validated whole, passed in."""

from __future__ import annotations

import tomllib
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kds.domain.retention import DEFAULT_DAY_STARTS_AT, DEFAULT_KEEP_DAYS, Retention
from kds.errors import KdsError
from printing.config import PrintingConfig


class SettingsError(KdsError):
    """The config file is missing, not TOML, or invalid; the message lists every problem."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DeviceSettings(_Section):
    name: Annotated[str, Field(min_length=1)] = "KDS"
    """The human name other devices see (e.g. who holds the printing role)."""
    printing: bool = False
    """Ask the connector for the printing role (exactly one device prints)."""


class ConnectorSettings(_Section):
    url: str = "ws://127.0.0.1:8765/kds"
    token: Annotated[str, Field(min_length=1)]

    @field_validator("url")
    @classmethod
    def _websocket_url(cls, url: str) -> str:
        if not url.startswith(("ws://", "wss://")):
            raise ValueError(
                f"must start with ws:// or wss:// (e.g. ws://192.168.1.10:8765/kds), not {url!r}"
            )
        return url


class MonitorKind(StrEnum):
    STATION = "station"
    """A cook's screen: the lines of its stations."""
    EXPO = "expo"
    """The counter/expo screen: whole orders, bumped when handed over."""
    PICKUP = "pickup"
    """The customer board: "in preparation" and "ready" numbers."""


class Station(_Section):
    id: Annotated[str, Field(min_length=1)]
    name: Annotated[str, Field(min_length=1)]
    groups: tuple[str, ...] = ()
    """Article groups this station prepares; a station with none takes every line."""


class MonitorSettings(_Section):
    name: Annotated[str, Field(min_length=1)]
    kind: MonitorKind = MonitorKind.STATION
    screen: str | None = None
    """Qt screen name (e.g. "HDMI-1"); none = the primary screen."""
    stations: tuple[str, ...] = ()
    """Station ids shown on a station monitor; none = every station."""
    fullscreen: bool = True


class RetentionSettings(_Section):
    """How long collected and cancelled orders, printed jobs and rejected frames are kept."""

    keep_days: Annotated[int, Field(ge=0, le=3650)] = DEFAULT_KEEP_DAYS
    """Business days kept before the current one (0: only the current business day)."""
    day_starts_at: time = DEFAULT_DAY_STARTS_AT
    """Local time a business day starts ("04:00": an order at 01:30 belongs to the evening)."""

    @field_validator("day_starts_at")
    @classmethod
    def _local_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError('a local time of day without a time zone, e.g. "04:00"')
        if value.second or value.microsecond:
            raise ValueError('hours and minutes only, e.g. "04:00"')
        return value

    def retention(self) -> Retention:
        return Retention(self.keep_days, self.day_starts_at)


class Settings(_Section):
    device: DeviceSettings = DeviceSettings()
    connector: ConnectorSettings
    stations: tuple[Station, ...] = ()
    monitors: tuple[MonitorSettings, ...] = (MonitorSettings(name="Kitchen"),)
    printing: PrintingConfig | None = None
    retention: RetentionSettings = RetentionSettings()

    @model_validator(mode="after")
    def _monitor_stations_exist(self) -> Settings:
        if not self.monitors:
            raise ValueError("at least one [[monitors]] entry is needed")
        known = {s.id for s in self.stations}
        for monitor in self.monitors:
            unknown = [s for s in monitor.stations if s not in known]
            if unknown:
                raise ValueError(
                    f"monitor {monitor.name!r} names unknown station(s): {', '.join(unknown)}"
                )
        return self


def load_settings(path: Path) -> Settings:
    """Read and validate the config file; every problem is reported at once, with its key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"  {'.'.join(str(p) for p in err['loc']) or '(top level)'}: "
            + err["msg"].removeprefix("Value error, ")
            for err in exc.errors(include_url=False)
        ]
        raise SettingsError(
            f"{path}: {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None
