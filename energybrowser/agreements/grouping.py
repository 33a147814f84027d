"""Link reports of the same agreement across articles: same type, overlapping parties, compatible
dates. Where the reports disagree (a date, a volume) the group keeps every value and says so."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from energybrowser.agreements.model import Agreement, Conflict, ConflictValue
from energybrowser.corpus.model import PartialDate
from energybrowser.entities.dates import placed_in_year
from energybrowser.entities.gazetteer import load_gazetteer

_NEAR_DAYS = 7  # reports of one signing may date it a few days apart (time zones, late reports)
_REPORT_DAYS = 31  # an undated report ("have signed") is about a signing within a month of it
_GENERIC_TYPES = {"agreement"}
_INTERCHANGEABLE = {"agreement", "memorandum"}  # reports often call an MoU "an agreement"


@dataclass(frozen=True)
class AgreementGroup:
    id: str
    members: tuple[str, ...]  # agreement ids, in corpus order
    articles: tuple[str, ...]
    type: str
    parties: tuple[str, ...]
    dates: tuple[PartialDate, ...]  # every distinct date the reports give
    quantities: tuple[str, ...]
    conflicts: tuple[Conflict, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "members": list(self.members),
            "articles": list(self.articles),
            "type": self.type,
            "parties": list(self.parties),
            "dates": [d.iso() for d in self.dates],
            "quantities": list(self.quantities),
            "conflicts": [c.describe() for c in self.conflicts],
        }


def group_agreements(
    agreements: Iterable[Agreement],
) -> tuple[tuple[Agreement, ...], tuple[AgreementGroup, ...]]:
    """Every agreement with its `group` (and the group's `conflicts`) set, and the groups."""
    items = list(agreements)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    articles: dict[int, set[str]] = {i: {a.article} for i, a in enumerate(items)}
    # Root -> the distinct (placed date, date stated?) of its members: all `_dates_compatible`
    # looks at. Checking every two members' dates compares these instead of the members (a group
    # of hundreds of reports holds a few dozen such dates): the same answer, without the
    # |group|² comparisons that made a first start of a big library stall for minutes.
    dated: dict[int, set[_DateKey]] = {i: {_date_key(a)} for i, a in enumerate(items)}
    # Only pairs that could be one agreement are compared (see `candidate_pairs`), in the order
    # every pair would be: the groups are those of comparing all pairs, without n² comparisons.
    for i, j in candidate_pairs(items):
        ri, rj = find(i), find(j)
        # Never chain two records of one article into one group: an article that reports two
        # documents means two documents.
        # And never chain reports a month apart into one group through the reports between them:
        # every two members' dates must agree (a library of hundreds of reports of "a memorandum
        # between Azerbaijan and Kazakhstan" would otherwise become one agreement spanning years).
        if (
            ri != rj
            and not articles[ri] & articles[rj]
            and same_agreement(items[i], items[j])
            and all(_keys_compatible(x, y) for x in dated[ri] for y in dated[rj])
        ):
            parent[rj] = ri
            articles[ri] |= articles.pop(rj)
            dated[ri] |= dated.pop(rj)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members[find(i)].append(i)
    groups: list[AgreementGroup] = []
    out = list(items)
    for indices in members.values():
        group = _group([items[i] for i in indices])
        groups.append(group)
        for i in indices:
            out[i] = replace(items[i], group=group.id, conflicts=group.conflicts)
    return tuple(out), tuple(groups)


def candidate_pairs(items: Sequence[Agreement]) -> list[tuple[int, int]]:
    """Every pair (i < j, sorted) for which `same_agreement` can hold: the two share a type class
    and two parties (or their one party), and their dates lie within a month of each other or one
    spans the other. Pairs are found by bucketing on type and parties, then sweeping the dates."""
    buckets: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for i, a in enumerate(items):
        parties = frozenset(a.parties)
        if a.vague or not parties or _placed(a).is_empty:
            continue
        kind = "interchangeable" if a.type in _INTERCHANGEABLE else a.type
        keys = [parties] if len(parties) == 1 else [frozenset(p) for p in combinations(sorted(parties), 2)]
        for key in keys:
            buckets[(kind, key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(_near_in_time(items, members))
    return sorted(pairs)


def _near_in_time(items: Sequence[Agreement], members: list[int]) -> Iterator[tuple[int, int]]:
    """Pairs of `members` whose placed dates can be compatible (a sweep over their day spans)."""
    spans: list[tuple[int, int, int]] = []
    yearless: dict[int | None, list[int]] = defaultdict(list)
    for i in members:
        span = _span(_placed(items[i]))
        if span is None:
            yearless[_placed(items[i]).month].append(i)
        else:
            spans.append((span[0], span[1], i))
    spans.sort()
    active: list[tuple[int, int]] = []  # (last day + slack, index) of spans still in reach
    for low, high, i in spans:
        active = [(reach, j) for reach, j in active if reach >= low]
        for _reach, j in active:
            yield (j, i) if j < i else (i, j)
        active.append((high + _REPORT_DAYS, i))
    for same_month in yearless.values():
        yield from combinations(sorted(same_month), 2)


def _span(date: PartialDate) -> tuple[int, int] | None:
    """First and last day (ordinals) a date with a year can mean; None without a year."""
    if date.year is None:
        return None
    if date.month is None:
        return dt.date(date.year, 1, 1).toordinal(), dt.date(date.year, 12, 31).toordinal()
    last = calendar.monthrange(date.year, date.month)[1]
    first_day, last_day = dt.date(date.year, date.month, 1), dt.date(date.year, date.month, last)
    if date.day is not None and date.day <= last:
        day = dt.date(date.year, date.month, date.day).toordinal()
        return day, day
    return first_day.toordinal(), last_day.toordinal()


def same_agreement(a: Agreement, b: Agreement) -> bool:
    if a.article == b.article or a.vague or b.vague:
        return False
    if a.type != b.type and not ({a.type, b.type} <= _INTERCHANGEABLE and set(a.parties) == set(b.parties)):
        return False
    if not (_parties_overlap(a.parties, b.parties) and _dates_compatible(a, b)):
        return False
    # Two states sign many documents: undated state-level reports are not assumed to be one.
    states_only = all(_is_state(p) for p in (*a.parties, *b.parties))
    return not (states_only and (a.when.is_empty or b.when.is_empty))


def _is_state(name: str) -> bool:
    entry = load_gazetteer().by_canonical(name)
    return entry is not None and entry.type == "country"


def _parties_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    common = sa & sb
    return len(common) >= 2 or (len(common) == 1 and (sa == sb))


def _dates_compatible(a: Agreement, b: Agreement) -> bool:
    """Stated dates agree (same day within a week, or one more precise than the other); a report
    without a stated date is placed by its article's date, which must fall within a month. With
    no date at all on one side there is no evidence that the two are one document."""
    return _keys_compatible(_date_key(a), _date_key(b))


_DateKey = tuple[PartialDate, bool]  # a report's placed date, and whether the report states one


def _date_key(a: Agreement) -> _DateKey:
    return _placed(a), not a.when.is_empty


@lru_cache(maxsize=65536)
def _keys_compatible(a: _DateKey, b: _DateKey) -> bool:
    (wa, stated_a), (wb, stated_b) = a, b
    if wa.is_empty or wb.is_empty:
        return False
    if _refines(wa, wb) or _refines(wb, wa):
        return True
    da, db = _day(wa), _day(wb)
    near = _NEAR_DAYS if stated_a and stated_b else _REPORT_DAYS
    return da is not None and db is not None and abs((da - db).days) <= near


def _placed(a: Agreement) -> PartialDate:
    """The stated date (a year-less one in its article's year), else the article's date (unless
    that has no year: it places nothing)."""
    return _place(a.when, a.reported)


@lru_cache(maxsize=65536)  # asked for every candidate pair; dates repeat across reports
def _place(when: PartialDate, reported: PartialDate) -> PartialDate:
    if not when.is_empty:
        return placed_in_year(when, reported)
    return reported if reported.year is not None else PartialDate()


def _refines(a: PartialDate, b: PartialDate) -> bool:
    """`a` says what `b` says, as precisely or more (2022-08-26 refines 2022-08 and 2022)."""
    return (
        a.year == b.year
        and (b.month is None or a.month == b.month)
        and (b.day is None or (a.month == b.month and a.day == b.day))
    )


def _known(date: PartialDate) -> tuple[int, ...]:
    """The date's parts down to its precision, for comparing dates of a year: (2022, 8)."""
    parts = []
    for part in (date.year, date.month, date.day):
        if part is None:
            break
        parts.append(part)
    return tuple(parts)


def _day(date: PartialDate) -> dt.date | None:
    if not date.is_complete or date.year is None or date.month is None or date.day is None:
        return None
    try:
        return dt.date(date.year, date.month, date.day)
    except ValueError:
        return None


def _group(members: list[Agreement]) -> AgreementGroup:
    ids = tuple(m.id for m in members)
    digest = hashlib.sha1(min(ids).encode("utf-8")).hexdigest()[:10]
    parties = tuple(dict.fromkeys(p for m in members for p in m.parties))
    dates = tuple(dict.fromkeys(m.when for m in members if not m.when.is_empty))
    quantities = tuple(dict.fromkeys(q for m in members for q in m.quantities))
    types = [m.type for m in members if m.type not in _GENERIC_TYPES] or [members[0].type]
    return AgreementGroup(
        id=f"g-{digest}",
        members=ids,
        articles=tuple(dict.fromkeys(m.article for m in members)),
        type=types[0],
        parties=parties,
        dates=dates,
        quantities=quantities,
        conflicts=tuple(_conflicts(members)) if len(members) > 1 else (),
    )


def _conflicts(members: list[Agreement]) -> list[Conflict]:
    found: list[Conflict] = []
    dated = [m for m in members if not m.when.is_empty]
    placed = [_placed(m) for m in dated]
    full = {p for p in placed if p.is_complete}
    if len(full) > 1:
        found.append(Conflict("date", _values((m.when, m.article) for m in dated)))
    found.extend(_after_reports(members, dated, placed))
    # A volume conflicts when two articles each state one value in the same unit and they differ.
    by_unit: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in members:
        for q in m.quantities:
            by_unit[_unit(q)][m.article].add(q)
    for unit, per_article in by_unit.items():
        single = {article: next(iter(v)) for article, v in per_article.items() if len(v) == 1}
        if len(set(single.values())) > 1:
            values = _values((value, article) for article, value in single.items())
            found.append(Conflict("quantity", values, unit))
    return found


def _after_reports(
    members: list[Agreement], dated: list[Agreement], placed: list[PartialDate]
) -> Iterator[Conflict]:
    """A "date after report" conflict for each stated date (in member order) and each member
    whose article reported the agreement earlier (in member order). The reports are sorted by
    day once: a date (its known parts, say (2022, 8)) is after a complete day when the day's
    (year, month, day) sorts before those parts, so the reports it is after are a prefix of that
    order, found by bisection. So a big
    group costs n log n plus the conflicts found, not every pair of members."""
    reports = sorted((_known(o.reported), i) for i, o in enumerate(members) if o.reported.is_complete)
    days = [day for day, _i in reports]
    for m, date in zip(dated, placed, strict=True):
        known = _known(date)
        if not known:
            continue
        for i in sorted(i for _day, i in reports[: bisect_left(days, known)]):
            other = members[i]
            stated = ConflictValue(m.when, (m.article,))
            report = ConflictValue(other.reported, (other.article,))
            yield Conflict("date after report", (stated, report))


def _values(stated: Iterable[tuple[PartialDate | str, str]]) -> tuple[ConflictValue, ...]:
    """Each distinct value once, with the articles that state it, in the order first stated."""
    articles: dict[PartialDate | str, list[str]] = {}
    for value, article in stated:
        names = articles.setdefault(value, [])
        if article not in names:
            names.append(article)
    return tuple(ConflictValue(value, tuple(names)) for value, names in articles.items())


def _unit(quantity: str) -> str:
    """'1.5 million tonnes per year' -> 'tonnes per year'; 'USD 200 million' -> 'USD'."""
    words = quantity.split()
    if words and words[0].isalpha() and words[0].isupper():
        return words[0]
    rest = [w for w in words[1:] if w not in ("thousand", "million", "billion", "trillion")]
    return " ".join(rest) or quantity


def build_group(members: Sequence[Agreement]) -> AgreementGroup:
    """The group of reports the analyst says are one agreement (whatever the rules would say)."""
    return _group(list(members))
