"""Printer discovery for the set-up wizard: USB through real pyusb over a fake backend (and
the real one), network probes and scans against the virtual printer on loopback, model
profiles, and the code-page sheet decoded back from its bytes."""

from __future__ import annotations

import array
import asyncio
import codecs
import errno
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import usb.backend
import usb.core
from child_output import readable
from pydantic import TypeAdapter

from kds.__main__ import main
from printing.config import PrinterConfig
from printing.decode import decode_escpos
from printing.discovery import (
    MAX_SCAN_ADDRESSES,
    NO_LIBUSB,
    NO_USB_PRINTERS,
    DiscoveryError,
    codepage_candidates,
    codepage_sheet,
    find_usb_printers,
    next_candidate,
    parse_address,
    parse_range,
    print_codepage_sheet,
    print_test_page,
    probe,
    profile_choices,
    scan,
    settings_for_profile,
)
from printing.emulator import Fault, PrinterEmulator
from printing.render import Paper, PrinterOptions
from printing.transports.usb import udev_rule

ROOT = Path(__file__).resolve().parents[2]

# -- a fake pyusb backend: real pyusb (find, descriptors, string reads) over fake devices --


@dataclass
class FakeDevice:
    vendor_id: int
    product_id: int
    address: int
    interface_class: int
    maker: str | None = None
    model: str | None = None
    device_class: int = 0
    denied: bool = False
    """Opening it fails as libusb does without a udev rule (LIBUSB_ERROR_ACCESS)."""
    strings: list[str] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.strings = [s for s in (self.maker, self.model) if s is not None]


class FakeBackend(usb.backend.IBackend):  # type: ignore[misc]
    """Answers pyusb's backend calls like libusb for the devices given."""

    def __init__(self, devices: list[FakeDevice]) -> None:
        super().__init__()
        self.devices = devices
        self.opened: list[FakeDevice] = []
        self.open_handles = 0

    def enumerate_devices(self) -> Iterator[FakeDevice]:
        return iter(self.devices)

    def get_device_descriptor(self, dev: FakeDevice) -> SimpleNamespace:
        index = 1
        indexes = {}
        for name in ("maker", "model"):
            if getattr(dev, name) is not None:
                indexes[name] = index
                index += 1
        return SimpleNamespace(
            bLength=18,
            bDescriptorType=1,
            bcdUSB=0x200,
            bDeviceClass=dev.device_class,
            bDeviceSubClass=0,
            bDeviceProtocol=0,
            bMaxPacketSize0=64,
            idVendor=dev.vendor_id,
            idProduct=dev.product_id,
            bcdDevice=0x100,
            iManufacturer=indexes.get("maker", 0),
            iProduct=indexes.get("model", 0),
            iSerialNumber=0,
            bNumConfigurations=1,
            address=dev.address,
            bus=1,
            port_number=dev.address,
            port_numbers=(dev.address,),
            speed=3,
        )

    def get_configuration_descriptor(self, dev: FakeDevice, config: int) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=9,
            bDescriptorType=2,
            wTotalLength=32,
            bNumInterfaces=1,
            bConfigurationValue=1,
            iConfiguration=0,
            bmAttributes=0xC0,
            bMaxPower=50,
            extra_descriptors=[],
        )

    def get_interface_descriptor(
        self, dev: FakeDevice, intf: int, alt: int, config: int
    ) -> SimpleNamespace:
        if intf != 0 or alt != 0:
            raise IndexError("no such interface")
        return SimpleNamespace(
            bLength=9,
            bDescriptorType=4,
            bInterfaceNumber=0,
            bAlternateSetting=0,
            bNumEndpoints=2,
            bInterfaceClass=dev.interface_class,
            bInterfaceSubClass=1,
            bInterfaceProtocol=2,
            iInterface=0,
            extra_descriptors=[],
        )

    def open_device(self, dev: FakeDevice) -> FakeDevice:
        if dev.denied:
            raise usb.core.USBError("Access denied (insufficient permissions)", -3, errno.EACCES)
        self.opened.append(dev)
        self.open_handles += 1
        return dev

    def close_device(self, dev_handle: FakeDevice) -> None:
        self.open_handles -= 1

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
        assert (bmRequestType, bRequest, wValue >> 8) == (0x80, 6, 3), "GET_DESCRIPTOR(STRING)"
        index = wValue & 0xFF
        if index == 0:
            descriptor = bytes((4, 3, 0x09, 0x04))  # one language: en-US
        else:
            text = dev_handle.strings[index - 1].encode("utf-16-le")
            descriptor = bytes((2 + len(text), 3)) + text
        data[: len(descriptor)] = array.array("B", descriptor)
        return len(descriptor)


