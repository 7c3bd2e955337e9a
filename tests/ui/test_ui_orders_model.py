"""OrdersModel: a well-behaved Qt model, per-monitor filtering, and cards a cook can read."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from kds import wire
from kds.domain.kitchen_settings import KitchenSettings, StationTiming
from kds.domain.monitors import MonitorFilter, TimerColour
from kds.domain.orders import CANCELLED_VISIBLE_FOR, OrderState
from kds.settings import MonitorKind, MonitorSettings, Station
from kds.ui import OrderRole, OrdersModel
from kds.ui.cards import LineKind, item_lines
from kds.ui.ticket_view import card_layout
from printing.render.templating import flat_modifiers

# Fonts and metrics need a QApplication (pytest-qt's, offscreen).
pytestmark = pytest.mark.usefixtures("qapp")

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)

STATIONS = (
    Station(id="hot", name="Hot", groups=("mains",)),
    Station(id="pastry", name="Pastry", groups=("desserts",)),
    Station(id="bar", name="Bar", groups=("drinks",)),
)
KITCHEN = MonitorSettings(name="Kitchen", kind=MonitorKind.STATION, stations=("hot", "pastry"))
COUNTER = MonitorSettings(name="Counter", kind=MonitorKind.EXPO)
PICKUP = MonitorSettings(name="Board", kind=MonitorKind.PICKUP)


def make_state(
    order_id: str,
    lines: list[tuple[str, str, str]],
    created_min: float = 0,
    revision: int = 1,
    **order_fields: Any,
) -> OrderState:
    """An order created `created_min` minutes after T0 with lines (line_id, name, group)."""
    data: dict[str, Any] = {
        "id": order_id,
        "external_id": order_id,
        "display_id": order_id[-3:],
        "source": "webshop",
        "revision": revision,
        "created_at": (T0 + timedelta(minutes=created_min)).isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "items": [
            {"line_id": lid, "name": name, "group": group, "quantity": "2"}
            for lid, name, group in lines
        ],
    }
    data.update(order_fields)
    seen = T0 + timedelta(minutes=created_min)
    return OrderState(order=wire.parse_order(data), first_seen_at=seen, updated_at=seen)


def with_status(state: OrderState, **statuses: wire.OrderStatus) -> OrderState:
    merged = dict(state.status)
    merged.update({("" if k == "whole" else k): v for k, v in statuses.items()})
    return replace(state, status=MappingProxyType(merged))


def model_for(monitor: MonitorSettings, now: datetime = T0) -> OrdersModel:
    return OrdersModel(MonitorFilter.for_monitor(monitor, STATIONS), now)


def texts(model: OrdersModel, row: int) -> list[str]:
    return [line.text for line in model.index(row, 0).data(OrderRole.CARD_LINES)]


def test_model_passes_qt_model_tester_through_every_kind_of_change(qtmodeltester: Any) -> None:
    model = model_for(COUNTER)
    model.reset(
        [
            make_state("o-101", [("1", "Käsespätzle", "mains")], 0),
            make_state("o-102", [("1", "Apfelschorle", "drinks")], 1),
        ]
    )
    qtmodeltester.check(model)  # stays connected: every change below is checked too
    model.upsert(make_state("o-103", [("1", "Crème brûlée", "desserts")], 2))
    model.upsert(make_state("o-100", [("1", "Bitterballen", "mains")], -5))
    model.upsert(make_state("o-101", [("1", "Käsespätzle", "mains")], 0, revision=2))
    model.upsert(make_state("o-102", [("1", "Apfelschorle", "drinks")], 10))  # moves
    model.remove("o-103")
    model.tick(T0 + timedelta(minutes=3))
    model.apply_batch(
        [
            make_state("o-104", [("1", "Rösti", "mains")], 4),
            make_state("o-105", [("1", "Rösti", "mains")], 5),
            make_state("o-101", [("1", "Käsespätzle", "mains")], 0, revision=3),
            make_state("o-100", [("1", "Bitterballen", "mains")], 20, revision=2),  # moves
            with_status(
                make_state("o-102", [("1", "Apfelschorle", "drinks")], 10),
                whole=wire.OrderStatus.COLLECTED,
            ),
        ]
    )
    model.tick(T0 + timedelta(minutes=30))  # headers turn late
    model.reset([])

    assert model.rowCount() == 0
    assert model.rowCount(model.index(0, 0)) == 0


def test_orders_are_oldest_first_and_show_number_age_and_update_marker() -> None:
    model = model_for(COUNTER, now=T0 + timedelta(minutes=4, seconds=5))
    model.upsert(make_state("o-202", [("1", "Flammkuchen", "mains")], created_min=2))
    model.upsert(make_state("o-201", [("1", "Poffertjes", "desserts")], created_min=0))

    assert model.order_ids() == ["o-201", "o-202"]
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "#201"
    assert first.data(OrderRole.AGE) == "4:05"
    assert first.data(OrderRole.DUE) == "ASAP"
    assert first.data(OrderRole.UPDATED) is False

    model.upsert(make_state("o-201", [("1", "Poffertjes", "desserts")], 0, revision=2))
    assert model.index(0, 0).data(OrderRole.UPDATED) is True
    blocks = card_layout(model.index(0, 0).data(OrderRole.CARD)).parts[0].blocks
    assert "UPDATED · revision 2" in [b.text for b in blocks]

    model.tick(T0 + timedelta(minutes=16))
    assert model.index(0, 0).data(OrderRole.AGE) == "16:00"
    assert model.index(0, 0).data(OrderRole.TIMER_COLOUR) is TimerColour.RED


def test_station_monitor_shows_only_its_lines_and_drops_orders_its_stations_finished() -> None:
    kitchen = model_for(KITCHEN)
    counter = model_for(COUNTER)
    mixed = make_state(
        "o-301",
        [("1", "Schnitzel", "mains"), ("2", "Spezi", "drinks"), ("3", "Strudel", "desserts")],
    )
    drinks_only = make_state("o-302", [("1", "Weißbier", "drinks")], 1)
    for state in (mixed, drinks_only):
        kitchen.upsert(state)
        counter.upsert(state)

    assert kitchen.order_ids() == ["o-301"]
    assert texts(kitchen, 0) == ["2× Schnitzel", "2× Strudel"]
    assert counter.order_ids() == ["o-301", "o-302"]
    # The counter sees every line, under each station's progress.
    assert texts(counter, 0) == [
        "Hot … · Pastry … · Bar …",
        "2× Schnitzel",
        "2× Spezi",
        "2× Strudel",
    ]

    # Hot is done but pastry is not: the order stays on the kitchen screen.
    hot_ready = with_status(mixed, hot=wire.OrderStatus.READY)
    kitchen.upsert(hot_ready)
    assert kitchen.order_ids() == ["o-301"]
    # Both of the monitor's stations are done: it leaves; the counter still has it.
    both = with_status(hot_ready, pastry=wire.OrderStatus.COLLECTED)
    kitchen.upsert(both)
    counter.upsert(both)
    assert kitchen.order_ids() == []
    assert counter.order_ids() == ["o-301", "o-302"]
    assert texts(counter, 0)[0] == "Hot ✓ · Pastry ✓ · Bar …"

    # The whole order ready: off the kitchen, marked READY on the pickup board.
    board = model_for(PICKUP)
    board.upsert(mixed)
    assert board.index(0, 0).data(OrderRole.READY) is False
    board.upsert(with_status(mixed, whole=wire.OrderStatus.READY))
    assert board.index(0, 0).data(OrderRole.READY) is True
    kitchen.upsert(with_status(mixed, whole=wire.OrderStatus.READY))
    assert kitchen.order_ids() == []


def test_cancelled_order_is_shown_cancelled_then_leaves_after_its_visible_period() -> None:
    model = model_for(KITCHEN)
    state = make_state("o-401", [("1", "Raclette", "mains")])
    model.upsert(state)
    cancelled_at = T0 + timedelta(minutes=1)
    cancelled = replace(
        state, cancelled=True, cancel_reason="Gast hat storniert", cancelled_at=cancelled_at
    )
    model.upsert(cancelled)

    index = model.index(0, 0)
    assert index.data(OrderRole.CANCELLED) is True
    blocks = card_layout(index.data(OrderRole.CARD)).parts[0].blocks
    banner = next(b for b in blocks if b.text.startswith("CANCELLED"))
    assert banner.text == "CANCELLED — Gast hat storniert"
    dish = next(b for b in blocks if b.text == "2× Raclette")
    assert dish.font.strikeOut()

    model.tick(cancelled_at + CANCELLED_VISIBLE_FOR - timedelta(seconds=1))
    assert model.order_ids() == ["o-401"]
    model.tick(cancelled_at + CANCELLED_VISIBLE_FOR)
    assert model.order_ids() == []


def test_card_shows_scheduled_due_time_table_nested_modifiers_notes_and_allergens() -> None:
    due = T0 + timedelta(minutes=45)
    state = make_state(
        "o-501",
        [],
        fulfillment={
            "type": "dine_in",
            "asap": False,
            "due_at": due.isoformat(),
            "table": "12",
        },
        notes=[{"kind": "order", "text": "生日快乐 🎂"}],
        items=[
            {
                "line_id": "1",
                "name": "Zürcher Geschnetzeltes",
                "group": "mains",
                "quantity": "2",
                "modifiers": [
                    {
                        "name": "Beilage",
                        "action": "choose",
                        "quantity": "1",
                        "modifiers": [{"name": "Rösti", "action": "choose", "quantity": "1"}],
                    },
                    {"name": "Pilze", "action": "remove", "quantity": "1"},
                ],
                "notes": ["gut durch"],
                "allergens": ["Milch", "Sellerie"],
            }
        ],
    )
    model = model_for(KITCHEN)
    model.upsert(state)
    index = model.index(0, 0)

    assert index.data(OrderRole.SCHEDULED) is True
    assert index.data(OrderRole.DUE) == f"due {due.astimezone().strftime('%H:%M')}"
    assert index.data(OrderRole.FULFILMENT) == "Table 12"
    lines = index.data(OrderRole.CARD_LINES)
    assert [(line.kind, line.depth, line.text) for line in lines] == [
        (LineKind.ITEM, 0, "2× Zürcher Geschnetzeltes"),
        (LineKind.MODIFIER, 1, "› Beilage"),
        (LineKind.MODIFIER, 2, "› Rösti"),
        (LineKind.MODIFIER, 1, "− NO Pilze"),
        (LineKind.ITEM_NOTE, 1, "» gut durch"),
        (LineKind.ALLERGENS, 1, "⚠ Milch, Sellerie"),
        (LineKind.ORDER_NOTE, 0, "生日快乐 🎂"),
    ]
    blocks = card_layout(index.data(OrderRole.CARD)).parts[0].blocks
    header = [b.text for b in blocks[:2]]
    assert header[0] == "#501"
    assert "SCHEDULED" in header[1]


def test_a_modifier_says_on_the_card_what_the_ticket_prints() -> None:
    modifiers = [
        {"name": "Bacon", "action": "add", "quantity": "2", "note": "crisp"},
        {"name": "Zwiebeln", "action": "remove", "quantity": "2"},
        {"name": "Medium", "action": "choose", "quantity": "1"},
    ]
    item = {"line_id": "1", "name": "Burger", "group": "mains", "quantity": "1"}
    state = make_state("o-601", [], items=[{**item, "modifiers": modifiers}])
    card = [line.text for line in item_lines(state.order.items[0])[1:]]
    ticket = [
        row.lead.strip() + " " + row.text for row in flat_modifiers(state.order.items[0].modifiers)
    ]
    assert card == ["+ 2× Bacon (crisp)", "− 2× NO Zwiebeln", "› Medium"]
    assert ticket == ["+ 2 x Bacon (crisp)", "- 2 x NO Zwiebeln", "> Medium"]


@pytest.mark.parametrize("row", [-1, 5])
def test_model_answers_none_outside_its_rows(row: int) -> None:
    model = model_for(COUNTER)
    model.upsert(make_state("o-601", [("1", "Quiche", "mains")]))
    assert model.data(model.index(row, 0)) is None
    assert model.data(QModelIndex()) is None


def test_pickup_board_splits_numbers_into_in_preparation_and_ready(qtbot: Any) -> None:
    from kds.ui import MonitorWindow

    model = model_for(PICKUP)
    window = MonitorWindow(PICKUP, model)
    qtbot.addWidget(window)
    model.upsert(make_state("o-701", [("1", "Bitterballen", "mains")]))
    ready = with_status(
        make_state("o-702", [("1", "Poffertjes", "desserts")], 1), whole=wire.OrderStatus.READY
    )
    model.upsert(ready)
    board = window.pickup
    assert board is not None
    preparing, ready_now = board.numbers()
    assert [s.display_id for s in preparing] == ["701"]
    assert [s.display_id for s in ready_now] == ["702"]


class Shadow:
    """The rows as a view rebuilds them from the model's signals alone."""

    def __init__(self, model: OrdersModel) -> None:
        self.model = model
        self.ids = model.order_ids()
        self.inserts: list[tuple[int, int]] = []
        self.removes: list[tuple[int, int]] = []
        self.changes: list[tuple[int, int, list[int]]] = []
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._removed)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(lambda: setattr(self, "ids", model.order_ids()))

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.inserts.append((first, last))
        new = [self.model.index(r, 0).data(OrderRole.ORDER_ID) for r in range(first, last + 1)]
        self.ids[first:first] = new

    def _removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.removes.append((first, last))
        del self.ids[first : last + 1]

    def _changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        self.changes.append((top.row(), bottom.row(), list(roles)))


