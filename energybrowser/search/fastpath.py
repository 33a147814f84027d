"""Ranking without Whoosh's matcher tree, for the query shapes the compiler produces.

Whoosh scores a document through a tree of matchers: several Python calls per matching document
per word. Here each word's postings are read in bulk (`codec.read_postings`), combined with dict
and set operations and scored with the very scorer Whoosh would build (BM25F with the same idf,
average length, B and K1; a keyword field's posting weight), so the matching documents and their
scores are Whoosh's. Handled: terms in any field, phrases (`FastPhrase`), AND / OR / NOT / ANDNOT
and boosts on any of them. `AND` works rarest-first: the rarest part is evaluated in full, every
other part only for the documents still in the running, so a common word's postings are read but
scored only where the rare word occurs. A phrase reads its words' positions only for the
documents that have every word (rarest word first); its score is its words'. `*` and `field:*`
(`FieldEvery`) come from the length column. Anything else returns None (logged) and the caller
uses Whoosh.
"""

from __future__ import annotations

import gc
import heapq
import logging
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import add, not_

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.searching import Searcher

from energybrowser.search.codec import LeanPerDocReader, read_ids, read_positions, read_postings
from energybrowser.search.everything import FieldEvery, field_docs
from energybrowser.search.phrase import FastPhrase, aligned

log = logging.getLogger(__name__)
Scores = dict[int, float]
# Postings kept decoded per searcher: ≈ 100 bytes each (id, weight and the id → weight table),
# so ≈ 20 MB at most.
CACHE_POSTINGS = 200_000
Docs = set[int] | None  # the documents still in the running (None: all)


class _NotPlain(Exception):
    """The query has a part the fast path does not handle."""


def fast_search(searcher: Searcher, q: wq.Query, *, cache: bool = True) -> Scores | None:
    """Score of every document (global docnum) matching `q`, or None when `q` has a part the
    fast path does not handle (or anything unexpected happens: Whoosh's path then runs).
    `cache`: keep decoded postings of the words on the searcher for the next queries."""
    if not supported(q):
        log.info("fast path: query shape not handled, Whoosh ranks it: %r", q)
        return None
    # No cyclic garbage collection meanwhile: the evaluation makes many short-lived containers
    # (sets of positions, dicts of scores) that reference counting frees, and each time their
    # count crosses a threshold a collection would run; a full one walks every object the
    # application holds (the loaded corpus: ≈ 50-100 ms at 10,000 articles).
    collecting = gc.isenabled()
    gc.disable()
    try:
        scores: Scores = {}
        parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
        postings_cache = cache_of(searcher) if cache else None
        for sub, offset in parts:
            found = _Segment(sub, postings_cache).evaluate(q, None)
            if offset:  # C-level maps: a segment can match thousands of documents
                scores.update(zip(map(offset.__add__, found), found.values(), strict=True))
            else:
                scores.update(found)
        return scores
    except _NotPlain:
        log.info("fast path: a part needs Whoosh's matchers, Whoosh ranks the query: %r", q)
        return None
    except Exception as exc:  # anything odd: Whoosh's own path runs (and reports damage)
        log.warning("fast path failed (%s: %s); Whoosh ranks the query %r", exc.__class__.__name__, exc, q)
        return None
    finally:
        if collecting:
            gc.enable()


def count_matches(searcher: Searcher, q: wq.Query, allowed: frozenset[int] | None = None) -> int | None:
    """How many documents (global docnums, among `allowed` when given) match `q`, or None when
    the fast path cannot tell: the exact total for results Whoosh ranked under a deadline, whose
    own count is an estimate (the sum of the terms' frequencies)."""
    if not supported(q):
        return None
    collecting = gc.isenabled()
    gc.disable()
    try:
        total = 0
        parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
        for sub, offset in parts:
            found = _Segment(sub, cache_of(searcher)).matches(q, None)
            total += len(found) if allowed is None else sum(d + offset in allowed for d in found)
        return total
    except Exception as exc:
        log.info("fast path: cannot count the matches of %r (%s)", q, exc.__class__.__name__)
        return None
    finally:
        if collecting:
            gc.enable()


