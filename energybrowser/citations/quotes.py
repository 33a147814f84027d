"""A selected passage as a quotation: exact words, normalised spacing, long passages elided.

Elision keeps the start and the end of the passage and drops whole words in between, marking the
gap with " … " so the reader sees that words are missing (as APA, Chicago and MLA all ask).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from energybrowser.corpus.model import Article

ELLIPSIS = "…"
MAX_QUOTE_WORDS = 60  # longer passages are elided
KEEP_HEAD_WORDS = 30
KEEP_TAIL_WORDS = 20

_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def elide(
    text: str, max_words: int = MAX_QUOTE_WORDS, head: int = KEEP_HEAD_WORDS, tail: int = KEEP_TAIL_WORDS
) -> str:
    """The passage itself when short, else its first `head` and last `tail` words around an ellipsis."""
    words = normalise_space(text).split(" ")
    if len(words) <= max_words or head + tail >= len(words):
        return " ".join(words) if words != [""] else ""
    start = " ".join(words[:head]).rstrip(",;:")
    end = " ".join(words[-tail:])
    return f"{start} {ELLIPSIS} {end}"


_SINGLE_PAIR = re.compile(r"‘([^‘’]*)’(?![A-Za-z])")


def nest_quotes(text: str, open_inner: str, close_inner: str) -> str:
    """Quotation marks inside a quotation become the locale's inner marks (APA, Chicago, MLA,
    Cite Them Right): double quotes (straight ones paired in order) take the inner form, and where the
    inner form is double (British usage) a ‘…’ pair does too. Apostrophes are left alone.
    """
    out: list[str] = []
    opened = False
    for ch in text:
        if ch == '"':
            out.append(close_inner if opened else open_inner)
            opened = not opened
        elif ch == "“":
            out.append(open_inner)
        elif ch == "”":
            out.append(close_inner)
        else:
            out.append(ch)
    nested = "".join(out)
    if open_inner == "“":
        nested = _SINGLE_PAIR.sub(lambda m: f"{open_inner}{m.group(1)}{close_inner}", nested)
    return nested


@dataclass(frozen=True)
class Passage:
    """Where a quotation sits in the article: its paragraphs (first, last) and offsets in Article.text."""

    text: str  # whitespace-normalised exact text
    first_paragraph: int | None
    last_paragraph: int | None
    start: int
    end: int


class QuoteNotFoundError(ValueError):
    """The quoted text is not in the article (a citation must quote the source exactly)."""


# Characters a keyboard types in place of the typographic ones an article prints: a quotation typed
# as "Kazakhstan's" or "2022-2023" still finds "Kazakhstan’s" and "2022–2023". One character for
# one, so offsets map back unchanged.
_TYPED = str.maketrans(
    {
        "’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
    }
)  # fmt: skip


def _comparable(text: str) -> str:
    return text.translate(_TYPED)


def locate(article: Article, quote: str, paragraph: int | None = None) -> Passage:
    """Find `quote` in the article's text, ignoring differences in whitespace and in typed versus
    typographic apostrophes, quotation marks and dashes; with `paragraph`, the occurrence that starts
    in that paragraph. The passage's text is the article's own (a quotation must be exact)."""
    wanted = _comparable(normalise_space(quote))
    if not wanted:
        raise QuoteNotFoundError("the quotation is empty")
    # Search on a whitespace-collapsed copy, keeping a map back to offsets in Article.text.
    collapsed: list[str] = []
    origin: list[int] = []
    previous_space = True
    for i, ch in enumerate(article.text):
        if ch.isspace():
            if previous_space:
                continue
            collapsed.append(" ")
            previous_space = True
        else:
            collapsed.append(ch)
            previous_space = False
        origin.append(i)
    haystack = _comparable("".join(collapsed))
    shown = elide(normalise_space(quote), 12, 6, 4)
    at = haystack.find(wanted)
    if at < 0:
        raise QuoteNotFoundError(f"the quotation is not in article '{article.id}': “{shown}”")
    while paragraph is not None and article.paragraph_at(origin[at]) != paragraph:
        at = haystack.find(wanted, at + 1)
        if at < 0:
            raise QuoteNotFoundError(
                f"the quotation is not in paragraph {paragraph} of '{article.id}': “{shown}”"
            )
    start = origin[at]
    end = origin[at + len(wanted) - 1] + 1
    exact = normalise_space(article.text[start:end])
    return Passage(exact, article.paragraph_at(start), article.paragraph_at(end - 1), start, end)
