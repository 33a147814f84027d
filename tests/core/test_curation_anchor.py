"""Reviews stay attached to their words when the text moves, and give up rather than guess."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.curation.anchor import TextQuote, locate, quote_at

SENTENCE = "Azerbaijan and Turkmenistan signed a memorandum on the Dostlug field on 21 January 2021."
TEXT = f"The neighbours met in Baku. {SENTENCE} Talks go on."


def test_a_quote_is_found_where_it_was():
    start = TEXT.index(SENTENCE)
    quote = quote_at(TEXT, start, start + len(SENTENCE))
    placed = locate(quote, TEXT)
    assert placed is not None and placed.exact
    assert TEXT[placed.start : placed.end] == SENTENCE


def test_a_quote_follows_text_inserted_before_it():
    start = TEXT.index(SENTENCE)
    quote = quote_at(TEXT, start, start + len(SENTENCE))
    moved = "A new opening paragraph was added by the editor.\n\n" + TEXT
    placed = locate(quote, moved)
    assert placed is not None and moved[placed.start : placed.end] == SENTENCE


def test_a_slightly_edited_sentence_is_found_by_fuzzy_match():
    start = TEXT.index(SENTENCE)
    quote = quote_at(TEXT, start, start + len(SENTENCE))
    edited = TEXT.replace("21 January", "22 January").replace("Dostlug", "Dostluq")
    placed = locate(quote, edited)
    assert placed is not None and not placed.exact
    assert edited[placed.start : placed.end].startswith("Azerbaijan and Turkmenistan")
    assert edited[placed.start : placed.end].endswith("2021.")


def test_a_rewritten_text_leaves_the_quote_unplaced():
    start = TEXT.index(SENTENCE)
    quote = quote_at(TEXT, start, start + len(SENTENCE))
    assert locate(quote, "Oil prices rose on Monday as traders weighed supply risks in the Gulf.") is None


def test_context_chooses_among_repeated_sentences():
    repeated = "They signed a memorandum."
    text = f"In Baku on Monday. {repeated} Later, in Astana on Friday. {repeated} The end."
    second = text.rindex(repeated)
    quote = quote_at(text, second, second + len(repeated))
    # the text shifts: the offset hint is now wrong, the context still right
    shifted = "Preface. " + text
    placed = locate(quote, shifted)
    assert placed is not None and placed.start == shifted.rindex(repeated)


def test_json_round_trip():
    quote = TextQuote("words", "before ", " after", 12)
    assert TextQuote.from_json(quote.to_json()) == quote


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_any_quote_taken_from_a_text_is_placed_on_the_same_words(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = quote_at(text, start, end)
    placed = locate(quote, text)
    assert placed is not None and text[placed.start : placed.end] == text[start:end]
