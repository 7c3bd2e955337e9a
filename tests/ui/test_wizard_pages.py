"""Wizard pages tapped one by one: the printing takeover only after a confirmation naming the
holder (real connector on loopback), the monitors page's live preview, and the routes page's
default station and loyalty switch per receipt saved into the config."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from test_wizard import TOKEN, ConnectorThread

from kds.net import joining
from kds.settings import load_settings
from kds.ui.orders_model import OrderRole
from kds.ui.ticket_view import card_layout
from kds.ui.views import PickupBoard
from kds.ui.wizard import SetupWizard
from kds.ui.wizard.common import PageId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 10_000


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


def post(conn: ConnectorThread, path: str, body: dict[str, Any]) -> None:
    request = urllib.request.Request(
        conn.base + path,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def holder(conn: ConnectorThread) -> tuple[str, str] | None:
    return asyncio.run(joining.check_connection(conn.base, TOKEN)).printing_holder


def answer(box: QMessageBox | None, button: QMessageBox.StandardButton) -> None:
    assert box is not None and box.isVisible()
    clicked = box.button(button)
    assert clicked is not None
    clicked.click()


def test_printing_held_by_another_device_is_taken_over_only_after_a_confirmation(
    qtbot: QtBot, tmp_path: Path, connector: ConnectorThread
) -> None:
    post(
        connector,
        "/printing/takeover",
        {"device_id": "bar-pc", "device_name": "Bar PC", "confirm": True},
    )
    wizard = SetupWizard(tmp_path / "kds.toml", tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.device.name.setText("Grill PC")
    wizard.device.printing.setChecked(True)
    wizard.next()
    page = wizard.connector
    assert not page.take_over.isVisible()
    page.url.setText(connector.base)
    page.token.setText(TOKEN)
    page.test.click()
    qtbot.waitUntil(lambda: page.answer.text().startswith("connected"), timeout=WAIT_MS)
    assert page.holder.text() == (
        "Printing is held by Bar PC: this device prints only after a takeover."
    )
    assert page.take_over.isVisible()
    assert page.take_over.text() == "Take over printing from Bar PC…"
    wizard.resize(1024, 768)
    shots = tmp_path / "shots"
    shots.mkdir()
    assert wizard.grab().save(str(shots / "wizard-2-takeover.png"))

    page.take_over.click()
    box = page.confirmation
    assert box is not None and box.text().startswith("Take over printing from Bar PC?")
    answer(box, QMessageBox.StandardButton.No)
    assert holder(connector) == ("bar-pc", "Bar PC")

    page.take_over.click()
    answer(page.confirmation, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: page.holder.text().startswith("Printing taken over"), timeout=WAIT_MS)
    assert page.holder.text() == "Printing taken over from Bar PC."
    assert not page.take_over.isVisible()
    taken = holder(connector)
    assert taken is not None and taken[1] == "Grill PC" and taken[0] != "bar-pc"

    # Tested again: this device holds the role now, so nothing is offered.
    page.test.click()
    assert page.answer.text() == "testing…"
    qtbot.waitUntil(lambda: page.answer.text().startswith("connected"), timeout=WAIT_MS)
    assert not page.holder.isVisible() and not page.take_over.isVisible()


def test_no_takeover_is_offered_when_this_device_does_not_print(
    qtbot: QtBot, tmp_path: Path, connector: ConnectorThread
) -> None:
    post(
        connector,
        "/printing/takeover",
        {"device_id": "bar-pc", "device_name": "Bar PC", "confirm": True},
    )
    wizard = SetupWizard(tmp_path / "kds.toml", tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.connector
    page.url.setText(connector.base)
    page.token.setText(TOKEN)
    page.test.click()
    qtbot.waitUntil(lambda: page.answer.text().startswith("connected"), timeout=WAIT_MS)
    assert not page.take_over.isVisible() and not page.holder.isVisible()


def shown_lines(wizard: SetupWizard) -> list[str]:
    model = wizard.monitors.preview.model
    assert model is not None
    texts = []
    for row in range(model.rowCount()):
        card = model.index(row, 0).data(OrderRole.CARD)
        texts.extend(block.text for part in card_layout(card).parts for block in part.blocks)
    return texts


def test_monitors_page_previews_the_cards_of_the_chosen_profile(
    qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = SetupWizard(tmp_path / "kds.toml", tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.resize(1024, 768)
    wizard.show()
    wizard.setStartId(PageId.MONITORS)
    wizard.restart()
    page = wizard.monitors
    page.stations.setText("Grill, Drinks")
    page.which[0].setCurrentIndex(page.which[0].findData("grill"))
    assert page.preview_title.text() == "Preview of screen 1: Cook's screen (station) — Grill"
    grill = "\n".join(shown_lines(wizard))
    assert "Burger" in grill and "Cola" not in grill and "#101" in grill

    page.which[0].setCurrentIndex(page.which[0].findData("drinks"))
    drinks = "\n".join(shown_lines(wizard))
    assert "Cola" in drinks and "Burger" not in drinks

    page.kinds[0].setCurrentIndex(page.kinds[0].findData("expo"))
    assert page.preview_title.text() == "Preview of screen 1: Expo / counter"
    expo = "\n".join(shown_lines(wizard))
    assert "Burger" in expo and "Cola" in expo
    assert page.preview.view is not None and page.preview.view.isVisible()

    page.kinds[0].setCurrentIndex(page.kinds[0].findData("pickup"))
    assert isinstance(page.preview.view, PickupBoard)
    preparing, ready = page.preview.view.numbers()
    assert (len(preparing), len(ready)) == (2, 0)


def test_routes_page_saves_the_default_station_and_the_loyalty_switch_per_receipt(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(
        '[device]\nname = "Bar PC"\nkiosk = true\n[connector]\nurl = "ws://10.0.0.2:8765/kds"\n'
        'token = "t"\n[retention]\nkeep_days = 3\n'
    )
    wizard = SetupWizard(path, tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.resize(1024, 768)
    wizard.show()
    wizard.next()
    wizard.next()
    wizard.monitors.stations.setText("Grill, Drinks")
    wizard.next()
    wizard.draft.printers = [
        {"name": "Front", "transport": "network", "host": "127.0.0.1", "port": 9100},
        {"name": "Pass", "transport": "network", "host": "127.0.0.2", "port": 9100},
    ]
    wizard.next()
    page = wizard.routes
    assert wizard.currentId() == PageId.ROUTES
    page.default_station.setCurrentIndex(page.default_station.findData("grill"))
    page.receipt_printer.setCurrentIndex(page.receipt_printer.findData("Front"))
    page.add_receipt.click()
    page.receipt_printer.setCurrentIndex(page.receipt_printer.findData("Pass"))
    page.add_receipt.click()
    assert [box.text() for box in page.loyalty] == [
        "Receipt Front (Front): with the loyalty block",
        "Receipt Pass (Pass): with the loyalty block",
    ]
    assert all(box.isChecked() for box in page.loyalty)
    page.loyalty[1].setChecked(False)
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY, page.problems.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.summary.saved

    settings = load_settings(path)
    assert settings.kitchen.default_station == "grill"
    assert settings.printing is not None
    assert [(d.label, d.printers, d.loyalty) for d in settings.printing.documents] == [
        ("Receipt Front", ("Front",), True),
        ("Receipt Pass", ("Pass",), False),
    ]
    # What the wizard does not set is kept as the file had it.
    assert settings.device.kiosk and settings.retention.keep_days == 3


def test_the_wizard_opened_again_saves_the_kitchen_it_was_given(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """From the admin area a technician re-runs the wizard to check something and saves:
    stations, screens, printers, routes (also one the table cannot show), receipts, the
    defaults and every section it does not set come back as they were."""
    from PySide6.QtGui import QGuiApplication

    from kds.config_file import save_settings

    screen = QGuiApplication.primaryScreen().name()
    path = tmp_path / "kds.toml"
    save_settings(
        {
            "device": {"name": "Grill PC", "printing": True, "kiosk": True},
            "connector": {"url": "ws://10.0.0.2:8765/kds", "token": "t"},
            "stations": [
                {"id": "grill", "name": "Grill", "groups": ["grill", "sides"]},
                {"id": "bar", "name": "Bar", "groups": ["drinks"]},
            ],
            "monitors": [
                {
                    "name": "Grill line",
                    "kind": "station",
                    **({"screen": screen} if screen else {}),  # offscreen: no name
                    "stations": ["grill"],
                    "volume": 40,
                    "alarm_repeat_s": 10,
                }
            ],
            "printing": {
                "printers": [
                    {
                        "name": "Kitchen",
                        "transport": "network",
                        "host": "10.0.0.9",
                        "backup": "Front",
                    },
                    {"name": "Front", "transport": "network", "host": "10.0.0.8"},
                ],
                "routes": [
                    {"name": "Grill", "groups": ["grill"], "printers": ["Kitchen"], "copies": 2},
                    {
                        "name": "Delivery drinks",
                        "groups": ["drinks"],
                        "fulfillment": ["delivery"],
                        "printers": ["Front"],
                    },
                ],
                "documents": [{"template": "receipt", "printers": ["Front"], "loyalty": False}],
                "default_printer": "Front",
            },
            "kitchen": {"default_station": "grill", "undo_seconds": 8},
            "retention": {"keep_days": 3},
        },
        path,
    )
    before = load_settings(path)
    wizard = SetupWizard(path, tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.monitors.stations.text() == "Grill, Bar"
    while wizard.currentId() != PageId.SUMMARY:
        current = wizard.currentId()
        wizard.next()
        assert wizard.currentId() != current, wizard.routes.problems.text()
    assert [box.isChecked() for box in wizard.routes.loyalty] == [False]
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.summary.saved
    after = load_settings(path).model_dump(mode="json")
    for section, value in before.model_dump(mode="json").items():
        assert after[section] == value, section


def test_the_summary_sets_the_admin_pin_typed_twice(qtbot: QtBot, tmp_path: Path) -> None:
    from kds.admin import check_pin

    path = tmp_path / "kds.toml"
    path.write_text('[connector]\nurl = "ws://10.0.0.2:8765/kds"\ntoken = "t"\n')
    wizard = SetupWizard(path, tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    while wizard.currentId() != PageId.SUMMARY:
        wizard.next()
    page = wizard.summary
    assert page.pin_state.text().startswith("No admin PIN yet")
    page.pin.setText("2468")
    page.pin_again.setText("2486")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not page.saved
    assert page.pin_state.text() == "PIN not set: the two PINs differ"
    page.pin.setText("24")
    page.pin_again.setText("24")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert page.pin_state.text() == "PIN not set: a PIN is 4 to 12 digits (0-9)"
    page.pin.setText("2468")
    page.pin_again.setText("2468")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert page.saved
    settings = load_settings(path)
    assert check_pin(settings, "2468") and not check_pin(settings, "2486")
    assert "scrypt$" not in page.text.toPlainText()

    # Opened again: the PIN is kept unless a new one is typed.
    again = SetupWizard(path, tmp_path / "data")
    qtbot.addWidget(again)
    again.show()
    while again.currentId() != PageId.SUMMARY:
        again.next()
    assert again.summary.pin_state.text() == "An admin PIN is set; type a new one to change it."
    assert "scrypt$" not in again.summary.text.toPlainText()
    again.button(QWizard.WizardButton.FinishButton).click()
    assert again.summary.saved
    assert check_pin(load_settings(path), "2468")
