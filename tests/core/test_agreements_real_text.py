"""Rules for the ways real articles state agreements (issue 14): parties by clause structure,
venues, hosts and describing states left out, names in several forms, umbrellas, lists and
restatements, talks vs signings, dates that are not signing dates. Texts are written for the
tests; the real-article figures come from `python -m tests.core.dev_scores`."""

from __future__ import annotations

import pytest

from energybrowser.agreements.extract import extract_agreements
from tests.core.extraction_helpers import make_article


def found(*paragraphs: str, date: str = "2024-05-10"):
    return extract_agreements(make_article(*paragraphs, date=date))


def summary(*paragraphs: str, date: str = "2024-05-10") -> list[tuple[str, str, set[str]]]:
    return [(a.type, a.status, set(a.parties)) for a in found(*paragraphs, date=date)]


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        ("Azerbaijan, Turkey, Georgia and Bulgaria signed a memorandum in early April.",
         {"Azerbaijan", "Turkey", "Georgia", "Bulgaria"}),
        ("The Kazakh Energy Ministry and Chevron signed a memorandum to create an Investment Fund JSC.",
         {"Ministry of Energy of Kazakhstan", "Chevron"}),
        ("Abu Dhabi-based Masdar signed a memorandum with QazaqGaz.", {"Masdar", "QazaqGaz"}),
        ("The Chinese government signed an agreement with Turkmenistan on gas supplies.",
         {"China", "Turkmenistan"}),
        ("The Government of the Republic of Kazakhstan and the Government of Turkmenistan signed a protocol.",
         {"Kazakhstan", "Turkmenistan"}),
        ("SOCAR and Botas signed a cooperation agreement on June 4, 2024.", {"SOCAR", "BOTAŞ"}),
        ("At a forum hosted by Azerbaijan, SOCAR signed a memorandum with QazaqGaz.", {"SOCAR", "QazaqGaz"}),
        ("KazMunayGas of Kazakhstan and SOCAR signed a protocol.", {"KazMunayGas", "SOCAR"}),
        ("GOGC, SOCAR and Romagaz have signed the memorandum.",
         {"Georgian Oil and Gas Corporation", "SOCAR", "Romgaz"}),
    ],
)  # fmt: skip
def test_parties_by_clause_and_names_in_several_forms(sentence, parties):
    (a,) = found(sentence)
    assert set(a.parties) == parties


def test_an_opening_clause_names_the_scene_not_the_parties():
    (a,) = found(
        "Following a meeting of the heads of energy departments of Kyrgyzstan, Kazakhstan, Uzbekistan "
        "and Azerbaijan in Cholpon-Ata, Kyrgyzstan, Kazakhstan and Uzbekistan signed a protocol on energy."
    )
    assert set(a.parties) == {"Kyrgyzstan", "Kazakhstan", "Uzbekistan"} and a.place == "Cholpon-Ata"


def test_states_joined_by_hyphens_are_the_parties_of_a_cited_contract():
    (a,) = found("Under the Azerbaijan-Turkey contract, Turkey should receive 6 bcm of gas a year.")
    assert (a.type, a.status, set(a.parties)) == ("contract", "signed", {"Azerbaijan", "Turkey"})


def test_respectively_gives_one_record_per_pair():
    records = summary(
        "In September 2013, the Chinese government signed intergovernmental agreements with "
        "Uzbekistan, Tajikistan and Kyrgyzstan respectively."
    )
    assert records == [
        ("agreement", "signed", {"China", "Uzbekistan"}),
        ("agreement", "signed", {"China", "Tajikistan"}),
        ("agreement", "signed", {"China", "Kyrgyzstan"}),
    ]


def test_an_umbrella_restates_the_documents_it_announces():
    records = found(
        "Several documents were signed during the meeting of the presidents in Baku.",
        "One of them is a memorandum that was signed by GOGC, SOCAR and Romgaz.",
    )
    assert [(a.type, set(a.parties), a.place) for a in records] == [
        ("memorandum", {"Georgian Oil and Gas Corporation", "SOCAR", "Romgaz"}, "Baku")
    ]
    assert records[0].supporting[0].text.startswith("Several documents were signed")


def test_an_umbrella_counting_more_documents_than_named_stays():
    records = summary(
        "More than 20 documents were signed during the energy week in Baku.",
        "Among them, SOCAR and ACWA Power signed a memorandum on a wind farm.",
    )
    assert len(records) == 2 and records[1] == ("memorandum", "signed", {"SOCAR", "ACWA Power"})


def test_a_list_of_documents_gives_one_record_each_with_the_lists_parties_and_date():
    records = found(
        "On 9 February 2023, KMG and LUKOIL concluded a number of agreements on the Kalamkas block. "
        "These included a parties' agreement, a sale and purchase agreement for a 50% interest, and a "
        "financing agreement for the operator."
    )
    assert len(records) == 3
    assert all(set(a.parties) == {"KazMunayGas", "Lukoil"} and a.when.iso() == "2023-02-09" for a in records)


def test_under_an_umbrella_two_companies_that_agreed_to_build_report_one_document():
    records = summary(
        "Kazakh and Chinese companies signed agreements during the visit to China.",
        "KazMunayGas and CNCEC agreed to construct a gas turbine power plant in Atyrau.",
    )
    assert records == [("agreement", "signed", {"KazMunayGas", "CNCEC"})]


def test_a_bare_restatement_merges_and_the_previous_contract_is_another():
    records = found(
        "Turkey expects to reach an agreement with Turkmenistan soon on gas swaps.",
        "The minister added that he hopes to reach an agreement by the end of this month.",
        "The previous contract was signed in 2017, SOCAR said of its contract with Gazprom.",
    )
    assert [(a.status, a.type) for a in records][:1] == [("negotiated", "agreement")]
    assert len(records[0].supporting) == 1


