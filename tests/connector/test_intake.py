"""The intake rules as plain functions: revisions, snapshots, versions, cancellations, catalog."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kds import wire
from kds.connector import intake
from kds.connector.log import OrderRecord

from .conftest import make_order


def order(revision: int = 1, **fields: Any) -> wire.Order:
    return wire.parse_order(make_order("ubereats:1", revision, **fields))


def held(current: wire.Order, *, cancelled: bool = False) -> OrderRecord:
    return OrderRecord(current.id, current.revision, cancelled, intake.order_content(current))


TWO_BURGERS = [{"line_id": "1", "name": "Burger", "quantity": "2"}]


def test_an_internal_order_goes_by_its_revision() -> None:
    first = order()
    assert intake.decide(intake.OrderRevision(first), None) == intake.AppendOrder(first, True)
    assert intake.decide(intake.OrderRevision(first), held(first)) == intake.Duplicate(
        "ubereats:1", 1
    )
    changed = order(1, items=TWO_BURGERS)
    assert intake.decide(intake.OrderRevision(changed), held(first)) == intake.Duplicate(
        "ubereats:1", 1, conflicting=True
    )
    newer = order(2, items=TWO_BURGERS)
    assert intake.decide(intake.OrderRevision(newer), held(first)) == intake.AppendOrder(
        newer, False
    )
    assert intake.decide(intake.OrderRevision(first), held(newer)) == intake.Duplicate(
        "ubereats:1", 2
    )


def test_a_platform_snapshot_again_is_a_duplicate_other_content_the_next_revision() -> None:
    first = order()
    assert intake.decide(intake.OrderSnapshot(first), None) == intake.AppendOrder(first, True)
    # A webhook retry: the same order again (even if it says another creation time).
    retry = first.model_copy(update={"created_at": datetime(2030, 1, 1, tzinfo=UTC)})
    assert intake.decide(intake.OrderSnapshot(retry), held(first)) == intake.Duplicate(
        "ubereats:1", 1
    )
    changed = order(1, items=TWO_BURGERS, created_at="2030-01-01T00:00:00+00:00")
    outcome = intake.decide(intake.OrderSnapshot(changed), held(first))
    assert isinstance(outcome, intake.AppendOrder) and not outcome.created
    assert outcome.order.revision == 2
    assert outcome.order.created_at == first.created_at  # created once
    assert outcome.order.items == changed.items


def test_a_platform_version_is_the_revision_and_an_older_one_is_stale() -> None:
    v3 = order()
    created = intake.decide(intake.OrderSnapshot(v3, version=3), None)
    assert isinstance(created, intake.AppendOrder) and created.order.revision == 3
    stored = held(created.order)
    older = order(1, items=TWO_BURGERS)
    assert intake.decide(intake.OrderSnapshot(older, version=2), stored) == intake.Duplicate(
        "ubereats:1", 3
    )
    newer = intake.decide(intake.OrderSnapshot(older, version=7), stored)
    assert isinstance(newer, intake.AppendOrder) and newer.order.revision == 7
    # A newer version with nothing the kitchen sees changed (a payment, say): no update.
    same = intake.decide(intake.OrderSnapshot(v3, version=8), stored)
    assert same == intake.Duplicate("ubereats:1", 3)


def test_cancelled_stays_cancelled_and_an_early_cancel_is_remembered() -> None:
    first = order()
    gone = held(first, cancelled=True)
    for arrival in (intake.OrderSnapshot(first), intake.OrderRevision(order(2))):
        assert intake.decide(arrival, gone) == intake.AlreadyCancelled("ubereats:1")
    cancel = intake.Cancellation("ubereats:1", "guest left", from_platform=True)
    assert intake.decide(cancel, held(first)) == intake.AppendCancel("ubereats:1", "guest left")
    assert intake.decide(cancel, gone) == intake.AlreadyCancelled("ubereats:1")
    assert intake.decide(cancel, None) == intake.RememberCancel("ubereats:1", "guest left")
    assert intake.decide(intake.Cancellation("x:1"), None) == intake.UnknownOrder("x:1")
    late = intake.decide(intake.OrderSnapshot(first), None, cancelled_before_seen=True)
    assert late == intake.AlreadyCancelled("ubereats:1")


def test_the_catalog_fills_in_groups_and_kitchen_names_by_ref_and_keeps_the_orders_own() -> None:
    items = [
        {"line_id": "1", "name": "Flat White", "ref": "FW", "quantity": "1"},
        {"line_id": "2", "name": "Cake", "ref": "CK", "group": "pastry", "quantity": "1"},
        {"line_id": "3", "name": "Water", "quantity": "1"},
    ]
    articles = intake.catalog_by_ref(
        [
            wire.Article(ref="FW", name="Flat White", kitchen_name="FLAT W", group="drinks"),
            wire.Article(ref="CK", name="Cake", group="desserts"),
        ]
    )
    enriched = intake.with_catalog(order(1, items=items), articles)
    assert [(i.group, i.kitchen_name) for i in enriched.items] == [
        ("drinks", "FLAT W"),
        ("pastry", None),
        (None, None),
    ]
    plain = order()
    assert intake.with_catalog(plain, articles) is plain
