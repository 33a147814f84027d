"""Import files into the user's library folder, and save edited metadata (background tasks; no Qt)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from energybrowser.corpus.markdown_io import dump_article, parse_article
from energybrowser.corpus.model import Article, ArticleMeta

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[str, ...]  # article ids
    problems: tuple[str, ...]  # one line per file that could not be imported


def importable(path: Path) -> bool:
    # Imported here, not at the top: the importer is heavy and the window must open fast.
    from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES

    return path.suffix.lower() in IMPORTABLE_SUFFIXES and path.is_file()


def import_files(files: Sequence[Path], imported_dir: Path, progress: Progress | None = None) -> ImportReport:
    """Convert each file with the importer and write it to `imported_dir` as Markdown.

    A bad file, or one whose text is already in the folder, is reported and skipped, never fatal.
    """
    from energybrowser.corpus.importer import convert_file
    from energybrowser.corpus.importer.library import TargetFolder, with_id

    target = TargetFolder.scan(imported_dir)
    imported: list[str] = []
    problems: list[str] = []
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), f"Importing {path.name}")
        outcome = convert_file(path)
        if outcome.article is None:
            problems.append(f"{path.name}: {outcome.error}")
            continue
        duplicate = target.duplicate_of(outcome.article)
        if duplicate:
            problems.append(f"{path.name}: already imported as {duplicate}")
            continue
        article = with_id(outcome.article, target.unique_id(outcome.article.id))
        try:
            target.write(article)
        except (OSError, ValueError) as exc:
            problems.append(f"{path.name}: could not be saved ({exc})")
            continue
        imported.append(article.id)
    if progress:
        progress(len(files), len(files), "Importing")
    return ImportReport(tuple(imported), tuple(problems))


def save_metadata(path: Path, article: Article, meta: ArticleMeta) -> Article:
    """Rewrite an imported article's file with new metadata; returns the article as re-read."""
    if not path.is_file():
        raise FileNotFoundError(f"{article.title!r} is not one of your imported articles")
    updated = replace(article, meta=replace(meta, id=article.id))
    text = dump_article(updated)
    parse_article(text, fallback_id=article.id)  # refuse to write what could not be read back
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return parse_article(text, fallback_id=article.id)
