"""`import_paths`: the import the CLI and the app share, reported file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.corpus.importer.library import body_fingerprint, import_paths
from energybrowser.corpus.loader import load_corpus
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "import"


def test_report_per_file(tmp_path: Path) -> None:
    into = tmp_path / "library"
    (tmp_path / "empty.md").write_text("")
    report = import_paths([IMPORT / "wire-story.txt", IMPORT / "wire-story.txt", tmp_path / "empty.md"], into)
    assert [r.status for r in report.results] == ["imported", "duplicate", "failed"]
    assert report.results[0].written == into / "kazakhstan-and-azerbaijan-agree-to-expand-caspian-oil.md"
    assert report.failed
    assert report.summary().startswith("imported 1, skipped 1 duplicate(s), failed 1")
    assert len(load_corpus(into)) == 1


def test_html_and_text_of_one_article_are_duplicates(tmp_path: Path) -> None:
    text = "Ferry line opens\n\nA new ferry line links Aktau and Baku from Monday, the operator said today.\n"
    page = (
        "<html><head><title>Ferry line opens</title></head><body><nav>Home</nav>"
        "<p>A new ferry line links Aktau and Baku from Monday, the operator said today.</p></body></html>"
    )
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.html").write_text(page)
    report = import_paths([tmp_path / "a.txt", tmp_path / "b.html"], tmp_path / "out")
    assert [r.status for r in report.results] == ["imported", "duplicate"]
    first, second = (r.outcome.article for r in report.results)
    assert body_fingerprint(first) == body_fingerprint(second)


def test_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        import_paths([IMPORT / "wire-story.txt"], tmp_path / "file")
