"""The fast path ranks exactly as Whoosh does (same documents, same scores): words, phrases, fields,
keyword values, boosts and AND / OR / NOT, on an index with several segments and deleted documents."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher

from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from energybrowser.search.analysis import LeanCharacters
from energybrowser.search.codec import (
    LeanLeafMatcher,
    read_ids,
    read_positions,
    read_postings,
    read_values_at,
)
from energybrowser.search.documents import Annotations
from energybrowser.search.fastpath import cache_of, count_matches, fast_search, supported, top
from energybrowser.search.highlight import _offsets_one_by_one, offsets_in_docs

VOCABULARY = [
    "oil",
    "gas",
    "pipeline",
    "caspian",
    "baku",
    "memorandum",
    "export",
    "tanker",
    "refinery",
    "basin",
    "field",
    "shelf",
    "transit",
    "tariff",
    "volume",
    "contract",
    "partner",
    "company",
    "ministry",
    "summit",
    "barrel",
    "cubic",
]


def _write(folder: Path, rng: random.Random, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        title = " ".join(rng.choices(VOCABULARY, k=rng.randint(1, 4)))
        paragraphs = [
            " ".join(rng.choices(VOCABULARY, k=rng.randint(3, 40))) + "." for _ in range(rng.randint(1, 4))
        ]
        (folder / f"doc-{n}.md").write_text(
            f"---\ntitle: {title.capitalize()}\ndate: 2021-01-0{1 + n % 9}\nlanguage: en\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n",
            encoding="utf-8",
        )


def _random_query(rng: random.Random) -> str:
    words = rng.sample([*VOCABULARY, "nosuchword"], rng.randint(1, 4))
    out = [words[0]]
    for word in words[1:]:
        op = rng.choice(["", "AND ", "OR ", "NOT ", "OR ", ""])
        out.append(op + word)
    return " ".join(out)


def _random_clause(rng: random.Random) -> str:
    """A word, a phrase (some with slop), a fielded word, a keyword value or a boosted group."""
    a, b, c = rng.sample(VOCABULARY, 3)
    return rng.choice(
        [
            a,
            f'"{a} {b}"',
            f'"{a} {b} {c}"',
            f'"{a} {b}"~3',
            f'"{a} {a}"',
            f"title:{a}",
            f'title:"{a} {b}"',
            f'entity:"{ENTITIES[a[0] < "m"]}"',
            f"type:{TYPES[len(a) % 2]}",
            f"({a} OR {b})^2",
            f"{a}^3",
            f'"{a} {b}"^0.5',
        ]
    )


def _random_mixed(rng: random.Random) -> str:
    out = [_random_clause(rng)]
    for _ in range(rng.randint(0, 2)):
        out.append(rng.choice(["", "AND ", "OR ", "NOT "]) + _random_clause(rng))
    return " ".join(out)


ENTITIES = ("Caspian Pipeline Consortium", "State Oil Company")
TYPES = ("memorandum", "contract")


def _annotate(article):  # type: ignore[no-untyped-def]
    """Keyword values that depend on the text, so `entity:` and `type:` match some articles."""
    text = article.text.lower()
    entities = tuple(e for e, w in zip(ENTITIES, ("pipeline", "baku"), strict=True) if w in text)
    types = tuple(t for t, w in zip(TYPES, ("memorandum", "tariff"), strict=True) if w in text)
    return Annotations(entities, types)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    folder = tmp_path_factory.mktemp("generated")
    rng = random.Random(7)
    _write(folder, rng, 300)
    data = DataPaths.resolve(tmp_path_factory.mktemp("data"))
    eng = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_annotate)
    eng.ensure_index()
    # A second segment: idf and lengths must still come from the whole index. Rewriting 20 old
    # articles leaves deleted documents in the first segment, which must not match.
    _write(folder, rng, 40, start=300)
    _write(folder, random.Random(8), 20, start=100)
    corpus: Corpus = load_corpus(folder)
    eng.update(
        changed=[
            a
            for a in corpus.articles
            if 100 <= int(a.id.split("-")[1]) < 120 or int(a.id.split("-")[1]) >= 300
        ]
    )
    yield eng
    eng.close()


def _compare(searcher, compiled, text: str) -> bool:  # type: ignore[no-untyped-def]
    """Fast path against Whoosh's complete ranking; False when the fast path declined."""
    scores = fast_search(searcher, compiled.query, cache=False)
    if scores is None:
        return False
    assert set(scores) == set(searcher.docs_for_query(compiled.query)), text
    # Whoosh's complete ranking: its top-k collector can miss a document of a later
    # segment on an index with several (seen here: `volume OR ministry AND export`).
    ranked = searcher.search(compiled.query, limit=None)
    expected = [(h.docnum, h.score) for h in ranked][:10]
    got = top(scores, 10)
    assert len(got) == len(expected), text
    for (_, score), (_, want) in zip(got, expected, strict=True):
        assert score == pytest.approx(want, rel=1e-9, abs=1e-12), text
    # Same documents, except that equal scores at the cut may be chosen differently.
    cut = expected[-1][1] if expected else 0.0
    assert {d for d, s in got if s > cut + 1e-9} == {d for d, s in expected if s > cut + 1e-9}, text
    # Cached postings give the same answer as freshly read ones.
    assert fast_search(searcher, compiled.query) == scores
    assert fast_search(searcher, compiled.query) == scores
    return True


