"""Paragraph numbers painted in a margin beside the reader, so they are never part of the text
(selecting and copying a passage does not pick them up)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser


class ParagraphGutter(QWidget):
    def __init__(self, reader: QTextBrowser) -> None:
        super().__init__(reader)
        self._reader = reader
        self._paragraphs: list[tuple[int, int]] = []  # (number, document position), by position
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_paragraphs(self, paragraphs: list[tuple[int, int]]) -> None:
        self._paragraphs = sorted(paragraphs, key=lambda p: p[1])
        self.update()

    def width_hint(self) -> int:
        digits = len(str(max((n for n, _ in self._paragraphs), default=99)))
        return self.fontMetrics().horizontalAdvance("9" * max(digits, 2)) + 14

    def paintEvent(self, event: QPaintEvent) -> None:
        reader = self._reader
        document = reader.document()
        layout = document.documentLayout()
        scroll = reader.verticalScrollBar().value()
        top, bottom = event.rect().top(), event.rect().bottom()
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._reader.palette().color(QPalette.ColorRole.Base))
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        height = self.fontMetrics().height()
        positions = [p for _, p in self._paragraphs]
        first_visible = reader.cursorForPosition(reader.viewport().rect().topLeft()).position()
        start = max(0, bisect.bisect_right(positions, first_visible) - 2)
        for number, position in self._paragraphs[start:]:
            block = document.findBlock(position)
            line = block.layout().lineForTextPosition(position - block.position())
            rect = layout.blockBoundingRect(block)
            y = int(rect.top() + (line.y() if line.isValid() else 0)) - scroll
            if y > bottom:
                break
            if y + height < top:
                continue
            painter.drawText(
                QRect(0, y, self.width() - 6, height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                str(number),
            )
        painter.end()
