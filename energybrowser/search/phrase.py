"""Phrase search without Whoosh's span machinery.

Whoosh matches a phrase through generic span queries that build span objects for every candidate
document; that dominated our query times. `FastPhrase` intersects the words' posting lists and
keeps a document when their stored positions line up, reading positions straight from the packed
posting values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from whoosh import matching
from whoosh.matching.binary import IntersectionMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query import Phrase, Term


class FastPhrase(Phrase):
    def matcher(self, searcher, context=None):  # type: ignore[no-untyped-def]
        fieldname = self.fieldname
        if fieldname not in searcher.schema or not self.words:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        reader = searcher.reader()
        leaves = []
        for word in self.words:
            if (fieldname, field.to_bytes(word)) not in reader:
                return matching.NullMatcher()
            leaves.append(Term(fieldname, word).matcher(searcher, context))
        if len(leaves) == 1:
            return leaves[0]
        combined = leaves[0]
        for leaf in leaves[1:]:
            combined = IntersectionMatcher(combined, leaf)
        return PhraseMatcher(combined, leaves, max(1, self.slop), self.boost)


class PhraseMatcher(WrappingMatcher):
    def __init__(self, child, leaves, slop: int, boost: float = 1.0) -> None:  # type: ignore[no-untyped-def]
        super().__init__(child, boost)
        self.leaves = leaves
        self.slop = slop
        # Each leaf's position decoder, looked up once rather than per candidate document.
        self._decoders = [_position_decoder(leaf) for leaf in leaves]
        self._settle()

    def _aligned(self) -> bool:
        return aligned(
            (decode(leaf.value()) for leaf, decode in zip(self.leaves, self._decoders, strict=True)),
            self.slop,
        )

    def _settle(self) -> None:
        while self.child.is_active() and not self._aligned():
            self.child.next()

    def reset(self) -> None:
        self.child.reset()
        self._settle()

    def copy(self):  # type: ignore[no-untyped-def]
        return self  # leaves are shared with the child, so a copy could not re-align them

    def replace(self, minquality=0):  # type: ignore[no-untyped-def]
        return self if self.child.is_active() else matching.NullMatcher()

    def next(self) -> None:
        self.child.next()
        self._settle()

    def skip_to(self, id):  # type: ignore[no-untyped-def]
        self.child.skip_to(id)
        self._settle()

    def all_ids(self):  # type: ignore[no-untyped-def]
        while self.is_active():
            yield self.id()
            self.next()

    def supports_block_quality(self) -> bool:
        return False

    def skip_to_quality(self, minquality):  # type: ignore[no-untyped-def]
        return 0


def aligned(positions: Iterable[Sequence[int]], slop: int) -> bool:
    """Whether the words, given each one's positions in a document (in phrase order), occur in
    order with at most `slop` positions from one word to the next (1: exactly adjacent).
    `positions` may be lazy: with slop 1 no word is decoded after the first that fails."""
    if slop == 1:
        # Start positions from which every later word sits at its offset: set intersections in C.
        words = iter(positions)
        starts = set(next(words, ()))
        for i, later in enumerate(words, 1):
            starts.intersection_update([p - i for p in later])
            if not starts:
                return False
        return bool(starts)
    first, *rest = list(positions)
    for start in first:
        current = start
        for later in rest:
            nxt = [p for p in later if current < p <= current + slop]
            if not nxt:
                break
            current = nxt[0]
        else:
            return True
    return False


def _position_decoder(leaf):  # type: ignore[no-untyped-def]
    fmt = getattr(leaf, "format", None)
    if fmt is not None:
        return fmt.decoder("positions")
    return lambda _value: leaf.value_as("positions")
