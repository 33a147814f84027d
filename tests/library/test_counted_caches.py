"""Caches kept by SQLite's own count of a table's changes (`library/change_counts.py`): the article
rows kept as one blob (`row_snapshot`), read by a start while the articles table is as it was, and
the entity facets of the whole list, counted once for each state of the facets table. Either is
read again as soon as anything — this process, another one, a file changed on disk — changed its
table, and only then."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from energybrowser.library import Library, row_snapshot
from energybrowser.library.catalogue import Catalogue, catalogue_path
from energybrowser.library.entry import ROW_COLUMNS
from energybrowser.paths import DataPaths
from tests.conftest import REPO

SQL = f"SELECT {ROW_COLUMNS} FROM articles ORDER BY origin != 'corpus', path"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", folder)
    return folder


def _db(corpus: Path) -> sqlite3.Connection:
    return sqlite3.connect(catalogue_path(DataPaths.resolve(), corpus.resolve()))


def _blob_count(corpus: Path) -> int | None:
    with _db(corpus) as conn:
        found = conn.execute("SELECT generation FROM derived WHERE name = ?", (row_snapshot.NAME,)).fetchone()
    return None if found is None else int(found[0])


def _listed(library: Library) -> list[tuple[str, str, str, str]]:
    return [(e.id, e.title, e.date_iso, e.content_hash) for e in library.entries]


def _open(corpus: Path) -> Library:
    return Library.open(corpus, DataPaths.resolve(), look_later=True)


def _read(corpus: Path) -> tuple[list[tuple[object, ...]], int | None]:
    """What a start would read now (the catalogue alone: opening a library keeps the rows again)."""
    catalogue = Catalogue.open(catalogue_path(DataPaths.resolve(), corpus.resolve()))
    try:
        return row_snapshot.read(catalogue, SQL)
    finally:
        catalogue.close()


def test_a_second_start_reads_the_rows_from_the_blob_and_lists_the_same(corpus: Path) -> None:
    first = Library.open(corpus, DataPaths.resolve())  # reads the files, keeps the rows
    listed = _listed(first)
    first.close()
    assert _blob_count(corpus) is not None
    rows, count = _read(corpus)
    assert count is None  # from the blob: nothing to keep again
    with _db(corpus) as conn:
        assert rows == conn.execute(SQL).fetchall()
    second = _open(corpus)
    try:
        assert _listed(second) == listed and len(listed) == 5
    finally:
        second.close()


def test_another_process_changing_an_article_row_makes_the_blob_stale(corpus: Path) -> None:
    Library.open(corpus, DataPaths.resolve()).close()
    kept = _blob_count(corpus)
    with _db(corpus) as conn:  # as another process would: the triggers count it
        conn.execute(
            "UPDATE articles SET display_title = 'Changed elsewhere' "
            "WHERE key = (SELECT min(key) FROM articles)"
        )
    rows, count = _read(corpus)
    assert count is not None and count != kept  # read from SQL again
    assert "Changed elsewhere" in {r[9] for r in rows}
    reopened = _open(corpus)  # ... and kept again for the start after
    reopened.close()
    assert _blob_count(corpus) == count
    assert _read(corpus)[1] is None


def test_a_file_changed_while_closed_is_listed_anew(corpus: Path) -> None:
    Library.open(corpus, DataPaths.resolve()).close()
    path = sorted(corpus.glob("*.md"))[0]
    path.write_text(
        path.read_text(encoding="utf-8").replace("title:", "title: Edited —", 1), encoding="utf-8"
    )
    library = _open(corpus)
    try:
        library.refresh()
        assert any(e.title.startswith("Edited —") for e in library.entries)
    finally:
        library.close()
    again = _open(corpus)  # the next start, from the blob kept after that refresh
    try:
        assert _read(corpus)[1] is None
        assert any(e.title.startswith("Edited —") for e in again.entries)
    finally:
        again.close()


@pytest.mark.parametrize("damage", [b"not marshal data", b"", b"\xe9\x00\x01"])
def test_a_damaged_blob_is_read_past_and_written_again(corpus: Path, damage: bytes) -> None:
    first = Library.open(corpus, DataPaths.resolve())
    listed = _listed(first)
    first.close()
    with _db(corpus) as conn:  # the count stays: only the blob's bytes are bad
        conn.execute("UPDATE derived SET value = ? WHERE name = ?", (damage, row_snapshot.NAME))
    library = _open(corpus)
    try:
        assert _listed(library) == listed
    finally:
        library.close()
    with _db(corpus) as conn:
        value = conn.execute("SELECT value FROM derived WHERE name = ?", (row_snapshot.NAME,)).fetchone()[0]
    assert value != damage


def test_a_rebuilt_cache_counts_again_and_never_trusts_an_old_blob(corpus: Path) -> None:
    Library.open(corpus, DataPaths.resolve()).close()
    with _db(corpus) as conn:
        before = int(
            conn.execute("SELECT value FROM state WHERE name = ?", ("articles_version",)).fetchone()[0]
        )
        conn.execute("DROP TRIGGER articles_counted_update")  # e.g. a catalogue an older version wrote
    library = _open(corpus)  # the trigger is back, and the count moved past every blob's
    library.close()
    with _db(corpus) as conn:
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        after = int(
            conn.execute("SELECT value FROM state WHERE name = ?", ("articles_version",)).fetchone()[0]
        )
    assert {"articles_counted_insert", "articles_counted_update", "articles_counted_delete"} <= triggers
    assert after > before


def _stored_facets(corpus: Path) -> tuple[int, dict[str, dict[str, int]]] | None:
    with _db(corpus) as conn:
        found = conn.execute("SELECT generation, value FROM derived WHERE name = 'facets/table'").fetchone()
    return None if found is None else (int(found[0]), json.loads(found[1]))


def test_the_entity_facets_are_kept_across_other_writes_and_follow_their_table(corpus: Path) -> None:
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    _entries, facets = library.browse({})
    kept = _stored_facets(corpus)
    assert kept is not None and facets["entity"]
    name, count = facets["entity"][0]
    assert kept[1]["entity"][name] == count
    library.catalogue.run_write(  # a write elsewhere (the generation moves): the facets stay kept
        lambda conn: conn.execute("INSERT INTO metadata_overrides VALUES('x', '{}', 't')")
    )
    library.close()
    with _db(corpus) as conn:  # another process: one article no longer names the top entity
        conn.execute(
            "DELETE FROM facets WHERE field = 'entity' AND value = ? AND key = "
            "(SELECT min(key) FROM facets WHERE field = 'entity' AND value = ?)",
            (name, name),
        )
    again = _open(corpus)
    try:
        assert _stored_facets(corpus) == kept  # not counted again by opening
        _entries, after = again.browse({})
        assert dict(after["entity"]).get(name, 0) == count - 1
        assert dict(after["publisher"]) == dict(facets["publisher"])
        stored = _stored_facets(corpus)
        assert stored is not None and stored[0] != kept[0] and stored[1]["entity"].get(name, 0) == count - 1
    finally:
        again.close()
