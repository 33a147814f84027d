"""Search behaviour on a small varied corpus: syntax, aliases, snippets, facets, suggestions, updates."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.corpus.markdown_io import build_article
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from energybrowser.search.documents import Annotations
from tests.core.search_corpus import write_corpus

# A fixed annotator keeps these tests about search, whatever the extractors learn later.
ANNOTATIONS = {
    "pipeline-talks": Annotations(("SOCAR", "KazMunayGas"), ("memorandum",), ("SOCAR", "KazMunayGas")),
    "qazaqgaz-exports": Annotations(("QazaqGaz", "SOCAR"), ("agreement",), ("QazaqGaz", "SOCAR")),
    "wind-azerbaijan": Annotations(("Azerbaijan",)),
    "kmg-results": Annotations(("KazMunayGas",)),
}


def annotate(article):  # type: ignore[no-untyped-def]
    return ANNOTATIONS.get(article.id, Annotations())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(write_corpus(tmp_path_factory.mktemp("corpus")))


@pytest.fixture(scope="module")
def engine(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    eng = SearchEngine.open(corpus, DataPaths.resolve(tmp_path_factory.mktemp("data")), annotate=annotate)
    eng.ensure_index()
    yield eng
    eng.close()


def ids(engine: SearchEngine, query: str, **kwargs: object) -> set[str]:
    results = engine.search(query, **kwargs)
    assert not results.error, results.error
    return {h.article_id for h in results.hits}


def test_plain_words_stemming_and_ranking(engine: SearchEngine) -> None:
    assert ids(engine, "agreement") == {"pipeline-talks", "qazaqgaz-exports"}  # "agreements" stems
    assert ids(engine, "exported") == {"qazaqgaz-exports"}
    results = engine.search("gas")
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"energy security"', {"pipeline-talks"}),
        ('"security energy"', set()),
        ("SOCAR AND gas", {"qazaqgaz-exports"}),
        ("SOCAR OR Azerbaijan", {"pipeline-talks", "qazaqgaz-exports", "wind-azerbaijan"}),
        ("SOCAR NOT memorandum", {"qazaqgaz-exports"}),
        ("gas -Türkiye", {"qazaqgaz-exports", "wind-azerbaijan"}),
        ("(wind OR refining) AND (quarter OR offshore)", {"wind-azerbaijan", "kmg-results"}),
        ("petrochem*", {"kmg-results"}),
        ("refinng~", {"kmg-results"}),
        ("title:wind", {"wind-azerbaijan"}),
        ("author:petrova", {"turkiye-route"}),
        ("year:2022", {"pipeline-talks", "kmg-results"}),
        ("year:[2021 TO 2022]", {"pipeline-talks", "kmg-results", "wind-azerbaijan"}),
        ("publisher:trend", set()),
        ('publisher:"caspian wire"', {"pipeline-talks", "turkiye-route"}),
        ("entity:socar", {"pipeline-talks", "qazaqgaz-exports"}),
        ("entity:KMG", {"pipeline-talks", "kmg-results"}),
        ("party:QazaqGaz", {"qazaqgaz-exports"}),
        ("type:memorandum", {"pipeline-talks"}),
        ("turkiye", {"turkiye-route"}),  # accents folded
    ],
)
def test_query_syntax(engine: SearchEngine, query: str, expected: set[str]) -> None:
    assert ids(engine, query) == expected


@pytest.mark.parametrize("alias", ["KMG", "KazMunaiGas", "kazmunaigaz", "KazMunayGas"])
def test_any_alias_finds_every_name(engine: SearchEngine, alias: str) -> None:
    found = ids(engine, alias)
    assert {"kmg-results", "pipeline-talks"} <= found  # one says KMG, the other KazMunaiGas


def test_snippets_list_every_matching_paragraph_with_its_number(engine: SearchEngine, corpus: Corpus) -> None:
    hit = engine.search("oil").hits
    talks = next(h for h in hit if h.article_id == "pipeline-talks")
    assert [s.paragraph for s in talks.snippets] == [1, 2]
    article = corpus.get("pipeline-talks")
    for snippet in talks.snippets:
        marked = re.findall(r"<mark>(.*?)</mark>", snippet.html)
        assert marked and all(m.lower() == "oil" for m in marked)
        plain = html.unescape(re.sub(r"<[^>]+>", "", snippet.html)).strip("… ")
        assert plain in article.paragraph(snippet.paragraph).text


def test_snippet_limit_makes_only_the_first_matching_paragraphs(engine: SearchEngine) -> None:
    """The window shows a hit's first passages: only those are made, the same as in full."""
    every = {h.article_id: h.snippets for h in engine.search("oil").hits}
    for as_you_type in (False, True):
        limited = engine.search("oil", snippet_limit=1, as_you_type=as_you_type).hits
        assert [h.article_id for h in limited] == list(every)
        assert all(h.snippets == every[h.article_id][:1] for h in limited)
    assert any(len(s) > 1 for s in every.values())


