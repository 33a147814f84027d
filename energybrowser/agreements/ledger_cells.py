"""The ledger table's columns as plain text: what each cell of a row says, what it sorts by, and
the review mark and tooltip texts. Shared by the catalogue's ledger table (which stores them, so
the window sorts and filters in SQL) and the window (which shows them); nothing here knows Qt."""

from __future__ import annotations

from collections.abc import Callable

from energybrowser.agreements.ledger import AgreementRow, RowDate, describe_conflicts, short_date

COLUMNS: tuple[str, ...] = (
    "Review",  # narrow: one mark
    "Date",
    "Parties",
    "Type",
    "Reports",  # before Status: narrow, and its ⚠ must stay in view in a narrow ledger
    "Status",
    "Subject",
    "Quantities",
    "Article",
)
CONFLICT_MARK = "⚠"
REPORTED = "reported"  # marks a date that is the article's, not one the text gives the agreement
NOT_NAMED = "not named"
NO_DATE = "n.d."

REVIEW_MARKS = {
    "unreviewed": "",
    "confirmed": "✓",
    "edited": "✎",
    "added": "+",
    "rejected": "✗",
    "partly": "◐",
}
REVIEW_ORDER = ("unreviewed", "partly", "confirmed", "edited", "added", "rejected")
FRESH = ("unreviewed", "partly")  # what "unreviewed first" puts first
EVERY_STATE = frozenset(REVIEW_ORDER)

SortKey = str | int | None  # None: the row has no value in the column (listed last either way)


def date_text(date: RowDate) -> str:
    """'26 Aug 2022', the text's own words when no date could be read from them,
    'reported 25 Aug 2022' for the article's date, 'n.d.' for none."""
    if not date.known:
        return NO_DATE
    if date.reported:
        return f"{REPORTED} {short_date(date.date)}"
    return short_date(date.date) or date.stated


def date_tooltip(date: RowDate) -> str:
    if not date.known:
        return "Neither the agreement nor its article is dated."
    if date.reported:
        return (
            "The text gives the agreement no date; the report is dated "
            f"{short_date(date.date)}, so the agreement dates from then or earlier."
        )
    return f"The text dates it “{date.stated}”" if date.stated else "Dated in the text"


def readable_conflicts(row: AgreementRow, title_of: Callable[[str], str]) -> str:
    """The conflicts with articles named by their titles (ids mean nothing to a reader)."""
    return describe_conflicts(row, lambda article_id: f"“{title_of(article_id)}”", short_date)


def review_tooltip(row: AgreementRow) -> str:
    """The analyst's review of the row in words: state, fields edited, when, the note."""
    if row.review_state == "partly":
        done = sum(a.review.state != "unreviewed" for a in row.reports)
        return f"{done} of {len(row.reports)} reports reviewed"
    review = row.lead.review
    if review.state == "unreviewed":
        return "Not reviewed yet"
    text = {"confirmed": "Confirmed", "edited": "Edited", "added": "Added by you", "rejected": "Rejected"}[
        review.state
    ]
    if review.edited_fields and review.state == "edited":
        text += f" ({', '.join(review.edited_fields)})"
    if review.updated:
        text += f" on {review.updated[:10]}"
    return text + (f": {review.note}" if review.note else "")


def disagree(row: AgreementRow) -> bool:
    """Whether the row's reports disagree (without merging their conflicts: a report of a big
    group carries hundreds)."""
    return any(a.conflicts for a in row.reports)


def cell_text(row: AgreementRow, column: int, title_of: Callable[[str], str]) -> str:
    """What the row shows in `column`; `title_of` names an article as lists show it."""
    lead = row.lead
    match COLUMNS[column]:
        case "Review":
            return REVIEW_MARKS.get(row.review_state, "")
        case "Parties":
            return ", ".join(row.parties) or NOT_NAMED
        case "Type":
            return lead.type
        case "Status":
            return lead.status + (" (vague)" if lead.vague else "")
        case "Date":
            return date_text(row.date)
        case "Subject":
            return row.subject
        case "Quantities":
            return "; ".join(row.quantities)
        case "Reports":
            count = str(len(row.reports))
            return f"{CONFLICT_MARK} {count}" if disagree(row) else count
        case "Article":
            return "; ".join(title_of(a) for a in row.articles)
    return ""


def sort_key(row: AgreementRow, column: int, text: str) -> SortKey:
    """What `column` sorts the row by (`text`: its cell); None for a row without a value."""
    name = COLUMNS[column]
    if name == "Review":
        return REVIEW_ORDER.index(row.review_state)
    if name == "Reports":
        return len(row.reports)
    if name == "Date":  # chronological; a stated date before a report's date of the same day
        date = row.date
        return f"{date.sort_key}\t{int(date.reported)}" if date.sort_key else None
    if name == "Parties" and not row.parties:
        return None
    return text.casefold() or None  # rows without a subject (...) after those with one


def placeholder(row: AgreementRow, name: str) -> bool:
    """Cells that show a stand-in (the article's date, "not named") rather than a stated value."""
    return (name == "Date" and row.date.reported) or (name == "Parties" and not row.parties)
