"""Queries: whatever is typed or pasted ends in results or a clear message, within a time bound,
through the engine API and through `energybrowser search` (never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from energybrowser.cli import main as cli_main
from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, SearchResults
from energybrowser.search.documents import Annotations
from tests.core.search_corpus import write_corpus
from tests.robustness.faults import FAULT_BOUND, one_line, within

HOSTILE = {
    "paste-100k": "gas exports " * 9100,  # ~100 KB
    "one-token-100k": "x" * 100_000,
    "token-40k": "pipelines" * 4500,
    "nested-5000": "(" * 5000 + "gas" + ")" * 5000,
    "open-5000": "(" * 5000 + "gas",
    "close-5000": "gas" + ")" * 5000,
    "quotes-1001": '"' * 1001 + "gas",
    "control-chars": "\x00\x01\x02gas\x07\x08\x1b[31m\x7f\u200b\u202e\ufeff pipeline\r\n\t",
    "lone-surrogates": "\ud800gas\udfff",
    "plugin-indexerror": ">{a",
    "range-open": "year:[2020 TO",
    "range-garbage": "year:[abc TO }def",
    "field-only": "title:",
    "colons": "a:b:c:d:",
    "operators-only": "AND OR NOT ANDNOT",
    "many-ors": " OR ".join(["gas"] * 3000),
    "boost-huge": "gas^99999999999999999999",
    "fuzzy-huge": "gas~999999999",
    "wildcards": "*a*b*c*d*e*f*g*h*i*j*",
    "bare-star": "*",
    "nested-fields": "title:(" * 2000 + "gas",
    "entity-quote": 'entity:"' + "x" * 5000,
    "backslashes": "\\" * 10_000,
    "unicode-mix": "Türkiye 天然气 газ ⛽ 🛢️ ﷽" * 200,
}


def plain(article):  # type: ignore[no-untyped-def]
    return Annotations()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(write_corpus(tmp_path_factory.mktemp("corpus")))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def engine(corpus: Corpus, data_dir: Path) -> SearchEngine:
    eng = SearchEngine.open(corpus, DataPaths.resolve(data_dir), annotate=plain)
    eng.ensure_index()
    yield eng
    eng.close()


def assert_sound(results: SearchResults, corpus: Corpus) -> None:
    """Results or a clear message: every hit is a real article, every message one line."""
    assert isinstance(results, SearchResults)
    ids = set(corpus.ids())
    assert all(hit.article_id in ids for hit in results.hits)
    assert not (results.hits and results.error)
    if results.error:
        assert one_line(results.error)
    assert all(one_line(note) for note in results.notes)


@pytest.mark.parametrize("typing", [False, True], ids=["enter", "as-you-type"])
@pytest.mark.parametrize("query", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_query_gives_results_or_a_message_in_time(
    engine: SearchEngine, corpus: Corpus, query: str, typing: bool
) -> None:
    with within():
        results = engine.search(query, as_you_type=typing)
    assert_sound(results, corpus)
    with within():
        ranges = engine.hit_ranges(corpus.articles[0], query)
    text = corpus.articles[0].text
    assert all(0 <= s < e <= len(text) for s, e in ranges)


def test_capped_queries_still_find_and_say_what_was_changed(engine: SearchEngine) -> None:
    paste = engine.search(HOSTILE["paste-100k"])
    assert {h.article_id for h in paste.hits} == {"qazaqgaz-exports"}
    assert paste.notes  # the first words are searched, and the user is told
    nested = engine.search(HOSTILE["nested-5000"])
    assert {h.article_id for h in nested.hits} == {h.article_id for h in engine.search("gas").hits}
    assert nested.notes
    controls = engine.search(HOSTILE["control-chars"])
    assert {h.article_id for h in controls.hits} == {h.article_id for h in engine.search("gas pipeline").hits}


def test_a_query_that_cannot_be_searched_says_so(engine: SearchEngine) -> None:
    for query in ("", "   ", ">{a", "AND OR NOT", '"""'):
        results = engine.search(query)
        assert not results.hits and one_line(results.error), query


QUERY_ALPHABET = st.sampled_from(
    [
        *"abcgasopiel ()[]{}\"'*?~^:+-!<>\\/=&|,.",
        *("AND", "OR", "NOT", "TO", "title:", "entity:", "year:", "party:", "\x00", "\u202e", "é", "🛢"),
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.one_of(
        st.lists(QUERY_ALPHABET, max_size=60).map("".join),
        st.text(max_size=300),
    ),
    typing=st.booleans(),
)
def test_fuzzed_queries_never_raise_and_stay_bounded(
    engine: SearchEngine, corpus: Corpus, query: str, typing: bool
) -> None:
    with within():
        results = engine.search(query, as_you_type=typing, limit=5)
    assert_sound(results, corpus)


@pytest.mark.parametrize("query", ["nested-5000", "paste-100k", "plugin-indexerror", "control-chars"])
def test_cli_search_answers_or_says_why_without_traceback(
    engine: SearchEngine, corpus: Corpus, data_dir: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    argv = ["--corpus", str(corpus.directory), "--data-dir", str(data_dir), "search", HOSTILE[query]]
    with within(FAULT_BOUND * 2):  # plus opening the index and the gazetteer
        code = cli_main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 0:
        assert out.strip()  # ranked articles, or "No matches."
    else:
        assert code == 2 and one_line(err.strip().splitlines()[-1])
    with within(FAULT_BOUND * 2):
        assert cli_main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["results"], list) and isinstance(data["notes"], list)
    assert data["results"] or data["error"] or data["notes"] or query == "control-chars"


def test_expansions_stop_at_their_budget_and_say_so(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large lexicon each fuzzy or wildcard term walks it (32 `word~2` took 66 s on 1,500
    articles); past the budget the remaining terms match as written, with a note."""
    from energybrowser.search import query

    fuzzy = " ".join(["exportz~2", "gas~1", *(f"pipelin{c}~2" for c in "abcdefghij")])
    assert not any(query.LIMITED_NOTE in n for n in engine.search(fuzzy).notes)
    monkeypatch.setattr(query, "EXPANSION_BUDGET", -1.0)  # already spent
    for text in ("exportq~2 pipelinz~2", "?* ?as", "gas~2"):  # not expanded (cached) before
        with within():
            results = engine.search(text)
        assert query.LIMITED_NOTE in results.notes, text
    assert {h.article_id for h in engine.search("gas~2").hits} == {
        h.article_id for h in engine.search("gas").hits
    }