def top(scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), highest score first, ties by docnum (as Whoosh does)."""
    if len(scores) <= limit:
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    # The limit-th best score, found over bare floats (in C), then only the few at or above it
    # are sorted with the tie rule.
    cut = heapq.nlargest(limit, scores.values())[-1]
    best = list(compress(scores.items(), map(cut.__le__, scores.values())))
    best.sort(key=lambda item: (-item[1], item[0]))
    return best[:limit]


def supported(q: wq.Query) -> bool:
    """Whether the fast path can evaluate `q` exactly as Whoosh does."""
    kind = type(q)
    if kind is wq.Term:
        return not q.minquality
    if kind is FastPhrase:
        return True
    if kind is FieldEvery:
        return True
    if kind is wq.And:
        positive = [s for s in q.subqueries if type(s) is not wq.Not]
        return bool(positive) and all(supported(s.query if type(s) is wq.Not else s) for s in q.subqueries)
    if kind is wq.Or:
        return (
            not q.scale
            and not q.minmatch
            and bool(q.subqueries)
            and all(type(s) is not wq.Not and supported(s) for s in q.subqueries)
        )
    if kind is wq.AndNot:
        return q.boost == 1.0 and supported(q.a) and supported(q.b)
    return False


def uncached_postings(searcher: Searcher, q: wq.Query) -> int:
    """How many postings answering `q` would read that are not in the searcher's cache (a phrase's
    words count three times: their positions are read too): the fast path's cost, roughly."""
    cache = cache_of(searcher)
    parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
    leaves = list(_leaves(q, searcher.schema))
    total = 0
    for sub, _ in parts:
        reader = sub.reader()
        segment = segment_key(sub)
        for fieldname, word, weight in leaves:
            try:
                text = sub.schema[fieldname].to_bytes(word)
            except (KeyError, ValueError):
                continue
            if weight > 1 or cache.get((segment, fieldname, text)) is None:
                total += weight * reader.doc_frequency(fieldname, text)
    return total


def _leaves(q: wq.Query, schema) -> Iterable[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.Term):
            yield node.fieldname, node.text, 1
        elif isinstance(node, wq.Phrase):
            yield from ((node.fieldname, w, 3) for w in node.words)
        elif not node.is_leaf():
            stack.extend(node.children())


Key = tuple[tuple[str, int], str, bytes]  # (segment_key, field, term)


def segment_key(sub: Searcher) -> tuple[str, int]:
    """What a term's decoded postings in this segment depend on: the segment (its id) and its
    deletions (which only grow while the segment lives: their count tells them apart)."""
    reader = sub.reader()
    segment = reader.segment() if hasattr(reader, "segment") else None
    if segment is None:  # not a segment's reader (an empty index): never shared
        return f"reader-{id(reader)}", 0
    return segment.segment_id(), segment.deleted_count()


class PostingsCache:
    """Decoded (ids, weights) of recently used terms, per searcher: typing or refining a query
    re-runs its earlier words on every change. Bounded by a number of postings; it lives on the
    searcher. A searcher opened after an update adopts the entries of the segments it shares with
    the one it replaces (`adopt`), without their scores (idf and lengths change with the index)."""

    def __init__(self, capacity: int | None = None) -> None:
        self.capacity = CACHE_POSTINGS if capacity is None else capacity
        self.size = 0
        self._items: OrderedDict[Key, _Columns] = OrderedDict()

    def get(self, key: Key) -> _Columns | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def clear(self) -> None:
        self._items.clear()
        self.size = 0

    def adopt(self, older: PostingsCache, segments: Iterable[tuple[str, int]]) -> None:
        """Take over `older`'s postings of the unchanged `segments` (least recently used first,
        so the order of use is kept), their scores left out."""
        kept = set(segments)
        for key, columns in list(older._items.items()):
            if key[0] in kept:
                self.put(key, columns.unscored())

    def put(self, key: Key, columns: _Columns) -> None:
        cost = len(columns.ids)
        if cost > self.capacity // 4 or key in self._items:
            return
        self._items[key] = columns
        self.size += cost
        while self.size > self.capacity:
            _, dropped = self._items.popitem(last=False)
            self.size -= len(dropped.ids)


def cache_of(searcher: Searcher) -> PostingsCache:
    """The searcher's postings cache (created on first use)."""
    cache = searcher.__dict__.get("_eb_postings_cache")
    if cache is None:
        cache = searcher.__dict__["_eb_postings_cache"] = PostingsCache()
    return cache


