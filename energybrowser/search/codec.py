"""Our Whoosh codec: columnar posting blocks, document lengths in memory, bulk posting reads.

Whoosh's own blocks are pickled tuples: reading a block's ids means unpickling its positions too.
Here a block is a fixed `struct` header followed by three sections (ids and weights zlib-deflated
when that makes them smaller):

    header   total length (negative for a term's last block), posting count, min/max length
             bytes, flags, last id, max weight, and the stored size of each section
    ids      deltas (the first is the block's first id) as uint8, uint16 or uint32, whichever holds
             them all
    weights  float32 per posting; absent when every weight equals the block's max weight
    values   uint32 end offset of each posting's encoded value, then the values concatenated
             (our formats' uint32 words stored as uint16s when they all fit); never deflated

so ids and weights are read (`array.frombytes`) without ever touching values. Nothing is pickled.
A term's postings start with `POSTINGS_MAGIC`; any damage (bad magic, sizes that do not add up,
undecompressible data) raises `PostingsDamaged`, which the engine treats as a damaged index.

BM25 needs a document's field length for every posting it scores; the (one byte per document)
length column is read once per field into memory (`LeanPerDocReader`). `LeanLeafMatcher.skip_to`
bisects a block's sorted ids instead of stepping through them one posting at a time.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, repeat
from operator import rshift
from struct import Struct

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.columns import NumericColumn
from whoosh.matching import ListMatcher, ReadTooFar
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from energybrowser.search import termdict

POSTINGS_MAGIC = b"LPB1"
# total length, count, min length byte, max length byte, flags, last id, max weight,
# stored sizes of the ids, weights and values sections.
BLOCK_HEADER = Struct("<iHBBBIfIII")
# Flags: which sections are deflated, how wide the stored id deltas are (the narrowest unsigned
# type that holds them), and whether values made of uint32 words were stored as uint16s.
_IDS_DEFLATED, _WEIGHTS_DEFLATED, _VALUES_DEFLATED = 1, 2, 4
_IDS_WIDTH = {"I": 0, "H": 8, "B": 16}
_WIDTH_CODE = {v: k for k, v in _IDS_WIDTH.items()}
_IDS_WIDTH_MASK = 24
_VALUES_NARROW = 32
_MIN_DEFLATE = 64  # smaller sections are stored raw: zlib would not pay for its own overhead
_BIG_ENDIAN = sys.byteorder == "big"


class PostingsDamaged(Exception):
    """A posting block does not decode: the index file is damaged."""


def _le(a: array) -> bytes:  # type: ignore[type-arg]
    if _BIG_ENDIAN:
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _array(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
    a = array(typecode)
    try:
        a.frombytes(data)
    except ValueError as exc:
        raise PostingsDamaged("posting block section has a partial item") from exc
    if _BIG_ENDIAN:
        a.byteswap()
    return a


def _widen(narrow: bytes) -> bytes:
    """Native uint16s as native uint32s, by byte slicing (`array("I", array("H", ...))` makes a
    Python int of every word, 6× slower)."""
    if len(narrow) % 2:
        raise PostingsDamaged("posting block values have a partial item")
    wide = bytearray(2 * len(narrow))
    low = 2 if _BIG_ENDIAN else 0  # where a uint32's two low-order bytes sit
    wide[low::4] = narrow[0::2]
    wide[low + 1 :: 4] = narrow[1::2]
    return bytes(wide)


def _pack_section(data: bytes, compression: int, flag: int) -> tuple[bytes, int]:
    if compression and len(data) >= _MIN_DEFLATE:
        packed = zlib.compress(data, compression)
        if len(packed) < len(data):
            return packed, flag
    return data, 0


def _narrow(values: array) -> array:  # type: ignore[type-arg]
    """`values` (unsigned) in the narrowest array type that holds them."""
    top = max(values)
    typecode = "B" if top < 0x100 else "H" if top < 0x10000 else "I"
    return values if typecode == values.typecode else array(typecode, values)


def encode_block(
    ids: Sequence[int],
    weights: Sequence[float],
    maxweight: float,
    value_ends: Sequence[int] | None,
    value_data: bytes | array,  # type: ignore[type-arg]
    minlength: int | None,
    maxlength: int,
    compression: int,
    last: bool,
) -> bytes:
    """One posting block. `value_ends[i]` is where posting i's value ends in `value_data` (in
    bytes; None when no posting has a value). `value_data` may be an array of the uint32 words
    our own formats encode values as, of type "I" or, when every word fits, "H" (stored so)."""
    count = len(ids)
    deltas = array("I", ids)
    if count > 1:
        deltas[1:] = array("I", map(int.__sub__, ids[1:], ids[:-1]))
    deltas = _narrow(deltas)
    id_bytes, flags = _pack_section(_le(deltas), compression, _IDS_DEFLATED)
    flags |= _IDS_WIDTH[deltas.typecode]
    if weights.count(maxweight) == count:
        w_bytes = b""
    else:
        w_bytes, flag = _pack_section(_le(array("f", weights)), compression, _WEIGHTS_DEFLATED)
        flags |= flag
    if value_ends is None:
        v_bytes = b""
    else:
        if isinstance(value_data, array):  # uint32 words in native order, as our formats encode them
            if value_data.typecode == "H":
                flags |= _VALUES_NARROW
            value_data = value_data.tobytes()
        # Stored raw: deflating them took 40 % of the writing time for 25 % less index (measured at
        # 2,500 articles), and every phrase and snippet would pay for inflating them again.
        v_bytes = _le(array("I", value_ends)) + value_data
    body = len(id_bytes) + len(w_bytes) + len(v_bytes)
    header = BLOCK_HEADER.pack(
        -body if last else body,
        count,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        flags,
        ids[-1],
        maxweight,
        len(id_bytes),
        len(w_bytes),
        len(v_bytes),
    )
    return header + id_bytes + w_bytes + v_bytes


class LeanCodec(W3Codec):
    def __init__(self, blocklimit: int = 128, compression: int = 1, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return LeanPerDocReader(storage, segment)

    def terms_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        tiname = segment.make_filename(self.TERMS_EXT)
        tilen = storage.file_length(tiname)
        tifile = storage.open_file(tiname)
        postfile = segment.open_file(storage, self.POSTS_EXT)
        return LeanTermsReader(self, tifile, tilen, postfile)

    def field_writer(self, storage, segment):  # type: ignore[no-untyped-def]
        return LeanFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):  # type: ignore[no-untyped-def]
        if byteids:  # term vectors (none in our schema): Whoosh's own blocks
            return super().postings_writer(dbfile, byteids=True)
        return LeanPostingsWriter(
            dbfile, blocklimit=self._blocklimit, compression=self._compression, inlinelimit=self._inlinelimit
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):  # type: ignore[no-untyped-def]
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return LeanLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class LeanTermsReader(W3TermsReader):
    """Whoosh's term table reader, remembering the terms it has looked up. Each lookup reads
    Whoosh's on-disk hash table (≈ 40 µs, several reads), and one search asks for the same term
    many times: its presence, its frequency for the cost estimate and the rarest-first order, its
    postings, and BM25's idf, which sums the frequency over every segment for every term of every
    segment (a 24-term prefix on 10 segments: ≈ 5,000 lookups)."""

    _MEMO = 100_000  # terms per segment (≈ 15 MB at most)

    def __init__(self, codec, dbfile, length, postfile) -> None:  # type: ignore[no-untyped-def]
        super().__init__(codec, dbfile, length, postfile)
        self._memo: dict[tuple[str, bytes], W3TermInfo | None] = {}

    def _info(self, fieldname: str, tbytes: bytes) -> W3TermInfo | None:
        key = (fieldname, tbytes)
        try:
            return self._memo[key]
        except KeyError:
            pass
        try:
            info = W3TermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            info = None
        if len(self._memo) < self._MEMO:
            self._memo[key] = info
        return info

    def __contains__(self, term) -> bool:  # type: ignore[no-untyped-def]
        return self._info(*term) is not None

    def term_info(self, fieldname, tbytes):  # type: ignore[no-untyped-def]
        info = self._info(fieldname, tbytes)
        if info is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return info

    def frequency(self, fieldname, tbytes):  # type: ignore[no-untyped-def]
        info = self._info(fieldname, tbytes)
        if info is None:
            raise KeyError(tbytes)  # as Whoosh's reader: SegmentReader answers 0
        return info.weight()

    def doc_frequency(self, fieldname, tbytes):  # type: ignore[no-untyped-def]
        info = self._info(fieldname, tbytes)
        if info is None:
            raise KeyError(tbytes)
        return info.doc_frequency()


class LeanFieldWriter(W3FieldWriter):
    """Whoosh's field writer, plus `add_term` to write a whole, already collected posting list,
    and the segment's term dictionary (`termdict`) of the text fields, written on `close`."""

    def __init__(self, codec, storage, segment) -> None:  # type: ignore[no-untyped-def]
        super().__init__(codec, storage, segment)
        self._dict: dict[str, tuple[list[bytes], list[int]]] = {}
        self._dict_terms: list[bytes] | None = None
        self._dict_freqs: list[int] = []

    @property
    def postfile(self):  # type: ignore[no-untyped-def]
        return self._postfile

    def start_field(self, fieldname, fieldobj) -> None:  # type: ignore[no-untyped-def]
        super().start_field(fieldname, fieldobj)
        self._dict_terms = None
        if fieldname in termdict.FIELDS:
            self._dict_terms, self._dict_freqs = [], []
            self._dict[fieldname] = (self._dict_terms, self._dict_freqs)

    def add_term(self, btext: bytes, terminfo) -> None:  # type: ignore[no-untyped-def]
        self._tindex.add(self._fieldid.to_bytes(2, "big") + btext, terminfo.to_bytes())
        self._remember(btext, terminfo)

    def finish_term(self) -> None:
        # Whoosh's own path (merges, documents added through its writer).
        terminfo = self._postwriter.finish_postings()
        self._tindex.add(self._fieldid.to_bytes(2, "big") + self._btext, terminfo.to_bytes())
        self._remember(self._btext, terminfo)

    def _remember(self, btext: bytes, terminfo) -> None:  # type: ignore[no-untyped-def]
        if self._dict_terms is not None:
            self._dict_terms.append(btext)
            self._dict_freqs.append(terminfo.doc_frequency())

    def close(self) -> None:
        super().close()
        out = self._segment.create_file(self._storage, termdict.EXTENSION)
        try:
            out.write(termdict.encode(self._dict))
        finally:
            out.close()


