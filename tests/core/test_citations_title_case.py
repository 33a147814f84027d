"""Titles cased as each style asks: sentence case (APA, Cite Them Right), headline case by the style's
own minor words (Chicago, MLA, APA in-text), names kept on the gazetteer's and the article's evidence.
The exports carry the title exactly as written."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.citations import cite, cite_agreement, in_text, to_bibtex, to_csl_json, to_ris
from energybrowser.citations.proper_nouns import NameEvidence
from energybrowser.citations.styles import STYLE_INFO
from energybrowser.citations.title_case import (
    _word_set,
    headline_case,
    headline_case_markup,
    headline_rules,
    sentence_case,
)
from energybrowser.corpus.markdown_io import parse_article


def article(title: str, body: str = "Body.", *, extra: str = "authors: Ann Lee\n") -> object:
    return parse_article(f'---\ntitle: "{title}"\n{extra}date: 2024-03-02\n---\n\n{body}\n', "t")


# Gazetteer evidence only: names, aliases, demonyms, multi-word names as phrases.
SENTENCE = [
    ("The Energy Factor in Astana-Baku Relations", "The energy factor in Astana-Baku relations"),
    ("Kazakh Oil Exports Rise As SOCAR Expands", "Kazakh oil exports rise as SOCAR expands"),
    (
        "QazaqGaz And KazMunayGas Sign MoU On Gas Processing",
        "QazaqGaz and KazMunayGas sign MoU on gas processing",
    ),
    (
        "Pipelines In Focus: The Middle Corridor Gains Ground",
        "Pipelines in focus: The Middle Corridor gains ground",
    ),
    ("Is Gas The Future? Analysts Weigh In", "Is gas the future? Analysts weigh in"),
    ("Azerbaijani Gas Reaches Europe. What Next?", "Azerbaijani gas reaches Europe. What next?"),
    (
        "State Oil Company Of Azerbaijan Republic Opens Office",
        "State Oil Company of Azerbaijan Republic opens office",
    ),
    ("Tokayev's Visit To Azerbaijan", "Tokayev's visit to Azerbaijan"),
    ("U.S. Firms Watch Turkmen Gas Talks", "U.S. firms watch Turkmen gas talks"),
    ("Tengizchevroil Output Falls In Atyrau Region", "Tengizchevroil output falls in Atyrau region"),
    ("Tap Into New Markets", "Tap into new markets"),  # "TAP" is the pipeline only written in capitals
    ("SOCAR and bp extend the ACG deal", "SOCAR and bp extend the ACG deal"),  # already sentence case
    ("bp Signs Caspian Accord", "bp signs Caspian accord"),  # a lower-case name keeps it at the start
    # All capitals is typography: brought to sentence case, names restored in their own spelling.
    ("KAZAKHSTAN AND AZERBAIJAN SIGN DEAL", "Kazakhstan and Azerbaijan sign deal"),
    ("SOCAR AND KAZMUNAYGAS SIGN MOU ON LNG", "SOCAR and KazMunayGas sign MoU on LNG"),
    ("azerbaijan and qazaqgaz agree", "Azerbaijan and QazaqGaz agree"),
    # Left alone: a bracketed stand-in, another script, a single word in capitals.
    ("[Untitled article]", "[Untitled article]"),
    ("Казахстан И Азербайджан Подписали Меморандум", "Казахстан И Азербайджан Подписали Меморандум"),
    ("SOCAR", "SOCAR"),
]


def test_every_csl_style_names_rules_whose_words_load_as_words() -> None:
    for info in STYLE_INFO:
        if info.kind == "csl":
            rules = headline_rules(info.headline_rules)
            assert {"the", "of", "and"} <= rules.minor
            assert "on" in rules.minor  # YAML would read a bare on as true
    with pytest.raises(ValueError, match="quote"):
        _word_set(["in", True])


@pytest.mark.parametrize(("title", "expected"), SENTENCE)
def test_sentence_case(title: str, expected: str) -> None:
    assert sentence_case(title) == expected


def test_sentence_case_is_stable() -> None:
    for _title, expected in SENTENCE:
        assert sentence_case(expected) == expected


def test_cite_them_right_keeps_the_subtitle_in_lower_case_but_a_new_sentence_capitalised() -> None:
    title = "Caspian Outlook: Gas, Grids And Geopolitics. Where Next?"
    assert (
        sentence_case(title, subtitle_capital=False)
        == "Caspian outlook: gas, grids and geopolitics. Where next?"
    )
    assert sentence_case(title) == "Caspian outlook: Gas, grids and geopolitics. Where next?"


BODY = (
    "Readers of Tengri asked about the Middle Corridor. The corridor runs west.\n\n"
    "Energy is the theme. Officials met Nurlanov in Astana, and Nurlanov spoke about energy.\n\n"
    "Analysts said Shell and the Caspian partners would invest; a turkey was served.\n\n"
    "## Pipeline Politics Heading\n\nNothing else."
)


def test_the_articles_own_text_names_words_capitalised_mid_sentence_and_never_lower_case() -> None:
    evidence = NameEvidence.of(article("x", BODY))
    # Tengri, Nurlanov, Caspian: capitalised mid-sentence, never lower case -> names.
    assert sentence_case("Tengri Readers Hear Nurlanov On Caspian Energy", evidence) == (
        "Tengri readers hear Nurlanov on Caspian energy"
    )
    # "Energy" only starts a sentence, "corridor" is also lower case, a heading's capitals say nothing.
    assert sentence_case("New Corridor For Energy And Pipeline Politics", evidence) == (
        "New corridor for energy and pipeline politics"
    )
    # Without the article, an unknown name has no evidence.
    assert sentence_case("Tengri Readers Hear Nurlanov") == "Tengri readers hear nurlanov"


def test_words_the_article_writes_together_as_a_name_keep_their_capitals() -> None:
    body = "Gas was discussed by President Nurlanov in Aktau. The president left early."
    evidence = NameEvidence.of(article("x", body))
    # "president" alone is an ordinary word here, but "President Nurlanov" is written as a name.
    cased = sentence_case("Aktau Talks With President Nurlanov", evidence)
    assert cased == "Aktau talks with President Nurlanov"
    assert sentence_case("The President Speaks", evidence) == "The president speaks"


def test_the_article_confirms_or_vetoes_gazetteer_names_that_are_ordinary_words() -> None:
    evidence = NameEvidence.of(article("x", BODY))
    # "Shell" is listed as ambiguous: a name only when the article writes it so (it does here).
    assert sentence_case("Caspian Deal For Shell", evidence) == "Caspian deal for Shell"
    assert sentence_case("Caspian Deal For Shell") == "Caspian deal for shell"
    # "Turkey" is a gazetteer name, but this article uses the word only in lower case.
    assert sentence_case("Dinner With Turkey", evidence) == "Dinner with turkey"
    assert sentence_case("Dinner With Turkey") == "Dinner with Turkey"


HEADLINE = [
    # (sentence case, Chicago, MLA, APA)
    (
        "Kazakh oil flows through BTC to the U.S. market",
        "Kazakh Oil Flows through BTC to the U.S. Market",
        "Kazakh Oil Flows through BTC to the U.S. Market",
        "Kazakh Oil Flows Through BTC to the U.S. Market",
    ),
    (
        "What Baku is looking for: A deal with QazaqGaz",
        "What Baku Is Looking For: A Deal with QazaqGaz",
        "What Baku Is Looking For: A Deal with QazaqGaz",
        "What Baku Is Looking for: A Deal With QazaqGaz",
    ),
    (
        "Re-establishing ties between anti-corruption bodies",
        "Re-establishing Ties between Anti-corruption Bodies",
        "Re-Establishing Ties between Anti-Corruption Bodies",
        "Re-Establishing Ties Between Anti-Corruption Bodies",
    ),
    (
        "Gas is flowing, so prices fall — a view from trend.az",
        "Gas Is Flowing, So Prices Fall — A View from trend.az",
        "Gas Is Flowing, so Prices Fall — A View from trend.az",
        "Gas Is Flowing, so Prices Fall — A View From trend.az",
    ),
]


@pytest.mark.parametrize(("sentence", "chicago", "mla", "apa"), HEADLINE)
def test_headline_case_follows_each_styles_minor_words(
    sentence: str, chicago: str, mla: str, apa: str
) -> None:
    assert headline_case(sentence, headline_rules("chicago")) == chicago
    assert headline_case(sentence, headline_rules("mla")) == mla
    assert headline_case(sentence, headline_rules("apa")) == apa


def test_headline_case_in_markup_skips_tags() -> None:
    cased = headline_case_markup("“<i>oil-rich nations: a look at</i>”", headline_rules("chicago"))
    assert cased == "“<i>Oil-Rich Nations: A Look At</i>”"


TITLE = "Tengri Readers Debate The Middle Corridor: Is Kazakh Gas Heading Through Baku To Europe?"
TEXT = "Readers of Tengri met in Aktau. They discussed gas.\n\nThe Tengri forum ended."
HEADLINE_TITLE = "Tengri Readers Debate the Middle Corridor: Is Kazakh Gas Heading through Baku to Europe?"
EXPECTED = {
    "apa": "Tengri readers debate the Middle Corridor: Is Kazakh gas heading through Baku to Europe?",
    "chicago": HEADLINE_TITLE,
    "chicago-note": HEADLINE_TITLE,
    "mla": HEADLINE_TITLE,
    "harvard": "Tengri readers debate the Middle Corridor: is Kazakh gas heading through Baku to Europe?",
}


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_each_style_prints_the_title_as_it_prescribes_in_text_and_html(style: str) -> None:
    source = article(TITLE, TEXT)
    entry = cite(source, style)
    assert EXPECTED[style] in entry.text
    assert EXPECTED[style] in (entry.html or "")
    # A located, quoted passage cites the same source the same way (the note styles carry the title).
    quoted = cite(source, style, quote="They discussed gas.")
    if style == "chicago-note":
        assert EXPECTED[style] in quoted.text


def test_apa_in_text_titles_are_in_apa_title_case() -> None:
    unsigned = article(TITLE, TEXT, extra="")
    # A web page is a work of its own: APA italicises its title, in the text as in the list.
    cited = in_text(unsigned, "apa")
    headline = "Tengri Readers Debate the Middle Corridor: Is Kazakh Gas Heading Through Baku to Europe?"
    assert cited.text == f"({headline}, 2024)"
    assert f"<i>{headline}</i>" in (cited.html or "")
    assert cite(unsigned, "apa").text.startswith(EXPECTED["apa"])


def test_agreement_citation_and_markdown_reference_case_the_title_too() -> None:
    source = article(TITLE, TEXT)
    sentence = "They discussed gas."
    start = source.text.index(sentence)
    evidence = Evidence(sentence, 1, start, start + len(sentence))
    agreement = Agreement("a1", "t", "memorandum", "signed", ("SOCAR", "QazaqGaz"), evidence)
    for style in ("apa", "harvard", "chicago", "mla"):
        assert EXPECTED[style] in cite_agreement(agreement, source, style).text
    assert EXPECTED["apa"] in cite(source, "markdown").text


def test_exports_carry_the_title_as_written() -> None:
    source = article(TITLE, TEXT)
    assert to_csl_json(source)["title"] == TITLE
    assert json.loads(cite(source, "csl-json").text)[0]["title"] == TITLE
    # Double braces keep every capital under BibTeX styles that would lower-case the title.
    assert "title = {{" + TITLE + "}}" in to_bibtex(source)
    assert f"TI  - {TITLE}" in to_ris(source)


def test_titles_in_another_language_are_printed_as_written() -> None:
    german = article("Die Gaspipeline Nach Europa Wird Gebaut", extra="authors: Ann Lee\nlanguage: de\n")
    for style in EXPECTED:
        assert "Die Gaspipeline Nach Europa Wird Gebaut" in cite(german, style).text


words = st.lists(
    st.one_of(
        st.sampled_from(
            ["SOCAR", "MoU", "Baku", "THE", "of", "and", "Gas", "oil-rich", "U.S.", "bp", "Kazakh", "I", "İş"]
        ),
        st.text(alphabet=st.sampled_from(list("aBcĞşßıİ'’-:?!.—“”()[]/&<>")), min_size=1, max_size=8),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(words, st.booleans())
def test_casing_changes_only_the_case_of_letters(title: str, subtitle_capital: bool) -> None:
    def key(text: str) -> str:
        return text.casefold().replace("ı", "i")  # Turkish dotless ı has the capital I

    cased = sentence_case(title, subtitle_capital=subtitle_capital)
    assert key(cased) == key(title)
    for rules in ("chicago", "mla", "apa"):
        assert key(headline_case(cased, headline_rules(rules))) == key(cased)
