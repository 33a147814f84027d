"""Rules found wanting on wire copy the rules were not tuned on (`tests/data/wire-articles/`):
datelines, a speaker who is the signer, denials, counted sides ("the three companies"), another
document named by "replaces", periods that are not signing dates, a project's area that is not the
place of signing, persons written with initials, reporters who are not signatories. The texts here
are written for the tests and differ from the labelled set's."""

from __future__ import annotations

import pytest

from energybrowser.agreements.datelines import dateline_end
from energybrowser.agreements.extract import extract_agreements
from energybrowser.entities.extract import extract_entities, extract_from_text
from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.entities.sentences import split_sentences
from tests.core.extraction_helpers import make_article


def found(*paragraphs: str, date: str = "2025-05-10"):
    return extract_agreements(make_article(*paragraphs, date=date))


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("AKTOBE, May 7 (Reuters) - QazaqGaz said", "AKTOBE, May 7 (Reuters) - "),
        ("BISHKEK (AKIpress) - Kyrgyzstan said", "BISHKEK (AKIpress) - "),
        ("Tashkent, Uzbekistan (Daryo.uz) — SOCAR said", "Tashkent, Uzbekistan (Daryo.uz) — "),
        ("KAZINFORM – QazaqGaz said", "KAZINFORM – "),
        ("In 2021, SOCAR and BP said", ""),
        ("Kazakhstan – a neighbour – said", ""),
        ("SOCAR - the state company - said", ""),
    ],
)
def test_a_paragraph_opening_dateline_ends_where_the_story_starts(opening, dateline):
    article = make_article(opening + " it signed a memorandum.")
    s = split_sentences(article)[0]
    entities = extract_entities(article, describing=True)
    assert article.text[s.start : dateline_end(article.text, s, entities, load_gazetteer())] == dateline


def test_a_dateline_gives_neither_the_signing_date_nor_its_place():
    (a,) = found(
        "AKTOBE, May 7 (Reuters) - QazaqGaz said on Wednesday it had signed a gas supply agreement "
        "with Gazprom."
    )
    assert set(a.parties) == {"QazaqGaz", "Gazprom"}
    assert "May 7" not in a.date and a.place != "Aktobe"


def test_a_speaker_who_says_it_signed_is_a_party():
    (a,) = found("SOCAR said it has signed a memorandum with Uzbekneftegaz on exploration.")
    assert set(a.parties) == {"SOCAR", "Uzbekneftegaz"}


def test_a_denied_signing_is_no_record():
    assert not found("A QazaqGaz spokesman denied reports that the firm had signed a contract with Lukoil.")


def test_counted_sides_take_the_record_with_as_many_parties():
    records = found(
        "KazMunayGas, SOCAR and BP signed an agreement on oil swaps in Baku on May 2.",
        "QazaqGaz and Gazprom signed a gas supply contract.",
        "The three companies also signed a memorandum on training in 2021.",
    )
    memo = next(a for a in records if a.type == "memorandum")
    assert set(memo.parties) == {"KazMunayGas", "SOCAR", "BP"} and memo.when.iso() == "2021"


def test_a_document_another_replaces_is_another_record():
    records = found(
        "KEGOC and Uzbekneftegaz signed an agreement on power exchanges.",
        "The agreement replaces the agreement signed by the two companies in 2018.",
    )
    assert [a.when.iso() for a in records] == ["", "2018"]
    assert all(set(a.parties) == {"KEGOC", "Uzbekneftegaz"} for a in records)


def test_a_period_is_not_the_signing_date():
    (a,) = found("SOCAR and QazaqGaz signed a roadmap for 2026-2028 on cooperation.")
    assert a.when.iso() == ""


def test_a_projects_area_is_not_where_it_was_signed():
    (a,) = found(
        "SOCAR and Masdar signed an agreement to build a solar plant in the Khizi district. "
        "The agreement was signed in Abu Dhabi."
    )
    assert a.place == "Abu Dhabi"


