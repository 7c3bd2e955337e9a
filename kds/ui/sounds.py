"""The screens' sounds: which cue plays for what happened on which kind of monitor, and the
printer alarm that rings again until someone silences it. The cues play in a process of
their own (kds.ui.sound_process)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from enum import Enum
from types import MappingProxyType
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from kds import wire
from kds.audio import SoundCue
from kds.domain.monitors import MonitorKind
from kds.domain.orders import Applied, AppliedKind, OrderState
from kds.settings import MonitorSettings
from kds.ui.monitor_window import MonitorWindow


class Happening(Enum):
    """Something that happened which a monitor may want to be heard."""

    CREATED = "created"
    """A new order arrived (also an update for an order this device never saw)."""
    UPDATED = "updated"
    CANCELLED = "cancelled"
    RELEASED = "released"
    """A scheduled order's start time came."""
    READY = "ready"
    """The whole order is ready to collect."""
    PRINTER_ALARM = "printer_alarm"
    """A printer this monitor's cooks depend on needs a person."""


CUES: Mapping[MonitorKind, Mapping[Happening, SoundCue]] = MappingProxyType(
    {
        # Cooks: everything about the tickets they make, and their printers' alarms.
        MonitorKind.STATION: {
            Happening.CREATED: SoundCue.NEW_ORDER,
            Happening.UPDATED: SoundCue.CHANGED,
            Happening.CANCELLED: SoundCue.CANCELLED,
            Happening.RELEASED: SoundCue.RELEASED,
            Happening.PRINTER_ALARM: SoundCue.PRINTER_ALARM,
        },
        # The counter: orders coming, changing, going, and ready to hand over. Not the
        # release (the cooks start it) nor printer alarms (the stations ring for their
        # printers; the expo's printer lines show every printer).
        MonitorKind.EXPO: {
            Happening.CREATED: SoundCue.NEW_ORDER,
            Happening.UPDATED: SoundCue.CHANGED,
            Happening.CANCELLED: SoundCue.CANCELLED,
            Happening.READY: SoundCue.READY,
        },
        # Guests hear only that their order is ready.
        MonitorKind.PICKUP: {Happening.READY: SoundCue.READY},
    }
)
"""Which cue a kind of monitor plays for each happening; a happening it lacks is silent."""

REPEAT_GAP = timedelta(seconds=1)
"""The same order cue does not start again within this time: a burst of orders (a replay
after a reconnect) rings once, not once per order."""


def cue_for(kind: MonitorKind, happening: Happening) -> SoundCue | None:
    return CUES[kind].get(happening)


def order_happening(event: wire.Event, applied: Applied) -> Happening | None:
    """What an applied event did that can be heard: a new, changed or cancelled order, or
    a status that left the whole order ready. None for everything else."""
    match applied.kind:
        case AppliedKind.CREATED:
            return Happening.CREATED
        case AppliedKind.UPDATED:
            return Happening.UPDATED
        case AppliedKind.CANCELLED:
            return Happening.CANCELLED
        case AppliedKind.STATUS if (
            isinstance(event, wire.OrderStatusChanged)
            and event.status is wire.OrderStatus.READY
            and applied.state is not None
            and applied.state.overall_status is wire.OrderStatus.READY
        ):
            return Happening.READY
    return None


class SoundPlayer(Protocol):
    """Where cues are played."""

    def play(self, cue: SoundCue, volume: float) -> None:
        """Start `cue` now at `volume` (0–1 of the file's own level)."""


SoundPlayerFactory = Callable[[MonitorSettings], SoundPlayer]
"""Builds the player of one monitor."""


class MonitorSounds(QObject):
    """The sounds of one monitor window, at its volume, or none when it is muted.

    Fed with applied events (`on_applied`); watches the window's printer alarm, which rings
    at once and then every `alarm_repeat_s` until the alarm clears or someone taps
    "Silence alarm" on it (silenced, it stays quiet until the printers are fine again); and
    rings the release cue when scheduled orders it shows are released (`on_released`).
    """

    def __init__(
        self,
        window: MonitorWindow,
        player: SoundPlayer,
        clock: Callable[[], datetime],
        *,
        alarm_repeat_s: float,
    ) -> None:
        super().__init__(window)  # lives and dies with its window
        self._window = window
        self._kind = window.monitor.kind
        self._filter = window.model.monitor_filter
        self._player = player
        self._clock = clock
        self._volume = window.monitor.volume / 100
        self._muted = window.monitor.mute
        self._last_played: dict[SoundCue, datetime] = {}
        self._alarm_silenced = False
        self._alarm_timer = QTimer(self)
        self._alarm_timer.setInterval(round(alarm_repeat_s * 1000))
        self._alarm_timer.timeout.connect(self._ring_alarm)
        window.printer_alarm_changed.connect(self._alarm_changed)
        window.silence_alarm_button.clicked.connect(self.silence_alarm)

    @property
    def alarm_ringing(self) -> bool:
        """The printer alarm rings again and again (until silenced or cleared)."""
        return self._alarm_timer.isActive()

    # --- orders ----------------------------------------------------------------------------

    def on_applied(self, event: wire.Event, applied: Applied) -> None:
        """An AppliedListener: play what the event means for the orders this monitor shows."""
        state = applied.state
        if state is None:
            return
        now = self._clock()
        happening = order_happening(event, applied)
        if happening is not None and self._filter.shows(state, now):
            self._play(happening, now)

    def on_released(self, states: Iterable[OrderState]) -> None:
        """Scheduled orders were released to the stations (`kds.releases`): ring once when
        this monitor shows any of them."""
        now = self._clock()
        if any(self._filter.shows(state, now) for state in states):
            self._play(Happening.RELEASED, now)

    def _play(self, happening: Happening, now: datetime) -> None:
        cue = cue_for(self._kind, happening)
        if cue is None or self._muted:
            return
        last = self._last_played.get(cue)
        if last is not None and now - last < REPEAT_GAP:
            return
        self._last_played[cue] = now
        self._player.play(cue, self._volume)

    # --- the printer alarm -----------------------------------------------------------------

    def _alarm_changed(self, text: str) -> None:
        if not text:  # the printers are fine again
            self._alarm_silenced = False
            self._stop_alarm()
            return
        if self._alarm_silenced or self._alarm_timer.isActive():
            return
        if cue_for(self._kind, Happening.PRINTER_ALARM) is None or self._muted:
            return
        self._ring_alarm()
        self._alarm_timer.start()
        self._window.set_alarm_silenceable(True)

    def _ring_alarm(self) -> None:
        self._player.play(SoundCue.PRINTER_ALARM, self._volume)

    def silence_alarm(self) -> None:
        """The "Silence alarm" button: no more rings until the alarm clears; the red line
        stays."""
        self._alarm_silenced = True
        self._stop_alarm()

    def _stop_alarm(self) -> None:
        self._alarm_timer.stop()
        self._window.set_alarm_silenceable(False)
