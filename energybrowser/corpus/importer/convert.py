"""The import pipeline shared by every source format: chunks in, an `Article` out.

1. Header: before the first real paragraph, take the title and byline lines, drop page chrome.
2. Tail: cut comment/related-posts blocks, drop trailing widgets, read an author bio, collect notes.
3. Body: drop furniture and image captions, keep headings, list items and paragraphs as Markdown.
Whatever a rule drops is recorded with its reason, so an import can be reviewed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from energybrowser.corpus.importer.byline import Byline, bio_author, parse_byline
from energybrowser.corpus.importer.chunks import Chunk, escape_markdown
from energybrowser.corpus.importer.dates import StatedDate
from energybrowser.corpus.importer.footnotes import (
    definitions_markdown,
    footnote_definition,
    with_footnote_refs,
)
from energybrowser.corpus.importer.furniture import (
    furniture_reason,
    is_short_line,
    is_tail_opener,
    word_counts,
    words_of,
)
from energybrowser.corpus.importer.headings import heading_or_caption, is_numbered_heading, proper_names
from energybrowser.corpus.importer.language import detect_language
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.markdown_io import ArticleFormatError, build_article, slugify
from energybrowser.corpus.model import Article, ArticleMeta, Author, PartialDate

MAX_TITLE_WORDS = 30
MAX_TAIL_SHARE = 0.4  # a "comments" cut may not take more than this share of the article's words
ID_WORDS = 6  # an untitled article is named after its opening words


@dataclass(frozen=True)
class Hints:
    """Metadata the source format states outside the text (HTML meta tags, Markdown front matter)."""

    title: str = ""
    authors: tuple[Author, ...] = ()
    publisher: str = ""
    date: StatedDate | None = None
    url: str = ""
    language: str = ""


@dataclass(frozen=True)
class Conversion:
    article: Article
    dropped: tuple[tuple[str, str], ...] = ()  # (reason, text) of everything left out of the body


@dataclass
class _State:
    chunks: list[Chunk]
    hints: Hints
    title: str = ""
    byline: Byline = field(default_factory=Byline)
    bio: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def drop(self, reason: str, chunk: Chunk) -> None:
        self.dropped.append((reason, chunk.text))


def _title_like(chunk: Chunk) -> bool:
    text = chunk.text.strip()
    words = words_of(text)
    return (
        chunk.kind in ("text", "heading", "markdown")
        and 2 <= len(words) <= MAX_TITLE_WORDS
        and len(text) <= 250
        and not re.search(r"[.:;,]$", text)
        and not is_numbered_heading(text)
    )


def _header(state: _State) -> int:
    """Read the header; return the index of the first body chunk."""
    chunks = state.chunks
    state.title = state.hints.title
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if state.title and fold(chunk.text) == fold(state.title):
            state.drop("title", chunk)
        elif not state.title and chunk.kind == "heading" and chunk.level == 1:
            state.title = chunk.text
        elif reason := furniture_reason(chunk.text, state.counts):
            state.drop(reason, chunk)
        elif byline := parse_byline(chunk.text):
            state.byline.merge(byline)
            state.drop("byline", chunk)
        elif not state.title and chunk.kind != "item" and _title_like(chunk):
            state.title = chunk.text
        elif (
            chunk.kind == "text"
            and is_short_line(chunk.text, max_words=4)
            and fold(chunk.text) not in vocabulary().heading_words
            and not is_numbered_heading(chunk.text)
            and i + 1 < len(chunks)
        ):
            state.drop("header label", chunk)  # site name, section name above the title
        else:
            break
        i += 1
    return i


def _cut_tail_opener(state: _State, start: int) -> int:
    """End of the article before a comments / similar-posts / follow-us block."""
    chunks = state.chunks
    total = sum(len(c.words) for c in chunks[start:]) or 1
    for i in range(start, len(chunks)):
        if chunks[i].kind != "item" and is_tail_opener(chunks[i].text):
            rest = chunks[i:]
            if sum(len(c.words) for c in rest) / total <= MAX_TAIL_SHARE:
                for chunk in rest:
                    state.drop("after '" + chunks[i].text + "'", chunk)
                return i
            state.drop("widget heading", chunks[i])
            state.chunks = chunks[:i] + chunks[i + 1 :]
            return _cut_tail_opener(state, start)
    return len(chunks)


def _tail(state: _State, start: int, end: int, full_text: str) -> int:
    """Walk back from the end over notes, a bio and trailing widgets; return the body's end."""
    chunks = state.chunks
    notes_headings = vocabulary().notes_headings
    j = end - 1
    while j >= start:
        chunk = chunks[j]
        note = footnote_definition(chunk.source or chunk.text)
        if note:
            state.notes.insert(0, note)
            j -= 1
            continue
        if state.notes and fold(chunk.text).rstrip(":") in notes_headings:
            state.drop("notes heading", chunk)
            j -= 1
            continue
        group_start = j
        while group_start - 1 >= start and chunks[group_start - 1].group == chunk.group:
            group_start -= 1
        name = bio_author([c.text for c in chunks[group_start : j + 1]], full_text)
        if name and not state.bio:
            state.bio = name
            for c in chunks[group_start : j + 1]:
                state.drop("author bio", c)
            j = group_start - 1
            continue
        reason = furniture_reason(chunk.text, state.counts)
        if reason or (chunk.kind in ("text", "heading") and is_short_line(chunk.text)):
            state.drop(reason or "trailing widget", chunk)
            j -= 1
            continue
        break
    return j + 1


