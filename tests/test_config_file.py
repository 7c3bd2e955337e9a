"""The config file: `kds config check` / `schema`, what `kds run` says about a broken one,
and saving (validated whole, atomic, with backups) as the set-up wizard will."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from child_output import readable

from kds.__main__ import main
from kds.config_file import (
    KEEP_BACKUPS,
    ConfigSaveError,
    backups,
    config_path,
    default_config_path,
    dump_settings,
    save_settings,
)
from kds.resources import resource_path
from kds.settings import ProblemKind, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[1]
DEMO = resource_path("demo", "kds.toml")
T0 = datetime(2026, 12, 1, 19, 14, 5, tzinfo=UTC)

BROKEN_ROUTE = """
[connector]
token = "t"

[[printing.printers]]
name = "Kitchen"
transport = "file"
path = "/tmp/kitchen"

[[printing.routes]]
name = "hot"
printers = ["Kitchen"]
copies = 0

[[printing.routes]]
name = "bar"
printers = ["Grill"]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- where the config is --------------------------------------------------------------


def test_the_config_is_in_the_per_user_config_dir_unless_told_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_config_path() == tmp_path / "kds" / "kds.toml"
    assert config_path(None, {}) == tmp_path / "kds" / "kds.toml"
    assert config_path(None, {"KDS_CONFIG": "/etc/kds.toml"}) == Path("/etc/kds.toml")
    assert config_path("mine.toml", {"KDS_CONFIG": "/etc/kds.toml"}) == Path("mine.toml")


# --- kds config check / schema --------------------------------------------------------


def test_config_check_says_ok_with_what_the_file_holds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check", str(DEMO)]) == 0
    assert capsys.readouterr().out == f"{DEMO}: OK — 2 monitors, 3 printers, 5 routes\n"


def test_config_check_lists_every_problem_with_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "kds.toml", BROKEN_ROUTE + "\n[connector2]\nx = 1\n")
    assert main(["config", "check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: 3 problem(s):"
    assert sorted(lines[1:]) == [
        "  connector2: Extra inputs are not permitted",
        "  printing.routes.0.copies: Input should be greater than or equal to 1",
        "  printing.routes.1.printers.0: unknown printer 'Grill'",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (None, "config file not found"),
        ("[connector\n", "not valid TOML"),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n", "not valid TOML: nested too deep"),
        (b"name = '\xff'\n", "cannot read the config file"),
    ],
)
def test_config_check_of_a_missing_or_unreadable_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes | None, reason: str
) -> None:
    path = tmp_path / "kds.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        write(path, text)
    assert main(["config", "check", str(path)]) == 2
    assert reason in capsys.readouterr().out


def test_config_check_without_a_file_checks_the_one_the_app_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "elsewhere.toml", DEMO.read_text(encoding="utf-8"))
    monkeypatch.setenv("KDS_CONFIG", str(path))
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: OK")