def kitchen_devices() -> list[FakeDevice]:
    """An Epson on its vendor-specific interface, a printer-class printer this user may not
    open, and a keyboard."""
    return [
        FakeDevice(
            0x04B8, 0x0E15, address=4, interface_class=0xFF, maker="EPSON", model="TM-T20II"
        ),
        FakeDevice(
            0x0416, 0x5011, address=7, interface_class=7, maker="Xyz", model="POS58", denied=True
        ),
        FakeDevice(
            0x046D, 0xC31C, address=9, interface_class=3, maker="Logitech", model="Keyboard"
        ),
    ]


def test_usb_lists_both_printers_with_maker_and_model_and_the_udev_rule() -> None:
    backend = FakeBackend(kitchen_devices())
    result = find_usb_printers(backend)
    epson, pos58 = result.printers
    assert result.summary == "2 USB printers found"
    assert (epson.title, epson.ids, epson.problem) == ("EPSON TM-T20II", "04b8:0e15", None)
    assert epson.printer_interface is None  # found by Epson's vendor id, not by its class
    assert epson.describe() == "EPSON TM-T20II — usb 04b8:0e15, bus 1 device 4"
    assert epson.settings().vendor_id == 0x04B8 and epson.settings().product_id == 0x0E15
    # The one without permission is still listed, under the name kds knows for its ids.
    assert pos58.printer_interface == 0
    assert (pos58.maker, pos58.model) == (None, None)
    assert pos58.title == "POS-58 receipt printer (Zjiang and similar)"
    assert pos58.problem is not None and pos58.problem.startswith("no permission — add the udev")
    assert udev_rule(0x0416, 0x5011) in pos58.problem
    assert "/etc/udev/rules.d/99-kds-printer.rules" in pos58.problem
    assert "Logitech" not in "".join(p.describe() for p in result.printers)
    # Reading the names opened only the Epson, and nothing was left open.
    assert [d.model for d in backend.opened] == ["TM-T20II"]
    assert backend.open_handles == 0


@pytest.mark.parametrize(
    ("vendor_id", "maker"),
    [
        (0x04B8, "Epson"),
        (0x0519, "Star Micronics"),
        (0x1504, "Bixolon"),
        (0x1D90, "Citizen"),
        (0x2730, "Citizen"),
        (0x0619, "Seiko Instruments"),
        (0x0DD4, "Custom"),
    ],
)
def test_usb_receipt_printer_makers_are_found_by_vendor_id(vendor_id: int, maker: str) -> None:
    device = FakeDevice(vendor_id, 0x0001, address=2, interface_class=0xFF)  # vendor class
    (printer,) = find_usb_printers(FakeBackend([device])).printers
    assert (printer.title, printer.printer_interface) == (maker, None)


def test_usb_printer_class_finds_a_maker_kds_does_not_know() -> None:
    unknown = FakeDevice(0x6868, 0x0500, address=2, interface_class=7, maker="Gprinter", model="")
    denied = FakeDevice(0x6868, 0x0501, address=3, interface_class=7, denied=True)
    vendor_class = FakeDevice(0x6868, 0x0502, address=5, interface_class=0xFF, maker="Gprinter")
    result = find_usb_printers(FakeBackend([unknown, denied, vendor_class]))
    assert [p.title for p in result.printers] == ["Gprinter", "USB printer 6868:0501"]


def test_usb_chip_vendor_ids_count_only_for_known_printer_products() -> None:
    xprinter = FakeDevice(0x1FC9, 0x2016, address=2, interface_class=0xFF)
    pos80 = FakeDevice(0x0483, 0x5743, address=3, interface_class=0xFF, maker="Printer")
    st_link = FakeDevice(0x0483, 0x3748, address=4, interface_class=0xFF, model="STM32 STLink")
    result = find_usb_printers(FakeBackend([xprinter, pos80, st_link]))
    assert [p.title for p in result.printers] == ["Xprinter receipt printer", "Printer"]
    assert result.printers[1].known_as == "POS-80 receipt printer (Xprinter and similar)"


