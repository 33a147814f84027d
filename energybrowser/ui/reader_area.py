"""The reading side: entity legend with per-type toggles, the reader, and a second reader for
side-by-side comparison (the entities both articles mention are marked in both)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan
from energybrowser.ui.elided_label import ElidedLabel
from energybrowser.ui.plain import html_text, plain_label
from energybrowser.ui.reader import EntityLegend, ReaderView
from energybrowser.ui.widgets import named

DARK_LIGHTNESS = 128  # a base colour darker than this is a dark palette (as the reader decides)

WELCOME = """<div style="margin: 32px">
<h2>energybrowser</h2>
<p>Pick an article on the left, or type in the search box (<b>Ctrl+F</b>).</p>
<p>Entities are coloured by type; click one to see where else it is mentioned.<br>
Pick a row in the agreements table to jump to the sentence that states it.</p>
<p><b>Ctrl+Shift+C</b> copies a citation of the selected passage or of the article.<br>
<b>Ctrl+O</b> imports articles; you can also drop files on the window.<br>
<b>F1</b> lists every shortcut.</p></div>"""


EMPTY_LIBRARY = """<div style="margin: 32px">
<h2>No articles yet</h2>
<p>{reason}</p>
<p><b>Ctrl+O</b> imports articles (Markdown, plain text or HTML files);
you can also drop files on the window.</p>
<p>To browse another folder of articles, start the app with <code>--corpus FOLDER</code>.</p></div>"""


class ReaderArea(QWidget):
    entity_clicked = Signal(str)
    """Canonical name of an entity clicked in either reader."""
    types_changed = Signal(object)
    """The entity types the user wants highlighted (a frozenset)."""
    status_message = Signal(str)
    """A short message from a reader for the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.welcome = named(QLabel(WELCOME), "welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.welcome.setWordWrap(True)
        self.primary = ReaderView(self)
        self.primary.setObjectName("reader_primary")
        self.secondary = ReaderView(self)
        self.secondary.setObjectName("reader_secondary")
        self.secondary.hide()
        for reader in (self.primary, self.secondary):
            reader.entity_clicked.connect(self.entity_clicked)
            reader.status_message.connect(self.status_message)
        self.primary.hit_changed.connect(self._on_hit_changed)

        self.legend = EntityLegend(self, dark=self.primary.is_dark())
        self.hit_label = plain_label(object_name="hit_label")
        self.hit_label.setToolTip("Search hits in this article (F3 / Shift+F3 to step through them)")
        header = QHBoxLayout()
        header.setContentsMargins(4, 0, 4, 0)
        self.legend.types_changed.connect(self._on_types_changed)
        header.addWidget(self.legend, 1)
        header.addWidget(self.hit_label)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "readers_splitter")
        self.splitter.setChildrenCollapsible(False)
        # Side by side, each pane names the article it shows, above the text.
        self.primary_title = ElidedLabel(name="primary_title")
        self.secondary_title = ElidedLabel(name="secondary_title")
        self.panes: list[QWidget] = []
        for title, reader in ((self.primary_title, self.primary), (self.secondary_title, self.secondary)):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setContentsMargins(6, 2, 6, 2)
            title.hide()
            pane = QWidget()
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.setSpacing(0)
            pane_layout.addWidget(title)
            pane_layout.addWidget(reader, 1)
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        self.panes[1].hide()
        # One elided line (the full list in its tooltip): a wrapped banner would grow into the
        # legend above it when the window is short.
        self.shared = ElidedLabel(name="shared_entities")
        self.shared.setContentsMargins(4, 2, 4, 2)
        self.shared.hide()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(2)
        page_layout.addLayout(header)
        page_layout.addWidget(self.shared)
        page_layout.addWidget(self.splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        self.current: Article | None = None
        self.other: Article | None = None
        self.enabled_types: frozenset[str] | None = None  # None: every type

    def set_empty_library(self, reason: str | None) -> None:
        """The welcome page says how to add articles when there are none (`reason` why; None: some)."""
        if reason is None:
            self.welcome.setText(WELCOME)
        else:
            self.welcome.setText(EMPTY_LIBRARY.format(reason=html_text(reason)))

    @property
    def side_by_side(self) -> bool:
        return self.other is not None

    def set_enabled_types(self, types: frozenset[str] | None) -> None:
        self.enabled_types = types
        if types is not None:
            self.legend.set_enabled_types(types)
        for reader in (self.primary, self.secondary):
            reader.set_enabled_types(types)

    def set_paragraph_numbers(self, show: bool) -> None:
        for reader in (self.primary, self.secondary):
            reader.set_show_paragraph_numbers(show)

    def show_article(
        self,
        article: Article,
        entities: Sequence[EntitySpan],
        hits: Sequence[tuple[int, int]] = (),
        marked: tuple[int, int] | None = None,
    ) -> None:
        self.current = article
        self.stack.setCurrentIndex(1)
        self.primary.show_article(
            article, entities=entities, enabled_types=self.enabled_types, hits=hits, marked=marked
        )
        self.legend.set_counts(Counter(e.type for e in entities))

    def set_hits(self, hits: Sequence[tuple[int, int]]) -> None:
        """New hits for the current article; a reader at the top (title block in view) stays there."""
        bar = self.primary.verticalScrollBar()
        at_top = bar.value() == bar.minimum()
        self.primary.set_hits(hits)
        if at_top:
            bar.setValue(bar.minimum())

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
        marks: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None),
        hits: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] = ((), ()),
    ) -> None:
        """Show `article` beside the current one, marking in both the entities both mention,
        the query's `hits` in each, and in each the passage of `marks` (e.g. the two reports'
        evidence sentences)."""
        if self.current is None:
            return
        self.other = article
        both = frozenset(shared)
        self.primary.show_article(
            self.current,
            entities=primary_entities,
            enabled_types=self.enabled_types,
            hits=hits[0],
            shared=both,
            marked=marks[0],
        )
        self.secondary.show()
        self.panes[1].show()  # before rendering, so it can scroll to the mark
        width = max(2, self.splitter.width())
        self.splitter.setSizes([width // 2, width - width // 2])
        self.secondary.show_article(
            article,
            entities=entities,
            enabled_types=self.enabled_types,
            hits=hits[1],
            shared=both,
            marked=marks[1],
        )
        for title, shown in ((self.primary_title, self.current), (self.secondary_title, article)):
            title.set_full_text(shown.display_title)
            title.show()
        for reader, mark in zip((self.primary, self.secondary), marks, strict=True):
            if mark is not None:  # once the new widths are laid out
                QTimer.singleShot(0, lambda r=reader, m=mark: r.scroll_to_offset(m[0]))
        names = ", ".join(shared) or "none"
        self.shared.set_full_text(f"Entities both articles mention (in bold in both): {names}")
        self.shared.show()

    def close_second(self) -> None:
        self.other = None
        self.secondary.hide()
        self.panes[1].hide()
        self.shared.hide()
        self.primary_title.hide()
        if self.current is not None:
            self.primary.set_shared(frozenset())

    def selection(self) -> tuple[Article, tuple[int, int]] | None:
        """The article and text range the user selected (in the focused reader first)."""
        pairs = [(self.primary, self.current), (self.secondary, self.other)]
        pairs.sort(key=lambda pair: not pair[0].hasFocus())
        for reader, article in pairs:
            if article is not None and not reader.isHidden():
                span = reader.selected_range()
                if span is not None:
                    return article, span
        return None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switch: swatches follow the reader
            enabled = self.legend.enabled_types()
            self.legend.set_dark(self.palette().base().color().lightness() < DARK_LIGHTNESS)
            self.legend.set_enabled_types(enabled)

    @Slot(object)
    def _on_types_changed(self, types: frozenset[str]) -> None:
        self.enabled_types = frozenset(types)
        for reader in (self.primary, self.secondary):
            reader.set_enabled_types(self.enabled_types)
        self.types_changed.emit(self.enabled_types)

    @Slot(int, int)
    def _on_hit_changed(self, index: int, count: int) -> None:
        if count == 0:
            self.hit_label.clear()
        elif index < 0:
            self.hit_label.setText(f"{count} hit{'s' if count != 1 else ''}")
        else:
            self.hit_label.setText(f"Hit {index + 1} of {count}")
