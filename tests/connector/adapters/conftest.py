"""Helpers for adapter tests: the shared sample payloads, running an adapter, comparing orders.

The samples in ../shared/orders/ (real payloads from public integrations) are not copied
into the project: a test that needs one skips, saying so, when the folder is absent.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.connector.adapters import ADAPTERS
from kds.connector.adapters.base import Message, PlatformSettings, WebhookDelivery

ROOT = Path(__file__).resolve().parents[3]


def _samples_dir() -> Path:
    """../shared/orders beside the checkout (for a git worktree, beside one of its parents)."""
    for base in ROOT.parents:
        if (base / "shared" / "orders").is_dir():
            return base / "shared" / "orders"
    return ROOT.parent / "shared" / "orders"


SAMPLES = _samples_dir()
RECEIVED_AT = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
"""When the tests' webhooks "arrive" (used where a payload has no creation time)."""


def sample(name: str) -> bytes:
    """The bytes of one shared sample, or skip the test when the samples are not there."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample payload {name} not found in {SAMPLES} (the shared corpus is absent)")
    return path.read_bytes()


def sample_json(name: str) -> Any:
    """A sample as JSON, to change a field for a test (floats re-serialise to the same text)."""
    return json.loads(sample(name))


def read(
    platform: str,
    body: bytes | dict[str, Any],
    settings: PlatformSettings,
    headers: dict[str, str] | None = None,
) -> tuple[Message, ...]:
    """Run the platform's adapter on one delivery."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    delivery = WebhookDelivery(raw, headers or {}, RECEIVED_AT)
    return ADAPTERS[platform].read(delivery, settings)


def only_order(messages: tuple[Message, ...]) -> wire.Order:
    assert len(messages) == 1, messages
    (message,) = messages
    order = getattr(message, "order", None)
    assert isinstance(order, wire.Order), message
    return order


def assert_same_order(actual: wire.Order, expected: dict[str, Any]) -> None:
    """Field by field against an Order written by hand in the wire format.

    Compared as the JSON devices receive, so a time's offset ("-05:00") and an amount's
    digits ("5.00") count, not only the instant and the value.
    """
    got = actual.model_dump(mode="json")
    want = wire.parse_order(expected).model_dump(mode="json")
    for field in wire.Order.model_fields:
        if field != "items":
            assert got[field] == want[field], field
    assert len(got["items"]) == len(want["items"]), "number of items"
    for n, (item, wanted) in enumerate(zip(got["items"], want["items"], strict=True)):
        for field in wire.Item.model_fields:
            assert item[field] == wanted[field], f"items.{n}.{field}"


def modifier_tree(modifiers: tuple[wire.Modifier, ...]) -> list[Any]:
    """(name, action, quantity, note, children) all the way down, for comparing trees."""
    return [
        (m.name, m.action.value, str(m.quantity), m.note, modifier_tree(m.modifiers))
        for m in modifiers
    ]


def total_quantity(order: wire.Order) -> Decimal:
    return sum((item.quantity for item in order.items), Decimal(0))


def all_texts(order: wire.Order) -> set[str]:
    """Every note on the order and its lines."""
    texts = {note.text for note in order.notes}
    for item in order.items:
        texts |= set(item.notes)
    return texts
