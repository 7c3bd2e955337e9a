"""Ticket cards painted by a delegate in a masonry view, readable from two metres.

Cost follows what changed, not what exists: a card is laid out once per (card content,
width) and cached; the view places cards only down to the bottom of what is on screen (a
20,000-order backlog costs what one screen costs) and paints only the cards in the exposed
region; a tick repaints only the timers that are visible.
"""

from __future__ import annotations

import bisect
import functools
from collections import OrderedDict
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QScroller,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kds.ui.cards import Card, LineKind, tr
from kds.ui.orders_model import CLOCK_ROLES, OrderRole, OrdersModel

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
_TIMER_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TIMER_FONT = (26, True, False, False)
_WIDEST_TIMER = "0:00:00"
"""The timer box leaves at least this much room for the age (hours show after an hour)."""

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
RECALLED = QColor("#6a1b9a")
SELECTED = QColor("#00e5ff")
"""The frame of the card a bump bar's keys act on."""
PENDING = QColor("#ff8f00")

_FontSpec = tuple[int, bool, bool, bool]
"""(pixels, bold, italic, strike-out)"""


@functools.cache
def _font(pixels: int, bold: bool = False, italic: bool = False, strike: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setItalic(italic)
    font.setStrikeOut(strike)
    return font


@functools.cache
def _metrics(pixels: int, bold: bool, italic: bool, strike: bool) -> QFontMetrics:
    return QFontMetrics(_font(pixels, bold, italic, strike))


class _Block(NamedTuple):
    """One text block of a card, relative to the card's top-left corner."""

    rect: QRect
    text: str
    font: QFont
    color: QColor
    background: QColor | None = None
    align: int = _WRAP


class CardLayout(NamedTuple):
    """Where everything on one card goes, at one width: computed once, painted often."""

    blocks: tuple[_Block, ...]
    height: int
    header_height: int
    timer: QRect
    """The box the age is drawn in (right-aligned), relative to the card."""
    card: Card
    width: int
    lines: tuple[tuple[QRect, str], ...] = ()
    """Where each order line's text is (its item, modifiers, notes, allergens), with its
    line id: what a tap hits."""


def _text_height(spec: _FontSpec, width: int, text: str) -> int:
    return _metrics(*spec).boundingRect(QRect(0, 0, width, 100_000), _WRAP, text).height()


def _body_style(
    line_kind: LineKind, done: bool, cancelled: bool
) -> tuple[_FontSpec, QColor, QColor | None]:
    strike = cancelled or done
    spec: _FontSpec
    bg: QColor | None
    match line_kind:
        case LineKind.ITEM:
            spec, color, bg = (22, True, False, strike), TEXT, None
        case LineKind.MODIFIER:
            spec, color, bg = (19, False, False, strike), TEXT, None
        case LineKind.ITEM_NOTE:
            spec, color, bg = (18, False, True, strike), ITEM_NOTE, None
        case LineKind.ALLERGENS:
            spec, color, bg = (18, True, False, strike), WHITE, ALLERGEN
        case LineKind.ORDER_NOTE:
            spec, color, bg = (18, False, True, strike), TEXT, NOTE_BG
    if cancelled:
        color = CANCELLED if bg is None else color
    elif done:
        color, bg = DONE, None
    return spec, color, bg


_Badge = tuple[_FontSpec, QColor, QColor, int]
"""A badge line's font, text colour, background and vertical padding."""
_CANCELLED_BADGE: _Badge = ((22, True, False, False), WHITE, CANCELLED, 8)
_READY_BADGE: _Badge = ((22, True, False, False), WHITE, READY, 8)
_UPDATED_BADGE: _Badge = ((18, True, False, False), TEXT, UPDATED, 6)
_RECALLED_BADGE: _Badge = ((20, True, False, False), WHITE, RECALLED, 6)


def _badge(blocks: list[_Block], y: int, inner: int, text: str, badge: _Badge) -> int:
    """Add a full-width badge ("CANCELLED", "READY", "UPDATED") at `y`; the y after it."""
    spec, color, bg, pad = badge
    height = _text_height(spec, inner - 8, text) + pad
    blocks.append(_Block(QRect(PADDING, y, inner, height), text, _font(*spec), color, bg))
    return y + height + PADDING // 2


def card_layout(index: _Index, width: int = CARD_WIDTH) -> CardLayout:
    """Lay out the card at `index`: fonts, every text line measured and wrapped (the slow part).

    Everything but the age: that is drawn into `timer` at paint time, so the clock never
    changes a layout.
    """
    card: Card = index.data(OrderRole.CARD)
    blocks: list[_Block] = []
    inner = width - 2 * PADDING
    y = PADDING // 2
    id_spec: _FontSpec = (40, True, False, False)
    id_height = _metrics(*id_spec).height()
    room = inner - _metrics(*_TIMER_FONT).horizontalAdvance(_WIDEST_TIMER) - 10
    id_width = min(_metrics(*id_spec).horizontalAdvance(card.display_id), room)
    blocks.append(
        _Block(
            QRect(PADDING, y, id_width, id_height),
            card.display_id,
            _font(*id_spec),
            WHITE,
            align=int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        )
    )
    timer_left = PADDING + id_width + 6
    timer = QRect(timer_left, y, width - PADDING - timer_left, id_height)
    y += id_height
    sub_spec: _FontSpec = (19, True, False, False)
    due = tr("SCHEDULED · {due}").format(due=card.due) if card.scheduled else card.due
    sub = f"{card.fulfilment} · {due}"
    height = _text_height(sub_spec, inner, sub)
    blocks.append(_Block(QRect(PADDING, y, inner, height), sub, _font(*sub_spec), WHITE))
    y += height + PADDING // 2
    header_height = y

    y += PADDING // 2
    if card.cancelled:
        reason = card.cancel_reason
        text = tr("CANCELLED — {reason}").format(reason=reason) if reason else tr("CANCELLED")
        y = _badge(blocks, y, inner, text, _CANCELLED_BADGE)
    if not card.cancelled and card.ready:
        y = _badge(blocks, y, inner, tr("READY"), _READY_BADGE)
    if not card.cancelled and card.recalled:
        y = _badge(blocks, y, inner, tr("RECALLED"), _RECALLED_BADGE)
    if not card.cancelled and card.changed:
        text = tr("CHANGED · revision {n} — tap to acknowledge").format(n=card.revision)
        y = _badge(blocks, y, inner, text, _UPDATED_BADGE)
    elif not card.cancelled and card.revision > 1:
        text = tr("UPDATED · revision {n}").format(n=card.revision)
        y = _badge(blocks, y, inner, text, _UPDATED_BADGE)

    hits: list[tuple[QRect, str]] = []
    for line in card.lines:
        spec, color, bg = _body_style(line.kind, line.done, card.cancelled)
        left = PADDING + INDENT * line.depth
        avail = width - PADDING - left
        pad = 4 if bg is not None else 0
        height = _text_height(spec, avail - 2 * pad, line.text) + 2 * pad
        if line.kind == LineKind.ITEM and y > header_height + PADDING:
            y += 4  # a little air between dishes
        blocks.append(_Block(QRect(left, y, avail, height), line.text, _font(*spec), color, bg))
        if line.line_id is not None:
            # The whole card width, down to the next line: a finger need not hit the text.
            hits.append((QRect(0, y - 2, width, height + 4), line.line_id))
        y += height + (3 if bg is not None else 1)
    y += PADDING
    return CardLayout(tuple(blocks), y, header_height, timer, card, width, tuple(hits))


def header_colour(card: Card, late: bool) -> QColor:
    if card.cancelled:
        return CANCELLED
    if late:
        return HEADER_LATE
    if card.scheduled:
        return HEADER_SCHEDULED
    return HEADER


def _draw_card(painter: QPainter, layout: CardLayout, late: bool) -> None:
    """Everything of a card but its age, at the painter's origin."""
    card = layout.card
    width, height, header_height = layout.width, layout.height, layout.header_height
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    frame = QRect(0, 0, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CANCELLED_CARD if card.cancelled else CARD)
    painter.drawRoundedRect(frame, 8, 8)
    painter.setBrush(header_colour(card, late))
    painter.drawRoundedRect(QRect(0, 0, width, header_height), 8, 8)
    painter.drawRect(QRect(0, header_height - 8, width, 8))
    if card.cancelled:
        # A red frame and a cross under the text: nobody cooks this by mistake.
        painter.setPen(QPen(CANCELLED, 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame.adjusted(2, 2, -2, -2), 8, 8)
        cross = QColor(CANCELLED)
        cross.setAlpha(90)
        painter.setPen(QPen(cross, 6))
        painter.drawLine(8, header_height + 8, width - 8, height - 8)
        painter.drawLine(width - 8, header_height + 8, 8, height - 8)
    for block in layout.blocks:
        box = block.rect
        if block.background is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(block.background)
            painter.drawRoundedRect(box, 4, 4)
            box = box.adjusted(4, 3, -4, -3)
        painter.setFont(block.font)
        painter.setPen(block.color)
        painter.drawText(box, block.align, block.text)


class _Picture(NamedTuple):
    """A card drawn once (without its age), for as long as its layout and colour hold."""

    layout: CardLayout
    late: bool
    ratio: float
    pixmap: QPixmap


PICTURES_KEPT = 64
"""Cards kept drawn per view at least (more when more fit on its screen), least recently
painted dropped first: a screen that reflows (the oldest card left) blits, not redraws."""


class TicketDelegate(QStyledItemDelegate):
    """Paints one order as a card: coloured header, badges, dishes with nested modifiers.

    Keeps the layout of every card it laid out (one entry per order, replaced when the
    card's content or width changes, dropped by the view when the order leaves), and a
    picture of the cards it painted last (see PICTURES_KEPT); only the age is drawn anew.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layouts: dict[str, CardLayout] = {}
        self._pictures: OrderedDict[str, _Picture] = OrderedDict()
        self.pictures_kept = PICTURES_KEPT

    def layout(self, index: _Index, width: int = CARD_WIDTH) -> CardLayout:
        """The card's layout: from the cache while its content and width are unchanged."""
        card: Card = index.data(OrderRole.CARD)
        known = self._layouts.get(card.order_id)
        if (
            known is not None
            and known.width == width
            and (known.card is card or known.card == card)
        ):
            return known
        layout = card_layout(index, width)
        self._layouts[card.order_id] = layout
        return layout

    def forget(self, order_id: str) -> None:
        """Drop the layout and picture of an order that left the view."""
        self._layouts.pop(order_id, None)
        self._pictures.pop(order_id, None)

    def forget_all(self) -> None:
        self._layouts.clear()
        self._pictures.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(CARD_WIDTH, self.layout(index).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.paint_card(painter, option.rect, index, self.layout(index))

    def _picture(self, layout: CardLayout, late: bool, ratio: float) -> QPixmap:
        order_id = layout.card.order_id
        known = self._pictures.get(order_id)
        if (
            known is not None
            and known.layout is layout
            and (known.late, known.ratio)
            == (
                late,
                ratio,
            )
        ):
            self._pictures.move_to_end(order_id)
            return known.pixmap
        pixmap = QPixmap(QSize(layout.width, layout.height) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(BACKGROUND)  # opaque: blitting it is a copy, not a blend
        painter = QPainter(pixmap)
        _draw_card(painter, layout, late)
        painter.end()
        self._pictures[order_id] = _Picture(layout, late, ratio, pixmap)
        self._pictures.move_to_end(order_id)
        while len(self._pictures) > self.pictures_kept:
            self._pictures.popitem(last=False)
        return pixmap

    def paint_card(self, painter: QPainter, rect: QRect, index: _Index, layout: CardLayout) -> None:
        """The whole card at `rect` (its top-left corner; the size comes from the layout)."""
        late = bool(index.data(OrderRole.LATE))
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect.topLeft(), self._picture(layout, late, ratio))
        painter.setFont(_font(*_TIMER_FONT))
        painter.setPen(WHITE)
        painter.drawText(
            layout.timer.translated(rect.topLeft()), _TIMER_ALIGN, str(index.data(OrderRole.AGE))
        )

    def paint_timer(
        self, painter: QPainter, rect: QRect, index: _Index, layout: CardLayout
    ) -> None:
        """Only the age of the card at `rect`, on its header colour (what a tick repaints)."""
        box = layout.timer.translated(rect.topLeft())
        painter.fillRect(box, header_colour(layout.card, bool(index.data(OrderRole.LATE))))
        painter.setFont(_font(*_TIMER_FONT))
        painter.setPen(WHITE)
        painter.drawText(box, _TIMER_ALIGN, str(index.data(OrderRole.AGE)))


TAP_MOVE_PX = 24
"""A press that moves further than this is a scroll, not a tap."""
TAP_MAX_MS = 600
"""A press held longer is a long press (the card's menu), not a tap."""
SELECTED_FRAME_PX = 6


class TicketView(QAbstractItemView):
    """Cards in columns, oldest top left, each next card under the shortest column (masonry).

    Cards are placed lazily, in row order, only down to the bottom of the visible area (or
    to a row someone asks about); below that, the scroll range is an estimate from the
    average card height. A model change re-places only from the first row it touches and
    repaints only the screen area whose cards moved; a change of the clock roles alone
    (a tick) repaints the visible timers, or the header of a card that turned late.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        # Qt calls the overrides below from inside the base constructor's set-up calls.
        self._columns = 1
        # Placed rows 0..n-1: top-left corner and height in content coordinates; the rows
        # of each column top to bottom, with their bottoms (for bisection).
        self._x: list[int] = []
        self._y: list[int] = []
        self._h: list[int] = []
        self._col_rows: list[list[int]] = [[]]
        self._col_bottoms: list[list[int]] = [[]]
        self._next_top: list[int] = [GAP]
        self._height_sum = 0
        self._damage = QRegion()
        self._was_empty = True
        self._press: tuple[QPoint, tuple[str, str] | None, int] | None = None
        self.selected: str | None = None
        """The order id of the card a bump bar's keys act on (drawn with a thick frame)."""
        self.marks: dict[str, str] = {}
        """Order id -> a mark drawn on its card (e.g. "sending…" while its action is in the
        outbox)."""
        super().__init__(parent)
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.timeout.connect(self._layout_now)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QAbstractItemView.Shape.NoFrame)
        self.setStyleSheet(f"QAbstractItemView {{ background: {BACKGROUND.name()}; }}")
        self.cards = TicketDelegate(self)
        self.setItemDelegate(self.cards)
        self.verticalScrollBar().setSingleStep(48)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.empty_text = tr("No open orders")

    tapped = Signal(str, str)
    """A tap or click on a card: its order id and the line id it hit ("" for its header and
    anything below its lines)."""

    # --- touch -------------------------------------------------------------------------

    def hit(self, pos: QPoint) -> tuple[str, str] | None:
        """(order id, line id or "") of the card part at `pos` (viewport coordinates)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        layout = self.cards.layout(index)
        local = pos - self.visualRect(index).topLeft()
        order_id = str(index.data(OrderRole.ORDER_ID))
        if local.y() >= layout.header_height:
            for box, line_id in layout.lines:
                if box.contains(local):
                    return order_id, line_id
        return order_id, ""

    def card_rect(self, order_id: str, line_id: str = "") -> QRect:
        """Where the order's card is in the viewport (or its header, or one of its lines when
        `line_id` is given); empty when it is not shown."""
        model = self.model()
        row = model.row_of(order_id) if isinstance(model, OrdersModel) else -1
        if model is None or row < 0:
            return QRect()
        index = model.index(row, 0)
        rect = self.visualRect(index)
        if not line_id:
            return rect
        boxes = [box for box, lid in self.cards.layout(index).lines if lid == line_id]
        return boxes[0].translated(rect.topLeft()) if boxes else QRect()

    def header_rect(self, order_id: str) -> QRect:
        rect = self.card_rect(order_id)
        model = self.model()
        if rect.isEmpty() or not isinstance(model, OrdersModel):
            return QRect()
        layout = self.cards.layout(model.index(model.row_of(order_id), 0))
        return QRect(rect.topLeft(), QSize(rect.width(), layout.header_height))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Not the item view's own handling: a card is tapped, never made "current" (a current
        # index would be moved, and the cards measured, while rows leave).
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            self._press = (pos, self.hit(pos), event.timestamp())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        start, target, at = press
        pos = event.position().toPoint()
        if (
            target is not None
            and (pos - start).manhattanLength() <= TAP_MOVE_PX
            and event.timestamp() - at <= TAP_MAX_MS
        ):
            self.tapped.emit(*target)

    def set_selected(self, order_id: str | None) -> None:
        """Frame this card (None: no card); repaints the old and the new one."""
        old, self.selected = self.selected, order_id
        for oid in {old, order_id} - {None}:
            assert oid is not None
            self.viewport().update(self.card_rect(oid).adjusted(-GAP, -GAP, GAP, GAP))

    def set_marks(self, marks: dict[str, str]) -> None:
        """Replace the cards' marks; repaints the cards whose mark came, went or changed."""
        old, self.marks = self.marks, dict(marks)
        for oid in set(old) | set(marks):
            if old.get(oid) != marks.get(oid):
                self.viewport().update(self.card_rect(oid))

    def _paint_marks(self, painter: QPainter, rect: QRect, order_id: str) -> None:
        if order_id == self.selected:
            painter.setPen(QPen(SELECTED, SELECTED_FRAME_PX))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = SELECTED_FRAME_PX // 2
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 8, 8)
        mark = self.marks.get(order_id)
        if mark:
            font = _font(16, bold=True)
            width = QFontMetrics(font).horizontalAdvance(mark) + 16
            pill = QRect(rect.right() - width - 8, rect.bottom() - 30, width, 24)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PENDING)
            painter.drawRoundedRect(pill, 6, 6)
            painter.setFont(font)
            painter.setPen(TEXT)
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), mark)

    # --- placing cards -------------------------------------------------------------------

    def _column_count(self) -> int:
        return max(1, (self.viewport().width() - GAP) // (CARD_WIDTH + GAP))

    def _visible(self) -> QRect:
        """The visible area in content coordinates."""
        size = self.viewport().size()
        return QRect(0, self.verticalOffset(), size.width(), size.height())

    def _rect(self, row: int) -> QRect:
        """A placed card's rect in content coordinates."""
        return QRect(self._x[row], self._y[row], CARD_WIDTH, self._h[row])

    def _truncate(self, row: int) -> None:
        """Forget where rows `row`.. are (they will be placed again), repainting where they were."""
        placed = len(self._y)
        if row >= placed:
            return
        visible = self._visible()
        for r in range(row, placed):
            rect = self._rect(r)
            if rect.intersects(visible):
                self._damage += rect
        for col in range(len(self._col_rows)):
            rows, bottoms = self._col_rows[col], self._col_bottoms[col]
            while rows and rows[-1] >= row:
                rows.pop()
                bottoms.pop()
            self._next_top[col] = bottoms[-1] + GAP if bottoms else GAP
        self._height_sum -= sum(self._h[row:])
        del self._x[row:], self._y[row:], self._h[row:]

    def _restart(self) -> None:
        """Place every card again (new column count, a reset)."""
        self._truncate(0)
        self._columns = self._column_count()
        self._col_rows = [[] for _ in range(self._columns)]
        self._col_bottoms = [[] for _ in range(self._columns)]
        self._next_top = [GAP] * self._columns
        self._damage = QRegion(self._visible())

    def _place(self, bottom: int, row: int = -1) -> None:
        """Place cards in row order until every column reaches below `bottom` (and `row`)."""
        model = self.model()
        if model is None:
            return
        count = model.rowCount()
        next_top = self._next_top
        visible = self._visible()
        while len(self._y) < count:
            low = min(next_top)
            if low > bottom and len(self._y) > row:
                return
            col = next_top.index(low)
            r = len(self._y)
            height = self.cards.layout(model.index(r, 0)).height
            self._x.append(GAP + col * (CARD_WIDTH + GAP))
            self._y.append(low)
            self._h.append(height)
            self._col_rows[col].append(r)
            self._col_bottoms[col].append(low + height)
            next_top[col] = low + height + GAP
            self._height_sum += height
            rect = QRect(self._x[-1], low, CARD_WIDTH, height)
            if rect.intersects(visible):
                self._damage += rect  # a new or moved card on screen: repaint it
        if not self._damage.isEmpty():
            self._schedule_layout()

    def _rows_between(self, top: int, bottom: int) -> list[int]:
        """Placed rows whose card crosses the band top..bottom (content coordinates)."""
        found: list[int] = []
        for col, rows in enumerate(self._col_rows):
            bottoms = self._col_bottoms[col]
            i = bisect.bisect_left(bottoms, top)
            while i < len(rows) and self._y[rows[i]] <= bottom:
                found.append(rows[i])
                i += 1
        return found

    def _content_height(self) -> int:
        model = self.model()
        count = model.rowCount() if model is not None else 0
        placed = len(self._y)
        height = max(self._next_top)
        if placed < count and placed:
            average = self._height_sum / placed + GAP
            height = max(
                height, int(min(self._next_top) + average * (count - placed) / self._columns)
            )
        return height

    def _schedule_layout(self) -> None:
        if not self._layout_timer.isActive():
            self._layout_timer.start(0)

    def _layout_now(self) -> None:
        """Place what the screen shows after model changes; repaint only what moved."""
        model = self.model()
        empty = model is None or model.rowCount() == 0
        visible = self._visible()
        self._place(visible.bottom())
        if empty or self._was_empty:
            self._damage = QRegion(visible)  # the "No open orders" text comes or goes
        self._was_empty = empty
        self.updateGeometries()
        if not self._damage.isEmpty():
            self.viewport().update(self._damage.translated(0, -self.verticalOffset()))
            self._damage = QRegion()
        self._layout_timer.stop()

    # --- what the model tells the view ---------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._schedule_layout)
            old.rowsMoved.disconnect(self._relayout)
            old.layoutChanged.disconnect(self._relayout)
        super().setModel(model)
        if model is not None:
            model.rowsRemoved.connect(self._schedule_layout)
            model.rowsMoved.connect(self._relayout)
            model.layoutChanged.connect(self._relayout)

    def _relayout(self) -> None:
        self.cards.forget_all()
        self._restart()
        self._schedule_layout()

    def reset(self) -> None:
        super().reset()
        self._relayout()

    def doItemsLayout(self) -> None:
        self._restart()
        self._layout_now()

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        self._truncate(start)
        self._schedule_layout()

    def rowsAboutToBeRemoved(self, parent: _Index, start: int, end: int) -> None:
        super().rowsAboutToBeRemoved(parent, start, end)
        model = self.model()
        if model is not None:
            for row in range(start, end + 1):
                self.cards.forget(str(model.index(row, 0).data(OrderRole.ORDER_ID)))
        self._truncate(start)
        self._schedule_layout()

    def dataChanged(self, top: _Index, bottom: _Index, roles: Sequence[int] = ()) -> None:
        """A tick repaints visible timers (or headers turned late); new content re-places
        from the first card whose height changed. Never the IconMode-style re-measure of all."""
        model = self.model()
        if model is None or not top.isValid() or not bottom.isValid():
            return
        first, last = top.row(), bottom.row()
        offset = self.verticalOffset()
        changed = set(roles)
        if changed and changed <= CLOCK_ROLES:
            visible = self._visible()
            for row in self._rows_between(visible.top(), visible.bottom()):
                if first <= row <= last:
                    layout = self.cards.layout(model.index(row, 0))
                    if int(OrderRole.LATE) in changed:
                        box = QRect(0, 0, layout.width, layout.header_height)
                    else:
                        box = layout.timer
                    self.viewport().update(box.translated(self._x[row], self._y[row] - offset))
            return
        for row in range(first, min(last, len(self._y) - 1) + 1):
            if self.cards.layout(model.index(row, 0)).height != self._h[row]:
                self._truncate(row)
                self._schedule_layout()
                return
            self.viewport().update(self._rect(row).translated(0, -offset))

    # --- geometry ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._column_count() != self._columns:
            self._restart()
        self._layout_now()
        super().resizeEvent(event)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        page = self.viewport().height()
        bar = self.verticalScrollBar()
        bar.setPageStep(page)
        bar.setRange(0, max(0, self._content_height() - page))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        before = len(self._y)
        self._place(self._visible().bottom())
        super().scrollContentsBy(dx, dy)
        if len(self._y) != before:
            self.updateGeometries()

    def visualRect(self, index: _Index) -> QRect:
        if not index.isValid() or index.model() is not self.model():
            return QRect()
        row = index.row()
        if row >= len(self._y):
            self._place(self._visible().bottom(), row)
            if row >= len(self._y):
                return QRect()
        return self._rect(row).translated(0, -self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        col, x = divmod(point.x() - GAP, CARD_WIDTH + GAP)
        if model is None or not 0 <= col < len(self._col_rows) or x >= CARD_WIDTH:
            return QModelIndex()
        y = point.y() + self.verticalOffset()
        rows, bottoms = self._col_rows[col], self._col_bottoms[col]
        i = bisect.bisect_left(bottoms, y + 1)  # the first card whose bottom is below y
        if i < len(rows) and self._y[rows[i]] <= y:
            return model.index(rows[i], 0)
        return QModelIndex()

    def scrollTo(
        self,
        index: _Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        rect = self.visualRect(index)
        if rect.isEmpty():
            return
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop or rect.top() < 0:
            bar.setValue(bar.value() + rect.top() - GAP)
        elif rect.bottom() > page:
            bar.setValue(bar.value() + rect.bottom() - page + GAP)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        return QModelIndex()  # no keyboard cursor: cards are touched, not navigated

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: _Index) -> bool:
        return False

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        return  # NoSelection: nothing to select

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        return QRegion()

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        model = self.model()
        if model is None or model.rowCount() == 0:
            painter.setPen(QColor("#90a4ae"))
            painter.setFont(_font(32, bold=True))
            painter.drawText(
                self.viewport().rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text
            )
            painter.end()
            return
        if self._layout_timer.isActive():
            self._layout_now()  # places what moved and asks to repaint it
        offset = self.verticalOffset()
        visible = self._visible()
        on_screen = len(self._rows_between(visible.top(), visible.bottom()))
        self.cards.pictures_kept = max(PICTURES_KEPT, 2 * on_screen)
        area = event.rect().translated(0, offset)
        region = event.region()
        for row in self._rows_between(area.top(), area.bottom()):
            rect = QRect(self._x[row], self._y[row] - offset, CARD_WIDTH, self._h[row])
            exposed = region.intersected(rect)
            if exposed.isEmpty():
                continue
            index = model.index(row, 0)
            layout = self.cards.layout(index)
            if layout.timer.translated(rect.topLeft()).contains(exposed.boundingRect()):
                self.cards.paint_timer(painter, rect, index, layout)
            else:
                self.cards.paint_card(painter, rect, index, layout)
            order_id = str(index.data(OrderRole.ORDER_ID))
            if order_id == self.selected or order_id in self.marks:
                self._paint_marks(painter, rect, order_id)
        painter.end()
