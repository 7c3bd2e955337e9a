"""`kds setup` and `kds run` without a usable config: the wizard opens on the broken part when
there is a display, and the app then starts with what it saved; without one, the words only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kds.app
import kds.ui.wizard
from kds.__main__ import _has_display, main
from kds.config_file import save_settings
from kds.settings import ConfigProblem, Settings

BROKEN = '[connector]\nurl = "http://x"\ntoken = "t"\n'


def test_a_display_is_one_qt_can_show_windows_on() -> None:
    assert not _has_display({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert _has_display({"DISPLAY": ":0"})
    assert _has_display({"WAYLAND_DISPLAY": "wayland-0"})
    assert not _has_display({})


def test_run_with_a_broken_config_opens_the_wizard_there_and_starts_with_what_it_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(BROKEN)
    seen: list[ConfigProblem | None] = []
    started: list[Settings] = []

    def wizard(at: Path, data_dir: Path, problem: ConfigProblem | None = None) -> bool:
        seen.append(problem)
        save_settings({"connector": {"url": "ws://10.0.0.5:8765/kds", "token": "t"}}, at)
        return True

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(kds.ui.wizard, "run_setup", wizard)

    def app(settings: Settings, data_dir: Path, config_path: Path | None = None) -> int:
        assert config_path == path  # the admin area's wizard edits the file the app runs with
        started.append(settings)
        return 0

    monkeypatch.setattr(kds.app, "run_app", app)
    assert main(["run", "--config", str(path), "--data-dir", str(tmp_path / "d")]) == 0
    assert [p.section if p else None for p in seen] == ["connector"]
    assert [s.connector.url for s in started] == ["ws://10.0.0.5:8765/kds"]


def test_run_without_a_display_only_says_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kds.toml"
    path.write_text(BROKEN)

    def no_wizard(*args: Any) -> bool:
        raise AssertionError("no wizard without a display")

    monkeypatch.setattr(kds.ui.wizard, "run_setup", no_wizard)
    assert main(["run", "--config", str(path)]) == 2
    assert "the first problem is in [connector]" in capsys.readouterr().err


def test_setup_opens_the_wizard_on_the_config_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kds.toml"
    calls: list[tuple[Path, str | None]] = []

    def wizard(at: Path, data_dir: Path, problem: ConfigProblem | None = None) -> bool:
        calls.append((at, problem.kind.value if problem else None))
        return False

    monkeypatch.setattr(kds.ui.wizard, "run_setup", wizard)
    assert main(["setup", "--config", str(path)]) == 1
    assert calls == [(path, "missing")]
    assert "nothing saved" in capsys.readouterr().out


def test_run_starts_again_with_the_saved_config_when_the_admin_area_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kds.toml"
    save_settings(
        {"device": {"name": "Old"}, "connector": {"url": "ws://h:1/kds", "token": "t"}}, path
    )
    names: list[str] = []

    def app(settings: Settings, data_dir: Path, config_path: Path | None = None) -> int:
        names.append(settings.device.name)
        if len(names) == 1:  # the admin area's wizard saved, then "Restart KDS now"
            save_settings(
                {"device": {"name": "New"}, "connector": {"url": "ws://h:1/kds", "token": "t"}},
                path,
            )
            return kds.app.RESTART
        return 0

    monkeypatch.setattr(kds.app, "run_app", app)
    assert main(["run", "--config", str(path), "--data-dir", str(tmp_path / "d")]) == 0
    assert names == ["Old", "New"]
