"""Page 2: which connector, and how this device is let in (sales-point token or pairing code)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kds.errors import KdsError
from kds.net import joining, role
from kds.net.discovery import Found, discover_connectors
from kds.ui.wizard.common import note, touch_button, tr
from kds.ui.wizard.draft import Draft
from kds.ui.wizard.worker import Job, run_async

log = logging.getLogger(__name__)

SEARCH_SECONDS = 3.0


class ConnectorPage(QWizardPage):
    def __init__(self, draft: Draft, device_id: Callable[[], str]) -> None:
        super().__init__()
        self._draft = draft
        self._device_id = device_id
        self._jobs: set[Job] = set()
        self.setTitle(tr("Connector"))
        self.setSubTitle(
            tr("The connector brings the orders. Pick one found here or type its address.")
        )
        self.found = QListWidget()
        self.found.itemClicked.connect(self._pick)
        self.search = touch_button(tr("Search the network"))
        self.search.clicked.connect(self._search)
        self.search_state = note()
        self.url = QLineEdit(draft.url)
        self.url.setPlaceholderText("ws://192.168.1.10:8765/kds")
        self.url.textChanged.connect(self._changed)
        self.first = QRadioButton(tr("First device of this kitchen: enter the sales-point token"))
        self.sub = QRadioButton(tr("Join as a sub-terminal with a pairing code"))
        group = QButtonGroup(self)
        group.addButton(self.first)
        group.addButton(self.sub)
        self.first.setChecked(True)
        self.first.toggled.connect(self._mode)
        self.token = QLineEdit(draft.token)
        self.token.setPlaceholderText(tr("sales-point token"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.textChanged.connect(self._changed)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("pairing code shown on a device already set up"))
        self.join = touch_button(tr("Join"))
        self.join.clicked.connect(self._join)
        self.test = touch_button(tr("Test connection"))
        self.test.clicked.connect(self._test)
        self.answer = note()
        self.answer.setObjectName("answer")
        self.holder = note()
        self.holder.setObjectName("holder")
        self.take_over = touch_button("")
        self.take_over.clicked.connect(self.confirm_take_over)
        self.confirmation: QMessageBox | None = None
        self._holder: tuple[str, str] | None = None
        """(device id, name) of the other device that prints, when this one should."""

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.search)
        row.addWidget(self.search_state, 1)
        layout.addLayout(row)
        layout.addWidget(self.found)
        layout.addWidget(self.url)
        layout.addWidget(self.first)
        layout.addWidget(self.token)
        layout.addWidget(self.sub)
        self.code_row = QWidget()
        code_row = QHBoxLayout(self.code_row)
        code_row.setContentsMargins(0, 0, 0, 0)
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.join)
        layout.addWidget(self.code_row)
        layout.addWidget(self.test)
        layout.addWidget(self.answer)
        holder_row = QHBoxLayout()
        holder_row.addWidget(self.holder, 1)
        holder_row.addWidget(self.take_over)
        layout.addLayout(holder_row)
        self._show_holder(None, "")
        self._mode()

    def _track(self, job: Job) -> Job:
        self._jobs.add(job)
        job.done.connect(lambda _r: self._jobs.discard(job))
        job.failed.connect(lambda _r: self._jobs.discard(job))
        return job

    def _changed(self) -> None:
        self.completeChanged.emit()

    def _mode(self) -> None:
        """A sub-terminal has no token field: it gets its own token by joining."""
        first = self.first.isChecked()
        self.token.setVisible(first)
        self.code_row.setVisible(not first)
        self.completeChanged.emit()

    def _search(self) -> None:
        self.search.setEnabled(False)
        self.search_state.setText(tr("searching…"))
        job = self._track(
            run_async(self, "connector search", lambda: discover_connectors(SEARCH_SECONDS))
        )
        job.done.connect(self._show_found)
        job.failed.connect(self._search_failed)

    def _show_found(self, found: list[Found]) -> None:
        self.search.setEnabled(True)
        self.found.clear()
        for connector in found:
            item = QListWidgetItem(f"{connector.name} — {connector.url}")
            item.setData(256, connector.url)
            self.found.addItem(item)
        self.search_state.setText(
            tr("{n} found").format(n=len(found))
            if found
            else tr("no connector answered; type its address")
        )

    def _search_failed(self, reason: str) -> None:
        self.search.setEnabled(True)
        self.search_state.setText(tr("search failed: {reason}").format(reason=reason))

    def _pick(self, item: QListWidgetItem) -> None:
        self.url.setText(str(item.data(256)))

    def _url(self) -> str | None:
        try:
            return joining.connector_url(self.url.text())
        except joining.ConnectorUrlError as exc:
            self.answer.setText(str(exc))
            return None

    def _test(self) -> None:
        url = self._url()
        if url is None:
            return
        token = self.token.text().strip() if self.first.isChecked() else self._draft.token
        if not token:
            self.answer.setText(
                tr("join with a pairing code first")
                if self.sub.isChecked()
                else tr("enter the token")
            )
            return
        self.answer.setText(tr("testing…"))

        async def test() -> tuple[joining.Outcome, str | None]:
            outcome = await joining.check_connection(url, token)
            try:
                device_id: str | None = self._device_id()
            except KdsError as exc:  # e.g. the app runs on this data dir and holds its store
                log.info("this device's id is not readable now (%s)", exc)
                device_id = None
            return outcome, device_id

        job = self._track(run_async(self, "test connection", test))
        job.done.connect(self._tested)
        job.failed.connect(self.answer.setText)

    def _tested(self, result: tuple[joining.Outcome, str | None]) -> None:
        outcome, device_id = result
        self.answer.setText(outcome.describe(tr))
        self._show_holder(outcome.printing_holder, device_id)

    def _join(self) -> None:
        url = self._url()
        if url is None:
            return
        code, name = self.code.text(), self._draft.device_name

        async def join() -> tuple[str, joining.Outcome, str]:
            device_id = self._device_id()
            token = await joining.join_with_code(url, code, name, device_id=device_id)
            return token, await joining.check_connection(url, token), device_id

        self.answer.setText(tr("joining…"))
        job = self._track(run_async(self, "join", join))
        job.done.connect(self._joined)
        job.failed.connect(
            lambda reason: self.answer.setText(tr("not joined: {reason}").format(reason=reason))
        )

    def _joined(self, result: tuple[str, joining.Outcome, str]) -> None:
        token, outcome, device_id = result
        self._draft.token = token
        self.answer.setText(tr("joined; {outcome}").format(outcome=outcome.describe(tr)))
        self._show_holder(outcome.printing_holder, device_id)
        self.completeChanged.emit()

    def _show_holder(self, holder: tuple[str, str] | None, device_id: str | None) -> None:
        """Who prints, when this device is to print and another one does: the takeover is
        offered, and happens only after a confirmation naming that device. (With this
        device's id unknown, a holder of the same name counts as this device.)"""
        other = holder
        if holder is not None and device_id is not None:
            other = holder if holder[0] != device_id else None
        elif holder is not None:
            other = holder if holder[1] != self._draft.device_name else None
        self._holder = other if self._draft.printing else None
        self.holder.setVisible(self._holder is not None)
        self.take_over.setVisible(self._holder is not None)
        if self._holder is not None:
            name = self._holder[1]
            self.holder.setText(
                tr("Printing is held by {name}: this device prints only after a takeover.").format(
                    name=name
                )
            )
            self.take_over.setText(tr("Take over printing from {name}…").format(name=name))

    def confirm_take_over(self) -> None:
        if self._holder is None:
            return
        name = self._holder[1]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Take over printing"))
        box.setText(
            tr(
                "Take over printing from {name}? {name} stops printing at once and this"
                " device prints every new ticket."
            ).format(name=name)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._take_over_answered(name, answer))
        self.confirmation = box
        box.open()

    def _take_over_answered(self, name: str, answer: int) -> None:
        self.confirmation = None
        url = self._url()
        if answer != QMessageBox.StandardButton.Yes or url is None:
            return
        token = self.token.text().strip() if self.first.isChecked() else self._draft.token
        device_name = self._draft.device_name

        async def take_over() -> str:
            return await role.takeover(url, token, self._device_id(), device_name)

        self.take_over.setEnabled(False)
        job = self._track(run_async(self, "printing takeover", take_over))
        job.done.connect(lambda _status: self._taken_over(name))
        job.failed.connect(self._take_over_failed)

    def _taken_over(self, name: str) -> None:
        self._holder = None
        self.take_over.hide()
        self.take_over.setEnabled(True)
        self.holder.setText(tr("Printing taken over from {name}.").format(name=name))

    def _take_over_failed(self, reason: str) -> None:
        self.take_over.setEnabled(True)
        self.holder.setText(tr("Not taken over: {reason}").format(reason=reason))

    def isComplete(self) -> bool:
        if not self.url.text().strip():
            return False
        return (
            bool(self.token.text().strip()) if self.first.isChecked() else bool(self._draft.token)
        )

    def validatePage(self) -> bool:
        url = self._url()
        if url is None:
            return False
        self._draft.url = url
        if self.first.isChecked():
            self._draft.token = self.token.text().strip()
        return True
