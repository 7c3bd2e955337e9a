"""The one settings model: read once from a TOML file at start, validated whole, passed in."""

from __future__ import annotations

import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    TypeAdapter,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from kds import wire
from kds.admin import valid_pin_hash
from kds.domain.kitchen_settings import KitchenSettings, unknown_stations
from kds.domain.monitors import MonitorKind
from kds.domain.retention import DEFAULT_DAY_STARTS_AT, DEFAULT_KEEP_DAYS, Retention
from kds.errors import KdsError
from kds.resources import resource_path
from kds.validation import checked, problem, valid_entries, valid_value
from printing.config import CONFIG_DIR, PrintingConfig, RouteRule, unknown_station
from printing.i18n import Language


class ProblemKind(StrEnum):
    MISSING = "missing"
    """There is no config file yet (a new device: the set-up starts from nothing)."""
    UNREADABLE = "unreadable"
    """The file is there but cannot be read as TOML (permissions, encoding, syntax)."""
    INVALID = "invalid"
    """The file is TOML but some keys are wrong; `errors` lists each with its key."""


@dataclass(frozen=True)
class ConfigError:
    """One wrong key: where it is (as pydantic locates it) and why, in words."""

    loc: tuple[str | int, ...]
    message: str

    @property
    def key(self) -> str:
        """The key as the file writes it, e.g. ``printing.routes.0.station``."""
        return ".".join(str(part) for part in self.loc) or "(top level)"


@dataclass(frozen=True)
class ConfigProblem:
    """Why a config cannot be used, as a value: what the set-up (or `kds run`) shows."""

    path: Path
    kind: ProblemKind
    message: str
    """Every problem in words, the file first (what `kds config check` prints)."""
    errors: tuple[ConfigError, ...] = ()

    @property
    def section(self) -> str | None:
        """The config section of the first problem, as its TOML table header names it
        (``printing.routes``, ``connector``); None when the file itself is the problem or
        the first problem is a key at the top level."""
        return config_section(self.errors[0].loc) if self.errors else None


class SettingsError(KdsError):
    """The config file is missing, not TOML, or invalid; the message lists every problem."""

    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DeviceSettings(_Section):
    name: Annotated[str, Field(min_length=1)] = "KDS"
    """The human name other devices see (e.g. who holds the printing role)."""
    printing: bool = False
    """Ask the connector for the printing role (exactly one device prints)."""
    kiosk: bool = False
    """A kitchen PC: every window full screen without frames, screen blanking kept off."""
    language: Language = "en"
    """The screens' language (en, de, fr, nl), and the tickets' where a printer has none."""
    menu_language: Language | None = None
    """The language of the menu's dish names, whose rules break a long one on a card
    ("Kräuter-butter" in German); None: the screens' language."""


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


class Station(_Section):
    id: Annotated[str, Field(min_length=1)]
    name: Annotated[str, Field(min_length=1)]
    groups: tuple[str, ...] = ()
    """Article groups this station prepares; a station with none takes every line."""


class CardArrangement(StrEnum):
    """How a station or expo monitor arranges its cards."""

    TILES = "tiles"
    """Rows of cards, oldest top left, as many rows as fit; then the next page."""
    RAIL = "rail"
    """One row of cards as tall as the screen, oldest left; then the next page."""


GUEST_COLLECTS = (
    wire.FulfillmentType.PICKUP,
    wire.FulfillmentType.CURBSIDE,
    wire.FulfillmentType.DRIVE_THRU,
)
"""The orders a guest collects: the ones a pickup board shows by default."""

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
"""A colour as "#rrggbb"."""
KEY_NAMES = frozenset(
    {
        "Return", "Enter", "Space", "Backspace", "Tab", "Escape", "Insert", "Delete",
        "Home", "End", "PgUp", "PgDown", "Left", "Right", "Up", "Down",
        *(f"F{n}" for n in range(1, 25)),
    }
)  # fmt: skip
"""Named keys a bump bar may send; any other key is one printable character ("1", "R", "+")."""


def _key_name(value: str) -> str:
    if value in KEY_NAMES or (len(value) == 1 and value.isprintable() and not value.isspace()):
        return value.upper() if len(value) == 1 else value
    raise ValueError(
        f'{value!r} is not a key: one character (e.g. "R") or one of {", ".join(sorted(KEY_NAMES))}'
    )


