"""Link reports of the same agreement across articles: same type, overlapping parties, compatible
dates. Where the reports disagree (a date, a volume) the group keeps every value and says so."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
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
    keys = ReportKeys(items)
    members = _union(keys)
    groups: list[AgreementGroup] = []
    out = list(items)
    for indices in members:
        group = _group([items[i] for i in indices])
        groups.append(group)
        for i in indices:
            out[i] = replace(items[i], group=group.id, conflicts=group.conflicts)
    return tuple(out), tuple(groups)


class ReportKeys:
    """What grouping compares, computed once per report (not once per pair of reports): its
    article, type, party set, whether all parties are states, and its placed date as a small
    number. `linked(i, j)` is then `same_agreement(items[i], items[j])` for two reports of one
    bucket (`buckets`), on these keys alone."""

    def __init__(self, items: Sequence[Agreement]) -> None:
        self.items = items
        articles: dict[str, int] = {}
        date_ids: dict[_DateKey, int] = {}
        self.dates: list[_DateKey] = []  # date id -> (placed date, stated?)
        self.article: list[int] = []
        self.type: list[str] = []
        self.parties: list[frozenset[str]] = []
        self.date: list[int] = []  # -1: not placed (never grouped)
        self.states: list[bool] = []  # every party is a state
        self.undated: list[bool] = []  # no stated date
        self.buckets: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
        state: dict[str, bool] = {}  # party -> is a state, looked up once
        for i, a in enumerate(items):
            parties = frozenset(a.parties)
            key = _date_key(a)
            self.article.append(articles.setdefault(a.article, len(articles)))
            self.type.append(a.type)
            self.parties.append(parties)
            self.states.append(
                all(state[p] if p in state else state.setdefault(p, _is_state(p)) for p in parties)
            )
            self.undated.append(a.when.is_empty)
            if key[0].is_empty:
                self.date.append(-1)
            else:
                if key not in date_ids:
                    date_ids[key] = len(self.dates)
                    self.dates.append(key)
                self.date.append(date_ids[key])
            if a.vague or not parties or key[0].is_empty:
                continue
            for bucket in _bucket_keys(a.type, parties):
                self.buckets[bucket].append(i)
        self._compatible: dict[tuple[int, int], bool] = {}

    def compatible(self, x: int, y: int) -> bool:
        """`_keys_compatible` of two date ids, remembered."""
        pair = (x, y) if x <= y else (y, x)
        found = self._compatible.get(pair)
        if found is None:
            found = self._compatible[pair] = _keys_compatible(self.dates[pair[0]], self.dates[pair[1]])
        return found

    def linked(self, i: int, j: int) -> bool:
        """`same_agreement` of two reports that share a bucket (so a type class and the parties
        `_parties_overlap` asks for, and neither is vague or unplaced)."""
        return (
            self.article[i] != self.article[j]
            and (self.type[i] == self.type[j] or self.parties[i] == self.parties[j])
            and not (self.states[i] and self.states[j] and (self.undated[i] or self.undated[j]))
            and self.compatible(self.date[i], self.date[j])
        )


@lru_cache(maxsize=4096)  # a few hundred party sets recur across a library's reports
def _bucket_keys(kind: str, parties: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """The buckets of a report: its type class with its one party, or with each two of its parties.
    Two reports `same_agreement` accepts share one (a single party never meets a pair of them)."""
    kind = "interchangeable" if kind in _INTERCHANGEABLE else kind
    if len(parties) == 1:
        return [(kind, parties)]
    return [(kind, frozenset(p)) for p in combinations(sorted(parties), 2)]


class Neighbours:
    """The reports each report could be one agreement with (a superset of the pairs `linked`
    accepts): those of its buckets whose dates could be compatible. Two dates with a year are
    compatible only if one refines the other (then their day spans meet) or both are days at most
    a month apart; without a year, only if both name the same month. Found by bisecting each
    bucket's reports sorted by first day, so no list of every pair is ever made."""

    def __init__(self, keys: ReportKeys) -> None:
        self.keys = keys
        self.spans = [_span(d[0]) for d in keys.dates]
        self.of: list[list[_Bucket]] = [[] for _ in keys.items]
        for members in keys.buckets.values():
            if len(members) < 2:
                continue
            bucket = _Bucket(self.spans, keys, members)
            for i in members:
                self.of[i].append(bucket)

    def after(self, i: int) -> list[int]:
        """The candidates j > i of report i, ascending."""
        return self.of_report(i, i)

    def of_report(self, i: int, above: int = -1) -> list[int]:
        """The candidates j > `above` of report i (itself left out), ascending."""
        buckets = self.of[i]
        if not buckets:
            return []
        date = self.keys.date[i]
        span = self.spans[date]
        found: list[int] = []
        for bucket in buckets:
            if span is None:
                found += [j for j in bucket.yearless.get(self.keys.dates[date][0].month, ()) if j > above]
                continue
            low, high = span
            if bucket.day_lows:  # days: within a month of a day, or inside a longer span
                near = _REPORT_DAYS if low == high else 0
                first = bisect_left(bucket.day_lows, low - near)
                last = bisect_right(bucket.day_lows, high + near)
                found += [j for j in bucket.day_ids[first:last] if j > above]
            for longest, lows, ends in bucket.tiers:  # months, years: spans that meet this one
                first = bisect_left(lows, low - longest)
                last = bisect_right(lows, high)
                found += [j for end, j in ends[first:last] if j > above and end >= low]
        if above < i:
            return sorted({j for j in found if j != i})
        # One bucket holds a report once; a report of three or more parties is in several.
        return sorted(found if len(buckets) == 1 else set(found))


