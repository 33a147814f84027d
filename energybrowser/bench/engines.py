"""The two engines under test behind one small interface: our Whoosh search and SQLite FTS5."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path

from energybrowser.bench.workload import fts5_keystroke
from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.search.documents import Annotations
from energybrowser.search.engine import SearchEngine
from energybrowser.search.results import SearchResults


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class AnnotationLookup:
    """Precomputed annotations as an annotator (picklable, for the parallel build)."""

    def __init__(self, table: Mapping[str, Annotations]) -> None:
        self.table = dict(table)

    def __call__(self, article: Article) -> Annotations:
        return self.table.get(article.id, Annotations())


class WhooshBench:
    name = "whoosh"

    def __init__(self, workdir: Path, articles: Sequence[Article], annotations: Mapping[str, Annotations]):
        self.workdir = workdir
        # By id, as the app's catalogue hands them over (reading articles is not the index's cost).
        self.articles = {a.id: a for a in articles}
        self.annotations = annotations
        self.engine: SearchEngine | None = None

    def open(self) -> None:
        self.engine = SearchEngine(
            self.workdir,
            self.articles,
            self.workdir / "whoosh",
            annotate=AnnotationLookup(self.annotations),
            gazetteer=load_gazetteer(),
        )

    def build(self) -> None:
        self.close()
        self.open()
        assert self.engine is not None
        self.engine.ensure_index(rebuild=True)

    def size(self) -> int:
        return _dir_size(self.workdir / "whoosh")

    def search(self, query: str, *, snippets: bool, facets: bool = False) -> int:
        assert self.engine is not None
        results = self.engine.search(query, limit=20, snippets=snippets, facets=facets)
        if results.error:
            raise RuntimeError(f"{query!r}: {results.error}")
        return len(results.hits)

    def results(self, query: str) -> SearchResults:
        """Top 20 with snippets, no facets (as while typing): total and notes for the report."""
        assert self.engine is not None
        return self.engine.search(query, limit=20, snippets=True, facets=False)

    def drop_caches(self) -> None:
        assert self.engine is not None
        self.engine.drop_caches()

    def keystroke(self, typed: str) -> int:
        assert self.engine is not None
        return len(self.engine.search(typed, limit=20, as_you_type=True, facets=False).hits)

    def update(self, article: Article) -> None:
        assert self.engine is not None
        self.engine.update([article])

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()


class Fts5Bench:
    name = "fts5"

    def __init__(self, workdir: Path, articles: Sequence[Article], annotations: Mapping[str, Annotations]):
        self.path = workdir / "fts5.sqlite"
        self.articles = articles
        self.annotations = annotations
        self.db: sqlite3.Connection | None = None

    def open(self) -> None:
        self.db = sqlite3.connect(self.path)

    def build(self) -> None:
        self.path.unlink(missing_ok=True)
        self.close()
        self.open()
        assert self.db is not None
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, author, publisher, "
            "entity, type, party, year UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
        )
        with self.db:
            self.db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", map(self._row, self.articles))

    def _row(self, a: Article) -> tuple[object, ...]:
        ann = self.annotations.get(a.id, Annotations())
        return (
            a.id, a.title, a.text, " ; ".join(x.name for x in a.meta.authors), a.meta.publisher,
            " , ".join(ann.entities), " , ".join(ann.types), " , ".join(ann.parties), a.meta.date.year,
        )  # fmt: skip

    def size(self) -> int:
        return self.path.stat().st_size

    def search(self, query: str, *, snippets: bool, facets: bool = False) -> int:
        assert self.db is not None
        if snippets:
            sql = (
                "SELECT id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24) FROM docs "
                "WHERE docs MATCH ? ORDER BY bm25(docs, 0, 2.0, 1.0) LIMIT 20"
            )
        else:
            sql = "SELECT id, title FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 2.0, 1.0) LIMIT 20"
        return len(self.db.execute(sql, (query,)).fetchall())

    def drop_caches(self) -> None:
        assert self.db is not None
        self.db.execute("PRAGMA shrink_memory")  # SQLite's page cache, the counterpart of ours

    def keystroke(self, typed: str) -> int:
        query = fts5_keystroke(typed)
        return self.search(query, snippets=True) if query else 0

    def update(self, article: Article) -> None:
        assert self.db is not None
        with self.db:
            self.db.execute("DELETE FROM docs WHERE id = ?", (article.id,))
            self.db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", self._row(article))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
