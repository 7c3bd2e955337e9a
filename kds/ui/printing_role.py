"""The printing-role line, its problems and the role buttons' questions, in staff's words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from kds.domain.printing_role import (
    Failure,
    PrintingRole,
    Problem,
    RoleChange,
    RoleState,
    Service,
    Setup,
)
from kds.ui.cards import tr
from kds.ui.status import Severity
from kds.words import N_

# Translated where used (tr(_FAILURES[failure])).
_FAILURES = {
    Failure.TAKE_OVER: N_("Could not take over printing: {detail}"),
    Failure.RELEASE: N_("Could not stop printing here: {detail}"),
    Failure.START: N_("Printing cannot start: {detail}"),
    Failure.STOP: N_("Printing did not stop cleanly: {detail}"),
    Failure.QUEUE: N_("Tickets of order #{detail} could not be queued — see the log"),
}


def role_text(state: RoleState, printers: Sequence[str]) -> tuple[str, Severity]:
    """Who prints, and how loud; `printers` are this device's printer names."""
    match state.setup:
        case Setup.NOT_PRINTING:
            return tr("Printing: off — this device does not print"), Severity.OK
        case Setup.NO_PRINTERS:
            return tr("Printing: off — no printers in the settings"), Severity.WARNING
    if state.busy is not None:
        return tr("Printing: asking the connector…"), Severity.WARNING
    match state.role:
        case PrintingRole.GRANTED if state.service is Service.RUNNING:
            names = ", ".join(printers)
            return tr("Printing: this device ({printers})").format(printers=names), Severity.OK
        case PrintingRole.GRANTED:
            return tr("Printing: starting the printers on this device…"), Severity.WARNING
        case PrintingRole.DENIED:
            holder = state.holder or tr("another device")
            text = tr("Printing is done by {holder}; this device does not print")
            return text.format(holder=holder), Severity.WARNING
        case PrintingRole.RELEASED:
            text = tr("Printing: stopped on this device; no device prints until one takes over")
            return text, Severity.WARNING
        case _:
            return tr("Printing: waiting for the connector"), Severity.OK


def role_line(state: RoleState, printers: Sequence[str]) -> tuple[str, Severity]:
    """The role line every window shows: who prints, then the last problem (in red)."""
    text, severity = role_text(state, printers)
    if state.problem is None:
        return text, severity
    return f"{text}\n{describe_problem(state.problem)}", Severity.ERROR


def describe_problem(problem: Problem) -> str:
    return tr(_FAILURES[problem.failure]).format(detail=problem.detail)


def confirm_question(change: RoleChange, holder: str | None) -> tuple[str, str]:
    """(title, question) of the dialog before a role change."""
    if change is RoleChange.TAKE_OVER:
        question = tr("Printing moves to this device; {holder} stops printing. Continue?")
        return tr("Take over printing"), question.format(holder=holder or tr("no device"))
    question = tr("This device stops printing; no device prints until one takes over. Continue?")
    return tr("Stop printing here"), question


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """The role buttons' confirmation dialog (over `parent`); True when the answer is yes."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, question, yes | no, no) == yes
