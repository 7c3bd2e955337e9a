"""Errors nothing else caught — in a Qt slot, an asyncio task or callback, a thread — are
logged with their traceback and handed to the windows, so a fault never leaves a silent,
dead-looking screen."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_MAX_TEXT = 200
"""Longest error text on screen; the log has all of it."""

LoopHandler = Any
"""asyncio's exception handler: (loop, context) -> None, or None for the loop's default."""


def describe(error: BaseException) -> str:
    """One line a person can quote to support: the error's type and message."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


class UnexpectedErrors(QObject):
    """Installs the last-resort handlers while the app runs and reports what they catch.

    `raised` carries one line per error and reaches slots on the GUI thread even when the
    error happened in a worker thread (connect it to QObject methods, e.g. a window's).
    A hook that was installed before (a debugger's, pytest-qt's) still gets every error;
    the interpreter's default ones are not called, as they would only print the traceback
    the log already holds.
    """

    raised = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous_excepthook: Any = None
        self._previous_threading_hook: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._previous_loop_handler: LoopHandler = None

    def install(self) -> None:
        """Catch uncaught exceptions of the main thread (Qt slots included) and of threads."""
        if sys.excepthook == self._excepthook:
            return
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook

    def watch_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Also catch what fails unobserved on `loop`: a task nobody awaits, a callback."""
        if self._loop is loop:
            return
        self._loop = loop
        self._previous_loop_handler = loop.get_exception_handler()
        loop.set_exception_handler(self._loop_handler)

    def uninstall(self) -> None:
        """Put back the handlers found at `install` / `watch_loop` (where still ours)."""
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._threading_hook:
            threading.excepthook = self._previous_threading_hook
        loop, self._loop = self._loop, None
        if loop is not None and loop.get_exception_handler() == self._loop_handler:
            loop.set_exception_handler(self._previous_loop_handler)

    def _report(self, where: str, error: Exception, traceback: TracebackType | None) -> None:
        log.error("unexpected error in %s", where, exc_info=(type(error), error, traceback))
        self.raised.emit(describe(error))

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        if isinstance(error, Exception):  # not KeyboardInterrupt / SystemExit
            self._report("the GUI thread", error, traceback)
            if self._previous_excepthook is sys.__excepthook__:
                return
        self._previous_excepthook(kind, error, traceback)

    def _threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if isinstance(args.exc_value, Exception):
            name = args.thread.name if args.thread is not None else "?"
            self._report(f"thread {name}", args.exc_value, args.exc_traceback)
            if self._previous_threading_hook is threading.__excepthook__:
                return
        self._previous_threading_hook(args)

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, Exception):
            message = context.get("message", "no message")
            self._report(f"the event loop ({message})", error, error.__traceback__)
            if self._previous_loop_handler is None:
                return
        if self._previous_loop_handler is not None:
            self._previous_loop_handler(loop, context)
        else:  # a notice without an exception (e.g. an unclosed resource): logged as usual
            loop.default_exception_handler(context)
