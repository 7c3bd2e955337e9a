"""What the set-up wizard has collected so far, and the config document it makes (no Qt)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kds.settings import SettingsError, validate_settings
from printing.i18n import LANGUAGES


@dataclass
class MonitorChoice:
    """The profile picked for one screen Qt sees."""

    screen: str
    kind: str = "station"
    """station, expo or pickup (the `monitors.kind` values)."""
    station: str | None = None
    """The station id a station screen shows; None: every station."""
    kept: dict[str, Any] = field(default_factory=dict)
    """The file's other keys of this screen's monitor (its name while the profile is the
    same, volume, mute, fullscreen…)."""


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
    station_on_ticket: bool = True
    """The ticket header names the station (a route from the file that named none keeps
    naming none)."""


@dataclass
class ArticleChoice:
    """An article with a route of its own (a rule naming its ref): its lines print there
    instead of with its group's (routing lets the rule naming the ref win)."""

    ref: str
    name: str
    """The route's name: "article <its name>" when the wizard made it, else the file's."""
    printer: str
    copies: int = 1
    station: str | None = None
    """Station id named on the ticket header, or None: none."""


ARTICLE_ROUTE = "article {name}"
"""The name of a route the wizard makes for one article."""


@dataclass
class Draft:
    """Everything the pages fill in; `document()` is the TOML the summary saves."""

    device_name: str = "KDS"
    printing: bool = False
    language: str = "en"
    """The device's language (`kds.i18n.LANGUAGES`): the wizard speaks it as soon as chosen."""
    url: str = ""
    token: str = ""
    stations: list[tuple[str, str]] = field(default_factory=list)
    """(id, name) of each station, as the monitors page lists them."""
    station_groups: dict[str, list[str]] = field(default_factory=dict)
    """The file's groups of each station (by the wizard's id): kept for groups the routes
    table does not list; a group in the table goes to the station chosen there."""
    monitors: list[MonitorChoice] = field(default_factory=list)
    printers: list[dict[str, Any]] = field(default_factory=list)
    """Each printer's config keys (name, transport and its keys, profile settings)."""
    routes: list[RouteChoice] = field(default_factory=list)
    articles: list[ArticleChoice] = field(default_factory=list)
    """The articles given a station/printer of their own ("articles on demand")."""
    route_order: list[str] = field(default_factory=list)
    """The names of the file's route rules, in its order."""
    other_routes: list[dict[str, Any]] = field(default_factory=list)
    """Route rules from the file the routes table cannot show (several groups or refs,
    fulfillment or source filters…): saved again as they were."""
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
        rules: list[dict[str, Any]] = list(self.other_routes)
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
            if station is not None and route.station_on_ticket:
                rule["station"] = station
            rules.append(rule)
        for article in self.articles:
            rule = {
                "name": article.name,
                "refs": [article.ref],
                "printers": [article.printer],
                "copies": article.copies,
            }
            station = self.station_name(article.station)
            if station is not None:
                rule["station"] = station
            rules.append(rule)
        # In the file's order (among equally specific rules the first one wins), new last.
        order = {name: n for n, name in enumerate(self.route_order)}
        return sorted(rules, key=lambda r: order.get(str(r.get("name")), len(order)))

    def _groups_of(self, sid: str) -> list[str]:
        """A station's groups: the file's (in its order) unless the table moved them, then
        the ones the table gives it."""
        table = {r.group_id: r.station for r in self.routes}
        kept = [g for g in self.station_groups.get(sid, ()) if table.get(g, sid) == sid]
        return kept + [g for g, at in table.items() if at == sid and g not in kept]

    def printer_tables(self) -> list[dict[str, Any]]:
        """Each printer's table; its backup is the one its routes in the table chose (a
        printer no table route uses keeps the backup it had)."""
        backups = {r.printer: r.backup for r in self.routes if r.printer and r.backup}
        in_table = {r.printer for r in self.routes if r.printer}
        tables = []
        for printer in self.printers:
            table = dict(printer)
            if printer["name"] in in_table:
                table.pop("backup", None)
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
                "language": self.language,
            },
            "connector": {**kept.get("connector", {}), "url": self.url, "token": self.token},
        }
        if self.stations:
            groups = {sid: self._groups_of(sid) for sid, _ in self.stations}
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
            table.update(monitor.kept)
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
        names = [str(r.get("name", "?")) for r in self.route_rules()]
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
    "device": ("name", "printing", "language"),
    "connector": ("url", "token"),
    "printing": ("printers", "routes", "default_printer", "documents"),
    "kitchen": ("default_station",),
}


