"""Dates in running text, normalised to partial ISO ('2022-08-26', '2023-02', '--03-11').

Relative dates and weekdays ("yesterday", "last year", "on Tuesday") are resolved against the
article's own date when it is known; otherwise they stay partial rather than being guessed. A
year-less date ("March 11", "in early April") stays year-less as the text states it: the article's
date only bounds it (`placed_in_year` places it where a year is needed, e.g. to group reports).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from energybrowser.corpus.model import PartialDate
from energybrowser.entities.rules import alternation, load_rules

_POSSESSIVE = re.compile(r"['’]s\s+[A-Z]")
_WEEKDAY_CUE = re.compile(r"\b(last|next|this)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    iso: str


@dataclass(frozen=True)
class _DatePatterns:
    months: dict[str, int]
    combined: re.Pattern[str]
    cue_before: dict[str, re.Pattern[str]]  # group -> the cue that must precede it
    relative_days: dict[str, int]
    relative_years: dict[str, int]
    relative_months: dict[str, int]
    weekdays: tuple[str, ...]


def _cased(words: Iterable[str]) -> list[str]:
    """Each word as written, lower-case and capitalised ("today", "Today")."""
    return [v for w in words for v in {w, w.lower(), w[:1].upper() + w[1:]}]


def _before(cues: list[str], extra: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(cues)})\s+{extra}$", re.IGNORECASE)


@cache
def _patterns() -> _DatePatterns:
    data = load_rules("dates")
    months: dict[str, int] = {}
    for number, names in data["months"].items():
        for name in names:
            months[name.lower()] = int(number)
    mon = rf"(?P<{{g}}>{alternation(n for names in data['months'].values() for n in names)})\.?"
    day = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<{g}>(?:19|20)\d{{2}})"
    rel = {**data["relative_days"], **data["relative_years"], **data["relative_months"]}
    weekdays = tuple(data["weekdays"])
    parts = [
        # 28.03.2023 / 28/03/2023 (day first, as in most of the region's sources) and 2022-08-25
        r"(?P<dd>[0-3]?\d)[./](?P<dm>[01]?\d)[./](?P<dy>(?:19|20)\d{2})(?!\d)",
        r"(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)",
        # August 26, 2022 / March 28 2023 / April 4-6, 2023 / March 11
        (mon.format(g="m1") + r"\s+" + day.format(g="d1") + r"(?:\s*[-–]\s*[0-3]?\d)?"
         + r"(?:,?\s+" + year.format(g="y1") + r")?(?![\d%])"),
        # 24 August 2022 / 4-6 April 2023 / 24 August
        (day.format(g="d2") + r"(?:\s*[-–]\s*[0-3]?\d)?\s+(?:of\s+)?" + mon.format(g="m2")
         + r"(?:,?\s+" + year.format(g="y2") + r")?"),
        # August 2022 / in February of 2023
        mon.format(g="m3") + r"\s+(?:of\s+)?" + year.format(g="y3"),
        # in 2023 / since 1995: a bare year only after a cue word (checked in find_dates, which
        # is much faster than starting a branch with words as common as "in"), so "2000 tons" is not a date
        year.format(g="y4") + r"(?![\d.,]\d|\s*(?:%|percent))",
        # in July / by early March: a month alone, placed in the article's year (cue checked likewise)
        mon.format(g="m5") + r"(?![\w-]|\s+[0-3]?\d\b|\s+(?:of\s+)?(?:19|20)\d\d)",
        rf"(?P<rel>{alternation(_cased(rel))})",
        rf"(?P<wd>{alternation(weekdays)})",
    ]  # fmt: skip
    # Case-sensitive on purpose: month and day names are capitalised in English, and a
    # case-insensitive pattern this size runs several times slower.
    combined = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + r")\b")
    cue_before = {
        "y4": _before(data["year_cues"]),
        "m5": _before(data["month_cues"], r"(?:(?:early|mid|late|the\s+end\s+of)[\s-]+)?"),
        "wd": _before(["last", "this", "next", "on"]),
    }
    return _DatePatterns(
        months,
        combined,
        cue_before,
        {k.lower(): int(v) for k, v in data["relative_days"].items()},
        {k.lower(): int(v) for k, v in data["relative_years"].items()},
        {k.lower(): int(v) for k, v in data["relative_months"].items()},
        weekdays,
    )


def find_dates(text: str, article_date: PartialDate | None = None, base: int = 0) -> list[DateMatch]:
    """Every date in `text` with its partial ISO form ('' when it cannot be placed at all)."""
    p = _patterns()
    found: list[DateMatch] = []
    for m in p.combined.finditer(text):
        g = m.groupdict()
        cue = next((k for k in ("y4", "m5", "wd") if g[k]), None)
        if cue and not p.cue_before[cue].search(text, max(0, m.start() - 24), m.start()):
            continue
        if g["m1"] or g["m2"] or g["m3"] or g["m5"]:
            # Month words that are also ordinary words ("may", "march") need a capital.
            word = g["m1"] or g["m2"] or g["m3"] or g["m5"]
            if not word[0].isupper():
                continue
        start = m.start()
        if g["rel"] and _POSSESSIVE.match(text, m.end()):
            continue  # "Today's Zaman": a name, not a date
        if g["wd"]:
            # "last Tuesday", "next Friday": the cue word is part of the date as stated.
            cue_word = _WEEKDAY_CUE.search(text, max(0, start - 8), start)
            if cue_word:
                start = cue_word.start()
                g = {**g, "wd": f"{cue_word.group(1).lower()} {g['wd']}"}
        iso = _iso(g, p, article_date or PartialDate())
        if iso is None:
            continue
        found.append(DateMatch(base + start, base + m.end(), text[start : m.end()], iso))
    return found


def _iso(g: dict[str, str | None], p: _DatePatterns, ref: PartialDate) -> str | None:
    try:
        if g["dy"]:
            return _valid(int(g["dy"]), int(g["dm"] or 0), int(g["dd"] or 0))
        if g["iy"]:
            return _valid(int(g["iy"]), int(g["im"] or 0), int(g["id"] or 0))
        for m_key, d_key, y_key in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
            month_name, year = g[m_key], g[y_key]
            if month_name:
                month = p.months[month_name.lower().rstrip(".")]
                day = int(g[d_key] or 0)
                if not 1 <= day <= 31:
                    return None
                if year:
                    return _valid(int(year), month, day)
                return _yearless(month, day)
        if g["m3"]:
            return _valid(int(g["y3"] or 0), p.months[g["m3"].lower().rstrip(".")], 0)
        if g["y4"]:
            return g["y4"]
        if g["m5"]:
            return PartialDate(None, p.months[g["m5"].lower().rstrip(".")]).iso()
        if g["rel"]:
            return _relative(" ".join(g["rel"].lower().split()), p, ref)
        if g["wd"]:
            return _weekday(g["wd"], p, ref)
    except ValueError:
        return None
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    date = PartialDate(year, month or None, day or None)
    if month and day:
        dt.date(year, month, day)  # raises ValueError for 31 February
    return date.validated().iso()


def _yearless(month: int, day: int) -> str:
    dt.date(2000, month, day)  # raises ValueError for 31 April (2000: 29 February exists)
    return PartialDate(None, month, day).iso()


def placed_in_year(date: PartialDate, ref: PartialDate) -> PartialDate:
    """A year-less date placed in the year of the article that states it (`ref`): a day later in
    the year than the article itself was most likely last year's; a month alone goes to the
    nearest such month ("in January" in a November article is next January). Unchanged when it
    has a year or `ref` has none."""
    if date.year is not None or ref.year is None or date.month is None:
        return date
    year = ref.year
    if date.day is not None:
        if ref.month and (date.month, date.day) > (ref.month, ref.day or 31):
            year -= 1
        try:
            dt.date(year, date.month, date.day)
        except ValueError:
            return date  # 29 February of a year without one
        return PartialDate(year, date.month, date.day)
    month = date.month
    if ref.month:
        here = year * 12 + ref.month
        year += min((-1, 0, 1), key=lambda shift: abs((year + shift) * 12 + month - here))
    return PartialDate(year, month)


def _relative(word: str, p: _DatePatterns, ref: PartialDate) -> str:
    if word in p.relative_days:
        if not ref.is_complete:
            return ""
        assert ref.year and ref.month and ref.day
        day = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=p.relative_days[word])
        return day.isoformat()
    if word in p.relative_years:
        return str(ref.year + p.relative_years[word]) if ref.year else ""
    if word in p.relative_months and ref.year and ref.month:
        index = ref.year * 12 + ref.month - 1 + p.relative_months[word]
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return ""


def _weekday(name: str, p: _DatePatterns, ref: PartialDate) -> str:
    """The day a weekday names, seen from the article's date: the latest such day on or before it
    ("on Tuesday"), the one of the week before ("last Tuesday"), or the next one ("next Tuesday")."""
    if not ref.is_complete:
        return ""
    assert ref.year and ref.month and ref.day
    cue, _, day_name = name.rpartition(" ")
    article_day = dt.date(ref.year, ref.month, ref.day)
    target = [w.lower() for w in p.weekdays].index(day_name.lower())
    if cue == "next":
        ahead = (target - article_day.weekday()) % 7 or 7
        return (article_day + dt.timedelta(days=ahead)).isoformat()
    back = (article_day.weekday() - target) % 7  # news reports the latest such day
    if cue == "last" and back == 0:
        back = 7
    return (article_day - dt.timedelta(days=back)).isoformat()
