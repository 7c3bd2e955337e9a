"""The printing role's pure core: every transition, with `now` passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kds.domain.printing_role import (
    AskConfirm,
    CallConnector,
    ChangeConfirmed,
    ChangeFailed,
    ChangeRequested,
    ChangeSucceeded,
    Configured,
    Effect,
    Event,
    Failure,
    PrintingRole,
    Problem,
    QueueFailed,
    Reconcile,
    Reconnect,
    RoleChange,
    RoleState,
    SaveMemory,
    Service,
    ServiceFailed,
    ServiceStarted,
    ServiceStopFailed,
    Setup,
    ShowRole,
    Shutdown,
    StartPrintService,
    StopPrintService,
    TakenOver,
    Welcomed,
    transition,
)

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
TAKE_OVER, RELEASE = RoleChange.TAKE_OVER, RoleChange.RELEASE


def step(state: RoleState, event: Event, now: datetime = T0) -> tuple[RoleState, list[Effect]]:
    new, effects = transition(state, event, now)
    return new, list(effects)


def waiting() -> RoleState:
    return step(RoleState(), Configured(Setup.PRINTING, None, released=False))[0]


def printing(since: datetime = T0) -> RoleState:
    """Granted at `since`, the service started and reconciled."""
    state, _ = step(waiting(), Welcomed(granted=True), since)
    return step(state, ServiceStarted())[0]


def denied(holder: str = "Counter-A") -> RoleState:
    return step(waiting(), Welcomed(granted=False, holder=holder))[0]


def released() -> RoleState:
    return step(RoleState(), Configured(Setup.PRINTING, None, released=True))[0]


# --- configured ------------------------------------------------------------------------


def test_a_device_set_up_to_print_waits_for_the_connector_and_asks() -> None:
    state, effects = step(RoleState(), Configured(Setup.PRINTING, None, released=False))
    assert state.role is PrintingRole.WAITING
    assert state.asks_printing
    assert not state.printing
    assert effects == [ShowRole()]  # nothing saved: the memory was just read


def test_a_device_not_set_up_to_print_is_off_and_never_asks() -> None:
    for setup in (Setup.NOT_PRINTING, Setup.NO_PRINTERS):
        state, effects = step(RoleState(), Configured(setup, None, released=False))
        assert (state.role, state.setup, state.asks_printing) == (PrintingRole.OFF, setup, False)
        assert effects == [ShowRole()]
        # Nothing the connector or a person does changes that.
        for event in (
            Welcomed(granted=True),
            ChangeRequested(TAKE_OVER),
            ChangeConfirmed(TAKE_OVER),
            ChangeConfirmed(RELEASE),
        ):
            assert step(state, event) == (state, [])


def test_a_device_where_staff_stopped_printing_stays_released_after_a_restart() -> None:
    since = T0 - timedelta(days=1)
    state, _ = step(RoleState(), Configured(Setup.PRINTING, since, released=True))
    assert state.role is PrintingRole.RELEASED
    assert not state.asks_printing
    assert state.granted_since == since
    assert state.can_take_over and not state.can_stop


# --- welcome ---------------------------------------------------------------------------


def test_granted_starts_the_service_then_reconciles_before_printing() -> None:
    state, effects = step(waiting(), Welcomed(granted=True), T0)
    assert (state.role, state.service, state.granted_since) == (
        PrintingRole.GRANTED,
        Service.STARTING,
        T0,
    )
    assert not state.printing
    assert effects == [StartPrintService(), SaveMemory(T0, released=False), ShowRole()]

    state, effects = step(state, ServiceStarted())
    assert state.printing
    assert state.can_stop and not state.can_take_over
    assert effects == [Reconcile(), ShowRole()]


def test_a_reconnect_with_granted_keeps_printing_and_the_first_grant_time() -> None:
    state = printing(since=T0)
    assert step(state, Welcomed(granted=True), T0 + timedelta(hours=3)) == (state, [])


def test_a_restart_keeps_the_grant_time_of_an_unbroken_holding() -> None:
    since = T0 - timedelta(hours=5)
    state, _ = step(RoleState(), Configured(Setup.PRINTING, since, released=False))
    state, effects = step(state, Welcomed(granted=True), T0)
    assert state.granted_since == since
    assert SaveMemory(since, released=False) not in effects  # nothing new to remember


def test_a_second_device_is_denied_with_the_holders_name_and_prints_nothing() -> None:
    state, effects = step(waiting(), Welcomed(granted=False, holder="Counter-A"))
    assert (state.role, state.holder, state.service) == (
        PrintingRole.DENIED,
        "Counter-A",
        Service.STOPPED,
    )
    assert effects == [ShowRole()]
    assert state.asks_printing  # it keeps asking at every reconnect
    assert state.can_take_over and not state.can_stop


def test_denied_while_printing_stops_at_once_and_forgets_the_grant_time() -> None:
    state, effects = step(printing(), Welcomed(granted=False, holder="Tablet-B"))
    assert not state.printing  # before the replay that follows the welcome
    assert (state.role, state.granted_since) == (PrintingRole.DENIED, None)
    assert effects == [StopPrintService(), SaveMemory(None, released=False), ShowRole()]


def test_denied_while_the_service_starts_stops_it_once_it_has_started() -> None:
    state, _ = step(waiting(), Welcomed(granted=True))
    state, effects = step(state, Welcomed(granted=False, holder="Tablet-B"))
    assert state.service is Service.STARTING
    assert StopPrintService() not in effects  # nothing to stop yet
    state, effects = step(state, ServiceStarted())
    assert (state.service, state.printing) == (Service.STOPPED, False)
    assert effects[0] == StopPrintService()
    assert Reconcile() not in effects


def test_a_released_device_ignores_welcomes() -> None:
    state = released()
    assert step(state, Welcomed(granted=True)) == (state, [])
    assert step(state, Welcomed(granted=False, holder="Bar")) == (state, [])


# --- taken over elsewhere (close 4001) ------------------------------------------------------


def test_the_former_holder_stops_printing_when_the_connector_says_it_was_taken_over() -> None:
    state, effects = step(printing(), TakenOver())
    assert (state.role, state.service, state.granted_since) == (
        PrintingRole.WAITING,
        Service.STOPPED,
        None,
    )
    assert effects == [StopPrintService(), SaveMemory(None, released=False), ShowRole()]
    # The reconnect's welcome then names the new holder.
    state, _ = step(state, Welcomed(granted=False, holder="Tablet-B"))
    assert (state.role, state.holder) == (PrintingRole.DENIED, "Tablet-B")


def test_taken_over_means_nothing_to_a_device_that_does_not_print() -> None:
    for state in (denied(), released(), waiting()):
        assert step(state, TakenOver()) == (state, [])


def test_taken_over_while_the_service_starts_stops_it_once_started() -> None:
    state, _ = step(waiting(), Welcomed(granted=True))
    state, _ = step(state, TakenOver())
    state, effects = step(state, ServiceStarted())
    assert not state.printing
    assert effects[0] == StopPrintService()


# --- take over here --------------------------------------------------------------------------


def test_take_over_asks_naming_the_holder_then_calls_the_connector() -> None:
    state = denied("Counter-A")
    assert step(state, ChangeRequested(TAKE_OVER)) == (state, [AskConfirm(TAKE_OVER, "Counter-A")])

    state, effects = step(state, ChangeConfirmed(TAKE_OVER))
    assert state.busy is TAKE_OVER
    assert not state.can_take_over  # one change at a time: the button goes
    assert effects == [CallConnector(TAKE_OVER), ShowRole()]
    # Pressed again meanwhile: nothing.
    assert step(state, ChangeRequested(TAKE_OVER)) == (state, [])
    assert step(state, ChangeConfirmed(TAKE_OVER)) == (state, [])

    state, effects = step(state, ChangeSucceeded(TAKE_OVER))
    assert state.busy is None
    assert state.role is PrintingRole.DENIED  # until the connector reconnects us (4002)
    assert effects == [ShowRole()]
    state, _ = step(state, Welcomed(granted=True), T0 + timedelta(hours=1))
    state, effects = step(state, ServiceStarted())
    assert state.printing
    assert state.granted_since == T0 + timedelta(hours=1)  # the former holder's orders stay its


def test_a_granted_welcome_before_the_takeover_answer_keeps_its_grant_time() -> None:
    state, _ = step(denied(), ChangeConfirmed(TAKE_OVER))
    state, _ = step(state, Welcomed(granted=True), T0)
    state, effects = step(state, ChangeSucceeded(TAKE_OVER))
    assert (state.role, state.granted_since, state.busy) == (PrintingRole.GRANTED, T0, None)
    assert not any(isinstance(e, SaveMemory) for e in effects)


def test_take_over_on_a_released_device_reconnects_asking_for_printing() -> None:
    state, _ = step(released(), ChangeConfirmed(TAKE_OVER))
    assert not state.asks_printing
    state, effects = step(state, ChangeSucceeded(TAKE_OVER))
    assert state.role is PrintingRole.WAITING
    assert state.asks_printing
    assert effects == [Reconnect(), SaveMemory(None, released=False), ShowRole()]


def test_a_failed_take_over_says_why_until_the_next_attempt() -> None:
    state, _ = step(denied(), ChangeConfirmed(TAKE_OVER))
    state, effects = step(state, ChangeFailed(TAKE_OVER, "cannot reach the connector"))
    assert state.problem == Problem(Failure.TAKE_OVER, "cannot reach the connector")
    assert (state.busy, state.role) == (None, PrintingRole.DENIED)
    assert effects == [ShowRole()]
    state, _ = step(state, ChangeConfirmed(TAKE_OVER))
    assert state.problem is None


def test_take_over_while_waiting_is_allowed_but_not_on_the_holder() -> None:
    _, effects = step(waiting(), ChangeConfirmed(TAKE_OVER))
    assert effects[0] == CallConnector(TAKE_OVER)
    holder = printing()
    assert step(holder, ChangeRequested(TAKE_OVER)) == (holder, [])
    assert step(holder, ChangeConfirmed(TAKE_OVER)) == (holder, [])


# --- stop printing here ----------------------------------------------------------------------


def test_release_stops_printing_remembers_it_and_reconnects_without_asking() -> None:
    state = printing()
    assert step(state, ChangeRequested(RELEASE)) == (state, [AskConfirm(RELEASE, None)])
    state, effects = step(state, ChangeConfirmed(RELEASE))
    assert effects == [CallConnector(RELEASE), ShowRole()]
    assert state.printing  # until the connector agreed
    assert not state.can_stop

    state, effects = step(state, ChangeSucceeded(RELEASE))
    assert (state.role, state.service, state.busy) == (
        PrintingRole.RELEASED,
        Service.STOPPED,
        None,
    )
    assert not state.printing and not state.asks_printing
    assert state.can_take_over
    assert effects == [
        StopPrintService(),
        Reconnect(),
        SaveMemory(None, released=True),
        ShowRole(),
    ]


def test_a_failed_release_keeps_printing_and_says_why() -> None:
    state, _ = step(printing(), ChangeConfirmed(RELEASE))
    state, effects = step(state, ChangeFailed(RELEASE, "the connector said no (HTTP 409)"))
    assert state.printing
    assert state.problem == Problem(Failure.RELEASE, "the connector said no (HTTP 409)")
    assert effects == [ShowRole()]


def test_release_is_only_for_the_holder_or_a_device_not_answered_yet() -> None:
    for state in (denied(), released()):
        assert step(state, ChangeRequested(RELEASE)) == (state, [])
        assert step(state, ChangeConfirmed(RELEASE)) == (state, [])
    assert step(waiting(), ChangeConfirmed(RELEASE))[1][0] == CallConnector(RELEASE)


# --- the print service -----------------------------------------------------------------------


def test_a_service_that_cannot_start_says_why_and_the_next_grant_tries_again() -> None:
    state, _ = step(waiting(), Welcomed(granted=True))
    state, effects = step(state, ServiceFailed("Kitchen: port 9100 refused"))
    assert (state.role, state.service) == (PrintingRole.GRANTED, Service.STOPPED)
    assert state.problem == Problem(Failure.START, "Kitchen: port 9100 refused")
    assert effects == [ShowRole()]
    state, effects = step(state, Welcomed(granted=True))
    assert effects[0] == StartPrintService()
    state, _ = step(state, ServiceStarted())
    assert state.printing and state.problem is None


def test_stop_and_queue_failures_are_shown() -> None:
    state, _ = step(denied(), ServiceStopFailed("RuntimeError: stuck"))
    assert state.problem == Problem(Failure.STOP, "RuntimeError: stuck")
    state, effects = step(printing(), QueueFailed("711"))
    assert state.problem == Problem(Failure.QUEUE, "711")
    assert state.printing
    assert effects == [ShowRole()]


def test_shutdown_stops_a_running_service_and_nothing_else() -> None:
    state, effects = step(printing(), Shutdown())
    assert (state.role, state.service) == (PrintingRole.GRANTED, Service.STOPPED)
    assert effects == [StopPrintService(), ShowRole()]
    assert step(denied(), Shutdown()) == (denied(), [])


# --- a day with two devices ------------------------------------------------------------------


def test_two_devices_one_prints_a_takeover_moves_it_and_a_release_frees_it() -> None:
    a, b = waiting(), waiting()
    a, _ = step(a, Welcomed(granted=True), T0)
    a, _ = step(a, ServiceStarted())
    b, _ = step(b, Welcomed(granted=False, holder="Counter-A"), T0)
    assert a.printing and not b.printing

    later = T0 + timedelta(hours=4)
    b, effects = step(b, ChangeRequested(TAKE_OVER), later)
    assert effects == [AskConfirm(TAKE_OVER, "Counter-A")]
    b, _ = step(b, ChangeConfirmed(TAKE_OVER), later)
    b, _ = step(b, ChangeSucceeded(TAKE_OVER), later)
    a, effects = step(a, TakenOver(), later)
    assert StopPrintService() in effects
    a, _ = step(a, Welcomed(granted=False, holder="Tablet-B"), later)
    b, _ = step(b, Welcomed(granted=True), later)
    b, effects = step(b, ServiceStarted(), later)
    assert Reconcile() in effects
    assert (a.printing, b.printing) == (False, True)
    assert (a.holder, b.granted_since) == ("Tablet-B", later)

    b, _ = step(b, ChangeConfirmed(RELEASE), later)
    b, _ = step(b, ChangeSucceeded(RELEASE), later)
    assert (a.printing, b.printing, b.role) == (False, False, PrintingRole.RELEASED)
    # Nobody prints until someone takes over; B's restart remembers it stopped.
    b_restarted, _ = step(RoleState(), Configured(Setup.PRINTING, None, released=True))
    assert b_restarted.role is PrintingRole.RELEASED
    assert b_restarted == b
