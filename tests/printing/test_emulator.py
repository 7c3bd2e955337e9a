"""The virtual printer: jobs, inline status, held bytes, control HTTP, previews and the CLI."""

from __future__ import annotations

import asyncio
import os
import selectors
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from PIL import Image

from printing.emulator import EmulatorThread, Fault, PrinterEmulator
from printing.transports.network import NetworkTransport

ROOT = Path(__file__).resolve().parents[2]
CUT = b"\x1dV\x00"


@pytest.fixture
async def emu(tmp_path: Path) -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Kitchen", tmp_path / "out")
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


async def exchange(port: int, data: bytes, answers: int = 0) -> bytes:
    """Send data, read `answers` status bytes, end the connection; returns the answers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        got = await reader.readexactly(answers) if answers else b""
        writer.write_eof()
        assert await reader.read() == b""  # the printer read everything and closed
        return got
    finally:
        writer.close()
        await writer.wait_closed()


async def test_one_connection_with_two_cuts_is_two_jobs(emu: PrinterEmulator) -> None:
    await exchange(emu.port, b"first\n" + CUT + b"second\n\x1dVA\x03")
    jobs = await emu.wait_for_jobs(2, timeout=5)
    assert [job.text for job in jobs] == ["first", "second"]
    assert [job.number for job in jobs] == [1, 2]
    assert jobs[0].data == b"first\n" + CUT
    assert all(job.received_at <= job.printed_at for job in jobs)
    assert jobs[0].printed_at.tzinfo is not None


async def test_uncut_bytes_end_a_job_when_the_connection_closes(emu: PrinterEmulator) -> None:
    await exchange(emu.port, b"no cut here\n")
    (job,) = await emu.wait_for_jobs(1, timeout=5)
    assert job.text == "no cut here"


async def test_status_queries_are_answered_inline_and_not_printed(emu: PrinterEmulator) -> None:
    answers = await exchange(
        emu.port, b"A\n\x10\x04\x01B\n\x10\x04\x04\x10\x04\x02" + CUT, answers=3
    )
    assert answers == b"\x12\x12\x12"
    (job,) = await emu.wait_for_jobs(1, timeout=5)
    assert job.text == "A\nB"
    assert b"\x10\x04" not in job.data


async def test_status_query_split_across_packets(emu: PrinterEmulator) -> None:
    emu.set_fault(Fault.COVER_OPEN)
    reader, writer = await asyncio.open_connection("127.0.0.1", emu.port)
    try:
        writer.write(b"\x10")
        await writer.drain()
        writer.write(b"\x04")
        await writer.drain()
        writer.write(b"\x02")
        assert await reader.readexactly(1) == b"\x16"  # cover open
    finally:
        writer.close()
        await writer.wait_closed()


async def test_bytes_sent_during_paper_out_print_once_when_fixed(emu: PrinterEmulator) -> None:
    emu.set_fault(Fault.PAPER_OUT)
    assert await exchange(emu.port, b"\x10\x04\x04", answers=1) == b"\x7e"
    await exchange(emu.port, b"held ticket\n" + CUT)
    assert emu.jobs == []
    assert emu.held_jobs == 1
    emu.set_fault(None)
    (job,) = await emu.wait_for_jobs(1, timeout=5)
    assert job.text == "held ticket"
    assert emu.held_jobs == 0
    await exchange(emu.port, b"next\n" + CUT)
    jobs = await emu.wait_for_jobs(2, timeout=5)
    assert [j.text for j in jobs] == ["held ticket", "next"]  # printed once, in order


async def test_wait_for_jobs_times_out_with_a_count(emu: PrinterEmulator) -> None:
    with pytest.raises(TimeoutError, match="0 of 1 jobs"):
        await emu.wait_for_jobs(1, timeout=0.05)


async def test_out_dir_gets_bin_txt_and_a_preview(emu: PrinterEmulator, tmp_path: Path) -> None:
    short = b"\x1b@\x1d!\x11BIG\n\x1d!\x00small\n" + CUT
    long = b"\x1b@" + b"".join(b"line %d\n" % i for i in range(30)) + CUT
    await exchange(emu.port, short + long)
    await emu.wait_for_jobs(2, timeout=5)
    out = tmp_path / "out"
    assert (out / "001.bin").read_bytes() == short
    assert (out / "001.txt").read_text(encoding="utf-8") == "BIG\nsmall\n"
    with Image.open(out / "001.png") as first, Image.open(out / "002.png") as second:
        assert first.format == "PNG"
        assert 400 < first.width < 1000  # 48 columns of a readable monospace font
        assert first.width == second.width
        assert second.height > 4 * first.height  # 30 lines against 2


async def test_control_http(emu: PrinterEmulator) -> None:
    base = f"http://127.0.0.1:{emu.control_port}"
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/status") as response:
            assert await response.json() == {
                "name": "Kitchen",
                "port": emu.port,
                "fault": None,
                "jobs": 0,
                "held": 0,
            }
        async with http.post(f"{base}/fault", json={"fault": "paper_out"}) as response:
            assert response.status == 200
            assert (await response.json())["fault"] == "paper_out"
        assert emu.fault is Fault.PAPER_OUT
        assert await exchange(emu.port, b"\x10\x04\x02", answers=1) == b"\x32"
        async with http.post(f"{base}/fault", json={"fault": "on fire"}) as response:
            assert response.status == 400
            assert "paper_out" in (await response.json())["error"]
        async with http.post(f"{base}/fault", json={"fault": None}) as response:
            assert response.status == 200
        await exchange(emu.port, b"hello\n" + CUT)
        await emu.wait_for_jobs(1, timeout=5)
        async with http.get(f"{base}/jobs") as response:
            (job,) = (await response.json())["jobs"]
            assert job["text"] == "hello"
            assert job["number"] == 1


async def test_no_control_port_when_disabled(tmp_path: Path) -> None:
    emulator = PrinterEmulator("Bar", None, control_port=None)
    await emulator.start()
    try:
        assert emulator.control_port is None
        await exchange(emulator.port, b"x\n" + CUT)
        assert (await emulator.wait_for_jobs(1, timeout=5))[0].text == "x"
    finally:
        await emulator.stop()
    assert list(tmp_path.iterdir()) == []


def test_emulator_thread_for_synchronous_callers(tmp_path: Path) -> None:
    with EmulatorThread("Kitchen", tmp_path) as emu:
        transport = NetworkTransport("127.0.0.1", emu.port)
        emu.set_fault(Fault.COVER_OPEN)
        assert transport.status().problem == "cover open"
        transport.send(b"late\n" + CUT)
        assert emu.held_jobs == 1
        emu.set_fault(None)
        assert [job.text for job in emu.wait_for_jobs(1, timeout=5)] == ["late"]
    assert (tmp_path / "001.txt").read_text(encoding="utf-8") == "late\n"


def test_cli_printer_emulator(tmp_path: Path) -> None:
    out = tmp_path / "printed"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "kds", "printer-emulator", "--port", "0"]
    command += ["--control-port", "0", "--name", "Bar", "--out", str(out)]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            with selectors.DefaultSelector() as selector:
                selector.register(proc.stdout, selectors.EVENT_READ)
                assert selector.select(timeout=20), "the emulator printed nothing"
            line = proc.stdout.readline().split()
            # kds printer-emulator Bar listening on 127.0.0.1:PORT control on 127.0.0.1:CPORT
            assert line[:5] == ["kds", "printer-emulator", "Bar", "listening", "on"]
            assert line[6:8] == ["control", "on"]
            port = int(line[5].rsplit(":", 1)[1])
            control = int(line[8].rsplit(":", 1)[1])
            assert control not in (0, port)
            transport = NetworkTransport("127.0.0.1", port)
            assert transport.status().healthy
            transport.send(b"from the cli\n" + CUT)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert (out / "001.txt").read_text(encoding="utf-8") == "from the cli\n"
    assert sorted(p.name for p in out.iterdir()) == ["001.bin", "001.png", "001.txt"]


def ink_box(path: Path) -> tuple[int, int, int, int]:
    """The bounding box of the dark pixels (the text, not the grey cut line)."""
    with Image.open(path) as image:
        dark = image.convert("L").point(lambda v: 255 if v < 100 else 0)
        box = dark.getbbox()
    assert box is not None
    return box


def test_preview_draws_sizes_alignment_and_inversion(tmp_path: Path) -> None:
    from printing.decode import decode_escpos
    from printing.preview import render_preview_png

    def render(name: str, data: bytes) -> tuple[int, int, int, int]:
        render_preview_png(decode_escpos(b"\x1b@" + data + CUT), tmp_path / f"{name}.png")
        return ink_box(tmp_path / f"{name}.png")

    normal = render("normal", b"ABCD\n")
    wide = render("wide", b"\x1d!\x10ABCD\n")
    tall = render("tall", b"\x1d!\x01ABCD\n")
    right = render("right", b"\x1ba\x02ABCD\n")
    inverted = render("inverted", b"\x1dB\x01ABCD\n")

    def width(box: tuple[int, int, int, int]) -> int:
        return box[2] - box[0]

    def height(box: tuple[int, int, int, int]) -> int:
        return box[3] - box[1]

    assert width(wide) >= 1.8 * width(normal)
    assert height(tall) >= 1.8 * height(normal)
    assert right[0] > normal[0] + 300  # pushed to the right edge
    # A black band behind white letters: the ink covers the whole cell height.
    assert height(inverted) > height(normal)
    with Image.open(tmp_path / "inverted.png") as image:
        x0, y0, x1, y1 = inverted
        band = image.convert("L").crop((x0, y0, x1, y1))
        dark = sum(band.histogram()[:100])
        assert dark > 0.6 * band.width * band.height


def test_missing_font_is_explained_and_the_job_still_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from printing import preview

    monkeypatch.setattr(preview, "FONT_REGULAR", tmp_path / "none.ttf")
    monkeypatch.setattr(preview, "FONT_BOLD", tmp_path / "none-bold.ttf")
    preview._font.cache_clear()
    try:
        with EmulatorThread("Kitchen", tmp_path / "out") as emu:
            NetworkTransport("127.0.0.1", emu.port).send(b"still here\n" + CUT)
            assert emu.wait_for_jobs(1, timeout=5)[0].text == "still here"
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["001.bin", "001.txt"]
        from printing.decode import decode_escpos

        with pytest.raises(preview.PreviewFontMissing, match="fonts-dejavu-core"):
            preview.render_preview_png(decode_escpos(b"x\n"), tmp_path / "x.png")
    finally:
        preview._font.cache_clear()
