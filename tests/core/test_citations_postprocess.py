"""The thin fixes after citeproc-py: each repairs its gap and leaves correct output alone."""

from __future__ import annotations

from energybrowser.citations import postprocess
from energybrowser.citations.engine import style_file
from energybrowser.citations.style_adapt import adapt_style


def test_punctuation_moves_inside_closing_double_quotes() -> None:
    assert postprocess.punctuation_in_quote("“Title”. Site, “Other”, x") == "“Title.” Site, “Other,” x"
    assert postprocess.punctuation_in_quote("“Is it?”.") == "“Is it?”"
    assert postprocess.punctuation_in_quote("“Title.” done") == "“Title.” done"  # already right


def test_apostrophe_is_not_a_closing_quote() -> None:
    assert postprocess.punctuation_in_quote("the Kazakhs’. Next") == "the Kazakhs’. Next"
    assert postprocess.punctuation_in_quote("‘Inner’, then") == "‘Inner,’ then"


def test_repeated_title_goes_with_its_wrapping_and_punctuation() -> None:
    text = "<i>Gas &amp; oil</i>. (n.d.). <i>Gas &amp; oil</i>. Retrieved"
    assert (
        postprocess.drop_repeated_substitute(text, ["Gas & oil"], is_html=True)
        == "<i>Gas &amp; oil</i>. (n.d.). Retrieved"
    )
    plain = "“Gas Talks.” n.d. “Gas Talks.” Accessed"
    assert (
        postprocess.drop_repeated_substitute(plain, ["Gas talks"], is_html=False)
        == "“Gas Talks.” n.d. Accessed"
    )
    once = "“Gas Talks.” n.d. Accessed"
    assert postprocess.drop_repeated_substitute(once, ["Gas talks"], is_html=False) == once


def test_retrieved_needs_a_date() -> None:
    assert (
        postprocess.drop_dateless_retrieved("Agency. Retrieved https://x.example")
        == "Agency. https://x.example"
    )
    dated = "Retrieved March 2, 2024, from https://x.example"
    assert postprocess.drop_dateless_retrieved(dated) == dated


def test_no_period_after_a_question_mark() -> None:
    assert postprocess.no_period_after_question("<i>Why gas?</i>. Site.") == "<i>Why gas?</i> Site."
    assert postprocess.no_period_after_question("Why gas?. Site") == "Why gas? Site"
    assert postprocess.no_period_after_question("Gas. Site.") == "Gas. Site."


def test_style_adaptation_keeps_full_names_and_guards_labels() -> None:
    chicago = adapt_style(style_file("chicago-author-date")).getvalue().decode("utf-8")
    assert 'initialize="false"' in chicago
    head = chicago[: chicago.index(">", chicago.index("<style"))]
    assert "initialize-with" not in head  # moved down onto the names that initialise
    assert '<label variable="edition"/>' not in chicago.replace(" ", "")  # every label now guarded
    mla = adapt_style(style_file("modern-language-association")).getvalue().decode("utf-8")
    assert 'disambiguate="true"' not in mla


def test_repeated_newspaper_name_goes_when_it_stands_for_the_author() -> None:
    text = "<i>Caspian News</i>. 2023. “Oil.” <i>Caspian News</i>, February 10."
    assert postprocess.drop_repeated_substitute(text, ["", "Caspian News"], is_html=True) == (
        "<i>Caspian News</i>. 2023. “Oil.” February 10."
    )
    # Only the variable that opens the entry stood in for the author.
    text = "Oil. (2023). Caspian News. Caspian News."
    assert postprocess.drop_repeated_substitute(text, ["Oil", "Caspian News"], is_html=False) == text


def test_plain_description() -> None:
    assert postprocess.plain_description("“[Untitled Article].” Site", "[Untitled article]") == (
        "[Untitled article]. Site"
    )
    assert postprocess.plain_description("<i>[Untitled article]</i>. (2022)", "[Untitled article]") == (
        "[Untitled article]. (2022)"
    )


def test_comma_after_a_question_mark_only_where_the_style_drops_it() -> None:
    text = "(<i>What Next?</i>, par. 2)"
    assert postprocess.no_period_after_question(text, comma_too=True) == "(<i>What Next?</i> par. 2)"
    assert postprocess.no_period_after_question(text) == text


def test_typographic_apostrophes_inside_words_only() -> None:
    assert postprocess.typographic_apostrophes("Tokayev's visit, O'Brien") == "Tokayev’s visit, O’Brien"
    assert postprocess.typographic_apostrophes("the '90s and 'quoted'") == "the '90s and 'quoted'"