class _Columns:
    """A term's decoded postings in one segment: ids ascending and weights."""

    __slots__ = ("_weight_of", "ids", "scored", "weights")

    def __init__(self, ids: Sequence[int], weights: Sequence[float]) -> None:
        self.ids, self.weights = ids, weights
        self._weight_of: dict[int, float] | None = None
        # Every posting's score (no boost): a term's scores do not change while its searcher
        # lives (idf and lengths are the searcher's), and typing re-runs the same completions.
        self.scored: Scores | None = None

    def unscored(self) -> _Columns:
        """The same postings without their scores (for a searcher of a changed index)."""
        fresh = _Columns(self.ids, self.weights)
        fresh._weight_of = self._weight_of
        return fresh

    def has_weight_of(self) -> bool:
        return self._weight_of is not None

    def weight_of(self) -> dict[int, float]:
        if self._weight_of is None:
            self._weight_of = dict(zip(self.ids, self.weights, strict=True))
        return self._weight_of


class _Postings:
    """One term's postings in one segment, read once per query, and its scorer's constants."""

    __slots__ = ("_bm25", "_idf", "_k1p1", "_norms", "_source", "columns", "ids")

    def __init__(self, sub: Searcher, fieldname: str, text: bytes, cached: _Columns | None) -> None:
        scorer = sub.weighting.scorer(sub, fieldname, text)
        self._source = (sub, fieldname, text)
        self.columns = cached if cached is not None else _Columns(*_read(sub, fieldname, text))
        self.ids = self.columns.ids
        if type(scorer) is BM25FScorer:
            self._bm25 = True
            self._idf, self._k1p1 = scorer.idf, scorer.K1 + 1
            self._norms = _norms(sub, fieldname, scorer.avgfl, scorer.B, scorer.K1)
        elif type(scorer) is WeightScorer:  # a field without lengths (keyword fields): the weight
            self._bm25 = False
        else:
            raise _NotPlain

    def weight_of(self) -> dict[int, float]:
        return self.columns.weight_of()

    def positions(self, docs: list[int]) -> list[Sequence[int]]:
        """The positions of each of `docs` (ascending, all among the postings), in that order;
        only those documents' values are read."""
        sub, fieldname, text = self._source
        m = sub.postings(fieldname, text)
        if type(m) is FilterMatcher and m._exclude:  # deleted documents are never among `docs`
            m = m.child
            m.reset()
        fmt = sub.schema[fieldname].format
        return read_positions(m, docs, getattr(fmt, "position_stride", None), fmt.decoder("positions"))

    def scores(self, docs: Docs, boost: float) -> Scores:
        """Score of every posting (only those in `docs`, when given), times `boost`."""
        scored = self.columns.scored
        if docs is None and scored is None:
            scored = self.columns.scored = self._score(self.ids, self.columns.weights)
        if scored is not None:
            if docs is None:
                kept = scored
            elif len(docs) < len(self.ids):
                kept = {d: scored[d] for d in docs if d in scored}
            else:
                kept = dict(compress(scored.items(), map(docs.__contains__, scored)))
            if boost != 1.0:  # as Whoosh's WrappingMatcher applies a boost
                return dict(zip(kept, [s * boost for s in kept.values()], strict=True))
            return dict(kept)  # a copy: the caller merges into it
        if docs is None:
            ids: Iterable[int] = self.ids
            weights: Iterable[float] = self.columns.weights
        elif self.columns.has_weight_of() and len(docs) < len(self.ids):
            weight_of = self.weight_of()  # kept from an earlier query (postings cache)
            ids = [d for d in docs if d in weight_of]
            weights = [weight_of[d] for d in ids]
        else:  # the postings in `docs`, picked in C (a third faster than an id -> weight table)
            wanted = list(map(docs.__contains__, self.ids))
            ids = list(compress(self.ids, wanted))
            weights = list(compress(self.columns.weights, wanted))
        raw = self._score(ids, weights)
        if boost != 1.0:  # as Whoosh's WrappingMatcher applies a boost
            return dict(zip(raw, [s * boost for s in raw.values()], strict=True))
        return raw

    def _score(self, ids: Iterable[int], weights: Iterable[float]) -> Scores:
        if not self._bm25:
            return dict(zip(ids, weights, strict=True))
        # Exactly whoosh.scoring.bm25, with the length part k1*((1-b)+b*fl/avgfl) precomputed.
        # (A list comprehension: measured faster than chained C-level maps of `operator`s.)
        idf, k1p1, norms = self._idf, self._k1p1, self._norms
        ids = list(ids)
        raw = [idf * ((tf * k1p1) / (tf + norms[d])) for tf, d in zip(weights, ids, strict=True)]
        return dict(zip(ids, raw, strict=True))


