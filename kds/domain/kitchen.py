"""What a tap on a card means: staff actions in, `order.status` changes and local effects out.

`decide(action, desk, config, now)` changes nothing itself. The changes it returns are sent
to the connector (through the outbox), come back to every device as `order.status` events,
and only then change the orders (`tickets.advance`), so all screens agree. Until then they
are `pending`, and `decide` reads the orders as they will be: a double tap finds its first
bump already made and does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from kds import wire
from kds.domain.acknowledge import Acknowledgements, places_of
from kds.domain.kitchen_settings import KitchenConfig, ReadyRule
from kds.domain.rollup import done_at, is_ready, stations_done
from kds.domain.schedule import is_released
from kds.domain.tickets import DONE, Ticket, with_change

S = wire.OrderStatus

EXPO: tuple[str, ...] = ()
"""The `stations` of an action taken on the expo: it acts on the whole order."""

UNDO_ENTRIES = 50
"""The undo log keeps at most this many recent actions (each expires after `undo_seconds`)."""


# --- actions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BumpOrder:
    """A tap on a card's header: these stations are done (the expo: the order is ready)."""

    order_id: str
    stations: tuple[str, ...] = EXPO


@dataclass(frozen=True)
class BumpLine:
    """A tap on a line: it is done (struck through) at the monitor of these stations."""

    order_id: str
    line_id: str
    stations: tuple[str, ...] = EXPO


@dataclass(frozen=True)
class Undo:
    """The undo bar's button: take back the action `ShowUndo` named."""

    action_id: int


@dataclass(frozen=True)
class Recall:
    """Put a finished order back on the monitor of these stations (the expo: not ready)."""

    order_id: str
    stations: tuple[str, ...] = EXPO


@dataclass(frozen=True)
class Collected:
    """The guest has the order (an expo tap on a ready order, or a pickup code scanned)."""

    order_id: str


@dataclass(frozen=True)
class FireNow:
    """Release a scheduled order to the stations now."""

    order_id: str


@dataclass(frozen=True)
class AcknowledgeChange:
    """A tap on a CHANGED card: its changes were seen here."""

    order_id: str
    stations: tuple[str, ...] = EXPO


@dataclass(frozen=True)
class AcknowledgeCancel:
    """A tap on a CANCELLED card: it may leave this monitor."""

    order_id: str
    stations: tuple[str, ...] = EXPO


Action = (
    BumpOrder
    | BumpLine
    | Undo
    | Recall
    | Collected
    | FireNow
    | AcknowledgeChange
    | AcknowledgeCancel
)


# --- effects ------------------------------------------------------------------------------


class Cue(StrEnum):
    """The sound a monitor plays for an action."""

    BUMP = "bump"
    READY = "ready"
    RECALL = "recall"
    UNDO = "undo"
    COLLECTED = "collected"
    RELEASE = "release"


@dataclass(frozen=True)
class PlaySound:
    cue: Cue


@dataclass(frozen=True)
class ShowUndo:
    """Show the undo bar for this action until `until`."""

    action_id: int
    order_id: str
    until: datetime


@dataclass(frozen=True)
class HideUndo:
    action_id: int


@dataclass(frozen=True)
class RecordAcknowledgement:
    """Store that these places acknowledged the order's `revision` (None: its cancellation)."""

    order_id: str
    places: tuple[str, ...]
    revision: int | None

    def applied_to(self, acks: Acknowledgements) -> Acknowledgements:
        if self.revision is None:
            return acks.with_cancellation(self.places)
        return acks.with_revision(self.places, self.revision)


@dataclass(frozen=True)
class Ignored:
    """The action changed nothing (for the log; the screen already shows why)."""

    reason: str


Effect = PlaySound | ShowUndo | HideUndo | RecordAcknowledgement | Ignored


# --- the undo log -------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusKey:
    """What one status change sets: a line, a station, or (neither) the whole order."""

    station: str | None = None
    line_id: str | None = None

    def read(self, ticket: Ticket) -> wire.OrderStatus | None:
        if self.line_id is not None:
            return ticket.state.line_status.get(self.line_id)
        return ticket.status_of(self.station)

    def change(self, order_id: str, status: wire.OrderStatus, at: datetime) -> wire.StatusChange:
        line_ids = (self.line_id,) if self.line_id is not None else ()
        return wire.StatusChange(
            order_id=order_id, status=status, station=self.station, line_ids=line_ids, at=at
        )


