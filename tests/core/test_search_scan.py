"""The word scan that answers while the index builds: every word must occur; snippets are escaped."""

from __future__ import annotations

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import ArticleMeta
from energybrowser.search.scan import context_around, scan, scan_ranges

PIPELINE = build_article(
    ArticleMeta(id="pipeline", title="Trans-Caspian pipeline"),
    "SOCAR & KazMunayGas signed a memorandum (volumes < 5 bcm) on the pipeline. The pipeline carries gas.",
)
TANKERS = build_article(ArticleMeta(id="tankers", title="Tankers"), "Oil crosses the Caspian by tanker.")


def test_every_word_must_occur_in_the_title_or_text_whatever_the_case() -> None:
    articles = [PIPELINE, TANKERS]
    assert [h.article_id for h in scan(articles, "caspian")] == ["pipeline", "tankers"]
    assert [h.article_id for h in scan(articles, "CASPIAN Pipeline")] == ["pipeline"]
    assert scan(articles, "caspian coal") == []
    assert len(scan(articles, "")) == 2  # no words: every article, in order


def test_snippet_marks_the_first_word_and_escapes_the_text() -> None:
    (hit,) = scan([PIPELINE], "memorandum")
    assert "<mark>memorandum</mark>" in hit.snippet_html
    assert "&amp;" in hit.snippet_html and "&lt; 5 bcm" in hit.snippet_html
    (title_only,) = scan([PIPELINE], "trans-caspian")  # in the title only: the opening words
    assert title_only.snippet_html.startswith("SOCAR &amp; KazMunayGas")


def test_ranges_cover_every_occurrence_of_every_word() -> None:
    text = PIPELINE.text
    ranges = scan_ranges(PIPELINE, "Pipeline gas")
    # Substrings, as the scan matches: the "Gas" of KazMunayGas too.
    assert [text[a:b].lower() for a, b in ranges] == ["gas", "pipeline", "pipeline", "gas"]
    assert ranges == sorted(ranges)


def test_offsets_index_the_text_even_after_letters_that_fold_to_two() -> None:
    street = build_article(ArticleMeta(id="s", title="S"), "Die Straße nach Baku: the pipeline ends in Baku.")
    text = street.text
    assert [text[a:b] for a, b in scan_ranges(street, "baku")] == ["Baku", "Baku"]
    (hit,) = scan([street], "pipeline")
    assert "<mark>pipeline</mark>" in hit.snippet_html


def test_context_is_cut_at_word_boundaries() -> None:
    text = "one two three four five six seven"
    start = text.index("four")
    assert context_around(text, start, start + 4, 6) == "…four five…"
    assert context_around(text, 0, 3, 100) == text
