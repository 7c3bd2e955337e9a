"""What the device knows about each order, and how one connector event changes it (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from types import MappingProxyType

from kds import wire

CANCELLED_VISIBLE_FOR = timedelta(minutes=10)
"""A cancelled order stays on screen (flagged) this long, so the kitchen sees it go."""

WHOLE_ORDER = ""
"""The `status` key of the whole-order status (other keys are station ids)."""

_EMPTY: Mapping[str, wire.OrderStatus] = MappingProxyType({})


def _frozen(mapping: Mapping[str, wire.OrderStatus]) -> Mapping[str, wire.OrderStatus]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class OrderState:
    """One order as this device holds it: the newest snapshot plus what happened to it."""

    order: wire.Order
    first_seen_at: datetime
    updated_at: datetime
    cancelled: bool = False
    cancel_reason: str | None = None
    cancelled_at: datetime | None = None
    status: Mapping[str, wire.OrderStatus] = field(default_factory=lambda: _EMPTY)
    """Key "" is the whole order; any other key is a station id."""
    line_status: Mapping[str, wire.OrderStatus] = field(default_factory=lambda: _EMPTY)
    """line_id -> status, from `order.status` events that named lines."""

    @property
    def id(self) -> str:
        return self.order.id

    @property
    def revision(self) -> int:
        return self.order.revision

    @property
    def display_id(self) -> str:
        return self.order.display_id

    @property
    def overall_status(self) -> wire.OrderStatus:
        """The whole-order status; NEW until someone set one."""
        return self.status.get(WHOLE_ORDER, wire.OrderStatus.NEW)


class AppliedKind(Enum):
    """What an event did to the device's orders."""

    CREATED = "created"
    UPDATED = "updated"
    CANCELLED = "cancelled"
    STATUS = "status"
    CATALOG = "catalog"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Applied:
    """The outcome of one event: its kind, the order's new state, and why it was ignored."""

    kind: AppliedKind
    state: OrderState | None
    reason: str = ""


def _ignored(current: OrderState | None, reason: str) -> Applied:
    return Applied(AppliedKind.IGNORED, current, reason)


def _new_snapshot(current: OrderState | None, order: wire.Order, now: datetime) -> Applied:
    if current is None:
        state = OrderState(order=order, first_seen_at=now, updated_at=now)
        return Applied(AppliedKind.CREATED, state)
    if order.revision <= current.revision:
        return _ignored(current, f"revision {order.revision} not newer than {current.revision}")
    return Applied(AppliedKind.UPDATED, replace(current, order=order, updated_at=now))


def with_status(
    state: OrderState,
    status: wire.OrderStatus,
    station: str | None,
    line_ids: Sequence[str],
    now: datetime,
) -> OrderState:
    """The order after one `order.status`: named lines get `status`; without lines, the
    station (or, with no station, the whole order) does."""
    if line_ids:
        lines = dict(state.line_status)
        lines.update(dict.fromkeys(line_ids, status))
        return replace(state, line_status=_frozen(lines), updated_at=now)
    statuses = dict(state.status)
    statuses[station or WHOLE_ORDER] = status
    return replace(state, status=_frozen(statuses), updated_at=now)


def apply_event(current: OrderState | None, event: wire.Event, now: datetime) -> Applied:
    """Apply one connector event to the order it names (`current` is None when unknown).

    Rules (PROTOCOL.md "Delivery guarantees"): a duplicate `order.created` never shows
    twice; a snapshot whose revision is not newer is ignored; an `order.updated` for an
    unknown order creates it (we may have missed the `order.created`); a cancellation or
    status for an unknown order is ignored. `catalog` is not an order event: CATALOG, no
    state.
    """
    match event:
        case wire.OrderCreated(order=order):
            if current is not None and order.revision <= current.revision:
                return _ignored(current, "duplicate order.created for a known order")
            return _new_snapshot(current, order, now)
        case wire.OrderUpdated(order=order):
            return _new_snapshot(current, order, now)
        case wire.OrderCancelled(order_id=order_id, reason=reason):
            if current is None:
                return _ignored(None, f"cancellation for unknown order {order_id}")
            if current.cancelled:
                return _ignored(current, "order already cancelled")
            state = replace(
                current, cancelled=True, cancel_reason=reason, cancelled_at=now, updated_at=now
            )
            return Applied(AppliedKind.CANCELLED, state)
        case wire.OrderStatusChanged(order_id=order_id, status=status, station=station):
            if current is None:
                return _ignored(None, f"status for unknown order {order_id}")
            state = with_status(current, status, station, event.line_ids, now)
            return Applied(AppliedKind.STATUS, state)
        case wire.Catalog():
            return Applied(AppliedKind.CATALOG, None)
    raise TypeError(f"not an event: {event!r}")  # pragma: no cover - exhaustive match


def is_visible(state: OrderState, now: datetime, kind: str = "station") -> bool:
    """Whether a screen of this kind ("station", "expo", "pickup") shows the order now.

    Open orders show. A collected order is gone. A cancelled order stays, flagged, for
    CANCELLED_VISIBLE_FOR after the cancellation so the kitchen sees it go; the guests'
    pickup board drops it at once.
    """
    if state.overall_status == wire.OrderStatus.COLLECTED:
        return False
    if state.cancelled:
        if kind == "pickup" or state.cancelled_at is None:
            return False
        return now < state.cancelled_at + CANCELLED_VISIBLE_FOR
    return True
