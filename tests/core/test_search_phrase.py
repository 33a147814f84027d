"""Phrase matching on stored positions: word order, gaps and repeated words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from tests.core.search_corpus import write_corpus

BODIES = {
    "in-order": "The northern gas pipeline link opened in spring.",
    "reversed": "A pipeline gas northern link was only a rumour.",
    "gap": "The northern gas export pipeline was delayed.",
    "repeated": "Gas gas gas pipeline talks went on for hours.",
    "split": "The northern route. Gas came later, and a pipeline too.",
}


def _article(name: str, body: str) -> str:
    return f"---\ntitle: Note {name}\ndate: 2023-01-0{len(name) % 9 + 1}\n---\n\n{body}\n"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    folder = write_corpus(tmp_path_factory.mktemp("phrases"), {n: _article(n, b) for n, b in BODIES.items()})
    eng = SearchEngine.open(load_corpus(folder), DataPaths.resolve(tmp_path_factory.mktemp("data")))
    eng.ensure_index()
    yield eng
    eng.close()


def _ids(engine: SearchEngine, query: str) -> set[str]:
    results = engine.search(query, facets=False, snippets=False)
    assert not results.error, results.error
    return {h.article_id for h in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"northern gas pipeline"', {"in-order"}),
        ('"pipeline gas northern"', {"reversed"}),
        ('"gas pipeline"', {"in-order", "repeated"}),
        ('"gas gas pipeline"', {"repeated"}),
        ('"gas gas gas gas"', set()),
        ('"northern gas export pipeline"', {"gap"}),
        ('"northern pipeline"', set()),
        ('"route gas came"', {"split"}),
        ('"came gas"', set()),
    ],
)
def test_phrase_matches_only_aligned_words(engine: SearchEngine, query: str, expected: set[str]) -> None:
    assert _ids(engine, query) == expected
