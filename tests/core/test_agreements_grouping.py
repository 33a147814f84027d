from __future__ import annotations

import random
from dataclasses import replace

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.grouping import group_agreements
from energybrowser.agreements.model import Agreement, Conflict, ConflictValue, Evidence
from energybrowser.corpus.model import PartialDate
from tests.core.extraction_helpers import make_article
from tests.core.grouping_reference import reference_groups

EVIDENCE = Evidence("s", 1, 0, 1)


def agreement(
    aid: str, parties: tuple[str, ...], date_iso: str = "", kind: str = "memorandum", reported: str = "", **kw
) -> Agreement:
    article = aid.split("#")[0]
    when, on = PartialDate.parse_iso(date_iso), PartialDate.parse_iso(reported)
    return Agreement(aid, article, kind, "signed", parties, EVIDENCE, when=when, reported=on, **kw)


def test_reports_of_one_agreement_share_a_group_and_conflicts_are_stated():
    items = [
        agreement("a#1", ("SOCAR", "QazaqGaz"), reported="2022-08-25"),
        agreement("b#1", ("QazaqGaz", "SOCAR"), "2022-08-26", reported="2023-04-01"),
        agreement("c#1", ("QazaqGaz", "SOCAR"), "2022-08-24", quantities=("1.5 million tonnes per year",)),
        agreement("d#1", ("QazaqGaz", "SOCAR"), "2022-08", quantities=("2 million tonnes per year",)),
        agreement("d#2", ("QazaqGaz", "SOCAR"), "2022-08-25"),  # d's second record: never joins d's group
    ]
    grouped, groups = group_agreements(items)
    assert len(groups) == 2 and len({a.group for a in grouped[:4]}) == 1
    group = groups[0]
    assert group.members == ("a#1", "b#1", "c#1", "d#1")
    assert [d.iso() for d in group.dates] == ["2022-08-26", "2022-08-24", "2022-08"]
    dates, after, volume = group.conflicts
    assert dates == Conflict(
        "date",
        (
            ConflictValue(PartialDate(2022, 8, 26), ("b",)),
            ConflictValue(PartialDate(2022, 8, 24), ("c",)),
            ConflictValue(PartialDate(2022, 8), ("d",)),
        ),
    )
    assert after.field == "date after report" and after.article_ids == ("b", "a")
    assert [v.value for v in after.values] == [PartialDate(2022, 8, 26), PartialDate(2022, 8, 25)]
    assert volume.field == "quantity" and volume.unit == "tonnes per year"
    assert [(v.value, v.article_ids) for v in volume.values] == [
        ("1.5 million tonnes per year", ("c",)),
        ("2 million tonnes per year", ("d",)),
    ]
    # The text form the CLI and JSON give.
    assert dates.describe() == "date: 2022-08-26 (b) vs 2022-08-24 (c) vs 2022-08 (d)"
    assert after.describe() == "date: 2022-08-26 (b) is after a reported it on 2022-08-25"
    assert volume.describe() == (
        "quantity (tonnes per year): 1.5 million tonnes per year (c) vs 2 million tonnes per year (d)"
    )
    assert grouped[0].conflicts == group.conflicts
    assert grouped[0].to_json()["conflicts"] == [c.describe() for c in group.conflicts]


def test_reports_stating_one_value_are_named_together():
    items = [
        agreement("a#1", ("SOCAR", "QazaqGaz"), "2022-08-26"),
        agreement("b#1", ("SOCAR", "QazaqGaz"), "2022-08-26"),
        agreement("c#1", ("SOCAR", "QazaqGaz"), "2022-08-25"),
    ]
    _, groups = group_agreements(items)
    (conflict,) = groups[0].conflicts
    assert [v.article_ids for v in conflict.values] == [("a", "b"), ("c",)]
    titles = {"a": "A", "b": "B", "c": "C"}
    assert conflict.describe(titles.__getitem__) == "date: 2022-08-26 (A, B) vs 2022-08-25 (C)"


def test_different_documents_stay_apart():
    items = [
        agreement("a#1", ("SOCAR", "QazaqGaz"), "2022-08-26"),
        agreement("b#1", ("SOCAR", "QazaqGaz"), "2023-05-02"),  # a later memorandum of the same pair
        agreement("c#1", ("SOCAR", "KazMunayGas"), "2022-08-26"),  # another pair
        agreement("d#1", ("SOCAR", "QazaqGaz"), "2022-08-26", kind="protocol"),  # another kind
        agreement("e#1", ("SOCAR", "QazaqGaz"), vague=True),  # "various agreements"
        agreement("a#2", ("SOCAR", "QazaqGaz"), "2022-08-26"),  # same article: not a second report
        agreement("f#1", ("Kazakhstan", "Azerbaijan"), kind="agreement"),
        agreement("g#1", ("Kazakhstan", "Azerbaijan"), kind="agreement"),  # undated state-level
    ]
    _, groups = group_agreements(items)
    assert len(groups) == len(items)
    assert all(not g.conflicts for g in groups)


