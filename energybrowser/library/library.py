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
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.loader import LoadProblem, resolve_corpus_dir
from energybrowser.corpus.model import OPENING_MAX_CHARS, Article, ArticleMeta
from energybrowser.entities.model import VALUE_TYPES, EntitySpan
from energybrowser.library import codec
from energybrowser.library.admission import admit, library_order
from energybrowser.library.analysis import ArticleAnalysis, analyse_all, analyser_version
from energybrowser.library.catalogue import Catalogue, catalogue_path
from energybrowser.library.files import FileStat, ReadResult, list_files, read_files
from energybrowser.library.mentions import CONTEXT_CHARS, Mention, context_in_slice
from energybrowser.paths import DataPaths

if TYPE_CHECKING:
    from energybrowser.agreements.grouping import AgreementGroup
    from energybrowser.curation.apply import NeedsLook, ReviewedLedger
    from energybrowser.curation.entities import EntityCorrection
    from energybrowser.curation.service import Curation
    from energybrowser.search.engine import SearchEngine

Progress = Callable[[int, int, str], None]
WRITE_BATCH = 250  # rows per transaction: progress shows, and another process is not kept waiting
BODY_CACHE = 64  # full articles kept in memory (the reader, side by side, citations)
FACET_LIMIT = 30
FACET_FIELDS = ("entity", "type", "publisher", "year")


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """What the article list, the ledger and `corpus list` need of an article: no body."""

    key: int
    meta: ArticleMeta
    path: Path
    origin: str  # "corpus" or "imported"
    content_hash: str
    paragraphs: int
    footnotes: int
    display_title: str

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def imported(self) -> bool:
        return self.origin == "imported"


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class _Row:
    key: int
    path: str
    origin: str
    size: int
    mtime_ns: int
    content_hash: str
    text_hash: str
    meta: str
    paragraphs: int
    footnotes: int
    display_title: str
    note: str


_ROW_COLUMNS = (
    "key, path, origin, size, mtime_ns, content_hash, text_hash, meta, paragraphs, footnotes, "
    "display_title, note"
)


