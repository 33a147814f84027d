"""The article reader: a QTextBrowser that shows what `energybrowser.render` computes, safely.

A large article (or one crowded with highlights) is rendered in a worker thread, with a note in
its place meanwhile; a small one is rendered at once, so switching articles never flickers.

It never loads a resource (images, style sheets, local files) and never navigates by itself:
in-document anchors scroll, `entity:` links become a signal, http(s) links go to the system
browser through an injectable opener, and every other link is refused with a signal.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from html import escape

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan
from energybrowser.render import (
    Highlights,
    RenderedArticle,
    RenderOptions,
    classify_link,
    hit_anchor,
    paragraph_anchor,
    render_article,
    type_label,
)
from energybrowser.render.palette import LegendEntry, palette_for
from energybrowser.render.positions import DisplayFragment, PositionMap, build_position_map
from energybrowser.safe_text import one_line
from energybrowser.ui.reader.background import BackgroundRenders
from energybrowser.ui.reader.gutter import ParagraphGutter
from energybrowser.ui.reader.prepared import (
    PreparedDocument,
    blank_resource,
    document_fragments,
    prepare_document,
)

log = logging.getLogger(__name__)

UrlOpener = Callable[[QUrl], bool]

# Render cost, in characters of text (each highlight counts as some): above this the render goes to a
# worker thread. A 60,000-character article renders in about 0.1 s on a busy machine; below that a
# placeholder would only flash.
BACKGROUND_RENDER_COST = 60_000
HIGHLIGHT_COST = 40
_NOTE = "<p style='margin: 24px'>"


class ReaderView(QTextBrowser):
    """Shows one article with its title block, highlights, paragraph numbers and footnotes."""

    #: An entity mention was clicked; carries its canonical name.
    entity_clicked = Signal(str)
    #: A link was refused (link as written, reason); nothing was opened.
    link_refused = Signal(str, str)
    #: An http(s) link was handed to the system browser.
    external_link_opened = Signal(str)
    #: The current search hit changed: (index among all hits, number of hits); (-1, n) when none.
    hit_changed = Signal(int, int)
    #: A short message for the status bar.
    status_message = Signal(str)
    #: A render finished and the document shows it (after a background render: when it arrived).
    render_finished = Signal()

    def __init__(self, parent: QWidget | None = None, *, open_url: UrlOpener | None = None) -> None:
        super().__init__(parent)
        self._open_url: UrlOpener = open_url or QDesktopServices.openUrl
        self._article: Article | None = None
        self._entities: tuple[EntitySpan, ...] = ()
        self._enabled_types: frozenset[str] | None = None
        self._hits: tuple[tuple[int, int], ...] = ()
        self._marked: tuple[int, int] | None = None
        self._shared: frozenset[str] = frozenset()
        self._dark: bool | None = None  # None: follow the widget's palette
        self._rendered: RenderedArticle | None = None
        self._positions = PositionMap([])
        self._types_by_name: dict[str, str] = {}
        self._current_hit = -1
        self._show_numbers = True
        self._gutter = ParagraphGutter(self)
        self.background_render_cost = BACKGROUND_RENDER_COST
        self._renders = BackgroundRenders(self)
        self._shown: Article | None = None  # the article the document shows (not a placeholder)
        self._scroll_target: tuple[int, float] | None = None  # (offset, fraction) once rendered
        self._announce_hits = False  # emit `hit_changed` once rendered
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._update_gutter_geometry()

    # ---- public API -------------------------------------------------------------------------------
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
        """Show `article` from the top. Offsets (entities, hits, marked) index `article.text`."""
        self._article = article
        self._entities = tuple(entities)
        self._types_by_name = {e.canonical: e.type for e in self._entities}
        self._enabled_types = enabled_types
        self._hits = tuple(hits)
        self._marked = marked
        self._shared = frozenset(shared)
        self._current_hit = -1
        self._scroll_target = (marked[0], 0.25) if marked is not None else None
        self._announce_hits = True
        self._render(keep_position=False)

    def article(self) -> Article | None:
        return self._article

    @property
    def rendering(self) -> bool:
        """A render is under way in the background; the document shows a placeholder or the
        previous render until it is done."""
        return self._renders.pending

    @property
    def renders_cancelled(self) -> int:
        """Background renders stopped because a newer one superseded them."""
        return self._renders.cancelled

    def clear_article(self) -> None:
        self._renders.cancel()
        self._article = None
        self._shown = None
        self._scroll_target = None
        self._announce_hits = False
        self._rendered = None
        self._positions = PositionMap([])
        self.clear()
        self._gutter.set_paragraphs([])

    def set_enabled_types(self, types: frozenset[str] | None) -> None:
        """Entity types to highlight (None: all). Keeps the reading position."""
        self._enabled_types = types
        self._render(keep_position=True)

    def set_hits(self, hits: Iterable[tuple[int, int]]) -> None:
        self._hits = tuple(hits)
        self._current_hit = -1
        self._announce_hits = True
        self._render(keep_position=True)

    def set_shared(self, shared: frozenset[str]) -> None:
        self._shared = frozenset(shared)
        self._render(keep_position=True)

    def mark_range(self, start: int, end: int) -> None:
        """Mark a passage (e.g. an agreement's evidence sentence) and scroll to it."""
        self._marked = (start, end) if end > start else None
        self._scroll_target = (start, 0.25)
        self._render(keep_position=True)

    def clear_mark(self) -> None:
        self._marked = None
        self._render(keep_position=True)

    def set_show_paragraph_numbers(self, show: bool) -> None:
        self._show_numbers = show
        self._update_gutter_geometry()

    def show_paragraph_numbers(self) -> bool:
        return self._show_numbers

    def set_dark(self, dark: bool | None) -> None:
        """Highlight colours for a dark (True) or light (False) background; None follows the palette."""
        self._dark = dark
        self._render(keep_position=True)

    def is_dark(self) -> bool:
        if self._dark is not None:
            return self._dark
        return self.palette().base().color().lightness() < 128

    def legend(self) -> tuple[LegendEntry, ...]:
        return palette_for(self.is_dark()).legend()

    def scroll_to_paragraph(self, number: int) -> None:
        if self._article is None:
            return
        try:
            block = self._article.paragraph(number)
        except KeyError:
            self.status_message.emit(f"No paragraph {number} in this article.")
            return
        if self.rendering:
            self._scroll_target = (block.start, 0.0)
            return
        if not self._scroll_to_offset(block.start, fraction=0.0):
            self.scrollToAnchor(paragraph_anchor(number))

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the character at `offset` of `Article.text` into view, a quarter down the page."""
        if self.rendering:
            self._scroll_target = (offset, 0.25)
            return
        self._scroll_to_offset(offset, fraction=0.25)

    def hit_count(self) -> int:
        return len(self._rendered.hits) if self._rendered else 0

    def current_hit(self) -> int:
        return self._current_hit

    def next_hit(self) -> tuple[int, int]:
        """Go to the next shown hit (wrapping); returns (current index, number of hits)."""
        return self._step_hit(+1)

    def previous_hit(self) -> tuple[int, int]:
        return self._step_hit(-1)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as a range of `Article.text`, trimmed of surrounding whitespace."""
        cursor = self.textCursor()
        if self._article is None or not cursor.hasSelection() or not len(self._positions):
            return None
        start = self._positions.to_article(cursor.selectionStart(), forward=True)
        end = self._positions.to_article(cursor.selectionEnd(), forward=False)
        if start is None or end is None or end <= start:
            return None
        text = self._article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def selected_passage(self) -> tuple[str, int | None] | None:
        """The selected text as it stands in `Article.text`, and the paragraph where it starts."""
        span = self.selected_range()
        if span is None or self._article is None:
            return None
        start, end = span
        return self._article.text[start:end], self._article.paragraph_at(start)

    def position_map(self) -> PositionMap:
        return self._positions

    def rendered(self) -> RenderedArticle | None:
        return self._rendered

    def _adopt(self, document: QTextDocument) -> None:
        """Show `document` (built elsewhere) in place of the one shown; the one before goes."""
        before = self.document()
        # One adopted earlier is deleted here; the first belongs to Qt's text control, which
        # deletes it itself when another takes its place.
        adopted = before.parent() is self
        document.setParent(self)
        self.setDocument(document)
        if adopted:
            before.deleteLater()

    # ---- safety: nothing is ever loaded or navigated to --------------------------------------------
    def loadResource(self, resource_type: int, name: QUrl | str) -> object:
        log.debug("reader refused to load resource %s", QUrl(name).toString()[:200])
        return blank_resource(resource_type)

    def doSetSource(self, name: QUrl | str, resource_type: object = None) -> None:
        target = QUrl(name).toString()
        log.debug("reader refused to navigate to %s", target)
        self._refuse(target, "the reader does not navigate")

    # ---- rendering ---------------------------------------------------------------------------------
    def _render(self, *, keep_position: bool) -> None:
        article = self._article
        if article is None:
            return
        bar = self.verticalScrollBar()
        at_top = bar.value() == bar.minimum()  # the title block in view: stay there
        top = self._top_offset() if keep_position and not at_top else None
        highlights = Highlights(
            entities=self._entities,
            enabled_types=self._enabled_types,
            hits=self._hits,
            marked=self._marked,
            shared=self._shared,
        )
        options = RenderOptions(dark=self.is_dark())
        cost = len(article.text) + HIGHLIGHT_COST * (len(self._entities) + len(self._hits))
        if cost <= self.background_render_cost:
            self._renders.cancel()
            self._show_rendered(article, render_article(article, highlights, options), top)
            return
        if self._shown is not article:
            self._show_placeholder(article)
        self._renders.start(
            article,
            highlights,
            options,
            lambda rendered, prepared: self._show_rendered(article, rendered, top, prepared),
            self._on_render_failed,
            prepare=functools.partial(prepare_document, font=QFont(self.document().defaultFont())),
        )

    def _show_placeholder(self, article: Article) -> None:
        self._shown = None
        self._rendered = None
        self._positions = PositionMap([])
        self._gutter.set_paragraphs([])
        self._clear_extra_selections()
        title = escape(one_line(article.display_title, 200))
        size = f"{len(article.text):,} characters"
        self.setHtml(f"{_NOTE}<b>{title}</b></p>{_NOTE}Preparing a long article ({size}) for reading…</p>")

    def _on_render_failed(self, message: str) -> None:
        log.warning("rendering an article failed: %s", message)
        self._shown = None
        self._scroll_target = None
        reason = escape(one_line(message, 200))
        self.setHtml(f"{_NOTE}This article could not be shown ({reason}).</p>")
        self.status_message.emit("This article could not be shown.")

    def _show_rendered(
        self,
        article: Article,
        rendered: RenderedArticle,
        top: int | None,
        prepared: PreparedDocument | None = None,
    ) -> None:
        """Show a render. `prepared`: its document, already built from the HTML (with the position
        map) in the worker thread, so that the GUI thread only swaps it in and lays it out."""
        if article is not self._article:  # another article since (a late result)
            return
        self._rendered = rendered
        self._shown = article
        if prepared is not None and prepared.document.thread() is self.thread():
            self._adopt(prepared.document)
            self._positions = prepared.positions
        else:
            self.setHtml(rendered.html)
            self._positions = build_position_map(article, self._fragments())
        self._gutter.set_paragraphs(
            [
                (block.number, pos)
                for block in article.paragraphs
                if block.number is not None  # every paragraph has one; headings and quotes do not
                and (pos := self._positions.to_document(block.start)) is not None
                and block.start < rendered.shown_until
            ]
        )
        self._update_gutter_geometry()  # more paragraphs may need a wider margin
        if top is not None:
            self._scroll_to_offset(top, fraction=0.0)
        self._apply_current_hit()
        if self._scroll_target is not None:
            offset, fraction = self._scroll_target
            self._scroll_target = None
            self._scroll_to_offset(offset, fraction=fraction)
        if self._announce_hits:
            self._announce_hits = False
            self.hit_changed.emit(-1, len(rendered.hits))
        self.render_finished.emit()

    def _fragments(self) -> Iterable[DisplayFragment]:
        return document_fragments(self.document())

    def _top_offset(self) -> int | None:
        if not len(self._positions):
            return None
        position = self.cursorForPosition(QPoint(4, 4)).position()
        return self._positions.to_article(position, forward=True)

    def _scroll_to_offset(self, offset: int, *, fraction: float) -> bool:
        position = self._positions.to_document(offset)
        if position is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - int(self.viewport().height() * fraction))
        return True

    # ---- hits --------------------------------------------------------------------------------------
    def _step_hit(self, step: int) -> tuple[int, int]:
        rendered = self._rendered
        if rendered is None or not rendered.hits:
            return -1, 0
        count = len(rendered.hits)
        shown = sorted(rendered.shown_hits)
        if not shown:
            self.status_message.emit("The hits lie in the part of the article that is not shown.")
            return -1, count
        if self._current_hit < 0:
            index = shown[0] if step > 0 else shown[-1]
        else:
            later = [i for i in shown if (i - self._current_hit) * step > 0]
            index = (
                (min(later) if step > 0 else max(later)) if later else (shown[0] if step > 0 else shown[-1])
            )
        self._current_hit = index
        start, _ = rendered.hits[index]
        if not self._scroll_to_offset(start, fraction=0.25):
            self.scrollToAnchor(hit_anchor(index))
        self._apply_current_hit()
        self.hit_changed.emit(index, count)
        return index, count

    def _apply_current_hit(self) -> None:
        rendered = self._rendered
        if rendered is None or not 0 <= self._current_hit < len(rendered.hits):
            self._clear_extra_selections()
            return
        start, end = rendered.hits[self._current_hit]
        a, b = self._positions.to_document(start), self._positions.to_document(end)
        if a is None or b is None:
            self._clear_extra_selections()
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(palette_for(self.is_dark()).current_hit_background))
        fmt.setForeground(QColor("#000000"))
        selection.format = fmt
        self.setExtraSelections([selection])

    def _clear_extra_selections(self) -> None:
        if self.extraSelections():  # setting them, even to none, re-lays out the whole document
            self.setExtraSelections([])

    # ---- links and hover ---------------------------------------------------------------------------
    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        href = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        action = classify_link(href)
        if action.kind == "anchor":
            self.scrollToAnchor(action.target)
        elif action.kind == "entity":
            self.entity_clicked.emit(action.target)
        elif action.kind == "external":
            if self._open_url(QUrl(action.target)):
                self.external_link_opened.emit(action.target)
                self.status_message.emit(f"Opened in your browser: {action.target}")
            else:
                self.status_message.emit(f"Could not open {action.target}")
        else:
            self._refuse(href, action.reason)

    def _refuse(self, href: str, reason: str) -> None:
        self.link_refused.emit(href, reason)
        self.status_message.emit(f"Link not opened ({reason}): {href[:200]}")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        point = event.position().toPoint()
        tip = self._tooltip_for(self.anchorAt(point), point)
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self.viewport())
        else:
            QToolTip.hideText()

    def _tooltip_for(self, href: str, point: QPoint) -> str:
        if not href:
            return ""
        action = classify_link(href)
        if action.kind == "entity":
            lines = [self._entity_label(action.target)]
            # a mention inside a longer one ("Baku" in "Baku–Tbilisi–Ceyhan pipeline"): name both
            offset = self._positions.to_article(self.cursorForPosition(point).position())
            if offset is not None:
                outer = sorted(
                    (e for e in self._entities if e.start <= offset < e.end and e.canonical != action.target),
                    key=lambda e: e.end - e.start,
                )
                lines += [
                    f"within {self._entity_label(e.canonical)}" for e in outer if self._type_shown(e.type)
                ]
            return "\n".join(dict.fromkeys(lines))
        if action.kind == "external":
            return action.target
        if action.kind == "refused":
            return f"Not opened: {action.reason}"
        return ""

    def _entity_label(self, canonical: str) -> str:
        kind = self._types_by_name.get(canonical, "")
        return f"{canonical} — {type_label(kind).lower()}" if kind else canonical

    def _type_shown(self, entity_type: str) -> bool:
        return self._enabled_types is None or entity_type in self._enabled_types

    # ---- gutter and palette ------------------------------------------------------------------------
    def _update_gutter_geometry(self) -> None:
        width = self._gutter.width_hint() if self._show_numbers else 0
        self.setViewportMargins(width, 0, 0, 0)
        self._gutter.setVisible(self._show_numbers)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_gutter_geometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._dark is None and self._article is not None:
            self._render(keep_position=True)
        elif event.type() == QEvent.Type.FontChange:  # zoom: the numbers grow with the text
            self._update_gutter_geometry()

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy gives the passage exactly as the article states it: no footnote markers, no
        highlight colours, paragraphs separated by a blank line."""
        passage = self.selected_passage()
        if passage is None:
            return super().createMimeDataFromSelection()
        data = QMimeData()
        data.setText(passage[0])
        return data

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self._gutter.update()