def test_a_later_sentence_naming_more_parties_becomes_the_evidence():
    (a,) = found(
        "CNPC said on Monday that its subsidiary has signed an agreement with Tajiktransgaz. "
        "CNPC Trans-Asia Gas Pipeline Company Limited last Tuesday in Dushanbe signed an agreement "
        "with Tajiktransgaz on a joint pipeline company.",
        date="2014-03-10",
    )
    assert set(a.parties) == {"Trans-Asia Gas Pipeline Company", "Tajiktransgaz"}
    assert a.evidence.text.startswith("CNPC Trans-Asia") and a.place == "Dushanbe"
    assert (a.date, a.when.iso()) == ("last Tuesday", "2014-03-04")


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("Turkey and Azerbaijan can not agree on the legal aspects of the contract on gas sales.",),
         "negotiated"),
        (("The EU commenced negotiations with Turkmenistan and Azerbaijan on gas.",
          "An agreement could be signed this year between the three parties."), "negotiated"),
        (("Nasirov said that SOCAR had proposed extending its gas contract with Gazprom to 2020.",),
         "negotiated"),
        (("Kazakhstan is counting on signing the agreement on oil export to Belarus in 2020.",), "planned"),
    ],
)  # fmt: skip
def test_talks_proposals_and_plans_are_not_signings(paragraphs, expected):
    records = found(*paragraphs)
    assert [a.status for a in records] == [expected]


def test_generic_plural_talk_and_a_ministry_kept_consistent():
    assert found("We are considering relatively short-term contracts.") == ()
    records = found(
        "The Ministry of Energy of Uzbekistan has signed a deal with ACWA Power for a wind farm.",
        "The deal is part of a clutch of agreements between Uzbekistan and ACWA Power, including a "
        "25-year power purchase agreement.",
    )
    assert all(set(a.parties) == {"Ministry of Energy of Uzbekistan", "ACWA Power"} for a in records)


def test_the_company_of_a_state_and_its_partners_resolve_to_named_ones():
    records = found(
        "Masdar is an Abu Dhabi company. Masdar signed a road map with Kazakhstan's Ministry of Energy "
        "and Samruk-Kazyna.",
        "It follows an agreement between the UAE company and its Kazakh partners, signed in January 2023.",
    )
    assert set(records[-1].parties) == {"Masdar", "Ministry of Energy of Kazakhstan", "Samruk-Kazyna"}
    assert records[-1].when.iso() == "2023-01"


@pytest.mark.parametrize(
    ("sentence", "date_iso"),
    [
        ("BP and SOCAR signed a letter of intent in December to develop the fields until 2050.", "--12"),
        ("SOCAR and Gazprom signed a contract in 2017 that runs to 2020, Nasirov said on Wednesday.", "2017"),
        ("QazaqGaz and Geo-Jade Petroleum signed an agreement on Oct. 17, the press service "
         "reported on Oct. 18.",
         "--10-17"),
    ],
)  # fmt: skip
def test_term_ends_and_speaking_dates_are_not_signing_dates(sentence, date_iso):
    (a,) = found(sentence)
    assert a.when.iso() == date_iso


def test_signatories_without_titles_and_only_for_signed_documents():
    (a,) = found(
        "The Ministry of Energy of Uzbekistan signed a contract with Gazprom. Minister of Energy Jurabek "
        "Mirzamakhmudov and Chairman of the Management Board of Gazprom JSC Alexei Miller signed the "
        "document."
    )
    assert set(a.signatories) == {"Jurabek Mirzamakhmudov", "Alexei Miller"}
    (plan,) = found(
        "According to Energy Minister Natik Aliyev, an agreement will be signed with Turkmenistan."
    )
    assert plan.status == "planned" and plan.signatories == ()


def test_officials_signing_stand_for_their_bodies():
    """A company's officer and a minister signing: the company (a subsidiary of a known company,
    named as written) and the ministry the minister heads."""
    (subsidiary,) = found(
        "SOCAR Energy Georgia General Director Mahir Mammadov and Minister of Economy and Sustainable "
        "Development of Georgia Giorgi Kobulia signed a memorandum of mutual understanding."
    )
    ministry = "Ministry of Economy and Sustainable Development of Georgia"
    assert set(subsidiary.parties) == {"SOCAR Energy Georgia", ministry}
    assert set(subsidiary.signatories) == {"Mahir Mammadov", "Giorgi Kobulia"}


def test_ministers_signing_an_intergovernmental_document_sign_for_their_states():
    (record,) = found(
        "On June 20, an intergovernmental Memorandum of Understanding on cooperation in energy was signed. "
        "The document was signed by First Deputy Minister of Energy of Uzbekistan Azim Akhmedkhadzhaev "
        "and Minister of Energy of Azerbaijan Parviz Shahbazov."
    )
    assert set(record.parties) == {"Uzbekistan", "Azerbaijan"}


def test_the_speakers_organisation_is_the_unnamed_side_of_a_document_signed_with_one_party():
    paragraphs = (
        "Turkey and Azerbaijan can not agree on the contract, SOCAR Head of the Foreign Investments "
        "Department Vagif Aliyev said at a meeting with journalists.",
        "He said an agreement signed with BOTAS in 2010 was governed by British law.",
    )
    assert ("agreement", "signed", {"SOCAR", "BOTAŞ"}) in summary(*paragraphs)
    # Without a speaker whose organisation is known, the other side stays unnamed.
    unknown = ("Turkey and Azerbaijan can not agree on the contract.", paragraphs[1])
    assert ("agreement", "signed", {"BOTAŞ"}) in summary(*unknown)
