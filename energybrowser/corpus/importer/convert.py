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
from dataclasses import dataclass, field, replace

from energybrowser.corpus.importer.byline import (
    Byline,
    bio_author,
    is_bio_of,
    leading_name,
    looks_like_name,
    parse_byline,
    restore_case,
)
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
from energybrowser.corpus.markdown_io import (
    ArticleFormatError,
    build_article,
    content_hash,
    dump_article_parts,
    slugify,
)
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

    _reasons: dict[str, str | None] = field(default_factory=dict)

    def furniture(self, text: str) -> str | None:
        """`furniture_reason` for a line of this document (each line is asked several times)."""
        if text not in self._reasons:
            self._reasons[text] = furniture_reason(text, self.counts)
        return self._reasons[text]

    def drop(self, reason: str, chunk: Chunk) -> None:
        self.dropped.append((reason, chunk.text))


def _title_like(chunk: Chunk) -> bool:
    """One line, not too long, not ending like a sentence (a final "?" or "!" is a headline's)."""
    text = re.sub(r"(?:\[\d{1,3}\])+$", "", chunk.text.strip()).rstrip("\"'”’»)")
    words = words_of(text)
    return (
        chunk.kind in ("text", "heading", "markdown")
        and 2 <= len(words) <= MAX_TITLE_WORDS
        and len(text) <= 250
        and not re.search(r"[.:;,]$", text)
        and not is_numbered_heading(text)
    )


def _same_title(text: str, title: str) -> bool:
    """The page repeats its title (an `<h1>` under `og:title`, maybe with the site's name added)."""
    a, b = fold(text), fold(title)
    return a == b or (len(a.split()) >= 3 and len(b.split()) >= 3 and (a in b or b in a))


def _pick_title(chunks: list[Chunk]) -> Chunk:
    """Among the header's title-like lines: the first of three words or more that is not just a
    name (a site name like "Caspian Policy Center" often stands above the headline; a standfirst
    follows it), else the first of five words or more, else the longest."""
    for chunk in chunks:
        if len(words_of(chunk.text)) >= 3 and not looks_like_name(chunk.text):
            return chunk
    for chunk in chunks:
        if len(words_of(chunk.text)) >= 5:
            return chunk
    return max(chunks, key=lambda c: len(words_of(c.text)))


def _header(state: _State) -> int:
    """Read the header (everything before the first real paragraph): title, bylines, chrome.
    Rebuilds `state.chunks` without what it used up; returns where the body starts."""
    chunks = state.chunks
    state.title = state.hints.title
    candidates: list[Chunk] = []
    heading_words = vocabulary().heading_words
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if state.title and _same_title(chunk.text, state.title):
            state.drop("title", chunk)
        elif not state.title and not candidates and chunk.kind == "heading" and chunk.level == 1:
            state.title = chunk.text  # marked up as the page's title
        elif reason := state.furniture(chunk.text):
            state.drop(reason, chunk)
        elif byline := parse_byline(chunk.text):
            state.byline.merge(byline)
            state.drop("byline", chunk)
        elif chunk.kind != "item" and _title_like(chunk) and fold(chunk.text) not in heading_words:
            candidates.append(chunk)
        else:
            break
        i += 1
    if candidates and not state.title:
        chosen = _pick_title(candidates)
        state.title = chosen.text
        candidates.remove(chosen)
    kept: list[Chunk] = []
    for chunk in candidates:
        if chunk.kind == "text" and len(words_of(chunk.text)) <= 4 and i < len(chunks):
            state.drop("header label", chunk)  # site or section name, breadcrumb
        else:
            kept.append(chunk)  # a standfirst or an opening heading is article text
    state.chunks = kept + chunks[i:]
    return 0


def _cut_tail_opener(state: _State, start: int) -> int:
    """End of the article before a comments / similar-posts / follow-us block. An opener with
    too much text after it (more than MAX_TAIL_SHARE of the article) is only a stray line."""
    chunks = state.chunks
    total = sum(len(c.words) for c in chunks[start:]) or 1
    words_after = [0] * (len(chunks) + 1)
    for i in range(len(chunks) - 1, -1, -1):
        words_after[i] = words_after[i + 1] + len(chunks[i].words)
    strays: set[int] = set()
    stray_words = 0
    end = len(chunks)
    for i in range(start, len(chunks)):
        if chunks[i].kind == "item" or not is_tail_opener(chunks[i].text):
            continue
        if words_after[i] / max(total - stray_words, 1) <= MAX_TAIL_SHARE:
            for chunk in chunks[i:]:
                state.drop("after '" + chunks[i].text + "'", chunk)
            end = i
            break
        strays.add(i)
        stray_words += len(chunks[i].words)
    for i in sorted(strays):
        state.drop("widget heading", chunks[i])
    state.chunks = [c for i, c in enumerate(chunks) if i not in strays]
    return end - len(strays)


