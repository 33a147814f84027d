"""A case-insensitive word scan over articles in memory: search answers at once while the index is
still being built (first start, or after a rebuild). Every word must occur (title or text), as a
substring; results keep the articles' order. The index replaces it as soon as it is ready."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from energybrowser.corpus.model import Article

CONTEXT_CHARS = 60
SNIPPET_CONTEXT = 90  # either side of the first word found
OPENING_CHARS = 150  # the article's opening words when no word is given or found in the text


@dataclass(frozen=True)
class ScanHit:
    article_id: str
    snippet_html: str  # escaped text, the first word found in <mark>


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The passage with about `width` characters either side, cut at word boundaries."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


def query_words(query: str) -> list[str]:
    return [w.casefold() for w in query.split() if w]


def scan(articles: Iterable[Article], query: str) -> list[ScanHit]:
    """The articles containing every word of the query, each with a snippet around the first word."""
    words = query_words(query)
    hits = []
    for article in articles:
        haystack = (article.title + "\n" + article.text).casefold()
        if all(w in haystack for w in words):
            hits.append(ScanHit(article.id, scan_snippet(article, words[0] if words else "")))
    return hits


def _occurrences(word: str) -> re.Pattern[str]:
    # Matched in the text itself, not in a case-folded copy: folding changes lengths ("ß" -> "ss"),
    # and offsets must index `Article.text`.
    return re.compile(re.escape(word), re.IGNORECASE)


def scan_snippet(article: Article, word: str) -> str:
    found = _occurrences(word).search(article.text) if word else None
    if found is None:
        return html.escape(context_around(article.text, 0, 0, OPENING_CHARS))
    context = context_around(article.text, *found.span(), SNIPPET_CONTEXT)
    marked = html.escape(found.group())  # the first occurrence in the text, so the first in its context
    return html.escape(context).replace(marked, f"<mark>{marked}</mark>", 1)


def scan_ranges(article: Article, query: str) -> list[tuple[int, int]]:
    """Every occurrence of every query word in the article's text, as (start, end), in order."""
    ranges = [m.span() for word in set(query_words(query)) for m in _occurrences(word).finditer(article.text)]
    return sorted(ranges)
