"""Pathological articles render to bounded HTML: long lines shortened, deep nesting flattened."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.entities.model import EntitySpan
from energybrowser.render import Highlights, RenderOptions, render_article
from tests.render_helpers import styled


def article(body: str) -> Article:
    return build_article(ArticleMeta(id="x", title="Pathological"), body)


class _Depth(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "input", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth -= 1


def max_depth(html: str) -> int:
    parser = _Depth()
    parser.feed(html)
    return parser.max_depth


def test_a_five_million_character_line_is_shortened_with_a_note() -> None:
    line = ("pipeline " * 560_000)[:5_000_000]
    long = article(f"Intro paragraph.\n\n{line}\n\nLast paragraph.")
    hit = long.text.index("pipeline", 4_000_000)
    rendered = render_article(long, Highlights(hits=((hit, hit + 8),)))
    assert len(rendered.html) < 100_000
    assert rendered.shortened_blocks == (1,)
    text = styled(rendered.html).text()
    assert "Paragraph shortened for display: 20,000 of" in text
    assert "Last paragraph." in text  # later blocks still shown
    assert rendered.shown_hits == frozenset()  # the hit lies in the part not shown


def test_an_oversized_block_with_markup_skips_markdown_but_keeps_offsets() -> None:
    body = "Start. " + "*word* " * 5000 + "SOCAR end."
    big = article(body)
    options = RenderOptions(max_block_chars=1000)
    rendered = render_article(big, Highlights(hits=((0, 6),)), options)
    assert rendered.shortened_blocks == (0,)
    assert rendered.shown_hits == {0}
    assert "Start." in styled(rendered.html).text()


def test_the_whole_document_stops_after_its_budget() -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} " + "text " * 400 for i in range(300))
    many = article(paragraphs)
    rendered = render_article(many, options=RenderOptions(max_total_chars=100_000))
    assert rendered.shown_until < len(many.text)
    assert "Article shortened for display" in styled(rendered.html).text()
    assert len(rendered.html) < 150_000


@pytest.mark.parametrize(
    "body",
    [
        "<div>" * 1000 + "deep text" + "</div>" * 1000,
        "<blockquote>" * 1000 + "deep text" + "</blockquote>" * 1000,
        "<ul><li>" * 1000 + "deep text" + "</li></ul>" * 1000,
        "<table><tr><td>" * 1000 + "deep text" + "</td></tr></table>" * 1000,
        "<div><span><em>" * 400 + "deep text",  # never closed
        "> " * 1000 + "deep text",
    ],
    ids=["div", "blockquote", "list", "table", "unclosed", "markdown-quote"],
)
def test_deep_nesting_is_flattened_and_the_text_kept(body: str) -> None:
    deep = article(body)
    options = RenderOptions()
    rendered = render_article(deep, options=options)
    start = rendered.html.index('<a name="b0">') - 200
    body_html = rendered.html[max(0, start) : rendered.html.index('<a name="body-end">')]
    assert max_depth(body_html) <= options.max_depth + 2
    assert rendered.html.count("<table") <= options.max_table_depth
    assert "deep text" in styled(rendered.html).text()


def test_highlights_beyond_the_caps_are_counted_but_not_drawn() -> None:
    body = "\n\n".join("SOCAR signed a gas deal with KazMunayGas. " * 10 for _ in range(30))
    many = article(body)
    starts = [i for i in range(len(many.text)) if many.text.startswith("gas", i)]
    options = RenderOptions(max_hits=50, max_entities=20)
    spans = tuple(
        EntitySpan("SOCAR", "SOCAR", "organization", i, i + 5, None)
        for i in range(len(many.text))
        if many.text.startswith("SOCAR", i)
    )
    rendered = render_article(
        many, Highlights(entities=spans, hits=tuple((s, s + 3) for s in starts)), options
    )
    assert len(rendered.hits) == len(starts) == 300
    assert rendered.shown_hits == frozenset(range(50))
    assert rendered.html.count('href="entity:SOCAR"') == 20
    text = styled(rendered.html).text()
    assert "Only the first 50 of 300 search hits are highlighted." in text
    assert "Only the first 20 of 300 entity mentions are highlighted." in text