def test_fast_path_matches_whoosh_ranking(engine: SearchEngine) -> None:
    live = engine._live
    assert live is not None
    searcher = live.searcher
    assert len(searcher.subsearchers) >= 2
    assert any(r.has_deletions() for r, _ in searcher.reader().leaf_readers())
    rng = random.Random(11)
    compared = 0
    for _ in range(150):
        text = _random_query(rng)
        compiled = live.compiler.compile(text)
        assert compiled.query is not None, text
        if not _compare(searcher, compiled, text):  # `a NOT b OR c`: a NOT inside an OR
            assert "Not(" in repr(compiled.query), text
            continue
        compared += 1
    assert compared > 100


def test_fast_path_matches_whoosh_on_phrases_fields_and_boosts(engine: SearchEngine) -> None:
    live = engine._live
    assert live is not None
    rng = random.Random(5)
    compared, phrases = 0, 0
    for _ in range(120):
        text = _random_mixed(rng)
        compiled = live.compiler.compile(text)
        if compiled.query is None:
            continue
        if _compare(live.searcher, compiled, text):
            compared += 1
            phrases += "FastPhrase" in repr(compiled.query)
        else:
            assert "Not(" in repr(compiled.query), text
    assert compared > 70
    assert phrases > 35


def test_engine_results_are_the_same_with_and_without_fast_path(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = [
        "oil gas",
        "pipeline OR tanker",
        "caspian NOT baku",
        "oil AND (gas OR tariff) NOT shelf",
        '"oil gas"',
        '"oil gas" pipeline',
        'tanker OR "caspian baku"',
        'pipeline NOT "gas oil"',
        'entity:"State Oil Company" oil',
    ]
    filters = [None, {"type": ["contract"]}]
    fast = [engine.search(q, limit=15, filters=f) for q in queries for f in filters]
    monkeypatch.setattr("energybrowser.search.engine.fast_search", lambda searcher, q: None)
    # Whoosh's top-k collector can miss a document of a later segment (see above): it ranks
    # every match when the limit exceeds them, and its first 15 are then compared.
    slow = [engine.search(q, limit=1000, filters=f) for q in queries for f in filters]
    for a, b in zip(fast, slow, strict=True):
        assert a.hits, a.query
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits[:15]], rel=1e-9)
        assert a.total == b.total
        assert a.facets == b.facets
        assert a.hits[0].snippets == b.hits[0].snippets
        assert a.suggestion == b.suggestion


@pytest.mark.parametrize(
    "query",
    [
        wq.Phrase("body", ["oil", "gas"]),  # Whoosh's own phrase (the compiler makes FastPhrase)
        wq.Or([wq.Term("body", "oil"), wq.Not(wq.Term("body", "gas"))]),
        wq.Or([wq.Term("body", "oil"), wq.Term("body", "gas")], scale=0.5),
        wq.Prefix("body", "oi"),
        wq.Not(wq.Term("body", "oil")),
    ],
)
def test_other_queries_fall_back(engine: SearchEngine, query: wq.Query) -> None:
    assert engine._live is not None
    assert fast_search(engine._live.searcher, query) is None


