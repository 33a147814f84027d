"""The ledger as CSV: one line per report, the rows in the order given (as the table shows them).

Values are the article's own: the title it states ('' when none) and its id, the date the text
gives the agreement (ISO, or its words when no date could be read) and, separately, the article's
date; no display stand-ins ("not named", "n.d.")."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from energybrowser.agreements.ledger import AgreementRow, describe_conflicts
from energybrowser.safe_text import spreadsheet_cell

LEDGER_CSV_COLUMNS: tuple[str, ...] = (
    "Date",
    "Reported",
    "Parties",
    "Type",
    "Reports",
    "Status",
    "Subject",
    "Quantities",
    "Signatories",  # who signed and where: not table columns (the details pane shows them)
    "Place",
    "Article title",
    "Article ID",
    "Evidence",
    "Paragraph",
    "Conflicts",
    "Review",  # unreviewed, confirmed, edited, added (rejected rows are not in the ledger)
    "Edited fields",
    "Review note",
)


def ledger_csv_records(rows: Iterable[AgreementRow], title_of: Callable[[str], str]) -> Iterator[list[str]]:
    """The lines under the header; `title_of` gives the title an article states ('' if none)."""
    for row in rows:
        conflicts = describe_conflicts(row)
        for report in row.reports:
            paragraph = report.evidence.paragraph
            yield [
                report.when.iso() or report.date,
                report.reported.iso(),
                ", ".join(report.parties),
                report.type,
                str(len(row.reports)),
                report.status + (" (vague)" if report.vague else ""),
                report.subject,
                "; ".join(report.quantities),
                ", ".join(report.signatories),
                report.place,
                title_of(report.article),
                report.article,
                report.evidence.text,
                "" if paragraph is None else str(paragraph),
                conflicts,
                report.review.state,
                ", ".join(report.review.edited_fields),
                report.review.note,
            ]


def write_ledger_csv(path: Path, rows: Iterable[AgreementRow], title_of: Callable[[str], str]) -> int:
    """Write the header and one line per report; returns the lines written under the header."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LEDGER_CSV_COLUMNS)
        for record in ledger_csv_records(rows, title_of):
            writer.writerow([spreadsheet_cell(value) for value in record])  # never a formula
            written += 1
    return written
