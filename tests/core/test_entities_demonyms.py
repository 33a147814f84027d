"""A demonym is a mention of its country only where it stands for the state. Sentences from real
articles (the shared dev set): "the Chinese government", "Russian and Turkmen leaders", "Uzbek energy
minister" name the state; "Kazakh oil", "Uzbek students", "the Azerbaijani oil and gas company" do
not, so the reader does not highlight them and the facets do not count them."""

from __future__ import annotations

import pytest

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import ArticleMeta
from energybrowser.entities.extract import DESCRIBING, extract_entities, extract_from_text
from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.search.documents import extract_annotations


def countries(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.canonical) for s in extract_from_text(text, load_gazetteer()) if s.type == "country"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Then in September 2013, the Chinese government signed inter-governmental agreements.",
            [("Chinese", "China")],
        ),
        (
            "Russian and Turkmen leaders have failed to set a time frame for the return of gas flows.",
            [("Russian", "Russia"), ("Turkmen", "Turkmenistan")],
        ),
        ("In the next weeks, Gazprom will contact Turkmen authorities.", [("Turkmen", "Turkmenistan")]),
        ("The PM underlined that the Kazakh Government pays special attention.", [("Kazakh", "Kazakhstan")]),
        (
            "Uzbek energy minister Alisher Sultanov said the projects are a milestone.",
            [("Uzbek", "Uzbekistan")],
        ),
        ("We have not held negotiations with Russian party on the matter.", [("Russian", "Russia")]),
        (
            "The document was signed by Uzbek deputy prime minister Gulomzhon Ibragimov.",
            [("Uzbek", "Uzbekistan")],
        ),
        (
            "The contract covers the transit of oil through Russian territory until 2033.",
            [("Russian", "Russia")],
        ),
        (
            "Tokayev discussed Kazakh-Chinese relations with the visitors.",
            [("Kazakh", "Kazakhstan"), ("Chinese", "China")],
        ),
    ],
)
def test_a_demonym_that_stands_for_the_state_is_a_country_mention(sentence, expected):
    assert countries(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan is not holding negotiations on the topic of Kazakh oil export, the ministry said.",
        "ASTANA – Kazakh and Chinese large national companies signed agreements to develop gas projects.",
        "The other agreement is a memorandum for a training centre for Uzbek students.",
        "The deal covers the swap supplies of Turkmen gas, the minister said.",
        "Cooperation rests in particular on partnership with the Azerbaijani oil and gas company SOCAR.",
        "It follows an agreement between the UAE company and its Kazakh partners, signed in January 2023.",
        "Prikhodko told reporters Russian and Turkmen gas firms would meet soon.",
        "Vice Minister Murat Zhurebekov said so, the agency reports with reference to Kazakh media.",
    ],
)
def test_a_demonym_that_describes_goods_people_or_firms_names_no_state(sentence):
    gaz = load_gazetteer()
    assert [text for text, _ in countries(sentence) if gaz.is_demonym(text)] == []


def test_the_agreement_rules_still_see_describing_demonyms():
    text = "Hungary will receive Azerbaijani gas next year, the two countries said."
    article = build_article(ArticleMeta(id="a", title="Gas"), text)
    assert [s.canonical for s in extract_entities(article) if s.type == "country"] == ["Hungary"]
    described = [
        (s.canonical, s.source) for s in extract_entities(article, describing=True) if s.type == "country"
    ]
    assert described == [("Hungary", "gazetteer"), ("Azerbaijan", DESCRIBING)]


def test_the_entity_facet_counts_only_states_named():
    article = build_article(
        ArticleMeta(id="a", title="Oil"), "Kazakh oil reached Baku. The Uzbek side agreed to more talks."
    )
    entities = extract_annotations(article).entities
    assert "Uzbekistan" in entities and "Kazakhstan" not in entities
