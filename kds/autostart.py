"""A kitchen PC that starts kds by itself: an XDG autostart entry or a systemd user unit,
and the supervisor that restarts the app when it dies (`kds run --supervise`)."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import FrameType

from kds.errors import KdsError
from kds.net.state import Backoff

log = logging.getLogger(__name__)

QT_PLATFORM = "QT_QPA_PLATFORM=xcb;wayland"
"""X11 first (there the app places each window on its own screen; XWayland on a Wayland
desktop), Wayland when there is no X server at all."""

NO_RESTART_EXIT = 2
"""`kds run` exits 2 when it cannot start at all (no or invalid config, a wrong command
line): starting it again would fail the same way, so neither way of autostart does."""

HEALTHY_AFTER_S = 60.0
"""An app that ran this long before it died starts again after the shortest delay."""


class AutostartError(KdsError):
    """The autostart file cannot be written as asked (e.g. a path a desktop entry cannot hold)."""


class AutostartKind(StrEnum):
    XDG = "xdg"
    """~/.config/autostart/kds.desktop: started by the desktop at login, on any desktop."""
    SYSTEMD = "systemd"
    """~/.config/systemd/user/kds.service: started with graphical-session.target."""


@dataclass(frozen=True)
class Installed:
    path: Path
    next_step: str
    """What the person still has to do, in words (a command to run for systemd)."""


def kds_command(
    argv0: str = sys.argv[0], which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """The installed `kds`, by absolute path: the script running now when it is `kds`,
    else the one on PATH, else this Python running the kds package."""
    script = Path(argv0)
    if script.name == "kds" and script.is_file():
        return [str(script.absolute())]
    if (found := which("kds")) is not None:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "kds"]


def config_home(env: Mapping[str, str] = os.environ) -> Path:
    """$XDG_CONFIG_HOME when it is an absolute path (as the spec says), else ~/.config."""
    configured = env.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    home = env.get("HOME")
    return (Path(home) if home else Path.home()) / ".config"


def xdg_entry_path(env: Mapping[str, str] = os.environ) -> Path:
    return config_home(env) / "autostart" / "kds.desktop"


def systemd_unit_path(env: Mapping[str, str] = os.environ) -> Path:
    return config_home(env) / "systemd" / "user" / "kds.service"


def run_arguments(config: Path | None, data_dir: Path | None) -> list[str]:
    """`run` with the config and data dir given (absolute, as autostart has no cwd)."""
    arguments = ["run"]
    if config is not None:
        arguments += ["--config", str(config.absolute())]
    if data_dir is not None:
        arguments += ["--data-dir", str(data_dir.absolute())]
    return arguments


def xdg_entry(command: Sequence[str]) -> str:
    """The desktop entry that starts `command` (under the supervisor) at login."""
    exec_line = " ".join(_desktop_quote(arg) for arg in ["env", QT_PLATFORM, *command])
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=KDS kitchen display\n"
        "Comment=Starts the kitchen display at login (written by kds install-autostart)\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def systemd_unit(command: Sequence[str]) -> str:
    """The user unit that starts `command` with the graphical session and restarts it."""
    exec_line = " ".join(_systemd_quote(arg) for arg in command)
    return (
        "# Written by kds install-autostart.\n"
        "[Unit]\n"
        "Description=KDS kitchen display\n"
        "After=graphical-session.target\n"
        "PartOf=graphical-session.target\n"
        "\n"
        "[Service]\n"
        f"ExecStart={exec_line}\n"
        f'Environment="{QT_PLATFORM}"\n'
        "Restart=always\n"
        "RestartSec=3\n"
        f"RestartPreventExitStatus={NO_RESTART_EXIT}\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


def install_autostart(
    kind: AutostartKind,
    kds: Sequence[str],
    run: Sequence[str],
    env: Mapping[str, str] = os.environ,
) -> Installed:
    """Write the autostart file of `kind` for `kds` (the command) with `run` arguments."""
    if kind is AutostartKind.XDG:
        path = xdg_entry_path(env)
        text = xdg_entry([*kds, *run, "--supervise"])
        step = "kds starts at the next login (restarted if it dies); now: kds run --supervise"
    else:
        path = systemd_unit_path(env)
        text = systemd_unit([*kds, *run])
        step = "to start it now and at every login run: systemctl --user enable --now kds.service"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Installed(path, step)


def uninstall_autostart(env: Mapping[str, str] = os.environ) -> list[Path]:
    """Remove both kinds of autostart (and the unit's enable link); the paths removed."""
    unit = systemd_unit_path(env)
    candidates = [
        xdg_entry_path(env),
        unit,
        unit.parent / "graphical-session.target.wants" / unit.name,
    ]
    removed = []
    for path in candidates:
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    return removed


def _desktop_quote(arg: str) -> str:
    """One Exec argument as the Desktop Entry spec quotes it (then string-escaped)."""
    if "\n" in arg or "\r" in arg:
        raise AutostartError(f"a desktop entry cannot start a path holding a line break: {arg!r}")
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\"'\\><~|&;$*?#()`"):
        return arg
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # The spec applies string escapes (\\ for a backslash) before unquoting.
    return ('"' + quoted + '"').replace("\\", "\\\\")


def _systemd_quote(arg: str) -> str:
    if "\n" in arg or "\r" in arg:
        raise AutostartError(f"a systemd unit cannot start a path holding a line break: {arg!r}")
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg and not any(c in arg for c in " \t\"'\\;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the supervisor --------------------------------------------------------------------


def supervise(
    command: Sequence[str],
    *,
    backoff: Backoff | None = None,
    healthy_after_s: float = HEALTHY_AFTER_S,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run `command` until it exits 0 (someone closed kds) or 2 (it cannot start); after
    any other exit or a crash, log it and start it again after a growing delay.

    SIGTERM, SIGINT or SIGHUP to the supervisor is passed on to the app, whose exit code
    is then returned (a desktop logging out stops both)."""
    backoff = backoff if backoff is not None else Backoff(initial=1.0, cap=60.0)
    stop = threading.Event()
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signals = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    previous = {sig: signal.signal(sig, forward) for sig in signals}
    try:
        restarts = 0
        while True:
            started = clock()
            child = subprocess.Popen(command)
            code = child.wait()
            if code == 0 or stop.is_set():
                return code
            if code == NO_RESTART_EXIT:
                log.error("kds cannot start (exit %d): not restarting; see the message above", code)
                return code
            if clock() - started >= healthy_after_s:
                restarts = 0
            delay = backoff.delay(restarts)
            restarts += 1
            how = f"signal {-code}" if code < 0 else f"exit code {code}"
            log.warning("kds stopped (%s); restart %d in %.1f s", how, restarts, delay)
            if stop.wait(delay):
                return code
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
