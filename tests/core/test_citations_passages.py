"""Passage and agreement citations: exact quotations, sensible elision, the right paragraph locator."""

from __future__ import annotations

import pytest

from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.citations import CitationError, cite, cite_agreement, describe_agreement
from energybrowser.citations.quotes import ELLIPSIS, QuoteNotFoundError, elide, locate, nest_quotes
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.corpus.model import PartialDate
from tests.conftest import FIXTURES


def article(name: str):
    return parse_article((FIXTURES / "citations" / f"{name}.md").read_text(encoding="utf-8"), name)


SIGNED = "signed a memorandum of understanding in Baku on Tuesday."


def test_quote_is_found_and_cited_with_its_paragraph_in_each_style() -> None:
    full = article("full")
    words = "signed a memorandum of understanding in Baku on Tuesday"
    expected = {
        "apa": f"“{words}” (Kızılay & Smith, 2023, para. 1).",
        "chicago": f"“{words}” (Kızılay and Smith 2023, para. 1).",
        "mla": f"“{words}” (Kızılay and Smith, par. 1).",
        "harvard": f"‘{words}’ (Kızılay and Smith, 2023, para. 1).",
    }
    for style, text in expected.items():
        assert cite(full, style, quote=SIGNED).text == text, style


def test_note_style_quotes_then_gives_the_located_note() -> None:
    result = cite(article("full"), "chicago-note", quote=SIGNED)
    assert result.text == (
        "“signed a memorandum of understanding in Baku on Tuesday.”¹\n\n"
        "1. Ayşe Kızılay and John Smith, “SOCAR and KazMunayGas Sign Energy Memorandum,” Caspian News, "
        "October 24, 2023, para. 1, https://caspiannews.example/socar-kmg-memorandum."
    )
    assert "<sup>1</sup>" in (result.html or "") and "<i>Caspian News</i>" in (result.html or "")


def test_whitespace_in_the_selection_is_normalised_and_matched() -> None:
    # The source paragraph has a run of spaces and a line break inside it.
    selection = "joint exploration in the Caspian shelf\nand the transport of Kazakh crude"
    result = cite(article("full"), "apa", quote=selection)
    assert result.text == (
        "“joint exploration in the Caspian shelf and the transport of Kazakh crude” "
        "(Kızılay & Smith, 2023, para. 2)."
    )


def test_quote_across_paragraphs_gets_a_range_locator() -> None:
    quote = "on Tuesday.\n\nThe memorandum covers"
    assert cite(article("full"), "apa", quote=quote).text.endswith("(Kızılay & Smith, 2023, paras. 1–2).")
    assert cite(article("full"), "mla", quote=quote).text.endswith("(Kızılay and Smith, pars. 1–2).")


def test_explicit_paragraph_is_checked_against_the_quote() -> None:
    full = article("full")
    assert cite(full, "apa", paragraph=1, quote=SIGNED).text.endswith("para. 1).")
    with pytest.raises(CitationError, match="not in paragraph 3 of 'socar-kmg-memorandum'"):
        cite(full, "apa", paragraph=3, quote=SIGNED)
    with pytest.raises(CitationError, match=r"has no paragraph 7 \(it has 1–6\)"):
        cite(full, "apa", paragraph=7)
    with pytest.raises(CitationError, match="has no paragraph 0"):
        cite(full, "apa", paragraph=0)


def test_quote_that_is_not_in_the_article_is_refused() -> None:
    with pytest.raises(CitationError, match="not in article 'socar-kmg-memorandum'"):
        cite(article("full"), "apa", quote="a sentence the article never says")
    with pytest.raises(CitationError, match="empty"):
        cite(article("full"), "apa", quote="   ")


def test_inner_quotation_marks_follow_the_locale() -> None:
    quote = '"We expect the first shipments next year," a SOCAR spokesperson said.'
    assert cite(article("full"), "apa", quote=quote).text.startswith(
        "“‘We expect the first shipments next year,’ a SOCAR spokesperson said” ("
    )
    assert cite(article("full"), "harvard", quote=quote).text.startswith(
        "‘“We expect the first shipments next year,” a SOCAR spokesperson said’ ("
    )


