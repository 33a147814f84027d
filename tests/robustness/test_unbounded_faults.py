"""Unbounded work from one input: a 5 MB Markdown file of `- x` lines (1.25 million list items)
took 4 minutes to load and made `search` run past 25 minutes; an article with 20,000 footnotes
blocked the GUI thread for 30 s in `setHtml`. Parsing is now bounded by the input's size (at most
`MAX_BLOCKS` paragraphs and `MAX_MARKDOWN_NOTES` footnotes through Markdown; the rest is read as
text), and the reader shows at most `max_blocks` paragraphs and `max_footnotes` notes, with a note
saying what was left out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.markdown_io import MAX_BLOCKS, parse_article
from energybrowser.render import render_article
from energybrowser.search.documents import extract_annotations
from tests.robustness.faults import FAULT_BOUND, within


def list_lines(size: int = 5_000_000) -> str:
    return "---\ntitle: Endless list\n---\n\nSOCAR and QazaqGaz signed a memorandum.\n\n" + "- x\n" * (
        size // 4
    )


def many_notes(count: int = 20_000) -> str:
    refs = "".join(f" claim {i}[^{i}]." for i in range(count))
    notes = "".join(f"[^{i}]: Source {i}, see *page* {i}.\n" for i in range(count))
    return f"---\ntitle: Many notes\n---\n\nSOCAR met QazaqGaz.{refs}\n\n{notes}"


def list_cost(size: int) -> float:
    """CPU seconds (this process only: other processes on a busy machine do not count) to load,
    render and analyse an article of `size` bytes of list lines."""
    started = time.process_time()
    article = parse_article(list_lines(size), "list")
    assert len(article.blocks) <= MAX_BLOCKS
    assert article.text.count("x") >= size // 4 - 1  # nothing lost: the rest is one block of text
    assert "shortened for display" in render_article(article).html
    extract_annotations(article)
    return time.process_time() - started


def test_list_lines_cost_time_linear_in_their_size() -> None:
    """Was 0.3 ms per list line (a paragraph each): 250 KB took 20 s, 5 MB four minutes."""
    small, large = list_cost(250_000), list_cost(1_000_000)
    assert small < FAULT_BOUND, f"250 KB took {small:.1f} s of CPU"
    assert large < 6 * small + 1, f"1 MB took {large:.1f} s of CPU against {small:.1f} s for 250 KB"


def test_a_big_list_file_loads_imports_and_is_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "list.md").write_text(list_lines(500_000), encoding="utf-8")
    with within(FAULT_BOUND * 4):
        assert len(load_corpus(corpus).articles[0].blocks) <= MAX_BLOCKS
        report = import_paths([corpus / "list.md"], tmp_path / "into")
        code = cli_main(["--corpus", str(corpus), "search", "memorandum"])
    assert report.results[0].status == "imported"
    assert code == 0 and "Endless list" in capsys.readouterr().out


def test_twenty_thousand_footnotes_parse_and_render_in_bounded_time() -> None:
    with within(FAULT_BOUND):
        article = parse_article(many_notes(), "notes")
    assert len(article.footnotes) == 20_000
    assert "Source 19999" in article.footnotes[-1].text
    with within(FAULT_BOUND):
        rendered = render_article(article)
    assert "more notes not shown" in rendered.html


def test_the_reader_shows_twenty_thousand_footnotes_within_the_bound(qtbot) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.reader import ReaderView

    article = parse_article(many_notes(), "notes")
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    with within(FAULT_BOUND), qtbot.waitSignal(view.render_finished, timeout=int(FAULT_BOUND * 1000)):
        view.show_article(article)  # a large article: rendered in a worker, shown when done
    view.grab()
    assert "SOCAR met QazaqGaz" in view.toPlainText()
