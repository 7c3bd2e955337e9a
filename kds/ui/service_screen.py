"""The expo's speed-of-service screen: today's average and 90th percentile per station and
per hour, and the late count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kds.domain.schedule import clock_text
from kds.domain.service_times import ReportRow, ServiceReport
from kds.ui.cards import tr
from kds.ui.scheduled import touch_button


def row_texts(row: ReportRow) -> tuple[str, str, str, str, str, str]:
    """(what, hour, orders, average, 90th percentile, late) as the table shows them."""
    stat = row.stat
    return (
        row.name if row.station is not None else tr("Whole order"),
        tr("all day") if row.hour is None else f"{row.hour:02d}:00",
        str(stat.count),
        clock_text(stat.average) if stat.average is not None else "–",
        clock_text(stat.p90) if stat.p90 is not None else "–",
        str(stat.late),
    )


class ServiceScreen(QDialog):
    """Today's figures, from release to each station's bump and to ready (opened by the
    expo's "Speed of service" button; "Refresh" reads them again)."""

    HEADERS = ("", "Hour", "Orders", "Average", "90 %", "Late")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("service_screen")
        self.setWindowTitle(tr("Speed of service"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("QLabel { font-size: 22px; font-weight: bold; }")
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setStyleSheet("QTableWidget { font-size: 18px; }")
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.refresh_button = touch_button(tr("Refresh"), "service_refresh")
        self.close_button = touch_button(tr("Close"), "service_close")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def show_report(self, report: ServiceReport) -> None:
        self.summary_label.setText(
            tr("{day}: {orders} orders, {late} late").format(
                day=report.day.isoformat(), orders=report.orders, late=report.late
            )
        )
        self.table.setRowCount(len(report.rows))
        for r, row in enumerate(report.rows):
            for c, text in enumerate(row_texts(row)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if row.hour is None:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
