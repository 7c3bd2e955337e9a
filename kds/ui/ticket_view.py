"""Ticket cards painted by a delegate, in pages of rows, readable from two metres.

Nothing is cut and nothing hides: every text is wrapped to the card (long words
hyphenated), a card too tall for the screen continues on the next card ("1/2 → 2/2"), and
cards that do not fit the screen are on the next page, reached by the "+12 more →" button
or PageDown (there is no scroll bar).

Cost follows what changed, not what exists: a card is laid out once per (card content,
width, scale) and cached; the view places cards only up to the end of the page on screen (a
20,000-order backlog costs what one page costs) and paints only the cards in the exposed
region; a tick repaints only the timers that are visible.
"""

from __future__ import annotations

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
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kds.domain.monitors import TimerColour
from kds.ui.cards import Card, LineKind, tr
from kds.ui.orders_model import CLOCK_ROLES, OrderRole, OrdersModel
from kds.ui.text_fit import wrap

_Index = QModelIndex | QPersistentModelIndex


CARD_WIDTH = 300
"""Logical pixels at font scale 1: the narrowest a card gets when columns are not set."""
PADDING = 10
GAP = 8
"""Between cards."""
INDENT = 20
TILE_ROWS = 2
"""Rows of cards that always fit a page in tiles (more where cards are short)..."""
SHORTEST_PART = 360
"""...unless a card would get shorter than this (at font scale 1): a low screen shows one
row of cards up to its height rather than cut every order into small parts."""
NAV_HEIGHT = 64
"""The paging bar under the cards: its buttons are at least 48 px tall (touch)."""
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_TIMER_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_WIDEST_TIMER = "−0:00:00"
"""The timer box leaves at least this much room for the age (hours show after an hour)."""

BACKGROUND = QColor("#1b1f23")
CARD = QColor("#fdfdfd")
TEXT = QColor("#111111")
HEADER = QColor("#263238")
HEADER_AMBER = QColor("#ffb300")
HEADER_RED = QColor("#c62828")
HEADER_SCHEDULED = QColor("#4527a0")
FLASH = QColor("#ffea00")
CANCELLED = QColor("#c62828")
CANCELLED_CARD = QColor("#ffebee")
UPDATED = QColor("#ffd600")
ALLERGEN = QColor("#b00020")
RESTRICTION = QColor("#000000")
RESTRICTION_TEXT = QColor("#ffd600")
TEST = QColor("#6a1b9a")
NOTE_BG = QColor("#fff59d")
ITEM_NOTE = QColor("#0d47a1")
RECALLED = QColor("#6a1b9a")
SELECTED = QColor("#00e5ff")
"""The frame of the card a bump bar's keys act on."""
PENDING = QColor("#ff8f00")
DONE = QColor("#9e9e9e")
READY = QColor("#2e7d32")
WHITE = QColor("#ffffff")
BLACK = QColor("#000000")

_HEADER_COLOURS = {
    TimerColour.CALM: (HEADER, WHITE),
    TimerColour.AMBER: (HEADER_AMBER, BLACK),
    TimerColour.RED: (HEADER_RED, WHITE),
}
"""Timer colour -> the header's background and text (black on amber: contrast)."""

_FontSpec = tuple[int, bool, bool, bool]
"""(pixels at scale 1, bold, italic, strike-out)"""


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


def _scaled(spec: _FontSpec, scale: float) -> _FontSpec:
    return (max(8, round(spec[0] * scale)), spec[1], spec[2], spec[3])


