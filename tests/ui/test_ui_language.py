"""The device's language on every screen: the pickup board, the staff lines, the cards, the
locale's times and numbers, and the wizard that switches language while it is open."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QWizard

from kds import wire
from kds.app import KdsApp
from kds.domain.acknowledge import screen_changes
from kds.domain.kitchen_settings import KitchenConfig, KitchenSettings
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState
from kds.i18n import count, local_time, use_language
from kds.net.joining import JoinError, Outcome, Reachability, check_connection, join_with_code
from kds.net.state import Cause, ConnectionState, Detail, Phase
from kds.net.sync import Synced
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    SettingsError,
    Station,
    load_settings,
)
from kds.ui import OrderRole, OrdersModel
from kds.ui.cards import tr
from kds.ui.connection import describe_connection
from kds.ui.printer_lines import printer_alarms, printer_lines
from kds.ui.wizard import SetupWizard
from kds.ui.wizard.common import PageId
from kds.words import said
from printing.discovery import state_words
from printing.queue_core import INTERNAL_ERROR
from printing.spooler import HeldTicket, PrinterState
from printing.status import ERROR_CAUSE, PAPER_SENSOR, PRINTER_STATUS, decode

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english_afterwards(qapp: Any) -> Iterator[None]:
    """The language is the whole application's: the next test starts in English again."""
    yield
    use_language("en")


def german_kitchen() -> Settings:
    return Settings(
        device=DeviceSettings(name="Küche", language="de"),
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        stations=(Station(id="hot", name="Heiß", groups=("mains",)),),
        monitors=(
            MonitorSettings(name="Grill", kind=MonitorKind.STATION, stations=("hot",)),
            MonitorSettings(name="Abholung", kind=MonitorKind.PICKUP),
        ),
    )


def spaetzle() -> OrderState:
    order = wire.parse_order(
        {
            "id": "webshop:101",
            "external_id": "101",
            "display_id": "101",
            "source": "webshop",
            "revision": 1,
            "created_at": T0.isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [
                {
                    "line_id": "1",
                    "name": "Käsespätzle",
                    "group": "mains",
                    "quantity": "1",
                    "modifiers": [{"name": "Speck", "action": "remove", "quantity": "1"}],
                }
            ],
        }
    )
    return OrderState(order=order, first_seen_at=T0, updated_at=T0)


