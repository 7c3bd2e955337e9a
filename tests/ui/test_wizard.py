"""The set-up wizard walked as a technician would: a fake pyusb backend with two printers (one
without permission), the virtual printer on TCP, a code-page sheet answered "no" then "yes",
a sub-terminal joining a real connector on loopback by pairing code, routes after Sync now,
and the saved config read back equal to what was entered."""

from __future__ import annotations

import array
import asyncio
import errno
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import usb.backend
import usb.core
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QSpinBox, QWizard
from pytestqt.qtbot import QtBot

from kds.config_file import backups
from kds.connector.server import ConnectorServer
from kds.net import joining
from kds.settings import SettingsError, load_settings
from kds.ui.wizard import SetupWizard
from kds.ui.wizard.common import TOUCH_HEIGHT, PageId
from kds.ui.wizard.worker import Job
from printing.emulator import EmulatorThread

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOKEN = "sales-point-token"
WAIT_MS = 10_000


# -- a fake pyusb backend (as tests/printing/test_discovery.py): real pyusb over fake devices


@dataclass
class FakeDevice:
    vendor_id: int
    product_id: int
    address: int
    interface_class: int
    maker: str
    model: str
    denied: bool = False
    strings: list[str] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.strings = [self.maker, self.model]


class FakeBackend(usb.backend.IBackend):  # type: ignore[misc]
    def __init__(self, devices: list[FakeDevice]) -> None:
        super().__init__()
        self.devices = devices

    def enumerate_devices(self) -> Iterator[FakeDevice]:
        return iter(self.devices)

    def get_device_descriptor(self, dev: FakeDevice) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x200, bDeviceClass=0, bDeviceSubClass=0,
            bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=dev.vendor_id,
            idProduct=dev.product_id, bcdDevice=0x100, iManufacturer=1, iProduct=2,
            iSerialNumber=0, bNumConfigurations=1, address=dev.address, bus=1,
            port_number=dev.address, port_numbers=(dev.address,), speed=3,
        )  # fmt: skip

    def get_configuration_descriptor(self, dev: FakeDevice, config: int) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=9, bDescriptorType=2, wTotalLength=32, bNumInterfaces=1,
            bConfigurationValue=1, iConfiguration=0, bmAttributes=0xC0, bMaxPower=50,
            extra_descriptors=[],
        )  # fmt: skip

    def get_interface_descriptor(
        self, dev: FakeDevice, intf: int, alt: int, config: int
    ) -> SimpleNamespace:
        if intf != 0 or alt != 0:
            raise IndexError("no such interface")
        return SimpleNamespace(
            bLength=9, bDescriptorType=4, bInterfaceNumber=0, bAlternateSetting=0,
            bNumEndpoints=2, bInterfaceClass=dev.interface_class, bInterfaceSubClass=1,
            bInterfaceProtocol=2, iInterface=0, extra_descriptors=[],
        )  # fmt: skip

    def open_device(self, dev: FakeDevice) -> FakeDevice:
        if dev.denied:
            raise usb.core.USBError("Access denied (insufficient permissions)", -3, errno.EACCES)
        return dev

    def close_device(self, dev_handle: FakeDevice) -> None:
        pass

    def ctrl_transfer(  # noqa: PLR0917 - pyusb's backend interface
        self,
        dev_handle: FakeDevice,
        bmRequestType: int,
        bRequest: int,
        wValue: int,
        wIndex: int,
        data: array.array[int],
        timeout: int,
    ) -> int:
        index = wValue & 0xFF
        if index == 0:
            descriptor = bytes((4, 3, 0x09, 0x04))
        else:
            text = dev_handle.strings[index - 1].encode("utf-16-le")
            descriptor = bytes((2 + len(text), 3)) + text
        data[: len(descriptor)] = array.array("B", descriptor)
        return len(descriptor)


def two_usb_printers() -> FakeBackend:
    return FakeBackend(
        [
            FakeDevice(0x04B8, 0x0E15, 4, 0xFF, "EPSON", "TM-T20II"),
            FakeDevice(0x0416, 0x5011, 7, 7, "Xyz", "POS58", denied=True),
        ]
    )


# -- a real connector on loopback, on its own loop in a thread --------------------------


