"""What the search index files for each article (entities, agreement types, parties), read from
the catalogue's analysis instead of extracted a second time while the index builds."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from energybrowser.agreements.model import Agreement
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
    analyser: str | None = None  # worked out at first use: a search that builds nothing never needs it
    _conn: sqlite3.Connection | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, library: Library) -> StoredAnnotations:
        catalogue = library.catalogue
        path = None if catalogue.in_memory or catalogue.path is None else str(catalogue.path)
        return cls(path)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "analyser": self._version(), "_conn": None}

    def _version(self) -> str:
        if self.analyser is None:
            self.analyser = analyser_version()
        return self.analyser

    def __call__(self, article: Article) -> Annotations:
        stored = self._stored(article)
        if stored is not None:
            return stored
        extracted = extract_annotations(article)
        if not article.revision:
            return extracted
        from energybrowser.agreements.extract import extract_agreements

        return self._annotations(article, extracted.entities, extract_agreements(article))

    def _stored(self, article: Article) -> Annotations | None:
        if self._connection() is None:
            return None
        assert self._conn is not None
        try:
            row = self._conn.execute(
                "SELECT key, agreements FROM analysis WHERE article_id = ? AND content_hash = ? "
                "AND analyser = ?",
                (article.id, article.content_hash, self._version()),
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
        return self._annotations(article, names, agreements)

    def _connection(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._conn is None:
            try:
                self._conn = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
            except sqlite3.Error:
                return None
        return self._conn

    def _annotations(
        self, article: Article, names: tuple[str, ...], agreements: Sequence[Agreement]
    ) -> Annotations:
        """The types and parties of the agreements as the analyst reviewed them (an edited party
        list, a rejected row, an added agreement), with the entity `names`."""
        reviewed = self._reviewed(article, agreements)
        types = _unique(a.type for a in reviewed)
        parties = _unique(p for a in reviewed for p in a.parties)
        return Annotations(names, types, parties)

    def _reviewed(self, article: Article, agreements: Sequence[Agreement]) -> Sequence[Agreement]:
        if not article.revision:  # an article with reviews that change the index has a revision
            return agreements
        conn = self._connection()
        if conn is None:
            return agreements
        try:
            rows = conn.execute(
                "SELECT data FROM curation_agreement_reviews WHERE article = ?", (article.id,)
            ).fetchall()
        except sqlite3.Error:
            return agreements
        if not rows:
            return agreements
        from energybrowser.curation.apply import reviewed_in_article
        from energybrowser.curation.records import AgreementReview

        reviews = []
        for (data,) in rows:
            with contextlib.suppress(ValueError):  # a damaged record: the others still count
                reviews.append(AgreementReview.from_json(json.loads(data)))
        return reviewed_in_article(agreements, reviews, article)

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


def _unique(values: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))  # type: ignore[attr-defined]
