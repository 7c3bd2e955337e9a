"""The device's SQLite store: exactly-once apply, rejected frames, lock, schema, read-only view."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.domain.orders import AppliedKind
from kds.store import (
    DB_NAME,
    SCHEMA_VERSION,
    SEQ_ALREADY_APPLIED,
    KdsStore,
    StoreError,
    StoreLockedError,
    StoreSchemaError,
    open_store,
    open_store_readonly,
)
from kds.store.schema import MIGRATIONS

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
S = wire.OrderStatus


def order_dict(order_id: str = "web:1", revision: int = 1, display_id: str = "42") -> Any:
    return {
        "id": order_id,
        "external_id": order_id,
        "display_id": display_id,
        "source": "webshop",
        "revision": revision,
        "created_at": "2026-11-23T18:00:00+01:00",
        "fulfillment": {"type": "pickup", "asap": True},
        "notes": [{"kind": "kitchen", "text": 'Line 1\nNo "onions" — 谢谢 🍔'}],
        "items": [
            {
                "line_id": "a",
                "name": "Burger",
                "quantity": "1.5",
                "unit_price": {"amount": "12.50", "currency": "EUR"},
            }
        ],
    }


def frame(seq: int, kind: str = "order.created", **fields: Any) -> str:
    data = {"type": kind, "seq": seq, "event_id": f"e{seq}", "occurred_at": T0.isoformat()}
    if kind in ("order.created", "order.updated") and "order" not in fields:
        fields["order"] = order_dict()
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


def apply(store: KdsStore, text: str, now: datetime = T0) -> Any:
    event = wire.parse(text)
    assert not isinstance(event, wire.Welcome | wire.ProtocolErrorMessage)
    return store.apply(event, text, now)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with open_store(tmp_path / "data", "Grill") as opened:
        yield opened


def test_new_store_has_identity_and_no_seq(tmp_path: Path) -> None:
    with open_store(tmp_path / "d", "Grill") as store:
        # Every commit is on disk before apply() returns (FULL = 2), with the WAL journal.
        assert tuple(store._conn.execute("PRAGMA synchronous").fetchone()) == (2,)
        assert tuple(store._conn.execute("PRAGMA journal_mode").fetchone()) == ("wal",)
        device_id = store.device_id
        assert store.device_name == "Grill"
        assert store.last_seq() is None
        store.device_name = "Expo"
    with open_store(tmp_path / "d", "ignored default") as store:
        assert store.device_id == device_id
        assert store.device_name == "Expo"
    with open_store(tmp_path / "other") as other:
        assert other.device_id != device_id


def test_apply_stores_order_and_survives_reopen(tmp_path: Path) -> None:
    text = frame(1)
    with open_store(tmp_path) as store:
        result = apply(store, text)
        assert result.kind is AppliedKind.CREATED
        assert store.last_seq() == 1
    with open_store(tmp_path) as store:
        assert store.last_seq() == 1
        assert store.event_raw(1) == text
        state = store.order("web:1")
        assert state is not None
        assert state.order == wire.parse_order(order_dict())
        assert state.order.notes[0].text == 'Line 1\nNo "onions" — 谢谢 🍔'
        assert state.first_seen_at == T0


def test_seq_already_applied_changes_nothing(store: KdsStore) -> None:
    apply(store, frame(1))
    apply(store, frame(2, "order.status", order_id="web:1", status="ready"))
    before = store.order("web:1")
    # A resend of seq 1 with different content must not touch the order.
    again = apply(store, frame(1, "order.updated", order=order_dict(revision=7)))
    assert again.kind is AppliedKind.IGNORED
    assert again.reason == SEQ_ALREADY_APPLIED
    assert store.order("web:1") == before
    assert store.last_seq() == 2


def test_revision_rules_and_duplicate_created(store: KdsStore) -> None:
    assert apply(store, frame(1)).kind is AppliedKind.CREATED
    dup = apply(store, frame(2, order=order_dict()))
    assert (dup.kind, dup.reason) == (
        AppliedKind.IGNORED,
        "duplicate order.created for a known order",
    )
    assert apply(store, frame(3, "order.updated", order=order_dict(revision=3))).kind is (
        AppliedKind.UPDATED
    )
    old = apply(store, frame(4, "order.updated", order=order_dict(revision=2)))
    assert old.reason == "revision 2 not newer than 3"
    state = store.order("web:1")
    assert state is not None and state.revision == 3
    assert store.last_seq() == 4
    assert [s.id for s in store.orders(now=T0)] == ["web:1"]


def test_orders_visible_in_first_seen_order(store: KdsStore) -> None:
    apply(store, frame(1, order=order_dict("web:b", display_id="1")))
    apply(store, frame(2, order=order_dict("web:a", display_id="2")))
    apply(store, frame(3, order=order_dict("web:c", display_id="3")))
    apply(store, frame(4, "order.status", order_id="web:a", status="collected"))
    apply(store, frame(5, "order.cancelled", order_id="web:c"), T0 + timedelta(minutes=1))
    apply(store, frame(6, "order.updated", order=order_dict("web:b", revision=2)))
    assert [s.id for s in store.orders(now=T0 + timedelta(minutes=2))] == ["web:b", "web:c"]
    # The cancelled order leaves the screens ten minutes after its cancellation.
    assert [s.id for s in store.orders(now=T0 + timedelta(minutes=11))] == ["web:b"]
    assert [s.id for s in store.orders_open_or_changed_since(T0)] == ["web:b", "web:a", "web:c"]
    assert store.ids_open_or_changed_since(T0) == {"web:b", "web:a", "web:c"}
    assert store.ids_open_or_changed_since(T0 + timedelta(minutes=1)) == {"web:b", "web:c"}
    cancelled = store.order("web:c")
    assert cancelled is not None and cancelled.cancelled


def test_status_persists(store: KdsStore) -> None:
    apply(store, frame(1))
    apply(store, frame(2, "order.status", order_id="web:1", status="ready", station="grill"))
    apply(store, frame(3, "order.status", order_id="web:1", status="ready", line_ids=["a"]))
    state = store.order("web:1")
    assert state is not None
    assert dict(state.status) == {"grill": S.READY}
    assert dict(state.line_status) == {"a": S.READY}


def test_catalog_replaces_articles_and_groups(store: KdsStore) -> None:
    first = frame(
        1,
        "catalog",
        articles=[{"ref": "B1", "name": "Burger", "group": "grill"}],
        groups=[{"id": "grill", "name": "Grill"}, {"id": "bar", "name": "Bar"}],
    )
    assert apply(store, first).kind is AppliedKind.CATALOG
    second = frame(2, "catalog", articles=[{"ref": "F1", "name": "Fries", "kitchen_name": "FR"}])
    apply(store, second)
    articles, groups = store.catalog()
    assert articles == [wire.Article(ref="F1", name="Fries", kitchen_name="FR")]
    assert groups == []


def test_the_store_remembers_when_the_catalog_last_came(store: KdsStore) -> None:
    assert store.catalog_received_at() is None
    later = T0 + timedelta(hours=2, minutes=14)
    store.apply(wire.parse(frame(1, "catalog")), frame(1, "catalog"), later)
    store.apply(wire.parse(frame(2)), frame(2), later + timedelta(minutes=5))  # not a catalog
    assert store.catalog_received_at() == later


def test_rejected_frame_is_kept_verbatim_and_advances_seq(store: KdsStore) -> None:
    apply(store, frame(1))
    bad = '{"type": "order.created", "seq": 2, "surprise": "é\\n"}\n'
    assert store.record_rejected(2, bad, "surprise: extra field", T0)
    assert store.last_seq() == 2
    assert store.record_rejected(None, "not json at all", "not valid JSON", T0)
    assert store.last_seq() == 2
    # A resend of the same rejected seq is not kept twice.
    assert not store.record_rejected(2, bad, "surprise: extra field", T0)
    assert store.rejected_count() == 2
    newest, oldest = store.rejected(limit=10)
    assert (oldest.seq, oldest.raw, oldest.reason) == (2, bad, "surprise: extra field")
    assert newest.seq is None
    # The stream goes on after a rejected seq.
    assert apply(store, frame(3, order=order_dict("web:2"))).kind is AppliedKind.CREATED


def test_a_seqless_frame_resent_is_kept_once(store: KdsStore) -> None:
    garbage = '{"type": "order.created", "order": {"id": "x"'
    assert store.record_rejected(None, garbage, "not valid JSON", T0)
    for _ in range(5):
        assert not store.record_rejected(None, garbage, "not valid JSON", T0 + timedelta(hours=1))
    assert store.rejected_count() == 1
    # Another unreadable text is another frame; the same text with a seq is deduped by seq.
    assert store.record_rejected(None, garbage + " ", "not valid JSON", T0)
    assert store.record_rejected(4, garbage, "not valid JSON", T0)
    assert not store.record_rejected(4, garbage + "x", "not valid JSON", T0)
    assert store.rejected_count() == 3
    assert [(r.seq, r.raw, r.received_at) for r in store.rejected()] == [
        (4, garbage, T0),
        (None, garbage + " ", T0),
        (None, garbage, T0),
    ]


def test_a_version_1_store_is_migrated_and_keeps_its_rejected_frames(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    conn.executescript(MIGRATIONS[0])
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version (version) VALUES (1)")
    conn.execute(
        "INSERT INTO rejected (seq, raw, reason, received_at) VALUES (NULL, 'junk', 'bad', ?)",
        (T0.isoformat(),),
    )
    conn.close()
    with open_store(tmp_path) as store:
        assert [(r.seq, r.raw) for r in store.rejected()] == [(None, "junk")]
        assert store.record_rejected(None, "more junk", "bad", T0)
        assert not store.record_rejected(None, "more junk", "bad", T0)
        assert store.rejected_count() == 2
    conn = sqlite3.connect(tmp_path / DB_NAME)
    try:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM rejected WHERE raw_hash = ? AND seq IS NULL", ("h",)
        ).fetchall()
        assert any("rejected_raw_hash" in row[-1] for row in plan)
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT 1 FROM rejected WHERE seq = 3").fetchall()
        assert any("rejected_seq" in row[-1] for row in plan)
    finally:
        conn.close()


def test_second_open_in_same_process_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path):
        with pytest.raises(StoreLockedError) as info:
            open_store(tmp_path)
    assert str(info.value) == (
        f"another kds app is already running on data dir {tmp_path} "
        "(two apps would ack and print twice)"
    )
    # Released on close: the next app may open it.
    with open_store(tmp_path) as store:
        assert store.last_seq() is None


def test_open_from_another_process_is_refused(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from kds.store import StoreLockedError, open_store
        try:
            open_store(Path({str(tmp_path)!r}))
        except StoreLockedError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    with open_store(tmp_path):
        result = subprocess.run(
            [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 3, result.stderr
    assert "another kds app is already running" in result.stdout


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path):
        pass
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreSchemaError, match="newer than this kds understands"):
        open_store(tmp_path)
    with pytest.raises(StoreSchemaError), open_store_readonly(tmp_path):
        pass
    # The refusal released the lock.
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
    conn.close()
    with open_store(tmp_path) as store:
        assert store.last_seq() is None


def test_migrations_bring_an_empty_file_to_current_version(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / DB_NAME).close()
    with open_store(tmp_path):
        pass
    conn = sqlite3.connect(tmp_path / DB_NAME)
    try:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        conn.close()


def test_readonly_summaries_while_the_app_holds_the_store(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        apply(store, frame(1, order=order_dict("web:1", display_id="7")))
        apply(store, frame(2, order=order_dict("web:2", display_id="8")))
        apply(store, frame(3, "order.status", order_id="web:1", status="ready", station="grill"))
        apply(store, frame(4, "order.status", order_id="web:1", status="in_preparation"))
        apply(store, frame(5, "order.cancelled", order_id="web:2", reason="guest"))
        with open_store_readonly(tmp_path) as reader:
            assert reader.order_summaries() == [
                {
                    "id": "web:1",
                    "display_id": "7",
                    "revision": 1,
                    "status": {"grill": "ready", "order": "in_preparation"},
                    "is_cancelled": False,
                },
                {
                    "id": "web:2",
                    "display_id": "8",
                    "revision": 1,
                    "status": {},
                    "is_cancelled": True,
                },
            ]
            assert reader.last_seq() == 5
        # The writer goes on while and after the reader looked.
        apply(store, frame(6, order=order_dict("web:3")))
    with open_store_readonly(tmp_path) as reader:
        assert [r["id"] for r in reader.order_summaries()] == ["web:1", "web:2", "web:3"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader._conn.execute("DELETE FROM orders")


def test_readonly_on_missing_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kds store in"), open_store_readonly(tmp_path):
        pass
