"""The one reading of a Markdown file. A folder opened as a corpus (`--corpus`, the library's own
folders, the watcher) and `energybrowser import` both call `read_markdown`, so the same file is the
same article either way: same id, title, authors, date, paragraphs and notes.

- With front matter, the file is an article already: its fields are taken as written (with the
  names other tools use read into ours), an opening `# heading` names it when no `title:` does.
- Without, its blocks go through the importer's rules (title, byline and date read from the text,
  page furniture such as "Share on Twitter" left out), keeping the Markdown they were written in.
- Its id is the front matter's `id`, else the file's name: a file in a folder keeps the id it has
  always had (reviews and curation are keyed on it), and an imported file keeps its name.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from energybrowser.corpus.importer.convert import Conversion, Hints, article_id, convert_chunks
from energybrowser.corpus.importer.language import detect_language
from energybrowser.corpus.importer.markdown_source import (
    markdown_chunks,
    normalise_front_matter,
    opening_heading,
)
from energybrowser.corpus.importer.outlets import site_outlet
from energybrowser.corpus.markdown_io import (
    ArticleFormatError,
    build_article,
    meta_from_mapping,
    slugify,
    split_front_matter,
)

__all__ = ["markdown_id", "read_markdown"]


def markdown_id(filename: str, title: str, text: str) -> str:
    """The id of a Markdown file whose front matter names none: its file name as a slug; a name
    with no letter a slug keeps (Cyrillic, only digits and signs) gives way to the title's."""
    stem = Path(filename).stem
    if any(c.isascii() and c.isalnum() for c in stem):
        return slugify(stem, max_length=80)
    return article_id(title, text)


def read_markdown(text: str, filename: str, url: str = "") -> Conversion:
    """Read a Markdown file's text (front matter optional). Raises `ArticleFormatError` for a file
    that holds no article; a field it could not read is left empty and said in `notes`. `url`: the
    page's address when the caller knows it (a `url` the front matter states wins)."""
    data, body = split_front_matter(text)
    if not body.strip():
        raise ArticleFormatError("the article has no body text")
    if data:
        return _with_front_matter(data, body, filename, url)
    return _without_front_matter(body, filename, url)


def _with_front_matter(data: dict[str, Any], body: str, filename: str, url: str = "") -> Conversion:
    fields, notes = normalise_front_matter(data, filename)
    if url and not str(fields.get("url") or "").strip():
        fields["url"] = url
    heading = opening_heading(body)
    if "title" not in fields and heading:
        fields["title"] = heading  # an explicit empty `title:` says the source states none
    if "publisher" not in fields and isinstance(fields.get("url"), str):
        # A web clipper's `source: https://...` with no publisher: the outlet on that address.
        fields["publisher"] = site_outlet(fields["url"])
    if not str(fields.get("id") or "").strip():
        fields["id"] = markdown_id(filename, str(fields.get("title") or ""), body)
    meta = meta_from_mapping(fields, fallback_id="")
    article = build_article(meta, body)
    if not meta.language:
        article = build_article(replace(meta, language=detect_language(article.text)), body)
    return Conversion(article, notes=notes)


def _without_front_matter(body: str, filename: str, url: str = "") -> Conversion:
    chunks, footnotes = markdown_chunks(body)
    conversion = convert_chunks(chunks, Hints(url=url), filename)
    article = conversion.article
    new_body = article.body
    if footnotes:
        new_body = article.body.rstrip() + "\n\n" + "\n".join(footnotes)
    meta = replace(article.meta, id=markdown_id(filename, article.meta.title, article.text))
    return Conversion(build_article(meta, new_body), conversion.dropped, conversion.notes)