def test_long_quote_is_elided_keeping_start_and_end() -> None:
    paragraph = article("full").paragraph(6).text
    result = cite(article("full"), "apa", quote=paragraph).text
    quoted = result[1 : result.index("”")]
    assert ELLIPSIS in quoted
    assert quoted.startswith("The agreement is expected to be ratified")
    assert quoted.endswith("to the press or to the parliaments of either country")
    assert result.endswith("(Kızılay & Smith, 2023, para. 6).")


def test_elide_cuts_at_word_boundaries() -> None:
    words = [f"w{i}" for i in range(100)]
    assert elide(" ".join(words), 60, 30, 20) == " ".join(words[:30]) + f" {ELLIPSIS} " + " ".join(
        words[-20:]
    )
    assert elide("short  quote\n here") == "short quote here"
    assert elide("a, " * 70).count(ELLIPSIS) == 1
    assert ", …" not in elide(" ".join(["word,"] * 70))


def test_nest_quotes() -> None:
    assert nest_quotes('He said "yes" and "no"', "‘", "’") == "He said ‘yes’ and ‘no’"
    assert nest_quotes("He said “yes”", "‘", "’") == "He said ‘yes’"
    assert nest_quotes("the ‘deal’ of the Kazakhs’ firm", "“", "”") == "the “deal” of the Kazakhs’ firm"
    assert nest_quotes("Azerbaijan’s gas", "“", "”") == "Azerbaijan’s gas"


def test_locate_maps_back_to_article_offsets() -> None:
    full = article("full")
    found = locate(full, "Caspian   shelf and")
    assert full.text[found.start : found.end].split() == ["Caspian", "shelf", "and"]
    assert found.first_paragraph == found.last_paragraph == 2
    with pytest.raises(QuoteNotFoundError):
        locate(full, "Caspian shelf or")


def agreement(full, **changes) -> Agreement:
    sentence = "The State Oil Company of Azerbaijan Republic (SOCAR) and KazMunayGas signed a memorandum"
    start = full.text.index(sentence)
    values = {
        "id": "a1",
        "article": full.id,
        "type": "memorandum of understanding",
        "status": "signed",
        "parties": ("SOCAR", "KazMunayGas"),
        "evidence": Evidence(sentence, 1, start, start + len(sentence)),
        "date": "Tuesday",
        "when": PartialDate(2023, 10, 24),
    }
    values.update(changes)
    return Agreement(**values)


def test_agreement_line() -> None:
    full = article("full")
    assert describe_agreement(agreement(full)) == (
        "Memorandum of understanding between SOCAR and KazMunayGas, signed, 24 October 2023."
    )
    three = agreement(
        full, parties=("SOCAR", "KazMunayGas", "Tatneft"), when=PartialDate(), date="", status=""
    )
    assert describe_agreement(three) == (
        "Memorandum of understanding between SOCAR, KazMunayGas, and Tatneft, date not stated."
    )
    assert describe_agreement(agreement(full, when=PartialDate(2023, 10))).endswith("signed, October 2023.")


def test_agreement_citation_quotes_the_evidence_with_its_paragraph() -> None:
    full = article("full")
    result = cite_agreement(agreement(full), full, "apa")
    assert result.text == (
        "Memorandum of understanding between SOCAR and KazMunayGas, signed, 24 October 2023.\n"
        "“The State Oil Company of Azerbaijan Republic (SOCAR) and KazMunayGas signed a memorandum” "
        "(Kızılay & Smith, 2023, para. 1).\n\n"
        "Kızılay, A., & Smith, J. (2023, October 24). SOCAR and KazMunayGas sign energy memorandum. "
        "Caspian News. https://caspiannews.example/socar-kmg-memorandum"
    )
    assert "<i>Caspian News</i>" in (result.html or "")
    mla = cite_agreement(agreement(full), full, "mla").text
    assert "(Kızılay and Smith, par. 1)." in mla
    note = cite_agreement(agreement(full), full, "chicago-note").text
    assert "October 24, 2023, para. 1, https://" in note


def test_agreement_paragraph_comes_from_the_evidence_offsets_when_missing() -> None:
    full = article("full")
    evidence = agreement(full).evidence
    unnumbered = agreement(full, evidence=Evidence(evidence.text, None, evidence.start, evidence.end))
    assert "para. 1)" in cite_agreement(unnumbered, full, "apa").text


