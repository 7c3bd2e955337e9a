"""Ways to reach a printer (network, USB, serial, file) behind one blocking interface."""

from __future__ import annotations

import inspect
from typing import Any

from printing.transports.base import (
    PrinterBusy,
    PrinterConnectionLost,
    PrinterPermissionError,
    PrinterTimeout,
    PrinterUnreachable,
    Transport,
    TransportConfigError,
    TransportError,
    UsbBackendMissing,
    UsbPermissionError,
)

__all__ = [
    "KINDS",
    "PrinterBusy",
    "PrinterConnectionLost",
    "PrinterPermissionError",
    "PrinterTimeout",
    "PrinterUnreachable",
    "Transport",
    "TransportConfigError",
    "TransportError",
    "UsbBackendMissing",
    "UsbPermissionError",
    "make_transport",
]

KINDS = ("network", "usb", "serial", "file")


def _transport_class(kind: str) -> type[Any]:
    # Imported on demand: pyusb and pyserial are only loaded for printers that use them.
    if kind == "network":
        from printing.transports.network import NetworkTransport

        return NetworkTransport
    if kind == "usb":
        from printing.transports.usb import UsbTransport

        return UsbTransport
    if kind == "serial":
        from printing.transports.serial import SerialTransport

        return SerialTransport
    if kind == "file":
        from printing.transports.file import FileTransport

        return FileTransport
    raise TransportConfigError(
        f"unknown printer connection {kind!r}: use one of {', '.join(KINDS)}"
    )


def make_transport(kind: str, **params: Any) -> Transport:
    """Build the transport for `kind` ("network", "usb", "serial", "file") from its settings."""
    cls = _transport_class(kind)
    signature = inspect.signature(cls)
    accepted = ", ".join(signature.parameters)
    unknown = sorted(set(params) - set(signature.parameters))
    if unknown:
        raise TransportConfigError(
            f"unknown setting(s) for a {kind} printer: {', '.join(unknown)}; accepted: {accepted}"
        )
    try:
        signature.bind(**params)
    except TypeError as exc:
        raise TransportConfigError(
            f"bad settings for a {kind} printer ({exc}); accepted: {accepted}"
        ) from exc
    transport: Transport = cls(**params)
    return transport
