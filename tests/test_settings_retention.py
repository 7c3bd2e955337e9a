"""The [retention] section of the config file: defaults, values, and clear errors."""

from datetime import time
from pathlib import Path

import pytest

from kds.domain.retention import Retention
from kds.settings import SettingsError, load_settings

BASE = '[connector]\ntoken = "t"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(BASE + text, encoding="utf-8")
    return path


def test_retention_defaults_to_the_business_day_plus_seven_from_four_in_the_morning(
    tmp_path: Path,
) -> None:
    settings = load_settings(write(tmp_path, ""))
    assert settings.retention.retention() == Retention(7, time(4, 0))


def test_retention_keys_are_read_as_a_string_or_a_toml_time(tmp_path: Path) -> None:
    text = '[retention]\nkeep_days = 30\nday_starts_at = "05:30"\n'
    assert load_settings(write(tmp_path, text)).retention.retention() == Retention(30, time(5, 30))
    text = "[retention]\nkeep_days = 0\nday_starts_at = 03:00:00\n"
    assert load_settings(write(tmp_path, text)).retention.retention() == Retention(0, time(3, 0))


def test_bad_retention_keys_are_reported_with_their_key(tmp_path: Path) -> None:
    text = '[retention]\nkeep_days = -1\nday_starts_at = "25:00"\nkeep = 3\n'
    with pytest.raises(SettingsError) as caught:
        load_settings(write(tmp_path, text))
    message = str(caught.value)
    assert "retention.keep_days: Input should be greater than or equal to 0" in message
    assert "retention.day_starts_at: Input should be in a valid time format" in message
    assert "retention.keep: Extra inputs are not permitted" in message
    text = '[retention]\nday_starts_at = "04:00+02:00"\n'
    with pytest.raises(SettingsError, match=r"retention\.day_starts_at: a local time of day"):
        load_settings(write(tmp_path, text))
