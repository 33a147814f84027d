"""Formatted citations checked against what each style prescribes, on full, partial and missing metadata.

The expected strings were checked by hand against the APA 7, CMOS 18, MLA 9 and
Cite Them Right: no author → the title leads; no date → "n.d." / "no date", MLA leaves it out;
organisational authors whole; dates at the precision the article states.
"""

from __future__ import annotations

import html
import re

import pytest

from energybrowser.citations import STYLES, UnknownStyleError, cite, reference
from energybrowser.citations.engine import forget_renders
from energybrowser.corpus.markdown_io import parse_article
from tests.conftest import FIXTURES


def article(name: str):
    return parse_article((FIXTURES / "citations" / f"{name}.md").read_text(encoding="utf-8"), name)


URL_FULL = "https://caspiannews.example/socar-kmg-memorandum"
STYLE_IDS = ("apa", "chicago", "chicago-note", "mla", "harvard")

REFERENCES = {
    ("full", "apa"): (
        "Kızılay, A., & Smith, J. (2023, October 24). SOCAR and KazMunayGas sign energy memorandum. "
        f"Caspian News. {URL_FULL}"
    ),
    ("full", "chicago"): (
        "Kızılay, Ayşe, and John Smith. 2023. “SOCAR and KazMunayGas Sign Energy Memorandum.” "
        f"Caspian News, October 24. {URL_FULL}."
    ),
    ("full", "chicago-note"): (
        "Ayşe Kızılay and John Smith, “SOCAR and KazMunayGas Sign Energy Memorandum,” Caspian News, "
        f"October 24, 2023, {URL_FULL}."
    ),
    ("full", "mla"): (
        "Kızılay, Ayşe, and John Smith. “SOCAR and KazMunayGas Sign Energy Memorandum.” Caspian News, "
        f"24 Oct. 2023, {URL_FULL}."
    ),
    ("full", "harvard"): (
        "Kızılay, A. and Smith, J. (2023) ‘SOCAR and KazMunayGas sign energy memorandum’, Caspian News, "
        f"24 October. Available at: {URL_FULL} (Accessed: 5 January 2024)."
    ),
    # An organisation as author, a month-precision date, a report with a publisher.
    ("org-report", "apa"): (
        "State Oil Company of Azerbaijan Republic. (2022). Annual gas balance of the Caspian region. "
        "SOCAR. https://socar.example/reports/gas-balance"
    ),
    ("org-report", "chicago"): (
        "State Oil Company of Azerbaijan Republic. 2022. Annual Gas Balance of the Caspian Region. "
        "SOCAR. https://socar.example/reports/gas-balance."
    ),
    ("org-report", "chicago-note"): (
        "State Oil Company of Azerbaijan Republic, Annual Gas Balance of the Caspian Region (SOCAR, 2022), "
        "https://socar.example/reports/gas-balance."
    ),
    ("org-report", "mla"): (
        "State Oil Company of Azerbaijan Republic. Annual Gas Balance of the Caspian Region. SOCAR, "
        "Aug. 2022, https://socar.example/reports/gas-balance."
    ),
    ("org-report", "harvard"): (
        "State Oil Company of Azerbaijan Republic (2022) Annual gas balance of the Caspian region. SOCAR. "
        "Available at: https://socar.example/reports/gas-balance."
    ),
    # No author, no date, no publisher: the title moves first and is printed once.
    ("anonymous-undated", "apa"): (
        "Pipeline talks resume. (n.d.). Retrieved March 2, 2024, from https://energy.example.org/pipeline-talks"
    ),
    ("anonymous-undated", "chicago"): (
        "“Pipeline Talks Resume.” n.d. Accessed March 2, 2024. https://energy.example.org/pipeline-talks."
    ),
    ("anonymous-undated", "chicago-note"): (
        "“Pipeline Talks Resume,” accessed March 2, 2024, https://energy.example.org/pipeline-talks."
    ),
    ("anonymous-undated", "mla"): (
        "Pipeline Talks Resume. https://energy.example.org/pipeline-talks. Accessed 2 Mar. 2024."
    ),
    ("anonymous-undated", "harvard"): (
        "Pipeline talks resume (no date). Available at: https://energy.example.org/pipeline-talks "
        "(Accessed: 2 March 2024)."
    ),
    # A date without a year ("Oct 24") is no issued date: n.d., and no "Retrieved" without a date.
    ("year-less", "apa"): (
        "Ospanov, N. (n.d.). QazaqGaz signs supply contract. Trend News Agency. "
        "https://trend.example/qazaqgaz-contract"
    ),
    ("year-less", "chicago"): (
        "Ospanov, Nurlan. n.d. “QazaqGaz Signs Supply Contract.” Trend News Agency. "
        "https://trend.example/qazaqgaz-contract."
    ),
    ("year-less", "mla"): (
        "Ospanov, Nurlan. “QazaqGaz Signs Supply Contract.” Trend News Agency, "
        "https://trend.example/qazaqgaz-contract."
    ),
    ("year-less", "harvard"): (
        "Ospanov, N. (no date) ‘QazaqGaz signs supply contract’, Trend News Agency. "
        "Available at: https://trend.example/qazaqgaz-contract."
    ),
    # Three authors, a name particle, a year-only date; APA capitalises the first word after a colon.
    ("magazine-three-authors", "apa"): (
        "van der Berg, J., Petrova, M., & Wei, L. (2021). The Caspian outlook: Gas, grids and geopolitics. "
        "Energy Policy Review."
    ),
    ("magazine-three-authors", "chicago"): (
        "van der Berg, Jan, Maria Petrova, and Li Wei. 2021. “The Caspian Outlook: Gas, Grids and "
        "Geopolitics.” Energy Policy Review."
    ),
    ("magazine-three-authors", "chicago-note"): (
        "Jan van der Berg et al., “The Caspian Outlook: Gas, Grids and Geopolitics,” "
        "Energy Policy Review, 2021."
    ),
    ("magazine-three-authors", "mla"): (
        "van der Berg, Jan, et al. “The Caspian Outlook: Gas, Grids and Geopolitics.” "
        "Energy Policy Review, 2021."
    ),
    # A web page whose title ends in a question mark: no period or comma follows the "?".
    ("webpage-question", "apa"): (
        "Mammadova, L. (2024, February 15). Is the Trans-Caspian pipeline finally happening? Trend.az. "
        "https://trend.example/trans-caspian-question"
    ),
    ("webpage-question", "chicago-note"): (
        "Leyla Mammadova, “Is the Trans-Caspian Pipeline Finally Happening?” Trend.az, February 15, 2024, "
        "https://trend.example/trans-caspian-question."
    ),
    ("webpage-question", "mla"): (
        "Mammadova, Leyla. “Is the Trans-Caspian Pipeline Finally Happening?” Trend.az, 15 Feb. 2024, "
        "https://trend.example/trans-caspian-question."
    ),
    # No title stated: a bracketed description stands in, set as written (no italics, quotes or
    # title case); nothing is made up. Chicago's author-date puts the site's name first.
    ("untitled", "apa"): "[Untitled article]. (2022, August 25). Caspian Wire.",
    ("untitled", "chicago"): "Caspian Wire. 2022. [Untitled article]. August 25.",
    ("untitled", "mla"): "[Untitled article]. Caspian Wire, 25 Aug. 2022.",
    ("untitled", "chicago-note"): "[Untitled article], Caspian Wire, August 25, 2022.",
    # An organisation publishing its own page: APA names it once (no site name), MLA starts with the
    # title and names it only as the site; Chicago and Harvard repeat it.
    ("org-self-published", "apa"): (
        "SOCAR. (2023, June 14). SOCAR and QazaqGaz agree on gas chemical cooperation. "
        "https://socar.example/news/qazaqgaz"
    ),
    ("org-self-published", "mla"): (
        "“SOCAR and QazaqGaz Agree on Gas Chemical Cooperation.” SOCAR, 14 June 2023, "
        "https://socar.example/news/qazaqgaz."
    ),
    ("org-self-published", "chicago"): (
        "SOCAR. 2023. “SOCAR and QazaqGaz Agree on Gas Chemical Cooperation.” SOCAR, June 14. "
        "https://socar.example/news/qazaqgaz."
    ),
    # A Russian article: Cyrillic names initialised, the title kept as written (title case is an
    # English rule), dates in the citing language.
    ("russian", "apa"): (
        "Петров, И. (2022, August 26). QazaqGaz и SOCAR подписали меморандум о сотрудничестве. Казинформ. "
        "https://kazinform.example/ru/qazaqgaz-socar"
    ),
    ("russian", "chicago"): (
        "Петров, Иван. 2022. “QazaqGaz и SOCAR подписали меморандум о сотрудничестве.” Казинформ, "
        "August 26. https://kazinform.example/ru/qazaqgaz-socar."
    ),
    # An unsigned newspaper article: APA moves the title up; Chicago author-date and Cite Them Right
    # put the paper's name (italic in HTML) where the author would be, and name it only there.
    ("unsigned-news", "apa"): (
        "Kazakh oil flows through BTC. (2023, February 10). Caspian News. https://caspiannews.example/btc"
    ),
    ("unsigned-news", "chicago"): (
        # CMOS 8.159: prepositions stay lower case whatever their length ("through").
        "Caspian News. 2023. “Kazakh Oil Flows through BTC.” February 10. https://caspiannews.example/btc."
    ),
    ("unsigned-news", "harvard"): (
        "Caspian News (2023) ‘Kazakh oil flows through BTC’, 10 February. "
        "Available at: https://caspiannews.example/btc."
    ),
    ("minimal", "apa"): "Gas prices in Central Asia. (n.d.).",
    ("minimal", "chicago"): "“Gas Prices in Central Asia.” n.d.",
    ("minimal", "mla"): "Gas Prices in Central Asia.",
    ("minimal", "harvard"): "Gas prices in Central Asia (no date).",  # as citeproc-js: the full stop stays
}

