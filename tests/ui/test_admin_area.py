"""The admin area as a technician and kitchen staff meet it: the PIN pad tapped (wrong PINs
said and slowed down), the area without a PIN, and the pairing screen against a real
connector on loopback (a code, the joined device listed, Revoke only after Yes)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from test_wizard import TOKEN, ConnectorThread

from kds.admin import MAX_WRONG_TRIES, hash_pin
from kds.net import joining
from kds.settings import AdminSettings, ConnectorSettings, Settings
from kds.ui.admin_area import AdminArea, AdminContext, ask_for_admin
from kds.ui.admin_pin import KEY_SIZE, AdminGate, PinPad
from kds.ui.wizard.common import TOUCH_HEIGHT
from kds.ui.wizard.routes_page import SyncAnswer

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 10_000
PIN = "2468"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def context(tmp_path: Path, pin: str | None, url: str = "ws://127.0.0.1:9/kds") -> AdminContext:
    settings = Settings(
        connector=ConnectorSettings(url=url, token=TOKEN),
        admin=AdminSettings(pin_hash=hash_pin(pin) if pin else None),
    )

    def no_sync(_url: str, _token: str) -> SyncAnswer:
        raise AssertionError("not synced in these tests")

    return AdminContext(settings, tmp_path / "kds.toml", tmp_path / "data", "device-1", no_sync)


def shot(widget: QWidget, tmp_path: Path, name: str) -> None:
    """The README's screenshot of this screen, beside the test's files."""
    folder = tmp_path / "shots"
    folder.mkdir(exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def tap(pad: PinPad, digits: str) -> None:
    for digit in digits:
        pad.digits[digit].click()
    pad.ok.click()


@pytest.fixture
def monitor(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def test_only_the_right_pin_opens_the_admin_area_and_wrong_tries_slow_it_down(
    qtbot: QtBot, tmp_path: Path, monitor: QWidget
) -> None:
    clock = Clock()
    gate = AdminGate(clock)
    pad, area = ask_for_admin(monitor, context(tmp_path, PIN), gate)
    assert pad is not None and area is not None
    assert pad.isVisible() and not area.isVisible()
    assert all(b.height() >= KEY_SIZE >= TOUCH_HEIGHT for b in (*pad.digits.values(), pad.ok))
    assert pad.prompt.text() == "Enter the admin PIN"

    pad.digits["1"].click()
    pad.digits["2"].click()
    shot(pad, tmp_path, "admin-pin")
    assert pad.entry.text() == "12"  # shown as dots: a password field
    pad.back.click()
    assert pad.entry.text() == "1"
    pad.ok.click()
    assert pad.prompt.text() == f"Wrong PIN — {MAX_WRONG_TRIES - 1} tries left"
    assert pad.isVisible() and not area.isVisible()
    assert pad.entry.text() == ""

    for _ in range(MAX_WRONG_TRIES - 1):
        tap(pad, "0000")
    assert pad.prompt.text() == "Too many wrong PINs: try again in 60 s"
    assert not pad.digits["5"].isEnabled() and not pad.ok.isEnabled()
    pad.submit()  # even the right PIN is not checked while shut (Enter on a keyboard)
    assert not area.isVisible()

    # Closing and reopening the pad does not reset the count: the gate is the app run's.
    pad.reject()
    pad, area = ask_for_admin(monitor, context(tmp_path, PIN), gate)
    assert pad is not None and area is not None
    assert pad.prompt.text() == "Too many wrong PINs: try again in 60 s"
    clock.now += timedelta(seconds=45)
    qtbot.waitUntil(lambda: pad.prompt.text().endswith(" 15 s"), timeout=WAIT_MS)
    clock.now += timedelta(seconds=15)
    qtbot.waitUntil(pad.ok.isEnabled, timeout=WAIT_MS)
    assert pad.prompt.text() == "Enter the admin PIN"

    tap(pad, PIN)
    assert not pad.isVisible()
    assert area.isVisible()
    assert area.setup.text() == "Set-up wizard" and area.pair.text() == "Pairing and devices"


def test_without_a_pin_the_area_opens_at_once_and_says_anyone_can(
    qtbot: QtBot, tmp_path: Path, monitor: QWidget
) -> None:
    pad, area = ask_for_admin(monitor, context(tmp_path, None), AdminGate(Clock()))
    assert pad is None and area is not None
    assert area.isVisible()
    words = [w.text() for w in area.findChildren(type(area.state)) if w.text()]
    assert any("No admin PIN is set: anyone can open this area." in text for text in words)


@pytest.fixture
def connector(tmp_path: Path) -> Iterator[ConnectorThread]:
    conn = ConnectorThread(tmp_path / "connector")
    conn.thread.start()
    conn.call(conn.server.start())
    try:
        yield conn
    finally:
        conn.call(conn.server.stop())
        conn.loop.call_soon_threadsafe(conn.loop.stop)
        conn.thread.join(10)
        conn.loop.close()


def answer(box: QMessageBox | None, button: QMessageBox.StandardButton) -> None:
    assert box is not None and box.isVisible()
    clicked = box.button(button)
    assert clicked is not None
    clicked.click()


def test_pairing_screen_gives_a_code_lists_the_joined_device_and_revokes_after_yes(
    qtbot: QtBot, tmp_path: Path, monitor: QWidget, connector: ConnectorThread
) -> None:
    url = f"ws://127.0.0.1:{connector.server.port}/kds"
    area = AdminArea(context(tmp_path, None, url), monitor)
    qtbot.addWidget(area)
    area.show()
    area.pair.click()
    screen = area.pairing
    assert screen is not None and screen.isVisible()
    qtbot.waitUntil(screen.refresh.isEnabled, timeout=WAIT_MS)
    assert screen.list_state.text() == "No device has connected yet."

    screen.new_code.click()
    qtbot.waitUntil(lambda: screen.code.text() not in ("", "…"), timeout=WAIT_MS)
    shown = screen.code.text()
    assert len(shown) == 7 and shown[3] == " " and shown.replace(" ", "").isdigit()
    assert "It works once, until " in screen.code_note.text()

    # The new tablet types the code (as its set-up does) and gets its own token.
    token = asyncio.run(
        joining.join_with_code(url, shown, "Tablet", device_id="tablet-1", timeout=5)
    )
    assert asyncio.run(joining.check_connection(url, token)).ok
    screen.refresh.click()
    qtbot.waitUntil(lambda: "Tablet" in screen.device_text("tablet-1"), timeout=WAIT_MS)
    assert screen.device_text("tablet-1") == "Tablet — own token, not connected"
    assert screen.rows["tablet-1"].isEnabled()
    shot(screen, tmp_path, "admin-pairing")

    screen.rows["tablet-1"].click()
    box = screen.confirmation
    assert box is not None
    assert box.text().startswith("Revoke the token of Tablet?")
    answer(box, QMessageBox.StandardButton.No)
    assert screen.device_text("tablet-1") == "Tablet — own token, not connected"
    assert asyncio.run(joining.check_connection(url, token)).ok

    screen.rows["tablet-1"].click()
    answer(screen.confirmation, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: "revoked" in screen.device_text("tablet-1"), timeout=WAIT_MS)
    assert screen.device_text("tablet-1") == "Tablet — revoked, not connected"
    assert not screen.rows["tablet-1"].isEnabled()
    refused = asyncio.run(joining.check_connection(url, token))
    assert refused.kind is joining.Reachability.TOKEN_REFUSED


def test_pairing_screen_says_why_when_the_connector_is_not_there(
    qtbot: QtBot, tmp_path: Path, monitor: QWidget
) -> None:
    area = AdminArea(context(tmp_path, None, "ws://127.0.0.1:9/kds"), monitor)
    qtbot.addWidget(area)
    area.pair.click()
    screen = area.pairing
    assert screen is not None
    qtbot.waitUntil(screen.refresh.isEnabled, timeout=WAIT_MS)
    assert screen.list_state.text().startswith("The list is not available: not reachable: ")
    screen.new_code.click()
    qtbot.waitUntil(screen.new_code.isEnabled, timeout=WAIT_MS)
    assert screen.code_note.text().startswith("No code: not reachable: ")


def test_a_sub_terminal_cannot_revoke_and_is_told_why(
    qtbot: QtBot, tmp_path: Path, monitor: QWidget, connector: ConnectorThread
) -> None:
    url = f"ws://127.0.0.1:{connector.server.port}/kds"
    tokens = []
    for n in (1, 2):
        code = asyncio.run(joining.request_pairing_code(url, TOKEN)).code
        tokens.append(
            asyncio.run(joining.join_with_code(url, code, f"Tablet {n}", device_id=f"t{n}"))
        )
    ctx = context(tmp_path, None, url)
    settings = ctx.settings.model_copy(
        update={"connector": ConnectorSettings(url=url, token=tokens[0])}
    )
    area = AdminArea(AdminContext(settings, ctx.config_path, ctx.data_dir, "t1", ctx.sync), monitor)
    qtbot.addWidget(area)
    area.pair.click()
    screen = area.pairing
    assert screen is not None
    qtbot.waitUntil(lambda: "t2" in screen.rows, timeout=WAIT_MS)
    screen.rows["t2"].click()
    answer(screen.confirmation, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: "not revoked" in screen.list_state.text(), timeout=WAIT_MS)
    assert screen.list_state.text() == (
        "Tablet 2 not revoked: only the sales-point token may revoke tokens"
    )
    assert asyncio.run(joining.check_connection(url, tokens[1])).ok
