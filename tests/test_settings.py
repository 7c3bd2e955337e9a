"""The config file: read once, every problem reported at once with its key."""

from pathlib import Path

import pytest

from kds.settings import MonitorKind, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_config_loads_with_its_printers() -> None:
    settings = load_settings(ROOT / "resources" / "demo" / "kds.toml")
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
    assert "printers[0].host: required for a network printer" in message
    assert "Value error" not in message


def test_a_monitor_naming_an_unknown_station_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[connector]\ntoken = "t"\n\n[[stations]]\nid = "hot"\nname = "Hot"\n\n'
        '[[monitors]]\nname = "Grill"\nstations = ["grill"]\n',
    )
    with pytest.raises(SettingsError, match="monitor 'Grill' names unknown station"):
        load_settings(path)


@pytest.mark.parametrize(
    ("text", "reason"),
    [(None, "config file not found"), ("[connector\n", "not valid TOML")],
)
def test_a_missing_or_broken_file_says_so(tmp_path: Path, text: str | None, reason: str) -> None:
    path = tmp_path / "kds.toml" if text is None else write(tmp_path, text)
    with pytest.raises(SettingsError, match=reason):
        load_settings(path)
