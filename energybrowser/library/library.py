"""The library: the articles of a corpus folder plus the user's imported articles, as the window
and every CLI command see them. One object owns the catalogue and answers the questions.

    library = Library.open(corpus_dir_or_None, DataPaths.resolve())   # stat the files, read what changed
    library.entries                 # every article's metadata, newest data, no bodies
    library.get(article_id)         # the full Article, read from the catalogue on demand
    library.analyse(progress)       # entities and agreements of what changed (the slow part)
    library.agreements(), library.entities(id), library.mentions_of(name), library.browse(filters)
    library.refresh()               # the files changed on disk: pick up what is new

Markdown files are the source of truth: the catalogue caches their parsed form and analysis and
is brought in line with them (size and mtime, then content) at every open and refresh.
"""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.loader import LoadProblem, resolve_corpus_dir
from energybrowser.corpus.model import OPENING_MAX_CHARS, Article, ArticleMeta
from energybrowser.entities.model import EntitySpan
from energybrowser.library import change_counts, codec, resaved, row_snapshot
from energybrowser.library.admission import admit
from energybrowser.library.analysis import (
    StoredAnalysis,
    StoredArticle,
    Work,
    analyse_all,
    analyser_version,
    stored_analysis,
)
from energybrowser.library.catalogue import STAT_ONLY, Catalogue, catalogue_path
from energybrowser.library.entry import ROW_COLUMNS, ArticleEntry, ArticleRow
from energybrowser.library.files import FileStat, ReadResult, list_files, read_files
from energybrowser.library.mentions import CONTEXT_CHARS, Mention, context_in_slice
from energybrowser.paths import DataPaths

if TYPE_CHECKING:
    from energybrowser.agreements.grouping import AgreementGroup
    from energybrowser.curation.apply import NeedsLook, ReviewedLedger
    from energybrowser.curation.entities import EntityCorrection
    from energybrowser.curation.service import Curation
    from energybrowser.library.ledger_cache import StoredLedger
    from energybrowser.library.ledger_table import LedgerTable
    from energybrowser.library.watch import CurationWatch
    from energybrowser.search.engine import SearchEngine

