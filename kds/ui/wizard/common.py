"""What every wizard page shares: touch-sized widgets, words through tr(), the page ids."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

TOUCH_HEIGHT = 48
"""Buttons and fields are at least this tall: a finger, not a mouse pointer."""

STYLE = f"""
QWizard, QWizardPage, QWidget {{ font-size: 18px; }}
QPushButton {{ min-height: {TOUCH_HEIGHT}px; padding: 0 18px; }}
QLineEdit, QComboBox, QSpinBox {{ min-height: {TOUCH_HEIGHT}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 32px; height: 32px; }}
QCheckBox, QRadioButton {{ min-height: {TOUCH_HEIGHT}px; }}
QListWidget::item, QTableWidget::item {{ min-height: {TOUCH_HEIGHT}px; padding: 6px; }}
"""


class PageId(IntEnum):
    DEVICE = 0
    CONNECTOR = 1
    MONITORS = 2
    PRINTERS = 3
    ROUTES = 4
    SUMMARY = 5


SECTION_PAGES = {
    "device": PageId.DEVICE,
    "connector": PageId.CONNECTOR,
    "monitors": PageId.MONITORS,
    "stations": PageId.MONITORS,
    "printing.printers": PageId.PRINTERS,
    "printing": PageId.ROUTES,
    "printing.routes": PageId.ROUTES,
    "printing.documents": PageId.ROUTES,
}
"""The page that sets each config section (a broken config opens the wizard there)."""


def tr(text: str) -> str:
    """Translate a user-visible string (the catalogs' one, unnamed context: lupdate files a
    plain tr() call there)."""
    return QCoreApplication.translate("", text)


def touch_button(text: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH_HEIGHT)
    return button


def note(text: str = "") -> QLabel:
    """A label for an answer (a test result, a problem); wraps and can be selected."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        label.textInteractionFlags() | label.textInteractionFlags().TextSelectableByMouse
    )
    return label
