"""The main window's search side: the query as typed, the full search once typing pauses, the
results list, facets and the reader's hits. A controller the window owns (`MainWindow.searching`),
typed against the window whose panels it drives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from energybrowser.corpus.model import Article
from energybrowser.library import ArticleEntry
from energybrowser.ui.models.results import ResultRow, byline
from energybrowser.ui.search_controller import Outcome

if TYPE_CHECKING:
    from energybrowser.ui.main_window import MainWindow

# Re-rendering an article takes tens of ms for a long one: too much per keystroke, so the full
# search (and the reader's hits) waits for a pause in typing.
SETTLE_MS = 450


class SearchFlow(QObject):
    """Owns the search side of the window: the query as typed, the full search once typing pauses,
    the results list and facets, and the reader's hits."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # While typing, each keystroke gets the engine's quick search (no facets). Once typing pauses,
        # a full search brings the facets, and the reader re-highlights the hits.
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        # The words typed when nothing matched them and the closest spelling was searched instead.
        self._corrected_from: str | None = None

    # --- search -----------------------------------------------------------------------------------
    @Slot(str)
    def _on_query_changed(self, query: str) -> None:
        if self.window.library is None:
            return
        if not query:
            self.run_search()
            return
        self.window.search.request(query, self.window.search_panel.filters(), typing=True)
        self._settle_timer.start()

    @Slot(str)
    def _on_typing(self, _text: str) -> None:
        self._corrected_from = None  # the user is writing a query of their own again
        if self._settle_timer.isActive():
            self._settle_timer.start()  # still typing: wait for the pause

    @Slot(str)
    def _on_query_submitted(self, _query: str) -> None:
        """Enter: the full search at once, not after the pause in typing."""
        self._settle_timer.stop()
        self.run_search()

    @Slot()
    def _settle(self) -> None:
        if self.window.search_panel.query:
            self.run_search()

    @Slot(str)
    def _on_result_selected(self, article_id: str) -> None:
        self.window.open_article(article_id)
        if self.window.search_panel.query:  # a query that led somewhere is worth keeping
            self._on_query_committed(self.window.search_panel.query)

    @Slot(str)
    def _on_query_committed(self, query: str) -> None:
        self.window.settings.remember_search(query)
        self.window.search_panel.set_history(self.window.settings.search_history)

    @Slot()
    def run_search(self) -> None:
        if self.window.library is None:
            return
        query, filters = self.window.search_panel.query, self.window.search_panel.filters()
        if not query:
            self._show_browse(filters)
            return
        self.window.search.request(query, filters)

    def _show_browse(self, filters: dict[str, str]) -> None:
        """No query: every article, newest first, narrowed by the facets."""
        assert self.window.library is not None
        articles, facets = self.window.library.browse(filters)
        self.window.search_panel.set_facets(facets)
        empty = self._empty_library_message()
        self.window.search_panel.show_message(error=empty)
        self.window.reader.set_empty_library(self._empty_reason() if empty else None)
        keep = self.window.reader.current.id if self.window.reader.current else None
        self.window.search_panel.show_results(
            articles, total=len(self.window.library), keep=keep, make=self._row, id_of=_entry_id
        )
        self._settle_timer.stop()
        if self.window.reader.current is not None and self.window.reader.primary.hit_count():
            self.refresh_hits()  # the query was cleared: so are its hits

    def _empty_library_message(self) -> str:
        if self.window.library is None or len(self.window.library) or self.window.reading_files:
            return ""  # (a first start: the status bar says the files are being read)
        return f"No articles. {self._empty_reason()} Import some with Ctrl+O."

    def _empty_reason(self) -> str:
        library = self.window.library  # an empty Library is falsy: compare with None
        problems = library.problems if library is not None else ()
        if problems:
            return f"{problems[0]}."
        where = f" ({library.corpus_dir})" if library is not None else ""
        return f"The article folder{where} is empty."

    def _row(self, article: ArticleEntry, snippet: str = "") -> ResultRow:
        meta = article.meta
        return ResultRow(
            article.id,
            article.display_title,
            byline(meta),
            meta.date.display(),  # "n.d." when the article states no date
            snippet,
            article.imported,
            untitled=not meta.title,
            origin="" if meta.url else meta.source,
        )

    @Slot(object)
    def _on_search_finished(self, outcome: Outcome) -> None:
        if self.window.library is None or outcome.query != self.window.search_panel.query:
            return
        rows = []
        for hit in outcome.hits:
            article = self.window.library.entry(hit.article_id)
            if article is not None:
                rows.append(self._row(article, hit.snippet_html))
        if not outcome.typing:  # quick answers carry no facets: keep the last ones meanwhile
            self.window.search_panel.set_facets(outcome.facets)
        notes = outcome.notes
        if self._correct(outcome, bool(rows)):
            return
        if self._corrected_from is not None and not outcome.typing:
            notes = (
                f"Nothing matches “{self._corrected_from}”: showing results for “{outcome.query}”.",
                *notes,
            )
        if not rows and not outcome.error and not outcome.suggestion:
            narrowed = " or clear the filters" if self.window.search_panel.filters() else ""
            notes = (*notes, f"No article matches. Try fewer words, OR between them{narrowed}.")
        self.window.search_panel.show_message(suggestion=outcome.suggestion, error=outcome.error, notes=notes)
        self.window.search_panel.count.setToolTip(f"Search took {outcome.elapsed_ms:.0f} ms")
        keep = self.window.reader.current.id if self.window.reader.current else None
        self.window.search_panel.show_results(rows, total=outcome.total, keep=keep, final=not outcome.typing)
        if self.window.reader.current is not None and not outcome.typing:
            self.refresh_hits()

    def _correct(self, outcome: Outcome, found: bool) -> bool:
        """Nothing matches the full search of what was typed but a close spelling does: search that
        at once, as web search engines do ("Showing results for …"), rather than wait for a click
        on the suggestion. Once per typed query, so a suggestion that finds nothing either stops."""
        suggestion = outcome.suggestion
        if found or outcome.typing or outcome.error or not suggestion or self._corrected_from is not None:
            return False
        if suggestion.strip() == outcome.query.strip():
            return False
        self._corrected_from = outcome.query
        self.window.search_panel.set_query(suggestion)
        return True

    def hit_ranges(self, article: Article) -> list[tuple[int, int]]:
        query = self.window.search_panel.query
        engine = self.window.search.engine
        if not query or engine is None:
            return []
        try:
            return list(engine.hit_ranges(article.id, query))
        except Exception:
            return []

    def refresh_hits(self) -> None:
        article = self.window.reader.current
        if article is not None:
            self.window.reader.set_hits(self.hit_ranges(article))

    def step_hit(self, step: int) -> None:
        reader = self.window.reader.primary
        if self.window.reader.current is None:
            self.window.status.say("Open an article to step through its search hits.")
            return
        if not reader.hit_count():
            self.window.status.say("No search hits in this article.")
            return
        reader.next_hit() if step > 0 else reader.previous_hit()


def _entry_id(entry: ArticleEntry) -> str:
    return entry.id
