"""Full-text search over the corpus: a Whoosh index kept in the user's data folder.

Public API (core, no Qt; call from a worker thread in the app):

    engine = SearchEngine.open(corpus, DataPaths.resolve())
    engine.ensure_index(progress=lambda done, total: ...)   # build / update / repair
    results = engine.search("entity:SOCAR memorandum", limit=20, filters={"year": ["2022"]})
    engine.search("kazmun", as_you_type=True)                # per keystroke
    engine.hit_ranges(article, query)                        # [(start, end)] in Article.text
    engine.update([edited_article], removed=["old-id"])
"""

from __future__ import annotations

from energybrowser.search.engine import SearchEngine, SearchIndexError
from energybrowser.search.results import FacetCount, IndexStatus, SearchHit, SearchResults, Snippet

__all__ = [
    "FacetCount",
    "IndexStatus",
    "SearchEngine",
    "SearchHit",
    "SearchIndexError",
    "SearchResults",
    "Snippet",
]
