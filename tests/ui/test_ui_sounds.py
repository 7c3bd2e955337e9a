"""Sounds: which cue each monitor plays for what happened, at its volume or not at all, the
printer alarm that rings until silenced or fixed.

The cues are recorded by a fake sink; real windows, a real connector on loopback and a
virtual printer on TCP produce the happenings. The sound process that plays them through
QtMultimedia is tested in test_sound_process.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from harness import TOKEN, WAIT, post, running, until
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from kds import wire
from kds.audio import SoundCue
from kds.connector.server import ConnectorServer
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState, apply_event
from kds.settings import (
    ConnectorSettings,
    DeviceSettings,
    MonitorKind,
    MonitorSettings,
    Settings,
    Station,
)
from kds.ui import MonitorWindow, OrdersModel
from kds.ui.sounds import CUES, Happening, MonitorSounds, cue_for
from printing.config import PrintingConfig
from printing.emulator import Fault, PrinterEmulator

# The offscreen platform has no window manager to pass size hints to.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
STATIONS = (
    Station(id="hot", name="Hot", groups=("mains",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)
MAINS = {"line_id": "1", "name": "Käsespätzle", "group": "mains", "quantity": "2"}
DRINK = {"line_id": "2", "name": "Apfelschorle", "group": "drinks", "quantity": "1"}


class RecordingPlayer:
    """The fake sink: remembers every cue it was asked to play, and at which volume."""

    def __init__(self) -> None:
        self.played: list[tuple[SoundCue, float]] = []

    def play(self, cue: SoundCue, volume: float) -> None:
        self.played.append((cue, volume))

    @property
    def cues(self) -> list[SoundCue]:
        return [cue for cue, _ in self.played]


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 2) -> None:
        self.now += timedelta(seconds=seconds)


def order(number: int, *items: dict[str, Any], **fulfillment: Any) -> dict[str, Any]:
    return {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": 1,
        "created_at": (T0 - timedelta(minutes=1)).isoformat(),
        "fulfillment": {"type": "pickup", "asap": True, **fulfillment},
        "items": list(items) or [MAINS, DRINK],
    }


class Kitchen:
    """Applies events as the app does: the domain, then each window's model, then sounds."""

    def __init__(
        self,
        clock: Clock,
        windows: list[tuple[MonitorWindow, MonitorSounds, RecordingPlayer]],
        step: float = 2,
    ) -> None:
        self.clock = clock
        self.windows = windows
        self.step = step
        """Seconds between two events (past REPEAT_GAP by default: each is heard)."""
        self.states: dict[str, OrderState] = {}
        self._seq = itertools.count(1)

    def send(self, kind: type[wire.Event], key: str, **fields: Any) -> None:
        """Apply one event of `kind` to the order `key`."""
        seq = next(self._seq)
        event = kind.model_validate(
            {"seq": seq, "event_id": f"e{seq}", "occurred_at": self.clock().isoformat(), **fields}
        )
        applied = apply_event(self.states.get(key), event, self.clock())
        assert applied.state is not None
        self.states[key] = applied.state
        for window, sounds, _ in self.windows:
            window.model.upsert(applied.state)
            sounds.on_applied(event, applied)
        self.clock.advance(self.step)

    def created(self, body: dict[str, Any]) -> None:
        self.send(wire.OrderCreated, body["id"], order=body)

    def updated(self, body: dict[str, Any]) -> None:
        self.send(wire.OrderUpdated, body["id"], order=body)

    def cancelled(self, order_id: str) -> None:
        self.send(wire.OrderCancelled, order_id, order_id=order_id, reason="guest left")

    def status(self, order_id: str, status: str, station: str | None = None) -> None:
        self.send(
            wire.OrderStatusChanged, order_id, order_id=order_id, status=status, station=station
        )


def monitor(name: str, kind: MonitorKind, **keys: Any) -> MonitorSettings:
    return MonitorSettings(name=name, kind=kind, fullscreen=False, **keys)


