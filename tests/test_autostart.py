"""A kitchen PC that starts kds itself: the autostart files `kds install-autostart` writes
(in a temporary HOME), and the supervisor that restarts a dying app."""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from child_output import readable

from kds.autostart import (
    AutostartError,
    AutostartKind,
    install_autostart,
    kds_command,
    run_arguments,
    supervise,
    systemd_unit_path,
    uninstall_autostart,
    xdg_entry,
    xdg_entry_path,
)
from kds.net.state import Backoff

ROOT = Path(__file__).resolve().parents[1]
KDS = ROOT / ".venv" / "bin" / "kds"
FAST = Backoff(initial=0.01, cap=0.02, jitter=0.0)


def desktop_exec(entry: str) -> list[str]:
    """The arguments an Exec line stands for, read as the Desktop Entry spec says: string
    escapes first (``\\\\`` is one backslash), then arguments split at unquoted spaces, in
    double quotes a backslash before ``"`` `` ` `` ``$`` ``\\`` taking that character, and
    ``%%`` a percent sign."""
    (line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    value = line.removeprefix("Exec=").replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(value)
    for c in chars:
        if quoted and c == "\\":
            escaped = next(chars)
            assert escaped in '"`$\\', f"bad escape in {value!r}"
            current = [*(current or []), escaped]
        elif c == '"':
            quoted = not quoted
            current = current or []
        elif c == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = [*(current or []), c]
    assert not quoted, value
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def unit_exec(unit: str) -> list[str]:
    (line,) = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    value = line.removeprefix("ExecStart=").replace("$$", "$")
    return [arg.replace("%%", "%") for arg in shlex.split(value)]


def home(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path)}


def test_xdg_autostart_entry_starts_the_supervised_app_with_its_config(tmp_path: Path) -> None:
    config = tmp_path / "kds.toml"
    installed = install_autostart(
        AutostartKind.XDG, ["/opt/kds/bin/kds"], run_arguments(config, None), home(tmp_path)
    )
    assert installed.path == tmp_path / ".config" / "autostart" / "kds.desktop"
    entry = installed.path.read_text(encoding="utf-8")
    assert entry.startswith("[Desktop Entry]\nType=Application\n")
    assert "Terminal=false\n" in entry
    assert desktop_exec(entry) == [
        "env",
        "QT_QPA_PLATFORM=xcb;wayland",
        "/opt/kds/bin/kds",
        "run",
        "--config",
        str(config),
        "--supervise",
    ]
    assert "next login" in installed.next_step