def _next_text(state: _State, body: list[Chunk], i: int) -> str:
    for chunk in body[i + 1 :]:
        if chunk.kind in ("text", "item", "markdown") and not furniture_reason(chunk.text, state.counts):
            return chunk.text
    return ""


def _body_markdown(state: _State, body: list[Chunk]) -> list[str]:
    labels = {label for label, _ in state.notes}
    names = proper_names("\n".join(c.text for c in body))
    escape: Callable[[str], str] = escape_markdown
    blocks: list[str] = []
    previous_group: int | None = None
    for i, chunk in enumerate(body):
        if reason := furniture_reason(chunk.text, state.counts):
            state.drop(reason, chunk)
            continue
        single_line = "\n" not in chunk.source.strip()
        if chunk.kind == "heading":
            block = "#" * max(chunk.level, 2) + " " + escape(chunk.text)
        elif chunk.kind in ("text", "markdown") and is_short_line(chunk.text) and single_line:
            if heading_or_caption(chunk.text, _next_text(state, body, i), names) == "caption":
                state.drop("image caption", chunk)
                continue
            block = "## " + (chunk.source.strip().lstrip("#").strip() if chunk.source else escape(chunk.text))
        elif chunk.kind == "markdown":
            block = _markdown_refs(chunk.source.strip(), labels)
        elif chunk.kind == "item":
            block = f"{chunk.marker} " + with_footnote_refs(chunk.text, labels, lambda t: escape(" " + t)[1:])
            if blocks and previous_group == chunk.group and re.match(r"^(?:-|\d+\.) ", blocks[-1]):
                blocks[-1] += "\n" + block  # items of one source list stay one Markdown list
                previous_group = chunk.group
                continue
        else:
            block = with_footnote_refs(chunk.text, labels, escape)
        blocks.append(block)
        previous_group = chunk.group
    return blocks


def _markdown_refs(source: str, labels: set[str]) -> str:
    if not labels:
        return source
    return re.sub(
        r"\\?\[(\d{1,3})\\?\](?![(:\[])",
        lambda m: f"[^{m.group(1)}]" if m.group(1) in labels else m.group(0),
        source,
    )


def _article_id(title: str, text: str) -> str:
    """Slug of the title (or of the opening words when the text states no title), with letters
    that have no ASCII decomposition (Cyrillic, ə, ı) romanised rather than lost."""
    table = vocabulary().transliteration
    source = title or " ".join(words_of(text)[:ID_WORDS])
    romanised = "".join(table.get(c, table.get(c.lower(), c)) if not c.isascii() else c for c in source)
    return slugify(romanised)


def convert_chunks(chunks: list[Chunk], hints: Hints, filename: str = "") -> Conversion:
    """Run the pipeline over a source's chunks."""
    state = _State(list(chunks), hints, counts=word_counts(c.text for c in chunks))
    full_text = "\n".join(c.text for c in chunks)
    start = _header(state)
    end = _cut_tail_opener(state, start)
    end = _tail(state, start, end, full_text)
    blocks = _body_markdown(state, state.chunks[start:end])
    if not blocks:
        raise ArticleFormatError("no article text found (only page furniture)")
    body = "\n\n".join(blocks)
    if state.notes:
        body += "\n\n" + definitions_markdown(state.notes, escape_markdown)
    byline = state.byline
    authors = list(hints.authors) or list(byline.authors)
    if state.bio and all(fold(a.name) != fold(state.bio) for a in authors):
        authors.append(Author(state.bio))
    date = hints.date or byline.date
    plain = build_article(ArticleMeta(id="x", title=""), body).text
    meta = ArticleMeta(
        id=_article_id(state.title, plain),
        title=state.title,
        authors=tuple(authors),
        publisher=hints.publisher or byline.publisher,
        date=date.date if date else PartialDate(),
        date_text=date.text if date else "",
        url=hints.url,
        language=hints.language or detect_language(plain),
        source=filename,
    )
    return Conversion(build_article(meta, body), tuple(state.dropped))
