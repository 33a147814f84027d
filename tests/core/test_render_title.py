"""The title block states what the article states about itself, and no more."""

from __future__ import annotations

from dataclasses import replace

import pytest

from energybrowser.corpus.model import Author, PartialDate
from energybrowser.render import render_article
from tests.render_helpers import load, styled

RICH = load("rich")


def title_text(article) -> str:  # type: ignore[no-untyped-def]
    parsed = styled(render_article(article).html)
    return parsed.text()[: parsed.anchors["b0"]]


def with_meta(**changes):  # type: ignore[no-untyped-def]
    return replace(RICH, meta=replace(RICH.meta, **changes))


def test_title_authors_publisher_date_language_and_link() -> None:
    text = title_text(RICH)
    assert text.startswith("Caspian partners sign gas memorandum in Baku")
    assert "By Leyla Mammadova and Caspian Energy Desk (organisation)" in text
    assert "Caspian Wire · 28 March 2023 · Language: en" in text
    html = render_article(RICH).html
    assert '<a href="https://example.com/news/caspian-gas-memorandum">' in html


@pytest.mark.parametrize(
    ("date", "date_text", "shown"),
    [
        (PartialDate(2022), "", "2022"),
        (PartialDate(2022, 8), "", "August 2022"),
        (PartialDate(None, 10, 24), "Oct 24", "24 October (year not stated)"),
        (PartialDate(), "", "n.d."),
        (PartialDate(), "last spring", "n.d. (source says “last spring”)"),
    ],
)
def test_dates_keep_their_precision(date: PartialDate, date_text: str, shown: str) -> None:
    assert f"Caspian Wire · {shown}" in title_text(with_meta(date=date, date_text=date_text))


def test_a_source_that_is_not_a_web_address_is_not_a_link() -> None:
    article = with_meta(url="file:///home/user/article.html")
    html = render_article(article).html
    assert "Source (not a web link): file:///home/user/article.html" in styled(html).text()
    assert 'href="file:' not in html


def test_untitled_and_authorless_articles_say_so_plainly() -> None:
    article = with_meta(title="", authors=(), publisher="", accessed=PartialDate(2024, 5, 2))
    text = title_text(article)
    assert text.startswith("Untitled")
    assert "By " not in text
    assert "Accessed 2 May 2024" in text


def test_many_authors_are_listed_with_organisations_marked() -> None:
    authors = (Author("A One"), Author("Agency X", organization=True), Author("C Three"))
    assert "By A One, Agency X (organisation) and C Three" in title_text(with_meta(authors=authors))
