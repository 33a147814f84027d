"""Page furniture: the parts of a scraped page that are not the article.

The rules look at a line's shape and role (a line made only of share words, a line listing only
language names, a counter like "4 min read", a lone lowercase scrap of image alt text, a block that
opens the comments) and take the words they look for from `resources/importer/furniture.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from energybrowser.corpus.importer.vocabulary import fold, vocabulary

_TOKEN_SPLIT = re.compile(r"[\s|·•/,]+")
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)$", re.IGNORECASE)
_TRAILING_COUNT = re.compile(r"\s*(?:\(\d+\)|\d+)$")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
MAX_FURNITURE_WORDS = 45  # a cookie notice or newsletter box; longer lines are prose
MAX_MASTHEAD_WORDS = 16  # "Official website of the President of the Republic of Kazakhstan"
_CODE_CHAR = re.compile(r"[{};=()\[\]<>]")
_CODE_SHAPE = re.compile(
    r"[\w\]]\([^()]*\)\s*[;{,]"  # a call: f(x);
    r"|[;{(]\s*(?:var|let|const|if|for|return|function)\b"  # a statement
)


def _tokens(folded: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(folded) if t]


def _is_share_widget(folded: str) -> bool:
    vocab = vocabulary()
    if folded.rstrip(":") in vocab.share_words:
        return True
    tokens = _tokens(folded.rstrip(":"))
    return bool(tokens) and all(t in vocab.share_words for t in tokens)


def _is_language_switcher(folded: str) -> bool:
    """'Also available in: Türkçe Русский', or a bare row of language names ('EN RU AZ')."""
    names = vocabulary().language_names
    tail = folded.rsplit(":", 1)[-1] if ":" in folded else folded
    tokens = _tokens(tail)
    if not tokens or not all(t in names for t in tokens):
        return False
    return ":" in folded or len(tokens) >= 2


_MENU_SPLIT = re.compile(r"\s*(?:[|·•›»>/]|\s[-–—]\s)\s*")


_CRUMB = re.compile(r"\s[/›»>]\s")


def _is_menu(line: str) -> bool:
    """'Home | World | Business | Energy' or 'News › Energy › Gas': a row of short links."""
    segments = [s for s in _MENU_SPLIT.split(line.strip()) if s]
    # Two links make a breadcrumb only with a path's separator ("Media Centre / Press releases"):
    # "Oil – a new era" is a headline.
    crumbs = len(segments) == 2 and _CRUMB.search(line) is not None
    if (len(segments) < 3 and not crumbs) or re.search(r"\d", line):
        return False
    labels = vocabulary().author_labels
    return all(
        len(s.split()) <= 3
        and not re.search(r"[.!?,:;]", s)
        and not (fold(s) + " ").startswith(tuple(f"{label} " for label in labels))
        for s in segments
    )


def _is_alt_residue(line: str, word_counts: Mapping[str, int]) -> bool:
    """A lone scrap such as 'ree' or 'img_2041.jpg' left where an image was: a short lowercase
    token that is no common word and that the article uses nowhere else."""
    stripped = line.strip()
    if _IMAGE_FILE.match(stripped):
        return True
    if not re.fullmatch(r"[a-z]{1,4}", stripped):
        return False
    key = fold(stripped)
    return key not in _all_stopwords() and word_counts.get(key, 0) <= 1


@cache
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*vocabulary().stopwords.values())


def word_counts(lines: Iterable[str]) -> Counter[str]:
    """How often each (folded) word occurs in a document, for the alt-text residue rule."""
    return Counter(fold(w) for line in lines for w in _WORD.findall(line))


def furniture_reason(line: str, counts: Mapping[str, int] | None = None) -> str | None:
    """Why a line is page furniture, or None when it may be article text. `counts` (see
    `word_counts`) lets a lone short word that the article uses elsewhere stand."""
    vocab = vocabulary()
    folded = fold(line)
    if not folded:
        return "empty"
    if _is_script(line):
        return "script"
    if len(folded.split()) > MAX_FURNITURE_WORDS:
        return None
    bare = folded.rstrip(" :›»>")
    if bare in vocab.navigation_lines:
        return "navigation"
    if _is_menu(line):
        return "navigation menu"
    if _is_share_widget(folded):
        return "share widget"
    if _is_language_switcher(folded):
        return "language switcher"
    if any(p.match(folded) for p in vocab.counter_patterns):
        return "counter"
    if _is_alt_residue(line, counts or {}):
        return "image residue"
    for prefix in vocab.line_prefixes:
        if folded.startswith(prefix):
            return f"'{prefix}' line"
    if len(folded.split()) <= MAX_MASTHEAD_WORDS and any(p in folded for p in vocab.masthead_phrases):
        return "masthead"
    return None


def _is_script(line: str) -> bool:
    """Script text a capture kept ("m[i].l=1*new Date(); for (var j = 0; ..."): dense with code
    punctuation and shaped like calls and statements. Prose has a bracket or two at most; markup
    debris ("<a b='>' ...") is no script and stays for the body's own rules."""
    marks = len(_CODE_CHAR.findall(line))
    return marks >= 10 and marks >= 0.04 * len(line) and len(_CODE_SHAPE.findall(line)) >= 3


def tail_opener_kind(line: str) -> str | None:
    """'comments' for a line opening reader comments, 'widgets' for one opening related posts,
    social links or a newsletter box; None for anything else."""
    folded = _TRAILING_COUNT.sub("", fold(line)).rstrip(" :›»>")
    if len(folded.split()) > 6:
        return None
    vocab = vocabulary()
    for kind, openers in (("comments", vocab.comment_openers), ("widgets", vocab.tail_openers)):
        if folded in openers or any(folded.startswith(o + " ") for o in openers if len(o.split()) > 1):
            return kind
    return None


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def is_short_line(text: str, max_words: int = 14) -> bool:
    """A line too short and unpunctuated to be a paragraph: a heading, a caption, a label."""
    stripped = text.strip()
    if not stripped or len(stripped) > 140 or len(words_of(stripped)) > max_words:
        return False
    return not re.search(r"[.!;:,…]$", stripped)
