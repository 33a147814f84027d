"""The publisher a careful reader takes from a page and its address: the page's own metadata, the
outlet the table knows on its domain, what the text states (bylines, datelines, "X reports", a
lead-in label, the site's name after the headline, "© X", "Follow X on Telegram"), and last the
bare domain of a site the table does not know."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.outlets import host_of, site_domain, site_outlet
from energybrowser.corpus.importer.publisher import footer_publisher, lead_agency, title_site

PROSE = (
    "Kazakhstan and Azerbaijan signed a memorandum on oil transit across the Caspian Sea on Monday, "
    "the two energy ministries said in a joint statement after the talks in Baku."
)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://en.trend.az/business/energy/3183365.html", "Trend"),
        ("http://cn.reuters.com/article/bp-azerbaijan-idCNL8N1IX336", "Reuters"),
        ("https://messenger.com.ge/issues/2564_march_13_2012/x.html", "The Messenger"),
        ("https://www.aa.com.tr/en/energy/x/123", "Anadolu Agency"),
        ("http://ar2023.kmg.kz/en/appendix/transactions", "KazMunayGas"),  # a company's own site
        ("www.tengrinews.kz/kazakhstan_news/x", "Tengrinews"),  # written without a scheme
        ("https://example.org/news/1", ""),
    ],
)
def test_the_outlet_on_an_address_subdomains_included(url, outlet):
    assert site_outlet(url) == outlet


def test_an_unknown_site_is_named_by_its_registrable_domain():
    assert site_domain("https://news.bluedomes.net/2021/11/08/x/") == "bluedomes.net"
    assert site_domain("https://www.example.com.ge/a") == "example.com.ge"
    assert host_of("not a url") == "" and site_domain("") == ""


def test_the_address_names_the_publisher_the_text_does_not():
    page = f"Gas deal signed in Baku\n\n{PROSE}"
    assert convert_text(page, "a.txt").meta.publisher == ""
    known = convert_text(page, "a.txt", url="https://astanatimes.com/2023/10/gas-deal/")
    assert known.meta.publisher == "The Astana Times"
    assert known.meta.url == "https://astanatimes.com/2023/10/gas-deal/"
    unknown = convert_text(page, "a.txt", url="https://www.worldnewsam.org/story/1")
    assert unknown.meta.publisher == "worldnewsam.org"


def test_a_known_outlet_on_the_address_outranks_the_text_and_the_text_outranks_a_bare_domain():
    page = f"Gas deal signed in Baku\n\n{PROSE[:-1]}, Azernews reports.\n\nMore text follows here."
    assert convert_text(page, "a.txt", url="https://www.reuters.com/x").meta.publisher == "Reuters"
    assert convert_text(page, "a.txt", url="https://copies.example.com/x").meta.publisher == "Azernews"


def test_a_captured_page_stating_its_address_in_the_header():
    page = f"Source: https://kursiv.media/en/2024/05/gas/\n\nGas deal signed in Baku\n\n{PROSE}"
    meta = convert_text(page, "a.txt").meta
    assert (meta.publisher, meta.url, meta.title) == (
        "Kursiv",
        "https://kursiv.media/en/2024/05/gas/",
        "Gas deal signed in Baku",
    )


def test_html_metadata_outranks_the_address():
    page = (
        '<html><head><meta name="application-name" content="Caspian Ledger">'
        '<link rel="canonical" href="https://en.trend.az/x"><title>Gas deal</title></head>'
        f"<body><p>{PROSE}</p></body></html>"
    )
    assert convert_text(page, "a.html").meta.publisher == "Caspian Ledger"
    bare = page.replace('<meta name="application-name" content="Caspian Ledger">', "")
    assert convert_text(bare, "a.html").meta.publisher == "Trend"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Kazakh, Chinese firms sign gas deals | The Astana Times",
            ("Kazakh, Chinese firms sign gas deals", "The Astana Times"),
        ),
        (
            "SOCAR and BOTAS sign supply deal - Daily Sabah",
            ("SOCAR and BOTAS sign supply deal", "Daily Sabah"),
        ),
        ("Oil flows resume - Kazakhstan", ("Oil flows resume - Kazakhstan", "")),  # a place, not a site
        ("Baku–Tbilisi–Ceyhan pipeline turns 20", ("Baku–Tbilisi–Ceyhan pipeline turns 20", "")),
    ],
)
def test_the_site_name_after_a_headline(title, expected):
    assert title_site(title) == expected


def test_a_site_name_after_the_headline_that_the_page_states_elsewhere():
    assert title_site("Gas deal signed | Caspian Ledger", ["Caspian Ledger"]) == (
        "Gas deal signed",
        "Caspian Ledger",
    )


def test_a_text_page_title_loses_the_site_suffix_and_names_the_publisher():
    meta = convert_text(f"Gas deal signed in Baku | Tengrinews\n\n{PROSE}", "a.txt").meta
    assert (meta.title, meta.publisher) == ("Gas deal signed in Baku", "Tengrinews")


@pytest.mark.parametrize(
    ("lines", "publisher"),
    [
        (["© 2024 Caspian Ledger Media. All rights reserved."], "Caspian Ledger Media"),
        (["Copyright © 2012-2024 Trend News Agency"], "Trend"),
        (["Follow Trend on Telegram. Only most interesting and important news"], "Trend"),
        (["Photo: © Getty Images"], ""),  # a picture's credit is not the page's publisher
        (["© 2024 Jane Doe"], ""),  # a person's blog names no outlet
        (["Follow the author on twitter: @someone"], ""),
        (["Source: Trend"], "Trend"),
        (["Source: the ministry's website"], ""),  # a source that names no outlet
    ],
)
def test_footer_lines(lines, publisher):
    assert footer_publisher(lines) == publisher


@pytest.mark.parametrize(
    ("paragraph", "agency"),
    [
        ("Turkmenistan stopped supplies, Azernews reports. Later it resumed.", "Azernews"),
        ("Kazakhstan is not holding talks, Trend reports with reference to Kazakh media.", "Trend"),
        ("SOCAR will build a plant in Georgia, Report informs.", "Report.az"),
        ("The firms signed a deal, a representative of the company told Trend.", "Trend"),
        ("WNAM MONITORING: Türkiye expects to reach an agreement soon.", "WNAM"),
        ("SOCAR is in talks, Reuters reported.", ""),  # citing another outlet
        ("Kyrgyzstan signed a protocol. Trend news agency reported, citing the ministry.", ""),
        ("Gas flows rose, Somebody Unknown reports.", ""),
        ("Report: exports rose in May.", ""),  # a label in title case is prose, not an agency's desk
        ("The deal was signed, the minister told reporters.", ""),
    ],
)
def test_an_agency_naming_its_own_report(paragraph, agency):
    assert lead_agency(paragraph) == agency


def test_clipped_markdown_names_its_outlet_by_its_source_address():
    clipped = "---\ntitle: Gas deal\nsource: https://en.trend.az/business/energy/1.html\n---\n\n" + PROSE
    assert convert_text(clipped, "clip.md").meta.publisher == "Trend"
    stated = clipped.replace("title: Gas deal\n", "title: Gas deal\npublisher: Caspian Ledger\n")
    assert convert_text(stated, "clip.md").meta.publisher == "Caspian Ledger"


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="publisher" content="Caspian Ledger">',
        '<meta name="dc.publisher" content="Caspian Ledger">',
        '<script type="application/ld+json">'
        '{"@type": "NewsMediaOrganization", "name": "Caspian Ledger"}</script>',
    ],
)
def test_publisher_metadata_html_pages_state(head):
    page = f"<html><head>{head}<title>Gas deal</title></head><body><p>{PROSE}</p></body></html>"
    assert convert_text(page, "a.html").meta.publisher == "Caspian Ledger"
