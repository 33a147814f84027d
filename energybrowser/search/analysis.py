"""One lean analyzer for every text field, and a posting format that skips Whoosh's token pipeline.

Whoosh's stock `StemmingAnalyzer` chains four generators and one `Token` object per word; indexing
spends most of its time there. Here one loop tokenises, folds case and accents, drops stop words and
stems through a cache. `LeanCharacters` calls that loop directly while indexing and stores
positions and character offsets as packed integers, not pickles, so reading them back is fast and
never unpickles index data.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from struct import Struct

from whoosh.analysis import Token
from whoosh.analysis.acore import Composable
from whoosh.analysis.filters import STOP_WORDS
from whoosh.formats import Characters
from whoosh.lang.porter import stem as porter_stem

WORD = re.compile(r"\w+(?:\.\w+)*")
MIN_WORD = 2  # one-letter words (the "s" of "Azerbaijan's") carry no meaning in search
MAX_WORD = 64  # longer "words" are pastes or junk; indexing them only bloats the lexicon
_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 200_000
_COUNT = Struct("<I")


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
        if len(_STEMS) < _STEM_CACHE_LIMIT:
            _STEMS[word] = cached
    return cached


def analyse(text: str, *, stemming: bool = True) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start, end) for every indexable word of `text`."""
    pos = 0
    stops = STOP_WORDS
    for m in WORD.finditer(text):
        word = m.group()
        if len(word) < MIN_WORD or len(word) > MAX_WORD:
            continue
        word = fold_word(word)
        if word in stops:
            continue
        yield (stem(word) if stemming else word), pos, m.start(), m.end()
        pos += 1


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


class LeanCharacters(Characters):
    """Positions and character offsets, packed as little-endian uint32 triples."""

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        stemming = getattr(analyzer, "stemming", True)
        seen: dict[str, array] = {}
        for term, pos, start, end in analyse(value, stemming=stemming):
            entry = seen.get(term)
            if entry is None:
                entry = seen[term] = array("I")
            entry.extend((pos, start, end))
        fb = self.field_boost
        for term, entry in seen.items():
            freq = len(entry) // 3
            yield term, freq, freq * fb, _COUNT.pack(freq) + entry.tobytes()

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        flat = array("I")
        for pos, start, end in poslist:
            flat.extend((pos, start, end))
        return _COUNT.pack(len(poslist)) + flat.tobytes()

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return _COUNT.unpack_from(valuestring)[0]

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_characters(self, valuestring):  # type: ignore[no-untyped-def]
        flat = array("I")
        flat.frombytes(valuestring[4:])
        return [(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)]

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        flat = array("I")
        flat.frombytes(valuestring[4:])
        return list(flat[0::3])

    def decode_position_boosts(self, valuestring):  # type: ignore[no-untyped-def]
        return [(pos, 1) for pos in self.decode_positions(valuestring)]
