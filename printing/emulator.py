"""A virtual network ESC/POS printer (TCP, with DLE EOT status and faults) for demos and tests."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import signal
import socket
import struct
import sys
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ConfigDict, ValidationError

from printing.decode import DecodedJob, decode_escpos, split_jobs
from printing.errors import PrintingError
from printing.status import DLE, EOT

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

_ESC = 0x1B
_GS = 0x1D


class Fault(enum.Enum):
    """A problem the virtual printer can be told to have."""

    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    PAPER_NEAR_END = "paper_near_end"
    SLOW = "slow"  # reads late: senders hit their write timeout
    DROP = "drop"  # resets each connection as soon as data arrives; prints nothing


#: Faults during which a real printer keeps what it receives and prints it once fixed.
HOLDING_FAULTS = frozenset({Fault.OFFLINE, Fault.PAPER_OUT, Fault.COVER_OPEN})

_HEALTHY = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}
_STATUS_BYTES: dict[Fault | None, dict[int, int]] = {
    None: _HEALTHY,
    Fault.OFFLINE: {**_HEALTHY, 1: 0x1A},
    Fault.PAPER_OUT: {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E},
    Fault.COVER_OPEN: {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    Fault.PAPER_NEAR_END: {**_HEALTHY, 4: 0x1E},
    Fault.SLOW: _HEALTHY,
    Fault.DROP: _HEALTHY,
}


def status_bytes(fault: Fault | None) -> dict[int, int]:
    """The DLE EOT 1-4 answers the virtual printer gives with this fault."""
    return dict(_STATUS_BYTES[fault])


@dataclass(frozen=True)
class EmulatedJob:
    """One job the virtual printer put on paper."""

    number: int
    data: bytes
    text: str
    received_at: datetime
    printed_at: datetime
    decoded: DecodedJob


class _FaultRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fault: Fault | None


def _ends_with_cut(data: bytes) -> bool:
    tail = data[-4:]
    if len(tail) >= 3 and tail[-3] == _GS and tail[-2] == ord("V") and tail[-1] in (0, 1, 48, 49):
        return True
    if len(tail) == 4 and tail[0] == _GS and tail[1] == ord("V") and tail[2] in (65, 66, 97, 98):
        return True
    return len(tail) >= 2 and tail[-2] == _ESC and tail[-1] in (ord("i"), ord("m"))


class _Stream:
    """One connection's bytes: pulls out DLE EOT queries and cuts the rest into jobs."""

    def __init__(self) -> None:
        self.pending = bytearray()  # bytes of the job in progress
        self.tail = bytearray()  # a DLE or DLE EOT split across reads
        self.received_at: datetime | None = None

    def feed(self, chunk: bytes) -> tuple[list[int], list[bytes]]:
        """Returns (status queries in order, jobs completed by this chunk)."""
        data = bytes(self.tail) + chunk
        self.tail.clear()
        queries: list[int] = []
        printable = bytearray()
        i = 0
        while i < len(data):
            b = data[i]
            if b == DLE and i + 1 == len(data):
                self.tail += data[i:]
                break
            if b == DLE and data[i + 1] == EOT:
                if i + 2 == len(data):
                    self.tail += data[i:]
                    break
                if 1 <= data[i + 2] <= 4:
                    queries.append(data[i + 2])
                    i += 3
                    continue
            printable.append(b)
            i += 1
        if printable and self.received_at is None:
            self.received_at = datetime.now(UTC)
        self.pending += printable
        return queries, self._take_jobs()

    def _take_jobs(self) -> list[bytes]:
        if not self.pending:
            return []
        pieces = split_jobs(bytes(self.pending))
        done, last = pieces[:-1], pieces[-1]
        if _ends_with_cut(last):
            done.append(last)
            last = b""
        self.pending = bytearray(last)
        return done

    def finish(self) -> bytes:
        """The connection closed: whatever is left (uncut) is a job too."""
        rest = bytes(self.pending) + bytes(self.tail)
        self.pending.clear()
        self.tail.clear()
        return rest


