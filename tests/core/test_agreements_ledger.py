"""The ledger without a window: rows, merged details, dates, conflicts, and the CSV export."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from energybrowser.agreements.grouping import group_agreements
from energybrowser.agreements.ledger import (
    AgreementRow,
    date_sort_key,
    describe_conflicts,
    group_rows,
    short_date,
)
from energybrowser.agreements.ledger_csv import LEDGER_CSV_COLUMNS, write_ledger_csv
from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.corpus.model import PartialDate


def report(article: str, **changes: object) -> Agreement:
    base = Agreement(
        id=f"{article}#a1",
        article=article,
        type="memorandum",
        status="signed",
        parties=("SOCAR", "QazaqGaz"),
        evidence=Evidence(f"SOCAR and QazaqGaz signed a memorandum ({article}).", 2, 10, 60),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_short_dates_at_every_precision() -> None:
    assert short_date(PartialDate(2022, 8, 26)) == "26 Aug 2022"
    assert short_date(PartialDate(2022, 8)) == "Aug 2022"
    assert short_date(PartialDate(2022)) == "2022"
    assert short_date(PartialDate(None, 10, 24)) == "24 Oct (no year)"
    assert short_date(PartialDate(None, 4)) == "Apr (no year)"
    assert short_date(PartialDate()) == ""


def test_dates_sort_chronologically_with_yearless_ones_after() -> None:
    dates = [PartialDate(None, 1, 2), PartialDate(2023), PartialDate(2022, 8, 26), PartialDate(2022, 8)]
    ordered = sorted(dates, key=date_sort_key)
    assert ordered == [
        PartialDate(2022, 8),
        PartialDate(2022, 8, 26),
        PartialDate(2023),
        PartialDate(None, 1, 2),
    ]
    assert date_sort_key(PartialDate()) == ""
    assert date_sort_key(PartialDate(), "last week") > date_sort_key(PartialDate(2099))


def test_rows_group_reports_of_one_agreement_and_merge_their_details() -> None:
    first = report("a", group="g", reported=PartialDate(2022, 8, 27), signatories=("Rovshan Najaf",))
    second = report(
        "b",
        group="g",
        parties=("QazaqGaz", "SOCAR", "KazMunayGas"),
        date="on August 26, 2022",
        when=PartialDate(2022, 8, 26),
        place="Baku",
        subject="joint gas projects",
        quantities=("2 bcm",),
        reported=PartialDate(2022, 8, 26),
    )
    alone = report("c")
    rows = group_rows([first, alone, second], grouped=True)
    assert [len(r.reports) for r in rows] == [2, 1]
    row = rows[0]
    assert row.lead is first and row.articles == ("a", "b")
    assert row.parties == ("SOCAR", "QazaqGaz", "KazMunayGas")
    assert (row.signatories, row.place, row.subject, row.quantities) == (
        ("Rovshan Najaf",),
        "Baku",
        "joint gas projects",
        ("2 bcm",),
    )
    # The first report states no date: the row takes the one another report states.
    assert (row.date.date, row.date.stated, row.date.reported) == (
        PartialDate(2022, 8, 26),
        "on August 26, 2022",
        False,
    )
    assert row.reported_dates == (PartialDate(2022, 8, 26), PartialDate(2022, 8, 27))
    assert len(group_rows([first, alone, second], grouped=False)) == 3


def test_the_row_date_is_one_the_reports_support() -> None:
    """A stated date after the day another article already reported the document signed is not
    the signing date: the earliest report bounds it (the grouping flags the conflict)."""
    early = report("a", reported=PartialDate(2022, 8, 24))
    late = report("b", date="on 26 August", when=PartialDate(None, 8, 26), reported=PartialDate(2022, 8, 27))
    row = AgreementRow((late, early))
    assert (row.date.date, row.date.reported) == (PartialDate(2022, 8, 24), True)
    earlier = report(
        "c", date="on 22 August", when=PartialDate(None, 8, 22), reported=PartialDate(2022, 8, 27)
    )
    row = AgreementRow((late, earlier, early))
    assert (row.date.date, row.date.stated, row.date.reported) == (
        PartialDate(None, 8, 22),
        "on 22 August",
        False,
    )
    planned = report("d", status="planned", reported=PartialDate(2022, 8, 1))
    assert AgreementRow((late, planned)).date.date == PartialDate(None, 8, 26)  # a plan bounds nothing


def test_a_row_without_a_stated_date_takes_its_earliest_report() -> None:
    row = AgreementRow(
        (report("a", reported=PartialDate(2023, 1)), report("b", reported=PartialDate(2022, 9)))
    )
    assert (row.date.date, row.date.reported, row.date.known) == (PartialDate(2022, 9), True, True)
    nothing = AgreementRow((report("a"),)).date
    assert not nothing.known and nothing.sort_key == ""
    words = AgreementRow((report("a", date="last week"),)).date
    assert words.known and not words.reported and words.stated == "last week"


def test_conflicts_are_values_with_their_articles_named_as_the_caller_likes() -> None:
    reports = [
        report("a", when=PartialDate(2022, 8, 26), quantities=("1.5 million tonnes per year",)),
        report("b", when=PartialDate(2022, 8, 24), quantities=("2 million tonnes per year",)),
    ]
    grouped, _ = group_agreements(reports)
    (row,) = group_rows(grouped, grouped=True)
    assert [c.field for c in row.conflicts] == ["date", "quantity"]
    assert describe_conflicts(row) == (
        "date: 2022-08-26 (a) vs 2022-08-24 (b); "
        "quantity (tonnes per year): 1.5 million tonnes per year (a) vs 2 million tonnes per year (b)"
    )
    named = describe_conflicts(row, str.upper, short_date)
    assert named.startswith("date: 26 Aug 2022 (A) vs 24 Aug 2022 (B)")


def test_csv_has_one_line_per_report_with_the_articles_own_values(tmp_path: Path) -> None:
    reports = [
        report(
            "a",
            when=PartialDate(2022, 8, 26),
            reported=PartialDate(2022, 8, 27),
            subject="gas",
            signatories=("Rovshan Najaf", "Sanzhar Zharkeshov"),
            place="Baku",
        ),
        report("b", when=PartialDate(2022, 8, 24), parties=(), vague=True),
        report("c", date="last week", evidence=Evidence("x", None, 0, 1)),
    ]
    grouped, _ = group_agreements(reports)
    rows = group_rows(grouped, grouped=True)
    target = tmp_path / "ledger.csv"
    titles = {"a": "Title A", "b": "", "c": "Title C"}
    assert write_ledger_csv(target, rows, titles.__getitem__) == 3
    with target.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert tuple(lines[0]) == LEDGER_CSV_COLUMNS
    a, b, c = lines
    assert (a["Date"], a["Reported"], a["Parties"], a["Subject"]) == (
        "2022-08-26",
        "2022-08-27",
        "SOCAR, QazaqGaz",
        "gas",
    )
    assert (a["Article title"], a["Article ID"], a["Paragraph"]) == ("Title A", "a", "2")
    assert (a["Signatories"], a["Place"]) == ("Rovshan Najaf, Sanzhar Zharkeshov", "Baku")  # by whom, where
    assert (b["Signatories"], b["Place"]) == ("", "")
    # No stand-ins: no parties is empty, not "not named"; no title is empty.
    assert (b["Parties"], b["Status"], b["Article title"]) == ("", "signed (vague)", "")
    assert (c["Date"], c["Reported"], c["Paragraph"], c["Conflicts"]) == ("last week", "", "", "")