def test_snippet_html_is_escaped(engine: SearchEngine) -> None:
    (hit,) = engine.search('"press releases"').hits
    (snippet,) = hit.snippets
    assert "&amp; noted &quot;quotes&quot;" in snippet.html
    assert re.sub(r"</?mark>", "", snippet.html).count("<") == 0


def test_snippet_html_escapes_markup_in_text() -> None:
    from energybrowser.search.highlight import snippet_html

    text = "a <script>alert(1)</script> b & c"
    out = snippet_html(text, [(0, 1)])
    assert out == "<mark>a</mark> &lt;script&gt;alert(1)&lt;/script&gt; b &amp; c"


def test_long_paragraph_snippet_shows_windows_around_each_match() -> None:
    from energybrowser.search.highlight import snippet_html

    text = " ".join(f"w{i}" for i in range(400))
    start = text.index("w200")
    out = snippet_html(text, [(start, start + 4)])
    assert out.startswith("… ") and out.endswith(" …") and "<mark>w200</mark>" in out
    assert len(out) < 300


def test_negated_words_are_not_highlighted(engine: SearchEngine) -> None:
    (hit,) = engine.search("memorandum NOT wind").hits
    assert all("wind" not in s.html.lower() for s in hit.snippets)


def test_hit_ranges_point_into_article_text(engine: SearchEngine, corpus: Corpus) -> None:
    article = corpus.get("pipeline-talks")
    ranges = engine.hit_ranges(article, 'KMG OR "crude oil"')
    texts = [article.text[s:e] for s, e in ranges]
    assert texts == ["KazMunaiGas", "crude oil"]
    assert ranges == sorted(ranges)
    assert engine.hit_ranges(article, "") == []
    assert engine.hit_ranges(article, "nothingmatcheshere") == []


def test_entity_query_highlights_the_names_in_the_text(engine: SearchEngine, corpus: Corpus) -> None:
    article = corpus.get("pipeline-talks")
    texts = [article.text[s:e] for s, e in engine.hit_ranges(article, "entity:KazMunayGas")]
    assert texts == ["KazMunaiGas"]


def test_did_you_mean_when_nothing_matches(engine: SearchEngine) -> None:
    results = engine.search("pipelnie")
    assert results.hits == () and results.suggestion == "pipeline"
    assert engine.search("pipeline").suggestion is None
    assert engine.search("qwertyuiop zzzz").suggestion is None


def test_facets_count_the_current_query_and_filters_narrow(engine: SearchEngine) -> None:
    results = engine.search("gas OR oil")
    entity = {f.value: f.count for f in results.facets["entity"]}
    assert entity["SOCAR"] == 2 and entity["Azerbaijan"] == 1
    years = {f.value: f.count for f in results.facets["year"]}
    assert years == {"2020": 1, "2021": 1, "2022": 1, "2023": 1}
    assert {f.value for f in results.facets["type"]} == {"memorandum", "agreement"}
    assert results.total == 4
    filtered = engine.search("gas OR oil", filters={"year": ["2022", "2023"], "entity": ["SOCAR"]})
    assert {h.article_id for h in filtered.hits} == {"pipeline-talks", "qazaqgaz-exports"}
    assert filtered.total == 2
    assert engine.search("gas", filters={"colour": ["red"]}).hits == ()  # unknown field: nothing, no error


