"""The display process's garbage-collector policy: start-up frozen, full collections rare.

Python's cyclic collector walks every object it tracks in a full collection. In the app
those are the objects of start-up (modules, Qt wrappers, pydantic schemas), which live as
long as the process, and the open orders. With the default thresholds a replay of 20,000
orders ran five to seven full collections, each stopping the screens for 0.1-0.4 s, and a
third of the replay's time was the collector (bench/bench_replay.py; the figures are in
docs/benchmarks.md). So, once start-up is done:

- what is alive is frozen (`gc.freeze()`): never walked again; it is still freed by its
  reference count when it goes,
- young collections run as before (700 new objects; they find the cycles made and dropped
  between two turns of the loop: a closed connection, a caught exception's traceback),
- a full collection waits for 1,000 middle-generation collections instead of 10: a
  backlog replayed at once no longer stops the screens over and over.
  bench/bench_memory.py checks that memory still follows the open orders over a day, not
  the orders seen,
- and every collection runs on the event loop's thread (the GUI thread), checked every
  `CHECK_EVERY_S`, never in whichever thread happens to allocate. Python's own collector
  runs in that thread: the print spool's blocking sends run in worker threads, and a Qt
  object in a garbage cycle (a dialog, a timer connected to a bound method) freed there
  makes Qt warn "Timers cannot be stopped from another thread", or crash.

Before that, while `kds run` imports its modules and restores its orders, the collector
does not run at all (`built_without_collection`): nearly all start-up makes lives as long
as the app, and collecting among them took 50-90 ms of the 0.6 s to the first paint
(a full collection and 17 middle-generation ones over the imports alone). What that left
is frozen at once. The price is the little cyclic garbage start-up makes (about 900
objects, 180 KB, the same with 200 or 500 orders restored), frozen with the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Iterator

logger = logging.getLogger(__name__)

YOUNG_THRESHOLD = 700
"""New tracked objects before a young collection (Python's default)."""
MIDDLE_THRESHOLD = 10
"""Young collections before a middle-generation one (Python's default)."""
FULL_THRESHOLD = 1_000
"""Middle-generation collections before a full one (Python's default is 10)."""
CHECK_EVERY_S = 0.05
"""How often the loop looks whether a generation is due (young garbage waits at most this)."""


@contextlib.contextmanager
def built_without_collection() -> Iterator[None]:
    """No collection during the `with`; what is alive at its end is frozen, so that
    the collections after it do not walk it either. The collector is then on again if it
    was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextlib.contextmanager
def settled_after_start(loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """Freeze what start-up built, make full collections rare and run every collection on
    `loop`'s thread, for the time of the `with`; then the collector is as it was (all
    unfrozen, automatic again if it was).

    No collection first: it would walk all start-up built (35 ms and more), which the
    first paint would wait for; start-up's little garbage is frozen with the rest.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()  # not in whichever thread allocates: on the loop, by `collect_due`
    collector = _LoopCollector(loop)
    # Not how many: counting them walks them all, 5-10 ms before the first paint.
    logger.info("garbage collector: start-up objects frozen, full collections rare")
    try:
        yield
    finally:
        collector.stop()
        if enabled:
            gc.enable()
        gc.unfreeze()


class _LoopCollector:
    """Runs `collect_due` on the loop every CHECK_EVERY_S until stopped."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._handle = loop.call_later(CHECK_EVERY_S, self._check)

    def _check(self) -> None:
        collect_due()
        self._handle = self._loop.call_later(CHECK_EVERY_S, self._check)

    def stop(self) -> None:
        self._handle.cancel()


def collect_due() -> int | None:
    """Run the generation Python's collector would have run by now, if any: young after
    YOUNG_THRESHOLD new objects, middle after MIDDLE_THRESHOLD young collections, full
    after FULL_THRESHOLD middle ones. A young generation as big as MIDDLE_THRESHOLD young
    collections would have taken gets the middle collection Python would have run after
    them. The number of objects found unreachable, or None when none was due."""
    young, middle, old = gc.get_count()
    if old >= FULL_THRESHOLD:
        return gc.collect(2)
    if middle >= MIDDLE_THRESHOLD or young >= MIDDLE_THRESHOLD * YOUNG_THRESHOLD:
        return gc.collect(1)
    if young >= YOUNG_THRESHOLD:
        return gc.collect(0)
    return None