class LeanPostingsWriter(W3PostingsWriter):
    """Whoosh's posting writer (used for updates and merges) writing our block format."""

    def _write_block(self, last=False):  # type: ignore[no-untyped-def]
        if not self._blockcount:
            self._postfile.write(POSTINGS_MAGIC)
        self._terminfo.add_block(self)
        values = self._values
        if values and len(values) == len(self._ids):
            ends: list[int] | None = list(accumulate(map(len, values)))
            data = b"".join(values)
        else:  # a format without values (Existence): Whoosh appends nothing
            ends, data = None, b""
        self._postfile.write(
            encode_block(
                self._ids,
                self._weights,
                self._maxweight,
                ends,
                data,
                self._minlength,
                self._maxlength,
                self._compression,
                last,
            )
        )
        self._blockcount += 1
        self._new_block()


class LeanLeafMatcher(W3LeafMatcher):
    """Reads `LeanPostingsWriter` blocks; the full Whoosh matcher interface is inherited."""

    # The current block's sections, read when first needed (None until then, as Whoosh's own).
    _ids: list[int] | None
    _weights: Sequence[float] | None
    _values: Sequence[bytes | None] | None

    def _read_header(self):  # type: ignore[no-untyped-def]
        if self._postfile.get(self._startoffset, 4) != POSTINGS_MAGIC:
            raise PostingsDamaged("posting list has a bad tag")
        self._baseoffset = self._startoffset + 4

    def _goto(self, position):  # type: ignore[no-untyped-def]
        self._data = None
        self._ids = None
        self._weights = None
        self._values = None
        self._i = 0
        raw = self._postfile.get(position, BLOCK_HEADER.size)
        if len(raw) != BLOCK_HEADER.size:
            raise PostingsDamaged("posting block header is truncated")
        (length, count, mnlen, mxlen, flags, maxid, maxweight, nids, nweights, nvalues) = BLOCK_HEADER.unpack(
            raw
        )
        if length < 0:
            self._lastblock = True
            length = -length
        if length != nids + nweights + nvalues or count == 0:
            raise PostingsDamaged("posting block sizes do not add up")
        self._dataoffset = position + BLOCK_HEADER.size
        self._nextoffset = self._dataoffset + length
        self._sections = (flags, nids, nweights, nvalues)
        self._blocklength = count
        self._maxid = maxid
        self._maxweight = maxweight
        self._compression = flags
        self._minlength = byte_to_length(mnlen)
        self._maxlength = byte_to_length(mxlen)

    def _section(self, start: int, size: int, deflated: bool) -> bytes:
        data = self._postfile.get(self._dataoffset + start, size)
        if len(data) != size:
            raise PostingsDamaged("posting block is truncated")
        if deflated:
            try:
                return zlib.decompress(data)
            except zlib.error as exc:
                raise PostingsDamaged("posting block does not inflate") from exc
        return data

    def _read_ids(self) -> list[int]:
        flags, nids, _, _ = self._sections
        width = _WIDTH_CODE.get(flags & _IDS_WIDTH_MASK)
        if width is None:
            raise PostingsDamaged("posting block has an unknown id width")
        deltas = _array(width, self._section(0, nids, bool(flags & _IDS_DEFLATED)))
        if len(deltas) != self._blocklength:
            raise PostingsDamaged("posting block has the wrong number of ids")
        ids = list(accumulate(deltas))
        if ids[-1] != self._maxid:
            raise PostingsDamaged("posting block ids do not end at its last id")
        self._ids = ids
        return ids

    def _read_weights(self) -> Sequence[float]:
        flags, nids, nweights, _ = self._sections
        if not nweights:
            self._weights = array("f", (self._maxweight,)) * self._blocklength
            return self._weights
        weights = _array("f", self._section(nids, nweights, bool(flags & _WEIGHTS_DEFLATED)))
        if len(weights) != self._blocklength:
            raise PostingsDamaged("posting block has the wrong number of weights")
        self._weights = weights
        return weights

    def _read_values(self) -> Sequence[bytes | None]:
        flags, nids, nweights, nvalues = self._sections
        count = self._blocklength
        if not nvalues:
            empty = None if self._fixedsize == 0 else b""
            self._values = (empty,) * count
            return self._values
        data = self._section(nids + nweights, nvalues, bool(flags & _VALUES_DEFLATED))
        head = 4 * count
        ends = _array("I", data[:head])
        data = data[head:]
        if flags & _VALUES_NARROW:
            data = _widen(data)
        if len(ends) != count or ends[-1] != len(data):
            raise PostingsDamaged("posting block values do not add up")
        starts = [0, *ends[:-1]]
        self._values = list(map(data.__getitem__, map(slice, starts, ends)))
        return self._values

    def skip_to(self, targetid):  # type: ignore[no-untyped-def]
        if self._atend or self._i >= self._blocklength:
            raise ReadTooFar
        ids = self._ids if self._ids is not None else self._read_ids()
        if targetid <= ids[self._i]:
            return
        if targetid > self._maxid:
            # Whole blocks whose last id is below the target are skipped without reading them.
            while not self._atend and targetid > self._maxid:
                self._next_block()
            if self._atend:
                return
            ids = self._read_ids()
        # The block's ids are sorted and its last one (`_maxid`) is >= target: bisect within it.
        self._i = bisect_left(ids, targetid, self._i)

    def all_ids(self):  # type: ignore[no-untyped-def]
        while not self._atend:
            ids = self._ids if self._ids is not None else self._read_ids()
            yield from ids[self._i :]
            self._next_block()


