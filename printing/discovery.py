"""Find and try out printers for the set-up wizard: USB and network discovery, model profiles,
the test page and the code-page sheet. No Qt: the wizard (and `kds printers`) only call this.

* **USB** (`find_usb_printers`): every device with a printer-class interface (USB class 7)
  or from a known receipt-printer maker, with maker and model as the device names them. A
  device this user may not open is still listed, with the udev rule that fixes it; a
  machine without libusb gets one clear message. Blocking (it reads string descriptors):
  the wizard runs it in a worker thread.
* **Network** (`probe`, `scan`): connect with a short timeout, then ask DLE EOT status and
  say in words what the printer answered. A scan covers only the range the person typed, at
  most `MAX_SCAN_ADDRESSES`, a bounded number of connections at a time, reports progress and
  stops at once when cancelled (an `asyncio.Event`, or cancelling its task).
* **Model** (`profile_choices`, `settings_for_profile`): python-escpos' capability profiles
  as choices, each giving the `paper_mm`, `columns`, `codepage` and `profile` keys of a
  printer.
* **Code pages** (`codepage_candidates`, `next_candidate`, `codepage_sheet`): the order in
  which to try code pages until the sheet's letters look right on paper.
"""

from __future__ import annotations

import asyncio
import codecs
import errno
import functools
import ipaddress
import logging
import socket
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from kds.words import N_, Count, Words
from printing.config import DEFAULT_COLUMNS, PrinterBase
from printing.errors import PrintingError
from printing.render import PrinterOptions, RenderedTicket, render_codepage_sheet, render_test_page
from printing.status import STANDARD_QUERIES, PrinterStatus, decode, query
from printing.text import sanitize, to_codepage
from printing.transports.network import NetworkSettings
from printing.transports.usb import UsbSettings, udev_rule

__all__ = [
    "CODEPAGE_SAMPLE",
    "DEFAULT_PORT",
    "MAX_SCAN_ADDRESSES",
    "NO_USB_PRINTERS",
    "AddressRange",
    "CodepageSheet",
    "DiscoveryError",
    "ProbeResult",
    "ProfileChoice",
    "ProfileSettings",
    "ScanResult",
    "UsbPrinter",
    "UsbScan",
    "codepage_candidates",
    "codepage_sheet",
    "find_usb_printers",
    "next_candidate",
    "parse_address",
    "parse_range",
    "print_codepage_sheet",
    "print_test_page",
    "probe",
    "profile_choices",
    "scan",
    "settings_for_profile",
    "state_words",
]

logger = logging.getLogger(__name__)


class DiscoveryError(PrintingError):
    """Input the wizard cannot use (an address, a range, a model name); says what to type,
    in `words` the wizard says in its language."""

    def __init__(self, words: Words) -> None:
        super().__init__(words)
        self.words = words


# -- USB ----------------------------------------------------------------------------------

PRINTER_CLASS = 7
"""USB class code of printers (device or interface descriptor)."""

NO_USB_PRINTERS = Words(N_("no USB printers found"))
NO_LIBUSB = Words(N_("libusb-1.0 is not installed: apt-get install libusb-1.0-0"))

KNOWN_VENDORS: Mapping[int, str] = MappingProxyType(
    {
        0x04B8: "Epson",
        0x0519: "Star Micronics",
        0x1504: "Bixolon",
        0x0419: "Samsung (Bixolon)",
        0x1D90: "Citizen",
        0x2730: "Citizen",
        0x0619: "Seiko Instruments",
        0x0DD4: "Custom",
    }
)
"""USB vendor ids of receipt-printer makers: their printers often show a vendor-specific
interface (class 255) instead of the printer class, so the vendor id is what finds them."""