def test_typing_uses_the_fast_path_when_cheap_with_the_same_results(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = ["oil ga", "pipeline tank", '"caspian baku" exp', "tariff NOT shelf vol"]
    calls: list[str] = []
    real = fast_search

    def counting(searcher, q, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(repr(q))
        return real(searcher, q, **kwargs)

    monkeypatch.setattr("energybrowser.search.engine.fast_search", counting)
    fast = [engine.search(t, limit=10, as_you_type=True) for t in typed]
    assert len(calls) == len(typed)
    assert not any(r.partial for r in fast)
    # When the postings to decode would not fit in the budget, Whoosh ranks under the deadline
    # instead (a generous one here).
    monkeypatch.setattr("energybrowser.search.engine.uncached_postings", lambda searcher, q: 10**9)
    slow = [engine.search(t, limit=1000, as_you_type=True, time_budget=60.0) for t in typed]
    assert len(calls) == len(typed)
    for a, b in zip(fast, slow, strict=True):
        assert a.hits, a.query
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits[:10]], rel=1e-9)
        assert a.hits[0].snippets == b.hits[0].snippets


def test_postings_cache_is_bounded_and_keeps_the_recently_used() -> None:
    from energybrowser.search.fastpath import PostingsCache, _Columns

    cache = PostingsCache(capacity=100)
    cache.put((0, "body", b"a"), _Columns(list(range(40)), [1.0] * 40))  # over a quarter: not kept
    assert cache.get((0, "body", b"a")) is None
    for n in range(5):
        cache.put((0, "body", bytes([n])), _Columns(list(range(25)), [1.0] * 25))
        cache.get((0, "body", b"\x00"))  # the first stays in use
    assert cache.size <= 100
    assert cache.get((0, "body", b"\x00")) is not None
    assert cache.get((0, "body", b"\x01")) is None  # the least recently used went first
    assert cache.get((0, "body", b"\x04")) is not None


def test_drop_caches_empties_the_postings_cache_and_changes_no_result(engine: SearchEngine) -> None:
    from energybrowser.search.fastpath import cache_of

    first = engine.search("gas OR pipeline", limit=10, snippets=False, facets=False)
    live = engine._live
    assert live is not None
    cache = cache_of(live.searcher)
    assert cache.size > 0
    engine.drop_caches()
    assert cache.size == 0
    again = engine.search("gas OR pipeline", limit=10, snippets=False, facets=False)
    assert [(h.article_id, h.score) for h in again.hits] == [(h.article_id, h.score) for h in first.hits]
    assert cache.size > 0


def _unwrapped(sub, fieldname: str, text: bytes):  # type: ignore[no-untyped-def]
    m = sub.postings(fieldname, text)
    if type(m) is FilterMatcher:  # a segment with deleted documents
        m = m.child
        m.reset()
    return m


def test_read_positions_reads_exactly_the_wanted_documents_positions(engine: SearchEngine) -> None:
    """`codec.read_positions` against Whoosh's own matcher (which skips deleted documents) for
    sparse, mixed and complete choices of documents, on multi-block terms of both formats."""
    live = engine._live
    assert live is not None
    rng = random.Random(3)
    multi_block = sparse = 0
    for sub, _ in live.searcher.subsearchers:
        for fieldname in ("title", "body"):  # positions (stride 1) and characters (stride 3)
            fmt = sub.schema[fieldname].format
            decode = fmt.decoder("positions")
            for text in list(sub.reader().lexicon(fieldname))[:12]:
                expected = {}
                m = sub.postings(fieldname, text)
                while m.is_active():
                    expected[m.id()] = decode(m.value())
                    m.next()
                ids = sorted(expected)
                for share in (0.02, 0.3, 1.0):
                    wanted = sorted(rng.sample(ids, max(1, int(share * len(ids)))))
                    m = _unwrapped(sub, fieldname, text)
                    if type(m) is LeanLeafMatcher and not m._lastblock:
                        multi_block += 1
                        sparse += share < 0.1
                    got = read_positions(m, wanted, fmt.position_stride, decode)
                    assert [list(p) for p in got] == [expected[d] for d in wanted], (fieldname, text)
                    # Without the stride (another format): each value decoded, same answer.
                    plain = read_positions(_unwrapped(sub, fieldname, text), wanted, None, decode)
                    assert [list(p) for p in plain] == [expected[d] for d in wanted]
    assert multi_block > 20 and sparse > 5


