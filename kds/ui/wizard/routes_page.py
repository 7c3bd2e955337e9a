"""Page 5: after Sync now, which station and printer each article group (and, on demand,
each article) goes to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from kds.ui.wizard.common import TOUCH_HEIGHT, note, touch_button, tr
from kds.ui.wizard.draft import ARTICLE_ROUTE, ArticleChoice, Draft, RouteChoice
from kds.ui.wizard.worker import Job, run_blocking
from kds.words import N_

SyncAnswer = tuple[str, list[tuple[str, str]], list[tuple[str, str, str | None]]]
"""The result in words, the catalog's article groups as (id, name), its articles as
(ref, name, group id)."""
Sync = Callable[[str, str], SyncAnswer]
"""(url, token) -> the synced catalog."""

COLUMNS = ("Article group", "Station", "Printer", "Copies", "Backup printer", "Articles")
ARTICLE_COLUMNS = (N_("Article"), N_("Printer"), N_("Copies"), N_("Station on the ticket"))


class RoutesPage(QWizardPage):
    def __init__(self, draft: Draft, sync: Sync, path: Path) -> None:
        super().__init__()
        self._draft = draft
        self._sync = sync
        self._path = path
        self._jobs: set[Job] = set()
        self.setTitle(tr("Routes"))
        self.setSubTitle(tr("Sync now fetches the article groups; then say where each one goes."))
        self.sync = touch_button(tr("Sync now"))
        self.sync.clicked.connect(self.sync_now)
        self.synced = note()
        self.synced.setObjectName("synced")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT + 12)
        self.table.verticalHeader().hide()
        self.articles_of = note()
        self.articles_of.setObjectName("articles_of")
        self.articles = QTableWidget(0, len(ARTICLE_COLUMNS))
        """The articles of the group opened with its "Articles…" button."""
        self.articles.setHorizontalHeaderLabels([tr(c) for c in ARTICLE_COLUMNS])
        self.articles.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.articles.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT + 12)
        self.articles.verticalHeader().hide()
        self.articles.hide()
        self._catalog: list[tuple[str, str, str | None]] = []
        """The synced articles as (ref, name, group id)."""
        self._open_group: str | None = None
        self.default_printer = QComboBox()
        self.default_station = QComboBox()
        self.receipt_printer = QComboBox()
        self.add_receipt = touch_button(tr("Add a customer receipt"))
        self.add_receipt.clicked.connect(self._add_receipt)
        self.documents = QVBoxLayout()
        self.loyalty: list[QCheckBox] = []
        """One per document rule: does its receipt carry the loyalty block?"""
        self.problems = note()
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        row.addWidget(self.sync)
        row.addWidget(self.synced, 1)
        form = QFormLayout()
        form.addRow(tr("Lines no route takes print on"), self.default_printer)
        form.addRow(tr("Lines no station takes show at"), self.default_station)
        receipt = QHBoxLayout()
        receipt.addWidget(self.receipt_printer, 1)
        receipt.addWidget(self.add_receipt)
        form.addRow(tr("Customer receipt on"), receipt)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.articles_of)
        layout.addWidget(self.articles, 1)
        layout.addLayout(form)
        layout.addLayout(self.documents)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:
        printers = [p["name"] for p in self._draft.printers]
        self.default_printer.clear()
        self.default_printer.addItem(tr("nowhere (reported as unrouted)"), None)
        for name in printers:
            self.default_printer.addItem(name, name)
        if self._draft.default_printer in printers:
            self.default_printer.setCurrentIndex(
                self.default_printer.findData(self._draft.default_printer)
            )
        elif printers:
            self.default_printer.setCurrentIndex(1)
        self.default_station.clear()
        self.default_station.addItem(tr("every station, marked “no station”"), None)
        for sid, name in self._draft.stations:
            self.default_station.addItem(name, sid)
        self.default_station.setCurrentIndex(
            max(self.default_station.findData(self._draft.default_station), 0)
        )
        self.receipt_printer.clear()
        for name in printers:
            self.receipt_printer.addItem(name, name)
        self.add_receipt.setEnabled(bool(printers))
        self._show_documents()
        self._fill([(r.group_id, r.group_name) for r in self._draft.routes])

    def _add_receipt(self) -> None:
        self._collect_loyalty()
        printer = self.receipt_printer.currentData()
        if printer is not None:
            self._draft.add_receipt(str(printer))
        self._show_documents()

    def _show_documents(self) -> None:
        """A switch per document rule: whether its receipts carry the loyalty block."""
        for box in self.loyalty:
            self.documents.removeWidget(box)
            box.deleteLater()
        self.loyalty = []
        for document in self._draft.documents:
            label = document.get("name") or document.get("template")
            printers = ", ".join(map(str, document.get("printers", ())))
            box = QCheckBox(
                tr("{label} ({printers}): with the loyalty block").format(
                    label=label, printers=printers
                )
            )
            box.setChecked(document.get("loyalty", True) is not False)
            self.documents.addWidget(box)
            self.loyalty.append(box)

    def _collect_loyalty(self) -> None:
        for document, box in zip(self._draft.documents, self.loyalty, strict=True):
            document["loyalty"] = box.isChecked()

    def sync_now(self) -> None:
        url, token = self._draft.url, self._draft.token
        self.sync.setEnabled(False)
        self.synced.setText(tr("asking the connector for the catalog…"))
        job = run_blocking(self, "sync", lambda: self._sync(url, token))
        self._jobs.add(job)
        job.done.connect(self._synced)
        job.failed.connect(self._sync_failed)

    def _synced(self, result: SyncAnswer) -> None:
        words, groups, articles = result
        self.sync.setEnabled(True)
        self.synced.setText(words)
        self._collect_articles()
        self._catalog = articles
        self._fill(groups)

    def _sync_failed(self, reason: str) -> None:
        self.sync.setEnabled(True)
        self.synced.setText(tr("Sync failed: {reason}").format(reason=reason))

    def _combo(self, choices: list[tuple[str, str | None]], current: str | None) -> QComboBox:
        combo = QComboBox()
        for words, value in choices:
            combo.addItem(words, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _fill(self, groups: list[tuple[str, str]]) -> None:
        earlier = {r.group_id: r for r in self._draft.routes}
        printers: list[tuple[str, str | None]] = [
            (p["name"], p["name"]) for p in self._draft.printers
        ]
        stations: list[tuple[str, str | None]] = [(name, sid) for sid, name in self._draft.stations]
        self.table.setRowCount(len(groups))
        for row, (gid, name) in enumerate(groups):
            route = earlier.get(
                gid, RouteChoice(gid, name, printer=printers[0][1] if printers else None)
            )
            item = QTableWidgetItem(name)
            item.setData(256, gid)
            self.table.setItem(row, 0, item)
            self.table.setCellWidget(
                row, 1, self._combo([(tr("no station"), None), *stations], route.station)
            )
            self.table.setCellWidget(
                row, 2, self._combo([(tr("not printed"), None), *printers], route.printer)
            )
            copies = QSpinBox()
            copies.setRange(1, 10)
            copies.setValue(route.copies)
            self.table.setCellWidget(row, 3, copies)
            self.table.setCellWidget(
                row, 4, self._combo([(tr("none"), None), *printers], route.backup)
            )
            button = touch_button(tr("Articles…"))
            button.clicked.connect(lambda _=False, gid=gid, name=name: self.open_group(gid, name))
            self.table.setCellWidget(row, 5, button)
        self._open_group = None
        self.articles.setRowCount(0)
        self.articles.hide()
        self.articles_of.clear()

    def article_buttons(self) -> dict[str, QPushButton]:
        """Each group row's "Articles…" button, by the group's name."""
        buttons = {}
        for row in range(self.table.rowCount()):
            item, button = self.table.item(row, 0), self.table.cellWidget(row, 5)
            if item is not None and isinstance(button, QPushButton):
                buttons[item.text()] = button
        return buttons

    def open_group(self, gid: str, name: str) -> None:
        """List the group's synced articles, each printed as its group or on its own."""
        self._collect_articles()
        self._open_group = gid
        own = {a.ref: a for a in self._draft.articles}
        row_of = {self._item_gid(r): r for r in range(self.table.rowCount())}
        group_station = self._cell(row_of[gid], 1) if gid in row_of else None
        printers: list[tuple[str, str | None]] = [
            (p["name"], p["name"]) for p in self._draft.printers
        ]
        stations: list[tuple[str, str | None]] = [(n, sid) for sid, n in self._draft.stations]
        articles = [(ref, title) for ref, title, group in self._catalog if group == gid]
        self.articles.setRowCount(len(articles))
        for row, (ref, title) in enumerate(articles):
            choice = own.get(ref)
            item = QTableWidgetItem(title)
            item.setData(256, ref)
            self.articles.setItem(row, 0, item)
            printer = choice.printer if choice is not None else None
            self.articles.setCellWidget(
                row, 1, self._combo([(tr("as its group"), None), *printers], printer)
            )
            copies = QSpinBox()
            copies.setRange(1, 10)
            copies.setValue(choice.copies if choice is not None else 1)
            self.articles.setCellWidget(row, 2, copies)
            station = choice.station if choice is not None else group_station
            self.articles.setCellWidget(
                row, 3, self._combo([(tr("no station"), None), *stations], station)
            )
        if articles:
            words = tr("Articles of {group}: each prints as its group, or where you choose.")
        elif self._catalog:
            words = tr("The catalog has no articles in {group}.")
        else:
            words = tr("Sync now to list the articles of {group}.")
        self.articles_of.setText(words.format(group=name))
        self.articles.setVisible(bool(articles))

    def _item_gid(self, row: int) -> str:
        item = self.table.item(row, 0)
        assert item is not None
        return str(item.data(256))

    def _collect_articles(self) -> None:
        """The open group's article choices into the draft: an article with a printer of
        its own gets (or keeps) its route; one "as its group" loses it."""
        chosen = {a.ref: a for a in self._draft.articles}
        for row in range(self.articles.rowCount()):
            item = self.articles.item(row, 0)
            printer, copies, station = (self.articles.cellWidget(row, c) for c in (1, 2, 3))
            assert item is not None and isinstance(printer, QComboBox)
            assert isinstance(copies, QSpinBox) and isinstance(station, QComboBox)
            ref = str(item.data(256))
            before = chosen.pop(ref, None)
            if printer.currentData() is None:
                continue
            name = before.name if before is not None else ARTICLE_ROUTE.format(name=item.text())
            at = station.currentData()
            chosen[ref] = ArticleChoice(
                ref=ref,
                name=name,
                printer=str(printer.currentData()),
                copies=copies.value(),
                station=None if at is None else str(at),
            )
        self._draft.articles = list(chosen.values())

    def _cell(self, row: int, column: int) -> str | None:
        combo = self.table.cellWidget(row, column)
        assert isinstance(combo, QComboBox)
        value = combo.currentData()
        return None if value is None else str(value)

    def _collect(self) -> None:
        routes = []
        earlier = {r.group_id: r for r in self._draft.routes}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            assert item is not None
            copies = self.table.cellWidget(row, 3)
            assert isinstance(copies, QSpinBox)
            gid = str(item.data(256))
            before = earlier.get(gid)
            routes.append(
                RouteChoice(
                    group_id=gid,
                    group_name=item.text(),
                    station=self._cell(row, 1),
                    printer=self._cell(row, 2),
                    copies=copies.value(),
                    backup=self._cell(row, 4),
                    station_on_ticket=before.station_on_ticket if before is not None else True,
                )
            )
        self._draft.routes = routes
        self._collect_articles()
        value = self.default_printer.currentData()
        self._draft.default_printer = None if value is None else str(value)
        station = self.default_station.currentData()
        self._draft.default_station = None if station is None else str(station)
        self._collect_loyalty()

    def validatePage(self) -> bool:
        self._collect()
        problems = self._draft.route_problems(self._path)
        self.problems.setText("\n".join(problems))
        return not problems
