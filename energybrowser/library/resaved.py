"""Files saved again with the same bytes (an editor's save, `touch`, a copy that keeps no times):
their size or time changed, their content did not. Such a file costs a hash, not a parse, and
its catalogue row takes only the new stat, without bumping the generation (`STAT_ONLY`), so the
grouped ledger, its rows and the facets stay current and nothing is analysed or indexed again.

A file's hash is taken just before it is read and stored with its row. A catalogue written before
hashes were kept has none: such a file saved again is parsed once, and since its article is the one
stored that write is stat-only too (`library._write_articles`)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from energybrowser.corpus.loader import MAX_ARTICLE_BYTES
from energybrowser.library.catalogue import STAT_ONLY, Catalogue
from energybrowser.library.files import FileStat


class KnownRow(Protocol):
    @property
    def key(self) -> int: ...
    @property
    def origin(self) -> str: ...


def file_hash(path: str) -> str | None:
    """SHA-256 of the file's bytes; None when it cannot be read (the reading says why)."""
    try:
        with Path(path).open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def sort_out(
    stale: list[FileStat], known: Mapping[str, KnownRow], catalogue: Catalogue
) -> tuple[list[FileStat], list[tuple[FileStat, int, str]], dict[str, str]]:
    """Of the files whose stat changed: those to read, those saved again unchanged (with their
    row's key and hash), and the hash of each file to read that has a row (stored when written).

    The hash is taken before the file is read: should the file change in between, the row holds
    content at least as new as the hash, and the next look reads it again."""
    rows = {f.path: row for f in stale if (row := known.get(f.path)) is not None and row.origin == f.origin}
    if not rows:
        return stale, [], {}
    stored = _stored(catalogue, [row.key for row in rows.values()])
    to_read: list[FileStat] = []
    same: list[tuple[FileStat, int, str]] = []
    hashes: dict[str, str] = {}
    for info in stale:
        row = rows.get(info.path)
        digest = file_hash(info.path) if row is not None and info.size <= MAX_ARTICLE_BYTES else None
        if row is not None and digest is not None and stored.get(row.key) == digest:
            same.append((info, row.key, digest))
            continue
        if digest is not None:
            hashes[info.path] = digest
        to_read.append(info)
    return to_read, same, hashes


def _stored(catalogue: Catalogue, keys: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(keys), 500):  # (SQLite's limit on parameters)
        part = keys[start : start + 500]
        marks = ",".join("?" * len(part))
        try:
            sql = f"SELECT key, hash FROM file_hashes WHERE key IN ({marks})"
            found.update(catalogue.query(sql, tuple(part)))
        except sqlite3.DatabaseError:  # unreadable: the files are read as before
            return {}
    return found


def restat(conn: sqlite3.Connection, same: Iterable[tuple[FileStat, int, str]]) -> str:
    """Store the new stat of files saved again unchanged (if their row still has that hash: another
    process may have stored new content meanwhile). Returns STAT_ONLY for `Catalogue.run_write`."""
    conn.executemany(
        "UPDATE articles SET size = ?, mtime_ns = ? WHERE key = ? "
        "AND EXISTS(SELECT 1 FROM file_hashes WHERE key = ? AND hash = ?)",
        [(info.size, info.mtime_ns, key, key, digest) for info, key, digest in same],
    )
    return STAT_ONLY


def remember(conn: sqlite3.Connection, key: int, digest: str | None) -> None:
    """The hash of the file a row was just read from (none known: any old one is dropped)."""
    if digest is None:
        conn.execute("DELETE FROM file_hashes WHERE key = ?", (key,))
    else:
        conn.execute("INSERT OR REPLACE INTO file_hashes(key, hash) VALUES(?, ?)", (key, digest))


def hashed_first(files: list[FileStat], hashes: dict[str, str]) -> Iterator[Path]:
    """The files' paths for reading, each hashed (into `hashes`) just before it is handed on, so
    a first read stores the hashes too at the cost of one more read of a file in the cache."""
    for info in files:
        if info.path not in hashes and info.size <= MAX_ARTICLE_BYTES:
            digest = file_hash(info.path)
            if digest is not None:
                hashes[info.path] = digest
        yield Path(info.path)