def test_read_positions_rejects_a_document_not_in_the_postings(engine: SearchEngine) -> None:
    live = engine._live
    assert live is not None
    sub, _ = live.searcher.subsearchers[0]
    fmt = sub.schema["body"].format
    text = next(iter(sub.reader().lexicon("body")))
    ids = list(_unwrapped(sub, "body", text).all_ids())
    missing = next(d for d in range(ids[0], ids[-1] + 2) if d not in ids)
    for stride in (fmt.position_stride, None):
        with pytest.raises(ValueError):
            read_positions(_unwrapped(sub, "body", text), [missing], stride, fmt.decoder("positions"))


def test_read_positions_on_inlined_postings_decodes_each_value() -> None:
    fmt = LeanCharacters()
    values = [fmt.encode([(1, 0, 3), (5, 10, 14)]), fmt.encode([(2, 4, 8)]), fmt.encode([(0, 0, 2)])]
    m = ListMatcher([3, 8, 9], [2.0, 1.0, 1.0], values, fmt)
    assert [list(p) for p in read_positions(m, [3, 9], 3, fmt.decoder("positions"))] == [[1, 5], [0]]


def test_read_values_at_reads_the_wanted_documents_that_have_the_term(engine: SearchEngine) -> None:
    """`codec.read_values_at` against Whoosh's own matcher, with wanted documents that do and do
    not have the term (snippets ask every query term for each hit), on multi-block terms."""
    live = engine._live
    assert live is not None
    rng = random.Random(5)
    multi_block = 0
    for sub, _ in live.searcher.subsearchers:
        fmt = sub.schema["body"].format
        for text in list(sub.reader().lexicon("body"))[:12]:
            expected = {}
            m = sub.postings("body", text)
            while m.is_active():
                expected[m.id()] = fmt.decode_characters(m.value())
                m.next()
            reader = sub.reader()  # deleted documents are never hits: never wanted
            every = [d for d in range(sub.doc_count_all()) if not reader.is_deleted(d)]
            for share in (0.02, 0.3, 1.0):
                wanted = sorted(rng.sample(every, max(1, int(share * len(every)))))
                m = _unwrapped(sub, "body", text)
                multi_block += type(m) is LeanLeafMatcher and not m._lastblock
                got = read_values_at(m, wanted, lambda v: array("I", v))
                assert set(got) == {d for d in wanted if d in expected}, text
                for d, flat in got.items():
                    assert list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True)) == expected[d]
    assert multi_block > 20


def test_read_values_at_on_inlined_postings_decodes_each_value() -> None:
    fmt = LeanCharacters()
    values = [fmt.encode([(1, 0, 3), (5, 10, 14)]), fmt.encode([(2, 4, 8)]), fmt.encode([(0, 0, 2)])]
    m = ListMatcher([3, 8, 9], [2.0, 1.0, 1.0], values, fmt)
    got = read_values_at(m, [1, 3, 5, 9, 12], lambda v: array("I", v))
    assert {d: list(v) for d, v in got.items()} == {3: [1, 0, 3, 5, 10, 14], 9: [0, 0, 2]}


def test_read_ids_are_the_postings_ids(engine: SearchEngine) -> None:
    live = engine._live
    assert live is not None
    for sub, _ in live.searcher.subsearchers:
        for text in list(sub.reader().lexicon("body"))[:12]:
            assert list(read_ids(_unwrapped(sub, "body", text))) == list(
                read_postings(_unwrapped(sub, "body", text))[0]
            )


def test_counted_matches_are_whooshs_on_cold_and_warm_caches(engine: SearchEngine) -> None:
    """The typing total (ids read without scoring, or taken from cached postings) is the number
    of documents Whoosh matches, deleted documents left out."""
    live = engine._live
    assert live is not None
    rng = random.Random(11)
    queries = [_random_query(rng) for _ in range(25)] + ["oil ga", "pipeline OR tank", "cas NOT baku"]
    counted = 0
    for text in queries:
        compiled = live.compiler.compile(text, as_you_type=True)
        if compiled.query is None or not supported(compiled.query):  # Whoosh counts those
            continue
        counted += 1
        expected = len(set(live.searcher.docs_for_query(compiled.query)))
        engine.drop_caches()
        assert count_matches(live.searcher, compiled.query) == expected, text
        fast_search(live.searcher, compiled.query)  # fills the postings cache
        assert count_matches(live.searcher, compiled.query) == expected, text
    assert counted > 15


