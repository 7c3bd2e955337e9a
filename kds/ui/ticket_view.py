"""Ticket cards painted by a delegate in a wrapping list view, readable from two metres."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QScroller,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kds.ui.cards import CardLine, LineKind, tr
from kds.ui.orders_model import OrderRole

_Index = QModelIndex | QPersistentModelIndex

CARD_WIDTH = 300
"""Logical pixels: four cards side by side on a 1280 px wide screen."""
PADDING = 10
GAP = 8
"""Between cards."""
INDENT = 20
_WRAP = (
    int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
)

BACKGROUND = QColor("#1b1f23")
CARD = QColor("#fdfdfd")
TEXT = QColor("#111111")
HEADER = QColor("#263238")
HEADER_LATE = QColor("#d84315")
HEADER_SCHEDULED = QColor("#4527a0")
CANCELLED = QColor("#c62828")
CANCELLED_CARD = QColor("#ffebee")
UPDATED = QColor("#ffd600")
ALLERGEN = QColor("#d50000")
NOTE_BG = QColor("#fff59d")
ITEM_NOTE = QColor("#0d47a1")
DONE = QColor("#9e9e9e")
READY = QColor("#2e7d32")
WHITE = QColor("#ffffff")


def _font(pixels: int, bold: bool = False, italic: bool = False, strike: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setItalic(italic)
    font.setStrikeOut(strike)
    return font


@dataclass(frozen=True)
class _Block:
    """One text block of a card, relative to the card's top-left corner."""

    rect: QRect
    text: str
    font: QFont
    color: QColor
    background: QColor | None = None
    align: int = _WRAP


def _text_height(font: QFont, width: int, text: str) -> int:
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), _WRAP, text).height()


def _body_style(line: CardLine, cancelled: bool) -> tuple[QFont, QColor, QColor | None]:
    strike = cancelled or line.done
    match line.kind:
        case LineKind.ITEM:
            font, color, bg = _font(22, bold=True, strike=strike), TEXT, None
        case LineKind.MODIFIER:
            font, color, bg = _font(19, strike=strike), TEXT, None
        case LineKind.ITEM_NOTE:
            font, color, bg = _font(18, italic=True, strike=strike), ITEM_NOTE, None
        case LineKind.ALLERGENS:
            font, color, bg = _font(18, bold=True, strike=strike), WHITE, ALLERGEN
        case LineKind.ORDER_NOTE:
            font, color, bg = _font(18, italic=True, strike=strike), TEXT, NOTE_BG
    if cancelled:
        color = CANCELLED if bg is None else color
    elif line.done:
        color, bg = DONE, None
    return font, color, bg


def card_layout(index: _Index, width: int = CARD_WIDTH) -> tuple[list[_Block], int, int]:
    """The blocks of the card at `index`, its height and the height of its header."""
    blocks: list[_Block] = []
    inner = width - 2 * PADDING
    y = PADDING // 2
    id_font = _font(40, bold=True)
    age_font = _font(26, bold=True)
    age = str(index.data(OrderRole.AGE))
    age_width = QFontMetrics(age_font).horizontalAdvance(age) + 4
    id_height = QFontMetrics(id_font).height()
    blocks.append(
        _Block(
            QRect(PADDING, y, inner - age_width - 6, id_height),
            str(index.data(OrderRole.DISPLAY_ID)),
            id_font,
            WHITE,
            align=int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        )
    )
    blocks.append(
        _Block(
            QRect(width - PADDING - age_width, y, age_width, id_height),
            age,
            age_font,
            WHITE,
            align=int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        )
    )
    y += id_height
    sub_font = _font(19, bold=True)
    due = str(index.data(OrderRole.DUE))
    if index.data(OrderRole.SCHEDULED):
        due = tr("SCHEDULED · {due}").format(due=due)
    sub = f"{index.data(OrderRole.FULFILMENT)} · {due}"
    height = _text_height(sub_font, inner, sub)
    blocks.append(_Block(QRect(PADDING, y, inner, height), sub, sub_font, WHITE))
    y += height + PADDING // 2
    header_height = y

    cancelled = bool(index.data(OrderRole.CANCELLED))
    y += PADDING // 2
    if cancelled:
        reason = str(index.data(OrderRole.CANCEL_REASON))
        text = tr("CANCELLED — {reason}").format(reason=reason) if reason else tr("CANCELLED")
        font = _font(22, bold=True)
        height = _text_height(font, inner - 8, text) + 8
        blocks.append(_Block(QRect(PADDING, y, inner, height), text, font, WHITE, CANCELLED))
        y += height + PADDING // 2
    if not cancelled and index.data(OrderRole.READY):
        text = tr("READY")
        font = _font(22, bold=True)
        height = _text_height(font, inner - 8, text) + 8
        blocks.append(_Block(QRect(PADDING, y, inner, height), text, font, WHITE, READY))
        y += height + PADDING // 2
    if not cancelled and index.data(OrderRole.UPDATED):
        text = tr("UPDATED · revision {n}").format(n=index.data(OrderRole.REVISION))
        font = _font(18, bold=True)
        height = _text_height(font, inner - 8, text) + 6
        blocks.append(_Block(QRect(PADDING, y, inner, height), text, font, TEXT, UPDATED))
        y += height + PADDING // 2

    lines: Sequence[CardLine] = index.data(OrderRole.CARD_LINES) or ()
    for line in lines:
        font, color, bg = _body_style(line, cancelled)
        left = PADDING + INDENT * line.depth
        avail = width - PADDING - left
        pad = 4 if bg is not None else 0
        height = _text_height(font, avail - 2 * pad, line.text) + 2 * pad
        if line.kind == LineKind.ITEM and y > header_height + PADDING:
            y += 4  # a little air between dishes
        blocks.append(_Block(QRect(left, y, avail, height), line.text, font, color, bg))
        y += height + (3 if bg is not None else 1)
    y += PADDING
    return blocks, y, header_height


