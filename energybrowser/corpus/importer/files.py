"""One file in, one import outcome out: the format chosen by suffix, bad input reported in a line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from energybrowser.corpus.importer.chunks import text_chunks
from energybrowser.corpus.importer.convert import Conversion, Hints, convert_chunks
from energybrowser.corpus.importer.markdown_article import read_markdown
from energybrowser.corpus.markdown_io import ArticleFormatError
from energybrowser.corpus.model import Article

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
IMPORTABLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file gave: an article, or the one-line reason there is none."""

    path: Path
    article: Article | None = None
    error: str = ""
    notes: tuple[str, ...] = ()  # warnings that did not stop the import (e.g. bytes replaced)
    dropped: tuple[tuple[str, str], ...] = ()  # (reason, text) left out of the body

    @property
    def ok(self) -> bool:
        return self.article is not None


def convert_source(text: str, filename: str = "", url: str = "") -> Conversion:
    """Convert text already read; raises `ArticleFormatError` when nothing usable is left. `url`
    is the page's address when the caller knows it (the page's own canonical link wins)."""
    if not text.strip():
        raise ArticleFormatError("file is empty")
    suffix = Path(filename).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(text, filename, url)
    if suffix in HTML_SUFFIXES:
        from energybrowser.corpus.importer.html_source import html_chunks

        chunks, hints = html_chunks(text)
        return convert_chunks(chunks, replace(hints, url=hints.url or url), filename)
    return convert_chunks(text_chunks(text), Hints(url=url), filename)


def convert_file(path: Path, url: str = "") -> ImportOutcome:
    """Read and convert one file. Bad input gives an outcome with `error` set, never an exception.
    `url`: the address the page was saved from, when the user gives it."""
    from energybrowser.corpus.loader import read_error, read_text_file

    path = Path(path)
    if path.suffix.lower() not in IMPORTABLE_SUFFIXES:
        return ImportOutcome(path, error=f"not an importable file type ({path.suffix or 'no suffix'})")
    try:
        text, note = read_text_file(path)
        conversion = convert_source(text, path.name, url)
    except ArticleFormatError as exc:
        return ImportOutcome(path, error=str(exc))
    except OSError as exc:  # unreadable, or gone since it was listed
        return ImportOutcome(path, error=read_error(exc))
    notes = ((note,) if note else ()) + conversion.notes
    return ImportOutcome(path, conversion.article, notes=notes, dropped=conversion.dropped)
