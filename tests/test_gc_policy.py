"""The app's garbage-collector policy: start-up frozen, cycles made later still collected."""

from __future__ import annotations

import gc

from kds.gc_policy import FULL_THRESHOLD, built_without_collection, settled_after_start


class _Cycle:
    dropped = 0

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.dropped += 1


def test_start_up_is_frozen_and_cycles_made_later_are_still_collected_by_themselves() -> None:
    before = gc.get_threshold()
    _Cycle.dropped = 0
    with settled_after_start():
        assert gc.get_freeze_count() > 0  # what start-up built is no longer walked
        assert gc.get_threshold()[2] == FULL_THRESHOLD
        for _ in range(10_000):
            _Cycle()  # garbage only the cyclic collector can free
        # No gc.collect(): the young collections found nearly all of them on their own.
        assert _Cycle.dropped >= 9_000
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_start_up_runs_no_collection_and_what_it_built_is_frozen_after() -> None:
    gc.collect()  # the cycles of earlier tests
    _Cycle.dropped = 0
    try:
        with built_without_collection():
            for _ in range(10_000):
                _Cycle()  # enough for a dozen young collections, were the collector on
            assert _Cycle.dropped == 0
        assert gc.get_freeze_count() >= 10_000  # later collections do not walk them
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    gc.collect()
    assert _Cycle.dropped == 10_000  # unfrozen (as `settled_after_start` ends), they go
