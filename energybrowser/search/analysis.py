"""One lean analyzer for every text field, and a posting format that skips Whoosh's token pipeline.

Whoosh's stock `StemmingAnalyzer` chains four generators and one `Token` object per word; indexing
spends most of its time there. Here one loop tokenises, folds case and accents, drops stop words and
stems through a cache. Indexing (`tokens`) goes further: one `re.split`, a cached word→term map
and running sums find every word's term and offsets without a Python step per word. Positions and
character offsets are stored as packed integers, not pickles, so reading them back is fast and
never unpickles index data.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from itertools import accumulate, compress
from typing import cast

from whoosh.analysis import Token
from whoosh.analysis.acore import Composable
from whoosh.analysis.filters import STOP_WORDS
from whoosh.formats import Characters, Positions
from whoosh.lang.porter import stem as porter_stem

WORD = re.compile(r"\w+(?:\.\w+)*")
_SPLIT = re.compile(f"({WORD.pattern})")  # split() keeps the words, between the separators
MIN_WORD = 2  # one-letter words (the "s" of "Azerbaijan's") carry no meaning in search
MAX_WORD = 64  # longer "words" are pastes or junk; indexing them only bloats the lexicon
_STEMS: dict[str, str] = {}
_CACHE_LIMIT = 300_000


def fold_word(word: str) -> str:
    """Lower case without accents: 'Türkiye' → 'turkiye'."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    cached = _STEMS.get(word)
    if cached is None:
        cached = porter_stem(word) if word.isalpha() else word
        if len(_STEMS) < _CACHE_LIMIT:
            _STEMS[word] = cached
    return cached


def _term_of(word: str, stemming: bool) -> str:
    """The indexed term for a word as written ('' when it is not indexed)."""
    if len(word) < MIN_WORD or len(word) > MAX_WORD:
        return ""
    folded = fold_word(word)
    if folded in STOP_WORDS:
        return ""
    return stem(folded) if stemming else folded


# Word as written -> term, per stemming mode: most words of a corpus repeat, so each is analysed once.
_TERMS: dict[bool, dict[str, str]] = {True: {}, False: {}}


def analyse(text: str, *, stemming: bool = True) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) for every indexable word of `text`."""
    cache = _TERMS[stemming]
    pos = 0
    for m in WORD.finditer(text):
        word = m.group()
        term = cache.get(word)
        if term is None:
            term = _term_of(word, stemming)
            if len(cache) < _CACHE_LIMIT:
                cache[word] = term
        if term:
            start, end = m.span()
            yield term, pos, start, end
            pos += 1


def tokens(text: str, stemming: bool = True) -> tuple[list[str], list[int], list[int]]:
    """The indexed words of `text` in order: their terms, start and end offsets (a word's position
    is its index). The same words as `analyse`, found without a Python step per word: the text is
    split once, words map to terms through the cache and offsets are running sums of part lengths."""
    cache = _TERMS[stemming]
    parts = _SPLIT.split(text)  # separator, word, separator, word, ..., separator
    words = parts[1::2]
    terms = list(map(cache.get, words))
    if None in terms:
        for i, term in enumerate(terms):
            if term is None:
                word = words[i]
                term = terms[i] = _term_of(word, stemming)
                if len(cache) < _CACHE_LIMIT:
                    cache[word] = term
    bounds = list(accumulate(map(len, parts)))
    return (
        cast("list[str]", list(compress(terms, terms))),  # every None was replaced above
        list(compress(bounds[0::2], terms)),
        list(compress(bounds[1::2], terms)),
    )


def term_offsets(text: str, stemming: bool = True) -> dict[str, list[int]]:
    """term -> flat [position, start, end, position, start, end, ...]."""
    seen: dict[str, list[int]] = {}
    terms, starts, ends = tokens(text, stemming)
    for pos, term, start, end in zip(range(len(terms)), terms, starts, ends, strict=True):
        entry = seen.get(term)
        if entry is None:
            seen[term] = [pos, start, end]
        else:
            entry.extend((pos, start, end))
    return seen


class LeanAnalyzer(Composable):
    """A Whoosh analyzer (used by the query parser) backed by `analyse`."""

    def __init__(self, stemming: bool = True) -> None:
        self.stemming = stemming

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LeanAnalyzer) and other.stemming == self.stemming

    def __hash__(self) -> int:
        return hash((LeanAnalyzer, self.stemming))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = fold_word(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for term, pos, start, end in analyse(value, stemming=self.stemming):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class LeanPositions(Positions):
    """A posting's positions as uint32s in native byte order (its frequency is their count), read
    back without unpickling."""

    # Every `position_stride`-th uint32 word of a value, from the first, is a position
    # (`codec.read_positions` slices them straight out of a posting block).
    position_stride = 1

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        fb = self.field_boost
        for term, flat in term_offsets(value, getattr(analyzer, "stemming", True)).items():
            freq = len(flat) // 3
            yield term, freq, freq * fb, array("I", flat[0::3]).tobytes()

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        return array("I", poslist).tobytes()

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return len(valuestring) // 4

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        flat = array("I")
        flat.frombytes(valuestring)
        return flat.tolist()

    def decode_position_boosts(self, valuestring):  # type: ignore[no-untyped-def]
        return [(pos, 1) for pos in self.decode_positions(valuestring)]


class LeanCharacters(Characters):
    """A posting's (position, start, end) triples as uint32s in native byte order."""

    position_stride = 3

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        fb = self.field_boost
        for term, flat in term_offsets(value, getattr(analyzer, "stemming", True)).items():
            freq = len(flat) // 3
            yield term, freq, freq * fb, array("I", flat).tobytes()

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        flat = array("I")
        for pos, start, end in poslist:
            flat.extend((pos, start, end))
        return flat.tobytes()

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return len(valuestring) // 12

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_characters(self, valuestring):  # type: ignore[no-untyped-def]
        flat = array("I")
        flat.frombytes(valuestring)
        return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        flat = array("I")
        flat.frombytes(valuestring)
        return flat[0::3].tolist()

    def decode_position_boosts(self, valuestring):  # type: ignore[no-untyped-def]
        return [(pos, 1) for pos in self.decode_positions(valuestring)]
