"""What the set-up wizard has collected so far, and the config document it makes (no Qt)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kds.settings import SettingsError, validate_settings


@dataclass
class MonitorChoice:
    """The profile picked for one screen Qt sees."""

    screen: str
    kind: str = "station"
    """station, expo or pickup (the `monitors.kind` values)."""
    station: str | None = None
    """The station id a station screen shows; None: every station."""


@dataclass
class RouteChoice:
    """One row of the routes table: an article group and where its lines go."""

    group_id: str
    group_name: str
    station: str | None = None
    """Station id, or None: no station's screen takes the group specially."""
    printer: str | None = None
    """Printer name, or None: the group is not printed by a route."""
    copies: int = 1
    backup: str | None = None
    """The printer that takes over when `printer` fails (a key of that printer)."""


@dataclass
class Draft:
    """Everything the pages fill in; `document()` is the TOML the summary saves."""

    device_name: str = "KDS"
    printing: bool = False
    url: str = ""
    token: str = ""
    stations: list[tuple[str, str]] = field(default_factory=list)
    """(id, name) of each station, as the monitors page lists them."""
    monitors: list[MonitorChoice] = field(default_factory=list)
    printers: list[dict[str, Any]] = field(default_factory=list)
    """Each printer's config keys (name, transport and its keys, profile settings)."""
    routes: list[RouteChoice] = field(default_factory=list)
    default_printer: str | None = None
    default_station: str | None = None
    """Station id that takes lines no station's groups take (`kitchen.default_station`)."""
    documents: list[dict[str, Any]] = field(default_factory=list)
    """The whole-order document rules (`printing.documents`: receipts), with their
    `loyalty` switch."""
    kept: dict[str, Any] = field(default_factory=dict)
    """What the file had that the wizard does not set (the admin PIN, retention, receipt
    documents, kiosk mode…), by section: saved again as it was."""

    def set_stations(self, text: str) -> None:
        """Stations as typed: names separated by commas ("Grill, Cold, Bar")."""
        names = [name.strip() for name in text.split(",") if name.strip()]
        self.stations = [(station_id(name), name) for name in dict.fromkeys(names)]

    def station_name(self, sid: str | None) -> str | None:
        return next((name for i, name in self.stations if i == sid), None)

    def route_rules(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = []
        for route in self.routes:
            if route.printer is None:
                continue
            rule: dict[str, Any] = {
                "name": route.group_name,
                "groups": [route.group_id],
                "printers": [route.printer],
                "copies": route.copies,
            }
            station = self.station_name(route.station)
            if station is not None:
                rule["station"] = station
            rules.append(rule)
        return rules

    def printer_tables(self) -> list[dict[str, Any]]:
        backups = {r.printer: r.backup for r in self.routes if r.printer and r.backup}
        tables = []
        for printer in self.printers:
            table = dict(printer)
            backup = backups.get(printer["name"])
            if backup is not None:
                table["backup"] = backup
            tables.append(table)
        return tables

    def document(self) -> dict[str, Any]:
        """The config as a TOML document (what `save_settings` validates and writes)."""
        kept = self.kept
        doc: dict[str, Any] = {
            **{k: v for k, v in kept.items() if k not in _SET_BY_WIZARD},
            "device": {
                **kept.get("device", {}),
                "name": self.device_name,
                "printing": self.printing,
            },
            "connector": {**kept.get("connector", {}), "url": self.url, "token": self.token},
        }
        if self.stations:
            groups = {
                sid: [r.group_id for r in self.routes if r.station == sid]
                for sid, _ in self.stations
            }
            doc["stations"] = [
                {"id": sid, "name": name, "groups": groups[sid]} for sid, name in self.stations
            ]
        monitors = []
        for n, monitor in enumerate(self.monitors, start=1):
            table: dict[str, Any] = {"name": f"Screen {n}", "kind": monitor.kind}
            if monitor.screen:
                table["screen"] = monitor.screen
            if monitor.kind == "station" and monitor.station is not None:
                table["stations"] = [monitor.station]
                table["name"] = self.station_name(monitor.station) or table["name"]
            monitors.append(table)
        if monitors:
            doc["monitors"] = monitors
        if self.printers:
            printing: dict[str, Any] = {
                **kept.get("printing", {}),
                "printers": self.printer_tables(),
                "routes": self.route_rules(),
            }
            if self.default_printer is not None:
                printing["default_printer"] = self.default_printer
            if self.documents:
                printing["documents"] = self.documents
            doc["printing"] = printing
        kitchen = dict(kept.get("kitchen", {}))
        if self.default_station is not None and self.station_name(self.default_station):
            kitchen["default_station"] = self.default_station
        if kitchen:
            doc["kitchen"] = kitchen
        return doc

    def add_receipt(self, printer: str) -> None:
        """A customer receipt for every order on `printer`, with the loyalty block."""
        name = f"Receipt {printer}"
        if not any(d.get("name") == name for d in self.documents):
            self.documents.append(
                {"template": "receipt", "name": name, "printers": [printer], "loyalty": True}
            )

    def route_problems(self, path: Path) -> list[str]:
        """What is wrong with the routes, each naming its route (never a list index)."""
        problems = []
        chosen: dict[str, tuple[str, str]] = {}
        for route in self.routes:
            if route.printer is None:
                continue
            if route.backup == route.printer:
                problems.append(f"route {route.group_name!r}: the backup is the printer itself")
            if route.backup is None:
                continue
            earlier = chosen.setdefault(route.printer, (route.backup, route.group_name))
            if earlier[0] != route.backup:
                problems.append(
                    f"route {route.group_name!r}: printer {route.printer!r} already has backup"
                    f" {earlier[0]!r} (route {earlier[1]!r})"
                )
        if problems:
            return problems
        names = [r["name"] for r in self.route_rules()]
        labels = [str(d.get("name") or d.get("template")) for d in self.documents]
        try:
            validate_settings(self.document(), path)
        except SettingsError as exc:
            for error in exc.problem.errors:
                loc = error.loc
                if loc[:2] == ("printing", "routes") and len(loc) > 2 and isinstance(loc[2], int):
                    problems.append(f"route {names[loc[2]]!r}: {error.message}")
                elif (
                    loc[:2] == ("printing", "documents")
                    and len(loc) > 2
                    and isinstance(loc[2], int)
                    and loc[2] < len(labels)
                ):
                    problems.append(f"document {labels[loc[2]]!r}: {error.message}")
                elif loc[:1] in (("printing",), ("kitchen",)):
                    problems.append(f"{error.key}: {error.message}")
        return problems


_SET_BY_WIZARD = ("device", "connector", "stations", "monitors", "printing", "kitchen")
"""Sections the wizard writes; other sections are kept as the file had them."""
_KEYS_SET = {
    "device": ("name", "printing"),
    "connector": ("url", "token"),
    "printing": ("printers", "routes", "default_printer", "documents"),
    "kitchen": ("default_station",),
}


def station_id(name: str) -> str:
    """A station's id from its name: "Cold kitchen" → "cold-kitchen"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "station"


def draft_from_file(path: Path) -> Draft:
    """A draft with what can be read from an existing (even invalid) config: the device
    name, printing role, connector URL and token; nothing when the file is not TOML."""
    draft = Draft()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return draft
    for section, value in raw.items():
        if section not in _SET_BY_WIZARD:
            draft.kept[section] = value
        elif section in _KEYS_SET and isinstance(value, dict):
            draft.kept[section] = {k: v for k, v in value.items() if k not in _KEYS_SET[section]}
    printing, kitchen = raw.get("printing"), raw.get("kitchen")
    if isinstance(printing, dict) and isinstance(printing.get("documents"), list):
        draft.documents = [d for d in printing["documents"] if isinstance(d, dict)]
    if isinstance(kitchen, dict) and isinstance(kitchen.get("default_station"), str):
        draft.default_station = kitchen["default_station"]
    device, connector = raw.get("device"), raw.get("connector")
    if isinstance(device, dict):
        if isinstance(device.get("name"), str):
            draft.device_name = device["name"]
        if isinstance(device.get("printing"), bool):
            draft.printing = device["printing"]
    if isinstance(connector, dict):
        if isinstance(connector.get("url"), str):
            draft.url = connector["url"]
        if isinstance(connector.get("token"), str):
            draft.token = connector["token"]
    return draft
