"""The article files of a library: which there are (one `stat` each), and reading the ones the
catalogue does not know yet (in a process pool when there are many)."""

from __future__ import annotations

import multiprocessing
import os
import stat
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from energybrowser.corpus.loader import ARTICLE_SUFFIXES, NOT_A_FILE
from energybrowser.corpus.model import Article
from energybrowser.workers import exit_with_parent

POOL_MIN = 200  # files: below this, reading them here is quicker than starting processes
POOL_CHUNK = 50
# A folder, pipe, socket or device named like an article: a pipe would block a reader, a device
# such as /dev/zero never ends. Said once, never opened.


@dataclass(frozen=True)
class FileStat:
    path: Path
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
    files refused (a symbolic link to outside the folder must not show a private file)."""
    found: list[FileStat] = []
    refused: list[tuple[Path, str]] = []
    root = folder.resolve()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found, refused
    for entry in entries:
        name = entry.name
        if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink() and not path.resolve().is_relative_to(root):
                refused.append((path, "symbolic link to outside the folder; not followed"))
                continue
            info = entry.stat()
        except (OSError, RuntimeError):  # a link to itself, a loop, or to nothing
            refused.append((path, "symbolic link that loops or leads nowhere; not followed"))
            continue
        if not stat.S_ISREG(info.st_mode):
            refused.append((path, f"{NOT_A_FILE}; not read"))
            continue
        found.append(FileStat(path, origin, info.st_size, info.st_mtime_ns))
    return found, refused


def read_file(path: Path) -> ReadResult:
    """Read and parse one article file; what goes wrong is said in `note`, never raised."""
    from energybrowser.corpus.loader import load_article, read_error
    from energybrowser.corpus.markdown_io import ArticleFormatError

    try:
        article, note = load_article(path)
    except ArticleFormatError as exc:
        return ReadResult(path, None, str(exc))
    except OSError as exc:  # unreadable, or gone since it was listed
        return ReadResult(path, None, read_error(exc))
    except (RecursionError, ValueError, LookupError, TypeError) as exc:
        # One hostile file must never stop the others from loading.
        return ReadResult(path, None, f"could not be read ({exc.__class__.__name__})")
    return ReadResult(path, article, note or "")


def _read_many(paths: list[Path]) -> list[ReadResult]:
    return [read_file(p) for p in paths]


def read_files(paths: Iterable[Path], count: int, workers: int | None = None) -> Iterator[ReadResult]:
    """Each file read and parsed, in order; many files go to a pool of processes."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or count < POOL_MIN:
        for path in paths:
            yield read_file(path)
        return
    # spawn, not fork: the window's process has threads (Qt, workers) a fork would copy half-way.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=exit_with_parent) as pool:
        chunk: list[Path] = []
        pending: list[Future[list[ReadResult]]] = []
        for path in paths:
            chunk.append(path)
            if len(chunk) == POOL_CHUNK:
                pending.append(pool.submit(_read_many, chunk))
                chunk = []
                if len(pending) > workers * 4:  # the parsed articles wait in memory: keep them few
                    yield from pending.pop(0).result()
        if chunk:
            pending.append(pool.submit(_read_many, chunk))
        for future in pending:
            yield from future.result()
