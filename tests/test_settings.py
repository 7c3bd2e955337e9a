"""The config file: read once, every problem reported at once with its key."""

import shutil
from pathlib import Path

import pytest

from kds import wire
from kds.__main__ import main
from kds.resources import resource_path
from kds.settings import CardArrangement, MonitorKind, SettingsError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_config_loads_with_its_printers() -> None:
    settings = load_settings(resource_path("demo", "kds.toml"))
    assert [m.kind for m in settings.monitors] == [MonitorKind.STATION, MonitorKind.EXPO]
    assert settings.printing is not None
    assert {p.name for p in settings.printing.printers} == {"Kitchen", "Bar", "Receipt"}


def test_every_problem_is_reported_at_once_with_file_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[connector]\nurl = "http://kitchen"\n\n'
        '[[monitors]]\nname = "Grill"\nkind = "grill"\n\n'
        '[[printing.printers]]\nname = "Kitchen"\ntransport = "network"\n',
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "connector.url: must start with ws:// or wss://" in message
    assert "connector.token: Field required" in message
    assert "monitors.0.kind: Input should be 'station', 'expo' or 'pickup'" in message
    assert "printing.printers.0.host: required for a network printer" in message
    assert "Value error" not in message


def test_a_monitor_naming_an_unknown_station_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[connector]\ntoken = "t"\n\n[[stations]]\nid = "hot"\nname = "Hot"\n\n'
        '[[monitors]]\nname = "Grill"\nstations = ["grill"]\n',
    )
    with pytest.raises(SettingsError, match="monitor 'Grill' names unknown station 'grill'"):
        load_settings(path)


def test_the_kitchen_section_is_read_and_its_stations_checked(tmp_path: Path) -> None:
    base = '[connector]\ntoken = "t"\n\n[[stations]]\nid = "hot"\nname = "Hot"\n\n'
    good = load_settings(write(tmp_path, base + '[kitchen]\ndefault_station = "hot"\n'))
    assert good.kitchen.default_station == "hot"
    bad = write(tmp_path, base + '[kitchen]\ndefault_station = "cold"\n')
    with pytest.raises(SettingsError, match="default_station names unknown station 'cold'"):
        load_settings(bad)


SEVERAL_ERRORS = """
[connector]
url = "http://kitchen"

[[stations]]
id = "hot"
name = "Hot kitchen"

[[monitors]]
name = "Grill"
stations = ["hot", "grill"]

[[monitors]]
name = "Counter"
kind = "counter"

[printing]
templates_dir = "no-such-folder"

[[printing.printers]]
name = "Kitchen"
transport = "network"

[[printing.routes]]
name = "hot"
printers = ["Kitchen"]
station = "Grill"

[[printing.routes]]
name = "hot too"
printers = ["Kitchen"]
station = "hot"

[[printing.routes]]
name = "bar"
printers = ["Bar"]
station = "Hot kitchen"
"""


def test_a_file_with_many_different_errors_reports_each_with_its_key(tmp_path: Path) -> None:
    path = write(tmp_path, SEVERAL_ERRORS)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    expected = [
        "connector.url: must start with ws:// or wss://",
        "connector.token: Field required",
        "monitors.0.stations.1: monitor 'Grill' names unknown station 'grill'",
        "monitors.1.kind: Input should be 'station', 'expo' or 'pickup'",
        f"printing.templates_dir: no such folder: {tmp_path / 'no-such-folder'}",
        "printing.printers.0.host: required for a network printer",
        "printing.routes.2.printers.0: unknown printer 'Bar'",
        "printing.routes.0.station: unknown station 'Grill'"
        " (the [[stations]] names: 'Hot kitchen')",
        "printing.routes.1.station: unknown station 'hot': a route names the station as printed,"
        " here 'Hot kitchen'",
    ]
    missing = [words for words in expected if words not in message]
    assert not missing, message
    assert "routes.2.station" not in message  # "Hot kitchen" is a station's name
    assert message.startswith(f"{path}: 9 problem(s):"), message


def test_a_route_station_with_no_stations_configured_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[connector]\ntoken = "t"\n\n'
        '[[printing.printers]]\nname = "Kitchen"\ntransport = "file"\npath = "/tmp/k"\n\n'
        '[[printing.routes]]\nname = "all"\nprinters = ["Kitchen"]\nstation = "Grill"\n',
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert (
        "printing.routes.0.station: unknown station 'Grill': no [[stations]] are configured"
        in str(caught.value)
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [(None, "config file not found"), ("[connector\n", "not valid TOML")],
)
def test_a_missing_or_broken_file_says_so(tmp_path: Path, text: str | None, reason: str) -> None:
    path = tmp_path / "kds.toml" if text is None else write(tmp_path, text)
    with pytest.raises(SettingsError, match=reason):
        load_settings(path)


def test_kds_without_a_config_points_to_the_set_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # the per-user config dir
    monkeypatch.delenv("KDS_CONFIG", raising=False)
    assert main([]) == 2
    err = capsys.readouterr().err
    looked_at = tmp_path / "kds" / "kds.toml"
    example = resource_path("demo", "kds.toml")
    assert f"config file not found (looked for {looked_at})" in err
    assert f"  mkdir -p {looked_at.parent}\n  cp {example} {looked_at}\n" in err
    assert 'README\'s "Configuration" section' in err
    assert "--config FILE (or $KDS_CONFIG)" in err
    # The advice works: the example it names is there and is a valid configuration.
    looked_at.parent.mkdir()
    shutil.copy(example, looked_at)
    assert load_settings(looked_at).connector.token


def test_a_monitor_chooses_its_card_layout_and_a_pickup_board_what_it_shows(
    tmp_path: Path,
) -> None:
    base = '[connector]\ntoken = "t"\n\n'
    good = load_settings(
        write(
            tmp_path,
            base + '[[monitors]]\nname = "Grill"\nlayout = "rail"\ncolumns = 5\n'
            "font_scale = 1.5\n\n"
            '[[monitors]]\nname = "Board"\nkind = "pickup"\npickup_types = ["pickup"]\n'
            'pickup_names = true\nready_shown_minutes = 3\naccent = "#ffcc00"\n',
        )
    )
    grill, board = good.monitors
    assert (grill.layout, grill.columns, grill.font_scale) == (CardArrangement.RAIL, 5, 1.5)
    assert board.pickup_types == (wire.FulfillmentType.PICKUP,)
    assert (board.pickup_names, board.ready_shown_minutes, board.accent) == (True, 3, "#ffcc00")
    assert grill.pickup_types == (
        wire.FulfillmentType.PICKUP,
        wire.FulfillmentType.CURBSIDE,
        wire.FulfillmentType.DRIVE_THRU,
    )
    bad = write(
        tmp_path,
        base + '[[monitors]]\nname = "Grill"\nlayout = "grid"\nfont_scale = 9\naccent = "yellow"\n',
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(bad)
    message = str(caught.value)
    assert "monitors.0.layout: Input should be 'tiles' or 'rail'" in message
    assert "monitors.0.font_scale: Input should be less than or equal to 3" in message
    assert "monitors.0.accent: String should match pattern" in message
