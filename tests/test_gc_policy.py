"""The app's garbage-collector policy: start-up frozen, cycles made later still collected,
and only ever on the event loop's thread."""

from __future__ import annotations

import asyncio
import gc
import threading

from kds.gc_policy import (
    CHECK_EVERY_S,
    YOUNG_THRESHOLD,
    built_without_collection,
    collect_due,
    settled_after_start,
)


class _Cycle:
    dropped = 0

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.dropped += 1


def test_start_up_is_frozen_and_cycles_made_later_are_collected_on_the_loop() -> None:
    loop = asyncio.new_event_loop()
    _Cycle.dropped = 0
    try:
        with settled_after_start(loop):
            assert gc.get_freeze_count() > 0  # what start-up built is no longer walked
            assert not gc.isenabled()  # no collection in whichever thread allocates
            for _ in range(10_000):
                _Cycle()  # garbage only the cyclic collector can free
            assert _Cycle.dropped == 0
            # The loop runs the collections that came due: no gc.collect() here.
            loop.run_until_complete(asyncio.sleep(3 * CHECK_EVERY_S))
            assert _Cycle.dropped >= 9_000
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
    finally:
        loop.close()


def test_a_qt_object_in_a_cycle_is_freed_on_the_loop_thread_never_in_a_worker() -> None:
    """A print job's blocking send runs in a worker thread; what it allocates must not make
    the collector free a Qt object there (Qt warns "Timers cannot be stopped from another
    thread", or crashes)."""
    from PySide6.QtCore import QCoreApplication, QTimer, qInstallMessageHandler

    app = QCoreApplication.instance() or QCoreApplication([])
    assert app is not None
    freed_in: list[str] = []
    warned: list[str] = []

    class Holder:
        def __init__(self) -> None:
            self.timer = QTimer()
            self.timer.timeout.connect(self.tick)
            self.timer.start(60_000)
            self.me = self  # garbage only the cyclic collector can free

        def tick(self) -> None:
            pass

        def __del__(self) -> None:
            freed_in.append(threading.current_thread().name)

    made: list[list[int]] = []

    def allocate() -> None:
        made.extend([n] for n in range(100_000))  # would set off young collections here

    loop = asyncio.new_event_loop()
    previous = qInstallMessageHandler(lambda _kind, _context, message: warned.append(message))
    try:
        gc.collect()
        with settled_after_start(loop):
            for _ in range(50):
                Holder()
            worker = threading.Thread(target=allocate, name="print-io")
            worker.start()
            worker.join()
            assert freed_in == []
            loop.run_until_complete(asyncio.sleep(3 * CHECK_EVERY_S))
    finally:
        qInstallMessageHandler(previous)
        loop.close()
    assert freed_in == [threading.main_thread().name] * 50
    assert warned == []


def test_collect_due_runs_the_generation_python_would_have() -> None:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert collect_due() is None  # nothing due right after a full collection
        keep = [[n] for n in range(YOUNG_THRESHOLD + 10)]
        young, middle, _ = gc.get_count()
        assert young >= YOUNG_THRESHOLD
        assert collect_due() is not None
        assert gc.get_count()[:2] == (0, middle + 1)  # a young collection
        del keep
    finally:
        if enabled:
            gc.enable()


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