class LeanPerDocReader(W3PerDocReader):
    def doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
        # Called for every posting Whoosh scores: the common case is two lookups.
        try:
            if docnum >= 0:
                return self._lean_lengths[fieldname][docnum]
        except (AttributeError, KeyError, IndexError):
            pass
        cache = self.__dict__.setdefault("_lean_lengths", {})
        lengths = cache.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if reader is None:
                return default
            lengths = cache[fieldname] = _all_lengths(reader, self._doccount)
        if not 0 <= docnum < len(lengths):
            raise IndexError(f"Asked for docnum {docnum} of {len(lengths)}")
        return lengths[docnum]


# Length byte -> field length (None for "no length", as the stock reader's lookups give it).
_LENGTH_OF_BYTE = [None, *(byte_to_length(b) for b in range(1, 256))]


def _all_lengths(reader, doccount: int) -> list[int | None]:  # type: ignore[no-untyped-def]
    """Every document's length from a one-byte length column: its bytes read at once (a new
    reader — every update swaps them all — would otherwise make a Python call per document)."""
    if type(reader) is NumericColumn.Reader and reader._fixedlen == 1:
        stored = min(reader._count, doccount)
        raw = reader._dbfile.get(reader._basepos, stored)
        if len(raw) == stored:
            lengths = list(map(_LENGTH_OF_BYTE.__getitem__, raw))
            lengths.extend([_LENGTH_OF_BYTE[reader._default]] * (doccount - stored))
            return lengths
    return [byte_to_length(b) if b else None for b in reader]


