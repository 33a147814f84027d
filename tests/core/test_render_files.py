"""Hostile and pathological article files load and render to bounded, inert HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.markdown_text import MAX_MARKDOWN_CHARS, block_text
from energybrowser.render import render_article
from tests.render_helpers import READER_FIXTURES, styled, unsafe_markup

FRONT = "---\ntitle: {title}\n---\n\n"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copy(READER_FIXTURES / "hostile.md", folder / "hostile.md")
    files = {
        "huge-line.md": "Intro.\n\n" + ("*pipe* line " * 420_000)[:5_000_000] + "\n\nOutro.",
        "deep-list.md": "".join("  " * i + "- level\n" for i in range(1000)),
        "deep-quote.md": "> " * 1000 + "quoted",
        "deep-tables.md": "<table><tr><td>" * 1000 + "cell" + "</td></tr></table>" * 1000,
        "scripts.html": "<html><body><script>alert(1)</script><p>Body <iframe src='file:///etc/passwd'>"
        "</iframe> text</p></body></html>",
    }
    for name, body in files.items():
        text = body if name.endswith(".html") else FRONT.format(title=name) + body
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_hostile_file_loads_and_renders_bounded(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    assert not corpus.problems, corpus.problems
    assert len(corpus) == 6
    for article in corpus:
        html = render_article(article).html
        assert len(html) < 200_000, article.id
        assert unsafe_markup(html) == [], article.id
        assert styled(html).text().strip()


def test_markdown_is_skipped_where_it_would_take_minutes() -> None:
    long_line = ("*pipe* " * 20_000)[: MAX_MARKDOWN_CHARS + 1]
    assert block_text(long_line).startswith("*pipe* *pipe*")  # plain, not rendered emphasis
    nested = "".join("  " * i + "- x\n" for i in range(1000))
    assert block_text(nested).startswith("- x - x")
    assert block_text("- x\n  - *y*") == "x y"  # normal nesting is still Markdown