class ConnectorThread:
    def __init__(self, data_dir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.server = ConnectorServer(data_dir, TOKEN)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def post_catalog(self, body: dict[str, Any]) -> None:
        request = urllib.request.Request(
            self.base + "/catalog",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 202


@pytest.fixture
def connector(tmp_path: Path) -> Iterator[ConnectorThread]:
    conn = ConnectorThread(tmp_path / "connector")
    conn.thread.start()
    conn.call(conn.server.start())
    conn.post_catalog(
        {
            "groups": [{"id": "grill", "name": "Grill"}, {"id": "drinks", "name": "Drinks"}],
            "articles": [
                {"ref": "b1", "name": "Burger", "group": "grill"},
                {"ref": "c1", "name": "Cola", "group": "drinks"},
                {"ref": "w1", "name": "Water", "group": "drinks"},
            ],
        }
    )
    try:
        yield conn
    finally:
        conn.call(conn.server.stop())
        conn.loop.call_soon_threadsafe(conn.loop.stop)
        conn.thread.join(10)
        conn.loop.close()


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[EmulatorThread]:
    with EmulatorThread("Kitchen", tmp_path / "printer") as emu:
        yield emu


def shot(wizard: SetupWizard, name: str) -> None:
    """Each page as a 1024×768 PNG beside the test's files (the README's screenshots)."""
    folder = wizard.path.parent.parent / "shots"
    folder.mkdir(exist_ok=True)
    assert wizard.grab().save(str(folder / f"wizard-{name}.png"))


def set_combo(combo: Any, value: str | None) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_walk_the_whole_wizard_and_read_the_config_back(
    qtbot: QtBot, tmp_path: Path, connector: ConnectorThread, printer: EmulatorThread
) -> None:
    path = tmp_path / "config" / "kds.toml"
    wizard = SetupWizard(path, tmp_path / "data", usb_backend=two_usb_printers())
    qtbot.addWidget(wizard)
    wizard.resize(1024, 768)
    wizard.show()

    # 1 device
    assert wizard.currentId() == PageId.DEVICE
    wizard.device.name.setText("Grill PC")
    wizard.device.printing.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).height() >= TOUCH_HEIGHT
    shot(wizard, "1-device")
    wizard.next()

    # 2 connector: a sub-terminal joins with a pairing code and has no token field
    page = wizard.connector
    assert wizard.currentId() == PageId.CONNECTOR
    page.sub.setChecked(True)
    assert not page.token.isVisible() and page.code.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.url.setText(f"127.0.0.1:{connector.server.port}")
    page.code.setText("000000")
    page.join.click()
    qtbot.waitUntil(lambda: page.answer.text().startswith("not joined"), timeout=WAIT_MS)
    code = connector.call(joining.request_pairing_code(connector.base, TOKEN)).code
    connector_id = connector.call(joining.check_connection(connector.base, TOKEN)).connector_id
    page.code.setText(code)
    page.join.click()
    qtbot.waitUntil(lambda: page.answer.text().startswith("joined;"), timeout=WAIT_MS)
    assert page.answer.text() == f"joined; connected to connector {connector_id}"
    token = wizard.draft.token
    assert token and token != TOKEN
    page.test.click()
    qtbot.waitUntil(lambda: page.answer.text().startswith("connected"), timeout=WAIT_MS)
    shot(wizard, "2-connector")
    wizard.next()

    # 3 monitors
    page3 = wizard.monitors
    assert wizard.currentId() == PageId.MONITORS
    page3.stations.setText("Grill, Drinks")
    set_combo(page3.which[0], "grill")
    page3.identify.click()
    assert [label.text() for label in page3.numbers] == ["1"]
    assert page3.numbers[0].isVisible()
    qtbot.waitUntil(lambda: not page3.numbers[0].isVisible(), timeout=WAIT_MS)
    shot(wizard, "3-monitors")
    wizard.next()

    # 4 printers: USB (one without permission), then the virtual printer on TCP
    page4 = wizard.printers
    assert wizard.currentId() == PageId.PRINTERS
    page4.usb.click()
    assert not page4.usb.isEnabled()
    qtbot.waitUntil(page4.usb.isEnabled, timeout=WAIT_MS)
    assert page4.state.text() == "2 USB printers found"
    assert page4.found.item(0).text().startswith("EPSON TM-T20II — usb 04b8:0e15")
    assert "no permission — add the udev rule" in page4.found.item(1).text()
    page4.found.setCurrentRow(1)
    assert not page4.add.isEnabled()
    page4.found.setCurrentRow(0)
    page4.name.setText("Bar")
    page4.add.click()
    page4.range.setText("127.0.0.1/30")
    page4.port.setValue(printer.port)
    page4.scan.click()
    qtbot.waitUntil(page4.scan.isEnabled, timeout=WAIT_MS)
    assert page4.state.text() == f"1 printer found on port {printer.port} in 127.0.0.1/30"
    assert page4.progress.value() == 2
    page4.address.setText(f"127.0.0.1:{printer.port}")
    page4.probe.click()
    qtbot.waitUntil(lambda: page4.found.count() == 4, timeout=WAIT_MS)
    assert page4.state.text() == f"127.0.0.1:{printer.port}: ready"
    page4.found.setCurrentRow(3)
    page4.name.setText("Kitchen")
    set_combo(page4.model, "default")
    page4.add.click()
    assert [page4.added.item(i).text() for i in range(page4.added.count())] == ["Bar", "Kitchen"]
    page4.test_page.click()
    qtbot.waitUntil(lambda: page4.answer.text() == "test page sent to Kitchen", timeout=WAIT_MS)
    printer.wait_for_jobs(1, timeout=10)
    page4.sheet.click()
    qtbot.waitUntil(page4.question.isVisible, timeout=WAIT_MS)
    assert page4.answer.text().startswith("Sheet printed in cp858.")
    page4.no.click()
    qtbot.waitUntil(page4.question.isVisible, timeout=WAIT_MS)
    assert page4.answer.text().startswith("Sheet printed in cp1252.")
    assert len(printer.wait_for_jobs(3, timeout=10)) == 3
    shot(wizard, "4-printers")
    page4.yes.click()
    assert page4.answer.text() == "code page cp1252 kept"
    wizard.next()

    # 5 routes after Sync now; a wrong backup is named by its route
    page5 = wizard.routes
    assert wizard.currentId() == PageId.ROUTES
    page5.sync.click()
    qtbot.waitUntil(lambda: "articles" in page5.synced.text(), timeout=WAIT_MS)
    assert page5.synced.text().startswith("3 articles, 2 groups, ")
    items = [page5.table.item(r, 0) for r in range(page5.table.rowCount())]
    rows = {item.text(): r for r, item in enumerate(items) if item is not None}
    assert set(rows) == {"Grill", "Drinks"}
    grill, drinks = rows["Grill"], rows["Drinks"]
    set_combo(page5.table.cellWidget(grill, 1), "grill")
    set_combo(page5.table.cellWidget(grill, 2), "Kitchen")
    set_combo(page5.table.cellWidget(grill, 4), "Bar")
    copies = page5.table.cellWidget(grill, 3)
    assert isinstance(copies, QSpinBox)
    copies.setValue(2)
    set_combo(page5.table.cellWidget(drinks, 1), "drinks")
    set_combo(page5.table.cellWidget(drinks, 2), "Bar")
    set_combo(page5.table.cellWidget(drinks, 4), "Bar")
    set_combo(page5.default_printer, "Kitchen")
    wizard.next()
    assert wizard.currentId() == PageId.ROUTES
    assert page5.problems.text() == "route 'Drinks': the backup is the printer itself"
    shot(wizard, "5-routes")
    set_combo(page5.table.cellWidget(drinks, 4), None)
    wizard.next()

    # 6 summary and save
    assert wizard.currentId() == PageId.SUMMARY
    assert token not in wizard.summary.text.toPlainText()
    assert 'name = "Grill PC"' in wizard.summary.text.toPlainText()
    shot(wizard, "6-summary")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.summary.saved

    settings = load_settings(path)
    assert (settings.device.name, settings.device.printing) == ("Grill PC", True)
    assert settings.connector.url == f"ws://127.0.0.1:{connector.server.port}/kds"
    assert settings.connector.token == token
    assert [(s.id, s.name, s.groups) for s in settings.stations] == [
        ("grill", "Grill", ("grill",)),
        ("drinks", "Drinks", ("drinks",)),
    ]
    assert [(m.name, m.kind, m.stations) for m in settings.monitors] == [
        ("Grill", "station", ("grill",))
    ]
    assert settings.printing is not None
    bar, kitchen = settings.printing.printers
    assert (bar.name, bar.settings.transport, bar.profile) == ("Bar", "usb", "default")
    assert (kitchen.name, kitchen.codepage, kitchen.backup) == ("Kitchen", "cp1252", "Bar")
    keys = kitchen.model_dump()
    assert (keys["transport"], keys["host"], keys["port"]) == ("network", "127.0.0.1", printer.port)
    assert sorted(
        (r.name, r.groups, r.printers, r.copies, r.station) for r in settings.printing.routes
    ) == [
        ("Drinks", ("drinks",), ("Bar",), 1, "Drinks"),
        ("Grill", ("grill",), ("Kitchen",), 2, "Grill"),
    ]
    assert settings.printing.default_printer == "Kitchen"
    assert asyncio.run(joining.check_connection(settings.connector.url, token)).ok


def test_a_broken_config_opens_on_its_section_and_saving_keeps_a_backup(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kds.toml"
    path.write_text('[device]\nname = "Bar PC"\n[connector]\nurl = "http://x"\ntoken = "t"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    wizard = SetupWizard(path, tmp_path / "data", caught.value.problem)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PageId.CONNECTOR
    assert wizard.problem_banner.text().startswith("The config has a problem in [connector]:")
    assert wizard.problem_banner.isVisible()
    assert wizard.connector.token.text() == "t"
    wizard.connector.url.setText("192.168.1.10:8765")
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.summary.saved
    settings = load_settings(path)
    assert (settings.device.name, settings.connector.url) == (
        "Bar PC",
        "ws://192.168.1.10:8765/kds",
    )
    assert len(backups(path)) == 1
    assert "kept as" in wizard.summary.result.text()


def test_cancel_stops_a_subnet_scan_with_what_it_found_so_far(qtbot: QtBot, tmp_path: Path) -> None:
    with socket.socket() as silent:  # takes connections (the kernel's backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        wizard = SetupWizard(tmp_path / "kds.toml", tmp_path / "data")
        qtbot.addWidget(wizard)
        page = wizard.printers
        assert not page.cancel.isEnabled()
        page.range.setText("127.0.0.1-127.0.0.1")
        page.port.setValue(silent.getsockname()[1])
        page.scan.click()
        assert page.state.text() == "scanning 127.0.0.1-127.0.0.1 (1 addresses)…"
        page.cancel.click()
        qtbot.waitUntil(page.scan.isEnabled, timeout=WAIT_MS)
        assert page.state.text() == "scan cancelled after 0 of 1 addresses: none found"
        assert not page.cancel.isEnabled()


def test_worker_results_arrive_in_the_qt_thread(qtbot: QtBot) -> None:
    """Slots of a job's signals (lambdas too) may touch widgets: they run in the Qt thread."""
    parent = QObject()
    seen: list[tuple[str, bool]] = []

    def call(job: Job) -> int:
        job.report(1, 1)
        return 42

    job = Job(parent, call, "test")
    job.progress.connect(lambda *_: seen.append(("progress", is_qt_thread())))
    with qtbot.waitSignal(job.done, timeout=WAIT_MS) as done:
        job.done.connect(lambda _r: seen.append(("done", is_qt_thread())))
        job.start()
    assert done.args == [42]
    assert seen == [("progress", True), ("done", True)]


def is_qt_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_the_printers_page_finds_printers_in_the_device_language(
    qtbot: QtBot, tmp_path: Path, printer: EmulatorThread
) -> None:
    wizard = SetupWizard(tmp_path / "kds.toml", tmp_path / "data", usb_backend=two_usb_printers())
    qtbot.addWidget(wizard)
    wizard.show()
    combo = wizard.device.language
    combo.setCurrentIndex(combo.findData("de"))
    page = wizard.printers
    assert page.model.itemText(0).endswith("(jeder ESC/POS-Drucker)")

    page.usb.click()
    qtbot.waitUntil(page.usb.isEnabled, timeout=WAIT_MS)
    assert page.state.text() == "2 USB-Drucker gefunden"
    assert page.found.item(0).text() == "EPSON TM-T20II — USB 04b8:0e15, Bus 1 Gerät 4"
    assert "keine Berechtigung — die udev-Regel" in page.found.item(1).text()

    page.address.setText("192.168.1.50/24")
    page.probe.click()
    assert page.state.text().startswith("'192.168.1.50/24' ist keine Druckeradresse")
    page.address.setText(f"127.0.0.1:{printer.port}")
    page.probe.click()
    qtbot.waitUntil(lambda: page.found.count() == 3, timeout=WAIT_MS)
    assert page.state.text() == f"127.0.0.1:{printer.port}: bereit"

    page.range.setText("127.0.0.1/30")
    page.port.setValue(printer.port)
    page.scan.click()
    qtbot.waitUntil(page.scan.isEnabled, timeout=WAIT_MS)
    assert page.state.text() == f"1 Drucker gefunden auf Port {printer.port} in 127.0.0.1/30"
    page.range.setText("10.0.0.0/16")
    page.scan.click()
    assert page.state.text().startswith("'10.0.0.0/16' hat 65.534 Adressen")
