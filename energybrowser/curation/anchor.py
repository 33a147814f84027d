"""Anchor a review to the words it is about, so it survives the article text moving.

The approach of the W3C Web Annotation `TextQuoteSelector` as Hypothesis anchors it: the quoted
words with some context either side, plus the offset they had as a hint. Placing it again looks for
the exact quote first (context and nearness choose among repeats), then for the closest fuzzy
match (rapidfuzz's alignment), and gives up (None: "needs a look") below a similarity floor rather
than attach the review to the wrong sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT_CHARS = 40  # context kept either side: enough to tell a repeated sentence apart
FUZZY_FLOOR = 80.0  # similarity (0-100) below which a moved quote is not trusted
_CONTEXT_FLOOR = 60.0  # a fuzzy match of a short quote must also keep some of its context
_SHORT_QUOTE = 30  # quotes shorter than this are too easy to match by chance without context


@dataclass(frozen=True)
class TextQuote:
    """The quoted words, the text just before and after them, and where they stood."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = -1  # offset in the text when anchored: a hint, not a promise

    def to_json(self) -> dict[str, object]:
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix, "start": self.start}

    @classmethod
    def from_json(cls, data: object) -> TextQuote:
        if not isinstance(data, dict) or not isinstance(data.get("exact"), str) or not data["exact"]:
            raise ValueError("a text quote needs its exact words")
        start = data.get("start", -1)
        return cls(
            exact=data["exact"],
            prefix=str(data.get("prefix") or ""),
            suffix=str(data.get("suffix") or ""),
            start=start if isinstance(start, int) and not isinstance(start, bool) else -1,
        )


@dataclass(frozen=True)
class Placement:
    """Where a quote stands in the text now; `exact` is False when the words themselves changed."""

    start: int
    end: int
    exact: bool
    score: float  # 100 for the words as quoted


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """The quote of `text[start:end]` with its context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}:{end}")
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
    )


def locate(quote: TextQuote, text: str) -> Placement | None:
    """Where the quote stands in `text`, or None when it cannot be placed with confidence."""
    if not quote.exact or not text:
        return None
    found = _exact_occurrences(quote.exact, text)
    if found:
        best = max(found, key=lambda start: _rank(quote, text, start, start + len(quote.exact)))
        return Placement(best, best + len(quote.exact), True, 100.0)
    return _fuzzy(quote, text)


def _exact_occurrences(exact: str, text: str) -> list[int]:
    starts: list[int] = []
    at = text.find(exact)
    while at != -1:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def _rank(quote: TextQuote, text: str, start: int, end: int) -> tuple[float, int]:
    """Context similarity first, then nearness to the old offset."""
    distance = abs(start - quote.start) if quote.start >= 0 else 0
    return (_context_score(quote, text, start, end), -distance)


def _context_score(quote: TextQuote, text: str, start: int, end: int) -> float:
    scores = []
    if quote.prefix:
        scores.append(fuzz.ratio(quote.prefix, text[max(0, start - len(quote.prefix)) : start]))
    if quote.suffix:
        scores.append(fuzz.ratio(quote.suffix, text[end : end + len(quote.suffix)]))
    return sum(scores) / len(scores) if scores else 100.0


def _fuzzy(quote: TextQuote, text: str) -> Placement | None:
    alignment = fuzz.partial_ratio_alignment(quote.exact, text, score_cutoff=FUZZY_FLOOR)
    if alignment is None:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    start, end = _trim(text, start, end)
    if end <= start:
        return None
    short = len(quote.exact) < _SHORT_QUOTE
    if short and _context_score(quote, text, start, end) < _CONTEXT_FLOOR:
        return None
    return Placement(start, end, False, alignment.score)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
