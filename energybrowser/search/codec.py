"""Whoosh's default codec with document lengths held in memory and a faster posting skip.

BM25 needs a document's field length for every posting it scores, and the writer asks for it for
every posting it writes; the stock reader fetches each one from the lengths column on disk. Reading
the (one byte per document) column once per field makes both indexing and scoring cheaper.

An AND of common words spends most of its time in `skip_to`, which Whoosh implements by stepping
through a block one posting at a time (two Python calls per posting); `LeanLeafMatcher` bisects the
block's sorted ids instead. The on-disk format is unchanged.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.matching import ListMatcher, ReadTooFar
from whoosh.util.numeric import byte_to_length


class LeanCodec(W3Codec):
    def __init__(self, blocklimit: int = 128, compression: int = 1, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return LeanPerDocReader(storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):  # type: ignore[no-untyped-def]
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return LeanLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class LeanLeafMatcher(W3LeafMatcher):
    def skip_to(self, targetid):  # type: ignore[no-untyped-def]
        if self._atend or self._i >= self._blocklength:
            raise ReadTooFar
        if self._ids is None:
            self._read_ids()
        if targetid <= self._ids[self._i]:
            return
        if targetid > self._maxid:
            # Whole blocks whose last id is below the target are skipped without reading them.
            while not self._atend and targetid > self._maxid:
                self._next_block()
            if self._atend:
                return
            self._read_ids()
        # The block's ids are sorted and its last one (`_maxid`) is >= target: bisect within it.
        self._i = bisect_left(self._ids, targetid, self._i)


class LeanPerDocReader(W3PerDocReader):
    def doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
        cache = self.__dict__.setdefault("_lean_lengths", {})
        lengths = cache.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if reader is None:
                return default
            lengths = cache[fieldname] = [byte_to_length(b) if b else None for b in reader]
        if docnum >= len(lengths):
            raise IndexError(f"Asked for docnum {docnum} of {len(lengths)}")
        return lengths[docnum]


def read_postings(m) -> tuple[Sequence[int], Sequence[float]]:  # type: ignore[no-untyped-def]
    """All (ids, weights) of a term's posting matcher, ids ascending: the bulk reading seam the fast
    path uses, so how blocks are stored stays this module's business."""
    ids, weights, _ = _read_all(m, values=False)
    return ids, weights


def read_postings_values(m) -> tuple[Sequence[int], Sequence[float], Sequence[bytes]]:  # type: ignore[no-untyped-def]
    """As `read_postings`, plus each posting's encoded value (positions, characters)."""
    return _read_all(m, values=True)


def _read_all(m, values: bool):  # type: ignore[no-untyped-def]
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes] = []
    if isinstance(m, W3LeafMatcher):
        # A block at a time: its ids and weights arrive as arrays.
        while not m._atend:
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            if values:
                if m._values is None:
                    m._read_values()
                vals.extend(m._values)
            m._next_block()
        return ids, weights, vals
    while m.is_active():  # inlined postings, or a segment with deletions (filtered matcher)
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            vals.append(m.value())
        m.next()
    return ids, weights, vals