def test_config_schema_describes_the_whole_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    demo = tomllib.loads(DEMO.read_text(encoding="utf-8"))
    assert set(demo) <= set(schema["properties"]), "a section of the demo config is missing"
    assert {"admin", "retention"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    defs = schema["$defs"]
    assert "kiosk" in defs["DeviceSettings"]["properties"]
    # Printers are one of four shapes, told apart by their `transport` key.
    printers = defs["PrintingConfig"]["properties"]["printers"]["items"]
    assert printers["discriminator"]["propertyName"] == "transport"
    assert set(printers["discriminator"]["mapping"]) == {"network", "usb", "serial", "file"}
    assert "host" in defs["NetworkPrinter"]["required"]
    for key in demo["printing"]["printers"][0]:
        assert key in defs["NetworkPrinter"]["properties"], key


# --- a broken config never starts a half-working app ----------------------------------


def test_an_invalid_config_is_a_problem_naming_its_section(tmp_path: Path) -> None:
    path = write(tmp_path / "kds.toml", BROKEN_ROUTE)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    problem = caught.value.problem
    assert problem.kind is ProblemKind.INVALID
    assert problem.section == "printing.routes"
    assert problem.path == path
    assert {e.key for e in problem.errors} == {
        "printing.routes.0.copies",
        "printing.routes.1.printers.0",
    }


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ('[connector]\nurl = "http://x"\ntoken = "t"\n', "connector"),
        ('[connector]\ntoken = "t"\n[[monitors]]\nname = "A"\nkind = "grill"\n', "monitors"),
        ('[connector]\ntoken = "t"\n[printing]\nretry_cap_s = -1\n', "printing"),
        ('[connector]\ntoken = "t"\n[[printing.printers]]\nname = "K"\n', "printing.printers"),
        ('[connector]\ntoken = "t"\n[admin]\npin_hash = "1234"\n', "admin"),
        ('colour = "red"\n[connector]\ntoken = "t"\n', None),
        ('[connector]\ntoken = "t"\ncolour = "red"\n', "connector"),
    ],
)
def test_the_section_is_the_table_the_first_problem_is_in(
    tmp_path: Path, text: str, section: str | None
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(write(tmp_path / "kds.toml", text))
    assert caught.value.problem.section == section


def test_no_config_at_all_is_a_missing_problem(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path / "kds.toml")
    assert caught.value.problem.kind is ProblemKind.MISSING
    assert caught.value.problem.section is None


def test_run_with_an_invalid_config_names_the_broken_part_and_starts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "kds.toml", BROKEN_ROUTE)
    data_dir = tmp_path / "data"
    assert main(["run", "--config", str(path), "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "cannot start: the config is invalid (the first problem is in [printing.routes])" in err
    assert "printing.routes.1.printers.0: unknown printer 'Grill'" in err
    assert f"Check it again with: kds config check {path}" in err
    assert not data_dir.exists(), "nothing of the app started"


def test_run_with_an_unreadable_config_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "kds.toml", "[connector\n")
    assert main(["run", "--config", str(path)]) == 2
    assert f"kds: cannot start: {path}: not valid TOML" in capsys.readouterr().err


# --- saving -----------------------------------------------------------------------------


def readme_example(tmp_path: Path) -> Path:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert example is not None
    return write(tmp_path / "readme.toml", example.group(1))


@pytest.mark.parametrize("source", ["demo", "readme"])
def test_a_saved_config_loads_back_equal(tmp_path: Path, source: str) -> None:
    original = load_settings(DEMO if source == "demo" else readme_example(tmp_path))
    text = dump_settings(original)
    path = tmp_path / "saved" / "kds.toml"
    assert save_settings(original, path) is None  # nothing to back up yet
    assert path.read_text(encoding="utf-8") == text
    assert load_settings(path) == original


def test_a_mapping_from_the_set_up_is_saved_as_given(tmp_path: Path) -> None:
    path = tmp_path / "kds.toml"
    save_settings(
        {
            "device": {"name": "Grill-PC", "kiosk": True},
            "connector": {"url": "ws://10.0.0.2:8765/kds", "token": "secret"},
            "retention": {"day_starts_at": "05:30"},
        },
        path,
    )
    settings = load_settings(path)
    assert settings.device.name == "Grill-PC"
    assert settings.device.kiosk
    assert settings.retention.day_starts_at.isoformat() == "05:30:00"
    assert 'day_starts_at = "05:30"' in path.read_text(encoding="utf-8")
    assert "fullscreen" not in path.read_text(encoding="utf-8"), "only the keys given"
    assert path.stat().st_mode & 0o777 == 0o600, "the file holds the token"


def test_an_invalid_config_is_not_saved_and_every_error_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "kds.toml", DEMO.read_text(encoding="utf-8"))
    before = path.read_bytes()
    document = tomllib.loads(before.decode())
    document["connector"]["url"] = "http://kitchen"
    document["printing"]["routes"][1]["printers"] = ["Grill"]
    with pytest.raises(SettingsError) as caught:
        save_settings(document, path)
    assert {e.key for e in caught.value.problem.errors} == {
        "connector.url",
        "printing.routes.1.printers.0",
    }
    assert path.read_bytes() == before
    assert backups(path) == []


def test_saving_keeps_the_previous_file_and_the_last_five_backups(tmp_path: Path) -> None:
    path = tmp_path / "kds.toml"
    demo = load_settings(DEMO)
    versions = []
    for i in range(8):
        settings = demo.model_copy(
            update={"device": demo.device.model_copy(update={"name": f"PC-{i}"})}
        )
        save_settings(settings, path, now=T0 + timedelta(minutes=i))
        versions.append(path.read_bytes())
    kept = backups(path)
    assert len(kept) == KEEP_BACKUPS
    # Each backup holds the file as it was before one of the last five saves.
    assert [p.read_bytes() for p in kept] == versions[2:7]
    stamp = (T0 + timedelta(minutes=7)).astimezone().strftime("%Y-%m-%dT%H-%M-%S")
    assert kept[-1].name == f"kds.toml.{stamp}.bak"
    assert load_settings(path).device.name == "PC-7"


def test_two_saves_in_one_second_keep_both_backups_and_an_unchanged_save_none(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kds.toml"
    demo = load_settings(DEMO)
    for name in ("A", "B", "C"):
        settings = demo.model_copy(update={"device": demo.device.model_copy(update={"name": name})})
        save_settings(settings, path, now=T0)
    assert [load_settings(p).device.name for p in backups(path)] == ["A", "B"]
    assert save_settings(load_settings(path), path, now=T0) is None, "nothing changed"
    assert len(backups(path)) == 2


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "kds.toml", DEMO.read_text(encoding="utf-8"))
    before = path.read_bytes()
    settings = load_settings(DEMO)
    changed = settings.model_copy(
        update={"device": settings.device.model_copy(update={"name": "X"})}
    )

    def no_space(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(ConfigSaveError, match=r"could not save the config: .*No space left"):
        save_settings(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kds.toml"]


KILLED_BEFORE_REPLACE = """
import os, signal, sys
from pathlib import Path
from kds.config_file import save_settings
from kds.settings import load_settings

path = Path(sys.argv[1])
real_replace = os.replace

def replace(src, dst):
    if Path(dst) == path:  # the new config is written and fsynced: die before the rename
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)

os.replace = replace
settings = load_settings(path)
save_settings(settings.model_copy(update={"connector": settings.connector.model_copy(
    update={"token": "new-token"})}), path)
"""


def test_a_crash_between_write_and_rename_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = write(tmp_path / "kds.toml", DEMO.read_text(encoding="utf-8"))
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_REPLACE, str(path)],
        check=False,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == -9, readable(done.stderr)
    assert path.read_bytes() == before
    assert load_settings(path).connector.token == "demo-token"
    # The half-done save left its complete temp file beside it, never a partial kds.toml.
    (temp,) = tmp_path.glob(".kds.toml.*.tmp")
    assert 'token = "new-token"' in temp.read_text(encoding="utf-8")
