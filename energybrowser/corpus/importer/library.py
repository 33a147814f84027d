"""Importing files into an article folder: each file converted, checked against what the folder
holds (same body text = duplicate, taken id = numbered id), written atomically. This is the one
import path: the CLI's `energybrowser import`, the window's Import command and drag-and-drop all
call `import_paths`, so folders, refused links, duplicates and id clashes behave and read the same
everywhere. Never raises for a bad file: each file's fate is one line of the report."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from energybrowser.corpus.atomic import create_text, replace_text
from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES, ImportOutcome, convert_file
from energybrowser.corpus.importer.outlets import host_of
from energybrowser.corpus.importer.vocabulary import fold
from energybrowser.corpus.loader import NOT_A_FILE
from energybrowser.corpus.markdown_io import ArticleFormatError, dump_article, parse_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.safe_text import one_line, path_text

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


def body_fingerprint(article: Article) -> str:
    """Hash of the body's plain text with case, accents and spacing folded: the same article
    imported twice (or once from .txt and once from .html) matches though metadata differ."""
    return hashlib.sha256(fold(article.text).encode("utf-8")).hexdigest()


def with_id(article: Article, new_id: str) -> Article:
    return replace(article, meta=replace(article.meta, id=new_id))


@dataclass
class TargetFolder:
    """The folder imports go into, with the ids and body fingerprints it already holds."""

    directory: Path
    ids: set[str] = field(default_factory=set)
    fingerprints: dict[str, str] = field(default_factory=dict)  # fingerprint -> file name

    @classmethod
    def scan(cls, directory: Path) -> TargetFolder:
        from energybrowser.corpus.loader import article_files, load_article

        folder = cls(directory)
        if not directory.is_dir():
            return folder
        for path in article_files(directory):
            folder.ids.add(path.stem)
            try:
                article, _ = load_article(path)
            except (ArticleFormatError, OSError, ValueError):
                continue  # an unreadable file still blocks its name, nothing more
            folder.ids.add(article.id)
            folder.fingerprints.setdefault(body_fingerprint(article), path.name)
        return folder

    def duplicate_of(self, article: Article) -> str | None:
        return self.fingerprints.get(body_fingerprint(article))

    def unique_id(self, wanted: str) -> str:
        if wanted not in self.ids:
            return wanted
        n = 2
        while f"{wanted}-{n}" in self.ids:
            n += 1
        return f"{wanted}-{n}"

    def write(self, article: Article) -> Path:
        """Write `<id>.md` atomically; never overwrites (`FileExistsError`)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{article.id}.md"
        text = dump_article(article)
        parse_article(text, fallback_id=article.id)  # what is written must read back
        try:
            create_text(target, text)
        except FileExistsError:
            self.ids.add(article.id)
            raise
        self.ids.add(article.id)
        self.fingerprints[body_fingerprint(article)] = target.name
        return target

    def write_new(self, article: Article) -> tuple[Path, Article]:
        """Write the article under its id, or the next free numbered id when another process took
        that id after the scan (parallel imports). Returns the file and the article as saved."""
        for _ in range(1000):
            try:
                return self.write(article), article
            except FileExistsError:
                article = with_id(article, self.unique_id(article.id))
        raise FileExistsError(f"no free id for {article.id} in {self.directory}")


Status = Literal["imported", "duplicate", "failed"]


@dataclass(frozen=True)
class FileResult:
    """What became of one input file. `message` is one line for the user."""

    path: Path
    status: Status
    message: str
    written: Path | None = None
    warnings: tuple[str, ...] = ()  # the import went through, but the user should know
    outcome: ImportOutcome | None = None  # the conversion, with what was left out of the body


@dataclass(frozen=True)
class ImportReport:
    into: Path
    results: tuple[FileResult, ...]
    dry_run: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def imported_ids(self) -> tuple[str, ...]:
        return tuple(r.written.stem for r in self.results if r.written is not None)

    @property
    def problems(self) -> tuple[str, ...]:
        """One line per file not imported: its name, then why."""
        return tuple(f"{path_text(r.path.name)}: {r.message}" for r in self.results if r.status != "imported")

    @property
    def notes(self) -> tuple[str, ...]:
        """One line per warning of a file that was imported (e.g. an id clash)."""
        return tuple(f"{path_text(r.path.name)}: {w}" for r in self.results for w in r.warnings)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (
            f"{verb} {self.count('imported')}, skipped {self.count('duplicate')} duplicate(s), "
            f"failed {self.count('failed')} -> {self.into}"
        )


def importable(path: Path) -> bool:
    """Whether `path` is something to import: a folder, or a file of an importable type."""
    return path.suffix.lower() in IMPORTABLE_SUFFIXES or path.is_dir()


def _refusal(entry: Path, root: Path) -> str | None:
    """Why a folder's entry is not imported, or None."""
    if ".." in entry.name:
        return "file name contains '..'"
    if entry.is_symlink():
        try:
            inside = entry.resolve(strict=True).is_relative_to(root)
        except (OSError, RuntimeError):  # a link to itself, a loop, or to nothing
            return "symbolic link that loops or leads nowhere; not followed"
        if not inside:
            return "symbolic link to outside the folder; not followed"
    return None