def test_persons_with_initials_and_titles():
    gaz = load_gazetteer()
    spans = extract_from_text(
        "The protocol was signed by Deputy Minister Zh. Karibzhanov and the head of QazaqGaz JSC A. Tulenov. "
        "Tankers sail from St. Petersburg. A. Petersburg was not there.",
        gaz,
    )
    persons = {e.text for e in spans if e.type == "person"}
    assert persons == {"Zh. Karibzhanov", "A. Tulenov"}


def test_a_description_in_capitals_is_no_company():
    gaz = load_gazetteer()
    spans = extract_from_text('The State Company "Uzbekneftegaz" signed a contract with Lukoil.', gaz)
    assert not [e for e in spans if e.type == "organization" and e.text == "State Company"]


def test_the_reporting_official_is_not_a_signatory():
    (a,) = found(
        "SOCAR and BOTAS signed an agreement on gas supplies on Monday, Energy Minister Parviz "
        "Shahbazov announced."
    )
    assert "Parviz Shahbazov" not in a.signatories


def test_a_speaker_at_the_ceremony_is_not_a_signatory():
    (a,) = found(
        "Uzbekneftegaz and Lukoil signed a contract. Speaking at the signing ceremony, Uzbek Prime "
        "Minister Abdulla Aripov said the project was important."
    )
    assert "Abdulla Aripov" not in a.signatories


def test_the_leaders_of_states_sign_for_their_states():
    (a,) = found("The presidents of Kazakhstan, Kyrgyzstan and Tajikistan signed a declaration on water.")
    assert set(a.parties) == {"Kazakhstan", "Kyrgyzstan", "Tajikistan"}


def test_a_states_body_named_by_its_state():
    (a,) = found("Turkmenistan's Ministry of Energy and Hungary's Cabinet of Ministers signed a memorandum.")
    assert set(a.parties) == {"Ministry of Energy of Turkmenistan", "Hungary"}


def test_a_company_a_state_owns_written_as_a_company_writes():
    (a,) = found("QazaqGaz and Japan's JOGMEC Energy signed an agreement on hydrogen.")
    assert set(a.parties) == {"QazaqGaz", "JOGMEC Energy"}


def test_plural_documents_with_a_list_of_partners_one_each():
    records = found("SOCAR signed agreements with Equinor, TotalEnergies and Eni on Tuesday.")
    assert sorted(tuple(sorted(a.parties)) for a in records) == [
        ("Eni", "SOCAR"), ("Equinor", "SOCAR"), ("SOCAR", "TotalEnergies")
    ]  # fmt: skip


def test_the_ministry_named_before():
    records = found(
        "Uzbekistan's Ministry of Energy signed a contract with Lukoil.",
        "In 2021, Masdar and the ministry signed an agreement on a solar plant.",
    )
    assert set(records[-1].parties) == {"Masdar", "Ministry of Energy of Uzbekistan"}


def test_talks_but_no_agreement_yet_is_under_negotiation():
    (a,) = found("BOTAS is in talks with SOCAR on a contract for gas, but no agreement has been reached yet.")
    assert (a.status, set(a.parties)) == ("negotiated", {"BOTAŞ", "SOCAR"})
    assert not found("Kazakhstan is not holding negotiations with Russia on a new contract.")


def test_a_signing_unlikely_while_talks_go_on_is_under_negotiation():
    (a,) = found(
        "Gazprom and CNPC are still negotiating the price, and a contract is unlikely to be signed soon."
    )
    assert a.status == "negotiated"
    assert not found("A contract is unlikely to be signed soon, experts say.")


def test_an_event_is_where_it_was_signed():
    (a,) = found("SOCAR and ACWA Power signed an agreement at the Caspian Energy Forum.")
    assert a.place == "Caspian Energy Forum"


