"""Sync now without a screen (`kds sync`): connect as this device, ask for the catalog, wait.

The session is the device's own (its store, its device id, the display role only), so the
connector sees no new device; events replayed on the way are stored as the app would store
them (the app's printing reconcile picks up their orders at its next start).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from kds import wire
from kds.domain.orders import Applied
from kds.errors import KdsError
from kds.net.client import KdsClient, NotConnectedError
from kds.net.state import ConnectionState, Phase, cause_words
from kds.store import KdsStore
from kds.words import N_

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0


class SyncError(KdsError):
    """No fresh catalog arrived; the message says why, in the status line's words."""


@dataclass(frozen=True)
class Synced:
    """A fresh catalog, as Sync now reports it."""

    articles: int
    groups: int
    received_at: datetime

    def describe(self, tz: tzinfo | None = None, translate: Callable[[str], str] = str) -> str:
        """E.g. "312 articles, 14 groups, 20:14" (the time in `tz`, None: local time);
        `translate` is the set-up's tr() (the CLI: English)."""
        return translate(N_("{articles} articles, {groups} groups, {time}")).format(
            articles=self.articles,
            groups=self.groups,
            time=f"{self.received_at.astimezone(tz):%H:%M}",
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def sync_catalog(
    url: str,
    token: str,
    store: KdsStore,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    clock: Callable[[], datetime] = _utc_now,
) -> Synced:
    """Ask the connector for a fresh catalog and return once this device has stored it.

    Only a catalog logged after this session's welcome counts (an older one may come in
    the replay). Raises SyncError when the token or protocol is refused, or when no
    catalog came within `timeout` seconds (with the connection's last state).
    """
    done: asyncio.Future[Synced] = asyncio.get_running_loop().create_future()
    newest_at_welcome: int | None = None
    asking: set[asyncio.Task[None]] = set()

    async def ask(client: KdsClient) -> None:
        try:
            await client.request_sync()
        except NotConnectedError as exc:
            log.info("sync request not sent (%s); asking again after reconnecting", exc)

    def on_welcome(welcome: wire.Welcome) -> None:
        nonlocal newest_at_welcome
        newest_at_welcome = welcome.last_seq
        task = asyncio.get_running_loop().create_task(ask(client))
        asking.add(task)
        task.add_done_callback(asking.discard)

    def on_applied(event: wire.Event, applied: Applied) -> None:
        received = store.catalog_received_at()
        if (
            isinstance(event, wire.Catalog)
            and newest_at_welcome is not None
            and event.seq > newest_at_welcome
            and received is not None
            and not done.done()
        ):
            done.set_result(Synced(len(event.articles), len(event.groups), received))

    def on_state(state: ConnectionState) -> None:
        if state.phase in (Phase.TOKEN_REFUSED, Phase.PROTOCOL_ERROR) and not done.done():
            done.set_exception(SyncError(_words(state)))

    client = KdsClient(
        url,
        token,
        store,
        (wire.Role.DISPLAY,),
        on_applied=on_applied,
        on_state=on_state,
        on_welcome=on_welcome,
        on_rejected=lambda seq, reason: None,
        clock=clock,
    )
    running = asyncio.create_task(client.run())
    try:
        async with asyncio.timeout(timeout):
            return await done
    except TimeoutError:
        raise SyncError(f"no catalog within {timeout:g} s ({_words(client.state)})") from None
    finally:
        await client.stop()
        await running
        for task in list(asking):
            task.cancel()
        await asyncio.gather(*asking, return_exceptions=True)


def _words(state: ConnectionState) -> str:
    """The link's state in words for the command line."""
    if state.phase is Phase.TOKEN_REFUSED:
        return "token refused by the connector"
    reason = f": {cause_words(state.detail)}" if state.detail is not None else ""
    return str(state.phase.value).replace("_", " ") + reason