def test_an_mou_reported_as_an_agreement_links_when_the_parties_match():
    items = [
        agreement("a#1", ("SOCAR", "QazaqGaz"), "2022-08-26"),
        agreement("b#1", ("QazaqGaz", "SOCAR"), kind="agreement", reported="2022-08-30"),
        agreement("c#1", ("QazaqGaz", "SOCAR"), kind="agreement"),  # no date at all: no evidence
    ]
    _, groups = group_agreements(items)
    assert [g.members for g in groups] == [("a#1", "b#1"), ("c#1",)]
    assert groups[0].type == "memorandum"


def test_group_ids_are_stable_and_extracted_articles_link():
    one = make_article(
        "Azerbaijani State Oil Company (SOCAR) and Kazakh QazaqGaz have signed a memorandum of "
        "understanding (MoU), Azernews reports.",
        date="2022-08-25",
        article_id="wire",
    )
    two = make_article(
        "The signing of a memorandum of understanding on joint gas projects between Kazakhstan's gas "
        "giant QazaqGaz and Azerbaijan's state oil company SOCAR on August 26, 2022 was a step forward.",
        date="2023-03-30",
        article_id="analysis",
    )
    found = [*extract_agreements(one), *extract_agreements(two)]
    grouped, groups = group_agreements(found)
    assert len(groups) == 1
    assert [c.describe() for c in groups[0].conflicts] == [
        "date: 2022-08-26 (analysis) is after wire reported it on 2022-08-25"
    ]
    again, _ = group_agreements(reversed(found))
    assert {a.group for a in again} == {a.group for a in grouped}


def test_a_year_less_date_is_placed_in_its_article_year_to_group_and_to_compare():
    items = [
        agreement("a#1", ("SOCAR", "QazaqGaz"), "--08-26", reported="2022-08-27"),
        agreement("b#1", ("QazaqGaz", "SOCAR"), "2022-08-26", reported="2022-08-30"),
        agreement("c#1", ("QazaqGaz", "SOCAR"), "--08-29", reported="2022-08-31"),
    ]
    grouped, groups = group_agreements(items)
    assert len(groups) == 1 and groups[0].members == ("a#1", "b#1", "c#1")
    # "29 August" is after the day article a already reported the signing: flagged.
    kinds = [c.field for c in groups[0].conflicts]
    assert "date" in kinds and "date after report" in kinds
    assert grouped[0].when == PartialDate(None, 8, 26)  # the record keeps the date as stated


def test_candidate_pairs_hold_every_pair_that_is_one_agreement():
    """Grouping compares only candidate pairs (not n²): no pair `same_agreement` accepts is missed."""
    import random

    from energybrowser.agreements.grouping import candidate_pairs, same_agreement

    rng = random.Random(7)
    names = ("SOCAR", "QazaqGaz", "KazMunayGas", "Azerbaijan", "Kazakhstan", "BP")
    kinds = ("memorandum", "agreement", "contract", "protocol")

    def date() -> str:
        year, month, day = rng.randint(2020, 2022), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice(
            (
                "",
                f"{year}",
                f"{year}-{month:02d}",
                f"{year}-{month:02d}-{day:02d}",
                f"--{month:02d}-{day:02d}",
            )
        )

    items = [
        agreement(
            f"art{rng.randint(0, 60)}#{n}",
            tuple(rng.sample(names, rng.randint(1, 3))),
            date(),
            rng.choice(kinds),
            reported=date(),
            vague=rng.random() < 0.05,
        )
        for n in range(400)
    ]
    expected = {
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if same_agreement(items[i], items[j])
    }
    assert expected  # the sample holds reports of one agreement
    assert expected <= set(candidate_pairs(items))


def _conflicts_comparing_every_pair(members: list[Agreement]) -> list[Conflict]:
    """The "date after report" conflicts as first written: every stated date against every report."""
    from energybrowser.agreements.grouping import _known, _placed

    def after(date: PartialDate, day: PartialDate) -> bool:
        known = _known(date)
        return bool(known) and known > _known(day)[: len(known)]

    found = []
    for m in (m for m in members if not m.when.is_empty):
        for other in members:
            if other.reported.is_complete and after(_placed(m), other.reported):
                stated = ConflictValue(m.when, (m.article,))
                report = ConflictValue(other.reported, (other.article,))
                found.append(Conflict("date after report", (stated, report)))
    return found


