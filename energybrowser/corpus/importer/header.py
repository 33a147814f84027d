"""The header: everything before the first real paragraph. Title and byline lines are read there,
page chrome (menus, share buttons, site and section names) is left out."""

from __future__ import annotations

import re

from energybrowser.corpus.importer.byline import Byline, is_organization, looks_like_name, parse_byline
from energybrowser.corpus.importer.chunks import Chunk
from energybrowser.corpus.importer.dateline import dateline_line
from energybrowser.corpus.importer.furniture import is_short_line, words_of
from energybrowser.corpus.importer.headings import is_numbered_heading
from energybrowser.corpus.importer.state import ImportState
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.model import Author

MAX_TITLE_WORDS = 40  # a treaty's or a law's title runs long
# "https://astanatimes.com/2023/10/...", "Source: https://...": a captured page's own address.
_ADDRESS = re.compile(r"^(?:(?:url|source|link|address|original)\s*:\s*)?(?P<url>https?://[^\s<>\"]+)$", re.I)


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


def _depiction(chunk: Chunk) -> str | None:
    """'The messenger logo': a short line ending in what an image shows is its alt text."""
    words = words_of(chunk.text)
    if chunk.kind == "text" and 1 < len(words) <= 6 and fold(words[-1]) in vocabulary().depiction_words:
        return "image caption"
    return None


def _title_or_label(chunk: Chunk) -> bool:
    """A headline, or a short label around it (site name, section: "Economy")."""
    return _title_like(chunk) or (chunk.kind == "text" and is_short_line(chunk.text, max_words=4))


def _same_title(text: str, title: str) -> bool:
    """The page repeats its title (an `<h1>` under `og:title`, maybe with the site's name added)."""
    a, b = fold(text), fold(title)
    return a == b or (len(a.split()) >= 3 and len(b.split()) >= 3 and (a in b or b in a))


_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*|of|the|and|for")


def _office_name(text: str) -> bool:
    """'President of the Republic of Uzbekistan': a state office's name and nothing else."""
    folded = fold(text)
    office = next((o for o in vocabulary().office_mastheads if folded.startswith(o + " ")), None)
    if office is None:
        return False
    return all(_NAME_WORD.fullmatch(w) for w in text.split()[len(office.split()) :])


def _person_line(text: str) -> bool:
    """Two or three capitalised words that name a person, not an outlet or an office."""
    words = text.split()
    return (
        2 <= len(words) <= 3
        and looks_like_name(text)
        and not is_organization(text)
        and not _office_name(text)
    )


def _pick_title(chunks: list[Chunk]) -> Chunk:
    """Among the header's title-like lines: the first of three words or more that is not just a
    name (a site name like "Caspian Policy Center" often stands above the headline; a standfirst
    follows it), else the first of five words or more, else the longest."""
    for chunk in chunks:
        # "Ministry of Energy of the Republic of Kazakhstan" above the headline: the site's masthead.
        # Only a name is a masthead: "Agreements worth $2.3 billion signed at the Ministry of Energy"
        # names a ministry but is a headline.
        site = re.split(r"\s+[-–—|·]\s+", chunk.text)[0]  # "European Commission - Press release"
        named = all(_NAME_WORD.fullmatch(w) for w in site.split())
        masthead = ((is_organization(chunk.text) and named) or _office_name(chunk.text)) and len(chunks) > 1
        if len(words_of(chunk.text)) >= 3 and not looks_like_name(chunk.text) and not masthead:
            return chunk
    for chunk in chunks:
        if len(words_of(chunk.text)) >= 5:
            return chunk
    return max(chunks, key=lambda c: len(words_of(c.text)))


def read_header(state: ImportState) -> None:
    """Read the title and bylines; leave `state.chunks` without what the header used up."""
    chunks = state.chunks
    state.title = state.hints.title
    candidates: list[Chunk] = []
    heading_words = vocabulary().heading_words
    positions: dict[int, int] = {}  # id(candidate) -> its index
    last_chrome = -1  # index of the last title, byline or furniture line the header used up
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if state.title and _same_title(chunk.text, state.title):
            state.drop("title", chunk)
            last_chrome = i
        elif not state.title and not candidates and chunk.kind == "heading" and chunk.level == 1:
            state.title = chunk.text  # marked up as the page's title
            last_chrome = i
        elif reason := state.furniture(chunk.text) or _depiction(chunk):
            state.drop(reason, chunk)
            last_chrome = i
        elif (address := _ADDRESS.match(chunk.text.strip())) and not state.url:
            state.url = address["url"]
            state.drop("page address", chunk)
            last_chrome = i
        elif stated := dateline_line(chunk.text):
            state.byline.merge(Byline(date=stated))  # "BAKU, Azerbaijan, Jan. 28"
            state.drop("dateline", chunk)
            last_chrome = i
        elif byline := parse_byline(chunk.text):
            # A name line right under the headline (another candidate of three words or more).
            headed = len(candidates) >= 2 and any(len(words_of(c.text)) >= 3 for c in candidates[:-1])
            named = candidates[-1] if headed and positions[id(candidates[-1])] == i - 1 else None
            if byline.date and not byline.authors and named is not None and _person_line(named.text):
                # "Temur Umarov" on the line above "Published on 18.02.2025": the author's name.
                byline.authors.append(Author(named.text.strip()))
                candidates.pop()
                state.drop("byline", named)
            state.byline.merge(byline)
            state.drop("byline", chunk)
            last_chrome = i
        elif chunk.kind != "item" and fold(chunk.text) not in heading_words and _title_or_label(chunk):
            candidates.append(chunk)
            positions[id(chunk)] = i
        elif (
            not candidates
            and fold(chunk.text) in heading_words
            and i + 1 < len(chunks)
            and _title_like(chunks[i + 1])
        ):
            state.drop("section label", chunk)  # "Analysis" above the headline: the site's section
            last_chrome = i
        else:
            break
        i += 1
    if candidates and not state.title:
        chosen = _pick_title(candidates)
        state.title = chosen.text
        candidates.remove(chosen)
        last_chrome = max(last_chrome, positions[id(chosen)])
    kept: list[Chunk] = []
    for chunk in candidates:
        # A short line among the header's chrome is a site or section name; one that stands
        # between the last of it and the first paragraph may open the text (a first heading).
        among_chrome = positions[id(chunk)] < last_chrome
        if chunk.kind == "text" and len(words_of(chunk.text)) <= 4 and among_chrome and i < len(chunks):
            state.drop("header label", chunk)
        else:
            kept.append(chunk)  # a standfirst or an opening heading is article text
    state.chunks = kept + chunks[i:]