def test_the_sides_with_a_third():
    records = found(
        "Uzbekneftegaz and Lukoil signed a contract on the Kandym field.",
        "The parties plan to sign an agreement with Enter Engineering LLC next year.",
    )
    assert set(records[-1].parties) == {"Uzbekneftegaz", "Lukoil", "Enter Engineering"}


def test_an_unknown_name_that_signs_is_a_company():
    (a,) = found("Aral Sunrise Holdings has signed a farm-out agreement with KazMunayGas.")
    assert set(a.parties) == {"Aral Sunrise Holdings", "KazMunayGas"}
    gaz = load_gazetteer()
    assert [e.type for e in extract_from_text("Steppe Wind has signed a deal with SOCAR.", gaz)][:1] == [
        "organization"
    ]


def test_a_name_its_own_initials_abbreviate_is_a_company():
    gaz = load_gazetteer()
    spans = extract_from_text("Ukrainian Gas Transmission Operator (UGTO) and SOCAR signed a deal.", gaz)
    assert ("Ukrainian Gas Transmission Operator", "organization") in [(e.canonical, e.type) for e in spans]
    assert "Ukraine" not in [e.canonical for e in spans]


def test_a_long_office_before_a_three_word_name():
    gaz = load_gazetteer()
    spans = extract_from_text(
        "It was signed by Deputy Minister of Foreign Affairs of Pakistan Muhammad Aslam Chaudhry.", gaz
    )
    assert "Muhammad Aslam Chaudhry" in [e.canonical for e in spans if e.type == "person"]


def test_who_signs_after_an_opening_clause_signs():
    (a,) = found(
        "Following the talks in Ashgabat, President Serdar Berdimuhamedov and President Shavkat "
        "Mirziyoyev signed a joint declaration."
    )
    assert set(a.signatories) == {"Serdar Berdimuhamedov", "Shavkat Mirziyoyev"}


def test_a_list_of_documents_and_where_and_when_they_were_signed():
    records = found(
        "The following documents were signed during the visit:",
        "- an agreement between QazaqGaz and Uzbekneftegaz on gas transit;",
        "- a memorandum between KEGOC and Azerenerji on power exchanges.",
        "The documents were signed in Baku on October 2.",
    )
    assert [(a.type, a.date, a.place) for a in records] == [
        ("agreement", "October 2", "Baku"),
        ("memorandum", "October 2", "Baku"),
    ]


def test_not_yet_signed_while_talks_continue_is_under_negotiation():
    records = found(
        "Azerbaijan and Armenia discussed a peace treaty.",
        "Neither side has signed the treaty, and talks on its text continue.",
    )
    assert [a.status for a in records] == ["negotiated"]


def test_an_umbrella_of_more_documents_than_named_keeps_the_visits_states():
    records = found(
        "Azerbaijan and Kazakhstan signed a declaration on strategic partnership. In total, 12 documents "
        "were signed, including a memorandum between SOCAR and QazaqGaz."
    )
    umbrella = next(a for a in records if a.vague)
    assert set(umbrella.parties) == {"Azerbaijan", "Kazakhstan"}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("QazMunayGaz", "KazMunayGas"),  # Kazakh Latin Q, Russian-style gaz
        ("Samruk-Qazyna", "Samruk-Kazyna"),
        ("Qashagan", "Kashagan"),
        ("Ozbekneftegaz", "Uzbekneftegaz"),
        ("Azerenergy", "Azerenerji"),
    ],
)
def test_transliterations_of_known_names(written, canonical):
    spans = extract_from_text(f"Officials of {written} met on Monday.", load_gazetteer())
    assert [e.canonical for e in spans if e.type in ("organization", "field")] == [canonical]


def test_no_transliteration_for_names_of_other_states():
    assert load_gazetteer().lookup("Luqoil") is None  # k/q varies in Kazakh names only


