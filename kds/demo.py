"""`kds demo`: connector and virtual printers as child processes, sample orders, two screens."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import queue
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import aiohttp
import qasync

from kds.app import KdsApp, ensure_qapplication
from kds.clock import utc_now
from kds.connector.adapters.base import PlatformSettings
from kds.connector.adapters.deliveroo import DeliverooSettings
from kds.connector.adapters.justeat import JustEatSettings
from kds.connector.adapters.signing import hmac_sha256
from kds.connector.adapters.ubereats import UberEatsSettings
from kds.connector.adapters.woocommerce import WooCommerceSettings
from kds.connector.config import ConnectorConfig, load_connector_config
from kds.errors import KdsError
from kds.resources import resource_path
from kds.settings import ConnectorSettings, Settings, load_settings
from kds.ui.cards import CardLine
from kds.ui.monitor_window import MonitorWindow
from kds.ui.orders_model import OrderRole
from kds.ui.sound_process import SoundProcess
from printing.errors import PrintingError
from printing.spooler import PrinterState

log = logging.getLogger(__name__)

ORDERS_DIR = resource_path("orders")
DEMO_DIR = resource_path("demo")

SCREEN_WIDTH = 1280
SCREEN_HEIGHT = 800
OFFSCREEN_SECONDS = 25.0
CONNECTOR_START_TIMEOUT = 20.0
_LISTENING = "kds connector listening on "
_EMULATOR_LISTENING = re.compile(
    r"^kds printer-emulator (?P<name>.+) listening on [^ ]+:(?P<port>\d+)"
    r" control on [^ ]+:(?P<control>\d+)$"
)

PRINTERS = ("Kitchen", "Bar", "Receipt")
"""The demo's virtual printers, as named in resources/demo/kds.toml."""
FAULT_PRINTER = "Kitchen"
FAULT_AFTER_SECONDS = 2.0
"""The paper runs out in the kitchen this long after the first order (while orders arrive)."""
FAULT_WAIT_TIMEOUT = 20.0
"""How long the demo waits for the expo screen to report the fault (or the failover)."""
DRAIN_TIMEOUT = 20.0
KITCHEN_TIMEOUT = 10.0
"""How long the demo's own bump, strike and recall may each take to come back."""
"""How long the demo waits, at its end, for the tickets still on their way to paper."""


class DemoError(KdsError):
    """The demo could not start (connector did not come up, resources missing)."""


# --- the sample orders --------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    """One thing the demo does: post an order file, cancel an order, set its status, or
    send a platform's webhook (`webhook` names the platform, `file` the payload)."""

    post: str | None = None
    cancel: str | None = None
    reason: str | None = None
    status: str | None = None
    value: str | None = None
    webhook: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class DemoScript:
    base_time: datetime
    """The sample files' times are written relative to this; the demo shifts them to now."""
    pace_seconds: float
    steps: tuple[DemoStep, ...]
    catalog: str | None = None
    """Posted before the first step: the articles the platforms' PLUs stand for."""