def test_agreement_in_exports() -> None:
    full = article("full")
    assert cite_agreement(agreement(full), full, "bibtex").text.startswith("@article{kizilay2023socar,")
    markdown = cite_agreement(agreement(full), full, "markdown").text
    assert markdown.startswith(
        "Memorandum of understanding between SOCAR and KazMunayGas, signed, 24 October 2023."
    )
    assert "> — (Kızılay & Smith, 2023, para. 1)" in markdown


def test_agreement_goes_into_the_note_of_record_exports() -> None:
    full = article("full")
    ris = cite_agreement(agreement(full), full, "ris").text
    assert "N1  - Memorandum of understanding between SOCAR and KazMunayGas, signed, 24 October 2023. " in ris
    assert "Evidence (para. 1): “The State Oil Company" in ris
    bib = cite_agreement(agreement(full), full, "bibtex").text
    assert "note = {Memorandum of understanding between SOCAR and KazMunayGas" in bib
    single = agreement(
        full, parties=("QazaqGaz",), type="contract", when=PartialDate(None, 10, 24), date="Oct 24"
    )
    assert describe_agreement(single) == "Contract involving QazaqGaz, signed, 24 October (year not stated)."


def test_selection_offsets_fix_the_paragraph_of_a_repeated_phrase() -> None:
    from energybrowser.citations import cite_selection

    repeated = article("repeated-phrase")
    phrase = "the parties agreed in principle"
    first = repeated.text.index(phrase)
    second = repeated.text.index(phrase, first + 1)
    assert first < repeated.paragraph(1).end < second
    result = cite_selection(repeated, "apa", second, second + len(phrase))
    assert result.text == "“the parties agreed in principle” (Nurpeisova, 2023, para. 2)."
    # Quoted without offsets, the same words are found first in paragraph 1.
    assert cite(repeated, "apa", quote=phrase).text.endswith("para. 1).")
    # A selection that starts in the blank line between paragraphs belongs to the next one.
    gap = repeated.paragraph(1).end
    assert cite_selection(repeated, "mla", gap, gap + 10).text.endswith("(Nurpeisova, par. 2).")
    with pytest.raises(CitationError, match="outside article"):
        cite_selection(repeated, "apa", 5, 5)


def test_a_clause_cut_at_a_comma_drops_the_comma() -> None:
    cut = cite(
        article("full"), "apa", quote="The memorandum covers joint exploration in the Caspian shelf"
    ).text
    assert (
        cut
        == "“The memorandum covers joint exploration in the Caspian shelf” (Kızılay & Smith, 2023, para. 2)."
    )
    clause = cite(
        article("full"), "mla", quote="Officials said the parties had negotiated the terms since spring."
    )
    assert (
        clause.text
        == "“Officials said the parties had negotiated the terms since spring” (Kızılay and Smith, par. 3)."
    )
    comma = cite(
        article("full"), "apa", quote="who asked not to be named because the negotiations were private and"
    ).text
    assert comma.startswith("“who asked not to be named because the negotiations were private and” (")
    inner = cite(article("full"), "apa", quote="according to people familiar with the talks,").text
    assert inner == "“according to people familiar with the talks” (Kızılay & Smith, 2023, para. 6)."


TYPOGRAPHIC = """---
title: Gas prices in Central Asia
---

Kazakhstan’s gas exports grew in 2022–2023, officials said.
"""


@pytest.mark.parametrize(
    "typed",
    [
        "Kazakhstan's gas exports",  # a straight apostrophe for the article's ’
        "Kazakhstan’s  gas   exports",  # doubled spaces
        "exports grew in 2022-2023",  # a hyphen for the article's en dash
    ],
)
def test_a_typed_quotation_finds_the_typographic_text_and_quotes_it_exactly(typed: str) -> None:
    text = parse_article(TYPOGRAPHIC, "typographic")
    passage = locate(text, typed)
    assert passage.text == text.text[passage.start : passage.end]  # the article's own characters
    assert "'" not in passage.text and "-" not in passage.text
    cited = cite(text, "apa", quote=typed).text
    assert passage.text in cited and "para. 1" in cited
