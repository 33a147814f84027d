"""Runs queries off the GUI thread, one at a time, and drops answers to queries already replaced.

Typing never waits for the engine: each keystroke (after the debounce) asks for the newest query;
while one search runs, only the latest request waits behind it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from energybrowser.library import Library
from energybrowser.ui.tasks import TaskRunner

RESULT_LIMIT = 200
SNIPPETS_PER_HIT = 2


@dataclass(frozen=True)
class Hit:
    article_id: str
    snippet_html: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class Outcome:
    query: str
    filters: dict[str, str]
    hits: tuple[Hit, ...] = ()
    suggestion: str = ""
    facets: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    total: int | None = None  # matches before the result limit (None: as many as the hits)
    notes: tuple[str, ...] = ()  # how the engine read a query it had to repair
    typing: bool = False  # a quick per-keystroke answer (no facets); a full one follows the pause
    elapsed_ms: float = 0.0


class ScanEngine:
    """The word scan over the library's articles (finding them in the catalogue, the snippet cut
    by the core's `search.scan`): search works at once, while the index is still being built."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def search(self, query: str, filters: dict[str, str], typing: bool = False) -> Outcome:
        # Imported here: the search package loads Whoosh, which the window must not wait for at start.
        from energybrowser.search.scan import query_words, scan_snippet

        words = query_words(query)
        hits = []
        for entry, _position in self.library.scan(query, RESULT_LIMIT):
            article = self.library.get(entry.id)
            if article is not None:
                hits.append(Hit(entry.id, scan_snippet(article, words[0] if words else "")))
        return Outcome(query, filters, tuple(hits), typing=typing)

    def hit_ranges(self, article_id: str, query: str) -> list[tuple[int, int]]:
        from energybrowser.search.scan import scan_ranges

        article = self.library.get(article_id)
        return scan_ranges(article, query) if article and query.strip() else []


def join_snippets(parts: Iterable[str]) -> str:
    """Passages joined by one ellipsis, not "… …" where a passage already starts or ends with one."""
    pieces = [p.strip() for p in parts if p.strip()]
    if not pieces:
        return ""
    inner = " … ".join(p.strip("… ") for p in pieces)
    lead = "… " if pieces[0].startswith("…") else ""
    tail = " …" if pieces[-1].endswith("…") else ""
    return f"{lead}{inner}{tail}"


class IndexedEngine:
    """The core search engine, answering in the shape the window shows."""

    def __init__(self, engine: Any, library: Library) -> None:
        self.engine = engine
        self.library = library

    def search(self, query: str, filters: dict[str, str], typing: bool = False) -> Outcome:
        """`typing`: the quick per-keystroke search (last word as a prefix, no facets)."""
        results = self.engine.search(
            query,
            limit=RESULT_LIMIT,
            filters={k: [v] for k, v in filters.items()} or None,
            as_you_type=typing,
            facets=not typing,  # facets cost ~350 ms p95 at 10,000 articles; they follow when typing pauses
            snippet_limit=SNIPPETS_PER_HIT,  # HTML only for the passages a row shows
        )
        hits = tuple(
            Hit(h.article_id, join_snippets(s.html for s in h.snippets[:SNIPPETS_PER_HIT]), h.score)
            for h in results.hits
        )
        return Outcome(
            query,
            filters,
            hits,
            results.suggestion or "",
            dict(results.facets),
            results.error,
            total=results.total,
            notes=tuple(results.notes),
            typing=typing,
        )

    def hit_ranges(self, article_id: str, query: str) -> list[tuple[int, int]]:
        article = self.library.get(article_id)
        return self.engine.hit_ranges(article, query) if article and query.strip() else []


class SearchController(QObject):
    finished = Signal(object)
    """An Outcome for the newest query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self, serial=True)
        self.engine: Any = None
        self._latest: tuple[str, dict[str, str], bool] | None = None
        self._running = False

    def set_engine(self, engine: Any) -> None:
        self.engine = engine

    def request(self, query: str, filters: dict[str, str], typing: bool = False) -> None:
        self._latest = (query, dict(filters), typing)
        if not self._running:
            self._start_latest()

    def _start_latest(self) -> None:
        if self._latest is None or self.engine is None:
            return
        query, filters, typing = self._latest
        self._latest = None
        self._running = True
        engine = self.engine

        def work(_progress: object) -> Outcome:
            started = time.perf_counter()
            outcome = engine.search(query, filters, typing)
            elapsed = (time.perf_counter() - started) * 1000
            return Outcome(**{**outcome.__dict__, "elapsed_ms": elapsed})

        self.runner.start(
            "search", work, self._on_done, lambda message: self._on_failed(query, filters, message)
        )

    def _on_done(self, outcome: Outcome) -> None:
        self._running = False
        if self._latest is None:
            self.finished.emit(outcome)
        else:
            self._start_latest()  # a newer query is waiting: this answer is already stale

    def _on_failed(self, query: str, filters: dict[str, str], message: str) -> None:
        self._on_done(Outcome(query, filters, error=message))
