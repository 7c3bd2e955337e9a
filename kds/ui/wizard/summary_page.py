"""Page 6: what will be saved; Save writes it atomically and keeps the previous file."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWizardPage,
)

from kds.admin import PinError, hash_pin
from kds.config_file import ConfigSaveError, save_settings
from kds.settings import SettingsError
from kds.ui.wizard.common import note, tr
from kds.ui.wizard.draft import Draft


class SummaryPage(QWizardPage):
    def __init__(self, draft: Draft, path: Path) -> None:
        super().__init__()
        self._draft = draft
        self._path = path
        self.setTitle(tr("Summary"))
        self.setSubTitle(tr("This is saved to {path}.").format(path=path))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace"))
        self.result = note()
        self.result.setObjectName("result")
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for field, hint in (
            (self.pin, tr("new admin PIN")),
            (self.pin_again, tr("the same again")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            field.setPlaceholderText(hint)
        self.pin_state = note()
        self.pin_state.setObjectName("pin_state")
        pins = QHBoxLayout()
        pins.addWidget(QLabel(tr("Admin PIN")))
        pins.addWidget(self.pin, 1)
        pins.addWidget(self.pin_again, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(pins)
        layout.addWidget(self.pin_state)
        layout.addWidget(self.result)
        self.saved = False

    def initializePage(self) -> None:
        shown = self._draft.document()
        shown["connector"] = {**shown["connector"], "token": "•" * 8}
        if isinstance(shown.get("admin"), dict) and "pin_hash" in shown["admin"]:
            shown["admin"] = {**shown["admin"], "pin_hash": "•" * 8}
        self.text.setPlainText(tomli_w.dumps(shown))
        self.result.setText(
            tr("The file there now is kept as a backup.") if self._path.exists() else ""
        )
        admin = self._draft.kept.get("admin")
        has_pin = isinstance(admin, dict) and bool(admin.get("pin_hash"))
        self.pin_state.setText(
            tr("An admin PIN is set; type a new one to change it.")
            if has_pin
            else tr(
                "No admin PIN yet: without one anyone can open the admin area from the"
                " screens. 4 to 12 digits."
            )
        )

    def _set_pin(self) -> bool:
        """A PIN typed twice goes into the config as its hash; False (saying why) when the
        two differ or it is not 4 to 12 digits. Nothing typed: the PIN stays as it was."""
        pin, again = self.pin.text(), self.pin_again.text()
        if not pin and not again:
            return True
        try:
            if pin != again:
                raise PinError(tr("the two PINs differ"))
            pin_hash = hash_pin(pin)
        except PinError as exc:
            self.pin_state.setText(tr("PIN not set: {reason}").format(reason=str(exc)))
            return False
        admin = self._draft.kept.get("admin")
        self._draft.kept["admin"] = {
            **(admin if isinstance(admin, dict) else {}),
            "pin_hash": pin_hash,
        }
        self.pin.clear()
        self.pin_again.clear()
        self.pin_state.setText(tr("The admin PIN is set."))
        return True

    def validatePage(self) -> bool:
        if not self._set_pin():
            return False
        try:
            backup = save_settings(self._draft.document(), self._path)
        except (SettingsError, ConfigSaveError) as exc:
            self.result.setText(tr("Not saved: {reason}").format(reason=str(exc)))
            return False
        kept = (
            tr(" (the previous file is kept as {backup})").format(backup=backup.name)
            if backup
            else ""
        )
        self.result.setText(tr("Saved to {path}{kept}").format(path=self._path, kept=kept))
        self.saved = True
        return True
