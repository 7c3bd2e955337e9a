"""A real KdsClient whose store SIGKILLs its own process at one point of one event's delivery.

Run as ``python tests/integration/crashing_device.py --url U --token T --data-dir D
--kill-at N --point before-store|after-store|after-ack``. It wraps the real store (no
product test hooks). The client stores a batch of events in one commit, so the points are
those of the batch holding event N: ``before-store`` dies when it is to be stored, before
anything of it is written; ``after-store`` dies right after its commit, before any of it
reaches `on_applied` or is acked; ``after-ack`` dies at the first batch after N, so event N
was stored and acked. It prints ``applied seq=S`` for every event it applies and
``crashing at seq=S point=P batch=F-L`` (the batch's first and last seq) before dying.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from kds import wire
from kds.domain.orders import Applied
from kds.net import ConnectionState, KdsClient
from kds.store import KdsStore, open_store

POINTS = ("before-store", "after-store", "after-ack")


class CrashingStore:
    """The real KdsStore, except that apply_batch() kills the process at the chosen point."""

    def __init__(self, store: KdsStore, kill_at: int, point: str) -> None:
        self._store = store
        self._kill_at = kill_at
        self._point = point

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _crash(self, seq: int, seqs: list[int]) -> None:
        batch = f"{seqs[0]}-{seqs[-1]}"
        print(f"crashing at seq={seq} point={self._point} batch={batch}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def apply_batch(self, events: Iterable[tuple[wire.Event, str]], now: datetime) -> list[Applied]:
        batch = list(events)
        seqs = [event.seq for event, _raw in batch]
        if self._point == "before-store" and self._kill_at in seqs:
            self._crash(self._kill_at, seqs)
        later = [seq for seq in seqs if seq > self._kill_at]
        if self._point == "after-ack" and later:
            self._crash(later[0], seqs)  # the ack of every seq up to kill_at went out before
        applied = self._store.apply_batch(batch, now)
        if self._point == "after-store" and self._kill_at in seqs:
            self._crash(self._kill_at, seqs)
        return applied


async def _run(args: argparse.Namespace) -> None:
    def on_applied(event: wire.Event, applied: Applied) -> None:
        order = applied.state.id if applied.state is not None else "-"
        print(f"applied seq={event.seq} order={order} kind={applied.kind.name}", flush=True)

    def on_state(state: ConnectionState) -> None:
        print(f"connection: {state}", flush=True)

    def on_welcome(welcome: wire.Welcome) -> None:
        print(f"welcome last_seq={welcome.last_seq}", flush=True)

    def on_rejected(seq: int | None, reason: str) -> None:
        print(f"rejected seq={seq}: {reason}", flush=True)

    with open_store(Path(args.data_dir), args.name) as store:
        crashing = CrashingStore(store, args.kill_at, args.point)
        client = KdsClient(
            args.url,
            args.token,
            crashing,  # type: ignore[arg-type]  # duck-typed wrapper around the real store
            (wire.Role.DISPLAY,),
            on_applied=on_applied,
            on_state=on_state,
            on_welcome=on_welcome,
            on_rejected=on_rejected,
        )
        try:
            await client.run()
        finally:
            await client.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--name", default="Crashing")
    parser.add_argument("--kill-at", type=int, required=True)
    parser.add_argument("--point", choices=POINTS, required=True)
    asyncio.run(_run(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
