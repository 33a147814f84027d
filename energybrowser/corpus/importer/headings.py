"""Is a short line between paragraphs a section heading (kept) or an image caption (dropped)?

A heading announces what follows: it is numbered ("II. The Middle Corridor"), a stock section name
("Conclusion"), or its words come back in the first sentence of the next paragraph ("Kazakh oil
transportation" before "...are discussing the transportation of Kazakh oil"). A caption describes a
picture: it names what is shown ("The logos of SOCAR and Tatneft") or is only a name ("KazMunayGas")
that the next paragraph does not open with. When neither side is clear the line stays, as a heading:
losing a real heading is worse than keeping a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Literal

from energybrowser.corpus.importer.furniture import words_of
from energybrowser.corpus.importer.vocabulary import fold, vocabulary

_ROMAN_OR_NUMBER = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*)[.)]\s+\S")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“«(])")
_CONNECTORS = frozenset(
    {"of", "and", "the", "a", "an", "&", "in", "for", "on", "at", "to", "de", "van", "von"}
)
STEM = 5  # compare words by their first letters so "transportation" meets "transport"


def is_numbered_heading(text: str) -> bool:
    """'I. Deepening Energy Cooperation', '2.1 Pipelines' (short lines only; long ones are items)."""
    return bool(_ROMAN_OR_NUMBER.match(text.strip())) or bool(
        re.match(r"^(?:chapter|part|section)\s+(?:[IVXLC]+|\d+)\b", text.strip(), re.IGNORECASE)
    )


def first_sentence(text: str) -> str:
    return _SENTENCE_SPLIT.split(text.strip(), 1)[0]


def _stems(words: Iterable[str]) -> set[str]:
    return {fold(w)[:STEM] for w in words}


@cache
def _stopwords() -> frozenset[str]:
    return frozenset().union(*vocabulary().stopwords.values())


def _content_words(text: str) -> list[str]:
    stop = _stopwords()
    return [w for w in words_of(text) if len(w) >= 3 and fold(w) not in stop]


def proper_names(paragraphs: Iterable[str]) -> frozenset[str]:
    """Words the paragraphs capitalise in mid-sentence: names, not sentence openers."""
    names: set[str] = set()
    for paragraph in paragraphs:
        for sentence in _SENTENCE_SPLIT.split(paragraph):
            for word in words_of(sentence)[1:]:
                if word[:1].isupper():
                    names.add(fold(re.split(r"['’]", word)[0]))
    return frozenset(names)


def only_names(line: str, names: frozenset[str]) -> bool:
    """Every word of the line is a name the article uses ('KazMunayGas', 'Ilham Aliyev')."""
    words = [w for w in words_of(line) if fold(w) not in _CONNECTORS]
    return bool(words) and all(w[:1].isupper() and fold(re.split(r"['’]", w)[0]) in names for w in words)


def heading_or_caption(
    line: str, following: str, names: frozenset[str], *, name_sections: bool = False
) -> Literal["heading", "caption"]:
    """Decide for a short unpunctuated line; `following` is the next paragraph's text and `names`
    the proper names of the article (see `proper_names`). `name_sections` says the article is laid
    out in sections titled by names (several such lines: "Kazakhstan", "Azerbaijan", ...), where a
    bare name is a heading; captions are too sparse for that."""
    vocab = vocabulary()
    folded = fold(line)
    if is_numbered_heading(line) or folded in vocab.heading_words:
        return "heading"
    tokens = [fold(w) for w in words_of(line)]
    if any(t in vocab.depiction_words for t in tokens) or any(
        not d.isalpha() and d in folded for d in vocab.depiction_words
    ):
        return "caption"
    content = _content_words(line)
    if content and following:
        opening = _stems(words_of(first_sentence(following)))
        shared = sum(1 for w in content if fold(w)[:STEM] in opening)
        if shared * 2 >= len(content):
            return "heading"
    if not following or (only_names(line, names) and not name_sections):
        return "caption"
    return "heading"
