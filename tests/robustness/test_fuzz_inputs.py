"""Fuzzing what a file can hold: front matter, Markdown bodies and HTML pages built from the pieces
that broke parsers before (aliases, tags, nesting, huge numbers, unclosed marks, controls), each
case within the hang bound. Small example counts keep CI fast; the classes each have their own
tests (`test_front_matter_faults.py`, `test_unbounded_faults.py`, `test_html_structure_faults.py`)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from energybrowser.corpus.importer import convert_source
from energybrowser.corpus.markdown_io import ArticleFormatError, parse_article
from energybrowser.render import render_article
from tests.robustness.faults import within

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_PIECES = [
    "title: ",
    "date: ",
    "authors: ",
    "publisher: ",
    "id: ",
    "\n",
    "  - ",
    "&a ",
    "*a",
    "&b [",
    "*b, ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "!!int ",
    "!!timestamp ",
    "!!binary ",
    "!!python/object:os.system ",
    "2022-13-45",
    "9" * 50,
    "'",
    '"',
    "\\u202e",
    "\x1b[31m",
    "<img src=/dev/zero>",
    "---",
    "...",
    "? ",
    "|",
    ">",
    "#",
    "~",
    "null",
    "1e999",
    "0x1f",
    ".nan",
    "<<: *a",
    "\t",
]
MARKDOWN_PIECES = [
    "- ",
    "* ",
    "1. ",
    "> ",
    "# ",
    "[",
    "](",
    ")",
    "![",
    "<",
    "<http://",
    "`",
    "**",
    "_",
    "[^1]",
    "[^1]: note\n",
    "\n",
    "\n\n",
    "    ",
    "|a|b|\n|-|-|\n",
    "&amp;",
    "&#0;",
    "\\",
    "<div>",
    "</div>",
    "<script>",
    "x" * 40,
    "SOCAR signed a memorandum. ",
    "\r",
    "\u202e",
    "\x00",
]
HTML_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<embed src=x>",
    "<video>",
    "</video>",
    "<audio>",
    "<object>",
    "<table><tr><td>",
    "</td>",
    "<ul><li>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<br>",
    "&amp;",
    "&#0;",
    "<svg>",
    "<math>",
    "<title>",
    "</title>",
    "<h1>",
    "</h1>",
    "<time datetime='2022-13-45'>",
    "<meta property='og:title' content='",
    "'>",
    "<?xml encoding='latin-1'?>",
    "<![CDATA[",
    "]]>",
    "\x00",
    "SOCAR met QazaqGaz. ",
    "<a href='javascript:x'>",
]


def joined(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=40).map("".join)


@FUZZ
@given(joined(YAML_PIECES))
@example("!!int ")  # found by this test: PyYAML's constructors fail on an empty tagged value
@example("!!timestamp ")
def test_fuzzed_front_matter_loads_or_is_refused_in_one_line(front: str) -> None:
    with within():
        try:
            article = parse_article(f"---\n{front}\n---\n\nSOCAR met QazaqGaz in Baku.\n", "fuzz")
        except ArticleFormatError as exc:
            assert str(exc).strip() and "\n" not in str(exc).strip()
            return
    assert article.text


@FUZZ
@given(joined(MARKDOWN_PIECES))
@example("<?\\0")  # found by this test: a backslash escape inside an open tag (KeyError)
def test_fuzzed_markdown_loads_and_renders(body: str) -> None:
    with within():
        try:
            article = parse_article("---\ntitle: Fuzz\n---\n\n" + body, "fuzz")
        except ArticleFormatError:
            return  # no body text
        render_article(article)


@FUZZ
@given(joined(HTML_PIECES))
def test_fuzzed_html_imports_or_is_refused(page: str) -> None:
    with within():
        try:
            article = convert_source(page, "page.html").article
        except ArticleFormatError:
            return
        render_article(article)
