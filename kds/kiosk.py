"""Kiosk mode's screen: blanking and power saving kept off while the app runs, on X11 with
`xset`, and put back as they were when it stops."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

CommandRunner = Callable[[Sequence[str]], str]
"""Runs a command and returns its output; raises OSError when it cannot run, a
subprocess.SubprocessError when it fails or hangs."""


def run_command(command: Sequence[str]) -> str:
    done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=5)
    return done.stdout


@dataclass(frozen=True)
class Blanking:
    """The X server's screen saver and DPMS settings, as `xset q` reports them."""

    timeout: int | None
    """Seconds idle before the screen saver blanks (0: never); None when not reported."""
    cycle: int | None
    dpms: bool
    """DPMS (monitor standby/off) enabled."""

    @classmethod
    def parse(cls, report: str) -> Blanking:
        saver = re.search(r"timeout:\s*(\d+)\s+cycle:\s*(\d+)", report)
        return cls(
            timeout=int(saver.group(1)) if saver else None,
            cycle=int(saver.group(2)) if saver else None,
            dpms="DPMS is Enabled" in report,
        )

    def restore_commands(self) -> list[list[str]]:
        """The `xset` calls that put these settings back."""
        saver = (
            ["xset", "s", str(self.timeout), str(self.cycle)]
            if self.timeout is not None and self.cycle is not None
            else ["xset", "s", "default"]
        )
        return [saver, ["xset", "+dpms" if self.dpms else "-dpms"]]


class ScreenKeptOn:
    """While entered: the screen saver and DPMS off (``xset s off -dpms``); on exit the
    settings `xset q` reported before are restored.

    Only on an X11 session (Qt on ``xcb``, no Wayland session) with `xset` installed:
    elsewhere it logs why it does nothing. A failing `xset` is logged, never raised: the
    orders matter more than the screen saver."""

    def __init__(
        self,
        platform: str,
        *,
        env: Mapping[str, str] = os.environ,
        run: CommandRunner = run_command,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        self.platform = platform
        self.env = env
        self.run = run
        self.which = which
        self.saved: Blanking | None = None
        """The settings to restore; None while nothing was changed."""

    def __enter__(self) -> ScreenKeptOn:
        reason = self._why_not()
        if reason is not None:
            log.warning("kiosk: screen blanking not turned off: %s", reason)
            return self
        try:
            saved = Blanking.parse(self.run(["xset", "q"]))
            self.run(["xset", "s", "off", "-dpms"])
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("kiosk: screen blanking not turned off: xset failed: %s", exc)
            return self
        self.saved = saved
        log.info("kiosk: screen blanking and DPMS off while kds runs")
        return self

    def __exit__(self, *exc_info: object) -> None:
        saved, self.saved = self.saved, None
        if saved is None:
            return
        for command in saved.restore_commands():
            try:
                self.run(command)
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("kiosk: could not restore the screen saver (%s): %s", command, exc)
        log.info("kiosk: screen blanking settings restored")

    def _why_not(self) -> str | None:
        if self.env.get("XDG_SESSION_TYPE") == "wayland" or self.env.get("WAYLAND_DISPLAY"):
            return "a Wayland session; set the desktop's power settings to never blank"
        if self.platform != "xcb" or not self.env.get("DISPLAY"):
            return f"not an X11 display (Qt platform {self.platform!r})"
        if self.which("xset") is None:
            return "xset is not installed (Debian: apt-get install x11-xserver-utils)"
        return None