def window_for(qtbot: QtBot, settings: MonitorSettings, now: datetime = T0) -> MonitorWindow:
    model = OrdersModel(MonitorFilter.for_monitor(settings, STATIONS), now)
    window = MonitorWindow(settings, model)
    model.setParent(window)
    qtbot.addWidget(window)
    return window


def with_sounds(
    qtbot: QtBot, clock: Clock, *monitors: MonitorSettings, alarm_repeat_s: float = 30
) -> list[tuple[MonitorWindow, MonitorSounds, RecordingPlayer]]:
    built = []
    for settings in monitors:
        window = window_for(qtbot, settings, clock())
        sink = RecordingPlayer()
        built.append(
            (window, MonitorSounds(window, sink, clock, alarm_repeat_s=alarm_repeat_s), sink)
        )
    return built


# --- which cue for what, per kind of monitor ------------------------------------------------


def test_the_table_gives_guests_only_the_chime_and_cooks_their_printer_alarms() -> None:
    assert set(CUES) == set(MonitorKind)  # every kind of monitor has its row
    assert dict(CUES[MonitorKind.PICKUP]) == {Happening.READY: SoundCue.READY}
    assert cue_for(MonitorKind.STATION, Happening.PRINTER_ALARM) is SoundCue.PRINTER_ALARM
    assert cue_for(MonitorKind.STATION, Happening.READY) is None
    assert cue_for(MonitorKind.EXPO, Happening.RELEASED) is None
    # Every cue is played somewhere, and every cue's file ships.
    assert {cue for table in CUES.values() for cue in table.values()} == set(SoundCue)
    assert all(cue.path.is_file() for cue in SoundCue)


def test_each_kind_of_monitor_plays_its_cues_for_the_orders_it_shows(qtbot: QtBot) -> None:
    clock = Clock()
    monitors = with_sounds(
        qtbot,
        clock,
        monitor("Grill", MonitorKind.STATION, stations=("hot",)),
        monitor("Bar", MonitorKind.STATION, stations=("bar",)),
        monitor("Counter", MonitorKind.EXPO),
        monitor("Board", MonitorKind.PICKUP),
    )
    kitchen = Kitchen(clock, monitors)

    kitchen.created(order(1))  # a dish and a drink
    kitchen.created(order(2, DRINK))  # only a drink: not the grill's
    kitchen.updated({**order(1, MAINS), "revision": 2})  # the drink is taken off
    kitchen.status("webshop:1", "ready", station="hot")  # the grill's part is done
    kitchen.status("webshop:1", "ready")  # the whole order: guests may collect it
    kitchen.cancelled("webshop:2")
    kitchen.created(order(3, MAINS, asap=False, prepare_at=(T0 + timedelta(minutes=5)).isoformat()))
    clock.advance(5 * 60)
    for window, sounds, _ in monitors:
        sounds.on_released([kitchen.states["webshop:3"]])  # what kds.releases does at its time
        window.set_printer_alarm("Kitchen printer: paper out")

    new, changed, cancelled = SoundCue.NEW_ORDER, SoundCue.CHANGED, SoundCue.CANCELLED
    released, ready, alarm = SoundCue.RELEASED, SoundCue.READY, SoundCue.PRINTER_ALARM
    heard = {window.monitor.name: sink.cues for window, _, sink in monitors}
    assert heard == {
        # Not order 2 (a drink), nor its cancellation; order 1's ready is the counter's.
        "Grill": [new, changed, new, released, alarm],
        # Not the update that took order 1's drink off (the card left its screen).
        "Bar": [new, new, cancelled, alarm],
        "Counter": [new, new, changed, ready, cancelled, new],
        "Board": [ready],
    }


