"""A compact term dictionary per segment: prefix, fuzzy, range and "did you mean" without walking
Whoosh's lexicon.

Whoosh lists a field's terms by reading its term table one record at a time in Python (≈ 1 s per
100,000 terms); fuzzy terms, wildcards, ranges and suggestions each walked it. Our codec's field
writer also writes, for every segment, the sorted terms of the text fields and their document
frequencies in one file (`<segment>.tdx`): terms as UTF-8 joined by newlines (analysed terms never
hold whitespace), each term's start offset and its frequency as uint32 arrays.

Nothing is decoded when a dictionary is opened: a term is a slice of the text found through the
offsets, a lookup a bisection over them. The terms of one first letter are decoded together the
first time a prefix, fuzzy term or suggestion needs them (a fraction of the segment); fuzzy
matching then runs `rapidfuzz`'s optimal-string-alignment distance (the restricted
Damerau-Levenshtein distance Whoosh's `terms_within` computes, so the same terms match) in C over
them. Segments never change, so their dictionaries are shared by every searcher of the index in
this process: a new searcher after a one-article update decodes only the new segment's.
"""

from __future__ import annotations

import heapq
import logging
import os
import struct
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain

from rapidfuzz import process
from rapidfuzz.distance import OSA

log = logging.getLogger(__name__)

EXTENSION = ".tdx"
FIELDS = frozenset({"title", "body", "author"})  # text fields: terms without whitespace
MAGIC = b"LTD2"
OLD_MAGIC = b"LTD1"  # no offsets (indexes written before them): offsets computed on reading
_HEADER = struct.Struct("<4sH")
_FIELD = struct.Struct("<HII")  # name length, term count, text bytes
_LAST = "\U0010ffff"


class TermDictDamaged(Exception):
    """The file does not decode: the index is damaged."""


def _uint32s(values: Iterable[int]) -> bytes:
    out = array("I", values)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def _read_uint32s(data: memoryview) -> Sequence[int]:
    if sys.byteorder == "little":
        return data.cast("I")  # no copy
    out = array("I")
    out.frombytes(data)
    out.byteswap()
    return out


def encode(fields: dict[str, tuple[list[bytes], list[int]]]) -> bytes:
    """The file's bytes for `fields`: name -> (sorted UTF-8 terms, document frequencies)."""
    parts = [_HEADER.pack(MAGIC, len(fields))]
    for name, (terms, freqs) in sorted(fields.items()):
        text = b"\n".join(terms)
        # Start of every term and one past the text's end (+1 for its newline), so term i is
        # text[offsets[i] : offsets[i + 1] - 1].
        offsets = accumulate(chain((0,), (len(t) + 1 for t in terms)))
        raw = name.encode("utf-8")
        parts += [_FIELD.pack(len(raw), len(terms), len(text)), raw, text]
        parts += [_uint32s(offsets), _uint32s(freqs)]
    return b"".join(parts)