def read_postings(m) -> tuple[Sequence[int], Sequence[float]]:  # type: ignore[no-untyped-def]
    """All (ids, weights) of a term's posting matcher, ids ascending: the bulk reading seam the fast
    path uses, so how blocks are stored stays this module's business. Values are not decoded."""
    ids, weights, _ = _read_all(m, values=False)
    return ids, weights


def read_postings_values(m) -> tuple[Sequence[int], Sequence[float], Sequence[bytes]]:  # type: ignore[no-untyped-def]
    """As `read_postings`, plus each posting's encoded value (positions, characters)."""
    return _read_all(m, values=True)


def read_ids(m) -> Sequence[int]:  # type: ignore[no-untyped-def]
    """All ids of a term's posting matcher (ascending), from its current posting on: what counting
    matches needs. Neither weights nor values are decoded."""
    if type(m) is not LeanLeafMatcher:
        return _read_all(m, values=False)[0]
    ids: list[int] = []
    while not m._atend:
        i = m._i
        block_ids = m._ids if m._ids is not None else m._read_ids()
        ids.extend(block_ids[i:] if i else block_ids)
        m._next_block()
    return ids


def read_values_at(  # type: ignore[no-untyped-def]
    m, wanted: Sequence[int], decode: Callable[[bytes], Sequence[int]]
) -> dict[int, Sequence[int]]:
    """The encoded value, as uint32 words, of each document of `wanted` (ascending ids) that is
    among the matcher's postings from its current one on: what snippets need of a term in the
    top hits (`wanted` need not all have it). On our blocks, a block holding none of the wanted
    ids is passed over on its header, and a value is a slice of the block's value words (only
    the blocks holding a wanted id are read); otherwise each value goes through `decode`."""
    found: dict[int, Sequence[int]] = {}
    count = len(wanted)
    if type(m) is not LeanLeafMatcher:
        for docnum in wanted:
            if not m.is_active():
                break
            m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                found[docnum] = decode(m.value())
        return found
    j = 0
    while j < count and not m._atend:
        if wanted[j] > m._maxid:
            m._next_block()
            continue
        ids = m._ids if m._ids is not None else m._read_ids()
        end = bisect_right(wanted, m._maxid, j)
        words: array | None = None  # type: ignore[type-arg]
        low = m._i
        for docnum in wanted[j:end]:
            i = bisect_left(ids, docnum, low)
            if i < len(ids) and ids[i] == docnum:
                if words is None:
                    words, ends = _value_words(m)
                found[docnum] = words[(ends[i - 1] if i else 0) >> 2 : ends[i] >> 2]
                low = i + 1
            else:
                low = i
        j = end
        m._next_block()
    return found