def test_released_orders_ring_the_release_once_and_only_where_they_show(qtbot: QtBot) -> None:
    clock = Clock()
    monitors = with_sounds(
        qtbot,
        clock,
        monitor("Grill", MonitorKind.STATION, stations=("hot",), volume=100),
        monitor("Bar", MonitorKind.STATION, stations=("bar",), volume=100),
    )
    (_, grill, grill_sink), (_, bar, bar_sink) = monitors
    kitchen = Kitchen(clock, monitors)
    at = (T0 + timedelta(minutes=5)).isoformat()
    kitchen.created(order(1, MAINS, asap=False, prepare_at=at))
    kitchen.created(order(2, MAINS, asap=False, prepare_at=at))
    for _, _, sink in monitors:
        sink.played.clear()
    released = [kitchen.states["webshop:1"], kitchen.states["webshop:2"]]
    grill.on_released(released)  # two orders at once: one ring
    bar.on_released(released)  # not the bar's dishes: silent
    assert grill_sink.played == [(SoundCue.RELEASED, 1.0)]
    assert bar_sink.cues == []


def test_a_muted_monitor_is_silent_and_a_quiet_one_plays_at_its_volume(qtbot: QtBot) -> None:
    clock = Clock()
    monitors = with_sounds(
        qtbot,
        clock,
        monitor("Quiet", MonitorKind.STATION, volume=40),
        monitor("Muted", MonitorKind.STATION, mute=True),
    )
    (quiet, _, quiet_sink), (muted, muted_sounds, muted_sink) = monitors
    kitchen = Kitchen(clock, monitors)
    kitchen.created(order(1))
    kitchen.cancelled("webshop:1")
    for window in (quiet, muted):
        window.set_printer_alarm("Kitchen printer: paper out")
    assert quiet_sink.played == [
        (SoundCue.NEW_ORDER, 0.4),
        (SoundCue.CANCELLED, 0.4),
        (SoundCue.PRINTER_ALARM, 0.4),
    ]
    assert muted_sink.played == []
    assert not muted_sounds.alarm_ringing
    assert muted.printer_alarm_label.isVisibleTo(muted)  # the red line shows all the same
    assert not muted.silence_alarm_button.isVisibleTo(muted)  # nothing to silence


def test_a_burst_of_orders_rings_once_and_the_next_order_rings_again(qtbot: QtBot) -> None:
    clock = Clock()
    monitors = with_sounds(qtbot, clock, monitor("Counter", MonitorKind.EXPO))
    ((_, _, sink),) = monitors
    kitchen = Kitchen(clock, monitors, step=0.01)
    for number in range(1, 21):  # a replay after a reconnect: 20 orders in 0.2 s
        kitchen.created(order(number))
    assert sink.cues == [SoundCue.NEW_ORDER]
    clock.advance(1)
    kitchen.created(order(21))
    assert sink.cues == [SoundCue.NEW_ORDER] * 2


# --- the printer alarm ------------------------------------------------------------------------


@pytest.fixture
def station(qtbot: QtBot) -> Iterator[tuple[MonitorWindow, MonitorSounds, RecordingPlayer]]:
    """A shown station window whose printer alarm rings again every 50 ms."""
    ((window, sounds, sink),) = with_sounds(
        qtbot, Clock(), monitor("Grill", MonitorKind.STATION), alarm_repeat_s=0.05
    )
    window.show()
    yield window, sounds, sink


def quiet_for(qtbot: QtBot, sink: RecordingPlayer, ms: int) -> None:
    """Let `ms` pass on the event loop (a timer's signal ends the wait), then check that
    nothing played meanwhile."""
    before = len(sink.played)
    probe = QTimer()
    probe.setSingleShot(True)
    with qtbot.waitSignal(probe.timeout, timeout=ms + 2000):
        probe.start(ms)
    assert len(sink.played) == before


