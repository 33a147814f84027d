"""Grouping again after a few articles changed, without regrouping the whole library.

Grouping links reports pair by pair (`grouping._union`); whether two groups join depends only on
the reports linked to them, so the groups of each connected part of the "could be one agreement"
graph (`ReportKeys.linked`) are those that part alone would give, in the same order. After some
articles changed, a part holding none of their reports, old or new, and none linked to their old
reports, was a part of the library before, and keeps its groups. Only the rest is grouped again:
the result is the one grouping everything gives (a test compares the two).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise

from energybrowser.agreements.grouping import (
    AgreementGroup,
    Neighbours,
    ReportKeys,
    _group,
    _union,
    group_agreements,
)
from energybrowser.agreements.model import Agreement, Conflict

Grouped = tuple[tuple[Agreement, ...], tuple[AgreementGroup, ...]]


def _grouped_as(a: Agreement) -> tuple[object, ...]:
    """What grouping reads of a report (and a group shows): reports equal in this group alike."""
    return (a.id, a.article, a.type, a.parties, a.when, a.reported, a.vague, a.quantities)


def regroup(agreements: Iterable[Agreement], before: Grouped) -> Grouped:
    """`group_agreements(agreements)`, given the grouping `before` of the library as it was (with
    the same gazetteer: whether a party is a state decides links). Reports of articles whose
    reports read as before keep their groups unless linked to a changed one."""
    items = list(agreements)
    old_items, old_groups = before
    old_by_article: dict[str, list[Agreement]] = defaultdict(list)
    for a in old_items:
        old_by_article[a.article].append(a)
    new_by_article: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(items):
        new_by_article[a.article].append(i)
    changed = {
        article
        for article in old_by_article.keys() | new_by_article.keys()
        if [_grouped_as(a) for a in old_by_article.get(article, ())]
        != [_grouped_as(items[i]) for i in new_by_article.get(article, ())]
    }
    ghosts = [a for article in changed for a in old_by_article.get(article, ())]
    seeds = [i for article in changed for i in new_by_article.get(article, ())]
    dirty = _touched(items, ghosts, seeds) if changed else set()
    old_at = {a.id: n for n, a in enumerate(old_items)}
    clean = [i for i in range(len(items)) if i not in dirty]
    order = [old_at.get(items[i].id, -1) for i in clean]
    if any(n < 0 for n in order) or any(a >= b for a, b in pairwise(order)):
        return group_agreements(items)  # reports moved in the library's order: grouped again
    if not changed:
        return _as_before(items, before)
    group_of = {g.id: g for g in old_groups}
    old_group = {a.id: group_of.get(a.group) for a in old_items}
    out = list(items)
    first_member: dict[str, int] = {}
    kept: dict[str, AgreementGroup] = {}
    for i in clean:
        group = old_group.get(items[i].id)
        if group is None:
            return group_agreements(items)  # a stored ledger without this report's group
        kept[group.id] = group
        first_member.setdefault(group.id, i)
        out[i] = _in_group(items[i], group)
    anew = sorted(dirty)
    placed: list[tuple[int, AgreementGroup]] = [(first_member[g], kept[g]) for g in kept]
    for members in _union(ReportKeys([items[i] for i in anew])):
        indices = [anew[m] for m in members]
        group = _group([items[i] for i in indices])
        placed.append((indices[0], group))
        for i in indices:
            out[i] = replace(items[i], group=group.id, conflicts=group.conflicts)
    placed.sort(key=lambda item: item[0])
    return tuple(out), tuple(group for _first, group in placed)


def _as_before(items: list[Agreement], before: Grouped) -> Grouped:
    old_items, old_groups = before
    group_of = {a.id: (a.group, a.conflicts) for a in old_items}
    out = tuple(_with(a, *group_of[a.id]) for a in items)
    return out, old_groups


def _in_group(a: Agreement, group: AgreementGroup) -> Agreement:
    return _with(a, group.id, group.conflicts)


def _with(a: Agreement, group: str, conflicts: tuple[Conflict, ...]) -> Agreement:
    """The report in this group: itself when it is already (a report of the grouping before, as
    most are), so that what is kept stays the same object and costs nothing to compare."""
    if a.group == group and a.conflicts is conflicts:
        return a
    return replace(a, group=group, conflicts=conflicts)


def _touched(items: list[Agreement], ghosts: Sequence[Agreement], seeds: list[int]) -> set[int]:
    """Indices of `items` in a part of the link graph that holds a seed or a report linked to one
    of `ghosts` (the changed articles' reports as they were)."""
    keys = ReportKeys([*items, *ghosts])
    neighbours = Neighbours(keys)
    count = len(items)
    start = list(seeds)
    for g in range(count, count + len(ghosts)):
        start += [j for j in neighbours.of_report(g) if j < count and keys.linked(g, j)]
    found = set(start)
    while start:
        i = start.pop()
        for j in neighbours.of_report(i):
            if j < count and j not in found and keys.linked(i, j):
                found.add(j)
                start.append(j)
    return found