def decode(data: bytes) -> dict[str, SegmentTerms]:
    """The fields of one file; only the headers are read (terms are sliced out when asked for)."""
    view = memoryview(data)
    try:
        magic, nfields = _HEADER.unpack_from(data, 0)
        if magic not in (MAGIC, OLD_MAGIC):
            raise TermDictDamaged("term dictionary has a bad magic number")
        pos = _HEADER.size
        out = {}
        for _ in range(nfields):
            namelen, count, textlen = _FIELD.unpack_from(data, pos)
            pos += _FIELD.size
            name = bytes(view[pos : pos + namelen]).decode("utf-8")
            pos += namelen
            text = view[pos : pos + textlen]
            pos += textlen
            if magic == MAGIC:
                offsets = _read_uint32s(view[pos : pos + 4 * (count + 1)])
                pos += 4 * (count + 1)
            else:
                offsets = _offsets_of(bytes(text), count)
            freqs = _read_uint32s(view[pos : pos + 4 * count])
            pos += 4 * count
            end = textlen + 1 if count else 0
            if len(offsets) != count + 1 or len(freqs) != count or offsets[-1] != end:
                raise TermDictDamaged("term dictionary sizes do not add up")
            out[name] = SegmentTerms(text, offsets, freqs)
        return out
    except (struct.error, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise TermDictDamaged(f"term dictionary is unreadable ({exc.__class__.__name__})") from exc


def _offsets_of(text: bytes, count: int) -> Sequence[int]:
    if not count:
        return array("I", [0])
    return array("I", accumulate(chain((0,), (len(t) + 1 for t in text.split(b"\n")))))


class _Terms(Sequence[str]):
    """A segment's sorted terms, each decoded when read (what `bisect` needs: len and items)."""

    __slots__ = ("_offsets", "_text")

    def __init__(self, text: memoryview, offsets: Sequence[int]) -> None:
        self._text, self._offsets = text, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        offsets = self._offsets
        if isinstance(i, slice):
            lo, hi, step = i.indices(len(offsets) - 1)
            if step != 1:
                return [self[k] for k in range(lo, hi, step)]
            if hi <= lo:
                return []
            return str(self._text[offsets[lo] : offsets[hi] - 1], "utf-8").split("\n")
        if i < 0:
            i += len(offsets) - 1
        return str(self._text[offsets[i] : offsets[i + 1] - 1], "utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self[0 : len(self)])


class _Letter:
    """The terms of one first letter, decoded (a list: `bisect` runs in C over it), their place
    in the segment, and the terms ordered by length for fuzzy matching (built when first asked)."""

    __slots__ = ("by_length", "lo", "terms")

    def __init__(self, lo: int, terms: list[str]) -> None:
        self.lo, self.terms = lo, terms
        self.by_length: tuple[list[str], list[int]] | None = None


class SegmentTerms:
    """One field's terms in one segment: sorted, with their document frequencies."""

    def __init__(self, text: memoryview | bytes, offsets: Sequence[int], freqs: Sequence[int]) -> None:
        self.terms = _Terms(memoryview(text), offsets)
        self.freqs = freqs
        self._letters: dict[str, _Letter] = {}
        self._lock = threading.Lock()  # shared by searchers in several threads

    @classmethod
    def from_terms(cls, terms: list[str], freqs: Sequence[int]) -> SegmentTerms:
        raw = [t.encode("utf-8") for t in terms]
        return cls(b"\n".join(raw), _offsets_of(b"\n".join(raw), len(raw)), array("I", freqs))

    def _letter(self, letter: str) -> _Letter:
        found = self._letters.get(letter)
        if found is None:
            with self._lock:
                found = self._letters.get(letter)
                if found is None:
                    lo = bisect_left(self.terms, letter)
                    hi = bisect_left(self.terms, letter + _LAST, lo)
                    found = self._letters[letter] = _Letter(lo, self.terms[lo:hi])
        return found

    def span(self, start: str, end: str | None = None) -> tuple[int, int]:
        """Index range of the terms `start` <= term < `end` (to the last term when None)."""
        lo = bisect_left(self.terms, start)
        hi = len(self.terms) if end is None else bisect_left(self.terms, end, lo)
        return lo, hi

    def prefix_span(self, prefix: str) -> tuple[int, int]:
        if not prefix:
            return 0, len(self.terms)
        letter = self._letter(prefix[0])
        if len(prefix) == 1:
            return letter.lo, letter.lo + len(letter.terms)
        lo = bisect_left(letter.terms, prefix)
        hi = bisect_left(letter.terms, prefix + _LAST, lo)
        return letter.lo + lo, letter.lo + hi

    def frequency(self, term: str) -> int:
        if not term:
            return 0
        letter = self._letter(term[0])
        i = bisect_left(letter.terms, term)
        return self.freqs[letter.lo + i] if i < len(letter.terms) and letter.terms[i] == term else 0

    def within(self, word: str, maxdist: int, prefix: int) -> list[str]:
        """Terms within `maxdist` edits (optimal string alignment) of `word` that share its first
        `prefix` characters: what Whoosh's `terms_within` yields."""
        if prefix >= 1 and word:
            # Only terms whose length is within maxdist of the word's can be within maxdist:
            # compared from a per-letter list ordered by length (a fifth of the letter's terms).
            ordered, lengths = self._letter_by_length(word[0])
            lo = bisect_left(lengths, len(word) - maxdist)
            hi = bisect_right(lengths, len(word) + maxdist, lo)
            choices = ordered[lo:hi]
            if prefix > 1:
                choices = [t for t in choices if t.startswith(word[:prefix])]
        else:
            choices = list(self.terms)
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
        found = self._letter(letter)
        if found.by_length is None:
            ordered = sorted(found.terms, key=len)
            found.by_length = (ordered, list(map(len, ordered)))
        return found.by_length

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
            self._segments = _shared_load([sub for sub, _ in self.reader.leaf_readers()])
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
            for term in totals:
                totals[term] += seg.frequency(term)
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


# Index folder -> the dictionaries of the segments its newest searcher loaded, by file identity:
# a segment's files are hard-linked from one generation to the next, so a new searcher (after an
# update) finds every unchanged segment's dictionary here. Only the latest load per index is kept.
_SHARED: dict[str, dict[tuple[int, ...], dict[str, SegmentTerms]]] = {}
_SHARED_LOCK = threading.Lock()


def _shared_load(subs: list) -> list[dict[str, SegmentTerms]]:  # type: ignore[type-arg]
    out = []
    kept: dict[tuple[int, ...], dict[str, SegmentTerms]] = {}
    folder = None
    for sub in subs:
        key, folder = _identity(sub)
        found = None
        if key is not None and folder is not None:
            with _SHARED_LOCK:
                found = _SHARED.get(os.path.dirname(folder), {}).get(key)
        if found is None:
            found = _load(sub)
        if key:
            kept[key] = found
        out.append(found)
    if folder is not None:
        with _SHARED_LOCK:
            _SHARED[os.path.dirname(folder)] = kept
    return out


def _identity(sub) -> tuple[tuple[int, ...] | None, str | None]:  # type: ignore[no-untyped-def]
    """(device, inode, size, modification time) of the segment's dictionary file, and its folder."""
    segment = getattr(sub, "_segment", None)
    folder = getattr(getattr(sub, "_storage", None), "folder", None)
    if segment is None or not isinstance(folder, str):
        return None, None
    try:
        st = os.stat(os.path.join(folder, segment.make_filename(EXTENSION)))
    except OSError:
        return None, folder
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns), folder


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
        return decode(bytes(fh.read()))
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
        out[fieldname] = SegmentTerms.from_terms(terms, freqs)
    return out
