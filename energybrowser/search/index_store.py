"""Where an index lives on disk and how it changes without ever being half-written.

Layout of an index folder (inside our own data folder, never next to the corpus):

    lock                 inter-process lock, held by whoever writes
    CURRENT              name of the generation in use, replaced atomically
    gen-000007/          a complete Whoosh index plus manifest.json (written last)
    gen-000008.tmp-123/  a generation being built; never read, removed on the next write

A generation is never modified once CURRENT names it. Every change (full build or incremental
update) produces a new generation beside the old one (an update starts from hard links to the old
files, since Whoosh never rewrites a file it has written) and then swaps CURRENT, so readers keep
using the old generation until the new one is complete. The manifest records the schema version,
each article's content hash and each file's size and CRC-32: Whoosh has no checksums of its own, and
it unpickles parts of its files on open, so a file must match the manifest before it is opened.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import pickle
import re
import shutil
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.codec.whoosh3 import W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex
from whoosh.writing import MERGE_SMALL

from energybrowser.corpus.model import Article
from energybrowser.search import segment_writer
from energybrowser.search.codec import LeanCodec
from energybrowser.search.documents import Annotator, article_document
from energybrowser.search.locking import exclusive_lock
from energybrowser.search.mapped import MappedStorage
from energybrowser.search.results import NO_INDEX_YET
from energybrowser.search.schema import SCHEMA_VERSION, build_schema
from energybrowser.workers import process_pool

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)
MANIFEST = "manifest.json"
# Article id -> content hash, apart from the manifest: at 50,000 articles parsing it costs ~100 ms,
# which opening an index to search does not need (only updates and highlight checks read it).
ARTICLES = "articles.json"
# An update writes only what changed since ARTICLES (hard-linked from the generation before):
# {"changed": {id: hash}, "removed": [id]}. Rewriting 50,000 hashes (4 MB of JSON, parsed,
# written and synced) was most of a one-article update. Past CHANGES_MAX entries ARTICLES is
# written whole again.
CHANGES = "articles-changed.json"
CHANGES_MAX = 2000
CURRENT = "CURRENT"
LOCK = "lock"
MANIFEST_FORMAT = 3  # 2: article hashes in ARTICLES; 3: and the changes since it in CHANGES
READABLE_FORMATS = (2, 3)
_GEN = re.compile(r"^gen-(\d{6,})$")
_TMP = re.compile(r"^gen-\d+\.tmp-")
Progress = Callable[[int, int], None]
# A full build writes one segment per at most this many articles (held in memory until written).
SEGMENT_DOCS = 5000
# From this many articles a build is split over the worker processes (each costs ~0.5 s to start).
PARALLEL_MIN = 600
HEARTBEAT_S = 0.5  # a parallel build reports progress at least this often (a caller may stop it)
# Segments are written as separate files, not Whoosh's compound file: a compound segment is
# copied whole into memory (a BytesIO over the mapped file) every time it is opened.


class IndexDamaged(Exception):
    """The index on disk cannot be trusted; it must be rebuilt from the corpus."""


class IndexWriteError(Exception):
    """Writing the index failed (full disk, no permission); the previous index is untouched."""


class ArticleHashes(Mapping[str, str]):
    """A generation's article id -> content hash, read from its ARTICLES file (and CHANGES, when
    it has one) on first use."""

    def __init__(
        self, path: Path | None = None, hashes: Mapping[str, str] | None = None, *, changes: bool = False
    ) -> None:
        self._path = path
        self._changes = changes
        self._hashes: dict[str, str] | None = dict(hashes) if hashes is not None else None

    def _table(self) -> dict[str, str]:
        if self._hashes is None:
            assert self._path is not None
            table = dict(_read_base(self._path))
            if self._changes:
                changed, removed = self.changes()
                for article_id in removed:
                    table.pop(article_id, None)
                table.update(changed)
            self._hashes = table
        return self._hashes

    def changes(self) -> tuple[dict[str, str], list[str]]:
        """The CHANGES file's (changed, removed): empty when the generation has none."""
        if not self._changes or self._path is None:
            return {}, []
        data = _read_json(self._path.with_name(CHANGES), "article changes")
        try:
            changed = {str(k): str(v) for k, v in data["changed"].items()}
            removed = [str(i) for i in data["removed"]]
        except (KeyError, TypeError, AttributeError) as exc:
            raise IndexDamaged("index article changes are unreadable") from exc
        return changed, removed

    def copy(self) -> dict[str, str]:
        return dict(self._table())

    def __getitem__(self, key: str) -> str:
        return self._table()[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArticleHashes) and self._path is not None and self._path == other._path:
            return True  # the same generation's file (written once, never changed)
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]


