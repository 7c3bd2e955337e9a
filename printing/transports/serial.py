"""Serial (RS-232 / USB-serial) printing through pyserial, with DLE EOT status."""

from __future__ import annotations

import errno
import logging
from typing import Annotated, Any, Literal

from pydantic import Field

from printing.status import STANDARD_QUERIES, PrinterStatus, decode, query
from printing.transports.base import (
    PrinterPermissionError,
    PrinterTimeout,
    PrinterUnreachable,
    TransportError,
    TransportSettings,
)

logger = logging.getLogger(__name__)


def _pyserial() -> Any:
    """pyserial, imported on first use: a config without a serial printer never loads it."""
    import serial

    return serial


class SerialSettings(TransportSettings):
    """`transport = "serial"`: a printer on a serial port (/dev/ttyS0, /dev/ttyUSB0)."""

    transport: Literal["serial"]
    device: Annotated[str, Field(min_length=1)]
    baudrate: Annotated[int, Field(gt=0)] = 9600

    def build(self, *, supports_status: bool) -> SerialTransport:
        return SerialTransport(self.device, self.baudrate, supports_status=supports_status)


class SerialTransport:
    """A printer on a serial port (/dev/ttyS0, /dev/ttyUSB0; any pyserial URL). Opened on use."""

    def __init__(
        self,
        device: str,
        baudrate: int = 9600,
        *,
        timeout: float = 1.0,
        write_timeout: float = 5.0,
        rtscts: bool = False,
        supports_status: bool = True,
    ) -> None:
        self.device = device
        self.baudrate = baudrate
        self.timeout = timeout
        self.write_timeout = write_timeout
        self.rtscts = rtscts
        self.supports_status = supports_status
        self.description = f"serial {device} {baudrate} baud"
        self._port: Any = None

    def _open(self) -> Any:
        if self._port is not None:
            return self._port
        serial = _pyserial()
        try:
            port = serial.serial_for_url(
                self.device,
                baudrate=self.baudrate,
                timeout=self.timeout,
                write_timeout=self.write_timeout,
                rtscts=self.rtscts,
            )
        except serial.SerialException as exc:
            code = getattr(exc, "errno", None)
            if code in (errno.EACCES, errno.EPERM):
                raise PrinterPermissionError(
                    f"no permission to open {self.device}: add the kds user to the dialout "
                    "group (`sudo usermod -aG dialout $USER`, then log in again)"
                ) from exc
            if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
                raise PrinterUnreachable(
                    f"serial port {self.device} does not exist: check the cable, the "
                    "USB-serial adapter and the device name in the settings"
                ) from exc
            raise PrinterUnreachable(f"cannot open serial port {self.device}: {exc}") from exc
        self._port = port
        return port

    def send(self, data: bytes) -> None:
        port = self._open()
        serial = _pyserial()
        try:
            port.write(data)
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise PrinterTimeout(
                f"the printer on {self.device} stopped taking data for {self.write_timeout:g} s "
                "(out of paper, cover open or offline?); part of the ticket may be in it",
                maybe_sent=True,
            ) from exc
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise TransportError(
                f"writing to serial port {self.device} failed: {exc}", maybe_sent=True
            ) from exc

    def status(self) -> PrinterStatus:
        if not self.supports_status:
            return PrinterStatus.NOT_SUPPORTED()
        port = self._open()
        serial = _pyserial()
        responses: dict[int, int] = {}
        try:
            port.reset_input_buffer()
            for n in STANDARD_QUERIES:
                port.write(query(n))
                port.flush()
                answer = port.read(1)
                if not answer:
                    logger.info("%s did not answer DLE EOT %d", self.device, n)
                    return PrinterStatus.NO_ANSWER(
                        f"no answer to a status query within {self.timeout:g} s"
                    )
                responses[n] = answer[0]
        except serial.SerialTimeoutException:
            return PrinterStatus.NO_ANSWER("the printer did not take the status query")
        except (serial.SerialException, OSError) as exc:
            self.close()
            raise TransportError(f"status query on {self.device} failed: {exc}") from exc
        return decode(responses)

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            port.close()

    def __repr__(self) -> str:
        return f"SerialTransport({self.device!r}, {self.baudrate})"