IN_TEXT = {
    ("full", "apa"): "(Kızılay & Smith, 2023, para. 4)",
    ("full", "chicago"): "(Kızılay and Smith 2023, para. 4)",
    ("full", "mla"): "(Kızılay and Smith, par. 4)",
    ("full", "harvard"): "(Kızılay and Smith, 2023, para. 4)",
    ("full", "chicago-note"): (
        "Ayşe Kızılay and John Smith, “SOCAR and KazMunayGas Sign Energy Memorandum,” Caspian News, "
        f"October 24, 2023, para. 4, {URL_FULL}."
    ),
    ("org-report", "apa"): "(State Oil Company of Azerbaijan Republic, 2022, para. 2)",
    ("org-report", "mla"): "(State Oil Company of Azerbaijan Republic, par. 2)",
    ("anonymous-undated", "apa"): "(Pipeline Talks Resume, n.d., para. 2)",
    ("anonymous-undated", "chicago"): "(“Pipeline Talks Resume,” n.d., para. 2)",
    ("anonymous-undated", "mla"): "(Pipeline Talks Resume, par. 2)",
    ("anonymous-undated", "harvard"): "(Pipeline talks resume, no date, para. 2)",
    ("anonymous-undated", "chicago-note"): (
        "“Pipeline Talks Resume,” para. 2, accessed March 2, 2024, https://energy.example.org/pipeline-talks."
    ),
    ("year-less", "apa"): "(Ospanov, n.d., para. 2)",
    ("unsigned-news", "apa"): "(“Kazakh Oil Flows Through BTC,” 2023, para. 2)",
    # APA capitalises words of four letters or more; MLA keeps prepositions in lower case.
    ("unsigned-news", "mla"): "(“Kazakh Oil Flows through BTC,” par. 2)",
    ("year-less", "chicago"): "(Ospanov, n.d., para. 2)",
    ("magazine-three-authors", "apa"): "(van der Berg et al., 2021, para. 2)",
    ("magazine-three-authors", "chicago"): "(van der Berg et al. 2021, para. 2)",
    ("magazine-three-authors", "harvard"): "(van der Berg, Petrova and Wei, 2021, para. 2)",
}