def test_usb_device_names_cannot_smuggle_control_characters() -> None:
    hostile = FakeDevice(
        0x1504, 0x0006, address=2, interface_class=7, maker="\x1b[2JBIXOLON\x00", model="SRP\x07"
    )
    (printer,) = find_usb_printers(FakeBackend([hostile])).printers
    assert printer.title == "[2JBIXOLON SRP"


def test_usb_without_devices_says_so() -> None:
    result = find_usb_printers(FakeBackend([]))
    assert (result.printers, result.summary) == ((), NO_USB_PRINTERS)


def test_usb_on_this_machine_runs_real_pyusb_without_crashing() -> None:
    result = find_usb_printers()
    if not result.printers:
        assert result.summary in (NO_USB_PRINTERS, NO_LIBUSB)
    assert all(p.describe() for p in result.printers)


def test_usb_without_libusb_gives_the_install_command() -> None:
    # A fresh interpreter in which no libusb library can be found, as on a machine without it.
    script = (
        "import ctypes.util\n"
        "ctypes.util.find_library = lambda name: None\n"
        "from printing.discovery import find_usb_printers\n"
        "print(find_usb_printers().summary)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, readable(done.stderr)
    assert (
        done.stdout.strip()
        == NO_LIBUSB
        == "libusb-1.0 is not installed: apt-get install libusb-1.0-0"
    )


# -- network: probe and scan against the virtual printer on loopback ---------------------


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Kitchen", tmp_path / "out", control_port=None)
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("fault", "state"),
    [
        (None, "ready"),
        (Fault.PAPER_OUT, "paper out"),
        (Fault.OFFLINE, "offline"),
        (Fault.COVER_OPEN, "cover open"),
        (Fault.PAPER_NEAR_END, "ready, paper low"),
    ],
)
async def test_probe_says_what_the_printer_answered(
    emu: PrinterEmulator, fault: Fault | None, state: str
) -> None:
    emu.set_fault(fault)
    result = await probe("127.0.0.1", emu.port)
    assert (result.reachable, result.state) == (True, state)
    assert result.describe() == f"127.0.0.1:{emu.port}: {state}"
    assert result.settings().port == emu.port


async def test_probe_of_a_closed_port_is_not_reachable_with_the_reason() -> None:
    result = await probe("127.0.0.1", closed_port())
    assert not result.reachable
    assert result.state == (
        "not reachable: the connection was refused (is the port right? printers use 9100)"
    )


