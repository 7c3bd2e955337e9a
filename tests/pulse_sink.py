"""A private PulseAudio server with a null sink: a real audio output, and no speaker.

Used by the sound process's tests and by bench/bench_sounds.py; a sound process plays
there when its environment names the server (QT_AUDIO_BACKEND=pulseaudio, PULSE_SERVER).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

MISSING = (
    "no PulseAudio server on this machine (Debian package pulseaudio, which ./run.sh"
    " installs): QtMultimedia has no audio output to play to"
)


def start_null_sink(runtime: Path) -> tuple[str, int] | None:
    """Start a server whose files live in `runtime` (made here); its address and pid, or
    None without a `pulseaudio` binary. End it with SIGTERM to the pid."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        return None
    runtime.mkdir()
    socket = runtime / "native"
    # -D returns once the daemon is up, its socket ready.
    subprocess.run(
        [
            binary,
            "-D",
            "-n",
            "--use-pid-file=yes",
            "--exit-idle-time=-1",
            "--disable-shm=yes",
            "-F",
            "/dev/null",
            "--load=module-null-sink sink_name=kds_null",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            f"--log-target=file:{runtime / 'log'}",
        ],
        check=True,
        env=os.environ | {"HOME": str(runtime), "XDG_RUNTIME_DIR": str(runtime)},
        timeout=30,
    )
    return f"unix:{socket}", int((runtime / "pulse" / "pid").read_text().strip())