def _tail(state: _State, start: int, end: int, full_text: str) -> int:
    """Walk back from the end over notes, a bio and trailing widgets; return the body's end."""
    chunks = state.chunks
    vocab = vocabulary()
    notes_headings = vocab.notes_headings
    end = _numbered_notes(state, start, end)
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
        if j - 1 >= start and fold(chunks[j - 1].text).rstrip(":") in vocab.bio_headings:
            name = leading_name(chunk.text)
            if name and not state.bio:
                state.bio = restore_case(name, full_text)
            state.drop("author bio", chunks[j - 1])
            state.drop("author bio", chunk)
            j -= 2
            continue
        if is_bio_of(chunk.text, [a.name for a in (*state.hints.authors, *state.byline.authors)]):
            state.drop("author bio", chunk)
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
        reason = state.furniture(chunk.text)
        if reason or (chunk.kind in ("text", "heading") and is_short_line(chunk.text)):
            state.drop(reason or "trailing widget", chunk)
            j -= 1
            continue
        break
    return j + 1


def _numbered_notes(state: _State, start: int, end: int) -> int:
    """A 'Notes' / 'References' heading followed only by a numbered list: those are the notes."""
    chunks = state.chunks
    headings = vocabulary().notes_headings
    for i in range(end - 1, start - 1, -1):
        if fold(chunks[i].text).rstrip(":") in headings:
            items = chunks[i + 1 : end]
            if items and all(c.kind == "item" and c.marker[:-1].isdigit() for c in items):
                state.notes = [(c.marker[:-1], c.text) for c in items]
                state.drop("notes heading", chunks[i])
                return i
            break
    return end


def _following_texts(state: _State, body: list[Chunk]) -> list[str]:
    """For each chunk, the text of the next chunk that is prose (one backward pass)."""
    following = [""] * len(body)
    upcoming = ""
    for i in range(len(body) - 1, -1, -1):
        following[i] = upcoming
        chunk = body[i]
        prose = chunk.kind in ("text", "item", "markdown") and not is_short_line(chunk.text)
        if prose and not state.furniture(chunk.text):
            upcoming = chunk.text
    return following


def _body_markdown(state: _State, body: list[Chunk]) -> list[str]:
    labels = {label for label, _ in state.notes}
    names = proper_names("\n".join(c.text for c in body))
    escape: Callable[[str], str] = escape_markdown
    blocks: list[str] = []
    previous_group: int | None = None
    following = _following_texts(state, body)
    for i, chunk in enumerate(body):
        if reason := state.furniture(chunk.text):
            state.drop(reason, chunk)
            continue
        single_line = "\n" not in chunk.source.strip()
        if chunk.kind == "heading":
            block = "#" * max(chunk.level, 2) + " " + escape(chunk.text)
        elif chunk.kind in ("text", "markdown") and is_short_line(chunk.text) and single_line:
            if heading_or_caption(chunk.text, following[i], names) == "caption":
                state.drop("image caption", chunk)
                continue
            block = "## " + (chunk.source.strip().lstrip("#").strip() if chunk.source else escape(chunk.text))
        elif chunk.kind == "markdown":
            block = _markdown_refs(chunk.source.strip(), labels)
        elif chunk.kind == "item" and _lone_numbered_title(body, i):
            block = "## " + escape(f"{chunk.marker} {chunk.text}")
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


def _lone_numbered_title(body: list[Chunk], i: int) -> bool:
    """'2. Background' alone in its group and followed by prose: a numbered section heading."""
    chunk = body[i]
    if not chunk.marker[:-1].isdigit() or not is_short_line(chunk.text):
        return False
    neighbours = [c for c in body[max(i - 1, 0) : i + 2] if c is not chunk and c.group == chunk.group]
    following = body[i + 1] if i + 1 < len(body) else None
    return not neighbours and following is not None and following.kind in ("text", "markdown")


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
    draft = build_article(ArticleMeta(id="", title=""), body)  # its plain text, for id and language
    plain = draft.text
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
    article = replace(draft, meta=meta, content_hash=content_hash(dump_article_parts(meta, body)))
    return Conversion(article, tuple(state.dropped))
