"""The `[printing]` section of the config: printers, routing rules and spooler timing.

Every model is frozen and forbids unknown keys; a printer takes the keys of its transport
only. Cross-references (printer names in routes, documents, backups and the default
printer, backup loops, duplicate names) are checked on every part that is valid by itself,
so one error lists every problem with its key, e.g. ``routes.2.printers.0: unknown printer
'Grill'``, beside any other problem in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType, new_class
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ModelWrapValidatorHandler,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, core_schema

from kds.validation import Loc, checked, problem, valid_entries, valid_value
from kds.wire import FulfillmentType
from printing.i18n import Language
from printing.transports import TRANSPORTS, Transport, TransportSettings, make_transport

if TYPE_CHECKING:
    from printing.render import PrinterOptions

DEFAULT_COLUMNS = {58: 32, 80: 48}
"""Characters per line in the standard font A, by paper width."""

CONFIG_DIR = "config_dir"
"""Validation context key: the config file's folder, which a relative `templates_dir` is in."""


Name = Annotated[str, Field(min_length=1)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PrinterBase(_Section):
    """The keys every printer has, whatever its transport.

    A printer in the config is a `PrinterConfig`: this base plus the keys of its transport's
    settings model (`printing.transports.TRANSPORTS`), written flat in one
    ``[[printing.printers]]`` table. Only `PrinterConfig` builds printers.
    """

    name: Name
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
    language: Language | None = None
    """The tickets' language (en, de, fr, nl); none = the device's `[device] language`."""

    @property
    def settings(self) -> TransportSettings:
        """How to reach this printer: its transport's keys (`settings.transport` names it).

        Each printer model subclasses its transport's settings model (see `_printer_model`),
        so this is the printer itself, seen as those settings."""
        assert isinstance(self, TransportSettings), "printers are built as a PrinterConfig"
        return self

    @property
    def line_columns(self) -> int:
        return self.columns if self.columns is not None else DEFAULT_COLUMNS[self.paper_mm]

    def make_transport(self) -> Transport:
        """A new, unopened transport to this printer."""
        return make_transport(self.settings, supports_status=self.status)

    def printer_options(self, device_language: str = "en") -> PrinterOptions:
        """How the renderer lays out tickets for this printer (in its own language, else
        `device_language`)."""
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
            language=self.language or device_language,
        )


def _printer_model(settings: type[TransportSettings]) -> type[PrinterBase]:
    """The ``[[printing.printers]]`` table of one transport: the common keys and its own."""
    name = settings.__name__.removesuffix("Settings") + "Printer"
    namespace = {"__module__": __name__, "__qualname__": name, "__doc__": settings.__doc__}
    model = new_class(name, (PrinterBase, settings), exec_body=lambda ns: ns.update(namespace))
    assert issubclass(model, PrinterBase)
    return model


PRINTER_MODELS: Mapping[str, type[PrinterBase]] = MappingProxyType(
    {kind: _printer_model(settings) for kind, settings in TRANSPORTS.items()}
)
"""One printer model per transport, by the value of its `transport` key."""


def _keyed_by_file(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """pydantic's errors of a printer, located as the file writes them: ``printers.1.host``,
    not ``printers.1.usb.host`` (the transport is a key, not a table)."""
    try:
        return handler(value)
    except ValidationError as exc:
        kind = value.get("transport") if isinstance(value, Mapping) else None
        problems = [_keyed_problem(error, kind) for error in exc.errors()]
        raise ValidationError.from_exception_data(exc.title, problems) from None


def _keyed_problem(error: ErrorDetails, kind: Any) -> InitErrorDetails:
    loc, message = error["loc"], error["msg"]
    kinds = _one_of([repr(k) for k in PRINTER_MODELS])
    if error["type"] == "union_tag_not_found":
        return problem(("transport",), f"Field required ({kinds})")
    if error["type"] == "union_tag_invalid":
        return problem(("transport",), f"Input should be {kinds}", kind)
    if loc[:1] != (kind,):
        return problem(loc, message, error["input"])
    loc = loc[1:]
    key = loc[0] if len(loc) == 1 else None
    if error["type"] == "missing" and key in TRANSPORTS[kind].model_fields:
        message = f"required for a {kind} printer"
    elif error["type"] == "extra_forbidden":
        takers = [k for k, model in TRANSPORTS.items() if key in model.model_fields]
        if takers:
            message += f" for a {kind} printer ({key!r} is a key of {_one_of(takers)} printers)"
    return problem(loc, message, error["input"])


def _one_of(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


class _ByTransport:
    """Validates a printer as the model its `transport` key names (a tagged union)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        choices = {kind: handler.generate_schema(m) for kind, m in PRINTER_MODELS.items()}
        union = core_schema.tagged_union_schema(choices, discriminator="transport")
        return core_schema.no_info_wrap_validator_function(_keyed_by_file, union)


PrinterConfig = Annotated[PrinterBase, _ByTransport()]
"""One printer and how to reach it: a discriminated union on `transport` of `PRINTER_MODELS`,
so a key another transport takes (a `host` on a USB printer) is an error naming it."""


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
    loyalty: bool = True
    """Print the order's loyalty block (card, points, wallet) when it has one; off for a
    document at a terminal where loyalty is switched off."""

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
        """Printer names and backups are checked on the parts that are valid by themselves,
        so these problems are listed beside any other in the file."""
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
    """Route keys the catalog does not know (after "Sync now"): a typo in the config, or a
    group or article that disappeared from the shop. Each names its route."""
    problems: list[str] = []
    for route in config.routes:
        for group in route.groups:
            if group not in groups:
                problems.append(
                    f"route {route.name!r}: article group {group!r} is not in the synced catalog"
                )
        for ref in route.refs:
            if ref not in refs:
                problems.append(
                    f"route {route.name!r}: article {ref!r} is not in the synced catalog"
                )
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
