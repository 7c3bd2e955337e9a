"""The print service end to end: orders in, the right paper out of virtual printers, once.

Real templates, real SQLite in tmp_path, virtual printers on real TCP sockets; tests wait on
printed jobs or on the service's change callback, never on sleeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from virtual_printers import LastRoll

from kds import wire
from printing.config import PrintingConfig
from printing.emulator import Fault, PrinterEmulator
from printing.jobs import JobKind
from printing.service import PrintService, PrintServiceError

WAIT = 10.0


def now() -> datetime:
    return datetime.now(UTC)


def make_order(
    items: list[dict[str, Any]], number: int = 17, revision: int = 1, **fields: Any
) -> wire.Order:
    data: dict[str, Any] = {
        "id": f"webshop:{number}",
        "external_id": str(number),
        "display_id": str(number),
        "source": "webshop",
        "revision": revision,
        "created_at": (now() - timedelta(minutes=5)).isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": items,
    }
    data.update(fields)
    return wire.parse_order(data)


def line(line_id: str, name: str, group: str, quantity: str = "1") -> dict[str, Any]:
    return {"line_id": line_id, "name": name, "group": group, "quantity": quantity}


BURGER = line("l1", "Burger", "grill")
COLA = line("l2", "Cola", "drinks")
CAKE = line("l4", "Cake", "dessert")


@pytest.fixture
async def kitchen() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Kitchen", None, control_port=None, codepage="cp858")
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def bar() -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator("Bar", None, control_port=None, codepage="cp858")
    await emulator.start()
    yield emulator
    await emulator.stop()


def printing_config(
    kitchen: PrinterEmulator,
    bar: PrinterEmulator,
    kitchen_extra: dict[str, Any] | None = None,
    **extra: Any,
) -> PrintingConfig:
    kitchen_extra = kitchen_extra or {}
    return PrintingConfig.model_validate(
        {
            "printers": [
                {
                    "name": "Kitchen",
                    "transport": "network",
                    "host": "127.0.0.1",
                    "port": kitchen.port,
                    **kitchen_extra,
                },
                {"name": "Bar", "transport": "network", "host": "127.0.0.1", "port": bar.port},
            ],
            "routes": [
                {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"]},
                {"name": "drinks", "groups": ["drinks", "dessert"], "printers": ["Bar"]},
            ],
            "failover_after_s": 0.5,
            "retry_initial_s": 0.05,
            "retry_cap_s": 0.2,
            **extra,
        }
    )


class Watch:
    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        self.event.set()

    async def until(self, condition: Callable[[], bool], timeout: float = WAIT) -> None:
        async with asyncio.timeout(timeout):
            while not condition():
                self.event.clear()
                await self.event.wait()


async def started(config: PrintingConfig, data_dir: Path, watch: Watch) -> PrintService:
    service = PrintService(config, data_dir, now, on_change=watch)
    await service.start()
    return service


def settled(service: PrintService) -> bool:
    """Nothing queued or being sent."""
    return all(job.state in ("done", "cancelled") for job in service.jobs())


def texts(emulator: PrinterEmulator) -> list[str]:
    return [job.text for job in emulator.jobs]


def order_numbers(emulator: PrinterEmulator) -> list[str]:
    return [
        text_line.strip()
        for text in texts(emulator)
        for text_line in text.splitlines()
        if text_line.strip().startswith("#")
    ]


async def test_tickets_go_to_their_printers_once_even_when_handled_again_and_after_restart(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    config = printing_config(kitchen, bar)
    order = make_order([BURGER, COLA])
    watch = Watch()
    service = await started(config, tmp_path, watch)
    try:
        service.handle(order, False, None, now())
        service.handle(order, False, None, now())  # a replayed event
        await kitchen.wait_for_jobs(1, WAIT)
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert "1 x Burger" in kitchen.jobs[0].text and "Cola" not in kitchen.jobs[0].text
    assert "1 x Cola" in bar.jobs[0].text and "Burger" not in bar.jobs[0].text

    # Restart: the app reconciles every stored order; one never reached the spool (crash).
    lost = make_order([line("l1", "Steak", "grill")], number=18)
    service = await started(config, tmp_path, watch)
    try:
        service.handle(order, False, None, now())
        service.handle(lost, False, None, now())
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert order_numbers(kitchen) == ["#17", "#18"]
    assert order_numbers(bar) == ["#17"]
    assert not any("REPRINT" in text for text in texts(kitchen) + texts(bar))


async def test_update_prints_change_slips_only_where_something_changed(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        first = make_order([BURGER, COLA, CAKE, line("l5", "Water", "drinks")])
        service.handle(first, False, None, now())
        await kitchen.wait_for_jobs(1, WAIT)
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        # Revision 2: two burgers, no cola, fries added, the cake moves to the grill.
        second = make_order(
            [
                {**BURGER, "quantity": "2"},
                line("l3", "Fries", "grill"),
                {**CAKE, "group": "grill"},
                line("l5", "Water", "drinks"),
            ],
            revision=2,
        )
        service.handle(second, False, None, now())
        service.handle(first, False, None, now())  # an older revision: nothing
        await kitchen.wait_for_jobs(2, WAIT)
        await bar.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert len(kitchen.jobs) == 2 and len(bar.jobs) == 2  # no full reprints
    kitchen_change, bar_change = kitchen.jobs[1].text, bar.jobs[1].text
    assert "CHANGE" in kitchen_change and "#17" in kitchen_change
    assert "quantity 1 -> 2" in kitchen_change
    assert "ADDED:" in kitchen_change and "Fries" in kitchen_change and "Cake" in kitchen_change
    assert "Water" not in kitchen_change
    assert "CHANGE" in bar_change
    assert "REMOVED:" in bar_change and "Cola" in bar_change and "Cake" in bar_change
    assert "Burger" not in bar_change and "Water" not in bar_change


async def test_cancel_after_printing_sends_void_slips_to_every_printer_that_got_a_ticket(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        order = make_order([BURGER, COLA])
        service.handle(order, False, None, now())
        await watch.until(lambda: settled(service))
        service.handle(order, True, "guest left", now())
        service.handle(order, True, "guest left", now())  # repeated: nothing more
        await kitchen.wait_for_jobs(2, WAIT)
        await bar.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    for emulator, item in ((kitchen, "Burger"), (bar, "Cola")):
        assert len(emulator.jobs) == 2
        void = emulator.jobs[1].text
        assert "VOID" in void and "#17" in void and "Reason: guest left" in void
        assert item in void


async def test_cancel_before_anything_printed_prints_nothing(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    config = printing_config(kitchen, bar)
    kitchen.set_fault(Fault.PAPER_OUT)
    service = await started(config, tmp_path, watch)
    try:
        order = make_order([BURGER])
        service.handle(order, False, None, now())
        await watch.until(lambda: service.snapshot()[0].problem == "paper out")
        service.handle(order, True, None, now())
        assert [job.state for job in service.jobs(order.id)] == ["cancelled"]
        kitchen.set_fault(None)
        service.handle(make_order([line("l1", "Steak", "grill")], number=18), False, None, now())
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert order_numbers(kitchen) == ["#18"]
    assert bar.jobs == []


async def test_update_before_anything_printed_replaces_the_ticket(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    kitchen.set_fault(Fault.PAPER_OUT)
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        service.handle(make_order([BURGER]), False, None, now())
        await watch.until(lambda: service.snapshot()[0].problem == "paper out")
        service.handle(make_order([{**BURGER, "quantity": "3"}], revision=2), False, None, now())
        kitchen.set_fault(None)
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    (ticket,) = texts(kitchen)
    assert "3 x Burger" in ticket and "CHANGE" not in ticket and "(rev 2)" in ticket


async def test_unrouted_line_is_reported_not_dropped(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        service.handle(make_order([BURGER, line("l9", "Tiramisu", "sweets")]), False, None, now())
        assert service.unrouted_lines() == [("17", "Tiramisu")]
        assert watch.calls >= 1
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert "Tiramisu" not in kitchen.jobs[0].text


async def test_orders_older_than_max_age_at_first_sight_are_not_printed(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        yesterday = make_order(
            [BURGER], number=5, created_at=(now() - timedelta(hours=7)).isoformat()
        )
        service.handle(yesterday, False, None, now())
        service.handle(
            make_order(
                [{**BURGER, "quantity": "2"}],
                number=5,
                revision=2,
                created_at=(now() - timedelta(hours=7)).isoformat(),
            ),
            False,
            None,
            now(),
        )
        service.handle(make_order([BURGER], number=6), False, None, now())
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        assert service.jobs(yesterday.id) == []
    finally:
        await service.stop()
    assert order_numbers(kitchen) == ["#6"]


async def test_failover_ticket_is_laid_out_for_the_backup_with_a_banner(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    config = printing_config(kitchen, bar, kitchen_extra={"backup": "Bar"})
    kitchen.set_fault(Fault.COVER_OPEN)
    service = await started(config, tmp_path, watch)
    try:
        service.handle(make_order([BURGER]), False, None, now())
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        (state, _) = service.snapshot()
        assert state.describe(now()).startswith("Kitchen: cover open since")
        assert state.on_backup_to == "Bar"
    finally:
        await service.stop()
    ticket = bar.jobs[0].text
    assert ticket.splitlines()[0].strip() == "BACKUP FOR Kitchen"
    assert "1 x Burger" in ticket
    assert kitchen.jobs == []


async def test_printer_without_status_reports_sent_not_confirmed(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    config = printing_config(kitchen, bar, kitchen_extra={"status": False})
    service = await started(config, tmp_path, watch)
    try:
        order = make_order([BURGER])
        service.handle(order, False, None, now())
        await kitchen.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
        (job,) = service.jobs(order.id)
        assert job.confirmed is False
        assert service.snapshot()[0].describe(now()) == (
            "Kitchen: sent, not confirmed (printer gives no status)"
        )
    finally:
        await service.stop()


async def test_reprint_and_test_page(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    service = await started(printing_config(kitchen, bar), tmp_path, watch)
    try:
        order = make_order([BURGER])
        service.handle(order, False, None, now())
        await watch.until(lambda: settled(service))
        (job,) = service.jobs(order.id)
        service.reprint(job.id)
        await kitchen.wait_for_jobs(2, WAIT)
        status = await service.print_test_page("Bar")
        assert status.healthy
        await bar.wait_for_jobs(1, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert kitchen.jobs[1].text.splitlines()[0].strip() == "REPRINT"
    assert "REPRINT" not in kitchen.jobs[0].text
    assert "TEST PAGE" in bar.jobs[0].text and "Bar" in bar.jobs[0].text


async def test_receipt_document_prints_once_with_the_whole_order(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    config = printing_config(kitchen, bar, documents=[{"template": "receipt", "printers": ["Bar"]}])
    kitchen.set_fault(Fault.PAPER_OUT)
    bar.set_fault(Fault.PAPER_OUT)
    service = await started(config, tmp_path, watch)
    try:
        service.handle(make_order([BURGER, COLA]), False, None, now())
        await watch.until(lambda: service.snapshot()[1].problem == "paper out")
        # Changed before anything printed: the receipt shows the new revision, once.
        service.handle(make_order([BURGER, COLA, CAKE], revision=2), False, None, now())
        kitchen.set_fault(None)
        bar.set_fault(None)
        await bar.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    receipts = [text for text in texts(bar) if "Burger" in text]
    assert len(receipts) == 1
    assert "Cola" in receipts[0] and "Cake" in receipts[0]
    assert len(bar.jobs) == 2  # the drinks/dessert ticket and the receipt


async def test_without_change_and_void_slips_updates_reprint_in_full_and_cancels_print_nothing(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    config = printing_config(kitchen, bar, change_slips=False, void_slips=False)
    service = await started(config, tmp_path, watch)
    try:
        service.handle(make_order([BURGER, COLA]), False, None, now())
        await watch.until(lambda: settled(service))
        second = make_order([{**BURGER, "quantity": "2"}, COLA], revision=2)
        service.handle(second, False, None, now())
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
        service.handle(second, True, "no show", now())
        service.handle(make_order([BURGER], number=18), False, None, now())
        await kitchen.wait_for_jobs(3, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert order_numbers(kitchen) == ["#17", "#17", "#18"]
    assert "2 x Burger" in kitchen.jobs[1].text and "(rev 2)" in kitchen.jobs[1].text
    assert "CHANGE" not in kitchen.jobs[1].text
    assert len(bar.jobs) == 1  # the cola did not change: no second bar ticket, no void


async def test_handle_before_start_is_an_error_not_a_silent_drop(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    service = PrintService(printing_config(kitchen, bar), tmp_path, now)
    with pytest.raises(PrintServiceError):
        service.handle(make_order([BURGER]), False, None, now())


def lines_of(text: str) -> list[str]:
    return [text_line.strip() for text_line in text.splitlines()]


async def test_void_goes_to_the_cook_like_a_change_slip_naming_the_station_and_the_printer(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    watch = Watch()
    routes = [
        {"name": "grill", "groups": ["grill"], "printers": ["Kitchen"], "station": "Grill"},
        {"name": "drinks", "groups": ["drinks"], "printers": ["Bar"]},
    ]
    config = printing_config(kitchen, bar, kitchen_extra={"backup": "Bar"}, routes=routes)
    kitchen.set_fault(Fault.COVER_OPEN)
    service = await started(config, tmp_path, watch)
    try:
        # #17 and #18 come out of the Bar while the Kitchen's cover is open.
        service.handle(make_order([BURGER], number=17), False, None, now())
        service.handle(make_order([BURGER], number=18), False, None, now())
        await bar.wait_for_jobs(2, WAIT)
        # #17 is cancelled while the Kitchen is still down: its void takes the same way.
        service.handle(make_order([BURGER], number=17), True, "no show", now())
        await bar.wait_for_jobs(3, WAIT)
        void_on_bar = lines_of(bar.jobs[2].text)
        # The cover is closed: #18's change and void go to the Kitchen, where the cook is.
        kitchen.set_fault(None)
        await watch.until(lambda: service.snapshot()[0].describe(now()) == "Kitchen: ready")
        service.handle(make_order([{**BURGER, "quantity": "2"}], number=18, revision=2),
                       False, None, now())  # fmt: skip
        await kitchen.wait_for_jobs(1, WAIT)
        service.handle(make_order([{**BURGER, "quantity": "2"}], number=18, revision=2),
                       True, "guest left", now())  # fmt: skip
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    assert void_on_bar[0] == "BACKUP FOR Kitchen"
    assert "VOID" in void_on_bar and "#17" in void_on_bar and "Grill" in void_on_bar
    assert "Bar / Grill" in void_on_bar  # printed on the Bar for the Grill station
    change, void = (lines_of(job.text) for job in kitchen.jobs)
    assert "CHANGE" in change and "#18" in change
    assert "VOID" in void and "#18" in void and "Grill" in void and "Reason: guest left" in void
    assert "2 x Burger" in void and "Kitchen / Grill" in void
    assert not any("BACKUP" in line for line in change + void)
    assert len(bar.jobs) == 3  # nothing of #18's change or void on the backup


async def test_a_ticket_held_in_the_printer_prints_late_followed_by_a_late_slip(
    tmp_path: Path, bar: PrinterEmulator
) -> None:
    kitchen = LastRoll("Kitchen", None, control_port=None, codepage="cp858")
    await kitchen.start()
    moments = [now()]
    watch = Watch()
    config = printing_config(kitchen, bar, kitchen_extra={"backup": "Bar"})
    service = PrintService(config, tmp_path, lambda: moments[-1], on_change=watch)
    await service.start()
    try:
        kitchen.run_out = True
        service.handle(make_order([BURGER], display_id="G-1"), False, None, now())
        await watch.until(lambda: service.snapshot()[0].held != ())
        assert service.snapshot()[0].held_lines() == [
            "Kitchen holds #G-1 until the paper is refilled"
        ]
        assert kitchen.jobs == []
        # Five minutes later the paper is refilled: #G-1 comes out, then the slip.
        moments.append(moments[0] + timedelta(minutes=5))
        kitchen.set_fault(None)
        await kitchen.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
        assert service.snapshot()[0].held_lines() == []
        assert [job.kind for job in service.jobs()] == [JobKind.TICKET, JobKind.LATE]
    finally:
        await service.stop()
        await kitchen.stop()
    ticket, slip = (lines_of(job.text) for job in kitchen.jobs)
    assert "#G-1" in ticket and "1 x Burger" in ticket and "LATE" not in ticket
    held, back = (moment.astimezone().strftime("%H:%M") for moment in moments)
    text = " ".join(slip)
    assert slip[:2] == ["LATE", "#G-1"]
    assert f"LATE: #G-1 above was held in the printer {held}-{back} (paper out)." in text
    assert "If you have no #G-1 kitchen ticket, reprint it from the order's card." in text
    assert bar.jobs == []


async def test_loyalty_block_is_printed_only_on_documents_whose_rule_keeps_it(
    tmp_path: Path, kitchen: PrinterEmulator, bar: PrinterEmulator
) -> None:
    """One terminal shows loyalty on its receipt, the other has it switched off."""
    watch = Watch()
    config = printing_config(
        kitchen,
        bar,
        documents=[
            {"template": "receipt", "name": "Pickup receipt", "printers": ["Kitchen"]},
            {"template": "receipt", "name": "Bar receipt", "printers": ["Bar"], "loyalty": False},
        ],
    )
    loyalty = {"card": "CARD-0042", "points_before": "150", "points_after": "161"}
    service = await started(config, tmp_path, watch)
    try:
        service.handle(make_order([COLA], loyalty=loyalty), False, None, now())
        await kitchen.wait_for_jobs(1, WAIT)
        await bar.wait_for_jobs(2, WAIT)
        await watch.until(lambda: settled(service))
    finally:
        await service.stop()
    (with_block,) = texts(kitchen)
    bar_receipt = next(text for text in texts(bar) if "Thank you!" in text)
    assert "Loyalty" in with_block and "CARD-0042" in with_block and "161" in with_block
    assert "Thank you!" in with_block and "Cola" in bar_receipt
    assert "Loyalty" not in bar_receipt and "CARD-0042" not in bar_receipt