WHOLE = StatusKey()


@dataclass(frozen=True)
class UndoStep:
    """One change an action made, and the status its undo puts back."""

    key: StatusKey
    set_to: wire.OrderStatus
    restore: wire.OrderStatus


@dataclass(frozen=True)
class UndoEntry:
    action_id: int
    order_id: str
    steps: tuple[UndoStep, ...]
    until: datetime


@dataclass(frozen=True)
class UndoLog:
    """The actions that can still be undone (each for `undo_seconds`)."""

    entries: tuple[UndoEntry, ...] = ()
    next_id: int = 1

    def live(self, now: datetime) -> UndoLog:
        return replace(self, entries=tuple(e for e in self.entries if e.until > now))

    def add(
        self, order_id: str, steps: tuple[UndoStep, ...], until: datetime
    ) -> tuple[UndoLog, int]:
        entry = UndoEntry(self.next_id, order_id, steps, until)
        entries = (*self.entries, entry)[-UNDO_ENTRIES:]
        return UndoLog(entries, self.next_id + 1), entry.action_id

    def take(self, action_id: int, now: datetime) -> tuple[UndoLog, UndoEntry | None]:
        live = self.live(now)
        entry = next((e for e in live.entries if e.action_id == action_id), None)
        rest = tuple(e for e in live.entries if e.action_id != action_id)
        return replace(live, entries=rest), entry


# --- deciding -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """What `decide` reads: this device's orders, its changes not yet echoed, its undo log."""

    tickets: Mapping[str, Ticket]
    pending: Sequence[wire.StatusChange] = ()
    """This device's changes in the outbox or sent, not yet back as events, oldest first."""
    undo: UndoLog = field(default_factory=UndoLog)

    def ticket(self, order_id: str, now: datetime) -> Ticket | None:
        """The order as it will be once this device's pending changes are back."""
        ticket = self.tickets.get(order_id)
        if ticket is None:
            return None
        for change in self.pending:
            if change.order_id == order_id:
                ticket = with_change(ticket, change, now)
        return ticket


@dataclass(frozen=True)
class Decision:
    """What an action leads to: changes to send (in this order), local effects, the undo log."""

    changes: tuple[wire.StatusChange, ...]
    effects: tuple[Effect, ...]
    undo: UndoLog


class _Plan:
    """The changes of one action, each applied to a working copy of the ticket."""

    def __init__(self, ticket: Ticket, now: datetime) -> None:
        self.start = ticket
        self.ticket = ticket
        self.now = now
        self.steps: list[UndoStep] = []
        self.changes: list[wire.StatusChange] = []

    def set(
        self, key: StatusKey, status: wire.OrderStatus, restore: wire.OrderStatus | None = None
    ) -> None:
        before = key.read(self.ticket)
        change = key.change(self.ticket.id, status, self.now)
        back = restore or (before if before is not None else S.IN_PREPARATION)
        self.steps.append(UndoStep(key, status, back))
        self.changes.append(change)
        self.ticket = with_change(self.ticket, change, self.now)

    def roll_up(self, config: KitchenConfig) -> None:
        """The order is ready once this action finished its last station (`all_stations`)."""
        if (
            config.settings.ready_when == ReadyRule.ALL_STATIONS
            and self.ticket.status_of(None) not in DONE
            and not stations_done(self.start, config)
            and stations_done(self.ticket, config)
        ):
            self.set(WHOLE, S.READY)


def _ignored(desk: Desk, now: datetime, reason: str) -> Decision:
    return Decision((), (Ignored(reason),), desk.undo.live(now))


def _undoable(desk: Desk, plan: _Plan, config: KitchenConfig, cue: Cue) -> Decision:
    until = plan.now + config.settings.undo_for
    undo, action_id = desk.undo.live(plan.now).add(plan.ticket.id, tuple(plan.steps), until)
    effects = (PlaySound(cue), ShowUndo(action_id, plan.ticket.id, until))
    return Decision(tuple(plan.changes), effects, undo)


