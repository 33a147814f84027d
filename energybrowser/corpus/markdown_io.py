"""Read and write an article file: YAML front matter, then a Markdown body with real footnotes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import yaml

from energybrowser.corpus.errors import ArticleFormatError as ArticleFormatError
from energybrowser.corpus.front_matter import FrontMatterError, load_front_matter
from energybrowser.corpus.markdown_text import block_text, fold_whitespace
from energybrowser.corpus.model import Article, ArticleMeta, Author, Block, Footnote, PartialDate
from energybrowser.safe_text import strip_controls

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")


# Work per article is bounded by its size, not by how many pieces it is cut into: Markdown runs on at
# most MAX_BLOCKS paragraphs and MAX_MARKDOWN_NOTES footnotes (a long report has a few hundred of
# each). Beyond that, the rest of the body is one last block (read as text when it is large) and
# further notes are read as text: a 5 MB file of `- x` lines was 1.25 million paragraphs (minutes to
# load, and a search index of a million entries). Nothing is dropped; the file is left as it is.
MAX_BLOCKS = 1_000
MAX_MARKDOWN_NOTES = 1_000


def slugify(text: str, max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "article"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    text = text.lstrip("\ufeff")
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        data = load_front_matter(m.group(1)) or {}
    except FrontMatterError as exc:
        raise ArticleFormatError(str(exc)) from exc
    if not isinstance(data, dict):
        raise ArticleFormatError("front matter must be a mapping of fields")
    return data, text[m.end() :]


def _as_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    # YAML escapes ("\e", "\u202e") give what a file's bytes may not: no control or bidi override.
    return strip_controls(str(value)).strip()


def _as_date(value: Any, field_name: str) -> PartialDate:
    return _stated_date(value, field_name)[0]


def _stated_date(value: Any, field_name: str) -> tuple[PartialDate, str]:
    """The date and, when it is not ISO, the words that state it: a folder opened as a corpus
    takes the date forms `import` takes ("25 August 2022", "Oct 24")."""
    text = _as_str(value)
    try:
        return PartialDate.parse_iso(text), ""
    except ValueError as exc:
        from energybrowser.corpus.importer.dates import parse_date  # word lists: loaded only here

        stated = parse_date(text)
        if stated is None:
            raise ArticleFormatError(f"field '{field_name}': {exc}") from exc
        return stated.date, stated.text


def _as_authors(value: Any) -> tuple[Author, ...]:
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else [value]
    authors = []
    for item in items:
        if isinstance(item, dict):
            name = _as_str(item.get("name"))
            if name:
                authors.append(Author(name, organization=bool(item.get("organization"))))
        elif _as_str(item):
            authors.append(Author(_as_str(item)))
    return tuple(authors)


def meta_from_mapping(data: dict[str, Any], fallback_id: str) -> ArticleMeta:
    title = _as_str(data.get("title"))
    raw_id = _as_str(data.get("id")) or fallback_id or slugify(title)
    date, date_words = _stated_date(data.get("date"), "date")
    return ArticleMeta(
        id=slugify(raw_id, max_length=80),
        title=title,
        authors=_as_authors(data.get("authors", data.get("author"))),
        publisher=_as_str(data.get("publisher")),
        date=date,
        date_text=_as_str(data.get("date_text")) or date_words,
        url=_as_str(data.get("url")),
        language=_as_str(data.get("language")),
        source=_as_str(data.get("source")),
        accessed=_as_date(data.get("accessed"), "accessed"),
        kind=_as_str(data.get("kind")),
    )


def meta_to_mapping(meta: ArticleMeta) -> dict[str, Any]:
    """Front matter fields in a fixed order; empty fields are written empty, not left out."""
    return meta.to_mapping()


def _split_body(body: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Body blocks (list items apart) and footnote definitions (label, Markdown)."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    notes: list[tuple[str, str]] = []
    current: list[str] | None = None
    for line in lines:
        m = _FOOTNOTE_DEF.match(line)
        if m:
            notes.append((m.group(1), m.group(2)))
            current = [m.group(2)]
            continue
        if current is not None and line.startswith(("    ", "\t")) and line.strip():
            label, _ = notes[-1]
            current.append(line.strip())
            notes[-1] = (label, " ".join(current))
            continue
        if line.strip():
            current = None
        kept.append(line)
    blocks: list[str] = []
    for chunk in _BLANK_SPLIT.split("\n".join(kept)):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        chunk_lines = chunk.split("\n")
        if all(_LIST_ITEM.match(ln) or ln.startswith((" ", "\t")) for ln in chunk_lines) and _LIST_ITEM.match(
            chunk_lines[0]
        ):
            item: list[str] = []
            for ln in chunk_lines:
                if _LIST_ITEM.match(ln) and item:
                    blocks.append("\n".join(item))
                    item = []
                item.append(ln)
            blocks.append("\n".join(item))
        else:
            blocks.append(chunk)
    return blocks, notes


def build_article(meta: ArticleMeta, body: str, file_text: str | None = None) -> Article:
    """Number the body's paragraphs and derive its plain text."""
    sources, notes = _split_body(body)
    if len(sources) > MAX_BLOCKS:
        sources = [*sources[: MAX_BLOCKS - 1], "\n\n".join(sources[MAX_BLOCKS - 1 :])]
    blocks: list[Block] = []
    pieces: list[str] = []
    offset = 0
    number = 0
    for source in sources:
        text = block_text(source)
        if not text:
            continue
        is_heading = bool(_HEADING.match(source)) and "\n" not in source.strip()
        if not is_heading:
            number += 1
        if pieces:
            offset += 2  # the blank line between blocks
        blocks.append(
            Block(
                index=len(blocks),
                kind="heading" if is_heading else "paragraph",
                number=None if is_heading else number,
                source=source,
                text=text,
                start=offset,
                end=offset + len(text),
            )
        )
        pieces.append(text)
        offset += len(text)
    footnotes = tuple(
        Footnote(label, src, block_text(src) if i < MAX_MARKDOWN_NOTES else fold_whitespace(src))
        for i, (label, src) in enumerate(notes)
    )
    text = "\n\n".join(pieces)
    digest = content_hash(file_text if file_text is not None else dump_article_parts(meta, body))
    return Article(meta, body, tuple(blocks), footnotes, text, digest)


def parse_article(file_text: str, fallback_id: str = "") -> Article:
    """Parse a Markdown article (front matter optional) into an Article."""
    data, body = split_front_matter(file_text)
    if "title" not in data:
        # No front matter title: a heading that opens the body names the article. An explicit
        # empty `title:` means the source states none, and a later section heading is not one.
        blocks = _split_body(body)[0]
        first = blocks[0] if blocks and _HEADING.match(blocks[0]) else None
        if first and "\n" not in first:
            data = {**data, "title": first.lstrip("#").strip()}
    meta = meta_from_mapping(data, fallback_id)
    if not body.strip():
        raise ArticleFormatError("the article has no body text")
    return build_article(meta, body, file_text)


def dump_article_parts(meta: ArticleMeta, body: str) -> str:
    front = yaml.safe_dump(meta_to_mapping(meta), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body.strip()}\n"


def dump_article(article: Article) -> str:
    return dump_article_parts(article.meta, article.body)


def footnotes_markdown(notes: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"[^{label}]: {text}" for label, text in notes)