@pytest.mark.parametrize(("name", "style"), sorted(REFERENCES))
def test_reference_entry(name: str, style: str) -> None:
    assert cite(article(name), style).text == REFERENCES[name, style]


@pytest.mark.parametrize(("name", "style"), sorted(IN_TEXT))
def test_citation_with_paragraph_locator(name: str, style: str) -> None:
    paragraph = 4 if name == "full" else 2
    assert cite(article(name), style, paragraph=paragraph).text == IN_TEXT[name, style]


def test_html_italicises_what_the_style_italicises() -> None:
    assert cite(article("full"), "apa").html == (
        "Kızılay, A., &amp; Smith, J. (2023, October 24). SOCAR and KazMunayGas sign energy memorandum. "
        f'<i>Caspian News</i>. <a href="{URL_FULL}">{URL_FULL}</a>'
    )
    # A stand-alone report is italic in every style; a web page without author, in APA's in-text citation.
    for style in ("apa", "chicago", "chicago-note", "mla", "harvard"):
        assert "<i>Annual" in (cite(article("org-report"), style).html or ""), style
    assert cite(article("anonymous-undated"), "apa", paragraph=1).html == (
        "(<i>Pipeline Talks Resume</i>, n.d., para. 1)"
    )


def test_html_escapes_the_data_and_plain_text_does_not() -> None:
    specials = article("specials")
    for style in ("apa", "chicago", "chicago-note", "mla", "harvard"):
        result = cite(specials, style)
        assert "Müller & Söhne {Consulting}" in result.text
        assert "O’Brien-Dubois" in result.text  # typographic apostrophe, as the guides print it
        assert "AT&T_Lab" in result.text
        assert "Müller &amp; Söhne" in (result.html or "")
        assert "AT&amp;T_Lab" in (result.html or "")
        stripped = re.sub(r'</?i>|<a href="[^"<>]*">|</a>', "", result.html or "")
        assert "<" not in stripped and ">" not in stripped
        assert '<a href="https://example.com/a_b?x=1&amp;y=%20">' in (result.html or "")