Progress = Callable[[int, int, str], None]
WRITE_BATCH = 250  # rows per transaction: progress shows, and another process is not kept waiting
# While many files are read, the list so far is shown after SHOW_FIRST seconds, then at intervals
# doubling up to SHOW_MOST: each showing looks at every row, so their cost stays a small share.
SHOW_FIRST, SHOW_MOST = 0.5, 8.0
STORED_CHUNK = 64  # articles to analyse read from the catalogue in one query
BODY_CACHE = 64  # full articles kept in memory (the reader, side by side, citations)
FACET_LIMIT = 30
FACET_FIELDS = ("entity", "type", "publisher", "year")


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class _Ledger:
    generation: int
    ids: tuple[str, ...]
    agreements: tuple[Agreement, ...]
    groups: tuple[AgreementGroup, ...]
    by_article: dict[str, tuple[Agreement, ...]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # see `ledger_cache.StoredLedger`
    basis: str = ""
    stored: bool = True  # in the catalogue (False: grouped in this process, `Library._store` it)
    extracted: dict[str, tuple[Agreement, str]] | None = None  # `Library._extracted`, made once


def _named_reports(ledger: _Ledger) -> dict[str, tuple[Agreement, str]]:
    """Each report of the grouped ledger whose article's analysis digest is known, with its name
    for `ledger_table.RowInputs`: that digest, and a digest of its group's members (their ids and
    digests) and the grouping basis, which decide the group's conflicts. A group with a member of
    no known digest names none of its reports."""
    import hashlib

    digests = ledger.digests
    members: dict[str, list[str]] = {}
    unknown: set[str] = set()
    for a in ledger.agreements:
        digest = digests.get(a.article)
        if a.group:
            if digest is None:
                unknown.add(a.group)
            else:
                members.setdefault(a.group, []).append(f"{a.id}\x1f{digest}")
    groups = {
        group: hashlib.sha1("\n".join([ledger.basis, *names]).encode("utf-8", "surrogatepass")).hexdigest()
        for group, names in members.items()
        if group not in unknown
    }
    named: dict[str, tuple[Agreement, str]] = {}
    for a in ledger.agreements:
        digest = digests.get(a.article)
        if digest is None or (a.group and a.group not in groups):
            continue
        named[a.id] = (a, f"{digest}\x1f{groups.get(a.group, '')}")
    return named


def _text_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Library:
    def __init__(self, corpus_dir: Path, imported_dir: Path, catalogue: Catalogue, paths: DataPaths) -> None:
        self.corpus_dir = corpus_dir
        self.imported_dir = imported_dir
        self.catalogue = catalogue
        self.paths = paths
        self.entries: tuple[ArticleEntry, ...] = ()
        self.problems: tuple[LoadProblem, ...] = ()
        self._by_id: dict[str, ArticleEntry] = {}
        self._by_key: dict[int, ArticleEntry] = {}
        self._newest_first: tuple[ArticleEntry, ...] | None = None
        self._bodies: OrderedDict[str, Article] = OrderedDict()
        self._entities: OrderedDict[str, tuple[EntitySpan, ...]] = OrderedDict()
        self._ledger: _Ledger | None = None
        self._facets: tuple[int, dict[str, dict[str, int]]] | None = None  # the facets table's, at a count
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()
        self._rows_to_keep: tuple[int, list[ArticleRow]] | None = None  # read from SQL, not yet kept
        self._snapshot: dict[str, tuple[int, int, str]] | None = None  # the files as last seen
        self._curation: Curation | None = None
        self._stated: dict[str, ArticleEntry] = {}  # id -> the entry as its file states it (overridden ones)
        self._corrections: list[EntityCorrection] | None = None
        self._installed: int | None = None  # the rows the entries were made from (their hash)
        self._admission: list[LoadProblem] = []  # what admitting those rows said
        # Whether the files were looked at since the open: the window opens from the catalogue
        # alone and looks at them once it is shown (`refresh`).
        self.files_checked = False
        # CPU seconds the last look at the files took (a `stat` of each): what a poll for changes
        # costs (50,000 files: ≈ 0.6 s), so the window polls no more often than keeps it small.
        self.look_seconds = 0.0

    # --- opening and refreshing -----------------------------------------------------------------
    @classmethod
    def open(
        cls,
        corpus: str | Path | None = None,
        paths: DataPaths | None = None,
        progress: Progress | None = None,
        *,
        include_imported: bool = True,
        stop: threading.Event | None = None,
        look_later: bool = False,
    ) -> Library:
        """Open the catalogue of the corpus (the bundled one by default), bring it in line with the
        files and read the article list. Never raises for a bad file or a damaged catalogue:
        `problems` and `notices` say what happened. Once `stop` is set (the window closes) the
        files not read yet are left for the next open; those read are kept.

        `look_later`: the article list as the catalogue holds it, without looking at a file (a
        start does not wait for 50,000 `stat`s); the caller calls `refresh` next, in the background,
        to take in what changed while the app was closed. A catalogue holding no article (a first
        start) gives an empty list: the caller's `refresh` reads the files (and, given `shown`,
        shows the list growing as they are read)."""
        paths = paths or DataPaths.resolve()
        corpus_dir = resolve_corpus_dir(corpus)
        imported_dir = paths.imported_articles if include_imported else corpus_dir
        catalogue = Catalogue.open(catalogue_path(paths, corpus_dir))
        library = cls(corpus_dir, imported_dir, catalogue, paths)
        if not (look_later and library._open_stored()):
            library.refresh(progress, stop)
        return library

    def _open_stored(self) -> bool:
        """The entries of the catalogue's rows as they are; False when it holds none (or rows that
        do not decode, whose files must be read again)."""
        with self._refresh_lock:
            rows = self._rows()
            if not rows:
                return True  # a first start: nothing to show until the files are read
            noted = [LoadProblem(Path(r.path), r.note) for r in rows if r.note]
            installed = self._install(rows, noted)
            if installed:
                self._keep_rows()
            return installed

    @property
    def notices(self) -> list[str]:
        """One line for each thing that happened to the catalogue (rebuilt, upgraded, in memory)."""
        return self.catalogue.notices

    def close(self) -> None:
        self.catalogue.close()

    def refresh(
        self,
        progress: Progress | None = None,
        stop: threading.Event | None = None,
        shown: Callable[[], None] | None = None,
    ) -> Changes:
        """Stat every file; read and store those that are new or changed, drop those gone. While
        many files are read, the entries read so far are shown now and then (at growing intervals,
        each a look at every row), each time followed by a call of `shown`."""
        with self._refresh_lock:
            return self._refresh(progress, stop, shown)

    def _refresh(
        self,
        progress: Progress | None,
        stop: threading.Event | None = None,
        shown: Callable[[], None] | None = None,
    ) -> Changes:
        problems: list[LoadProblem] = []
        files: list[FileStat] = []
        looking = time.thread_time()
        if self.corpus_dir.is_dir():
            found, refused = list_files(self.corpus_dir, "corpus")
            files += found
            problems += [LoadProblem(p, m) for p, m in refused]
        else:
            problems.append(LoadProblem(self.corpus_dir, "corpus folder not found"))
        if self.imported_dir.is_dir() and self.imported_dir.resolve() != self.corpus_dir.resolve():
            found, refused = list_files(self.imported_dir, "imported")
            files += found
            problems += [LoadProblem(p, m) for p, m in refused]
        snapshot = {f.path: (f.size, f.mtime_ns, f.origin) for f in files}
        self.look_seconds = time.thread_time() - looking
        if snapshot == self._snapshot:
            return Changes()  # nothing on disk changed since the last look: no catalogue work
        before = {e.id: e.content_hash for e in self.entries}
        for _attempt in range(2):  # a second pass reads the files of rows found damaged
            rows = self._rows()
            known = {r.path: r for r in rows}
            current = {f.path for f in files}
            stale = [f for f in files if _changed(known.get(f.path), f)]
            gone = [r for r in rows if r.path not in current]
            read_problems: list[LoadProblem] = []
            if stale or gone:
                read_problems = self._store_files(stale, known, gone, progress, stop, shown)
                rows = self._rows()
            noted = [LoadProblem(Path(r.path), r.note) for r in rows if r.note]
            if self._install(rows, [*problems, *read_problems, *noted]):
                self._keep_rows()
                break
        after = {e.id: e.content_hash for e in self.entries}
        if stop is None or not stop.is_set():  # stopped: looked at again next time
            self._snapshot = snapshot
            self.files_checked = True
        return Changes(
            added=tuple(i for i in after if i not in before),
            changed=tuple(i for i in after if i in before and before[i] != after[i]),
            removed=tuple(i for i in before if i not in after),
        )

    def _rows(self) -> list[ArticleRow]:
        """The article rows in library order (`admission.library_order`: corpus first, then
        imported, each by path; SQLite's byte order of UTF-8 is Python's order of code points)."""
        sql = f"SELECT {ROW_COLUMNS} FROM articles ORDER BY origin != 'corpus', path"
        try:
            rows, count = row_snapshot.read(self.catalogue, sql)
            made = list(map(ArticleRow._make, rows))
            self._rows_to_keep = None if count is None else (count, made)
            return made
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            return list(map(ArticleRow._make, self.catalogue.query(sql)))

    def _keep_rows(self) -> None:
        """The rows last read from SQL, kept as one blob for the next start (`row_snapshot`)."""
        keep, self._rows_to_keep = self._rows_to_keep, None
        if keep is not None:
            row_snapshot.store(self.catalogue, keep[0], list(keep[1]))

    def _damaged(self, exc: BaseException) -> None:
        """The catalogue broke while open: continue on a fresh in-memory one (rebuilt from the files)."""
        notice = f"The library catalogue is damaged ({exc}); this session rebuilds it in memory."
        fresh = Catalogue.memory()
        fresh.notices[:] = [*self.catalogue.notices, notice]
        self.catalogue.close()
        self.catalogue = fresh

    def _store_files(
        self,
        stale: list[FileStat],
        known: dict[str, ArticleRow],
        gone: list[ArticleRow],
        progress: Progress | None,
        stop: threading.Event | None = None,
        shown: Callable[[], None] | None = None,
    ) -> list[LoadProblem]:
        problems: list[LoadProblem] = []
        stale, same, hashes = resaved.sort_out(stale, known, self.catalogue)
        if same:  # saved again unchanged: the new stat only, nothing derived goes stale
            self.catalogue.run_write(lambda conn: resaved.restat(conn, same))
        total = len(stale)
        wait = SHOW_FIRST
        show_at = time.monotonic() + wait
        label = "Reading articles"
        if progress:
            progress(0, total, label)
        pending: list[tuple[FileStat, ReadResult]] = []
        gone_keys = [r.key for r in gone]

        def flush() -> None:
            nonlocal gone_keys
            batch, keys = list(pending), gone_keys
            pending.clear()
            gone_keys = []
            # Encoded before the write: the catalogue's lock (which the window's list waits for)
            # is held only while the rows go in.
            encoded = [(info, result, _encoded(result.article)) for info, result in batch if result.article]
            self.catalogue.run_write(lambda conn: _write_articles(conn, encoded, keys, hashes))

        with _kept_on_the_way_out(lambda: bool(pending or gone_keys), flush):
            paths = resaved.hashed_first(stale, hashes)
            read = read_files(paths, total, stop=stop)  # in order, maybe fewer
            for done, (info, result) in enumerate(zip(stale, read, strict=False), 1):
                if result.article is None:
                    problems.append(LoadProblem(result.path, result.note))
                    old = known.get(info.path)
                    if old is not None:
                        gone_keys.append(old.key)  # it was readable once: it is not any more
                else:
                    pending.append((info, result))
                if len(pending) >= WRITE_BATCH:
                    flush()
                    if progress:
                        progress(done, total, label)
                    if shown is not None and time.monotonic() >= show_at and self._install(self._rows(), []):
                        shown()
                        wait = min(wait * 2, SHOW_MOST)
                        show_at = time.monotonic() + wait
        if progress and (stop is None or not stop.is_set()):
            progress(total, total, label)
        return problems

    def _install(self, rows: list[ArticleRow], problems: list[LoadProblem]) -> bool:
        """Entries from catalogue rows: corpus first, then imported, each by file name. A clashing
        id gets a numbered one; an imported article whose text the library holds is skipped.
        The metadata is not decoded here (see `ArticleEntry`): a row whose JSON, id or date is
        damaged is forgotten (False), for the caller to read its file again."""
        installed = hash(tuple(rows))
        if installed == self._installed:  # the rows the entries were made from: not made again
            with self._lock:
                self.problems = (*problems, *self._admission)
            self.curation_changed()  # the metadata overrides, as they are now
            return True
        bad_dates = {d for d in {row.meta_date for row in rows} if not _iso_date(d)}
        damaged = [row for row in rows if not isinstance(row.meta_id, str) or row.meta_date in bad_dates]
        if damaged:  # rows that do not decode: forget them; the caller reads their files again
            keys = [r.key for r in damaged]
            self.catalogue.run_write(lambda conn: _delete_keys(conn, keys))
            return False
        shown, said = admit((row.origin, row.text_hash, str(row.meta_id)) for row in rows)
        admission = [LoadProblem(Path(rows[i].path), message) for i, message in said]
        problems += admission
        shared: dict[str, str] = {}  # a publisher or date named by many articles is held once
        source = self._stored_meta  # (one bound method for all)
        entries = [
            ArticleEntry.stored(
                rows[i],
                article_id,
                rows[i].meta_title or "",
                shared.setdefault(date := rows[i].meta_date or "", date),
                shared.setdefault(publisher := rows[i].meta_publisher or "", publisher),
                source,
            )
            for i, article_id in shown
        ]
        with self._lock:
            self.problems = tuple(problems)
        self._show_entries(entries)
        self._installed, self._admission = installed, admission
        return True

    # --- curation: the analyst's reviews, corrections and metadata overrides (user data) -----------
    @property
    def curation(self) -> Curation:
        """Reviews, entity corrections and metadata overrides, stored in this catalogue."""
        with self._lock:
            if self._curation is None:
                from energybrowser.curation.aliases import UserGazetteer
                from energybrowser.curation.service import Curation
                from energybrowser.curation.session import adopt_interim_store, user_gazetteer_path
                from energybrowser.curation.store import CurationStore

                store = CurationStore(lambda: self.catalogue.conn, self.catalogue.lock)
                adopt_interim_store(store, self.paths, self.corpus_dir)
                gazetteer = UserGazetteer(user_gazetteer_path(self.paths))
                self._curation = Curation(store, self.stated_article, gazetteer)
            return self._curation

    def curation_watch(self) -> CurationWatch:
        """A cheap poll for curation changed by another process (see `library.watch`)."""
        from energybrowser.library.watch import CurationWatch

        path = None if self.catalogue.in_memory else self.catalogue.path
        return CurationWatch(path, self.paths.user_gazetteer, lambda: self.curation.store.signature())

    def stated_article(self, article_id: str) -> Article | None:
        """The article with its metadata as its file states it (reviews anchor to its text; an
        override is measured against it)."""
        article = self.get(article_id)
        stated = self._stated.get(article_id)
        if article is None or stated is None:
            return article
        return replace(article, meta=stated.meta, revision="")

    def reviewed_ledger(self) -> ReviewedLedger:
        """The ledger as the analyst reviewed it: what the window shows and `agreements` prints."""
        return self.curation.ledger(self.agreements(), self.groups())

    def _show_entries(self, entries: list[ArticleEntry]) -> None:
        """Show `entries` with the analyst's metadata overrides; derived views are recomputed lazily."""
        entries, stated = self._overlay(entries)
        with self._lock:
            self.entries = tuple(entries)
            self._by_id = {e.id: e for e in entries}
            self._by_key = {e.key: e for e in entries}
            self._stated = stated
            self._newest_first = None
            self._facets = None
            self._bodies.clear()
            self._entities.clear()
            self._corrections = None

    def curation_changed(self) -> None:
        """The analyst changed metadata overrides or entity corrections: show them."""
        with self._lock:
            entries = [self._stated.get(e.id, e) for e in self.entries]
        self._show_entries(entries)

    def _stored_entities(self, entry: ArticleEntry) -> tuple[EntitySpan, ...]:
        """The mentions as analysed (before the analyst's corrections)."""
        try:
            rows = self.catalogue.query(
                "SELECT entities FROM analysis WHERE key = ? AND article_id = ? AND content_hash = ?",
                (entry.key, entry.id, entry.content_hash),
            )
            return codec.load_entities(rows[0][0]) if rows else ()
        except (sqlite3.DatabaseError, codec.RowDamaged):
            return ()

    def entity_corrections_needing_a_look(self) -> tuple[NeedsLook, ...]:
        """Entity corrections whose words (or whose article) are gone: kept, and said."""
        from energybrowser.curation.entities import apply_entity_corrections

        corrections = self.curation.store.entity_corrections()
        stored = {}
        for article_id in {c.article for c in corrections}:
            entry = self._by_id.get(article_id)
            stored[article_id] = self._stored_entities(entry) if entry else ()
        _corrected, problems = apply_entity_corrections(stored, corrections, self.stated_article)
        return problems

    def _corrected(self, article_id: str, spans: tuple[EntitySpan, ...]) -> tuple[EntitySpan, ...]:
        """The mentions with the analyst's corrections of this article applied."""
        if self._corrections is None:
            try:
                self._corrections = self.curation.store.entity_corrections()
            except (sqlite3.DatabaseError, ValueError):
                self._corrections = []
        mine = [c for c in self._corrections if c.article == article_id]
        if not mine or not spans:
            return spans
        from energybrowser.curation.entities import apply_entity_corrections

        corrected, _unplaced = apply_entity_corrections({article_id: spans}, mine, self.stated_article)
        return corrected[article_id]

    def _overlay(self, entries: list[ArticleEntry]) -> tuple[list[ArticleEntry], dict[str, ArticleEntry]]:
        """The entries with the analyst's metadata laid over what their files state."""
        if self._curation is None and not self._may_have_overrides():
            return entries, {}
        from energybrowser.curation.metadata import apply_meta

        try:
            overrides = self.curation.store.metadata_overrides()
        except (sqlite3.DatabaseError, ValueError):
            overrides = {}  # unreadable overrides: the files' own metadata, never a failure
        if not overrides:
            return entries, {}
        stated: dict[str, ArticleEntry] = {}
        out: list[ArticleEntry] = []
        for entry in entries:
            override = overrides.get(entry.id)
            if override is None:
                out.append(entry)
                continue
            stated[entry.id] = entry
            meta = apply_meta(entry.meta, override)
            shown = _display_title(meta, entry.display_title)
            out.append(entry.with_meta(meta, shown, _meta_revision(meta)))
        return out, stated

    def _may_have_overrides(self) -> bool:
        from energybrowser.library.listing import may_have_overrides

        return may_have_overrides(self.catalogue, self.corpus_dir, self.paths)

    # --- the article list ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ArticleEntry]:
        return iter(self.entries)

    def entry(self, article_id: str) -> ArticleEntry | None:
        return self._by_id.get(article_id)

    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def is_imported(self, article_id: str) -> bool:
        entry = self._by_id.get(article_id)
        return entry is not None and entry.imported

    @property
    def imported_files(self) -> dict[str, Path]:
        """Imported article id -> its file (the metadata editor rewrites it)."""
        return {e.id: e.path for e in self.entries if e.imported}

    def newest_first(self) -> tuple[ArticleEntry, ...]:
        with self._lock:
            if self._newest_first is None:
                self._newest_first = tuple(
                    sorted(self.entries, key=operator.attrgetter("date_iso", "title"), reverse=True)
                )
            return self._newest_first

    # --- article bodies, on demand -----------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        """The whole article (body, blocks, text) from the catalogue; the file if that fails."""
        entry = self._by_id.get(article_id)
        if entry is None:
            return None
        with self._lock:
            cached = self._bodies.get(article_id)
            if cached is not None:
                self._bodies.move_to_end(article_id)
        if cached is not None:
            # A review made since (here or by another process) can move what the index holds.
            revision = self._revision(entry)
            if revision == cached.revision:
                return cached
            article: Article | None = replace(cached, revision=revision)
        else:
            article = self._load_body(entry)
        if article is None:
            return None
        with self._lock:
            self._bodies[article_id] = article
            if len(self._bodies) > BODY_CACHE:
                self._bodies.popitem(last=False)
        return article

    def _stored_meta(self, key: int) -> str | None:
        """An article row's metadata JSON (what `ArticleEntry.meta` decodes)."""
        try:
            rows = self.catalogue.query("SELECT meta FROM articles WHERE key = ?", (key,))
        except sqlite3.DatabaseError:
            return None
        return rows[0][0] if rows else None

    def _load_body(self, entry: ArticleEntry) -> Article | None:
        try:
            rows = self.catalogue.query(
                "SELECT b.text, b.body, a.meta FROM bodies b JOIN articles a ON a.key = b.key "
                "WHERE b.key = ?",
                (entry.key,),
            )
            if rows:
                meta = entry.decoded(rows[0][2])
                article = codec.load_body(meta, entry.content_hash, rows[0][0], rows[0][1])
                revision = self._revision(entry)
                return replace(article, revision=revision) if revision else article
        except (sqlite3.DatabaseError, codec.RowDamaged):
            pass
        from energybrowser.library.files import read_file

        result = read_file(entry.path)  # the file is the source of truth
        if result.article is None:
            return None
        return replace(result.article, meta=entry.meta, revision=self._revision(entry))

    def versions(self) -> dict[str, str]:
        """Each article's `Article.version`: its text, metadata override and what its analysis
        gives the index (the search index compares them to find the articles to re-index)."""
        marks = self._marks()
        reviewed = self._review_marks()
        return {
            e.id: _version(e.content_hash, _joined(e.revision, marks.get(e.key, ""), reviewed.get(e.id, "")))
            for e in self.entries
        }

    def _revision(self, entry: ArticleEntry) -> str:
        marks = self._marks(entry).get(entry.key, "")
        return _joined(entry.revision, marks, self._review_marks(entry.id).get(entry.id, ""))

    def _review_marks(self, article_id: str | None = None) -> dict[str, str]:
        """The reviews' part of the revisions: what the analyst's reviews change of the types and
        parties the index files (`curation.records.index_mark`), by article id."""
        query = "SELECT article, data FROM curation_agreement_reviews"
        try:
            rows = (
                self.catalogue.query(query + " WHERE article = ?", (article_id,))
                if article_id is not None
                else self.catalogue.query(query)
            )
        except sqlite3.DatabaseError:
            return {}
        if not rows:
            return {}
        from energybrowser.curation.records import index_mark

        records: dict[str, list[dict[str, object]]] = {}
        for article, data in rows:
            with contextlib.suppress(ValueError):
                record = json.loads(data)
                if isinstance(record, dict):
                    records.setdefault(article, []).append(record)
        return {article: mark for article, found in records.items() if (mark := index_mark(found))}

    def _marks(self, entry: ArticleEntry | None = None) -> dict[int, str]:
        """The index's part of the revisions (`library.corrected`), of analysis rows of the text."""
        query = (
            "SELECT s.key, s.mark, a.content_hash FROM analysis_state s JOIN analysis a ON a.key = s.key "
            "WHERE s.mark != ''"
        )
        try:
            rows = (
                self.catalogue.query(query + " AND s.key = ?", (entry.key,))
                if entry is not None
                else self.catalogue.query(query)
            )
        except sqlite3.DatabaseError:
            return {}
        return {
            key: mark
            for key, mark, content_hash in rows
            if (e := self._by_key.get(key)) is not None and e.content_hash == content_hash
        }

    def articles(self) -> Iterator[Article]:
        """Every article in full, one at a time (an export, a full index build)."""
        for entry in self.entries:
            article = self.get(entry.id)
            if article is not None:
                yield article

    def article_map(self) -> ArticleMap:
        return ArticleMap(self)

    # --- analysis ------------------------------------------------------------------------------------
    def _analyser(self) -> str:
        """The analyser version, with the user's gazetteer (their aliases change what is found)
        laid over the bundled one for this process."""
        self._use_user_gazetteer()
        return analyser_version()

    def _use_user_gazetteer(self) -> None:
        from energybrowser.entities.gazetteer import set_user_gazetteer, user_gazetteer

        if user_gazetteer() != self.paths.user_gazetteer:
            set_user_gazetteer(self.paths.user_gazetteer, compiled_in=self.paths.cache)

    def pending(self) -> list[ArticleEntry]:
        """Articles whose analysis is missing or outdated (text, id or analyser changed)."""
        version = self._analyser()
        stored = {
            key: (article_id, content_hash, analyser)
            for key, article_id, content_hash, analyser in self.catalogue.query(
                "SELECT key, article_id, content_hash, analyser FROM analysis"
            )
        }
        return [e for e in self.entries if stored.get(e.key) != (e.id, e.content_hash, version)]

    def analyse(
        self,
        progress: Progress | None = None,
        workers: int | None = None,
        stop: threading.Event | None = None,
    ) -> int:
        """Analyse what `pending` names and store it, then lay the analyst's entity corrections
        over the library-wide mentions and facets; returns how many articles were analysed or
        corrected. After a change of the user's gazetteer only the articles that name a changed
        entity are analysed again (`gazetteer_change`). Once `stop` is set (the window closes) it
        ends after the articles in hand, which are stored."""
        version = self._analyser()
        self._carry_over(version, progress)
        todo = self.pending()
        total = len(todo)
        label = "Finding entities and agreements"
        if progress:
            progress(0, total, label)
        if not todo:
            self._drop_orphans()
            self._remember_gazetteer(version)
            return self.apply_corrections()
        batch: list[tuple[ArticleEntry, Work, StoredAnalysis]] = []
        entry_of = {e.id: e for e in todo}
        corrections = self._corrections_by_article()

        def flush() -> None:
            rows = list(batch)
            batch.clear()
            self.catalogue.run_write(lambda conn: _write_analysis(conn, rows, version, corrections))

        done = 0
        with _kept_on_the_way_out(lambda: bool(batch), flush):
            for item, stored in analyse_all(self._stored_articles(todo), total, workers, stop):
                done += 1
                entry = entry_of[item.article_id if isinstance(item, StoredArticle) else item.id]
                if stored is None:  # its rows do not decode: the article as `get` reads it (its file)
                    article = self.get(entry.id)
                    stored = stored_analysis(article) if article is not None else None
                    if article is None or stored is None:
                        continue
                    item = article
                batch.append((entry, item, stored))
                if len(batch) >= WRITE_BATCH // 5:
                    flush()
                    if progress:
                        progress(done, total, label)
        if stop is not None and stop.is_set():
            with self._lock:
                self._entities.clear()
            return done
        self._drop_orphans()
        self._remember_gazetteer(version)
        with self._lock:
            self._entities.clear()
            self._bodies.clear()  # their revision may have moved
        if progress:
            progress(total, total, label)
        return done + self.apply_corrections()

    def _stored_articles(self, entries: list[ArticleEntry]) -> Iterator[Work]:
        """The articles to analyse as their rows hold them, read a chunk at a time (decoded by the
        analysing worker); an article whose rows cannot be read, as `get` reads it."""
        for start in range(0, len(entries), STORED_CHUNK):
            chunk = entries[start : start + STORED_CHUNK]
            try:
                found = {
                    key: (text, body, meta)
                    for key, text, body, meta in self.catalogue.query(
                        "SELECT b.key, b.text, b.body, a.meta FROM bodies b JOIN articles a ON a.key = b.key "
                        "WHERE b.key IN (SELECT value FROM json_each(?))",
                        (json.dumps([e.key for e in chunk]),),
                    )
                }
            except sqlite3.DatabaseError:
                found = {}
            for entry in chunk:
                row = found.get(entry.key)
                if row is None or not isinstance(row[0], str) or not isinstance(row[1], (str, bytes)):
                    article = self.get(entry.id)
                    if article is not None:
                        yield article
                    continue
                text, body, meta = row
                shown = entry.shown_meta()  # the analyst's override, or the row's own (None)
                yield StoredArticle(
                    entry.key, entry.id, entry.content_hash, shown if shown is not None else meta, text, body
                )

    # --- the analyst's entity corrections, library-wide --------------------------------------------
    def _corrections_by_article(self) -> dict[str, list[EntityCorrection]]:
        try:
            corrections = self.curation.store.entity_corrections()
        except (sqlite3.DatabaseError, ValueError):
            return {}
        grouped: dict[str, list[EntityCorrection]] = {}
        for c in corrections:
            grouped.setdefault(c.article, []).append(c)
        return grouped

    def apply_corrections(self) -> int:
        """Bring the library-wide mentions and facets (and what the index holds) in line with the
        entity corrections: only the articles whose corrections changed are written. Returns how
        many; cheap when none changed (the window calls it after each correction, the command line
        before a search)."""
        from energybrowser.curation.entities import apply_entity_corrections
        from energybrowser.library.corrected import corrections_digest, read_state, write_rows

        wanted = {i: corrections_digest(cs) for i, cs in self._corrections_by_article().items()}
        try:
            have = dict(
                self.catalogue.query("SELECT key, corrections FROM analysis_state WHERE corrections != ''")
            )
        except sqlite3.DatabaseError:
            return 0
        stale = [e for e in self.entries if wanted.get(e.id, "") != have.get(e.key, "")]
        if not stale:
            return 0
        by_article = self._corrections_by_article()
        rows: list[tuple[ArticleEntry, tuple[EntitySpan, ...], tuple[Agreement, ...], str]] = []
        for entry in stale:
            stored = self.catalogue.query(
                "SELECT entities, agreements FROM analysis "
                "WHERE key = ? AND article_id = ? AND content_hash = ?",
                (entry.key, entry.id, entry.content_hash),
            )
            if not stored:
                continue  # not analysed yet: corrected when it is
            try:
                spans, agreements = codec.load_entities(stored[0][0]), codec.load_agreements(stored[0][1])
            except codec.RowDamaged:
                continue
            mine = by_article.get(entry.id, [])
            if mine:
                corrected, _unplaced = apply_entity_corrections({entry.id: spans}, mine, self.stated_article)
                spans = corrected[entry.id]
            rows.append((entry, spans, agreements, wanted.get(entry.id, "")))

        def write(conn: sqlite3.Connection) -> None:
            for entry, spans, agreements, digest in rows:
                write_rows(conn, entry.key, spans, agreements, digest, read_state(conn, entry.key), True)

        if rows:
            self.catalogue.run_write(write)
        with self._lock:
            for entry, *_rest in rows:
                self._entities.pop(entry.id, None)
                self._bodies.pop(entry.id, None)
            self._corrections = None
            self._facets = None
        return len(rows)

    # --- the user's gazetteer changed: analyse again only what it touches ---------------------------
    def _remember_gazetteer(self, version: str) -> None:
        """Keep the user's gazetteer the analysis of `version` was made with (a later change is
        compared with it), and forget those no analysis row is of any more."""
        from energybrowser.library import gazetteer_change

        snapshot = gazetteer_change.snapshot(self.paths.user_gazetteer)
        try:
            kept = {v for (v,) in self.catalogue.query("SELECT DISTINCT analyser FROM analysis")} | {version}
            known = {
                n for (n,) in self.catalogue.query("SELECT name FROM state WHERE name LIKE 'gazetteer:%'")
            }
        except sqlite3.DatabaseError:
            return
        name = f"gazetteer:{version}"
        drop = [n for n in known if n.removeprefix("gazetteer:") not in kept]
        if name in known and not drop:
            return

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM state WHERE name = ?", [(n,) for n in drop])
            conn.execute("INSERT OR REPLACE INTO state(name, value) VALUES(?, ?)", (name, snapshot))

        self.catalogue.run_write(write)

    def _carry_over(self, version: str, progress: Progress | None) -> None:
        """Rows analysed with another user gazetteer (same rules otherwise) whose article names no
        entity the change touched are as this analyser would make them: relabelled, not redone."""
        from energybrowser.library import gazetteer_change

        try:
            rows = self.catalogue.query("SELECT analyser, key FROM analysis WHERE analyser != ?", (version,))
            if not rows:
                return
            now = gazetteer_change.snapshot(self.paths.user_gazetteer)
            keys_of: dict[str, list[int]] = {}
            for analyser, key in rows:
                keys_of.setdefault(analyser, []).append(key)
            for old, keys in keys_of.items():
                before = self.catalogue.state(f"gazetteer:{old}")
                forms = gazetteer_change.changed_forms(before, now) if before is not None else None
                if forms is None:
                    continue  # another rule set, or not known: analysed again
                untouched = gazetteer_change.untouched(self.catalogue, keys, forms, progress)
                if untouched:
                    self.catalogue.run_write(functools.partial(_relabel, keys=untouched, version=version))
        except sqlite3.DatabaseError:
            return  # the pending articles are analysed again instead

    def _drop_orphans(self) -> None:
        """Analysis rows of articles the library does not show (a skipped duplicate) leave the facets."""
        rows = self.catalogue.query("SELECT key FROM analysis")
        orphans = [k for (k,) in rows if k not in self._by_key]
        if orphans:
            self.catalogue.run_write(lambda conn: _delete_analysis(conn, orphans))

    def entities(self, article_id: str) -> tuple[EntitySpan, ...]:
        """The entity mentions of an article, as last analysed (empty until it is)."""
        entry = self._by_id.get(article_id)
        if entry is None:
            return ()
        with self._lock:
            if article_id in self._entities:
                return self._entities[article_id]
        spans = self._corrected(article_id, self._stored_entities(entry))
        with self._lock:
            self._entities[article_id] = spans
            if len(self._entities) > BODY_CACHE:
                self._entities.popitem(last=False)
        return spans

    def agreements(self) -> tuple[Agreement, ...]:
        """Every agreement of the library (as far as analysed), with its group and conflicts."""
        return self._current_ledger().agreements

    def groups(self) -> tuple[AgreementGroup, ...]:
        return self._current_ledger().groups

    def agreements_of(self, article_id: str) -> tuple[Agreement, ...]:
        return self._current_ledger().by_article.get(article_id, ())

    def _current_ledger(self, *, store: bool = True) -> _Ledger:
        """The grouped ledger of the library as it is; `store` False: not stored yet when it was
        worked out now (the caller shows its rows first, then calls `_store`)."""
        generation = self.catalogue.generation
        ids = tuple(e.id for e in self.entries)
        with self._lock:
            ledger = self._ledger
        if ledger is None or ledger.generation != generation or ledger.ids != ids:
            ledger = self._build_ledger(generation, ids)
            with self._lock:
                self._ledger = ledger
        if store:
            self._store(ledger)
        return ledger

    def _store(self, ledger: _Ledger) -> None:
        """Keep a ledger grouped in this process in the catalogue (once): a later process reads it."""
        from energybrowser.library import ledger_cache

        with self._lock:
            if ledger.stored:
                return
            ledger.stored = True
        ledger_cache.store_ledger(
            self.catalogue, ledger.generation, ledger.ids, ledger.agreements, ledger.groups,
            ledger.digests, ledger.basis,
        )  # fmt: skip

    def _build_ledger(self, generation: int, ids: tuple[str, ...]) -> _Ledger:
        """The grouped ledger: as stored when it is of this generation; else the ledger as it was
        (in memory, or as last stored) grouped again where the articles' analysis changed
        (`agreements.regroup`); else everything grouped."""
        from energybrowser.library import ledger_cache

        stamp = ledger_cache._stamp(generation, ids)
        stored = ledger_cache.read_ledger(self.catalogue, stamp)
        fresh = False  # grouped here, not stored yet
        if stored is None:
            basis = ledger_cache.grouping_basis()
            with self._lock:
                previous = self._ledger
            before = (
                ledger_cache.StoredLedger(
                    previous.agreements, previous.groups, previous.digests, previous.basis
                )
                if previous is not None and previous.basis == basis
                else ledger_cache.read_ledger(self.catalogue, basis=basis)
            )
            items, digests = self._analysed_agreements(before)
            if before is not None and before.digests:
                from energybrowser.agreements.regroup import regroup

                agreements, groups = regroup(items, (before.agreements, before.groups))
            else:
                from energybrowser.agreements.grouping import group_agreements

                agreements, groups = group_agreements(items)
            stored = ledger_cache.StoredLedger(agreements, groups, digests, basis)
            fresh = True
        by_article: dict[str, list[Agreement]] = {}
        for a in stored.agreements:
            by_article.setdefault(a.article, []).append(a)
        return _Ledger(
            generation,
            ids,
            stored.agreements,
            stored.groups,
            {k: tuple(v) for k, v in by_article.items()},
            stored.digests,
            stored.basis,
            stored=not fresh,
        )

    # --- the ledger as the window shows it: rows in the catalogue (library/ledger_table.py) ---------
    def ledger_table(self) -> LedgerTable:
        from energybrowser.library.ledger_table import LedgerTable

        return LedgerTable(self.catalogue)

    def ledger_rows_stamp(self) -> str:
        """What the ledger rows are worked out from: the grouped ledger's stamp (generation,
        articles, grouping code) and the reviews and metadata overrides."""
        from energybrowser.library.ledger_cache import _stamp
        from energybrowser.library.ledger_table import rows_stamp

        reviews, _corrections, metadata = self.curation.store.signature()
        ids = tuple(e.id for e in self.entries)
        return rows_stamp(_stamp(self.catalogue.generation, ids), [reviews, metadata])

    def ledger_rows_current(self) -> bool:
        """Whether the stored rows are those of the ledger as it is (nothing to work out)."""
        stored = self.ledger_table().stamp()
        return stored is not None and stored[0] == self.ledger_rows_stamp()

    def stored_reviewed_ledger(self) -> ReviewedLedger | None:
        """The reviewed ledger as its stored rows hold it, when they are current (nothing is
        grouped or reviewed again); its groups are not stored. None when the rows are not current."""
        if not self.ledger_rows_current():
            return None
        return self.ledger_table().reviewed()

    def ledger_rows_shown_at_start(self) -> ReviewedLedger | None:
        """What a window start shows: the stored rows as they are, even when the library changed
        since (the analysis that follows writes them again); only when there are none (or none this
        code reads) they are worked out here. Returns the reviewed ledger when it was."""
        if self.ledger_table().readable():
            return None
        return self.write_ledger_rows()

    def write_ledger_rows(
        self, ledger: ReviewedLedger | None = None, *, store: bool = True
    ) -> ReviewedLedger:
        """Work out the reviewed ledger (unless given) and store its rows (only those that changed);
        returns it. The grouped ledger behind it is stored after the rows: they are what is shown
        (`store` False: by `store_grouped_ledger`, later)."""
        grouped = None
        if ledger is None:
            grouped = self._current_ledger(store=False)
            ledger = self.curation.ledger(grouped.agreements, grouped.groups)
        with contextlib.suppress(sqlite3.Error):  # unstored rows are worked out again next time
            self.ledger_table().write(ledger, self._title_of, self.ledger_rows_stamp(), self._extracted())
        if grouped is not None and store:
            self._store(grouped)
        return ledger

    def store_grouped_ledger(self) -> None:
        """Keep the grouped ledger worked out in this process, if any, for a later process (which
        then reads it, or regroups only what changed since)."""
        with self._lock:
            ledger = self._ledger
        if ledger is not None:
            self._store(ledger)

    def update_ledger_rows(
        self, before: ReviewedLedger, after: ReviewedLedger, articles: frozenset[str] = frozenset()
    ) -> int:
        """Store only the rows a review changed (`before` is what the rows show now), and those of
        `articles` (their metadata changed)."""
        try:
            stamp = self.ledger_rows_stamp()
            return self.ledger_table().update(
                before, after, self._title_of, stamp, articles, self._extracted()
            )
        except sqlite3.Error:
            return 0

    def retitle_ledger_rows(self, articles: frozenset[str]) -> int:
        """Store the rows of `articles` again with their titles as shown now (their metadata
        changed): read from the stored rows, without the rest of the ledger."""
        try:
            return self.ledger_table().retitle(articles, self._title_of, self.ledger_rows_stamp())
        except sqlite3.Error:
            return 0

    def _extracted(self) -> dict[str, tuple[Agreement, str]]:
        """The reports of the grouped ledger in hand with their articles' analysis digests (a row
        digest names by them the reports no review touched: `ledger_table.RowInputs`)."""
        with self._lock:
            ledger = self._ledger
        if ledger is None:
            return {}
        if ledger.extracted is None:
            ledger.extracted = _named_reports(ledger)
        return ledger.extracted

    def _title_of(self, article_id: str) -> str:
        entry = self._by_id.get(article_id)
        return entry.display_title if entry else article_id

    def _analysed_agreements(
        self, before: StoredLedger | None = None
    ) -> tuple[list[Agreement], dict[str, str]]:
        """Every agreement of the articles' current analysis, in the articles' order, and the digest
        of each article's; an article whose analysis is the one `before` grouped gives the
        agreements `before` holds (not decoded again)."""
        from energybrowser.library.ledger_cache import analysis_digest

        stored = {}
        try:
            for key, article_id, content_hash, agreements in self.catalogue.query(
                "SELECT key, article_id, content_hash, agreements FROM analysis"
            ):
                entry = self._by_key.get(key)
                if entry is not None and entry.id == article_id and entry.content_hash == content_hash:
                    stored[key] = agreements
        except sqlite3.DatabaseError:
            stored = {}
        known = before.digests if before is not None else {}
        by_article: dict[str, list[Agreement]] = {}
        if known and before is not None:
            for a in before.agreements:
                by_article.setdefault(a.article, []).append(a)
        found: list[Agreement] = []
        digests: dict[str, str] = {}
        for entry in self.entries:
            text = stored.get(entry.key)
            if text is None:
                continue
            digest = analysis_digest(text)
            if known.get(entry.id) == digest:
                found.extend(by_article.get(entry.id, ()))
                digests[entry.id] = digest
                continue
            with contextlib.suppress(codec.RowDamaged):
                found.extend(codec.load_agreements(text))
                digests[entry.id] = digest
        return found, digests

    # --- entities across the library --------------------------------------------------------------
    def mentions_of(self, canonical: str) -> tuple[Mention, ...]:
        width = CONTEXT_CHARS
        rows = self.catalogue.query(
            "SELECT m.key, m.paragraph, m.start, m.end, length(b.text), max(m.start - ?, 0), "
            "substr(b.text, max(m.start - ?, 0) + 1, m.end - max(m.start - ?, 0) + ?) "
            "FROM mentions m JOIN bodies b ON b.key = m.key WHERE m.canonical = ? ORDER BY m.key, m.start",
            (width, width, width, width, canonical),
        )
        order = {e.key: i for i, e in enumerate(self.entries)}
        found = []
        for key, paragraph, start, end, total, offset, piece in rows:
            entry = self._by_key.get(key)
            if entry is None:
                continue
            context = context_in_slice(piece, offset, total, start, end, width)
            found.append(
                (
                    order[key],
                    Mention(
                        entry.id,
                        entry.display_title,
                        paragraph,
                        start,
                        end,
                        context,
                        untitled=not entry.title,
                    ),
                )
            )
        found.sort(key=lambda item: (item[0], item[1].start))
        return tuple(m for _i, m in found)

    def type_of(self, canonical: str) -> str:
        rows = self.catalogue.query("SELECT type FROM mentions WHERE canonical = ? LIMIT 1", (canonical,))
        return rows[0][0] if rows else ""

    # --- the article list with facets (no query) ------------------------------------------------------
    def browse(
        self, filters: Mapping[str, str]
    ) -> tuple[list[ArticleEntry], dict[str, list[tuple[str, int]]]]:
        """Every article newest first, narrowed by the chosen facet values, and the facet counts."""
        entries = list(self.newest_first())
        for name, value in filters.items():
            if name == "publisher":
                entries = [e for e in entries if e.publisher == value]
            elif name == "year":
                entries = [e for e in entries if e.year == value]
            else:
                keys = {
                    k
                    for (k,) in self.catalogue.query(
                        "SELECT key FROM facets WHERE field = ? AND value = ?", (name, value)
                    )
                }
                entries = [e for e in entries if e.key in keys]
        if not filters:
            return entries, self._all_facets()
        return entries, self._facets_of(entries)

    def _all_facets(self) -> dict[str, list[tuple[str, int]]]:
        """The facets of the whole list: publisher and year counted from the entries (the
        analyst's overrides laid over), entities and types from the `facets` table — counted by
        SQL once for each state of that table (`change_counts`) and kept, so a start of a large
        library does not count them again because something else in the catalogue was written."""
        counts = self._list_counts(self.entries)
        counts.update({name: values for name, values in self._table_facets().items() if name in counts})
        return {name: _top(values) for name, values in counts.items()}

    def _table_facets(self) -> dict[str, dict[str, int]]:
        with self.catalogue.reading() as conn:
            state = change_counts.count(conn, "facets")
        with self._lock:
            if self._facets is not None and state is not None and self._facets[0] == state:
                return self._facets[1]
        stored = _stored_table_facets(self.catalogue, state)
        if stored is None:
            stored = {}
            for name, value, count in self.catalogue.query(
                "SELECT field, value, count(*) FROM facets GROUP BY field, value"
            ):
                if value:
                    stored.setdefault(name, {})[value] = count
            if state is not None:
                _store_table_facets(self.catalogue, state, stored)
        with self._lock:
            self._facets = None if state is None else (state, stored)
        return stored

    @staticmethod
    def _list_counts(entries: Iterable[ArticleEntry]) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        publishers, years = counts["publisher"], counts["year"]
        for e in entries:
            if e.publisher:
                publishers[e.publisher] = publishers.get(e.publisher, 0) + 1
            if year := e.year:
                years[year] = years.get(year, 0) + 1
        return counts

    def _facets_of(self, entries: list[ArticleEntry]) -> dict[str, list[tuple[str, int]]]:
        if len(entries) == len(self.entries):
            return self._all_facets()
        counts = self._list_counts(entries)
        rows = self.catalogue.query(
            "SELECT field, value, count(*) FROM facets WHERE key IN (SELECT value FROM json_each(?)) "
            "GROUP BY field, value",
            (json.dumps([e.key for e in entries]),),
        )
        for name, value, count in rows:
            if name in counts and value:
                counts[name][value] = count
        return {name: _top(values) for name, values in counts.items()}

    # --- search ---------------------------------------------------------------------------------------
    def search_engine(self) -> SearchEngine:
        """The search engine over this library (opens the index if a sound one exists; cheap)."""
        from energybrowser.entities.gazetteer import load_gazetteer
        from energybrowser.library.annotations import StoredAnnotations
        from energybrowser.search.engine import SearchEngine

        self._use_user_gazetteer()  # its aliases find the others in queries too
        return SearchEngine(
            self.corpus_dir,
            self.article_map(),
            self.paths.index_dir(self.corpus_dir),
            annotate=StoredAnnotations.of(self),
            gazetteer=load_gazetteer(),
        )

    def scan(self, query: str, limit: int = 500) -> list[tuple[ArticleEntry, int]]:
        """Articles whose title or text holds every word of `query` (case-insensitive), with the
        position of the first word in the text (-1 when only the title has it). The search that
        answers while the index is being built."""
        words = [w for w in query.split() if w]
        if not words:
            return [(e, -1) for e in self.entries[:limit]]
        where = " AND ".join(
            "(instr(lower(b.text), ?) > 0 OR instr(lower(a.display_title), ?) > 0)" for _ in words
        )
        params: list[object] = [words[0].casefold()]
        for w in words:
            params += [w.casefold(), w.casefold()]
        rows = self.catalogue.query(
            f"SELECT a.key, instr(lower(b.text), ?) - 1 FROM articles a JOIN bodies b ON b.key = a.key "
            f"WHERE {where}",
            params,
        )
        found = [(self._by_key[k], pos) for k, pos in rows if k in self._by_key]
        order = {e.key: i for i, e in enumerate(self.entries)}
        found.sort(key=lambda item: order[item[0].key])
        return found[:limit]


class ArticleMap(Mapping[str, Article]):
    """The library's articles by id, read on demand: what the search engine indexes and cuts
    snippets from, without holding every body in memory."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def __getitem__(self, article_id: str) -> Article:
        article = self.library.get(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    def get(self, article_id: str, default: Article | None = None) -> Article | None:  # type: ignore[override]
        return self.library.get(article_id) or default

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.library.entry(article_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.library.ids())

    def __len__(self) -> int:
        return len(self.library)

    def content_hashes(self) -> dict[str, str]:
        """Each article's `version`: what the index compares to find the articles to re-index."""
        return self.library.versions()


@contextlib.contextmanager
def _kept_on_the_way_out(waiting: Callable[[], bool], flush: Callable[[], None]) -> Iterator[None]:
    """Store what is `waiting` when the block ends, however it ends: work done before a stop,
    Ctrl+C or a failure is kept in the catalogue (after a failure, as far as it can be written)."""
    try:
        yield
    except BaseException:
        if waiting():
            with contextlib.suppress(sqlite3.Error):
                flush()
        raise
    if waiting():
        flush()


def _iso_date(value: str | None) -> bool:
    """Whether a row's date is one `PartialDate` reads (a row whose JSON is damaged has none)."""
    try:
        codec.parse_date(value or None)
    except ValueError:
        return False
    return True


def _changed(row: ArticleRow | None, info: FileStat) -> bool:
    return row is None or row.size != info.size or row.mtime_ns != info.mtime_ns or row.origin != info.origin


def _joined(*parts: str) -> str:
    return "+".join(p for p in parts if p)


def _version(content_hash: str, revision: str) -> str:
    return f"{content_hash}+{revision}" if revision else content_hash


def _meta_revision(meta: ArticleMeta) -> str:
    """Names the metadata an override shows (the index re-indexes the article when it changes)."""
    import hashlib

    return "m" + hashlib.sha256(codec.dump_meta(meta).encode("utf-8")).hexdigest()[:12]


def _display_title(meta: ArticleMeta, stored: str) -> str:
    return meta.title or stored


TABLE_FACETS = "facets/table"  # its row in `derived`: `generation` holds the `facets` table's count


def _stored_table_facets(catalogue: Catalogue, state: int | None) -> dict[str, dict[str, int]] | None:
    if state is None:
        return None
    try:
        found = catalogue.query("SELECT generation, value FROM derived WHERE name = ?", (TABLE_FACETS,))
        data = json.loads(found[0][1]) if found and found[0][0] == state else None
    except (sqlite3.Error, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): {str(v): int(n) for v, n in values.items()} for k, values in data.items()}


