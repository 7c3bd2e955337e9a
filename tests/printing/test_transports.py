"""Transports against real sockets, a real pty and files; USB with pyusb faked at usb.core.find."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
import usb.core
import usb.util
from child_output import readable

from printing.emulator import EmulatorThread, Fault, status_bytes
from printing.status import DLE, EOT, PrinterStatus
from printing.transports import (
    TRANSPORTS,
    PrinterBusy,
    PrinterConnectionLost,
    PrinterTimeout,
    PrinterUnreachable,
    Transport,
    TransportError,
    UsbBackendMissing,
    UsbPermissionError,
    make_transport,
)
from printing.transports.file import FileSettings, FileTransport
from printing.transports.network import NetworkSettings, NetworkTransport
from printing.transports.serial import SerialSettings, SerialTransport
from printing.transports.usb import UsbSettings, UsbTransport

TICKET = b"\x1b@\x1ba\x01\x1bE\x01TABLE 7\x1bE\x00\n\x1ba\x002x Burger\n  no onions\n\x1dV\x00"


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[EmulatorThread]:
    with EmulatorThread("Kitchen", tmp_path, slow_seconds=30) as emu:
        yield emu


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- network -------------------------------------------------------------------------------


def test_network_send_prints_the_ticket(emulator: EmulatorThread) -> None:
    transport = NetworkTransport("127.0.0.1", emulator.port)
    assert transport.description == f"network 127.0.0.1:{emulator.port}"
    transport.send(TICKET)
    (job,) = emulator.wait_for_jobs(1, timeout=5)
    assert job.data == TICKET
    assert job.text == "TABLE 7\n2x Burger\n  no onions"
    assert job.decoded.lines[0].bold
    assert job.decoded.lines[0].align == "center"


def test_network_status_healthy(emulator: EmulatorThread) -> None:
    status = NetworkTransport("127.0.0.1", emulator.port).status()
    assert status.healthy
    assert status.problem is None
    assert emulator.jobs == []  # status queries are not printed


@pytest.mark.parametrize(
    ("fault", "problem", "healthy"),
    [
        (Fault.PAPER_OUT, "paper out", False),
        (Fault.COVER_OPEN, "cover open", False),
        (Fault.OFFLINE, "offline", False),
        (Fault.PAPER_NEAR_END, "paper low", True),
    ],
)
def test_network_status_reports_each_fault(
    emulator: EmulatorThread, fault: Fault, problem: str, healthy: bool
) -> None:
    emulator.set_fault(fault)
    status = NetworkTransport("127.0.0.1", emulator.port).status()
    assert status.answered
    assert status.problem == problem
    assert status.healthy is healthy


def test_network_drop_raises(emulator: EmulatorThread) -> None:
    emulator.set_fault(Fault.DROP)
    transport = NetworkTransport("127.0.0.1", emulator.port)
    with pytest.raises(TransportError) as caught:
        transport.send(TICKET)
    assert isinstance(caught.value, PrinterConnectionLost)
    assert caught.value.maybe_sent
    assert "check the printer" in str(caught.value)
    emulator.set_fault(None)
    transport.send(TICKET)
    assert len(emulator.wait_for_jobs(1, timeout=5)) == 1  # the dropped one never printed


def test_network_connection_refused_is_unreachable_quickly() -> None:
    port = closed_port()
    transport = NetworkTransport("127.0.0.1", port, connect_timeout=3.0)
    started = time.monotonic()
    with pytest.raises(PrinterUnreachable, match=f"127.0.0.1:{port} refused"):
        transport.send(TICKET)
    with pytest.raises(PrinterUnreachable):
        transport.status()
    assert time.monotonic() - started < 1.0


def test_network_status_without_answer_is_no_answer() -> None:
    # A listener that accepts (in the kernel backlog) but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        status = NetworkTransport("127.0.0.1", port, status_timeout=0.2).status()
    assert not status.answered
    assert status.problem == "no answer"
    assert "0.2 s" in status.detail


def test_network_without_status_support_does_not_ask() -> None:
    transport = NetworkTransport("127.0.0.1", closed_port(), supports_status=False)
    status = transport.status()  # no connection is made, so no error
    assert status.detail == "sent, not confirmed"
    assert status.ok_to_send


def test_network_slow_printer_times_out_and_the_ticket_prints_once(
    emulator: EmulatorThread,
) -> None:
    emulator.set_fault(Fault.SLOW)
    transport = NetworkTransport("127.0.0.1", emulator.port, write_timeout=0.3)
    with pytest.raises(PrinterTimeout) as caught:
        transport.send(TICKET)
    assert caught.value.maybe_sent
    assert "may already be in it" in str(caught.value)
    emulator.set_fault(None)
    (job,) = emulator.wait_for_jobs(1, timeout=5)
    assert job.data == TICKET


def test_network_unknown_host_is_unreachable() -> None:
    with pytest.raises(PrinterUnreachable, match="not a known host name"):
        NetworkTransport("printer.invalid", 9100, connect_timeout=1).send(b"x")


# -- file ----------------------------------------------------------------------------------


def test_file_transport_appends_jobs(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    transport = FileTransport(target)
    transport.send(b"one")
    transport.send(b"two")
    assert target.read_bytes() == b"onetwo"
    assert not transport.supports_status
    assert transport.status().detail == "sent, not confirmed"


def test_file_transport_never_creates_device_nodes() -> None:
    missing = Path("/dev/usb/lp-kds-test-missing")
    with pytest.raises(PrinterUnreachable, match="plugged in"):
        FileTransport(missing).send(b"x")
    assert not missing.exists()


def test_file_transport_stuck_device_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # present but never reads: a stuck printer
    try:
        started = time.monotonic()
        with pytest.raises(PrinterTimeout) as caught:
            FileTransport(fifo, write_timeout=0.3).send(b"x" * (1 << 20))
        assert time.monotonic() - started < 2.0
        assert caught.value.maybe_sent  # the pipe took its first 64 KiB
    finally:
        os.close(reader)


# -- serial (a real pty plays the printer) -------------------------------------------------


@dataclass
class PtyPrinter:
    """The far side of a pty: records bytes and answers DLE EOT like a printer."""

    master: int
    device: str
    answers: dict[int, int] = field(default_factory=lambda: status_bytes(None))
    received: bytearray = field(default_factory=bytearray)

    def serve(self, queries: int) -> threading.Thread:
        def run() -> None:
            answered = 0
            while answered < queries:
                chunk = os.read(self.master, 64)
                self.received += chunk
                for i in range(len(chunk) - 2):
                    if chunk[i] == DLE and chunk[i + 1] == EOT:
                        os.write(self.master, bytes([self.answers[chunk[i + 2]]]))
                        answered += 1

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    master, slave = os.openpty()
    try:
        yield PtyPrinter(master, os.ttyname(slave))
    finally:
        os.close(slave)
        os.close(master)


def test_serial_send_reaches_the_printer(pty_printer: PtyPrinter) -> None:
    transport = SerialTransport(pty_printer.device, 19200)
    try:
        transport.send(TICKET)
        received = bytearray()
        while len(received) < len(TICKET):
            received += os.read(pty_printer.master, 4096)
        assert bytes(received) == TICKET
    finally:
        transport.close()


def test_serial_status(pty_printer: PtyPrinter) -> None:
    pty_printer.answers = status_bytes(Fault.COVER_OPEN)
    thread = pty_printer.serve(queries=3)
    transport = SerialTransport(pty_printer.device, timeout=2.0)
    try:
        status = transport.status()
    finally:
        transport.close()
    thread.join(timeout=5)
    assert status.problem == "cover open"
    assert pty_printer.received == b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"


def test_serial_silent_printer_is_no_answer(pty_printer: PtyPrinter) -> None:
    transport = SerialTransport(pty_printer.device, timeout=0.2)
    try:
        assert transport.status().problem == "no answer"
    finally:
        transport.close()


def test_serial_missing_device_is_unreachable() -> None:
    with pytest.raises(PrinterUnreachable, match="does not exist"):
        SerialTransport("/dev/ttyKDS-missing").send(b"x")


# -- usb (pyusb faked at usb.core.find) ----------------------------------------------------


@dataclass
class FakeEndpoint:
    bEndpointAddress: int
    bmAttributes: int


class FakeDevice:
    """Just enough of usb.core.Device: what UsbTransport calls, recorded."""

    def __init__(self, endpoints: list[FakeEndpoint], kernel_driver: bool = True) -> None:
        self.endpoints = endpoints
        self.kernel_driver = kernel_driver
        self.calls: list[str] = []
        self.written: list[tuple[int, bytes]] = []
        self.answers = status_bytes(None)
        self.pending: list[int] = []
        self.fail: dict[str, Exception] = {}
        self.configured = False

    def _maybe_fail(self, name: str) -> None:
        self.calls.append(name)
        if name in self.fail:
            raise self.fail[name]

    def is_kernel_driver_active(self, interface: int) -> bool:
        return self.kernel_driver

    def detach_kernel_driver(self, interface: int) -> None:
        self._maybe_fail("detach")
        self.kernel_driver = False

    def get_active_configuration(self) -> dict[tuple[int, int], list[FakeEndpoint]] | None:
        if not self.configured:
            raise usb.core.USBError("not configured")
        return {(0, 0): self.endpoints}

    def set_configuration(self) -> None:
        self._maybe_fail("set_configuration")
        self.configured = True

    def write(self, endpoint: int, data: bytes, timeout: int) -> int:
        self._maybe_fail("write")
        self.written.append((endpoint, bytes(data)))
        if data[:2] == bytes((DLE, EOT)):
            self.pending.append(self.answers[data[2]])
        return len(data)

    def read(self, endpoint: int, size: int, timeout: int) -> list[int]:
        self.calls.append(f"read 0x{endpoint:02x}")
        if not self.pending:
            raise usb.core.USBTimeoutError("timed out", errno=errno.ETIMEDOUT)
        return [self.pending.pop(0)]


PRINTER_ENDPOINTS = [
    FakeEndpoint(0x83, 0x03),  # interrupt IN: not for status
    FakeEndpoint(0x81, 0x02),  # bulk IN
    FakeEndpoint(0x02, 0x02),  # bulk OUT
]


@pytest.fixture
def fake_usb(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    state: dict[str, Any] = {"device": FakeDevice(list(PRINTER_ENDPOINTS)), "found": []}

    def find(**criteria: Any) -> FakeDevice | None:
        state["found"].append(criteria)
        if isinstance(state["device"], Exception):
            raise state["device"]
        return state["device"]  # type: ignore[no-any-return]

    def claim(device: FakeDevice, interface: int) -> None:
        device._maybe_fail("claim")

    def release(device: FakeDevice, interface: int) -> None:
        device.calls.append("release")

    def dispose(device: FakeDevice) -> None:
        device.calls.append("dispose")

    monkeypatch.setattr(usb.core, "find", find)
    monkeypatch.setattr(usb.util, "claim_interface", claim)
    monkeypatch.setattr(usb.util, "release_interface", release)
    monkeypatch.setattr(usb.util, "dispose_resources", dispose)
    return state


def test_usb_discovers_bulk_endpoints_and_prints(fake_usb: dict[str, Any]) -> None:
    device: FakeDevice = fake_usb["device"]
    transport = UsbTransport(0x04B8, 0x0202)
    assert transport.description == "usb 04b8:0202"
    transport.send(TICKET)
    assert fake_usb["found"] == [{"idVendor": 0x04B8, "idProduct": 0x0202}]
    assert device.calls[:3] == ["detach", "set_configuration", "claim"]
    assert device.written == [(0x02, TICKET)]
    assert (transport.out_ep, transport.in_ep) == (0x02, 0x81)
    transport.close()
    assert device.calls[-2:] == ["release", "dispose"]


def test_usb_status_reads_the_bulk_in_endpoint(fake_usb: dict[str, Any]) -> None:
    device: FakeDevice = fake_usb["device"]
    device.answers = status_bytes(Fault.PAPER_OUT)
    status = UsbTransport(0x04B8, 0x0202).status()
    assert status.problem == "paper out"
    assert [data for _, data in device.written] == [
        b"\x10\x04\x01",
        b"\x10\x04\x02",
        b"\x10\x04\x04",
    ]
    assert device.calls.count("read 0x81") == 3


def test_usb_given_endpoints_are_used(fake_usb: dict[str, Any]) -> None:
    device: FakeDevice = fake_usb["device"]
    device.endpoints = []  # discovery would fail
    transport = UsbTransport(0x0416, 0x5011, in_ep=0x82, out_ep=0x01)
    transport.send(b"x")
    assert device.written == [(0x01, b"x")]


def test_usb_interface_without_bulk_out_is_explained(fake_usb: dict[str, Any]) -> None:
    fake_usb["device"].endpoints = [FakeEndpoint(0x81, 0x02)]
    with pytest.raises(TransportError, match="no bulk OUT endpoint"):
        UsbTransport(0x04B8, 0x0202).send(b"x")


def test_usb_silent_printer_is_no_answer(fake_usb: dict[str, Any]) -> None:
    fake_usb["device"].answers = {}
    fake_usb["device"].write = lambda endpoint, data, timeout: len(data)
    assert UsbTransport(0x04B8, 0x0202).status().problem == "no answer"


def test_usb_not_found_names_vendor_and_product(fake_usb: dict[str, Any]) -> None:
    fake_usb["device"] = None
    with pytest.raises(PrinterUnreachable, match="04b8:0202") as caught:
        UsbTransport(0x04B8, 0x0202).send(b"x")
    assert "lsusb" in str(caught.value)


def test_usb_without_libusb_says_what_to_install(fake_usb: dict[str, Any]) -> None:
    fake_usb["device"] = usb.core.NoBackendError("No backend available")
    with pytest.raises(UsbBackendMissing) as caught:
        UsbTransport(0x04B8, 0x0202).status()
    assert str(caught.value) == "libusb-1.0 is not installed: apt-get install libusb-1.0-0"


@pytest.mark.parametrize("step", ["detach", "set_configuration", "claim"])
def test_usb_permission_denied_gives_the_udev_rule(fake_usb: dict[str, Any], step: str) -> None:
    fake_usb["device"].fail[step] = usb.core.USBError("Access denied", errno=errno.EACCES)
    with pytest.raises(UsbPermissionError) as caught:
        UsbTransport(0x04B8, 0x0202).send(b"x")
    message = str(caught.value)
    assert (
        'SUBSYSTEM=="usb", ATTRS{idVendor}=="04b8", ATTRS{idProduct}=="0202", MODE="0666"'
        in message
    )
    assert "/etc/udev/rules.d/99-kds-printer.rules" in message
    assert "udevadm control --reload-rules" in message


def test_usb_busy_and_unplugged(fake_usb: dict[str, Any]) -> None:
    device: FakeDevice = fake_usb["device"]
    device.fail["claim"] = usb.core.USBError("Resource busy", errno=errno.EBUSY)
    with pytest.raises(PrinterBusy, match="in use by another program"):
        UsbTransport(0x04B8, 0x0202).send(b"x")
    del device.fail["claim"]
    transport = UsbTransport(0x04B8, 0x0202)
    transport.send(b"x")
    device.fail["write"] = usb.core.USBError("No such device", errno=errno.ENODEV)
    with pytest.raises(PrinterUnreachable, match="disconnected") as caught:
        transport.send(b"y")
    assert caught.value.maybe_sent


def test_usb_write_timeout(fake_usb: dict[str, Any]) -> None:
    fake_usb["device"].fail["write"] = usb.core.USBTimeoutError("timeout", errno=errno.ETIMEDOUT)
    with pytest.raises(PrinterTimeout) as caught:
        UsbTransport(0x04B8, 0x0202, timeout_ms=1500).send(b"x")
    assert "1.5 s" in str(caught.value)
    assert caught.value.maybe_sent


# -- registry and factory ------------------------------------------------------------------


def test_the_registry_lists_the_four_transports_by_their_config_value() -> None:
    assert list(TRANSPORTS) == ["network", "usb", "serial", "file"]
    for kind, model in TRANSPORTS.items():
        # The table's key is the value the settings model takes for `transport`.
        assert model.model_fields["transport"].annotation == Literal[kind]


def test_make_transport_builds_each_kind_from_its_settings(tmp_path: Path) -> None:
    transports: list[Transport] = [
        make_transport(NetworkSettings(transport="network", host="10.0.0.5")),
        make_transport(UsbSettings(transport="usb", vendor_id="0x04b8", product_id=0x0202)),
        make_transport(SerialSettings(transport="serial", device="/dev/ttyS0", baudrate=38400)),
        make_transport(FileSettings(transport="file", path=str(tmp_path / "lp"))),
    ]
    assert [t.description for t in transports] == [
        "network 10.0.0.5:9100",
        "usb 04b8:0202",
        "serial /dev/ttyS0 38400 baud",
        f"file {tmp_path / 'lp'}",
    ]
    assert all(isinstance(t, Transport) for t in transports)
    assert [t.supports_status for t in transports] == [True, True, True, False]


def test_make_transport_passes_on_a_printer_without_status() -> None:
    quiet = [
        make_transport(settings, supports_status=False)
        for settings in (
            NetworkSettings(transport="network", host="10.0.0.5"),
            UsbSettings(transport="usb", vendor_id=1, product_id=2),
            SerialSettings(transport="serial", device="/dev/ttyS0"),
        )
    ]
    assert [t.supports_status for t in quiet] == [False, False, False]
    assert all(t.status() == PrinterStatus.NOT_SUPPORTED() for t in quiet)  # never asked


_IMPORTS = """
import sys
from kds.resources import resource_path
from kds.settings import load_settings
from printing.transports import TransportError

def loaded():
    return "usb" in sys.modules, "serial" in sys.modules

settings = load_settings(resource_path("demo", "kds.toml"))
transports = [printer.make_transport() for printer in settings.printing.printers]
print(sorted({type(t).__name__ for t in transports}), loaded())
usb, serial = settings.printing.model_validate(
    {
        "printers": [
            {"name": "Bar", "transport": "usb", "vendor_id": 1, "product_id": 2},
            {"name": "Pass", "transport": "serial", "device": "/dev/no-such-tty"},
        ]
    }
).printers
transports = [usb.make_transport(), serial.make_transport()]
print(loaded())
for transport in transports:
    try:
        transport.send(b"x")  # no such device here: unreachable (or libusb missing)
    except TransportError:
        print(loaded())
"""


def test_pyusb_and_pyserial_are_loaded_only_when_a_printer_uses_them() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTS], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines() == [
        "['NetworkTransport'] (False, False)",  # the demo's network printers load neither
        "(False, False)",  # USB and serial printers in the config: loaded at the first job
        "(True, False)",  # the first USB job
        "(True, True)",  # the first serial job
    ], readable(result.stderr)
