"""Copy a citation to the clipboard as rich text and plain text, in the style the user picked."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from energybrowser.corpus.model import Article

FALLBACK_STYLES: tuple[tuple[str, str], ...] = (
    ("apa", "APA"),
    ("chicago", "Chicago"),
    ("mla", "MLA"),
    ("harvard", "Harvard"),
    ("bibtex", "BibTeX"),
    ("ris", "RIS"),
    ("csl-json", "CSL-JSON"),
    ("markdown", "Markdown"),
)


@dataclass(frozen=True)
class Copied:
    text: str
    html: str
    what: str  # for the status bar: "citation of “Title” (APA)"


def styles() -> tuple[tuple[str, str], ...]:
    """(id, label) of every citation style."""
    return FALLBACK_STYLES


def cite(article: Article, style: str, passage: tuple[int, int] | None = None) -> Copied:
    """A citation of the article, or of a passage in it (quoted, with its paragraph)."""
    meta = article.meta
    parts = [p for p in (meta.publisher, meta.date.display() if not meta.date.is_empty else "") if p]
    base = f"“{meta.title}.” " + ", ".join(parts) + "."
    quote = ""
    if passage is not None:
        start, end = passage
        paragraph = article.paragraph_at(start)
        locator = f", para. {paragraph}" if paragraph else ""
        quote = f"“{article.text[start:end].strip()}” ({meta.title}{locator}). "
    text = (quote + base + (f" {meta.url}" if meta.url else "")).strip()
    label = dict(FALLBACK_STYLES).get(style, style)
    what = f"{'passage' if passage else 'citation'} of “{meta.title}” ({label})"
    return Copied(text, f"<p>{html.escape(text)}</p>", what)


def copy_to_clipboard(text: str, rich: str) -> None:
    """Both flavours: editors that take HTML get it, plain-text fields get the text."""
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(rich)
    QGuiApplication.clipboard().setMimeData(mime)
