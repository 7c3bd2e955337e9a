"""The `[kitchen]` settings: defaults that suit most kitchens, clear errors, station overrides."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from pydantic import ValidationError

from kds.domain.kitchen_settings import KitchenSettings, ReadyRule, unknown_stations


def test_defaults_match_a_busy_kitchens_expectations() -> None:
    settings = KitchenSettings()
    assert settings.ready_when is ReadyRule.ALL_STATIONS
    assert settings.bump_order_when_lines_done
    assert settings.undo_for == timedelta(seconds=5)
    assert settings.recall_depth == 10
    limits = settings.thresholds("grill")
    assert (limits.amber_after, limits.red_after) == (timedelta(minutes=5), timedelta(minutes=10))
    assert settings.default_station is None


def test_a_toml_section_with_station_overrides() -> None:
    text = """
    default_station = "grill"
    ready_when = "expo_confirms"
    article_prep_minutes = { "A-17" = 25 }
    [stations.grill]
    amber_after_minutes = 7
    red_after_minutes = 12.5
    prep_minutes = 20
    """
    settings = KitchenSettings.model_validate(tomllib.loads(text))
    assert settings.ready_when is ReadyRule.EXPO_CONFIRMS
    grill = settings.thresholds("grill")
    assert (grill.amber_after, grill.red_after) == (timedelta(minutes=7), timedelta(minutes=12.5))
    assert settings.thresholds(None).red_after == timedelta(minutes=10)
    assert settings.station_prep("grill") == timedelta(minutes=20)
    assert settings.station_prep("bar") == timedelta(minutes=15)
    assert settings.article_prep("A-17") == timedelta(minutes=25)
    assert settings.article_prep("A-18") is None
    assert settings.article_prep(None) is None


def test_amber_must_come_before_red_with_the_station_named() -> None:
    with pytest.raises(ValidationError, match="for station 'grill' \\(12 >= 10\\)"):
        KitchenSettings.model_validate({"stations": {"grill": {"amber_after_minutes": 12}}})
    with pytest.raises(ValidationError, match="for the kitchen"):
        KitchenSettings(amber_after_minutes=10, red_after_minutes=5)


@pytest.mark.parametrize(
    ("data", "word"),
    [
        ({"undo_secs": 5}, "undo_secs"),
        ({"undo_seconds": 0}, "undo_seconds"),
        ({"recall_depth": 0}, "recall_depth"),
        ({"ready_when": "sometimes"}, "ready_when"),
        ({"article_prep_minutes": {"A": -1}}, "article_prep_minutes.A"),
    ],
)
def test_bad_values_are_refused_with_their_key(data: dict[str, object], word: str) -> None:
    with pytest.raises(ValidationError) as caught:
        KitchenSettings.model_validate(data)
    assert word in str(caught.value)


def test_keys_naming_unknown_stations_are_listed() -> None:
    settings = KitchenSettings.model_validate(
        {"default_station": "oven", "stations": {"grill": {}, "wok": {}}}
    )
    assert unknown_stations(settings, ["grill", "bar"]) == [
        "default_station names unknown station 'oven' (the [[stations]] ids: 'grill', 'bar')",
        "stations names unknown station 'wok' (the [[stations]] ids: 'grill', 'bar')",
    ]
    assert unknown_stations(KitchenSettings(default_station="grill"), ["grill"]) == []
