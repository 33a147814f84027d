"""The search engine the CLI and the desktop app call (from a worker thread; no Qt here).

One long-lived Whoosh searcher serves every query and is swapped for a fresh one when the index
changes. `ensure_index` builds or updates the index (under an inter-process lock); until it has run
once, `search` uses whatever complete index is already on disk.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import threading
import time
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from rapidfuzz.distance import OSA
from whoosh.collectors import TimeLimit
from whoosh.index import FileIndex
from whoosh.searching import Searcher

from energybrowser.corpus.loader import Corpus
from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import Gazetteer, load_gazetteer
from energybrowser.paths import DataPaths
from energybrowser.search.analysis import analyse, fold_word
from energybrowser.search.deadline import DeadlineCollector
from energybrowser.search.documents import Annotator, extract_annotations
from energybrowser.search.facets import FacetIndex
from energybrowser.search.fastpath import (
    cache_of,
    count_matches,
    fast_search,
    segment_key,
    supported,
    top,
    uncached_postings,
)
from energybrowser.search.highlight import (
    match_ranges,
    merge_ranges,
    paragraph_snippets,
    ranges_for_hits,
    term_offsets,
)
from energybrowser.search.index_store import (
    CURRENT,
    Generation,
    IndexDamaged,
    IndexStore,
    IndexWriteError,
    Progress,
)
from energybrowser.search.locking import LockTimeout, ReadOnlyFolder
from energybrowser.search.query import CompiledQuery, QueryCompiler
from energybrowser.search.results import FacetCount, IndexStatus, SearchHit, SearchResults, Snippet
from energybrowser.search.sanitize import literal_words, sanitize

MAX_LIMIT = 1000
REFRESH_INTERVAL = 1.0  # seconds between looks for a generation written by another process
TYPING_BUDGET = 0.03  # seconds of ranking and counting per keystroke (snippets come on top)
# Per keystroke, the fast path (complete results) runs when the postings it would decode (those not
# cached) times the measured cost per posting fit in the typing budget; otherwise Whoosh ranks under
# the deadline. The cost is learnt from every fast search (wall time, so a busy machine sends more
# keystrokes to the deadline path); this is the first guess, on the slow side (docs/performance.md).
POSTING_COST = 2.5e-6  # seconds per decoded posting
# The deadline path overshoots its budget (Whoosh builds every matcher before the first clock
# reading: 45-60 ms CPU on a short prefix at 10,000 articles), and the fast path's postings stay
# cached for the next keystrokes: it may take up to twice the budget.
TYPING_ALLOWANCE = 2.0
LEARN_FROM = 5000  # postings: smaller searches say little about the cost per posting
# The typing budget holds ranking and the exact total together: on the deadline path the total
# reads every matching id afterwards (≈ 150,000 for `con` at 50,000 articles: 20-30 ms), so ranking
# gets what that count is expected to leave, and never less than this share of the budget.
COUNT_COST = 0.2e-6  # seconds per id read for the exact total: first guess, then learnt
MIN_RANKING_SHARE = 0.3
SUGGEST_BUDGET = 0.5  # seconds of "did you mean" lookups per query
SUGGEST_DISTANCE = 2  # edits between a misspelt word's term and a suggested one
SURFACE_DOCS, SURFACE_OFFSETS = 5, 20  # where the written forms of a suggested term are looked up
NOT_READY = "The search index is not ready yet; it is being built."
DAMAGED = "The search index is damaged; it will be rebuilt from the articles."


class SearchIndexError(Exception):
    """The index could not be written (full disk, no permission, busy): one clear message."""


class _Live:
    """An open index with its searcher and the per-searcher caches."""

    def __init__(self, generation: Generation, index: FileIndex, gazetteer: Gazetteer | None) -> None:
        self.closed = False
        self.generation = generation
        self.index = index
        self.searcher: Searcher = index.searcher()
        # A generation never changes, but Whoosh sums a field's length over every segment each
        # time it makes a BM25 scorer (per term and segment: thousands for a prefix at 50,000).
        reader = self.searcher.reader()
        reader.field_length = functools.cache(reader.field_length)
        self.compiler = QueryCompiler(self.searcher.reader(), gazetteer)
        self.facets = FacetIndex(self.searcher)
        self.posting_cost = POSTING_COST  # learnt: seconds of fast search per uncached posting
        self.count_cost = COUNT_COST  # learnt: seconds of exact counting per id read

    def adopt_postings(self, older: _Live) -> None:
        """Keep the decoded postings of the segments this index shares with `older`."""
        searcher = self.searcher
        parts = [(searcher, 0)] if searcher.is_atomic() else searcher.subsearchers
        cache_of(searcher).adopt(cache_of(older.searcher), (segment_key(sub) for sub, _ in parts))

    @classmethod
    def open(cls, generation: Generation, gazetteer: Gazetteer | None) -> _Live:
        index = generation.open_index()
        try:
            return cls(generation, index, gazetteer)
        except BaseException:
            index.close()
            raise

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.searcher.close()
            self.index.close()

    def __del__(self) -> None:
        # An engine dropped without close() (a window closed) must not leave files to the GC.
        with contextlib.suppress(Exception):
            self.close()


class _LeakedFilesClosed:
    """Whoosh leaves files open when a damaged index fails half-way through opening; they are
    freed with the exception. Code that catches such a failure sets `failed`, and they are freed
    here, quietly, instead of ResourceWarnings surfacing at a random later point."""

    def __enter__(self) -> _LeakedFilesClosed:
        self.failed = False
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore", ResourceWarning)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.failed or kind is not None:
            gc.collect()
        self._warnings.__exit__(kind, error, trace)


class SearchEngine:
    def __init__(
        self,
        corpus_dir: Path,
        articles: Iterable[Article] | Mapping[str, Article],
        index_dir: Path,
        *,
        annotate: Annotator = extract_annotations,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.corpus_dir = corpus_dir
        # A Mapping (the library's, reading bodies on demand) is used as it is; it may offer
        # `content_hashes()` (each article's `version`) so an update need not read every article
        # to find what changed.
        self.articles: Mapping[str, Article] = (
            articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
        )
        self.store = IndexStore(index_dir)
        self.annotate = annotate
        self.gazetteer = gazetteer
        self._lock = threading.RLock()
        self.lock_timeout = 300.0  # seconds to wait for another process writing this index
        self.index_workers = min(2, os.cpu_count() or 1)  # processes for a full build of a big corpus
        self._checked_current = time.monotonic()
        self._live: _Live | None = None
        self.problem = ""  # why the index on disk is not usable (empty when it is)
        self._open_current()

    @classmethod
    def open(
        cls,
        corpus: Corpus,
        data_paths: DataPaths | None = None,
        *,
        annotate: Annotator = extract_annotations,
        gazetteer: Gazetteer | None = None,
    ) -> SearchEngine:
        """Open the corpus's index if a sound one exists (cheap); call `ensure_index` to build."""
        paths = data_paths or DataPaths.resolve()
        return cls(
            corpus.directory,
            corpus.articles,
            paths.index_dir(corpus.directory),
            annotate=annotate,
            gazetteer=gazetteer if gazetteer is not None else load_gazetteer(),
        )

    # -- index lifecycle -------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._live is not None

    def ensure_index(
        self, progress: Progress | None = None, *, rebuild: bool = False, quick: bool = False
    ) -> IndexStatus:
        """Bring the index in line with the articles: build it if missing, damaged or of an older
        schema (or if `rebuild`), else re-index only articles whose `version` changed. `quick`
        checks the index files' sizes, not their checksums (a running window after an edit)."""
        started = time.perf_counter()
        try:
            with self.store.lock(self.lock_timeout):
                generation, reason = (
                    (None, "rebuild requested") if rebuild else self._sound_generation(full=not quick)
                )
                if generation is None:
                    articles = list(self.articles.values())
                    generation = self.store.build(
                        articles, self.annotate, len(articles), progress, workers=self.index_workers
                    )
                    status = IndexStatus("rebuilt", len(articles), len(articles), 0, reason)
                else:
                    indexed = generation.manifest.articles
                    hashes = self._content_hashes()
                    changed = [self.articles[i] for i, h in hashes.items() if indexed.get(i) != h]
                    removed = [i for i in indexed if i not in hashes]
                    if changed or removed:
                        generation = self.store.update(generation, changed, removed, self.annotate)
                        status = IndexStatus("updated", len(hashes), len(changed), len(removed))
                    else:
                        status = IndexStatus("unchanged", len(hashes))
                self.store.cleanup()
        except LockTimeout as exc:
            raise SearchIndexError(str(exc)) from exc
        except IndexWriteError as exc:
            raise SearchIndexError(str(exc)) from exc
        except ReadOnlyFolder as exc:
            if not self.ready:
                raise SearchIndexError(f"cannot build the search index: {exc.strerror}") from exc
            # Search what is there, and say that it cannot follow changes to the articles.
            reason = f"the data folder is read-only ({exc.strerror}): searching the index as it is"
            return IndexStatus("read-only", len(self.articles), reason=reason)
        self._swap(generation)
        return IndexStatus(
            status.action, status.articles, status.changed, status.removed, status.reason,
            time.perf_counter() - started,
        )  # fmt: skip

    def update(self, changed: Iterable[Article] = (), removed: Iterable[str] = ()) -> IndexStatus:
        """Re-index the given articles (new or edited) and drop `removed` ids, in one new generation."""
        changed = list(changed)
        removed = [i for i in removed if i]
        if isinstance(self.articles, dict):  # a library's mapping already holds the change
            for article in changed:
                self.articles[article.id] = article
            for article_id in removed:
                self.articles.pop(article_id, None)
        if not self.ready:
            return self.ensure_index()
        started = time.perf_counter()
        try:
            with self.store.lock(self.lock_timeout):
                generation, reason = self._sound_generation(full=False)
                if generation is None:
                    articles = list(self.articles.values())
                    generation = self.store.build(articles, self.annotate, len(articles))
                    status = IndexStatus("rebuilt", len(articles), len(articles), 0, reason)
                else:
                    generation = self.store.update(generation, changed, removed, self.annotate)
                    status = IndexStatus("updated", len(self.articles), len(changed), len(removed))
        except (LockTimeout, IndexWriteError) as exc:
            raise SearchIndexError(str(exc)) from exc
        except ReadOnlyFolder as exc:
            raise SearchIndexError(f"cannot update the search index: {exc.strerror}") from exc
        self._swap(generation)
        return IndexStatus(
            status.action, status.articles, status.changed, status.removed, status.reason,
            time.perf_counter() - started,
        )  # fmt: skip

    def _content_hashes(self) -> dict[str, str]:
        hashes = getattr(self.articles, "content_hashes", None)
        if callable(hashes):
            return dict(hashes())
        return {i: a.version for i, a in self.articles.items()}

    def refresh(self) -> bool:
        """Switch to a newer generation written by another process (or another engine), if any.
        `search` does this by itself at most once a second. Returns True when it switched."""
        self._checked_current = time.monotonic()
        try:
            name = (self.store.directory / CURRENT).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return False
        with self._lock:
            if self._live is not None and self._live.generation.name == name:
                return False
            before = self._live
            self._open_current()
            return self._live is not before

    def drop_caches(self) -> None:
        """Forget the decoded postings kept for words searched before (memory back; the benchmark
        times queries on words as if never searched)."""
        with self._lock:
            if self._live is not None:
                cache_of(self._live.searcher).clear()

    def close(self) -> None:
        with self._lock:
            if self._live is not None:
                self._live.close()
                self._live = None

    # -- searching -------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        filters: Mapping[str, Iterable[str]] | None = None,
        as_you_type: bool = False,
        snippets: bool = True,
        facets: bool = True,
        time_budget: float | None = None,
        snippet_limit: int | None = None,
    ) -> SearchResults:
        """Ranked articles for `query`. Never raises for a bad query: `error` and `notes` say why.

        `as_you_type`: the last word also matches as a prefix (from 3 letters) and ranking stops
        after `TYPING_BUDGET` seconds with the best matches found so far (`partial` is then True);
        run the query again without it for complete results. Facets count every match, which costs
        more than the top 20 on a big corpus: pass `facets=False` per keystroke and ask for them
        when typing pauses. `snippets=False` leaves snippets out (see `snippets()`);
        `snippet_limit` makes only each hit's first matching paragraphs (as many as are shown).
        """
        limit = max(1, min(int(limit), MAX_LIMIT))
        if time_budget is None and as_you_type:
            time_budget = TYPING_BUDGET
        if time.monotonic() - self._checked_current > REFRESH_INTERVAL:
            self.refresh()
        with self._lock:
            live = self._live
            if live is None:
                return SearchResults(query, error=self.problem or NOT_READY)
            with _LeakedFilesClosed() as guard:
                try:
                    return self._search(
                        live, query, limit, filters, as_you_type, snippets, facets, time_budget,
                        snippet_limit,
                    )  # fmt: skip
                except Exception as exc:  # a damaged index file shows up here, not as a crash
                    self.problem = f"{DAMAGED} ({exc.__class__.__name__})"
                    guard.failed = True
            return SearchResults(query, error=self.problem)

    def _search(
        self,
        live: _Live,
        query: str,
        limit: int,
        filters: Mapping[str, Iterable[str]] | None,
        as_you_type: bool,
        want_snippets: bool,
        want_facets: bool,
        time_budget: float | None,
        snippet_limit: int | None = None,
    ) -> SearchResults:
        compiled = live.compiler.compile(query, as_you_type=as_you_type)
        if compiled.query is None:
            return SearchResults(query, error=compiled.error, notes=compiled.notes)
        searcher = live.searcher
        allowed = live.facets.filter_docs(filters) if filters else None
        if allowed is not None and not allowed:  # no document has the chosen values
            return SearchResults(query, notes=compiled.notes)
        # Ranked in bulk when the query's shape allows: same documents and scores as Whoosh.
        postings = uncached_postings(live.searcher, compiled.query)
        scores = self._fast_scores(live, compiled, time_budget, postings)
        if scores is not None:
            return self._fast_results(
                live, query, compiled, scores, allowed, limit, want_snippets, want_facets, snippet_limit
            )
        collector = searcher.collector(limit=limit, filter=set(allowed) if allowed is not None else None)
        partial = False
        if time_budget is not None:
            counted = not want_facets and supported(compiled.query)  # the total is counted after
            counting = postings * live.count_cost if counted else 0.0
            ranking = max(time_budget * MIN_RANKING_SHARE, time_budget - counting)
            collector = DeadlineCollector(collector, ranking)
        try:
            searcher.search_with_collector(compiled.query, collector)
        except TimeLimit:
            partial = True
        results = collector.results()
        hits = []
        ranges = (
            ranges_for_hits(searcher, [h.docnum for h in results], compiled.terms, compiled.phrases)
            if want_snippets
            else {}
        )
        for hit in results:
            article_id = hit["id"]
            article = self.articles.get(article_id)
            title = article.title if article else hit.get("title", article_id)
            found: tuple[Snippet, ...] = ()
            if want_snippets and article is not None:
                made = paragraph_snippets(article, ranges[hit.docnum], snippet_limit)
                found = tuple(Snippet(n, h) for n, h in made)
            hits.append(SearchHit(article_id, title, float(hit.score), found))
        total = 0
        if hits:
            # Whoosh's count is an estimate (the sum of the terms' frequencies) once ranking stopped
            # early or skipped blocks: count the matching documents themselves.
            exact = None if want_facets else self._count(live, compiled, allowed, postings)
            total = exact if exact is not None else min(results.estimated_length(), searcher.doc_count())
        facet_rows: dict[str, tuple[FacetCount, ...]] = {}
        if want_facets:
            matched = frozenset(searcher.docs_for_query(compiled.query))
            if allowed is not None:
                matched &= allowed
            total = len(matched)
            facet_rows = {
                name: tuple(FacetCount(v, n) for v, n in rows)
                for name, rows in live.facets.counts(matched).items()
            }
        suggestion = None if hits or partial else self._suggest(live, compiled)
        return SearchResults(query, tuple(hits), total, suggestion, facet_rows, "", compiled.notes, partial)

    @staticmethod
    def _count(
        live: _Live, compiled: CompiledQuery, allowed: frozenset[int] | None, postings: int
    ) -> int | None:
        """The exact total of a query Whoosh ranked, learning the cost per id read."""
        assert compiled.query is not None
        started = time.perf_counter()
        total = count_matches(live.searcher, compiled.query, allowed)
        if total is not None and postings >= LEARN_FROM:
            cost = (time.perf_counter() - started) / postings
            live.count_cost = 0.7 * live.count_cost + 0.3 * cost
        return total

    @staticmethod
    def _fast_scores(
        live: _Live, compiled: CompiledQuery, time_budget: float | None, postings: int
    ) -> dict[int, float] | None:
        """The fast path's scores, or None for Whoosh's path: when the query's shape needs it, or
        when a time budget is set and the fast path would probably not fit in it (`postings`:
        those it would decode)."""
        assert compiled.query is not None
        if time_budget is not None and postings * live.posting_cost > time_budget * TYPING_ALLOWANCE:
            return None
        started = time.perf_counter()
        scores = fast_search(live.searcher, compiled.query)
        if scores is not None and postings >= LEARN_FROM:
            cost = (time.perf_counter() - started) / postings
            live.posting_cost = 0.7 * live.posting_cost + 0.3 * cost
        return scores

    def _fast_results(
        self,
        live: _Live,
        query: str,
        compiled: CompiledQuery,
        scores: dict[int, float],
        allowed: frozenset[int] | None,
        limit: int,
        want_snippets: bool,
        want_facets: bool,
        snippet_limit: int | None = None,
    ) -> SearchResults:
        searcher = live.searcher
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d in allowed}
        best = top(scores, limit)
        ranges = (
            ranges_for_hits(searcher, [d for d, _ in best], compiled.terms, compiled.phrases)
            if want_snippets
            else {}
        )
        hits = []
        for docnum, score in best:
            stored = searcher.stored_fields(docnum)
            article_id = stored["id"]
            article = self.articles.get(article_id)
            title = article.title if article else stored.get("title", article_id)
            found: tuple[Snippet, ...] = ()
            if want_snippets and article is not None:
                made = paragraph_snippets(article, ranges[docnum], snippet_limit)
                found = tuple(Snippet(n, h) for n, h in made)
            hits.append(SearchHit(article_id, title, float(score), found))
        facet_rows: dict[str, tuple[FacetCount, ...]] = {}
        if want_facets:
            facet_rows = {
                name: tuple(FacetCount(v, n) for v, n in rows)
                for name, rows in live.facets.counts(frozenset(scores)).items()
            }
        suggestion = None if hits else self._suggest(live, compiled)
        return SearchResults(query, tuple(hits), len(scores), suggestion, facet_rows, "", compiled.notes)

    def hit_ranges(self, article: Article, query: str) -> list[tuple[int, int]]:
        """Character ranges of `Article.text` that match `query` (sorted, merged), for the reader
        to highlight and step through. Empty when nothing matches or the query is unusable."""
        with self._lock:
            live = self._live
            if live is None:
                return _ranges_by_analysis(article, query)
            try:
                compiled = live.compiler.compile(query)
                if compiled.query is None:
                    return []
                docnum = live.searcher.document_number(id=article.id)
                indexed = live.generation.manifest.articles.get(article.id)
                if docnum is None or indexed != article.version:
                    return _ranges_by_analysis(article, query, compiled)
                return match_ranges(live.searcher, docnum, compiled.terms, compiled.phrases)
            except Exception:
                return _ranges_by_analysis(article, query)

    def snippets(self, article: Article, query: str) -> tuple[Snippet, ...]:
        """Every matching paragraph of one article (for rows whose snippets were not computed)."""
        ranges = self.hit_ranges(article, query)
        return tuple(Snippet(n, h) for n, h in paragraph_snippets(article, ranges))

    # -- internals -------------------------------------------------------------------------------

    def _sound_generation(self, *, full: bool = True) -> tuple[Generation | None, str]:
        """The current generation if it passes `check` (and, when `full`, opens with as many
        documents as its manifest lists), else None and why not."""
        with _LeakedFilesClosed() as guard:
            found, reason = self._check_generation(full)
            guard.failed = found is None
        return found, reason

    def _check_generation(self, full: bool) -> tuple[Generation | None, str]:
        try:
            generation = self.store.current()
            generation.check(full=full)
            if not full:
                return generation, ""
            index = generation.open_index()
            try:
                count = index.doc_count()
            finally:
                index.close()
            if count != len(generation.manifest.articles):
                raise IndexDamaged(
                    f"index holds {count} articles, its manifest {len(generation.manifest.articles)}"
                )
            return generation, ""
        except IndexDamaged as exc:
            return None, str(exc)
        except Exception as exc:  # whatever a damaged file makes Whoosh raise
            return None, f"index cannot be read ({exc.__class__.__name__})"

    def _open_current(self) -> None:
        live = None
        with _LeakedFilesClosed() as guard:
            try:
                generation = self.store.current()
                generation.check(full=False)
                live = _Live.open(generation, self.gazetteer)
            except IndexDamaged as exc:
                self.problem = str(exc)
                guard.failed = True
            except Exception as exc:
                self.problem = f"index cannot be read ({exc.__class__.__name__})"
                guard.failed = True
        if live is not None:
            self._install(live)

    def _swap(self, generation: Generation) -> None:
        with self._lock:
            current = self._live.generation if self._live is not None else None
            if (
                current is not None
                and current.path == generation.path
                and current.manifest == generation.manifest
            ):
                return
            self._install(_Live.open(generation, self.gazetteer))

    def _install(self, live: _Live) -> None:
        with self._lock:
            old, self._live = self._live, live
            self.problem = ""
            if old is not None:
                # The first keystroke after an update would otherwise decode every posting again.
                with contextlib.suppress(Exception):
                    live.adopt_postings(old)
                old.close()

    def _suggest(self, live: _Live, compiled: CompiledQuery) -> str | None:
        """The query with misspelt words replaced by close words that occur in the corpus."""
        if not compiled.words:
            return None
        reader = live.searcher.reader()
        changed = False
        words = []
        # Each lookup compares the term with the dictionary's terms of the same first letter (in C);
        # a long query still must not stall on them.
        deadline = time.perf_counter() + SUGGEST_BUDGET
        for word in compiled.words:
            replacement = None
            terms = [t for t, *_ in analyse(word)]
            if (
                len(terms) == 1
                and not _known(reader, terms[0])
                and len(terms[0]) >= 3
                and time.perf_counter() < deadline
            ):
                replacement = self._closest_word(live, word, terms[0])
            words.append(replacement or word)
            changed = changed or replacement is not None
        return " ".join(words) if changed else None

    def _closest_word(self, live: _Live, word: str, term: str) -> str | None:
        """The indexed word closest to `word`: fewest edits from its term (then the most frequent),
        shown as it is written in the articles, in the spelling closest to what was typed."""
        candidates = _closest_terms(live, term)
        if not candidates:
            return None
        searcher = live.searcher
        best = candidates[0]
        try:
            docs = list(itertools.islice(searcher.postings("body", best).all_ids(), SURFACE_DOCS))
        except Exception:
            return best
        # The lexicon holds stems ("pipelin"): pick the written form nearest the typed word
        # ("pipelne" → "pipeline", not "pipelines"), the most common one on a tie.
        folded = fold_word(word)
        forms: dict[str, int] = {}
        for docnum in docs:
            article = self.articles.get(searcher.stored_fields(docnum).get("id", ""))
            if article is None:
                continue
            for _, start, end in term_offsets(searcher, docnum, best)[:SURFACE_OFFSETS]:
                surface = article.text[start:end]
                forms[surface] = forms.get(surface, 0) + 1
        if not forms:
            return best
        surface = min(forms, key=lambda f: (OSA.distance(fold_word(f), folded), -forms[f], f))
        return surface.lower() if word.islower() else surface


