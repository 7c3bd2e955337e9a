"""This device's printing role as a sans-I/O state machine: (state, event, now) -> (state, effects).

Exactly one device prints (PROTOCOL.md, "Printing role"). The connector's answers (welcome,
the close that says another device took over), the person's role changes (take over, stop
printing here) and the print service's start come in as events; what the app must do comes
out as effects: start or stop the print service, reconcile it with the store, save what the
device remembers, show the role line, ask a person, call the connector, reconnect. The app
performs the effects and feeds their outcomes back as events; nothing here does I/O or reads
the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum


class Setup(Enum):
    """What the settings say about printing on this device."""

    NOT_PRINTING = "not_printing"  # device.printing is off
    NO_PRINTERS = "no_printers"  # device.printing is on, but there is no [printing] section
    PRINTING = "printing"


class PrintingRole(Enum):
    """This device's printing role as the connector last answered it."""

    OFF = "off"  # not configured to print
    WAITING = "waiting"  # asked, no answer yet
    GRANTED = "granted"
    DENIED = "denied"
    RELEASED = "released"  # staff stopped printing here; not asking any more


class Service(Enum):
    """The print service, which runs only while this device holds the role."""

    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"  # started and reconciled: new orders go to it


class RoleChange(Enum):
    """What a person asked for with the expo's buttons."""

    TAKE_OVER = "take_over"
    RELEASE = "release"


class Failure(Enum):
    """What went wrong, shown under the role line until the next attempt."""

    TAKE_OVER = "take_over"  # detail: why the connector call failed
    RELEASE = "release"  # detail: why the connector call failed
    START = "start"  # detail: why the print service did not start
    STOP = "stop"  # detail: why the print service did not stop cleanly
    QUEUE = "queue"  # detail: the number of the order whose tickets were not queued


@dataclass(frozen=True)
class Problem:
    failure: Failure
    detail: str


@dataclass(frozen=True)
class RoleState:
    """Everything the role line, the buttons and the print service depend on.

    `granted_since` and `role is RELEASED` are what the device remembers across restarts:
    orders first seen before `granted_since` were the former holder's to print.
    """

    setup: Setup = Setup.NOT_PRINTING
    role: PrintingRole = PrintingRole.OFF
    holder: str | None = None
    """Who prints instead, when denied (None: not known)."""
    granted_since: datetime | None = None
    service: Service = Service.STOPPED
    busy: RoleChange | None = None
    """A role change the connector has not answered yet."""
    problem: Problem | None = None

    @property
    def printing(self) -> bool:
        """Holds the role, and the print service runs and has caught up with the store."""
        return self.service is Service.RUNNING

    @property
    def asks_printing(self) -> bool:
        """Asks for the role in hello (not after staff stopped printing here)."""
        return self.setup is Setup.PRINTING and self.role is not PrintingRole.RELEASED

    @property
    def can_take_over(self) -> bool:
        return self.busy is None and self.role in (PrintingRole.DENIED, PrintingRole.RELEASED)

    @property
    def can_stop(self) -> bool:
        return self.busy is None and self.role is PrintingRole.GRANTED


# --- events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Configured:
    """The app opened: the settings, and what the device remembered."""

    setup: Setup
    granted_since: datetime | None
    released: bool


@dataclass(frozen=True)
class Welcomed:
    """The connector's answer to hello: printing granted, or denied (held by `holder`)."""

    granted: bool
    holder: str | None = None


@dataclass(frozen=True)
class TakenOver:
    """The connector closed the link with 4001: another device took printing over."""


@dataclass(frozen=True)
class ChangeRequested:
    """A person pressed "Take over printing" or "Stop printing here"."""

    change: RoleChange


@dataclass(frozen=True)
class ChangeConfirmed:
    change: RoleChange


@dataclass(frozen=True)
class ChangeSucceeded:
    change: RoleChange


@dataclass(frozen=True)
class ChangeFailed:
    change: RoleChange
    reason: str


@dataclass(frozen=True)
class ServiceStarted:
    pass


@dataclass(frozen=True)
class ServiceFailed:
    """The print service could not start."""

    reason: str


@dataclass(frozen=True)
class ServiceStopFailed:
    reason: str


@dataclass(frozen=True)
class QueueFailed:
    """The tickets of an order could not be queued (the next start's reconcile retries)."""

    order_number: str


@dataclass(frozen=True)
class Shutdown:
    """The app stops: the print service stops with it."""


Event = (
    Configured
    | Welcomed
    | TakenOver
    | ChangeRequested
    | ChangeConfirmed
    | ChangeSucceeded
    | ChangeFailed
    | ServiceStarted
    | ServiceFailed
    | ServiceStopFailed
    | QueueFailed
    | Shutdown
)


# --- effects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartPrintService:
    """Start it; feed ServiceStarted or ServiceFailed."""


@dataclass(frozen=True)
class StopPrintService:
    """Stop new orders reaching it now, then stop it; feed ServiceStopFailed if that fails."""


@dataclass(frozen=True)
class Reconcile:
    """Hand the service every order seen since `granted_since` again, before any new one."""


@dataclass(frozen=True)
class SaveMemory:
    granted_since: datetime | None
    released: bool


@dataclass(frozen=True)
class ShowRole:
    """Show the role line and the buttons for the new state."""


@dataclass(frozen=True)
class AskConfirm:
    """Ask the person to confirm `change`; feed ChangeConfirmed if they do."""

    change: RoleChange
    holder: str | None


@dataclass(frozen=True)
class CallConnector:
    """Ask the connector to move the role; feed ChangeSucceeded or ChangeFailed."""

    change: RoleChange


