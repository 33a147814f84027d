"""Facet counts (entity, type, publisher, year) over every document a query matches.

For each facet value the set of documents holding it is read once per searcher from the keyword
fields' posting lists; counting a query's facets is then one set intersection per value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from whoosh.searching import Searcher

from energybrowser.search.schema import FACET_FIELDS

MAX_VALUES = 30  # per facet, most frequent first


class FacetIndex:
    def __init__(self, searcher: Searcher, fields: Iterable[str] = FACET_FIELDS) -> None:
        self.searcher = searcher
        self.fields = tuple(fields)
        self._docs: dict[str, dict[str, frozenset[int]]] = {}

    def docs(self, fieldname: str) -> dict[str, frozenset[int]]:
        """Facet value -> documents holding it (computed on first use)."""
        if fieldname not in self._docs:
            reader = self.searcher.reader()
            table: dict[str, frozenset[int]] = {}
            # A filter on a field we do not have (no values to show or pick).
            if fieldname not in self.searcher.schema:
                self._docs[fieldname] = table
                return table
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                table[value] = frozenset(self.searcher.postings(fieldname, value).all_ids())
            self._docs[fieldname] = table
        return self._docs[fieldname]

    def counts(self, matched: frozenset[int] | set[int]) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = {}
        for fieldname in self.fields:
            rows = []
            for value, docs in self.docs(fieldname).items():
                n = len(docs & matched) if len(docs) < len(matched) else len(matched & docs)
                if n:
                    rows.append((value, n))
            rows.sort(key=lambda r: (-r[1], r[0].casefold()))
            out[fieldname] = rows[:MAX_VALUES]
        return out

    def filter_docs(self, filters: Mapping[str, Iterable[str]]) -> frozenset[int] | None:
        """Documents that hold, for every filtered field, at least one of the chosen values."""
        allowed: frozenset[int] | None = None
        for fieldname, values in filters.items():
            table = self.docs(fieldname)
            docs: set[int] = set()
            for value in values:
                docs |= table.get(value, frozenset())
            allowed = frozenset(docs) if allowed is None else allowed & docs
        return allowed
