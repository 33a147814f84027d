from __future__ import annotations

import pytest

from energybrowser.entities.extract import extract_entities
from tests.core.extraction_helpers import make_article


def found(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    spans = extract_entities(make_article(text))
    return [(e.canonical, e.type) for e in spans if kind is None or e.type == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zhetysu Petroleum, the national oil company of Elbonia, said so.", "Zhetysu Petroleum"),
        ("Elbonia's gas giant Norgaz Holdings signed.", "Norgaz Holdings"),
        # A legal form is no part of the name: "Altyn Invest JSC" and "Altyn Invest" are one company.
        ("Investors include Altyn Invest JSC and others.", "Altyn Invest"),
        ("The Ministry of Energy of Georgia welcomed it.", "Ministry of Energy of Georgia"),
        # A state's ministry is named the one way, however the text qualifies it.
        ("The Hungarian Ministry of Foreign Affairs announced it.", "Ministry of Foreign Affairs of Hungary"),
        ("Hungary's Ministry of Foreign Affairs announced it.", "Ministry of Foreign Affairs of Hungary"),
        ("Hungary's PowerGrid signed.", "PowerGrid"),
        ("Cargo was arranged by Dragon Oil last week.", "Dragon Oil"),
        ("MVM and SOCAR signed a contract.", "MVM"),
        # A stake in a list of stakes held by known companies (a real shareholder list).
        ("Participants are: BP (operator) - 25.5 percent, Statoil - 25.5 percent, NICO - 10 percent, "
         "Total - 10 percent, LukAgip - 10 percent, TPAO - 9 percent, SOCAR-10 percent.", "Total"),
        ("Shares: SOCAR 40%, Norgaz: 30%, KazMunayGas: 30%.", "Norgaz"),
    ],
)  # fmt: skip
def test_organisations_beyond_the_gazetteer(text, expected):
    assert (expected, "organization") in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOCAR President Rovshan Najaf met them.", "Rovshan Najaf"),
        ("The delegation was headed by its Chairman, Sanzhar Zharkeshov.", "Sanzhar Zharkeshov"),
        ("Deputy Chairman of the Board of Economy and Finance Dauren Karabayev said so.", "Dauren Karabayev"),
        ("As political commentator Elkhan Shahinoglu noted, ties are strong.", "Elkhan Shahinoglu"),
        ("Mr. Bolatbek Serikuly arrived.", "Bolatbek Serikuly"),
    ],
)
def test_persons_by_title_or_family_name(text, expected):
    assert (expected, "person") in found(text)


def test_stakes_alone_or_beside_unknown_names_make_no_company():
    assert found("Total - 10 percent, Average - 5 percent, Median - 4 percent.", "organization") == []
    assert ("Total", "organization") not in found("Total - 10 percent of gas went to BP - 5 percent.")


def test_family_name_alone_refers_to_the_full_name_given_earlier():
    spans = found("Analyst Elkhan Shahinoglu spoke. Later Shahinoglu added more.", "person")
    assert spans == [("Elkhan Shahinoglu", "person"), ("Elkhan Shahinoglu", "person")]


def test_a_known_persons_family_name_after_another_given_name_is_another_person():
    # The gazetteer knows "Aliyev" as Ilham Aliyev; "Natik Aliyev" is someone else.
    text = "Energy Minister of Azerbaijan - Natik Aliyev the company will grow. Aliyev added more."
    assert found(text, "person") == [("Natik Aliyev", "person"), ("Natik Aliyev", "person")]
    assert found("President Aliyev and Ilham Aliyev met Heydar Aliyev.", "person") == [
        ("Ilham Aliyev", "person"),
        ("Ilham Aliyev", "person"),
        ("Heydar Aliyev", "person"),
    ]


def test_fields_and_pipelines_by_their_head_word():
    text = "The Karabatan gas field rose; oil moves through the Zhetybay Pipeline and the Aral Corridor."
    assert ("Karabatan", "field") in found(text)
    assert ("Zhetybay pipeline", "pipeline") in found(text)
    assert ("Aral Corridor", "route") in found(text)  # a corridor is a route, not a pipeline


def test_country_before_pipeline_word_is_not_a_pipeline():
    assert found("Kazakh oil pipelines are full.", "pipeline") == []


def test_acronym_defined_in_the_article_is_used_later():
    text = "The Aral Basin Operating Company (ABOC) said so. Later ABOC raised output."
    # The long name, the acronym in brackets and the later use.
    assert found(text, "organization") == [("Aral Basin Operating Company", "organization")] * 3


def test_title_case_heading_words_are_not_names():
    assert found("Promoting the Integration of Caspian Energy Resources", "organization") == []
    assert found("Separately, Chevron said it had not signed.", "organization") == [
        ("Chevron", "organization")
    ]


def test_name_order_legal_forms_and_given_names_that_are_also_fields():
    assert found("said Kurmangazy Iskaziyev, a deputy chairman.", "person") == [
        ("Kurmangazy Iskaziyev", "person")
    ]
    assert found("The Chairman of the Board, Khassenov Askhat, spoke.", "person") == [
        ("Askhat Khassenov", "person")
    ]
    assert found("Deputy Chairman of the Board, KazMunayGas NC JSC said.", "organization") == [
        ("KazMunayGas", "organization")
    ]
    assert found("Deputy Chairman of the Board, KazMunayGas NC JSC said.", "person") == []


def test_person_after_a_title_with_its_complement():
    text = "Daniel Stein, assistant to the US Special Envoy for Eurasian Energy Richard Morningstar, spoke."
    assert found(text, "person") == [("Daniel Stein", "person"), ("Richard Morningstar", "person")]
    assert found("The Minister for Energy Affairs spoke.", "person") == []


def test_a_family_name_the_gazetteer_knows_may_name_another_person():
    text = "SOCAR Head of the Foreign Investments Department Vagif Aliyev spoke. Aliyev said so."
    assert [c for c, kind in found(text) if kind == "person"] == ["Vagif Aliyev", "Vagif Aliyev"]
    assert [c for c, kind in found("President Ilham Aliyev spoke. Aliyev said so.") if kind == "person"] == [
        "Ilham Aliyev",
        "Ilham Aliyev",
    ]
