"""Title, byline and date stated on consecutive lines of a raw text are read line by line, never
merged into one long title or taken for one hard-wrapped paragraph."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.byline import parse_byline
from energybrowser.corpus.importer.chunks import text_chunks

BODY = (
    "\n\nThe two governments signed the transit agreement in Astana on Tuesday, officials said.\n\n"
    "Volumes are to rise from next year under the terms of the memorandum.\n"
)
LONG_TITLE = "Kazakhstan and Azerbaijan sign a long-term oil transit deal on the Caspian route"


@pytest.mark.parametrize(
    ("header", "title", "authors", "publisher", "date"),
    [
        (
            "Kazakhstan and Azerbaijan sign transit deal\nBy Jane Doe\n12 March 2024",
            "Kazakhstan and Azerbaijan sign transit deal",
            ["Jane Doe"],
            "",
            "2024-03-12",
        ),
        (  # every line long enough to look like a wrapped paragraph
            f"{LONG_TITLE}\nBy Jane Doe and John Smith, Caspian News\nPublished on 12 March 2024, 10:45",
            LONG_TITLE,
            ["Jane Doe", "John Smith"],
            "Caspian News",
            "2024-03-12",
        ),
        (
            f"{LONG_TITLE}\nAuthor: Aigerim Bekova\nPublished 3 May 2023",
            LONG_TITLE,
            ["Aigerim Bekova"],
            "",
            "2023-05-03",
        ),
        (  # date first, then an agency's byline
            "SOCAR and QazaqGaz extend gas supply talks\n25 August 2022\nBy Azernews",
            "SOCAR and QazaqGaz extend gas supply talks",
            [],
            "Azernews",
            "2022-08-25",
        ),
        (
            f"{LONG_TITLE}\nBy Trend News Agency\nMarch 3, 2024",
            LONG_TITLE,
            [],
            "Trend News Agency",
            "2024-03-03",
        ),
        (  # a headline's "?" is no sentence end; separators inside the byline line
            "Will the Middle Corridor carry Kazakh oil west?\nBy Jane Doe | Reuters\nMarch 3, 2024",
            "Will the Middle Corridor carry Kazakh oil west?",
            ["Jane Doe"],
            "Reuters",
            "2024-03-03",
        ),
    ],
)
def test_consecutive_header_lines(
    header: str, title: str, authors: list[str], publisher: str, date: str
) -> None:
    article = convert_text(header + BODY, "deal.txt")
    assert article.meta.title == title
    assert [a.name for a in article.meta.authors] == authors
    assert article.meta.publisher == publisher
    assert article.meta.date.iso() == date
    assert article.text.startswith("The two governments signed")
    assert [b.number for b in article.blocks] == [1, 2]  # nothing of the header left in the body


def test_header_lines_then_wrapped_body_in_the_same_group() -> None:
    wrapped = (
        "The two governments signed the transit agreement in Astana on\n"
        "Tuesday, officials said, after two years of talks on tariffs and\n"
        "volumes.\n"
    )
    article = convert_text(f"{LONG_TITLE}\nBy Jane Doe\n12 March 2024\n{wrapped}", "deal.txt")
    assert article.meta.title == LONG_TITLE
    assert [a.name for a in article.meta.authors] == ["Jane Doe"]
    assert article.text == " ".join(wrapped.split())  # the rest of the group is one paragraph


def test_wrapped_prose_ending_in_a_date_stays_one_paragraph() -> None:
    text = (
        "The agreement between the two state companies was signed in Baku\n"
        "after talks that lasted most of the year and ended on\n"
        "12 March 2024.\n"
    )
    assert [c.text for c in text_chunks(text)] == [" ".join(text.split())]


def test_agency_byline_alone_names_the_publisher_but_a_bare_outlet_does_not() -> None:
    signed = parse_byline("By Azernews")
    assert signed is not None and signed.publisher == "Azernews" and not signed.authors
    assert parse_byline("Azernews") is None  # a site banner
