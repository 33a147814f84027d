"""The article files of a library: which there are (one `stat` each), and reading the ones the
catalogue does not know yet (in a process pool when there are many)."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from energybrowser.corpus.loader import ARTICLE_SUFFIXES
from energybrowser.corpus.model import Article

if TYPE_CHECKING:
    from concurrent.futures import Future

POOL_MIN = 200  # files: below this, reading them here is quicker than starting processes
POOL_CHUNK = 50


@dataclass(frozen=True, slots=True)
class FileStat:
    path: str  # a str, not a Path: a library is stat'ed at every open and every look for changes
    origin: str  # "corpus" or "imported"
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class ReadResult:
    path: Path
    article: Article | None
    note: str  # a warning (bad UTF-8 replaced) or, without an article, why it could not be read


def list_files(folder: Path, origin: str) -> tuple[list[FileStat], list[tuple[Path, str]]]:
    """Article files directly in `folder`, sorted by name, with their size and mtime; and the
    files refused (a symbolic link to outside the folder must not show a private file). One
    `stat` a file and no Path objects: 50,000 files are looked at in a fraction of a second."""
    found: list[FileStat] = []
    refused: list[tuple[Path, str]] = []
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return found, refused
    root: Path | None = None
    for entry in entries:
        name = entry.name
        if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            if entry.is_symlink():
                root = root or folder.resolve()
                if not Path(entry.path).resolve().is_relative_to(root):
                    refused.append((Path(entry.path), "symbolic link to outside the folder; not followed"))
                    continue
            info = entry.stat()
        except (OSError, RuntimeError):  # a link to itself, a loop, or to nothing
            refused.append((Path(entry.path), "symbolic link that loops or leads nowhere; not followed"))
            continue
        if stat.S_ISREG(info.st_mode):
            found.append(FileStat(entry.path, origin, info.st_size, info.st_mtime_ns))
    return found, refused


def read_file(path: Path) -> ReadResult:
    """Read and parse one article file; what goes wrong is said in `note`, never raised."""
    from energybrowser.corpus.loader import load_article
    from energybrowser.corpus.markdown_io import ArticleFormatError

    try:
        article, note = load_article(path)
    except (ArticleFormatError, OSError) as exc:
        return ReadResult(path, None, str(exc))
    except (RecursionError, ValueError, LookupError, TypeError) as exc:
        # One hostile file must never stop the others from loading.
        return ReadResult(path, None, f"could not be read ({exc.__class__.__name__})")
    return ReadResult(path, article, note or "")


def _read_many(paths: list[Path]) -> list[ReadResult]:
    return [read_file(p) for p in paths]


def read_files(
    paths: Iterable[Path], count: int, workers: int | None = None, stop: threading.Event | None = None
) -> Iterator[ReadResult]:
    """Each file read and parsed, in order; many files go to a pool of processes. Ends early,
    without waiting for the files queued in the pool, once `stop` is set or the caller stops."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or count < POOL_MIN:
        for path in paths:
            if stop is not None and stop.is_set():
                return
            yield read_file(path)
        return
    from energybrowser.workers import process_pool

    with process_pool(workers) as pool:
        chunk: list[Path] = []
        pending: list[Future[list[ReadResult]]] = []
        for path in paths:
            if stop is not None and stop.is_set():
                return
            chunk.append(path)
            if len(chunk) == POOL_CHUNK:
                pending.append(pool.submit(_read_many, chunk))
                chunk = []
                if len(pending) > workers * 4:  # the parsed articles wait in memory: keep them few
                    yield from pending.pop(0).result()
        if chunk:
            pending.append(pool.submit(_read_many, chunk))
        for future in pending:
            if stop is not None and stop.is_set():
                return
            yield from future.result()