def test_search_as_you_type_widens_the_last_word(engine: SearchEngine) -> None:
    assert ids(engine, "petroch", as_you_type=True) == {"kmg-results"}
    assert ids(engine, "petroch") == set()
    assert ids(engine, "cooperat", as_you_type=True) >= {"pipeline-talks", "wind-azerbaijan"}
    assert ids(engine, "offshore wi", as_you_type=True) == {"wind-azerbaijan"}  # 2 letters: no prefix
    assert "wind-azerbaijan" in ids(engine, "offshore win", as_you_type=True)


def test_limit_and_json_shape(engine: SearchEngine) -> None:
    results = engine.search("gas OR oil", limit=2)
    assert len(results.hits) == 2 and results.total == 4
    data = results.to_json()
    assert set(data) >= {"results", "suggestion", "facets"}
    first = data["results"][0]
    assert set(first) == {"article", "title", "score", "snippets"}
    assert set(first["snippets"][0]) == {"paragraph", "html"}


def test_incremental_update_and_removal(corpus: Corpus, tmp_path: Path) -> None:
    engine = SearchEngine.open(corpus, DataPaths.resolve(tmp_path), annotate=annotate)
    assert not engine.ready and engine.search("gas").error
    assert engine.ensure_index().action == "rebuilt"
    assert engine.ensure_index().action == "unchanged"
    wind = corpus.get("wind-azerbaijan")
    edited = build_article(wind.meta, wind.body + "\n\nA new hydrogen project was announced.\n")
    status = engine.update([edited], removed=["kmg-results"])
    assert (status.action, status.changed, status.removed) == ("updated", 1, 1)
    assert ids(engine, "hydrogen") == {"wind-azerbaijan"}
    assert ids(engine, "petrochemicals") == set()
    # A fresh engine on the same folder sees the change and re-indexes nothing.
    articles = [edited if a.id == wind.id else a for a in corpus.articles if a.id != "kmg-results"]
    again = SearchEngine.open(
        replace(corpus, articles=tuple(articles)), DataPaths.resolve(tmp_path), annotate=annotate
    )
    assert again.ready and again.ensure_index().action == "unchanged"
    assert {h.article_id for h in again.search("hydrogen").hits} == {"wind-azerbaijan"}
    # Starting from the original corpus again re-indexes exactly what differs.
    third = SearchEngine.open(corpus, DataPaths.resolve(tmp_path), annotate=annotate)
    status = third.ensure_index()
    assert (status.action, status.changed, status.removed) == ("updated", 2, 0)
    for eng in (engine, again, third):
        eng.close()


def test_default_annotations_feed_entity_search(corpus: Corpus, tmp_path: Path) -> None:
    engine = SearchEngine.open(corpus, DataPaths.resolve(tmp_path))
    engine.ensure_index()
    assert "pipeline-talks" in ids(engine, "entity:SOCAR")
    engine.close()


def test_another_engine_picks_up_a_new_generation(corpus: Corpus, tmp_path: Path) -> None:
    writer = SearchEngine.open(corpus, DataPaths.resolve(tmp_path), annotate=annotate)
    writer.ensure_index()
    reader = SearchEngine.open(corpus, DataPaths.resolve(tmp_path), annotate=annotate)
    assert reader.ready and not reader.refresh()
    wind = corpus.get("wind-azerbaijan")
    writer.update([build_article(wind.meta, wind.body + "\n\nGeothermal plans too.\n")])
    assert reader.refresh()
    assert {h.article_id for h in reader.search("geothermal").hits} == {"wind-azerbaijan"}
    writer.close()
    reader.close()
