"""The reading side: a welcome page, the reader, and a second reader for side-by-side comparison."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan

WELCOME = """<div style="margin: 40px">
<h2>energybrowser</h2>
<p>Pick an article on the left, or type in the search box (<b>Ctrl+F</b>).</p>
<p>Entities are coloured by type; click one to see where else it is mentioned.<br>
Pick a row in the agreements table to jump to the sentence that states it.</p>
<p><b>Ctrl+Shift+C</b> copies a citation of the selected passage or of the article.<br>
<b>Ctrl+O</b> imports articles; you can also drop files on the window.<br>
<b>F1</b> lists every shortcut.</p></div>"""


def make_reader(parent: QWidget) -> QWidget:
    try:
        from energybrowser.ui.reader import ReaderView  # type: ignore[attr-defined]
    except ImportError:
        from energybrowser.ui.reader_fallback import SimpleReader

        return SimpleReader(parent)
    return ReaderView(parent)


class ReaderArea(QWidget):
    entity_clicked = Signal(object)
    """An EntitySpan clicked in either reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.welcome = QLabel(WELCOME, objectName="welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.welcome.setWordWrap(True)
        self.primary = make_reader(self)
        self.primary.setObjectName("reader_primary")
        self.secondary = make_reader(self)
        self.secondary.setObjectName("reader_secondary")
        self.secondary.hide()
        for reader in (self.primary, self.secondary):
            reader.entity_clicked.connect(self.entity_clicked)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="readers_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.primary)
        self.splitter.addWidget(self.secondary)
        self.shared = QLabel(objectName="shared_entities")
        self.shared.setWordWrap(True)
        self.shared.hide()
        pair = QWidget()
        pair_layout = QVBoxLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(self.shared)
        pair_layout.addWidget(self.splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(pair)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        self.current: Article | None = None
        self.other: Article | None = None

    @property
    def side_by_side(self) -> bool:
        return self.other is not None

    def show_article(
        self, article: Article, entities: Sequence[EntitySpan], hits: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.current = article
        self.stack.setCurrentIndex(1)
        self.primary.show_article(article, entities, hits)

    def show_welcome(self) -> None:
        self.current = None
        self.close_second()
        self.stack.setCurrentIndex(0)

    def open_second(
        self,
        article: Article,
        entities: Sequence[EntitySpan],
        shared: Sequence[str],
        primary_entities: Sequence[EntitySpan],
    ) -> None:
        """Show `article` beside the current one; only the entities both mention stay highlighted."""
        if self.current is None:
            return
        self.other = article
        keep = set(shared)
        self.primary.show_article(self.current, [e for e in primary_entities if e.canonical in keep], ())
        self.secondary.show_article(article, [e for e in entities if e.canonical in keep], ())
        self.secondary.show()
        names = ", ".join(html.escape(n) for n in shared) or "none"
        self.shared.setText(f"<b>Side by side</b> — entities both mention (highlighted): {names}")
        self.shared.show()
        width = max(2, self.splitter.width())
        self.splitter.setSizes([width // 2, width - width // 2])

    def close_second(self) -> None:
        self.other = None
        self.secondary.hide()
        self.shared.hide()

    def reader_with_selection(self) -> tuple[QWidget, Article] | None:
        """The reader whose text the user selected (the focused one first)."""
        pairs = [(self.primary, self.current), (self.secondary, self.other)]
        pairs.sort(key=lambda pair: not pair[0].hasFocus())
        for reader, article in pairs:
            if article is not None and reader.isVisible() and reader.selected_passage():
                return reader, article
        return None
