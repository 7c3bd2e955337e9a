"""The admin area, opened from a staff window's "Admin" button behind the PIN pad: the set-up
wizard and the pairing screen. Kitchen staff without the PIN see only their screens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from kds.admin import has_pin
from kds.settings import Settings
from kds.ui.admin_pin import AdminGate, PinPad
from kds.ui.pairing_screen import PairingScreen
from kds.ui.wizard import SetupWizard
from kds.ui.wizard.common import STYLE, note, touch_button
from kds.ui.wizard.routes_page import Sync

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdminContext:
    """What the admin area works on: the running app's settings, its config file and data
    dir, its device id (the store is the app's, so the wizard does not open it) and the
    wizard's Sync now through the app's connection."""

    settings: Settings
    config_path: Path
    data_dir: Path
    device_id: str
    sync: Sync
    restart: Callable[[], None] | None = None
    """Ends the app run so that it starts again with the saved config (None: not offered)."""


class AdminArea(QDialog):
    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.wizard: SetupWizard | None = None
        self.pairing: PairingScreen | None = None
        self.setWindowTitle(self.tr("Admin"))
        self.setStyleSheet(STYLE)
        self.setup = touch_button(self.tr("Set-up wizard"))
        self.setup.clicked.connect(self.open_wizard)
        self.pair = touch_button(self.tr("Pairing and devices"))
        self.pair.clicked.connect(self.open_pairing)
        self.state = note()
        self.state.setObjectName("state")
        self.restart = touch_button(self.tr("Restart KDS now"))
        self.restart.hide()
        if context.restart is not None:
            self.restart.clicked.connect(context.restart)
        close = touch_button(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        if not has_pin(context.settings):
            layout.addWidget(
                note(
                    self.tr(
                        "No admin PIN is set: anyone can open this area. Set one on the"
                        " set-up wizard's last page (or with: kds admin set-pin)."
                    )
                )
            )
        layout.addWidget(self.setup)
        layout.addWidget(self.pair)
        layout.addWidget(self.state)
        layout.addWidget(self.restart)
        layout.addStretch(1)
        layout.addWidget(close)

    def open_wizard(self) -> None:
        """The set-up wizard on this device's config; what it saves applies at the next start."""
        c = self._context
        wizard = SetupWizard(c.config_path, c.data_dir, device_id=lambda: c.device_id, sync=c.sync)
        wizard.setParent(self, wizard.windowFlags())
        wizard.resize(1024, 768)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.open()

    def _wizard_closed(self) -> None:
        if self.wizard is not None and self.wizard.summary.saved:
            self.state.setText(
                self.tr("Saved to {path}. Restart KDS to use the new settings.").format(
                    path=self._context.config_path
                )
            )
            self.restart.setVisible(self._context.restart is not None)

    def open_pairing(self) -> None:
        connector = self._context.settings.connector
        screen = PairingScreen(connector.url, connector.token, self)
        screen.resize(800, 700)
        self.pairing = screen
        screen.open()


def ask_for_admin(
    parent: QWidget, context: AdminContext, gate: AdminGate
) -> tuple[PinPad | None, AdminArea | None]:
    """The Admin button: the PIN pad, then (on the right PIN) the admin area; with no PIN
    set, the area at once (it says so). Returns what it opened."""
    area = AdminArea(context, parent)
    area.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each tap builds its own
    area.resize(640, 480)
    if not has_pin(context.settings):
        area.open()
        return None, area
    pad = PinPad(context.settings, gate, parent)
    pad.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    pad.accepted.connect(area.open)
    pad.rejected.connect(area.deleteLater)
    pad.open()
    return pad, area
