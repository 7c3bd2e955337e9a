"""The staff windows' top-right tools: the catalog line with Sync now, and the Admin button.

Built with every staff window at start; the admin area behind the button (`kds.ui.admin_area`:
the set-up wizard, the pairing screen) loads only when it is first opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kds.ui.cards import tr
from kds.ui.sync_now import CatalogSync, SyncBar


def admin_button(parent: QWidget | None = None) -> QPushButton:
    """The staff windows' small "Admin" button (the area is behind the PIN)."""
    button = QPushButton(tr("Admin"), parent)
    button.setObjectName("admin")
    button.setStyleSheet("QPushButton { font-size: 16px; padding: 6px 14px; }")
    return button


class StaffTools(QWidget):
    """The right end of a staff window's top strip: the catalog line with Sync now, and
    the Admin button (the area is behind the PIN). The pickup board for guests has none."""

    def __init__(self, sync: CatalogSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_tools")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#staff_tools { background: #37474f; }")
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.sync = SyncBar(sync)
        self.admin = admin_button()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        row.addWidget(self.sync)
        row.addWidget(self.admin)
