"""Applying reviews to the extracted agreements: a pure function from both to the reviewed ledger."""

from __future__ import annotations

from dataclasses import replace

import pytest

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.grouping import group_agreements
from energybrowser.corpus.model import Article, PartialDate
from energybrowser.curation.anchor import quote_at
from energybrowser.curation.apply import apply_reviews
from energybrowser.curation.fields import FieldError
from energybrowser.curation.records import (
    add_review,
    confirm,
    edit,
    move_evidence,
    reject,
    set_group,
    start_review,
)
from tests.core.extraction_helpers import make_article

LEAD = "Leaders met in Baku on Monday to discuss energy."
MOU = "SOCAR and KazMunayGas signed a memorandum on oil transit in Baku on 3 May 2024."
LATER = "The sides will also study a new pipeline across the sea next year."


def article(*paragraphs: str, article_id: str = "art-one") -> Article:
    return make_article(*paragraphs, date="2024-05-05", article_id=article_id)


def ledger_of(articles: list[Article], reviews):
    found = [a for art in articles for a in extract_agreements(art)]
    by_id = {a.id: a for a in articles}
    return apply_reviews(found, reviews, by_id.get)


def only(art: Article):
    (agreement,) = extract_agreements(art)
    return agreement


def test_without_reviews_every_agreement_is_unreviewed():
    art = article(LEAD, MOU)
    ledger = ledger_of([art], [])
    assert [a.review.state for a in ledger.agreements] == ["unreviewed"]
    assert ledger.agreements[0].review.provenance("parties") == ("extracted", "")


def test_confirm_marks_every_field_confirmed_with_its_time():
    art = article(LEAD, MOU)
    review = confirm(start_review(only(art), art.text), at="2026-01-02T03:04:05Z")
    (reviewed,) = ledger_of([art], [review]).agreements
    assert reviewed.review.state == "confirmed"
    assert reviewed.review.provenance("date") == ("confirmed", "2026-01-02T03:04:05Z")
    assert reviewed.parties == ("SOCAR", "KazMunayGas")


def test_reject_leaves_it_out_of_the_visible_ledger_with_its_reason():
    art = article(LEAD, MOU)
    review = reject(start_review(only(art), art.text), "a lead-in, not an agreement")
    ledger = ledger_of([art], [review])
    assert ledger.visible == ()
    (rejected,) = ledger.agreements
    assert rejected.review.state == "rejected" and rejected.review.note == "a lead-in, not an agreement"
    assert rejected.group == ""


def test_edit_sets_values_and_says_which_fields_were_edited():
    art = article(LEAD, MOU)
    review = edit(
        start_review(only(art), art.text),
        {"parties": "SOCAR; KazMunayGas; Kazakhstan", "date": "--05-03", "status": "planned"},
        at="2026-02-01T00:00:00Z",
    )
    (reviewed,) = ledger_of([art], [review]).agreements
    assert reviewed.parties == ("SOCAR", "KazMunayGas", "Kazakhstan")
    assert reviewed.when.iso() == "--05-03" and reviewed.status == "planned"
    assert reviewed.review.state == "edited"
    assert set(reviewed.review.edited_fields) == {"parties", "date", "status"}
    assert reviewed.review.provenance("parties") == ("edited", "2026-02-01T00:00:00Z")
    assert reviewed.review.provenance("place") == ("confirmed", "2026-02-01T00:00:00Z")
    data = reviewed.to_json()
    assert data["review"]["state"] == "edited" and data["parties"][-1] == "Kazakhstan"


def test_setting_a_field_back_to_its_extracted_value_clears_the_edit():
    art = article(LEAD, MOU)
    review = edit(start_review(only(art), art.text), {"place": "Astana"})
    review = edit(review, {"place": "Baku"})
    assert "place" not in review.values and review.state == "confirmed"


def test_bad_values_are_refused_with_one_line():
    art = article(LEAD, MOU)
    review = start_review(only(art), art.text)
    with pytest.raises(FieldError, match="status must be one of"):
        edit(review, {"status": "dreamt"})
    with pytest.raises(FieldError, match="date must be"):
        edit(review, {"date": "3rd of May"})
    with pytest.raises(FieldError, match="unknown field"):
        edit(review, {"colour": "red"})


