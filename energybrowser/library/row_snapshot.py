"""The catalogue's article rows kept as one blob, so that a start of a large library does not
rebuild them from SQL.

A start lists every article from its `articles` row. At 50,000 articles SQLite takes ≈ 0.26 s of
CPU to sort the rows and extract the metadata fields from their JSON, and Python as long again to
make the row tuples; `marshal` reads the same rows back from one blob in ≈ 0.06 s. The blob is a
cache of a cache: it is trusted only while the articles table is as it was when the rows were read.
SQLite itself counts every change to that table (`change_counts`, whichever process writes), and
the blob carries the count it was read at; a blob of another count is ignored and written
again. `marshal` (not pickle): it reads back only plain values, never code.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from typing import TYPE_CHECKING, Any

from energybrowser.library import change_counts

if TYPE_CHECKING:
    from energybrowser.library.catalogue import Catalogue

NAME = "article-rows"  # its row in `derived`: `generation` holds the count it was read at


def read(catalogue: Catalogue, sql: str) -> tuple[list[tuple[Any, ...]], int | None]:
    """The rows `sql` gives, from the blob when it is current, else from SQL; with the count to
    `store` them at (None: they came from the blob, or the catalogue keeps no count)."""
    with catalogue.reading() as conn:
        conn.execute("BEGIN")  # one read transaction: the count and the rows agree
        try:
            count = change_counts.count(conn, "articles")
            if count is not None:
                rows = _current_blob(conn, count)
                if rows is not None:
                    return rows, None
            return conn.execute(sql).fetchall(), count
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")


def _current_blob(conn: sqlite3.Connection, count: int) -> list[tuple[Any, ...]] | None:
    try:
        found = conn.execute("SELECT generation, value FROM derived WHERE name = ?", (NAME,)).fetchone()
    except sqlite3.Error:
        return None
    if found is None or found[0] != count or not isinstance(found[1], bytes):
        return None
    try:
        rows = marshal.loads(found[1])
    except (EOFError, ValueError, TypeError):
        return None  # damaged: read from SQL and written again
    if not isinstance(rows, list) or not all(isinstance(r, tuple) for r in rows):
        return None
    return rows


def store(catalogue: Catalogue, count: int, rows: list[tuple[Any, ...]]) -> None:
    """Keep `rows`, read when the articles table was at `count`. Not a change of the catalogue (no
    generation bump); a failure (disk full, read-only) only costs the next start time."""
    blob = marshal.dumps([tuple(r) for r in rows])
    with catalogue.lock, contextlib.suppress(sqlite3.Error):
        catalogue.conn.execute(
            "INSERT INTO derived(name, generation, value) VALUES(?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET generation = excluded.generation, value = excluded.value",
            (NAME, count, blob),
        )
