"""Phrase search without Whoosh's span machinery.

Whoosh matches a phrase through generic span queries that build span objects for every candidate
document; that dominated our query times. `FastPhrase` intersects the words' posting lists and
keeps a document when their stored positions line up, reading positions straight from the packed
posting values.
"""

from __future__ import annotations

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
        self._settle()

    def _aligned(self) -> bool:
        positions = [leaf.value_as("positions") for leaf in self.leaves]
        if self.slop == 1:
            rest = [set(p) for p in positions[1:]]
            n = len(positions)
            return any(all(start + i in rest[i - 1] for i in range(1, n)) for start in positions[0])
        for start in positions[0]:
            current = start
            for later in positions[1:]:
                nxt = [p for p in later if current < p <= current + self.slop]
                if not nxt:
                    break
                current = nxt[0]
            else:
                return True
        return False

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
