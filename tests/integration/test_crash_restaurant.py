"""A whole service under crashes: the connector and the printing app SIGKILLed again and
again while a shop streams orders and two display devices bump them by touch.

The connector is `python -m kds connector` and the printing device the real `kds run`
(offscreen) printing on a virtual printer on TCP; both are killed with SIGKILL at seeded
moments of the stream and started again on their data dirs. The kitchen (a Hot station
screen and a pass screen) and the counter (an expo) are KdsApps in this process on the real
QApplication: the cook taps the header of the oldest card on the Hot screen, the counter
taps ready cards to hand them over, so every status change is a tap's and travels through
that device's outbox, across the connector's deaths. The shop posts new orders (every
tenth for a few seconds later), updates and cancels, and posts again whatever got no
answer, as a platform does. Every wait ends on a model or outbox signal, a printed job, a
process line or an HTTP answer; never on a sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import signal
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import qasync
from harness import FAST, until_signals
from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from pytestqt.qtbot import QtBot
from suite_tally import Tally
from test_crash_guarantees import TOKEN, Procs, stored_event_seqs

from kds import wire
from kds.app import KdsApp
from kds.connector.log import DB_NAME as CONNECTOR_DB
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from kds.store import open_store_readonly
from kds.ui import OrderRole, OrdersModel
from kds.ui.ticket_view import TicketView
from printing.emulator import EmulatedJob, PrinterEmulator

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(600),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

ORDERS = 500
LATER = range(5, ORDERS + 1, 10)
"""Every tenth order (5, 15, ... 145) is for later: held, then released and printed at its
time."""
RELEASE_AFTER = timedelta(seconds=3)
"""How long after it is posted an order for later starts: it is released during the
stream, on the printing app or on one started again after a kill."""
UPDATED = 100
CANCELLED = 50
CONNECTOR_KILLS = 10
APP_KILLS = 10
OPEN_AT_MOST = 5
"""The shop waits while this many orders for now are open: the kitchen keeps up, and every
card to tap is on the screens' first page."""
WAIT = 90.0
"""A safety net for one expected change on a busy 2-core machine; never a sleep."""
STATIONS = (Station(id="hot", name="Hot", groups=("mains",)),)


# --- the orders and the devices --------------------------------------------------------


CREATED_AT = datetime.now(UTC)
"""When the shop took every order: the real `kds run` prints by the real clock and does not
print an order first seen more than 6 hours after it was created (a fixed date here made
the run fail from 17:00 UTC on)."""


