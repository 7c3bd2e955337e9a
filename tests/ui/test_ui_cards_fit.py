"""Cards never cut a dish: long words wrap and hyphenate, ids shrink, long orders continue on
the next card, and paging (touch and keys) reaches every card with no scroll bar."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QScrollBar

from kds import wire
from kds.domain.monitors import MonitorFilter
from kds.domain.orders import OrderState
from kds.settings import CardArrangement, MonitorKind, MonitorSettings
from kds.ui import MonitorWindow, OrderRole, OrdersModel, TicketView
from kds.ui import ticket_view as tv
from kds.ui.cards import Card

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

T0 = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
LONG_WORDS = (
    "Hähnchenbrustfiletstreifen",
    "Kräuterbutterbaguettescheiben",
    "Schwarzwälderkirschtortenstück",
    "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
    "Preiselbeermeerrettichsoße",
    "Donaudampfschifffahrtsgesellschaftskapitänsmütze",
    "Kartoffelgratin",
)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """The device speaks German: German hyphenation."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def german_order(n: int, lines: int = 3, **fields: Any) -> OrderState:
    """Order n: dishes with long German words, nested modifiers, notes and allergens."""
    items = []
    for k in range(lines):
        word = LONG_WORDS[(n + k) % len(LONG_WORDS)]
        items.append(
            {
                "line_id": str(k),
                "name": f"{word} mit {LONG_WORDS[(n + k + 1) % len(LONG_WORDS)]}",
                "group": "mains",
                "quantity": str(1 + k % 3),
                "modifiers": [
                    {
                        "name": LONG_WORDS[(n + k + 2) % len(LONG_WORDS)],
                        "action": "add",
                        "quantity": "1",
                        "modifiers": [
                            {"name": "Röstzwiebeln", "action": "remove", "quantity": "1"}
                        ],
                    }
                ],
                "notes": [f"bitte {LONG_WORDS[(n + 3) % len(LONG_WORDS)]} extra"],
                "allergens": ["Gluten", "Sellerie", "Schalenfrüchte"] if k % 2 else [],
            }
        )
    data: dict[str, Any] = {
        "id": f"webshop:{n}",
        "external_id": str(n),
        "display_id": str(100 + n),
        "source": "webshop",
        "revision": 1,
        "created_at": (T0 + timedelta(minutes=n / 10)).isoformat(),
        "fulfillment": {"type": "pickup", "asap": True},
        "customer": {"name": "Maximilian-Alexander Müller-Lüdenscheidt"},
        "notes": [
            {"kind": "allergy", "text": "Erdnussallergie: Kreuzkontaminationsvermeidung"},
            {"kind": "kitchen", "text": "Geburtstag 生日快乐 🎂 bitte eine Kerze dazu 🎉"},
        ],
        "restrictions": ["alcohol"],
        "items": items,
        **fields,
    }
    order = wire.parse_order(data)
    return OrderState(order=order, first_seen_at=T0, updated_at=T0)


def show(
    qtbot: Any, states: Sequence[OrderState], size: tuple[int, int], **monitor: Any
) -> MonitorWindow:
    settings = MonitorSettings(name="Counter", kind=MonitorKind.EXPO, fullscreen=False, **monitor)
    model = OrdersModel(MonitorFilter.for_monitor(settings, ()), T0 + timedelta(minutes=30))
    model.reset(states)
    window = MonitorWindow(settings, model)
    model.setParent(window)
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    return window


def tickets(window: MonitorWindow) -> TicketView:
    assert window.tickets is not None
    return window.tickets


def every_page(view: TicketView) -> Iterator[int]:
    """Pages through the view from the first page, by its "more" button, to the last."""
    while view.page > 0:
        view.previous_page()
    yield view.page
    while view.more_button.isVisible():
        view.next_page()
        yield view.page


