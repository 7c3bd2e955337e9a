"""The one settings model: read once from a TOML file at start, validated whole, passed in."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from kds.domain.retention import DEFAULT_DAY_STARTS_AT, DEFAULT_KEEP_DAYS, Retention
from kds.errors import KdsError
from kds.resources import resource_path
from kds.validation import checked, problem, valid_entries, valid_value
from printing.config import CONFIG_DIR, PrintingConfig, RouteRule, unknown_station


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
    volume: Annotated[int, Field(ge=0, le=100)] = 70
    """Loudness of this monitor's sounds, 0–100 (% of the sound files' level)."""
    mute: bool = False
    """No sound at all from this monitor."""
    alarm_repeat_s: Annotated[float, Field(ge=1, le=3600)] = 30
    """A printer alarm rings again this often until someone silences it or it clears."""


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

    @field_validator("monitors")
    @classmethod
    def _some_monitor(cls, monitors: tuple[MonitorSettings, ...]) -> tuple[MonitorSettings, ...]:
        if not monitors:
            raise ValueError("at least one [[monitors]] entry is needed")
        return monitors

    @model_validator(mode="wrap")
    @classmethod
    def _station_references(
        cls, data: Any, handler: ModelWrapValidatorHandler[Settings]
    ) -> Settings:
        """Monitors and routes must name configured stations. Checked on the parts that are
        valid by themselves, so these problems are listed beside any other in the file."""
        return checked(data, handler, _station_problems, cls.__name__)


_STATIONS = TypeAdapter(tuple[Station, ...])
_MONITOR = TypeAdapter(MonitorSettings)
_ROUTE = TypeAdapter(RouteRule)


def _station_problems(data: Mapping[str, Any]) -> list[InitErrorDetails]:
    stations = valid_value(_STATIONS, data, "stations", ())
    if stations is None:
        return []  # which stations exist is unknown; the full validation says why
    problems: list[InitErrorDetails] = []
    ids = [s.id for s in stations]
    for i, monitor in valid_entries(_MONITOR, data.get("monitors", ())):
        for j, station in enumerate(monitor.stations):
            if station not in ids:
                known = ", ".join(map(repr, ids)) or "none configured"
                message = (
                    f"monitor {monitor.name!r} names unknown station {station!r}"
                    f" (the [[stations]] ids: {known})"
                )
                problems.append(problem(("monitors", i, "stations", j), message, station))
    printing = data.get("printing")
    if isinstance(printing, PrintingConfig):
        routes = list(enumerate(printing.routes))
    elif isinstance(printing, Mapping):
        routes = valid_entries(_ROUTE, printing.get("routes", ()))
    else:
        routes = []
    names = {s.id: s.name for s in stations}
    for i, route in routes:
        reason = unknown_station(route.station, names)
        if reason is not None:
            problems.append(problem(("printing", "routes", i, "station"), reason, route.station))
    return problems


def load_settings(path: Path) -> Settings:
    """Read and validate the config file; every problem is reported at once, with its key.

    A relative `printing.templates_dir` is taken relative to the file's folder.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(_not_found(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Settings.model_validate(raw, context={CONFIG_DIR: path.absolute().parent})
    except ValidationError as exc:
        problems = [
            f"  {'.'.join(str(p) for p in err['loc']) or '(top level)'}: "
            + err["msg"].removeprefix("Value error, ")
            for err in exc.errors(include_url=False)
        ]
        raise SettingsError(
            f"{path}: {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None


def _not_found(path: Path) -> str:
    example = resource_path("demo", "kds.toml")
    return (
        f"{path}: config file not found (looked for {path.absolute()}).\n"
        "To set this device up, start from the example configuration and edit it:\n"
        f"  cp {example} {path.absolute()}\n"
        'Every key is explained in the README\'s "Configuration" section. Another file:'
        " kds run --config FILE (or $KDS_CONFIG)."
    )
