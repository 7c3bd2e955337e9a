"""The printing-role line and the role buttons' questions, worded from the core's state."""

from __future__ import annotations

import pytest

from kds.domain.printing_role import (
    Failure,
    PrintingRole,
    Problem,
    RoleChange,
    RoleState,
    Service,
    Setup,
)
from kds.ui.printing_role import confirm_question, role_line
from kds.ui.status import Severity

pytestmark = pytest.mark.usefixtures("qapp")

PRINTERS = ("Kitchen", "Bar")
ON = RoleState(setup=Setup.PRINTING, role=PrintingRole.WAITING)


@pytest.mark.parametrize(
    ("state", "text", "severity"),
    [
        (
            RoleState(setup=Setup.NOT_PRINTING),
            "Printing: off — this device does not print",
            Severity.OK,
        ),
        (
            RoleState(setup=Setup.NO_PRINTERS),
            "Printing: off — no printers in the settings",
            Severity.WARNING,
        ),
        (ON, "Printing: waiting for the connector", Severity.OK),
        (
            RoleState(Setup.PRINTING, PrintingRole.GRANTED, service=Service.STARTING),
            "Printing: starting the printers on this device…",
            Severity.WARNING,
        ),
        (
            RoleState(Setup.PRINTING, PrintingRole.GRANTED, service=Service.RUNNING),
            "Printing: this device (Kitchen, Bar)",
            Severity.OK,
        ),
        (
            RoleState(Setup.PRINTING, PrintingRole.DENIED, holder="Counter-A"),
            "Printing is done by Counter-A; this device does not print",
            Severity.WARNING,
        ),
        (
            RoleState(Setup.PRINTING, PrintingRole.DENIED),
            "Printing is done by another device; this device does not print",
            Severity.WARNING,
        ),
        (
            RoleState(Setup.PRINTING, PrintingRole.RELEASED),
            "Printing: stopped on this device; no device prints until one takes over",
            Severity.WARNING,
        ),
        (
            RoleState(Setup.PRINTING, PrintingRole.DENIED, busy=RoleChange.TAKE_OVER),
            "Printing: asking the connector…",
            Severity.WARNING,
        ),
    ],
)
def test_the_role_line_says_who_prints(state: RoleState, text: str, severity: Severity) -> None:
    assert role_line(state, PRINTERS) == (text, severity)


PROBLEMS = [
    (
        Problem(Failure.TAKE_OVER, "cannot reach the connector"),
        "Could not take over printing: cannot reach the connector",
    ),
    (
        Problem(Failure.RELEASE, "no answer from the connector"),
        "Could not stop printing here: no answer from the connector",
    ),
    (
        Problem(Failure.START, "Kitchen: connection refused"),
        "Printing cannot start: Kitchen: connection refused",
    ),
    (
        Problem(Failure.STOP, "RuntimeError: stuck"),
        "Printing did not stop cleanly: RuntimeError: stuck",
    ),
    (
        Problem(Failure.QUEUE, "711"),
        "Tickets of order #711 could not be queued — see the log",
    ),
]


@pytest.mark.parametrize(("problem", "words"), PROBLEMS)
def test_a_problem_is_shown_in_red_under_the_role_line(problem: Problem, words: str) -> None:
    text, severity = role_line(RoleState(Setup.PRINTING, PrintingRole.WAITING, problem=problem), ())
    assert text == f"Printing: waiting for the connector\n{words}"
    assert severity is Severity.ERROR


def test_every_failure_has_words() -> None:
    assert {problem.failure for problem, _ in PROBLEMS} == set(Failure)


def test_the_questions_before_a_role_change() -> None:
    assert confirm_question(RoleChange.TAKE_OVER, "Counter-A") == (
        "Take over printing",
        "Printing moves to this device; Counter-A stops printing. Continue?",
    )
    assert confirm_question(RoleChange.TAKE_OVER, None)[1] == (
        "Printing moves to this device; no device stops printing. Continue?"
    )
    assert confirm_question(RoleChange.RELEASE, None) == (
        "Stop printing here",
        "This device stops printing; no device prints until one takes over. Continue?",
    )
