"""Page 1: the device's name and roles."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWizardPage

from kds.ui.wizard.common import note, tr
from kds.ui.wizard.draft import Draft


class DevicePage(QWizardPage):
    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self._draft = draft
        self.setTitle(tr("Device"))
        self.setSubTitle(tr("The name other devices see, and what this device does."))
        self.name = QLineEdit(draft.device_name)
        self.name.setPlaceholderText(tr("e.g. Kitchen grill"))
        self.name.textChanged.connect(self.completeChanged)
        self.printing = QCheckBox(tr("This device prints the kitchen tickets (printing role)"))
        self.printing.setChecked(draft.printing)
        self.problem = note()
        layout = QFormLayout(self)
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

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:
        self._draft.device_name = self.name.text().strip()
        self._draft.printing = self.printing.isChecked()
        return True
