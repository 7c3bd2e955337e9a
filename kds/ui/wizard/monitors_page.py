"""Page 3: the stations, and a profile for each screen Qt sees (with "Identify")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizardPage,
)

from kds.domain.monitors import MonitorKind
from kds.ui.wizard.common import note, touch_button, tr
from kds.ui.wizard.draft import Draft, MonitorChoice
from kds.ui.wizard.preview import MonitorPreview

IDENTIFY_MS = 4000
"""How long "Identify" shows each screen's number."""

KINDS = (
    ("station", "Cook's screen (station)"),
    ("expo", "Expo / counter"),
    ("pickup", "Pickup board for guests"),
)


def screen_words(screen: QScreen) -> str:
    size, where = screen.size(), screen.geometry().topLeft()
    return f"{screen.name() or '?'} — {size.width()}×{size.height()} at ({where.x()}, {where.y()})"


class MonitorsPage(QWizardPage):
    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(tr("Monitors"))
        self.setSubTitle(tr("Name the stations, then choose what each screen shows."))
        self.stations = QLineEdit(", ".join(name for _, name in draft.stations))
        self.stations.setPlaceholderText(tr("stations, e.g. Grill, Cold, Bar"))
        self.stations.textChanged.connect(self._stations_changed)
        self.identify = touch_button(tr("Identify screens"))
        self.identify.clicked.connect(self.show_numbers)
        self.numbers: list[QLabel] = []
        self.kinds: list[QComboBox] = []
        self.which: list[QComboBox] = []
        self._screens = QGuiApplication.screens()
        grid = QGridLayout()
        for n, screen in enumerate(self._screens, start=1):
            kind = QComboBox()
            for value, words in KINDS:
                kind.addItem(tr(words), value)
            which = QComboBox()
            kind.currentIndexChanged.connect(self._kind_changed)
            kind.currentIndexChanged.connect(lambda _i, row=n - 1: self._picked(row))
            which.currentIndexChanged.connect(lambda _i, row=n - 1: self._picked(row))
            grid.addWidget(QLabel(f"{n}. {screen_words(screen)}"), n, 0)
            grid.addWidget(kind, n, 1)
            grid.addWidget(which, n, 2)
            self.kinds.append(kind)
            self.which.append(which)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Stations")))
        layout.addWidget(self.stations)
        layout.addWidget(self.identify)
        layout.addLayout(grid)
        layout.addWidget(
            note(tr("A station screen shows the lines of its station; expo shows whole orders."))
        )
        self.preview_title = QLabel()
        self.preview_title.setObjectName("preview_title")
        self.preview = MonitorPreview()
        self.preview.setMinimumHeight(260)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview, 1)
        self._previewed = 0
        self._filling = False
        self._earlier = {m.screen: m for m in draft.monitors}
        """What the file had for each screen (by name): the combos start there."""
        for screen, kind in zip(self._screens, self.kinds, strict=True):
            earlier = self._earlier_for(screen)
            if earlier is not None:
                kind.setCurrentIndex(max(kind.findData(earlier.kind), 0))
        self._stations_changed()
        for screen, which in zip(self._screens, self.which, strict=True):
            earlier = self._earlier_for(screen)
            if earlier is not None and earlier.station is not None:
                which.setCurrentIndex(max(which.findData(earlier.station), 0))

    def _stations_changed(self) -> None:
        self._draft.set_stations(self.stations.text())
        self._filling = True
        for which in self.which:
            current = which.currentData()
            which.clear()
            which.addItem(tr("every station"), None)
            for sid, name in self._draft.stations:
                which.addItem(name, sid)
            index = which.findData(current)
            which.setCurrentIndex(max(index, 0))
        self._filling = False
        self._kind_changed()
        self.preview_screen(self._previewed)

    def _kind_changed(self) -> None:
        for kind, which in zip(self.kinds, self.which, strict=True):
            which.setEnabled(kind.currentData() == "station")

    def _picked(self, row: int) -> None:
        if not self._filling:
            self.preview_screen(row)

    def preview_screen(self, row: int) -> None:
        """The live preview: the cards (or board) screen `row` would show, sample orders."""
        if not self.kinds:
            return
        self._previewed = row
        kind = MonitorKind(str(self.kinds[row].currentData()))
        station = self.which[row].currentData() if kind is MonitorKind.STATION else None
        self.preview.show_profile(kind, station, self._draft.stations)
        self.preview_title.setText(
            tr("Preview of screen {n}: {profile}").format(
                n=row + 1,
                profile=self.kinds[row].currentText()
                + (f" — {self.which[row].currentText()}" if kind is MonitorKind.STATION else ""),
            )
        )

    def show_numbers(self) -> None:
        """A big number on each screen, for a few seconds."""
        for n, screen in enumerate(self._screens, start=1):
            label = QLabel(str(n))
            label.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
            )
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet(
                "font-size: 240px; font-weight: bold; background: #222; color: white;"
            )
            geometry = screen.geometry()
            label.setGeometry(
                geometry.x() + geometry.width() // 2 - 200,
                geometry.y() + geometry.height() // 2 - 200,
                400,
                400,
            )
            label.show()
            self.numbers.append(label)
            QTimer.singleShot(IDENTIFY_MS, label, label.close)

    def _earlier_for(self, screen: QScreen) -> MonitorChoice | None:
        """The file's monitor on this screen (one without a screen is on the primary)."""
        found = self._earlier.get(screen.name())
        if found is None and screen == QGuiApplication.primaryScreen():
            found = self._earlier.get("")
        return found

    def _kept(self, screen: QScreen, kind: str, station: str | None) -> dict[str, Any]:
        """The file's other keys of this screen's monitor; its name only while the screen
        shows what it showed."""
        earlier = self._earlier_for(screen)
        if earlier is None:
            return {}
        kept = dict(earlier.kept)
        if (earlier.kind, earlier.station) != (kind, station):
            kept.pop("name", None)
        return kept

    def validatePage(self) -> bool:
        self._draft.set_stations(self.stations.text())
        choices = []
        for screen, kind, which in zip(self._screens, self.kinds, self.which, strict=True):
            value = str(kind.currentData())
            station = which.currentData() if value == "station" else None
            choices.append(
                MonitorChoice(screen.name(), value, station, self._kept(screen, value, station))
            )
        self._draft.monitors = choices
        return True