def test_an_added_agreement_appears_with_its_values():
    art = article(LEAD, MOU, LATER)
    start = art.text.index(LATER)
    review = add_review(
        "art-one",
        quote_at(art.text, start, start + len(LATER)),
        {"type": "agreement", "status": "planned", "parties": ["Azerbaijan", "Kazakhstan"], "date": "2025"},
    )
    ledger = ledger_of([art], [review])
    added = [a for a in ledger.agreements if a.review.state == "added"]
    assert len(added) == 1
    assert added[0].parties == ("Azerbaijan", "Kazakhstan") and added[0].when.iso() == "2025"
    assert added[0].evidence.text == LATER and added[0].evidence.paragraph == 3
    assert added[0].review.provenance("status")[0] == "added"


def test_moved_evidence_points_at_the_other_sentence():
    art = article(LEAD, MOU, LATER)
    start = art.text.index(LATER)
    review = move_evidence(start_review(only(art), art.text), quote_at(art.text, start, start + len(LATER)))
    (reviewed,) = ledger_of([art], [review]).agreements
    assert reviewed.evidence.text == LATER and reviewed.evidence.paragraph == 3
    assert reviewed.review.provenance("evidence")[0] == "edited"


def test_review_survives_a_text_edit_that_shifts_the_evidence():
    art = article(LEAD, MOU)
    review = edit(start_review(only(art), art.text), {"subject": "crude oil transit"})
    shifted = article("A paragraph the editor added at the top.", LEAD.replace("Monday", "Tuesday"), MOU)
    (reviewed,) = ledger_of([shifted], [review]).agreements
    assert reviewed.subject == "crude oil transit"
    assert reviewed.evidence.paragraph == 3


def test_review_survives_a_newer_analyser_that_numbers_agreements_differently():
    art = article(LEAD, MOU)
    review = edit(start_review(only(art), art.text), {"subject": "crude oil transit"})
    renumbered = [replace(a, id=a.id.replace("#a1", "#a7")) for a in extract_agreements(art)]
    ledger = apply_reviews(renumbered, [review], {art.id: art}.get)
    (reviewed,) = ledger.agreements
    assert reviewed.id.endswith("#a7") and reviewed.subject == "crude oil transit"


def test_an_agreement_the_analyser_no_longer_finds_is_restored_from_its_review():
    art = article(LEAD, MOU)
    review = confirm(start_review(only(art), art.text))
    ledger = apply_reviews([], [review], {art.id: art}.get)
    (restored,) = ledger.agreements
    assert restored.parties == ("SOCAR", "KazMunayGas") and restored.when.iso() == "2024-05-03"
    assert restored.review.state == "confirmed" and restored.evidence.text == MOU


def test_a_review_that_cannot_be_placed_needs_a_look_and_is_not_dropped():
    art = article(LEAD, MOU)
    review = confirm(start_review(only(art), art.text))
    rewritten = article(LEAD, "Nothing of the kind happened; the talks were called off over pricing.")
    ledger = ledger_of([rewritten], [review])
    assert [n.review_id for n in ledger.needs_look] == [review.id]
    assert "not in the article" in ledger.needs_look[0].reason
    gone = apply_reviews([], [review], lambda _id: None)
    assert gone.needs_look[0].reason == "the article is not in the library"


def test_split_and_merge_rows_across_articles():
    one = article(MOU, article_id="art-one")
    two = article(
        "SOCAR and KazMunayGas signed a memorandum on oil transit on 3 May 2024 in Baku.",
        article_id="art-two",
    )
    found, _groups = group_agreements([*extract_agreements(one), *extract_agreements(two)])
    assert found[0].group == found[1].group  # the rules group the two reports
    split = set_group(start_review(found[1], two.text), "u-own")
    ledger = apply_reviews(found, [split], {"art-one": one, "art-two": two}.get)
    assert ledger.agreements[0].group != ledger.agreements[1].group
    merged = [
        set_group(start_review(a, art.text), "u-same") for a, art in zip(found, (one, two), strict=True)
    ]
    ledger = apply_reviews(found, [*merged], {"art-one": one, "art-two": two}.get)
    assert ledger.agreements[0].group == ledger.agreements[1].group != ""


