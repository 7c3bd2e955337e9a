"""The `[printing]` section of the config: printers, routing rules and spooler timing.

Every model is frozen and forbids unknown keys. Cross-references (printer names in routes,
documents, backups and the default printer, backup loops, duplicate names, transport
parameters) are checked on every part that is valid by itself, so one error lists every
problem with its key, e.g. ``routes.2.printers.0: unknown printer 'Grill'``, beside any
other problem in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from kds.validation import Loc, checked, problem, valid_entries, valid_value
from kds.wire import FulfillmentType

if TYPE_CHECKING:
    from printing.render import PrinterOptions
    from printing.transports import Transport

DEFAULT_COLUMNS = {58: 32, 80: 48}
"""Characters per line in the standard font A, by paper width."""

CONFIG_DIR = "config_dir"
"""Validation context key: the config file's folder, which a relative `templates_dir` is in."""


def _usb_id(value: Any) -> Any:
    """Accept 1208, "1208" and "0x04b8" (how lsusb and vendor docs write ids)."""
    if isinstance(value, str):
        try:
            return int(value.strip(), 0)
        except ValueError:
            raise ValueError(f"{value!r} is not a USB id (e.g. 0x04b8 or 1208)") from None
    return value


UsbId = Annotated[int, BeforeValidator(_usb_id), Field(ge=0, le=0xFFFF)]
Name = Annotated[str, Field(min_length=1)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PrinterConfig(_Section):
    """One physical printer and how to reach it."""

    name: Name
    transport: Literal["network", "usb", "serial", "file"]
    host: str | None = None
    port: Annotated[int, Field(ge=1, le=65535)] = 9100
    vendor_id: UsbId | None = None
    product_id: UsbId | None = None
    device: str | None = None
    baudrate: Annotated[int, Field(gt=0)] = 9600
    path: str | None = None
    paper_mm: Literal[58, 80] = 80
    columns: Literal[32, 42, 48, 56, 64] | None = None
    """Characters per line; none = the usual width for the paper (32 on 58 mm, 48 on 80 mm)."""
    font: Literal["a", "b"] = "a"
    codepage: Name = "cp858"
    profile: Name = "default"
    status: bool = True
    """Does the printer answer real-time status (DLE EOT)? False: jobs are "sent, not confirmed"."""
    backup: str | None = None
    """Printer that takes this printer's tickets when it has been failing a while."""
    cut: bool = True
    buzzer: bool = False
    logo: str | None = None

    @property
    def line_columns(self) -> int:
        return self.columns if self.columns is not None else DEFAULT_COLUMNS[self.paper_mm]

    def missing_params(self) -> list[str]:
        """Names of the keys this printer's transport needs but the config does not give."""
        needed = {
            "network": ("host",),
            "usb": ("vendor_id", "product_id"),
            "serial": ("device",),
            "file": ("path",),
        }[self.transport]
        return [key for key in needed if getattr(self, key) in (None, "")]

    def transport_params(self) -> dict[str, Any]:
        """Keyword arguments for `printing.transports.make_transport(kind, **params)`."""
        if self.transport == "network":
            return {"host": self.host, "port": self.port, "supports_status": self.status}
        if self.transport == "usb":
            return {
                "vendor_id": self.vendor_id,
                "product_id": self.product_id,
                "supports_status": self.status,
            }
        if self.transport == "serial":
            return {
                "device": self.device,
                "baudrate": self.baudrate,
                "supports_status": self.status,
            }
        return {"path": self.path}

    def make_transport(self) -> Transport:
        """A new, unopened transport to this printer."""
        from printing.transports import make_transport

        return make_transport(self.transport, **self.transport_params())

    def printer_options(self) -> PrinterOptions:
        """How the renderer lays out tickets for this printer."""
        from printing.render import Paper, PrinterOptions

        base = Paper.mm58() if self.paper_mm == 58 else Paper.mm80()
        paper = Paper(width_mm=base.width_mm, columns=self.line_columns, font=self.font)
        return PrinterOptions(
            paper=paper,
            codepage=self.codepage,
            profile=self.profile,
            cut=self.cut,
            buzzer=self.buzzer,
            logo=None if self.logo is None else Path(self.logo),
        )


class RouteRule(_Section):
    """Which lines go to which printers. Every match list left empty matches anything."""

    name: Name
    groups: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    fulfillment: tuple[FulfillmentType, ...] = ()
    sources: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    printers: Annotated[tuple[Name, ...], Field(min_length=1)]
    copies: Annotated[int, Field(ge=1, le=10)] = 1
    template: Name = "kitchen"
    station: str | None = None
    """Station name printed on the ticket header (e.g. "Grill")."""


class DocumentRule(_Section):
    """A whole-order document (customer receipt, packing slip) for matching orders."""

    template: Name
    name: str | None = None
    printers: Annotated[tuple[Name, ...], Field(min_length=1)]
    copies: Annotated[int, Field(ge=1, le=10)] = 1
    fulfillment: tuple[FulfillmentType, ...] = ()
    sources: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.template


class PrintingConfig(_Section):
    """Printers, routing rules, documents and spooler timing."""

    printers: tuple[PrinterConfig, ...] = ()
    routes: tuple[RouteRule, ...] = ()
    documents: tuple[DocumentRule, ...] = ()
    default_printer: str | None = None
    """Where lines no rule matches go; none = such lines are reported as unrouted."""
    failover_after_s: Annotated[float, Field(gt=0)] = 3.0
    retry_initial_s: Annotated[float, Field(gt=0)] = 0.5
    retry_cap_s: Annotated[float, Field(gt=0)] = 10.0
    idle_check_s: Annotated[float, Field(ge=0)] = 15.0
    """How often an idle printer is asked for its status (0: only when printing)."""
    max_order_age_h: Annotated[float, Field(gt=0)] = 6.0
    """Orders older than this when first seen are not printed (no printing yesterday's orders)."""
    void_slips: bool = True
    change_slips: bool = True
    templates_dir: Path | None = None
    """The owner's own templates: a file there (e.g. kitchen.j2) beats the shipped one of the
    same name; names it lacks come from the shipped templates."""

    @field_validator("templates_dir")
    @classmethod
    def _existing_folder(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return None
        path = value.expanduser()
        base = (info.context or {}).get(CONFIG_DIR)
        if not path.is_absolute() and base is not None:
            path = Path(base) / path
        if not path.exists():
            raise ValueError(f"no such folder: {path}")
        if not path.is_dir():
            raise ValueError(f"not a folder: {path}")
        return path

    def printer(self, name: str) -> PrinterConfig:
        for printer in self.printers:
            if printer.name == name:
                return printer
        raise KeyError(name)

    @model_validator(mode="wrap")
    @classmethod
    def _cross_references(
        cls, data: Any, handler: ModelWrapValidatorHandler[PrintingConfig]
    ) -> PrintingConfig:
        """Printer names, backups and transport settings are checked on the parts that are
        valid by themselves, so these problems are listed beside any other in the file."""
        return checked(data, handler, _reference_problems, cls.__name__)


_PRINTER = TypeAdapter(PrinterConfig)
_ROUTE = TypeAdapter(RouteRule)
_DOCUMENT = TypeAdapter(DocumentRule)
_NAME = TypeAdapter(str | None)
_SECONDS = TypeAdapter(Annotated[float, Field(gt=0)])


def _name_of(entry: Any) -> Any:
    return entry.get("name") if isinstance(entry, Mapping) else getattr(entry, "name", None)


def _reference_problems(raw: Mapping[str, Any]) -> list[InitErrorDetails]:
    return [problem(loc, message) for loc, message in _problems(raw)]


def _problems(raw: Mapping[str, Any]) -> Iterable[tuple[Loc, str]]:
    entries = raw.get("printers", ())
    entries = entries if isinstance(entries, list | tuple) else ()
    # Every printer the file names, valid or not: a typo in one printer's port must not
    # make each route to it an "unknown printer".
    names = [_name_of(entry) for entry in entries]
    known = {name for name in names if isinstance(name, str)}
    for i, name in enumerate(names):
        if isinstance(name, str) and name in names[:i]:
            yield ("printers", i, "name"), f"duplicate printer name {name!r}"
    printers = valid_entries(_PRINTER, entries)
    for i, printer in printers:
        for key in printer.missing_params():
            yield ("printers", i, key), f"required for a {printer.transport} printer"
        if printer.backup is not None and printer.backup not in known:
            yield ("printers", i, "backup"), f"unknown printer {printer.backup!r}"
    yield from _backup_loops(printers)
    rules: list[tuple[str, int, RouteRule | DocumentRule]] = [
        *(("routes", i, r) for i, r in valid_entries(_ROUTE, raw.get("routes", ()))),
        *(("documents", i, d) for i, d in valid_entries(_DOCUMENT, raw.get("documents", ()))),
    ]
    for section, i, rule in rules:
        for j, name in enumerate(rule.printers):
            if name not in known:
                yield (section, i, "printers", j), f"unknown printer {name!r}"
    default = valid_value(_NAME, raw, "default_printer", None)
    if default is not None and default not in known:
        yield ("default_printer",), f"unknown printer {default!r}"
    fields = PrintingConfig.model_fields
    initial = valid_value(_SECONDS, raw, "retry_initial_s", fields["retry_initial_s"].default)
    cap = valid_value(_SECONDS, raw, "retry_cap_s", fields["retry_cap_s"].default)
    if initial is not None and cap is not None and cap < initial:
        yield ("retry_cap_s",), "must not be smaller than retry_initial_s"


def _backup_loops(printers: list[tuple[int, PrinterConfig]]) -> Iterable[tuple[Loc, str]]:
    backup_of = {p.name: p.backup for _, p in printers if p.backup is not None}
    reported: set[frozenset[str]] = set()
    for i, printer in printers:
        chain = [printer.name]
        current = backup_of.get(printer.name)
        while current is not None:
            if current in chain:
                loop = chain[chain.index(current) :]
                key = frozenset(loop)
                if printer.name in loop and key not in reported:
                    reported.add(key)
                    path = " -> ".join([*loop, current])
                    yield ("printers", i, "backup"), f"backup loop {path}"
                break
            chain.append(current)
            current = backup_of.get(current)


def check_catalog(config: PrintingConfig, groups: set[str], refs: set[str]) -> list[str]:
    """Route keys the catalog does not know (after "Sync now"): likely typos in the config."""
    problems: list[str] = []
    for i, route in enumerate(config.routes):
        for j, group in enumerate(route.groups):
            if group not in groups:
                problems.append(f"routes[{i}].groups[{j}]: unknown article group {group!r}")
        for j, ref in enumerate(route.refs):
            if ref not in refs:
                problems.append(f"routes[{i}].refs[{j}]: unknown article ref {ref!r}")
    return problems


def unknown_station(station: str | None, stations: Mapping[str, str]) -> str | None:
    """Why a route's `station` names no configured station (None when it does, or has none);
    `stations` maps each ``[[stations]]`` id to its name, which is what a route names."""
    names = list(stations.values())
    if station is None or station in names:
        return None
    if station in stations:
        return (
            f"unknown station {station!r}: a route names the station as printed,"
            f" here {stations[station]!r}"
        )
    if names:
        return (
            f"unknown station {station!r} (the [[stations]] names: {', '.join(map(repr, names))})"
        )
    return f"unknown station {station!r}: no [[stations]] are configured"
