"""The tail: comment and related-post blocks, trailing widgets, an author bio, the notes."""

from __future__ import annotations

import re

from energybrowser.corpus.importer.byline import (
    bio_author,
    is_bio_of,
    leading_name,
    looks_like_name,
    parse_byline,
    restore_case,
)
from energybrowser.corpus.importer.chunks import Chunk
from energybrowser.corpus.importer.footnotes import footnote_definition
from energybrowser.corpus.importer.furniture import is_short_line, tail_opener_kind
from energybrowser.corpus.importer.state import ImportState
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.model import Author

MAX_TAIL_SHARE = 0.4  # a "comments" cut may not take more than this share of the article's words
MIN_PROSE_WORDS = 20  # a sentence-ending chunk this long is an article paragraph, not a widget's text


def _is_article_paragraph(chunk: Chunk) -> bool:
    return len(chunk.words) >= MIN_PROSE_WORDS and chunk.text.rstrip("\"'”’»)").endswith((".", "!", "?"))


def cut_tail_opener(state: ImportState, start: int) -> int:
    """End of the article before a comments / similar-posts / follow-us block.

    Reader comments may hold prose, so after a comments opener everything goes, unless that is
    more than MAX_TAIL_SHARE of the text (then the opener is a stray line). After a widget opener
    (related posts, follow us, newsletter) only titles and short notes may follow; an article
    paragraph after it shows the widget stood mid-article, and only the opener line goes."""
    chunks = state.chunks
    total = sum(len(c.words) for c in chunks[start:]) or 1
    words_after = [0] * (len(chunks) + 1)
    prose_after = [False] * (len(chunks) + 1)
    for i in range(len(chunks) - 1, -1, -1):
        words_after[i] = words_after[i + 1] + len(chunks[i].words)
        prose_after[i] = prose_after[i + 1] or _is_article_paragraph(chunks[i])
    strays: set[int] = set()
    stray_words = 0
    end = len(chunks)
    for i in range(start, len(chunks)):
        kind = tail_opener_kind(chunks[i].text) if chunks[i].kind != "item" else None
        if kind is None:
            continue
        small = words_after[i] / max(total - stray_words, 1) <= MAX_TAIL_SHARE
        if small and (kind == "comments" or not prose_after[i + 1]):
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


def read_tail(state: ImportState, start: int, end: int, full_text: str) -> int:
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
        if _is_boilerplate(chunk):
            state.drop("site boilerplate", chunk)
            j -= 1
            continue
        trailing = _trailing_authors(chunk)
        if trailing and not state.byline.authors and not state.hints.authors:
            state.byline.authors.extend(trailing)  # "By Jane Doe" or "Author: Jane Doe" at the foot
            state.drop("byline", chunk)
            j -= 1
            continue
        signoff = "" if state.signoff else _signoff(chunk, chunks[j + 1 : end])
        if signoff:
            state.signoff = signoff
            state.drop("sign-off", chunk)
            j -= 1
            continue
        reason = state.furniture(chunk.text)
        if reason or (chunk.kind in ("text", "heading") and is_short_line(chunk.text)):
            state.drop(reason or "trailing widget", chunk)
            j -= 1
            continue
        break
    return j + 1


MAX_BOILERPLATE_WORDS = 80
MAX_TRAILING_BYLINE_WORDS = 8


def _is_boilerplate(chunk: Chunk) -> bool:
    """A cookie banner, subscription notice or disclaimer closing the page."""
    if len(chunk.words) > MAX_BOILERPLATE_WORDS:
        return False
    folded = fold(chunk.text)
    return any(phrase in folded for phrase in vocabulary().tail_boilerplate)


_CREDIT = re.compile(r"^(?:Reporting|Reported|Writing|Written)\s+by\s+(?P<names>[^;|]+?)\s*(?:[;|].*)?$")


def _trailing_authors(chunk: Chunk) -> list[Author]:
    """The persons a labelled byline at the foot of a story names ("By Gokhan Ergocun", "Author:
    Aigerim Bekova"); [] for anything else (an unlabelled name may be a quote's speaker)."""
    if chunk.kind != "text" or len(chunk.words) > MAX_TRAILING_BYLINE_WORDS + 6:
        return []
    credit = _CREDIT.match(chunk.text.strip())  # "Reporting by X; Editing by Y": the reporter writes
    if credit:
        names = re.split(r"\s*(?:,|\band\b)\s*", credit["names"].strip())
        return [Author(n) for n in names if looks_like_name(n) and len(n.split()) >= 2]
    if len(chunk.words) > MAX_TRAILING_BYLINE_WORDS:
        return []
    labels = vocabulary().author_labels
    opening = fold(chunk.text).replace(":", " ", 1) + " "
    if not opening.startswith(tuple(f"{label} " for label in labels)):
        return []
    byline = parse_byline(chunk.text)
    return [a for a in byline.authors if not a.organization] if byline else []


MAX_SIGNOFF_WORDS = 12
MAX_SIGNOFF_EXTRA = 2  # lines after the opener that complete the office's name ("Republic of Uzbekistan")
_SIGNOFF_LINE = re.compile(r"^[^\W\d_][^\d.!?:;]{0,100}$")


def _signoff(chunk: Chunk, after: list[Chunk]) -> str:
    """'Press Service of the Ministry of Energy' / 'Republic of Uzbekistan' closing a press release:
    the issuing office as one name ('Press Service of the Ministry of Energy, Republic of Uzbekistan')."""
    text = chunk.text.strip()
    if chunk.kind != "text" or len(text.split()) > MAX_SIGNOFF_WORDS or not _SIGNOFF_LINE.match(text):
        return ""
    if not fold(text).startswith(vocabulary().signoff_openers):
        return ""
    parts = [text]
    for line in after[:MAX_SIGNOFF_EXTRA]:
        extra = line.text.strip()
        if (
            line.kind != "text"
            or not _SIGNOFF_LINE.match(extra)
            or not looks_like_name(extra.replace(" of ", " "))
        ):
            break
        parts.append(extra)
    return ", ".join(parts)


def _numbered_notes(state: ImportState, start: int, end: int) -> int:
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
