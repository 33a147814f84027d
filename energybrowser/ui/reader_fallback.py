"""A plain reader with ReaderView's interface, used until `energybrowser.ui.reader` is in this tree."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from energybrowser.corpus.markdown_text import block_html
from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan


class SimpleReader(QTextBrowser):
    entity_clicked = Signal(str)
    """Canonical name of a clicked entity (this plain reader has no entity links)."""
    hit_changed = Signal(int, int)
    """(current hit, number of hits)."""
    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._article: Article | None = None
        self._hits: list[tuple[int, int]] = []
        self._hit = -1

    def loadResource(self, _type: int, _name: QUrl) -> object:  # never read files or the network
        return None

    def show_article(
        self,
        article: Article,
        *,
        entities: Iterable[EntitySpan] = (),
        enabled_types: frozenset[str] | None = None,
        hits: Iterable[tuple[int, int]] = (),
        marked: tuple[int, int] | None = None,
        shared: frozenset[str] = frozenset(),
    ) -> None:
        self._article = article
        head = f"<h2>{html.escape(article.meta.title)}</h2>"
        self.setHtml(head + "".join(block_html(b.source) for b in article.blocks))
        self.set_hits(hits)

    def article(self) -> Article | None:
        return self._article

    def set_enabled_types(self, types: frozenset[str] | None) -> None:
        pass

    def set_shared(self, shared: frozenset[str]) -> None:
        pass

    def set_show_paragraph_numbers(self, show: bool) -> None:
        pass

    def set_hits(self, hits: Iterable[tuple[int, int]]) -> None:
        self._hits = list(hits)
        self._hit = -1
        self.hit_changed.emit(-1, len(self._hits))

    def hit_count(self) -> int:
        return len(self._hits)

    def next_hit(self) -> tuple[int, int]:
        return self._step(1)

    def previous_hit(self) -> tuple[int, int]:
        return self._step(-1)

    def _step(self, step: int) -> tuple[int, int]:
        if not self._hits:
            return -1, 0
        self._hit = (self._hit + step) % len(self._hits)
        self._find(*self._hits[self._hit])
        self.hit_changed.emit(self._hit, len(self._hits))
        return self._hit, len(self._hits)

    def scroll_to_offset(self, offset: int) -> None:
        if self._article:
            self._find(offset, min(len(self._article.text), offset + 40))

    def mark_range(self, start: int, end: int) -> None:
        self._find(start, end)

    def _find(self, start: int, end: int) -> None:
        if self._article:
            self.moveCursor(QTextCursor.MoveOperation.Start)
            self.find(self._article.text[start:end])

    def selected_range(self) -> tuple[int, int] | None:
        text = self.textCursor().selectedText().replace("\u2029", " ").strip()
        if not text or not self._article:
            return None
        start = self._article.text.find(text)
        return (start, start + len(text)) if start >= 0 else None