class PrinterEmulator:
    """A virtual ESC/POS printer on TCP, with an optional HTTP control port.

    Answers DLE EOT 1-4 inline from the current fault; holds jobs during OFFLINE, PAPER_OUT
    and COVER_OPEN and prints them when the fault clears, as real printers do. Each job is
    decoded to text and, with `out_dir`, written as NNN.bin, NNN.txt and NNN.png.
    """

    def __init__(
        self,
        name: str,
        out_dir: Path | None,
        host: str = "127.0.0.1",
        port: int = 0,
        control_port: int | None = 0,
        *,
        codepage: str = "cp437",
        slow_seconds: float = 2.0,
        paper_columns: int = 48,
    ) -> None:
        self.name = name
        self.out_dir = out_dir
        self.host = host
        self.codepage = codepage
        self.slow_seconds = slow_seconds
        self.paper_columns = paper_columns
        self._wanted_port = port
        self._wanted_control_port = control_port
        self._port: int | None = None
        self._control_port: int | None = None
        self._fault: Fault | None = None
        self._fault_changed = asyncio.Event()
        self._jobs_changed = asyncio.Event()
        self._jobs: list[EmulatedJob] = []
        self._queue: asyncio.Queue[tuple[bytes, datetime]] = asyncio.Queue()
        self._waiting_to_print = 0
        self._server: asyncio.Server | None = None
        self._runner: web.AppRunner | None = None
        self._printer_task: asyncio.Task[None] | None = None
        self._handlers: set[asyncio.Task[Any]] = set()

    # -- state -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise PrintingError(f"printer emulator {self.name} is not started")
        return self._port

    @property
    def control_port(self) -> int | None:
        return self._control_port

    @property
    def jobs(self) -> list[EmulatedJob]:
        return list(self._jobs)

    @property
    def fault(self) -> Fault | None:
        return self._fault

    @property
    def held_jobs(self) -> int:
        """Jobs received but not printed (waiting for a fault to clear)."""
        return self._waiting_to_print

    def set_fault(self, fault: Fault | None) -> None:
        """Change the fault; call on the emulator's loop thread."""
        logger.info("printer emulator %s: fault %s", self.name, fault.value if fault else "none")
        self._fault = fault
        changed, self._fault_changed = self._fault_changed, asyncio.Event()
        changed.set()

    async def wait_for_jobs(self, n: int, timeout: float) -> list[EmulatedJob]:
        """Wait until at least n jobs printed; returns all printed jobs."""
        try:
            async with asyncio.timeout(timeout):
                while len(self._jobs) < n:
                    await self._jobs_changed.wait()
        except TimeoutError:
            raise TimeoutError(
                f"printer emulator {self.name}: {len(self._jobs)} of {n} jobs printed "
                f"after {timeout:g} s ({self._waiting_to_print} held)"
            ) from None
        return list(self._jobs)

    # -- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._on_connection, self.host, self._wanted_port)
        self._port = int(self._server.sockets[0].getsockname()[1])
        self._printer_task = asyncio.create_task(self._print_loop(), name=f"printer {self.name}")
        if self._wanted_control_port is not None:
            self._runner = web.AppRunner(self._control_app(), access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self._wanted_control_port)
            await site.start()
            self._control_port = int(self._runner.addresses[0][1])
        logger.info(
            "printer emulator %s listening on %s:%d (control %s)",
            self.name,
            self.host,
            self._port,
            self._control_port,
        )

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._handlers):
            task.cancel()
        if self._handlers:
            await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None
        if self._printer_task is not None:
            if self._fault not in HOLDING_FAULTS and self._waiting_to_print:
                # Finish what was received before stopping, like a printer being switched off
                # after its buffer emptied.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(10):
                        while self._waiting_to_print:
                            await self._jobs_changed.wait()
            self._printer_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._printer_task
            self._printer_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._waiting_to_print:
            logger.warning(
                "printer emulator %s stopped with %d held job(s) unprinted",
                self.name,
                self._waiting_to_print,
            )

    # -- the printer ---------------------------------------------------------------------

    async def _on_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        peer = writer.get_extra_info("peername")
        stream = _Stream()
        try:
            while True:
                if self._fault is Fault.SLOW:
                    # Read late (or as soon as the fault is cleared).
                    changed = self._fault_changed
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self.slow_seconds):
                            await changed.wait()
                chunk = await reader.read(4096)
                if not chunk:
                    break
                if self._fault is Fault.DROP:
                    logger.info("printer emulator %s: dropping connection from %s", self.name, peer)
                    self._reset(writer)
                    return
                queries, jobs = stream.feed(chunk)
                if queries:
                    answers = status_bytes(self._fault)
                    writer.write(bytes(answers[n] for n in queries))
                    await writer.drain()
                for job in jobs:
                    self._accept(job, stream)
            rest = stream.finish()
            if rest:
                self._accept(rest, stream)
        except (ConnectionError, OSError) as exc:
            logger.info("printer emulator %s: connection from %s lost: %s", self.name, peer, exc)
        finally:
            self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    @staticmethod
    def _reset(writer: asyncio.StreamWriter) -> None:
        # SO_LINGER 0 turns the close into a TCP reset, so the sender sees a dropped connection.
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    def _accept(self, data: bytes, stream: _Stream) -> None:
        received_at = stream.received_at or datetime.now(UTC)
        stream.received_at = None
        self._waiting_to_print += 1
        self._queue.put_nowait((data, received_at))

    async def _print_loop(self) -> None:
        while True:
            data, received_at = await self._queue.get()
            while self._fault in HOLDING_FAULTS:
                await self._fault_changed.wait()
            await self._print(data, received_at)
            self._waiting_to_print -= 1
            changed, self._jobs_changed = self._jobs_changed, asyncio.Event()
            changed.set()

    async def _print(self, data: bytes, received_at: datetime) -> None:
        decoded = decode_escpos(data, default_codepage=self.codepage)
        job = EmulatedJob(
            number=len(self._jobs) + 1,
            data=data,
            text=decoded.text,
            received_at=received_at,
            printed_at=datetime.now(UTC),
            decoded=decoded,
        )
        if self.out_dir is not None:
            await asyncio.to_thread(self._write_files, job)
        self._jobs.append(job)
        logger.info(
            "printer emulator %s printed job %d (%d bytes)", self.name, job.number, len(data)
        )

    def _write_files(self, job: EmulatedJob) -> None:
        assert self.out_dir is not None
        stem = self.out_dir / f"{job.number:03d}"
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            stem.with_suffix(".bin").write_bytes(job.data)
            stem.with_suffix(".txt").write_text(job.text + "\n", encoding="utf-8")
        except OSError:
            logger.exception("printer emulator %s: cannot write job %d", self.name, job.number)
            return
        from printing.preview import render_preview_png

        try:
            render_preview_png(job.decoded, stem.with_suffix(".png"), self.paper_columns)
        except (PrintingError, OSError):
            logger.exception("printer emulator %s: no preview for job %d", self.name, job.number)

    # -- control HTTP --------------------------------------------------------------------

    def _control_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/status", self._http_status)
        app.router.add_post("/fault", self._http_fault)
        app.router.add_get("/jobs", self._http_jobs)
        return app

    def _status_body(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "port": self._port,
            "fault": self._fault.value if self._fault else None,
            "jobs": len(self._jobs),
            "held": self._waiting_to_print,
        }

    async def _http_status(self, request: web.Request) -> web.Response:
        return web.json_response(self._status_body())

    async def _http_fault(self, request: web.Request) -> web.Response:
        try:
            body = _FaultRequest.model_validate_json(await request.read())
        except ValidationError as exc:
            choices = ", ".join(f.value for f in Fault)
            reason = exc.errors()[0]["msg"]
            return web.json_response(
                {"error": f"expected {{'fault': one of {choices} or null}}: {reason}"},
                status=400,
            )
        self.set_fault(body.fault)
        return web.json_response(self._status_body())

    async def _http_jobs(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "jobs": [
                    {
                        "number": job.number,
                        "text": job.text,
                        "bytes": len(job.data),
                        "received_at": job.received_at.isoformat(),
                        "printed_at": job.printed_at.isoformat(),
                    }
                    for job in self._jobs
                ]
            }
        )


