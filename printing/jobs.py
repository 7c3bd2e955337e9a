"""What a print job carries: its kind and a typed payload, stored as JSON once and read once.

The print service builds the payloads of tickets, documents, change and void slips; the
spooler builds those of late slips. Each holds the order as a model (not as a JSON text
inside JSON) and everything else the renderer needs, computed when the job is queued: a
change slip carries its diff, so nothing is worked out twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

from kds import wire
from kds.domain.changes import OrderChanges, diff_orders


class JobKind(StrEnum):
    """What a job prints (its payload says the rest)."""

    TICKET = "ticket"
    """The lines of one route for one printer and station."""
    DOCUMENT = "document"
    """A whole-order document (a receipt, a packing slip)."""
    CHANGE = "change"
    """What a new revision changed on one ticket."""
    VOID = "void"
    """A cancellation, for a ticket that is (or may be) on paper."""
    LATE = "late"
    """The slip after a ticket the printer held (queued by the spooler)."""


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    order: wire.Order
    """The order the job prints (the revision it was queued for)."""


class TicketJob(_Payload):
    kind: Literal[JobKind.TICKET] = JobKind.TICKET
    line_ids: tuple[str, ...]
    copies: int


class DocumentJob(_Payload):
    kind: Literal[JobKind.DOCUMENT] = JobKind.DOCUMENT
    line_ids: tuple[str, ...]
    copies: int


class ChangeJob(_Payload):
    kind: Literal[JobKind.CHANGE] = JobKind.CHANGE
    ticket_template: str
    """The template of the ticket this slip changes (the job's own template is "change")."""
    line_ids: tuple[str, ...]
    """The ticket's lines in the new revision."""
    prev_line_ids: tuple[str, ...]
    """The ticket's lines in the revision printed before."""
    changes: OrderChanges


class VoidJob(_Payload):
    kind: Literal[JobKind.VOID] = JobKind.VOID
    line_ids: tuple[str, ...]
    """Every line that is (or may be) on that printer's paper, also those removed since."""
    cancel_reason: str | None = None


class LateJob(_Payload):
    kind: Literal[JobKind.LATE] = JobKind.LATE
    held_job: int
    held_kind: JobKind
    held_template: str
    since: AwareDatetime
    """When the printer took the held job (and said it could not print it)."""
    problem: str
    """Why it held it, as the printer said: "paper out", "cover open", ..."""


JobPayload = Annotated[
    TicketJob | DocumentJob | ChangeJob | VoidJob | LateJob, Field(discriminator="kind")
]
_PAYLOAD: TypeAdapter[JobPayload] = TypeAdapter(JobPayload)


def load_payload(text: str) -> JobPayload:
    """A stored payload (raises pydantic's ValidationError when it is not one)."""
    return _PAYLOAD.validate_json(text)


def only_lines(order: wire.Order, line_ids: Iterable[str]) -> wire.Order:
    """The order with only these lines (possibly none: for diffs, never validated)."""
    wanted = set(line_ids)
    return order.model_copy(update={"items": tuple(i for i in order.items if i.line_id in wanted)})


def change_job(
    previous: wire.Order,
    prev_line_ids: tuple[str, ...],
    order: wire.Order,
    line_ids: tuple[str, ...],
    ticket_template: str,
) -> ChangeJob:
    """The change slip of one ticket: its lines before and now, and the diff between them."""
    return ChangeJob(
        order=order,
        ticket_template=ticket_template,
        line_ids=line_ids,
        prev_line_ids=prev_line_ids,
        changes=diff_orders(only_lines(previous, prev_line_ids), only_lines(order, line_ids)),
    )


def payload_from_v1(kind: str, text: str) -> JobPayload:
    """A payload as spool schema 1 stored it: JSON with the order as a JSON *text* (and the
    previous order of a change slip, whose diff was worked out at print time); a late slip
    held the held job's whole payload as a text."""
    data: dict[str, Any] = json.loads(text)
    if kind == JobKind.LATE:
        held = json.loads(data["held_payload"])
        return LateJob(
            order=wire.parse_order(held["order"]),
            held_job=data["held_job"],
            held_kind=JobKind(data["held_kind"]),
            held_template=data["held_template"],
            since=data["since"],
            problem=data["problem"],
        )
    order = wire.parse_order(data["order"])
    line_ids = tuple(data["line_ids"])
    match JobKind(kind):
        case JobKind.TICKET:
            return TicketJob(order=order, line_ids=line_ids, copies=data["copies"])
        case JobKind.DOCUMENT:
            return DocumentJob(order=order, line_ids=line_ids, copies=data["copies"])
        case JobKind.CHANGE:
            previous = wire.parse_order(data["prev_order"])
            prev_line_ids = tuple(data["prev_line_ids"])
            return change_job(previous, prev_line_ids, order, line_ids, data["ticket_template"])
        case JobKind.VOID:
            return VoidJob(order=order, line_ids=line_ids, cancel_reason=data["cancel_reason"])
    raise ValueError(f"unknown job kind {kind!r}")
