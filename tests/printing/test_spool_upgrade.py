"""A spool written by the kds before typed job payloads (schema 1) is upgraded, losing nothing.

The old file is written here as that kds wrote it (its schema, its JSON payloads with the
order as a JSON text inside); then the print service of today starts on it, with virtual
printers on real TCP sockets, and every job that was waiting comes out once, laid out right.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.domain.changes import QuantityChange, Worded
from printing.config import PrintingConfig
from printing.emulator import PrinterEmulator
from printing.jobs import ChangeJob, LateJob, TicketJob
from printing.service import SPOOL_FILE, PrintService
from printing.spooler import SCHEMA_VERSION, Spooler, SpoolError, open_spool_db

WAIT = 10.0
NOW = datetime.now(UTC)

SCHEMA_1 = """
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    printer TEXT NOT NULL,
    template TEXT NOT NULL,
    station TEXT NOT NULL DEFAULT '',
    copy INTEGER NOT NULL,
    reprint INTEGER NOT NULL DEFAULT 0,
    display_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL
        CHECK (state IN ('queued', 'sending', 'done', 'cancelled', 'failed')),
    target TEXT NOT NULL,
    resend INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    done_at TEXT,
    UNIQUE (order_id, revision, printer, template, station, copy, reprint)
);
CREATE INDEX jobs_by_target ON jobs (target, state, id);
CREATE INDEX jobs_by_order ON jobs (order_id);
CREATE INDEX jobs_by_printer ON jobs (printer, state);
CREATE INDEX jobs_by_state ON jobs (state, target);
CREATE INDEX jobs_last_done ON jobs (target, state, done_at);
CREATE TABLE print_orders (
    order_id TEXT PRIMARY KEY,
    display_id TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('printing', 'skipped', 'cancelled')),
    revision INTEGER NOT NULL,
    order_json TEXT NOT NULL,
    tickets_json TEXT NOT NULL,
    unrouted_json TEXT NOT NULL
);
CREATE INDEX print_orders_first_seen ON print_orders (first_seen_at);
CREATE INDEX print_orders_unrouted ON print_orders (first_seen_at)
    WHERE outcome = 'printing' AND unrouted_json != '[]';
