"""Ways to reach a printer (network, USB, serial, file) behind one blocking interface.

`TRANSPORTS` is the one table of them: the value of a printer's `transport` key → the
settings model of its module, which holds that transport's config keys and builds its
transport. A new transport is a new module here and one line in the table; the printer
config (`printing.config.PrinterConfig`) is made from the table. The modules are light:
pyusb and pyserial are imported only when a USB or serial transport is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from printing.transports.base import (
    PrinterBusy,
    PrinterConnectionLost,
    PrinterPermissionError,
    PrinterTimeout,
    PrinterUnreachable,
    Transport,
    TransportError,
    TransportSettings,
    UsbBackendMissing,
    UsbPermissionError,
)
from printing.transports.file import FileSettings
from printing.transports.network import NetworkSettings
from printing.transports.serial import SerialSettings
from printing.transports.usb import UsbSettings

__all__ = [
    "TRANSPORTS",
    "PrinterBusy",
    "PrinterConnectionLost",
    "PrinterPermissionError",
    "PrinterTimeout",
    "PrinterUnreachable",
    "Transport",
    "TransportError",
    "TransportSettings",
    "UsbBackendMissing",
    "UsbPermissionError",
    "make_transport",
]

TRANSPORTS: Mapping[str, type[TransportSettings]] = MappingProxyType(
    {
        "network": NetworkSettings,
        "usb": UsbSettings,
        "serial": SerialSettings,
        "file": FileSettings,
    }
)
"""Every transport: its `transport` value → its settings model (which builds the transport)."""


def make_transport(settings: TransportSettings, *, supports_status: bool = True) -> Transport:
    """A new, unopened transport for a printer's settings (one of the `TRANSPORTS` models);
    `supports_status` False: the printer does not answer DLE EOT, so it is never asked."""
    return settings.build(supports_status=supports_status)
