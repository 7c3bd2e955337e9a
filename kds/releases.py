"""Scheduled orders this device holds back until their release, durable in the store.

`kds.domain.schedule` says when an order is due on the stations; this keeper remembers in
the store which orders it holds (so a restart holds them again, and releases at once those
whose time passed while it was off) and tells the app, tick by tick, which are due. A held
order is on no monitor and has printed nothing; its release shows it, rings the release
cue and queues its tickets.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from types import MappingProxyType

from kds import wire
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.schedule import is_released, planned_release
from kds.domain.tickets import Ticket
from kds.store import KdsStore

log = logging.getLogger(__name__)


class Outcome(Enum):
    """What an order's new state means for its release."""

    NOT_HELD = "not_held"
    """Not scheduled, or already released: the monitors show it, printing prints it."""
    HELD = "held"
    """Newly held back (or still held, maybe at a new time)."""
    DUE = "due"
    """Held until now and due now (fired early, moved to a time already passed, or
    collected after its time came but before this device released it): the caller
    releases it."""
    DROPPED = "dropped"
    """Held until now, cancelled or collected before its release: it leaves the strip."""


class Releases:
    """The scheduled orders held back on this device, soonest first (one per data dir)."""

    def __init__(self, store: KdsStore, config: KitchenConfig) -> None:
        self._store = store
        self.config = config
        """Where lines go and their prep times (the app replaces it after a catalog)."""
        self._held = store.held()
        self._due = [(at, order_id) for order_id, at in self._held.items()]
        heapq.heapify(self._due)

    @property
    def held(self) -> Mapping[str, datetime]:
        """Order id -> planned release, for every order held back now."""
        return MappingProxyType(self._held)

    def holds(self, order_id: str) -> bool:
        return order_id in self._held

    def note(self, ticket: Ticket, now: datetime) -> Outcome:
        """Hold, move, drop or find due an order after one of its events (or at start)."""
        order_id = ticket.id
        closed = ticket.state.cancelled or ticket.status_of(None) == wire.OrderStatus.COLLECTED
        if order_id in self._held:
            due = is_released(ticket, self.config, now)
            # Collected once its time had come (elsewhere, before this device's tick, or
            # while it was down): made, so released here too and its tickets printed.
            if ticket.state.cancelled or (closed and not due):
                self._store.unhold(order_id)
                del self._held[order_id]
                log.info("scheduled order %s closed before its release", ticket.state.display_id)
                return Outcome.DROPPED
            if due:
                return Outcome.DUE
            self._hold(ticket, planned_release(ticket, self.config))
            return Outcome.HELD
        if closed or is_released(ticket, self.config, now):
            return Outcome.NOT_HELD
        if self._store.was_scheduled(order_id):
            return Outcome.NOT_HELD  # released before; a later due time does not take it back
        planned = planned_release(ticket, self.config)
        self._hold(ticket, planned)
        log.info("scheduled order %s held until %s", ticket.state.display_id, planned.isoformat())
        return Outcome.HELD

    def _hold(self, ticket: Ticket, planned: datetime) -> None:
        if self._held.get(ticket.id) == planned:
            return
        self._store.hold(ticket.id, planned)
        self._held[ticket.id] = planned
        heapq.heappush(self._due, (planned, ticket.id))

    def due(self, now: datetime) -> list[str]:
        """The held orders whose release time has come (stale heap entries skipped)."""
        found: list[str] = []
        while self._due and self._due[0][0] <= now:
            at, order_id = heapq.heappop(self._due)
            if self._held.get(order_id) == at:
                found.append(order_id)
        return found

    def released(self, order_ids: list[str], now: datetime) -> None:
        """These orders are released now: they are held no more, across restarts too."""
        self._store.mark_released(order_ids, now)
        for order_id in order_ids:
            self._held.pop(order_id, None)
