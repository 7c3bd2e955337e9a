"""One process per data dir: an exclusive, non-blocking flock on a lock file inside it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class DataDirLock:
    """Held from `acquire` until `release` (or the process dies: the kernel drops a flock)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path) -> DataDirLock | None:
        """Take the lock at `path`; None when another process holds it."""
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        # For a person looking at the data dir: which process holds it.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