# The ARTICLES file parsed last, by file identity: generations hard-link it until it is written
# whole again, so the generation after an update parses only its small CHANGES file.
_BASE: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {}


def _read_base(path: Path) -> Mapping[str, str]:
    try:
        st = path.stat()
    except OSError as exc:
        raise IndexDamaged("index article list is missing") from exc
    identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    folder = str(path.parent.parent)
    found = _BASE.get(folder)
    if found is not None and found[0] == identity:
        return found[1]
    data = _read_json(path, "article list")
    if not isinstance(data, dict):
        raise IndexDamaged("index article list is unreadable")
    table = {str(k): str(v) for k, v in data.items()}
    _BASE[folder] = (identity, table)
    return table


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexDamaged(f"index {what} is missing") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IndexDamaged(f"index {what} is unreadable ({exc.__class__.__name__})") from exc


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    articles: Mapping[str, str]  # article id -> content hash (ArticleHashes: read when needed)
    files: Mapping[str, tuple[int, int]]  # file name -> (size, crc32)
    created: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "format": MANIFEST_FORMAT,
            "schema_version": self.schema_version,
            "created": self.created,
            "files": {name: list(v) for name, v in self.files.items()},
        }

    @classmethod
    def from_json(cls, data: object, folder: Path | None = None) -> Manifest:
        if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
            raise IndexDamaged("index manifest has an unknown format")
        try:
            files = {str(k): (int(v[0]), int(v[1])) for k, v in data["files"].items()}
            if ARTICLES not in files:
                raise IndexDamaged("index manifest lists no article list")
            articles = ArticleHashes(
                folder / ARTICLES if folder is not None else None, changes=CHANGES in files
            )
            return cls(int(data["schema_version"]), articles, files, float(data.get("created", 0)))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise IndexDamaged(f"index manifest is unreadable ({exc.__class__.__name__})") from exc