async def _serve_until_signal(emulator: PrinterEmulator) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await emulator.start()
    try:
        print(
            f"kds printer-emulator {emulator.name} listening on {emulator.host}:{emulator.port} "
            f"control on {emulator.host}:{emulator.control_port}",
            flush=True,
        )
        await stop.wait()
    finally:
        await emulator.stop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


def serve_emulator(
    host: str,
    port: int,
    name: str,
    out_dir: Path,
    control_port: int | None,
    *,
    paper_columns: int = 48,
    codepage: str = "cp437",
) -> int:
    """`kds printer-emulator`: run one virtual printer until SIGINT/SIGTERM.

    control_port None means port + 1 (or any free port when port is 0). `paper_columns`
    sets the preview's paper width (32 for 58 mm); `codepage` is the power-on code page.
    """
    if control_port is None:
        control_port = 0 if port == 0 else port + 1
    emulator = PrinterEmulator(
        name,
        out_dir,
        host=host,
        port=port,
        control_port=control_port,
        paper_columns=paper_columns,
        codepage=codepage,
    )
    try:
        asyncio.run(_serve_until_signal(emulator))
    except OSError as exc:
        print(f"kds printer-emulator: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 2
    return 0


class EmulatorThread:
    """A PrinterEmulator on its own event loop in a background thread, for synchronous code.

    with EmulatorThread("Kitchen", tmp_path) as emu:
        NetworkTransport("127.0.0.1", emu.port).send(data)
        emu.wait_for_jobs(1, timeout=5)
    """

    def __init__(
        self,
        name: str = "Printer",
        out_dir: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        control_port: int | None = 0,
        **options: Any,
    ) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, name=f"emulator {name}", daemon=True)
        self.emulator = PrinterEmulator(
            name, out_dir, host=host, port=port, control_port=control_port, **options
        )

    def _run(self) -> None:
        loop = self._running_loop()
        asyncio.set_event_loop(loop)
        loop.run_forever()
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise PrintingError("EmulatorThread is used outside its `with` block")
        return self._loop

    def _call(self, coro: Coroutine[Any, Any, _T], timeout: float) -> _T:
        return asyncio.run_coroutine_threadsafe(coro, self._running_loop()).result(timeout)

    def __enter__(self) -> EmulatorThread:
        self._loop = asyncio.new_event_loop()
        self._thread.start()
        try:
            self._call(self.emulator.start(), timeout=10)
        except BaseException:
            self._shutdown()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._call(self.emulator.stop(), timeout=10)
        finally:
            self._shutdown()

    def _shutdown(self) -> None:
        loop = self._running_loop()
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(timeout=10)
        loop.close()

    @property
    def port(self) -> int:
        return self.emulator.port

    @property
    def control_port(self) -> int | None:
        return self.emulator.control_port

    @property
    def jobs(self) -> list[EmulatedJob]:
        async def read() -> list[EmulatedJob]:
            return self.emulator.jobs

        return self._call(read(), timeout=5)

    @property
    def held_jobs(self) -> int:
        async def read() -> int:
            return self.emulator.held_jobs

        return self._call(read(), timeout=5)

    def set_fault(self, fault: Fault | None) -> None:
        async def apply() -> None:
            self.emulator.set_fault(fault)

        self._call(apply(), timeout=5)

    def wait_for_jobs(self, n: int, timeout: float) -> list[EmulatedJob]:
        return self._call(self.emulator.wait_for_jobs(n, timeout), timeout=timeout + 5)
