"""Speed of service: each order's timings, and a day's averages, 90th percentiles and lates."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from types import MappingProxyType

from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.rollup import done_at, is_ready
from kds.domain.schedule import release_time
from kds.domain.tickets import Ticket


@dataclass(frozen=True)
class ServiceRecord:
    """The timings of one order, kept after it leaves the screens (one row per order)."""

    order_id: str
    display_id: str
    received_at: datetime
    released_at: datetime
    station_done_at: Mapping[str, datetime]
    """Station id -> when it finished its part (stations not done yet are missing)."""
    ready_at: datetime | None
    collected_at: datetime | None
    due_at: datetime | None
    cancelled: bool = False

    @property
    def finished_at(self) -> datetime | None:
        """When the guest's order was done: ready, else collected."""
        return self.ready_at or self.collected_at

    def late(self, now: datetime) -> bool:
        """Finished after `due_at`, or not finished and `due_at` has passed."""
        if self.due_at is None:
            return False
        finished = self.finished_at
        return (finished if finished is not None else now) > self.due_at


def service_record(ticket: Ticket, config: KitchenConfig) -> ServiceRecord:
    """The order's timings so far: the store writes it whenever the order's status changes."""
    times = ticket.times
    routing = config.routing
    done: dict[str, datetime] = {}
    for station in routing.stations_of(ticket.order):
        if not done_at(ticket, station, config):
            continue
        marks = [
            times.line_done_at[line.item.line_id]
            for line in routing.lines_at(ticket.order, (station,))
            if line.item.line_id in times.line_done_at
        ]
        at = times.station_done_at.get(station) or max(marks, default=times.ready_at)
        if at is not None:
            done[station] = at
    ready_at = times.ready_at
    if ready_at is None and is_ready(ticket, config) and done:
        ready_at = max(done.values())  # ready because its stations are, no expo bump
    return ServiceRecord(
        order_id=ticket.id,
        display_id=ticket.state.display_id,
        received_at=times.received_at,
        released_at=release_time(ticket, config),
        station_done_at=MappingProxyType(done),
        ready_at=ready_at,
        collected_at=times.collected_at,
        due_at=ticket.order.fulfillment.due_at,
        cancelled=ticket.state.cancelled,
    )


@dataclass(frozen=True)
class Stat:
    """How long it took: count, average and 90th percentile (nearest rank)."""

    count: int
    average: timedelta | None
    p90: timedelta | None
    late: int


def _stat(spans: Sequence[timedelta], late: int) -> Stat:
    if not spans:
        return Stat(0, None, None, late)
    ordered = sorted(spans)
    average = sum(ordered, timedelta(0)) / len(ordered)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return Stat(len(ordered), average, p90, late)


@dataclass(frozen=True)
class ReportRow:
    """One line of the report: the whole order or one station, for the day or one hour."""

    station: str | None
    """Station id; None for the whole order (release to ready)."""
    name: str
    """The station's name; "" for the whole order."""
    hour: int | None
    """Local hour of release (0-23); None for the whole day."""
    stat: Stat


@dataclass(frozen=True)
class ServiceReport:
    day: date
    orders: int
    late: int
    rows: tuple[ReportRow, ...]

    def row(self, station: str | None = None, hour: int | None = None) -> ReportRow | None:
        return next((r for r in self.rows if r.station == station and r.hour == hour), None)


def service_report(
    records: Iterable[ServiceRecord],
    day: date,
    zone: tzinfo,
    config: KitchenConfig,
    now: datetime,
    *,
    day_starts_at: time = time(0),
) -> ServiceReport:
    """The day's speed of service (orders released that service day, cancelled ones left
    out). A service day starts at `day_starts_at` local time: with 04:00, an order released
    at 01:30 counts for the evening before (its hour, 01:00, listed after the evening's).

    Rows: the whole order (release to ready) and each station (release to its bump), for
    the whole day and for each hour with orders. `late` counts orders finished after their
    `due_at` (or still open past it at `now`).
    """
    todays = [
        r
        for r in records
        if not r.cancelled and service_day(r.released_at, zone, day_starts_at) == day
    ]
    stations = [s.id for s in config.routing.stations]
    rows: list[ReportRow] = []
    hours = sorted(
        {r.released_at.astimezone(zone).hour for r in todays},
        key=lambda hour: (hour - day_starts_at.hour) % 24,
    )
    scopes: list[tuple[str | None, str]] = [(None, "")]
    scopes.extend((s, config.routing.name(s)) for s in stations)
    for station, name in scopes:
        for hour in (None, *hours):
            group = [
                r for r in todays if hour is None or r.released_at.astimezone(zone).hour == hour
            ]
            if station is not None:
                group = [r for r in group if station in r.station_done_at]
            spans = [end - r.released_at for r in group if (end := _end(r, station)) is not None]
            if station is not None and not spans:
                continue
            late = sum(1 for r in group if r.late(now))
            rows.append(ReportRow(station, name, hour, _stat(spans, late)))
    return ServiceReport(day, len(todays), sum(1 for r in todays if r.late(now)), tuple(rows))


def service_day(at: datetime, zone: tzinfo, day_starts_at: time = time(0)) -> date:
    """The service day `at` falls in: its local date, less a day before `day_starts_at`."""
    local = at.astimezone(zone)
    start = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return (local.replace(tzinfo=None) - start).date()


def _end(record: ServiceRecord, station: str | None) -> datetime | None:
    if station is None:
        return record.finished_at
    return record.station_done_at.get(station)


def _seconds(span: timedelta | None) -> str:
    return "" if span is None else str(round(span.total_seconds()))


CSV_HEADER = ("day", "station", "hour", "orders", "average_seconds", "p90_seconds", "late")


def report_csv(report: ServiceReport) -> str:
    """The report as CSV for `kds report --day ... --csv` (one row per report row; the
    whole order's rows name no station; hours as "18:00", the day's totals as "all")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        writer.writerow(
            (
                report.day.isoformat(),
                row.name if row.station is not None else "",
                "all" if row.hour is None else f"{row.hour:02d}:00",
                row.stat.count,
                _seconds(row.stat.average),
                _seconds(row.stat.p90),
                row.stat.late,
            )
        )
    return out.getvalue()
