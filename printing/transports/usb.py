"""USB printing through pyusb (libusb): bulk OUT for jobs, bulk IN for DLE EOT status."""

from __future__ import annotations

import errno
import logging
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from printing.status import STANDARD_QUERIES, PrinterStatus, decode, query
from printing.transports.base import (
    PrinterBusy,
    PrinterConnectionLost,
    PrinterTimeout,
    PrinterUnreachable,
    TransportError,
    TransportSettings,
    UsbBackendMissing,
    UsbPermissionError,
)

logger = logging.getLogger(__name__)

_DIRECTION_IN = 0x80
_TRANSFER_TYPE_MASK = 0x03
_TRANSFER_BULK = 0x02
_READ_SIZE = 64


def udev_rule(vendor_id: int, product_id: int) -> str:
    """The udev rule line that lets any local user open this printer."""
    return (
        f'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{vendor_id:04x}", '
        f'ATTRS{{idProduct}}=="{product_id:04x}", MODE="0666"'
    )


def _pyusb() -> Any:
    """pyusb (`usb.core`, `usb.util`), imported on first use: a config without a USB printer
    never loads it."""
    import usb.core
    import usb.util

    return usb


def _usb_id(value: Any) -> Any:
    """Accept 1208, "1208" and "0x04b8" (how lsusb and vendor docs write ids)."""
    if isinstance(value, str):
        try:
            return int(value.strip(), 0)
        except ValueError:
            raise ValueError(f"{value!r} is not a USB id (e.g. 0x04b8 or 1208)") from None
    return value


_UsbIdRange = Annotated[int, Field(ge=0, le=0xFFFF)]
UsbId = Annotated[_UsbIdRange, BeforeValidator(_usb_id, json_schema_input_type=_UsbIdRange | str)]
"""A vendor or product id: 1208, "1208" or "0x04b8"."""


class UsbSettings(TransportSettings):
    """`transport = "usb"`: a USB printer, found by its vendor and product id (`lsusb`)."""

    transport: Literal["usb"]
    vendor_id: UsbId
    product_id: UsbId

    def build(self, *, supports_status: bool) -> UsbTransport:
        return UsbTransport(self.vendor_id, self.product_id, supports_status=supports_status)


def _errno_of(exc: BaseException) -> int | None:
    value = getattr(exc, "errno", None)
    return value if isinstance(value, int) else None