@dataclass(frozen=True)
class Generation:
    path: Path
    manifest: Manifest = field(repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def open_index(self) -> FileIndex:
        """Open the Whoosh index (call only after `check`)."""
        try:
            return MappedStorage(str(self.path), readonly=True).open_index()
        except Exception as exc:  # Whoosh raises many kinds on a damaged file
            raise IndexDamaged(f"index cannot be opened ({exc.__class__.__name__}: {exc})") from exc

    def check(self, *, full: bool) -> None:
        """Raise IndexDamaged unless every file the manifest names is there with its size; with
        `full` (or for the pickled table of contents) its CRC-32 must match too."""
        if self.manifest.schema_version != SCHEMA_VERSION:
            raise IndexDamaged(
                f"index has schema version {self.manifest.schema_version}, this version uses {SCHEMA_VERSION}"
            )
        if not any(name.endswith(".toc") for name in self.manifest.files):
            raise IndexDamaged("index manifest lists no table of contents")
        for name, (size, crc) in self.manifest.files.items():
            path = self.path / name
            try:
                actual = path.stat().st_size
            except OSError as exc:
                raise IndexDamaged(f"index file {name} is missing") from exc
            if actual != size:
                raise IndexDamaged(f"index file {name} has {actual} bytes, expected {size}")
            if (full or name.endswith(".toc")) and _crc(path) != crc:
                raise IndexDamaged(f"index file {name} is corrupt (checksum mismatch)")


class IndexStore:
    """The generations of one corpus's index."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def lock_path(self) -> Path:
        return self.directory / LOCK

    def lock(self, timeout: float = 300.0):  # type: ignore[no-untyped-def]
        return exclusive_lock(self.lock_path, timeout=timeout)

    def current(self) -> Generation:
        """The generation CURRENT names, with its manifest read (not yet checked)."""
        try:
            name = (self.directory / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError as exc:
            raise IndexDamaged(NO_INDEX_YET) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise IndexDamaged("index pointer file is unreadable") from exc
        if not _GEN.match(name):
            raise IndexDamaged("index pointer file is corrupt")
        path = self.directory / name
        try:
            data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise IndexDamaged("index manifest is missing") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexDamaged("index manifest is unreadable") from exc
        return Generation(path, Manifest.from_json(data, path))

    # -- writing (callers hold the lock) --------------------------------------------------------

    def build(
        self,
        articles: Iterable[Article],
        annotate: Annotator,
        total: int,
        progress: Progress | None = None,
        *,
        workers: int = 1,
    ) -> Generation:
        """A new generation holding exactly `articles`; CURRENT names it once it is complete.

        With `workers` > 1 and at least PARALLEL_MIN articles, the articles are split into equal
        segments written by that many processes at once (each into its own folder), then joined
        into one index. Segments are written by `segment_writer.SegmentBuilder` in bulk."""
        tmp = self._new_tmp_dir()
        with _written(tmp):
            items = list(articles)
            parallel = workers > 1 and (len(items) >= PARALLEL_MIN or len(items) > SEGMENT_DOCS)
            chunks = _split(items, workers if parallel else 1)
            built = False
            if parallel and len(chunks) > 1 and _picklable(annotate):
                built = _build_parallel(tmp, chunks, annotate, total, progress, workers)
            if not built:
                segments = []
                done = 0
                for chunk in chunks:
                    segments.append(_write_segment(tmp, chunk, annotate, progress, done, total))
                    done += len(chunk)
                _write_toc(tmp, segments)
            return self._publish(tmp, {a.id: a.version for a in items})

    def update(
        self,
        base: Generation,
        changed: Iterable[Article],
        removed: Iterable[str],
        annotate: Annotator,
    ) -> Generation:
        """A new generation: `base` with `changed` articles (re)indexed and `removed` ids dropped."""
        tmp = self._new_tmp_dir()
        with _written(tmp):
            for name in base.manifest.files:
                if name != CHANGES:
                    _link_or_copy(base.path / name, tmp / name)
            index = FileStorage(str(tmp)).open_index()
            articles = base.manifest.articles
            if isinstance(articles, ArticleHashes):
                hashes, gone = articles.changes()
            else:
                hashes, gone = {}, []
            removed_ids = set(gone)
            writer = index.writer(codec=LeanCodec(), compound=False)
            try:
                for article_id in removed:
                    writer.delete_by_term("id", article_id)
                    hashes.pop(article_id, None)
                    removed_ids.add(article_id)
                # Whoosh's writer deletes the old versions (and merges small segments as usual);
                # the new versions become one more segment, written in bulk.
                extra = []
                changed = list(changed)
                if changed:
                    added = segment_writer.SegmentBuilder(index.storage, index.schema, LeanCodec())
                    try:
                        for article in changed:
                            writer.delete_by_term("id", article.id)
                            added.add_document(article_document(article, annotate(article)))
                            hashes[article.id] = article.version
                            removed_ids.discard(article.id)
                        extra.append(added.finish())
                    except BaseException:
                        added.cancel()
                        raise
                writer.commit(mergetype=lambda w, segments: [*MERGE_SMALL(w, segments), *extra])
            except BaseException:
                writer.cancel()
                raise
            index.close()
            if len(hashes) + len(removed_ids) > CHANGES_MAX:  # ARTICLES whole again
                table = _copy_hashes(base.manifest.articles)
                for article_id in removed_ids:
                    table.pop(article_id, None)
                table.update(hashes)
                os.unlink(tmp / ARTICLES)  # a hard link to the previous generation's
                return self._publish(tmp, table, known=base.manifest.files)
            return self._publish(tmp, None, known=base.manifest.files, changes=(hashes, sorted(removed_ids)))

    def cleanup(self, keep: int = 2) -> None:
        """Drop unfinished builds and all but the newest `keep` generations."""
        if not self.directory.is_dir():
            return
        gens = sorted(
            (p for p in self.directory.iterdir() if _GEN.match(p.name)), key=lambda p: p.name, reverse=True
        )
        try:
            current = (self.directory / CURRENT).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            current = ""
        for old in gens[keep:]:
            if old.name != current:
                _remove_tree(old)
        for path in self.directory.iterdir():
            if _TMP.match(path.name):
                _remove_tree(path)

    # -- internals ------------------------------------------------------------------------------

    def _new_tmp_dir(self) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.cleanup()
        numbers = [int(m.group(1)) for p in self.directory.iterdir() if (m := _GEN.match(p.name))]
        tmp = self.directory / f"gen-{max(numbers, default=0) + 1:06d}.tmp-{os.getpid()}"
        _remove_tree(tmp)
        tmp.mkdir()
        return tmp

    def _publish(
        self,
        tmp: Path,
        hashes: Mapping[str, str] | None,
        known: Mapping[str, tuple[int, int]] | None = None,
        changes: tuple[dict[str, str], list[str]] | None = None,
    ) -> Generation:
        """Make `tmp` the current generation. Its article hashes are `hashes` (written whole), or
        the previous generation's ARTICLES (hard-linked in `tmp`) with `changes` applied."""
        fresh = {CHANGES} if changes is not None else {ARTICLES}
        if changes is not None:
            _write_atomic(tmp / CHANGES, json.dumps({"changed": changes[0], "removed": changes[1]},
                                                    ensure_ascii=False))  # fmt: skip
        else:
            assert hashes is not None
            _write_atomic(tmp / ARTICLES, json.dumps(dict(hashes), ensure_ascii=False))
        files: dict[str, tuple[int, int]] = {}
        for path in sorted(tmp.iterdir()):
            if path.name.endswith("WRITELOCK") or not path.is_file():
                continue
            size = path.stat().st_size
            old = (known or {}).get(path.name)
            if old and old[0] == size and path.name not in fresh:
                # A hard-linked file of the previous generation: already checksummed and on disk.
                files[path.name] = old
                continue
            files[path.name] = (size, _crc(path))
            _fsync_file(path)
        articles = (
            ArticleHashes(tmp.parent / tmp.name.split(".tmp-")[0] / ARTICLES, changes=True)
            if changes is not None
            else ArticleHashes(hashes=hashes)
        )
        manifest = Manifest(SCHEMA_VERSION, articles, files, time.time())
        _write_atomic(tmp / MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False))
        _fsync_dir(tmp)
        final = self.directory / tmp.name.split(".tmp-")[0]
        _remove_tree(final)
        os.replace(tmp, final)
        _fsync_dir(self.directory)
        _write_atomic(self.directory / CURRENT, final.name + "\n")
        _fsync_dir(self.directory)
        return Generation(final, manifest)


