"""Kiosk mode: frameless full-screen windows, and screen blanking kept off while kds runs
(xset, restored on exit)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt

from kds.app import KdsApp
from kds.kiosk import ScreenKeptOn
from kds.settings import ConnectorSettings, DeviceSettings, MonitorKind, MonitorSettings, Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[1]
X11 = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}

XSET_Q = """Keyboard Control:
  auto repeat:  on    key click percent:  0    LED mask:  00000000
Screen Saver:
  prefer blanking:  yes    allow exposures:  yes
  timeout:  600    cycle:  600
Colors:
  default colormap:  0x20    BlackPixel:  0x0    WhitePixel:  0xffffff
DPMS (Energy Star):
  Standby: 600    Suspend: 600    Off: 600
  DPMS is Enabled
  Monitor is On
"""


def settings(kiosk: bool) -> Settings:
    return Settings(
        device=DeviceSettings(kiosk=kiosk),
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        monitors=(
            MonitorSettings(name="Kitchen", fullscreen=False),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
    )


@pytest.mark.parametrize("kiosk", [True, False])
def test_kiosk_windows_are_full_screen_without_frames(
    loop: qasync.QEventLoop, tmp_path: Path, kiosk: bool
) -> None:
    app = KdsApp(settings(kiosk), tmp_path)
    app.open()
    try:
        assert len(app.windows) == 2
        for window in app.windows:
            frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
            assert frameless is kiosk
            assert window.isFullScreen() is kiosk  # the monitors say fullscreen = false
            assert window.isVisible()
    finally:
        loop.run_until_complete(app.stop())


class FakeXset:
    """Answers `xset q` with `report`; records every command; fails when told to."""

    def __init__(self, report: str = XSET_Q, fail: bool = False) -> None:
        self.report = report
        self.fail = fail
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str]) -> str:
        self.commands.append(list(command))
        if self.fail:
            raise subprocess.CalledProcessError(1, command, stderr="unable to open display")
        return self.report if list(command) == ["xset", "q"] else ""


def kept_on(xset: FakeXset, env: dict[str, str], platform: str = "xcb") -> ScreenKeptOn:
    return ScreenKeptOn(platform, env=env, run=xset, which=lambda name: f"/usr/bin/{name}")


def test_blanking_is_off_while_running_and_restored_after() -> None:
    xset = FakeXset()
    with kept_on(xset, X11):
        assert xset.commands == [["xset", "q"], ["xset", "s", "off", "-dpms"]]
    assert xset.commands[2:] == [["xset", "s", "600", "600"], ["xset", "+dpms"]]


def test_dpms_that_was_off_stays_off_and_an_unread_saver_gets_the_default() -> None:
    xset = FakeXset(report="DPMS (Energy Star):\n  DPMS is Disabled\n")
    with kept_on(xset, X11):
        pass
    assert xset.commands[2:] == [["xset", "s", "default"], ["xset", "-dpms"]]


@pytest.mark.parametrize(
    ("env", "platform", "reason"),
    [
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "xcb", "a Wayland session"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "xcb", "a Wayland session"),
        ({}, "offscreen", "not an X11 display (Qt platform 'offscreen')"),
        ({}, "xcb", "not an X11 display"),
    ],
)
def test_without_x11_nothing_is_run_and_the_log_says_why(
    caplog: pytest.LogCaptureFixture, env: dict[str, str], platform: str, reason: str
) -> None:
    xset = FakeXset()
    with caplog.at_level(logging.WARNING, "kds.kiosk"), kept_on(xset, env, platform):
        pass
    assert xset.commands == []
    assert f"screen blanking not turned off: {reason}" in caplog.text


def test_without_xset_the_log_names_the_package(caplog: pytest.LogCaptureFixture) -> None:
    xset = FakeXset()
    with (
        caplog.at_level(logging.WARNING, "kds.kiosk"),
        ScreenKeptOn("xcb", env=X11, run=xset, which=lambda name: None),
    ):
        pass
    assert xset.commands == []
    assert "apt-get install x11-xserver-utils" in caplog.text


def test_a_failing_xset_is_logged_and_nothing_is_restored(caplog: pytest.LogCaptureFixture) -> None:
    xset = FakeXset(fail=True)
    with caplog.at_level(logging.WARNING, "kds.kiosk"), kept_on(xset, X11) as screen:
        assert screen.saved is None
    assert xset.commands == [["xset", "q"]]
    assert "xset failed" in caplog.text


def test_kds_run_in_kiosk_mode_turns_blanking_off_and_stops_cleanly(tmp_path: Path) -> None:
    """The real `kds run` (offscreen here, so it says why it leaves blanking alone)."""
    config = tmp_path / "kds.toml"
    config.write_text(
        '[device]\nkiosk = true\n[connector]\nurl = "ws://127.0.0.1:9/kds"\ntoken = "t"\n',
        encoding="utf-8",
    )
    env: dict[str, Any] = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kds", "run", "--config", str(config)]
    command += ["--data-dir", str(tmp_path / "data")]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) as app:
        assert app.stderr is not None
        seen = []
        for line in app.stderr:  # until it runs: it tries to reach the connector
            seen.append(line)
            if "kds.app: connection:" in line:
                break
        kiosk = [line for line in seen if "kiosk:" in line]
        assert len(kiosk) == 1, seen
        assert "not turned off: not an X11 display (Qt platform 'offscreen')" in kiosk[0]
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