def read_positions(  # type: ignore[no-untyped-def]
    m,
    wanted: Sequence[int],
    stride: int | None,
    decode: Callable[[bytes], Sequence[int]],
) -> list[Sequence[int]]:
    """The positions of each document of `wanted` (ascending ids, every one among the matcher's
    postings from its current one on), in that order: what a phrase needs of its candidates.

    On our blocks, with `stride` set (the value is uint32 words, every `stride`-th from the first
    a position: our formats), only what is needed is read: a block whose last id is below the next
    wanted id is passed over on its header alone, and a wanted posting's positions are a slice of
    the block's value words (found through the offset table), never a per-posting bytes object.
    Otherwise (inlined postings, another codec) each wanted posting's value goes through `decode`.
    """
    found: list[Sequence[int]] = []
    count = len(wanted)
    if type(m) is not LeanLeafMatcher or stride is None:
        for docnum in wanted:
            m.skip_to(docnum)
            if not m.is_active() or m.id() != docnum:
                raise ValueError(f"document {docnum} is not among the postings")
            found.append(decode(m.value()))
        return found
    j = 0
    while j < count and not m._atend:
        if wanted[j] > m._maxid:
            m._next_block()
            continue
        ids = m._ids if m._ids is not None else m._read_ids()
        words, ends = _value_words(m)
        end = bisect_right(wanted, m._maxid, j)
        if end - j >= _WHOLE_BLOCK_SHARE * len(ids):
            # Many wanted: every posting's slice made by C-level iterators (offsets in bytes of
            # uint32 words, hence >> 2), then the wanted ones picked out by id.
            bounds = list(map(rshift, ends, repeat(2)))
            slices = list(map(words.__getitem__, map(slice, chain((0,), bounds), bounds, repeat(stride))))
            if end - j == len(ids) and wanted[j:end] == ids:
                found.extend(slices)
            else:
                place = dict(zip(ids, range(len(ids)), strict=True))
                try:
                    found.extend(map(slices.__getitem__, map(place.__getitem__, wanted[j:end])))
                except KeyError as exc:
                    raise ValueError(f"document {exc} is not among the postings") from None
        else:
            low = m._i
            for docnum in wanted[j:end]:
                i = bisect_left(ids, docnum, low)
                if i == len(ids) or ids[i] != docnum:
                    raise ValueError(f"document {docnum} is not among the postings")
                found.append(words[(ends[i - 1] if i else 0) >> 2 : ends[i] >> 2 : stride])
                low = i + 1
        j = end
        m._next_block()
    if j < count:
        raise ValueError(f"document {wanted[j]} is not among the postings")
    return found