def load_script(path: Path = DEMO_DIR / "script.json") -> DemoScript:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return DemoScript(
        base_time=datetime.fromisoformat(raw["base_time"]),
        pace_seconds=float(raw["pace_seconds"]),
        steps=tuple(DemoStep(**step) for step in raw["steps"]),
        catalog=raw.get("catalog"),
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


def _shift_times(value: Any, delta: timedelta) -> Any:
    """Every time in a platform payload moved by `delta` (times without an offset too)."""
    if isinstance(value, dict):
        return {key: _shift_times(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift_times(item, delta) for item in value]
    if isinstance(value, str) and "T" in value:
        try:
            return (datetime.fromisoformat(value) + delta).isoformat()
        except ValueError:
            return value
    return value


def webhook_body(path: Path, base_time: datetime, now: datetime) -> bytes:
    """A demo platform payload with its times moved so that `base_time` becomes `now`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(_shift_times(data, now - base_time), ensure_ascii=False).encode()


def webhook_headers(settings: PlatformSettings, body: bytes, sequence: int) -> dict[str, str]:
    """Sign a demo webhook as the platform would (only the platforms the demo plays)."""
    if isinstance(settings, UberEatsSettings):
        return {"X-Uber-Signature": hmac_sha256(settings.client_secret, body).hex()}
    if isinstance(settings, DeliverooSettings):
        guid = str(sequence)
        signed = hmac_sha256(settings.webhook_secret, f"{guid} ".encode() + body)
        return {"X-Deliveroo-Sequence-Guid": guid, "X-Deliveroo-Hmac-Sha256": signed.hex()}
    if isinstance(settings, JustEatSettings):
        return {"Authorization": settings.webhook_key}
    if isinstance(settings, WooCommerceSettings):
        signature = base64.b64encode(hmac_sha256(settings.webhook_secret, body)).decode()
        return {"X-WC-Webhook-Signature": signature, "X-WC-Webhook-Topic": "order.created"}
    raise DemoError(f"the demo cannot sign webhooks of {type(settings).__name__}")


async def _send(http: aiohttp.ClientSession, path: str, what: str, **kwargs: Any) -> None:
    async with http.post(path, **kwargs) as response:
        text = await response.text()
        if response.status >= 400:
            log.error("demo: %s refused: HTTP %d %s", what, response.status, text)
        else:
            log.info("demo: %s -> HTTP %d", what, response.status)


async def feed_orders(
    base_url: str,
    token: str,
    script: DemoScript,
    clock: Callable[[], datetime] = utc_now,
    platforms: ConnectorConfig | None = None,
) -> None:
    """Play the script against the connector's HTTP intake and platform webhooks, one step
    per `pace_seconds`; `platforms` holds the secrets to sign the webhooks with."""
    headers = {"Authorization": f"Bearer {token}"}
    configured = platforms.platforms if platforms is not None else {}
    async with (
        aiohttp.ClientSession(base_url, headers=headers) as http,
        aiohttp.ClientSession(base_url) as platform_http,  # platforms sign, no shop token
    ):
        if script.catalog is not None:
            catalog = json.loads((DEMO_DIR / script.catalog).read_text(encoding="utf-8"))
            await _send(http, "/catalog", "catalog", json=catalog)
        for sequence, step in enumerate(script.steps, start=1):
            # Demo pacing only: a new order about every second looks like a busy evening.
            await asyncio.sleep(script.pace_seconds)
            if step.webhook is not None and step.file is not None:
                settings = configured.get(step.webhook)
                if settings is None:
                    raise DemoError(f"the demo connector config has no {step.webhook} section")
                body = webhook_body(DEMO_DIR / step.file, script.base_time, clock())
                signed = webhook_headers(settings, body, sequence)
                what = f"{step.webhook} webhook {step.file}"
                path = f"/webhooks/{step.webhook}"
                await _send(platform_http, path, what, data=body, headers=signed)
                continue
            if step.post is not None:
                data = json.loads((ORDERS_DIR / step.post).read_text(encoding="utf-8"))
                body_json = order_at(data, script.base_time, clock())
                path, what = "/orders", f"order {data['id']} rev {data['revision']}"
            elif step.cancel is not None:
                path = f"/orders/{quote(step.cancel, safe='')}/cancel"
                body_json, what = {"reason": step.reason}, f"cancel {step.cancel}"
            elif step.status is not None:
                path = f"/orders/{quote(step.status, safe='')}/status"
                body_json, what = {"status": step.value}, f"{step.status} -> {step.value}"
            else:
                continue
            await _send(http, path, what, json=body_json)


# --- the subprocesses: connector and virtual printers ------------------------------------


class ChildProcess:
    """`python -m kds ...` whose stdout is read, line by line, for its listening line."""

    what = "child process"

    def __init__(
        self, args: Sequence[str], log_path: Path, *, shown_args: int | None = None
    ) -> None:
        self._log_path = log_path
        self._log_file: IO[str] = log_path.open("w", encoding="utf-8")
        self._lines: queue.Queue[str | None] = queue.Queue()
        command = [sys.executable, "-m", "kds", *args]
        log.info("starting the %s: %s", self.what, " ".join(command[:shown_args]))
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, name=f"{self.what}-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _wait_line(self, matches: Callable[[str], bool], timeout: float) -> str:
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise DemoError(f"the {self.what} did not start within {timeout:.0f} s") from None
            if line is None:
                raise DemoError(
                    f"the {self.what} exited with code {self.process.wait()}; "
                    f"see {self._log_path.name}"
                )
            log.info("%s: %s", self.what, line)
            if matches(line):
                return line

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                log.warning("the %s did not stop on SIGTERM; killing it", self.what)
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._log_file.close()
        log.info("%s stopped (exit code %s)", self.what, self.process.returncode)


class ConnectorProcess(ChildProcess):
    """`python -m kds connector` on a free port."""

    what = "connector"

    def __init__(
        self, data_dir: Path, token: str, log_path: Path, config: Path = DEMO_DIR / "connector.toml"
    ) -> None:
        args = ["connector", "--host", "127.0.0.1", "--port", "0", "--config", str(config)]
        # One argument: a token_urlsafe token may start with "-", which argparse would
        # take for an option. The log shows the command without it and the data dir.
        args += [f"--token={token}", "--data-dir", str(data_dir)]
        super().__init__(args, log_path, shown_args=-3)

    def wait_listening(self, timeout: float = CONNECTOR_START_TIMEOUT) -> str:
        """The base URL (http://HOST:PORT) the connector printed."""
        line = self._wait_line(lambda text: text.startswith(_LISTENING), timeout)
        return line[len(_LISTENING) :].strip()


class PrinterProcess(ChildProcess):
    """`python -m kds printer-emulator`: one virtual network printer on a free port.

    Its jobs land in `out_dir` as NNN.bin/.txt/.png; faults are set over its control HTTP.
    """

    def __init__(self, name: str, out_dir: Path, log_path: Path, columns: int = 48) -> None:
        self.name = name
        self.what = f"printer {name}"
        self.out_dir = out_dir
        self.port: int | None = None
        self.control_url: str | None = None
        args = ["printer-emulator", "--host", "127.0.0.1", "--port", "0", "--control-port", "0"]
        args += ["--name", name, "--out", str(out_dir), "--columns", str(columns)]
        super().__init__(args, log_path)

    def wait_listening(self, timeout: float = CONNECTOR_START_TIMEOUT) -> int:
        """The printer's TCP port (its control URL is kept in `control_url`)."""
        line = self._wait_line(lambda text: _EMULATOR_LISTENING.match(text) is not None, timeout)
        match = _EMULATOR_LISTENING.match(line)
        assert match is not None
        self.port = int(match["port"])
        self.control_url = f"http://127.0.0.1:{int(match['control'])}"
        return self.port

    async def set_fault(self, fault: str | None) -> None:
        """Give the printer a fault ("paper_out", ...) or clear it (None)."""
        if self.control_url is None:
            raise DemoError(f"printer {self.name} is not listening")
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{self.control_url}/fault", json={"fault": fault}) as response,
        ):
            text = await response.text()
            if response.status != 200:
                raise DemoError(f"printer {self.name}: fault {fault} refused: {text}")
        log.info("demo: printer %s fault -> %s", self.name, fault or "none")


def start_printers(
    tickets_dir: Path, logs_dir: Path, columns: Mapping[str, int]
) -> dict[str, PrinterProcess]:
    """The demo's virtual printers, started together; each prints into tickets/<name>/."""
    printers: dict[str, PrinterProcess] = {}
    try:
        for name in PRINTERS:
            printers[name] = PrinterProcess(
                name,
                tickets_dir / name,
                logs_dir / f"printer-{name.lower()}.log",
                columns.get(name, 48),
            )
        for printer in printers.values():
            printer.wait_listening()
    except BaseException:
        for printer in printers.values():
            printer.stop()
        raise
    return printers


# --- the app ------------------------------------------------------------------------------


def write_screens_config(path: Path) -> None:
    """Two named virtual screens side by side for Qt's offscreen platform."""
    screens = [
        {"name": name, "x": x, "y": 0, "width": SCREEN_WIDTH, "height": SCREEN_HEIGHT}
        | {"logicalDpi": 96, "dpr": 1}
        for name, x in (("KITCHEN-1", 0), ("COUNTER-1", SCREEN_WIDTH))
    ]
    path.write_text(json.dumps({"screens": screens}, indent=2), encoding="utf-8")


def demo_settings(
    url: str,
    token: str,
    on_real_display: bool,
    printer_ports: Mapping[str, int] | None = None,
) -> Settings:
    """resources/demo/kds.toml with this run's connector and the ports its printers got."""
    settings = load_settings(DEMO_DIR / "kds.toml")
    update: dict[str, Any] = {"connector": ConnectorSettings(url=url, token=token)}
    if on_real_display:
        # The named virtual screens exist only offscreen: windows on the desktop instead.
        update["monitors"] = tuple(
            m.model_copy(update={"screen": None, "fullscreen": False}) for m in settings.monitors
        )
    if settings.printing is not None and printer_ports is not None:
        missing = [p.name for p in settings.printing.printers if p.name not in printer_ports]
        if missing:
            raise DemoError(f"no virtual printer for {', '.join(missing)}")
        printers = tuple(
            p.model_copy(update={"host": "127.0.0.1", "port": printer_ports[p.name]})
            for p in settings.printing.printers
        )
        update["printing"] = settings.printing.model_copy(update={"printers": printers})
    return settings.model_copy(update=update)


def _tile(kds_app: KdsApp) -> None:
    """On a desktop: the windows side by side on the first screen, not on top of each other."""
    from PySide6.QtGui import QGuiApplication

    area = QGuiApplication.primaryScreen().availableGeometry()
    width = area.width() // max(1, len(kds_app.windows))
    for n, window in enumerate(kds_app.windows):
        window.setGeometry(area.x() + n * width, area.y(), width, area.height())


# --- printer states, as the app knows them (and its expo screen shows them) ---------------


def printer_states(kds_app: KdsApp) -> list[PrinterState]:
    """The app's printer states; empty while it does not print (role not granted yet)."""
    service = kds_app.print_service
    if service is None:
        return []
    try:
        return service.snapshot()
    except PrintingError:
        log.exception("demo: cannot read the printer states")
        return []


def printer_state(kds_app: KdsApp, printer: str) -> PrinterState | None:
    return next((s for s in printer_states(kds_app) if s.name == printer), None)


def describe_printers(kds_app: KdsApp) -> str:
    now = kds_app.clock()
    return "; ".join(s.describe(now) for s in printer_states(kds_app)) or "no print service"


async def wait_until(check: Callable[[], bool], timeout: float) -> bool:
    """True as soon as `check()` holds (asked every 0.1 s), False after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(0.1)  # polling the app's state, not waiting a fixed time
    return True


def _screenshot(window: MonitorWindow, path: Path) -> bool:
    if window.grab().save(str(path)):
        return True
    log.error("could not write the screenshot %s", path)
    return False


async def paper_out_episode(
    kds_app: KdsApp, printer: PrinterProcess, start_after: float, out_dir: Path
) -> Path | None:
    """The kitchen printer runs out of paper while orders arrive; the expo shows the alarm.

    Waits until the app's print service reports "paper out" (the state the expo's printer
    line is drawn from) and, if the printer has a backup, the failover to it; then takes
    counter-paper-out.png and puts the paper back, so later tickets print on the primary.
    """
    settings = kds_app.settings.printing
    backup = None if settings is None else settings.printer(printer.name).backup
    failover_s = 3.0 if settings is None else settings.failover_after_s
    await asyncio.sleep(start_after)  # demo pacing: a couple of orders print normally first
    await printer.set_fault("paper_out")
    try:

        def paper_out() -> bool:
            state = printer_state(kds_app, printer.name)
            return state is not None and "paper out" in (state.problem or "")

        if not await wait_until(paper_out, FAULT_WAIT_TIMEOUT):
            log.error(
                "demo: the app never saw %s out of paper (%s)",
                printer.name,
                describe_printers(kds_app),
            )
            return None
        log.info("demo: printers: %s", describe_printers(kds_app))
        if backup is not None:

            def failed_over() -> bool:
                state = printer_state(kds_app, printer.name)
                return state is not None and state.on_backup_to == backup

            if await wait_until(failed_over, failover_s + 10):
                log.info("demo: printers: %s", describe_printers(kds_app))
            else:
                log.warning("demo: %s did not fail over to %s in time", printer.name, backup)
        kds_app.tick()
        path = out_dir / "counter-paper-out.png"
        counter = next(w for w in kds_app.windows if w.rules.printer_lines)
        return path if _screenshot(counter, path) else None
    finally:
        await printer.set_fault(None)


async def kitchen_episode(kds_app: KdsApp, timeout: float = KITCHEN_TIMEOUT) -> None:
    """Staff at work, on their own, through the same path as a tap: the kitchen bumps its
    oldest order, strikes the first line of the next, then recalls the one it bumped. The
    screenshots then show a struck line, a RECALLED card and the counter's station progress."""
    kitchen = next((a for a in kds_app.actions.values() if not a.expo), None)
    if kitchen is None:
        return
    ids = kitchen.shown_orders()
    if len(ids) < 2:
        log.warning("demo: too few orders on %s to bump and recall", kitchen.monitor.name)
        return
    bumped, struck = ids[0], ids[1]
    name = kitchen.monitor.name
    model = kds_app.window(name).model
    number = model.index(model.row_of(bumped), 0).data(OrderRole.DISPLAY_ID)
    kitchen.tap(bumped, "")
    if not await wait_until(lambda: bumped not in kitchen.shown_orders(), timeout):
        log.warning("demo: the bump of %s did not come back from the connector", number)
        return
    log.info("demo: %s bumped %s", name, number)

    def lines_of(order_id: str) -> list[CardLine]:
        row = model.row_of(order_id)
        return list(model.index(row, 0).data(OrderRole.CARD_LINES)) if row >= 0 else []

    first = next((line.line_id for line in lines_of(struck) if line.line_id), None)
    if first is not None:
        kitchen.tap(struck, first)
        await wait_until(lambda: any(line.done for line in lines_of(struck)), timeout)
        log.info("demo: %s struck a line of %s", name, struck)
    kitchen.recall(bumped)
    if await wait_until(lambda: bumped in kitchen.shown_orders(), timeout):
        log.info("demo: %s recalled %s", name, number)


async def _stop_feeder(feeder: asyncio.Future[None]) -> None:
    if not feeder.done():
        feeder.cancel()
    try:
        await feeder
    except asyncio.CancelledError:
        log.info("demo feed stopped before its end")
    except (aiohttp.ClientError, OSError):
        log.exception("demo feed failed")


async def _run(
    settings: Settings,
    *,
    device_dir: Path,
    base_url: str,
    token: str,
    seconds: float | None,
    out_dir: Path,
    on_real_display: bool,
    printers: Mapping[str, PrinterProcess],
) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    # Sounds with a display to sit at; offscreen nobody listens.
    sounds = SoundProcess() if on_real_display else None
    kds_app = KdsApp(settings, device_dir, sound_player=sounds.player if sounds else None)
    await kds_app.start()
    if sounds is not None:
        sounds.start()
    if on_real_display:
        _tile(kds_app)
    script = load_script()
    platforms = load_connector_config(DEMO_DIR / "connector.toml")
    feeder = asyncio.ensure_future(feed_orders(base_url, token, script, platforms=platforms))
    episode: asyncio.Future[Path | None] | None = None
    if FAULT_PRINTER in printers and settings.printing is not None:
        start_after = FAULT_AFTER_SECONDS + script.pace_seconds
        episode = asyncio.ensure_future(
            paper_out_episode(kds_app, printers[FAULT_PRINTER], start_after, out_dir)
        )
    shots: list[Path] = []
    try:
        if seconds is None:
            closed = asyncio.Event()
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            app.lastWindowClosed.connect(closed.set)
            await closed.wait()
        else:
            await asyncio.sleep(seconds)  # the demo runs this long, then takes screenshots
            if episode is not None:
                shot = await episode  # bounded by its own timeouts
                if shot is not None:
                    shots.append(shot)
            await kitchen_episode(kds_app)
            await _stop_feeder(feeder)
            if settings.printing is not None and not await wait_until(
                lambda: all(s.waiting == 0 for s in printer_states(kds_app)), DRAIN_TIMEOUT
            ):
                log.warning(
                    "demo: tickets still waiting at the end: %s", describe_printers(kds_app)
                )
        if kds_app.windows:
            kds_app.tick()
            for window in kds_app.windows:
                path = out_dir / f"{window.monitor.name.lower()}.png"
                if _screenshot(window, path):
                    shots.append(path)
        return shots
    finally:
        if episode is not None and not episode.done():
            episode.cancel()
            try:
                await episode
            except asyncio.CancelledError:
                log.info("demo: paper-out episode stopped before its end")
        await _stop_feeder(feeder)
        await kds_app.stop()
        if sounds is not None:
            sounds.close()


# --- what the printers printed ---------------------------------------------------------

_ORDER_LINE = re.compile(r"^Order (?P<order>.+) \(rev (?P<rev>\d+)\)$")


def describe_ticket(text: str) -> str:
    """One index line from a ticket's decoded text: kind, order, where it was meant to go."""
    lines = [line.strip() for line in text.splitlines()]
    if any(line == "VOID" for line in lines):
        kind = "void"
    elif any(line == "LATE" for line in lines):
        kind = "late"
    elif any(line == "CHANGE" for line in lines):
        kind = "change"
    elif any(line.startswith("TOTAL") for line in lines):
        kind = "receipt"
    elif any(line.startswith("TEST") for line in lines):
        kind = "test"
    else:
        kind = "kitchen"
    parts = [kind]
    display = next((line for line in lines if re.fullmatch(r"#\S+", line)), None)
    if display:
        parts.append(display)
    for n, line in enumerate(lines):
        match = _ORDER_LINE.match(line)
        if match:
            parts.append(f"order {match['order']} rev {match['rev']}")
            if n + 1 < len(lines) and lines[n + 1]:
                parts.append(f"for {lines[n + 1]}")
            break
    flat = " ".join(line for line in lines if line)
    # Big banners wrap on narrow paper ("BACKUP FOR" / "Kitchen"): read them from the flat text.
    parts += re.findall(r"BACKUP FOR \S+|REPRINT|Copy \d+/\d+", flat)
    return ", ".join(parts)


@dataclass(frozen=True)
class PrintedTicket:
    printer: str
    path: Path
    """The decoded text (NNN.txt); NNN.bin and NNN.png lie next to it."""
    description: str


def printed_tickets(tickets_dir: Path, printers: Sequence[str] = PRINTERS) -> list[PrintedTicket]:
    """Every ticket the virtual printers put on paper, printer by printer, in print order."""
    tickets: list[PrintedTicket] = []
    for name in printers:
        for path in sorted((tickets_dir / name).glob("[0-9][0-9][0-9].txt")):
            text = path.read_text(encoding="utf-8")
            tickets.append(PrintedTicket(name, path, describe_ticket(text)))
    return tickets


def write_index(tickets_dir: Path, tickets: Sequence[PrintedTicket]) -> Path:
    """tickets/index.txt: one line per printed ticket (file, printer, kind, order, copy...)."""
    path = tickets_dir / "index.txt"
    tickets_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"{t.path.relative_to(tickets_dir).with_suffix('')}  {t.description}" for t in tickets]
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return path


