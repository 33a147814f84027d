"""Split an article's text into sentences with offsets, without breaking at "Mr." or "U.S."."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from energybrowser.corpus.model import Article
from energybrowser.entities.rules import alternation, load_rules


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets index `Article.text`; `index` counts sentences in the article."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int | None


# A sentence ends at ., ! or ? (with closing quotes/brackets/footnote marks) before a space and a
# capital, digit or quote; or at a line break (paragraph and list-item boundaries).
_END = re.compile(r"""[.!?]+["'”’)\]]*(?:\[\d+\])?(?=\s+["'“‘«(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſƏİА-ЯЁ])|\n+""")


@cache
def _no_break_before() -> re.Pattern[str]:
    data = load_rules("sentences")
    words = alternation(data.get("abbreviations", ()))
    dotted = alternation(data.get("dotted", ()))
    # The text just before a candidate full stop: an abbreviation, a dotted form or a lone initial.
    return re.compile(rf"(?:(?<![\w.])(?:{words})|(?<![\w.])(?:{dotted})|(?<!\w)[A-Z])$")


def split_text(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, shifted by `base`; whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    guard = _no_break_before()
    start = 0
    for m in _END.finditer(text):
        if m.group(0)[0] == "." and guard.search(text, max(0, m.start() - 12), m.start()):
            continue
        _add(text, start, m.end(), base, spans)
        start = m.end()
    _add(text, start, len(text), base, spans)
    return spans


def _add(text: str, start: int, end: int, base: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((base + start + lead, base + start + lead + len(stripped)))


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of every block (headings included), in reading order."""
    found: list[Sentence] = []
    for block in article.blocks:
        for start, end in split_text(article.text[block.start : block.end], block.start):
            paragraph = article.paragraph_at(start)
            found.append(Sentence(len(found), article.text[start:end], start, end, paragraph))
    return tuple(found)
