"""A compact term dictionary per segment: prefix, fuzzy, range and "did you mean" without walking
Whoosh's lexicon.

Whoosh lists a field's terms by reading its term table one record at a time in Python (≈ 1 s per
100,000 terms); fuzzy terms, wildcards, ranges and suggestions each walked it. Our codec's field
writer also writes, for every segment, the sorted terms of the text fields and their document
frequencies in one file (`<segment>.tdx`): terms as UTF-8 joined by newlines (analysed terms never
hold whitespace), frequencies as a uint32 array. Reading it is one `split`; a prefix is a `bisect`;
fuzzy matching runs `rapidfuzz`'s optimal-string-alignment distance (the restricted
Damerau-Levenshtein distance Whoosh's `terms_within` computes, so the same terms match) in C over
the terms that share the first letter.
"""

from __future__ import annotations

import heapq
import logging
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

log = logging.getLogger(__name__)

EXTENSION = ".tdx"
FIELDS = frozenset({"title", "body", "author"})  # text fields: terms without whitespace
MAGIC = b"LTD1"
_HEADER = struct.Struct("<4sH")
_FIELD = struct.Struct("<HII")  # name length, term count, text bytes
_LAST = "\U0010ffff"


class TermDictDamaged(Exception):
    """The file does not decode: the index is damaged."""


def encode(fields: dict[str, tuple[list[bytes], list[int]]]) -> bytes:
    """The file's bytes for `fields`: name -> (sorted UTF-8 terms, document frequencies)."""
    parts = [_HEADER.pack(MAGIC, len(fields))]
    for name, (terms, freqs) in sorted(fields.items()):
        text = b"\n".join(terms)
        counts = array("I", freqs)
        if sys.byteorder == "big":
            counts.byteswap()
        raw = name.encode("utf-8")
        parts += [_FIELD.pack(len(raw), len(terms), len(text)), raw, text, counts.tobytes()]
    return b"".join(parts)


def decode(data: bytes) -> dict[str, SegmentTerms]:
    try:
        magic, nfields = _HEADER.unpack_from(data, 0)
        if magic != MAGIC:
            raise TermDictDamaged("term dictionary has a bad magic number")
        pos = _HEADER.size
        out = {}
        for _ in range(nfields):
            namelen, count, textlen = _FIELD.unpack_from(data, pos)
            pos += _FIELD.size
            name = data[pos : pos + namelen].decode("utf-8")
            pos += namelen
            text = data[pos : pos + textlen].decode("utf-8")
            pos += textlen
            freqs = array("I")
            freqs.frombytes(data[pos : pos + 4 * count])
            pos += 4 * count
            if sys.byteorder == "big":
                freqs.byteswap()
            terms = text.split("\n") if count else []
            if len(terms) != count or len(freqs) != count:
                raise TermDictDamaged("term dictionary sizes do not add up")
            out[name] = SegmentTerms(terms, freqs)
        return out
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise TermDictDamaged(f"term dictionary is unreadable ({exc.__class__.__name__})") from exc


class SegmentTerms:
    """One field's terms in one segment: sorted, with their document frequencies."""

    def __init__(self, terms: list[str], freqs: array) -> None:  # type: ignore[type-arg]
        self.terms = terms
        self.freqs = freqs
        # First letter -> its terms ordered by length, and their lengths (built when first asked).
        self._by_length: dict[str, tuple[list[str], list[int]]] = {}

    def span(self, start: str, end: str | None = None) -> tuple[int, int]:
        """Index range of the terms `start` <= term < `end` (to the last term when None)."""
        lo = bisect_left(self.terms, start)
        hi = len(self.terms) if end is None else bisect_left(self.terms, end, lo)
        return lo, hi

    def prefix_span(self, prefix: str) -> tuple[int, int]:
        return (0, len(self.terms)) if not prefix else self.span(prefix, prefix + _LAST)

    def frequency(self, term: str) -> int:
        i = bisect_left(self.terms, term)
        return self.freqs[i] if i < len(self.terms) and self.terms[i] == term else 0

    def within(self, word: str, maxdist: int, prefix: int) -> list[str]:
        """Terms within `maxdist` edits (optimal string alignment) of `word` that share its first
        `prefix` characters: what Whoosh's `terms_within` yields."""
        if prefix == 1 and word:
            # Only terms whose length is within maxdist of the word's can be within maxdist:
            # compared from a per-letter list ordered by length (a fifth of the letter's terms).
            ordered, lengths = self._letter_by_length(word[0])
            lo = bisect_left(lengths, len(word) - maxdist)
            hi = bisect_right(lengths, len(word) + maxdist, lo)
            choices = ordered[lo:hi]
        else:
            lo, hi = self.prefix_span(word[:prefix])
            choices = self.terms[lo:hi]
        if not choices:
            return []
        found = process.extract(
            word,
            choices,
            scorer=OSA.distance,
            score_cutoff=maxdist,
            limit=None,
        )
        return [term for term, _, _ in found]

    def _letter_by_length(self, letter: str) -> tuple[list[str], list[int]]:
        found = self._by_length.get(letter)
        if found is None:
            lo, hi = self.prefix_span(letter)
            ordered = sorted(self.terms[lo:hi], key=len)
            found = self._by_length[letter] = (ordered, list(map(len, ordered)))
        return found

    def range(self, start: str | None, end: str | None, startexcl: bool, endexcl: bool) -> tuple[int, int]:
        lo = 0 if start is None else (bisect_right if startexcl else bisect_left)(self.terms, start)
        if end is None:
            hi = len(self.terms)
        else:
            hi = (bisect_left if endexcl else bisect_right)(self.terms, end, lo)
        return lo, max(lo, hi)