class _Segment:
    """Evaluates a query on one segment (one sub-searcher), reading each term's postings once."""

    def __init__(self, sub: Searcher, cache: PostingsCache | None) -> None:
        self.sub = sub
        self.reader = sub.reader()
        self.segment = segment_key(sub)  # part of the cache keys
        self.cache = cache
        self._postings: dict[tuple[str, bytes], _Postings | None] = {}
        self._ids: dict[tuple[str, bytes], Sequence[int]] = {}  # read for counting only

    def postings(self, fieldname: str, word: str) -> _Postings | None:
        """The term's postings, or None when the segment does not have it (Whoosh: NullMatcher)."""
        try:
            text = self.sub.schema[fieldname].to_bytes(word)
        except (KeyError, ValueError):
            return None
        key = (fieldname, text)
        if key not in self._postings:
            found = None
            if key in self.reader:
                cache_key = (self.segment, fieldname, text)
                cached = self.cache.get(cache_key) if self.cache is not None else None
                found = _Postings(self.sub, fieldname, text, cached)
                if cached is None and self.cache is not None:
                    self.cache.put(cache_key, found.columns)
            self._postings[key] = found
        return self._postings[key]

    def ids(self, fieldname: str, word: str) -> Sequence[int]:
        """The documents having the term (ascending), for counting: its postings' ids when they
        were read or cached, else the ids alone (no weights decoded, no scorer made)."""
        try:
            text = self.sub.schema[fieldname].to_bytes(word)
        except (KeyError, ValueError):
            return ()
        key = (fieldname, text)
        if key in self._postings:
            postings = self._postings[key]
            return postings.ids if postings is not None else ()
        found = self._ids.get(key)
        if found is None:
            cached = self.cache.get((self.segment, fieldname, text)) if self.cache is not None else None
            if cached is not None:
                found = cached.ids
            elif key in self.reader:
                found = _read_ids(self.sub, fieldname, text)
            else:
                found = ()
            self._ids[key] = found
        return found

    def size(self, q: wq.Query) -> int:
        """Upper bound on the documents `q` matches in this segment (for the rarest-first order)."""
        kind = type(q)
        if kind is wq.Term:
            return self._frequency(q.fieldname, q.text)
        if kind is FieldEvery:
            return self.sub.doc_count_all()
        if kind is FastPhrase:
            return min((self._frequency(q.fieldname, w) for w in q.words), default=0)
        if kind is wq.And:
            return min(self.size(s) for s in q.subqueries if type(s) is not wq.Not)
        if kind is wq.Or:
            return sum(self.size(s) for s in q.subqueries)
        if kind is wq.AndNot:
            return self.size(q.a)
        raise _NotPlain

    def _frequency(self, fieldname: str, word: str) -> int:
        try:
            return self.reader.doc_frequency(fieldname, self.sub.schema[fieldname].to_bytes(word))
        except (KeyError, ValueError):
            return 0

    def evaluate(self, q: wq.Query, docs: Docs) -> Scores:
        """Scores of the documents matching `q` (only those in `docs`, when given)."""
        kind = type(q)
        if kind is wq.Term:
            postings = self.postings(q.fieldname, q.text)
            return postings.scores(docs, q.boost) if postings is not None else {}
        if kind is FastPhrase:
            return self._phrase(q, docs)
        if kind is FieldEvery:
            found = field_docs(self.sub, q.fieldname)
            if found is None:
                raise _NotPlain
            if docs is not None:
                found = [d for d in found if d in docs]
            return dict.fromkeys(found, float(q.boost))
        if kind is wq.AndNot:
            kept = self.evaluate(q.a, docs)
            if kept:
                for docnum in self.matches(q.b, set(kept)):
                    del kept[docnum]
            return kept
        if kind is wq.And:
            return self._and(q, docs)
        if kind is wq.Or:
            return self._or(q, docs)
        raise _NotPlain

    def matches(self, q: wq.Query, docs: Docs) -> set[int]:
        """The documents matching `q` (among `docs`), without scoring them where that is cheaper."""
        if type(q) is wq.Term:
            ids = self.ids(q.fieldname, q.text)
            return set(ids) if docs is None else docs.intersection(ids)
        if type(q) is wq.Or:
            found: set[int] = set()
            for sub in q.subqueries:
                if type(sub) is wq.Term:  # straight into the union, no set of its own
                    ids = self.ids(sub.fieldname, sub.text)
                    found.update(ids if docs is None else docs.intersection(ids))
                else:
                    found |= self.matches(sub, docs)
            return found
        if type(q) is wq.And:
            # Rarest first, each part among the documents still in the running; nothing scored.
            positive = sorted((s for s in q.subqueries if type(s) is not wq.Not), key=self.size)
            running = docs
            for part in positive:
                running = self.matches(part, running)
                if not running:
                    return set()
            for s in q.subqueries:
                if type(s) is wq.Not and running:
                    running -= self.matches(s.query, set(running))
            return set() if running is None else running
        if type(q) is wq.AndNot:
            kept = self.matches(q.a, docs)
            return kept - self.matches(q.b, set(kept)) if kept else kept
        return set(self.evaluate(q, docs))

    def _and(self, q: wq.And, docs: Docs) -> Scores:
        positive = [s for s in q.subqueries if type(s) is not wq.Not]
        nots = [s.query for s in q.subqueries if type(s) is wq.Not]
        # Rarest first: each later part is scored only on the documents still in the running.
        order = sorted(range(len(positive)), key=lambda i: self.size(positive[i]))
        parts: list[Scores | None] = [None] * len(positive)
        running = docs
        for i in order:
            part = self.evaluate(positive[i], running)
            if not part:
                return {}
            parts[i] = part
            running = set(part)
        for sub in nots:
            if running:
                running -= self.matches(sub, set(running))
        if not running:
            return {}
        # Sum in the subqueries' order (Whoosh adds its intersection's scores the same way, up to
        # its tree's grouping); each NOT adds its inverse matcher's constant 1.0.
        # (C-level maps over the documents: the same additions in the same order.)
        present = [p for p in parts if p is not None]
        kept = list(running)
        totals = map(present[0].__getitem__, kept)
        for part in present[1:]:
            totals = map(add, totals, map(part.__getitem__, kept))
        if nots:
            totals = map(add, totals, repeat(float(len(nots))))
        result: Scores = dict(zip(kept, totals, strict=True))
        if len(q.subqueries) > 1 and q.boost != 1.0:
            result = {d: s * q.boost for d, s in result.items()}
        return result

    def _or(self, q: wq.Or, docs: Docs) -> Scores:
        result: Scores = {}
        for sub in q.subqueries:
            part = self.evaluate(sub, docs)
            if not result or not part:
                result = result or part
                continue
            # Python adds only where both match (a word in title and body); the rest merges in C.
            sums = {d: result[d] + part[d] for d in result.keys() & part.keys()}
            result.update(part)
            result.update(sums)
        if len(q.subqueries) > 1 and q.boost != 1.0:
            result = {d: s * q.boost for d, s in result.items()}
        return result

    def _phrase(self, q: FastPhrase, docs: Docs) -> Scores:
        fieldname, words = q.fieldname, list(q.words)
        if not words or fieldname not in self.sub.schema:
            return {}
        postings = [self.postings(fieldname, w) for w in words]
        if any(p is None for p in postings):
            return {}
        present: list[_Postings] = [p for p in postings if p is not None]
        if len(present) == 1:
            # Whoosh's FastPhrase answers a one-word phrase with the word's own (unboosted) matcher.
            return present[0].scores(docs, 1.0)
        kept = _aligned(present, docs, max(1, q.slop))
        if not kept:
            return {}
        keep = set(kept)
        # The phrase's score: the sum of its words' scores (Whoosh's intersection of the words'
        # matchers), times the phrase's boost.
        word_scores = [p.scores(keep, 1.0) for p in present]
        boost = q.boost
        result: Scores = {}
        for d in kept:
            total = 0.0
            for part in word_scores:
                total += part[d]
            result[d] = total * boost if boost != 1.0 else total
        return result


