"""The data folder does not grow with use: many one-article updates and rebuilds leave the same
number of files and about the same bytes (old index generations and their segments are removed,
the catalogue's write-ahead log is cut back after a large write)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from energybrowser.library import Library
from energybrowser.library.catalogue import WAL_LIMIT_BYTES
from energybrowser.paths import DataPaths
from tests.robustness.faults import write_articles


def _usage(folder: Path) -> tuple[int, int]:
    """Files and bytes under `folder` (a file hard-linked into two generations counted once)."""
    seen: set[int] = set()
    files = size = 0
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            info = os.lstat(os.path.join(parent, name))
            files += 1
            if info.st_ino not in seen:
                seen.add(info.st_ino)
                size += info.st_size
    return files, size


def _edit(path: Path, n: int) -> None:
    """A change that keeps the article's size: its last line says which edit this is."""
    text = path.read_text(encoding="utf-8").rsplit("\n\nEdit number ", 1)[0]
    path.write_text(f"{text}\n\nEdit number {n:06d}.\n", encoding="utf-8")


def _update(library: Library) -> None:
    library.refresh()
    library.analyse()
    library.search_engine().ensure_index()


def test_many_one_article_updates_and_rebuilds_leave_the_data_folder_as_large_as_it_was(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 0, 30)
    paths = DataPaths.resolve(tmp_path / "data")
    library = Library.open(corpus, paths)
    files = sorted(corpus.glob("*.md"))
    for path in files:
        _edit(path, 0)
    _update(library)
    indexes = paths.data / "indexes"
    steady: list[tuple[int, int]] = []
    for n in range(1, 27):
        _edit(files[n % 3], n)
        _update(library)
        if n >= 2:  # two generations kept from now on
            steady.append(_usage(indexes))
    # Segments gather and are merged (Whoosh's MERGE_SMALL), so the size goes up and down in a
    # short cycle; what the later updates reach is no more than what the first ones did.
    early, late = steady[:8], steady[8:]
    most_files, most_bytes = max(f for f, _b in early), max(b for _f, b in early)
    assert max(f for f, _b in late) <= most_files
    assert max(b for _f, b in late) <= most_bytes * 1.05
    for _ in range(3):
        library.search_engine().ensure_index(rebuild=True)
    rebuilt_files, rebuilt_bytes = _usage(indexes)
    assert rebuilt_files <= most_files and rebuilt_bytes <= most_bytes * 1.05
    generations = [p.name for p in next(indexes.iterdir()).iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 2 and not [g for g in generations if ".tmp" in g]
    library.close()


def test_the_catalogue_log_is_cut_back_after_a_large_write(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 0, 3)
    library = Library.open(corpus, DataPaths.resolve(tmp_path / "data"))
    catalogue = library.catalogue
    assert catalogue.path is not None
    wal = catalogue.path.with_name(catalogue.path.name + "-wal")
    blob = "x" * 1_000_000

    def large(conn: sqlite3.Connection) -> None:  # a first start's ledger at 50,000 articles, in small
        conn.executemany(
            "INSERT OR REPLACE INTO derived(name, generation, value) VALUES(?, 0, ?)",
            [(f"test-{i}", blob) for i in range(3 * WAL_LIMIT_BYTES // len(blob))],
        )

    catalogue.run_write(large)
    assert wal.stat().st_size > 2 * WAL_LIMIT_BYTES  # one transaction: the log holds all of it
    catalogue.run_write(lambda conn: conn.execute("DELETE FROM derived WHERE name LIKE 'test-%'"))
    catalogue.run_write(lambda conn: conn.execute("DELETE FROM derived WHERE name = 'nothing'"))
    assert wal.stat().st_size <= WAL_LIMIT_BYTES
    library.close()
