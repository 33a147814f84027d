"""Importer: web text, Markdown and HTML into articles, with page furniture left out and the
metadata the text states (title, authors, publisher, date, language) read from it.

Public API: `convert_text(text, filename)` -> `Article` (what the corpus loader calls for raw files),
`convert_file(path)` -> `ImportOutcome` (reads and checks a file first; never raises for bad input),
`library.import_paths(paths, into)` -> `ImportReport` (convert and write into an article folder).

Sources become chunks (chunks.py for text, markdown_source.py, html_source.py); one pipeline
(convert.py: header.py, tail.py, body.py) applies the rules of furniture.py, byline.py, dates.py,
headings.py, footnotes.py and language.py, whose word lists live in `resources/importer/*.yaml`.
"""

from __future__ import annotations

from energybrowser.corpus.importer.files import ImportOutcome, convert_file, convert_source
from energybrowser.corpus.model import Article

__all__ = ["ImportOutcome", "convert_file", "convert_source", "convert_text"]


def convert_text(text: str, filename: str = "", url: str = "") -> Article:
    """Convert a file's text; the format follows the file name's suffix (plain text by default).
    `url`: the page's address when known (it names the publisher the page may not state).
    Raises `ArticleFormatError` when nothing usable is left."""
    return convert_source(text, filename, url).article