def collect_inputs(raw: str | os.PathLike[str]) -> tuple[list[Path], list[FileResult]]:
    """Files named by one path: the file itself, or a folder's importable files (not following
    symbolic links out of it, refusing names with '..'); and the entries refused."""
    path = Path(raw).expanduser()
    if path.is_symlink() and not path.exists():
        return [], [FileResult(path, "failed", "symbolic link that loops or leads nowhere; not followed")]
    if not path.exists():
        return [], [FileResult(path, "failed", "no such file or folder")]
    if not path.is_dir():
        return [path], []
    root = path.resolve()
    files: list[Path] = []
    refused: list[FileResult] = []
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        return [], [FileResult(path, "failed", f"cannot list the folder: {exc.strerror or exc}")]
    for entry in entries:
        if entry.name.startswith(".") or entry.suffix.lower() not in IMPORTABLE_SUFFIXES:
            continue
        reason = _refusal(entry, root)
        if reason:
            refused.append(FileResult(entry, "failed", reason))
        elif entry.is_file():
            files.append(entry)
        else:  # a pipe would block the import, a device never end: said, never opened
            refused.append(FileResult(entry, "failed", NOT_A_FILE))
    return files, refused


def _clash_note(wanted: str, saved: str, directory: Path) -> str:
    return f"id '{wanted}' is taken in {directory}; saved as '{saved}'"


def page_address(url: str) -> str:
    """The address a page was saved from, checked: an http(s) address naming a host. Raises
    `ValueError` with a one-line reason otherwise (a typo must not land in a citation)."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.casefold() not in ("http", "https") or not host_of(text):
        raise ValueError(f"not a web address (http:// or https://): {one_line(url, 100)}")
    if any(c.isspace() or not c.isprintable() for c in text):
        raise ValueError(f"a web address has no spaces or control characters: {one_line(url, 100)}")
    return text


def _import_one(path: Path, target: TargetFolder, dry_run: bool, url: str = "") -> FileResult:
    outcome = convert_file(path, url)
    warnings = list(outcome.notes)
    if outcome.article is None:
        return FileResult(path, "failed", f"{outcome.error}; nothing imported", outcome=outcome)
    article = outcome.article
    duplicate = target.duplicate_of(article)
    if duplicate:
        message = f"same text as {duplicate}, already in {target.directory}"
        return FileResult(path, "duplicate", message, warnings=tuple(warnings), outcome=outcome)
    wanted = article.id
    article = with_id(article, target.unique_id(wanted))
    if dry_run:
        if article.id != wanted:
            warnings.append(_clash_note(wanted, article.id, target.directory))
        message = f"would be {target.directory / (article.id + '.md')}"
        return FileResult(path, "imported", message, None, tuple(warnings), replace(outcome, article=article))
    try:
        written, article = target.write_new(article)
    except OSError as exc:
        message = f"cannot write to {target.directory}: {exc.strerror or exc}"
        return FileResult(path, "failed", message, warnings=tuple(warnings), outcome=outcome)
    if article.id != wanted:
        warnings.append(_clash_note(wanted, article.id, target.directory))
    outcome = replace(outcome, article=article)
    return FileResult(path, "imported", f"-> {written}", written, tuple(warnings), outcome)


def _import_guarded(path: Path, target: TargetFolder, dry_run: bool, url: str = "") -> FileResult:
    """`_import_one`, with any failure it did not foresee kept to this one file."""
    try:
        return _import_one(path, target, dry_run, url)
    except Exception as exc:  # a batch boundary: one file's failure must not stop the others
        log.warning("import of %s failed", path, exc_info=True)
        message = f"could not be imported ({exc.__class__.__name__}); nothing imported"
        return FileResult(path, "failed", message)


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    into: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    url: str = "",
) -> ImportReport:
    """Import files and folders into `into`. Never raises for bad input: each file's fate is in
    the report. Raises `NotADirectoryError` only when `into` exists and is not a folder.
    With `dry_run` nothing is written; the report says what would be. `progress(done, total,
    label)` is called before each file and once at the end (from the calling thread).
    `url`: the address the one page in `paths` was saved from (it goes into the article's `url`
    and names the publisher when the page does not); raises `ValueError` before anything is
    read when it is not a web address or `paths` is not one file."""
    into = Path(into)
    if url:
        paths = list(paths)
        url = page_address(url)
        if len(paths) != 1 or Path(paths[0]).expanduser().is_dir():
            raise ValueError("a page address belongs to one file: give one file, not a folder or several")
    if into.exists() and not into.is_dir():
        raise NotADirectoryError(f"{into} is not a folder")
    target = TargetFolder.scan(into)
    results: list[FileResult] = []
    files: list[Path] = []
    for raw in paths:
        found, refused = collect_inputs(raw)
        results.extend(refused)
        files.extend(found)
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), f"Importing {path_text(path.name)}")
        result = _import_guarded(path, target, dry_run, url)
        if dry_run and result.outcome and result.outcome.article and result.status == "imported":
            # Later files of the same run must still see this one as taken.
            target.ids.add(result.outcome.article.id)
            target.fingerprints[body_fingerprint(result.outcome.article)] = f"{result.outcome.article.id}.md"
        results.append(result)
    if progress:
        progress(len(files), len(files), "Importing")
    return ImportReport(into, tuple(results), dry_run)


def save_metadata(path: Path, article: Article, meta: ArticleMeta) -> Article:
    """Rewrite an imported article's file with new metadata; returns the article as re-read."""
    if not path.is_file():
        raise FileNotFoundError(f"{article.title!r} is not one of your imported articles")
    updated = replace(article, meta=replace(meta, id=article.id))
    text = dump_article(updated)
    parse_article(text, fallback_id=article.id)  # refuse to write what could not be read back
    replace_text(path, text)
    return parse_article(text, fallback_id=article.id)
