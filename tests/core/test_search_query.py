"""The query path never raises: hostile, malformed and huge queries give results or a clear message,
quickly. Caps are applied before Whoosh's parser (which recurses and is quadratic on long tokens)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, SearchResults
from energybrowser.search.sanitize import MAX_DEPTH, MAX_QUERY_CHARS, MAX_WORD_CHARS, sanitize
from tests.core.search_corpus import write_corpus

TIME_BOUND = 5.0  # seconds; a safety bound (a 40,000-character token takes Whoosh ~14 s), not a speed goal


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(write_corpus(tmp_path_factory.mktemp("corpus")))


@pytest.fixture(scope="module")
def engine(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    eng = SearchEngine.open(corpus, DataPaths.resolve(tmp_path_factory.mktemp("data")))
    eng.ensure_index()
    yield eng
    eng.close()


def checked_search(engine: SearchEngine, query: str, **kwargs: object) -> SearchResults:
    start = time.monotonic()
    results = engine.search(query, **kwargs)
    assert time.monotonic() - start < TIME_BOUND, f"slow query {query[:60]!r}"
    assert isinstance(results, SearchResults)
    assert results.error or results.hits or results.total == 0
    if results.error:
        assert not results.hits and "Traceback" not in results.error and len(results.error) < 300
    return results


HOSTILE = [
    '"unbalanced quote',
    'SOCAR "gas',
    "((gas OR oil",
    "gas)) OR oil)",
    ")(",
    ">{a",
    "{a TO",
    "[a TO b}",
    "year:[",
    "year:[2020 TO",
    "entity:",
    "entity:()",
    "title:(",
    ":",
    "::::",
    "*",
    "*:*",
    "?",
    "~",
    "gas~999",
    "gas^",
    "gas^999999999999999999999",
    "AND",
    "OR OR OR",
    "NOT",
    "NOT NOT gas",
    "gas AND",
    "-",
    "+",
    "+-+-gas",
    '"',
    '""',
    "'",
    "\\",
    "\x00gas\x00",
    "gas\x1b[31moil",
    "\u202egas\u202c",
    "\ud800",
    "газ нефть",
    "🛢️ oil",
    "a" * 40_000,
    "gas " * 3000,
    "x" * 10_000,
    "(" * 5000 + "gas" + ")" * 5000,
    "(" * 5000,
    "(" * (MAX_DEPTH + 1) + "gas" + ")" * (MAX_DEPTH + 1),
    '"' * 1001,
    "\n\t\r gas \n",
    "SOCAR " * 20_000,  # a 100 KB paste
    "entity:" + "x" * 5000,
    "a:b:c:d:e",
    "gas~ oil~ ~ ~~",
    "*gas*",
    "g*s",
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_never_raise(engine: SearchEngine, query: str) -> None:
    checked_search(engine, query)
    checked_search(engine, query, as_you_type=True)


def test_hostile_queries_for_hit_ranges(engine: SearchEngine, corpus: Corpus) -> None:
    article = corpus.get("pipeline-talks")
    for query in HOSTILE:
        for start, end in engine.hit_ranges(article, query):
            assert 0 <= start < end <= len(article.text)


def test_long_paste_is_searched_as_words(engine: SearchEngine) -> None:
    paste = "SOCAR and KazMunaiGas signed a memorandum on oil transportation " * 300
    results = checked_search(engine, paste)
    assert results.notes and "words" in results.notes[0]
    assert "pipeline-talks" in {h.article_id for h in results.hits}


def test_deep_nesting_is_flattened_and_still_finds(engine: SearchEngine) -> None:
    query = "(" * 50 + "memorandum" + ")" * 50
    results = checked_search(engine, query)
    assert {h.article_id for h in results.hits} == {"pipeline-talks"}
    assert any("nested" in n for n in results.notes)


def test_unbalanced_quote_searches_the_words(engine: SearchEngine) -> None:
    results = checked_search(engine, '"energy security')
    assert {h.article_id for h in results.hits} == {"pipeline-talks"}
    assert any("quote" in n for n in results.notes)


def test_empty_query_gives_a_message(engine: SearchEngine) -> None:
    for query in ("", "   ", "\x00\x01"):
        results = engine.search(query)
        assert results.error and not results.hits


def test_sanitize_caps_before_parsing() -> None:
    assert sanitize("gas\x00oil\x1b").text == "gas oil"
    long = sanitize("word " * 1000)
    assert long.literal and len(long.text) <= MAX_QUERY_CHARS
    assert len(sanitize("y" * 500).text) <= MAX_WORD_CHARS
    flat = sanitize("(" * 20 + "a" + ")" * 20)
    assert "(" not in flat.text and flat.notes
    assert sanitize("(a OR b").text == "(a OR b)"
    assert sanitize("a) OR (b").text.count("(") == sanitize("a) OR (b").text.count(")")
    assert sanitize('"a b').text.count('"') == 0
    assert sanitize('"a (b" c').text == '"a (b" c'  # parentheses inside quotes are text


SYNTAX = st.sampled_from(
    ['"', "(", ")", ":", "*", "~", "^", "[", "]", "{", "}", " AND ", " OR ", " NOT ", "-", "+"]
)
WORDS = st.sampled_from(["gas", "SOCAR", "KMG", "entity", "year", "title", "2022", "oil", "TO", "memorandum"])
QUERY = st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=6)), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY, typing=st.booleans())
def test_fuzzed_queries_never_raise(engine: SearchEngine, query: str, typing: bool) -> None:
    checked_search(engine, query, as_you_type=typing)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200))
def test_fuzzed_unicode_never_raises(engine: SearchEngine, corpus: Corpus, query: str) -> None:
    checked_search(engine, query)
    article = corpus.get("qazaqgaz-exports")
    for start, end in engine.hit_ranges(article, query):
        assert 0 <= start < end <= len(article.text)


def _ids(results: SearchResults) -> set[str]:
    return {h.article_id for h in results.hits}


def test_a_field_typed_with_a_space_or_capital_is_the_field(engine: SearchEngine) -> None:
    wanted = _ids(checked_search(engine, "title:pipeline"))
    assert wanted == {"pipeline-talks"}
    for query in ("title: pipeline", "Title:pipeline", "TITLE:  pipeline", 'title: "pipeline talks"'):
        results = checked_search(engine, query)
        assert _ids(results) == wanted, query
        assert not results.notes, query
    caspian = _ids(checked_search(engine, 'publisher:"Caspian Wire"'))
    assert caspian == {"pipeline-talks", "turkiye-route"}
    assert _ids(checked_search(engine, 'publisher: "Caspian Wire"')) == caspian
    assert _ids(checked_search(engine, "year: 2021")) == {"wind-azerbaijan"}


def test_an_unknown_field_is_left_out_with_a_note_naming_the_fields(engine: SearchEngine) -> None:
    results = checked_search(engine, "company:QazaqGaz")
    assert _ids(results) == _ids(checked_search(engine, "QazaqGaz")) == {"qazaqgaz-exports"}
    assert len(results.notes) == 1
    assert "“company:” is not a search field" in results.notes[0] and "publisher" in results.notes[0]
    typing = engine.search("company:Qazaq", as_you_type=True)
    assert "qazaqgaz-exports" in _ids(typing) and typing.notes


def test_what_only_looks_like_a_field_is_searched_as_typed() -> None:
    from energybrowser.search.query import QUERY_FIELDS, SHOWN_FIELDS
    from energybrowser.search.sanitize import fields_read

    def read(text: str) -> tuple[str, tuple[str, ...]]:
        return fields_read(text, QUERY_FIELDS, SHOWN_FIELDS)

    assert read('"note: gas" oil') == ('"note: gas" oil', ())  # inside a phrase
    assert read("at 10:30 today") == ("at 10:30 today", ())  # a time
    assert read("https://example.com") == ("https://example.com", ())  # an address
    assert read("title:") == ("title:", ())  # nothing to read yet
    assert read("entity: SOCAR AND year: 2022") == ("entity:SOCAR AND year:2022", ())


def test_wildcards_match_the_words_not_only_their_stems(engine: SearchEngine) -> None:
    # Words are indexed as stems ("pipeline" as "pipelin", "gas" as "ga", "energy" as "energi").
    pipeline = _ids(checked_search(engine, "pipeline"))
    assert "pipeline-talks" in pipeline
    for pattern in ("*line", "pipe?ine", "*peline", "p?peline"):
        assert _ids(checked_search(engine, pattern)) >= pipeline, pattern
    gas = _ids(checked_search(engine, "gas"))
    assert {"qazaqgaz-exports", "turkiye-route"} <= gas
    for pattern in ("g?s", "g*s", "*gas"):
        assert _ids(checked_search(engine, pattern)) >= gas, pattern
    assert _ids(checked_search(engine, "energ?")) == _ids(checked_search(engine, "energy"))
    assert not checked_search(engine, "zzq*line").hits  # still only words that match the pattern
    assert "pipeline-talks" not in _ids(checked_search(engine, "pipe?ines?x"))