def test_date_after_report_conflicts_of_a_big_group_are_those_of_every_pair():
    import random

    from energybrowser.agreements.grouping import build_group

    rng = random.Random(12)

    def some_date(complete: bool = False) -> str:
        year, month, day = rng.choice((2021, 2022)), rng.randint(1, 12), rng.randint(1, 28)
        full = f"{year}-{month:02d}-{day:02d}"
        forms = (f"{year}", f"{year}-{month:02d}", f"--{month:02d}-{day:02d}", "", full)
        return full if complete else rng.choice(forms)

    members = [
        agreement(
            f"a{n}#1",
            ("SOCAR", "QazaqGaz"),
            some_date(),
            reported=some_date(complete=rng.random() < 0.8) if rng.random() < 0.9 else "",
        )
        for n in range(300)
    ]
    group = build_group(members)
    found = [c for c in group.conflicts if c.field == "date after report"]
    expected = _conflicts_comparing_every_pair(members)
    assert len(expected) > 500  # the kind of group where comparing every pair was slow
    assert found == expected


def test_groups_are_those_of_comparing_every_two_members_dates():
    """Big groups compare their members' distinct dates, not every two members: same groups."""
    import random

    rng = random.Random(5)
    names = ("SOCAR", "QazaqGaz", "Azerbaijan", "Kazakhstan")

    def date() -> str:  # a few weeks of one year, at every precision: groups of many reports
        month, day = rng.randint(3, 4), rng.randint(1, 28)
        forms = ("", "2022", f"2022-{month:02d}", f"2022-{month:02d}-{day:02d}", f"--{month:02d}-{day:02d}")
        return rng.choice(forms)

    items = [
        agreement(
            f"art{n}#1",
            tuple(rng.sample(names, rng.randint(1, 2))),
            date(),
            rng.choice(("memorandum", "agreement")),
            reported=f"2022-{rng.randint(3, 4):02d}-{rng.randint(1, 28):02d}",
        )
        for n in range(500)
    ]
    _grouped, groups = group_agreements(items)
    index = {a.id: i for i, a in enumerate(items)}
    found = sorted(sorted(index[m] for m in g.members) for g in groups)
    assert max(len(g) for g in found) >= 20  # the kind of group the member-by-member check was slow on
    assert found == sorted(reference_groups(items))


def _reprints(found: list[Agreement], copies: int, rng: random.Random) -> list[Agreement]:
    """`found` as reported again by other articles: the same reports a few days apart, at another
    precision, undated, in another order; dense buckets of the kind a large library makes."""
    out = list(found)
    for n in range(copies):
        for a in found:
            if rng.random() < 0.5:
                continue
            when = a.when
            if when.year is not None and when.month is not None and rng.random() < 0.7:
                day = min(28, max(1, (when.day or 15) + rng.randint(-9, 9)))
                year, month = when.year, when.month
                forms = (PartialDate(year, month, day), PartialDate(year, month), PartialDate(year))
                when = rng.choice((*forms, PartialDate(None, month, day), PartialDate()))
            reported = a.reported
            if reported.year is not None and rng.random() < 0.8:
                reported = PartialDate(reported.year, rng.randint(1, 12), rng.randint(1, 28))
            article = f"{a.article}-reprint{n}"
            number = a.id.split("#")[-1]
            out.append(replace(a, id=f"{article}#{number}", article=article, when=when, reported=reported))
    rng.shuffle(out)
    return out


def test_groups_and_conflicts_on_a_generated_library_are_those_of_the_reference_grouping():
    """Reports compared on precomputed keys: the groups (and so their ids and conflicts) are the
    ones `same_agreement` on every candidate pair gives, on the agreements of generated articles
    of real paragraphs, reported again and again by other articles."""
    from energybrowser.agreements.grouping import build_group
    from energybrowser.bench.library_gen import article_text, source_paragraphs
    from energybrowser.corpus.markdown_io import parse_article
    from energybrowser.resources import bundled_corpus_dir

    rng = random.Random(3)
    paragraphs = source_paragraphs([bundled_corpus_dir()])
    found = [
        a for n in range(60) for a in extract_agreements(parse_article(article_text(rng, n, paragraphs)[1]))
    ]
    items = _reprints(found, 20, rng)
    grouped, groups = group_agreements(items)
    expected = [build_group([items[i] for i in members]) for members in reference_groups(items)]

    assert len(items) > 1000 and sum(len(g.members) > 3 for g in expected) > 20
    assert groups == tuple(expected)
    by_id = {g.id: g for g in groups}
    assert all(by_id[a.group].conflicts == a.conflicts and a.id in by_id[a.group].members for a in grouped)
