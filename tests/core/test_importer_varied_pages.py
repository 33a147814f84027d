"""The importer on the third labelled set's pages (`tests/data/varied-articles/` found these):
Markdown headings and emphasised lines in a text file, a newsletter's unsigned credit beside its
date, a dateline's city before the date, an update note in brackets, official sites' mastheads, a
headline crediting its source that is no masthead."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.byline import parse_byline
from energybrowser.corpus.importer.furniture import furniture_reason

STORY = (
    "QazaqGaz and SOCAR signed an agreement on gas swaps, the companies said, adding that the first "
    "deliveries would start next year if the pipeline operators agree on tariffs."
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 3 June 2025 · Compiled by the editors", "2025-06-03"),
        ("ANKARA Mar 4, 2025 - 10:40 am GMT+3", "2025-03-04"),
        ("7 May 2025, 09:15 (Updated: 7 May 2025, 18:02)", "2025-05-07"),
    ],
)
def test_date_lines_with_a_credit_a_city_or_an_update_note(line, iso):
    byline = parse_byline(line)
    assert byline is not None and byline.date is not None and byline.date.date.iso() == iso
    assert not byline.authors


def test_a_markdown_heading_in_a_text_file_is_the_title():
    article = convert_text(f"# Energy digest — issue 3\n\n*Published 3 June 2025*\n\n{STORY}\n", "digest.txt")
    assert article.meta.title == "Energy digest — issue 3"
    assert article.meta.date.iso() == "2025-06-03"


@pytest.mark.parametrize(
    "line",
    [
        "Official website of the Prime Minister of the Kyrgyz Republic",
        "President of the Republic of Uzbekistan · Official web-site",
        "RNS Number : 1234A",
    ],
)
def test_official_mastheads_are_furniture(line):
    assert furniture_reason(line) == "masthead"


def test_prose_naming_an_official_website_is_text():
    line = (
        "The ministry said on its official website that the agreement with SOCAR was signed on Monday "
        "in Baku after two years of talks."
    )
    assert furniture_reason(line) is None


def test_a_masthead_above_the_headline_is_not_the_title():
    masthead = "Official website of the President of the Republic of Uzbekistan"
    page = f"{masthead}\n\nPresident receives ACWA Power chief\n\n{STORY}\n"
    assert convert_text(page, "page.txt").meta.title == "President receives ACWA Power chief"


def test_a_headline_crediting_its_source_names_no_publisher():
    page = f"Weekly brief\n\n{STORY}\n\nHalyk Bank posts record half-year profit (Kapital.kz)\n"
    assert convert_text(page, "brief.txt").meta.publisher != "Kapital.kz"


def test_a_state_offices_name_above_the_headline_is_its_masthead():
    header = "President of the Republic of Uzbekistan\n\nPress service"
    page = f"{header}\n\nUzbekistan and Oman sign energy deals\n\n{STORY}\n"
    assert convert_text(page, "page.txt").meta.title == "Uzbekistan and Oman sign energy deals"


def test_a_headline_naming_an_office_stays_the_title():
    page = f"President of Uzbekistan receives ACWA Power chief\n\n{STORY}\n"
    assert convert_text(page, "page.txt").meta.title == "President of Uzbekistan receives ACWA Power chief"


def test_a_name_line_above_the_date_line_is_the_author():
    header = "Analysis\n\nWhy the Caspian pipeline matters again\n\nDina Sarsenova"
    page = f"{header}\n\nPublished on 04.03.2025\n\n{STORY}\n"
    meta = convert_text(page, "page.txt").meta
    assert [a.name for a in meta.authors] == ["Dina Sarsenova"] and meta.date.iso() == "2025-03-04"
    assert meta.title == "Why the Caspian pipeline matters again"


def test_an_interviews_credit_names_its_author():
    page = f"Minister: gas talks go on\n\n{STORY}\n\nInterview by Leyla Aliyeva\n"
    assert [a.name for a in convert_text(page, "page.txt").meta.authors] == ["Leyla Aliyeva"]
