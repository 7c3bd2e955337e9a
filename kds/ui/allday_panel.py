"""The all-day panel of a station monitor: how many of each dish (and modifier) are still
to make across its released open tickets."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kds.domain.allday import AllDayCount
from kds.ui.cards import tr

PANEL_WIDTH = 320


def allday_lines(counts: Sequence[AllDayCount]) -> list[str]:
    """The panel's lines as plain text: "12× Burger", then "   3× NO Onion" under it."""
    lines: list[str] = []
    for dish in counts:
        lines.append(f"{dish.quantity_text}× {dish.name}")
        lines.extend(f"   {m.quantity_text}× {m.name}" for m in dish.modifiers)
    return lines


class AllDayPanel(QFrame):
    """The totals beside the cards (shown by the monitor's "All day" toggle)."""

    counts_changed = Signal()
    """What the panel says changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allday_panel")
        self.setFixedWidth(PANEL_WIDTH)
        self.setStyleSheet(
            "#allday_panel { background: #102027; border-left: 2px solid #37474f; }"
            " QLabel { color: #eceff1; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QLabel(tr("All day"))
        title.setStyleSheet("QLabel { font-size: 22px; font-weight: bold; }")
        layout.addWidget(title)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("allday_counts")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counts_label.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.counts_label)
        scroll.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )
        layout.addWidget(scroll, 1)
        self.lines: list[str] = []
        """What the panel says now, one plain-text line per dish or modifier."""
        self.set_counts(())

    def set_counts(self, counts: Sequence[AllDayCount]) -> None:
        lines = allday_lines(counts)
        if lines == self.lines and self.counts_label.text():
            return
        self.lines = lines
        self.counts_changed.emit()
        if not counts:
            self.counts_label.setText(
                '<span style="font-size:18px; color:#90a4ae;">' + tr("Nothing to make") + "</span>"
            )
            return
        rows = []
        for dish in counts:
            rows.append(
                '<div style="font-size:22px; font-weight:bold;">'
                f"{html.escape(dish.quantity_text)}× {html.escape(dish.name)}</div>"
            )
            rows.extend(
                '<div style="font-size:17px; color:#b0bec5; margin-left:18px;">'
                f"{html.escape(m.quantity_text)}× {html.escape(m.name)}</div>"
                for m in dish.modifiers
            )
        self.counts_label.setText("".join(rows))
