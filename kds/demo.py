"""`kds demo`: a real connector subprocess, sample orders over HTTP, and the app on two monitors."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import secrets
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import aiohttp
import qasync

from kds.app import KdsApp, ensure_qapplication
from kds.errors import KdsError
from kds.settings import ConnectorSettings, Settings, load_settings

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ORDERS_DIR = RESOURCES / "orders"
DEMO_DIR = RESOURCES / "demo"

SCREEN_WIDTH = 1280
SCREEN_HEIGHT = 800
OFFSCREEN_SECONDS = 25.0
CONNECTOR_START_TIMEOUT = 20.0
_LISTENING = "kds connector listening on "


class DemoError(KdsError):
    """The demo could not start (connector did not come up, resources missing)."""


# --- the sample orders --------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    """One thing the demo does: post an order file, cancel an order, or set its status."""

    post: str | None = None
    cancel: str | None = None
    reason: str | None = None
    status: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class DemoScript:
    base_time: datetime
    """The sample files' times are written relative to this; the demo shifts them to now."""
    pace_seconds: float
    steps: tuple[DemoStep, ...]


def load_script(path: Path = DEMO_DIR / "script.json") -> DemoScript:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return DemoScript(
        base_time=datetime.fromisoformat(raw["base_time"]),
        pace_seconds=float(raw["pace_seconds"]),
        steps=tuple(DemoStep(**step) for step in raw["steps"]),
    )


def _shift(value: str | None, delta: timedelta) -> str | None:
    if value is None:
        return None
    return (datetime.fromisoformat(value) + delta).isoformat()


def order_at(data: dict[str, Any], base_time: datetime, now: datetime) -> dict[str, Any]:
    """The sample order with its times moved so that `base_time` becomes `now`."""
    delta = now - base_time
    shifted = dict(data)
    shifted["created_at"] = _shift(data["created_at"], delta)
    fulfilment = dict(data["fulfillment"])
    for key in ("due_at", "prepare_at"):
        if fulfilment.get(key) is not None:
            fulfilment[key] = _shift(fulfilment[key], delta)
    shifted["fulfillment"] = fulfilment
    return shifted


