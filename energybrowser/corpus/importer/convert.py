"""The import pipeline shared by every source format: chunks in, an `Article` out.

1. Header (header.py): before the first real paragraph, read title and bylines, drop page chrome.
2. Tail (tail.py): cut comment/related-posts blocks, drop trailing widgets, read a bio, take notes.
3. Body (body.py): drop furniture and image captions; headings, items, paragraphs as Markdown.
Whatever a rule drops is recorded with its reason, so an import can be reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from energybrowser.corpus.importer.body import body_markdown
from energybrowser.corpus.importer.chunks import Chunk, escape_markdown
from energybrowser.corpus.importer.dateline import read_dateline, read_stopped_dateline
from energybrowser.corpus.importer.dates import act_date
from energybrowser.corpus.importer.footnotes import definitions_markdown
from energybrowser.corpus.importer.furniture import word_counts, words_of
from energybrowser.corpus.importer.header import read_header
from energybrowser.corpus.importer.language import detect_language
from energybrowser.corpus.importer.outlets import site_outlet
from energybrowser.corpus.importer.publisher import (
    banner_publisher,
    choose_publisher,
    footer_publisher,
    lead_agency,
    title_site,
)
from energybrowser.corpus.importer.state import Hints, ImportState
from energybrowser.corpus.importer.tail import cut_tail_opener, read_tail
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.markdown_io import (
    ArticleFormatError,
    build_article,
    content_hash,
    dump_article_parts,
    slugify,
)
from energybrowser.corpus.model import Article, ArticleMeta, Author, PartialDate

__all__ = ["Conversion", "Hints", "article_id", "convert_chunks"]

ID_WORDS = 6  # an untitled article is named after its opening words
DATELINE_PARAGRAPHS = 3


@dataclass(frozen=True)
class Conversion:
    article: Article
    dropped: tuple[tuple[str, str], ...] = ()  # (reason, text) of everything left out of the body
    notes: tuple[str, ...] = ()  # what was read but not understood (a date no form reads), one line each


def article_id(title: str, text: str) -> str:
    """Slug of the title (or of the opening words when the text states no title), with letters
    that have no ASCII decomposition (Cyrillic, ə, ı) romanised rather than lost."""
    table = vocabulary().transliteration
    source = title or " ".join(words_of(text)[:ID_WORDS])
    romanised = "".join(table.get(c, table.get(c.lower(), c)) if not c.isascii() else c for c in source)
    return slugify(romanised)


def _all_as_body(chunks: list[Chunk], state: ImportState) -> tuple[list[str], str]:
    """Every chunk that is not furniture as a body block. The title read stays when text longer
    than it remains beside it (a title is shorter than its article); else it is body too."""
    text = [c for c in chunks if c.text and not state.furniture(c.text)]
    rest = [c for c in text if c.text != state.title]
    if rest and sum(len(c.text) for c in rest) > len(state.title):
        return [_as_markdown(c) for c in rest], state.title
    return [_as_markdown(c) for c in text], ""


def _as_markdown(chunk: Chunk) -> str:
    if chunk.kind == "markdown" and chunk.source:
        return chunk.source.strip()
    if chunk.kind == "heading":
        return "## " + escape_markdown(chunk.text)
    if chunk.kind == "item":
        return f"{chunk.marker} {escape_markdown(chunk.text)}"
    return escape_markdown(chunk.text)


def convert_chunks(chunks: list[Chunk], hints: Hints, filename: str = "") -> Conversion:
    """Run the pipeline over a source's chunks."""
    state = ImportState(list(chunks), hints, counts=word_counts(c.text for c in chunks))
    full_text = "\n".join(c.text for c in chunks)
    read_header(state)
    end = cut_tail_opener(state, 0)
    end = read_tail(state, 0, end, full_text)
    blocks = body_markdown(state, state.chunks[:end])
    if not blocks:
        # The rules left no body: a note of a sentence or two was read as its own title or byline.
        # Nothing is left out then: its text (all but furniture) is the body.
        blocks, state.title = _all_as_body(chunks, state)
        if blocks:
            state.dropped.clear()
    if not blocks:
        raise ArticleFormatError("no article text found (only page furniture)")
    body = "\n\n".join(blocks)
    if state.notes:
        body += "\n\n" + definitions_markdown(state.notes, escape_markdown)
    byline = state.byline
    authors = list(hints.authors) or list(byline.authors)
    if not authors and state.signoff:  # "Press Service of the Ministry of Energy" closing a release
        authors.append(Author(state.signoff, organization=True))
    if state.bio and all(fold(a.name) != fold(state.bio) for a in authors):
        authors.append(Author(state.bio))
    draft = build_article(ArticleMeta(id="", title=""), body)  # its plain text, for id and language
    plain = draft.text
    # Agency copy names its publisher (and often the date) only in the dateline of its first paragraph.
    # A photo caption may stand above it, so the first few paragraphs are tried.
    openings = [b.text for b in draft.blocks if b.kind == "paragraph"][:DATELINE_PARAGRAPHS]
    datelines = (read_dateline(p) or read_stopped_dateline(p) for p in openings)
    dateline = next((d for d in datelines if d is not None), None)
    date = hints.date or byline.date or (dateline.date if dateline else None)
    date = date or act_date([b.text for b in draft.blocks[:DATELINE_PARAGRAPHS]])
    url = hints.url or state.url
    stated = [byline.publisher, dateline.publisher if dateline else ""]
    stated += [lead_agency(opening) for opening in openings[:1]]
    title, titled = title_site(state.title, (hints.publisher, site_outlet(url), *stated))
    lines = full_text.splitlines()
    stated += [titled, footer_publisher(lines), banner_publisher(lines)]
    publisher = choose_publisher(hints.publisher, url, stated)
    meta = ArticleMeta(
        id=article_id(title, plain),
        title=title,
        authors=tuple(authors),
        publisher=publisher,
        date=date.date if date else PartialDate(),
        date_text=date.text if date else "",
        url=url,
        language=hints.language or detect_language(plain),
        source=filename,
    )
    article = replace(draft, meta=meta, content_hash=content_hash(dump_article_parts(meta, body)))
    return Conversion(article, tuple(state.dropped))