def test_rows_stay_sorted_and_found_by_id_through_random_inserts_moves_and_removes() -> None:
    rng = random.Random(20261123)
    model = model_for(KITCHEN)
    shadow = Shadow(model)
    held: dict[str, OrderState] = {}  # what the kitchen screen should show
    gone: set[str] = set()
    for step in range(600):
        batch: list[OrderState] = []
        for _ in range(rng.choice((1, 1, 1, 3, 12))):
            order_id = f"o-{rng.randrange(400):03d}"
            action = rng.random()
            if action < 0.15 and order_id in held:
                # Finished on both stations: leaves the kitchen screen.
                done = with_status(
                    held.pop(order_id),
                    hot=wire.OrderStatus.READY,
                    pastry=wire.OrderStatus.READY,
                )
                gone.add(order_id)
                batch.append(done)
            else:
                # New, or a new revision that may move it (another created_at).
                revision = held[order_id].revision + 1 if order_id in held else 1
                state = make_state(
                    order_id, [("1", "Rösti", "mains")], rng.randrange(90), revision=revision
                )
                held[order_id] = state
                gone.discard(order_id)
                batch.append(state)
        if step % 5 == 0:
            for state in batch:
                model.upsert(state)
        else:
            model.apply_batch(batch)
        if step % 50 == 49 and held:
            victim = rng.choice(sorted(held))
            model.remove(victim)
            del held[victim]
            gone.add(victim)

        expected = [s.id for s in sorted(held.values(), key=lambda s: (s.order.created_at, s.id))]
        assert model.order_ids() == expected
        assert shadow.ids == expected  # the signals alone rebuild the same list
        for row, order_id in enumerate(expected):
            assert model.row_of(order_id) == row
        for order_id in gone:
            assert model.row_of(order_id) == -1