def test_markup_in_metadata_is_text_not_html(tmp_path) -> None:
    text = "---\ntitle: 'Gas <b>boom</b> & <script>x()</script>'\nkind: news\n---\n\nBody.\n"
    result = cite(parse_article(text, "markup"), "apa")
    assert "<script>" not in (result.html or "")
    assert "&lt;script&gt;" in (result.html or "")
    assert "Gas <b>boom</b> & <script>x()</script>" in result.text


def test_title_is_printed_once_when_it_stands_in_for_the_author() -> None:
    for style in ("apa", "chicago", "chicago-note", "mla", "harvard"):
        for name in ("anonymous-undated", "minimal"):
            text = cite(article(name), style).text.casefold()
            title = article(name).title.casefold()
            assert text.count(title) == 1, (style, name, text)
            assert text.lstrip("“‘").startswith(title), (style, name, text)


def test_missing_date_is_n_d_except_in_mla() -> None:
    undated = article("anonymous-undated")
    assert "(n.d.)" in cite(undated, "apa").text
    assert " n.d. " in cite(undated, "chicago").text
    assert "(no date)" in cite(undated, "harvard").text  # Cite Them Right's wording
    assert "n.d" not in cite(undated, "mla").text and "no date" not in cite(undated, "mla").text


def test_organisation_is_never_split_into_given_and_family_names() -> None:
    org = article("org-report")
    for style in ("apa", "chicago", "chicago-note", "mla", "harvard"):
        text = cite(org, style).text
        assert text.startswith("State Oil Company of Azerbaijan Republic"), style
        assert "Republic, S" not in text and "Republic, State" not in text


