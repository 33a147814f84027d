"""Paints a search result as a small card: bold title, muted source and date, highlighted snippet."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from energybrowser.ui.models.results import ResultsModel

PAD = 8
SNIPPET_LINES = 3
TITLE_LINES = 3  # a long title wraps before it is cut: titles of ~100 characters read whole
MARK_LIGHT = "#ffe98a"  # matched words: a highlighter yellow that keeps dark text readable
MARK_DARK = "#6b5a12"


def title_lines(title: str, metrics: QFontMetrics, width: int, most: int = TITLE_LINES) -> list[str]:
    """`title` wrapped at word boundaries into at most `most` lines of `width`, the last one elided."""
    lines: list[str] = []
    rest = " ".join(title.split())
    while rest and len(lines) < most - 1:
        if metrics.horizontalAdvance(rest) <= width:
            break
        words = rest.split(" ")
        taken = 1
        while taken < len(words) and metrics.horizontalAdvance(" ".join(words[: taken + 1])) <= width:
            taken += 1
        if taken == 1 and metrics.horizontalAdvance(words[0]) > width:
            break  # one word wider than the line: elided below, not split
        lines.append(" ".join(words[:taken]))
        rest = " ".join(words[taken:])
    if rest or not lines:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


class ResultDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        return title, small

    def _snippet_doc(self, html: str, font: QFont, width: int, color: str, mark: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"body {{ color: {color}; }}")
        # Qt paints <mark> in the selection colour whatever the style sheet says: use a span instead.
        span = f'<span style="background-color: {mark}; font-weight: 600">'
        doc.setHtml("<body>" + html.replace("<mark>", span).replace("</mark>", "</span>") + "</body>")
        doc.setTextWidth(max(10, width))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title_font, small = self._fonts(option)
        width = max(120, option.rect.width() or 320) - 2 * PAD
        if index.data(ResultsModel.UntitledRole):
            title_font.setItalic(True)
            title_font.setBold(False)
        lines = len(title_lines(str(index.data() or ""), QFontMetrics(title_font), width))
        height = PAD + QFontMetrics(title_font).height() * lines + 2 + QFontMetrics(small).height()
        snippet = index.data(ResultsModel.SnippetRole)
        if snippet:
            line = QFontMetrics(small).lineSpacing()
            doc = self._snippet_doc(snippet, small, width, "black", "yellow")
            height += 4 + min(int(doc.size().height()), line * SNIPPET_LINES)
        return QSize(width, height + PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        palette = opt.palette
        text_color = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(group, QPalette.ColorRole.PlaceholderText) if not selected else text_color
        title_font, small = self._fonts(opt)
        rect = opt.rect.adjusted(PAD, PAD // 2 + 2, -PAD, -PAD // 2)

        painter.save()
        if index.data(ResultsModel.UntitledRole):  # opening words stand in: not to be taken for a title
            title_font = QFont(title_font)
            title_font.setItalic(True)
            title_font.setBold(False)
        painter.setFont(title_font)
        painter.setPen(text_color if selected or not index.data(ResultsModel.UntitledRole) else muted)
        line_h = QFontMetrics(title_font).height()
        lines = title_lines(str(index.data() or ""), QFontMetrics(title_font), rect.width())
        for i, text in enumerate(lines):
            line_top = rect.top() + i * line_h
            line_rect = QRect(rect.left(), line_top, rect.width(), line_h)
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft, text)

        painter.setFont(small)
        painter.setPen(muted)
        meta_top = rect.top() + line_h * len(lines) + 2
        meta_h = QFontMetrics(small).height()
        meta = " · ".join(
            str(p) for p in (index.data(ResultsModel.SourceRole), index.data(ResultsModel.DateRole)) if p
        )
        meta = QFontMetrics(small).elidedText(meta, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), meta_top, rect.width(), meta_h), Qt.AlignmentFlag.AlignLeft, meta)

        snippet = index.data(ResultsModel.SnippetRole)
        if snippet:
            top = meta_top + meta_h + 4
            line = QFontMetrics(small).lineSpacing()
            height = min(rect.bottom() - top, line * SNIPPET_LINES)
            dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
            mark = "transparent" if selected else (MARK_DARK if dark else MARK_LIGHT)
            doc = self._snippet_doc(snippet, small, rect.width(), text_color.name(), mark)
            painter.translate(rect.left(), top)
            painter.setClipRect(QRect(0, 0, rect.width(), height))
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.palette.setColor(QPalette.ColorRole.Text, text_color)
            doc.documentLayout().draw(painter, ctx)
        painter.restore()
