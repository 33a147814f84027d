"""Importing files into an article folder: each file converted, checked against what the folder
holds (same body text = duplicate, taken id = numbered id), written atomically. The CLI's
`energybrowser import` and the app's import action both call `import_paths`."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES, ImportOutcome, convert_file
from energybrowser.corpus.importer.vocabulary import fold
from energybrowser.corpus.markdown_io import ArticleFormatError, dump_article, parse_article
from energybrowser.corpus.model import Article


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
        """Write `<id>.md` atomically (a temp file renamed into place); never overwrites."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{article.id}.md"
        text = dump_article(article)
        parse_article(text, fallback_id=article.id)  # what is written must read back
        fd, temp = tempfile.mkstemp(prefix=f".{article.id}.", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            if target.exists():
                raise FileExistsError(f"{target.name} already exists")
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.ids.add(article.id)
        self.fingerprints[body_fingerprint(article)] = target.name
        return target


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
    def failed(self) -> bool:
        return self.count("failed") > 0

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (
            f"{verb} {self.count('imported')}, skipped {self.count('duplicate')} duplicate(s), "
            f"failed {self.count('failed')} -> {self.into}"
        )


def collect_inputs(raw: str | os.PathLike[str]) -> tuple[list[Path], list[FileResult]]:
    """Files named by one path: the file itself, or a folder's importable files (not following
    symbolic links out of it, refusing names with '..'); and the entries refused."""
    path = Path(raw).expanduser()
    if not path.exists():
        return [], [FileResult(path, "failed", "no such file or folder")]
    if not path.is_dir():
        return [path], []
    root = path.resolve()
    files: list[Path] = []
    refused: list[FileResult] = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith(".") or entry.suffix.lower() not in IMPORTABLE_SUFFIXES:
            continue
        if ".." in entry.name:
            refused.append(FileResult(entry, "failed", "file name contains '..'"))
        elif entry.is_symlink() and not entry.resolve().is_relative_to(root):
            refused.append(FileResult(entry, "failed", "symbolic link to outside the folder; not followed"))
        elif entry.is_file():
            files.append(entry)
    return files, refused


def _import_one(path: Path, target: TargetFolder, dry_run: bool) -> FileResult:
    outcome = convert_file(path)
    warnings = list(outcome.notes)
    if outcome.article is None:
        return FileResult(path, "failed", f"{outcome.error}; nothing imported", outcome=outcome)
    article = outcome.article
    duplicate = target.duplicate_of(article)
    if duplicate:
        message = f"same text as {duplicate}, already in {target.directory}"
        return FileResult(path, "duplicate", message, warnings=tuple(warnings), outcome=outcome)
    new_id = target.unique_id(article.id)
    if new_id != article.id:
        warnings.append(f"id '{article.id}' is taken in {target.directory}; saved as '{new_id}'")
        article = with_id(article, new_id)
    if dry_run:
        message = f"would be {target.directory / (article.id + '.md')}"
        return FileResult(path, "imported", message, None, tuple(warnings), replace(outcome, article=article))
    try:
        written = target.write(article)
    except OSError as exc:
        message = f"cannot write to {target.directory}: {exc.strerror or exc}"
        return FileResult(path, "failed", message, warnings=tuple(warnings), outcome=outcome)
    return FileResult(path, "imported", f"-> {written}", written, tuple(warnings), outcome)


def import_paths(
    paths: Iterable[str | os.PathLike[str]], into: Path, *, dry_run: bool = False
) -> ImportReport:
    """Import files and folders into `into`. Never raises for bad input: each file's fate is in
    the report. Raises `NotADirectoryError` only when `into` exists and is not a folder.
    With `dry_run` nothing is written; the report says what would be."""
    into = Path(into)
    if into.exists() and not into.is_dir():
        raise NotADirectoryError(f"{into} is not a folder")
    target = TargetFolder.scan(into)
    results: list[FileResult] = []
    for raw in paths:
        files, refused = collect_inputs(raw)
        results.extend(refused)
        for path in files:
            result = _import_one(path, target, dry_run)
            if dry_run and result.outcome and result.outcome.article and result.status == "imported":
                # Later files of the same run must still see this one as taken.
                target.ids.add(result.outcome.article.id)
                target.fingerprints[body_fingerprint(result.outcome.article)] = (
                    f"{result.outcome.article.id}.md"
                )
            results.append(result)
    return ImportReport(into, tuple(results), dry_run)