@dataclass
class _Ledger:
    generation: int
    ids: tuple[str, ...]
    agreements: tuple[Agreement, ...]
    groups: tuple[AgreementGroup, ...]
    by_article: dict[str, tuple[Agreement, ...]] = field(default_factory=dict)


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
        self._facets: tuple[tuple[int, int], dict[str, list[tuple[str, int]]]] | None = None
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()
        self._snapshot: dict[str, tuple[int, int, str]] | None = None  # the files as last seen
        self._curation: Curation | None = None
        self._stated: dict[str, ArticleMeta] = {}  # id -> metadata as the file states it (overridden ones)
        self._corrections: list[EntityCorrection] | None = None

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
    ) -> Library:
        """Open the catalogue of the corpus (the bundled one by default), bring it in line with the
        files and read the article list. Never raises for a bad file or a damaged catalogue:
        `problems` and `notices` say what happened. Once `stop` is set (the window closes) the
        files not read yet are left for the next open; those read are kept."""
        paths = paths or DataPaths.resolve()
        corpus_dir = resolve_corpus_dir(corpus)
        imported_dir = paths.imported_articles if include_imported else corpus_dir
        catalogue = Catalogue.open(catalogue_path(paths, corpus_dir))
        library = cls(corpus_dir, imported_dir, catalogue, paths)
        library.refresh(progress, stop)
        return library

    @property
    def notices(self) -> list[str]:
        """One line for each thing that happened to the catalogue (rebuilt, upgraded, in memory)."""
        return self.catalogue.notices

    def close(self) -> None:
        self.catalogue.close()

    def refresh(self, progress: Progress | None = None, stop: threading.Event | None = None) -> Changes:
        """Stat every file; read and store those that are new or changed, drop those gone."""
        with self._refresh_lock:
            return self._refresh(progress, stop)

    def _refresh(self, progress: Progress | None, stop: threading.Event | None = None) -> Changes:
        problems: list[LoadProblem] = []
        files: list[FileStat] = []
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
                read_problems = self._store_files(stale, known, gone, progress, stop)
                rows = self._rows()
            noted = [LoadProblem(Path(r.path), r.note) for r in rows if r.note]
            if self._install(rows, [*problems, *read_problems, *noted]):
                break
        after = {e.id: e.content_hash for e in self.entries}
        if stop is None or not stop.is_set():  # stopped: the files not read are looked at again
            self._snapshot = snapshot
        return Changes(
            added=tuple(i for i in after if i not in before),
            changed=tuple(i for i in after if i in before and before[i] != after[i]),
            removed=tuple(i for i in before if i not in after),
        )

    def _rows(self) -> list[_Row]:
        try:
            return [_Row(*r) for r in self.catalogue.query(f"SELECT {_ROW_COLUMNS} FROM articles")]
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            return [_Row(*r) for r in self.catalogue.query(f"SELECT {_ROW_COLUMNS} FROM articles")]

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
        known: dict[str, _Row],
        gone: list[_Row],
        progress: Progress | None,
        stop: threading.Event | None = None,
    ) -> list[LoadProblem]:
        problems: list[LoadProblem] = []
        total = len(stale)
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
            self.catalogue.run_write(lambda conn: _write_articles(conn, batch, keys))

        with _kept_on_the_way_out(lambda: bool(pending or gone_keys), flush):
            read = read_files((Path(f.path) for f in stale), total, stop=stop)  # in order, maybe fewer
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
        if progress and (stop is None or not stop.is_set()):
            progress(total, total, label)
        return problems

    def _install(self, rows: list[_Row], problems: list[LoadProblem]) -> bool:
        """Entries from catalogue rows: corpus first, then imported, each by file name. A clashing
        id gets a numbered one; an imported article whose text the library holds is skipped."""
        rows = sorted(rows, key=lambda r: library_order(r.origin, r.path))
        decoded: list[tuple[_Row, ArticleMeta]] = []
        damaged: list[_Row] = []
        for row in rows:
            try:
                decoded.append((row, codec.load_meta(row.meta)))
            except codec.RowDamaged:
                damaged.append(row)
        if damaged:  # rows that do not decode: forget them; the caller reads their files again
            keys = [r.key for r in damaged]
            self.catalogue.run_write(lambda conn: _delete_keys(conn, keys))
            return False
        shown, said = admit((row.origin, row.text_hash, meta.id) for row, meta in decoded)
        problems += [LoadProblem(Path(decoded[i][0].path), message) for i, message in said]
        entries: list[ArticleEntry] = []
        for i, article_id in shown:
            row, meta = decoded[i]
            if meta.id != article_id:
                meta = replace(meta, id=article_id)
            entries.append(
                ArticleEntry(
                    row.key,
                    meta,
                    Path(row.path),
                    row.origin,
                    row.content_hash,
                    row.paragraphs,
                    row.footnotes,
                    _display_title(meta, row.display_title),
                )
            )
        with self._lock:
            self.problems = tuple(problems)
        self._show_entries(entries)
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

    def stated_article(self, article_id: str) -> Article | None:
        """The article with its metadata as its file states it (reviews anchor to its text; an
        override is measured against it)."""
        article = self.get(article_id)
        stated = self._stated.get(article_id)
        return replace(article, meta=stated) if article is not None and stated is not None else article

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
            entries = [replace(e, meta=self._stated.get(e.id, e.meta)) for e in self.entries]
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

    def _overlay(self, entries: list[ArticleEntry]) -> tuple[list[ArticleEntry], dict[str, ArticleMeta]]:
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
        stated: dict[str, ArticleMeta] = {}
        out: list[ArticleEntry] = []
        for entry in entries:
            override = overrides.get(entry.id)
            if override is None:
                out.append(entry)
                continue
            stated[entry.id] = entry.meta
            meta = apply_meta(entry.meta, override)
            out.append(replace(entry, meta=meta, display_title=_display_title(meta, entry.display_title)))
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
                    sorted(self.entries, key=lambda e: (e.meta.date.iso(), e.title), reverse=True)
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
                return cached
        article = self._load_body(entry)
        if article is None:
            return None
        with self._lock:
            self._bodies[article_id] = article
            if len(self._bodies) > BODY_CACHE:
                self._bodies.popitem(last=False)
        return article

    def _load_body(self, entry: ArticleEntry) -> Article | None:
        try:
            rows = self.catalogue.query("SELECT text, body FROM bodies WHERE key = ?", (entry.key,))
            if rows:
                return codec.load_body(entry.meta, entry.content_hash, rows[0][0], rows[0][1])
        except (sqlite3.DatabaseError, codec.RowDamaged):
            pass
        from energybrowser.library.files import read_file

        result = read_file(entry.path)  # the file is the source of truth
        if result.article is None:
            return None
        return replace(result.article, meta=entry.meta)

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
        """Analyse what `pending` names and store it; returns how many were analysed. Once `stop`
        is set (the window closes) it ends after the articles in hand, which are stored."""
        todo = self.pending()
        total = len(todo)
        label = "Finding entities and agreements"
        if progress:
            progress(0, total, label)
        if not todo:
            self._drop_orphans()
            return 0
        version = self._analyser()
        batch: list[tuple[ArticleEntry, Article, ArticleAnalysis]] = []
        entry_of = {e.id: e for e in todo}

        def flush() -> None:
            rows = list(batch)
            batch.clear()
            self.catalogue.run_write(lambda conn: _write_analysis(conn, rows, version))

        def bodies() -> Iterator[Article]:
            for entry in todo:
                article = self.get(entry.id)
                if article is not None:
                    yield article

        done = 0
        with _kept_on_the_way_out(lambda: bool(batch), flush):
            for article, analysis in analyse_all(bodies(), total, workers, stop):
                done += 1
                batch.append((entry_of[article.id], article, analysis))
                if len(batch) >= WRITE_BATCH // 5:
                    flush()
                    if progress:
                        progress(done, total, label)
        if stop is not None and stop.is_set():
            with self._lock:
                self._entities.clear()
            return done
        self._drop_orphans()
        with self._lock:
            self._entities.clear()
        if progress:
            progress(total, total, label)
        return done

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

    def _current_ledger(self) -> _Ledger:
        generation = self.catalogue.generation
        ids = tuple(e.id for e in self.entries)
        with self._lock:
            ledger = self._ledger
            if ledger is not None and ledger.generation == generation and ledger.ids == ids:
                return ledger
        ledger = self._build_ledger(generation, ids)
        with self._lock:
            self._ledger = ledger
        return ledger

    def _build_ledger(self, generation: int, ids: tuple[str, ...]) -> _Ledger:
        from energybrowser.library.ledger_cache import load_grouping, store_grouping

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
        found: list[Agreement] = []
        for entry in self.entries:
            text = stored.get(entry.key)
            if text is None:
                continue
            with contextlib.suppress(codec.RowDamaged):
                found.extend(codec.load_agreements(text))
        agreements, groups = load_grouping(self.catalogue, generation, ids, found)
        if agreements is None:
            from energybrowser.agreements.grouping import group_agreements

            agreements, groups = group_agreements(found)
            store_grouping(self.catalogue, generation, ids, agreements, groups)
        by_article: dict[str, list[Agreement]] = {}
        for a in agreements:
            by_article.setdefault(a.article, []).append(a)
        return _Ledger(generation, ids, agreements, groups, {k: tuple(v) for k, v in by_article.items()})

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
                entries = [e for e in entries if e.meta.publisher == value]
            elif name == "year":
                entries = [
                    e for e in entries if e.meta.date.year is not None and f"{e.meta.date.year:04d}" == value
                ]
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
        from energybrowser.library.ledger_cache import load_derived, store_derived

        generation = self.catalogue.generation
        ids = tuple(e.id for e in self.entries)
        with self._lock:
            if self._facets is not None and self._facets[0] == (generation, hash(ids)):
                return self._facets[1]
        stored = load_derived(self.catalogue, "facets", generation, ids)
        if isinstance(stored, dict):
            facets = {str(k): [(str(v), int(n)) for v, n in values] for k, values in stored.items()}
        else:
            facets = self._facets_of(list(self.entries))
            store_derived(self.catalogue, "facets", generation, ids, facets)
        with self._lock:
            self._facets = ((generation, hash(ids)), facets)
        return facets

    def _facets_of(self, entries: list[ArticleEntry]) -> dict[str, list[tuple[str, int]]]:
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        for e in entries:
            if e.meta.publisher:
                counts["publisher"][e.meta.publisher] = counts["publisher"].get(e.meta.publisher, 0) + 1
            if e.meta.date.year is not None:
                year = f"{e.meta.date.year:04d}"
                counts["year"][year] = counts["year"].get(year, 0) + 1
        if len(entries) == len(self.entries):
            rows = self.catalogue.query("SELECT field, value, count(*) FROM facets GROUP BY field, value")
        else:
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
        return {e.id: e.content_hash for e in self.library.entries}


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


