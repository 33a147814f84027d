"""One walker behind `html_to_text` and the reader: its text is the folded text of the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.corpus.markdown_text import HtmlTextWalker, TextFolder, fold_whitespace, html_to_text


class _Reference(HTMLParser):
    """The plain rule, written independently: all text, breaks as spaces, footnote markers out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += tag == "sup"
        elif "fnref" in (dict(attrs).get("class") or ""):
            self.skip = 1
        elif tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip and tag == "sup":
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def reference_text(fragment: str) -> str:
    parser = _Reference()
    parser.feed(fragment)
    parser.close()
    return fold_whitespace("".join(parser.parts))


PIECES = [
    "a", "Bb", " ", "  ", "\n", "\t", "\xa0", "&nbsp;", "&amp;", "x y", "<em>", "</em>", "<br>", "<br/>",
    "<p>", "</p>", "<li>", "</li>", '<sup class="fnref"><a href="#fn-1">1</a></sup>', "\u2028", "<b> </b>",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_walker_text_equals_the_independent_rule(pieces: list[str]) -> None:
    fragment = "".join(pieces)
    assert html_to_text(fragment) == reference_text(fragment)


@given(st.lists(st.text(alphabet=" \t\n\xa0ab", max_size=6), max_size=8))
def test_folder_pieces_concatenate_to_the_folded_join(chunks: list[str]) -> None:
    folder = TextFolder()
    out = []
    for chunk in chunks:
        start, piece = folder.feed(chunk)
        assert start == sum(map(len, out))
        out.append(piece)
    assert "".join(out) == fold_whitespace("".join(chunks))


def test_script_and_style_content_is_not_text() -> None:
    assert (
        html_to_text("<p>Before <script>var x = '<b>'</script>after<style>p{}</style>.</p>")
        == "Before after."
    )
    assert html_to_text("a <iframe><p>framed</iframe> b") == "a b"


def test_text_hook_reports_offsets_of_each_piece() -> None:
    seen: list[tuple[int, str]] = []

    class Recorder(HtmlTextWalker):
        def text(self, start: int, piece: str) -> None:
            seen.append((start, piece))

    Recorder().walk('<p>One <em> two</em><sup class="fnref"><a>9</a></sup>  three</p>')
    text = "".join(p for _, p in seen)
    assert text == "One two three"
    for start, piece in seen:
        assert text[start : start + len(piece)] == piece
    assert re.search(r"9", text) is None
