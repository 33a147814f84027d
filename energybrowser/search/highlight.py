"""Where a query matches an article, read from the character offsets stored in the index, and the
HTML snippets built from them (one per matching paragraph)."""

from __future__ import annotations

import bisect
import html
from array import array
from collections.abc import Iterable

from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

from energybrowser.corpus.model import Article
from energybrowser.search.codec import read_values_at

CONTEXT_CHARS = 90  # shown on each side of a match in a long paragraph
WHOLE_PARAGRAPH = 320  # paragraphs up to this length are shown whole
MAX_FRAGMENTS = 3  # per paragraph
FIELD = "body"


def term_offsets(searcher: Searcher, docnum: int, term: str) -> list[tuple[int, int, int]]:
    """(position, start, end) of every occurrence of `term` in document `docnum`'s body."""
    return offsets_in_docs(searcher, [docnum], term).get(docnum, [])


def offsets_in_docs(
    searcher: Searcher, docnums: Iterable[int], term: str
) -> dict[int, list[tuple[int, int, int]]]:
    """`term_offsets` for many documents, walking each segment's posting list once, forwards:
    only the blocks holding a wanted document are read, and each wanted value is a slice of its
    block (`codec.read_values_at`)."""
    found: dict[int, list[tuple[int, int, int]]] = {}
    wanted = sorted(set(docnums))
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        local = [d - offset for d in wanted if 0 <= d - offset < reader.doc_count_all()]
        if not local:
            continue
        try:
            matcher = reader.postings(FIELD, term)
        except Exception:  # term not in this segment (TermNotFound) or unreadable
            continue
        fmt = sub.schema[FIELD].format
        if getattr(fmt, "position_stride", None) != 3:  # not our (position, start, end) words
            found.update(_offsets_one_by_one(matcher, local, offset))
            continue
        if type(matcher) is FilterMatcher and matcher._exclude:
            matcher = matcher.child  # deleted documents are never among the hits
            matcher.reset()
        for doc, flat in read_values_at(matcher, local, _words).items():
            found[doc + offset] = list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))
    return found


def _words(value: bytes) -> array:  # type: ignore[type-arg]
    """An encoded (position, start, end) value as its uint32 words (LeanCharacters' encoding)."""
    flat = array("I")
    flat.frombytes(value)
    return flat


def _offsets_one_by_one(matcher, local: list[int], offset: int) -> dict[int, list[tuple[int, int, int]]]:  # type: ignore[no-untyped-def]
    found: dict[int, list[tuple[int, int, int]]] = {}
    for doc in local:
        if not matcher.is_active():  # e.g. every posting was of a deleted (re-indexed) document
            break
        matcher.skip_to(doc)
        if not matcher.is_active():
            break
        if matcher.id() == doc:
            found[doc + offset] = matcher.value_as("characters")
    return found


def ranges_for_hits(
    searcher: Searcher, docnums: list[int], terms: Iterable[str], phrases: Iterable[tuple[str, ...]]
) -> dict[int, list[tuple[int, int]]]:
    """`match_ranges` for every hit at once: one pass over each term's postings."""
    words = set(terms) | {w for p in phrases for w in p}
    by_term = {w: offsets_in_docs(searcher, docnums, w) for w in words}
    return {d: _ranges({w: by_term[w].get(d, []) for w in words}, terms, phrases) for d in docnums}


def match_ranges(
    searcher: Searcher, docnum: int, terms: Iterable[str], phrases: Iterable[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Sorted, merged character ranges of the query's terms and phrases in one document."""
    return ranges_for_hits(searcher, [docnum], terms, phrases)[docnum]


def _ranges(
    offsets: dict[str, list[tuple[int, int, int]]], terms: Iterable[str], phrases: Iterable[tuple[str, ...]]
) -> list[tuple[int, int]]:
    ranges = [(s, e) for t in terms for _, s, e in offsets.get(t, [])]
    for phrase in phrases:
        by_pos = [{pos: (s, e) for pos, s, e in offsets.get(w, [])} for w in phrase]
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


def paragraph_snippets(
    article: Article, ranges: list[tuple[int, int]], limit: int | None = None
) -> list[tuple[int | None, str]]:
    """(paragraph number, html) for each block with matches, in reading order (the first `limit`
    of them when given: only those are made)."""
    starts = [b.start for b in article.blocks]
    by_block: dict[int, list[tuple[int, int]]] = {}
    for start, end in ranges:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= article.blocks[i].end:
            continue
        block = article.blocks[i]
        by_block.setdefault(i, []).append((start - block.start, min(end, block.end) - block.start))
    out = []
    for i, local in sorted(by_block.items())[:limit]:
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
