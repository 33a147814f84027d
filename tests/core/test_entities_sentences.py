from __future__ import annotations

from energybrowser.entities.sentences import split_sentences, split_text
from tests.core.extraction_helpers import make_article


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_text(text)]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = "Mr. Tokayev met U.S. envoys on 24 Aug. 2022. Volumes rose 1.5 times! Did A. Smith agree? Yes."
    assert pieces(text) == [
        "Mr. Tokayev met U.S. envoys on 24 Aug. 2022.",
        "Volumes rose 1.5 times!",
        "Did A. Smith agree?",
        "Yes.",
    ]


def test_quotes_and_footnote_marks_stay_with_their_sentence():
    text = "“We will sign,” he said. It ended.[5] Next one."
    assert pieces(text) == ["“We will sign,” he said.", "It ended.[5]", "Next one."]


def test_sentences_carry_offsets_and_paragraph_numbers():
    article = make_article("First one. Second one.", "Third one.")
    found = split_sentences(article)
    assert [(s.text, s.paragraph) for s in found] == [
        ("First one.", 1),
        ("Second one.", 1),
        ("Third one.", 2),
    ]
    assert all(article.text[s.start : s.end] == s.text for s in found)
    assert [s.index for s in found] == [0, 1, 2]