def test_a_replay_batch_of_a_thousand_new_orders_is_one_insert() -> None:
    model = model_for(COUNTER)
    model.upsert(make_state("o-000", [("1", "Suppe", "mains")], -1))
    shadow = Shadow(model)
    model.apply_batch(
        make_state(f"o-{n:04d}", [("1", "Suppe", "mains")], n / 100) for n in range(1, 1001)
    )
    assert shadow.inserts == [(1, 1000)]
    assert model.rowCount() == 1001
    # Updates of neighbouring rows are one dataChanged run; a removal in between splits it.
    model.apply_batch(
        [make_state(f"o-{n:04d}", [("1", "Suppe", "mains")], n / 100, 2) for n in (3, 4, 5)]
        + [
            with_status(
                make_state("o-0010", [("1", "Suppe", "mains")], 0.1),
                whole=wire.OrderStatus.COLLECTED,
            )
        ]
    )
    assert shadow.changes == [(3, 5, [])]
    assert shadow.removes == [(10, 10)]
    assert shadow.ids == model.order_ids()


def test_states_posted_in_one_turn_of_the_event_loop_are_shown_together(qtbot: Any) -> None:
    model = model_for(COUNTER)
    shadow = Shadow(model)
    # A replay: the client handles many frames before the event loop turns again...
    for n in range(1, 50):
        model.post(make_state(f"o-{n:03d}", [("1", "Suppe", "mains")], n))
    model.post(make_state("o-007", [("1", "Suppe", "mains")], 7, revision=2))
    assert model.rowCount() == 0
    # ...and the screen gets them in one insert, each order at its newest state.
    qtbot.waitUntil(lambda: model.rowCount() == 49)
    assert shadow.inserts == [(0, 48)]
    assert model.index(6, 0).data(OrderRole.REVISION) == 2
    # A direct change first shows what was posted before it: nothing is applied out of order.
    model.post(make_state("o-050", [("1", "Suppe", "mains")], 50))
    model.upsert(make_state("o-050", [("1", "Suppe", "mains")], 50, revision=2))
    assert model.index(49, 0).data(OrderRole.REVISION) == 2
    assert shadow.inserts == [(0, 48), (49, 49)]


