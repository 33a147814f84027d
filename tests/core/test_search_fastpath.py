"""The plain-word fast path ranks exactly as Whoosh does (same documents, same scores)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import query as wq

from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from energybrowser.search.documents import Annotations
from energybrowser.search.fastpath import fast_search, top

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


def _no_annotations(article):  # type: ignore[no-untyped-def]
    return Annotations()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    folder = tmp_path_factory.mktemp("generated")
    rng = random.Random(7)
    _write(folder, rng, 300)
    data = DataPaths.resolve(tmp_path_factory.mktemp("data"))
    eng = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_no_annotations)
    eng.ensure_index()
    # A second segment: idf and lengths must still come from the whole index.
    _write(folder, rng, 40, start=300)
    corpus: Corpus = load_corpus(folder)
    eng.update(changed=[a for a in corpus.articles if int(a.id.split("-")[1]) >= 300])
    yield eng
    eng.close()


def test_fast_path_matches_whoosh_ranking(engine: SearchEngine) -> None:
    live = engine._live
    assert live is not None
    searcher = live.searcher
    assert len(searcher.subsearchers) >= 1
    rng = random.Random(11)
    compared = 0
    for _ in range(150):
        text = _random_query(rng)
        compiled = live.compiler.compile(text)
        assert compiled.query is not None, text
        scores = fast_search(searcher, compiled.query)
        if scores is None:  # e.g. `a NOT b OR c` puts a NOT inside an OR: Whoosh's path
            assert "Not(" in repr(compiled.query), text
            continue
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
        compared += bool(expected)
    assert compared > 50


def test_engine_results_are_the_same_with_and_without_fast_path(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["oil gas", "pipeline OR tanker", "caspian NOT baku", "oil AND (gas OR tariff) NOT shelf"]
    fast = [engine.search(q, limit=15) for q in queries]
    monkeypatch.setattr("energybrowser.search.engine.fast_search", lambda searcher, q: None)
    slow = [engine.search(q, limit=15) for q in queries]
    for a, b in zip(fast, slow, strict=True):
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], rel=1e-9)
        assert a.total == b.total
        assert a.facets == b.facets
        assert a.hits[0].snippets == b.hits[0].snippets


@pytest.mark.parametrize(
    "query",
    [
        wq.Phrase("body", ["oil", "gas"]),
        wq.Term("author", "oil"),
        wq.Or([wq.Term("body", "oil"), wq.Term("body", "gas")], boost=2.0),
        wq.Prefix("body", "oi"),
        wq.Not(wq.Term("body", "oil")),
    ],
)
def test_other_queries_fall_back(engine: SearchEngine, query: wq.Query) -> None:
    assert engine._live is not None
    assert fast_search(engine._live.searcher, query) is None
