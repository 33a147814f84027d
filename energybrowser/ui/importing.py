"""Import files into the user's library folder (runs in a background task; no Qt)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from energybrowser.corpus.loader import ARTICLE_SUFFIXES, load_article
from energybrowser.corpus.markdown_io import ArticleFormatError, dump_article, parse_article
from energybrowser.corpus.model import Article, ArticleMeta

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[str, ...]  # article ids
    problems: tuple[str, ...]  # one line per file that could not be imported


def importable(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file()


def article_file(imported_dir: Path, article_id: str) -> Path:
    """Where an imported article's Markdown lives."""
    return imported_dir / f"{article_id}.md"


def import_files(
    files: Sequence[Path], imported_dir: Path, taken: set[str], progress: Progress | None = None
) -> ImportReport:
    """Convert each file to a Markdown article in `imported_dir`. A bad file is reported, not fatal."""
    imported: list[str] = []
    problems: list[str] = []
    taken = set(taken)
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), f"Importing {path.name}")
        if not importable(path):
            problems.append(f"{path.name}: not an article file ({', '.join(ARTICLE_SUFFIXES)})")
            continue
        try:
            article, _note = load_article(path)
            article_id = _unique(article.id, taken)
            if article_id != article.id:
                article = replace(article, meta=replace(article.meta, id=article_id))
            if not article.meta.source:
                article = replace(article, meta=replace(article.meta, source=path.name))
            imported_dir.mkdir(parents=True, exist_ok=True)
            article_file(imported_dir, article_id).write_text(dump_article(article), encoding="utf-8")
        except (ArticleFormatError, OSError, ValueError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        taken.add(article_id)
        imported.append(article_id)
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


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