def test_a_tick_signals_only_the_timer_role_and_turning_headers_once() -> None:
    model = model_for(COUNTER)
    for n, minute in enumerate((0, 3, 6)):
        model.upsert(make_state(f"o-10{n}", [("1", "Suppe", "mains")], minute))
    cancelled_at = T0 + timedelta(minutes=7)
    cancelled = replace(
        make_state("o-200", [("1", "Suppe", "mains")], 8),
        cancelled=True,
        cancelled_at=cancelled_at,
    )
    model.upsert(cancelled)
    shadow = Shadow(model)
    age = int(OrderRole.AGE)
    colour = int(OrderRole.TIMER_COLOUR)

    model.tick(T0 + timedelta(minutes=4))
    assert shadow.changes == [(0, 3, [age])]  # one signal, the timer role alone

    shadow.changes.clear()
    model.tick(T0 + timedelta(minutes=5, seconds=1))  # o-100 is now over 5 minutes old
    assert shadow.changes == [(0, 0, [colour]), (0, 3, [age])]
    assert model.index(0, 0).data(OrderRole.TIMER_COLOUR) is TimerColour.AMBER

    shadow.changes.clear()
    model.tick(T0 + timedelta(minutes=5, seconds=2))  # nothing turned: the timer alone
    assert shadow.changes == [(0, 3, [age])]

    shadow.changes.clear()
    model.tick(T0 + timedelta(minutes=10, seconds=1))  # o-100 red, o-101 (3 min) amber
    assert shadow.changes == [(0, 1, [colour]), (0, 3, [age])]
    assert model.index(0, 0).data(OrderRole.TIMER_COLOUR) is TimerColour.RED

    shadow.changes.clear()
    # o-200 leaves (cancelled ten minutes ago); o-101 and o-102 turned red meanwhile.
    model.tick(cancelled_at + CANCELLED_VISIBLE_FOR + timedelta(minutes=5))
    assert shadow.removes == [(3, 3)]
    assert shadow.changes == [(1, 2, [colour]), (0, 2, [age])]
    assert model.order_ids() == ["o-100", "o-101", "o-102"]


