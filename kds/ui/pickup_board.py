"""The guests' pickup board: numbers in preparation and ready, as large as the screen allows."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from kds import wire
from kds.domain.orders import OrderState
from kds.ui.cards import tr
from kds.ui.orders_model import CLOCK_ROLES, OrdersModel
from kds.ui.text_fit import wrap

_Index = QModelIndex | QPersistentModelIndex

BACKGROUND = QColor("#101418")
PREPARING = QColor("#eceff1")
READY = QColor("#69f0ae")
HIGHLIGHT_TEXT = QColor("#000000")
DOT_OK = QColor("#2e7d32")
DOT_PROBLEM = QColor("#ff8f00")
TITLE_PIXELS = 56
LARGEST = 180
"""Numbers never get larger than this (pixels), however few there are."""
NAME_SIZE = 0.4
"""A guest's name is this much of its number's size."""
DOT = 14
"""The connection dot's diameter: there for staff, small enough for guests to ignore."""


class Cell(NamedTuple):
    """One number on the board, where it is painted and how."""

    number: str
    name: str
    rect: QRect
    ready: bool
    newest: bool
    pixels: int
    name_pixels: int

    def number_rect(self) -> QRect:
        """Where the number is drawn (above the name, when there is one)."""
        box = self.rect.adjusted(6, 6, -6, -6)
        if not self.name:
            return box
        return QRect(box.x(), box.y(), box.width(), round(box.height() * 0.66))

    def name_rect(self) -> QRect:
        box = self.rect.adjusted(6, 6, -6, -6)
        top = self.number_rect().bottom() + 1
        return QRect(box.x(), top, box.width(), box.bottom() - top)


def _font(pixels: int, bold: bool = True) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


@functools.lru_cache(maxsize=4096)
def _advance(text: str, bold: bool) -> float:
    """`text`'s width per pixel of type size (measured at 100 px).

    The board is painted again on every change of an order it shows, mostly with the same
    numbers in the same cells: this and the two caches below keep a repaint from measuring
    them all again (the application's font does not change while it runs).
    """
    return QFontMetrics(_font(100, bold)).horizontalAdvance(text) / 100


@functools.lru_cache(maxsize=4096)
def _lines(text: str, pixels: int, width: int) -> tuple[str, ...]:
    """`text` wrapped to `width` at `pixels` bold."""
    return wrap(text, QFontMetrics(_font(pixels)), width)


def _typical(widths: Sequence[float]) -> float:
    """The width the grid is made for: the widest but for a few outliers (a long platform
    id shrinks in its own cell rather than shrinking every number)."""
    ordered = sorted(widths)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def _fit(texts: Sequence[tuple[str, str]], area: QRect) -> tuple[int, int, int]:
    """(columns, rows, pixels): the grid that shows every (number, name) in `area` with the
    largest type; a name takes a second, smaller line under its number."""
    if not texts:
        return 1, 1, LARGEST
    widths = [max(_advance(n, True), _advance(m, False) * NAME_SIZE if m else 0) for n, m in texts]
    widest = _typical(widths)
    named = any(name for _, name in texts)
    line_height = QFontMetrics(_font(100)).height() / 100 * (1 + NAME_SIZE if named else 1.0)
    best = (1, len(texts), 0)
    for columns in range(1, len(texts) + 1):
        rows = math.ceil(len(texts) / columns)
        cell_w = area.width() / columns
        cell_h = area.height() / rows
        pixels = min((cell_h * 0.9) / line_height, (cell_w * 0.85) / max(widest, 0.01), LARGEST)
        if pixels > best[2]:
            best = (columns, rows, int(pixels))
    return best


@functools.lru_cache(maxsize=4096)
def _own_size(text: str, width: int, height: int, pixels: int, bold: bool = True) -> int:
    """The largest type up to `pixels` at which `text` fits `width` × `height`, wrapped
    (a long platform id breaks at its dashes) where one line would be too small."""
    size = pixels
    while size > 8:
        metrics = QFontMetrics(_font(size, bold))
        lines = wrap(text, metrics, width)
        if max(map(metrics.horizontalAdvance, lines)) <= width and (
            len(lines) * metrics.height() <= height
        ):
            return size
        size = int(size * 0.92)
    return size


