"""The one interface every printer transport offers, and the errors it raises."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from printing.errors import PrintingError
from printing.status import PrinterStatus


class TransportError(PrintingError):
    """A printer could not be reached or did not take a job; the message says what to do.

    `maybe_sent` is True when some or all of the job may already be in the printer (a timeout or
    a dropped connection after bytes left): sending it again elsewhere may print it twice.
    """

    def __init__(self, message: str, *, maybe_sent: bool = False) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent


class PrinterUnreachable(TransportError):
    """Nothing answered at the address: unplugged, switched off, wrong address, refused."""


class PrinterTimeout(TransportError):
    """The printer stopped taking data (or never accepted the connection) within the timeout."""


class PrinterConnectionLost(TransportError):
    """The printer closed or reset the connection before it took the whole job."""


class PrinterPermissionError(TransportError):
    """The operating system refused access to the printer device."""


class UsbPermissionError(PrinterPermissionError):
    """The USB device exists but this user may not open it (needs a udev rule)."""


class UsbBackendMissing(TransportError):
    """pyusb found no libusb backend on this machine."""


class PrinterBusy(TransportError):
    """Another program holds the printer (a kernel driver, CUPS, another kds)."""


@runtime_checkable
class Transport(Protocol):
    """A way to reach one printer. Every method blocks, bounded by the transport's timeouts.

    Callers run them in a worker thread. `status()` raises only when the printer cannot be
    reached at all; a reachable printer that stays silent gives `PrinterStatus.NO_ANSWER()`.
    """

    description: str
    supports_status: bool

    def send(self, data: bytes) -> None:
        """Hand the whole job to the printer, or raise a TransportError."""
        ...

    def status(self) -> PrinterStatus:
        """Ask the printer for its real-time status (DLE EOT)."""
        ...

    def close(self) -> None:
        """Release the connection or device; safe to call twice."""
        ...


class TransportSettings(BaseModel, ABC):
    """The config keys of one transport, tagged by `transport` (e.g. ``"network"``).

    Each transport module defines one next to its transport class, with its own keys and
    defaults; `printing.transports.TRANSPORTS` lists them. Frozen, unknown keys refused.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    transport: str

    @abstractmethod
    def build(self, *, supports_status: bool) -> Transport:
        """A new, unopened transport to the printer these settings describe."""
