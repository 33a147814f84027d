from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.agreements.extract import extract_agreements
from tests.core.extraction_helpers import make_article


def agreements(*paragraphs: str, date: str = "2024-05-10"):
    return extract_agreements(make_article(*paragraphs, date=date))


def summary(*paragraphs: str, date: str = "2024-05-10") -> list[tuple[str, str, set[str]]]:
    return [(a.type, a.status, set(a.parties)) for a in agreements(*paragraphs, date=date)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("SOCAR and KazMunayGas inked a memorandum of understanding on oil transit.", "memorandum"),
        ("SOCAR and KazMunayGas concluded a contract on oil transit.", "contract"),
        ("SOCAR and KazMunayGas reached an accord on oil transit.", "accord"),
        ("SOCAR and KazMunayGas sealed a deal on oil transit.", "agreement"),
        ("A protocol on oil transit was signed by SOCAR and KazMunayGas.", "protocol"),
        ("An MoU between SOCAR and KazMunayGas has been signed.", "memorandum"),
        ("SOCAR signed an agreement with KazMunayGas on oil transit.", "agreement"),
        ("The signing of a roadmap between SOCAR and KazMunayGas took place in Baku.", "roadmap"),
    ],
)
def test_signed_in_many_phrasings(sentence, kind):
    assert summary(sentence) == [(kind, "signed", {"SOCAR", "KazMunayGas"})]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("SOCAR and KazMunayGas will sign an agreement on oil transit next week.", "planned"),
        ("An agreement between SOCAR and KazMunayGas is expected to be signed in June.", "planned"),
        ("SOCAR and KazMunayGas are set to sign a contract in Astana.", "planned"),
        ("SOCAR and KazMunayGas are negotiating a contract on oil transit.", "negotiated"),
        ("A draft agreement between SOCAR and KazMunayGas is under discussion.", "negotiated"),
    ],
)
def test_planned_and_negotiated(sentence, status):
    assert [s for _, s, _ in summary(sentence)] == [status]


@pytest.mark.parametrize(
    "sentence",
    [
        "No agreement was reached between SOCAR and KazMunayGas.",
        "SOCAR and KazMunayGas did not sign the contract.",
        "Talks between SOCAR and KazMunayGas ended without an agreement.",
        "We will provide more details when we reach an agreement, he said.",
        "If a deal is reached, deliveries could start in 2025.",
        "SOCAR could sign a contract with KazMunayGas later.",
        "We will sign a contract only when the price is right.",
        "New agreements are likely to come to the fore.",
        "KazTransOil shipped 75,000 barrels of oil to Baku on March 28, 2023.",
        "The heads of SOCAR and KazMunayGas met in Baku to discuss cooperation.",
        "QazTrade will launch a trade mission in Azerbaijan on April 4-6, 2023.",
        "Diplomatic relations between Azerbaijan and Kazakhstan were established on August 30, 1992.",
    ],
)
def test_negated_hypothetical_and_non_documents_do_not_count(sentence):
    assert summary(sentence) == []


def test_parties_from_the_previous_sentence_and_passive_voice():
    found = agreements(
        "Officials of KazMunayGas and SOCAR met in Astana on 1 November 2023. "
        "A memorandum on oil shipments was signed at the end of the talks."
    )
    (a,) = found
    assert (a.type, a.status, set(a.parties), a.parties_source) == (
        "memorandum", "signed", {"KazMunayGas", "SOCAR"}, "neighbour"
    )  # fmt: skip
    assert a.when.iso() == "2023-11-01"
    assert a.evidence.text.startswith("A memorandum")


def test_parties_are_not_the_countries_that_only_describe_them():
    (a,) = agreements(
        "Kazakhstan's gas giant QazaqGaz and Azerbaijan's state oil company SOCAR signed a memorandum "
        "of understanding on joint gas projects on August 26, 2022, Azernews reports."
    )
    assert a.parties == ("QazaqGaz", "SOCAR")
    assert (a.date, a.when.iso()) == ("August 26, 2022", "2022-08-26")
    assert a.subject == "joint gas projects"


def test_states_are_parties_when_they_sign():
    (a,) = agreements("Kazakhstan, Azerbaijan and Georgia reached an accord on 14.12.2022 in Tbilisi.")
    assert a.parties == ("Kazakhstan", "Azerbaijan", "Georgia")
    assert (a.when.iso(), a.place) == ("2022-12-14", "Tbilisi")


def test_speaker_and_relative_clause_are_not_parties():
    found = summary(
        "An intergovernmental agreement between Kazakhstan and Azerbaijan is expected to be signed, "
        "Kazakhstan's Ministry of Energy said.",
        "Uzbekistan and Turkmenistan clinched a transit agreement, under which Turkmengaz will send gas.",
    )
    assert found == [
        ("agreement", "planned", {"Kazakhstan", "Azerbaijan"}),
        ("agreement", "signed", {"Uzbekistan", "Turkmenistan"}),
    ]


