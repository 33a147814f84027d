"""`energybrowser import` and `energybrowser corpus list --json`, end to end through the CLI."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from energybrowser.cli import main
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.library import Library
from energybrowser.paths import DataPaths
from tests.conftest import FIXTURES, REPO, SEEDS

IMPORT = FIXTURES / "import"
BUNDLED = REPO / "corpus"
# The seeds sit beside the main checkout; a worktree is one level deeper.
SEED_DIR = next((p / "shared" / "seeds" for p in REPO.parents if (p / "shared" / "seeds").is_dir()), SEEDS)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _list(capsys: pytest.CaptureFixture[str], corpus: Path) -> list[dict]:
    status, out, err = _run(capsys, "--corpus", str(corpus), "corpus", "list", "--json")
    assert status == 0, err
    return json.loads(out)


def test_corpus_list_json_on_the_bundled_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {row["source"]: row for row in _list(capsys, BUNDLED)}
    assert len(rows) == 5
    assert all(row["language"] == "en" and row["paragraphs"] > 0 for row in rows.values())
    notes = rows["002_d34a3547bf562aa8.txt"]
    assert notes["footnotes"] == 8
    assert notes["authors"] == ["Şeyma Kızılay"]
    yearless = rows["003_a5926ffe191d348d.txt"]
    assert (yearless["date"], yearless["date_text"]) == ("--10-24", "Oct 24")
    assert yearless["authors"] == [{"name": "Times Tengri", "organization": True}]
    agency = rows["004_4b89f9ee8b676db5.txt"]
    assert (agency["publisher"], agency["authors"], agency["date"]) == ("Azernews", [], "2022-08-25")
    # No title is stated in these two texts, so none is given.
    assert rows["000_381936e708b508b3.txt"]["title"] == "" == agency["title"]


def test_corpus_list_on_a_folder_of_raw_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("wire-story.txt", "analysis-with-notes.txt", "pipeline-deal.html"):
        shutil.copy(IMPORT / name, tmp_path / name)
    rows = {row["source"]: row for row in _list(capsys, tmp_path)}
    assert set(rows) == {"wire-story.txt", "analysis-with-notes.txt", "pipeline-deal.html"}
    assert rows["wire-story.txt"]["authors"] == ["Jane Doe"]
    assert rows["analysis-with-notes.txt"]["footnotes"] == 3
    assert rows["pipeline-deal.html"]["publisher"] == "Caspian Ledger"


def test_import_writes_articles_that_read_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "library"
    status, out, err = _run(capsys, "import", str(IMPORT), "--into", str(into))
    assert status == 0, err
    written = sorted(into.glob("*.md"))
    count = len(list(IMPORT.iterdir()))
    assert len(written) == count
    assert f"imported {count}, skipped 0 duplicate(s), failed 0" in out
    assert not list(into.glob(".*"))  # no temp files left behind
    for path in written:
        article = parse_article(path.read_text(encoding="utf-8"))
        assert f"{article.id}.md" == path.name
        assert article.meta.source


def test_corpus_list_shows_each_article_and_where_the_articles_are(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "import", str(IMPORT / "wire-story.txt"))[0] == 0
    status, out, err = _run(capsys, "corpus", "list")
    assert status == 0, err
    *lines, summary = out.splitlines()
    assert len(lines) == 6
    imported_dir = private_data_dir / "data" / "articles"
    assert summary == f"6 article(s): 5 in {BUNDLED.resolve()}, 1 imported in {imported_dir}"
    # The dates stand in one column, whatever the ids' lengths.
    width = max(len(line.split()[0]) for line in lines)
    assert all(line[width : width + 2] == "  " and line[width + 2] != " " for line in lines)
    untitled = next(line for line in lines if line.startswith("azerbaijani-state-oil-company-socar-and "))
    assert "2022-08-25" in untitled and "[Untitled: Azerbaijani State Oil Company (SOCAR)" in untitled
    assert any(line.startswith("the-energy-factor-in-astana-baku-relations ") for line in lines)


def test_import_defaults_to_the_users_imported_articles(
    private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "import", str(IMPORT / "wire-story.txt"))
    assert status == 0, err
    target = private_data_dir / "data" / "articles"
    assert [p.name for p in target.glob("*.md")] == [
        "kazakhstan-and-azerbaijan-agree-to-expand-caspian-oil.md"
    ]


def test_duplicates_and_name_clashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "library"
    source = IMPORT / "wire-story.txt"
    assert _run(capsys, "import", str(source), "--into", str(into))[0] == 0
    before = {p.name: p.read_bytes() for p in into.iterdir()}

    # The same text again (even with other spacing and case) is a duplicate: nothing changes.
    again = tmp_path / "again.txt"
    again.write_text(source.read_text(encoding="utf-8").replace("  ", " ").upper(), encoding="utf-8")
    status, _, err = _run(capsys, "import", str(source), str(again), "--into", str(into))
    assert status == 0
    assert err.count("skipped: same text as kazakhstan-and-azerbaijan") == 2
    assert {p.name: p.read_bytes() for p in into.iterdir()} == before

    # Another article with the same title gets a unique id, and says so.
    clash = tmp_path / "clash.txt"
    clash.write_text(
        "Kazakhstan and Azerbaijan agree to expand Caspian oil shipments\n\n"
        "A different story under the same headline, about rail freight rather than oil, with new figures.\n",
        encoding="utf-8",
    )
    status, _, err = _run(capsys, "import", str(clash), "--into", str(into))
    assert status == 0
    assert "is taken" in err and "kazakhstan-and-azerbaijan-agree-to-expand-caspian-oil-2" in err
    assert (into / "kazakhstan-and-azerbaijan-agree-to-expand-caspian-oil-2.md").exists()
    assert {p.name: p.read_bytes() for p in into.iterdir() if p.name in before} == before


def test_bad_input_fails_per_file_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.html").write_bytes(b"\x00\x01\x02 binary")
    (inbox / "ok.txt").write_text((IMPORT / "agency-brief.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (inbox / "notes.pdf").write_bytes(b"%PDF")  # not an article type: ignored inside a folder
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\n\nThis file lives outside the folder being imported and must not be read.\n")
    os.symlink(outside, inbox / "link.txt")
    (inbox / "a..b.txt").write_text(
        "Sneaky\n\nA name with two dots in a row is refused outright by the importer.\n"
    )
    into = tmp_path / "library"

    status, out, err = _run(capsys, "import", str(inbox), str(tmp_path / "missing.txt"), "--into", str(into))
    assert status == 1
    lines = err.strip().splitlines()
    assert all("Traceback" not in line for line in lines)
    assert any("empty.txt: error: file is empty" in line for line in lines)
    assert any("binary.html: error: file is binary" in line for line in lines)
    assert any("link.txt: error: symbolic link to outside the folder" in line for line in lines)
    assert any("a..b.txt: error: file name contains '..'" in line for line in lines)
    assert any("missing.txt: error: no such file or folder" in line for line in lines)
    assert "imported 1, skipped 0 duplicate(s), failed 5" in out
    assert [p.name for p in into.iterdir()] == ["qazaqgaz-and-socar-sign-gas-processing-agreement.md"]


def test_into_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    status, _, err = _run(capsys, "import", str(IMPORT / "wire-story.txt"), "--into", str(not_a_folder))
    assert status == 2 and "is not a folder" in err


def test_load_library_adds_imported_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported = tmp_path / "articles"
    assert _run(capsys, "import", str(IMPORT / "wire-story.txt"), "--into", str(imported))[0] == 0
    # An import that repeats a bundled article is skipped by the library, with a problem noted.
    shutil.copy(BUNDLED / "the-energy-factor-in-astana-baku-relations.md", imported / "copy.md")
    library = Library.open(BUNDLED, DataPaths(imported.parent, tmp_path / "config", tmp_path / "cache"))
    assert len(library) == 6
    assert "kazakhstan-and-azerbaijan-agree-to-expand-caspian-oil" in library.ids()
    assert any("same text" in p.message for p in library.problems)
    assert len(Library.open(BUNDLED, DataPaths.resolve(tmp_path / "none-yet"))) == 5


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="seed articles are not in this checkout")
def test_bundled_corpus_is_what_the_importer_makes_of_the_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "fresh"
    status, _, err = _run(capsys, "import", str(SEED_DIR), "--into", str(into))
    assert status == 0, err
    fresh = {p.name: p.read_text(encoding="utf-8") for p in into.glob("*.md")}
    bundled = {p.name: p.read_text(encoding="utf-8") for p in BUNDLED.glob("*.md")}
    assert fresh == bundled


def test_dry_run_writes_nothing_and_shows_the_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "library"
    status, out, _ = _run(
        capsys, "import", "--dry-run", str(IMPORT / "analysis-with-notes.txt"), "--into", str(into)
    )
    assert status == 0
    assert not into.exists()
    assert "authors: Dmitri Volkov" in out and "12 May 2023 (12.05.2023)" in out
    assert "left out (counter): 5 min read" in out
    assert "would import 1, skipped 0 duplicate(s), failed 0" in out