class TermDictionary:
    """The term dictionaries of every segment of one reader, loaded on first use."""

    def __init__(self, reader) -> None:  # type: ignore[no-untyped-def]
        self.reader = reader
        self._segments: list[dict[str, SegmentTerms]] | None = None

    def segments(self) -> list[dict[str, SegmentTerms]]:
        if self._segments is None:
            self._segments = [_load(sub) for sub, _ in self.reader.leaf_readers()]
        return self._segments

    def fields(self, fieldname: str) -> Iterator[SegmentTerms]:
        for seg in self.segments():
            if fieldname in seg:
                yield seg[fieldname]

    @staticmethod
    def covers(fieldname: str) -> bool:
        """Whether the field's terms are here (a segment without the field has none of them)."""
        return fieldname in FIELDS

    def frequency(self, fieldname: str, term: str) -> int:
        return sum(s.frequency(term) for s in self.fields(fieldname))

    def with_prefix(self, fieldname: str, prefix: str, limit: int) -> set[str]:
        out: set[str] = set()
        for s in self.fields(fieldname):
            lo, hi = s.prefix_span(prefix)
            out.update(s.terms[lo : min(hi, lo + limit)])
        return out

    def within(self, fieldname: str, word: str, maxdist: int, prefix: int = 1) -> set[str]:
        out: set[str] = set()
        for s in self.fields(fieldname):
            out.update(s.within(word, maxdist, prefix))
        return out

    def most_frequent_in(
        self, fieldname: str, spans: Iterable[tuple[SegmentTerms, int, int]], limit: int
    ) -> tuple[list[str], int]:
        """The `limit` most frequent terms among the segments' index spans, and how many distinct
        terms the spans hold. Candidates are each segment's `4 * limit` most frequent terms of its
        span (found in C); their totals over every segment decide."""
        spans = [(s, lo, hi) for s, lo, hi in spans if hi > lo]
        if len(spans) == 1:
            count = spans[0][2] - spans[0][1]
        else:  # a term in several segments counts once
            count = len(set().union(*(s.terms[lo:hi] for s, lo, hi in spans)))
        candidates: set[str] = set()
        for s, lo, hi in spans:
            if hi - lo <= limit * 4:
                candidates.update(s.terms[lo:hi])
            else:
                best = heapq.nlargest(limit * 4, range(lo, hi), key=s.freqs.__getitem__)
                candidates.update(s.terms[i] for i in best)
        return self.most_frequent(fieldname, candidates, limit), count

    def most_frequent(self, fieldname: str, terms: Iterable[str], limit: int) -> list[str]:
        """The `limit` most frequent of `terms` (ties in term order), by their total frequency."""
        totals = dict.fromkeys(sorted(terms), 0)
        for seg in self.fields(fieldname):
            table, freqs = seg.terms, seg.freqs
            size = len(table)
            for term in totals:
                i = bisect_left(table, term)
                if i < size and table[i] == term:
                    totals[term] += freqs[i]
        return heapq.nlargest(limit, [t for t, n in totals.items() if n], key=totals.__getitem__)

    def with_prefixes(self, fieldname: str, prefixes: Iterable[str], limit: int) -> tuple[list[str], int]:
        """The `limit` most frequent terms starting with any of `prefixes`, and how many there are."""
        wanted = sorted(set(prefixes))
        spans = []
        for seg in self.fields(fieldname):
            covered = -1
            for p in wanted:
                lo, hi = seg.prefix_span(p)
                lo = max(lo, covered)  # "refin" inside "ref": each term once
                if hi > lo:
                    spans.append((seg, lo, hi))
                    covered = hi
        return self.most_frequent_in(fieldname, spans, limit)


def _load(sub) -> dict[str, SegmentTerms]:  # type: ignore[no-untyped-def]
    """One segment's dictionaries ({} when the segment has none: Whoosh's lexicon is read instead)."""
    segment = getattr(sub, "_segment", None)
    storage = getattr(sub, "_storage", None)
    if segment is None or storage is None:
        return {}
    name = segment.make_filename(EXTENSION)
    if not storage.file_exists(name):
        log.warning("segment %s has no term dictionary; reading Whoosh's lexicon instead", name)
        return _from_lexicon(sub)
    fh = storage.open_file(name)
    try:
        return decode(fh.read())
    finally:
        fh.close()


def _from_lexicon(sub) -> dict[str, SegmentTerms]:  # type: ignore[no-untyped-def]
    out = {}
    for fieldname in FIELDS:
        if fieldname not in sub.schema:
            continue
        terms, freqs = [], array("I")
        for btext, info in sub.iter_field(fieldname):
            terms.append(btext.decode("utf-8"))
            freqs.append(info.doc_frequency())
        out[fieldname] = SegmentTerms(terms, freqs)
    return out