class _Bucket:
    """The reports of one bucket with a year, sorted by first day: single days (`day_lows`, with
    their indices in `day_ids`), then spans of a month at most and of a year at most (first days,
    with each one's last day and index); and those without a year by month. A report's
    candidates of a tier lie within the tier's longest span before its first day."""

    __slots__ = ("day_ids", "day_lows", "tiers", "yearless")

    def __init__(self, spans: list[tuple[int, int] | None], keys: ReportKeys, members: list[int]) -> None:
        days: list[tuple[int, int]] = []
        months: list[tuple[int, int, int]] = []
        years: list[tuple[int, int, int]] = []
        self.yearless: dict[int | None, list[int]] = defaultdict(list)
        for i in members:
            span = spans[keys.date[i]]
            if span is None:
                self.yearless[keys.dates[keys.date[i]][0].month].append(i)
            elif span[0] == span[1]:
                days.append((span[0], i))
            else:
                (months if span[1] - span[0] < 31 else years).append((span[0], span[1], i))
        days.sort()
        self.day_lows = [low for low, _i in days]
        self.day_ids = [i for _low, i in days]
        self.tiers: list[tuple[int, list[int], list[tuple[int, int]]]] = []
        for longest, tier in ((31, months), (366, years)):
            if tier:
                tier.sort()
                self.tiers.append((longest, [low for low, _h, _i in tier], [(h, i) for _l, h, i in tier]))


def _union(keys: ReportKeys) -> list[list[int]]:
    """The groups (member indices, in order; groups in order of their first member) from linking,
    in the order (i, j) of every pair i < j, the reports `same_agreement` accepts (see `linked`):
    two groups join when they share no article and every two of their dates agree.

    Never chain two records of one article into one group: an article that reports two documents
    means two documents. And never chain reports a month apart into one group through the reports
    between them (a library of hundreds of reports of "a memorandum between Azerbaijan and
    Kazakhstan" would otherwise become one agreement spanning years).

    What makes it fast without changing a group: only candidates (`Neighbours`) are looked at, and
    a pair already in one group is skipped before it is compared; a group's dates are its
    members' distinct date ids (a group of hundreds of reports holds a few dozen); two groups
    refused stay refused while both exist (their articles and dates only grow)."""
    neighbours = Neighbours(keys)
    parent = list(range(len(keys.items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    articles: dict[int, set[int]] = {}
    dated: dict[int, set[int]] = {}
    refused: set[tuple[int, int]] = set()
    linked, compatible = keys.linked, keys.compatible
    for i in range(len(parent)):
        ri = find(i)  # stays the root while i's pairs are linked: the others join it
        for j in neighbours.after(i):
            rj = j if parent[j] == j else find(j)
            if ri == rj or (ri, rj) in refused or not linked(i, j):
                continue
            a_i = articles.get(ri) or {keys.article[ri]}
            a_j = articles.get(rj) or {keys.article[rj]}
            d_i = dated.get(ri) or {keys.date[ri]}
            d_j = dated.get(rj) or {keys.date[rj]}
            if a_i & a_j or not all(compatible(x, y) for x in d_i for y in d_j):
                refused.add((ri, rj))
                continue
            parent[rj] = ri
            articles[ri] = a_i | a_j
            dated[ri] = d_i | d_j
            articles.pop(rj, None)
            dated.pop(rj, None)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(parent)):
        members[find(i)].append(i)
    return list(members.values())


def candidate_pairs(items: Sequence[Agreement]) -> list[tuple[int, int]]:
    """Every pair (i < j, sorted) grouping looks at: those for which `same_agreement` can hold
    (the two share a type class and two parties, or their one party, and their dates lie within
    a month of each other or one spans the other)."""
    neighbours = Neighbours(ReportKeys(items))
    return [(i, j) for i in range(len(items)) for j in neighbours.after(i)]


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


@lru_cache(maxsize=65536)  # asked for every member of every group; dates repeat
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
    ids = [i for _day, i in reports]
    said: dict[int, ConflictValue] = {}  # one value per report, shared by its conflicts (frozen)
    for m, date in zip(dated, placed, strict=True):
        known = _known(date)
        before = bisect_left(days, known) if known else 0
        if not before:
            continue
        stated = ConflictValue(m.when, (m.article,))
        for i in sorted(ids[:before]):
            report = said.get(i)
            if report is None:
                other = members[i]
                report = said[i] = ConflictValue(other.reported, (other.article,))
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
