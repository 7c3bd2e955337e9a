"""Order intake rules, shared by `POST /orders` and every platform adapter: pure decisions.

What arrived (an Order with its own revision, a platform's snapshot of an order, a
cancellation) and what the connector's log holds for that id go in; one outcome comes out:
the event to append, or why nothing is appended. No I/O and no clock: the server reads the
log, calls `decide`, and writes what the outcome says.

The rules:

- An Order in the internal format (`POST /orders`) carries its revision. A new id is
  created; a known id with a higher revision is updated; the same or a lower revision is a
  duplicate (a changed body under the same revision is reported, not applied: a change
  needs a higher revision).
- A platform snapshot has no revision of ours. The same content again (a webhook retry, a
  re-sent order) is a duplicate; other content is an update with the next revision. Where
  the platform numbers its versions (Square), an older version than the one held is stale
  and ignored. An update keeps the order's first `created_at`: some platforms send no
  creation time, and the order was created once.
- A cancelled order stays cancelled: a later snapshot or revision is refused.
- A platform's cancellation of an order not seen yet is remembered, so that the order,
  should it still arrive (webhooks come out of order), is refused as cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kds import wire
from kds.connector.log import OrderRecord

# --- what arrives -----------------------------------------------------------------------


@dataclass(frozen=True)
class OrderRevision:
    """An Order in the internal format, with the sender's revision (`POST /orders`)."""

    order: wire.Order


@dataclass(frozen=True)
class OrderSnapshot:
    """A platform's current view of an order; the connector assigns the revision.

    `version` is the platform's own increasing version number, where it has one.
    """

    order: wire.Order
    version: int | None = None


@dataclass(frozen=True)
class Cancellation:
    """The whole order is cancelled. `from_platform`: remember it when the order is unknown."""

    order_id: str
    reason: str | None = None
    from_platform: bool = False


Arrival = OrderRevision | OrderSnapshot | Cancellation


# --- what to do -------------------------------------------------------------------------


@dataclass(frozen=True)
class AppendOrder:
    """Log `order.created` (`created`) or `order.updated` with this order."""

    order: wire.Order
    created: bool


@dataclass(frozen=True)
class AppendCancel:
    """Log `order.cancelled`."""

    order_id: str
    reason: str | None


@dataclass(frozen=True)
class RememberCancel:
    """A cancellation for an order not seen yet: keep it, append nothing."""

    order_id: str
    reason: str | None


@dataclass(frozen=True)
class Duplicate:
    """Nothing new. `conflicting`: same revision, different content (a sender's mistake)."""

    order_id: str
    revision: int
    conflicting: bool = False


@dataclass(frozen=True)
class AlreadyCancelled:
    """The order is cancelled (or was cancelled before it arrived); nothing is appended."""

    order_id: str


@dataclass(frozen=True)
class UnknownOrder:
    """A cancellation for an id the connector never saw (from the shop's own HTTP call)."""

    order_id: str


Outcome = AppendOrder | AppendCancel | RememberCancel | Duplicate | AlreadyCancelled | UnknownOrder


def order_content(order: wire.Order) -> dict[str, Any]:
    """The order as stored in the log (its JSON), for comparing snapshots."""
    result: dict[str, Any] = json.loads(order.model_dump_json())
    return result


def _same_content(new: wire.Order, known: Mapping[str, Any]) -> bool:
    def strip(data: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k not in ("revision", "created_at")}

    return strip(order_content(new)) == strip(known)


def decide(
    arrival: Arrival, known: OrderRecord | None, *, cancelled_before_seen: bool = False
) -> Outcome:
    """What to do with `arrival`, given the log's record of its order (None: never seen).

    `cancelled_before_seen`: a platform cancelled this id before any order for it arrived.
    """
    if isinstance(arrival, Cancellation):
        return _decide_cancel(arrival, known)
    order = arrival.order
    if cancelled_before_seen or (known is not None and known.cancelled):
        return AlreadyCancelled(order.id)
    if isinstance(arrival, OrderRevision):
        if known is None:
            return AppendOrder(order, created=True)
        if order.revision > known.revision:
            return AppendOrder(order, created=False)
        conflicting = order.revision == known.revision and order_content(order) != known.current
        return Duplicate(order.id, known.revision, conflicting)
    return _decide_snapshot(arrival, known)


def _decide_snapshot(snapshot: OrderSnapshot, known: OrderRecord | None) -> Outcome:
    order = snapshot.order
    if known is None:
        revision = snapshot.version if snapshot.version is not None else 1
        return AppendOrder(order.model_copy(update={"revision": max(1, revision)}), created=True)
    if snapshot.version is not None and snapshot.version < known.revision:
        return Duplicate(order.id, known.revision)
    if _same_content(order, known.current):
        return Duplicate(order.id, known.revision)
    revision = known.revision + 1
    if snapshot.version is not None:
        revision = max(revision, snapshot.version)
    created_at = wire.Order.model_validate(known.current).created_at
    return AppendOrder(
        order.model_copy(update={"revision": revision, "created_at": created_at}), created=False
    )


def _decide_cancel(cancel: Cancellation, known: OrderRecord | None) -> Outcome:
    if known is None:
        if cancel.from_platform:
            return RememberCancel(cancel.order_id, cancel.reason)
        return UnknownOrder(cancel.order_id)
    if known.cancelled:
        return AlreadyCancelled(cancel.order_id)
    return AppendCancel(cancel.order_id, cancel.reason)


# --- the connector's catalog ------------------------------------------------------------


def with_catalog(order: wire.Order, articles: Mapping[str, wire.Article]) -> wire.Order:
    """Lines that name an article `ref` the catalog knows get its group and kitchen name.

    Platforms send their own article numbers (PLUs) but rarely the restaurant's article
    groups, which stations and printer routes go by: the catalog (`POST /catalog`) fills
    them in. What the order itself says is kept.
    """
    items = []
    changed = False
    for item in order.items:
        article = articles.get(item.ref) if item.ref is not None else None
        update: dict[str, Any] = {}
        if article is not None:
            if item.group is None and article.group is not None:
                update["group"] = article.group
            if item.kitchen_name is None and article.kitchen_name:
                update["kitchen_name"] = article.kitchen_name
        changed = changed or bool(update)
        items.append(item.model_copy(update=update) if update else item)
    return order.model_copy(update={"items": tuple(items)}) if changed else order


def catalog_by_ref(articles: Iterable[wire.Article]) -> dict[str, wire.Article]:
    """The catalog's articles keyed by ref (the last one wins when a ref repeats)."""
    return {article.ref: article for article in articles}