def _candidates(postings: list[_Postings], docs: Docs) -> list[int]:
    """The documents (among `docs`) in every one of the postings, ascending; rarest first."""
    candidates = docs
    for p in sorted(postings, key=lambda p: len(p.ids)):
        candidates = set(p.ids) if candidates is None else candidates.intersection(p.ids)
        if not candidates:
            return []
    assert candidates is not None
    return sorted(candidates)


def _aligned(words: list[_Postings], docs: Docs, slop: int) -> list[int]:
    """The documents (ascending, among `docs`) in which the words occur in order, each within
    `slop` positions of the one before, from the words' positions."""
    order = _candidates(words, docs)
    if not order:
        return []
    if slop > 1:
        positions = [p.positions(order) for p in words]
        return [d for i, d in enumerate(order) if aligned([word[i] for word in positions], slop)]
    return _adjacent(words, order)


def _adjacent(words: list[_Postings], docs: list[int]) -> list[int]:
    """The documents of `docs` (ascending) in which the words occur one right after the other.

    Word k at position p means the phrase may start at p - k: each document's possible starts
    (counted from the first word read, so its positions need no shift) are narrowed word by word,
    rarest word first, each read only for the documents still in the running, with one set per
    document and every step a C-level `map` over the documents."""
    order = sorted(range(len(words)), key=lambda k: len(words[k].ids))
    first, rest = order[0], order[1:]
    starts = list(map(set, words[first].positions(docs)))
    for n, k in enumerate(rest, 1):
        shift = repeat((first - k).__add__)
        found = words[k].positions(docs)
        # Which documents keep a start (no set built), then the sets narrowed for those only.
        keep = list(map(not_, map(set.isdisjoint, starts, map(map, shift, found))))
        if n == len(rest):
            return list(compress(docs, keep))
        docs = list(compress(docs, keep))
        if not docs:
            return []
        starts = list(compress(starts, keep))
        for _ in map(set.intersection_update, starts, map(map, shift, compress(found, keep))):
            pass
    return docs