def _changed(row: _Row | None, info: FileStat) -> bool:
    return row is None or row.size != info.size or row.mtime_ns != info.mtime_ns or row.origin != info.origin


def _display_title(meta: ArticleMeta, stored: str) -> str:
    return meta.title or stored


def _top(values: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(values.items(), key=lambda item: (-item[1], item[0].casefold()))[:FACET_LIMIT]


@dataclass(frozen=True)
class _Stored:
    key: int
    content_hash: str
    origin: str


def _write_articles(
    conn: sqlite3.Connection, batch: list[tuple[FileStat, ReadResult]], gone: list[int]
) -> None:
    if gone:
        _delete_keys(conn, gone)
    for info, result in batch:
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
            continue
        values = (
            info.path,
            info.origin,
            info.size,
            info.mtime_ns,
            article.content_hash,
            _text_hash(article.text),
            codec.dump_meta(article.meta),
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
            (key, article.text, codec.dump_body(article)),
        )


def _delete_keys(conn: sqlite3.Connection, keys: Iterable[int]) -> None:
    keys = list(keys)
    for table in ("articles", "bodies"):
        conn.executemany(f"DELETE FROM {table} WHERE key = ?", [(k,) for k in keys])
    _delete_analysis(conn, keys)


def _delete_analysis(conn: sqlite3.Connection, keys: Iterable[int]) -> None:
    rows = [(k,) for k in keys]
    for table in ("analysis", "mentions", "facets"):
        conn.executemany(f"DELETE FROM {table} WHERE key = ?", rows)


def _write_analysis(
    conn: sqlite3.Connection, rows: list[tuple[ArticleEntry, Article, ArticleAnalysis]], version: str
) -> None:
    _delete_analysis(conn, [entry.key for entry, _a, _r in rows])
    for entry, article, result in rows:
        conn.execute(
            "INSERT INTO analysis(key, article_id, content_hash, analyser, entities, agreements) "
            "VALUES(?, ?, ?, ?, ?, ?)",
            (
                entry.key,
                entry.id,
                article.content_hash,
                version,
                codec.dump_entities(result.entities),
                codec.dump_agreements(result.agreements),
            ),
        )
        conn.executemany(
            "INSERT INTO mentions(canonical, key, type, start, end, paragraph) VALUES(?, ?, ?, ?, ?, ?)",
            [(s.canonical, entry.key, s.type, s.start, s.end, s.paragraph) for s in result.entities],
        )
        values = {
            ("entity", s.canonical) for s in result.entities if s.type not in VALUE_TYPES and s.canonical
        }
        values |= {("type", a.type) for a in result.agreements if a.type}
        conn.executemany(
            "INSERT OR IGNORE INTO facets(field, value, key) VALUES(?, ?, ?)",
            [(f, v, entry.key) for f, v in values],
        )


__all__ = ["OPENING_MAX_CHARS", "ArticleEntry", "Changes", "Library"]
