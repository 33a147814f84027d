"""Rules found wanting on the third labelled set (`tests/data/varied-articles/`: readouts, stock-
exchange disclosures, translated copy, interviews, digests, long-form analysis): a list of documents
after an umbrella, a declaration of two presidents, legal forms written out, a verb whose article
translated copy drops, deadlines, idioms that name no document, paragraph labels, editor's notes,
headline digests, capitals standing for a union. The texts here are written for the tests and
differ from the labelled set's."""

from __future__ import annotations

from energybrowser.agreements.extract import extract_agreements
from energybrowser.entities.extract import extract_from_text
from energybrowser.entities.gazetteer import load_gazetteer
from tests.core.extraction_helpers import make_article


def found(*paragraphs: str, date: str = "2025-05-10"):
    return extract_agreements(make_article(*paragraphs, date=date))


def test_the_first_document_of_a_list_after_an_umbrella_is_its_own_record():
    records = found(
        "Following the talks, Uzbek-Turkmen documents were signed.",
        'The "Agreement between the Government of Uzbekistan and the Government of Turkmenistan on '
        'electricity trade" was signed by the energy ministers.',
        'The "Memorandum between Uzbekneftegaz and Turkmengaz on gas storage" was signed by the '
        "chairmen of the two companies.",
    )
    assert [(r.type, set(r.parties)) for r in records] == [
        ("agreement", {"Uzbekistan", "Turkmenistan"}),
        ("memorandum", {"Uzbekneftegaz", "Turkmengaz"}),
    ]


def test_a_declaration_of_two_presidents_is_signed_by_their_states():
    (a,) = found(
        'The leaders then signed the "Joint Declaration of the President of the Republic of Uzbekistan '
        'and the President of the Kyrgyz Republic on strategic partnership".'
    )
    assert a.type == "declaration" and set(a.parties) == {"Uzbekistan", "Kyrgyzstan"}


def test_a_legal_form_written_out_is_no_party():
    (a,) = found(
        'Joint Stock Company "Uzbekneftegaz" and Lukoil signed an agreement on the Kandym field on 3 May.'
    )
    assert set(a.parties) == {"Uzbekneftegaz", "Lukoil"}


def test_signed_before_a_bare_noun_is_the_verb_in_translated_copy():
    records = found(
        "QazaqGaz and Gazprom concluded agreement on gas processing, reports press service.",
        "Earlier it was reported, that in March 2024 KazMunayGas and Lukoil signed contract on supply "
        "of oil.",
    )
    assert [set(r.parties) for r in records] == [{"QazaqGaz", "Gazprom"}, {"KazMunayGas", "Lukoil"}]
    assert records[1].when.iso() == "2024-03"


def test_sides_without_an_article_in_the_paragraph_before():
    records = found(
        "KEGOC and Uzbekistan's National Electric Grid signed agreement on power exchange in Tashkent.",
        "Also sides discussed question of building a new line.",
        "Corresponding contract is planned to be signed till end of year.",
    )
    assert records[-1].status == "planned" and set(records[-1].parties) == set(records[0].parties)


def test_a_deadline_is_not_a_signed_documents_date():
    (a,) = found("SOCAR and ACWA Power signed an agreement providing construction of the plant by 2029.")
    assert a.when.iso() != "2029"


def test_entry_into_force_is_not_the_signing_date():
    (a,) = found(
        "The agreement between Kazakhstan and the EU was signed in 2015 and entered into force in 2020."
    )
    assert a.when.iso() == "2015"


def test_on_paper_names_no_document():
    (a,) = found(
        "The dispute was settled, at least on paper, in 2018, when Iran, Russia and Kazakhstan - all three "
        "- signed the convention in Aktau."
    )
    assert {"Iran", "Russia", "Kazakhstan"} <= set(a.parties)


def test_a_paragraph_label_is_no_party():
    (a,) = found("**Kazakhstan–Turkey:** KazMunayGas and BOTAS signed a contract on 4 March.")
    assert set(a.parties) == {"KazMunayGas", "BOTAŞ"}


def test_an_editors_note_reports_no_agreement():
    records = found(
        "QazaqGaz and Gazprom signed an agreement on gas transit.",
        "Correction: An earlier version of this article said the agreement was signed by KazMunayGas.",
    )
    assert len(records) == 1 and "KazMunayGas" not in records[0].parties


def test_a_digest_of_headlines_reports_signings_in_the_present_tense():
    records = found(
        "Uzbekistan, Tajikistan sign intergovernmental agreement on Rogun power (Asia-Plus)",
        "Turkmenistan, Iran discuss gas swap (Orient)",
        "The headlines above link to the original articles.",
    )
    assert [(r.status, set(r.parties)) for r in records] == [("signed", {"Uzbekistan", "Tajikistan"})]


def test_a_headline_after_the_story_is_a_link_not_a_signing():
    records = found(
        "SOCAR and BP signed a memorandum on solar power in Baku.",
        "More Top Reads",
        "Kazakhstan, Uzbekistan sign agreement on water sharing",
    )
    assert [set(r.parties) for r in records] == [{"SOCAR", "BP"}]


