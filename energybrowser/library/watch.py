"""Notices the analyst's curation changing in another process (`energybrowser review` in a terminal,
a second window): reviews, entity corrections and metadata overrides in the catalogue, aliases in
the user's gazetteer file.

Polled often, so it must cost next to nothing while nothing changes: SQLite's `PRAGMA data_version`
on a connection of its own moves only when a commit happened (by any other connection, this
process's included), and the gazetteer's stat. Only then are the curation tables asked for their
signature. Its own connection also keeps the poll off the catalogue's lock, which a long analysis
write may hold for a while."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from energybrowser.curation.store import curation_signature


@dataclass(frozen=True)
class CurationSignature:
    """What the curation is at one moment: one part per kind of record, and the gazetteer file."""

    reviews: object = None
    corrections: object = None
    metadata: object = None
    gazetteer: object = None

    def differs(self, other: CurationSignature) -> set[str]:
        """The kinds that changed between `other` and this."""
        names = ("reviews", "corrections", "metadata", "gazetteer")
        return {n for n in names if getattr(self, n) != getattr(other, n)}


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class CurationWatch:
    """`moved()` is cheap and says whether anything may have changed since it was last asked;
    `signature()` says what the curation is now."""

    def __init__(
        self,
        catalogue: Path | None,
        gazetteer: Path,
        fallback: Callable[[], tuple[object, ...]],
    ) -> None:
        self.catalogue = catalogue
        self.gazetteer = gazetteer
        self._fallback = fallback  # the catalogue's own signature (an in-memory catalogue)
        self._conn: sqlite3.Connection | None = None
        self._last: tuple[object, ...] | None = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and self.catalogue is not None and self.catalogue.is_file():
            try:
                self._conn = sqlite3.connect(
                    f"{self.catalogue.resolve().as_uri()}?mode=ro",
                    uri=True,
                    timeout=1.0,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error:
                self._conn = None
        return self._conn

    def moved(self) -> bool:
        """Whether a commit happened or the gazetteer changed since the last call."""
        stamp: tuple[object, ...] = (self._data_version(), _stat(self.gazetteer))
        if stamp == self._last:
            return False
        self._last = stamp
        return True

    def _data_version(self) -> object:
        conn = self._connection()
        if conn is None:
            return None
        try:
            return conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self.close()
            return None

    def signature(self) -> CurationSignature:
        parts: tuple[object, ...] | None = None
        conn = self._connection()
        if conn is not None:
            try:
                parts = curation_signature(conn)
            except sqlite3.Error:
                self.close()
        if parts is None:
            parts = self._fallback()
        reviews, corrections, metadata = parts
        return CurationSignature(reviews, corrections, metadata, _stat(self.gazetteer))

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
