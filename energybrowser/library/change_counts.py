"""SQLite's own count of the changes to a few cache tables, for caches derived from them.

A trigger on each counted table bumps its count in `state` on every insert, update and delete,
whichever process writes and however the write is made. A value derived from a table and stored
with the count it was read at is current exactly while the count is unchanged. (The catalogue's
`generation` moves with every write, the ledger's included: a cache keyed on it would be thrown
away by changes it does not depend on.)
"""

from __future__ import annotations

import contextlib
import sqlite3

COUNTED = ("articles", "facets")


def _counter(table: str) -> str:
    return f"{table}_version"


def _triggers(table: str) -> dict[str, str]:
    return {
        f"{table}_counted_{op.lower()}": (
            f"CREATE TRIGGER IF NOT EXISTS {table}_counted_{op.lower()} AFTER {op} ON {table} BEGIN "
            f"UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE name = '{_counter(table)}'; END"
        )
        for op in ("INSERT", "UPDATE", "DELETE")
    }


def install(conn: sqlite3.Connection) -> None:
    """The counts and their triggers, where missing (a rebuilt cache drops the triggers with its
    tables). A count whose trigger was missing moves on, so no value stored before is trusted. On
    a catalogue that cannot be written, nothing is counted and no stored value is ever current."""
    with contextlib.suppress(sqlite3.Error):
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        counted = {r[0] for r in conn.execute("SELECT name FROM state")}
        missing = {
            table: [ddl for name, ddl in _triggers(table).items() if name not in present] for table in COUNTED
        }
        stale = [t for t in COUNTED if missing[t] or _counter(t) not in counted]
        if not stale:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in stale:
                conn.execute(
                    "INSERT INTO state(name, value) VALUES(?, '1') "
                    "ON CONFLICT(name) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                    (_counter(table),),
                )
                for ddl in missing[table]:
                    conn.execute(ddl)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


def count(conn: sqlite3.Connection, table: str) -> int | None:
    """The count of `table`'s changes (None: not counted on this catalogue)."""
    found = conn.execute("SELECT value FROM state WHERE name = ?", (_counter(table),)).fetchone()
    return None if found is None else int(found[0])