def _closest_terms(live: _Live, term: str) -> list[str]:
    """Indexed terms (body or title) within 2 edits of `term`, sharing its first letter: the
    fewest edits first, then the most frequent (Whoosh's `suggest` ranks by frequency alone)."""
    dictionary = live.compiler.terms
    found: dict[str, int] = {}
    try:
        for fieldname in ("body", "title"):
            if dictionary.covers(fieldname):
                near = dictionary.within(fieldname, term, SUGGEST_DISTANCE, prefix=1)
            else:
                near = set(live.searcher.reader().terms_within(fieldname, term, SUGGEST_DISTANCE, prefix=1))
            for t in near:
                found[t] = found.get(t, 0) + live.searcher.reader().doc_frequency(fieldname, t)
    except Exception:
        return []
    return sorted(found, key=lambda t: (OSA.distance(t, term), -found[t], t))


def _known(reader, term: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(reader.doc_frequency("body", term) > 0 or reader.doc_frequency("title", term) > 0)
    except Exception:
        return False


def _ranges_by_analysis(
    article: Article, query: str, compiled: CompiledQuery | None = None
) -> list[tuple[int, int]]:
    """Fallback when the article is not (or not yet) in the index: analyse its text directly."""
    if compiled is None:
        cleaned = sanitize(query or "")
        words = literal_words(cleaned.text)
        terms = frozenset(t for w in words for t, *_ in analyse(w))
        phrases: tuple[tuple[str, ...], ...] = ()
    else:
        terms, phrases = compiled.terms, compiled.phrases
    positions: dict[str, dict[int, tuple[int, int]]] = {}
    for term, pos, start, end in analyse(article.text):
        positions.setdefault(term, {})[pos] = (start, end)
    ranges = [r for t in terms for r in positions.get(t, {}).values()]
    for phrase in phrases:
        first = positions.get(phrase[0], {})
        for pos, (start, _) in first.items():
            tail = [positions.get(w, {}).get(pos + i) for i, w in enumerate(phrase)]
            if all(tail):
                ranges.append((start, tail[-1][1]))  # type: ignore[index]
    return merge_ranges(ranges)
