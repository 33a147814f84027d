"""Whoosh's default codec with document lengths held in memory.

BM25 needs a document's field length for every posting it scores, and the writer asks for it for
every posting it writes; the stock reader fetches each one from the lengths column on disk. Reading
the (one byte per document) column once per field makes both indexing and scoring cheaper.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
from whoosh.util.numeric import byte_to_length


class LeanCodec(W3Codec):
    def __init__(self, blocklimit: int = 128, compression: int = 1, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return LeanPerDocReader(storage, segment)


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
