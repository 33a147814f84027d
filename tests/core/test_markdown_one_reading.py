"""A Markdown file is the same article whether a folder holding it is opened as a corpus or it is
imported: one reading (`read_markdown`) for both, with or without front matter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from energybrowser.corpus.importer import convert_file
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.model import Article, Author, PartialDate
from tests.conftest import FIXTURES

PROSE = (
    "SOCAR and KazMunayGas signed a memorandum on the joint development of two offshore blocks in the "
    "Caspian Sea, the ministry said on Tuesday, adding that talks on a pipeline link would go on."
)

NO_FRONT_MATTER = {
    "atx-title.md": (
        f"# Caspian ferry capacity doubles\n\nBy Jane Doe | 12 May 2023\n\n{PROSE}\n\nMore to come.\n"
    ),
    "setext-title.md": f"Gas talks resume in Baku\n========================\n\n{PROSE} Baku hosts them.\n",
    "no-title.md": f"{PROSE}\n\n{PROSE.replace('Tuesday', 'Friday')}\n",
    "lists-and-notes.md": (
        f"# Blocks on offer\n\n{PROSE}[^1]\n\n- Block A lies onshore.\n- Block B lies offshore.\n\n"
        "1. First round\n2. Second round\n\n[^1]: Ministry statement, 2 April 2024.\n"
    ),
    "Новости газа.md": f"# Газовые переговоры\n\n{PROSE} Москва молчит.\n",
    "only-a-heading-then-furniture.md": (
        f"# Pipeline news\n\nShare on Twitter | Share on Facebook\n\n{PROSE} Aktau waits.\n"
    ),
}


def _reading(article: Article) -> tuple[object, ...]:
    blocks = [(b.kind, b.number, b.text) for b in article.blocks]
    notes = [(f.label, f.text) for f in article.footnotes]
    return (article.meta, article.text, blocks, notes, article.content_hash)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in NO_FRONT_MATTER.items():
        (src / name).write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "import" / "gas-note-no-front-matter.md", src)
    return src


def test_a_folder_and_import_read_a_file_without_front_matter_alike(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert not corpus.problems
    by_source = {a.meta.source: a for a in corpus.articles}
    assert set(by_source) == {p.name for p in folder.iterdir()}
    for path in folder.iterdir():
        imported = convert_file(path).article
        assert imported is not None, path.name
        assert _reading(by_source[path.name]) == _reading(imported), path.name


def test_the_reading_states_title_byline_date_and_keeps_the_paragraphs(folder: Path) -> None:
    corpus = load_corpus(folder)
    atx = corpus.get("atx-title")
    assert atx.meta.title == "Caspian ferry capacity doubles"
    assert atx.meta.authors == (Author("Jane Doe"),) and atx.meta.date == PartialDate(2023, 5, 12)
    assert [p.text for p in atx.paragraphs] == [PROSE, "More to come."]
    assert corpus.get("setext-title").meta.title == "Gas talks resume in Baku"
    untitled = corpus.get("no-title")
    assert untitled.meta.title == "" and len(untitled.paragraphs) == 2
    listed = corpus.get("lists-and-notes")
    assert [p.text for p in listed.paragraphs][1:3] == ["Block A lies onshore.", "Block B lies offshore."]
    assert [f.text for f in listed.footnotes] == ["Ministry statement, 2 April 2024."]
    assert "Share on" not in corpus.get("only-a-heading-then-furniture").text
    # The id is the file's name (a file keeps the id reviews are keyed on); a name no slug keeps
    # (Cyrillic) gives way to the romanised title.
    assert corpus.get("gazovye-peregovory").meta.title == "Газовые переговоры"


def test_an_imported_file_reads_back_as_the_folder_read_it(folder: Path, tmp_path: Path) -> None:
    into = tmp_path / "library"
    report = import_paths([folder], into)
    assert report.count("imported") == len(NO_FRONT_MATTER) + 1, report.problems
    as_folder = {a.id: a for a in load_corpus(folder).articles}
    as_imported = {a.id: a for a in load_corpus(into).articles}
    assert set(as_imported) == set(as_folder)  # an imported file keeps its name
    for article_id, article in as_folder.items():
        back = as_imported[article_id]
        assert (back.meta, back.text, [b.number for b in back.blocks]) == (
            article.meta,
            article.text,
            [b.number for b in article.blocks],
        )


def test_front_matter_of_other_tools_reads_alike_in_a_folder(tmp_path: Path) -> None:
    """A web clipper's `published:` date and `author: [[link]]` are read by the folder as by import."""
    shutil.copy(FIXTURES / "import" / "web-clipper.md", tmp_path)
    (article,) = load_corpus(tmp_path).articles
    assert article.meta.date == PartialDate(2023, 11, 7)
    assert article.meta.authors == (Author("Merdan Atayev"),)
    imported = convert_file(tmp_path / "web-clipper.md").article
    assert imported is not None and _reading(imported) == _reading(article)