def test_a_german_device_speaks_german_on_the_pickup_board_and_the_staff_lines(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    app = KdsApp(german_kitchen(), tmp_path)
    app.open()
    try:
        board = app.window("Abholung")
        assert board.pickup is not None
        assert board.pickup.titles() == ("In Zubereitung", "Fertig")

        grill = app.window("Grill")
        assert grill.connection_label.text() == "Grill · Verbinde mit dem Connector…"
        assert grill.printing_label.text() == "Drucken: aus — dieses Gerät druckt nicht"
        assert grill.windowTitle() == "KDS — Grill"

        grill.model.upsert(spaetzle())
        lines = [line.text for line in grill.model.index(0, 0).data(OrderRole.CARD_LINES)]
        assert any("OHNE Speck" in line for line in lines), lines
    finally:
        loop.run_until_complete(app.stop())


def test_an_english_device_after_a_german_one_speaks_english_again(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    use_language("de")
    settings = german_kitchen()
    english = settings.model_copy(update={"device": DeviceSettings(name="Küche")})
    app = KdsApp(english, tmp_path)
    app.open()
    try:
        board = app.window("Abholung").pickup
        assert board is not None and board.titles() == ("In preparation", "Ready")
    finally:
        loop.run_until_complete(app.stop())


@pytest.mark.parametrize(
    ("language", "clock", "thousands"),
    [
        ("en", "20:14:05", "12,345"),
        ("de", "20:14:05", "12.345"),
        ("fr", "20:14:05", "12\u202f345"),
        ("nl", "20:14:05", "12.345"),
    ],
)
def test_screen_times_and_numbers_follow_the_language(
    qapp: Any, language: str, clock: str, thousands: str
) -> None:
    use_language(language)
    moment = datetime(2026, 12, 1, 20, 14, 5, tzinfo=UTC)
    assert local_time(moment, UTC, seconds=True) == clock
    assert local_time(moment, UTC) == "20:14"  # 24 hours in all four, English (UK) too
    assert count(12345) == thousands


def test_the_wizard_switches_language_live_and_saves_it(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "kds.toml"
    wizard = SetupWizard(config, tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PageId.DEVICE
    assert wizard.device.title() == "Device"
    wizard.device.name.setText("Grill links")
    wizard.device.printing.setChecked(True)

    combo = wizard.device.language
    combo.setCurrentIndex(combo.findData("de"))

    # The pages are new ones, in German, with what was typed; Qt's own buttons too.
    assert wizard.currentId() == PageId.DEVICE
    assert wizard.device.title() == "Gerät"
    assert wizard.device.name.text() == "Grill links"
    assert wizard.device.printing.isChecked()
    assert wizard.device.language.currentData() == "de"
    assert wizard.connector.title() == "Connector"
    assert wizard.printers.title() == "Drucker"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Weiter >"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "Speichern"

    combo = wizard.device.language
    combo.setCurrentIndex(combo.findData("nl"))
    assert wizard.device.title() == "Apparaat"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Volgende >"

    # Saved as device.language: the config read back speaks Dutch.
    wizard.draft.token = "sales-point-token"
    wizard.draft.url = "ws://127.0.0.1:8765/kds"
    assert wizard.device.validatePage()
    wizard.summary.initializePage()
    assert wizard.summary.validatePage(), wizard.summary.result.text()
    saved = load_settings(config)
    assert (saved.device.language, saved.device.name, saved.device.printing) == (
        "nl",
        "Grill links",
        True,
    )


def test_a_saved_language_is_the_device_language_when_the_config_is_read(tmp_path: Path) -> None:
    config = tmp_path / "kds.toml"
    config.write_text(
        '[device]\nname = "Pass"\nlanguage = "fr"\n\n[connector]\ntoken = "t"\n',
        encoding="utf-8",
    )
    assert load_settings(config).device.language == "fr"
    bad = tmp_path / "bad.toml"
    bad.write_text('[device]\nlanguage = "es"\n\n[connector]\ntoken = "t"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"device\.language"):
        load_settings(bad)


def test_printer_lines_and_alarms_speak_the_device_language(qapp: Any) -> None:
    use_language("de")
    held = HeldTicket(display_id="G-1", problem="paper out", since=T0)
    kitchen = PrinterState(
        name="Küche",
        healthy=False,
        problem="paper out",
        since=T0,
        waiting=3,
        last_printed_at=None,
        on_backup_to="Bar",
        held=(held,),
    )
    bar = PrinterState(
        name="Bar",
        healthy=True,
        problem=None,
        since=None,
        waiting=1,
        last_printed_at=None,
        on_backup_to=None,
    )
    since = T0.astimezone().strftime("%H:%M")
    lines = [line.text for line in printer_lines([kitchen, bar], [], [], T0)]
    assert lines == [
        f"Küche: Papier leer seit {since}, 3 Bons wartend (geht an Bar)",
        "Küche hält #G-1 fest, bis Papier nachgefüllt ist",
        "Bar: bereit, 1 Bon wartend",
    ]
    (alarm, _bar) = printer_alarms([kitchen, bar])
    assert alarm.texts == (
        "Drucker Küche: Papier leer",
        "Küche hält #G-1 fest, bis Papier nachgefüllt ist",
    )


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("de", "neue Verbindung seit 19:00:00 (Verbindung abgelehnt)"),
        ("fr", "reconnexion depuis 19:00:00 (connexion refusée)"),
        ("nl", "opnieuw verbinden sinds 19:00:00 (verbinding geweigerd)"),
    ],
)
def test_the_connection_causes_table_is_translated_on_screen(
    qapp: Any, language: str, line: str
) -> None:
    """kds.net words a cause in English (it has no Qt); the screen translates it."""
    use_language(language)
    state = ConnectionState(Phase.RECONNECTING, T0, Detail(Cause.REFUSED))
    assert describe_connection(state, UTC) == line
    http = ConnectionState(Phase.RECONNECTING, T0, Detail(Cause.HTTP_STATUS, {"status": 503}))
    assert "HTTP 503" in describe_connection(http, UTC)


def test_the_set_up_answers_in_the_device_language(qapp: Any) -> None:
    use_language("fr")
    assert Outcome(Reachability.TOKEN_REFUSED).describe(tr) == "jeton refusé"
    assert Outcome(Reachability.CONNECTED, "c-1").describe(tr) == "connecté au connecteur c-1"
    synced = Synced(articles=312, groups=14, received_at=T0)
    assert synced.describe(UTC, tr) == "312 articles, 14 groupes, 19:00"
    assert Outcome(Reachability.TOKEN_REFUSED).describe() == "token refused"  # the CLI's words


def test_a_german_card_words_what_changed_in_german(qapp: Any) -> None:
    use_language("de")
    stations = (Station(id="hot", name="Heiß", groups=("mains",)),)
    config = KitchenConfig.build(stations, KitchenSettings())
    monitor = MonitorSettings(name="Grill", kind=MonitorKind.STATION, stations=("hot",))
    first = spaetzle().order
    data = json.loads(wire.dump(first))
    data["revision"] = 2
    data["items"][0]["quantity"] = "2"
    data["notes"] = [{"kind": "kitchen", "text": "Tisch wartet"}]
    data["fulfillment"] = {"type": "dine_in", "asap": True, "table": "7", "guests": 4}
    changed = wire.parse_order(data)
    model = OrdersModel(
        MonitorFilter.for_monitor(monitor, stations),
        T0,
        changes=lambda state: screen_changes(first, state.order, ("hot",), config),
    )
    model.upsert(OrderState(order=changed, first_seen_at=T0, updated_at=T0))
    lines = [line.text for line in model.index(0, 0).data(OrderRole.CARD_LINES)]
    for words in (
        "Menge 1 → 2",
        "Küchen-Hinweis: Tisch wartet",
        "Art: Abholung → Im Haus",
        "Tisch: keiner → 7",
        "Gäste: keiner → 4",
    ):
        assert words in lines, lines
    assert not [line for line in lines if "note" in line or "none" in line or "type:" in line]


def test_a_printers_detailed_status_is_said_in_the_device_language(qapp: Any) -> None:
    use_language("de")
    # Offline, the autocutter failed, the roll nearly ends (DLE EOT 1, 3 and 4 answers).
    status = decode({PRINTER_STATUS: 0x1A, ERROR_CAUSE: 0x1A, PAPER_SENSOR: 0x1E})
    assert state_words(status) == "error (offline, autocutter error, paper near end)"  # the log
    assert (
        state_words(status).say(tr)
        == "Fehler (offline, Fehler am Abschneider, Papier fast zu Ende)"
    )
    # A problem that started yesterday names its weekday (T0 is a Monday).
    kitchen = PrinterState("Küche", False, INTERNAL_ERROR, T0, 0, None, None)
    assert kitchen.describe(T0 + timedelta(days=1), tr) == (
        "Küche: interner Fehler (siehe Protokoll) seit Mo 19:00"
    )
    use_language("fr")
    assert kitchen.describe(T0 + timedelta(days=1), tr) == (
        "Küche : erreur interne (voir le journal) depuis lun. 19:00"
    )


def test_a_german_card_names_the_check_a_restriction_asks_for_in_german(qapp: Any) -> None:
    use_language("de")
    monitor = MonitorSettings(name="Theke", kind=MonitorKind.EXPO)
    data = json.loads(wire.dump(spaetzle().order))
    data["restrictions"] = ["alcohol", "age_check", "Energy drink"]
    model = OrdersModel(MonitorFilter.for_monitor(monitor, ()), T0)
    state = OrderState(order=wire.parse_order(data), first_seen_at=T0, updated_at=T0)
    model.upsert(state)
    lines = [line.text for line in model.index(0, 0).data(OrderRole.CARD_LINES)]
    # A value no platform table knows is shown as the platform sent it.
    assert "🔞 Prüfen: Alkohol, Alter, Energy drink" in lines, lines


async def test_a_failed_connection_test_and_join_say_why_in_the_device_language(
    qapp: Any,
) -> None:
    use_language("de")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = f"ws://127.0.0.1:{probe.getsockname()[1]}/kds"
    outcome = await check_connection(url, "token")
    assert outcome.describe(tr) == "nicht erreichbar: Verbindung abgelehnt"
    assert outcome.describe() == "not reachable: connection refused"  # the CLI's words
    with pytest.raises(JoinError) as refused:
        await join_with_code(url, "123456", "Tablet", device_id="tablet-1")
    assert said(refused.value.reason, tr) == "nicht erreichbar: Verbindung abgelehnt"
