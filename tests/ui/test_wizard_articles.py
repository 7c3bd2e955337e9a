"""Articles on demand on the wizard's routes page, tapped: after Sync now from a real connector
on loopback, one dessert is given the bar's printer; the saved config, read back by the real
routing, prints it only there (its ticket decoded from the ESC/POS bytes) and the rest of its
group only on the group's printer; the wizard opened again keeps the article's route, drops it
when set back to "as its group", and names it when it breaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QWizard
from pytestqt.qtbot import QtBot
from test_wizard import TOKEN, ConnectorThread

from kds import wire
from kds.config_file import save_settings
from kds.settings import load_settings
from kds.ui.wizard import SetupWizard
from kds.ui.wizard.common import TOUCH_HEIGHT, PageId
from printing.decode import decode_escpos
from printing.render import Paper, PrinterOptions, TicketRequest, render
from printing.routing import route_order

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 10_000


@pytest.fixture
def connector(tmp_path: Path) -> Iterator[ConnectorThread]:
    conn = ConnectorThread(tmp_path / "connector")
    conn.thread.start()
    conn.call(conn.server.start())
    conn.post_catalog(
        {
            "groups": [{"id": "desserts", "name": "Desserts"}, {"id": "drinks", "name": "Drinks"}],
            "articles": [
                {"ref": "d1", "name": "Tiramisu", "group": "desserts"},
                {"ref": "d2", "name": "Panna cotta", "group": "desserts"},
                {"ref": "c1", "name": "Cola", "group": "drinks"},
            ],
        }
    )
    try:
        yield conn
    finally:
        conn.call(conn.server.stop())
        conn.loop.call_soon_threadsafe(conn.loop.stop)
        conn.thread.join(10)
        conn.loop.close()


def kitchen_config(path: Path, url: str, **printing: Any) -> None:
    """Stations Kitchen and Bar, a printer each; no routes yet."""
    save_settings(
        {
            "device": {"name": "Kitchen PC", "printing": True},
            "connector": {"url": url, "token": TOKEN},
            "stations": [
                {"id": "kitchen", "name": "Kitchen", "groups": []},
                {"id": "bar", "name": "Bar", "groups": []},
            ],
            "printing": {
                "printers": [
                    {"name": name, "transport": "file", "path": str(path.parent / name)}
                    for name in ("Kitchen", "Bar")
                ],
                **printing,
            },
        },
        path,
    )


def open_on_routes(qtbot: QtBot, path: Path) -> SetupWizard:
    wizard = SetupWizard(path, path.parent / "data")
    qtbot.addWidget(wizard)
    wizard.resize(1024, 768)
    wizard.show()
    while wizard.currentId() != PageId.ROUTES:
        wizard.next()
    return wizard


def tap(qtbot: QtBot, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo: Any, text: str) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def rows_of(table: Any) -> dict[str, int]:
    return {table.item(r, 0).text(): r for r in range(table.rowCount())}


def order(*lines: tuple[str, str, str]) -> wire.Order:
    return wire.parse_order(
        {
            "id": "webshop:1",
            "external_id": "1",
            "display_id": "17",
            "source": "webshop",
            "revision": 1,
            "created_at": "2026-12-01T12:00:00+01:00",
            "fulfillment": {"type": "dine_in", "asap": True},
            "items": [
                {"line_id": lid, "ref": ref, "name": name, "group": "desserts", "quantity": "1"}
                for lid, ref, name in lines
            ],
        }
    )


def test_one_article_of_a_group_prints_on_its_own_printer_only(
    qtbot: QtBot, tmp_path: Path, connector: ConnectorThread
) -> None:
    path = tmp_path / "kds.toml"
    kitchen_config(path, f"ws://127.0.0.1:{connector.server.port}/kds")
    wizard = open_on_routes(qtbot, path)
    page = wizard.routes
    tap(qtbot, page.sync)
    qtbot.waitUntil(lambda: "articles" in page.synced.text(), timeout=WAIT_MS)
    groups = rows_of(page.table)
    desserts = groups["Desserts"]
    choose(page.table.cellWidget(desserts, 1), "Kitchen")
    choose(page.table.cellWidget(desserts, 2), "Kitchen")
    buttons = page.article_buttons()
    assert set(buttons) == {"Desserts", "Drinks"}
    assert all(b.text() == "Articles…" and b.height() >= TOUCH_HEIGHT for b in buttons.values())
    assert not page.articles.isVisible()

    tap(qtbot, buttons["Desserts"])
    assert page.articles.isVisible()
    assert page.articles_of.text().startswith("Articles of Desserts:")
    articles = rows_of(page.articles)
    assert set(articles) == {"Tiramisu", "Panna cotta"}
    for row in articles.values():  # every article starts "as its group"
        assert page.articles.cellWidget(row, 1).currentText() == "as its group"
        assert page.articles.cellWidget(row, 3).currentText() == "Kitchen"
    tiramisu = articles["Tiramisu"]
    choose(page.articles.cellWidget(tiramisu, 1), "Bar")
    choose(page.articles.cellWidget(tiramisu, 3), "Bar")
    copies = page.articles.cellWidget(tiramisu, 2)
    assert isinstance(copies, QSpinBox)
    copies.setValue(2)
    # Another group's articles, then back: the choice is still there.
    tap(qtbot, buttons["Drinks"])
    assert rows_of(page.articles) == {"Cola": 0}
    tap(qtbot, page.article_buttons()["Desserts"])
    tiramisu = rows_of(page.articles)["Tiramisu"]
    assert page.articles.cellWidget(tiramisu, 1).currentText() == "Bar"
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY, page.problems.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.summary.saved

    settings = load_settings(path)
    assert settings.printing is not None
    routes = {
        r.name: (r.groups, r.refs, r.printers, r.copies, r.station)
        for r in settings.printing.routes
    }
    assert routes["article Tiramisu"] == ((), ("d1",), ("Bar",), 2, "Bar")
    assert routes["Desserts"] == (("desserts",), (), ("Kitchen",), 1, "Kitchen")
    plan_order = order(("l1", "d1", "Tiramisu"), ("l2", "d2", "Panna cotta"))
    plan = route_order(settings.printing, plan_order)
    assert sorted((t.printer, t.line_ids, t.copies, t.station) for t in plan.tickets) == [
        ("Bar", ("l1",), 2, "Bar"),
        ("Kitchen", ("l2",), 1, "Kitchen"),
    ]
    assert plan.unrouted == ()
    # The bar's ticket, decoded from its ESC/POS bytes: the station and Tiramisu only.
    bar = next(t for t in plan.tickets if t.printer == "Bar")
    rendered = render(
        TicketRequest(
            template=bar.template,
            order=plan_order,
            items=bar.items,
            printer_name=bar.printer,
            printed_at=datetime(2026, 12, 1, 12, 1, tzinfo=UTC),
            station_name=bar.station,
        ),
        PrinterOptions(paper=Paper.mm80()),
    )
    paper = [line.strip() for line in decode_escpos(rendered.data, "cp858").text.splitlines()]
    assert paper[:4] == ["#17", "DINE IN", "ASAP", "Bar"]  # the article's station heads it
    assert [line for line in paper if " x " in line] == ["1 x Tiramisu"]

    # Opened again: the article keeps its route; saved unchanged, the settings are the same.
    before = settings.model_dump(mode="json")
    again = open_on_routes(qtbot, path)
    tap(qtbot, again.routes.sync)
    qtbot.waitUntil(lambda: "articles" in again.routes.synced.text(), timeout=WAIT_MS)
    tap(qtbot, again.routes.article_buttons()["Desserts"])
    shown = again.routes.articles
    rows = rows_of(shown)
    assert shown.cellWidget(rows["Tiramisu"], 1).currentText() == "Bar"
    assert shown.cellWidget(rows["Panna cotta"], 1).currentText() == "as its group"
    again.next()
    assert again.currentId() == PageId.SUMMARY, again.routes.problems.text()
    again.button(QWizard.WizardButton.FinishButton).click()
    assert again.summary.saved
    assert load_settings(path).model_dump(mode="json") == before


def test_an_article_set_back_to_its_group_loses_its_route(
    qtbot: QtBot, tmp_path: Path, connector: ConnectorThread
) -> None:
    path = tmp_path / "kds.toml"
    kitchen_config(
        path,
        f"ws://127.0.0.1:{connector.server.port}/kds",
        routes=[
            {"name": "Desserts", "groups": ["desserts"], "printers": ["Kitchen"]},
            {"name": "article Tiramisu", "refs": ["d1"], "printers": ["Bar"]},
        ],
    )
    wizard = open_on_routes(qtbot, path)
    page = wizard.routes
    tap(qtbot, page.sync)
    qtbot.waitUntil(lambda: "articles" in page.synced.text(), timeout=WAIT_MS)
    tap(qtbot, page.article_buttons()["Desserts"])
    choose(page.articles.cellWidget(rows_of(page.articles)["Tiramisu"], 1), "as its group")
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settings = load_settings(path)
    assert settings.printing is not None
    assert "article Tiramisu" not in [r.name for r in settings.printing.routes]
    plan = route_order(settings.printing, order(("l1", "d1", "Tiramisu")))
    assert [(t.printer, t.line_ids) for t in plan.tickets] == [("Kitchen", ("l1",))]


def test_an_article_route_to_a_removed_printer_is_named_inline(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kds.toml"
    kitchen_config(
        path,
        "ws://127.0.0.1:9/kds",
        routes=[{"name": "article Tiramisu", "refs": ["d1"], "printers": ["Bar"]}],
    )
    wizard = open_on_routes(qtbot, path)
    wizard.draft.printers = [p for p in wizard.draft.printers if p["name"] != "Bar"]
    wizard.next()
    assert wizard.currentId() == PageId.ROUTES
    assert wizard.routes.problems.text() == "route 'article Tiramisu': unknown printer 'Bar'"
