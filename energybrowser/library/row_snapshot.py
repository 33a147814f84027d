"""The catalogue's article rows kept as one blob, so that a start of a large library does not
rebuild them from SQL.

A start lists every article from its `articles` row. At 50,000 articles SQLite takes ≈ 0.26 s of
CPU to sort the rows and extract the metadata fields from their JSON, and Python as long again to
make the row tuples; `marshal` reads the same rows back from one blob in ≈ 0.06 s. The blob is a
cache of a cache: it is trusted only while the articles table is as it was when the rows were read.
SQLite itself counts every change to that table (the triggers below, whichever process writes),
and the blob carries the count it was read at; a blob of another count is ignored and written
again. `marshal` (not pickle): it reads back only plain values, never code.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from energybrowser.library.catalogue import Catalogue

NAME = "article-rows"  # its row in `derived`: `generation` holds the count it was read at
COUNTER = "articles_version"  # its row in `state`
_TRIGGERS = {
    f"articles_counted_{op.lower()}": (
        f"CREATE TRIGGER IF NOT EXISTS articles_counted_{op.lower()} AFTER {op} ON articles BEGIN "
        f"UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE name = '{COUNTER}'; END"
    )
    for op in ("INSERT", "UPDATE", "DELETE")
}


def install(conn: sqlite3.Connection) -> None:
    """The counter and its triggers, where missing (a new or rebuilt cache drops the triggers with
    the table). On a catalogue that cannot be written the blob is simply never trusted."""
    with contextlib.suppress(sqlite3.Error):
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = [ddl for name, ddl in _TRIGGERS.items() if name not in present]
        counted = conn.execute("SELECT 1 FROM state WHERE name = ?", (COUNTER,)).fetchone()
        if not missing and counted:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # A fresh count never equals an old blob's: both start again from a new value.
            conn.execute(
                "INSERT INTO state(name, value) VALUES(?, '1') "
                "ON CONFLICT(name) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                (COUNTER,),
            )
            for ddl in missing:
                conn.execute(ddl)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def read(catalogue: Catalogue, sql: str) -> tuple[list[tuple[Any, ...]], int | None]:
    """The rows `sql` gives, from the blob when it is current, else from SQL; with the count to
    `store` them at (None: they came from the blob, or the catalogue keeps no count)."""
    with catalogue.lock:
        conn = catalogue.conn
        conn.execute("BEGIN")  # one read transaction: the count and the rows agree
        try:
            found = conn.execute("SELECT value FROM state WHERE name = ?", (COUNTER,)).fetchone()
            count = int(found[0]) if found is not None else None
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
