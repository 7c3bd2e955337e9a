"""The first-start set-up wizard: one touch-friendly QWizard page per module, saving one config.

`kds setup` opens it; `kds run` opens it on the broken part of an invalid config, or from
the start when there is none.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel, QWizard, QWizardPage

from kds.i18n import use_language
from kds.settings import ConfigProblem, ProblemKind
from kds.ui.wizard.common import SECTION_PAGES, STYLE, PageId, tr
from kds.ui.wizard.connector_page import ConnectorPage
from kds.ui.wizard.device_page import DevicePage
from kds.ui.wizard.draft import Draft, draft_from_file
from kds.ui.wizard.monitors_page import MonitorsPage
from kds.ui.wizard.printers_page import PrintersPage
from kds.ui.wizard.routes_page import RoutesPage, Sync, SyncAnswer
from kds.ui.wizard.summary_page import SummaryPage

__all__ = ["SetupWizard", "run_setup"]


class SetupWizard(QWizard):
    """The six pages over one Draft; Finish on the summary saves to `path`.

    `data_dir` is this device's data folder (its id for joining, the catalog Sync now
    stores); `usb_backend` a pyusb backend (None: libusb). Opened from the running app's
    admin area, whose store is locked by the app, `device_id` and `sync` are the app's."""

    def __init__(
        self,
        path: Path,
        data_dir: Path,
        problem: ConfigProblem | None = None,
        usb_backend: Any = None,
        *,
        device_id: Callable[[], str] | None = None,
        sync: Sync | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.data_dir = data_dir
        self.draft: Draft = draft_from_file(path)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setStyleSheet(STYLE)
        self.usb_backend = usb_backend
        self.problem = problem
        self._given_device_id = device_id
        self._given_sync = sync
        use_language(self.draft.language)
        self._build_pages()

    def _build_pages(self) -> None:
        """The pages, in the language in use; again after a language is chosen."""
        self.setWindowTitle(tr("kds set-up"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Save"))
        self.device = DevicePage(self.draft)
        self.device.language_chosen.connect(self._speak)
        self.connector = ConnectorPage(self.draft, self._given_device_id or self._device_id)
        self.monitors = MonitorsPage(self.draft)
        self.printers = PrintersPage(self.draft, self.usb_backend)
        self.routes = RoutesPage(self.draft, self._given_sync or self._sync, self.path)
        self.summary = SummaryPage(self.draft, self.path)
        pages: list[tuple[PageId, QWizardPage]] = [
            (PageId.DEVICE, self.device),
            (PageId.CONNECTOR, self.connector),
            (PageId.MONITORS, self.monitors),
            (PageId.PRINTERS, self.printers),
            (PageId.ROUTES, self.routes),
            (PageId.SUMMARY, self.summary),
        ]
        for page_id, page in pages:
            self.setPage(page_id, page)
        if self.problem is not None:
            self._open_on(self.problem)

    def _speak(self, language: str) -> None:
        """Switch the wizard to `language` now: Qt's words follow the new translators, the
        pages are built again from the draft (nothing typed is lost)."""
        use_language(language)
        for page_id in self.pageIds():
            page = self.page(page_id)
            self.removePage(page_id)
            page.deleteLater()
        self._build_pages()
        self.setStartId(PageId.DEVICE)  # where the language was chosen
        self.restart()

    def _open_on(self, problem: ConfigProblem) -> None:
        """Start on the page of the broken section, naming it."""
        start = PageId.DEVICE
        if problem.kind is ProblemKind.INVALID:
            start = SECTION_PAGES.get(problem.section or "", PageId.DEVICE)
            where = f"[{problem.section}]" if problem.section else tr("the top level")
            words = tr("The config has a problem in {where}:\n{message}").format(
                where=where, message=problem.message
            )
        elif problem.kind is ProblemKind.UNREADABLE:
            words = tr("The config cannot be read: {message}").format(message=problem.message)
        else:
            words = tr("There is no config yet: set this device up.")
        self.setStartId(start)
        banner = QLabel(words)
        banner.setObjectName("problem")
        banner.setWordWrap(True)
        banner.setStyleSheet("color: #b00020;")
        page = self.page(start)
        layout = page.layout()
        assert layout is not None
        layout.addWidget(banner)
        self.problem_banner = banner

    def _device_id(self) -> str:
        from kds.store import open_store

        with open_store(self.data_dir, self.draft.device_name) as store:
            return store.device_id

    def _sync(self, url: str, token: str) -> SyncAnswer:
        from kds.net.sync import sync_catalog
        from kds.store import open_store

        with open_store(self.data_dir, self.draft.device_name) as store:
            synced = asyncio.run(sync_catalog(url, token, store))
            articles, groups = store.catalog()
        return (
            synced.describe(translate=tr),
            [(group.id, group.name) for group in groups],
            [(article.ref, article.name, article.group) for article in articles],
        )


def run_setup(path: Path, data_dir: Path, problem: ConfigProblem | None = None) -> bool:
    """Show the wizard until it is saved or closed; True when a config was saved."""
    app = QApplication.instance() or QApplication([])
    wizard = SetupWizard(path, data_dir, problem)
    wizard.resize(1024, 768)
    wizard.show()
    app.exec()
    return wizard.summary.saved
