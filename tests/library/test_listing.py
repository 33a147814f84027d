"""`corpus list` straight from the catalogue: the same list, ids and warnings as the library shows,
read with SQL when the files did not change, through the full open when they did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from energybrowser.cli import main
from energybrowser.library import Library, listing
from energybrowser.library.catalogue import Catalogue, catalogue_path
from energybrowser.paths import DataPaths
from tests.conftest import REPO

BUNDLED = REPO / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled articles plus what a real folder holds: an id clash, a file that cannot be read
    (invalid front matter) and one read with a note (bytes that are not UTF-8)."""
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED, folder)
    first = _bundled(0).read_text(encoding="utf-8")
    clash = first.replace("\n\n", "\n\nA sentence of its own.\n\n", 1)
    (folder / "zz-copy-of-first.md").write_text(clash, encoding="utf-8")
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    latin1 = "Caf\xe9 report on gas transit.\n\nSecond paragraph.\n".encode("latin-1")
    (folder / "latin1.txt").write_bytes(latin1)
    return folder


def _bundled(n: int) -> Path:
    return sorted(BUNDLED.glob("*.md"))[n]


def _imported_duplicate() -> None:
    """The user imported an article the corpus holds already (same text): it is skipped."""
    imported = DataPaths.resolve().imported_articles
    imported.mkdir(parents=True, exist_ok=True)
    shutil.copy(_bundled(1), imported / "again.md")


def _fast(corpus: Path) -> listing.Listing | None:
    paths = DataPaths.resolve()
    catalogue = Catalogue.open(catalogue_path(paths, corpus))
    try:
        return listing._from_catalogue(catalogue, corpus, paths)
    finally:
        catalogue.close()


def _as_library_shows(corpus: Path) -> tuple[list[dict[str, object]], list[str]]:
    library = Library.open(corpus, DataPaths.resolve())
    try:
        rows = []
        for entry in library.entries:
            row = entry.meta.to_mapping()
            row.update(paragraphs=entry.paragraphs, footnotes=entry.footnotes)
            rows.append({**row, "content_hash": entry.content_hash})
        return rows, [str(p) for p in library.problems]
    finally:
        library.close()


def test_an_unchanged_library_is_listed_from_the_catalogue_as_the_library_shows_it(corpus: Path) -> None:
    _imported_duplicate()
    expected_rows, expected_problems = _as_library_shows(corpus)  # fills the catalogue
    fast = _fast(corpus)
    assert fast is not None, "nothing changed: no file is read, no article decoded"
    assert [json.loads(a.json) for a in fast.articles] == expected_rows
    assert [a.id for a in fast.articles] == [r["id"] for r in expected_rows]
    assert [str(p) for p in fast.problems] == expected_problems
    said = " ".join(expected_problems)
    assert "is taken; loaded as" in said and "same text as an article already loaded" in said
    assert "broken.md" in said and "latin1.txt" in said  # unreadable, and read with a note


def test_a_file_changed_added_or_removed_is_listed_through_the_full_open(corpus: Path, capsys) -> None:
    _as_library_shows(corpus)
    target = corpus / _bundled(2).name
    text = target.read_text(encoding="utf-8").replace("\n\n", "\n\nAn added paragraph on gas.\n\n", 1)
    target.write_text(text, encoding="utf-8")
    assert _fast(corpus) is None
    assert main(["--corpus", str(corpus), "corpus", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == _as_library_shows(corpus)[0]
    assert _fast(corpus) is not None  # the open brought the catalogue in line
    (corpus / "new-one.md").write_text("---\ntitle: A new one\n---\n\nNew text.\n", encoding="utf-8")
    assert _fast(corpus) is None
    target.unlink()
    assert main(["--corpus", str(corpus), "corpus", "list", "--json"]) == 0
    ids = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert "new-one" in ids and len(ids) == len(_as_library_shows(corpus)[0])


def test_corpus_list_prints_one_article_a_line_and_the_same_text_listing(corpus: Path, capsys) -> None:
    _as_library_shows(corpus)
    assert main(["--corpus", str(corpus), "corpus", "list", "--json"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert all(json.loads(line.strip().rstrip(",")) for line in lines[1:-1])
    assert main(["--corpus", str(corpus), "corpus", "list"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[-1].startswith(f"{len(lines) - 2} article(s): ")
    assert text[0].split()[0] == json.loads(lines[1].rstrip(","))["id"]
