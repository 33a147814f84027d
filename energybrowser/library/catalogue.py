"""The catalogue: one SQLite database per corpus, holding the parsed articles, their analysis and
the user's own data (see `schema`). stdlib `sqlite3` in WAL mode, so a reader never waits for the
writer and two processes (the window and a CLI command) can share it; a busy timeout covers the
moments both write.

Opening never fails for a fault of the file: a damaged catalogue is moved aside and rebuilt (user
tables salvaged from it, or restored from the backup beside it), an unwritable one is copied into
memory, and `notice` says what happened in one line. A write that fails later (disk full) does the
same: the session goes on in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from energybrowser.library import cache_upgrade, change_counts, schema

if TYPE_CHECKING:
    from energybrowser.paths import DataPaths

BUSY_TIMEOUT_S = 10.0  # another process writing: wait this long before giving up
BACKUP_EVERY_S = 24 * 3600
BACKUP_SUFFIX = ".backup"
# The write-ahead log is cut back to this size once written to the database: one large write (a
# first start's ledger at 50,000 articles) would otherwise leave a log of its size for as long as
# the app runs.
WAL_LIMIT_BYTES = 16 * 1024 * 1024
# What a write's work returns when it only brought file stats up to date (a file saved again with
# the same content): nothing derived from the catalogue (grouped ledger, its rows, facets) is stale,
# so the generation they are stamped with stays.
STAT_ONLY = "stat-only"


def catalogue_path(paths: DataPaths, corpus_dir: Path) -> Path:
    """One catalogue per corpus folder, beside its search index."""
    return (
        paths.index_dir(corpus_dir).parent.parent / "library" / f"{paths.index_dir(corpus_dir).name}.sqlite"
    )


class CatalogueError(Exception):
    """The catalogue could not be opened even in memory (should not happen): one line."""


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
    conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
    return conn


def _describe(exc: BaseException) -> str:
    return str(exc).strip().rstrip(".") or exc.__class__.__name__


class Catalogue:
    """The open database. Writes go through `conn` under `lock` (from workers, and the window's
    thread for small edits); reads through a connection of their own (`query`, `reading`), so a
    reader — the window's thread showing the ledger — never waits for a writer's long transaction:
    in WAL mode it reads the last committed state meanwhile. In memory there is one connection,
    and one lock, for both."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notices: list[str]) -> None:
        self.conn = conn
        self.path = path  # None: in memory
        self.lock = threading.RLock()
        self.notices = notices
        self.in_memory = path is None
        self.reader, self.read_lock = conn, self.lock
        with contextlib.suppress(sqlite3.Error):  # (the file SQLite has open: none in memory)
            file = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
            if file:
                reader = _connect(f"{Path(file).as_uri()}?mode=ro", uri=True)
                reader.execute("PRAGMA query_only = ON")
                self.reader, self.read_lock = reader, threading.RLock()

    # --- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> Catalogue:
        notices: list[str] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = cls._open_file(path, notices)
            return cls(conn, path, notices)
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                return cls(cls._rebuild(path, exc, notices), path, notices)
            return cls(cls._in_memory(path, exc, notices), None, notices)
        except OSError as exc:  # the folder cannot be created (read-only disk, permissions)
            return cls(cls._in_memory(path, exc, notices), None, notices)

    @classmethod
    def memory(cls) -> Catalogue:
        conn = _connect(":memory:")
        _prepare(conn, [])
        return cls(conn, None, [])

    @staticmethod
    def _open_file(path: Path, notices: list[str]) -> sqlite3.Connection:
        conn = _connect(str(path))
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError("attempt to write a readonly database")
            _prepare(conn, notices, backup_to=_backup_path(path))
            conn.execute("SELECT count(*) FROM articles").fetchone()
            return conn
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _rebuild(cls, path: Path, exc: BaseException, notices: list[str]) -> sqlite3.Connection:
        """Move the damaged file aside, start a fresh one, give back what the user made."""
        salvaged = _read_user_tables(path)
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(str(path) + suffix)
                if source.exists():
                    os.replace(source, Path(str(aside) + suffix))
            conn = _connect(str(path))
            conn.execute("PRAGMA journal_mode=WAL")
            _prepare(conn, [])
        except (OSError, sqlite3.DatabaseError) as again:
            return cls._in_memory(path, again, notices)
        how = "your own data kept"
        if salvaged is not None:
            _write_user_tables(conn, salvaged)
        elif _restore_backup(conn, _backup_path(path)):
            how = "your own data restored from its backup"
        elif _backup_path(path).exists():
            how = "its backup could not be read either"
        notices.append(
            f"The library catalogue was damaged ({_describe(exc)}); it was rebuilt from the article "
            f"files, {how} (the damaged file was kept as {aside.name})."
        )
        return conn

    @classmethod
    def _in_memory(cls, path: Path, exc: BaseException, notices: list[str]) -> sqlite3.Connection:
        """The catalogue cannot be written: work on a copy in memory (what it holds stays usable)."""
        conn = _connect(":memory:")
        copied = False
        # A WAL database on a read-only file system opens read-only only as "immutable": SQLite
        # cannot create its shared-memory file there, and no other process can be writing it.
        for query in ("mode=ro", "mode=ro&immutable=1"):
            if copied or not path.exists():
                break
            with contextlib.suppress(sqlite3.Error):
                source = _connect(f"{path.resolve().as_uri()}?{query}", uri=True)
                try:
                    source.backup(conn)
                    copied = True
                finally:
                    source.close()
        try:
            _prepare(conn, [])
        except sqlite3.DatabaseError:
            conn.close()
            conn = _connect(":memory:")
            _prepare(conn, [])
            copied = False
        kept = " (what it held is used)" if copied else ""
        notices.append(
            f"The library catalogue cannot be written ({_describe(exc)}); this session keeps it in "
            f"memory{kept}, so changes are not saved."
        )
        return conn

    def close(self) -> None:
        with self.read_lock, contextlib.suppress(sqlite3.Error):
            self.reader.close()
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # --- reading and writing ------------------------------------------------------------------------
    def query(self, sql: str, params: tuple[object, ...] | list[object] = ()) -> list[tuple[Any, ...]]:
        """Rows as last committed (by any connection). Inside a `run_write`, its own uncommitted
        writes are seen only through the connection it was given."""
        with self.read_lock:
            return self.reader.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The reading connection, held for several statements (e.g. one read transaction)."""
        with self.read_lock:
            yield self.reader

    def run_write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work(conn)` in one transaction (taking the write lock at once, so two processes
        queue instead of deadlocking), bumping the generation unless `work` returns STAT_ONLY. A
        write that fails (disk full, read-only) moves the session to an in-memory copy and is done
        again there."""
        with self.lock:
            try:
                self._transaction(work)
                return
            except sqlite3.OperationalError as exc:
                if self.in_memory or _is_busy(exc):
                    raise
                self._to_memory(exc)
            self._transaction(work)

    def _transaction(self, work: Callable[[sqlite3.Connection], object]) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if work(conn) != STAT_ONLY:
                conn.execute(
                    "INSERT INTO state(name, value) VALUES('generation', '1') ON CONFLICT(name) "
                    "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
                )
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _to_memory(self, exc: BaseException) -> None:
        memory = _connect(":memory:")
        self.conn.backup(memory)
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self.conn = memory
        self.in_memory = True
        with self.read_lock, contextlib.suppress(sqlite3.Error):
            if self.reader is not memory:
                self.reader.close()
        self.reader, self.read_lock = memory, self.lock
        self.notices.append(
            f"The library catalogue could not be saved ({_describe(exc)}); this session goes on in "
            "memory, so changes are not saved."
        )

    @property
    def generation(self) -> int:
        row = self.query("SELECT value FROM state WHERE name = 'generation'")
        return int(row[0][0]) if row else 0

    def state(self, name: str) -> str | None:
        row = self.query("SELECT value FROM state WHERE name = ?", (name,))
        return row[0][0] if row else None

    # --- maintenance -----------------------------------------------------------------------------
    def check(self) -> str | None:
        """SQLite's quick check: None when sound, else what is wrong (one line)."""
        try:
            rows = self.query("PRAGMA quick_check")
        except sqlite3.DatabaseError as exc:
            return _describe(exc)
        problems = [r[0] for r in rows if r[0] != "ok"]
        return problems[0] if problems else None

    def backup_user_data(self, *, force: bool = False) -> Path | None:
        """Copy the user tables to the file beside the catalogue (atomically), at most once a day."""
        if self.path is None or self.in_memory:
            return None
        target = _backup_path(self.path)
        with self.lock:
            return _backup_user_tables(self.conn, target, force=force)