def order(n: int, revision: int = 1, prepare_at: datetime | None = None) -> dict[str, Any]:
    fulfillment: dict[str, Any] = {"type": "pickup", "asap": True}
    if prepare_at is not None:
        fulfillment = {
            "type": "pickup",
            "asap": False,
            "prepare_at": prepare_at.isoformat(),
            "due_at": (prepare_at + timedelta(minutes=20)).isoformat(),
        }
    items = [{"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "1"}]
    if revision == 2:  # the guest wants more, and something else
        items = [
            {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"},
            {"line_id": "2", "name": "Flammkuchen", "group": "mains", "quantity": "1"},
        ]
    return {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(n),
        "source": "webshop",
        "revision": revision,
        "created_at": CREATED_AT.isoformat(),
        "fulfillment": fulfillment,
        "items": items,
    }


def printing_config(connector_port: int, printer_port: int) -> str:
    """The printing device's config file: a Hot screen, and its tickets on Kitchen."""
    return f"""
[device]
name = "Pass printer"
printing = true

[connector]
url = "ws://127.0.0.1:{connector_port}/kds"
token = "{TOKEN}"

[[stations]]
id = "hot"
name = "Hot"
groups = ["mains"]

[[monitors]]
name = "Hot"
stations = ["hot"]
fullscreen = false
mute = true

[[printing.printers]]
name = "Kitchen"
transport = "network"
host = "127.0.0.1"
port = {printer_port}

[[printing.routes]]
name = "mains"
groups = ["mains"]
printers = ["Kitchen"]
"""


def display_settings(port: int, name: str, monitors: tuple[MonitorSettings, ...]) -> Settings:
    return Settings(
        device=DeviceSettings(name=name),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=STATIONS,
        monitors=monitors,
    )


# Small cards, four abreast: the 800 x 800 test screen holds as many as a kitchen's 1080p
# screen, so every card the staff tap is on the first page.
SCREEN = {"fullscreen": False, "mute": True, "columns": 4, "font_scale": 0.6}
KITCHEN = (
    MonitorSettings(name="Hot", stations=("hot",), **SCREEN),
    MonitorSettings(name="Pass", kind=MonitorKind.EXPO, **SCREEN),
)
COUNTER = (MonitorSettings(name="Expo", kind=MonitorKind.EXPO, **SCREEN),)


# --- what the screens show and what a finger does ------------------------------------


def card(model: OrdersModel, order_id: str) -> Any:
    row = model.row_of(order_id)
    return model.index(row, 0).data(OrderRole.CARD) if row >= 0 else None


def look(view: TicketView, order_id: str) -> tuple[object, ...]:
    """What a person sees of the order's card: there, ready, changed, cancelled, its
    revision and its mark ("sending…")."""
    model = view.model()
    assert isinstance(model, OrdersModel)
    shown = card(model, order_id)
    if shown is None:
        return (False,)
    marks = (shown.ready, shown.changed, shown.cancelled, shown.revision)
    return (True, *marks, view.marks.get(order_id))


def tap(qtbot: QtBot, view: TicketView, order_id: str) -> None:
    """A finger on the card's header."""
    rect = view.header_rect(order_id)
    assert not rect.isEmpty(), f"the card of {order_id} is on the screen's first page"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


class Progress(QObject):
    """The test's own news (an order finished, the stream ended): wakes every wait."""

    changed = Signal()


# --- paper ---------------------------------------------------------------------------

NUMBER = re.compile(r"^#(\d+)$")
REVISION = re.compile(r"\(rev (\d+)\)")


@dataclass(frozen=True)
class Slip:
    """What one job on paper is: a kitchen ticket, a change or void slip, a LATE slip."""

    kind: str
    order: int
    revision: int
    reprint: bool
    printed_at: datetime
    number: int
    """Its place on the roll (1 for the first job printed)."""


def slip(job: EmulatedJob) -> Slip:
    lines = [line.strip() for line in job.text.splitlines() if line.strip()]
    reprint = lines[0] == "REPRINT"
    head = lines[1] if reprint else lines[0]
    kind = {"CHANGE": "change", "VOID": "void", "LATE": "late"}.get(head, "ticket")
    numbers = [int(m.group(1)) for line in lines if (m := NUMBER.match(line))]
    revisions = [int(m.group(1)) for line in lines if (m := REVISION.search(line))]
    assert len(numbers) == 1 and len(revisions) == 1, job.text
    return Slip(kind, numbers[0], revisions[0], reprint, job.printed_at, job.number)


# --- the connector's log -------------------------------------------------------------


def logged_statuses(connector_dir: Path) -> list[wire.OrderStatusChanged]:
    """Every `order.status` event in the connector's log, read-only, in seq order."""
    uri = f"{(connector_dir / CONNECTOR_DB).resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT payload FROM events ORDER BY seq").fetchall()
    events = [wire.parse(str(payload)) for (payload,) in rows]
    return [e for e in events if isinstance(e, wire.OrderStatusChanged)]


# --- the run -------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The seeded run: the shop's stream and the blows, each at a step of the stream."""

    later: frozenset[int]
    updated: frozenset[int]
    cancelled: frozenset[int]
    steps: tuple[tuple[int, str], ...]
    """(order, "create" | "update" | "cancel"), in the order the shop posts them."""
    blows: tuple[tuple[str, int, bool], ...]
    """("connector" | "app", after this many steps, at a moment that matters)."""


def make_plan(rng: random.Random) -> Plan:
    later = frozenset(LATER)
    asap = [n for n in range(1, ORDERS + 1) if n not in later]
    updated = frozenset(rng.sample(asap, UPDATED))
    cancelled = frozenset(rng.sample(asap, CANCELLED))
    # An update and a cancel come after the order they change (a cancel after its update):
    # some while it is cooked, some once it is ready or handed over.
    steps: list[tuple[float, int, str]] = [(float(n), n, "create") for n in range(1, ORDERS + 1)]
    update_at = {n: rng.uniform(n + 0.1, n + 3) for n in sorted(updated)}
    steps += [(at, n, "update") for n, at in update_at.items()]
    steps += [
        (rng.uniform(update_at.get(n, n) + 0.1, n + 6), n, "cancel") for n in sorted(cancelled)
    ]
    steps.sort()
    kinds = ["connector"] * CONNECTOR_KILLS + ["app"] * APP_KILLS
    rng.shuffle(kinds)
    triggers = sorted(rng.sample(range(10, len(steps) - 10), len(kinds)))
    # Half the blows wait for a moment that matters: the connector dies while a tap's
    # change is in an outbox, the printing app right after a ticket came out.
    blows = tuple((kind, at, rng.random() < 0.5) for kind, at in zip(kinds, triggers, strict=True))
    return Plan(later, updated, cancelled, tuple((n, what) for _, n, what in steps), blows)


class Service:
    """The connector and the printing app (subprocesses), the printer, the kitchen and the
    counter (KdsApps on this loop), the shop, the blows and the staff; and what it saw."""

    def __init__(self, plan: Plan, tmp_path: Path, qtbot: QtBot) -> None:
        self.plan = plan
        self.tmp_path = tmp_path
        self.qtbot = qtbot
        self.connector_dir = tmp_path / "connector"
        self.device_dirs = {
            "kitchen": tmp_path / "kitchen",
            "counter": tmp_path / "counter",
            "printing app": tmp_path / "printing",
        }
        self.paper = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
        self.procs = Procs(tmp_path)
        self.progress = Progress()
        self.up = asyncio.Event()
        """Set while the connector runs (the shop waits for it to post again)."""
        self.posted = 0
        """Steps of the stream the connector answered."""
        self.created = 0
        """The highest order number posted so far."""
        self.stream_done = False
        self.prepare_at: dict[int, datetime] = {}
        self.revisions: dict[str, int] = {}
        self.cancels_answered: set[int] = set()
        self.collected: set[int] = set()
        self.taps: list[tuple[str, wire.StatusChange]] = []
        """(device id, change) of every tap that changed a status, in tap order."""
        self.blows_dealt = 0
        self.outbox_kills = 0
        """Connector kills while a tap's change was in a device's outbox."""
        self.apps_started = 0
        self.connectors_started = 0
        self.last_seq = 0

    # --- set-up and the end ----------------------------------------------------------

    async def run(self) -> None:
        """The service, then everything stopped as staff close: the devices, then the
        connector (whatever happened, every process is gone at the end)."""
        displays: list[KdsApp] = []
        watcher: asyncio.Future[None] | None = None
        try:
            await self.paper.start()
            await self._start_connector(0)
            config_file = self.tmp_path / "kds.toml"
            config_file.write_text(printing_config(self.port, self.paper.port), encoding="utf-8")
            self.app_args = ["-m", "kds", "run", "--config", str(config_file)]
            self.app_args += ["--data-dir", str(self.device_dirs["printing app"])]
            await self._start_app()
            self.kitchen = self._display("Kitchen", KITCHEN, self.device_dirs["kitchen"])
            self.counter = self._display("Counter", COUNTER, self.device_dirs["counter"])
            for display in (self.kitchen, self.counter):
                displays.append(display)
                await display.start()
            self._watch()
            watcher = asyncio.ensure_future(self._watch_paper())
            headers = {"Authorization": f"Bearer {TOKEN}"}
            base = f"http://127.0.0.1:{self.port}"
            async with aiohttp.ClientSession(base, headers=headers) as http:
                async with asyncio.TaskGroup() as work:
                    for job in (self.shop(http), self.blows(), self.cook(), self.counter_staff()):
                        work.create_task(job)
                await self.paper_settled()
                await self.every_device_acked(http)
            assert not self.cook_desk.pending and not self.counter_desk.pending
            assert await self.printing_app.exit(signal.SIGTERM) == 0
            while displays:
                await displays.pop().stop()
            assert await self.connector.exit(signal.SIGTERM) == 0
        finally:
            if watcher is not None:
                watcher.cancel()
                await asyncio.gather(watcher, return_exceptions=True)
            for display in displays:
                await display.stop()
            for proc in self.procs.started:
                await proc.kill_quietly()
            await self.paper.stop()

    async def _start_connector(self, port: int) -> None:
        self.connectors_started += 1
        self.connector, self.port = await self.procs.connector(self.connector_dir, port)
        self.up.set()

    async def _start_app(self) -> None:
        self.apps_started += 1
        self.printing_app = await self.procs.start("printing-app", self.app_args, logs=True)

    def _display(self, name: str, monitors: tuple[MonitorSettings, ...], data_dir: Path) -> KdsApp:
        return KdsApp(display_settings(self.port, name, monitors), data_dir, backoff=FAST)

    def _watch(self) -> None:
        """The screens and outboxes every wait is woken by."""
        assert self.kitchen.kitchen is not None and self.counter.kitchen is not None
        self.cook_desk, self.counter_desk = self.kitchen.kitchen, self.counter.kitchen
        self.kitchen_id, self.counter_id = self.cook_desk.device_id, self.counter_desk.device_id
        self.hot, self.pass_ = self.kitchen.window("Hot"), self.kitchen.window("Pass")
        self.expo = self.counter.window("Expo")
        self.signals: list[SignalInstance] = [self.progress.changed]
        for window in (self.hot, self.pass_, self.expo):
            model = window.model
            self.signals += [model.rowsInserted, model.rowsRemoved, model.dataChanged]
            self.signals += [model.modelReset]
        self.signals += [self.cook_desk.pending_changed, self.counter_desk.pending_changed]

    async def _watch_paper(self) -> None:
        """Every job the printer puts on paper wakes the waits too."""
        while True:
            with contextlib.suppress(TimeoutError):
                await self.paper.wait_for_jobs(len(self.paper.jobs) + 1, WAIT)
                self.progress.changed.emit()

    async def until(self, predicate: Callable[[], bool], what: str) -> None:
        await until_signals(predicate, what, *self.signals, wait=WAIT)

    def finished(self, n: int) -> bool:
        return n in self.collected or n in self.cancels_answered

    def done(self) -> bool:
        return self.stream_done and all(self.finished(n) for n in range(1, ORDERS + 1))

    def idle(self) -> bool:
        """Every order posted so far is handed over or cancelled: nothing to tap now."""
        return all(self.finished(n) for n in range(1, self.created + 1))

    def open_now(self) -> int:
        """Orders for now posted and not yet handed over or cancelled."""
        return sum(
            1
            for n in range(1, self.created + 1)
            if n not in self.plan.later and not self.finished(n)
        )

    # --- the shop ----------------------------------------------------------------------

    async def shop(self, http: aiohttp.ClientSession) -> None:
        triggers = [after for _, after, _ in self.plan.blows]
        for step, (n, what) in enumerate(self.plan.steps):
            # The blows come while the stream flows: not past a blow's step before the
            # blow before it was dealt.
            behind = sum(1 for after in triggers[1:] if after <= step)
            await self.until(lambda b=behind: self.blows_dealt >= b, "the blow before")
            if what == "create":
                if n in self.plan.later:
                    self.prepare_at[n] = datetime.now(UTC) + RELEASE_AFTER
                else:
                    await self.until(lambda: self.open_now() < OPEN_AT_MOST, "the kitchen")
                self.created = n
            await self.send(http, n, what)
            self.posted += 1
            self.progress.changed.emit()
        self.stream_done = True
        self.progress.changed.emit()

    async def send(self, http: aiohttp.ClientSession, n: int, what: str) -> None:
        """Post one step until the connector answers it (again after a kill)."""
        order_id = f"webshop:{n}"
        async with asyncio.timeout(WAIT):
            while True:
                await self.up.wait()
                if what == "cancel":
                    path = f"/orders/{order_id.replace(':', '%3A')}/cancel"
                    request = http.post(path, json={"reason": "guest left"})
                else:
                    revision = 2 if what == "update" else 1
                    body = order(n, revision, self.prepare_at.get(n))
                    request = http.post("/orders", json=body)
                try:
                    async with request as response:
                        assert response.status in (200, 202), (n, what, await response.text())
                        break
                except aiohttp.ClientError:
                    continue  # no answer: the connector died; again once it is back
        if what == "cancel":
            self.cancels_answered.add(n)
        else:
            self.revisions[order_id] = 2 if what == "update" else 1

    # --- the blows ---------------------------------------------------------------------

    async def blows(self) -> None:
        for kind, after, pointed in self.plan.blows:
            await self.until(lambda a=after: self.posted >= a, f"{after} steps posted")
            if kind == "connector":
                if pointed:  # while a tap's change is on its way
                    await self.until(
                        lambda: (
                            bool(self.cook_desk.pending or self.counter_desk.pending) or self.idle()
                        ),
                        "a tap's change in an outbox",
                    )
                self.up.clear()
                self.outbox_kills += bool(self.cook_desk.pending or self.counter_desk.pending)
                assert await self.connector.exit(signal.SIGKILL) == -signal.SIGKILL
                self.blows_dealt += 1
                await self._start_connector(self.port)
            else:
                # A working app: it has connected (and so opened its store and printers).
                await self.printing_app.wait_line(r"kds\.app: connection: connected$")
                if pointed:  # right after a new ticket came out (not a copy sent again)
                    out = len(self.paper.jobs)
                    await self.until(
                        lambda o=out: (
                            any(not slip(job).reprint for job in self.paper.jobs[o:])
                            or self._paper_done(self.created)
                        ),
                        "a ticket out",
                    )
                assert await self.printing_app.exit(signal.SIGKILL) == -signal.SIGKILL
                self.blows_dealt += 1
                await self._start_app()
            self.progress.changed.emit()

    # --- the staff, by touch -----------------------------------------------------------

    async def tap(self, app: KdsApp, window: Any, order_id: str) -> list[wire.StatusChange]:
        """A finger on the card's header; waits for what it did (a status change back from
        the connector, or the card acknowledged); the changes it made."""
        desk, view = app.kitchen, window.tickets
        assert desk is not None and app.store is not None
        seen, before = look(view, order_id), set(desk.pending)
        tap(self.qtbot, view, order_id)
        new = [change for change in desk.pending if change not in before]
        if new:
            self.taps.extend((app.store.device_id, change) for change in new)
            await self.until(lambda: not set(new) & set(desk.pending), f"the echo of {new}")
        else:  # it acknowledged a change or a cancellation
            await self.until(lambda: look(view, order_id) != seen, f"{order_id} acknowledged")
        return new

    async def cook(self) -> None:
        """The cook bumps the oldest card on the Hot screen (a changed one: "seen" first)."""
        hot = self.hot.model
        while True:
            await self.until(lambda: self.done() or hot.rowCount() > 0, "a card on Hot")
            if self.done():
                return
            await self.tap(self.kitchen, self.hot, hot.order_ids()[0])

    def _ready_card(self) -> str | None:
        """The first card on the expo that is ready (or cancelled: acknowledged)."""
        for order_id in self.expo.model.order_ids():
            shown = card(self.expo.model, order_id)
            if shown is not None and (shown.ready or shown.cancelled):
                return order_id
        return None

    async def counter_staff(self) -> None:
        """The counter hands over each ready order; the kitchen's pass lets it go."""
        pass_ = self.pass_.model
        while True:
            await self.until(lambda: self.done() or self._ready_card() is not None, "ready")
            if self.done():
                return
            order_id = self._ready_card()
            assert order_id is not None
            new = await self.tap(self.counter, self.expo, order_id)
            if any(change.status == wire.OrderStatus.COLLECTED for change in new):
                # Shown on the other device: gone from the kitchen's pass.
                await self.until(
                    lambda o=order_id: pass_.row_of(o) < 0 or card(pass_, o).cancelled,
                    f"{order_id} gone from the kitchen's pass",
                )
                self.collected.add(int(order_id.removeprefix("webshop:")))
                self.progress.changed.emit()

    # --- the end -----------------------------------------------------------------------

    def _paper_done(self, upto: int = ORDERS) -> bool:
        """Each order's ticket is out (unless cancelled), and a void slip for each cancelled
        one that had something on paper (orders 1 to `upto`)."""
        got: dict[int, set[str]] = {}
        for job in self.paper.jobs:
            printed = slip(job)
            got.setdefault(printed.order, set()).add(printed.kind)
        for n in range(1, upto + 1):
            kinds = got.get(n, set())
            if n not in self.plan.cancelled and "ticket" not in kinds:
                return False
            if n in self.plan.cancelled and kinds & {"ticket", "change"} and "void" not in kinds:
                return False
        return True

    async def paper_settled(self) -> None:
        async with asyncio.timeout(WAIT):
            while not self._paper_done():
                await self.paper.wait_for_jobs(len(self.paper.jobs) + 1, WAIT)

    async def every_device_acked(self, http: aiohttp.ClientSession) -> None:
        """Ask /health (one request after the other) until the three devices acked the
        connector's last seq."""
        async with http.get("/health") as response:
            self.last_seq = (await response.json())["last_seq"]
        async with asyncio.timeout(WAIT):
            while True:
                async with http.get("/health") as response:
                    devices = (await response.json())["devices"]
                acked = [d["last_acked_seq"] or 0 for d in devices]
                if len(acked) == 3 and min(acked) >= self.last_seq:
                    return


def test_a_service_survives_connector_and_printing_app_kills_with_two_devices_tapping(
    loop: qasync.QEventLoop, tmp_path: Path, qtbot: QtBot, tally: Tally
) -> None:
    plan = make_plan(random.Random(20261201))
    service = Service(plan, tmp_path, qtbot)
    loop.run_until_complete(service.run())
    assert (service.connectors_started, service.apps_started) == (
        CONNECTOR_KILLS + 1,
        APP_KILLS + 1,
    )
    every_order = [f"webshop:{n}" for n in range(1, ORDERS + 1)]
    cancelled = {f"webshop:{n}" for n in plan.cancelled}

    # Every tap's status change is in the connector's log exactly once, and nothing else is.
    tapped = Counter(
        (d, c.order_id, c.status, c.station, c.line_ids, c.at) for d, c in service.taps
    )
    logged = Counter(
        (e.device_id, e.order_id, e.status, e.station, e.line_ids, e.occurred_at)
        for e in logged_statuses(service.connector_dir)
    )
    assert max(tapped.values()) == 1 and logged == tapped
    # Every order not cancelled was bumped at Hot on the kitchen, shown ready on the
    # counter's expo and handed over there (and then gone from the kitchen's pass).
    bumped = {c.order_id for d, c in service.taps if d == service.kitchen_id and c.station}
    handed = {c.order_id for d, c in service.taps if d == service.counter_id}
    assert set(every_order) - cancelled <= {f"webshop:{n}" for n in service.collected}
    assert {f"webshop:{n}" for n in service.collected} == handed <= bumped

    # Every device holds every order once, at its newest revision, cancelled where it was,
    # with the status every tap gave it; and every event of the log once.
    statuses: dict[str, dict[str, str]] = {order_id: {} for order_id in every_order}
    for _, change in service.taps:
        statuses[change.order_id][change.station or "order"] = change.status.value
    for name, data_dir in service.device_dirs.items():
        with open_store_readonly(data_dir) as store:
            held = store.order_summaries()
            assert store.last_seq() == service.last_seq, name
        assert sorted(s["id"] for s in held) == sorted(every_order), name
        assert {s["id"]: s["revision"] for s in held} == service.revisions, name
        assert {s["id"] for s in held if s["is_cancelled"]} == cancelled, name
        assert {s["id"]: s["status"] for s in held} == statuses, name
        assert stored_event_seqs(data_dir) == list(range(1, service.last_seq + 1)), name

    # The paper: each kitchen ticket once (the only repeats REPRINT-marked copies, at most
    # one per kill), a change slip where an update came after the ticket, a void slip
    # after whatever of a cancelled order was printed, orders for later not before their time.
    slips = [slip(job) for job in service.paper.jobs]
    assert [s for s in slips if s.kind == "late"] == []
    reprints = [s for s in slips if s.reprint]
    assert len(reprints) <= APP_KILLS, reprints
    voided_unseen = 0  # void slips for a ticket a kill caught between sent and confirmed
    for n in range(1, ORDERS + 1):
        mine = [s for s in slips if s.order == n]
        out = {kind: [s for s in mine if s.kind == kind] for kind in ("ticket", "change", "void")}
        for kind, printed in out.items():
            plain = [s for s in printed if not s.reprint]
            assert len(plain) <= 1, (n, kind, plain)
            assert plain or len(printed) <= 1, (n, kind, printed)
        tickets, changes, voids = out["ticket"], out["change"], out["void"]
        if n in plan.cancelled:
            made = tickets + changes
            if made:
                assert voids and min(v.number for v in voids) > max(s.number for s in made), n
            voided_unseen += bool(voids and not made)
        else:
            assert tickets and not voids, (n, mine)
            newest = 2 if n in plan.updated else 1
            # An update before the ticket printed replaces it; after, a change slip follows.
            assert {s.revision for s in tickets + changes} <= {1, newest}, (n, mine)
            assert bool(changes) == ({s.revision for s in tickets} == {1} and newest == 2), (
                n,
                mine,
            )
        if n in plan.later:
            assert all(s.printed_at >= service.prepare_at[n] for s in mine), (n, mine)
    assert voided_unseen <= APP_KILLS

    tally.kills_survived += CONNECTOR_KILLS + APP_KILLS
    tally.orders_checked += ORDERS
    resent = sum(
        log.read_text(errors="replace").count("resent its status")
        for log in tmp_path.glob("*-connector.stderr")
    )
    print(
        f"\n{len(service.taps)} status changes tapped ({resent} sent again from an outbox "
        f"after a connector kill, {service.outbox_kills} kills with one in an outbox), "
        f"{len(slips)} jobs on paper, {len(reprints)} marked REPRINT: "
        f"{[(s.kind, s.order) for s in reprints]}"
    )
