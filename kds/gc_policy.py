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
- a full collection waits for 1,000 middle-generation collections instead of 10 (and,
  as always, for the long-lived objects to have grown by a quarter): a backlog replayed
  at once no longer stops the screens over and over. bench/bench_memory.py checks that
  memory still follows the open orders over a day, not the orders seen.

Before that, while `kds run` imports its modules and restores its orders, the collector
does not run at all (`built_without_collection`): nearly all start-up makes lives as long
as the app, and collecting among them took 50-90 ms of the 0.6 s to the first paint
(a full collection and 17 middle-generation ones over the imports alone). What that left
is frozen at once. The price is the little cyclic garbage start-up makes (about 900
objects, 180 KB, the same with 200 or 500 orders restored), frozen with the rest.
"""

from __future__ import annotations

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
def settled_after_start() -> Iterator[None]:
    """Freeze what start-up built and make full collections rare, for the time of the
    `with`; then the collector is as it was (all unfrozen).

    No collection first: it would walk all start-up built (35 ms and more), which the
    first paint would wait for; start-up's little garbage is frozen with the rest.
    """
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_THRESHOLD, FULL_THRESHOLD)
    # Not how many: counting them walks them all, 5-10 ms before the first paint.
    logger.info("garbage collector: start-up objects frozen, full collections rare")
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()
