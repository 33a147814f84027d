"""The analyst's curation in SQLite: reviews, entity corrections, metadata overrides.

The tables carry their own schema version (`curation_schema`) so they can live in any database,
the library's catalogue included, beside tables that are only a cache: a rebuild of those never
touches these. Each record is a row keyed by its id with its JSON form, so a newer record format
reads older rows. JSON export/import moves everything between machines and serves as a backup.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from energybrowser.curation.entities import EntityCorrection
from energybrowser.curation.metadata import MetadataOverride
from energybrowser.curation.records import FORMAT_VERSION, AgreementReview, now
from energybrowser.curation.tables import _MIGRATIONS, SCHEMA_TABLE, SCHEMA_VERSION

T = TypeVar("T")

EXPORT_FORMAT = "energybrowser-curation"


class CurationFormatError(ValueError):
    """A file or database that does not hold curation data this version can read."""


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    updated: int = 0
    kept: int = 0  # the record here was as new or newer

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.kept} kept as they were"


def _locked(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def run(self: CurationStore, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return method(self, *args, **kwargs)

    return run


class CurationStore:
    """Curation records in a SQLite database: a path (the store opens it), a connection the caller
    owns, or a function giving the caller's current connection (the catalogue may move to another,
    in memory, when its disk fills). `lock` is held around every access when the connection is
    shared with other threads (the catalogue's lock)."""

    def __init__(
        self,
        database: sqlite3.Connection | str | Path | Callable[[], sqlite3.Connection],
        lock: contextlib.AbstractContextManager[Any] | None = None,
    ) -> None:
        self._lock = lock if lock is not None else threading.RLock()
        self._owned: sqlite3.Connection | None = None
        if isinstance(database, sqlite3.Connection):
            self._connection: Callable[[], sqlite3.Connection] = lambda: database
        elif callable(database):
            self._connection = database
        else:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            owned = sqlite3.connect(database, timeout=10, check_same_thread=False)
            owned.execute("PRAGMA journal_mode=WAL")
            self._owned = owned
            self._connection = lambda: owned
        self._migrate()

    @property
    def _db(self) -> sqlite3.Connection:
        return self._connection()

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()

    def __enter__(self) -> CurationStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed whole or rolled back, whatever the connection's
        isolation level (the catalogue's connection runs in autocommit mode)."""
        with self._lock:
            db = self._db
            outer = db.in_transaction
            if not outer:
                db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if not outer:
                    db.execute("ROLLBACK")
                raise
            if not outer:
                db.execute("COMMIT")

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """Writes inside are one transaction: a batch of actions applies whole or not at all."""
        return self._write()

    def _migrate(self) -> None:
        with self._write() as db:
            db.execute(SCHEMA_TABLE)
            row = db.execute("SELECT version FROM curation_schema").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise CurationFormatError(
                    f"the curation data was written by a newer version (schema {version}); "
                    "update energybrowser to read it"
                )
            for step in _MIGRATIONS[version:]:
                for statement in filter(str.strip, step.split(";")):
                    db.execute(statement)
            if row is None:
                db.execute("INSERT INTO curation_schema (id, version) VALUES (1, ?)", (SCHEMA_VERSION,))
            else:
                db.execute("UPDATE curation_schema SET version = ?", (SCHEMA_VERSION,))

    # --- agreement reviews -------------------------------------------------------------------
    @_locked
    def reviews(self, article: str | None = None) -> list[AgreementReview]:
        query = "SELECT data FROM curation_agreement_reviews"
        rows = (
            self._db.execute(query + " WHERE article = ? ORDER BY updated", (article,))
            if article is not None
            else self._db.execute(query + " ORDER BY updated")
        )
        return [AgreementReview.from_json(json.loads(data)) for (data,) in rows]

    @_locked
    def review(self, review_id: str) -> AgreementReview | None:
        row = self._db.execute(
            "SELECT data FROM curation_agreement_reviews WHERE id = ?", (review_id,)
        ).fetchone()
        return AgreementReview.from_json(json.loads(row[0])) if row else None

    def put_review(self, review: AgreementReview) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO curation_agreement_reviews (id, article, updated, data) "
                "VALUES (?, ?, ?, ?)",
                (review.id, review.article, review.updated, _dump(review.to_json())),
            )

    def delete_review(self, review_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM curation_agreement_reviews WHERE id = ?", (review_id,))

    # --- entity corrections ------------------------------------------------------------------
    @_locked
    def entity_corrections(self) -> list[EntityCorrection]:
        rows = self._db.execute("SELECT data FROM curation_entity_corrections ORDER BY updated")
        return [EntityCorrection.from_json(json.loads(data)) for (data,) in rows]

    @_locked
    def entity_correction(self, correction_id: str) -> EntityCorrection | None:
        row = self._db.execute(
            "SELECT data FROM curation_entity_corrections WHERE id = ?", (correction_id,)
        ).fetchone()
        return EntityCorrection.from_json(json.loads(row[0])) if row else None

    def put_entity_correction(self, correction: EntityCorrection) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO curation_entity_corrections (id, article, updated, data) "
                "VALUES (?, ?, ?, ?)",
                (correction.id, correction.article, correction.updated, _dump(correction.to_json())),
            )

    def delete_entity_correction(self, correction_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM curation_entity_corrections WHERE id = ?", (correction_id,))

    # --- metadata overrides ------------------------------------------------------------------
    @_locked
    def metadata_overrides(self) -> dict[str, MetadataOverride]:
        rows = self._db.execute("SELECT data FROM curation_metadata")
        found = (MetadataOverride.from_json(json.loads(data)) for (data,) in rows)
        return {o.article: o for o in found}

    @_locked
    def metadata_override(self, article: str) -> MetadataOverride | None:
        row = self._db.execute("SELECT data FROM curation_metadata WHERE article = ?", (article,)).fetchone()
        return MetadataOverride.from_json(json.loads(row[0])) if row else None

    def put_metadata_override(self, override: MetadataOverride) -> None:
        with self._write() as db:
            if not override.values:
                db.execute("DELETE FROM curation_metadata WHERE article = ?", (override.article,))
                return
            db.execute(
                "INSERT OR REPLACE INTO curation_metadata (article, updated, data) VALUES (?, ?, ?)",
                (override.article, override.updated, _dump(override.to_json())),
            )

    def delete_metadata_override(self, article: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM curation_metadata WHERE article = ?", (article,))

    @_locked
    def signature(self) -> tuple[object, ...]:
        """Changes whenever any record is added, changed or removed, by this process or another
        (the window polls it to show what the command line did)."""
        return curation_signature(self._db)

    # --- export / import ---------------------------------------------------------------------
    @_locked
    def export_json(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "version": FORMAT_VERSION,
            "exported": now(),
            "agreement_reviews": [r.to_json() for r in self.reviews()],
            "entity_corrections": [c.to_json() for c in self.entity_corrections()],
            "metadata_overrides": [o.to_json() for o in self.metadata_overrides().values()],
        }

    def import_json(self, data: Any) -> ImportCounts:
        """Merge an export: a record is taken when it is new here or more recently updated than
        the one here. Everything is checked before anything is written."""
        reviews, corrections, overrides = _read_export(data)
        counts = {"added": 0, "updated": 0, "kept": 0}
        rows: list[tuple[str, tuple[str, str, str], str]] = [
            *(
                ("curation_agreement_reviews", (r.id, r.article, r.updated), _dump(r.to_json()))
                for r in reviews
            ),
            *(
                ("curation_entity_corrections", (c.id, c.article, c.updated), _dump(c.to_json()))
                for c in corrections
            ),
            *(("curation_metadata", (o.article, "", o.updated), _dump(o.to_json())) for o in overrides),
        ]
        with self._write() as db:
            for table, (ident, article, updated), data in rows:
                key = "article" if table == "curation_metadata" else "id"
                row = db.execute(f"SELECT updated FROM {table} WHERE {key} = ?", (ident,)).fetchone()
                if row and row[0] >= updated:
                    counts["kept"] += 1
                    continue
                counts["updated" if row else "added"] += 1
                if table == "curation_metadata":
                    sql = f"INSERT OR REPLACE INTO {table} (article, updated, data) VALUES (?, ?, ?)"
                    db.execute(sql, (ident, updated, data))
                else:
                    sql = f"INSERT OR REPLACE INTO {table} (id, article, updated, data) VALUES (?, ?, ?, ?)"
                    db.execute(sql, (ident, article, updated, data))
        return ImportCounts(**counts)


SIGNED_TABLES = ("curation_agreement_reviews", "curation_entity_corrections", "curation_metadata")


def curation_signature(db: sqlite3.Connection) -> tuple[object, ...]:
    """One part per kind of record (reviews, entity corrections, metadata overrides): each moves
    when a record of its kind is added, changed or removed. Cheap: the tables are small."""
    return tuple(
        tuple(db.execute(f"SELECT count(*), max(updated), total(length(data)) FROM {table}").fetchone())
        for table in SIGNED_TABLES
    )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _read_export(
    data: Any,
) -> tuple[list[AgreementReview], list[EntityCorrection], list[MetadataOverride]]:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise CurationFormatError(f'not an energybrowser curation export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CurationFormatError(f"curation export version {version!r} is newer than this app reads")

    def items(key: str) -> Iterable[Any]:
        value = data.get(key) or []
        if not isinstance(value, list):
            raise CurationFormatError(f"{key!r} must be a list")
        return value

    try:
        return (
            [AgreementReview.from_json(x) for x in items("agreement_reviews")],
            [EntityCorrection.from_json(x) for x in items("entity_corrections")],
            [MetadataOverride.from_json(x) for x in items("metadata_overrides")],
        )
    except ValueError as exc:
        raise CurationFormatError(f"bad record in the curation export: {exc}") from exc
