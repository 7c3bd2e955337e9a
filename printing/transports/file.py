"""Printing by writing to a device node (/dev/usb/lp0) or a regular file; no status."""

from __future__ import annotations

import errno
import logging
import os
import select
import time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from printing.status import PrinterStatus
from printing.transports.base import (
    PrinterPermissionError,
    PrinterTimeout,
    PrinterUnreachable,
    TransportError,
    TransportSettings,
)

logger = logging.getLogger(__name__)


class FileSettings(TransportSettings):
    """`transport = "file"`: a device node such as /dev/usb/lp0, or a regular file."""

    transport: Literal["file"]
    path: Annotated[str, Field(min_length=1)]

    def build(self, *, supports_status: bool) -> FileTransport:
        # A path is a one-way street: there is no status to ask, whatever the config says.
        return FileTransport(self.path)


class FileTransport:
    """Writes each job to a path. Device nodes must exist; regular files are created/appended.

    Writes are non-blocking with a deadline so a stuck /dev/usb/lp0 (paper out) cannot hang the
    worker. There is no way back from the printer: status is "sent, not confirmed".
    """

    supports_status = False

    def __init__(self, path: str | Path, write_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.write_timeout = write_timeout
        self.description = f"file {self.path}"

    def _open(self) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK
        # Never create files under /dev: a missing /dev/usb/lp0 means an unplugged printer.
        if not self.path.is_absolute() or self.path.parts[:2] != ("/", "dev"):
            flags |= os.O_CREAT
        try:
            return os.open(self.path, flags, 0o644)
        except FileNotFoundError as exc:
            raise PrinterUnreachable(
                f"{self.path} does not exist: is the printer plugged in and switched on?"
            ) from exc
        except PermissionError as exc:
            raise PrinterPermissionError(
                f"no permission to write to {self.path}: add the kds user to the lp group "
                "(`sudo usermod -aG lp $USER`, then log in again)"
            ) from exc
        except OSError as exc:
            if exc.errno in (errno.ENODEV, errno.ENXIO):
                raise PrinterUnreachable(f"{self.path}: no printer behind it ({exc})") from exc
            raise TransportError(f"cannot open {self.path}: {exc}") from exc

    def send(self, data: bytes) -> None:
        fd = self._open()
        deadline = time.monotonic() + self.write_timeout
        view = memoryview(data)
        try:
            while view:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PrinterTimeout(
                        f"{self.path} stopped taking data for {self.write_timeout:g} s "
                        "(out of paper, cover open or offline?); part of the ticket may be in it",
                        maybe_sent=len(view) < len(data),
                    )
                _, writable, _ = select.select([], [fd], [], remaining)
                if not writable:
                    continue
                try:
                    written = os.write(fd, view)
                except BlockingIOError:
                    continue
                except OSError as exc:
                    raise TransportError(
                        f"writing to {self.path} failed: {exc}",
                        maybe_sent=len(view) < len(data),
                    ) from exc
                view = view[written:]
        finally:
            os.close(fd)

    def status(self) -> PrinterStatus:
        return PrinterStatus.NOT_SUPPORTED()

    def close(self) -> None:
        """Nothing stays open between jobs."""

    def __repr__(self) -> str:
        return f"FileTransport({str(self.path)!r})"