# A block with at least this share of its postings wanted is sliced whole by C-level iterators
# (cheaper than finding the wanted postings one by one in Python).
_WHOLE_BLOCK_SHARE = 0.25


def _value_words(m: LeanLeafMatcher) -> tuple[array, array]:  # type: ignore[type-arg]
    """The current block's value words (uint32, or uint16 when stored narrow) and the offset
    table (each posting's end, in bytes of uint32 words)."""
    flags, nids, nweights, nvalues = m._sections
    count = m._blocklength
    data = m._section(nids + nweights, nvalues, bool(flags & _VALUES_DEFLATED))
    head = 4 * count
    ends = _array("I", data[:head])
    words = _array("H" if flags & _VALUES_NARROW else "I", data[head:])
    if len(ends) != count or ends[-1] != 4 * len(words):
        raise PostingsDamaged("posting block values do not add up")
    return words, ends


def _read_all(m, values: bool):  # type: ignore[no-untyped-def]
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes | None] = []  # None: a field that stores no values
    if type(m) is LeanLeafMatcher:
        # A block at a time, from the matcher's current posting on: whole sections as arrays.
        while not m._atend:
            i = m._i
            block_ids = m._ids if m._ids is not None else m._read_ids()
            block_weights = m._weights if m._weights is not None else m._read_weights()
            ids.extend(block_ids[i:] if i else block_ids)
            weights.extend(block_weights[i:] if i else block_weights)
            if values:
                block_values = m._values if m._values is not None else m._read_values()
                vals.extend(block_values[i:] if i else block_values)
            m._next_block()
        return ids, weights, vals
    while m.is_active():  # inlined postings, another codec, or a segment with deletions
        ids.append(m.id())
        weights.append(m.weight())
        if values:
            vals.append(m.value())
        m.next()
    return ids, weights, vals
