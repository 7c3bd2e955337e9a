"""The sound keys of a [[monitors]] entry: defaults, values, and clear errors."""

from pathlib import Path

import pytest

from kds.settings import SettingsError, load_settings

BASE = '[connector]\ntoken = "t"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(BASE + text, encoding="utf-8")
    return path


def test_a_monitor_sounds_at_70_with_the_alarm_every_30_seconds_unless_told(
    tmp_path: Path,
) -> None:
    text = (
        '[[monitors]]\nname = "Grill"\n\n'
        '[[monitors]]\nname = "Board"\nkind = "pickup"\nvolume = 100\nmute = true\n'
        "alarm_repeat_s = 90\n"
    )
    grill, board = load_settings(write(tmp_path, text)).monitors
    assert (grill.volume, grill.mute, grill.alarm_repeat_s) == (70, False, 30)
    assert (board.volume, board.mute, board.alarm_repeat_s) == (100, True, 90)


def test_bad_sound_keys_are_all_named_at_once(tmp_path: Path) -> None:
    text = '[[monitors]]\nname = "Grill"\nvolume = 150\nmute = "loud"\nalarm_repeat_s = 0\n'
    with pytest.raises(SettingsError) as caught:
        load_settings(write(tmp_path, text))
    message = str(caught.value)
    assert "3 problem(s)" in message
    assert "monitors.0.volume: Input should be less than or equal to 100" in message
    assert "monitors.0.mute: Input should be a valid boolean" in message
    assert "monitors.0.alarm_repeat_s: Input should be greater than or equal to 1" in message
