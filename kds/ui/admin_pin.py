"""The admin PIN pad: large digit buttons in front of the admin area (kds.admin checks the PIN).

Wrong PINs say so with the tries left; after `kds.admin.MAX_WRONG_TRIES` in a row the pad
stays shut for `kds.admin.LOCKOUT`, counting down. The gate lives in `AdminGate`, one per
app run, so closing and reopening the pad does not reset the count.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kds.admin import PinGate, PinOutcome, enter_pin
from kds.settings import Settings

log = logging.getLogger(__name__)

KEY_SIZE = 72
"""Each key of the pad is this many pixels square (a gloved finger, not a pointer)."""

PAD_STYLE = f"""
QDialog {{ background: #263238; }}
QLabel {{ color: white; font-size: 22px; }}
QLineEdit {{ font-size: 36px; min-height: {KEY_SIZE}px; letter-spacing: 8px; }}
QPushButton {{ font-size: 30px; font-weight: bold; min-width: {KEY_SIZE}px;
               min-height: {KEY_SIZE}px; }}
"""


class AdminGate:
    """The PIN pad's wrong-try count for one app run (kds.admin.PinGate), and the clock."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.state = PinGate()


class PinPad(QDialog):
    """Asks for the admin PIN; `accept()`s on the right one. Typed with the pad's buttons
    (a keyboard's digits, Backspace and Enter work too)."""

    def __init__(self, settings: Settings, gate: AdminGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._gate = gate
        self.setWindowTitle(self.tr("Admin PIN"))
        self.setStyleSheet(PAD_STYLE)
        self.setModal(True)
        self.prompt = QLabel(self.tr("Enter the admin PIN"))
        self.prompt.setObjectName("prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setReadOnly(True)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.digits: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, digit in enumerate("123456789"):
            self.digits[digit] = self._key(digit, grid, n // 3, n % 3)
        self.back = self._key("⌫", grid, 3, 0)
        self.digits["0"] = self._key("0", grid, 3, 1)
        self.ok = self._key(self.tr("OK"), grid, 3, 2)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reject)
        self.back.clicked.connect(self.entry.backspace)
        self.ok.clicked.connect(self.submit)
        for digit, button in self.digits.items():
            button.clicked.connect(lambda _=False, d=digit: self.type_digit(d))
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        layout.addLayout(grid)
        layout.addWidget(self.cancel)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_lock)
        self._show_lock()

    def _key(self, text: str, grid: QGridLayout, row: int, column: int) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid.addWidget(button, row, column)
        return button

    def type_digit(self, digit: str) -> None:
        if len(self.entry.text()) < 12:
            self.entry.setText(self.entry.text() + digit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text.isascii() and self.ok.isEnabled():
            self.type_digit(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.entry.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    def submit(self) -> None:
        """OK: check what was typed; the pad stays open on a wrong PIN, saying so."""
        pin = self.entry.text()
        self.entry.clear()
        gate, outcome = enter_pin(self._gate.state, self._settings, pin, self._gate.clock())
        self._gate.state = gate
        if outcome is PinOutcome.ACCEPTED:
            log.info("admin area opened with the PIN")
            self.accept()
            return
        if outcome is PinOutcome.WRONG:
            log.warning("wrong admin PIN (%d tries left)", gate.tries_left)
        self._show_lock(wrong=outcome is PinOutcome.WRONG)

    def _show_lock(self, wrong: bool = False) -> None:
        """The prompt and the keys: open, or shut with the seconds left."""
        left = self._gate.state.locked_for(self._gate.clock())
        locked = left.total_seconds() > 0
        for button in (*self.digits.values(), self.back, self.ok):
            button.setEnabled(not locked)
        if locked:
            seconds = math.ceil(left.total_seconds())
            self.prompt.setText(
                self.tr("Too many wrong PINs: try again in {n} s").format(n=seconds)
            )
            self._countdown.start()
            return
        self._countdown.stop()
        if wrong:
            self.prompt.setText(
                self.tr("Wrong PIN — {n} tries left").format(n=self._gate.state.tries_left)
            )
        elif self.prompt.text().startswith(self.tr("Too many")):
            self.prompt.setText(self.tr("Enter the admin PIN"))