def test_the_ministries_of_several_states():
    (a,) = found("A memorandum was signed between the energy ministries of Georgia and Armenia in Tbilisi.")
    assert set(a.parties) == {"Ministry of Energy of Georgia", "Ministry of Energy of Armenia"}


def test_a_company_a_state_owns_listed_with_a_company():
    (a,) = found("An agreement on oil fields was signed by Uzbekneftegaz and Russia's Zarubezhneft.")
    assert set(a.parties) == {"Uzbekneftegaz", "Zarubezhneft"}


def test_the_parties_of_a_cited_agreement_are_those_of_its_clause():
    (a,) = found(
        "Under the agreement signed between Turkmenenergo and KEGOC on Monday, Uzbekistan will "
        "receive transit power."
    )
    assert set(a.parties) == {"Turkmenenergo", "KEGOC"}


def test_where_a_facility_stands_is_not_where_it_was_signed():
    (a,) = found("Uzbekistan signed an agreement with Masdar on a wind farm in Navoi.")
    assert a.place == ""


def test_documents_named_by_their_acronyms_and_the_country_after_a_year():
    records = found(
        "Kazakhstan signed a power purchase agreement with Masdar on a wind farm.",
        "In 2022 the country concluded its first PPA with ACWA Power.",
    )
    assert set(records[-1].parties) == {"Kazakhstan", "ACWA Power"} and records[-1].when.iso() == "2022"


def test_the_original_agreement_is_another_one_between_the_same_parties():
    records = found(
        "An agreement extending gas supplies was reached between Gazprom and Kyrgyzstan.",
        "The original agreement was signed in 2014, when Gazprom bought Kyrgyzgaz.",
    )
    assert [a.when.iso() for a in records] == ["", "2014"]
    assert set(records[-1].parties) == {"Gazprom", "Kyrgyzstan"}


def test_signed_in_a_city_abroad():
    (a,) = found("SOCAR signed a supply contract with Eni in Geneva.")
    assert a.place == "Geneva"


def test_a_capitals_company_is_not_its_state():
    (a,) = found("Abu Dhabi's Masdar and QazaqGaz signed an agreement on Monday.")
    assert set(a.parties) == {"Masdar", "QazaqGaz"}


def test_a_document_the_new_one_follows_is_another():
    records = found(
        "Masdar and KEGOC signed an agreement on Monday.",
        "The agreement follows a framework deal the two sides reached in 2022.",
    )
    assert [a.when.iso() for a in records] == ["2025-05-05", "2022"]  # Monday before the article
    assert set(records[-1].parties) == {"Masdar", "KEGOC"}


def test_the_energy_ministers_of_states_sign_for_their_ministries():
    (a,) = found("The energy ministers of Kazakhstan and Uzbekistan have signed a memorandum on power trade.")
    assert set(a.parties) == {"Ministry of Energy of Kazakhstan", "Ministry of Energy of Uzbekistan"}


def test_a_disagreement_in_another_clause_leaves_the_signing():
    (a,) = found("Gazprom and CNPC signed a memorandum in May, but the sides have not agreed on the price.")
    assert a.status == "signed"


def test_not_yet_agreed_while_negotiations_continue():
    (a,) = found(
        "Turkmenistan and Gazprom have not yet agreed on a new supply contract, an official said.",
        '"Negotiations are continuing," he said.',
    )
    assert a.status == "negotiated"
    assert not found("Turkmenistan and Gazprom have not yet agreed on a new supply contract.")


def test_where_the_speaker_spoke_is_not_where_it_was_signed():
    (a,) = found("SOCAR and Eni signed a contract, Energy Minister Parviz Shahbazov told reporters in Baku.")
    assert a.place == ""


def test_a_dateline_with_a_sites_name():
    (a,) = found("Tbilisi, 7 October. Report.ge - SOCAR and GOGC have signed a memorandum on gas storage.")
    assert a.when.iso() == "" and a.place == ""
