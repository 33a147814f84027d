"""A plain reader used until `energybrowser.ui.reader.ReaderView` is available in this tree."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from energybrowser.corpus.markdown_text import block_html
from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan


class SimpleReader(QTextBrowser):
    entity_clicked = Signal(object)
    """An EntitySpan the user clicked (never emitted by this plain reader)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.article: Article | None = None
        self._hits: list[tuple[int, int]] = []
        self._hit = -1

    def loadResource(self, _type: int, _name: QUrl) -> object:  # never read files or the network
        return None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def show_article(
        self, article: Article, entities: Sequence[EntitySpan] = (), hits: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.article = article
        meta = article.meta
        head = f"<h2>{html.escape(meta.title)}</h2><p><i>{html.escape(meta.publisher)}</i></p>"
        body = "".join(block_html(b.source) for b in article.blocks)
        self.setHtml(head + body)
        self._hits = list(hits)
        self._hit = -1

    def clear_article(self) -> None:
        self.article = None
        self.clear()

    def set_hits(self, hits: Sequence[tuple[int, int]]) -> None:
        self._hits = list(hits)
        self._hit = -1

    def hit_count(self) -> int:
        return len(self._hits)

    def next_hit(self) -> None:
        if self._hits:
            self._hit = (self._hit + 1) % len(self._hits)
            self._find(self._hits[self._hit])

    def previous_hit(self) -> None:
        if self._hits:
            self._hit = (self._hit - 1) % len(self._hits)
            self._find(self._hits[self._hit])

    def scroll_to_offset(self, offset: int) -> None:
        if self.article:
            self._find((offset, min(len(self.article.text), offset + 40)))

    def mark_range(self, start: int, end: int) -> None:
        self._find((start, end))

    def _find(self, span: tuple[int, int]) -> None:
        if not self.article:
            return
        needle = self.article.text[span[0] : span[1]]
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.find(needle)

    def selected_passage(self) -> tuple[int, int] | None:
        text = self.textCursor().selectedText().replace("\u2029", " ").strip()
        if not text or not self.article:
            return None
        start = self.article.text.find(text)
        return (start, start + len(text)) if start >= 0 else None
