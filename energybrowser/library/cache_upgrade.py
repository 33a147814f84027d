"""Bringing an older catalogue's cache to the current version in place, when its rows can be
converted: dropping the cache would mean reading and analysing every article again (≈ 70 minutes
at 50,000 on two busy cores), converting it takes seconds.

Version 2 to 3: bodies, entities and agreements from JSON text to packed values (`codec`). A row
that does not convert is left out, so its article is read again from its file (a body) or analysed
again (an analysis), as for any damaged row. The tables are written anew and the old ones dropped,
in one transaction; the file is then compacted, once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from energybrowser.library import codec, schema

_BATCH = 500


def upgrade(conn: sqlite3.Connection, version: str | None) -> bool:
    """Convert a cache of `version` to `schema.CACHE_VERSION`; False when it cannot be (the caller
    then rebuilds it)."""
    if version != "2" or schema.CACHE_VERSION != 3:
        return False
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not set(schema.CACHE_TABLES) <= present:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        _rewrite(conn, "bodies", "key, text, body", _body_row)
        columns = "key, article_id, content_hash, analyser, entities, agreements"
        _rewrite(conn, "analysis", columns, _analysis_row)
        conn.execute("UPDATE state SET value = ? WHERE name = 'cache_version'", (str(schema.CACHE_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    compact(conn)
    return True


def _body_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    key, text, body = row
    return key, text, codec.repack_body(text, body)


def _analysis_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    *head, entities, agreements = row
    return (*head, codec.repack_entities(entities), codec.repack_agreements(agreements))


def _rewrite(
    conn: sqlite3.Connection, table: str, columns: str, convert: Callable[[tuple[Any, ...]], tuple[Any, ...]]
) -> None:
    """The table made anew from its current definition, each row converted (or left out)."""
    old = f"{table}_before_upgrade"
    conn.execute(f"DROP TABLE IF EXISTS {old}")
    conn.execute(f"ALTER TABLE {table} RENAME TO {old}")
    conn.execute(schema.CACHE_TABLES[table])
    marks = ", ".join("?" for _ in columns.split(","))
    insert = f"INSERT INTO {table}({columns}) VALUES({marks})"
    for batch in _batches(conn.execute(f"SELECT {columns} FROM {old}")):
        rows = []
        for row in batch:
            with contextlib.suppress(codec.RowDamaged, ValueError, TypeError):
                rows.append(convert(row))
        conn.executemany(insert, rows)
    conn.execute(f"DROP TABLE {old}")  # its indexes with it: made again below
    for ddl in schema.CACHE_INDEXES:
        if f" ON {table}(" in ddl:
            conn.execute(ddl)


def _batches(cursor: sqlite3.Cursor) -> Iterator[list[tuple[Any, ...]]]:
    while batch := cursor.fetchmany(_BATCH):
        yield batch


def compact(conn: sqlite3.Connection) -> bool:
    """VACUUM (after a conversion, whose old tables left their pages free): the file shrinks to what
    it holds. Skipped, harmlessly, when another process has the catalogue open."""
    try:
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        return False
    return True
