"""An error nothing caught — in a Qt slot, an asyncio task, a thread — is logged with its
traceback and shown on every monitor window; it never leaves a silent, dead-looking screen."""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
import threading
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kds.app import KdsApp, run_app
from kds.settings import ConnectorSettings, MonitorKind, MonitorSettings, Settings, Station

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 5000


def settings() -> Settings:
    return Settings(
        connector=ConnectorSettings(url="ws://127.0.0.1:9/kds", token="t"),
        stations=(Station(id="hot", name="Hot", groups=("mains",)),),
        monitors=(
            MonitorSettings(name="Kitchen", stations=("hot",), fullscreen=False),
            MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False),
        ),
    )


def banners(app: KdsApp) -> list[str]:
    return [
        w.unexpected_error_label.text() for w in app.windows if w.unexpected_error_label.isVisible()
    ]


def test_an_error_in_a_qt_slot_is_logged_and_shown_on_every_window(
    loop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = KdsApp(settings(), tmp_path)

    def broken_slot() -> None:
        raise ZeroDivisionError("the slot divided by zero")

    # pytest-qt's own hook stays in the chain: it sees the error too (and would fail the test).
    with qtbot.capture_exceptions() as exceptions:
        hook_before = sys.excepthook
        app.open()
        try:
            assert banners(app) == []
            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: len(banners(app)) == 2, timeout=WAIT_MS)
            assert (
                banners(app)
                == [
                    "Unexpected error: ZeroDivisionError: the slot divided by zero — see log;"
                    " restart KDS if this screen stops updating"
                ]
                * 2
            )
        finally:
            loop.run_until_complete(app.stop())
        assert sys.excepthook == hook_before  # put back when the app stops
    assert [str(error) for _, error, _ in exceptions] == ["the slot divided by zero"]
    logged = [r for r in caplog.records if r.getMessage() == "unexpected error in the GUI thread"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert logged[0].exc_info[0] is ZeroDivisionError


def test_the_banner_counts_errors_and_says_what_the_last_was(
    loop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    app = KdsApp(settings(), tmp_path)
    with qtbot.capture_exceptions():
        app.open()
        try:
            QTimer.singleShot(0, [].pop)
            qtbot.waitUntil(lambda: len(banners(app)) == 2, timeout=WAIT_MS)
            QTimer.singleShot(0, lambda: {}["station"])
            qtbot.waitUntil(lambda: "2 unexpected errors" in banners(app)[0], timeout=WAIT_MS)
            assert (
                banners(app)
                == [
                    "2 unexpected errors, the last: KeyError: 'station' — see log;"
                    " restart KDS if this screen stops updating"
                ]
                * 2
            )
        finally:
            loop.run_until_complete(app.stop())


def test_an_error_in_an_asyncio_task_nobody_awaits_is_shown(
    loop: qasync.QEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = KdsApp(settings(), tmp_path)

    async def scenario() -> list[str]:
        await app.start()
        shown = asyncio.Event()
        app.unexpected_errors.raised.connect(lambda _: shown.set())

        async def lost_task() -> None:
            raise RuntimeError("a task nobody awaits failed")

        asyncio.ensure_future(lost_task())  # noqa: RUF006 - the point: nobody keeps it
        await asyncio.wait_for(shown.wait(), WAIT_MS / 1000)
        return banners(app)

    try:
        shown = loop.run_until_complete(scenario())
    finally:
        loop.run_until_complete(app.stop())
    assert len(shown) == 2
    assert "RuntimeError: a task nobody awaits failed" in shown[0]
    assert any(
        r.getMessage().startswith("unexpected error in the event loop") and r.exc_info
        for r in caplog.records
    )


# pytest's own thread hook stays in the chain and sees the error too.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_error_in_a_worker_thread_reaches_the_windows_on_the_gui_thread(
    loop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    app = KdsApp(settings(), tmp_path)
    hook_before = threading.excepthook
    app.open()
    try:

        def worker() -> None:
            raise OSError("the worker lost its printer")

        # Earlier tests leave Qt objects in garbage cycles: collected in the worker thread,
        # Qt warns "Timers cannot be stopped from another thread" and the test fails on it
        # (seen once the tests before it allocate a little more). Collect on the GUI thread.
        gc.collect()
        thread = threading.Thread(target=worker, name="usb-worker")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(banners(app)) == 2, timeout=WAIT_MS)
        assert "OSError: the worker lost its printer" in banners(app)[1]
    finally:
        loop.run_until_complete(app.stop())
    assert threading.excepthook is hook_before


def test_the_app_stopping_on_an_unexpected_error_says_why_and_exits_non_zero(
    qapp: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def start_fails(self: KdsApp) -> None:
        raise RuntimeError("the wiring broke")

    monkeypatch.setattr(KdsApp, "start", start_fails)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        assert run_app(settings(), tmp_path) == 1
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        asyncio.set_event_loop(None)
    assert (
        "kds: KDS stopped on an unexpected error: RuntimeError: the wiring broke"
        " (details in the log)" in capsys.readouterr().err
    )


def test_describe_keeps_a_long_message_to_one_screen_line() -> None:
    from kds.ui.unexpected_errors import describe

    text = describe(ValueError("x" * 1000))
    assert text.startswith("ValueError: xxx") and text.endswith("…") and len(text) == 200
    assert describe(KeyboardInterrupt()) == "KeyboardInterrupt"