def test_the_newest_of_two_reviews_of_one_agreement_wins_and_the_other_needs_a_look():
    art = article(LEAD, MOU)
    older = edit(
        start_review(only(art), art.text, at="2026-01-01T00:00:00Z"),
        {"place": "Astana"},
        at="2026-01-01T00:00:00Z",
    )
    newer = edit(
        start_review(only(art), art.text, at="2026-01-02T00:00:00Z"),
        {"place": "Aktau"},
        at="2026-01-02T00:00:00Z",
    )
    ledger = ledger_of([art], [older, newer])
    assert [a.place for a in ledger.visible] == ["Aktau"]
    assert [n.review_id for n in ledger.needs_look] == [older.id]


def test_review_json_round_trip():
    art = article(LEAD, MOU)
    review = edit(
        reject(start_review(only(art), art.text), "dup"), {"date": "2024-05", "parties": ["A", "B"]}
    )
    from energybrowser.curation.records import AgreementReview

    again = AgreementReview.from_json(review.to_json())
    assert again == review
    assert again.values["date"] == PartialDate(2024, 5)


def test_agreement_citations_use_the_reviewed_values():
    from energybrowser.citations import cite_agreement

    art = article(LEAD, MOU)
    review = edit(start_review(only(art), art.text), {"parties": "SOCAR; Kazakhstan", "type": "contract"})
    (reviewed,) = ledger_of([art], [review]).agreements
    text = cite_agreement(reviewed, art, "apa").text
    assert "Kazakhstan" in text and "contract" in text.lower() and "KazMunayGas and" not in text


def test_csv_export_carries_the_review_and_the_edited_values(tmp_path):
    import csv

    from energybrowser.agreements.ledger import group_rows
    from energybrowser.agreements.ledger_csv import write_ledger_csv

    art = article(LEAD, MOU)
    review = edit(start_review(only(art), art.text), {"place": "Astana"})
    review = confirm(review, note="checked with the ministry")
    ledger = ledger_of([art], [review])
    target = tmp_path / "ledger.csv"
    assert write_ledger_csv(target, group_rows(ledger.visible, grouped=True), lambda _a: "T") == 1
    with target.open(encoding="utf-8", newline="") as handle:
        (line,) = list(csv.DictReader(handle))
    assert (line["Review"], line["Edited fields"], line["Review note"]) == (
        "edited",
        "place",
        "checked with the ministry",
    )


def _partition(agreements):
    groups: dict[str, set[str]] = {}
    for a in agreements:
        groups.setdefault(a.group or a.id, set()).add(a.id)
    return sorted(sorted(g) for g in groups.values())


def test_regrouping_only_what_reviews_touch_gives_the_full_regrouping():
    from energybrowser.agreements.corpus import extract_corpus
    from energybrowser.corpus.loader import load_corpus
    from tests.conftest import REPO

    corpus = load_corpus(REPO / "corpus")
    extraction = extract_corpus(corpus.articles)
    by_id = {a.id: a for a in corpus.articles}
    found = extraction.agreements
    grouped = [a for a in found if sum(b.group == a.group for b in found) > 1]
    assert grouped
    first, second = grouped[0], grouped[1]
    reviews = [
        edit(start_review(first, by_id[first.article].text), {"date": "1999"}),  # leaves its group
        confirm(start_review(second, by_id[second.article].text)),
        reject(start_review(found[-1], by_id[found[-1].article].text)),
    ]
    full = apply_reviews(found, reviews, by_id.get)
    quick = apply_reviews(found, reviews, by_id.get, groups=extraction.groups)
    assert _partition(quick.agreements) == _partition(full.agreements)
    assert {g.id for g in quick.groups} == {g.id for g in full.groups}
    assert quick.get(first.id).group != quick.get(second.id).group
