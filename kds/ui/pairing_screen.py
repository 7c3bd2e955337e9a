"""The admin area's pairing screen: a pairing code for a new sub-terminal, and the devices the
connector knows, each paired one with "Revoke" (after a confirmation naming it)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kds.net import joining
from kds.ui.wizard.common import STYLE, note, touch_button
from kds.ui.wizard.worker import Job, run_async

log = logging.getLogger(__name__)


def spaced(code: str) -> str:
    """ "123456" → "123 456": easier to read across a kitchen."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


class PairingScreen(QDialog):
    """Asks the connector at `url` (with this device's `token`) for codes and devices."""

    def __init__(self, url: str, token: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = url
        self._token = token
        self._jobs: set[Job] = set()
        self.rows: dict[str, QPushButton] = {}
        """Each listed device's Revoke button, by device id (disabled when not revocable)."""
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Pairing and devices"))
        self.setStyleSheet(STYLE)
        self.new_code = touch_button(self.tr("New pairing code"))
        self.new_code.clicked.connect(self.ask_code)
        self.code = QLabel("")
        self.code.setObjectName("code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("font-size: 64px; font-weight: bold; letter-spacing: 6px;")
        self.code_note = note(
            self.tr(
                "On the new device, choose “Join as a sub-terminal” in the set-up and type"
                " this code. It works once."
            )
        )
        self.refresh = touch_button(self.tr("Refresh the list"))
        self.refresh.clicked.connect(self.list_devices)
        self.list_state = note()
        self.list_state.setObjectName("list_state")
        self.devices = QVBoxLayout()
        self.close_button = touch_button(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_code)
        layout.addWidget(self.code)
        layout.addWidget(self.code_note)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Devices of this kitchen")), 1)
        header.addWidget(self.refresh)
        layout.addLayout(header)
        layout.addLayout(self.devices)
        layout.addWidget(self.list_state)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.list_devices()

    def _track(self, job: Job) -> Job:
        self._jobs.add(job)
        job.done.connect(lambda _r: self._jobs.discard(job))
        job.failed.connect(lambda _r: self._jobs.discard(job))
        return job

    def ask_code(self) -> None:
        self.new_code.setEnabled(False)
        self.code.setText("…")
        url, token = self._url, self._token
        job = self._track(
            run_async(self, "pairing code", lambda: joining.request_pairing_code(url, token))
        )
        job.done.connect(self._show_code)
        job.failed.connect(self._code_failed)

    def _show_code(self, code: joining.PairingCode) -> None:
        self.new_code.setEnabled(True)
        self.code.setText(spaced(code.code))
        until = code.expires_at.astimezone().strftime("%H:%M")
        self.code_note.setText(
            self.tr(
                "On the new device, choose “Join as a sub-terminal” in the set-up and type"
                " this code. It works once, until {time}."
            ).format(time=until)
        )

    def _code_failed(self, reason: str) -> None:
        self.new_code.setEnabled(True)
        self.code.setText("")
        self.code_note.setText(self.tr("No code: {reason}").format(reason=reason))

    def list_devices(self) -> None:
        self.refresh.setEnabled(False)
        self.list_state.setText(self.tr("asking the connector…"))
        url, token = self._url, self._token
        job = self._track(run_async(self, "devices", lambda: joining.list_devices(url, token)))
        job.done.connect(self._show_devices)
        job.failed.connect(self._list_failed)

    def _list_failed(self, reason: str) -> None:
        self.refresh.setEnabled(True)
        self.list_state.setText(
            self.tr("The list is not available: {reason}").format(reason=reason)
        )

    def _show_devices(self, devices: list[joining.JoinedDevice]) -> None:
        self.refresh.setEnabled(True)
        while self.devices.count():
            item = self.devices.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        words = {
            "sales_point": self.tr("sales-point token"),
            "active": self.tr("own token"),
            "revoked": self.tr("revoked"),
        }
        for device in devices:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            online = self.tr("connected") if device.connected else self.tr("not connected")
            state = words.get(device.token, device.token)
            label = QLabel(f"{device.name} — {state}, {online}")
            label.setObjectName(f"device:{device.device_id}")
            revoke = touch_button(self.tr("Revoke"))
            revoke.setEnabled(device.revocable)
            revoke.clicked.connect(lambda _=False, d=device: self.confirm_revoke(d))
            line.addWidget(label, 1)
            line.addWidget(revoke)
            self.devices.addWidget(row)
            self.rows[device.device_id] = revoke
        self.list_state.setText(
            self.tr("{n} device(s)").format(n=len(devices))
            if devices
            else self.tr("No device has connected yet.")
        )

    def device_text(self, device_id: str) -> str:
        """What the list says about one device ("" when it is not listed)."""
        label = self.findChild(QLabel, f"device:{device_id}")
        return label.text() if label is not None else ""

    def confirm_revoke(self, device: joining.JoinedDevice) -> None:
        """Revoke asks first, naming the device; only Yes revokes."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Revoke a device"))
        box.setText(
            self.tr(
                "Revoke the token of {name}? It is disconnected at once and shows"
                " “token refused” until it is paired again with a new code."
            ).format(name=device.name)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setStyleSheet(STYLE)
        box.finished.connect(lambda answer: self._answered(device, answer))
        self.confirmation = box
        box.open()

    def _answered(self, device: joining.JoinedDevice, answer: int) -> None:
        self.confirmation = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        url, token = self._url, self._token
        self.list_state.setText(self.tr("revoking {name}…").format(name=device.name))
        job = self._track(
            run_async(self, "revoke", lambda: joining.revoke_device(url, token, device.device_id))
        )
        job.done.connect(lambda _r: self._revoked(device))
        job.failed.connect(
            lambda reason: self.list_state.setText(
                self.tr("{name} not revoked: {reason}").format(name=device.name, reason=reason)
            )
        )

    def _revoked(self, device: joining.JoinedDevice) -> None:
        log.warning("the token of %s (%s) was revoked", device.name, device.device_id)
        self.list_devices()
