"""Page 4: find printers (USB, a network address, a subnet scan), pick the model, print a test
page and a code-page sheet until the letters look right."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kds.i18n import count
from kds.ui.wizard.common import note, touch_button, tr
from kds.ui.wizard.draft import Draft
from kds.ui.wizard.worker import Cancellable, Job, run_async, run_blocking
from printing.config import PrinterConfig
from printing.discovery import (
    DEFAULT_PORT,
    CodepageSheet,
    DiscoveryError,
    ProbeResult,
    ScanResult,
    UsbScan,
    find_usb_printers,
    next_candidate,
    parse_address,
    parse_range,
    print_codepage_sheet,
    print_test_page,
    probe,
    profile_choices,
    scan,
    settings_for_profile,
)

_PRINTER = TypeAdapter(PrinterConfig)


class PrintersPage(QWizardPage):
    def __init__(self, draft: Draft, usb_backend: Any = None) -> None:
        super().__init__()
        self._draft = draft
        self._usb_backend = usb_backend
        self._jobs: set[Job] = set()
        self._found: list[dict[str, Any] | None] = []
        """The transport keys of each found printer; None: it cannot be used (the reason shows)."""
        self._scan: Cancellable | None = None
        self._sheet_codepage: str | None = None
        self.setTitle(tr("Printers"))
        self.setSubTitle(tr("Find the printers, choose the model, and print a test."))

        self.usb = touch_button(tr("Find USB printers"))
        self.usb.clicked.connect(self.find_usb)
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("network printer, e.g. 192.168.1.50"))
        self.probe = touch_button(tr("Probe"))
        self.probe.clicked.connect(self._probe)
        self.range = QLineEdit()
        self.range.setPlaceholderText(tr("scan, e.g. 192.168.1.0/24 (optional)"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setPrefix(tr("port "))
        self.scan = touch_button(tr("Scan"))
        self.scan.clicked.connect(self._start_scan)
        self.cancel = touch_button(tr("Cancel scan"))
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self._cancel_scan)
        self.progress = QProgressBar()
        self.state = note()
        self.state.setObjectName("state")
        self.found = QListWidget()
        self.found.currentRowChanged.connect(self._picked)

        self.name = QLineEdit(f"Printer {len(draft.printers) + 1}")
        self.model = QComboBox()
        for choice in profile_choices():
            self.model.addItem(choice.label.say(tr, count), choice.name)
        self.add = touch_button(tr("Add printer"))
        self.add.setEnabled(False)
        self.add.clicked.connect(self._add)
        self.added = QListWidget()
        self.added.addItems([p["name"] for p in draft.printers])
        self.added.currentRowChanged.connect(self._added_changed)
        self.test_page = touch_button(tr("Print test page"))
        self.test_page.clicked.connect(self._print_test)
        self.sheet = touch_button(tr("Code-page sheet"))
        self.sheet.clicked.connect(lambda: self._print_sheet(None))
        self.answer = note()
        self.answer.setObjectName("answer")
        self.question = QWidget()
        ask = QHBoxLayout(self.question)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(QLabel(tr("Does this look right?")), 1)
        self.yes = touch_button(tr("Yes"))
        self.no = touch_button(tr("No"))
        self.yes.clicked.connect(self._looks_right)
        self.no.clicked.connect(self._looks_wrong)
        ask.addWidget(self.yes)
        ask.addWidget(self.no)
        self.question.hide()

        grid = QGridLayout()
        grid.addWidget(self.usb, 0, 0, 1, 3)
        grid.addWidget(self.address, 1, 0, 1, 2)
        grid.addWidget(self.probe, 1, 2)
        grid.addWidget(self.range, 2, 0, 1, 2)
        grid.addWidget(self.port, 2, 2)
        grid.addWidget(self.scan, 3, 0)
        grid.addWidget(self.cancel, 3, 1)
        grid.addWidget(self.progress, 3, 2)
        find = QVBoxLayout()
        find.addLayout(grid)
        find.addWidget(self.state)
        find.addWidget(self.found, 1)
        form = QGridLayout()
        form.addWidget(QLabel(tr("Name")), 0, 0)
        form.addWidget(self.name, 0, 1)
        form.addWidget(QLabel(tr("Model")), 1, 0)
        form.addWidget(self.model, 1, 1)
        find.addLayout(form)
        find.addWidget(self.add)
        chosen = QVBoxLayout()
        chosen.addWidget(QLabel(tr("Printers of this kitchen")))
        chosen.addWidget(self.added, 1)
        chosen.addWidget(self.test_page)
        chosen.addWidget(self.sheet)
        chosen.addWidget(self.answer)
        chosen.addWidget(self.question)
        layout = QHBoxLayout(self)
        layout.addLayout(find, 3)
        layout.addLayout(chosen, 2)
        self._added_changed()

    def _track(self, job: Job) -> Job:
        self._jobs.add(job)
        job.done.connect(lambda _r: self._jobs.discard(job))
        job.failed.connect(lambda _r: self._jobs.discard(job))
        return job

    # -- finding ------------------------------------------------------------------------

    def _list(self, text: str, keys: dict[str, Any] | None) -> None:
        self.found.addItem(text)
        self._found.append(keys)

    def find_usb(self) -> None:
        self.usb.setEnabled(False)
        self.state.setText(tr("looking for USB printers…"))
        backend = self._usb_backend
        job = self._track(run_blocking(self, "USB search", lambda: find_usb_printers(backend)))
        job.done.connect(self._usb_found)
        job.failed.connect(self._failed)

    def _usb_found(self, result: UsbScan) -> None:
        self.usb.setEnabled(True)
        for printer in result.printers:
            keys = None if printer.problem else printer.settings().model_dump()
            self._list(printer.describe().say(tr, count), keys)
        self.state.setText(result.summary.say(tr, count))

    def _probe(self) -> None:
        try:
            host, port = parse_address(self.address.text())
        except DiscoveryError as exc:
            self.state.setText(exc.words.say(tr, count))
            return
        self.state.setText(tr("asking {host}…").format(host=host))
        job = self._track(run_async(self, "probe", lambda: probe(host, port)))
        job.done.connect(self._probed)
        job.failed.connect(self._failed)

    def _probed(self, result: ProbeResult) -> None:
        self.state.setText(result.describe().say(tr, count))
        if result.reachable:
            self._list(result.describe().say(tr, count), result.settings().model_dump())

    def _start_scan(self) -> None:
        try:
            where = parse_range(self.range.text())
        except DiscoveryError as exc:
            self.state.setText(exc.words.say(tr, count))
            return
        stop = self._scan = Cancellable()
        port = self.port.value()

        def call(job: Job) -> ScanResult:
            import asyncio

            async def run() -> ScanResult:
                return await scan(where, port, progress=job.report, cancel=stop.event())

            return asyncio.run(run())

        self.scan.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setRange(0, where.count)
        self.progress.setValue(0)
        self.state.setText(
            tr("scanning {range} ({n} addresses)…").format(range=str(where), n=count(where.count))
        )
        job = self._track(Job(self, call, "scan"))
        job.progress.connect(lambda done, _total: self.progress.setValue(done))
        job.done.connect(self._scanned)
        job.failed.connect(self._failed)
        job.start()

    def _cancel_scan(self) -> None:
        if self._scan is not None:
            self._scan.cancel()

    def _scanned(self, result: ScanResult) -> None:
        self.scan.setEnabled(True)
        self.cancel.setEnabled(False)
        self._scan = None
        for answer in result.found:
            self._list(answer.describe().say(tr, count), answer.settings().model_dump())
        self.state.setText(result.summary.say(tr, count))

    def _failed(self, reason: str) -> None:
        self.usb.setEnabled(True)
        self.scan.setEnabled(True)
        self.cancel.setEnabled(False)
        self.state.setText(reason)

    def _picked(self, row: int) -> None:
        self.add.setEnabled(0 <= row < len(self._found) and self._found[row] is not None)

    def _add(self) -> None:
        keys = self._found[self.found.currentRow()]
        name = self.name.text().strip()
        if keys is None or not name:
            return
        if any(p["name"] == name for p in self._draft.printers):
            self.state.setText(tr("there is already a printer named {name!r}").format(name=name))
            return
        printer = {
            "name": name,
            **keys,
            **settings_for_profile(str(self.model.currentData())).as_config(),
        }
        try:
            _PRINTER.validate_python(printer)
        except ValidationError as exc:
            self.state.setText(str(exc))
            return
        self._draft.printers.append(printer)
        self.added.addItem(name)
        self.added.setCurrentRow(self.added.count() - 1)
        self.name.setText(f"Printer {len(self._draft.printers) + 1}")
        self.completeChanged.emit()

    # -- testing ------------------------------------------------------------------------

    def _added_changed(self) -> None:
        chosen = self.added.currentRow() >= 0
        self.test_page.setEnabled(chosen)
        self.sheet.setEnabled(chosen)
        self.question.hide()

    def _printer(self) -> dict[str, Any]:
        return self._draft.printers[self.added.currentRow()]

    def _print_test(self) -> None:
        printer = _PRINTER.validate_python(self._printer())
        self.answer.setText(tr("printing the test page…"))
        job = self._track(
            run_blocking(self, "test page", lambda: print_test_page(printer, datetime.now(UTC)))
        )
        job.done.connect(
            lambda _ticket: self.answer.setText(
                tr("test page sent to {name}").format(name=printer.name)
            )
        )
        job.failed.connect(
            lambda reason: self.answer.setText(tr("not printed: {reason}").format(reason=reason))
        )

    def _print_sheet(self, codepage: str | None) -> None:
        printer = _PRINTER.validate_python(self._printer())
        self.question.hide()
        self.answer.setText(tr("printing the code-page sheet…"))
        job = self._track(
            run_blocking(self, "code-page sheet", lambda: print_codepage_sheet(printer, codepage))
        )
        job.done.connect(self._sheet_printed)
        job.failed.connect(
            lambda reason: self.answer.setText(tr("not printed: {reason}").format(reason=reason))
        )

    def _sheet_printed(self, sheet: CodepageSheet) -> None:
        self._sheet_codepage = sheet.codepage
        self.answer.setText(
            tr("Sheet printed in {codepage}. It should read: {expected}").format(
                codepage=sheet.codepage, expected=sheet.expected
            )
        )
        self.question.show()

    def _looks_right(self) -> None:
        assert self._sheet_codepage is not None
        self._printer()["codepage"] = self._sheet_codepage
        self.question.hide()
        self.answer.setText(tr("code page {codepage} kept").format(codepage=self._sheet_codepage))

    def _looks_wrong(self) -> None:
        assert self._sheet_codepage is not None
        following = next_candidate(self._sheet_codepage, str(self._printer()["profile"]))
        if following is None:
            self.question.hide()
            self.answer.setText(
                tr("no other code page to try for this model; choose another model")
            )
            return
        self._print_sheet(following)

    def isComplete(self) -> bool:
        return not self._draft.printing or bool(self._draft.printers)