def _mine(ticket: Ticket, stations: Sequence[str], config: KitchenConfig) -> list[str]:
    return [s for s in config.routing.stations_of(ticket.order) if s in stations]


def decide(action: Action, desk: Desk, config: KitchenConfig, now: datetime) -> Decision:
    """The status changes and effects of one action (none, with `Ignored`, when it would
    change nothing: a second tap, an unknown or cancelled order, nothing to undo)."""
    if isinstance(action, Undo):
        return _undo(action, desk, now)
    ticket = desk.ticket(action.order_id, now)
    if ticket is None:
        return _ignored(desk, now, f"unknown order {action.order_id}")
    match action:
        case AcknowledgeChange(stations=stations):
            ack = RecordAcknowledgement(ticket.id, places_of(stations), ticket.state.revision)
            return Decision((), (ack,), desk.undo.live(now))
        case AcknowledgeCancel(stations=stations):
            if not ticket.state.cancelled:
                return _ignored(desk, now, "order is not cancelled")
            ack = RecordAcknowledgement(ticket.id, places_of(stations), None)
            return Decision((), (ack,), desk.undo.live(now))
    if ticket.state.cancelled:
        return _ignored(desk, now, "order is cancelled")
    plan = _Plan(ticket, now)
    match action:
        case FireNow():
            if is_released(ticket, config, now):
                return _ignored(desk, now, "order is already released")
            plan.set(WHOLE, S.IN_PREPARATION, restore=S.NEW)
            return _undoable(desk, plan, config, Cue.RELEASE)
        case Collected():
            if ticket.status_of(None) == S.COLLECTED:
                return _ignored(desk, now, "order is already collected")
            plan.set(WHOLE, S.COLLECTED)
            return _undoable(desk, plan, config, Cue.COLLECTED)
    if not is_released(ticket, config, now):
        return _ignored(desk, now, "order is not released yet")
    match action:
        case BumpOrder(stations=stations):
            return _bump_order(desk, plan, stations, config)
        case BumpLine(line_id=line_id, stations=stations):
            return _bump_line(desk, plan, line_id, stations, config)
        case Recall(stations=stations):
            return _recall(desk, plan, stations, config)
    raise TypeError(f"not an action: {action!r}")  # pragma: no cover - exhaustive


def _whole_order(stations: Sequence[str], config: KitchenConfig) -> bool:
    return not stations or not config.routing.stations


def _bump_order(
    desk: Desk, plan: _Plan, stations: Sequence[str], config: KitchenConfig
) -> Decision:
    ticket = plan.ticket
    if _whole_order(stations, config):
        if is_ready(ticket, config):
            return _ignored(desk, plan.now, "order is already ready")
        plan.set(WHOLE, S.READY)
        return _undoable(desk, plan, config, Cue.READY)
    targets = [s for s in _mine(ticket, stations, config) if not done_at(ticket, s, config)]
    if not targets:
        return _ignored(desk, plan.now, "already bumped here")
    for station in targets:
        plan.set(StatusKey(station), S.READY)
    plan.roll_up(config)
    return _undoable(desk, plan, config, _bump_cue(plan))


def _bump_cue(plan: _Plan) -> Cue:
    return Cue.READY if any(step.key == WHOLE for step in plan.steps) else Cue.BUMP


def _bump_line(
    desk: Desk, plan: _Plan, line_id: str, stations: Sequence[str], config: KitchenConfig
) -> Decision:
    ticket = plan.ticket
    item = ticket.order.item(line_id)
    if item is None:
        return _ignored(desk, plan.now, f"order has no line {line_id}")
    if ticket.line_done(line_id):
        return _ignored(desk, plan.now, "line is already done")
    if not config.routing.stations:  # no stations: the whole order is the one "station"
        if is_ready(ticket, config):
            return _ignored(desk, plan.now, "order is already ready")
        plan.set(StatusKey(None, line_id), S.READY)
        lines = plan.ticket.order.items
        if config.settings.bump_order_when_lines_done and all(
            plan.ticket.line_done(i.line_id) for i in lines
        ):
            plan.set(WHOLE, S.READY)
        return _undoable(desk, plan, config, _bump_cue(plan))
    routed, _ = config.routing.route(item)
    here = [s for s in routed if s in stations or not stations]  # the expo: all of them
    open_here = [s for s in here if not done_at(ticket, s, config)]
    if not open_here:
        return _ignored(desk, plan.now, "line is not open on this monitor")
    plan.set(StatusKey(open_here[0], line_id), S.READY)
    if config.settings.bump_order_when_lines_done:
        for station in open_here:
            lines_there = config.routing.lines_at(plan.ticket.order, (station,))
            if all(plan.ticket.line_done(line.item.line_id) for line in lines_there):
                plan.set(StatusKey(station), S.READY)
    plan.roll_up(config)
    return _undoable(desk, plan, config, _bump_cue(plan))


