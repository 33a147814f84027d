"""Ranking for queries made only of plain words joined by AND / OR / NOT, without Whoosh's matchers.

Whoosh scores a document through a tree of matchers: several Python calls per matching document
per word. Here each word's postings are read a block at a time, combined with dict and set
operations and scored with the very BM25F scorer Whoosh would build (same idf, average length,
B and K1), so the top documents and their scores are the same. Anything else (other fields,
phrases, boosts on groups, filters) returns None and the caller uses Whoosh's own path.
"""

from __future__ import annotations

import heapq

from whoosh import query as wq
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher

from energybrowser.search.codec import LeanPerDocReader, read_postings
from energybrowser.search.schema import DEFAULT_FIELDS

Scores = dict[int, float]


class _NotPlain(Exception):
    """The query has a part the fast path does not handle."""


def fast_search(searcher: Searcher, q: wq.Query) -> Scores | None:
    """Score of every document (global docnum) matching `q`, or None when `q` is not plain."""
    if not _plain(q):
        return None
    try:
        scores: Scores = {}
        parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
        for sub, offset in parts:
            for docnum, score in _evaluate(sub, q).items():
                scores[docnum + offset] = score
        return scores
    except Exception:  # _NotPlain, or anything odd: Whoosh's own path runs (and reports damage)
        return None


def top(scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), highest score first, ties by docnum (as Whoosh does)."""
    best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
    return [(d, s) for d, s in best]


def _plain(q: wq.Query) -> bool:
    if isinstance(q, wq.Term):
        return q.fieldname in DEFAULT_FIELDS and not q.minquality and type(q) is wq.Term
    if type(q) is wq.And:
        positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        nots = [s.query for s in q.subqueries if isinstance(s, wq.Not)]
        return q.boost == 1.0 and bool(positive) and all(_plain(s) for s in [*positive, *nots])
    if type(q) is wq.Or:
        return (
            q.boost == 1.0
            and not q.scale
            and not q.minmatch
            and bool(q.subqueries)
            and all(not isinstance(s, wq.Not) and _plain(s) for s in q.subqueries)
        )
    if type(q) is wq.AndNot:
        return q.boost == 1.0 and _plain(q.a) and _plain(q.b)
    return False


def _evaluate(sub: Searcher, q: wq.Query) -> Scores:
    if isinstance(q, wq.Term):
        return _term_scores(sub, q)
    if isinstance(q, wq.AndNot):
        kept = _evaluate(sub, q.a)
        for docnum in _evaluate(sub, q.b):
            kept.pop(docnum, None)
        return kept
    if isinstance(q, wq.And):
        positive = [_evaluate(sub, s) for s in q.subqueries if not isinstance(s, wq.Not)]
        positive.sort(key=len)
        result = positive[0]
        for other in positive[1:]:
            result = {d: s + other[d] for d, s in result.items() if d in other}
        nots = [s for s in q.subqueries if isinstance(s, wq.Not)]
        for s in nots:
            for docnum in _evaluate(sub, s.query):
                result.pop(docnum, None)
        if nots:
            # Whoosh intersects with an inverse matcher per NOT, whose score is 1.0 for every
            # document it lets through: the same constant is added here.
            result = {d: s + float(len(nots)) for d, s in result.items()}
        return result
    result = {}
    for part in (_evaluate(sub, s) for s in q.subqueries):
        for docnum, score in part.items():
            result[docnum] = result.get(docnum, 0.0) + score
    return result


def _term_scores(sub: Searcher, q: wq.Term) -> Scores:
    fieldname = q.fieldname
    try:
        text = sub.schema[fieldname].to_bytes(q.text)
    except (KeyError, ValueError):
        return {}
    if (fieldname, text) not in sub.reader():
        return {}
    scorer = sub.weighting.scorer(sub, fieldname, text)
    if type(scorer) is not BM25FScorer:
        raise _NotPlain
    ids, weights = read_postings(sub.postings(fieldname, text))
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    lengths = _field_lengths(sub, fieldname)
    fls = [lengths[d] for d in ids] if lengths is not None else [scorer.dfl(d) for d in ids]
    # Exactly whoosh.scoring.bm25, then the Term's boost as Whoosh's WrappingMatcher applies it.
    raw = [
        idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        for tf, fl in zip(weights, fls, strict=True)
    ]
    boost = q.boost
    if boost != 1.0:
        raw = [s * boost for s in raw]
    return dict(zip(ids, raw, strict=True))


def _field_lengths(sub: Searcher, fieldname: str) -> list[int | None] | None:
    """The segment's in-memory length column (`LeanPerDocReader`), else None (Whoosh's lookup)."""
    perdoc = getattr(sub.reader(), "_perdoc", None)
    if not isinstance(perdoc, LeanPerDocReader) or perdoc.doc_count_all() == 0:
        return None
    perdoc.doc_field_length(0, fieldname, 1)  # fills the cache
    return perdoc.__dict__.get("_lean_lengths", {}).get(fieldname)
