"""`kds report`: one service day's speed of service from a data dir, as a table or as CSV."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.schedule import clock_text
from kds.domain.service_times import ServiceReport, report_csv, service_report
from kds.settings import Settings
from kds.store import open_store_readonly

_COLUMNS = ("", "hour", "orders", "average", "90 %", "late")


def day_report(data_dir: Path, settings: Settings, day: date, now: datetime) -> ServiceReport:
    """The report of one service day (its day starts at the retention's `day_starts_at`),
    read without the app's lock, so it works while the app runs."""
    config = KitchenConfig.build(settings.stations, settings.kitchen)
    zone = now.astimezone().tzinfo
    assert zone is not None
    with open_store_readonly(data_dir) as store:
        records = store.service_records(day)
    return service_report(
        records, day, zone, config, now, day_starts_at=settings.retention.day_starts_at
    )


def report_table(report: ServiceReport) -> str:
    """The report for people: one aligned line per row, times as m:ss."""
    rows = [_COLUMNS]
    for row in report.rows:
        stat = row.stat
        rows.append(
            (
                row.name if row.station is not None else "whole order",
                "all day" if row.hour is None else f"{row.hour:02d}:00",
                str(stat.count),
                clock_text(stat.average) if stat.average is not None else "-",
                clock_text(stat.p90) if stat.p90 is not None else "-",
                str(stat.late),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    lines = [f"{report.day.isoformat()}: {report.orders} orders, {report.late} late"]
    for r in rows:
        first = r[0].ljust(widths[0])
        rest = "  ".join(cell.rjust(width) for cell, width in zip(r[1:], widths[1:], strict=True))
        lines.append(f"{first}  {rest}".rstrip())
    return "\n".join(lines) + "\n"


def render(report: ServiceReport, *, as_csv: bool) -> str:
    return report_csv(report) if as_csv else report_table(report)