def _store_table_facets(catalogue: Catalogue, state: int, facets: dict[str, dict[str, int]]) -> None:
    """Kept without bumping the generation (derived from the table); a failure only costs time."""
    with catalogue.lock, contextlib.suppress(sqlite3.Error):
        catalogue.conn.execute(
            "INSERT INTO derived(name, generation, value) VALUES(?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET generation = excluded.generation, value = excluded.value",
            (TABLE_FACETS, state, json.dumps(facets, ensure_ascii=False)),
        )


def _top(values: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(values.items(), key=lambda item: (-item[1], item[0].casefold()))[:FACET_LIMIT]


@dataclass(frozen=True)
class _Stored:
    key: int
    content_hash: str
    origin: str


class _Encoded(NamedTuple):
    """An article read, as its catalogue rows store it."""

    text_hash: str
    meta: str
    body: bytes


def _encoded(article: Article) -> _Encoded:
    return _Encoded(_text_hash(article.text), codec.dump_meta(article.meta), codec.dump_body(article))


def _write_articles(
    conn: sqlite3.Connection,
    batch: list[tuple[FileStat, ReadResult, _Encoded]],
    gone: list[int],
    hashes: Mapping[str, str],
) -> str | None:
    """Store what was read; returns STAT_ONLY when only stats changed (files saved again unchanged)."""
    if gone:
        _delete_keys(conn, gone)
    changed = bool(gone)
    for info, result, encoded in batch:
        article = result.article
        assert article is not None
        # The row as it is now, inside the write transaction: another process (a CLI command beside
        # the window) may have stored this file since the rows were read.
        found = conn.execute(
            "SELECT key, content_hash, origin FROM articles WHERE path = ?", (info.path,)
        ).fetchone()
        old = _Stored(*found) if found else None
        if old is not None and old.content_hash == article.content_hash and old.origin == info.origin:
            conn.execute(  # touched, not changed: only the stat is new
                "UPDATE articles SET size = ?, mtime_ns = ?, note = ? WHERE key = ?",
                (info.size, info.mtime_ns, result.note, old.key),
            )
            resaved.remember(conn, old.key, hashes.get(info.path))
            continue
        changed = True
        values = (
            info.path,
            info.origin,
            info.size,
            info.mtime_ns,
            article.content_hash,
            encoded.text_hash,
            encoded.meta,
            len(article.paragraphs),
            len(article.footnotes),
            article.display_title,
            result.note,
        )
        if old is not None:
            conn.execute(
                "UPDATE articles SET path = ?, origin = ?, size = ?, mtime_ns = ?, content_hash = ?, "
                "text_hash = ?, meta = ?, paragraphs = ?, footnotes = ?, display_title = ?, note = ? "
                "WHERE key = ?",
                (*values, old.key),
            )
            key = old.key
        else:
            cursor = conn.execute(
                "INSERT INTO articles(path, origin, size, mtime_ns, content_hash, text_hash, meta, "
                "paragraphs, footnotes, display_title, note) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            assert cursor.lastrowid is not None
            key = cursor.lastrowid
        conn.execute(
            "INSERT OR REPLACE INTO bodies(key, text, body) VALUES(?, ?, ?)",
            (key, article.text, encoded.body),
        )
        resaved.remember(conn, key, hashes.get(info.path))
    return None if changed else STAT_ONLY


def _delete_keys(conn: sqlite3.Connection, keys: Iterable[int]) -> None:
    keys = list(keys)
    for table in ("articles", "bodies", "file_hashes"):
        conn.executemany(f"DELETE FROM {table} WHERE key = ?", [(k,) for k in keys])
    _delete_analysis(conn, keys)


def _delete_analysis(conn: sqlite3.Connection, keys: Iterable[int]) -> None:
    rows = [(k,) for k in keys]
    for table in ("analysis", "mentions", "facets", "analysis_state"):
        conn.executemany(f"DELETE FROM {table} WHERE key = ?", rows)


def _write_analysis(
    conn: sqlite3.Connection,
    rows: list[tuple[ArticleEntry, Work, StoredAnalysis]],
    version: str,
    corrections: Mapping[str, list[EntityCorrection]],
) -> None:
    from energybrowser.curation.entities import apply_entity_corrections
    from energybrowser.library.corrected import corrections_digest, read_state, write_index_rows, write_rows

    before = {}
    for entry, item, _stored in rows:
        found = conn.execute("SELECT content_hash FROM analysis WHERE key = ?", (entry.key,)).fetchone()
        before[entry.key] = (found is not None and found[0] == item.content_hash, read_state(conn, entry.key))
    _delete_analysis(conn, [entry.key for entry, _i, _s in rows])
    conn.executemany(
        "INSERT INTO analysis(key, article_id, content_hash, analyser, entities, agreements) "
        "VALUES(?, ?, ?, ?, ?, ?)",
        [
            (entry.key, entry.id, item.content_hash, version, stored.entities, stored.agreements)
            for entry, item, stored in rows
        ],
    )
    for entry, item, stored in rows:
        same_text, state = before[entry.key]
        mine = corrections.get(entry.id, [])
        if not mine:
            write_index_rows(conn, entry.key, stored.rows, "", state, same_text)
            continue
        # The library-wide rows show the mentions as the analyst corrected them (rare: decoded here).
        article = item.article() if isinstance(item, StoredArticle) else item
        spans, agreements = codec.load_entities(stored.entities), codec.load_agreements(stored.agreements)
        corrected, _unplaced = apply_entity_corrections(
            {entry.id: spans}, mine, functools.partial(_same, article)
        )
        write_rows(
            conn, entry.key, corrected[entry.id], agreements, corrections_digest(mine), state, same_text
        )


def _same(article: Article, _article_id: str) -> Article:
    return article


def _relabel(conn: sqlite3.Connection, keys: list[int], version: str) -> None:
    conn.executemany("UPDATE analysis SET analyser = ? WHERE key = ?", [(version, k) for k in keys])


__all__ = ["OPENING_MAX_CHARS", "ArticleEntry", "Changes", "Library"]