def test_systemd_unit_restarts_the_app_with_systemd_itself(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    installed = install_autostart(
        AutostartKind.SYSTEMD,
        ["/opt/kds/bin/kds"],
        run_arguments(tmp_path / "kds.toml", data_dir),
        home(tmp_path),
    )
    assert installed.path == tmp_path / ".config" / "systemd" / "user" / "kds.service"
    unit = installed.path.read_text(encoding="utf-8")
    for line in (
        "After=graphical-session.target",
        "Restart=always",
        "RestartSec=3",
        "RestartPreventExitStatus=2",
        'Environment="QT_QPA_PLATFORM=xcb;wayland"',
        "WantedBy=graphical-session.target",
    ):
        assert f"\n{line}\n" in unit, line
    args = unit_exec(unit)
    assert args[:2] == ["/opt/kds/bin/kds", "run"]
    assert "--supervise" not in args, "systemd restarts it"
    assert args[2:] == ["--config", str(tmp_path / "kds.toml"), "--data-dir", str(data_dir)]
    assert installed.next_step.endswith("systemctl --user enable --now kds.service")


def test_xdg_config_home_is_honoured_when_absolute(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    assert xdg_entry_path(env) == tmp_path / "cfg" / "autostart" / "kds.desktop"
    assert systemd_unit_path(env) == tmp_path / "cfg" / "systemd" / "user" / "kds.service"
    env["XDG_CONFIG_HOME"] = "relative/cfg"  # the spec says to ignore it
    assert xdg_entry_path(env) == tmp_path / "home" / ".config" / "autostart" / "kds.desktop"


@pytest.mark.parametrize(
    "folder", ["Kitchen PC", "100% \"kds\" $HOME `x` back\\slash; 'q' #1", "plain"]
)
def test_paths_with_odd_characters_are_quoted_so_they_read_back(
    tmp_path: Path, folder: str
) -> None:
    config = Path("/srv") / folder / "kds.toml"
    env = home(tmp_path)
    for kind, read in ((AutostartKind.XDG, desktop_exec), (AutostartKind.SYSTEMD, unit_exec)):
        installed = install_autostart(
            kind, [f"/opt/{folder}/kds"], run_arguments(config, None), env
        )
        args = read(installed.path.read_text(encoding="utf-8"))
        assert f"/opt/{folder}/kds" in args
        assert args[args.index("--config") + 1] == str(config)


def test_a_path_with_a_line_break_is_refused() -> None:
    with pytest.raises(AutostartError, match="line break"):
        xdg_entry(["/opt/kds", "--config", "/srv/a\nb.toml"])


def test_uninstall_removes_both_kinds_and_the_enable_link(tmp_path: Path) -> None:
    env = home(tmp_path)
    xdg = install_autostart(AutostartKind.XDG, ["/opt/kds"], ["run"], env).path
    unit = install_autostart(AutostartKind.SYSTEMD, ["/opt/kds"], ["run"], env).path
    wants = unit.parent / "graphical-session.target.wants"
    wants.mkdir()
    (wants / "kds.service").symlink_to(unit)  # what `systemctl --user enable` makes
    assert uninstall_autostart(env) == [xdg, unit, wants / "kds.service"]
    assert not xdg.exists()
    assert not unit.exists()
    assert not (wants / "kds.service").is_symlink()
    assert uninstall_autostart(env) == []


def test_the_installed_kds_is_named_by_its_absolute_path(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "kds"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    os.chdir(tmp_path)
    try:
        assert kds_command("bin/kds", lambda name: None) == [str(script)]
    finally:
        os.chdir(ROOT)
    assert kds_command("/nowhere/pytest", lambda name: str(script)) == [str(script)]
    assert kds_command("-c", lambda name: None) == [sys.executable, "-m", "kds"]


def test_the_command_writes_the_entry_with_the_installed_kds(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"}
    env["HOME"] = str(tmp_path)
    config = tmp_path / "my kds.toml"
    done = subprocess.run(
        [str(KDS), "install-autostart", "--config", str(config)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    entry_path = tmp_path / ".config" / "autostart" / "kds.desktop"
    assert done.stdout.startswith(f"wrote {entry_path}\n")
    assert "kds will not start until the config is fixed" in done.stderr
    assert "config file not found" in done.stderr
    args = desktop_exec(entry_path.read_text(encoding="utf-8"))
    assert args[2:] == [str(KDS), "run", "--config", str(config), "--supervise"]

    done = subprocess.run(
        [str(KDS), "install-autostart", "--systemd", "--config", str(config)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    unit_path = tmp_path / ".config" / "systemd" / "user" / "kds.service"
    assert f"wrote {unit_path}\n" in done.stdout
    assert "systemctl --user enable --now kds.service" in done.stdout
    assert unit_exec(unit_path.read_text(encoding="utf-8"))[0] == str(KDS)

    done = subprocess.run(
        [str(KDS), "uninstall-autostart"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert f"removed {entry_path}\nremoved {unit_path}\n" in done.stdout
    assert "systemctl --user stop kds.service" in done.stdout


# --- the supervisor ---------------------------------------------------------------------

# Counts its runs in a file; exits with the code given for that run (the last one after).
CHILD = """
import os, signal, sys
from pathlib import Path
counter = Path(sys.argv[1])
runs = int(counter.read_text()) + 1 if counter.exists() else 1
counter.write_text(str(runs))
codes = sys.argv[2:]
code = codes[min(runs, len(codes)) - 1]
if code == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
sys.exit(int(code))
"""


def child(tmp_path: Path, *codes: str) -> list[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    return [sys.executable, str(script), str(tmp_path / "runs"), *codes]


def runs(tmp_path: Path) -> int:
    return int((tmp_path / "runs").read_text())


def test_the_supervisor_restarts_a_crashing_app_until_it_exits_cleanly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "kds.autostart")
    assert supervise(child(tmp_path, "1", "kill", "0"), backoff=FAST) == 0
    assert runs(tmp_path) == 3
    restarts = [r.getMessage() for r in caplog.records]
    assert restarts == [
        "kds stopped (exit code 1); restart 1 in 0.0 s",
        "kds stopped (signal 9); restart 2 in 0.0 s",
    ]


class RecordingBackoff(Backoff):
    """Records which delay the supervisor asks for (retry 0 = the shortest), waits none."""

    def __init__(self) -> None:
        super().__init__(initial=0.0, cap=0.0, jitter=0.0)
        self.asked: list[int] = []

    def delay(self, attempt: int) -> float:
        self.asked.append(attempt)
        return 0.0


def test_the_delay_grows_and_starts_over_after_a_healthy_run(tmp_path: Path) -> None:
    backoff = RecordingBackoff()
    # Monotonic clock readings at each start and exit: the third run lasts 98 s.
    ticks = iter([0.0, 1.0, 1.0, 2.0, 2.0, 100.0, 100.0, 101.0, 101.0])
    command = child(tmp_path, "3", "3", "3", "3", "0")
    assert supervise(command, backoff=backoff, clock=lambda: next(ticks)) == 0
    assert runs(tmp_path) == 5
    assert backoff.asked == [0, 1, 0, 1]


def test_the_supervisor_does_not_restart_an_app_that_cannot_start(tmp_path: Path) -> None:
    assert supervise(child(tmp_path, "2", "0"), backoff=FAST) == 2
    assert runs(tmp_path) == 1


WAITS_FOR_SIGTERM = """
import signal, sys
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print("ready", flush=True)
signal.pause()
"""

SUPERVISOR = """
import sys
from kds.autostart import supervise
sys.exit(supervise([sys.executable, "-c", sys.argv[1]]))
"""


def test_sigterm_to_the_supervisor_stops_the_app_and_the_supervisor() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR, WAITS_FOR_SIGTERM],
        stdout=subprocess.PIPE,
        text=True,
    ) as supervisor:
        assert supervisor.stdout is not None
        assert supervisor.stdout.readline() == "ready\n"  # the app runs
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        assert supervisor.stdout.read() == "", "the app was not started again"


def test_run_supervise_without_a_config_says_why_and_stops(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(KDS), "run", "--supervise", "--config", str(tmp_path / "kds.toml")],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("config file not found") == 1, readable(done.stderr)
    assert "kds cannot start (exit 2): not restarting" in done.stderr
