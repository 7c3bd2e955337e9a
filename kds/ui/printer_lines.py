"""The printers in staff's words: the expo's printer-status lines and the stations' alarms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from kds.settings import MonitorSettings, Station
from kds.ui.cards import tr
from kds.ui.status import PrinterAlarm, StatusLine
from printing.config import PrintingConfig
from printing.routing import printers_for_stations

if TYPE_CHECKING:
    from printing.spooler import PrinterState


def printer_lines(
    states: Sequence[PrinterState],
    unrouted: Iterable[tuple[str, str]],
    catalog_problems: Iterable[str],
    now: datetime,
) -> list[StatusLine]:
    """The printer-status area: one line per printer and per ticket a printer holds, then
    the lines no printer takes and the routes the synced catalog does not know."""
    local = now.astimezone()
    lines: list[StatusLine] = []
    for printer in states:
        problem = printer.problem is not None or printer.failed > 0
        lines.append(StatusLine(printer.describe(local, tr), problem=problem))
        # "Kitchen holds #G-1 until the paper is refilled": that ticket will be late.
        lines.extend(StatusLine(held, problem=True) for held in printer.held_lines(tr))
    lines.extend(
        StatusLine(
            tr("#{number}: '{label}' has no printer — add a route or a default printer").format(
                number=number, label=label
            ),
            problem=True,
        )
        for number, label in unrouted
    )
    lines.extend(
        StatusLine(
            tr("Printer routes: {problem}").format(problem=problem),
            problem=True,
        )
        for problem in catalog_problems
    )
    return lines


def printer_alarms(states: Iterable[PrinterState]) -> list[PrinterAlarm]:
    """Each printer's problems for the stations' red line ("Kitchen printer: paper out")."""
    alarms: list[PrinterAlarm] = []
    for p in states:
        texts: list[str] = []
        if p.problem is not None:
            texts.append(
                tr("{printer} printer: {problem}").format(printer=p.name, problem=tr(p.problem))
            )
        texts.extend(p.held_lines(tr))
        alarms.append(PrinterAlarm(p.name, tuple(texts), p.on_backup_to))
    return alarms


def station_printers(
    config: PrintingConfig, stations: Sequence[Station], monitor: MonitorSettings
) -> frozenset[str]:
    """The printers a station monitor's lines can go to: those of its stations (none = all)."""
    wanted = monitor.stations
    chosen = [s for s in stations if not wanted or s.id in wanted]
    takes_all = not chosen or any(not s.groups for s in chosen)
    groups = None if takes_all else frozenset(g for s in chosen for g in s.groups)
    names = frozenset(n for s in chosen for n in (s.id, s.name))
    return printers_for_stations(config, groups, names)