PRAGMA user_version = 1;
"""


def make_order(number: int, items: list[dict[str, Any]], revision: int = 1) -> wire.Order:
    return wire.parse_order(
        {
            "id": f"webshop:{number}",
            "external_id": str(number),
            "display_id": str(number),
            "source": "webshop",
            "revision": revision,
            "created_at": (NOW - timedelta(minutes=5)).isoformat(),
            "fulfillment": {"type": "pickup", "asap": True},
            "items": items,
        }
    )


BURGER = {"line_id": "l1", "name": "Burger", "group": "grill", "quantity": "1"}
COLA = {"line_id": "l2", "name": "Cola", "group": "drinks", "quantity": "1"}


class OldSpool:
    """Writes jobs and print records the way kds wrote them with spool schema 1."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(SCHEMA_1)

    def record(self, order: wire.Order, printer: str) -> None:
        tickets = [
            {
                "printer": printer,
                "template": "kitchen",
                "station": None,
                "line_ids": [i.line_id for i in order.items],
                "copies": 1,
            }
        ]
        self.db.execute(
            "INSERT OR REPLACE INTO print_orders VALUES (?, ?, ?, 'printing', ?, ?, ?, '[]')",
            (
                order.id,
                order.display_id,
                NOW.isoformat(),
                order.revision,
                wire.dump(order),
                json.dumps(tickets),
            ),
        )

    def job(
        self,
        order: wire.Order,
        printer: str,
        kind: str,
        payload: dict[str, Any],
        state: str,
        *,
        template: str | None = None,
        confirmed: int | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO jobs (order_id, revision, printer, template, copy, display_id, kind,"
            " payload, state, target, confirmed, created_at, done_at)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                order.id,
                order.revision,
                printer,
                template or payload["template"],
                order.display_id,
                kind,
                json.dumps(payload),
                state,
                printer,
                confirmed,
                NOW.isoformat(),
                NOW.isoformat() if state == "done" else None,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def ticket_v1(order: wire.Order) -> dict[str, Any]:
    return {
        "kind": "ticket",
        "template": "kitchen",
        "order": wire.dump(order),
        "line_ids": [i.line_id for i in order.items],
        "copies": 1,
    }


def write_old_spool(path: Path) -> None:
    """What a kitchen's spool held when kds was stopped for the upgrade."""
    old = OldSpool(path)
    # #16 went into the Kitchen as the paper ran out: held, its late slip waiting.
    held = make_order(16, [BURGER])
    old.record(held, "Kitchen")
    held_id = old.job(held, "Kitchen", "ticket", ticket_v1(held), "done", confirmed=0)
    late = {
        "held_job": held_id,
        "held_kind": "ticket",
        "held_template": "kitchen",
        "held_payload": json.dumps(ticket_v1(held)),
        "since": (NOW - timedelta(minutes=2)).isoformat(),
        "problem": "paper out",
    }
    old.job(held, "Kitchen", "late", late, "queued", template=f"late:{held_id}")
    # #17 printed, then changed to two burgers: its change slip waits.
    first, second = make_order(17, [BURGER]), make_order(17, [{**BURGER, "quantity": "2"}], 2)
    old.job(first, "Kitchen", "ticket", ticket_v1(first), "done", confirmed=1)
    old.record(second, "Kitchen")
    change = {
        **ticket_v1(second),
        "kind": "change",
        "template": "change",
        "ticket_template": "kitchen",
        "prev_order": wire.dump(first),
        "prev_line_ids": ["l1"],
    }
    old.job(second, "Kitchen", "change", change, "queued")
    # #18 waits for the Bar; #19 was being sent when kds stopped.
    cola = make_order(18, [COLA])
    old.record(cola, "Bar")
    old.job(cola, "Bar", "ticket", ticket_v1(cola), "queued")
    crashed = make_order(19, [BURGER])
    old.record(crashed, "Kitchen")
    old.job(crashed, "Kitchen", "ticket", ticket_v1(crashed), "sending")
    old.db.close()


@pytest.fixture
async def printers() -> AsyncIterator[tuple[PrinterEmulator, PrinterEmulator]]:
    kitchen = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
    bar = PrinterEmulator("Bar", None, control_port=None, codepage="cp858")
    await kitchen.start()
    await bar.start()
    yield kitchen, bar
    await kitchen.stop()
    await bar.stop()


def config_for(kitchen: PrinterEmulator, bar: PrinterEmulator) -> PrintingConfig:
    return PrintingConfig.model_validate(
        {
            "printers": [
                {"name": "Kitchen", "transport": "network", "host": "127.0.0.1",
                 "port": kitchen.port},
                {"name": "Bar", "transport": "network", "host": "127.0.0.1", "port": bar.port},
            ],
            "routes": [
                {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"]},
                {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
            ],
        }
    )  # fmt: skip


class Watch:
    def __init__(self) -> None:
        self.event = asyncio.Event()

    def __call__(self) -> None:
        self.event.set()

    async def until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(WAIT):
            while not condition():
                self.event.clear()
                await self.event.wait()


def settled(service: PrintService) -> bool:
    return all(job.state in ("done", "cancelled") for job in service.jobs())


def words(emulator: PrinterEmulator, index: int) -> str:
    return " ".join(emulator.jobs[index].text.split())


async def test_jobs_queued_before_the_upgrade_print_once_after_it(
    tmp_path: Path, printers: tuple[PrinterEmulator, PrinterEmulator]
) -> None:
    kitchen, bar = printers
    write_old_spool(tmp_path / SPOOL_FILE)
    config, watch = config_for(kitchen, bar), Watch()
    service = PrintService(config, tmp_path, lambda: datetime.now(UTC), on_change=watch)
    await service.start()
    try:
        await kitchen.wait_for_jobs(3, WAIT)
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        # The order's jobs read back typed: the change slip with its diff worked out.
        (_, change) = service.jobs("webshop:17")
        assert isinstance(change.payload, ChangeJob)
        assert change.payload.changes.lines[0].details == (
            QuantityChange(before=Decimal(1), after=Decimal(2)),
        )
        # The upgraded jobs are still the order's: a cancel voids what the Kitchen printed,
        # and the ticket printed before the upgrade can be reprinted.
        (printed, _) = service.jobs("webshop:17")
        service.reprint(printed.id)
        await kitchen.wait_for_jobs(4, WAIT)
        await watch.until(lambda: settled(service))
        service.handle(make_order(17, [{**BURGER, "quantity": "2"}], 2), True, "no show", NOW)
        await kitchen.wait_for_jobs(5, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    # The held ticket's late slip first (it follows the ticket out), then the change slip,
    # then the ticket that was mid-send, marked REPRINT.
    assert words(kitchen, 0).startswith("LATE #16")
    assert "LATE: #16 above was held in the printer" in words(kitchen, 0)
    assert "(paper out)" in words(kitchen, 0)
    assert "CHANGE" in words(kitchen, 1) and "quantity 1 -> 2" in words(kitchen, 1)
    assert words(kitchen, 2).startswith("REPRINT #19") and "1 x Burger" in words(kitchen, 2)
    assert words(kitchen, 3).startswith("REPRINT #17") and "1 x Burger" in words(kitchen, 3)
    assert "VOID" in words(kitchen, 4) and "Burger" in words(kitchen, 4)
    assert "Reason: no show" in words(kitchen, 4)
    assert len(bar.jobs) == 1 and "1 x Cola" in words(bar, 0)

    # A second start finds the current schema and prints nothing again.
    with sqlite3.connect(tmp_path / SPOOL_FILE) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    raw.close()
    service = PrintService(config, tmp_path, lambda: datetime.now(UTC), on_change=watch)
    await service.start()
    try:
        for order in (make_order(18, [COLA]), make_order(19, [BURGER])):
            service.handle(order, False, None, NOW)
        assert settled(service)
        late = [job for job in service.jobs() if isinstance(job.payload, LateJob)]
        assert [job.payload.order.display_id for job in late] == ["16"]
        assert all(isinstance(job.payload, TicketJob) for job in service.jobs("webshop:19"))
    finally:
        await service.stop()
    assert (len(kitchen.jobs), len(bar.jobs)) == (5, 1)


def test_a_job_the_upgrade_cannot_read_stops_it_with_a_clear_error_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / SPOOL_FILE
    old = OldSpool(path)
    cola = make_order(18, [COLA])
    old.job(cola, "Bar", "ticket", ticket_v1(cola), "queued")
    broken = {**ticket_v1(cola), "order": '{"id": "cut off'}
    old.job(make_order(20, [COLA]), "Bar", "ticket", broken, "queued")
    old.db.close()
    with pytest.raises(SpoolError, match=r"cannot upgrade the print spool .*: job 2 \(ticket\)"):
        Spooler(path, [], lambda job, printer, banners: b"", clock=lambda: NOW)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (1,)
        assert raw.execute("SELECT payload FROM jobs WHERE id = 1").fetchone() == (
            json.dumps(ticket_v1(cola)),
        )
    raw.close()


def test_a_spool_from_the_first_spooler_gains_the_indexes_and_table_added_since(
    tmp_path: Path,
) -> None:
    path = tmp_path / SPOOL_FILE
    # The first spooler's file: the jobs and three indexes, no print records yet.
    first = SCHEMA_1[: SCHEMA_1.index("CREATE INDEX jobs_by_state")]
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.executescript(f"{first} PRAGMA user_version = 1;")
    open_spool_db(path).close()
    with contextlib.closing(sqlite3.connect(path)) as raw:
        names = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        assert {"jobs_by_state", "jobs_last_done", "print_orders", "print_orders_unrouted"} <= names
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_spool_from_a_newer_kds_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / SPOOL_FILE
    open_spool_db(path).close()
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as raw:
        raw.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(SpoolError) as info:
        Spooler(path, [], lambda job, printer, banners: b"", clock=lambda: NOW)
    assert str(info.value) == (
        f"the print spool {path} has schema version {SCHEMA_VERSION + 1}, newer than this kds "
        f"understands ({SCHEMA_VERSION}); update kds or use another data dir"
    )


async def test_a_change_slip_spooled_with_english_words_still_prints_them_after_the_upgrade(
    tmp_path: Path, printers: tuple[PrinterEmulator, PrinterEmulator]
) -> None:
    """Spool schema 3 kept a change slip's changes as English words; schema 4 keeps values.
    A slip waiting in a schema-3 file prints its words as they were, once."""
    kitchen, bar = printers
    old = OldSpool(tmp_path / SPOOL_FILE)
    old.db.executescript(
        "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        "INSERT INTO schema_version VALUES (3); PRAGMA user_version = 3;"
    )
    first, second = make_order(17, [BURGER]), make_order(17, [{**BURGER, "quantity": "2"}], 2)
    old.record(second, "Kitchen")
    item = json.loads(wire.dump(first))["items"][0]
    schema_3 = {
        "kind": "change",
        "order": json.loads(wire.dump(second)),
        "ticket_template": "kitchen",
        "line_ids": ["l1"],
        "prev_line_ids": ["l1"],
        "changes": {
            "lines": [
                {
                    "kind": "changed",
                    "before": item,
                    "after": {**item, "quantity": "2"},
                    "details": ["quantity 1 → 2"],
                }
            ],
            "order_notes_changed": ["kitchen note: Tisch wartet"],
            "fulfillment_changed": ["table: none → 7"],
        },
    }
    old.job(second, "Kitchen", "change", schema_3, "queued", template="change")
    old.db.close()
    config, watch = config_for(kitchen, bar), Watch()
    service = PrintService(config, tmp_path, lambda: datetime.now(UTC), on_change=watch)
    await service.start()
    try:
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        (change,) = service.jobs("webshop:17")
        assert isinstance(change.payload, ChangeJob)
        assert change.payload.changes.lines[0].details == (Worded(text="quantity 1 → 2"),)
    finally:
        await service.stop()
    paper = kitchen.jobs[0].text
    for words in ("CHANGE", "* quantity 1 -> 2", "kitchen note: Tisch wartet", "table: none -> 7"):
        assert words in paper, paper
    assert len(kitchen.jobs) == 1
    with contextlib.closing(sqlite3.connect(tmp_path / SPOOL_FILE)) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
