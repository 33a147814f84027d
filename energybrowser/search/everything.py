"""`*` and `field:*`: every document, or every document with something in a field.

Whoosh's `Every(field)` reads the postings of every term of the field into a set (9–83 s on a
real lexicon). A document has a term in a text field exactly when its length there is not zero,
and our codec keeps the length column in memory: the same documents, at once. Scores are Whoosh's:
the query's boost for every match.
"""

from __future__ import annotations

from array import array

from whoosh import query as wq
from whoosh.matching import ListMatcher

from energybrowser.search.codec import LeanPerDocReader


class FieldEvery(wq.Every):
    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        docs = field_docs(searcher, self.fieldname)
        if docs is None:
            return super().matcher(searcher, context)
        return ListMatcher(array("I", docs), all_weights=self.boost)


def field_docs(searcher, fieldname: str | None) -> list[int] | None:  # type: ignore[no-untyped-def]
    """Live documents (of this searcher, ascending) with something in `fieldname` (every live
    document when None); None when the lengths are not at hand (a field without lengths)."""
    parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
    out: list[int] = []
    for sub, offset in parts:
        reader = sub.reader()
        live = reader.all_doc_ids() if reader.has_deletions() else range(reader.doc_count_all())
        if fieldname is None:
            out.extend(offset + d for d in live)
            continue
        lengths = segment_lengths(reader, fieldname)
        if lengths is None:
            return None
        out.extend(offset + d for d in live if lengths[d])
    return out


def segment_lengths(reader, fieldname: str) -> list[int | None] | None:  # type: ignore[no-untyped-def]
    """The segment's in-memory length column of a scorable field (`LeanPerDocReader`), else None."""
    perdoc = getattr(reader, "_perdoc", None)
    try:
        field = reader.schema[fieldname]
    except KeyError:
        return None
    if not field.scorable or not isinstance(perdoc, LeanPerDocReader):
        return None
    if perdoc.doc_count_all() == 0:
        return []
    perdoc.doc_field_length(0, fieldname, 1)  # fills the cache
    lengths = perdoc.__dict__.get("_lean_lengths", {}).get(fieldname)
    # No length column at all: no document of the segment has anything in the field.
    return [0] * perdoc.doc_count_all() if lengths is None else lengths