def _read(sub: Searcher, fieldname: str, text: bytes) -> tuple[Sequence[int], Sequence[float]]:
    """A term's postings in bulk. In a segment with deleted documents Whoosh wraps the postings
    in a filter that would be read one posting at a time: the postings underneath are read in
    bulk instead and the deleted documents dropped here."""
    m = sub.postings(fieldname, text)
    deleted = None
    if type(m) is FilterMatcher and m._exclude and m.boost == 1.0:
        deleted, m = m._ids, m.child
        m.reset()  # the filter has already stepped past leading deleted documents
    ids, weights = read_postings(m)
    if deleted and not deleted.isdisjoint(ids):
        keep = [i for i, d in enumerate(ids) if d not in deleted]
        return [ids[i] for i in keep], [weights[i] for i in keep]
    return ids, weights


def _read_ids(sub: Searcher, fieldname: str, text: bytes) -> Sequence[int]:
    """A term's ids in bulk, without its deleted documents (as `_read`, without weights)."""
    m = sub.postings(fieldname, text)
    deleted = None
    if type(m) is FilterMatcher and m._exclude:
        deleted, m = m._ids, m.child
        m.reset()
    ids = read_ids(m)
    if deleted and not deleted.isdisjoint(ids):
        return [d for d in ids if d not in deleted]
    return ids


def _norms(sub: Searcher, fieldname: str, avgfl: float, b: float, k1: float) -> Sequence[float]:
    """BM25's length part k1*((1-b)+b*fl/avgfl) of every document of the segment, computed once
    per segment reader (kept on it, so it goes when the searcher is replaced)."""
    reader = sub.reader()
    cache = reader.__dict__.setdefault("_eb_norms", {})
    key = (fieldname, avgfl, b, k1)
    norms = cache.get(key)
    if norms is None:
        lengths = _field_lengths(sub, fieldname)
        if lengths is None:
            lengths = [sub.reader().doc_field_length(d, fieldname, 0) for d in range(sub.doc_count_all())]
        # A length is one of 256 stored values: each one's norm computed once, then mapped in C.
        norm_of = {fl: k1 * ((1 - b) + b * (fl or 0) / avgfl) for fl in set(lengths)}
        norms = cache[key] = list(map(norm_of.__getitem__, lengths))
    return norms


def _field_lengths(sub: Searcher, fieldname: str) -> list[int | None] | None:
    """The segment's in-memory length column (`LeanPerDocReader`), else None (Whoosh's lookup)."""
    perdoc = getattr(sub.reader(), "_perdoc", None)
    if not isinstance(perdoc, LeanPerDocReader) or perdoc.doc_count_all() == 0:
        return None
    perdoc.doc_field_length(0, fieldname, 1)  # fills the cache
    return perdoc.__dict__.get("_lean_lengths", {}).get(fieldname)
