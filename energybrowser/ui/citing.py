"""Copy a citation to the clipboard as rich text and plain text, in the style the user picked."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article


@dataclass(frozen=True)
class Copied:
    text: str
    html: str
    what: str  # for the status bar: "citation of “Title” (APA)"


def styles() -> tuple[tuple[str, str], ...]:
    """(id, label) of every citation style, in menu order."""
    # The style table alone: the formatter (citeproc) loads on the first copy, not at startup.
    from energybrowser.citations.styles import STYLES

    return tuple(STYLES.items())


class CiteError(ValueError):
    """The citation could not be made (e.g. the selection is not text of the article)."""


def cite(article: Article, style: str, passage: tuple[int, int] | None = None) -> Copied:
    """A citation of the article, or of a passage of it: quoted, with its paragraph locator."""
    label = dict(styles()).get(style, style)
    quote = article.text[passage[0] : passage[1]].strip() if passage else None
    what = f"{'quotation from' if quote else 'citation of'} “{article.display_title}” ({label})"
    from energybrowser.citations import CitationError
    from energybrowser.citations import cite as core_cite

    try:
        citation = core_cite(article, style, quote=quote)
    except CitationError as exc:
        raise CiteError(str(exc)) from exc
    rich = citation.html or _as_html(citation.text)
    return Copied(citation.text, rich, what)


def cite_agreement(agreement: Agreement, article: Article, style: str) -> Copied:
    """The agreement in one line, its evidence sentence quoted and cited, then the reference."""
    from energybrowser.citations import CitationError
    from energybrowser.citations import cite_agreement as core_cite_agreement

    label = dict(styles()).get(style, style)
    try:
        citation = core_cite_agreement(agreement, article, style)
    except CitationError as exc:
        raise CiteError(str(exc)) from exc
    what = f"agreement reported in “{article.display_title}” ({label})"
    return Copied(citation.text, citation.html or _as_html(citation.text), what)


def _as_html(text: str) -> str:
    """Plain exports (BibTeX, RIS, JSON) keep their lines and spacing when pasted as rich text."""
    if "\n" in text:
        return f"<pre>{html.escape(text)}</pre>"
    return f"<p>{html.escape(text)}</p>"


def copy_to_clipboard(text: str, rich: str) -> None:
    """Both flavours: editors that take HTML get it, plain-text fields get the text."""
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(rich)
    QGuiApplication.clipboard().setMimeData(mime)
