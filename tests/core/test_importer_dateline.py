"""Datelines: agency copy states its publisher (and often its date) only at the start of the text."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.dateline import read_dateline
from energybrowser.corpus.model import PartialDate


@pytest.mark.parametrize(
    ("opening", "place", "publisher", "date"),
    [
        ("ASTANA. KAZINFORM – The sides agreed on transit.", "ASTANA", "Kazinform", None),
        ("ASTANA, KAZINFORM - The sides agreed.", "ASTANA", "Kazinform", None),
        ("LONDON, Nov 21 (Reuters) - Oil prices rose.", "LONDON", "Reuters", PartialDate(None, 11, 21)),
        (
            "BAKU, Azerbaijan, March 11 (Trend) — SOCAR and KMG signed a memorandum.",
            "BAKU",
            "Trend",
            PartialDate(None, 3, 11),
        ),
        ("WASHINGTON (AP) — Officials met.", "WASHINGTON", "Associated Press", None),
        ("Baku, November 21, 2024 (AZERTAC) - Talks ended.", "Baku", "Azertac", PartialDate(2024, 11, 21)),
        ("NUR-SULTAN, 2 June (Kazinform) – A new route.", "NUR-SULTAN", "Kazinform", PartialDate(None, 6, 2)),
        ("ST. PETERSBURG, June 2 (TASS) - Gas talks.", "ST. PETERSBURG", "TASS", PartialDate(None, 6, 2)),
        ("AKTAU (Caspian Energy News) – Tankers loaded.", "AKTAU", "Caspian Energy News", None),
    ],
)
def test_datelines_are_read(opening: str, place: str, publisher: str, date: PartialDate | None) -> None:
    dateline = read_dateline(opening)
    assert dateline is not None
    assert (dateline.place, dateline.publisher) == (place, publisher)
    assert (dateline.date.date if dateline.date else None) == date


@pytest.mark.parametrize(
    "opening",
    [
        "The Baku-Tbilisi-Ceyhan pipeline carries Azerbaijani oil.",
        "Kazakhstan and Azerbaijan – two partners – met in Astana.",
        "BAKU, AZERBAIJAN – an unknown word is not an agency.",
        "Azerbaijan (SOCAR) - prose with a bracketed company is not a dateline.",
        "In 2022 (Reuters) - a year is not a place.",
        "ASTANA (the capital of Kazakhstan) – a remark in brackets.",
        "The State Oil Company of Azerbaijan Republic and its partners from Kazakhstan (Reuters) - x",
        "",
    ],
)
def test_prose_is_not_a_dateline(opening: str) -> None:
    assert read_dateline(opening) is None


def test_import_takes_publisher_and_date_from_the_dateline_and_keeps_the_text() -> None:
    raw = (
        "Kazakhstan, Azerbaijan sign oil transit deal\n\n"
        "BAKU, Azerbaijan, March 11 (Trend) — Kazakhstan and Azerbaijan signed an oil transit memorandum.\n\n"
        "The deal covers up to 2 million tonnes a year.\n"
    )
    article = convert_text(raw, "trend.txt")
    assert article.meta.publisher == "Trend"
    assert article.meta.date == PartialDate(None, 3, 11)
    assert article.meta.date_text == "March 11"
    # The dateline stays in the text: quotes and offsets must match the source.
    assert article.paragraphs[0].text.startswith("BAKU, Azerbaijan, March 11 (Trend) — Kazakhstan")


def test_a_byline_outranks_the_dateline() -> None:
    raw = (
        "Gas talks in Astana\n\n"
        "By Azernews | 2 May 2023\n\n"
        "ASTANA. KAZINFORM – QazaqGaz and SOCAR discussed gas supplies.\n\n"
        "Talks continue next month.\n"
    )
    meta = convert_text(raw, "byline.txt").meta
    assert meta.publisher == "Azernews"
    assert meta.date == PartialDate(2023, 5, 2)