def test_snippet_offsets_read_in_bulk_are_whooshs_one_by_one(engine: SearchEngine) -> None:
    """Offsets of the query terms in the hits (snippets, reader highlights) read block by block
    are those Whoosh's matcher gives one document at a time, deleted documents included."""
    live = engine._live
    assert live is not None
    searcher = live.searcher
    rng = random.Random(9)
    live_docs = [d for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)]
    for word in [*VOCABULARY, "nosuchword"]:
        docs = sorted(rng.sample(live_docs, 40))
        expected: dict[int, list[tuple[int, int, int]]] = {}
        for sub, offset in searcher.leaf_searchers():
            local = [d - offset for d in docs if 0 <= d - offset < sub.doc_count_all()]
            try:
                matcher = sub.reader().postings("body", word)
            except Exception:
                continue
            expected.update(_offsets_one_by_one(matcher, local, offset))
        assert offsets_in_docs(searcher, docs, word) == expected, word


def test_an_update_keeps_the_decoded_postings_of_unchanged_segments(tmp_path: Path) -> None:
    """After a one-article update the new searcher starts with the postings its unchanged
    segments had decoded (scores left out: idf and lengths changed), and answers as an engine
    opened afresh on the same index."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    rng = random.Random(21)
    _write(folder, rng, 120)
    data = DataPaths.resolve(tmp_path / "data")
    eng = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_annotate)
    eng.ensure_index()
    eng.search("oil OR pipeline", limit=5)
    assert eng._live is not None
    before = cache_of(eng._live.searcher)
    kept_keys = set(before._items)
    assert kept_keys
    _write(folder, random.Random(22), 1, start=500)  # a new article: a new segment, none deleted
    eng.update(changed=[a for a in load_corpus(folder).articles if a.id == "doc-500"])
    after = cache_of(eng._live.searcher)
    assert set(after._items) == kept_keys  # the old segment is unchanged: its postings stay
    assert all(c.scored is None for c in after._items.values())
    got = eng.search("oil OR pipeline", limit=10)
    fresh = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_annotate)
    want = fresh.search("oil OR pipeline", limit=10)
    assert [(h.article_id, h.score) for h in got.hits] == [(h.article_id, h.score) for h in want.hits]
    assert got.total == want.total
    # An article rewritten in the old segment deletes a document there: nothing of it is kept.
    eng.search("oil OR pipeline", limit=5)
    _write(folder, random.Random(23), 1, start=7)
    eng.update(changed=[a for a in load_corpus(folder).articles if a.id == "doc-7"])
    old_segment = next(iter(kept_keys))[0]
    assert not [k for k in cache_of(eng._live.searcher)._items if k[0] == old_segment]
    eng.close()
    fresh.close()


def test_typing_budget_holds_ranking_and_the_exact_count(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the deadline path the exact total is counted after ranking: ranking gets the budget
    the count is expected to leave (at least a share of it), and all of it when facets count."""
    from energybrowser.search import engine as engine_module

    budgets: list[float] = []
    real = engine_module.DeadlineCollector

    def recording(child, seconds):  # type: ignore[no-untyped-def]
        budgets.append(seconds)
        return real(child, seconds)

    monkeypatch.setattr(engine_module, "DeadlineCollector", recording)
    monkeypatch.setattr(engine_module, "uncached_postings", lambda searcher, q: 10**6)
    assert engine._live is not None
    engine._live.count_cost = 1e-6  # a second to count: ranking gets its least share
    found = engine.search("pipeline tank", as_you_type=True, facets=False, time_budget=0.5)
    engine.search("pipeline tank", as_you_type=True, facets=True, time_budget=0.5)
    engine._live.count_cost = 1e-7  # 0.1 s to count: ranking gets the rest
    engine.search("pipeline tank", as_you_type=True, facets=False, time_budget=0.5)
    assert budgets == pytest.approx([0.5 * engine_module.MIN_RANKING_SHARE, 0.5, 0.4])
    assert found.hits and found.total == len(
        set(
            engine._live.searcher.docs_for_query(
                engine._live.compiler.compile("pipeline tank", as_you_type=True).query
            )
        )
    )