def test_the_printer_alarm_rings_again_until_a_cook_taps_silence(
    qtbot: QtBot, station: tuple[MonitorWindow, MonitorSounds, RecordingPlayer]
) -> None:
    window, sounds, sink = station
    window.set_printer_alarm("Kitchen printer: paper out")
    assert sink.cues == [SoundCue.PRINTER_ALARM]  # at once
    qtbot.waitUntil(lambda: len(sink.cues) >= 4, timeout=5000)  # and again, and again
    assert set(sink.cues) == {SoundCue.PRINTER_ALARM}
    assert window.silence_alarm_button.isVisible()

    qtbot.mouseClick(window.silence_alarm_button, Qt.MouseButton.LeftButton)
    assert not sounds.alarm_ringing
    assert not window.silence_alarm_button.isVisible()
    assert window.printer_alarm_label.isVisible()  # the red line stays until it is fixed
    assert window.printer_alarm_label.text() == "Kitchen printer: paper out"
    # The tick sets the alarm again each second, and a second problem joins the line:
    # silenced, it stays silent until the printers are fine.
    window.set_printer_alarm("Kitchen printer: paper out")
    window.set_printer_alarm("Kitchen printer: paper out · Kitchen holds #G-1")
    quiet_for(qtbot, sink, 200)

    window.set_printer_alarm(None)  # refilled
    rings = len(sink.cues)
    window.set_printer_alarm("Kitchen printer: cover open")  # a new problem rings again
    assert len(sink.cues) == rings + 1
    assert window.silence_alarm_button.isVisible()
    qtbot.waitUntil(lambda: len(sink.cues) > rings + 1, timeout=5000)


def test_the_printer_alarm_stops_when_the_printer_is_fine_again(
    qtbot: QtBot, station: tuple[MonitorWindow, MonitorSounds, RecordingPlayer]
) -> None:
    window, sounds, sink = station
    window.set_printer_alarm("Kitchen printer: offline")
    qtbot.waitUntil(lambda: len(sink.cues) >= 2, timeout=5000)
    window.set_printer_alarm(None)
    assert not sounds.alarm_ringing
    assert not window.printer_alarm_label.isVisible()
    assert not window.silence_alarm_button.isVisible()
    quiet_for(qtbot, sink, 200)


# --- the app: real connector, real windows --------------------------------------------------


class Sinks:
    """The app's sound player factory in these tests: one recording sink per monitor."""

    def __init__(self) -> None:
        self.by_monitor: dict[str, RecordingPlayer] = {}

    def __call__(self, settings: MonitorSettings) -> RecordingPlayer:
        self.by_monitor[settings.name] = RecordingPlayer()
        return self.by_monitor[settings.name]

    def cues(self) -> dict[str, list[SoundCue]]:
        return {name: sink.cues for name, sink in self.by_monitor.items()}


def app_settings(port: int, printing: PrintingConfig | None = None) -> Settings:
    return Settings(
        device=DeviceSettings(name="Pass", printing=printing is not None),
        connector=ConnectorSettings(url=f"ws://127.0.0.1:{port}/kds", token=TOKEN),
        stations=STATIONS,
        monitors=(
            monitor("Grill", MonitorKind.STATION, stations=("hot",), volume=40),
            monitor("Bar", MonitorKind.STATION, stations=("bar",)),
            monitor("Counter", MonitorKind.EXPO),
            monitor("Board", MonitorKind.PICKUP),
            monitor("Office", MonitorKind.EXPO, mute=True),
        ),
        printing=printing,
    )


def live_order(number: int, *items: dict[str, Any], revision: int = 1) -> dict[str, Any]:
    body = order(number, *items)
    return {**body, "revision": revision, "created_at": datetime.now(UTC).isoformat()}