def station_id(name: str) -> str:
    """A station's id from its name: "Cold kitchen" → "cold-kitchen"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "station"


def draft_from_file(path: Path) -> Draft:
    """A draft with what can be read from an existing (even invalid) config: the device
    name, printing role, language, connector URL and token; nothing when the file is not TOML."""
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
    _read_setup(draft, raw)
    device, connector = raw.get("device"), raw.get("connector")
    if isinstance(device, dict):
        if isinstance(device.get("name"), str):
            draft.device_name = device["name"]
        if isinstance(device.get("printing"), bool):
            draft.printing = device["printing"]
        if device.get("language") in LANGUAGES:
            draft.language = device["language"]
    if isinstance(connector, dict):
        if isinstance(connector.get("url"), str):
            draft.url = connector["url"]
        if isinstance(connector.get("token"), str):
            draft.token = connector["token"]
    return draft


_TABLE_KEYS = {"name", "groups", "printers", "copies", "station"}
"""A route rule with only these keys, one group and one printer is a row of the table."""
_ARTICLE_KEYS = {"name", "refs", "printers", "copies", "station"}
"""A route rule with only these keys, one ref and one printer is an article's own route."""


def _one_str(value: Any) -> str | None:
    """The only string of a list of one string, else None."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _read_setup(draft: Draft, raw: dict[str, Any]) -> None:
    """Stations, printers, routes, documents and the defaults of an existing file, so the
    wizard opened again (from the admin area) starts from what the kitchen has. Station
    ids are the wizard's own (from the names); what refers to them is mapped."""
    ids: dict[str, str] = {}
    for station in _dicts(raw.get("stations")):
        name = station.get("name")
        if isinstance(name, str) and name.strip():
            ids[str(station.get("id"))] = station_id(name)
            groups = station.get("groups")
            if isinstance(groups, list):
                draft.station_groups[station_id(name)] = [g for g in groups if isinstance(g, str)]
            if all(n != name for _, n in draft.stations):
                draft.stations.append((station_id(name), name))
    by_name = {name: sid for sid, name in draft.stations}
    takes = {g: sid for sid, groups in draft.station_groups.items() for g in reversed(groups)}
    for monitor in _dicts(raw.get("monitors")):
        shown = monitor.get("stations")
        one = shown[0] if isinstance(shown, list) and len(shown) == 1 else None
        draft.monitors.append(
            MonitorChoice(
                screen=str(monitor.get("screen") or ""),
                kind=str(monitor.get("kind", "station")),
                station=ids.get(one) if isinstance(one, str) else None,
                kept={k: v for k, v in monitor.items() if k not in ("kind", "screen", "stations")},
            )
        )
    printing = raw.get("printing") if isinstance(raw.get("printing"), dict) else {}
    assert isinstance(printing, dict)
    backups: dict[str, str] = {}
    for printer in _dicts(printing.get("printers")):
        if isinstance(printer.get("name"), str):
            if isinstance(printer.get("backup"), str):
                backups[printer["name"]] = printer["backup"]
            draft.printers.append(dict(printer))
    for rule in _dicts(printing.get("routes")):
        draft.route_order.append(str(rule.get("name")))
        groups, printers = rule.get("groups"), rule.get("printers")
        at = rule.get("station")
        if (
            set(rule) <= _TABLE_KEYS
            and isinstance(rule.get("name"), str)
            and isinstance(groups, list)
            and len(groups) == 1
            and isinstance(groups[0], str)
            and isinstance(printers, list)
            and len(printers) == 1
            and isinstance(printers[0], str)
            and (at is None or at in by_name)
            and isinstance(rule.get("copies", 1), int)
        ):
            draft.routes.append(
                RouteChoice(
                    group_id=groups[0],
                    group_name=rule["name"],
                    station=by_name.get(at) if isinstance(at, str) else takes.get(groups[0]),
                    printer=printers[0],
                    copies=rule.get("copies", 1),
                    backup=backups.get(printers[0]),
                    station_on_ticket=at is not None,
                )
            )
        elif (
            set(rule) <= _ARTICLE_KEYS
            and isinstance(rule.get("name"), str)
            and (ref := _one_str(rule.get("refs"))) is not None
            and (to := _one_str(printers)) is not None
            and (at is None or at in by_name)
            and isinstance(rule.get("copies", 1), int)
        ):
            draft.articles.append(
                ArticleChoice(
                    ref=ref,
                    name=rule["name"],
                    printer=to,
                    copies=rule.get("copies", 1),
                    station=by_name.get(at) if isinstance(at, str) else None,
                )
            )
        else:
            draft.other_routes.append(rule)
    if isinstance(printing.get("default_printer"), str):
        draft.default_printer = printing["default_printer"]
    draft.documents = _dicts(printing.get("documents"))
    kitchen = raw.get("kitchen")
    if isinstance(kitchen, dict) and isinstance(kitchen.get("default_station"), str):
        draft.default_station = ids.get(kitchen["default_station"])
