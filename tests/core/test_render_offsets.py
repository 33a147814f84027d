"""Highlights land on exactly the characters their `Article.text` offsets name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.render import Highlights, entity_href, render_article
from energybrowser.render.palette import LIGHT
from tests.render_helpers import load, runs, span, styled

RICH = load("rich")


def _has_hit(style: str, _href: str) -> bool:
    return f"background-color:{LIGHT.hit_background}" in style


def _has_marked(style: str, _href: str) -> bool:
    return f"background-color:{LIGHT.marked_background}" in style or "underline" in style


def test_entity_links_cover_exactly_their_mentions_across_markup() -> None:
    # "State Oil Company of Azerbaijan" sits inside <em>, KazMunayGas inside <strong>, "Baku" follows
    # a footnote marker's paragraph, "SOCAR" is inside a Markdown link.
    spans = (
        span(RICH, "State Oil Company of Azerbaijan", "SOCAR", "organization"),
        span(RICH, "KazMunayGas", "KazMunayGas", "organization"),
        span(RICH, "Baku", "Baku", "place", nth=1),
        span(RICH, "Trans-Caspian pipeline", "Trans-Caspian Gas Pipeline", "pipeline"),
        span(RICH, "State Oil Company of Azerbaijan", "SOCAR", "organization", nth=1),
    )
    html = render_article(RICH, Highlights(entities=spans)).html
    parsed = styled(html)
    by_name: dict[str, list[str]] = {}
    for s in spans:
        href = entity_href(s.canonical)
        by_name[s.canonical] = runs(parsed, lambda _s, h, href=href: h == href)
    assert by_name["SOCAR"] == ["State Oil Company of Azerbaijan", "State Oil Company of Azerbaijan"]
    assert by_name["KazMunayGas"] == ["KazMunayGas"]
    assert by_name["Baku"] == ["Baku"]
    assert by_name["Trans-Caspian Gas Pipeline"] == ["Trans-Caspian pipeline"]


def test_entity_inside_an_article_link_is_coloured_but_not_a_nested_link() -> None:
    socar = span(RICH, "SOCAR", "SOCAR", "organization", nth=1)  # in "[the SOCAR press office](...)"
    parsed = styled(render_article(RICH, Highlights(entities=(socar,))).html)
    coloured = runs(parsed, lambda s, _h: LIGHT.entity_background("organization") in s)
    assert coloured == ["SOCAR"]
    assert "entity:SOCAR" not in render_article(RICH, Highlights(entities=(socar,))).html


def test_disabled_types_are_not_highlighted() -> None:
    spans = (
        span(RICH, "KazMunayGas", "KazMunayGas", "organization"),
        span(RICH, "Baku", "Baku", "place"),
    )
    html = render_article(RICH, Highlights(entities=spans, enabled_types=frozenset({"place"}))).html
    assert entity_href("Baku") in html
    assert entity_href("KazMunayGas") not in html


def _block_ranges() -> st.SearchStrategy[tuple[int, int]]:
    @st.composite
    def ranges(draw: st.DrawFn) -> tuple[int, int]:
        block = draw(st.sampled_from(RICH.blocks))
        start = draw(st.integers(block.start, block.end - 1))
        end = draw(st.integers(start + 1, block.end))
        return start, end

    return ranges()


@settings(max_examples=150, deadline=None)
@given(_block_ranges())
def test_any_hit_inside_a_block_highlights_exactly_its_text(hit: tuple[int, int]) -> None:
    parsed = styled(render_article(RICH, Highlights(hits=(hit,))).html)
    shown = "".join(c for c, s, h in parsed.chars if _has_hit(s, h))
    assert shown == RICH.text[hit[0] : hit[1]]
    assert parsed.text()[parsed.anchors["hit-0"]] == RICH.text[hit[0]]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(RICH.text) - 1), st.integers(1, 400))
def test_marked_range_across_blocks_covers_its_text_without_the_gaps(start: int, length: int) -> None:
    end = min(len(RICH.text), start + length)
    parsed = styled(render_article(RICH, Highlights(marked=(start, end))).html)
    shown = "".join(c for c, s, h in parsed.chars if _has_marked(s, h))
    expected = "".join(
        RICH.text[max(start, b.start) : min(end, b.end)]
        for b in RICH.blocks
        if b.start < end and b.end > start
    )
    assert shown == expected


def test_overlaps_split_into_segments_with_innermost_entity_and_hit_on_top() -> None:
    outer = span(RICH, "State Oil Company of Azerbaijan", "SOCAR", "organization")
    inner = span(RICH, "Azerbaijan", "Azerbaijan", "country")
    hit_start = RICH.text.index("Company")
    hit = (hit_start, hit_start + len("Company of Azer"))
    parsed = styled(render_article(RICH, Highlights(entities=(outer, inner), hits=(hit,))).html)
    assert runs(parsed, lambda _s, h: h == "entity:SOCAR") == ["State Oil Company of "]
    assert runs(parsed, lambda _s, h: h == "entity:Azerbaijan")[0] == "Azerbaijan"
    assert runs(parsed, _has_hit)[0] == "Company of Azer"
    # the hit's background wins over both entity colours, the entity link stays underneath
    hit_chars = [(c, h) for c, s, h in parsed.chars if _has_hit(s, h)][: len("Company of Azer")]
    assert {h for _, h in hit_chars} == {"entity:SOCAR", "entity:Azerbaijan"}


def test_shared_entities_are_emphasised() -> None:
    spans = (span(RICH, "KazMunayGas", "KazMunayGas", "organization"), span(RICH, "Baku", "Baku", "place"))
    parsed = styled(render_article(RICH, Highlights(entities=spans, shared=frozenset({"Baku"}))).html)
    bold = runs(parsed, lambda s, _h: "font-weight:bold" in s)
    assert bold == ["Baku"]


def test_hits_are_numbered_in_text_order_with_anchors() -> None:
    positions = [i for i in range(len(RICH.text)) if RICH.text.startswith("Baku", i)]
    hits = tuple((p, p + 4) for p in reversed(positions))  # given out of order
    rendered = render_article(RICH, Highlights(hits=hits))
    assert rendered.hits == tuple(sorted(hits))
    assert rendered.shown_hits == frozenset(range(len(hits)))
    parsed = styled(rendered.html)
    for i in range(len(hits)):
        assert parsed.text()[parsed.anchors[f"hit-{i}"] :].startswith("Baku")
    assert [parsed.anchors[f"hit-{i}"] for i in range(len(hits))] == sorted(
        parsed.anchors[f"hit-{i}"] for i in range(len(hits))
    )


def test_paragraph_and_block_anchors_precede_their_text() -> None:
    parsed = styled(render_article(RICH).html)
    for block in RICH.blocks:
        at = parsed.anchors[f"b{block.index}"]
        assert parsed.text()[at:].startswith(block.text[:20])
        if block.number is not None:
            assert parsed.anchors[f"p{block.number}"] == at


def test_footnotes_link_both_ways() -> None:
    html = render_article(RICH).html
    parsed = styled(html)
    assert {"fn-1", "fn-2", "footnotes"} <= set(parsed.anchors)
    assert 'href="#fn-1"' in html and 'href="#fnref-1"' in html and 'id="fnref-1"' in html


def test_bare_web_addresses_in_footnotes_become_links() -> None:
    html = render_article(RICH).html
    notes = html[html.index('name="footnotes"') :]
    assert '<a href="https://example.com/a">https://example.com/a</a> (accessed' in notes