def test_the_app_plays_each_monitors_cues_for_orders_from_the_connector(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    sinks = Sinks()
    shift = [timedelta(0)]  # moved past REPEAT_GAP between steps: each step is heard

    def clock() -> datetime:
        return datetime.now(UTC) + shift[0]

    new, changed, cancelled = SoundCue.NEW_ORDER, SoundCue.CHANGED, SoundCue.CANCELLED

    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        try:
            async with running(
                app_settings(port), tmp_path / "device", sound_player=sinks, clock=clock
            ) as app:
                heard = sinks.by_monitor

                async def step(path: str, body: dict[str, Any], where: str, cue: SoundCue) -> None:
                    """Post, then wait until `where` played `cue` once more."""
                    shift[0] += timedelta(seconds=2)
                    before = heard[where].cues.count(cue)
                    assert await post(port, path, body) in (200, 202)
                    await until(app, lambda: heard[where].cues.count(cue) > before, f"{cue}")

                await step("/orders", live_order(1), "Counter", new)
                await step("/orders", live_order(2, DRINK), "Bar", new)
                await step("/orders", live_order(1, MAINS, revision=2), "Grill", changed)
                await step(
                    "/orders/webshop%3A1/status", {"status": "ready"}, "Board", SoundCue.READY
                )
                await step("/orders/webshop%3A2/cancel", {"reason": "guest left"}, "Bar", cancelled)
                assert sinks.cues() == {
                    "Grill": [new, changed],
                    "Bar": [new, new, cancelled],
                    "Counter": [new, new, changed, SoundCue.READY, cancelled],
                    "Board": [SoundCue.READY],
                    "Office": [],
                }
                assert {volume for _, volume in heard["Grill"].played} == {0.4}
                assert {volume for _, volume in heard["Counter"].played} == {0.7}
        finally:
            await server.stop()

    loop.run_until_complete(scenario())


def test_paper_out_rings_the_stations_that_use_the_printer_until_it_is_refilled(
    loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    sinks = Sinks()

    async def scenario() -> None:
        server = ConnectorServer(tmp_path / "connector", TOKEN, "127.0.0.1", 0)
        port = await server.start()
        kitchen = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
        bar = PrinterEmulator("Bar", None, control_port=None, codepage="cp858")
        await kitchen.start()
        await bar.start()
        printing = PrintingConfig.model_validate(
            {
                "printers": [
                    {"name": p.name, "transport": "network", "host": "127.0.0.1", "port": p.port}
                    for p in (kitchen, bar)
                ],
                "routes": [
                    {"name": "mains", "groups": ["mains"], "printers": ["Kitchen"]},
                    {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
                ],
                "retry_initial_s": 0.05,
                "retry_cap_s": 0.2,
            }
        )
        try:
            async with running(
                app_settings(port, printing), tmp_path / "device", sound_player=sinks
            ) as app:
                await until(app, lambda: app.is_printing, "printing")
                grill = app.window("Grill")
                kitchen.set_fault(Fault.PAPER_OUT)
                assert await post(port, "/orders", live_order(1, MAINS)) == 202
                alarm = SoundCue.PRINTER_ALARM
                heard = sinks.by_monitor
                await until(app, lambda: alarm in heard["Grill"].cues, "the grill's alarm")
                assert grill.printer_alarm_label.text() == "Kitchen printer: paper out"
                assert grill.silence_alarm_button.isVisibleTo(grill)
                assert alarm not in heard["Bar"].cues  # the bar does not use that printer
                assert alarm not in heard["Counter"].cues  # the counter shows it in its lines

                kitchen.set_fault(None)
                await kitchen.wait_for_jobs(1, WAIT)
                await until(app, lambda: not grill.printer_alarm_label.text(), "alarm cleared")
                assert not grill.silence_alarm_button.isVisibleTo(grill)
                assert heard["Grill"].cues.count(alarm) == 1  # 30 s had not passed
        finally:
            await server.stop()
            await kitchen.stop()
            await bar.stop()

    loop.run_until_complete(scenario())


# --- the real QtMultimedia backend ------------------------------------------------------------

# Run in a child process: loads every cue with the real player, waits until each is loaded,
# plays them all at half volume and reports what QSoundEffect said, as JSON on stdout.