def assert_nothing_cut(view: TicketView) -> set[int]:
    """Every text of every card on the page fits its card, line by line; the rows seen."""
    rows: set[int] = set()
    for index, part, rect in view.parts_on_page():
        layout = view.cards.layout(
            index, view._card_width, view.scale, view._max_height()
        )  # the cached layout the view paints
        shape = layout.parts[part]
        card_rect = QRect(0, 0, layout.width, shape.height)
        assert rect.size() == card_rect.size()
        assert view.viewport().rect().contains(rect), "a card runs off the screen"
        for block in shape.blocks:
            box = block.text_rect
            assert card_rect.contains(block.rect), (block.text, block.rect, card_rect)
            metrics = QFontMetrics(block.font)
            for line in block.lines:
                assert metrics.horizontalAdvance(line) <= box.width(), (line, box.width())
            assert len(block.heights) == len(block.lines)
            area = QRect(0, 0, 100_000, 100_000)
            for line, height in zip(block.lines, block.heights, strict=True):
                drawn = metrics.boundingRect(area, int(Qt.AlignmentFlag.AlignLeft), line or " ")
                assert drawn.height() <= height, line  # emoji and CJK fallback fonts too
            assert sum(block.heights) <= box.height() + 1
        header = shape.blocks[0]
        assert not header.rect.intersects(shape.timer) or header.rect.bottom() < shape.timer.top()
        rows.add(index.row())
    return rows


def words_of(text: str) -> str:
    return text.replace(" ", "").replace("-", "").replace("\n", "")


def test_no_text_is_cut_on_any_card_of_long_word_german_orders(qtbot: Any) -> None:
    orders = [german_order(n, lines=1 + n % 4) for n in range(24)]
    orders.append(german_order(90, display_id="4F2A1-UE-77841-XXL"))
    for size, monitor in (
        ((1920, 1080), {}),
        ((1280, 800), {"columns": 6}),  # narrow cards: 200 px
        ((1920, 1080), {"font_scale": 1.6, "layout": CardArrangement.RAIL}),
    ):
        window = show(qtbot, orders, size, **monitor)
        view = tickets(window)
        seen: set[int] = set()
        texts: dict[tuple[int, int], list[str]] = {}
        for _page in every_page(view):
            seen |= assert_nothing_cut(view)
            for index, part, _rect in view.parts_on_page():
                layout = view.cards.layout(index, view._card_width, view.scale, view._max_height())
                for block in layout.parts[part].blocks:
                    if block.line >= 0:
                        texts.setdefault((index.row(), block.line), []).extend(block.lines)
        assert seen == set(range(len(orders))), monitor
        # Every line of every order is there, whole: only line breaks and hyphens were added.
        for row in range(len(orders)):
            card: Card = window.model.index(row, 0).data(OrderRole.CARD)
            for i, line in enumerate(card.lines):
                assert words_of("".join(texts[(row, i)])) == words_of(line.text), line.text
        window.close()


def test_long_words_break_at_german_syllables_and_a_long_id_shrinks_but_stays_whole(
    qtbot: Any,
) -> None:
    window = show(qtbot, [german_order(0, display_id="4F2A1-UE-77841-XXL")], (1280, 800))
    view = tickets(window)
    layout = view.cards.layout(window.model.index(0, 0), view._card_width, 1.0, view._max_height())
    lines = [line for block in layout.parts[0].blocks for line in block.lines]
    # Broken where German hyphenates ("Hähn-chen-brust-fi-let-strei-fen"), with a hyphen.
    breaks = {line for line in lines if line.endswith("-")}
    assert breaks, lines
    assert any(line.endswith(("filet-", "brust-", "chen-", "strei-")) for line in breaks), breaks
    header = layout.parts[0].blocks[0]
    assert "".join(header.lines) == "#4F2A1-UE-77841-XXL"
    assert header.font.pixelSize() < 40  # smaller than a short id, still whole
    assert header.font.pixelSize() >= 20


def test_a_long_order_continues_on_the_next_card_instead_of_being_cut(qtbot: Any) -> None:
    window = show(qtbot, [german_order(1, lines=1), german_order(2, lines=30)], (1920, 1080))
    view = tickets(window)
    layout = view.cards.layout(window.model.index(1, 0), view._card_width, 1.0, view._max_height())
    count = len(layout.parts)
    assert count >= 3
    tags = [next(b.text for b in part.blocks if "/" in b.text) for part in layout.parts]
    assert tags[0] == f"1/{count} → next card"
    assert tags[-1] == f"{count}/{count}"
    assert all(part.height <= view._max_height() for part in layout.parts)
    # Its parts follow each other in reading order, right after the card before it.
    first = view.cards.layout(window.model.index(0, 0), view._card_width, 1.0, view._max_height())
    shown = [(index.row(), part) for index, part, _rect in view.parts_on_page()]
    before = [(0, part) for part in range(len(first.parts))]
    assert shown[: len(before) + 2] == [*before, (1, 0), (1, 1)]
    assert_nothing_cut(view)