def test_restatements_enrich_one_record():
    found = agreements(
        "SOCAR and QazaqGaz have signed a memorandum of understanding (MoU), Azernews reports.",
        "The signing ceremony occurred during a meeting between SOCAR President Rovshan Najaf and "
        "QazaqGaz Chairman Sanzhar Zharkeshov.",
        "The document provides for the exploration of hydrocarbon fields in Kazakhstan. "
        "Moreover, the memorandum will serve to develop close commercial relations.",
    )
    (a,) = found
    assert a.signatories == ("Rovshan Najaf", "Sanzhar Zharkeshov")
    assert a.subject == "exploration of hydrocarbon fields in Kazakhstan"
    assert [e.paragraph for e in a.supporting] == [2, 3, 3]
    assert a.document == "memorandum of understanding"


def test_visitors_are_not_signatories():
    found = agreements(
        "QazaqGaz and SOCAR signed a memorandum on August 26, 2022.",
        "The agreement in question was signed after the visit of President Kassym-Jomart Tokayev to Baku "
        "on 24 August 2022.",
    )
    (a,) = found
    assert a.signatories == () and a.when.iso() == "2022-08-26"


def test_vague_mentions_are_kept_and_marked():
    found = agreements(
        "The summit culminated in the signing of a number of agreements in various sectors. "
        "Several other agreements were concluded, including a protocol on customs between "
        "Georgia and Azerbaijan."
    )
    # The second umbrella names one of its documents (the protocol), which it restates; the first
    # names none of its own and stays a vague record, of documents rather than one agreement.
    assert [(a.type, a.vague, set(a.parties)) for a in found] == [
        ("document", True, set()),
        ("protocol", False, {"Georgia", "Azerbaijan"}),
    ]
    assert found[1].subject == "customs"
    assert found[1].evidence.text.startswith("Several other agreements")


def test_both_countries_means_the_article_main_pair():
    found = agreements(
        "Kazakhstan and Azerbaijan held talks. Kazakhstan wants more routes.",
        "Among the documents signed was a protocol reflecting the interests of both countries.",
    )
    assert [(a.type, a.parties, a.parties_source) for a in found] == [
        ("protocol", ("Kazakhstan", "Azerbaijan"), "article")
    ]


def test_the_sides_are_the_parties_of_the_agreement_just_reported():
    found = summary("Eni and KazMunayGas signed a contract. The sides also signed a roadmap on gas.")
    assert found == [
        ("contract", "signed", {"Eni", "KazMunayGas"}),
        ("roadmap", "signed", {"Eni", "KazMunayGas"}),
    ]


def test_quantities_and_money_of_the_agreement():
    (a,) = agreements(
        "Eni and KazMunayGas on Friday sealed a deal to develop the Isatay field.",
        "The deal foresees investment of about €600 million and output of 20,000 barrels per day.",
        date="2023-05-20",
    )
    assert a.when.iso() == "2023-05-19"
    assert a.quantities == ("EUR 600 million", "20,000 b/d")


def test_json_has_the_documented_keys():
    (a,) = agreements("SOCAR and KazMunayGas inked a memorandum in Baku on 3 May 2024.")
    data = a.to_json()
    for key in ("id", "article", "type", "status", "parties", "signatories", "date", "place", "subject",
                "quantities", "evidence", "group"):  # fmt: skip
        assert key in data
    assert set(data["evidence"]) == {"text", "paragraph", "start", "end"}
    assert data["date"] == "3 May 2024" and data["place"] == "Baku"


WORDS = [
    "SOCAR", "KazMunayGas", "Kazakhstan", "Azerbaijan", "signed", "will", "sign", "an", "agreement", "the",
    "memorandum", "no", "when", "between", "and", "on", "March 3, 2024", "in", "Baku", "document", "The",
    "protocol", ",", ".", "1.5 million tons", "per year", "various", "agreements", "not", "inked", "deal",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1, max_size=4))
def test_any_mix_of_agreement_words_gives_well_formed_records(paragraphs):
    article = make_article(*(" ".join(words) for words in paragraphs))
    for a in extract_agreements(article):
        assert a.status in ("signed", "planned", "negotiated")
        assert article.text[a.evidence.start : a.evidence.end] == a.evidence.text
        assert a.evidence.paragraph == article.paragraph_at(a.evidence.start)
        assert all(article.text[e.start : e.end] == e.text for e in a.supporting)
        assert len(set(a.parties)) == len(a.parties)


def test_the_company_as_subject_is_the_company_named_before():
    found = summary(
        "SOCAR reported record output in March.",
        "The company also signed a memorandum with QazaqGaz on gas chemistry.",
    )
    assert found == [("memorandum", "signed", {"SOCAR", "QazaqGaz"})]


def test_russian_reports_are_read_too():
    (a,) = agreements(
        "Сегодня в Баку подписан Меморандум о взаимопонимании между Государственной нефтяной компанией "
        "Азербайджанской Республики (SOCAR) и АО «Национальная компания «QazaqGaz». Интерфакс-Азербайджан"
    )
    assert (a.type, a.status, a.parties, a.place) == ("memorandum", "signed", ("SOCAR", "QazaqGaz"), "Baku")
