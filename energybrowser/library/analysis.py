"""Entity and agreement analysis of single articles, the version that keys its cache, and a
process pool for many articles at once (a first start, a new analyser)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan

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


@cache
def ledger_version() -> str:
    """A digest of the code that groups agreements across articles (keys the stored ledger)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in (package / "agreements" / "grouping.py", package / "agreements" / "model.py"):
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _analyse_many(articles: list[Article]) -> list[ArticleAnalysis]:
    return [analyse_article(a) for a in articles]


def analyse_all(
    articles: Iterable[Article],
    count: int,
    workers: int | None = None,
    stop: threading.Event | None = None,
) -> Iterator[tuple[Article, ArticleAnalysis]]:
    """Each article with its analysis, in order; many articles go to a pool of processes. Ends
    early, without waiting for the work queued in the pool, once `stop` is set (the window closes)
    or the caller stops (Ctrl+C, an error)."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or count < POOL_MIN:
        for article in articles:
            if stop is not None and stop.is_set():
                return
            yield article, analyse_article(article)
        return
    from energybrowser.entities.gazetteer import user_gazetteer
    from energybrowser.workers import process_pool

    with process_pool(workers, _start_worker, (user_gazetteer(),)) as pool:
        batch: list[Article] = []
        pending: list[tuple[list[Article], Future[list[ArticleAnalysis]]]] = []
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
    item: tuple[list[Article], Future[list[ArticleAnalysis]]],
) -> Iterator[tuple[Article, ArticleAnalysis]]:
    batch, future = item
    yield from zip(batch, future.result(), strict=True)


Progress = Callable[[int, int, str], None]
