"""The analyst's curation lives in the catalogue as user data: it survives a newer analyser, a
re-import, a damaged catalogue (salvaged or restored from the backup) and moves in from the file an
earlier version kept; metadata overrides show in the article list and citations."""

from __future__ import annotations

import json
from pathlib import Path

from energybrowser.cli import main
from energybrowser.curation.session import curation_db
from energybrowser.curation.store import CurationStore
from energybrowser.library import Library, analysis
from energybrowser.library.library import catalogue_path
from energybrowser.paths import DataPaths
from tests.conftest import FIXTURES, REPO

SOURCE = "the-energy-factor-in-astana-baku-relations"


def _open(corpus: Path) -> Library:
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    return library


def _reviewed(corpus: Path) -> tuple[Library, str]:
    """A library with one agreement edited, one rejected; returns it and the edited one's id."""
    library = _open(corpus)
    agreements = library.reviewed_ledger().agreements
    edited, rejected = agreements[0], agreements[1]
    library.curation.edit(edited, {"subject": "checked subject", "date": "2022-08"})
    library.curation.reject(rejected, "not an agreement")
    return library, edited.id


def _states(library: Library) -> dict[str, tuple[str, str]]:
    return {a.id: (a.review.state, a.subject) for a in library.reviewed_ledger().agreements}


def test_reviews_are_user_tables_of_the_catalogue(corpus):
    library, edited = _reviewed(corpus)
    before = _states(library)
    assert before[edited] == ("edited", "checked subject")
    library.close()
    again = _open(corpus)
    assert _states(again) == before
    tables = {n for (n,) in again.catalogue.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"curation_agreement_reviews", "curation_metadata"} <= tables


def test_a_newer_analyser_reanalyses_and_the_reviews_stay(corpus, monkeypatch):
    library, _ = _reviewed(corpus)
    before = _states(library)
    library.close()
    monkeypatch.setattr(analysis, "ANALYSER_CODE", analysis.ANALYSER_CODE + "-newer")
    analysis.base_version.cache_clear()
    try:
        library = Library.open(corpus, DataPaths.resolve())
        assert len(library.pending()) == len(library)  # everything is analysed again
        library.analyse()
        assert _states(library) == before
    finally:
        analysis.base_version.cache_clear()


def test_a_damaged_catalogue_gives_the_reviews_back_from_its_backup(corpus):
    library, _ = _reviewed(corpus)
    before = _states(library)
    assert library.catalogue.backup_user_data(force=True) is not None
    library.close()
    path = catalogue_path(DataPaths.resolve(), corpus)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x20  # no longer a SQLite file: the catalogue is rebuilt from the article files
    path.write_bytes(bytes(data))
    library = _open(corpus)
    assert "restored from its backup" in library.notices[0]
    assert _states(library) == before


def test_damaged_cache_rows_without_a_backup_keep_the_reviews(corpus):
    import sqlite3

    library, _ = _reviewed(corpus)
    before = _states(library)
    library.close()
    path = catalogue_path(DataPaths.resolve(), corpus)
    path.with_name(path.name + ".backup").unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    where = data.find(b'"publisher":"Azernews"')  # inside one article's cached metadata
    assert where > 0
    data[where] = ord("{")
    path.write_bytes(bytes(data))
    library = _open(corpus)
    assert _states(library) == before


def test_the_reviews_of_an_earlier_version_move_into_the_catalogue(corpus):
    paths = DataPaths.resolve()
    library = _open(corpus)
    agreement = library.reviewed_ledger().agreements[0]
    library.close()
    old = curation_db(paths, corpus)
    with CurationStore(old) as interim:
        from energybrowser.curation.records import confirm, start_review

        interim.put_review(confirm(start_review(agreement, library.get(agreement.article).text)))
    library = _open(corpus)
    assert library.reviewed_ledger().get(agreement.id).review.state == "confirmed"
    assert not old.exists() and old.with_name(old.name + ".moved-to-catalogue").exists()


def test_metadata_overrides_show_in_the_list_and_the_citation(corpus, capsys):
    def run(*argv: str) -> str:
        assert main(["--corpus", str(corpus), *argv]) == 0
        return capsys.readouterr().out

    run(
        "review", "metadata", SOURCE, "--set", "publisher=Eurasia Research Institute", "--set", "date=2023-04"
    )
    rows = {row["id"]: row for row in json.loads(run("corpus", "list", "--json"))}
    assert rows[SOURCE]["publisher"] == "Eurasia Research Institute" and rows[SOURCE]["date"] == "2023-04"
    assert "Eurasia Research Institute" in run("cite", SOURCE, "--style", "chicago")
    run("review", "metadata", SOURCE, "--set", "publisher=", "--set", "date=")  # back to the file's
    rows = {row["id"]: row for row in json.loads(run("corpus", "list", "--json"))}
    assert rows[SOURCE]["publisher"] == "" and rows[SOURCE]["date"] == ""


def test_a_review_of_an_imported_article_survives_its_reimport(corpus, capsys, private_data_dir):
    def run(*argv: str) -> str:
        status = main(["--corpus", str(corpus), *argv])
        out, err = capsys.readouterr()
        assert status == 0, err
        return out

    run("import", str(FIXTURES / "import" / "agency-brief.txt"))
    imported = [a for a in json.loads(run("agreements", "--json")) if a["article"] not in _bundled_ids()]
    assert imported, "the fixture reports an agreement"
    target = imported[0]
    run("review", "edit", target["id"], "--set", "place=Aktau")
    for path in DataPaths.resolve().imported_articles.iterdir():
        path.unlink()
    run("import", str(FIXTURES / "import" / "agency-brief.txt"))
    after = {a["id"]: a for a in json.loads(run("agreements", "--json"))}
    same = next(a for a in after.values() if a["evidence"]["text"] == target["evidence"]["text"])
    assert same["place"] == "Aktau" and same["review"]["state"] == "edited"


def _bundled_ids() -> set[str]:
    return {p.stem for p in (REPO / "corpus").glob("*.md")}


def test_every_review_command_leaves_a_backup_that_a_damaged_catalogue_comes_back_from(corpus, capsys):
    def run(*argv: str) -> str:
        status = main(["--corpus", str(corpus), *argv])
        out, err = capsys.readouterr()
        assert status == 0, err
        return out

    target = json.loads(run("agreements", "--json"))[0]["id"]
    run("review", "confirm", target, "--note", "seen the original")
    path = catalogue_path(DataPaths.resolve(), corpus)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x20
    path.write_bytes(bytes(data))
    (after,) = [a for a in json.loads(run("agreements", "--json")) if a["id"] == target]
    assert after["review"]["state"] == "confirmed" and after["review"]["note"] == "seen the original"