def _copy_hashes(articles: Mapping[str, str]) -> dict[str, str]:
    return articles.copy() if isinstance(articles, ArticleHashes) else dict(articles)


def _split(items: list[Article], workers: int) -> list[list[Article]]:
    """Equal chunks of at most SEGMENT_DOCS articles, as many as a multiple of `workers` (so every
    worker gets the same share)."""
    parts = max(1, -(-len(items) // SEGMENT_DOCS))
    parts = -(-parts // workers) * workers
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            chunks.append(items[start:end])
        start = end
    return chunks


def _write_segment(
    folder: Path, chunk: list[Article], annotate: Annotator, progress: Progress | None, done: int, total: int
) -> W3Segment:
    """Write `chunk` into `folder` as one new segment (not yet listed in a table of contents);
    returns the Whoosh segment."""
    schema = build_schema()
    storage = FileStorage(str(folder))
    if not segment_writer.supports(schema):  # pragma: no cover - our schema is supported
        raise RuntimeError("the schema needs Whoosh's own writer")
    builder = segment_writer.SegmentBuilder(storage, schema, LeanCodec())
    try:
        for n, article in enumerate(chunk, done + 1):
            builder.add_document(article_document(article, annotate(article)))
            if progress and (n % 25 == 0 or n == total):
                progress(n, total)
        return builder.finish()
    except BaseException:
        builder.cancel()
        raise


def _write_toc(folder: Path, segments: list[W3Segment]) -> None:
    TOC(build_schema(), segments, 1).write(FileStorage(str(folder)), "MAIN")


def build_part(folder: Path, chunk: list[Article], annotate: Annotator) -> None:
    """In a worker process: one segment in a folder of its own."""
    folder.mkdir()
    _write_toc(folder, [_write_segment(folder, chunk, annotate, None, 0, len(chunk))])


def _build_parallel(
    tmp: Path,
    chunks: list[list[Article]],
    annotate: Annotator,
    total: int,
    progress: Progress | None,
    workers: int,
) -> bool:
    """Write the chunks as segments in worker processes and join them in `tmp`. False when a
    worker failed (then `tmp` is left as it was, for a build in this process).

    `concurrent.futures` with the spawn start method: each worker is a fresh interpreter (no
    forked copy of a window's threads and locks), handed its chunk through the pool's pipe (no
    task file on disk); a frozen bundle runs them through `multiprocessing.freeze_support()` in
    its entry point."""
    folders = [tmp / f"part-{i:04d}" for i in range(len(chunks))]
    done = 0
    ok = True
    # Imported here: opening an index for a search starts no pool and need not pay for them.
    from concurrent.futures.process import BrokenProcessPool

    def heartbeat() -> None:
        if progress:
            progress(done, total)

    try:
        with process_pool(min(workers, len(chunks))) as pool:
            futures = {
                pool.submit(build_part, folder, chunk, annotate): len(chunk)
                for folder, chunk in zip(folders, chunks, strict=True)
            }
            for future in _as_completed(futures, heartbeat):
                try:
                    future.result()
                except OSError as exc:
                    if exc.errno in (errno.ENOSPC, errno.EFBIG):
                        raise OSError(errno.ENOSPC, "No space left on device") from exc
                    log.warning("a build worker failed (%s); building in this process", exc)
                    ok = False
                except BrokenProcessPool:
                    raise  # below: the pool itself is gone
                except Exception as exc:  # a worker's own failure: build here instead
                    log.warning("a build worker failed (%s: %s); building here", exc.__class__.__name__, exc)
                    ok = False
                if not ok:
                    for other in futures:
                        other.cancel()
                    break
                done += futures[future]
                if progress:
                    progress(done, total)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            raise
        log.warning("build workers unavailable (%s); building in this process", exc)
        ok = False
    except Exception as exc:  # the pool could not start or lost a worker (BrokenProcessPool)
        log.warning("build workers unavailable (%s: %s); building here", exc.__class__.__name__, exc)
        ok = False
    if not ok:
        for folder in folders:
            _remove_tree(folder)
        return False
    segments = []
    for folder in folders:
        part = FileStorage(str(folder)).open_index()
        segments.extend(part._segments())
        part.close()
        for path in folder.iterdir():
            if not path.name.endswith((".toc", "WRITELOCK")):
                os.replace(path, tmp / path.name)  # segment ids are random: names never collide
        _remove_tree(folder)
    _write_toc(tmp, segments)
    return True


def _as_completed(futures: Iterable[Future[Any]], heartbeat: Callable[[], object]) -> Iterator[Future[Any]]:
    """The futures as they complete, calling `heartbeat` while none does: a part takes minutes in
    a big library, and the progress callback is where a caller stops a build (the window closes)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    waiting = set(futures)
    while waiting:
        finished, waiting = wait(waiting, timeout=HEARTBEAT_S, return_when=FIRST_COMPLETED)
        if not finished:
            heartbeat()
        yield from finished


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    _fsync_file(path)


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@contextlib.contextmanager
def _written(tmp: Path) -> Iterator[None]:
    """A new generation is written in `tmp`: a failure removes it (the index stays as it was), and
    a write the file system refuses (full, read-only) is one line for the user."""
    try:
        yield
    except OSError as exc:
        _remove_tree(tmp)
        raise IndexWriteError(f"could not write the search index: {exc.strerror or exc}") from exc
    except BaseException:
        _remove_tree(tmp)
        raise


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