async def feed_orders(
    base_url: str,
    token: str,
    script: DemoScript,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> None:
    """Play the script against the connector's HTTP intake, one step per `pace_seconds`."""
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(base_url, headers=headers) as http:
        for step in script.steps:
            # Demo pacing only: a new order about every second looks like a busy evening.
            await asyncio.sleep(script.pace_seconds)
            if step.post is not None:
                data = json.loads((ORDERS_DIR / step.post).read_text(encoding="utf-8"))
                body = order_at(data, script.base_time, clock())
                path, what = "/orders", f"order {data['id']} rev {data['revision']}"
            elif step.cancel is not None:
                path = f"/orders/{quote(step.cancel, safe='')}/cancel"
                body, what = {"reason": step.reason}, f"cancel {step.cancel}"
            elif step.status is not None:
                path = f"/orders/{quote(step.status, safe='')}/status"
                body, what = {"status": step.value}, f"{step.status} -> {step.value}"
            else:
                continue
            async with http.post(path, json=body) as response:
                text = await response.text()
                if response.status >= 400:
                    log.error("demo: %s refused: HTTP %d %s", what, response.status, text)
                else:
                    log.info("demo: %s -> HTTP %d", what, response.status)


# --- the connector subprocess ---------------------------------------------------------


class ConnectorProcess:
    """`python -m kds connector` on a free port; its stdout is read for the listening line."""

    def __init__(self, data_dir: Path, token: str, log_path: Path) -> None:
        self._log_file: IO[str] = log_path.open("w", encoding="utf-8")
        self._lines: queue.Queue[str | None] = queue.Queue()
        command = [
            sys.executable,
            "-m",
            "kds",
            "connector",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--token",
            token,
            "--data-dir",
            str(data_dir),
        ]
        log.info("starting the connector: %s", " ".join(command[:-3]))
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, name="connector-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_listening(self, timeout: float = CONNECTOR_START_TIMEOUT) -> str:
        """The base URL (http://HOST:PORT) the connector printed."""
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise DemoError(f"the connector did not start within {timeout:.0f} s") from None
            if line is None:
                raise DemoError(
                    f"the connector exited with code {self.process.wait()}; see connector.log"
                )
            log.info("connector: %s", line)
            if line.startswith(_LISTENING):
                return line[len(_LISTENING) :].strip()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                log.warning("the connector did not stop on SIGTERM; killing it")
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._log_file.close()
        log.info("connector stopped (exit code %s)", self.process.returncode)


# --- the app ------------------------------------------------------------------------------


def write_screens_config(path: Path) -> None:
    """Two named virtual screens side by side for Qt's offscreen platform."""
    screens = [
        {"name": name, "x": x, "y": 0, "width": SCREEN_WIDTH, "height": SCREEN_HEIGHT}
        | {"logicalDpi": 96, "dpr": 1}
        for name, x in (("KITCHEN-1", 0), ("COUNTER-1", SCREEN_WIDTH))
    ]
    path.write_text(json.dumps({"screens": screens}, indent=2), encoding="utf-8")


def demo_settings(url: str, token: str, on_real_display: bool) -> Settings:
    settings = load_settings(DEMO_DIR / "kds.toml")
    update: dict[str, Any] = {"connector": ConnectorSettings(url=url, token=token)}
    if on_real_display:
        # The named virtual screens exist only offscreen: windows on the desktop instead.
        update["monitors"] = tuple(
            m.model_copy(update={"screen": None, "fullscreen": False}) for m in settings.monitors
        )
    return settings.model_copy(update=update)


def _tile(kds_app: KdsApp) -> None:
    """On a desktop: the windows side by side on the first screen, not on top of each other."""
    from PySide6.QtGui import QGuiApplication

    area = QGuiApplication.primaryScreen().availableGeometry()
    width = area.width() // max(1, len(kds_app.windows))
    for n, window in enumerate(kds_app.windows):
        window.setGeometry(area.x() + n * width, area.y(), width, area.height())


async def _run(
    settings: Settings,
    *,
    device_dir: Path,
    base_url: str,
    token: str,
    seconds: float | None,
    out_dir: Path,
    on_real_display: bool,
) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    kds_app = KdsApp(settings, device_dir)
    await kds_app.start()
    if on_real_display:
        _tile(kds_app)
    feeder = asyncio.ensure_future(feed_orders(base_url, token, load_script()))
    try:
        if seconds is None:
            closed = asyncio.Event()
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            app.lastWindowClosed.connect(closed.set)
            await closed.wait()
        else:
            await asyncio.sleep(seconds)  # the demo runs this long, then takes screenshots
        shots: list[Path] = []
        if kds_app.windows:
            kds_app.tick()
            for window in kds_app.windows:
                path = out_dir / f"{window.monitor.name.lower()}.png"
                if window.grab().save(str(path)):
                    shots.append(path)
                else:
                    log.error("could not write the screenshot %s", path)
        return shots
    finally:
        if not feeder.done():
            feeder.cancel()
        try:
            await feeder
        except asyncio.CancelledError:
            log.info("demo feed stopped before its end")
        except (aiohttp.ClientError, OSError):
            log.exception("demo feed failed")
        await kds_app.stop()


def run_demo(out_dir: Path, seconds: float | None, offscreen: bool) -> int:
    """Connector + sample orders + the app on "Kitchen" and "Counter"; screenshots offscreen."""
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    headless = offscreen or not has_display
    if headless:
        screens = out_dir / "screens.json"
        write_screens_config(screens)
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"
        if seconds is None:
            seconds = OFFSCREEN_SECONDS
    handler = logging.FileHandler(out_dir / "demo.log", mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    token = secrets.token_urlsafe(16)
    try:
        with tempfile.TemporaryDirectory(prefix="kds-demo-") as tmp:
            connector = ConnectorProcess(Path(tmp) / "connector", token, out_dir / "connector.log")
            try:
                base_url = connector.wait_listening()
                ws_url = base_url.replace("http://", "ws://", 1) + "/kds"
                settings = demo_settings(ws_url, token, on_real_display=not headless)
                from kds.ui.qt_logging import install_qt_message_handler

                app = ensure_qapplication()
                install_qt_message_handler()  # the demo process ends soon after; kept
                loop = qasync.QEventLoop(app)
                with loop:
                    shots = loop.run_until_complete(
                        _run(
                            settings,
                            device_dir=Path(tmp) / "device",
                            base_url=base_url,
                            token=token,
                            seconds=seconds,
                            out_dir=out_dir,
                            on_real_display=not headless,
                        )
                    )
            finally:
                connector.stop()
    finally:
        root.removeHandler(handler)
        handler.close()
    for path in shots:
        print(f"screenshot: {path}")
    print(f"log: {out_dir / 'demo.log'} (connector: {out_dir / 'connector.log'})")
    return 0
