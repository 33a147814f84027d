"""Entity and agreement analysis of single articles, the version that keys its cache, and a
process pool for many articles at once (a first start, a new analyser).

Many articles go to the pool as the catalogue holds them (`StoredArticle`: its rows' text) and come
back as the catalogue stores their analysis (`StoredAnalysis`: JSON and table rows): decoding,
encoding and pickling objects happen in the workers, and the window's process, which also answers
the user, only reads and writes rows."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.entities.model import EntitySpan
from energybrowser.library import codec
from energybrowser.library.corrected import IndexRows, index_rows

if TYPE_CHECKING:
    from concurrent.futures import Future

# Bumped by hand when the analysis changes in a way its files do not show (a new field stored).
ANALYSER_CODE = "1"
# Modules of the extraction packages that work across articles, not on one: a change to them does
# not change an article's analysis (the grouped ledger keys on `ledger_version` instead).
ACROSS_ARTICLES = frozenset(
    {"grouping.py", "regroup.py", "ledger.py", "ledger_cells.py", "ledger_csv.py", "corpus.py"}
)
# Below this many articles a process pool costs more (spawning, importing) than it saves.
POOL_MIN = 64
POOL_CHUNK = 16


@dataclass(frozen=True)
class ArticleAnalysis:
    entities: tuple[EntitySpan, ...]
    agreements: tuple[Agreement, ...]


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as its catalogue rows hold it, decoded where it is analysed."""

    key: int
    article_id: str  # the id it is listed under (a clashing id is numbered)
    content_hash: str
    meta: str | ArticleMeta  # the row's JSON, or the metadata shown (the analyst's override)
    text: str
    body: str | bytes  # as `codec` packed it (JSON text in a catalogue written before packing)

    def article(self) -> Article:
        """The article (`codec.RowDamaged` when a row does not decode)."""
        meta = codec.load_meta(self.meta) if isinstance(self.meta, str) else self.meta
        if meta.id != self.article_id:
            meta = replace(meta, id=self.article_id)
        return codec.load_body(meta, self.content_hash, self.text, self.body)


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """An article's analysis as the catalogue stores it: the `analysis` row's JSON and the rows of
    the library-wide tables."""

    entities: bytes  # as `codec` packs them
    agreements: bytes
    rows: IndexRows

    @classmethod
    def of(cls, analysis: ArticleAnalysis) -> StoredAnalysis:
        return cls(
            codec.dump_entities(analysis.entities),
            codec.dump_agreements(analysis.agreements),
            index_rows(analysis.entities, analysis.agreements),
        )


Work = Article | StoredArticle


def stored_analysis(item: Work) -> StoredAnalysis | None:
    """The analysis of an article, as stored; None when its rows do not decode (the caller reads
    the article another way)."""
    try:
        article = item.article() if isinstance(item, StoredArticle) else item
    except codec.RowDamaged:
        return None
    return StoredAnalysis.of(analyse_article(article))


def analyse_article(article: Article) -> ArticleAnalysis:
    from energybrowser.agreements.extract import extract_agreements
    from energybrowser.entities.extract import extract_entities

    return ArticleAnalysis(tuple(extract_entities(article)), tuple(extract_agreements(article)))


def analyser_version() -> str:
    """A digest of what decides the analysis: the extraction rules and gazetteer under `resources/`,
    the extraction code and the user's own gazetteer. Any change re-analyses the articles (in the
    background) at the next start."""
    from energybrowser.entities.gazetteer import user_gazetteer

    base = base_version()
    user = user_gazetteer()
    try:
        extra = user.read_bytes() if user is not None and user.is_file() else b""
    except OSError:
        extra = b""
    return base if not extra else hashlib.sha256(base.encode() + extra).hexdigest()[:16]


@cache
def base_version() -> str:
    """The analyser version without the user's gazetteer: the rules, bundled data and code."""
    from energybrowser.resources import resource_path

    package = Path(__file__).resolve().parent.parent
    files = [resource_path("gazetteer.yaml")]
    files += sorted(resource_path("extraction").glob("*.yaml"))
    for name in ("entities", "agreements"):
        files += sorted(p for p in (package / name).glob("*.py") if p.name not in ACROSS_ARTICLES)
    digest = hashlib.sha256(ANALYSER_CODE.encode())
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()[:16]


def code_digest(*modules: str) -> str:
    """A digest of the source of `modules` (paths inside the package; one missing is skipped):
    what keys a stored result to the code that made it."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for module in modules:
        with contextlib.suppress(OSError):
            digest.update((package / module).read_bytes())
    return digest.hexdigest()


@cache
def ledger_version() -> str:
    """A digest of the code that groups agreements across articles (keys the stored ledger)."""
    return code_digest("agreements/grouping.py", "agreements/model.py")[:16]


def _analyse_many(items: list[Work]) -> list[StoredAnalysis | None]:
    return [stored_analysis(item) for item in items]


def analyse_all(
    articles: Iterable[Work],
    count: int,
    workers: int | None = None,
    stop: threading.Event | None = None,
) -> Iterator[tuple[Work, StoredAnalysis | None]]:
    """Each article with its analysis as stored (see `stored_analysis`), in order; many articles go
    to a pool of processes. Ends early, without waiting for the work queued in the pool, once `stop`
    is set (the window closes) or the caller stops (Ctrl+C, an error)."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or count < POOL_MIN:
        for article in articles:
            if stop is not None and stop.is_set():
                return
            yield article, stored_analysis(article)
        return
    from energybrowser.entities.gazetteer import user_gazetteer
    from energybrowser.workers import process_pool

    with process_pool(workers, _start_worker, (user_gazetteer(),)) as pool:
        batch: list[Work] = []
        pending: list[tuple[list[Work], Future[list[StoredAnalysis | None]]]] = []
        for article in articles:
            if stop is not None and stop.is_set():
                return
            batch.append(article)
            if len(batch) == POOL_CHUNK:
                pending.append((batch, pool.submit(_analyse_many, batch)))
                batch = []
                if len(pending) > workers * 4:  # keep memory bounded: collect the oldest first
                    yield from _collect(pending.pop(0))
        if batch:
            pending.append((batch, pool.submit(_analyse_many, batch)))
        for item in pending:
            if stop is not None and stop.is_set():
                return
            yield from _collect(item)


def _start_worker(user_gazetteer: Path | None) -> None:
    """A worker analyses with the user's gazetteer as the parent does, and ends with its parent."""
    from energybrowser.entities.gazetteer import set_user_gazetteer
    from energybrowser.workers import start_worker

    start_worker()
    set_user_gazetteer(user_gazetteer)


def _collect(
    item: tuple[list[Work], Future[list[StoredAnalysis | None]]],
) -> Iterator[tuple[Work, StoredAnalysis | None]]:
    batch, future = item
    yield from zip(batch, future.result(), strict=True)


Progress = Callable[[int, int, str], None]
