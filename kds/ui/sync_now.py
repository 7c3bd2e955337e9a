"""Sync now on the running app: ask the app's own connection for the catalog and say what came.

The app has one session per device; a second one (as `kds sync` opens) would replace it, so
the button asks through the running client (`KdsClient.request_sync`) and waits for the next
catalog the app stores. Every catalog, asked for or arriving by itself, updates the line
each staff window shows ("Catalog 20:14 · 312 articles, 14 groups").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kds.net.sync import Synced

log = logging.getLogger(__name__)

SYNC_TIMEOUT_S = 30.0


def tr(text: str) -> str:
    return QCoreApplication.translate("kds", text)


class CatalogSync(QObject):
    """One per app: the Sync now state every staff window shows.

    `request` sends the app's sync request (raises when not connected); the app calls
    `catalog_arrived` for each catalog it stored, with the route problems it found."""

    changed = Signal()
    """`busy`, `result` or `last_received` changed."""

    def __init__(
        self,
        request: Callable[[], Awaitable[None]],
        *,
        timeout: float = SYNC_TIMEOUT_S,
    ) -> None:
        super().__init__()
        self._request = request
        self._timeout = timeout
        self._waiting: list[asyncio.Future[Synced]] = []
        self._task: asyncio.Task[None] | None = None
        self.busy = False
        self.result = ""
        """The last Sync now's answer ("" before the first)."""
        self.last_received = tr("No catalog received yet")

    def show_stored(self, articles: int, groups: int, received_at: datetime | None) -> None:
        """At start: the catalog the store holds."""
        if received_at is not None:
            self.last_received = self._words(Synced(articles, groups, received_at))
            self.changed.emit()

    def catalog_arrived(self, synced: Synced, problems: Sequence[str]) -> None:
        """A catalog was stored (asked for or not); the route problems it shows up."""
        self.last_received = self._words(synced)
        if problems:
            self.last_received += " · " + tr("{n} route problem(s)").format(n=len(problems))
        for future in self._waiting:
            if not future.done():
                future.set_result(synced)
        self._waiting.clear()
        if self.busy:
            self._finish(synced.describe(), problems)
        else:
            self.result = ""
        self.changed.emit()

    def _words(self, synced: Synced) -> str:
        return tr("Catalog {time} · {articles} articles, {groups} groups").format(
            time=f"{synced.received_at.astimezone():%H:%M}",
            articles=synced.articles,
            groups=synced.groups,
        )

    def start(self) -> None:
        """The button: ask, and show the answer when it comes (one request at a time)."""
        if self.busy:
            return
        waiting = self._begin()
        self._task = asyncio.get_running_loop().create_task(self._run(waiting))

    async def _run(self, waiting: asyncio.Future[Synced]) -> None:
        with contextlib.suppress(Exception):  # _wait shows every failure as the answer
            await self._wait(waiting)

    async def fetch(self) -> Synced:
        """Ask for the catalog and return it once the app stored it; on a failure (not
        connected, no catalog within the timeout) the answer says why and it raises. The
        wizard's routes page uses this too."""
        return await self._wait(self._begin())

    def _begin(self) -> asyncio.Future[Synced]:
        future: asyncio.Future[Synced] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        self.busy = True
        self.result = tr("asking the connector for the catalog…")
        self.changed.emit()
        return future

    async def _wait(self, future: asyncio.Future[Synced]) -> Synced:
        try:
            await self._request()
            async with asyncio.timeout(self._timeout):
                return await future
        except Exception as exc:
            if isinstance(exc, TimeoutError):
                exc = TimeoutError(tr("no catalog within {n:g} s").format(n=self._timeout))
            reason = str(exc) or type(exc).__name__
            log.warning("Sync now failed: %s", reason)
            self._finish(tr("Sync failed: {reason}").format(reason=reason), ())
            self.changed.emit()
            raise exc from None
        finally:
            if future in self._waiting:
                self._waiting.remove(future)

    def _finish(self, words: str, problems: Sequence[str]) -> None:
        self.busy = False
        self.result = "\n".join([words, *problems])
        """The answer, then one line per route problem."""


class SyncBar(QWidget):
    """On a staff window's top strip: when the catalog came, and the Sync now button; a
    click shows progress, then the answer (with any route whose group disappeared)."""

    def __init__(self, sync: CatalogSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self.setObjectName("sync_bar")
        self.label = QLabel()
        self.label.setObjectName("catalog")
        self.label.setStyleSheet("QLabel { color: white; font-size: 15px; padding: 0 8px; }")
        self.label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        self.button = QPushButton(tr("Sync now"))
        self.button.setObjectName("sync_now")
        self.button.setStyleSheet("QPushButton { font-size: 16px; padding: 6px 14px; }")
        self.button.clicked.connect(sync.start)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        sync.changed.connect(self._show)
        self._show()

    def _show(self) -> None:
        sync = self._sync
        self.button.setEnabled(not sync.busy)
        self.label.setText(sync.result or sync.last_received)


def wizard_sync(
    sync: CatalogSync,
    catalog: Callable[[], tuple[list[tuple[str, str]], list[tuple[str, str, str | None]]]],
    loop: asyncio.AbstractEventLoop,
) -> Callable[[str, str], tuple[str, list[tuple[str, str]], list[tuple[str, str, str | None]]]]:
    """The set-up wizard's Sync now inside the running app (its routes page calls it in a
    worker thread): the app's connection fetches, the app's store gives the groups and
    articles. The wizard's URL and token are not used: the app stays on the connector it
    runs with."""

    async def fetch() -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str | None]]]:
        synced = await sync.fetch()
        return (synced.describe(), *catalog())

    def call(
        _url: str, _token: str
    ) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str | None]]]:
        return asyncio.run_coroutine_threadsafe(fetch(), loop).result(SYNC_TIMEOUT_S + 5)

    return call