def test_paging_by_touch_and_keys_reaches_every_card_and_nothing_scrolls(qtbot: Any) -> None:
    orders = [german_order(n, lines=1 + n % 3) for n in range(60)]
    window = show(qtbot, orders, (1920, 1080))
    view = tickets(window)
    first = view.shown_rows()
    assert 4 < len(first) < 60
    assert view.more_button.isVisible()
    assert view.more_button.text() == f"+{60 - len(first)} more →"
    assert view.more_button.height() >= 48 and view.more_button.width() >= 48
    assert not view.earlier_button.isVisible()

    seen = list(first)
    while view.more_button.isVisible():  # by touch
        qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
        seen.extend(row for row in view.shown_rows() if row not in seen)
    assert seen == list(range(60))  # every card, oldest first, each page after the last
    assert view.earlier_button.isVisible() and view.earlier_button.height() >= 48

    view.setFocus()
    pages = view.page
    for _ in range(pages):  # and back by key
        qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.page == 0 and view.shown_rows() == first
    by_key: set[int] = set(first)
    for _ in range(pages):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        by_key |= set(view.shown_rows())
    assert by_key == set(range(60))
    # There is no scroll bar anywhere, and no hidden scrolled area.
    assert not any(bar.isVisible() for bar in window.findChildren(QScrollBar))
    assert view.verticalScrollBar().maximum() == 0


def test_a_rail_shows_one_row_of_cards_per_page_oldest_left(qtbot: Any) -> None:
    orders = [german_order(n, lines=1 + n % 2) for n in range(12)]
    window = show(qtbot, orders, (1920, 1080), layout=CardArrangement.RAIL, columns=5)
    view = tickets(window)
    parts = view.parts_on_page()
    assert len(parts) == 5
    assert {rect.top() for _i, _p, rect in parts} == {tv.GAP}
    assert [rect.left() for _i, _p, rect in parts] == sorted(rect.left() for _i, _p, rect in parts)
    assert [index.row() for index, _p, _r in parts] == [0, 1, 2, 3, 4]
    width = parts[0][2].width()
    assert width > 300  # five cards share the width
    view.next_page()
    assert next(index.row() for index, _p, _r in view.parts_on_page()) == 5


def test_a_card_says_allergens_with_an_icon_an_age_check_a_test_order_the_guest_and_source(
    qtbot: Any,
) -> None:
    order = german_order(
        5,
        lines=2,
        is_test=True,
        pickup_code="K7Q2",
        brand="Spätzlewerk",
        channel="app",
        customer={"name": "Anna Schmidt"},
    )
    window = show(qtbot, [order], (1920, 1080))
    view = tickets(window)
    layout = view.cards.layout(window.model.index(0, 0), view._card_width, 1.0, view._max_height())
    blocks = [b for part in layout.parts for b in part.blocks]
    texts = [b.text for b in blocks]
    assert "Anna · code K7Q2 · webshop · Spätzlewerk · app" in texts  # the first name only
    assert "TEST ORDER — do not cook" in texts
    allergens = [b for b in blocks if b.background == tv.ALLERGEN]
    assert allergens and all(b.text.startswith("⚠") for b in allergens)  # an icon, not colour alone
    assert all(b.color == tv.WHITE and b.font.bold() for b in allergens)
    check = next(b for b in blocks if b.text.startswith("🔞"))
    assert check.text == "🔞 Check: alcohol" and check.background == tv.RESTRICTION
    allergy_note = next(b for b in blocks if "Erdnussallergie" in b.text)
    assert allergy_note.background == tv.ALLERGEN and allergy_note.text.startswith("⚠")


def test_the_card_under_a_touch_is_found_on_the_page_shown(qtbot: Any) -> None:
    window = show(qtbot, [german_order(n) for n in range(40)], (1920, 1080))
    view = tickets(window)
    view.next_page()
    index, _part, rect = view.parts_on_page()[0]
    assert view.indexAt(rect.center()).row() == index.row() == view.shown_rows()[0]
    assert not view.indexAt(QPoint(2, 2)).isValid()  # the gap between cards
