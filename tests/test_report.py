"""Speed of service from a data dir: the app's record of each order's timings, read back by
`kds report --day ... [--csv]` (a service day starts at the retention's `day_starts_at`)."""

from __future__ import annotations

import csv
import io
import itertools
import time
from collections.abc import Iterator
from datetime import datetime
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.__main__ import main
from kds.settings import ConnectorSettings, RetentionSettings, Settings, Station
from kds.store import open_store
from kds.ui.kitchen_time import KitchenTime

CONFIG = """\
[connector]
url = "ws://127.0.0.1:9/kds"
token = "t"

[[stations]]
id = "hot"
name = "Hot"
groups = ["mains"]

[retention]
day_starts_at = "04:00"
"""


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The restaurant's local time: Berlin (UTC+1 in December)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Device:
    """A data dir fed with events as the connector would send them, recorded by the app's
    speed-of-service path (`KitchenTime`)."""

    def __init__(self, data_dir: Path) -> None:
        self.settings = Settings(
            connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
            stations=(Station(id="hot", name="Hot", groups=("mains",)),),
            retention=RetentionSettings(day_starts_at=time_of_day(4, 0)),
        )
        self.store = open_store(data_dir)
        self.time = KitchenTime(
            self.settings, self.store, release=lambda states: None, fire_now=lambda oid: None
        )
        self._seq = itertools.count(1)

    def send(self, kind: type[wire.Event], when: str, **fields: Any) -> None:
        seq = next(self._seq)
        event = kind.model_validate(
            {"seq": seq, "event_id": f"e{seq}", "occurred_at": when, **fields}
        )
        applied = self.store.apply(event, "{}", at(when))
        assert applied.state is not None
        self.time.note(applied.state, at(when))

    def order(self, number: int, received: str, due: str | None = None) -> None:
        fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
        if due is not None:
            fulfillment["due_at"] = due
        body = {
            "id": f"web:{number}",
            "external_id": str(number),
            "display_id": str(number),
            "source": "webshop",
            "revision": 1,
            "created_at": received,
            "fulfillment": fulfillment,
            "items": [{"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}],
        }
        self.send(wire.OrderCreated, received, order=body)

    def status(self, number: int, when: str, status: str, station: str | None = None) -> None:
        self.send(
            wire.OrderStatusChanged,
            when,
            order_id=f"web:{number}",
            status=status,
            station=station,
            device_id="tablet",
        )

    def worked(self, number: int, received: str, hot: str, ready: str, **due: str) -> None:
        self.order(number, received, due.get("due"))
        self.status(number, hot, "ready", "hot")
        self.status(number, ready, "ready")

    def close(self) -> None:
        self.time.close()
        self.store.close()


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> str:
    config = tmp_path / "kds.toml"
    config.write_text(CONFIG)
    data = str(tmp_path / "device")
    code = main(
        ["report", "--day", "2026-12-01", "--config", str(config), "--data-dir", data, *args]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_a_day_with_known_timings_reports_averages_percentiles_and_lates(
    berlin: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = Device(tmp_path / "device")
    # 18:05 Berlin: hot done after 8 min, ready after 10.
    device.worked(
        1, "2026-12-01T17:05:00+00:00", "2026-12-01T17:13:00+00:00", "2026-12-01T17:15:00+00:00"
    )
    # 18:20: 12 and 15 min, due after 10: late.
    device.worked(
        2,
        "2026-12-01T17:20:00+00:00",
        "2026-12-01T17:32:00+00:00",
        "2026-12-01T17:35:00+00:00",
        due="2026-12-01T17:30:00+00:00",
    )
    # 19:10: 6 and 8 min.
    device.worked(
        3, "2026-12-01T18:10:00+00:00", "2026-12-01T18:16:00+00:00", "2026-12-01T18:18:00+00:00"
    )
    # 01:30 the night after: still the evening's service day (it starts at 04:00).
    device.worked(
        4, "2026-12-02T00:30:00+00:00", "2026-12-02T00:40:00+00:00", "2026-12-02T00:40:00+00:00"
    )
    # 05:00 the next morning: the next service day, not in this report.
    device.worked(
        5, "2026-12-02T04:00:00+00:00", "2026-12-02T04:01:00+00:00", "2026-12-02T04:01:00+00:00"
    )
    # A cancelled order counts nowhere.
    device.order(6, "2026-12-01T17:40:00+00:00")
    device.send(wire.OrderCancelled, "2026-12-01T17:41:00+00:00", order_id="web:6", reason=None)
    device.close()

    rows = list(csv.reader(io.StringIO(run(capsys, tmp_path, "--csv"))))
    assert rows == [
        ["day", "station", "hour", "orders", "average_seconds", "p90_seconds", "late"],
        # The whole order, release to ready: 10, 15, 8, 10 min.
        ["2026-12-01", "", "all", "4", "645", "900", "1"],
        ["2026-12-01", "", "18:00", "2", "750", "900", "1"],
        ["2026-12-01", "", "19:00", "1", "480", "480", "0"],
        ["2026-12-01", "", "01:00", "1", "600", "600", "0"],
        # The hot station, release to its bump: 8, 12, 6, 10 min.
        ["2026-12-01", "Hot", "all", "4", "540", "720", "1"],
        ["2026-12-01", "Hot", "18:00", "2", "600", "720", "1"],
        ["2026-12-01", "Hot", "19:00", "1", "360", "360", "0"],
        ["2026-12-01", "Hot", "01:00", "1", "600", "600", "0"],
    ]

    table = run(capsys, tmp_path).splitlines()
    assert table[0] == "2026-12-01: 4 orders, 1 late"
    assert table[1].split() == ["hour", "orders", "average", "90", "%", "late"]
    assert table[2].split() == ["whole", "order", "all", "day", "4", "10:45", "15:00", "1"]
    assert table[6].split() == ["Hot", "all", "day", "4", "9:00", "12:00", "1"]


def test_report_of_a_data_dir_without_a_store_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kds.toml"
    config.write_text(CONFIG)
    code = main(
        [
            "report",
            "--day",
            "2026-12-01",
            "--config",
            str(config),
            "--data-dir",
            str(tmp_path / "none"),
        ]
    )
    assert code == 2
    assert "no kds store in" in capsys.readouterr().err


def test_a_ticks_timings_are_written_a_few_at_a_time_between_loop_turns(
    berlin: None, tmp_path: Path, qapp: Any
) -> None:
    """A rush's second: 18 orders changed. The tick itself writes none (the screens
    do not wait for the timings); each pass of the event loop writes SERVICE_SLICE, so an
    order arriving meanwhile waits for one pass; after five passes all 18 are recorded."""
    from PySide6.QtCore import QCoreApplication

    from kds.ui.kitchen_time import SERVICE_SLICE

    device = Device(tmp_path / "device")
    day = datetime(2026, 12, 1).date()
    for number in range(1, 19):
        device.order(number, "2026-12-01T17:05:00+00:00")
    device.time.tick(at("2026-12-01T17:05:01+00:00"))
    written = [len(device.store.service_records(day))]
    for _ in range(6):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        written.append(len(device.store.service_records(day)))
    assert SERVICE_SLICE == 4
    assert written == [0, 4, 8, 12, 16, 18, 18]
    device.close()
