"""Dates as a byline states them, at the precision it states: a year-less "Oct 24" stays year-less."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.model import PartialDate


@dataclass(frozen=True)
class StatedDate:
    date: PartialDate
    text: str  # as the source wrote it (a time of day after the date left off)


_ISO = re.compile(
    r"(?P<y>\d{4})[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\.?")
_TIME = re.compile(
    r"\s*(?:,|\||\bat\b|-|–)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"  # 14:22, 2:05 pm
    r"(?:\s*\(?\s*(?:[A-Z]{2,5})?\s*(?:[+-]\s?\d{1,2}(?::?\d{2})?)?\s*\)?)?$",  # (UTC +04:00), GMT+4
    re.IGNORECASE,
)
_WORD_TOKENS = re.compile(r"[^\W\d_]+\.?|\d+(?:st|nd|rd|th|-?го|-?е)?|[,.]", re.UNICODE)


def _safe(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    """The date if it exists on the calendar (a year-less day may be 29 February)."""
    try:
        if month and day:
            dt.date(year or 2000, month, day)
        return PartialDate(year, month, day).validated()
    except ValueError:
        return None


def _numeric(core: str) -> PartialDate | None:
    m = _ISO.fullmatch(core)
    if m:
        return _safe(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
    m = _NUMERIC.fullmatch(core)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if m["sep"] == "." or a > 12:  # dotted dates are day.month.year wherever they are used
            return _safe(year, b, a)
        if b > 12:
            return _safe(year, a, b)
        return _safe(year, None, None)  # 05/06/2023: day and month cannot be told apart
    return None


def _worded(core: str) -> PartialDate | None:
    """'March 3, 2024', '3 March 2024', 'Mar. 2024', 'Oct 24', '24 Oct', '3 марта 2024 г.'."""
    vocab = vocabulary()
    tokens = [t for t in _WORD_TOKENS.findall(core) if t not in {",", "."}]
    month = year = day = None
    rest: list[int] = []
    for token in tokens:
        key = fold(token.rstrip("."))
        if key in vocab.months and month is None:
            month = vocab.months[key]
        elif key in vocab.weekdays or key in {"г", "yil", "yılı", "of", "the"}:
            continue
        elif re.match(r"\d", token):
            rest.append(int(re.match(r"\d+", token).group()))  # type: ignore[union-attr]
        else:
            return None
    if month is None or len(rest) > 2:
        return None
    for number in rest:
        if number >= 1000 and year is None:
            year = number
        elif 1 <= number <= 31 and day is None:
            day = number
        else:
            return None
    return _safe(year, month, day)


# "18:40 / 24.05.2025": a time of day before the date; "... Updated 2 hours ago": a note after it.
_LEAD_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[/|,–-]?\s*(?=\d)", re.IGNORECASE)
_UPDATED = re.compile(r"\s+(?:last\s+)?(?:updated|modified|edited)\b.*$", re.IGNORECASE)


def parse_date(text: str) -> StatedDate | None:
    """Read a whole string as a date, or None. A time of day before or after it is allowed and
    dropped, and so is an "Updated ..." note after it."""
    stated = _UPDATED.sub("", _LEAD_TIME.sub("", text.strip())).strip(",;|").strip()
    if not stated or len(stated) > 60:
        return None
    iso = _ISO.fullmatch(stated)
    # The date as stated, without a time of day after it (which is not part of a citation).
    core = stated[: iso.end("d") if iso["d"] else iso.end("m")] if iso else _TIME.sub("", stated).strip(" ,")
    if not re.search(r"\d", core):
        return None
    date = _numeric(core) or _worded(core)
    if date is None or date.is_empty or (date.year is None and date.day is None):
        return None
    return StatedDate(date, core)


_DATE_PATTERNS = tuple(
    re.compile(p, re.UNICODE)
    for p in (
        r"\d{4}-\d{1,2}-\d{1,2}(?:T[\d:.+\-Z]+)?",
        r"\d{1,2}[./]\d{1,2}[./]\d{4}",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+[^\W\d_]+\.?,?(?:\s+\d{4})?",
        r"\b[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b",
        r"\b[^\W\d_]+\.?\s+\d{4}\b",
    )
)


def find_date(text: str) -> tuple[StatedDate, int, int] | None:
    """The earliest span of `text` that reads as a date, with its offsets."""
    best: tuple[StatedDate, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            found = parse_date(m.group())
            if found and (best is None or m.start() < best[1]):
                best = (found, m.start(), m.end())
                break
    return best


MAX_ACT_LINE = 200


@cache
def _act_header() -> re.Pattern[str]:
    acts = "|".join(re.escape(w) for w in vocabulary().act_words)
    return re.compile(
        rf"^(?:The\s+)?(?:{acts})\b[^\n]{{0,120}}?\bdated\s+(?P<date>[^\n]+?)(?:\s*(?:No\.?|№|#)\s*\S+)?\s*$"
    )


def act_date(lines: list[str]) -> StatedDate | None:
    """'The Law of the Republic of Kazakhstan dated May 14, 2009 No. 160-IV': a legal act's page
    dates itself in the act's header line (tried on the first `lines`)."""
    for line in lines:
        m = _act_header().match(line.strip()) if len(line) <= MAX_ACT_LINE else None
        if m:
            return parse_date(m["date"].strip(" ,"))
    return None
