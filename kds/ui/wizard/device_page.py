"""Page 1: the device's language, name and roles."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWizardPage

from kds.i18n import LANGUAGES
from kds.ui.wizard.common import TOUCH_HEIGHT, note, tr
from kds.ui.wizard.draft import Draft


class DevicePage(QWizardPage):
    language_chosen = Signal(str)
    """A language code, as soon as one is picked (the wizard then speaks it)."""

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self._draft = draft
        self.language = QComboBox()
        self.language.setMinimumHeight(TOUCH_HEIGHT)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(draft.language))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.setTitle(tr("Device"))
        self.setSubTitle(tr("The name other devices see, and what this device does."))
        self.name = QLineEdit(draft.device_name)
        self.name.setPlaceholderText(tr("e.g. Kitchen grill"))
        self.name.textChanged.connect(self.completeChanged)
        self.printing = QCheckBox(tr("This device prints the kitchen tickets (printing role)"))
        self.printing.setChecked(draft.printing)
        self.problem = note()
        layout = QFormLayout(self)
        layout.addRow(tr("Language"), self.language)
        layout.addRow(tr("Device name"), self.name)
        layout.addRow(self.printing)
        layout.addRow(
            note(
                tr(
                    "Exactly one device of a kitchen prints;"
                    " the connector gives the role to the first that asks."
                )
            )
        )
        layout.addRow(self.problem)

    def _language_changed(self) -> None:
        self.keep()
        self.language_chosen.emit(self._draft.language)

    def keep(self) -> None:
        """Put what the page shows into the draft."""
        self._draft.language = str(self.language.currentData())
        self._draft.device_name = self.name.text().strip()
        self._draft.printing = self.printing.isChecked()

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:
        self.keep()
        return True
