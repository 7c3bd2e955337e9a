"""Speed of service: averages and 90th percentiles per station and hour, lates, the CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kds.domain.kitchen import EXPO, BumpLine, BumpOrder, Collected
from kds.domain.service_times import (
    CSV_HEADER,
    ServiceRecord,
    report_csv,
    service_day,
    service_record,
    service_report,
)

from .conftest import T0, Kitchen, kitchen_config, line, make_order, minutes

BERLIN = ZoneInfo("Europe/Berlin")  # T0 (18:00 UTC) is 19:00 there
DAY = date(2026, 12, 1)


def record(
    n: int,
    released: datetime,
    ready_after: float | None,
    stations: dict[str, float],
    due_after: float | None = None,
) -> ServiceRecord:
    return ServiceRecord(
        order_id=f"web:{n}",
        display_id=str(n),
        received_at=released,
        released_at=released,
        station_done_at={s: released + minutes(m) for s, m in stations.items()},
        ready_at=released + minutes(ready_after) if ready_after is not None else None,
        collected_at=None,
        due_at=released + minutes(due_after) if due_after is not None else None,
    )


def test_a_worked_order_becomes_a_record_with_every_time() -> None:
    k = Kitchen(kitchen_config())
    k.arrive(make_order(due_at=(T0 + minutes(15)).isoformat()))
    k.act(BumpOrder("web:1", ("bar",)), T0 + minutes(2))
    k.act(BumpOrder("web:1", ("cold",)), T0 + minutes(4))
    k.act(BumpOrder("web:1", ("grill",)), T0 + minutes(6))
    k.act(Collected("web:1"), T0 + minutes(20))
    got = service_record(k.device().ticket(), k.config)
    assert got.released_at == T0
    assert dict(got.station_done_at) == {
        "grill": T0 + minutes(6),
        "cold": T0 + minutes(4),
        "bar": T0 + minutes(2),
    }
    assert got.ready_at == T0 + minutes(6)  # rolled up by the last station's bump
    assert got.collected_at == T0 + minutes(20)
    assert not got.late(T0 + minutes(30))


def test_an_order_ready_without_any_ready_event_takes_its_last_stations_time() -> None:
    k = Kitchen(kitchen_config(), devices=("a", "b"))
    k.arrive(make_order(items=[line("b", "Burger", "burgers"), line("f", "Fries", "sides")]))
    k.act(BumpLine("web:1", "b", ("grill",)), T0 + minutes(3), device_id="a", deliver=False)
    k.act(BumpLine("web:1", "f", ("grill",)), T0 + minutes(5), device_id="b", deliver=False)
    k.send("a")
    k.send("b")
    k.sync()
    got = service_record(k.device().ticket(), k.config)
    assert got.station_done_at == {"grill": T0 + minutes(5)}
    assert got.ready_at == T0 + minutes(5)


def test_day_report_per_station_and_hour_with_percentiles_and_lates() -> None:
    config = kitchen_config()
    seven = T0  # 19:00 in Berlin
    eight = T0 + timedelta(hours=1)
    records = [
        record(1, seven, 10, {"grill": 8, "bar": 2}, due_after=12),
        record(2, seven + minutes(5), 20, {"grill": 18}, due_after=15),  # late
        record(3, eight, 6, {"grill": 5}),
        record(4, eight + minutes(1), None, {}, due_after=5),  # open and past due at `now`
        record(5, T0 - timedelta(days=1), 3, {"grill": 3}),  # another day
    ]
    cancelled = record(6, seven, 1, {"grill": 1})
    records.append(ServiceRecord(**{**cancelled.__dict__, "cancelled": True}))
    now = T0 + timedelta(hours=2)
    report = service_report(records, DAY, BERLIN, config, now)
    assert (report.orders, report.late) == (4, 2)
    whole = report.row(None, None)
    assert whole is not None
    assert whole.stat.count == 3
    assert whole.stat.average == minutes(12)
    assert whole.stat.p90 == minutes(20)
    grill = report.row("grill", None)
    assert grill is not None and grill.name == "Grill"
    assert (grill.stat.count, grill.stat.p90) == (3, minutes(18))
    at_seven = report.row("grill", 19)
    assert at_seven is not None
    assert at_seven.stat.average == minutes(13)
    assert at_seven.stat.late == 1
    hour_eight = report.row(None, 20)
    assert hour_eight is not None and (hour_eight.stat.count, hour_eight.stat.late) == (1, 1)
    assert report.row("cold", None) is None  # no cold lines that day


def test_csv_has_one_row_per_report_row() -> None:
    config = kitchen_config()
    records = [record(1, T0, 10, {"grill": 8}), record(2, T0 + minutes(1), 5, {"grill": 4})]
    report = service_report(records, DAY, BERLIN, config, T0 + timedelta(hours=1))
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1:] == [
        ["2026-12-01", "", "all", "2", "450", "600", "0"],
        ["2026-12-01", "", "19:00", "2", "450", "600", "0"],
        ["2026-12-01", "Grill", "all", "2", "360", "480", "0"],
        ["2026-12-01", "Grill", "19:00", "2", "360", "480", "0"],
    ]


def test_an_empty_day_still_has_its_header_and_whole_order_row() -> None:
    report = service_report([], DAY, BERLIN, kitchen_config(), T0)
    assert report_csv(report).splitlines() == [
        ",".join(CSV_HEADER),
        "2026-12-01,,all,0,,,0",
    ]
    expo = Kitchen(kitchen_config())
    expo.arrive(make_order())
    expo.act(BumpOrder("web:1", EXPO), T0 + minutes(7))
    got = service_record(expo.device().ticket(), expo.config)
    assert got.ready_at == T0 + minutes(7)


def test_a_service_day_starts_at_day_starts_at_local_time() -> None:
    four = time(4, 0)
    evening = datetime(2026, 12, 1, 22, 0, tzinfo=BERLIN)
    assert service_day(evening, BERLIN, four) == DAY
    assert service_day(datetime(2026, 12, 2, 3, 59, tzinfo=BERLIN), BERLIN, four) == DAY
    assert service_day(datetime(2026, 12, 2, 4, 0, tzinfo=BERLIN), BERLIN, four) == date(
        2026, 12, 2
    )
    assert service_day(datetime(2026, 12, 2, 3, 59, tzinfo=BERLIN), BERLIN) == date(2026, 12, 2)
