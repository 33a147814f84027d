from __future__ import annotations

import pytest

from energybrowser.corpus.model import PartialDate
from energybrowser.entities.dates import find_dates, placed_in_year
from energybrowser.entities.quantities import find_quantities


def quantities(text: str) -> list[tuple[str, str]]:
    return [(q.type, q.canonical) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shipped about 75,000 barrels of oil", ("quantity", "75,000 barrels")),
        ("1.5 million tons of oil per year", ("quantity", "1.5 million tonnes per year")),
        ("1.5 million tons of crude to Azerbaijan annually", ("quantity", "1.5 million tonnes per year")),
        ("to 6-6.5 million tons per year", ("quantity", "6–6.5 million tonnes per year")),
        ("some 10 bcm of gas a year", ("quantity", "10 bcm per year")),
        ("3.5 billion cubic metres", ("quantity", "3.5 bcm")),
        ("output of 500,000 barrels per day", ("quantity", "500,000 b/d")),
        ("500,000 bpd", ("quantity", "500,000 b/d")),
        ("more than 70% of exports", ("quantity", "70%")),
        ("up 2.5 per cent", ("quantity", "2.5%")),
        ("more than $200 million", ("money", "USD 200 million")),
        ("€1.5 bn", ("money", "EUR 1.5 billion")),
        ("1.2 billion manats", ("money", "AZN 1.2 billion")),
        ("KZT 500 billion", ("money", "KZT 500 billion")),
    ],
)  # fmt: skip
def test_quantities_and_money_are_normalised(text, expected):
    assert quantities(text) == [expected]


def test_bare_numbers_are_not_quantities():
    assert quantities("Some 159 companies operate in 12 sectors.") == []


def test_quantity_offsets_cover_the_stated_text():
    text = "It sent 950,000 barrels in April."
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "950,000 barrels" and q.value == 950000.0 and q.unit == "barrels"


REF = PartialDate(2024, 3, 20)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("on March 28, 2023,", "2023-03-28"),
        ("on 24 August 2022.", "2022-08-24"),
        ("on 24th of August 2022", "2022-08-24"),
        ("in February 2023", "2023-02"),
        ("on April 4-6, 2023", "2023-04-04"),
        ("(28.03.2023)", "2023-03-28"),
        ("dated 2022-08-25", "2022-08-25"),
        ("since 1995", "1995"),
        ("on March 11", "--03-11"),  # year-less dates stay as stated
        ("on December 30", "--12-30"),
        ("in early July", "--07"),
        ("yesterday", "2024-03-19"),
        ("on Monday", "2024-03-18"),
        ("last Wednesday", "2024-03-13"),
        ("next Friday", "2024-03-22"),
        ("last year", "2023"),
        ("next month", "2024-04"),
    ],
)
def test_dates_in_several_formats_resolve_against_the_article_date(text, iso):
    (d,) = find_dates(text, REF)
    assert d.iso == iso


def test_a_weekday_keeps_its_cue_word_as_stated():
    (d,) = find_dates("signed last Tuesday in Dushanbe", REF)
    assert (d.text, d.iso) == ("last Tuesday", "2024-03-19")  # the latest Tuesday before it


@pytest.mark.parametrize(
    ("date", "placed"),
    [
        (PartialDate(None, 3, 11), PartialDate(2024, 3, 11)),
        (PartialDate(None, 12, 30), PartialDate(2023, 12, 30)),  # later in the year: last year's
        (PartialDate(None, 7), PartialDate(2024, 7)),
        (PartialDate(None, 11), PartialDate(2023, 11)),  # the nearest November
        (PartialDate(2021, 5), PartialDate(2021, 5)),
    ],
)
def test_year_less_dates_are_placed_in_the_article_year_where_one_is_needed(date, placed):
    assert placed_in_year(date, REF) == placed
    assert placed_in_year(date, PartialDate()) == date


def test_without_an_article_date_relative_dates_stay_partial():
    assert [d.iso for d in find_dates("on March 11 and yesterday")] == ["--03-11", ""]


def test_numbers_and_words_that_are_not_dates():
    assert find_dates("2000 tons, may be, 31 February 2023 and 1.5 million", REF) == []