class Block(NamedTuple):
    """One text block of a card part, relative to the part's top-left corner.

    `lines` are already wrapped to `text_rect`'s width; `line` is the index of the card
    line (`Card.lines`) it shows, -1 for the header and badges.
    """

    rect: QRect
    text: str
    """What it says, before wrapping."""
    lines: tuple[str, ...]
    font: QFont
    color: QColor
    background: QColor | None = None
    line: int = -1
    align: int = _LEFT
    pad: int = 0
    """Room between the background pill's edge and the text."""
    heights: tuple[int, ...] = ()
    """Each line's height (a line with emoji or CJK takes its fallback font's height)."""

    @property
    def text_rect(self) -> QRect:
        """Where the text goes (inside the pill)."""
        return self.rect.adjusted(self.pad, self.pad // 2, -self.pad, -(self.pad // 2))


class CardPart(NamedTuple):
    """One card on screen: a whole order, or one part of a long one ("1/2")."""

    blocks: tuple[Block, ...]
    height: int
    header_height: int
    timer: QRect
    """The box the age is drawn in (right-aligned), relative to the part."""


class CardLayout(NamedTuple):
    """Where everything of one order's card(s) goes, at one width: computed once, painted
    often. A long order has several parts, each no taller than `max_height`."""

    parts: tuple[CardPart, ...]
    card: Card
    width: int
    scale: float
    max_height: int

    @property
    def height(self) -> int:
        """The first part's height."""
        return self.parts[0].height


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
            spec, color, bg = (19, True, False, strike), WHITE, ALLERGEN
        case LineKind.RESTRICTION:
            spec, color, bg = (19, True, False, strike), RESTRICTION_TEXT, RESTRICTION
        case LineKind.ORDER_NOTE:
            spec, color, bg = (18, False, True, strike), TEXT, NOTE_BG
    if cancelled:
        color = CANCELLED if bg is None else color
    elif done:
        color, bg = DONE, None
    return spec, color, bg


_Badge = tuple[_FontSpec, QColor, QColor]
"""A badge line's font, text colour and background."""
_CANCELLED_BADGE: _Badge = ((22, True, False, False), WHITE, CANCELLED)
_READY_BADGE: _Badge = ((22, True, False, False), WHITE, READY)
_UPDATED_BADGE: _Badge = ((18, True, False, False), TEXT, UPDATED)
_TEST_BADGE: _Badge = ((22, True, False, False), WHITE, TEST)
_RECALLED_BADGE: _Badge = ((20, True, False, False), WHITE, RECALLED)
_ID_SPEC: _FontSpec = (40, True, False, False)
_SUB_SPEC: _FontSpec = (19, True, False, False)
_TAG_SPEC: _FontSpec = (18, True, False, False)
_TIMER_SPEC: _FontSpec = (26, True, False, False)


class _Piece(NamedTuple):
    """A body text before it is cut into parts: its wrapped lines and how to draw them."""

    text: str
    left: int
    width: int
    lines: tuple[str, ...]
    spec: _FontSpec
    color: QColor
    background: QColor | None
    line: int
    space_before: int
    heights: tuple[int, ...]


def _line_heights(spec: _FontSpec, lines: Sequence[str]) -> tuple[int, ...]:
    """How tall each line is drawn, fallback fonts included (the primary font's line
    spacing alone is too little for "生日快乐 🎂")."""
    metrics = _metrics(*spec)
    area = QRect(0, 0, 100_000, 100_000)
    return tuple(
        max(metrics.lineSpacing(), metrics.boundingRect(area, _LEFT, line or " ").height())
        for line in lines
    )


def _piece(
    text: str,
    spec: _FontSpec,
    *,
    color: QColor,
    bg: QColor | None,
    left: int,
    width: int,
    line: int = -1,
    space_before: int = 0,
) -> _Piece:
    pad = _pad(spec) if bg is not None else 0
    lines = wrap(text, _metrics(*spec), width - 2 * pad)
    heights = _line_heights(spec, lines)
    return _Piece(text, left, width, lines, spec, color, bg, line, space_before, heights)


def _pad(spec: _FontSpec) -> int:
    return max(4, spec[0] // 3)


def _timer_font(scale: float) -> QFont:
    return _font(*_scaled(_TIMER_SPEC, scale))


def _id_spec(text: str, room: int, scale: float) -> _FontSpec:
    """The display id's font: as large as fits `room` (a long id gets smaller, never cut)."""
    spec = _scaled(_ID_SPEC, scale)
    while spec[0] > 12 and _metrics(*spec).horizontalAdvance(text) > room:
        spec = (spec[0] - 2, *spec[1:])
    return spec


def _header_texts(card: Card) -> list[str]:
    """Where and when; then who (first name, pickup code) and where the order came from."""
    due = tr("SCHEDULED · {due}").format(due=card.due) if card.scheduled else card.due
    texts = [tr("{fulfilment} · {due}").format(fulfilment=card.fulfilment, due=due)]
    who = [card.guest] if card.guest else []
    if card.pickup_code:
        who.append(tr("code {code}").format(code=card.pickup_code))
    if card.source:
        who.append(card.source)
    if who:
        texts.append(" · ".join(who))
    return texts


def _header(
    card: Card, width: int, scale: float, tag: str, *, continued: bool = False
) -> tuple[list[Block], QRect, int]:
    """The header blocks (id, timer box, where and when, guest and source, part tag), the
    timer box and the header's height; a card continuing an order (`continued`) repeats
    only the id, the timer and its tag."""
    pad = round(PADDING * scale)
    inner = width - 2 * pad
    blocks: list[Block] = []
    y = pad // 2
    timer_width = QFontMetrics(_timer_font(scale)).horizontalAdvance(_WIDEST_TIMER) + 6
    id_height = _metrics(*_scaled(_ID_SPEC, scale)).height()
    id_spec = _id_spec(card.display_id, inner - timer_width, scale)
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if id_spec[0] < _scaled(_ID_SPEC, scale)[0] * 0.7:
        # A long platform id would get too small beside the timer: it takes its own row.
        id_spec = _id_spec(card.display_id, inner, scale)
        lines = wrap(card.display_id, _metrics(*id_spec), inner)
        heights = _line_heights(id_spec, lines)
        height = sum(heights)
        rect = QRect(pad, y, inner, height)
        blocks.append(Block(rect, card.display_id, lines, _font(*id_spec), WHITE, heights=heights))
        y += height
        timer = QRect(width - pad - timer_width, y, timer_width, id_height)
    else:
        id_height = max(id_height, *_line_heights(id_spec, (card.display_id,)))
        id_width = _metrics(*id_spec).horizontalAdvance(card.display_id)
        blocks.append(
            Block(
                QRect(pad, y, id_width, id_height),
                card.display_id,
                (card.display_id,),
                _font(*id_spec),
                WHITE,
                align=align,
                heights=(id_height,),
            )
        )
        timer = QRect(width - pad - timer_width, y, timer_width, id_height)
    y += id_height
    sub_spec = _scaled(_SUB_SPEC, scale)
    texts = [] if continued else _header_texts(card)
    if tag:
        texts.append(tag)
    for text in texts:
        lines = wrap(text, _metrics(*sub_spec), inner)
        heights = _line_heights(sub_spec, lines)
        rect = QRect(pad, y, inner, sum(heights))
        blocks.append(Block(rect, text, lines, _font(*sub_spec), WHITE, heights=heights))
        y += rect.height()
    return blocks, timer, y + pad // 2


def _badges(card: Card, inner: int, scale: float) -> list[_Piece]:
    found: list[tuple[str, _Badge]] = []
    if card.test:
        found.append((tr("TEST ORDER — do not cook"), _TEST_BADGE))
    if card.cancelled:
        reason = card.cancel_reason
        text = tr("CANCELLED — {reason}").format(reason=reason) if reason else tr("CANCELLED")
        found.append((text, _CANCELLED_BADGE))
    elif card.ready:
        found.append((tr("READY"), _READY_BADGE))
    if not card.cancelled and card.recalled:
        found.append((tr("RECALLED"), _RECALLED_BADGE))
    if not card.cancelled and card.changed:
        text = tr("CHANGED · revision {n} — tap to acknowledge").format(n=card.revision)
        found.append((text, _UPDATED_BADGE))
    elif not card.cancelled and card.revision > 1:
        found.append((tr("UPDATED · revision {n}").format(n=card.revision), _UPDATED_BADGE))
    pad = round(PADDING * scale)
    return [
        _piece(text, _scaled(spec, scale), color=color, bg=bg, left=pad, width=inner)
        for text, (spec, color, bg) in found
    ]


def _body(card: Card, width: int, scale: float) -> list[_Piece]:
    pad = round(PADDING * scale)
    pieces = _badges(card, width - 2 * pad, scale)
    for i, line in enumerate(card.lines):
        spec, color, bg = _body_style(line.kind, line.done, card.cancelled)
        spec = _scaled(spec, scale)
        left = pad + round(INDENT * scale) * line.depth
        air = round(4 * scale) if line.kind == LineKind.ITEM and i else 0
        pieces.append(
            _piece(
                line.text,
                spec,
                color=color,
                bg=bg,
                left=left,
                width=width - pad - left,
                line=i,
                space_before=air,
            )
        )
    return pieces


def _piece_height(piece: _Piece, start: int, end: int) -> int:
    """The height of the piece's lines start..end-1, in its pill where it has one."""
    pad = _pad(piece.spec) if piece.background is not None else 0
    return sum(piece.heights[start:end]) + pad


def _block(piece: _Piece, y: int, start: int, end: int) -> Block:
    pad = _pad(piece.spec) if piece.background is not None else 0
    rect = QRect(piece.left, y, piece.width, _piece_height(piece, start, end))
    return Block(
        rect,
        piece.text,
        piece.lines[start:end],
        _font(*piece.spec),
        piece.color,
        piece.background,
        piece.line,
        pad=pad,
        heights=piece.heights[start:end],
    )


def card_layout(
    card: Card, width: int = CARD_WIDTH, scale: float = 1.0, max_height: int = 100_000
) -> CardLayout:
    """Lay out a card: fonts, every text wrapped and measured (the slow part), cut into
    parts no taller than `max_height` where the order is long.

    Everything but the age: that is drawn into each part's `timer` at paint time, so the
    clock never changes a layout.
    """
    pad = round(PADDING * scale)
    body = _body(card, width, scale)
    # The headers' heights with a part tag ("1/2 → next card"), to know where parts end.
    sample = tr("{n}/{count} → next card").format(n=9, count=9)
    first_header = _header(card, width, scale, sample)[2] + pad // 2
    next_header = _header(card, width, scale, sample, continued=True)[2] + pad // 2
    room = max_height - pad - round(3 * scale)  # the part's last gap and bottom padding
    cuts: list[list[tuple[_Piece, int, int, int]]] = [[]]
    """Per part: (piece, its first line, the line after its last, the space before it)."""
    y = first_header
    for piece in body:
        start, count = 0, len(piece.lines)
        while start < count:
            space = piece.space_before if cuts[-1] else 0
            end = count
            while end > start and y + space + _piece_height(piece, start, end) > room:
                end -= 1
            whole_fits_a_part = next_header + _piece_height(piece, start, count) <= room
            if end < count and cuts[-1] and whole_fits_a_part:
                end = start  # a text is cut only when it is taller than a whole card
            if end == start and not cuts[-1]:
                end = start + 1  # not even one line fits an empty card: it still goes somewhere
            if end == start:
                cuts.append([])
                y = next_header
                continue
            cuts[-1].append((piece, start, end, space))
            y += space + _piece_height(piece, start, end) + round(3 * scale)
            start = end
    parts: list[CardPart] = []
    count = len(cuts)
    for n, cut in enumerate(cuts, 1):
        tag = ""
        if count > 1:
            text = tr("{n}/{count} → next card") if n < count else tr("{n}/{count}")
            tag = text.format(n=n, count=count)
        blocks, timer, header_height = _header(card, width, scale, tag, continued=n > 1)
        y = header_height + pad // 2
        for piece, start, end, space in cut:
            y += space
            block = _block(piece, y, start, end)
            blocks.append(block)
            y += block.rect.height() + round(3 * scale)
        parts.append(CardPart(tuple(blocks), y + pad, header_height, timer))
    return CardLayout(tuple(parts), card, width, scale, max_height)


def header_colours(card: Card, colour: TimerColour) -> tuple[QColor, QColor]:
    """The header's background and text colour."""
    if card.cancelled:
        return CANCELLED, WHITE
    if colour is TimerColour.CALM and card.scheduled:
        return HEADER_SCHEDULED, WHITE
    return _HEADER_COLOURS[colour]


def _draw_part(painter: QPainter, layout: CardLayout, part: CardPart, colour: TimerColour) -> None:
    """Everything of a card part but its age, at the painter's origin."""
    card = layout.card
    width, height, header_height = layout.width, part.height, part.header_height
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    frame = QRect(0, 0, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CANCELLED_CARD if card.cancelled else CARD)
    painter.drawRoundedRect(frame, 8, 8)
    background, text = header_colours(card, colour)
    painter.setBrush(background)
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
    for block in part.blocks:
        if block.background is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(block.background)
            radius = block.pad + 2
            painter.drawRoundedRect(block.rect, radius, radius)
        painter.setFont(block.font)
        painter.setPen(text if block.line < 0 and block.background is None else block.color)
        box = block.text_rect
        top = box.top()
        for line, height in zip(block.lines, block.heights, strict=True):
            painter.drawText(QRect(box.left(), top, box.width(), height), block.align, line)
            top += height


class _Picture(NamedTuple):
    """A card part drawn once (without its age), for as long as its layout and colour hold."""

    layout: CardLayout
    colour: TimerColour
    ratio: float
    pixmap: QPixmap


PICTURES_KEPT = 64
"""Card parts kept drawn per view at least (more when more fit on its screen), least
recently painted dropped first: a page that reflows (the oldest card left) blits, not
redraws."""


class TicketDelegate(QStyledItemDelegate):
    """Paints one order as a card (or several, a long one): coloured header, badges, dishes
    with nested modifiers, allergen and restriction pills.

    Keeps the layout of every card it laid out (one entry per order, replaced when the
    card's content or size changes, dropped by the view when the order leaves), and a
    picture of the card parts it painted last (see PICTURES_KEPT); only the age is drawn
    anew, and the flash of an overdue card on top.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layouts: dict[str, CardLayout] = {}
        self._pictures: OrderedDict[tuple[str, int], _Picture] = OrderedDict()
        self.pictures_kept = PICTURES_KEPT

    def layout(
        self,
        index: _Index,
        width: int = CARD_WIDTH,
        scale: float = 1.0,
        max_height: int = 100_000,
    ) -> CardLayout:
        """The card's layout: from the cache while its content and size are unchanged."""
        card: Card = index.data(OrderRole.CARD)
        known = self._layouts.get(card.order_id)
        if (
            known is not None
            and (known.width, known.scale, known.max_height) == (width, scale, max_height)
            and (known.card is card or known.card == card)
        ):
            return known
        layout = card_layout(card, width, scale, max_height)
        self._layouts[card.order_id] = layout
        return layout

    def forget(self, order_id: str) -> None:
        """Drop the layout and pictures of an order that left the view."""
        known = self._layouts.pop(order_id, None)
        for part in range(len(known.parts) if known is not None else 0):
            self._pictures.pop((order_id, part), None)

    def forget_all(self) -> None:
        self._layouts.clear()
        self._pictures.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        layout = self.layout(index)
        return QSize(layout.width, layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.paint_card(painter, option.rect, index, self.layout(index))

    def _picture(self, layout: CardLayout, part: int, colour: TimerColour, ratio: float) -> QPixmap:
        key = (layout.card.order_id, part)
        known = self._pictures.get(key)
        if (
            known is not None
            and known.layout is layout
            and (known.colour, known.ratio)
            == (
                colour,
                ratio,
            )
        ):
            self._pictures.move_to_end(key)
            return known.pixmap
        shape = layout.parts[part]
        pixmap = QPixmap(QSize(layout.width, shape.height) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(BACKGROUND)  # opaque: blitting it is a copy, not a blend
        painter = QPainter(pixmap)
        _draw_part(painter, layout, shape, colour)
        painter.end()
        self._pictures[key] = _Picture(layout, colour, ratio, pixmap)
        self._pictures.move_to_end(key)
        while len(self._pictures) > self.pictures_kept:
            self._pictures.popitem(last=False)
        return pixmap

    def paint_card(
        self, painter: QPainter, rect: QRect, index: _Index, layout: CardLayout, part: int = 0
    ) -> None:
        """The whole card part at `rect` (its top-left corner; the size comes from the
        layout), with its age, and a bright frame in an overdue card's flash."""
        colour = TimerColour(index.data(OrderRole.TIMER_COLOUR))
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect.topLeft(), self._picture(layout, part, colour, ratio))
        shape = layout.parts[part]
        self._draw_age(painter, rect=rect, index=index, layout=layout, shape=shape, colour=colour)
        if index.data(OrderRole.FLASH):
            painter.setPen(QPen(FLASH, max(6, round(6 * layout.scale))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                QRect(rect.topLeft(), QSize(layout.width, shape.height)).adjusted(3, 3, -3, -3),
                8,
                8,
            )

    def _draw_age(
        self,
        painter: QPainter,
        *,
        rect: QRect,
        index: _Index,
        layout: CardLayout,
        shape: CardPart,
        colour: TimerColour,
    ) -> None:
        painter.setFont(_timer_font(layout.scale))
        painter.setPen(header_colours(layout.card, colour)[1])
        painter.drawText(
            shape.timer.translated(rect.topLeft()), _TIMER_ALIGN, str(index.data(OrderRole.AGE))
        )

    def paint_timer(
        self, painter: QPainter, rect: QRect, index: _Index, layout: CardLayout, part: int = 0
    ) -> None:
        """Only the age of the card part at `rect`, on its header colour (what a tick
        repaints)."""
        shape = layout.parts[part]
        colour = TimerColour(index.data(OrderRole.TIMER_COLOUR))
        box = shape.timer.translated(rect.topLeft())
        painter.fillRect(box, header_colours(layout.card, colour)[0])
        self._draw_age(painter, rect=rect, index=index, layout=layout, shape=shape, colour=colour)


TAP_MOVE_PX = 24
"""A press that moves further than this is a swipe, not a tap."""
TAP_MAX_MS = 600
"""A press held longer is a long press (the card's menu), not a tap."""
SELECTED_FRAME_PX = 6
LINE_SLACK_PX = 2
"""A line's tap area reaches this far above and below its text (the card's whole width)."""


class _Slot(NamedTuple):
    """Where one card part is: its page, rect on the page, and its place in the page's rows."""

    row: int
    part: int
    page: int
    rect: QRect
    shelf_top: int
    column: int


class TicketView(QAbstractItemView):
    """Cards in rows, oldest top left, left to right then top to bottom, in pages.

    "tiles" fills rows of `columns` cards (each row as tall as its tallest card) while they
    fit the screen, a card at most half the screen tall (TILE_ROWS); "rail" is one row of
    cards per page, each up to the screen's height.
    A card that leaves makes every later card move one place back, in the same order
    (never across the screen as a masonry would). Cards that do not fit are on the next
    page: the bar under the cards says how many more there are and pages by touch or by
    PageDown / PageUp; there is no scroll bar.

    Cards are placed lazily, in row order, only up to the end of the page on screen (or of
    a page someone asks for). A model change re-places from the first row it touches and
    repaints the page only where cards moved; a change of the clock roles alone (a tick)
    repaints the visible timers, or the whole card where its colour turned or it flashes.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        rail: bool = False,
        columns: int = 0,
        scale: float = 1.0,
    ) -> None:
        # Qt calls the overrides below from inside the base constructor's set-up calls.
        self.rail = rail
        self.wanted_columns = columns
        self.scale = scale
        self._columns = 1
        self._card_width = CARD_WIDTH
        self._page_height = 1
        self._slots: list[_Slot] = []
        self._first_slot: list[int] = []
        """Per placed row, the index of its first slot."""
        self._page = 0
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
        self._add_paging_bar()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QAbstractItemView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"QAbstractItemView {{ background: {BACKGROUND.name()}; }}")
        self.cards = TicketDelegate(self)
        self.setItemDelegate(self.cards)
        self.empty_text = tr("No open orders")

    tapped = Signal(str, str)
    """A tap or click on a card: its order id and the line id it hit ("" for its header and
    anything that is not an order line)."""

    # --- touch ---------------------------------------------------------------------------

    def hit(self, pos: QPoint) -> tuple[str, str] | None:
        """(order id, line id or "") of the card part at `pos` (viewport coordinates)."""
        for index, part, rect in self.parts_on_page():
            if not rect.contains(pos):
                continue
            layout = self._layout_of(index.row())
            shape = layout.parts[part]
            local = pos - rect.topLeft()
            order_id = str(index.data(OrderRole.ORDER_ID))
            if local.y() < shape.header_height:
                return order_id, ""
            for block in shape.blocks:
                top, bottom = block.rect.top(), block.rect.bottom()
                if block.line >= 0 and top - LINE_SLACK_PX <= local.y() <= bottom + LINE_SLACK_PX:
                    line_id = layout.card.lines[block.line].line_id
                    return order_id, line_id or ""
            return order_id, ""
        return None

    def _order_parts(self, order_id: str) -> list[tuple[int, QRect]]:
        """(part, rect) of the order's card parts on the page on screen."""
        model = self.model()
        row = model.row_of(order_id) if isinstance(model, OrdersModel) else -1
        return [(part, rect) for index, part, rect in self.parts_on_page() if index.row() == row]

    def card_rect(self, order_id: str, line_id: str = "") -> QRect:
        """Where the order's card (its first part on screen) is in the viewport, or one of its
        lines when `line_id` is given; empty when it is not on the page."""
        parts = self._order_parts(order_id)
        if not parts:
            return QRect()
        if not line_id:
            return parts[0][1]
        model = self.model()
        assert isinstance(model, OrdersModel)
        layout = self._layout_of(model.row_of(order_id))
        for part, rect in parts:
            for block in layout.parts[part].blocks:
                if block.line >= 0 and layout.card.lines[block.line].line_id == line_id:
                    return block.rect.translated(rect.topLeft())
        return QRect()

    def header_rect(self, order_id: str) -> QRect:
        """The header of the order's (first shown) card part; empty when it is not shown."""
        parts = self._order_parts(order_id)
        model = self.model()
        if not parts or not isinstance(model, OrdersModel):
            return QRect()
        part, rect = parts[0]
        height = self._layout_of(model.row_of(order_id)).parts[part].header_height
        return QRect(rect.topLeft(), QSize(rect.width(), height))

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
        """Frame this card (None: no card), turning to its page; repaints the old and the
        new one."""
        old, self.selected = self.selected, order_id
        model = self.model()
        if order_id is not None and isinstance(model, OrdersModel):
            self.scrollTo(model.index(model.row_of(order_id), 0))
        for oid in {old, order_id} - {None}:
            assert oid is not None
            for _part, rect in self._order_parts(oid):
                self.viewport().update(rect.adjusted(-GAP, -GAP, GAP, GAP))

    def set_marks(self, marks: dict[str, str]) -> None:
        """Replace the cards' marks; repaints the cards whose mark came, went or changed."""
        old, self.marks = self.marks, dict(marks)
        for oid in set(old) | set(marks):
            if old.get(oid) != marks.get(oid):
                for _part, rect in self._order_parts(oid):
                    self.viewport().update(rect.adjusted(0, 0, 0, GAP))  # the pill's overhang

    def _paint_marks(self, painter: QPainter, rect: QRect, order_id: str) -> None:
        """The selection frame and the mark pill (over the card's bottom edge) of a part."""
        if order_id == self.selected:
            painter.setPen(QPen(SELECTED, SELECTED_FRAME_PX))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = SELECTED_FRAME_PX // 2
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 8, 8)
        mark = self.marks.get(order_id)
        if mark:
            font = _font(round(16 * self.scale), bold=True)
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(mark) + 16
            height = metrics.height() + 4
            pill = QRect(rect.right() - width - 8, rect.bottom() - height + 6, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PENDING)
            painter.drawRoundedRect(pill, 6, 6)
            painter.setFont(font)
            painter.setPen(TEXT)
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), mark)

    def turn_page(self) -> None:
        """The next page; from the last, the first again (a bump bar's page key)."""
        if self.more_count() > 0 or self._continues():
            self.next_page()
        elif self._page > 0:
            self._go_to(0)

    def _add_paging_bar(self) -> None:
        self.setViewportMargins(0, 0, 0, NAV_HEIGHT)
        self.paging_bar = QWidget(self)
        self.paging_bar.setObjectName("paging_bar")
        self.paging_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.paging_bar.setStyleSheet(
            "#paging_bar { background: #102027; }"
            " QPushButton { font-size: 24px; font-weight: bold; min-height: 52px;"
            " padding: 0 24px; background: #ffd600; color: #000000; border-radius: 6px; }"
            " QLabel { font-size: 24px; color: #eceff1; }"
        )
        bar = QHBoxLayout(self.paging_bar)
        bar.setContentsMargins(GAP, 6, GAP, 6)
        self.earlier_button = QPushButton()
        self.earlier_button.setObjectName("earlier")
        self.earlier_button.clicked.connect(self.previous_page)
        self.page_label = QLabel()
        self.page_label.setObjectName("page")
        self.more_button = QPushButton()
        self.more_button.setObjectName("more")
        self.more_button.clicked.connect(self.next_page)
        bar.addWidget(self.earlier_button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.more_button)
        self._update_paging_bar()

    # --- placing cards -------------------------------------------------------------------

    def _geometry(self) -> tuple[int, int, int]:
        """(columns, card width, page height) for the viewport's size."""
        size = self.viewport().size()
        narrowest = round(CARD_WIDTH * self.scale)
        columns = self.wanted_columns or max(1, (size.width() - GAP) // (narrowest + GAP))
        width = max(80, (size.width() - GAP * (columns + 1)) // columns)
        return columns, width, max(100, size.height())

    def _max_height(self) -> int:
        """The tallest a card part gets: the page's height on a rail; in tiles half of it, so
        that two rows always fit a page (a long order continues on the next card instead
        of pushing a whole row to the next page), where half is not too short."""
        whole = self._page_height - 2 * GAP
        if self.rail:
            return whole
        half = (self._page_height - 3 * GAP) // TILE_ROWS
        return half if half >= round(SHORTEST_PART * self.scale) else whole

    def _layout_of(self, row: int) -> CardLayout:
        model = self.model()
        assert model is not None
        index = model.index(row, 0)
        return self.cards.layout(index, self._card_width, self.scale, self._max_height())

    def _truncate(self, row: int) -> None:
        """Forget where rows `row`.. are (they will be placed again), repainting the page
        on screen where they were."""
        if row >= len(self._first_slot):
            return
        first = self._first_slot[row]
        for slot in self._slots[first:]:
            if slot.page == self._page:
                self._damage += slot.rect
        del self._slots[first:], self._first_slot[row:]

    def _restart(self) -> None:
        """Place every card again (a new size, a reset)."""
        self._slots.clear()
        self._first_slot.clear()
        self._columns, self._card_width, self._page_height = self._geometry()
        self._damage = QRegion(self.viewport().rect())

    def _cursor(self) -> tuple[int, int, int, int]:
        """Where the next part goes: (page, its row's top, its row's height so far, column)."""
        if not self._slots:
            return 0, GAP, 0, 0
        last = self._slots[-1]
        shelf = [
            s.rect.height()
            for s in self._slots[-self._columns :]
            if (s.page, s.shelf_top) == (last.page, last.shelf_top)
        ]
        return last.page, last.shelf_top, max(shelf), last.column + 1

    def _place(self, page: int) -> None:
        """Place cards in row order until one lands after `page` (or every card is placed)."""
        model = self.model()
        if model is None:
            return
        count = model.rowCount()
        cur_page, top, shelf_height, column = self._cursor()
        while len(self._first_slot) < count and cur_page <= page:
            row = len(self._first_slot)
            self._first_slot.append(len(self._slots))
            for part, shape in enumerate(self._layout_of(row).parts):
                height = shape.height
                if column >= self._columns:  # the row is full: the next row, or page
                    column, top, shelf_height = 0, top + shelf_height + GAP, 0
                    if self.rail:
                        cur_page, top = cur_page + 1, GAP
                if top + height > self._page_height - GAP and top > GAP:
                    cur_page, top, shelf_height, column = cur_page + 1, GAP, 0, 0
                x = GAP + column * (self._card_width + GAP)
                rect = QRect(x, top, self._card_width, height)
                self._slots.append(_Slot(row, part, cur_page, rect, top, column))
                if cur_page == self._page:
                    self._damage += rect  # a new or moved card on screen: repaint it
                shelf_height = max(shelf_height, height)
                column += 1
        if not self._damage.isEmpty():
            self._schedule_layout()

    def _page_slots(self, page: int) -> list[_Slot]:
        """The card parts on `page` (placed first where needed)."""
        self._place(page)
        # Slots are in page order: find the page's run by bisection on the page numbers.
        lo, hi = 0, len(self._slots)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._slots[mid].page < page:
                lo = mid + 1
            else:
                hi = mid
        end = lo
        while end < len(self._slots) and self._slots[end].page == page:
            end += 1
        return self._slots[lo:end]

    def _schedule_layout(self) -> None:
        if not self._layout_timer.isActive():
            self._layout_timer.start(0)

    def _layout_now(self) -> None:
        """Place what the page shows after model changes; repaint only what moved (nothing
        while the view is hidden: showing it lays it out)."""
        self._layout_timer.stop()
        if not self.isVisible():
            return
        model = self.model()
        empty = model is None or model.rowCount() == 0
        self._place(self._page)
        if self._page > 0 and not self._page_slots(self._page):
            self._page = max(0, self._slots[-1].page if self._slots else 0)  # it emptied
            self._damage = QRegion(self.viewport().rect())
        if empty or self._was_empty:
            self._damage = QRegion(self.viewport().rect())  # "No open orders" comes or goes
        self._was_empty = empty
        self._update_paging_bar()
        if not self._damage.isEmpty():
            self.viewport().update(self._damage)
            self._damage = QRegion()
        self._layout_timer.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._damage = QRegion(self.viewport().rect())
        self._layout_now()

    # --- pages ---------------------------------------------------------------------------

    @property
    def page(self) -> int:
        """The page on screen (0: the oldest cards)."""
        return self._page

    def shown_rows(self) -> list[int]:
        """The rows with a card (or a part of one) on the page on screen, in order."""
        rows: list[int] = []
        for slot in self._page_slots(self._page):
            if not rows or rows[-1] != slot.row:
                rows.append(slot.row)
        return rows

    def more_count(self) -> int:
        """How many orders are after the page on screen (not on it at all)."""
        model = self.model()
        rows = self.shown_rows()
        count = model.rowCount() if model is not None else 0
        return count - (rows[-1] + 1 if rows else 0)

    def earlier_count(self) -> int:
        """How many orders are before the page on screen (not on it at all)."""
        rows = self.shown_rows()
        return rows[0] if rows and self._page > 0 else 0

    def _continues(self) -> bool:
        """The last card on the page goes on on the next page ("1/2 → next card")."""
        slots = self._page_slots(self._page)
        if not slots:
            return False
        last = slots[-1]
        return last.part + 1 < len(self._layout_of(last.row).parts)

    def next_page(self) -> None:
        if self.more_count() > 0 or self._continues():
            self._go_to(self._page + 1)

    def previous_page(self) -> None:
        if self._page > 0:
            self._go_to(self._page - 1)

    def _go_to(self, page: int) -> None:
        self._page = page
        self._place(page)
        self._update_paging_bar()
        self.viewport().update()

    def _update_paging_bar(self) -> None:
        if self.model() is None:
            self.earlier_button.hide()
            self.more_button.hide()
            self.page_label.clear()
            return
        more, earlier = self.more_count(), self.earlier_count()
        continued = self._continues()
        self.more_button.setVisible(more > 0 or continued)
        self.more_button.setText(tr("+{n} more →").format(n=more) if more else tr("next →"))
        self.earlier_button.setVisible(self._page > 0)
        self.earlier_button.setText(
            tr("← {n} earlier").format(n=earlier) if earlier else tr("← back")
        )
        self.page_label.setText(
            tr("page {n}").format(n=self._page + 1) if self._page or more or continued else ""
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        match event.key():
            case Qt.Key.Key_PageDown | Qt.Key.Key_Right | Qt.Key.Key_Space:
                self.next_page()
            case Qt.Key.Key_PageUp | Qt.Key.Key_Left:
                self.previous_page()
            case Qt.Key.Key_Home:
                self._go_to(0)
            case _:
                super().keyPressEvent(event)

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
        self._update_paging_bar()

    def _relayout(self) -> None:
        self.cards.forget_all()
        self._restart()
        self._schedule_layout()

    def reset(self) -> None:
        super().reset()
        self._page = 0
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
        """A tick repaints visible timers (or whole cards whose colour turned or that
        flash); new content re-places from the first card whose size changed."""
        model = self.model()
        if model is None or not top.isValid() or not bottom.isValid():
            return
        first, last = top.row(), bottom.row()
        changed = set(roles)
        if changed and changed <= CLOCK_ROLES:
            whole = bool(changed - {int(OrderRole.AGE)})
            for slot in self._page_slots(self._page):
                if first <= slot.row <= last:
                    layout = self._layout_of(slot.row)
                    box = slot.rect if whole else layout.parts[slot.part].timer
                    self.viewport().update(
                        box.translated(slot.rect.topLeft()) if not whole else box
                    )
            return
        for row in range(first, min(last, len(self._first_slot) - 1) + 1):
            start = self._first_slot[row]
            end = self._first_slot[row + 1] if row + 1 < len(self._first_slot) else len(self._slots)
            heights = [s.rect.height() for s in self._slots[start:end]]
            if [p.height for p in self._layout_of(row).parts] != heights:
                self._truncate(row)
                self._schedule_layout()
                return
            for slot in self._slots[start:end]:
                if slot.page == self._page:
                    self.viewport().update(slot.rect)

    # --- geometry ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self.viewportMargins()
        self.paging_bar.setGeometry(
            0, self.height() - margins.bottom(), self.width(), margins.bottom()
        )
        if self._geometry() != (self._columns, self._card_width, self._page_height):
            self._restart()
            self._page = 0
        self._layout_now()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.verticalScrollBar().setRange(0, 0)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        return  # pages, not scrolling

    def _slot_of(self, index: _Index) -> _Slot | None:
        if not index.isValid() or index.model() is not self.model():
            return None
        row = index.row()
        while row >= len(self._first_slot):
            before = len(self._first_slot)
            last_page = self._slots[-1].page if self._slots else 0
            self._place(last_page + 1)
            if len(self._first_slot) == before:
                return None
        slots = self._slots[self._first_slot[row] :]
        shown = [s for s in slots if s.row == row and s.page == self._page]
        return shown[0] if shown else slots[0]

    def visualRect(self, index: _Index) -> QRect:
        """The card's rect on screen; a card on another page is above or below the screen."""
        slot = self._slot_of(index)
        if slot is None:
            return QRect()
        return slot.rect.translated(0, (slot.page - self._page) * self._page_height)

    def page_of(self, index: _Index) -> int:
        """The page the card (its first part) is on; -1 when there is no such card."""
        slot = self._slot_of(index)
        return -1 if slot is None else self._slots[self._first_slot[slot.row]].page

    def parts_on_page(self) -> list[tuple[QModelIndex, int, QRect]]:
        """(index, part, rect) of every card part on screen: what hit-testing and marks use."""
        model = self.model()
        if model is None:
            return []
        return [(model.index(s.row, 0), s.part, s.rect) for s in self._page_slots(self._page)]

    def indexAt(self, point: QPoint) -> QModelIndex:
        for index, _part, rect in self.parts_on_page():
            if rect.contains(point):
                return index
        return QModelIndex()

    def scrollTo(
        self,
        index: _Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        page = self.page_of(index)
        if page >= 0 and page != self._page:
            self._go_to(page)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        return QModelIndex()  # no keyboard cursor: cards are touched, not navigated

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return 0

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
            painter.setFont(_font(round(32 * self.scale), bold=True))
            painter.drawText(
                self.viewport().rect(), int(Qt.AlignmentFlag.AlignCenter), self.empty_text
            )
            painter.end()
            return
        if self._layout_timer.isActive():
            self._layout_now()  # places what moved and asks to repaint it
        slots = self._page_slots(self._page)
        self.cards.pictures_kept = max(PICTURES_KEPT, 2 * len(slots))
        region = event.region()
        for slot in slots:
            exposed = region.intersected(slot.rect)
            if exposed.isEmpty():
                continue
            index = model.index(slot.row, 0)
            layout = self._layout_of(slot.row)
            timer = layout.parts[slot.part].timer.translated(slot.rect.topLeft())
            if timer.contains(exposed.boundingRect()):
                self.cards.paint_timer(painter, slot.rect, index, layout, slot.part)
            else:
                self.cards.paint_card(painter, slot.rect, index, layout, slot.part)
            order_id = layout.card.order_id
            if order_id == self.selected or order_id in self.marks:
                self._paint_marks(painter, slot.rect, order_id)
        painter.end()
