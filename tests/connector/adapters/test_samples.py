"""Every shared sample has its adapter and its hand-written test; the border refuses by outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from kds.connector.adapters import ADAPTERS
from kds.connector.adapters.base import PayloadError
from kds.connector.adapters.deliverect import DeliverectSettings
from kds.connector.adapters.justeat import JustEatSettings
from kds.connector.adapters.ubereats import UberEatsSettings

from .conftest import SAMPLES, read

HERE = Path(__file__).parent


def test_every_sample_file_has_an_adapter_and_a_test_comparing_it_field_by_field() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"the shared sample corpus is absent ({SAMPLES})")
    files = sorted(p.name for p in SAMPLES.glob("*.json"))
    assert len(files) == 16
    tests = {p.name: p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py")}
    for name in files:
        platform = name.split("_", 1)[0]
        assert platform in ADAPTERS, name
        assert f'"{name}"' in tests[f"test_{platform}.py"], f"{name} has no test"
    assert {f.split("_", 1)[0] for f in files} == set(ADAPTERS)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe not utf-8",
        b'{"OrderId": "x", "Items": [',
        b"[" * 5000 + b"]" * 5000,
        b'{"OrderId": ' + b"9" * 5000 + b"}",
        b'{"a": NaN}',
        b"[1, 2]",
    ],
)
def test_unreadable_bodies_are_a_payload_error_whatever_the_cause(body: bytes) -> None:
    with pytest.raises(PayloadError) as info:
        read("justeat", body, JustEatSettings(webhook_key="k"))
    assert info.value.field == "body"
    assert info.value.reason


@pytest.mark.parametrize(("levels", "reason"), [(20, "nested deeper than 8"), (300, "depth")])
def test_modifier_trees_deeper_than_the_limit_are_refused_not_crashed(
    levels: int, reason: str
) -> None:
    sub: dict[str, object] = {"name": "Leaf", "subItems": []}
    for _ in range(levels):
        sub = {"name": "Level", "subItems": [sub]}
    order = {
        "channelOrderId": "deep",
        "items": [{"name": "Tower", "quantity": 1, "subItems": [sub]}],
    }
    with pytest.raises(PayloadError) as info:
        read("deliverect", order, DeliverectSettings(webhook_secret="s"))
    assert reason in info.value.reason


def test_a_value_our_protocol_refuses_is_a_payload_error_too() -> None:
    order = {
        "id": "x",
        "display_id": "   ",
        "cart": {"items": [{"title": "Tea", "quantity": 1, "selected_modifier_groups": [
            {"title": "Sugar", "selected_items": [{"title": "", "quantity": 1}]},
        ]}]},
    }  # fmt: skip
    with pytest.raises(PayloadError) as info:
        read("ubereats", order, UberEatsSettings(client_secret="s"))
    assert info.value.field == "cart.items.0.selected_modifier_groups.0.selected_items.0.title"


def test_arithmetic_the_payload_makes_impossible_is_a_payload_error() -> None:
    order = {
        "OrderId": "early",
        "Fulfilment": {
            "Method": "Collection",
            "CustomerDueAsap": False,
            "CustomerDueDate": "0001-01-01T00:05:00+00:00",
            "PreparationTime": "0:20:00",
        },
        "Items": [{"Name": "Tea", "Quantity": 1}],
    }
    with pytest.raises(PayloadError) as info:
        read("justeat", order, JustEatSettings(webhook_key="k"))
    assert "OverflowError" in info.value.reason