def test_partial_dates_keep_their_precision() -> None:
    assert "(2022)" in cite(article("org-report"), "apa").text  # APA reports: year only
    assert "Aug. 2022" in cite(article("org-report"), "mla").text
    assert "(2021)." in cite(article("magazine-three-authors"), "apa").text
    assert "2021" in cite(article("magazine-three-authors"), "chicago-note").text
    assert "October 24, 2023" in cite(article("full"), "chicago-note").text


def test_unknown_publisher_is_left_out_not_invented() -> None:
    undated = article("anonymous-undated")
    for style in ("apa", "chicago", "mla", "harvard"):
        text = cite(undated, style).text
        remainder = text.replace("Pipeline talks resume", "").replace("Pipeline Talks Resume", "")
        assert "energy.example.org" in remainder
        assert "Unknown" not in text and "[s.n.]" not in text


def test_reference_gives_the_bibliography_entry_of_a_note_style() -> None:
    entry = reference(article("full"), "chicago-note").text
    assert entry.startswith("Kızılay, Ayşe, and John Smith. “SOCAR")
    assert entry != cite(article("full"), "chicago-note").text


def test_styles_table_is_ordered_and_unknown_style_is_refused() -> None:
    assert list(STYLES) == [
        "apa", "chicago", "chicago-note", "mla", "harvard", "bibtex", "ris", "csl-json", "markdown",
    ]  # fmt: skip
    with pytest.raises(UnknownStyleError, match="unknown citation style 'vancouver'"):
        cite(article("full"), "vancouver")


def test_repeated_citing_gives_the_same_output() -> None:
    # Parsed styles are cached; nothing of one render may leak into the next (e.g. "Ibid." positions).
    first = cite(article("full"), "chicago-note", paragraph=2).text
    cite(article("year-less"), "chicago-note", paragraph=1)
    assert cite(article("full"), "chicago-note", paragraph=2).text == first


def test_citing_from_several_threads_gives_the_sequential_results() -> None:
    # The desktop app cites from worker threads; parsed styles are shared between them.
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(name, style, p) for name in ("full",) for style in STYLE_IDS for p in (1, 2)]
    expected = [cite(article(n), s, paragraph=p).text for n, s, p in jobs]
    forget_renders()  # render again, concurrently
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: cite(article(job[0]), job[1], paragraph=job[2]).text, jobs))
    assert results == expected


def test_in_text_citation_without_and_with_locator() -> None:
    from energybrowser.citations import in_text

    assert in_text(article("full"), "apa").text == "(Kızılay & Smith, 2023)"
    assert in_text(article("full"), "chicago").text == "(Kızılay and Smith 2023)"
    assert in_text(article("full"), "mla").text == "(Kızılay and Smith)"
    assert in_text(article("full"), "harvard").text == "(Kızılay and Smith, 2023)"
    assert in_text(article("anonymous-undated"), "apa").html == "(<i>Pipeline Talks Resume</i>, n.d.)"
    assert in_text(article("full"), "apa", paragraph=2).text == "(Kızılay & Smith, 2023, para. 2)"
    assert in_text(article("full"), "chicago-note").text == cite(article("full"), "chicago-note").text


def test_a_title_that_ends_the_url_is_not_mistaken_for_a_repeat() -> None:
    text = "---\ntitle: btc\nurl: https://news.example/btc\n---\n\nBody.\n"
    entry = cite(parse_article(text, "btc"), "apa").text
    assert entry == "Btc. (n.d.). https://news.example/btc"  # sentence case: the first word capitalised


def test_the_url_prints_exactly_as_given() -> None:
    url = "https://news.example/it's-here?.x=1,2&y='a'"
    text = f'---\ntitle: Gas\nurl: "{url}"\nauthors: Ann Lee\ndate: 2020\n---\n\nBody.\n'
    tricky = parse_article(text, "tricky-url")
    for style in STYLE_IDS:
        result = cite(tricky, style)
        assert url in result.text, style
        assert f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>' in (result.html or ""), (
            style
        )
