"""What many tests need to run kds as a user has it: an app on a real loop, waits that end on
its signals, and the connector's HTTP API.

Importable as `harness` from every test folder (tests/conftest.py puts tests/ on the path).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from PySide6.QtCore import SignalInstance

from kds.app import AppliedListener, KdsApp
from kds.net import Backoff
from kds.settings import Settings

TOKEN = "test-token"
"""The token of the connectors these tests start."""
WAIT = 15.0
"""Upper bound for one expected change; never a sleep."""
FAST = Backoff(initial=0.05, cap=0.3, jitter=0.0)
"""Reconnects within a fraction of a second, the same way on every run."""


@asynccontextmanager
async def running(settings: Settings, data_dir: Path, **kwargs: Any) -> AsyncIterator[KdsApp]:
    """A started KdsApp with quick reconnects, stopped at the end."""
    app = KdsApp(settings, data_dir, backoff=FAST, **kwargs)
    try:
        await app.start()
        yield app
    finally:
        await app.stop()


async def until(app: KdsApp, predicate: Callable[[], bool], what: str, wait: float = WAIT) -> None:
    """Wait for `predicate()`, checked again whenever the app applied an event or its
    status (printing role, printer lines and alarms, connection) changed."""
    status = app.status
    await until_signals(
        predicate,
        what,
        status.printing_role_changed,
        status.printer_lines_changed,
        status.printer_alarms_changed,
        status.connection_changed,
        wait=wait,
        listeners=app.applied_listeners,
    )


async def until_signals(
    predicate: Callable[[], bool],
    what: str,
    *signals: SignalInstance,
    wait: float = WAIT,
    listeners: list[AppliedListener] | None = None,
) -> None:
    """Wait for `predicate()`, checked again whenever one of `signals` fires (a model's
    rowsInserted, a button's clicked...) or one of `listeners` is called (the app's
    `applied_listeners`)."""
    if predicate():
        return
    changed = asyncio.Event()

    def poke(*_: object) -> None:
        changed.set()

    for signal in signals:
        signal.connect(poke)
    if listeners is not None:
        listeners.append(poke)
    try:
        async with asyncio.timeout(wait):
            while not predicate():
                changed.clear()
                await changed.wait()
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None
    finally:
        for signal in signals:
            signal.disconnect(poke)
        if listeners is not None:
            listeners.remove(poke)


async def post(port: int, path: str, body: dict[str, Any], token: str = TOKEN) -> int:
    """POST `body` as JSON to the connector on loopback `port`; the HTTP status."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as http,
        http.post(path, json=body) as response,
    ):
        return response.status
