"""The admin PIN: stored salted and hashed, checked in constant time, locked after five
wrong tries for a minute, and set with `kds admin set-pin` through the atomic save."""

from __future__ import annotations

import io
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kds.__main__ import main
from kds.admin import (
    LOCKOUT,
    MAX_WRONG_TRIES,
    PinError,
    PinGate,
    PinOutcome,
    check_pin,
    check_pin_format,
    enter_pin,
    has_pin,
    hash_pin,
    valid_pin_hash,
)
from kds.config_file import backups
from kds.resources import resource_path
from kds.settings import AdminSettings, Settings, SettingsError, load_settings

T0 = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
DEMO = resource_path("demo", "kds.toml")


def with_pin(pin: str) -> Settings:
    demo = load_settings(DEMO)
    return demo.model_copy(update={"admin": AdminSettings(pin_hash=hash_pin(pin))})


@pytest.fixture(scope="module")
def settings() -> Settings:
    return with_pin("4711")


def test_the_right_pin_opens_and_a_wrong_one_does_not(settings: Settings) -> None:
    assert check_pin(settings, "4711")
    assert not check_pin(settings, "4712")
    assert not check_pin(settings, "47111")
    assert not check_pin(settings, "")


def test_without_a_pin_no_pin_opens(settings: Settings) -> None:
    bare = load_settings(DEMO)
    assert not has_pin(bare)
    assert has_pin(settings)
    assert not check_pin(bare, "")
    assert not check_pin(bare, "0000")


def test_the_pin_is_stored_salted_never_as_itself() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second, "a fresh salt per hash"
    assert "4711" not in first
    assert first.startswith("scrypt$16384$8$1$")
    assert valid_pin_hash(first)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "12 34", "١٢٣٤", ""])
def test_a_pin_is_four_to_twelve_digits(pin: str) -> None:
    with pytest.raises(PinError, match="a PIN is 4 to 12 digits"):
        check_pin_format(pin)


@pytest.mark.parametrize(
    "pin_hash",
    [
        "4711",
        "scrypt$16384$8$1$c2FsdA==",
        "scrypt$16384$8$1$c2FsdA==$!!!",
        "scrypt$1048576$8$1$c2FsdA==$" + "A" * 44,  # would take a gigabyte per check
        "scrypt$1000$8$1$c2FsdA==$" + "A" * 44,  # N is not a power of two
    ],
)
def test_a_pin_hash_kds_did_not_write_is_refused_at_start(tmp_path: Path, pin_hash: str) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(f'[connector]\ntoken = "t"\n[admin]\npin_hash = "{pin_hash}"\n')
    with pytest.raises(SettingsError, match=r"admin\.pin_hash: not a PIN hash kds wrote"):
        load_settings(path)


def test_five_wrong_tries_lock_the_pin_for_a_minute(settings: Settings) -> None:
    gate = PinGate()
    for i in range(MAX_WRONG_TRIES):
        assert gate.tries_left == MAX_WRONG_TRIES - i
        gate, outcome = enter_pin(gate, settings, "0000", T0 + timedelta(seconds=i))
        assert outcome is PinOutcome.WRONG
    locked_at = T0 + timedelta(seconds=MAX_WRONG_TRIES - 1)
    assert gate.locked_for(locked_at) == LOCKOUT == timedelta(seconds=60)
    # Even the right PIN is not taken while locked.
    almost = locked_at + LOCKOUT - timedelta(seconds=1)
    gate, outcome = enter_pin(gate, settings, "4711", almost)
    assert outcome is PinOutcome.LOCKED
    assert gate.locked_for(almost) == timedelta(seconds=1)
    gate, outcome = enter_pin(gate, settings, "4711", locked_at + LOCKOUT)
    assert outcome is PinOutcome.ACCEPTED
    assert gate == PinGate()


def test_after_a_lockout_five_more_tries_and_a_right_pin_resets_the_count(
    settings: Settings,
) -> None:
    gate = PinGate(locked_until=T0)
    for _ in range(MAX_WRONG_TRIES - 1):
        gate, outcome = enter_pin(gate, settings, "1111", T0)
        assert outcome is PinOutcome.WRONG
    assert gate.locked_for(T0) == timedelta(0)
    gate, outcome = enter_pin(gate, settings, "4711", T0)
    assert outcome is PinOutcome.ACCEPTED
    gate, _ = enter_pin(gate, settings, "1111", T0)
    assert gate.tries_left == MAX_WRONG_TRIES - 1


def config_copy(tmp_path: Path) -> Path:
    path = tmp_path / "kds.toml"
    path.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_set_pin_from_stdin_saves_it_and_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_copy(tmp_path)
    before = load_settings(path)
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["admin", "set-pin", "--config", str(path), "--pin-stdin"]) == 0
    (backup,) = backups(path)
    assert capsys.readouterr().out == (
        f"{path}: admin PIN set (the previous file is kept as {backup})\n"
    )
    after = load_settings(path)
    assert check_pin(after, "2468")
    assert not check_pin(after, "4711")
    assert after.model_copy(update={"admin": AdminSettings()}) == before, "nothing else changed"
    assert "2468" not in path.read_text(encoding="utf-8")
    assert tomllib.loads(backup.read_text(encoding="utf-8")) == tomllib.loads(
        DEMO.read_text(encoding="utf-8")
    )


def prompts(*answers: str) -> Iterator[str]:
    yield from answers


def test_set_pin_asks_twice_and_refuses_two_different_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_copy(tmp_path)
    before = path.read_bytes()
    answers = prompts("1357", "1358")
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    assert main(["admin", "set-pin", "--config", str(path)]) == 2
    assert asked == ["New admin PIN (4 to 12 digits): ", "The same PIN again: "]
    assert "the two PINs differ; the PIN was not changed" in capsys.readouterr().err
    assert path.read_bytes() == before

    answers = prompts("1357", "1357")
    assert main(["admin", "set-pin", "--config", str(path)]) == 0
    assert check_pin(load_settings(path), "1357")


def test_set_pin_refuses_a_pin_that_is_not_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_copy(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    assert main(["admin", "set-pin", "--config", str(path), "--pin-stdin"]) == 2
    assert "a PIN is 4 to 12 digits" in capsys.readouterr().err
    assert path.read_bytes() == before
