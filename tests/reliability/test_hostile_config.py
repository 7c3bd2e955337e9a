"""Hostile config files: whatever the text, `load_settings` gives Settings or one
SettingsError that says what is wrong and where, never any other exception."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from suite_tally import Tally

from kds.resources import resource_path
from kds.settings import ProblemKind, Settings, SettingsError, load_settings

DEMO = tomllib.loads(resource_path("demo", "kds.toml").read_text(encoding="utf-8"))


def refused(tally: Tally, path: Path, data: str | bytes) -> SettingsError:
    """Write `data` as the config file: loading it raises SettingsError with a reason."""
    tally.hostile_inputs += 1
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    try:
        settings = load_settings(path)
    except SettingsError as exc:
        assert str(path) in str(exc) and exc.problem.message.strip()
        tally.rejected_with_reason += 1
        return exc
    except Exception:
        tally.crashes += 1
        raise
    tally.accepted += 1
    pytest.fail(f"a hostile config was accepted: {settings!r}")


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "kds.toml"


def test_named_hostile_files_are_each_one_settings_error(tally: Tally, config_path: Path) -> None:
    demo = resource_path("demo", "kds.toml").read_text(encoding="utf-8")
    cases: list[str | bytes] = [
        "",
        "\x00",
        "\ufeff[connector]\ntoken = 1",
        "a = " + "[" * 100_000,
        "a = " + "{b = " * 10_000 + "1" + "}" * 10_000,
        "[connector]\ntoken = 'x'\n" + "[[monitors]]\nname = ''\n" * 10_000,
        "[connector]\ntoken = 'x'\ntoken = 'y'",
        "[connector]\ntoken = 'x'\n[device]\nname = 'A'\n[device]\nname = 'B'",
        demo.replace("failover_after_s = 3.0", "failover_after_s = nan"),
        demo.replace("failover_after_s = 3.0", "failover_after_s = -inf"),
        demo.replace("port = 9100", "port = 99999999999999999999"),
        demo.replace("port = 9100", "port = -1"),
        demo.replace("paper_mm = 80", "paper_mm = 0"),
        demo.replace('token = "demo-token"', 'token = ""'),
        demo.replace('name = "Demo-Kitchen"', 'name = "Kitchen\u202e\x1b@"') + "\nzzz = 1",
        demo + "\n[unknown]\nkey = 1\n",
        demo.encode("utf-8")[:-3] + b"\xff\xfe",
        demo.encode("utf-16"),
    ]
    for data in cases:
        refused(tally, config_path, data)


@given(text=st.text(max_size=300))
def test_any_text_is_settings_or_one_settings_error(
    tally: Tally, config_path: Path, text: str
) -> None:
    config_path.write_text(text, encoding="utf-8")
    tally.hostile_inputs += 1
    try:
        load_settings(config_path)
    except SettingsError:
        tally.rejected_with_reason += 1
    except Exception:
        tally.crashes += 1
        raise
    else:  # no connector token: no text this short and random is a usable config
        tally.accepted += 1
        pytest.fail(f"random text accepted as a config: {text!r}")


def tables(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every table (dict) of the document, by path."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found += tables(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += tables(value, (*path, n))
    return found


def leaves(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every scalar value (string, number, bool) of the document, by path."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for n, value in enumerate(data) for leaf in leaves(value, (*path, n))]
    return [path]


def demo_copy() -> dict[str, Any]:
    return tomllib.loads(tomli_w.dumps(DEMO))


def edited(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = demo_copy()
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


TOML_SCALARS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.floats(), st.booleans(), st.text()
)


@given(
    where=st.sampled_from(tables(DEMO)),
    name=st.text(min_size=1, max_size=20),
    value=TOML_SCALARS,
)
def test_an_unknown_key_anywhere_is_refused_naming_it(
    tally: Tally, config_path: Path, where: tuple[str | int, ...], name: str, value: Any
) -> None:
    document = demo_copy()
    target: Any = document
    for key in where:
        target = target[key]
    while name in target:
        name += "_x"
    target[name] = value
    error = refused(tally, config_path, tomli_w.dumps(document))
    assert error.problem.kind is ProblemKind.INVALID
    assert any(e.loc[-1] == name for e in error.problem.errors), error


@given(
    leaf=st.sampled_from(leaves(DEMO)),
    value=st.one_of(
        st.dictionaries(st.text(min_size=1, max_size=5), TOML_SCALARS, min_size=1, max_size=3),
        st.lists(st.lists(TOML_SCALARS, max_size=2), min_size=1, max_size=3),
    ),
)
def test_a_value_of_the_wrong_kind_is_refused_naming_its_key(
    tally: Tally, config_path: Path, leaf: tuple[str | int, ...], value: Any
) -> None:
    error = refused(tally, config_path, tomli_w.dumps(edited(leaf, value)))
    assert error.problem.kind is ProblemKind.INVALID
    assert any(e.loc[: len(leaf)] == leaf for e in error.problem.errors), error


def test_the_unedited_demo_config_loads(config_path: Path) -> None:
    """The generated cases start from a config that is valid: each failure is the edit's."""
    config_path.write_text(tomli_w.dumps(DEMO), encoding="utf-8")
    assert isinstance(load_settings(config_path), Settings)