KeyName = Annotated[str, AfterValidator(_key_name)]


class KeySettings(_Section):
    """A monitor's keys (a keyboard, or a USB bump bar that types keys): what each does."""

    select: Annotated[tuple[KeyName, ...], Field(max_length=9)] = tuple("123456789")
    """The keys that select the 1st, 2nd... card on screen (oldest first)."""
    next: KeyName = "Right"
    previous: KeyName = "Left"
    bump: KeyName = "Return"
    """Bump the selected card (the oldest when none is selected), as a tap on its header."""
    recall: KeyName = "R"
    """Put back the order this monitor finished last."""
    undo: KeyName = "Backspace"
    collected: KeyName = "C"
    """On the expo: the selected ready order is collected."""
    page: KeyName = "PgDown"
    """The next screenful of cards (from the last, back to the first)."""
    all_day: KeyName = "F9"
    """On a station: show or hide the all-day panel, as a tap on its button."""
    scan: KeyName = "F12"
    """On the expo: what a barcode scanner sends before a pickup code (set it as the
    scanner's prefix); the code's characters and Return follow, and the ready order with
    that pickup code (or display id) is collected."""

    @model_validator(mode="after")
    def _each_key_once(self) -> KeySettings:
        seen: dict[str, str] = {}
        for action, key in self.bindings():
            if key in seen:
                raise ValueError(f"key {key!r} is bound to both {seen[key]} and {action}")
            seen[key] = action
        return self

    def bindings(self) -> list[tuple[str, str]]:
        """(action, key) pairs; the select keys as "select 1", "select 2"..."""
        pairs = [(f"select {n}", key) for n, key in enumerate(self.select, 1)]
        pairs += [
            (name, getattr(self, name))
            for name in (
                "next",
                "previous",
                "bump",
                "recall",
                "undo",
                "collected",
                "page",
                "all_day",
                "scan",
            )
        ]
        return pairs


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
    layout: CardArrangement = CardArrangement.TILES
    """Station and expo: cards in rows ("tiles") or in one row as tall as the screen ("rail")."""
    columns: Annotated[int, Field(ge=0, le=12)] = 0
    """Cards side by side; 0: as many as fit 300 px wide (times `font_scale`)."""
    font_scale: Annotated[float, Field(ge=0.5, le=3)] = 1.0
    """Everything on the cards this much bigger (1.5 for a screen read from further away)."""
    pickup_types: tuple[wire.FulfillmentType, ...] = GUEST_COLLECTS
    """Pickup board: the kinds of order a guest collects (never dine-in or delivery by default)."""
    pickup_names: bool = False
    """Pickup board: the guest's first name beside the number."""
    ready_shown_minutes: Annotated[float, Field(gt=0, le=240)] = 10
    """Pickup board: a ready number leaves after this long even when nobody marked it collected."""
    logo: Path | None = None
    """Pickup board: an image shown at the top (PNG, SVG...)."""
    background: Colour | None = None
    """Pickup board: its background colour (default dark)."""
    accent: Colour | None = None
    """Pickup board: the colour of the ready numbers (default green)."""
    keys: KeySettings = KeySettings()
    """The keys (or bump bar) of this monitor: `[monitors.keys]`."""


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

    @field_serializer("day_starts_at", when_used="json")
    def _hours_and_minutes(self, value: time) -> str:
        return value.strftime("%H:%M")

    def retention(self) -> Retention:
        return Retention(self.keep_days, self.day_starts_at)


class AdminSettings(_Section):
    """The admin area (set-up, settings) is behind a PIN; kitchen staff see their screens."""

    pin_hash: str | None = None
    """The PIN as a salted scrypt hash, written by `kds admin set-pin`; none = no PIN set."""

    @field_validator("pin_hash")
    @classmethod
    def _written_by_kds(cls, value: str | None) -> str | None:
        if value is not None and not valid_pin_hash(value):
            raise ValueError("not a PIN hash kds wrote; set the PIN with: kds admin set-pin")
        return value


