"""The Scheduled strip: orders held back until their release, each with a countdown and
"Fire now"; the monitor's time buttons (all-day, speed of service) sit at its right."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState
from kds.domain.schedule import countdown_text
from kds.ui.cards import tr

TOUCH_PX = 48
"""The smallest side of a touch target."""

_BAR_STYLE = "#scheduled_bar { background: #1c313a; } QLabel { color: #e0e0e0; font-size: 18px; }"


def touch_button(text: str, object_name: str) -> QPushButton:
    """A button a wet finger hits: at least TOUCH_PX in both directions."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setMinimumSize(TOUCH_PX, TOUCH_PX)
    button.setStyleSheet("QPushButton { font-size: 18px; font-weight: bold; padding: 6px 16px; }")
    # Never squeezed below its text by a crowded row.
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return button


class ScheduledEntry(QFrame):
    """One held order: "#12 · 18:30", the time left, and "Fire now"."""

    def __init__(self, state: OrderState, release_at: datetime, now: datetime) -> None:
        super().__init__()
        self.setObjectName("scheduled_entry")
        self.order_id = state.id
        self.release_at = release_at
        self.setStyleSheet(
            "#scheduled_entry { background: #263238; border: 1px solid #4f5b62;"
            " border-radius: 6px; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        due = state.order.fulfillment.due_at
        text = tr("#{number} · {at}").format(
            number=state.display_id, at=release_at.astimezone().strftime("%H:%M")
        )
        if due is not None:
            text += tr(" · due {at}").format(at=due.astimezone().strftime("%H:%M"))
        self.title_label = QLabel(text)
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("countdown")
        self.countdown_label.setStyleSheet("QLabel { font-weight: bold; color: #ffd54f; }")
        self.fire_button = touch_button(tr("Fire now"), "fire_now")
        row.addWidget(self.title_label)
        row.addWidget(self.countdown_label)
        row.addWidget(self.fire_button)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        self.countdown_label.setText(
            tr("in {left}").format(left=countdown_text(self.release_at, now))
        )


class ScheduledBar(QWidget):
    """The strip of one monitor: its held orders, soonest first, then its time buttons.

    The held orders it shows are those with lines on this monitor (the expo: all). Hidden
    while it has neither an order nor a button.
    """

    fire_now = Signal(str)
    """The order id whose "Fire now" was tapped."""

    def __init__(self, monitor_filter: MonitorFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduled_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(_BAR_STYLE)
        self._filter = monitor_filter
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self.title_label = QLabel()
        self._row.addWidget(self.title_label)
        # The entries scroll sideways when more wait than the width holds; the buttons at
        # the right stay in view.
        entries = QWidget()
        entries.setObjectName("scheduled_entries")
        self._entries_row = QHBoxLayout(entries)
        self._entries_row.setContentsMargins(0, 0, 0, 0)
        # Never narrower than its entries: the scroll area scrolls instead of squeezing.
        self._entries_row.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._entries_row.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidget(entries)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setStyleSheet("QScrollArea, #scheduled_entries { background: transparent; }")
        self._scroll.setFixedHeight(TOUCH_PX + 24)  # room for the scroll bar
        self._row.addWidget(self._scroll, 1)
        self._buttons: list[QAbstractButton] = []
        self.entries: dict[str, ScheduledEntry] = {}
        """Order id -> its entry, soonest first."""
        self._update_visibility()

    def add_button(self, button: QAbstractButton) -> None:
        """A time button at the strip's right (e.g. "All day")."""
        self._buttons.append(button)
        self._row.addWidget(button)
        self._update_visibility()

    def set_waiting(self, waiting: Sequence[tuple[OrderState, datetime]], now: datetime) -> None:
        """The held orders (soonest first, with their release) of which it shows its own."""
        mine = [(s, at) for s, at in waiting if self._filter.lines_of(s)]
        wanted = [(s.id, s.revision, at) for s, at in mine]
        shown = [(e.order_id, e.property("revision"), e.release_at) for e in self.entries.values()]
        if wanted != shown:
            for entry in self.entries.values():
                entry.deleteLater()
            self.entries = {}
            for state, at in mine:
                entry = ScheduledEntry(state, at, now)
                entry.setProperty("revision", state.revision)
                entry.fire_button.clicked.connect(
                    lambda _checked=False, order_id=state.id: self.fire_now.emit(order_id)
                )
                self._entries_row.insertWidget(self._entries_row.count() - 1, entry)
                self.entries[state.id] = entry
        self.title_label.setText(tr("Scheduled ({n})").format(n=len(mine)) if mine else "")
        self.title_label.setVisible(bool(mine))
        self._update_visibility()

    def tick(self, now: datetime) -> None:
        """Once a second: the countdowns."""
        for entry in self.entries.values():
            entry.tick(now)

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.entries or self._buttons))
