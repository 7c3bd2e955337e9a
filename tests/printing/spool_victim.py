"""A print spooler process for the SIGKILL test: queues tickets, says when one is mid-send.

Usage: python spool_victim.py DB_PATH PORT COUNT

Queues COUNT tickets ("#1" .. "#COUNT") for printer "Kitchen" at 127.0.0.1:PORT and prints
"sending #N" on stdout (flushed) once a job's bytes have left the process (the spool marked it
`sending` before), while it waits for the printer to take them. The test kills it there with
SIGKILL, as a power cut or an OOM kill would.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

from kds import wire
from printing.jobs import TicketJob
from printing.spooler import JobInfo, JobSpec, Spooler, SpoolPrinter
from printing.status import PrinterStatus


def ticket(number: int, printer: str = "Kitchen", copy: int = 1) -> JobSpec:
    """A kitchen ticket of order "o<number>", shown as "#<number>" (one burger)."""
    order = wire.parse_order(
        {
            "id": f"o{number}",
            "external_id": str(number),
            "display_id": str(number),
            "source": "webshop",
            "revision": 1,
            "created_at": "2026-11-23T20:00:00+00:00",
            "fulfillment": {"type": "pickup", "asap": True},
            "items": [{"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}],
        }
    )
    return JobSpec(
        printer=printer,
        template="kitchen",
        copy=copy,
        payload=TicketJob(order=order, line_ids=("1",), copies=1),
    )


def render_text(job: JobInfo, printer: str, banners: tuple[str, ...]) -> bytes:
    """A tiny ESC/POS ticket: banners, the order number, the printer; then a cut."""
    lines = [*banners, f"#{job.display_id} {job.template} copy {job.copy}", f"on {printer}"]
    return b"\x1b@" + "\n".join(lines).encode("ascii") + b"\n\x1dVB\x00"


class AnnouncingTransport:
    """Raw TCP like NetworkTransport, saying on stdout when a job's bytes are on their way."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.description = f"network 127.0.0.1:{port}"
        self.supports_status = False

    def send(self, data: bytes) -> None:
        number = data.split(b"#", 1)[1].split(b" ", 1)[0].decode()
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            sock.sendall(data)
            sys.stdout.write(f"sending #{number}\n")
            sys.stdout.flush()
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(256):
                pass

    def status(self) -> PrinterStatus:
        return PrinterStatus.NOT_SUPPORTED()

    def close(self) -> None:
        """Nothing stays open."""


async def main(db_path: Path, port: int, count: int) -> None:
    spooler = Spooler(
        db_path,
        [SpoolPrinter("Kitchen", AnnouncingTransport(port), status=False)],
        render_text,
        clock=lambda: datetime.now(UTC),
    )
    spooler.enqueue(ticket(n) for n in range(1, count + 1))
    await spooler.start()
    await asyncio.Event().wait()  # until killed


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