@dataclass(frozen=True)
class Reconnect:
    """End the session and open a new one, asking for printing as `asks_printing` says."""


Effect = (
    StartPrintService
    | StopPrintService
    | Reconcile
    | SaveMemory
    | ShowRole
    | AskConfirm
    | CallConnector
    | Reconnect
)


# --- transitions ---------------------------------------------------------------------------


def transition(
    state: RoleState, event: Event, now: datetime
) -> tuple[RoleState, tuple[Effect, ...]]:
    """The state after `event` at `now`, and what the app must do, in order.

    ShowRole comes last whenever the state changed; SaveMemory whenever what the device
    remembers changed.
    """
    if isinstance(event, Configured):
        return _configured(event), (ShowRole(),)
    new, effects = _step(state, event, now)
    if _memory(new) != _memory(state):
        effects = [*effects, SaveMemory(*_memory(new))]
    if new != state:
        effects = [*effects, ShowRole()]
    return new, tuple(effects)


def _memory(state: RoleState) -> tuple[datetime | None, bool]:
    return state.granted_since, state.role is PrintingRole.RELEASED


def _configured(event: Configured) -> RoleState:
    if event.setup is not Setup.PRINTING:
        role = PrintingRole.OFF
    elif event.released:
        role = PrintingRole.RELEASED
    else:
        role = PrintingRole.WAITING
    return RoleState(setup=event.setup, role=role, granted_since=event.granted_since)


def _step(state: RoleState, event: Event, now: datetime) -> tuple[RoleState, list[Effect]]:
    match event:
        case Welcomed() if state.role in (PrintingRole.OFF, PrintingRole.RELEASED):
            return state, []  # not asked: the answer says nothing about us
        case Welcomed(granted=True):
            granted = replace(
                state,
                role=PrintingRole.GRANTED,
                holder=None,
                granted_since=state.granted_since or now,
            )
            return _run_service(granted)
        case Welcomed(holder=holder):
            # Stops at once: the replay that follows the welcome must not reach the printers.
            return _stop_service(
                replace(state, role=PrintingRole.DENIED, holder=holder, granted_since=None)
            )
        case TakenOver() if state.role is PrintingRole.GRANTED:
            # Printing moved away; the welcome after the reconnect says to whom.
            return _stop_service(
                replace(state, role=PrintingRole.WAITING, holder=None, granted_since=None)
            )
        case ChangeRequested(change) if _allowed(state, change):
            return state, [AskConfirm(change, state.holder)]
        case ChangeConfirmed(change) if _allowed(state, change):
            return replace(state, busy=change, problem=None), [CallConnector(change)]
        case ChangeSucceeded(RoleChange.TAKE_OVER):
            return _taken_over_here(replace(state, busy=None))
        case ChangeSucceeded(RoleChange.RELEASE):
            released = replace(
                state, busy=None, role=PrintingRole.RELEASED, holder=None, granted_since=None
            )
            new, effects = _stop_service(released)
            # Reconnect without asking for printing, so the role stays free.
            return new, [*effects, Reconnect()]
        case ChangeFailed(change, reason):
            failure = Failure.TAKE_OVER if change is RoleChange.TAKE_OVER else Failure.RELEASE
            return replace(state, busy=None, problem=Problem(failure, reason)), []
        case ServiceStarted() if state.role is PrintingRole.GRANTED:
            return replace(state, service=Service.RUNNING, problem=None), [Reconcile()]
        case ServiceStarted():
            # The role went away while the service started.
            return replace(state, service=Service.STOPPED, problem=None), [StopPrintService()]
        case ServiceFailed(reason):
            return replace(
                state, service=Service.STOPPED, problem=Problem(Failure.START, reason)
            ), []
        case ServiceStopFailed(reason):
            return replace(state, problem=Problem(Failure.STOP, reason)), []
        case QueueFailed(number):
            return replace(state, problem=Problem(Failure.QUEUE, number)), []
        case Shutdown():
            return _stop_service(state)
    return state, []


_CHANGES_FROM = {
    RoleChange.TAKE_OVER: (PrintingRole.WAITING, PrintingRole.DENIED, PrintingRole.RELEASED),
    RoleChange.RELEASE: (PrintingRole.WAITING, PrintingRole.GRANTED),
}
"""The roles each change starts from (WAITING: the connector has not answered yet)."""


def _allowed(state: RoleState, change: RoleChange) -> bool:
    """One change at a time, and only from a role it can start from."""
    return state.busy is None and state.role in _CHANGES_FROM[change]


def _taken_over_here(state: RoleState) -> tuple[RoleState, list[Effect]]:
    """The connector moved the role here; it reconnects us (4002) with `granted`."""
    if state.role is PrintingRole.GRANTED:
        return state, []  # that welcome came before the connector's answer
    # No grant time until the welcome: forgetting errs on the safe side (nothing old printed).
    state = replace(state, granted_since=None)
    if state.role is PrintingRole.RELEASED:
        # The current session did not ask for printing: reconnect asking for it.
        return replace(state, role=PrintingRole.WAITING), [Reconnect()]
    return state, []


def _run_service(state: RoleState) -> tuple[RoleState, list[Effect]]:
    if state.service is Service.STOPPED:
        return replace(state, service=Service.STARTING), [StartPrintService()]
    return state, []  # starting (ServiceStarted reconciles) or running


def _stop_service(state: RoleState) -> tuple[RoleState, list[Effect]]:
    if state.service is Service.RUNNING:
        return replace(state, service=Service.STOPPED), [StopPrintService()]
    return state, []  # stopped, or starting: ServiceStarted stops it again