def test_a_scheduled_order_with_only_a_due_time_counts_from_its_release() -> None:
    # Due at 18:50; the hot station's dishes take 20 minutes: released (and timed) at 18:30.
    due = T0 + timedelta(minutes=50)
    fulfillment = {"type": "pickup", "asap": False, "due_at": due.isoformat()}
    kitchen = KitchenSettings(stations={"hot": StationTiming(prep_minutes=20)})
    monitor_filter = MonitorFilter.for_monitor(COUNTER, STATIONS, kitchen)
    model = OrdersModel(monitor_filter, T0 + timedelta(minutes=25))
    model.upsert(make_state("o-602", [("1", "Schnitzel", "mains")], fulfillment=fulfillment))
    index = model.index(0, 0)
    assert index.data(OrderRole.AGE) == "−5:00"  # five minutes to its release
    model.tick(T0 + timedelta(minutes=36))
    assert index.data(OrderRole.AGE) == "6:00"  # six minutes since its release
    assert index.data(OrderRole.TIMER_COLOUR) is TimerColour.AMBER


def test_a_scheduled_order_counts_down_to_its_start_then_up_from_it() -> None:
    start = T0 + timedelta(minutes=30)
    due = start + timedelta(minutes=20)
    fulfillment = {
        "type": "pickup",
        "asap": False,
        "prepare_at": start.isoformat(),
        "due_at": due.isoformat(),
    }
    model = model_for(COUNTER, now=T0 + timedelta(minutes=17, seconds=30))
    model.upsert(make_state("o-601", [("1", "Schnitzel", "mains")], fulfillment=fulfillment))
    index = model.index(0, 0)
    assert index.data(OrderRole.AGE) == "−12:30"
    assert index.data(OrderRole.TIMER_COLOUR) is TimerColour.CALM
    model.tick(start + timedelta(minutes=6))
    assert index.data(OrderRole.AGE) == "6:00"
    assert index.data(OrderRole.TIMER_COLOUR) is TimerColour.AMBER  # 5 minutes after its start
    assert index.data(OrderRole.OVERDUE) is False
    model.tick(due + timedelta(seconds=1))
    assert index.data(OrderRole.OVERDUE) is True  # past the time promised: it flashes
