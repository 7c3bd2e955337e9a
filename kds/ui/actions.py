"""Kitchen actions on the screen: taps and keys in, `order.status` through the outbox out.

`Kitchen` holds what `kds.domain.kitchen.decide` reads (the orders as tickets, this device's
changes not yet echoed, the undo log) and queues each decision's changes in the store's
outbox before asking the client to send them. `MonitorActions` is one monitor's share: its
cards' taps, its keys, the selected card, and its action bar (Recall, the undo bar).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kds import wire
from kds.domain import kitchen
from kds.domain.acknowledge import (
    NO_CHANGES,
    ScreenChanges,
    cancellation_shown,
    places_of,
    screen_changes,
)
from kds.domain.kitchen import (
    EXPO,
    AcknowledgeCancel,
    AcknowledgeChange,
    Action,
    BumpLine,
    BumpOrder,
    Collected,
    Cue,
    Decision,
    Desk,
    HideUndo,
    PlaySound,
    Recall,
    RecordAcknowledgement,
    ShowUndo,
    Undo,
    UndoLog,
)
from kds.domain.kitchen_settings import KitchenConfig
from kds.domain.monitors import MonitorKind
from kds.domain.orders import Applied, AppliedKind, OrderState
from kds.domain.rollup import is_ready
from kds.domain.screens import recall_list
from kds.domain.tickets import OrderTimes, Ticket, advance
from kds.settings import MonitorSettings
from kds.store import KdsStore, StoreError
from kds.ui.cards import tr
from kds.ui.keymap import KeyMap
from kds.ui.orders_model import ChangesOf, KeepsCancelled, OrderRole, OrdersModel
from kds.ui.ticket_view import TicketView

log = logging.getLogger(__name__)

SAID_MS = 5000
"""How long the action bar shows an answer to a scan."""
SCAN_KEYS = frozenset({int(Qt.Key.Key_Return), int(Qt.Key.Key_Enter)})
"""What ends a scanned code."""

CLOSED_KEPT = 200
"""Collected and cancelled orders kept as tickets (the expo's recall list reads them)."""

TOUCH_PX = 64
"""Height of the action bar's buttons: well over the 48 px a wet finger needs."""

_BUTTON_STYLE = (
    "QPushButton {{ font-size: 22px; font-weight: bold; padding: 0 22px; min-height: {h}px;"
    " min-width: {w}px; background: {bg}; color: white; border-radius: 8px; }}"
)


_UNDO_TEXT: dict[Cue, Callable[[], str]] = {
    Cue.BUMP: lambda: tr("{order} done"),
    Cue.READY: lambda: tr("{order} ready"),
    Cue.RECALL: lambda: tr("{order} recalled"),
    Cue.COLLECTED: lambda: tr("{order} collected"),
    Cue.RELEASE: lambda: tr("{order} fired"),
    Cue.UNDO: lambda: tr("{order} undone"),
}
"""What the undo bar says it would take back, by the action's sound."""


class Kitchen(QObject):
    """This device's kitchen desk: decides actions, keeps them in the outbox, sends them.

    Every action's changes are stored (durably) before they are sent; they count as
    pending until their echo is stored, and `decide` reads the orders as they will be, so a
    second tap on the same card finds its bump made and does nothing.
    """

    pending_changed = Signal()
    """Orders with changes in the outbox came or went (the cards' "sending…" marks)."""
    alarm_changed = Signal()
    """Open orders with lines no station takes came or went (the expo's alarm)."""
    acknowledged = Signal(str)
    """A place acknowledged the order's changes (or its cancellation): its cards show it."""

    def __init__(
        self,
        store: KdsStore,
        config: KitchenConfig,
        clock: Callable[[], datetime],
        send: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.config = config
        self.clock = clock
        self.send = send
        """Asks the client to send the outbox (does nothing while offline)."""
        self.device_id = store.device_id
        self.tickets: dict[str, Ticket] = {}
        self.pending: tuple[wire.StatusChange, ...] = tuple(e.change for e in store.outbox())
        self.undo = UndoLog()
        self.unrouted: dict[str, str] = {}
        """Order id -> its number, for open orders with lines no station takes."""
        self._closed: deque[str] = deque()

    def restore(self, states: Iterable[OrderState]) -> None:
        """The orders the store holds at start, with the times the store kept of them."""
        states = list(states)
        kept = self.store.times_of(s.id for s in states)
        for state in states:
            self.tickets[state.id] = Ticket(state, kept.get(state.id) or _first_times(state))
            self._note_unrouted(state)

    def _note_unrouted(self, state: OrderState) -> bool:
        """Keep `unrouted` up to date for this order; whether it changed."""
        closed = state.cancelled or state.overall_status == wire.OrderStatus.COLLECTED
        stray = not closed and bool(self.config.routing.unrouted(state.order))
        if stray == (state.id in self.unrouted):
            return False
        if stray:
            self.unrouted[state.id] = state.display_id
        else:
            del self.unrouted[state.id]
        return True

    def applied(self, event: wire.Event, applied: Applied) -> None:
        """An event is stored: its order's ticket follows, and its echo leaves `pending`."""
        state = applied.state
        if state is not None and applied.kind is not AppliedKind.IGNORED:
            _, ticket = advance(self.tickets.get(state.id), event, self.clock())
            times = ticket.times if ticket is not None else _first_times(state)
            self.tickets[state.id] = Ticket(state, times)
            if state.cancelled or state.overall_status == wire.OrderStatus.COLLECTED:
                self._forget_old(state.id)
            if self._note_unrouted(state):
                self.alarm_changed.emit()
        if not self.pending:
            return
        before = self.pending
        self.pending = kitchen.settle(before, event, self.device_id)
        if self.pending != before:
            self.pending_changed.emit()

    def _forget_old(self, order_id: str) -> None:
        self._closed.append(order_id)
        while len(self._closed) > CLOSED_KEPT:
            old = self._closed.popleft()
            ticket = self.tickets.get(old)
            if ticket is not None and (
                ticket.state.cancelled or ticket.status_of(None) == wire.OrderStatus.COLLECTED
            ):
                del self.tickets[old]

    @property
    def desk(self) -> Desk:
        return Desk(self.tickets, self.pending, self.undo)

    def ticket(self, order_id: str) -> Ticket | None:
        """The order as it will be once this device's pending changes are back."""
        return self.desk.ticket(order_id, self.clock())

    def pending_orders(self) -> set[str]:
        return {change.order_id for change in self.pending}

    def act(self, action: Action) -> Decision:
        """Decide the action; queue and send its changes. An action the store cannot keep
        changes nothing (it is logged; the person sees the card unchanged and taps again)."""
        now = self.clock()
        decision = kitchen.decide(action, self.desk, self.config, now)
        if decision.changes:
            try:
                self.store.queue_changes(decision.changes, now)
            except StoreError:
                log.exception("could not keep %s in the outbox; nothing was sent", action)
                return Decision(
                    (), (kitchen.Ignored("the outbox could not be written"),), self.undo
                )
            self.pending = (*self.pending, *decision.changes)
            self.pending_changed.emit()
            self.send()
        self.undo = decision.undo
        for effect in decision.effects:
            if isinstance(effect, kitchen.Ignored):
                log.info("%s: %s", action, effect.reason)
            elif isinstance(effect, RecordAcknowledgement):
                self._record(effect)
        return decision

    def _record(self, ack: RecordAcknowledgement) -> None:
        try:
            self.store.acknowledge(ack.order_id, ack.places, ack.revision)
        except StoreError:
            log.exception("could not store the acknowledgement of %s", ack.order_id)
            return
        self.acknowledged.emit(ack.order_id)

    def keeps_for(self, stations: tuple[str, ...]) -> KeepsCancelled:
        """Whether a monitor of these stations (none: the expo) still shows a cancelled
        order: where it was being made and not finished, until acknowledged there
        (`domain.acknowledge.cancellation_shown`)."""

        def keeps(state: OrderState) -> bool:
            known = self.tickets.get(state.id)
            ticket = Ticket(state, known.times if known is not None else _first_times(state))
            try:
                acks = self.store.acknowledgements(state.id)
            except StoreError:
                log.exception("could not read the acknowledgements of %s", state.id)
                return True  # shown: never hide an order someone may be making
            return cancellation_shown(ticket, stations, self.config, acks)

        return keeps

    def changes_for(self, stations: tuple[str, ...]) -> ChangesOf:
        """What a monitor of these stations (none: the expo) shows changed on a card: the
        difference from the snapshot its places last acknowledged (the first one seen, by
        default). Asked once per card content, and only of orders updated since."""

        def changes(state: OrderState) -> ScreenChanges:
            if state.revision <= 1 or state.cancelled:
                return NO_CHANGES
            try:
                snapshots = self.store.snapshots(state.id)
                acks = self.store.acknowledgements(state.id)
            except StoreError:
                log.exception("could not read the snapshots of %s", state.id)
                return NO_CHANGES
            if not snapshots:
                return NO_CHANGES
            first = min(snapshots)
            seen = min(acks.revision(place, first) for place in places_of(stations))
            baseline = snapshots.get(seen)
            if baseline is None:
                return NO_CHANGES
            return screen_changes(baseline, state.order, stations, self.config)

        return changes

    def recall_list(self, stations: tuple[str, ...]) -> list[Ticket]:
        """The orders a monitor of these stations finished last, newest first."""
        return recall_list(self.tickets.values(), stations, self.config)

    def alarm_lines(self) -> list[str]:
        """The expo's alarm: one line per open order with lines no station takes."""
        return [
            tr(
                "Order #{number} has lines no station takes: shown on every station as"
                ' "no station" (set [kitchen] default_station or the stations\' groups)'
            ).format(number=number)
            for number in self.unrouted.values()
        ]


def _first_times(state: OrderState) -> OrderTimes:
    """An order's times as far as its stored state tells them (restored, or first seen)."""
    return OrderTimes(received_at=state.first_seen_at, cancelled_at=state.cancelled_at)


def _button(text: str, colour: str, width: int = 0) -> QPushButton:
    button = QPushButton(text)
    button.setStyleSheet(_BUTTON_STYLE.format(h=TOUCH_PX, w=width, bg=colour))
    # A bump bar's keys must reach the cards, never press a button that kept the focus.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class ActionBar(QWidget):
    """Under the cards: the Recall button and its choices, and the undo bar after a bump."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#action_bar { background: #102027; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        self.recall_button = _button(tr("Recall"), "#6a1b9a", 160)
        row.addWidget(self.recall_button)
        self.choices = QWidget()
        self.choices_row = QHBoxLayout(self.choices)
        self.choices_row.setContentsMargins(0, 0, 0, 0)
        self.choices.hide()
        row.addWidget(self.choices)
        row.addStretch(1)
        self.undo_label = QLabel()
        self.undo_label.setStyleSheet("QLabel { color: white; font-size: 22px; }")
        self.undo_button = _button(tr("Undo"), "#ef6c00", 160)
        self.undo_label.hide()
        self.undo_button.hide()
        row.addWidget(self.undo_label)
        row.addWidget(self.undo_button)


class MonitorActions(QObject):
    """One monitor's actions: taps on its cards, its keys, its selected card, its bar."""

    def __init__(
        self,
        desk: Kitchen,
        monitor: MonitorSettings,
        view: TicketView,
        bar: ActionBar,
        station_ids: tuple[str, ...],
    ) -> None:
        super().__init__(view)
        self.desk = desk
        self.monitor = monitor
        self.view = view
        self.bar = bar
        self.expo = monitor.kind is MonitorKind.EXPO
        self.stations: tuple[str, ...] = EXPO if self.expo else monitor.stations or station_ids
        self.keys = KeyMap.from_settings(monitor.keys)
        self.undo_id: int | None = None
        """The action the undo bar offers to take back."""
        self.scanned: list[str] | None = None
        """The characters of a pickup code being scanned (after the scan key), else None."""
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._hide_undo)
        view.tapped.connect(self.tap)
        view.installEventFilter(self)
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        desk.pending_changed.connect(self._show_pending)
        desk.acknowledged.connect(self._acknowledged)
        model = view.model()
        if model is not None:
            model.rowsRemoved.connect(self._selection_left)
        bar.recall_button.clicked.connect(self.toggle_recall_choices)
        bar.undo_button.clicked.connect(self.undo_last)
        self._show_pending()

    # --- taps ----------------------------------------------------------------------------

    def tap(self, order_id: str, line_id: str) -> None:
        """A tap on a card: its header bumps the order, a line bumps the line."""
        action = self.action_for(order_id, line_id)
        if action is not None:
            self.act(action)

    def action_for(self, order_id: str, line_id: str) -> Action | None:
        ticket = self.desk.ticket(order_id)
        if ticket is None:
            return None
        if ticket.state.cancelled:
            return AcknowledgeCancel(order_id, self.stations)
        model = self.view.model()
        row = model.row_of(order_id) if isinstance(model, OrdersModel) else -1
        card = model.index(row, 0).data(OrderRole.CARD) if model is not None and row >= 0 else None
        if not line_id and card is not None and card.changed:
            # The first tap on a changed card says "seen"; only the next one bumps it.
            return AcknowledgeChange(order_id, self.stations)
        if line_id:
            return BumpLine(order_id, line_id, self.stations)
        if not self.expo:
            return BumpOrder(order_id, self.stations)
        if order_id in self.desk.pending_orders():
            # The expo's header does two things in turn (ready, then collected): until the
            # first is back from the connector, a second tap is the same tap.
            log.info("expo tap on %s while its last action is on its way: ignored", order_id)
            return None
        return kitchen.expo_tap(ticket, self.desk.config)

    def act(self, action: Action) -> Decision:
        decision = self.desk.act(action)
        cues = [e.cue for e in decision.effects if isinstance(e, PlaySound)]
        for effect in decision.effects:
            match effect:
                case ShowUndo(action_id=action_id, order_id=order_id, until=until):
                    self._show_undo(action_id, order_id, until, cues[0] if cues else Cue.BUMP)
                case HideUndo(action_id=action_id) if action_id == self.undo_id:
                    self._hide_undo()
        return decision

    # --- undo ----------------------------------------------------------------------------

    def _show_undo(self, action_id: int, order_id: str, until: datetime, cue: Cue) -> None:
        ticket = self.desk.tickets.get(order_id)
        number = f"#{ticket.order.display_id}" if ticket is not None else order_id
        self.undo_id = action_id
        self.bar.undo_label.setText(_UNDO_TEXT[cue]().format(order=number))
        self.bar.undo_label.show()
        self.bar.undo_button.show()
        seconds = (until - self.desk.clock()).total_seconds()
        self._undo_timer.start(max(0, int(seconds * 1000)))

    def _hide_undo(self) -> None:
        self._undo_timer.stop()
        self.undo_id = None
        self.bar.undo_label.hide()
        self.bar.undo_button.hide()

    def undo_last(self) -> None:
        """The undo bar's button (or the undo key): take back the last action shown."""
        if self.undo_id is not None:
            self.act(Undo(self.undo_id))

    # --- recall --------------------------------------------------------------------------

    def toggle_recall_choices(self) -> None:
        """The Recall button: show (or hide) a button for each order this monitor finished
        last, newest first; a tap on one puts it back."""
        row = self.bar.choices_row
        if self.bar.choices.isVisible():
            self._clear_choices()
            return
        tickets = self.desk.recall_list(self.stations)
        if not tickets:
            label = QLabel(tr("Nothing to recall"))
            label.setStyleSheet("QLabel { color: #b0bec5; font-size: 20px; }")
            row.addWidget(label)
        for ticket in tickets:
            button = _button(f"#{ticket.order.display_id}", "#4a148c", 96)
            button.setObjectName(f"recall:{ticket.id}")
            button.clicked.connect(lambda _=False, oid=ticket.id: self.recall(oid))
            row.addWidget(button)
        self.bar.choices.show()

    def _clear_choices(self) -> None:
        row = self.bar.choices_row
        while row.count():
            item = row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bar.choices.hide()

    def recall(self, order_id: str) -> None:
        self._clear_choices()
        self.act(Recall(order_id, self.stations))

    def recall_last(self) -> None:
        """The recall key: put back the order this monitor finished last."""
        tickets = self.desk.recall_list(self.stations)
        if tickets:
            self.recall(tickets[0].id)

    # --- keys and the selected card ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.scanned is not None:
                self._scan_key(event)
                return True
            command = self.keys.command(event.key())
            if command is not None and not event.isAutoRepeat():
                self.run(command)
                return True
        return False

    def run(self, command: str) -> None:
        """One key map command ("select 3", "next", "bump"...)."""
        ids = self.shown_orders()
        selected = self.view.selected
        if command.startswith("select "):
            n = int(command.removeprefix("select ")) - 1
            if n < len(ids):
                self.select(ids[n])
        elif command in ("next", "previous") and ids:
            step = 1 if command == "next" else -1
            at = ids.index(selected) + step if selected in ids else 0
            self.select(ids[at % len(ids)])
        elif command == "bump" and ids:
            self.tap(selected if selected in ids else ids[0], "")
        elif command == "recall":
            self.recall_last()
        elif command == "undo":
            self.undo_last()
        elif command == "page":
            self.view.turn_page()
        elif command == "collected" and self.expo and selected in ids:
            ticket = self.desk.ticket(selected)
            if ticket is not None and is_ready(ticket, self.desk.config):
                self.act(Collected(selected))
        elif command == "all_day":
            toggle = self.view.window().findChild(QPushButton, "allday_toggle")
            if toggle is not None:
                toggle.click()
        elif command == "scan":
            self.scanned = []

    # --- a scanned pickup code -----------------------------------------------------------

    def _scan_key(self, event: QKeyEvent) -> None:
        """A key of the code being scanned: its character, or Return at its end."""
        if event.key() not in SCAN_KEYS:
            if event.text().isprintable():
                assert self.scanned is not None
                self.scanned.append(event.text())
            return
        code = "".join(self.scanned or ()).strip()
        self.scanned = None
        if code:
            self.collect_code(code)

    def collect_code(self, code: str) -> None:
        """The guest's pickup code (or order number) was scanned at the expo: that ready
        order is collected; otherwise the bar says why not."""
        if not self.expo:
            self._say(tr("Scan pickup codes at the expo screen"))
            return
        wanted = code.casefold()
        found = [
            ticket
            for ticket in self.desk.tickets.values()
            if not ticket.state.cancelled
            and ticket.status_of(None) != wire.OrderStatus.COLLECTED
            and wanted
            in {(ticket.order.pickup_code or "").casefold(), ticket.order.display_id.casefold()}
        ]
        if not found:
            self._say(tr("No open order with the code {code}").format(code=code))
            return
        ticket = self.desk.ticket(found[0].id)
        if ticket is None or not is_ready(ticket, self.desk.config):
            self._say(tr("#{number} is not ready yet").format(number=found[0].order.display_id))
            return
        self.act(Collected(ticket.id))

    def _say(self, text: str) -> None:
        """An answer on the action bar, for a few seconds (where the undo bar shows)."""
        self._hide_undo()
        self.bar.undo_label.setText(text)
        self.bar.undo_label.show()
        self._undo_timer.start(SAID_MS)

    def shown_orders(self) -> list[str]:
        """The orders on this monitor, oldest (first card) first."""
        model = self.view.model()
        return model.order_ids() if isinstance(model, OrdersModel) else []

    def select(self, order_id: str | None) -> None:
        """Frame this card (on its page): the keys act on it."""
        self.view.set_selected(order_id)

    def _selection_left(self) -> None:
        model = self.view.model()
        selected = self.view.selected
        if selected is not None and isinstance(model, OrdersModel) and model.row_of(selected) < 0:
            self.view.set_selected(None)

    def _acknowledged(self, order_id: str) -> None:
        """Show the card as acknowledged: without its CHANGED marks, or a cancelled one gone
        from this monitor once its stations acknowledged it."""
        model = self.view.model()
        ticket = self.desk.tickets.get(order_id)
        if isinstance(model, OrdersModel) and ticket is not None and model.row_of(order_id) >= 0:
            model.upsert(ticket.state)  # built again: from the new baseline, or gone

    def _show_pending(self) -> None:
        self.view.set_marks(dict.fromkeys(self.desk.pending_orders(), tr("sending…")))