class TicketDelegate(QStyledItemDelegate):
    """Paints one order as a card: coloured header, badges, dishes with nested modifiers."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        _, height, _ = card_layout(index)
        return QSize(CARD_WIDTH, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        blocks, height, header_height = card_layout(index)
        rect: QRect = option.rect
        cancelled = bool(index.data(OrderRole.CANCELLED))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.topLeft())
        card = QRect(0, 0, CARD_WIDTH, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CANCELLED_CARD if cancelled else CARD)
        painter.drawRoundedRect(card, 8, 8)
        if cancelled:
            header = CANCELLED
        elif index.data(OrderRole.LATE):
            header = HEADER_LATE
        elif index.data(OrderRole.SCHEDULED):
            header = HEADER_SCHEDULED
        else:
            header = HEADER
        painter.setBrush(header)
        painter.drawRoundedRect(QRect(0, 0, CARD_WIDTH, header_height), 8, 8)
        painter.drawRect(QRect(0, header_height - 8, CARD_WIDTH, 8))
        if cancelled:
            # A red frame and a cross under the text: nobody cooks this by mistake.
            painter.setPen(QPen(CANCELLED, 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(2, 2, -2, -2), 8, 8)
            cross = QColor(CANCELLED)
            cross.setAlpha(90)
            painter.setPen(QPen(cross, 6))
            painter.drawLine(8, header_height + 8, CARD_WIDTH - 8, height - 8)
            painter.drawLine(CARD_WIDTH - 8, header_height + 8, 8, height - 8)
        for block in blocks:
            box = block.rect
            if block.background is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(block.background)
                painter.drawRoundedRect(box, 4, 4)
                box = box.adjusted(4, 3, -4, -3)
            painter.setFont(block.font)
            painter.setPen(block.color)
            painter.drawText(box, block.align, block.text)
        painter.restore()


class TicketView(QListView):
    """Cards in columns, oldest top left, each new card under the shortest column (masonry).

    QListView's own flow wastes a row's height under short cards; in IconMode it lets us
    place every item, so `doItemsLayout` puts each card where it fits.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Free)  # Static ignores setPositionForIndex
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setStyleSheet(f"QListView {{ background: {BACKGROUND.name()}; }}")
        self.setItemDelegate(TicketDelegate(self))
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.empty_text = tr("No open orders")

    def doItemsLayout(self) -> None:
        super().doItemsLayout()
        model = self.model()
        if model is None:
            return
        gap = GAP
        columns = max(1, (self.viewport().width() - gap) // (CARD_WIDTH + gap))
        heights = [gap] * columns
        delegate = self.itemDelegate()
        option = QStyleOptionViewItem()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            column = heights.index(min(heights))
            x = gap + column * (CARD_WIDTH + gap)
            self.setPositionForIndex(QPoint(x, heights[column]), index)
            heights[column] += delegate.sizeHint(option, index).height() + gap

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.dataChanged.disconnect(self._on_data_changed)
        super().setModel(model)
        if model is not None:
            model.dataChanged.connect(self._on_data_changed)

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        # A changed order may be taller or shorter; only the age text needs no new layout.
        if not roles or not set(roles) <= {int(OrderRole.AGE), int(OrderRole.LATE)}:
            self.scheduleDelayedItemsLayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#90a4ae"))
            painter.setFont(_font(32, bold=True))
            painter.drawText(
                self.viewport().rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text
            )
            painter.end()
