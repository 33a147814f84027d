"""The importer on wire pages it was not tuned on (`tests/data/wire-articles/` found these): date
lines with a place or a time before the date or an "Updated ..." note after it, datelines closed by
a full stop, bylines at the foot of the story, two-link breadcrumbs, site boilerplate closing the
page, and the outlet named only by a masthead, a footer line or the site's own notice."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.dateline import dateline_line, read_stopped_dateline
from energybrowser.corpus.importer.dates import parse_date
from energybrowser.corpus.importer.furniture import furniture_reason

STORY = (
    "QazaqGaz and SOCAR signed an agreement on gas swaps, the companies said, adding that the first "
    "deliveries would start next year if the pipeline operators agree on tariffs."
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("09:15 / 12.03.2025", "2025-03-12"),
        ("April 2, 2025 8:01 PM GMT+5 Updated 5 hours ago", "2025-04-02"),
        ("7 October 2024, 10:30", "2024-10-07"),
    ],
)
def test_times_and_update_notes_around_a_date(line, iso):
    stated = parse_date(line)
    assert stated is not None and stated.date.iso() == iso


def test_a_place_before_a_full_date_is_a_dateline_but_not_a_sentence_opening():
    stated = dateline_line("Tbilisi, 5 June 2025, 12:40")
    assert stated is not None and stated.date.iso() == "2025-06-05"
    assert dateline_line("In Tbilisi, 5 June 2025") is None
    assert dateline_line("Tbilisi, June 5") is None  # a lower-case place wants a full date


def test_a_dateline_closed_by_a_full_stop():
    line = read_stopped_dateline("Astana, 9 April 2025 (Kazinform). KEGOC and ... signed")
    assert line is not None and line.place == "Astana" and line.publisher == "Kazinform"
    assert line.date is not None and line.date.date.iso() == "2025-04-09"
    assert read_stopped_dateline("Earlier, SOCAR said. The deal ...") is None


def test_a_two_link_breadcrumb_is_furniture_but_a_headline_with_a_dash_is_not():
    assert furniture_reason("Newsroom / Company news") == "navigation menu"
    assert furniture_reason("Gas talks – a new round") is None


def test_a_byline_and_the_sites_notice_at_the_foot():
    page = (
        f"SOCAR and QazaqGaz sign gas swap deal\n\n{STORY}\n\nBy Leyla Mammadova\n\n"
        "Anadolu Agency website contains only a portion of the news stories offered to subscribers in "
        "the AA News Broadcasting System, and in summarized form. "
        "Please contact us for subscription options.\n"
    )
    meta = convert_text(page, "a.txt").meta
    assert [a.name for a in meta.authors] == ["Leyla Mammadova"]
    assert meta.publisher == "Anadolu Agency"
    assert "subscription options" not in convert_text(page, "a.txt").text


def test_a_cookie_banner_closing_the_page_is_left_out():
    page = f"Gas swap deal signed\n\n{STORY}\n\nWe use cookies to improve your experience. Accept\n"
    article = convert_text(page, "a.txt")
    assert "cookies" not in article.text and STORY in article.text


@pytest.mark.parametrize(
    ("top", "bottom", "outlet"),
    [("Caspian News", "", "Caspian News"), ("", "Tengrinews.kz", "Tengrinews")],
)
def test_a_masthead_or_footer_line_names_the_outlet(top, bottom, outlet):
    page = f"{top}\n\nGas swap deal signed\n\n{STORY}\n\n{bottom}\n"
    assert convert_text(page, "a.txt").meta.publisher == outlet


def test_an_organisations_masthead_is_not_the_title_and_its_press_office_signs():
    page = (
        "Ministry of Energy of the Kyrgyz Republic\n\nKyrgyzstan and Kazakhstan sign power deal\n\n"
        f"{STORY}\n\nPress service of the Ministry of Energy of the Kyrgyz Republic\n"
    )
    meta = convert_text(page, "a.txt").meta
    assert meta.title == "Kyrgyzstan and Kazakhstan sign power deal"
    office = "Press service of the Ministry of Energy of the Kyrgyz Republic"
    assert [a.name for a in meta.authors] == [office]


def test_an_agencys_name_between_slashes_closes_its_dateline():
    line = read_stopped_dateline("ASTANA, 4 March. /TASS/. QazaqGaz and Gazprom signed ...")
    assert line is not None and line.publisher == "TASS" and line.date.date.iso() == "--03-04"


def test_a_date_line_with_its_agency_and_a_reuters_credit_line():
    credit = "Reporting by Nailia Bagirova; Editing by Jan Harvey"
    page = f"Gas swap deal signed\n\nBaku, 2 June 2025 (Trend)\n\n{STORY}\n\n{credit}\n"
    meta = convert_text(page, "a.txt").meta
    assert meta.date.iso() == "2025-06-02"
    assert [a.name for a in meta.authors] == ["Nailia Bagirova"]
