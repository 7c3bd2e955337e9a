"""Blocking and asyncio calls of the wizard run in a worker thread; results come back to the
Qt thread as queued signals (one thread rule: only the Qt thread touches widgets)."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kds.errors import KdsError
from kds.ui.cards import tr
from kds.words import said

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Emitted from the worker thread; its queued connections bring the values to the Qt
    thread, where `Job` emits its own signals (so any slot, a lambda too, runs there)."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class Job(QObject):
    """One call in a worker thread. `done` carries its (frozen) result, `failed` the reason
    in words; `progress` is for calls that report (done, total). All three are emitted in
    the Qt thread."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, parent: QObject, call: Callable[[Job], Any], what: str) -> None:
        super().__init__(parent)
        self._call = call
        self._what = what
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.done.connect(self.done, queued)
        self._relay.failed.connect(self.failed, queued)
        self._relay.progress.connect(self.progress, queued)
        self._thread = threading.Thread(target=self._run, name=f"wizard: {what}", daemon=True)

    def start(self) -> Job:
        self._thread.start()
        return self

    def report(self, done: int, total: int) -> None:
        """Progress, from the worker thread."""
        self._relay.progress.emit(done, total)

    def _run(self) -> None:
        try:
            result = self._call(self)
        except KdsError as exc:  # kds's own errors say what went wrong in words
            log.info("%s failed: %s", self._what, exc)
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            self._relay.failed.emit(said(reason, tr))
        except Exception as exc:  # by outcome: every other failure is shown in words too
            log.warning("%s failed: %s", self._what, exc, exc_info=True)
            self._relay.failed.emit(str(exc) or type(exc).__name__)
        else:
            self._relay.done.emit(result)


def run_blocking(parent: QObject, what: str, call: Callable[[], Any]) -> Job:
    """Start `call()` in a worker thread."""
    return Job(parent, lambda _job: call(), what).start()


def run_async(parent: QObject, what: str, make: Callable[[], Coroutine[Any, Any, Any]]) -> Job:
    """Start the coroutine `make()` on its own event loop in a worker thread."""
    return Job(parent, lambda _job: asyncio.run(make()), what).start()


class Cancellable:
    """An asyncio call in a worker thread that can be told to stop from the Qt thread."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._lock = threading.Lock()
        self._cancelled = False

    def event(self) -> asyncio.Event:
        """Called on the worker's loop: the event `cancel()` sets."""
        with self._lock:
            self._loop = asyncio.get_running_loop()
            self._event = asyncio.Event()
            if self._cancelled:
                self._event.set()
            return self._event

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._loop is not None and self._event is not None:
                self._loop.call_soon_threadsafe(self._event.set)