def summary(tickets: Sequence[PrintedTicket], shots: Sequence[Path]) -> str:
    """ "14 tickets printed: Kitchen 8, Bar 3, Receipt 3; screenshots: kitchen.png, ..." """
    counts = {name: 0 for name in PRINTERS}
    for ticket in tickets:
        counts[ticket.printer] = counts.get(ticket.printer, 0) + 1
    per_printer = ", ".join(f"{name} {n}" for name, n in counts.items())
    names = ", ".join(p.name for p in shots) or "none"
    return f"{len(tickets)} tickets printed: {per_printer}; screenshots: {names}"


def run_demo(out_dir: Path, seconds: float | None, offscreen: bool) -> int:
    """Connector, three virtual printers, sample orders and the app on "Kitchen" and "Counter".

    Offscreen it takes screenshots (with one of the kitchen printer out of paper) and writes
    every printed ticket to out_dir/tickets/<printer>/NNN.{bin,txt,png}.
    """
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    tickets_dir = out_dir / "tickets"
    shutil.rmtree(tickets_dir, ignore_errors=True)  # tickets of an earlier run
    (out_dir / "counter-paper-out.png").unlink(missing_ok=True)
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
            printers: dict[str, PrinterProcess] = {}
            try:
                printing = load_settings(DEMO_DIR / "kds.toml").printing
                columns = {p.name: p.line_columns for p in printing.printers} if printing else {}
                printers = start_printers(tickets_dir, out_dir, columns)
                base_url = connector.wait_listening()
                ws_url = base_url.replace("http://", "ws://", 1) + "/kds"
                ports = {name: p.port for name, p in printers.items() if p.port is not None}
                settings = demo_settings(ws_url, token, not headless, ports)
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
                            printers=printers,
                        )
                    )
            finally:
                # The app has stopped: the printers finish what they hold, then stop.
                for printer in printers.values():
                    printer.stop()
                connector.stop()
        tickets = printed_tickets(tickets_dir)
        index = write_index(tickets_dir, tickets)
        log.info("demo: %s", summary(tickets, shots))
    finally:
        root.removeHandler(handler)
        handler.close()
    for path in shots:
        print(f"screenshot: {path}")
    print(f"tickets: {index}")
    print(f"log: {out_dir / 'demo.log'} (connector: {out_dir / 'connector.log'})")
    print(summary(tickets, shots))
    return 0