class PickupBoard(QWidget):
    """Two columns, "In preparation" and "Ready", of the numbers guests collect.

    Painted by the board itself, so there is nothing to scroll: the numbers get smaller as
    more are shown (about 60 still readable on a 1080p screen). The newest ready number is
    highlighted. A small dot in a corner says whether the board is connected; the staff
    lines never show here.
    """

    def __init__(
        self,
        model: OrdersModel,
        parent: QWidget | None = None,
        *,
        names: bool = False,
        logo: Path | None = None,
        background: str | None = None,
        accent: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.names = names
        self.background = QColor(background) if background else BACKGROUND
        self.accent = QColor(accent) if accent else READY
        self.logo = QPixmap(str(logo)) if logo is not None else QPixmap()
        self.connected = True
        self.setAutoFillBackground(False)
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.modelReset,
            model.layoutChanged,
            model.rowsMoved,
        ):
            signal.connect(self.update)
        model.dataChanged.connect(self._data_changed)

    def _data_changed(self, _top: _Index, _bottom: _Index, roles: Sequence[int] = ()) -> None:
        if not roles or not set(roles) <= CLOCK_ROLES:
            self.update()  # a tick changes no number

    def set_connected(self, ok: bool) -> None:
        """The dot's colour: green while connected, amber while not."""
        if ok != self.connected:
            self.connected = ok
            self.update()

    def numbers(self) -> tuple[list[OrderState], list[OrderState]]:
        """(in preparation, oldest first; ready, newest ready first)."""
        states = self.model.states()
        preparing = [s for s in states if s.overall_status != wire.OrderStatus.READY]
        ready = [s for s in states if s.overall_status == wire.OrderStatus.READY]
        ready.sort(key=lambda s: s.updated_at, reverse=True)
        return preparing, ready

    @staticmethod
    def titles() -> tuple[str, str]:
        """The two columns' titles, in the device's language."""
        return tr("In preparation"), tr("Ready")

    def _title_height(self) -> int:
        return round(TITLE_PIXELS * 1.6)

    def columns(self) -> tuple[QRect, QRect]:
        """The two columns' number areas (under their titles)."""
        rect = self.rect()
        half = rect.width() // 2
        top = self._title_height()
        margin = 24
        left = QRect(margin, top, half - 2 * margin, rect.height() - top - margin)
        right = QRect(half + margin, top, half - 2 * margin, rect.height() - top - margin)
        return left, right

    def cells(self) -> list[Cell]:
        """Every number on the board with the rect and size it is painted at."""
        preparing, ready = self.numbers()
        left, right = self.columns()
        found: list[Cell] = []
        for states, area, is_ready in ((preparing, left, False), (ready, right, True)):
            texts = [(s.display_id, self._name(s)) for s in states]
            columns, rows, pixels = _fit(texts, area)
            cell_w, cell_h = area.width() // columns, area.height() // max(rows, 1)
            cell_h = min(cell_h, round(pixels * 1.6 * (1 + NAME_SIZE if self.names else 1)))
            for i, (number, name) in enumerate(texts):
                row, column = divmod(i, columns)
                rect = QRect(area.x() + column * cell_w, area.y() + row * cell_h, cell_w, cell_h)
                cell = Cell(number, name, rect, is_ready, is_ready and i == 0, pixels, 0)
                room = cell.number_rect()
                size = _own_size(number, room.width() - 8, room.height(), pixels)
                name_room = cell.name_rect()
                name_size = round(pixels * NAME_SIZE)
                if name:
                    name_size = _own_size(
                        name, name_room.width() - 8, name_room.height(), name_size, bold=False
                    )
                found.append(cell._replace(pixels=size, name_pixels=name_size))
        return found

    def _name(self, state: OrderState) -> str:
        customer = state.order.customer
        if not self.names or customer is None or not customer.name.split():
            return ""
        return customer.name.split()[0]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.background)
        half = self.width() // 2
        title_h = self._title_height()
        x = 24
        if not self.logo.isNull():
            logo = self.logo.scaledToHeight(
                title_h - 16, Qt.TransformationMode.SmoothTransformation
            )
            painter.drawPixmap(16, 8, logo)
            x = 32 + logo.width()
        painter.setFont(_font(TITLE_PIXELS))
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        preparing, ready = self.titles()
        painter.setPen(PREPARING)
        painter.drawText(QRect(x, 0, half - x, title_h), align, preparing)
        painter.setPen(self.accent)
        painter.drawText(QRect(half + 24, 0, half - 48, title_h), align, ready)
        painter.fillRect(QRect(half - 1, 16, 2, self.height() - 32), QColor("#37474f"))
        center = int(Qt.AlignmentFlag.AlignCenter)
        for cell in self.cells():
            box = cell.rect.adjusted(6, 6, -6, -6)
            colour = self.accent if cell.ready else PREPARING
            if cell.newest:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.accent)
                painter.drawRoundedRect(box, 16, 16)
                colour = HIGHLIGHT_TEXT
            painter.setPen(colour)
            number = cell.number_rect()
            painter.setFont(_font(cell.pixels))
            lines = _lines(cell.number, cell.pixels, number.width() - 8)
            painter.drawText(number, center, "\n".join(lines))
            if cell.name:
                painter.setFont(_font(cell.name_pixels, bold=False))
                painter.drawText(cell.name_rect(), int(Qt.AlignmentFlag.AlignHCenter), cell.name)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(DOT_OK if self.connected else DOT_PROBLEM)
        painter.drawEllipse(QRectF(self.width() - DOT - 10, self.height() - DOT - 10, DOT, DOT))
        painter.end()
