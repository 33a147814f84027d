"""What the search index files for each article (entities, agreement types, parties), read from
the catalogue's analysis instead of extracted a second time while the index builds."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from energybrowser.corpus.model import Article
from energybrowser.library import codec
from energybrowser.library.analysis import analyser_version
from energybrowser.search.documents import Annotations, extract_annotations

if TYPE_CHECKING:
    from energybrowser.library.library import Library


@dataclass
class StoredAnnotations:
    """An annotator the index build can hand to its worker processes (it pickles the catalogue's
    path, and each process opens the catalogue read-only). An article not analysed yet, or an
    in-memory catalogue, falls back to extracting."""

    path: str | None
    analyser: str
    _conn: sqlite3.Connection | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, library: Library) -> StoredAnnotations:
        catalogue = library.catalogue
        path = None if catalogue.in_memory or catalogue.path is None else str(catalogue.path)
        return cls(path, analyser_version())

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "analyser": self.analyser, "_conn": None}

    def __call__(self, article: Article) -> Annotations:
        stored = self._stored(article)
        return stored if stored is not None else extract_annotations(article)

    def _stored(self, article: Article) -> Annotations | None:
        if self.path is None:
            return None
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
            row = self._conn.execute(
                "SELECT key, agreements FROM analysis WHERE article_id = ? AND content_hash = ? "
                "AND analyser = ?",
                (article.id, article.content_hash, self.analyser),
            ).fetchone()
            if row is None:
                return None
            agreements = codec.load_agreements(row[1])
            # The entity names as the analyst corrected them (the facets hold the corrected mentions).
            names = tuple(
                value
                for (value,) in self._conn.execute(
                    "SELECT value FROM facets WHERE key = ? AND field = 'entity'", (row[0],)
                )
            )
        except (sqlite3.Error, codec.RowDamaged):
            return None
        types = _unique(a.type for a in agreements)
        parties = _unique(p for a in agreements for p in a.parties)
        return Annotations(names, types, parties)

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


def _unique(values: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))  # type: ignore[attr-defined]