class Settings(_Section):
    device: DeviceSettings = DeviceSettings()
    connector: ConnectorSettings
    stations: tuple[Station, ...] = ()
    monitors: tuple[MonitorSettings, ...] = (MonitorSettings(name="Kitchen"),)
    printing: PrintingConfig | None = None
    retention: RetentionSettings = RetentionSettings()
    admin: AdminSettings = AdminSettings()
    kitchen: KitchenSettings = KitchenSettings()
    """How the kitchen works its orders: roll-up, stray lines, timer colours, prep times."""

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
_KITCHEN = TypeAdapter(KitchenSettings)


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
    kitchen = valid_value(_KITCHEN, data, "kitchen", KitchenSettings())
    if kitchen is not None:
        problems.extend(
            problem(("kitchen",), reason, None) for reason in unknown_stations(kitchen, ids)
        )
    return problems


def load_settings(path: Path) -> Settings:
    """Read and validate the config file; every problem is reported at once, with its key.

    A relative `printing.templates_dir` is taken relative to the file's folder. Raises
    SettingsError, whose `problem` says what kind of problem it is and where.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(ConfigProblem(path, ProblemKind.MISSING, _not_found(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"{path}: cannot read the config file: {exc}"
        raise SettingsError(ConfigProblem(path, ProblemKind.UNREADABLE, reason)) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = f"{path}: not valid TOML: {exc}"
        raise SettingsError(ConfigProblem(path, ProblemKind.UNREADABLE, reason)) from None
    except RecursionError:
        reason = f"{path}: not valid TOML: nested too deep"
        raise SettingsError(ConfigProblem(path, ProblemKind.UNREADABLE, reason)) from None
    return validate_settings(raw, path)


def validate_settings(raw: Mapping[str, Any], path: Path) -> Settings:
    """The settings a TOML document (as tomllib reads it) describes, for the file at `path`
    (a relative `printing.templates_dir` is taken from its folder). Raises SettingsError
    listing every problem with its key."""
    try:
        return Settings.model_validate(raw, context={CONFIG_DIR: path.absolute().parent})
    except ValidationError as exc:
        errors = tuple(
            ConfigError(tuple(err["loc"]), err["msg"].removeprefix("Value error, "))
            for err in exc.errors(include_url=False)
        )
        lines = [f"  {error.key}: {error.message}" for error in errors]
        message = f"{path}: {len(errors)} problem(s):\n" + "\n".join(lines)
        raise SettingsError(ConfigProblem(path, ProblemKind.INVALID, message, errors)) from None


def config_section(loc: tuple[str | int, ...]) -> str | None:
    """The TOML table a key is in: ``("printing", "routes", 2, "station")`` is in
    ``printing.routes``, ``("connector", "url")`` in ``connector``; None at the top level.

    Follows the settings models: a part naming a section (a model, or a list of them) goes
    into the name, a list index is skipped, and the first plain key ends it."""
    names: list[str] = []
    model: type[BaseModel] | None = Settings
    parts = list(loc)
    while parts and model is not None:
        part = parts.pop(0)
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            break
        model, is_list = _section_model(field.annotation)
        if model is None:
            break
        names.append(str(part))
        if is_list and parts and isinstance(parts[0], int):
            parts.pop(0)
    return ".".join(names) or None


def _section_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field's annotation holds (`X`, `X | None`, `tuple[X, ...]`, an
    `Annotated` X), and whether it is a list of them; (None, False) for a plain value."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _section_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, is_list = _section_model(arg)
            if model is not None:
                return model, is_list
        return None, False
    if origin is tuple:
        model, _ = _section_model(typing.get_args(annotation)[0])
        return model, model is not None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _not_found(path: Path) -> str:
    example = resource_path("demo", "kds.toml")
    folder = path.absolute().parent
    mkdir = "" if folder.is_dir() else f"  mkdir -p {folder}\n"
    return (
        f"{path}: config file not found (looked for {path.absolute()}).\n"
        "To set this device up, start from the example configuration and edit it:\n"
        f"{mkdir}  cp {example} {path.absolute()}\n"
        'Every key is explained in the README\'s "Configuration" section. Another file:'
        " kds run --config FILE (or $KDS_CONFIG)."
    )
