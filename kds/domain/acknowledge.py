"""What a screen flags about a changed or cancelled order until someone there acknowledges it.

A "place" is a station id, or `WHOLE_ORDER` ("") for the expo. Acknowledgements are this
device's own (no `order.status` carries them): the store keeps them per order, with the
snapshot each place last acknowledged as the baseline of the changes it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType

from kds import wire
from kds.domain.changes import Change, LineChange, diff_orders, format_quantity
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.orders import WHOLE_ORDER
from kds.domain.rollup import done_at, is_ready
from kds.domain.schedule import release_time
from kds.domain.tickets import Ticket

_NO_REVISIONS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True)
class Acknowledgements:
    """Which places acknowledged which revision of one order, and its cancellation."""

    revisions: Mapping[str, int] = field(default_factory=lambda: _NO_REVISIONS)
    cancelled: frozenset[str] = frozenset()

    def revision(self, place: str, first_revision: int) -> int:
        """The revision a place last acknowledged (the first one it saw, by default)."""
        return self.revisions.get(place, first_revision)

    def with_revision(self, places: Sequence[str], revision: int) -> Acknowledgements:
        revisions = dict(self.revisions)
        revisions.update(dict.fromkeys(places, revision))
        return replace(self, revisions=MappingProxyType(revisions))

    def with_cancellation(self, places: Sequence[str]) -> Acknowledgements:
        return replace(self, cancelled=self.cancelled | frozenset(places))


NO_ACKNOWLEDGEMENTS = Acknowledgements()


def places_of(stations: Sequence[str]) -> tuple[str, ...]:
    """The acknowledgement keys of a monitor's stations (the expo's for none)."""
    return tuple(stations) or (WHOLE_ORDER,)


@dataclass(frozen=True)
class LineFlags:
    """How one line differs from the place's baseline."""

    new: bool = False
    quantity: tuple[Decimal, Decimal] | None = None
    """(before, now) when the quantity changed."""
    notes_changed: bool = False
    details: tuple[Change, ...] = ()
    """Every difference (as on a CHANGE ticket)."""

    @property
    def quantity_text(self) -> str:
        """ "2 → 3", or "" when the quantity did not change."""
        if self.quantity is None:
            return ""
        before, now = self.quantity
        return f"{format_quantity(before)} → {format_quantity(now)}"


@dataclass(frozen=True)
class ScreenChanges:
    """What a card shows as changed since its place last acknowledged the order."""

    lines: Mapping[str, LineFlags] = field(default_factory=lambda: MappingProxyType({}))
    """Line id -> flags, for new and changed lines still in the order."""
    removed: tuple[wire.Item, ...] = ()
    """Lines no longer in the order, shown struck out with REMOVED."""
    order_notes: tuple[Change, ...] = ()
    fulfillment: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        """The card's CHANGED flag."""
        return bool(self.lines or self.removed or self.order_notes or self.fulfillment)


NO_CHANGES = ScreenChanges()


def _flags(change: LineChange) -> LineFlags:
    before, after = change.before, change.after
    assert before is not None and after is not None, "a changed line has both sides"
    quantity = (before.quantity, after.quantity) if before.quantity != after.quantity else None
    return LineFlags(
        quantity=quantity, notes_changed=before.notes != after.notes, details=change.details
    )


def screen_changes(
    baseline: wire.Order, current: wire.Order, stations: Sequence[str], config: KitchenConfig
) -> ScreenChanges:
    """The changes a monitor of these stations (none: the expo) shows on the order's card.

    `baseline` is the snapshot its place last acknowledged. Only the monitor's lines count,
    as routed then and now: a line that moved to another station shows as removed here and
    as new there.
    """
    if baseline.revision >= current.revision:
        return NO_CHANGES
    routing = config.routing
    before_ids = {line.item.line_id for line in routing.lines_at(baseline, stations)}
    now_ids = {line.item.line_id for line in routing.lines_at(current, stations)}
    diff = diff_orders(baseline, current)
    changed = {c.item.line_id: c for c in diff.lines if c.kind == "changed"}
    lines: dict[str, LineFlags] = {}
    for item in current.items:
        if item.line_id not in now_ids:
            continue
        if item.line_id not in before_ids:
            lines[item.line_id] = LineFlags(new=True)
        elif item.line_id in changed:
            lines[item.line_id] = _flags(changed[item.line_id])
    removed = tuple(
        item
        for item in baseline.items
        if item.line_id in before_ids and item.line_id not in now_ids
    )
    return ScreenChanges(
        lines=MappingProxyType(lines),
        removed=removed,
        order_notes=diff.order_notes_changed,
        fulfillment=diff.fulfillment_changed,
    )


def was_started(ticket: Ticket, config: KitchenConfig) -> bool:
    """Whether the order was on the stations before it was cancelled (someone may be cooking)."""
    cancelled_at = ticket.times.cancelled_at
    return cancelled_at is not None and release_time(ticket, config) <= cancelled_at


def cancellation_shown(
    ticket: Ticket, stations: Sequence[str], config: KitchenConfig, acks: Acknowledgements
) -> bool:
    """Whether a cancelled order still shows, with its CANCELLED overlay, on this monitor.

    It stays where it was released and not yet finished (on a station: not done there; on
    the expo: not ready) until that place acknowledges the cancellation. An order cancelled
    before its release leaves at once: nobody has started it.
    """
    if not ticket.state.cancelled or not was_started(ticket, config):
        return False
    if not stations or not config.routing.stations:
        return WHOLE_ORDER not in acks.cancelled and not is_ready(ticket, config)
    mine = [s for s in config.routing.stations_of(ticket.order) if s in stations]
    return any(s not in acks.cancelled and not done_at(ticket, s, config) for s in mine)