def _is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        words in text
        for words in ("malformed", "not a database", "file is encrypted", "corrupt", "no such table")
    )


def _is_busy(exc: BaseException) -> bool:
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _prepare(conn: sqlite3.Connection, notices: list[str], backup_to: Path | None = None) -> None:
    """Bring the schema to the current version; (re)create the cache tables if needed."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:
        raise sqlite3.OperationalError(
            f"attempt to write a readonly database: the catalogue is of a newer version ({version})"
        )
    if 0 < version < schema.SCHEMA_VERSION and backup_to is not None:
        _backup_user_tables(conn, backup_to, force=True)  # before the upgrade changes anything
    if version < schema.SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in schema.STEPS[version:]:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if version:
            notices.append(
                f"The library catalogue was upgraded (schema {version} to {schema.SCHEMA_VERSION})."
            )
    cache = conn.execute("SELECT value FROM state WHERE name = 'cache_version'").fetchone()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    current = (
        cache is not None and cache[0] == str(schema.CACHE_VERSION) and set(schema.CACHE_TABLES) <= present
    )
    # An older cache is converted when it can be (seconds), else dropped and rebuilt (every article
    # read and analysed again).
    if not current and (cache is None or not cache_upgrade.upgrade(conn, cache[0])):
        _recreate_cache(conn)
    change_counts.install(conn)
    if backup_to is not None:
        _backup_user_tables(conn, backup_to, force=False)


def _recreate_cache(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in schema.CACHE_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {name}")
        for ddl in schema.CACHE_TABLES.values():
            conn.execute(ddl)
        for ddl in schema.CACHE_INDEXES:
            conn.execute(ddl)
        conn.execute(
            "INSERT INTO state(name, value) VALUES('cache_version', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (str(schema.CACHE_VERSION),),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _user_tables(conn: sqlite3.Connection, database: str = "main") -> list[tuple[str, str]]:
    rows = conn.execute(f"SELECT name, sql FROM {database}.sqlite_master WHERE type = 'table'").fetchall()
    return [(name, sql) for name, sql in rows if name in schema.USER_TABLES]


def _backup_user_tables(conn: sqlite3.Connection, target: Path, *, force: bool) -> Path | None:
    """The user tables, copied into a small database of their own (written aside, then renamed)."""
    now = time.time()
    last = conn.execute("SELECT value FROM state WHERE name = 'backup_time'").fetchone()
    if not force and last is not None and target.exists() and now - float(last[0]) < BACKUP_EVERY_S:
        return None
    tables = _user_tables(conn)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        conn.execute("ATTACH DATABASE ? AS backup", (str(partial),))
        try:
            for name, sql in tables:
                conn.execute(
                    sql.replace(f"CREATE TABLE {name}", f"CREATE TABLE backup.{name}", 1).replace(
                        f"CREATE TABLE IF NOT EXISTS {name}", f"CREATE TABLE backup.{name}", 1
                    )
                )
                conn.execute(f"INSERT INTO backup.{name} SELECT * FROM main.{name}")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE backup")
        os.replace(partial, target)
        conn.execute(
            "INSERT INTO state(name, value) VALUES('backup_time', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (str(now),),
        )
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None  # a backup that cannot be written must not stop the app; the next open retries
    return target


def _read_user_tables(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]] | None:
    """The user tables of a damaged catalogue, if they can still be read whole."""
    try:
        conn = _connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        for name, _sql in _user_tables(conn):
            cursor = conn.execute(f"SELECT * FROM {name}")
            columns = [d[0] for d in cursor.description]
            found[name] = (columns, cursor.fetchall())
        return found if found else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _write_user_tables(
    conn: sqlite3.Connection, tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
) -> None:
    present = {name for name, _sql in _user_tables(conn)}
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name, (columns, rows) in tables.items():
            if name not in present or not rows:
                continue
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(columns)
            conn.executemany(f"INSERT OR REPLACE INTO {name}({names}) VALUES({marks})", rows)
        conn.execute("COMMIT")
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        raise


def _restore_backup(conn: sqlite3.Connection, backup: Path) -> bool:
    if not backup.exists():
        return False
    try:
        tables = _read_user_tables(backup)
        if tables is None:
            return False
        _write_user_tables(conn, tables)
        return True
    except sqlite3.Error:
        return False


def backup_time(catalogue: Catalogue) -> dt.datetime | None:
    value = catalogue.state("backup_time")
    return dt.datetime.fromtimestamp(float(value)) if value else None
