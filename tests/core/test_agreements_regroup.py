from __future__ import annotations

import random
from dataclasses import replace

from energybrowser.agreements.grouping import group_agreements
from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.agreements.regroup import regroup
from energybrowser.corpus.model import PartialDate

NAMES = ("SOCAR", "QazaqGaz", "KazMunayGas", "Azerbaijan", "Kazakhstan", "BP", "Turkmenistan")
KINDS = ("memorandum", "agreement", "contract")


def _date(rng: random.Random, complete: bool = False) -> PartialDate:
    year, month, day = rng.choice((2021, 2022)), rng.randint(1, 12), rng.randint(1, 28)
    if complete:
        return PartialDate(year, month, day)
    forms = (PartialDate(), PartialDate(year), PartialDate(year, month), PartialDate(year, month, day))
    return rng.choice((*forms, PartialDate(None, month, day), PartialDate(year, month, day)))


def _article(rng: random.Random, name: str) -> list[Agreement]:
    reported = _date(rng, complete=rng.random() < 0.9)
    return [
        Agreement(
            f"{name}#{n}",
            name,
            rng.choice(KINDS),
            "signed",
            tuple(rng.sample(NAMES, rng.randint(1, 3))),
            Evidence("s", 0, 0, 1),
            when=_date(rng),
            reported=reported,
            quantities=rng.choice(((), ("1 bcm",), ("2 bcm",))),
            vague=rng.random() < 0.03,
        )
        for n in range(rng.randint(1, 3))
    ]


def _library(rng: random.Random, count: int) -> dict[str, list[Agreement]]:
    return {f"art{n:04d}": _article(rng, f"art{n:04d}") for n in range(count)}


def _flat(library: dict[str, list[Agreement]]) -> list[Agreement]:
    return [a for name in sorted(library) for a in library[name]]


def test_regrouping_after_a_few_articles_changed_gives_the_groups_of_grouping_everything():
    rng = random.Random(11)
    for _round in range(6):
        library = _library(rng, 400)
        before = group_agreements(_flat(library))
        assert sum(len(g.members) > 2 for g in before[1]) > 10  # reports of one agreement meet
        for name in rng.sample(sorted(library), 8):  # edited: other dates, parties, kinds
            library[name] = _article(rng, name)
        for name in rng.sample(sorted(library), 3):  # removed
            del library[name]
        for n in range(3):  # added, between the others in the library's order
            name = f"art{rng.randint(0, 399):04d}-new{n}"
            library[name] = _article(rng, name)
        for name in rng.sample(sorted(library), 2):  # read again, the same: nothing to regroup
            library[name] = [replace(a, subject="read again") for a in library[name]]
        items = _flat(library)
        assert regroup(items, before) == group_agreements(items)


def test_regrouping_with_nothing_changed_keeps_every_group_and_takes_the_reports_as_given():
    rng = random.Random(4)
    items = _flat(_library(rng, 200))
    before = group_agreements(items)
    again = [replace(a, subject="edited subject") for a in items]
    grouped, groups = regroup(again, before)
    assert groups == before[1]
    assert [a.group for a in grouped] == [a.group for a in before[0]]
    assert all(a.subject == "edited subject" for a in grouped)


def test_reports_that_moved_in_the_library_order_are_grouped_again():
    rng = random.Random(8)
    library = _library(rng, 300)
    items = _flat(library)
    before = group_agreements(items)
    moved = items[len(items) // 2 :] + items[: len(items) // 2]  # same reports, another order
    assert regroup(moved, before) == group_agreements(moved)
