"""Files as editors and other systems write them: old Mac line ends (CR only) no longer hide the
front matter, UTF-16 and UTF-32 files with a byte order mark are decoded (they were refused as
binary for their NUL bytes), and a symbolic link to itself in a folder is one line, not a
traceback, whether the folder is imported or opened as a corpus."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus

ARTICLE = (
    "---\ntitle: Ferry talks in Aktau\ndate: 2023-04-01\n---\n\nFerry talks between Aktau and Alat went on.\n"
)
ENCODINGS = {
    "cr-only": (ARTICLE.replace("\n", "\r"), "utf-8", b""),
    "crlf": (ARTICLE.replace("\n", "\r\n"), "utf-8", b""),
    "utf-16-le": (ARTICLE, "utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be": (ARTICLE, "utf-16-be", codecs.BOM_UTF16_BE),
    "utf-32-le": (ARTICLE, "utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be": (ARTICLE, "utf-32-be", codecs.BOM_UTF32_BE),
    "utf-8-bom": (ARTICLE, "utf-8", codecs.BOM_UTF8),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_line_ends_and_byte_order_marks_are_read(tmp_path: Path, name: str) -> None:
    text, codec, bom = ENCODINGS[name]
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / f"{name}.md").write_bytes(bom + text.encode(codec))
    (folder / f"{name}-plain.txt").write_bytes(
        bom + "Plain ferry note\n\nA ferry left Aktau.\n".encode(codec)
    )
    corpus = load_corpus(folder)
    assert not corpus.problems, corpus.problems
    titles = {a.title for a in corpus.articles}
    assert titles == {"Ferry talks in Aktau", "Plain ferry note"}
    report = import_paths([folder], tmp_path / "into")
    assert [r.status for r in report.results] == ["imported", "imported"], report.problems
    assert {r.outcome.article.title for r in report.results} == titles


def test_a_link_to_itself_in_a_corpus_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.md").write_text(ARTICLE)
    (folder / "loop.md").symlink_to("loop.md")
    assert cli_main(["--corpus", str(folder), "corpus", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Ferry talks in Aktau" in out and "Traceback" not in err


def test_import_and_a_corpus_folder_take_the_same_file_names(tmp_path: Path) -> None:
    from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES
    from energybrowser.corpus.loader import ARTICLE_SUFFIXES

    assert sorted(IMPORTABLE_SUFFIXES) == sorted(ARTICLE_SUFFIXES)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for suffix in ARTICLE_SUFFIXES:
        (folder / f"ferry{suffix.replace('.', '-')}{suffix}").write_text(
            f"---\ntitle: Ferry note {suffix}\n---\n\nA ferry left Aktau for Alat ({suffix}).\n"
            if suffix in (".md", ".markdown")
            else f"Ferry note {suffix}\n\nA ferry left Aktau for Alat ({suffix}).\n"
            if suffix == ".txt"
            else f"<html><body><h1>Ferry note {suffix}</h1><p>A ferry left ({suffix}).</p></body></html>"
        )
    loaded = {a.title for a in load_corpus(folder).articles}
    imported = {
        r.outcome.article.title for r in import_paths([folder], tmp_path / "into").results if r.outcome
    }
    assert loaded == imported and len(loaded) == len(ARTICLE_SUFFIXES)
