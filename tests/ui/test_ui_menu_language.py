"""Dish names break by the menu's language, not the screens': an English device with a
German menu hyphenates "Kräuterbutterbaguette" as German does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtGui import QFont, QFontMetrics

from kds.app import KdsApp
from kds.i18n import use_language, use_menu_language
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    SettingsError,
    load_settings,
)
from kds.ui.text_fit import wrap

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DISH = "Kräuterbutterbaguette"
GERMAN_BREAKS = (
    "Kräu-",
    "Kräuter-",
    "Kräuterbut-",
    "Kräuterbutter-",
    "Kräuterbutterba-",
    "Kräuterbutterbaguet-",
)
FONT = QFont("DejaVu Sans", 20)


@pytest.fixture(autouse=True)
def english_device(qapp: Any) -> Iterator[None]:
    use_language("en")
    yield
    use_menu_language(None)


def first_lines(widths: range) -> set[str]:
    """The first line of the dish wrapped at each width (where it had to break)."""
    metrics = QFontMetrics(FONT)
    heads = set()
    for width in widths:
        lines = wrap(DISH, metrics, width)
        assert "".join(line.removesuffix("-") for line in lines) == DISH  # nothing lost
        if len(lines) > 1:
            heads.add(lines[0])
    return heads


def test_an_english_device_with_a_german_menu_breaks_german_words_as_german() -> None:
    metrics = QFontMetrics(FONT)
    # From the narrowest line the first syllable fits (narrower: cut between letters).
    widths = range(metrics.horizontalAdvance("Kräu-"), metrics.horizontalAdvance(DISH), 3)
    english = first_lines(widths)
    assert "Kräuterbu-" in english  # the English rules: the wrong break

    use_menu_language("de")
    german = first_lines(widths)
    assert "Kräuterbu-" not in german
    assert german and german <= set(GERMAN_BREAKS), german


def test_the_menu_language_is_a_device_setting(tmp_path: Path) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(
        '[device]\nlanguage = "en"\nmenu_language = "de"\n'
        '[connector]\nurl = "ws://127.0.0.1:9/kds"\ntoken = "t"\n',
        encoding="utf-8",
    )
    device = load_settings(path).device
    assert (device.language, device.menu_language) == ("en", "de")
    path.write_text(path.read_text("utf-8").replace('"de"', '"german"'), encoding="utf-8")
    with pytest.raises(SettingsError, match="menu_language"):
        load_settings(path)


def test_the_app_breaks_dishes_by_the_configured_menu_language(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    settings = Settings(
        device=DeviceSettings(name="Kitchen", language="en", menu_language="de"),
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        monitors=(MonitorSettings(name="Grill", kind=MonitorKind.STATION),),
    )
    app = KdsApp(settings, tmp_path)
    app.open()
    try:
        assert app.window("Grill").windowTitle() == "KDS — Grill"  # an English screen...
        heads = first_lines(range(80, 300, 3))
        assert heads and heads <= set(GERMAN_BREAKS), heads  # ...breaks dishes as German
    finally:
        loop.run_until_complete(app.stop())
