"""Writes one Whoosh segment in bulk, without Whoosh's per-posting pipeline.

Whoosh's `SegmentWriter` hands every posting through a pool (a tuple per posting), sorts them, and
feeds them one call at a time to the field writer, asking the length column for each posting's
document length on the way. Here each text field's words (`analysis.tokens`) are appended one by one
straight into per-term arrays (ids, frequencies, positions and offsets); at the end every term's
postings are written in sorted order as whole blocks (`codec.encode_block`), with the same term
statistics, length column, stored fields and field length totals Whoosh's writer produces, so
Whoosh reads the segment as one of its own. Keyword and ID fields (a few postings per document)
go through the field's own `index()`.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from itertools import accumulate, count, repeat

from whoosh.codec.whoosh3 import W3Segment, W3TermInfo
from whoosh.fields import Schema
from whoosh.util.numeric import byte_to_length, length_to_byte

from energybrowser.search.analysis import LeanCharacters, LeanPositions, tokens
from energybrowser.search.codec import POSTINGS_MAGIC, LeanCodec, encode_block

# Per term: document ids, frequencies, and the postings' positions (or position/start/end triples)
# laid end to end: the encoded values' uint32 words, kept as uint16s while every one fits.
_Lean = list[array]  # type: ignore[type-arg]
# Per term of a keyword or ID field: (docnum, weight, encoded value) per posting.
_Other = list[tuple[int, float, bytes]]
_ANALYSED_LIMIT = 50_000


def supports(schema: Schema) -> bool:
    """Whether `SegmentBuilder` writes everything this schema asks for (no vectors, spelling
    words or columns, which only Whoosh's writer handles)."""
    return all(not f.vector and not f.separate_spelling() and not f.column_type for _, f in schema.items())


class SegmentBuilder:
    """Collects documents (as `add_document` would take them) and writes them as one segment."""

    def __init__(self, storage, schema: Schema, codec: LeanCodec, indexname: str = "MAIN") -> None:  # type: ignore[no-untyped-def]
        self.storage = storage
        self.schema = schema
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self._perdoc = codec.per_document_writer(storage, self.segment)
        self._docnum = 0
        self._lean: dict[str, dict[str, _Lean]] = {}
        self._other: dict[str, dict[bytes, _Other]] = {}
        self._analysed: dict[tuple[str, str], list[tuple[bytes, int, float, bytes]]] = {}
        # Document length of each scorable field as Whoosh's length column gives it back.
        self._lengths: dict[str, array] = {}  # type: ignore[type-arg]

    def add_document(self, fields: Mapping[str, str | None]) -> None:
        docnum = self._docnum
        perdoc = self._perdoc
        schema = self.schema
        perdoc.start_doc(docnum)
        for fieldname in sorted(fields):
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                fmt = field.format
                if type(fmt) in (LeanPositions, LeanCharacters):
                    length = self._add_lean(fieldname, docnum, value, field)
                else:
                    length = self._add_other(fieldname, docnum, value, field)
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if length:
                lengths = self._lengths.get(fieldname)
                if lengths is None:
                    lengths = self._lengths[fieldname] = array("I")
                if len(lengths) < docnum + 1:
                    lengths.extend(repeat(0, docnum + 1 - len(lengths)))
                lengths[docnum] = byte_to_length(length_to_byte(length))
        perdoc.finish_doc()
        self._docnum += 1

    def _add_lean(self, fieldname: str, docnum: int, value: str, field) -> int:  # type: ignore[no-untyped-def]
        terms = self._lean.get(fieldname)
        if terms is None:
            terms = self._lean[fieldname] = {}
        stemming = getattr(field.analyzer, "stemming", True)
        found, starts, ends = tokens(value, stemming)
        typecode = "H"
        if len(value) > 0xFFFF:  # offsets (and positions) may not fit in uint16: widen the terms' arrays
            typecode = "I"
            for term in set(found):
                postings = terms.get(term)
                if postings is not None and postings[2].typecode == "H":
                    postings[2] = array("I", postings[2])
        # One step per word: a term's first word in this document adds a posting, later ones
        # count up its frequency; positions (and offsets) are appended as they come. Two copies of
        # the loop, not one with a test per word: this is the build's innermost loop.
        if type(field.format) is LeanCharacters:
            for pos, term, start, end in zip(count(), found, starts, ends):
                postings = terms.get(term)
                if postings is None:
                    terms[term] = [
                        array("I", (docnum,)),
                        array("I", (1,)),
                        array(typecode, (pos, start, end)),
                    ]
                    continue
                if postings[0][-1] == docnum:
                    postings[1][-1] += 1
                else:
                    postings[0].append(docnum)
                    postings[1].append(1)
                postings[2].extend((pos, start, end))
        else:
            for pos, term in enumerate(found):
                postings = terms.get(term)
                if postings is None:
                    terms[term] = [array("I", (docnum,)), array("I", (1,)), array(typecode, (pos,))]
                    continue
                if postings[0][-1] == docnum:
                    postings[1][-1] += 1
                else:
                    postings[0].append(docnum)
                    postings[1].append(1)
                postings[2].append(pos)
        return len(found) if field.scorable else 0

    def _add_other(self, fieldname: str, docnum: int, value: str, field) -> int:  # type: ignore[no-untyped-def]
        terms = self._other.get(fieldname)
        if terms is None:
            terms = self._other[fieldname] = {}
        length = 0
        # Publishers, years, languages and entity lists repeat across documents: each distinct
        # value goes through Whoosh's analyzer once (unique ids are not worth remembering).
        key = (fieldname, value)
        items = self._analysed.get(key)
        if items is None:
            items = list(field.index(value))
            if not field.unique and len(self._analysed) < _ANALYSED_LIMIT:
                self._analysed[key] = items
        for btext, freq, weight, vbytes in items:
            postings = terms.get(btext)
            if postings is None:
                postings = terms[btext] = []
            postings.append((docnum, weight, vbytes))
            length += freq
        return length if field.scorable else 0

    def cancel(self) -> None:
        """Release the files a failed build holds open (what they hold is thrown away)."""
        if not self._perdoc.is_closed:
            self._perdoc.close()

    def finish(self) -> W3Segment:
        """Write the segment's files; returns the Whoosh segment (for the table of contents)."""
        self._perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        blocklimit = self.codec._blocklimit
        compression = self.codec._compression
        for fieldname in sorted({*self._lean, *self._other}):
            field = self.schema[fieldname]
            writer.start_field(fieldname, field)
            lengths = self._lengths.get(fieldname, array("I"))
            if len(lengths) < self._docnum:
                lengths.extend(repeat(0, self._docnum - len(lengths)))
            if fieldname in self._lean:
                terms = self._lean[fieldname]
                step = 3 if type(field.format) is LeanCharacters else 1
                boost = float(field.format.field_boost)
                for btext, term in sorted((t.encode("utf-8"), t) for t in terms):
                    ids, freqs, values = terms[term]
                    writer.add_term(
                        btext,
                        _write_lean(
                            writer.postfile, ids, freqs, values, step, boost, lengths, blocklimit, compression
                        ),
                    )
            else:
                other = self._other[fieldname]
                for btext in sorted(other):
                    writer.add_term(
                        btext, _write_other(writer.postfile, other[btext], lengths, blocklimit, compression)
                    )
            writer.finish_field()
        writer.close()
        self.segment.set_doc_count(self._docnum)
        return self.segment


def _length_range(ids, lengths) -> tuple[int | None, int]:  # type: ignore[no-untyped-def]
    # As Whoosh's writer: a document without a length (0) does not count.
    block = list(map(lengths.__getitem__, ids))
    longest = max(block)
    shortest = min(block)
    if not shortest:
        present = [n for n in block if n]
        shortest = min(present) if present else None
    return shortest, longest


def _term_info(postfile, start: int, df: int, weight: float, blocks) -> W3TermInfo:  # type: ignore[no-untyped-def]
    info = W3TermInfo()
    info._df = df
    info._weight = weight
    shortest = [b[0] for b in blocks if b[0] is not None]
    info._minlength = min(shortest) if shortest else None
    info._maxlength = max(b[1] for b in blocks)
    info._maxweight = max(b[2] for b in blocks)
    info._minid = blocks[0][3]
    info._maxid = blocks[-1][4]
    info.set_extent(start, postfile.tell() - start)
    return info


def _write_lean(postfile, ids, freqs, values, step, boost, lengths, blocklimit, compression) -> W3TermInfo:  # type: ignore[no-untyped-def]
    start = postfile.tell()
    postfile.write(POSTINGS_MAGIC)
    # Running total of frequencies: posting i's value is values[step * cum[i-1] : step * cum[i]].
    cum = list(accumulate(freqs))
    width = 4 * step  # bytes per occurrence in the encoded value
    count = len(ids)
    stats = []
    for a in range(0, count, blocklimit):
        b = min(a + blocklimit, count)
        block_ids = ids[a:b]
        block_freqs = freqs[a:b]
        maxweight = max(block_freqs) * boost
        weights = block_freqs if boost == 1.0 else array("f", map(boost.__mul__, block_freqs))
        base = cum[a - 1] if a else 0
        value_ends = array("I", map(width.__mul__, map((-base).__add__, cum[a:b])))
        shortest, longest = _length_range(block_ids, lengths)
        postfile.write(
            encode_block(
                block_ids,
                weights,
                maxweight,
                value_ends,
                values[step * base : step * cum[b - 1]],
                shortest,
                longest,
                compression,
                b == count,
            )
        )
        stats.append((shortest, longest, maxweight, block_ids[0], block_ids[-1]))
    return _term_info(postfile, start, count, float(cum[-1]) * boost, stats)


def _write_other(postfile, postings: _Other, lengths, blocklimit, compression) -> W3TermInfo:  # type: ignore[no-untyped-def]
    start = postfile.tell()
    postfile.write(POSTINGS_MAGIC)
    count = len(postings)
    stats = []
    total = 0.0
    for a in range(0, count, blocklimit):
        block = postings[a : a + blocklimit]
        ids = array("I", [p[0] for p in block])
        weights = array("f", [p[1] for p in block])
        total += sum(weights)
        vals = [p[2] for p in block]
        if all(vals):
            value_ends: list[int] | None = list(accumulate(map(len, vals)))
            data = b"".join(vals)
        else:
            value_ends, data = None, b""
        maxweight = max(p[1] for p in block)
        shortest, longest = _length_range(ids, lengths)
        postfile.write(
            encode_block(
                ids,
                weights,
                maxweight,
                value_ends,
                data,
                shortest,
                longest,
                compression,
                a + blocklimit >= count,
            )
        )
        stats.append((shortest, longest, maxweight, ids[0], ids[-1]))
    return _term_info(postfile, start, count, total, stats)