async def _serve(handler: Any) -> AsyncIterator[int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        server.close()
        await server.wait_closed()


@pytest.fixture
async def hangs_up() -> AsyncIterator[int]:
    """A port that takes connections and closes them without a word."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    async for port in _serve(handler):
        yield port


@pytest.fixture
async def silent() -> AsyncIterator[int]:
    """A port that takes connections and reads, but never answers."""

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    async for port in _serve(handler):
        yield port


async def test_probe_of_a_device_without_status_may_still_print(hangs_up: int, silent: int) -> None:
    closed = await probe("127.0.0.1", hangs_up)
    quiet = await probe("127.0.0.1", silent, status_timeout=0.2)
    for result in (closed, quiet):
        assert (result.reachable, result.state) == (True, "no answer to status (may still print)")
    assert quiet.status is not None and "within 0.2 s" in quiet.status.detail


async def test_scan_of_a_slash_30_finds_exactly_the_virtual_printer(emu: PrinterEmulator) -> None:
    seen: list[tuple[int, int]] = []
    result = await scan("127.0.0.1/30", emu.port, progress=lambda *p: seen.append(p))
    assert [r.describe() for r in result.found] == [f"127.0.0.1:{emu.port}: ready"]
    assert seen == [(1, 2), (2, 2)]  # 127.0.0.1 and .2; not the network or broadcast address
    assert (result.scanned, result.cancelled) == (2, False)
    assert result.summary == f"1 printer found on port {emu.port} in 127.0.0.1/30"


async def test_scan_holds_at_most_concurrency_connections_at_once() -> None:
    open_now = 0
    most = 0

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal open_now, most
        open_now += 1
        most = max(most, open_now)
        await reader.read()  # never answers status; the prober hangs up after its timeout
        open_now -= 1
        writer.close()

    first = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = int(first.sockets[0].getsockname()[1])
    others = await asyncio.start_server(handler, [f"127.0.0.{i}" for i in range(2, 9)], port)
    try:
        result = await scan("127.0.0.1-8", port, concurrency=3, status_timeout=0.3)
    finally:
        for server in (first, others):
            server.close()
            await server.wait_closed()
    assert [r.host for r in result.found] == [f"127.0.0.{i}" for i in range(1, 9)]
    assert {r.state for r in result.found} == {"no answer to status (may still print)"}
    assert most == 3


async def test_scan_covers_only_the_range_typed(emu: PrinterEmulator) -> None:
    result = await scan("127.0.0.2-5", emu.port)
    assert (result.found, result.scanned) == ((), 4)
    assert result.summary == f"no printer answered on port {emu.port} in 127.0.0.2-5"


async def test_cancel_stops_a_scan_early(emu: PrinterEmulator) -> None:
    cancel = asyncio.Event()

    def progress(done: int, total: int) -> None:
        if done == 3:
            cancel.set()

    result = await scan("127.0.0.0/24", emu.port, concurrency=1, progress=progress, cancel=cancel)
    assert result.cancelled and result.scanned == 3 < result.range.count == 254
    assert [r.host for r in result.found] == ["127.0.0.1"]
    assert result.summary == "scan cancelled after 3 of 254 addresses: 1 printer found"


async def test_cancelling_the_scan_task_cancels_its_probes(silent: int) -> None:
    started = asyncio.Event()

    def progress(done: int, total: int) -> None:
        started.set()

    task = asyncio.create_task(
        scan("127.0.0.1-200", silent, concurrency=4, status_timeout=60, progress=progress)
    )
    await asyncio.wait_for(started.wait(), 10)  # the refused addresses finish at once
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)  # without the 60 s status wait at 127.0.0.1


def test_scan_refuses_more_than_1024_addresses() -> None:
    with pytest.raises(DiscoveryError, match="has 65,534 addresses; a scan covers at most 1,024"):
        parse_range("192.168.0.0/16")
    assert parse_range("10.0.0.0/22").count == 1022
    assert parse_range("10.0.0.1-10.0.4.0").count == MAX_SCAN_ADDRESSES
    with pytest.raises(DiscoveryError, match="1,025 addresses"):
        parse_range("10.0.0.1-10.0.4.1")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("192.168.1.0/24", "192.168.1.1", "192.168.1.254"),
        (" 192.168.1.77/24 ", "192.168.1.1", "192.168.1.254"),
        ("192.168.1.20-192.168.1.80", "192.168.1.20", "192.168.1.80"),
        ("192.168.1.20-80", "192.168.1.20", "192.168.1.80"),
        ("192.168.1.9", "192.168.1.9", "192.168.1.9"),
        ("10.0.0.5/32", "10.0.0.5", "10.0.0.5"),
        ("fd00::/120", "fd00::", "fd00::ff"),
    ],
)
def test_ranges_as_people_type_them(text: str, first: str, last: str) -> None:
    where = parse_range(text)
    addresses = list(where.addresses())
    assert (addresses[0], addresses[-1], len(addresses)) == (first, last, where.count)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("192.168.1.300/24", "is not an address range"),
        ("printers", "is not an address range"),
        ("", "is not an address range"),
        ("192.168.1.80-20", "ends before it starts"),
        ("192.168.1.1-fd00::1", "both ends must be IPv4 or both IPv6"),
    ],
)
def test_bad_ranges_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(DiscoveryError, match=reason):
        parse_range(text)


def test_addresses_as_people_type_them() -> None:
    assert parse_address("192.168.1.50") == ("192.168.1.50", 9100)
    assert parse_address("printer.local:9101") == ("printer.local", 9101)
    assert parse_address("[fe80::1]:9100") == ("fe80::1", 9100)
    assert parse_address("fe80::1") == ("fe80::1", 9100)
    for bad, reason in [
        ("192.168.1.50:99999", "port must be a number from 1 to 65535"),
        ("192.168.1.50:", "port must be a number"),
        ("", "not a printer address"),
        ("my printer", "not a printer address"),
    ]:
        with pytest.raises(DiscoveryError, match=reason):
            parse_address(bad)


# -- the CLI ---------------------------------------------------------------------------------


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


async def test_cli_probe_and_scan_in_words(
    emu: PrinterEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.set_fault(Fault.PAPER_OUT)
    # main() runs its own event loop: off this test's loop, in a thread.
    code, out = await asyncio.to_thread(
        _cli, ["printers", "probe", f"127.0.0.1:{emu.port}"], capsys
    )
    assert code == 0
    assert out.splitlines() == [
        f"127.0.0.1:{emu.port}: paper out",
        f'  transport = "network", host = "127.0.0.1", port = {emu.port}',
    ]
    emu.set_fault(None)
    argv = ["printers", "find", "--scan", "127.0.0.1/30", "--port", str(emu.port)]
    code, out = await asyncio.to_thread(_cli, argv, capsys)
    assert code == 0
    assert out.splitlines() == [
        f"Network 127.0.0.1/30, port {emu.port} (2 addresses):",
        f"  127.0.0.1:{emu.port}: ready",
        f'    transport = "network", host = "127.0.0.1", port = {emu.port}',
        f"  1 printer found on port {emu.port} in 127.0.0.1/30",
    ]


def test_cli_refuses_a_too_big_scan_and_reports_unreachable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["printers", "find", "--scan", "10.0.0.0/8"]) == 2
    assert "has 16,777,214 addresses; a scan covers at most 1,024" in capsys.readouterr().err
    port = closed_port()
    code, out = _cli(["printers", "probe", f"127.0.0.1:{port}"], capsys)
    assert code == 1
    assert out.startswith(f"127.0.0.1:{port}: not reachable: the connection was refused")


def test_cli_find_lists_usb_on_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(["printers", "find"], capsys)
    lines = out.splitlines()
    assert lines[0] == "USB:"
    if code == 1:
        assert lines[1:] in ([f"  {NO_USB_PRINTERS}"], [f"  {NO_LIBUSB}"])


# -- model profiles ----------------------------------------------------------------------------


def test_profile_choices_carry_width_columns_and_code_pages() -> None:
    choices = {choice.name: choice for choice in profile_choices()}
    assert next(iter(choices)) == "default"
    t88 = choices["TM-T88V"]
    assert (t88.title, t88.paper_mm, t88.columns, t88.font_b_columns) == (
        "Epson TM-T88V",
        80,
        42,
        56,
    )
    assert t88.label == "Epson TM-T88V — 80 mm, 42 columns"
    assert {"cp858", "cp1252", "cp437"} <= set(t88.codepages)
    assert choices["NT-5890K"].label == "Netum NT-5890K — 58 mm, 32 columns"
    # Customer displays are not printers.
    assert not {"AF-240", "OCD-100", "OCD-300"} & choices.keys()


def test_settings_for_a_profile_are_valid_printer_keys() -> None:
    assert settings_for_profile("TM-T88V").as_config() == {
        "profile": "TM-T88V",
        "paper_mm": 80,
        "codepage": "cp858",
        "columns": 42,
    }
    assert settings_for_profile("TM-T20II").columns is None  # 48: an 80 mm roll's usual width
    assert settings_for_profile("TH230").columns == 42  # 44 in the profile: 42 fits, 48 not
    assert settings_for_profile("ZJ-5870").as_config() == {
        "profile": "ZJ-5870",
        "paper_mm": 58,
        "codepage": "cp1252",  # its table has no cp858
    }
    assert settings_for_profile("default").as_config() == {
        "profile": "default",
        "paper_mm": 80,
        "codepage": "cp858",
    }
    adapter: TypeAdapter[Any] = TypeAdapter(PrinterConfig)
    for choice in profile_choices():
        keys = settings_for_profile(choice.name).as_config()
        printer = adapter.validate_python({"name": "P", "transport": "file", "path": "/x", **keys})
        assert printer.profile == choice.name
        assert printer.line_columns == (keys.get("columns") or {58: 32, 80: 48}[keys["paper_mm"]])


def test_an_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(DiscoveryError, match=r"unknown printer model 'TM-X'.*TM-T88V"):
        settings_for_profile("TM-X")


# -- code pages and the code-page sheet ----------------------------------------------------


def test_code_page_candidates_in_order_and_the_no_path() -> None:
    assert codepage_candidates() == ("cp858", "cp1252", "cp850", "cp865", "cp437")
    assert codepage_candidates("TM-T88II") == ("cp1252", "cp850", "cp865", "cp437")  # no cp858
    assert codepage_candidates("simple") == ("cp437",)
    tried = ["cp858"]
    while (following := next_candidate(tried[-1])) is not None:
        tried.append(following)
    assert tried == list(codepage_candidates())
    assert next_candidate("CP858") == "cp1252"
    assert next_candidate("cp858", "TM-T88II") == "cp1252"  # not in its table: its first
    assert next_candidate("cp437", "simple") is None
    # Each later candidate prints no more of the sample than the one before it.
    missing = [len(codepage_sheet("P", options(cp)).unprintable) for cp in codepage_candidates()]
    assert missing == sorted(missing) == [1, 1, 2, 2, 3]


def options(
    codepage: str = "cp858", profile: str = "default", paper: Paper | None = None
) -> PrinterOptions:
    return PrinterOptions(paper=paper or Paper.mm80(), codepage=codepage, profile=profile)


def test_codepage_sheet_on_cp858_decodes_back_exactly() -> None:
    sheet = codepage_sheet("Küche", options("cp858"))
    decoded = decode_escpos(sheet.ticket.data)
    assert decoded.text == sheet.ticket.text
    lines = decoded.text.splitlines()
    assert lines[:3] == ["CODE PAGE TEST", "CP858", "Küche"]
    # Every letter of the sample comes back as itself; ĳ is in no single-byte code page.
    assert sheet.expected == "äöüß ÄÖÜ € éèàç ñ ø å ij"
    assert lines.count(sheet.expected) == 2  # big, and normal size
    assert sheet.unprintable == ("ĳ",)
    assert "Yes: keep CP858." in lines
    assert b"\x1bt\x13" in sheet.ticket.data  # ESC t 19: cp858 on an Epson-numbered printer
    assert "äöüß ÄÖÜ € éèàç ñ ø å".encode("cp858") in sheet.ticket.data


def test_codepage_sheet_on_cp437_shows_what_it_cannot_print() -> None:
    sheet = codepage_sheet("Bar", options("cp437", paper=Paper.mm58()))
    assert sheet.expected == "äöüß ÄÖÜ EUR éèàç ñ o å ij"
    assert sheet.unprintable == ("€", "ø", "ĳ")
    decoded = decode_escpos(sheet.ticket.data).text
    assert decoded == sheet.ticket.text
    assert "äöüß ÄÖÜ EUR éèàç ñ o å ij" in decoded  # normal size fits 32 columns


def test_every_profile_renders_the_sheet_in_each_of_its_candidates() -> None:
    for choice in profile_choices():
        settings = settings_for_profile(choice.name)
        paper = Paper.mm58() if settings.paper_mm == 58 else Paper.mm80()
        for codepage in codepage_candidates(choice):
            sheet = codepage_sheet("P", options(codepage, choice.name, paper))
            # ESC t n with the number the profile's table gives this code page.
            number = sheet.ticket.data[4]
            assert sheet.ticket.data[2:4] == b"\x1bt"
            table = choice_table(choice.name)
            assert codecs.lookup(table[str(number)]).name == codepage, (choice.name, codepage)


def choice_table(name: str) -> dict[str, str]:
    from escpos import capabilities

    table: dict[str, str] = capabilities.CAPABILITIES["profiles"][name]["codePages"]
    return table


PRINTER: TypeAdapter[Any] = TypeAdapter(PrinterConfig)


async def test_sheets_and_test_page_reach_the_virtual_printer(emu: PrinterEmulator) -> None:
    printer = PRINTER.validate_python(
        {"name": "Kitchen", "transport": "network", "host": "127.0.0.1", "port": emu.port}
    )
    assert (await probe("127.0.0.1", emu.port)).state == "ready"
    sheet = await asyncio.to_thread(print_codepage_sheet, printer)
    (job,) = await emu.wait_for_jobs(1, timeout=10)  # the probe printed nothing
    assert job.text == sheet.ticket.text
    assert sheet.expected in job.text.splitlines()
    # "Does this look right?" — no: the next candidate.
    following = next_candidate(sheet.codepage, printer.profile)
    assert following == "cp1252"
    second = await asyncio.to_thread(print_codepage_sheet, printer, following)
    jobs = await emu.wait_for_jobs(2, timeout=10)
    assert jobs[1].text == second.ticket.text
    assert "CP1252" in jobs[1].text.splitlines()
    assert sheet.expected in jobs[1].text.splitlines()  # decoded with the page it selected
    now = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    page = await asyncio.to_thread(print_test_page, printer, now)
    jobs = await emu.wait_for_jobs(3, timeout=10)
    assert jobs[2].text == page.text
    assert jobs[2].text.startswith("TEST PAGE\nKitchen\n01/03/2026 16:00")
    assert len(emu.jobs) == 3
