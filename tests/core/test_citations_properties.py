"""Property tests: escaping and formatting hold for any metadata, not just the fixtures."""

from __future__ import annotations

import html
import re

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from energybrowser.citations import cite, to_bibtex, to_ris
from energybrowser.citations.bibtex import latex_escape
from energybrowser.citations.quotes import ELLIPSIS, elide
from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import ArticleMeta, Author, PartialDate

# Printable text with the characters that matter: TeX and HTML specials, quotes, non-ASCII letters.
text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\{}&%$#_~^<>\"'“”‘’…–—ıİşğüöçÄéß漢字 .,:;!?()[]*`|/=+-")),
        st.characters(codec="utf-8", categories=["L", "N", "P", "S"]),
    ),
    max_size=40,
)
nonblank = text.filter(lambda s: s.strip() != "")

_UNESCAPE = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\{": "{",
    r"\}": "}",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_UNESCAPE_RE = re.compile("|".join(re.escape(k) for k in _UNESCAPE))


def _braces_balanced(value: str) -> bool:
    """As real BibTeX counts them: every brace, escaped (`\\{`) or not."""
    depth = 0
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@given(text)
@settings(max_examples=100, deadline=None)
def test_latex_escape_round_trips_through_a_bibtex_parser(value: str) -> None:
    escaped = latex_escape(value)
    assert _braces_balanced(escaped)
    library = bibtexparser.parse_string(f"@misc{{k,\n  title = {{{escaped}}}\n}}\n")
    assert library.failed_blocks == []
    raw = library.entries[0].fields_dict["title"].value
    assert _UNESCAPE_RE.sub(lambda m: _UNESCAPE[m.group(0)], raw) == " ".join(value.split())


def meta_strategy() -> st.SearchStrategy[ArticleMeta]:
    author = st.builds(Author, nonblank, st.booleans())
    date = st.one_of(
        st.just(PartialDate()),
        st.builds(PartialDate, st.integers(1900, 2100)),
        st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12)),
        st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 28)),
        st.builds(PartialDate, st.none(), st.integers(1, 12), st.integers(1, 28)),
    )
    return st.builds(
        ArticleMeta,
        id=st.just("prop"),
        title=nonblank,
        authors=st.lists(author, max_size=3).map(tuple),
        publisher=text,
        date=date,
        date_text=text,
        url=st.sampled_from(["", "https://example.org/a_b?c=1&d=%20", "http://x.example/(y)"]),
        language=st.sampled_from(["", "en", "ru"]),
        accessed=st.sampled_from([PartialDate(), PartialDate(2024, 5, 1)]),
        kind=st.sampled_from(["", "news", "analysis", "report", "blog", "unknown-kind"]),
    )


BODY = "First paragraph of the body.\n\nSecond paragraph, with more words."
ALLOWED_TAGS = re.compile(r"</?(?:i|b|sup|sub|br|a(?: href=\"[^\"<>]*\")?|span(?: style=\"[^\"]*\")?)>")


@given(meta_strategy(), st.sampled_from(["apa", "chicago", "chicago-note", "mla", "harvard"]), st.booleans())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_formatted_citations_escape_data_and_agree_with_their_text(meta, style, located) -> None:
    article = build_article(meta, BODY)
    result = cite(article, style, paragraph=2 if located else None)
    assert result.text and result.html
    assert "\ue000" not in result.text + result.html  # no stand-in leaks out
    markup_free = ALLOWED_TAGS.sub("", result.html)
    assert "<" not in markup_free and ">" not in markup_free
    assert html.unescape(markup_free) == result.text
    if located:
        assert ("par. 2" if style == "mla" else "para. 2") in result.text


@given(meta_strategy())
@settings(max_examples=60, deadline=None)
def test_exports_stay_well_formed_for_any_metadata(meta) -> None:
    article = build_article(meta, BODY)
    library = bibtexparser.parse_string(to_bibtex(article))
    assert library.failed_blocks == [] and len(library.entries) == 1
    lines = to_ris(article).split("\r\n")
    assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])


@given(st.lists(st.text(alphabet="abcdefgh,.;", min_size=1, max_size=8), min_size=1, max_size=150))
def test_elide_keeps_start_and_end_at_word_boundaries(words: list[str]) -> None:
    source = " ".join(words)
    result = elide(source, max_words=60, head=30, tail=20)
    if len(words) <= 60:
        assert result == source
        return
    head, _, tail = result.partition(f" {ELLIPSIS} ")
    assert source.startswith(head)
    assert source.endswith(tail)
    assert tail == " ".join(words[-20:])
    assert head == " ".join(words[:30]).rstrip(",;:")


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzçşğüöı.,;'", min_size=1, max_size=9)
paragraphs = st.lists(st.lists(words, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=5)


@given(paragraphs, st.data())
@settings(max_examples=60, deadline=None)
def test_a_selection_is_quoted_exactly_with_its_paragraph(paras: list[str], data: st.DataObject) -> None:
    from energybrowser.citations import cite_selection

    article = build_article(ArticleMeta(id="sel", title="Selection test"), "\n\n".join(paras))
    start = data.draw(st.integers(0, len(article.text) - 1))
    end = data.draw(st.integers(start + 1, len(article.text)))
    selected = " ".join(article.text[start:end].split())
    if not selected:
        return
    result = cite_selection(article, "apa", start, end).text
    quoted = result[1 : result.rindex("” (")]
    first = article.paragraph_at(start + len(article.text[start:end]) - len(article.text[start:end].lstrip()))
    last = article.paragraph_at(
        end - 1 - (len(article.text[start:end]) - len(article.text[start:end].rstrip()))
    )
    expected_quote = elide(selected)
    if expected_quote.endswith(".") and not expected_quote.endswith("..."):
        expected_quote = expected_quote[:-1]
    else:
        expected_quote = expected_quote.rstrip(",;:") or expected_quote
    assert quoted == expected_quote
    locator = f"para. {first}" if first == last else f"paras. {first}–{last}"
    assert result.endswith(f"{locator}).")


@given(text.map(lambda s: " ".join(s.split())).filter(bool))
@settings(max_examples=100, deadline=None)
def test_markdown_escape_renders_back_to_the_text(value: str) -> None:
    import markdown

    from energybrowser.citations.exports import markdown_escape

    rendered = markdown.markdown(markdown_escape(value))
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == value