def test_talks_with_no_document_initialled_are_under_negotiation():
    (a,) = found(
        "Brussels and Tashkent have held talks on a raw materials agreement since 2023, but no document "
        "has been initialed."
    )
    assert a.status == "negotiated" and set(a.parties) == {"European Union", "Uzbekistan"}


def test_a_title_running_into_a_document_is_no_party():
    (a,) = found(
        "The EU-Uzbekistan Enhanced Partnership and Cooperation Agreement was signed in Brussels in 2024."
    )
    assert set(a.parties) == {"European Union", "Uzbekistan"} and a.place == "Brussels"


def test_legal_form_words_alone_name_no_company():
    text = 'The buyer, Joint Stock Company "Uzbekneftegaz", is registered as a Limited Liability Partnership.'
    names = {e.text for e in extract_from_text(text, load_gazetteer()) if e.type == "organization"}
    assert names == {"Uzbekneftegaz"}


# Round 7: found on v13-v18 (a Carnegie commentary, a president.uz readout, CGTN, a KASE disclosure,
# translated Azerbaijani copy, an interview in Q&A form).


def test_items_of_a_documents_list_after_an_umbrella_with_a_count():
    records = found(
        "In total, a package of 9 intergovernmental and interagency documents was signed. Among them:",
        "Agreement between the Government of the Kyrgyz Republic and the Government of the People's "
        "Republic of China on hydropower;",
        "Agreement between Kyrgyzneftegaz and Sinopec on the construction of a refinery;",
    )
    # Nine announced, two named: the package stays a record of its own, of type "document".
    assert [(r.type, set(r.parties)) for r in records] == [
        ("document", set()),
        ("agreement", {"Kyrgyzstan", "China"}),
        ("agreement", {"Kyrgyzneftegaz", "Sinopec"}),
    ]


def test_a_year_before_documents_is_no_count():
    records = found(
        "In 2023 documents were signed during the visit of the President of Kazakhstan to Baku.",
        "Among them, SOCAR and KazMunayGas signed a memorandum on oil transit.",
    )
    assert [r.type for r in records] == ["memorandum"]


def test_a_defined_short_name_is_the_organisation():
    (a,) = found(
        'Joint Stock Company "Uzbekneftegaz" (hereinafter - the Issuer) informs that on 3 March 2025 '
        "the Issuer and QazaqGaz concluded an agreement on gas distribution."
    )
    assert set(a.parties) == {"Uzbekneftegaz", "QazaqGaz"}


def test_an_answer_says_we_for_the_interviewees_side():
    records = found(
        "Kazakhstan's Energy Minister Almasadam Satkaliyev spoke to our correspondent.",
        "Q: Have you signed anything with Uzbekistan?",
        "A: We signed an agreement with Uzbekistan on water and energy in Tashkent in 2023.",
        "Q: And with companies?",
        "A: We signed a contract with TotalEnergies on the Mirny wind farm last year.",
    )
    assert [set(r.parties) for r in records] == [
        {"Kazakhstan", "Uzbekistan"},
        {"Ministry of Energy of Kazakhstan", "TotalEnergies"},
    ]


def test_we_outside_an_interview_adds_no_party():
    (a,) = found('"We signed an agreement with Uzbekistan," a SOCAR spokesman said on Monday.')
    assert "Kazakhstan" not in a.parties


def test_a_document_in_force_was_signed():
    (a,) = found("The Turkmenistan-Iran gas swap agreement expires in March 2027, the ministry said.")
    assert a.status == "signed" and set(a.parties) == {"Turkmenistan", "Iran"}
    assert a.when.iso() != "2027-03"


def test_a_cited_document_with_its_own_signing_clause():
    (a,) = found("Rosatom is building the plant under an agreement Uzbekistan signed with Russia in 2022.")
    assert set(a.parties) == {"Uzbekistan", "Russia"} and a.when.iso() == "2022"


def test_the_next_sentence_negotiating_it():
    (a,) = found("Our aim is a long-term contract with Gazprom. We are negotiating it now with QazaqGaz.")
    assert a.status == "negotiated"


def test_counted_heads_of_state_are_the_states_of_the_record_before():
    records = found(
        "The presidents of Azerbaijan, Georgia and Turkey signed the Baku Declaration on transport.",
        "The three heads of state also signed a memorandum on the Middle Corridor.",
    )
    assert set(records[1].parties) == {"Azerbaijan", "Georgia", "Turkey"}


def test_a_leader_and_the_leaders_of_other_states_sign_for_all():
    (a,) = found(
        "Russian President Vladimir Putin and the leaders of Kazakhstan and Belarus signed the treaty "
        "in Astana on Thursday."
    )
    assert set(a.parties) == {"Russia", "Kazakhstan", "Belarus"}


def test_a_capital_naming_a_document_is_no_side():
    (a,) = found("Uzbekistan and Tajikistan signed the Dushanbe Declaration on water.")
    assert set(a.parties) == {"Uzbekistan", "Tajikistan"}