KNOWN_PRODUCTS: Mapping[tuple[int, int], str] = MappingProxyType(
    {
        (0x1FC9, 0x2016): "Xprinter receipt printer",
        (0x0483, 0x5743): "POS-80 receipt printer (Xprinter and similar)",
        (0x0483, 0x5840): "MPT-II receipt printer",
        (0x0416, 0x5011): "POS-58 receipt printer (Zjiang and similar)",
        (0x0FE6, 0x811E): "POS receipt printer (Rongta and similar)",
    }
)
"""Cheap printers that carry the vendor id of their USB chip (STMicroelectronics, Winbond,
NXP, ...): only these product ids of those vendors are printers."""


@dataclass(frozen=True)
class UsbPrinter:
    """One USB device that is (or is very likely) a printer."""

    vendor_id: int
    product_id: int
    bus: int | None
    address: int | None
    maker: str | None
    """The device's own manufacturer string (iManufacturer), when it could be read."""
    model: str | None
    """The device's own product string (iProduct), when it could be read."""
    known_as: str | None
    """What the vendor/product tables call it ("Epson"), when they know it."""
    printer_interface: int | None
    """The number of its printer-class interface; None when only its vendor id found it."""
    problem: Words | None = None
    """What stops kds from using it, in words (no permission: the udev rule to add)."""
    detail: Words | None = None
    """Something worth knowing that does not stop it (maker and model unreadable)."""

    @property
    def ids(self) -> str:
        return f"{self.vendor_id:04x}:{self.product_id:04x}"

    @property
    def title(self) -> str:
        """Maker and model as a person reads them: "EPSON TM-T20II", "Citizen", ..."""
        maker, model = self.maker, self.model
        if maker and model:
            return model if model.lower().startswith(maker.lower()) else f"{maker} {model}"
        if model or maker:
            return model or maker or ""
        return self.known_as or Words(N_("USB printer {ids}"), ids=self.ids)

    def describe(self) -> Words:
        """One line: title, ids, where it is plugged in, and any problem."""
        title, ids = self.title, self.ids
        if self.bus is not None:
            words = Words(
                N_("{title} — usb {ids}, bus {bus} device {address}"),
                title=title,
                ids=ids,
                bus=self.bus,
                address=self.address,
            )
        else:
            words = Words(N_("{title} — usb {ids}"), title=title, ids=ids)
        if self.problem:
            words = Words(N_("{printer}: {problem}"), printer=words, problem=self.problem)
        if self.detail:
            words = Words(N_("{printer} ({detail})"), printer=words, detail=self.detail)
        return words

    def settings(self) -> UsbSettings:
        """The printer config keys that reach this device."""
        return UsbSettings(transport="usb", vendor_id=self.vendor_id, product_id=self.product_id)


@dataclass(frozen=True)
class UsbScan:
    """What a USB search found, or why it could not search."""

    printers: tuple[UsbPrinter, ...]
    problem: Words | None = None

    @property
    def summary(self) -> Words:
        if self.problem is not None:
            return self.problem
        if not self.printers:
            return NO_USB_PRINTERS
        count = len(self.printers)
        if count == 1:
            return Words(N_("{n} USB printer found"), n=count)
        return Words(N_("{n} USB printers found"), n=count)


def _errno_of(exc: BaseException) -> int | None:
    value = getattr(exc, "errno", None)
    return value if isinstance(value, int) else None


def _permission_problem(vendor_id: int, product_id: int) -> Words:
    return Words(
        N_(
            "no permission — add the udev rule\n  {rule}\n"
            "to {file}, run `{command}`, then unplug and replug the printer"
        ),
        rule=udev_rule(vendor_id, product_id),
        file="/etc/udev/rules.d/99-kds-printer.rules",
        command="sudo udevadm control --reload-rules && sudo udevadm trigger",
    )


def _printer_interface(usb: Any, device: Any) -> int | None:
    """The number of the device's first printer-class interface, if it has one."""
    if int(device.bDeviceClass) == PRINTER_CLASS:
        return 0
    try:
        for configuration in device:
            for interface in configuration:
                if int(interface.bInterfaceClass) == PRINTER_CLASS:
                    return int(interface.bInterfaceNumber)
    except usb.core.USBError as exc:
        logger.info("USB device %04x:%04x: descriptors unreadable: %s", *_ids(device), exc)
    return None


