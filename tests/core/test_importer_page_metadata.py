"""Metadata that real captured pages state in their own ways: a capture stamp glued to the first
line, datelines with dots or a slash, a dateline on a line of its own, "Source:" labels, staff
bylines, tickers and script text above the headline, hard-wrapped wire copy."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.byline import parse_byline
from energybrowser.corpus.importer.dateline import dateline_line, read_dateline
from energybrowser.corpus.importer.furniture import furniture_reason
from energybrowser.corpus.importer.publisher import lead_agency
from energybrowser.corpus.model import PartialDate

PROSE = "Kazakhstan and Azerbaijan signed a memorandum on oil transit across the Caspian Sea."


def test_a_capture_stamp_glued_to_the_first_line_dates_the_page():
    page = f" date 2021-05-04 ALMATY. KAZINFORM – {PROSE}\n\nMore text follows here."
    article = convert_text(page, "a.txt")
    assert article.meta.date == PartialDate(2021, 5, 4)
    assert article.meta.publisher == "Kazinform"
    assert article.text.startswith("ALMATY. KAZINFORM – Kazakhstan")
    assert "2021-05-04" not in article.text


def test_a_stamp_before_a_headline_leaves_the_headline_the_title():
    article = convert_text(f" date 2019-02-01 Gas deal signed in Baku\n\n{PROSE}", "a.txt")
    assert article.meta.title == "Gas deal signed in Baku"
    assert article.meta.date == PartialDate(2019, 2, 1)


@pytest.mark.parametrize(
    ("opening", "publisher", "date"),
    [
        ("Baku. 24 October. REPORT.AZ/ The company signed a deal.", "Report.az", PartialDate(None, 10, 24)),
        ("Almaty. October 3. KazTAG - The head of state received him.", "KazTAG", PartialDate(None, 10, 3)),
        ("PanARMENIAN.Net - Turkey and Azerbaijan can not agree.", "PanARMENIAN.Net", None),
    ],
)
def test_datelines_with_dots_a_slash_or_the_agency_alone(opening, publisher, date):
    dateline = read_dateline(opening)
    assert dateline is not None and dateline.publisher == publisher
    assert (dateline.date.date if dateline.date else None) == date


def test_a_slash_inside_prose_is_no_dateline():
    assert read_dateline("The oil/gas ratio rose. Then it fell – sharply.") is None


def test_a_dateline_on_its_own_line():
    assert dateline_line("BAKU, Azerbaijan, Jan. 28").date == PartialDate(None, 1, 28)
    assert dateline_line("Ashgabat, Turkmenistan, June 5").date == PartialDate(None, 6, 5)
    assert dateline_line("Kazakhstan, Georgia, and Azerbaijan") is None
    assert dateline_line("Baku, March 3") is None  # a capitalised place alone may be a title's start


def test_a_dateline_line_is_not_taken_for_the_title():
    article = convert_text(f"BAKU, Azerbaijan, Jan. 28\n\nBy Jane Doe - Trend:\n\n{PROSE}", "a.txt")
    assert article.meta.title == ""
    assert article.meta.date == PartialDate(None, 1, 28)
    assert [a.name for a in article.meta.authors] == ["Jane Doe"]
    assert article.meta.publisher == "Trend"


def test_bylines_real_pages_write():
    source = parse_byline("Source:Xinhua Published: 2014-3-10 20:41:11")
    assert source is not None and source.publisher == "Xinhua"
    assert source.date is not None and source.date.date == PartialDate(2014, 3, 10)
    staff = parse_byline("By Messenger Staff")
    assert staff is not None and staff.publisher == "Messenger"
    assert [(a.name, a.organization) for a in staff.authors] == [("Messenger Staff", True)]
    site = parse_byline("2017-06-05 11:04 | www.trend.az | 1")
    assert site is not None and site.publisher == "Trend" and site.date.date == PartialDate(2017, 6, 5)
    assert parse_byline("By Huseyn Hasanov– Trend:").publisher == "Trend"


def test_an_agency_reporting_its_own_story():
    assert lead_agency("Turkmenistan stopped supplies, Azernews reports. Later it resumed.") == "Azernews"
    assert lead_agency("SOCAR is in talks, Reuters reported.") == ""  # citing another outlet
    assert lead_agency("Gas flows rose, Somebody Unknown reports.") == ""


@pytest.mark.parametrize("line", ["14:26", "USD 86.50", "EUR 90.34", "Views: 438", "Brent 74.12 +0.3%"])
def test_tickers_and_counters_are_furniture(line):
    assert furniture_reason(line) is not None


def test_script_text_is_furniture_and_prose_with_brackets_is_not():
    script = "m[i].l=1*new Date(); for (var j = 0; j < s.length; j++) {if (s[j].src === r) { return; }}"
    assert furniture_reason(script) == "script"
    assert furniture_reason("The pipeline (see map) will carry 10 bcm (billion cubic metres) a year.") is None


def test_ticker_and_logo_above_the_headline_are_left_out():
    page = f"14:26\nUSD 86.50\nEUR 90.34\n\nThe messenger logo\n\nThree states sign a protocol\n\n{PROSE}"
    article = convert_text(page, "a.txt")
    assert article.meta.title == "Three states sign a protocol"


def test_hard_wrapped_wire_copy_is_one_paragraph_and_a_title_with_standfirst_is_not():
    wrapped = (
        "expects to sign a contract at the end of June extending its\n"
        "production sharing deal for the biggest oilfields until\n"
        "2050, the company's regional head said on Wednesday.\n"
        "The shareholders in the consortium include BP, SOCAR,\n"
        ", TPAO and ONGC Videsh.\n"
    )
    article = convert_text(wrapped, "a.txt")
    assert article.meta.title == ""
    assert len(article.paragraphs) == 1 and "extending its production sharing deal" in article.text
    headed = convert_text(f"Corridor making progress\nStudies in the works.\n\n{PROSE}", "a.txt")
    assert headed.meta.title == "Corridor making progress"


def test_a_press_release_signed_off_by_its_press_office_names_it_the_author():
    page = (
        f"Gas cooperation grows\n\n{PROSE}\n\nThe parties agreed to meet again in the autumn.\n\n"
        "Press Service of the Ministry of Energy\n\nRepublic of Uzbekistan\n\nAdd comment\n\nName: *\n"
    )
    (author,) = convert_text(page, "a.txt").meta.authors
    assert (author.name, author.organization) == (
        "Press Service of the Ministry of Energy, Republic of Uzbekistan",
        True,
    )
    assert "Press Service" not in convert_text(page, "a.txt").text
    # A sentence about a press office is no sign-off.
    prose = page.replace(
        "Press Service of the Ministry of Energy\n\n", "Press service of the ministry said so.\n\n"
    )
    assert convert_text(prose, "a.txt").meta.authors == ()


def test_a_legal_act_dates_itself_in_its_header():
    page = (
        "On the ratification of the Agreement on the Caspian Gas Pipeline\n"
        "The Law of the Republic of Kazakhstan dated May 14, 2009 No. 160-IV\n"
        f"To ratify the Agreement signed in Moscow on December 20, 2007.\n{PROSE}"
    )
    meta = convert_text(page, "a.txt").meta
    assert (meta.date, meta.date_text) == (PartialDate(2009, 5, 14), "May 14, 2009")
    undated = page.replace("The Law of the Republic of Kazakhstan dated May 14, 2009 No. 160-IV\n", "")
    assert convert_text(undated, "a.txt").meta.date.is_empty  # a date in the text is not the page's
