"""The main window's search side: the query as typed, the full search once typing pauses, the
results list, facets and the reader's hits. A mixin of `MainWindow` (it uses the window's panels)."""

from __future__ import annotations

from PySide6.QtCore import Slot

from energybrowser.corpus.model import Article
from energybrowser.library import ArticleEntry
from energybrowser.ui.models.results import ResultRow, byline
from energybrowser.ui.search_controller import Outcome


class SearchMixin:
    # --- search -----------------------------------------------------------------------------------
    @Slot(str)
    def _on_query_changed(self, query: str) -> None:
        if self.library is None:
            return
        if not query:
            self._run_search()
            return
        self.search.request(query, self.search_panel.filters(), typing=True)
        self._settle_timer.start()

    @Slot(str)
    def _on_typing(self, _text: str) -> None:
        if self._settle_timer.isActive():
            self._settle_timer.start()  # still typing: wait for the pause

    @Slot()
    def _settle(self) -> None:
        if self.search_panel.query:
            self._run_search()

    @Slot(str)
    def _on_result_selected(self, article_id: str) -> None:
        self.open_article(article_id)
        if self.search_panel.query:  # a query that led somewhere is worth keeping
            self._on_query_committed(self.search_panel.query)

    @Slot(str)
    def _on_query_committed(self, query: str) -> None:
        self.settings.remember_search(query)
        self.search_panel.set_history(self.settings.search_history)

    @Slot()
    def _run_search(self) -> None:
        if self.library is None:
            return
        query, filters = self.search_panel.query, self.search_panel.filters()
        if not query:
            self._show_browse(filters)
            return
        self.search.request(query, filters)

    def _show_browse(self, filters: dict[str, str]) -> None:
        """No query: every article, newest first, narrowed by the facets."""
        assert self.library is not None
        articles, facets = self.library.browse(filters)
        self.search_panel.set_facets(facets)
        empty = self._empty_library_message()
        self.search_panel.show_message(error=empty)
        self.reader.set_empty_library(self._empty_reason() if empty else None)
        keep = self.reader.current.id if self.reader.current else None
        self.search_panel.show_results([self._row(a) for a in articles], total=len(self.library), keep=keep)
        self._settle_timer.stop()
        if self.reader.current is not None and self.reader.primary.hit_count():
            self._refresh_hits()  # the query was cleared: so are its hits

    def _empty_library_message(self) -> str:
        if self.library is None or len(self.library):
            return ""
        return f"No articles. {self._empty_reason()} Import some with Ctrl+O."

    def _empty_reason(self) -> str:
        library = self.library  # an empty Library is falsy: compare with None
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
        if self.library is None or outcome.query != self.search_panel.query:
            return
        rows = []
        for hit in outcome.hits:
            article = self.library.entry(hit.article_id)
            if article is not None:
                rows.append(self._row(article, hit.snippet_html))
        if not outcome.typing:  # quick answers carry no facets: keep the last ones meanwhile
            self.search_panel.set_facets(outcome.facets)
        notes = outcome.notes
        if not rows and not outcome.error and not outcome.suggestion:
            narrowed = " or clear the filters" if self.search_panel.filters() else ""
            notes = (*notes, f"No article matches. Try fewer words, OR between them{narrowed}.")
        self.search_panel.show_message(suggestion=outcome.suggestion, error=outcome.error, notes=notes)
        self.search_panel.count.setToolTip(f"Search took {outcome.elapsed_ms:.0f} ms")
        keep = self.reader.current.id if self.reader.current else None
        self.search_panel.show_results(rows, total=outcome.total, keep=keep)
        if self.reader.current is not None and not outcome.typing:
            self._refresh_hits()

    def _hit_ranges(self, article: Article) -> list[tuple[int, int]]:
        query = self.search_panel.query
        engine = self.search.engine
        if not query or engine is None:
            return []
        try:
            return list(engine.hit_ranges(article.id, query))
        except Exception:
            return []

    def _refresh_hits(self) -> None:
        article = self.reader.current
        if article is not None:
            self.reader.set_hits(self._hit_ranges(article))

    def _hit(self, step: int) -> None:
        reader = self.reader.primary
        if self.reader.current is None or not reader.hit_count():
            self.status.say("No search hits in this article.")
            return
        reader.next_hit() if step > 0 else reader.previous_hit()
