"""HTML structure: a void element the old parser did not know (`<embed>`, `<param>`, `<keygen>`),
or a `<video>`/`<audio>`/`<object>` left unclosed, silently swallowed every paragraph after it.
The importer now reads the page through lxml's tree, with void and media elements put right, so
every paragraph of the article survives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.corpus.importer.html_source import html_chunks
from energybrowser.corpus.importer.library import import_paths
from tests.robustness.faults import within

PARAGRAPHS = [
    "SOCAR and KazMunayGas signed a memorandum on oil transit across the Caspian Sea on Monday.",
    "The memorandum covers the transport of 1.5 million tons of Kazakh oil through Azerbaijan.",
    "Officials said the pipeline route would be studied further before the end of the year.",
]

OBSTACLES = {
    "embed": '<embed src="clip.swf" type="application/x-shockwave-flash">',
    "param": '<param name="movie" value="x">',
    "keygen": "<keygen name=k>",
    "unclosed-video": '<video src="clip.mp4" controls>',
    "unclosed-audio": '<audio src="a.mp3" controls><source src="a.ogg">',
    "unclosed-object": '<object data="x.swf">',
    "video-with-fallback": '<video controls><source src="v.mp4">Your browser cannot play this video.</video>',
}


def page(obstacle: str) -> str:
    first, *rest = PARAGRAPHS
    body = f"<p>{first}</p>{obstacle}" + "".join(f"<p>{p}</p>" for p in rest)
    head = "<html><head><title>Pipeline deal</title></head>"
    return f"{head}<body><article><h1>Pipeline deal</h1>{body}</article></body></html>"


@pytest.mark.parametrize("name", sorted(OBSTACLES))
def test_every_paragraph_after_a_void_or_unclosed_media_element_is_kept(name: str, tmp_path: Path) -> None:
    source = tmp_path / f"{name}.html"
    source.write_text(page(OBSTACLES[name]), encoding="utf-8")
    report = import_paths([source], tmp_path / "into")
    (result,) = report.results
    assert result.status == "imported", result.message
    text = result.outcome.article.text
    for paragraph in PARAGRAPHS:
        assert paragraph in text, (name, text)
    assert "Your browser" not in text  # a media element's fallback is still furniture


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *OBSTACLES.values(),
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<table><tr><td>",
                "</td>",
                "<ul><li>",
                "<!-- c",
                "-->",
                "<script>",
                "</script>",
                "<br>",
                "&amp;",
                "&#0;",
                "<svg>",
                "<math>",
                "<b>x",
                "\x00",
                "<?xml version='1.0' encoding='latin-1'?>",
                "<![CDATA[",
                "]]>",
                "<a href='",
                "'>",
            ]
        ),
        max_size=30,
    ),
    st.text(max_size=60),
)
def test_fuzzed_html_never_raises_and_stays_bounded(parts: list[str], text: str) -> None:
    with within():
        chunks, _ = html_chunks("<p>" + text + "</p>" + "".join(parts) + "<p>Closing words.</p>")
    assert all(isinstance(c.text, str) for c in chunks)
