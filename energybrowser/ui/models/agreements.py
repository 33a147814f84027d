"""The agreements ledger as a table: the core's rows (`agreements.ledger`), formatted for the window.
Reports of the same agreement (same `group`) can show as one row."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from energybrowser.agreements.ledger import AgreementRow, RowDate, describe_conflicts, group_rows, short_date
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.library import ArticleEntry
from energybrowser.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex

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
UNKNOWN_LAST = "\U0010ffff"  # sorts after any text
CONFLICT_COLOR = "#c0392b"  # readable on light and dark bases
REPORTED = "reported"  # marks a date that is the article's, not one the text gives the agreement
NOT_NAMED = "not named"
NO_DATE = "n.d."


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


REVIEW_MARKS = {
    "unreviewed": "",
    "confirmed": "✓",
    "edited": "✎",
    "added": "+",
    "rejected": "✗",
    "partly": "◐",
}
REVIEW_ORDER = ("unreviewed", "partly", "confirmed", "edited", "added", "rejected")
HEADER_TEXT = {"Review": "✓"}


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


HEADER_TIPS = {
    "Review": "Your review: ✓ confirmed, ✎ edited, + added by you, ✗ rejected, ◐ some reports reviewed",
    "Date": f"The date the text gives the agreement; grey “{REPORTED} …” is its article's date instead",
    "Reports": f"Articles reporting the agreement; {CONFLICT_MARK} when they disagree",
    "Status": "signed, planned or negotiated; (vague) when the text does not name the document",
    "Article": "The reporting article (bracketed opening words when it states no title)",
}


class AgreementsModel(QAbstractTableModel):
    AgreementRole = Qt.ItemDataRole.UserRole + 1  # the AgreementRow
    SortRole = Qt.ItemDataRole.UserRole + 2
    ReviewStateRole = Qt.ItemDataRole.UserRole + 3  # the row's review state (see AgreementRow)

    def __init__(
        self,
        article_of: Callable[[str], Article | ArticleEntry | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._article_of = article_of or (lambda _article_id: None)
        self._agreements: tuple[Agreement, ...] = ()
        self._grouped = True
        self._rows: list[AgreementRow] = []
        self._current_article = ""  # rows this article reports are shown in bold

    # --- content -------------------------------------------------------------------------------
    def set_agreements(self, agreements: Sequence[Agreement]) -> None:
        self.beginResetModel()
        self._agreements = tuple(agreements)
        self._rows = group_rows(self._agreements, self._grouped)
        self.endResetModel()

    def set_current_article(self, article_id: str) -> None:
        """Bold the rows the open article reports: what this article says was agreed, at a glance."""
        if article_id == self._current_article:
            return
        self._current_article = article_id
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.FontRole])

    def reports_current(self, row: AgreementRow) -> bool:
        return bool(self._current_article) and self._current_article in row.articles

    def set_grouped(self, grouped: bool) -> None:
        if grouped != self._grouped:
            self._grouped = grouped
            self.set_agreements(self._agreements)

    @property
    def grouped(self) -> bool:
        return self._grouped

    def row_at(self, row: int) -> AgreementRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[AgreementRow]:
        return list(self._rows)

    def all_rows(self) -> list[AgreementRow]:
        """The rows themselves (not a copy): for views that order them; never to be changed."""
        return self._rows

    def title_of(self, article_id: str) -> str:
        """The article's title as lists show it (opening words in brackets when it has none)."""
        article = self._article_of(article_id)
        return article.display_title if article else article_id

    def true_title_of(self, article_id: str) -> str:
        """The title the article states ('' when it states none): what an export should carry."""
        article = self._article_of(article_id)
        return article.title if article else ""

    def cell_text(self, row: AgreementRow, column: int) -> str:
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
                return f"{CONFLICT_MARK} {count}" if row.conflicts else count
            case "Article":
                return "; ".join(self.title_of(a) for a in row.articles)
        return ""

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADER_TEXT.get(COLUMNS[section], COLUMNS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS.get(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.row_data(self._rows[index.row()], index.column(), role)

    def sort_key(self, row: AgreementRow, column: int) -> object:
        """What the column sorts rows by; `UNKNOWN_LAST` for a row without a value."""
        name = COLUMNS[column]
        if name == "Review":
            return REVIEW_ORDER.index(row.review_state)
        if name == "Reports":
            return len(row.reports)
        if name == "Date":  # chronological; a stated date before a report's date of the same day
            date = row.date
            return f"{date.sort_key}\t{int(date.reported)}" if date.sort_key else UNKNOWN_LAST
        if name == "Parties" and not row.parties:
            return UNKNOWN_LAST
        text = self.cell_text(row, column).casefold()
        return text or UNKNOWN_LAST  # rows without a subject (...) after those with one

    def row_data(self, row: AgreementRow, column: int, role: int) -> object:
        """`data` of a row (shared with the views that order the rows)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        name = COLUMNS[column]
        if role == self.SortRole:
            return self.sort_key(row, column)
        if role == self.AgreementRole:
            return row
        if role == self.ReviewStateRole:
            return row.review_state
        if role == Qt.ItemDataRole.AccessibleTextRole and name == "Review":
            return review_tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.conflicts and name == "Reports":
                return QColor(CONFLICT_COLOR)
            if self._placeholder(row, name):
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.FontRole:
            italic, bold = self._placeholder(row, name), self.reports_current(row)
            if not (italic or bold):
                return None
            font = QFont()
            font.setItalic(italic)
            font.setBold(bold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            value = self.cell_text(row, column)
            if name == "Review":
                lines = [review_tooltip(row)]
            else:
                lines = [date_tooltip(row.date) if name == "Date" else f"{name}: {value}" if value else ""]
                if row.review_state != "unreviewed":
                    lines.append(review_tooltip(row))
            lines.append(f"“{row.lead.evidence.text}”")
            if len(row.reports) > 1:
                lines.append("Reported by: " + "; ".join(self.title_of(a) for a in row.articles))
            if row.conflicts:
                lines.append("Reports disagree: " + readable_conflicts(row, self.title_of))
            return tooltip(*lines)
        return None

    @staticmethod
    def _placeholder(row: AgreementRow, name: str) -> bool:
        """Cells that show a stand-in (the article's date, "not named") rather than a stated value."""
        return (name == "Date" and row.date.reported) or (name == "Parties" and not row.parties)