def _ids(device: Any) -> tuple[int, int]:
    return int(device.idVendor), int(device.idProduct)


def _device_text(value: str | None) -> str | None:
    """A string the device sent, safe to show: no control characters, no padding."""
    if value is None:
        return None
    text = sanitize(value).strip()
    return text or None


def _read_names(usb: Any, device: Any) -> tuple[str | None, str | None, Words | None, Words | None]:
    """(maker, model, problem, detail) from the device's string descriptors.

    Reading them opens the device, which needs permission; the handle is released after.
    """
    vendor_id, product_id = _ids(device)
    try:
        langids = usb.util.get_langids(device)
        if not langids:
            return None, None, None, None  # a device without strings: allowed by USB
        maker = usb.util.get_string(device, int(device.iManufacturer), langids[0])
        model = usb.util.get_string(device, int(device.iProduct), langids[0])
        return _device_text(maker), _device_text(model), None, None
    except usb.core.USBError as exc:
        if _errno_of(exc) in (errno.EACCES, errno.EPERM):
            logger.info("USB printer %04x:%04x: no permission to open it", vendor_id, product_id)
            return None, None, _permission_problem(vendor_id, product_id), None
        logger.warning("USB printer %04x:%04x: names unreadable: %s", vendor_id, product_id, exc)
        return None, None, None, Words(N_("maker and model unreadable: {error}"), error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a device's strings are outside input: by outcome
        logger.warning("USB printer %04x:%04x: names unreadable: %r", vendor_id, product_id, exc)
        return None, None, None, Words(N_("maker and model unreadable: {error}"), error=str(exc))
    finally:
        usb.util.dispose_resources(device)


def _known_as(vendor_id: int, product_id: int) -> str | None:
    return KNOWN_PRODUCTS.get((vendor_id, product_id)) or KNOWN_VENDORS.get(vendor_id)


def find_usb_printers(backend: Any = None) -> UsbScan:
    """Every USB printer on this machine; blocking (run it in a worker thread).

    `backend` is a pyusb backend (`usb.backend.IBackend`); None lets pyusb pick libusb. A
    device from a known maker or with a printer-class interface is listed even when its
    names cannot be read, with the reason (no permission: the udev rule to add).
    """
    import usb.core
    import usb.util

    try:
        devices = list(usb.core.find(find_all=True, backend=backend))
    except usb.core.NoBackendError:
        logger.warning("no libusb backend for pyusb")
        return UsbScan((), NO_LIBUSB)
    except usb.core.USBError as exc:
        logger.warning("USB devices cannot be listed: %s", exc)
        return UsbScan((), Words(N_("USB devices cannot be listed: {error}"), error=str(exc)))
    printers: list[UsbPrinter] = []
    for device in devices:
        vendor_id, product_id = _ids(device)
        interface = _printer_interface(usb, device)
        known = _known_as(vendor_id, product_id)
        if interface is None and known is None:
            continue
        maker, model, problem, detail = _read_names(usb, device)
        printers.append(
            UsbPrinter(
                vendor_id=vendor_id,
                product_id=product_id,
                bus=device.bus,
                address=device.address,
                maker=maker,
                model=model,
                known_as=known,
                printer_interface=interface,
                problem=problem,
                detail=detail,
            )
        )
    printers.sort(key=lambda p: (p.bus or 0, p.address or 0, p.vendor_id, p.product_id))
    logger.info("USB: %d printer(s) among %d device(s)", len(printers), len(devices))
    return UsbScan(tuple(printers))


# -- network ------------------------------------------------------------------------------

DEFAULT_PORT = 9100
MAX_SCAN_ADDRESSES = 1024
"""The most addresses one scan covers (a /22): a typed /16 is refused, not scanned for hours."""

_RANGE_EXAMPLE = Words(N_("type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80"))

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _port(text: str, whole: str) -> int:
    port = int(text) if text.isdigit() else 0
    if not 1 <= port <= 65535:
        raise DiscoveryError(
            Words(
                N_("{address!r}: the port must be a number from 1 to 65535, not {port!r}"),
                address=whole,
                port=text,
            )
        )
    return port


def parse_address(text: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """HOST or HOST:PORT as a person types it ("192.168.1.50", "printer.local:9100",
    "[fe80::1]:9100") → (host, port)."""
    whole = text.strip()
    host, port = whole, default_port
    if whole.startswith("["):
        end = whole.find("]")
        rest = whole[end + 1 :] if end > 0 else ""
        if end < 0 or (rest and not rest.startswith(":")):
            raise DiscoveryError(
                Words(N_("{address!r} is not an address: write [IPv6]:port"), address=whole)
            )
        host = whole[1:end]
        if rest:
            port = _port(rest[1:], whole)
    elif whole.count(":") == 1:
        host, port_text = whole.split(":")
        port = _port(port_text, whole)
    if not host or any(ch.isspace() or ch in "/[]" for ch in host):
        raise DiscoveryError(
            Words(
                N_(
                    "{address!r} is not a printer address: type its IP address or host name, "
                    "e.g. 192.168.1.50 or 192.168.1.50:9100"
                ),
                address=whole,
            )
        )
    return host, port


@dataclass(frozen=True)
class AddressRange:
    """A contiguous range of IP addresses a person typed, from `first` to `last`."""

    text: str
    first: IPAddress
    last: IPAddress

    @property
    def count(self) -> int:
        return int(self.last) - int(self.first) + 1

    def addresses(self) -> Iterator[str]:
        for value in range(int(self.first), int(self.last) + 1):
            yield str(ipaddress.ip_address(value))

    def __str__(self) -> str:
        return self.text


def _not_a_range(whole: str) -> DiscoveryError:
    return DiscoveryError(
        Words(N_("{text!r} is not an address range: {example}"), text=whole, example=_RANGE_EXAMPLE)
    )


def _ip(text: str, whole: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        raise _not_a_range(whole) from None


def parse_range(text: str) -> AddressRange:
    """A network (192.168.1.0/24, its host addresses), a range (192.168.1.20-192.168.1.80
    or 192.168.1.20-80) or one address; refused with the reason when it is none of these or
    has more than `MAX_SCAN_ADDRESSES` addresses."""
    whole = text.strip()
    if "/" in whole:
        try:
            network = ipaddress.ip_network(whole, strict=False)
        except ValueError:
            raise _not_a_range(whole) from None
        first, last = network.network_address, network.broadcast_address
        if network.version == 4 and network.num_addresses > 2:
            # The network and broadcast addresses are no printer's.
            first, last = first + 1, last - 1
    elif "-" in whole:
        start_text, end_text = whole.split("-", 1)
        first = _ip(start_text, whole)
        end_text = end_text.strip()
        if end_text.isdigit() and first.version == 4 and int(end_text) <= 255:
            # 192.168.1.20-80: the end replaces the last number of the start.
            last = ipaddress.ip_address((int(first) & ~0xFF) | int(end_text))
        else:
            last = _ip(end_text, whole)
        if last.version != first.version:
            raise DiscoveryError(
                Words(N_("{text!r}: both ends must be IPv4 or both IPv6"), text=whole)
            )
        if int(last) < int(first):
            raise DiscoveryError(Words(N_("{text!r}: the range ends before it starts"), text=whole))
    else:
        first = last = _ip(whole, whole)
    found = AddressRange(whole, first, last)
    if found.count > MAX_SCAN_ADDRESSES:
        raise DiscoveryError(
            Words(
                N_(
                    "{text!r} has {count} addresses; a scan covers at most {most}: "
                    "type the printers' part of the network, e.g. 192.168.1.0/24"
                ),
                text=whole,
                count=Count(found.count),
                most=Count(MAX_SCAN_ADDRESSES),
            )
        )
    return found


READY = Words(N_("ready"))
NO_STATUS_ANSWER = Words(N_("no answer to status (may still print)"))


def state_words(status: PrinterStatus) -> Words:
    """A printer's answer to DLE EOT as the wizard shows it."""
    problem = status.problem
    if problem is None:
        return READY
    if problem == "no answer":
        return NO_STATUS_ANSWER
    if problem == "paper low":
        return Words(N_("ready, paper low"))
    if problem == "error":
        return Words(N_("error ({detail})"), detail=status.notes or status.detail)
    return Words(problem)  # one of the status' marked words: "paper out", "cover open"


@dataclass(frozen=True)
class ProbeResult:
    """What one address:port answered: `state` is the words shown ("ready", "paper out",
    "not reachable: …")."""

    host: str
    port: int
    reachable: bool
    state: Words
    status: PrinterStatus | None = None

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def describe(self) -> Words:
        return Words(N_("{address}: {state}"), address=self.address, state=self.state)

    def settings(self) -> NetworkSettings:
        """The printer config keys that reach this address."""
        return NetworkSettings(transport="network", host=self.host, port=self.port)


def _unreachable(host: str, port: int, reason: Words | str) -> ProbeResult:
    """`reason` in words, or the system's own (an OSError's text, English)."""
    state = Words(N_("not reachable: {reason}"), reason=reason)
    return ProbeResult(host, port, reachable=False, state=state)


async def _ask_status(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float
) -> PrinterStatus:
    responses: dict[int, int] = {}
    try:
        for n in STANDARD_QUERIES:
            writer.write(query(n))
            async with asyncio.timeout(timeout):
                await writer.drain()
                answer = await reader.read(1)
            if not answer:
                return PrinterStatus.NO_ANSWER("closed the connection without answering")
            responses[n] = answer[0]
    except TimeoutError:
        return PrinterStatus.NO_ANSWER(f"no answer to a status query within {timeout:g} s")
    except OSError as exc:
        return PrinterStatus.NO_ANSWER(f"connection lost during a status query ({exc})")
    return decode(responses)


async def probe(
    host: str,
    port: int = DEFAULT_PORT,
    *,
    connect_timeout: float = 2.0,
    status_timeout: float = 1.0,
) -> ProbeResult:
    """Connect to `host`:`port` and ask its status (DLE EOT 1, 2, 4); never raises for
    what the network or the device does: the result says it in words."""
    where = f"{host}:{port}"
    try:
        async with asyncio.timeout(connect_timeout):
            reader, writer = await asyncio.open_connection(host, port)
    except TimeoutError:
        words = N_(
            "no answer within {seconds:g} s (is it switched on and connected, "
            "and is the address right?)"
        )
        return _unreachable(host, port, Words(words, seconds=connect_timeout))
    except socket.gaierror:
        words = N_("{host!r} is not a known host name or IP address")
        return _unreachable(host, port, Words(words, host=host))
    except OSError as exc:
        reason: Words | str
        if exc.errno == errno.ECONNREFUSED or isinstance(exc, ConnectionRefusedError):
            reason = Words(N_("the connection was refused (is the port right? printers use 9100)"))
        else:
            reason = exc.strerror or str(exc)
        return _unreachable(host, port, reason)
    try:
        status = await _ask_status(reader, writer, status_timeout)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError as exc:
            logger.debug("%s: closing after the status query: %s", where, exc)
    logger.info("probe %s: %s (%s)", where, state_words(status), status.detail)
    return ProbeResult(host, port, reachable=True, state=state_words(status), status=status)


ProgressCallback = Callable[[int, int], None]
"""Called with (addresses done, addresses in the range) after each address."""


@dataclass(frozen=True)
class ScanResult:
    """What a subnet scan found: every address that took a connection on the port."""

    range: AddressRange
    port: int
    found: tuple[ProbeResult, ...]
    scanned: int
    cancelled: bool

    @property
    def summary(self) -> Words:
        count = len(self.found)
        if count == 1:
            found = Words(N_("{n} printer found"), n=count)
        elif count:
            found = Words(N_("{n} printers found"), n=count)
        else:
            found = Words(N_("none found"))
        if self.cancelled:
            return Words(
                N_("scan cancelled after {scanned} of {total} addresses: {found}"),
                scanned=self.scanned,
                total=self.range.count,
                found=found,
            )
        where = {"port": self.port, "range": str(self.range)}
        if not count:
            return Words(N_("no printer answered on port {port} in {range}"), **where)
        return Words(N_("{found} on port {port} in {range}"), found=found, **where)


async def scan(
    addresses: AddressRange | str,
    port: int = DEFAULT_PORT,
    *,
    concurrency: int = 64,
    connect_timeout: float = 0.5,
    status_timeout: float = 1.0,
    progress: ProgressCallback | None = None,
    cancel: asyncio.Event | None = None,
) -> ScanResult:
    """Probe every address of the range (and no other) on `port`, `concurrency` at a time;
    a range given as text is read by `parse_range` (DiscoveryError when it is unusable).

    Setting `cancel` stops it at once (probes under way are abandoned) and returns what was
    found so far, marked cancelled; cancelling the task running it cancels every probe.
    """
    where = addresses if isinstance(addresses, AddressRange) else parse_range(addresses)
    total = where.count
    pending = where.addresses()
    found: list[ProbeResult] = []
    done = 0

    async def worker() -> None:
        nonlocal done
        for address in pending:  # shared: each address goes to one worker
            if cancel is not None and cancel.is_set():
                return
            result = await probe(
                address, port, connect_timeout=connect_timeout, status_timeout=status_timeout
            )
            done += 1
            if result.reachable:
                found.append(result)
            if progress is not None:
                progress(done, total)

    workers = [asyncio.create_task(worker()) for _ in range(max(1, min(concurrency, total)))]
    stop = asyncio.create_task(cancel.wait()) if cancel is not None else None
    waiting: set[asyncio.Task[Any]] = {*workers, *([stop] if stop else [])}
    try:
        while any(not task.done() for task in workers):
            finished, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            if stop is not None and stop in finished:
                break
            for task in finished:
                task.result()  # a failing progress callback is the caller's error: raise it
    finally:
        for task in (*workers, *([stop] if stop else [])):
            task.cancel()
        await asyncio.gather(*workers, *([stop] if stop else []), return_exceptions=True)
    found.sort(key=lambda result: ipaddress.ip_address(result.host))
    result = ScanResult(where, port, tuple(found), scanned=done, cancelled=done < total)
    logger.info("scan %s port %d: %s", where, port, result.summary)
    return result


# -- model profiles -----------------------------------------------------------------------

_COLUMN_CHOICES: tuple[Literal[32, 42, 48, 56, 64], ...] = (32, 42, 48, 56, 64)
"""The `columns` values a printer config takes."""


def _profiles() -> Mapping[str, Any]:
    # Imported here: python-escpos reads ESCPOS_CAPABILITIES_PICKLE_DIR at import time.
    from escpos import capabilities

    profiles: Mapping[str, Any] = capabilities.CAPABILITIES["profiles"]
    return profiles


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _profile_codepages(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The code pages a profile's table lists that a printer can be switched to (ESC t n)."""
    names: dict[str, None] = {}
    for number, name in data.get("codePages", {}).items():
        codec = _codec(str(name))
        if codec is not None and str(number).isdigit() and int(number) < 255:
            names[codec] = None
    return tuple(names)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True)
class ProfileChoice:
    """One python-escpos capability profile, as the wizard offers it."""

    name: str
    """The `profile` key ("TM-T20II")."""
    title: str
    vendor: str
    width_mm: float | None
    """Printable width the profile gives (72 mm on an 80 mm roll), if it gives one."""
    columns: int | None
    """Characters per line in font A, per the profile."""
    font_b_columns: int | None
    codepages: tuple[str, ...]
    """Code pages of the profile's table that kds can select (Python codec names)."""

    @property
    def generic(self) -> bool:
        """A profile for no model in particular ("default", "simple")."""
        return self.vendor.lower() == "generic"

    @property
    def paper_mm(self) -> Literal[58, 80]:
        """The roll it takes: up to 60 mm printable (or 36 columns) is a 58 mm roll."""
        if self.width_mm is not None:
            return 58 if self.width_mm <= 60 else 80
        return 58 if self.columns is not None and self.columns <= 36 else 80

    @property
    def config_columns(self) -> Literal[32, 42, 48, 56, 64] | None:
        """The `columns` key for this model: the widest line the config allows that fits its
        font A line; None (the paper's usual width) for a generic profile, when that is the
        usual width anyway, or when the profile's figure fits none."""
        if self.generic or self.columns is None:
            return None
        fitting = [c for c in _COLUMN_CHOICES if c <= self.columns]
        if not fitting or fitting[-1] == DEFAULT_COLUMNS[self.paper_mm]:
            return None
        return fitting[-1]

    @property
    def label(self) -> Words:
        """How the wizard lists it: "Epson TM-T88V — 80 mm, 42 columns"."""
        if self.generic:
            return Words(N_("{model} (any ESC/POS printer)"), model=self.title)
        columns = self.config_columns or DEFAULT_COLUMNS[self.paper_mm]
        return Words(
            N_("{model} — {mm} mm, {columns} columns"),
            model=self.title,
            mm=self.paper_mm,
            columns=columns,
        )


def _choice(name: str, data: Mapping[str, Any]) -> ProfileChoice:
    fonts = data.get("fonts", {})
    vendor = str(data.get("vendor", ""))
    model = str(data.get("name", name))
    plain = not vendor or vendor.lower() == "generic" or model.lower().startswith(vendor.lower())
    title = model if plain else f"{vendor} {model}"
    return ProfileChoice(
        name=name,
        title=title,
        vendor=vendor,
        width_mm=_number(data.get("media", {}).get("width", {}).get("mm")),
        columns=_columns(fonts.get("0")),
        font_b_columns=_columns(fonts.get("1")),
        codepages=_profile_codepages(data),
    )


def _columns(font: Any) -> int | None:
    value = font.get("columns") if isinstance(font, Mapping) else None
    return value if isinstance(value, int) else None


@functools.cache
def profile_choices() -> tuple[ProfileChoice, ...]:
    """The printer models python-escpos knows, "default" (any ESC/POS printer) first.

    Customer displays (profiles wider than an 80 mm roll) and profiles without a Latin code
    page kds can use are left out.
    """
    choices = []
    for name, data in _profiles().items():
        choice = _choice(name, data)
        if choice.width_mm is not None and choice.width_mm > 80:
            continue
        if not codepage_candidates(choice):
            continue
        choices.append(choice)
    choices.sort(key=lambda c: (c.name != "default", not c.generic, c.title.lower()))
    return tuple(choices)


def _profile_choice(name: str) -> ProfileChoice:
    for choice in profile_choices():
        if choice.name == name:
            return choice
    known = ", ".join(choice.name for choice in profile_choices())
    raise DiscoveryError(
        Words(N_("unknown printer model {name!r} (the models: {known})"), name=name, known=known)
    )


@dataclass(frozen=True)
class ProfileSettings:
    """The printer config keys a model sets (the names of `PrinterBase`'s fields)."""

    profile: str
    paper_mm: Literal[58, 80]
    columns: Literal[32, 42, 48, 56, 64] | None
    codepage: str

    def as_config(self) -> dict[str, Any]:
        """These keys as a printer table takes them (`columns` None: left out)."""
        keys: dict[str, Any] = {
            "profile": self.profile,
            "paper_mm": self.paper_mm,
            "codepage": self.codepage,
        }
        if self.columns is not None:
            keys["columns"] = self.columns
        return keys


def settings_for_profile(name: str) -> ProfileSettings:
    """`paper_mm`, `columns`, `codepage` and `profile` for the model profile `name`; the code
    page is the first of `codepage_candidates`. Raises DiscoveryError for an unknown name."""
    choice = _profile_choice(name)
    return ProfileSettings(
        profile=choice.name,
        paper_mm=choice.paper_mm,
        columns=choice.config_columns,
        codepage=codepage_candidates(choice)[0],
    )


# -- code pages, the code-page sheet and the test page -------------------------------------

CODEPAGE_SAMPLE = "äöüß ÄÖÜ € éèàç ñ ø å ĳ"
"""The letters German, French, Dutch, Spanish and Nordic orders use, and the euro sign."""

CODEPAGE_ORDER = ("cp858", "cp1252", "cp850", "cp865", "cp437")
"""Code pages to try, by how much of the sample each prints: cp858 and cp1252 print all of
it but ĳ (no single-byte Latin code page has it: it prints as "ij"); cp850 and cp865 (the
Nordic one) also lack € (printed "EUR"); cp437, every printer's code page 0, also lacks ø."""


def codepage_candidates(profile: str | ProfileChoice = "default") -> tuple[str, ...]:
    """The code pages to try on a printer of this model, best first."""
    choice = profile if isinstance(profile, ProfileChoice) else _profile_choice(profile)
    offered = set(choice.codepages)
    return tuple(codepage for codepage in CODEPAGE_ORDER if codepage in offered)


def next_candidate(current: str, profile: str | ProfileChoice = "default") -> str | None:
    """The code page to try after `current` looked wrong on paper; None when none is left."""
    candidates = codepage_candidates(profile)
    codec = _codec(current) or current
    if codec not in candidates:
        return candidates[0] if candidates and candidates[0] != codec else None
    index = candidates.index(codec)
    return candidates[index + 1] if index + 1 < len(candidates) else None


@dataclass(frozen=True)
class CodepageSheet:
    """A rendered code-page sheet and what it should look like on paper."""

    codepage: str
    ticket: RenderedTicket
    expected: str
    """The sample as this code page prints it (ĳ as "ij", and € as "EUR" without €)."""
    unprintable: tuple[str, ...]
    """The sample's characters this code page has no byte for."""


def codepage_sheet(
    printer_name: str, options: PrinterOptions, templates_dir: Path | None = None
) -> CodepageSheet:
    """The code-page sheet for a printer in `options.codepage` (not sent)."""
    ticket = render_codepage_sheet(printer_name, options, CODEPAGE_SAMPLE, templates_dir)
    missing = dict.fromkeys(
        ch for ch in CODEPAGE_SAMPLE if not ch.isspace() and to_codepage(ch, options.codepage) != ch
    )
    return CodepageSheet(
        codepage=options.codepage,
        ticket=ticket,
        expected=to_codepage(CODEPAGE_SAMPLE, options.codepage),
        unprintable=tuple(missing),
    )


def _send(printer: PrinterBase, data: bytes) -> None:
    transport = printer.make_transport()
    try:
        transport.send(data)
    finally:
        transport.close()


def print_codepage_sheet(
    printer: PrinterBase, codepage: str | None = None, templates_dir: Path | None = None
) -> CodepageSheet:
    """Print the code-page sheet on `printer` (in `codepage`, else its own); blocking, raises
    a TransportError when it was not sent."""
    options = printer.printer_options()
    if codepage is not None:
        options = replace(options, codepage=codepage)
    sheet = codepage_sheet(printer.name, options, templates_dir)
    _send(printer, sheet.ticket.data)
    return sheet


def print_test_page(
    printer: PrinterBase, now: datetime, templates_dir: Path | None = None
) -> RenderedTicket:
    """Print the test page on `printer`; blocking, raises a TransportError when not sent."""
    ticket = render_test_page(printer.name, printer.printer_options(), now, templates_dir)
    _send(printer, ticket.data)
    return ticket
