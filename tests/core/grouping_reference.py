"""Grouping as it was before reports were compared on precomputed keys: candidate pairs from
buckets, each checked with `same_agreement` on the two `Agreement`s, joined in pair order when
their groups share no article and every two members' dates agree. The tests compare the current
grouping with it (same groups, same conflicts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from energybrowser.agreements.grouping import (
    _INTERCHANGEABLE,
    _REPORT_DAYS,
    _dates_compatible,
    _placed,
    _span,
    same_agreement,
)
from energybrowser.agreements.model import Agreement


def reference_pairs(items: Sequence[Agreement]) -> list[tuple[int, int]]:
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
            pairs.update(_near(items, members))
    return sorted(pairs)


def _near(items: Sequence[Agreement], members: list[int]) -> Iterator[tuple[int, int]]:
    spans: list[tuple[int, int, int]] = []
    yearless: dict[int | None, list[int]] = defaultdict(list)
    for i in members:
        span = _span(_placed(items[i]))
        if span is None:
            yearless[_placed(items[i]).month].append(i)
        else:
            spans.append((span[0], span[1], i))
    spans.sort()
    active: list[tuple[int, int]] = []
    for low, high, i in spans:
        active = [(reach, j) for reach, j in active if reach >= low]
        for _reach, j in active:
            yield (j, i) if j < i else (i, j)
        active.append((high + _REPORT_DAYS, i))
    for same_month in yearless.values():
        yield from combinations(sorted(same_month), 2)


def reference_groups(items: Sequence[Agreement]) -> list[list[int]]:
    """The member indices of each group, groups in order of their first member."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    articles = {i: {a.article} for i, a in enumerate(items)}
    joined = {i: [i] for i in range(len(items))}
    for i, j in reference_pairs(items):
        ri, rj = find(i), find(j)
        if (
            ri != rj
            and not articles[ri] & articles[rj]
            and same_agreement(items[i], items[j])
            and all(_dates_compatible(items[x], items[y]) for x in joined[ri] for y in joined[rj])
        ):
            parent[rj] = ri
            articles[ri] |= articles.pop(rj)
            joined[ri] += joined.pop(rj)
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(find(i), []).append(i)
    return list(members.values())
