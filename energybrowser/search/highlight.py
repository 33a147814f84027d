"""Where a query matches an article, read from the character offsets stored in the index, and the
HTML snippets built from them (one per matching paragraph)."""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable

from whoosh.searching import Searcher

from energybrowser.corpus.model import Article

CONTEXT_CHARS = 90  # shown on each side of a match in a long paragraph
WHOLE_PARAGRAPH = 320  # paragraphs up to this length are shown whole
MAX_FRAGMENTS = 3  # per paragraph
FIELD = "body"


def term_offsets(searcher: Searcher, docnum: int, term: str) -> list[tuple[int, int, int]]:
    """(position, start, end) of every occurrence of `term` in document `docnum`'s body."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if docnum - offset >= reader.doc_count_all():
            continue
        local = docnum - offset
        try:
            matcher = reader.postings(FIELD, term)
        except Exception:  # term not in this segment (TermNotFound) or unreadable
            return []
        matcher.skip_to(local)
        if matcher.is_active() and matcher.id() == local:
            return matcher.value_as("characters")
        return []
    return []


def match_ranges(
    searcher: Searcher, docnum: int, terms: Iterable[str], phrases: Iterable[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Sorted, merged character ranges of the query's terms and phrases in one document."""
    cache: dict[str, list[tuple[int, int, int]]] = {}

    def offsets(term: str) -> list[tuple[int, int, int]]:
        if term not in cache:
            cache[term] = term_offsets(searcher, docnum, term)
        return cache[term]

    ranges = [(s, e) for t in terms for _, s, e in offsets(t)]
    for phrase in phrases:
        by_pos = [{pos: (s, e) for pos, s, e in offsets(w)} for w in phrase]
        if not all(by_pos):
            continue
        for pos, (start, _) in by_pos[0].items():
            if all(pos + i in by_pos[i] for i in range(1, len(phrase))):
                ranges.append((start, by_pos[-1][pos + len(phrase) - 1][1]))
    return merge_ranges(ranges)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def paragraph_snippets(article: Article, ranges: list[tuple[int, int]]) -> list[tuple[int | None, str]]:
    """(paragraph number, html) for each block with matches, in reading order."""
    starts = [b.start for b in article.blocks]
    by_block: dict[int, list[tuple[int, int]]] = {}
    for start, end in ranges:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= article.blocks[i].end:
            continue
        block = article.blocks[i]
        by_block.setdefault(i, []).append((start - block.start, min(end, block.end) - block.start))
    out = []
    for i, local in sorted(by_block.items()):
        block = article.blocks[i]
        number = block.number if block.number is not None else article.paragraph_at(block.start)
        out.append((number, snippet_html(block.text, local)))
    return out


def snippet_html(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` (or windows of it around the matches) with each match in <mark>."""
    if len(text) <= WHOLE_PARAGRAPH:
        windows = [(0, len(text))]
    else:
        windows = []
        for start, end in ranges:
            lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        windows = [_word_bounds(text, lo, hi) for lo, hi in windows[:MAX_FRAGMENTS]]
    parts = []
    for lo, hi in windows:
        piece = []
        cursor = lo
        for start, end in ranges:
            if end <= lo or start >= hi:
                continue
            start, end = max(start, lo), min(end, hi)
            piece.append(html.escape(text[cursor:start]))
            piece.append(f"<mark>{html.escape(text[start:end])}</mark>")
            cursor = end
        piece.append(html.escape(text[cursor:hi]))
        prefix = "… " if lo > 0 else ""
        suffix = " …" if hi < len(text) else ""
        parts.append(prefix + "".join(piece).strip() + suffix)
    return " ".join(parts).replace("… …", "…")


def _word_bounds(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen a window so it neither starts nor ends inside a word (by at most 20 characters)."""
    for _ in range(20):
        if lo == 0 or not text[lo - 1].isalnum():
            break
        lo -= 1
    for _ in range(20):
        if hi >= len(text) or not text[hi].isalnum():
            break
        hi += 1
    return lo, hi
