from __future__ import annotations

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.grouping import group_agreements
from energybrowser.agreements.model import Agreement, Evidence
from tests.core.extraction_helpers import make_article

EVIDENCE = Evidence("s", 1, 0, 1)


def agreement(
    aid: str, parties: tuple[str, ...], date_iso: str = "", kind: str = "memorandum", **kw
) -> Agreement:
    article = aid.split("#")[0]
    return Agreement(aid, article, kind, "signed", parties, EVIDENCE, date_iso=date_iso, **kw)


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
    assert group.dates == ("2022-08-26", "2022-08-24", "2022-08")
    conflicts = " | ".join(group.conflicts)
    assert "2022-08-26 (b) vs 2022-08-24 (c)" in conflicts
    assert "2022-08-26 (b) is after a reported it on 2022-08-25" in conflicts
    assert "1.5 million tonnes per year (c) vs 2 million tonnes per year (d)" in conflicts
    assert grouped[0].conflicts == group.conflicts


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
    assert groups[0].conflicts == ("date: 2022-08-26 (analysis) is after wire reported it on 2022-08-25",)
    again, _ = group_agreements(reversed(found))
    assert {a.group for a in again} == {a.group for a in grouped}
