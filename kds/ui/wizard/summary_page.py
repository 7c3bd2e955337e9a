"""Page 6: what will be saved; Save writes it atomically and keeps the previous file."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWizardPage

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.result)
        self.saved = False

    def initializePage(self) -> None:
        shown = self._draft.document()
        shown["connector"] = {**shown["connector"], "token": "•" * 8}
        self.text.setPlainText(tomli_w.dumps(shown))
        self.result.setText(
            tr("The file there now is kept as a backup.") if self._path.exists() else ""
        )

    def validatePage(self) -> bool:
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
