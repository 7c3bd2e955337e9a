"""Raw TCP printing (port 9100) with DLE EOT status, one connection per job or status check."""

from __future__ import annotations

import errno
import logging
import socket
import time
from typing import Annotated, Literal

from pydantic import Field

from printing.status import STANDARD_QUERIES, PrinterStatus, decode, query
from printing.transports.base import (
    PrinterConnectionLost,
    PrinterTimeout,
    PrinterUnreachable,
    TransportError,
    TransportSettings,
)

logger = logging.getLogger(__name__)

_UNREACHABLE_ERRNOS = {
    errno.ECONNREFUSED,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.EHOSTDOWN,
    errno.ENETDOWN,
}


# After the printer resets the connection, shutdown() fails with ENOTCONN.
_LOST_ERRNOS = {errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED, errno.ENOTCONN}


class NetworkSettings(TransportSettings):
    """`transport = "network"`: a printer on the LAN, by host name or IP address."""

    transport: Literal["network"]
    host: Annotated[str, Field(min_length=1)]
    port: Annotated[int, Field(ge=1, le=65535)] = 9100

    def build(self, *, supports_status: bool) -> NetworkTransport:
        return NetworkTransport(self.host, self.port, supports_status=supports_status)


class NetworkTransport:
    """A printer on the network, spoken to with raw ESC/POS over TCP.

    Printers serve one connection at a time, so each `send` and each `status` opens its own
    connection and closes it: a crashed caller never leaves the printer blocked. `send` returns
    once the printer has read the whole job and closed its side (it does so when it sees our
    end-of-data); it raises when that does not happen within `write_timeout`, with
    `maybe_sent=True` because the printer may hold some of the bytes already.
    """

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        connect_timeout: float = 3.0,
        write_timeout: float = 5.0,
        status_timeout: float = 1.0,
        supports_status: bool = True,
    ) -> None:
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self.status_timeout = status_timeout
        self.supports_status = supports_status
        self.description = f"network {host}:{port}"

    def _connect(self) -> socket.socket:
        where = f"{self.host}:{self.port}"
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except socket.gaierror as exc:
            raise PrinterUnreachable(
                f"printer address {self.host!r} is not a known host name or IP address: "
                "check the printer settings"
            ) from exc
        except TimeoutError as exc:
            raise PrinterUnreachable(
                f"no answer from the printer at {where} within {self.connect_timeout:g} s: "
                "is it switched on and connected, and is the IP address right?"
            ) from exc
        except OSError as exc:
            if exc.errno == errno.ECONNREFUSED:
                raise PrinterUnreachable(
                    f"the printer at {where} refused the connection: is it switched on, "
                    "and is the port right (usually 9100)?"
                ) from exc
            if exc.errno in _UNREACHABLE_ERRNOS:
                raise PrinterUnreachable(
                    f"the printer at {where} cannot be reached ({exc.strerror}): "
                    "check the network cable or Wi-Fi and the IP address"
                ) from exc
            raise PrinterUnreachable(f"cannot connect to the printer at {where}: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def send(self, data: bytes) -> None:
        sock = self._connect()
        where = f"{self.host}:{self.port}"
        deadline = time.monotonic() + self.write_timeout
        try:
            try:
                sock.settimeout(self.write_timeout)
                sock.sendall(data)
                sock.shutdown(socket.SHUT_WR)
                # The printer closes its side after reading everything we sent.
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    sock.settimeout(remaining)
                    chunk = sock.recv(256)
                    if not chunk:
                        break
                    logger.debug("%s sent %d unsolicited byte(s) during a job", where, len(chunk))
            except TimeoutError as exc:
                raise PrinterTimeout(
                    f"the printer at {where} stopped taking data for {self.write_timeout:g} s; "
                    "part of the ticket may already be in it: check the printer before "
                    "printing again",
                    maybe_sent=True,
                ) from exc
            except OSError as exc:
                if not isinstance(exc, ConnectionError) and exc.errno not in _LOST_ERRNOS:
                    raise TransportError(
                        f"sending to the printer at {where} failed: {exc}", maybe_sent=True
                    ) from exc
                raise PrinterConnectionLost(
                    f"the printer at {where} dropped the connection before taking the whole "
                    "ticket; part of it may have printed: check the printer",
                    maybe_sent=True,
                ) from exc
        finally:
            sock.close()
        logger.debug("sent %d bytes to %s", len(data), where)

    def status(self) -> PrinterStatus:
        if not self.supports_status:
            return PrinterStatus.NOT_SUPPORTED()
        sock = self._connect()
        where = f"{self.host}:{self.port}"
        responses: dict[int, int] = {}
        try:
            sock.settimeout(self.status_timeout)
            for n in STANDARD_QUERIES:
                sock.sendall(query(n))
                answer = sock.recv(1)
                if not answer:
                    logger.info("%s closed the connection instead of answering status", where)
                    return PrinterStatus.NO_ANSWER("closed the connection without answering")
                responses[n] = answer[0]
        except TimeoutError:
            logger.info("%s did not answer DLE EOT within %g s", where, self.status_timeout)
            return PrinterStatus.NO_ANSWER(
                f"no answer to a status query within {self.status_timeout:g} s"
            )
        except OSError as exc:
            logger.info("%s: status query failed after connecting: %s", where, exc)
            return PrinterStatus.NO_ANSWER(f"connection lost during a status query ({exc})")
        finally:
            sock.close()
        return decode(responses)

    def close(self) -> None:
        """Nothing stays open between calls."""

    def __repr__(self) -> str:
        return f"NetworkTransport({self.host!r}, {self.port})"