class UsbTransport:
    """A USB printer found by vendor and product id. The device is opened on first use."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        *,
        interface: int = 0,
        in_ep: int | None = None,
        out_ep: int | None = None,
        timeout_ms: int = 5000,
        status_timeout_ms: int = 1000,
        supports_status: bool = True,
    ) -> None:
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.interface = interface
        self.in_ep = in_ep
        self.out_ep = out_ep
        self.timeout_ms = timeout_ms
        self.status_timeout_ms = status_timeout_ms
        self.supports_status = supports_status
        self.description = f"usb {vendor_id:04x}:{product_id:04x}"
        self._device: Any = None

    @property
    def _ids(self) -> str:
        return f"{self.vendor_id:04x}:{self.product_id:04x}"

    def _permission_error(self, exc: BaseException) -> UsbPermissionError:
        return UsbPermissionError(
            f"no permission to open the USB printer {self._ids}. Allow it with a udev rule: "
            f"put the line\n  {udev_rule(self.vendor_id, self.product_id)}\n"
            "into /etc/udev/rules.d/99-kds-printer.rules, run "
            "`sudo udevadm control --reload-rules && sudo udevadm trigger`, "
            f"then unplug and replug the printer ({exc})"
        )

    def _translate(self, exc: BaseException, doing: str) -> TransportError:
        code = _errno_of(exc)
        if code in (errno.EACCES, errno.EPERM):
            return self._permission_error(exc)
        if code == errno.EBUSY:
            return PrinterBusy(
                f"the USB printer {self._ids} is in use by another program "
                f"(CUPS, a kernel driver or another kds) while {doing}: close it and retry"
            )
        if code in (errno.ENODEV, errno.ENOENT, errno.EIO):
            self._forget()
            return PrinterUnreachable(
                f"the USB printer {self._ids} was disconnected while {doing}: "
                "check the cable and the power"
            )
        return TransportError(f"USB error with printer {self._ids} while {doing}: {exc}")

    def _open(self) -> Any:
        if self._device is not None:
            return self._device
        usb = _pyusb()
        try:
            device = usb.core.find(idVendor=self.vendor_id, idProduct=self.product_id)
        except usb.core.NoBackendError as exc:
            raise UsbBackendMissing(
                "libusb-1.0 is not installed: apt-get install libusb-1.0-0"
            ) from exc
        if device is None:
            raise PrinterUnreachable(
                f"no USB printer {self._ids} (vendor:product) is connected: check the cable, "
                "the power and the ids in the settings (`lsusb` lists them)"
            )
        try:
            try:
                if device.is_kernel_driver_active(self.interface):
                    logger.info("detaching the kernel driver from USB printer %s", self._ids)
                    device.detach_kernel_driver(self.interface)
            except NotImplementedError:
                logger.debug("kernel driver detach is not available on this platform")
            try:
                config = device.get_active_configuration()
            except usb.core.USBError:
                config = None
            if config is None:
                device.set_configuration()
                config = device.get_active_configuration()
            usb.util.claim_interface(device, self.interface)
            if self.out_ep is None or (self.in_ep is None and self.supports_status):
                self._discover_endpoints(config[(self.interface, 0)])
        except usb.core.USBError as exc:
            raise self._translate(exc, "opening it") from exc
        self._device = device
        return device

    def _discover_endpoints(self, interface: Any) -> None:
        bulk_out: int | None = None
        bulk_in: int | None = None
        for endpoint in interface:
            address = int(endpoint.bEndpointAddress)
            if (int(endpoint.bmAttributes) & _TRANSFER_TYPE_MASK) != _TRANSFER_BULK:
                continue
            if address & _DIRECTION_IN:
                bulk_in = address if bulk_in is None else bulk_in
            else:
                bulk_out = address if bulk_out is None else bulk_out
        if self.out_ep is None:
            if bulk_out is None:
                raise TransportError(
                    f"USB device {self._ids} interface {self.interface} has no bulk OUT "
                    "endpoint: is it a printer, and is the interface number right?"
                )
            self.out_ep = bulk_out
        if self.in_ep is None:
            self.in_ep = bulk_in
            if bulk_in is None:
                logger.warning("USB printer %s has no bulk IN endpoint: no status", self._ids)
        logger.debug("USB printer %s: OUT 0x%02x IN %s", self._ids, self.out_ep, self.in_ep)

    def send(self, data: bytes) -> None:
        device = self._open()
        usb = _pyusb()
        assert self.out_ep is not None
        try:
            written = device.write(self.out_ep, data, timeout=self.timeout_ms)
        except usb.core.USBTimeoutError as exc:
            raise PrinterTimeout(
                f"the USB printer {self._ids} stopped taking data for "
                f"{self.timeout_ms / 1000:g} s (out of paper, cover open or offline?); part "
                "of the ticket may already be in it",
                maybe_sent=True,
            ) from exc
        except usb.core.USBError as exc:
            error = self._translate(exc, "sending a ticket")
            error.maybe_sent = True
            raise error from exc
        if written != len(data):
            raise PrinterConnectionLost(
                f"the USB printer {self._ids} took {written} of {len(data)} bytes",
                maybe_sent=True,
            )

    def status(self) -> PrinterStatus:
        if not self.supports_status:
            return PrinterStatus.NOT_SUPPORTED()
        device = self._open()
        usb = _pyusb()
        if self.in_ep is None:
            return PrinterStatus.NOT_SUPPORTED("this USB printer has no status channel")
        responses: dict[int, int] = {}
        try:
            for n in STANDARD_QUERIES:
                device.write(self.out_ep, query(n), timeout=self.status_timeout_ms)
                answer = device.read(self.in_ep, _READ_SIZE, timeout=self.status_timeout_ms)
                if len(answer) == 0:
                    return PrinterStatus.NO_ANSWER(f"empty answer to DLE EOT {n}")
                # The newest byte is the answer; older ones are leftovers (e.g. ASB).
                responses[n] = int(answer[-1])
        except usb.core.USBTimeoutError:
            logger.info("USB printer %s did not answer DLE EOT", self._ids)
            return PrinterStatus.NO_ANSWER(
                f"no answer to a status query within {self.status_timeout_ms / 1000:g} s"
            )
        except usb.core.USBError as exc:
            raise self._translate(exc, "asking for status") from exc
        return decode(responses)

    def _forget(self) -> None:
        device, self._device = self._device, None
        if device is None:
            return
        usb = _pyusb()
        try:
            usb.util.release_interface(device, self.interface)
        except usb.core.USBError as exc:
            logger.debug("releasing USB printer %s: %s", self._ids, exc)
        usb.util.dispose_resources(device)

    def close(self) -> None:
        self._forget()

    def __repr__(self) -> str:
        return f"UsbTransport(0x{self.vendor_id:04x}, 0x{self.product_id:04x})"