def _recall(desk: Desk, plan: _Plan, stations: Sequence[str], config: KitchenConfig) -> Decision:
    ticket = plan.ticket
    if _whole_order(stations, config):
        if not is_ready(ticket, config):
            return _ignored(desk, plan.now, "order is not finished")
        plan.set(WHOLE, S.RECALLED)
        return _undoable(desk, plan, config, Cue.RECALL)
    targets = [s for s in _mine(ticket, stations, config) if done_at(ticket, s, config)]
    if not targets:
        return _ignored(desk, plan.now, "order is not finished here")
    for station in targets:
        plan.set(StatusKey(station), S.RECALLED)
    if ticket.status_of(None) in DONE:
        plan.set(WHOLE, S.RECALLED)  # not ready any more: off the pickup board's Ready
    return _undoable(desk, plan, config, Cue.RECALL)


def _undo(action: Undo, desk: Desk, now: datetime) -> Decision:
    undo, entry = desk.undo.take(action.action_id, now)
    if entry is None:
        return Decision((), (Ignored("nothing to undo"),), undo)
    ticket = desk.ticket(entry.order_id, now)
    if ticket is None:
        return Decision((), (HideUndo(entry.action_id), Ignored("order is gone")), undo)
    plan = _Plan(ticket, now)
    for step in reversed(entry.steps):
        # A status someone changed since is theirs now: the undo leaves it.
        if step.key.read(plan.ticket) == step.set_to:
            plan.set(step.key, step.restore)
    effects: tuple[Effect, ...] = (HideUndo(entry.action_id),)
    if not plan.changes:
        return Decision((), (*effects, Ignored("changed since by someone else")), undo)
    return Decision(tuple(plan.changes), (*effects, PlaySound(Cue.UNDO)), undo)


# --- around the actions ---------------------------------------------------------------------


def expo_tap(ticket: Ticket, config: KitchenConfig) -> Action:
    """What a tap on an expo card means: a ready order is collected, any other becomes ready."""
    if is_ready(ticket, config):
        return Collected(ticket.id)
    return BumpOrder(ticket.id, EXPO)


def order_for_code(tickets: Iterable[Ticket], code: str) -> Ticket | None:
    """The open order a scanned or typed pickup code names (its pickup code, else its
    number), the oldest when several share a number."""
    code = code.strip()
    if not code:
        return None
    open_orders = [t for t in tickets if not t.state.cancelled and t.status_of(None) != S.COLLECTED]
    for matches in (
        [t for t in open_orders if t.order.pickup_code == code],
        [t for t in open_orders if t.order.display_id == code],
    ):
        if matches:
            return min(matches, key=lambda t: (t.times.received_at, t.id))
    return None


def is_echo(event: wire.OrderStatusChanged, change: wire.StatusChange, device_id: str) -> bool:
    """Whether the event is this device's change come back from the connector."""
    return (
        event.device_id == device_id
        and event.order_id == change.order_id
        and event.status == change.status
        and event.station == change.station
        and event.line_ids == change.line_ids
        and event.occurred_at == change.at
    )


def settle(
    pending: Sequence[wire.StatusChange], event: wire.Event, device_id: str
) -> tuple[wire.StatusChange, ...]:
    """The pending changes once this event is in: its own change, if it is one, is done."""
    if isinstance(event, wire.OrderStatusChanged):
        for i, change in enumerate(pending):
            if is_echo(event, change, device_id):
                return (*pending[:i], *pending[i + 1 :])
    return tuple(pending)
