"""The device's disk fails mid-stream: it stops acking, says why, and loses nothing.

A real connector on loopback sends orders to a real device client; then the device's
SQLite store cannot write, as on a full or read-only disk. The suite runs as any user
(root ignores a read-only `chmod`), so the store's own connection is made to fail:
``PRAGMA max_page_count`` at the current size is a full disk (SQLITE_FULL), ``PRAGMA
query_only`` a read-only one (SQLITE_READONLY): the same errors the store gets from a real
disk, through the same code.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from suite_tally import Tally

from kds.connector.server import ConnectorServer
from kds.net import Cause, Phase
from kds.net.state import cause_words
from kds.ui.connection import describe_connection

from .links import T0, TOKEN, WAIT, order_dict, running_device

Pragma = Callable[[sqlite3.Connection], object]
# name: (break the disk, mend it, a word SQLite's error says)
FAULTS: dict[str, tuple[Pragma, Pragma, str]] = {
    "full": (
        lambda c: c.execute(
            f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}"
        ),
        lambda c: c.execute("PRAGMA max_page_count = 1073741823"),
        "full",
    ),
    "read-only": (
        lambda c: c.execute("PRAGMA query_only = ON"),
        lambda c: c.execute("PRAGMA query_only = OFF"),
        "readonly",
    ),
}  # fmt: skip


def big_order(n: int) -> dict[str, Any]:
    """An order that needs new pages in the store (a long kitchen note)."""
    order = order_dict(f"web:{n}")
    order["notes"] = [{"kind": "kitchen", "text": f"note {n} " + "x" * 20_000}]
    return order


@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_a_device_whose_disk_fails_stops_acking_says_why_and_loses_nothing(
    tmp_path: Path, tally: Tally, fault: str
) -> None:
    break_disk, mend_disk, words = FAULTS[fault]
    server = ConnectorServer(tmp_path / "connector", TOKEN)
    await server.start()
    changed = asyncio.Condition()
    wakers: set[asyncio.Task[None]] = set()

    async def notify() -> None:
        async with changed:
            changed.notify_all()

    def on_change() -> None:  # a device callback (plain function) wakes the test
        task = asyncio.get_running_loop().create_task(notify())
        wakers.add(task)
        task.add_done_callback(wakers.discard)

    async def until(condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT), changed:
            await changed.wait_for(condition)

    base = f"http://127.0.0.1:{server.port}"
    ws = f"ws://127.0.0.1:{server.port}/kds"
    try:
        async with (
            aiohttp.ClientSession(base, headers={"Authorization": f"Bearer {TOKEN}"}) as http,
            running_device(tmp_path / "device", ws, on_change=on_change) as device,
        ):

            async def post(n: int) -> int:
                async with http.post("/orders", json=big_order(n)) as response:
                    assert response.status == 202, await response.text()
                    return int((await response.json())["seq"])

            async def acked() -> int | None:
                async with http.get("/health") as response:
                    rows = (await response.json())["devices"]
                return next(
                    (r["last_acked_seq"] for r in rows if r["device_id"] == device.store.device_id),
                    None,
                )

            async def acked_reaches(seq: int) -> None:
                # The ack follows the stored event by one message: ask until it is there.
                async with asyncio.timeout(WAIT):
                    while await acked() != seq:
                        pass

            first = await post(1)
            await until(lambda: first in device.applied)
            await acked_reaches(first)

            # The disk fails; orders keep coming.
            conn: sqlite3.Connection = device.store._conn  # the store's own connection
            break_disk(conn)
            tally.disk_faults += 1
            seqs = [await post(n) for n in range(2, 7)]
            sessions = len(device.states)
            await until(
                lambda: (
                    sum(
                        1
                        for s in device.states
                        if s.detail is not None and s.detail.cause is Cause.CANNOT_STORE
                    )
                    >= 1
                    and len(device.states) >= sessions + 3
                )  # it tried again, more than once
            )
            state = next(s for s in reversed(device.states) if s.phase is Phase.RECONNECTING)
            assert state.detail is not None and state.detail.cause is Cause.CANNOT_STORE
            assert cause_words(state.detail).startswith("cannot store events: ")
            assert words in cause_words(state.detail).replace(" ", "").lower()
            # The status line staff read on the monitor.
            line = describe_connection(state, UTC)
            assert line.startswith("reconnecting since 18:00:00 (cannot store events: "), line
            assert await acked() == first  # not one ack for what was not stored
            assert device.applied == [first]

            # The disk is back: everything arrives, once, and is acked.
            mend_disk(conn)
            await until(lambda: all(seq in device.applied for seq in seqs))
            await acked_reaches(seqs[-1])
            await until(lambda: device.client.state.phase is Phase.CONNECTED)
            held = [o.id for o in device.store.orders(now=T0)]
            expected = [f"web:{n}" for n in range(1, 7)]
            tally.orders_checked += len(expected)
            tally.lost += len(set(expected) - set(held))
            tally.doubled += len(held) - len(set(held))
            assert sorted(held) == sorted(expected)
            assert device.applied == [first, *seqs]  # each applied once, in order
            assert device.store.rejected_count() == 0  # none skipped for the disk's sake
    finally:
        await server.stop()
