"""The agreements ledger: agreements as rows, one per report or one per agreement (its reports
merged), with the row's date, merged details and conflicts. Plain values: the window's table and
details pane and the CSV export format them; nothing here knows about Qt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from energybrowser.agreements.model import Agreement, Conflict
from energybrowser.corpus.model import PartialDate
from energybrowser.entities.dates import placed_in_year

MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
YEARLESS_FIRST = "\U0010fffe"  # sorts after any year (and before the table's "unknown last" mark)


def short_date(date: PartialDate) -> str:
    """'26 Aug 2022', 'Aug 2022', '2022', '24 Oct (no year)'; '' for no date."""
    if date.is_empty:
        return ""
    month = MONTHS_SHORT[date.month - 1] if date.month else ""
    if date.year is None:
        return f"{date.day} {month} (no year)" if date.day else f"{month} (no year)"
    return " ".join(str(p) for p in (date.day, month, date.year) if p)


def date_sort_key(date: PartialDate, stated: str = "") -> str:
    """Chronological as text: ISO, a date without a year after every dated one; `stated` words
    the text gives but no date could be read from sort with the year-less ones; '' for nothing."""
    iso = date.iso()
    if date.year is not None:
        return iso
    return YEARLESS_FIRST + (iso or stated) if iso or stated else ""


@dataclass(frozen=True)
class RowDate:
    """When a row's agreement dates from: the date the text gives it, else its article's date
    (`reported`: the agreement dates from then or earlier), else nothing."""

    date: PartialDate
    stated: str = ""  # the text's own words ("on 26 August 2022"); '' when it gives none
    reported: bool = False

    @property
    def known(self) -> bool:
        return not self.date.is_empty or bool(self.stated)

    @cached_property  # asked for at every comparison while the table sorts: computed once
    def sort_key(self) -> str:
        return date_sort_key(self.date, self.stated)


@dataclass(frozen=True)
class AgreementRow:
    """One row: an agreement, or a group of reports of one agreement (the first report leads).
    Fields merge the reports: every party, quantity and conflict once; the first stated value."""

    reports: tuple[Agreement, ...]

    @property
    def lead(self) -> Agreement:
        return self.reports[0]

    @cached_property  # shown, coloured and sorted on: computed once
    def conflicts(self) -> tuple[Conflict, ...]:
        # The reports of a group share one tuple of its conflicts: each tuple is taken once, as
        # hashing every report's copies of the same conflicts cost seconds on a large ledger.
        distinct = {id(a.conflicts): a.conflicts for a in self.reports if a.conflicts}
        return tuple(dict.fromkeys(c for conflicts in distinct.values() for c in conflicts))

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for a in self.reports for p in a.parties))

    @property
    def quantities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for a in self.reports for q in a.quantities))

    @property
    def signatories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for a in self.reports for s in a.signatories))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.article for a in self.reports))

    @property
    def subject(self) -> str:
        return next((a.subject for a in self.reports if a.subject), "")

    @property
    def place(self) -> str:
        return next((a.place for a in self.reports if a.place), "")

    @property
    def stated_date(self) -> str:
        """The first report's words for the date ("on 26 August 2022"), '' if none states one."""
        return next((a.date for a in self.reports if a.date), "")

    @property
    def reported_dates(self) -> tuple[PartialDate, ...]:
        """The dates of the reporting articles, earliest first."""
        dates = {r.reported for r in self.reports if not r.reported.is_empty}
        return tuple(sorted(dates, key=date_sort_key))

    @property
    def review_state(self) -> str:
        """The analyst's review of the row: its reports' state when they share one, "partly" when
        some are reviewed and some not, else the strongest of their states."""
        states = {a.review.state for a in self.reports}
        if len(states) == 1:
            return states.pop()
        if "unreviewed" in states:
            return "partly"
        return next(s for s in ("rejected", "added", "edited", "confirmed") if s in states)

    @cached_property  # asked for at every comparison while the table sorts: computed once
    def date(self) -> RowDate:
        """The date the reports support: the first stated one that is not after the day an
        article already reported the document signed (that report bounds it; the conflict stays
        flagged), else the earliest report's date."""
        signed = sorted(
            (r.reported for r in self.reports if r.status == "signed" and r.reported.is_complete),
            key=date_sort_key,
        )
        bound = signed[0] if signed else None
        for report in self.reports:
            if report.when.is_empty and not report.date:
                continue
            placed = placed_in_year(report.when, report.reported)
            if bound is None or placed.year is None or not _later(placed, bound):
                return RowDate(report.when, report.date, reported=False)
        if bound is not None:
            return RowDate(bound, reported=True)
        reported = self.reported_dates
        if reported:
            return RowDate(reported[0], reported=True)
        return RowDate(PartialDate(), reported=True)


def _later(date: PartialDate, day: PartialDate) -> bool:
    """`date` (with a year) certainly falls after the complete date `day`."""
    known = tuple(p for p in (date.year, date.month, date.day) if p is not None)
    return known > (day.year, day.month, day.day)[: len(known)]


def group_rows(agreements: Sequence[Agreement], grouped: bool) -> list[AgreementRow]:
    """One row per report, or (`grouped`) one per agreement, in the order first reported."""
    if not grouped:
        return [AgreementRow((a,)) for a in agreements]
    groups: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        groups.setdefault(agreement.group or agreement.id, []).append(agreement)
    return [AgreementRow(tuple(reports)) for reports in groups.values()]


def describe_conflicts(
    row: AgreementRow,
    name_of: Callable[[str], str] = str,
    date_text: Callable[[PartialDate], str] = PartialDate.iso,
) -> str:
    """Every conflict of the row on one line, articles named by `name_of` (their ids by default)."""
    return "; ".join(c.describe(name_of, date_text) for c in row.conflicts)
