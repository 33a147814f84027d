"""The agreements ledger as a table. Reports of the same agreement (same `group`) can show as one row."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article, PartialDate
from energybrowser.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = (
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
YEARLESS_FIRST = "\U0010fffe"  # sorts after any year, before UNKNOWN_LAST
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(iso: str) -> str:
    """'26 Aug 2022', 'Aug 2022', '2022', '24 Oct (no year)' from a partial ISO date ('' if unreadable)."""
    try:
        date = PartialDate.parse_iso(iso)
    except ValueError:
        return iso
    if date.is_empty:
        return ""
    month = MONTHS_SHORT[date.month - 1] if date.month else ""
    if date.year is None:
        return f"{date.day} {month} (no year)"
    return " ".join(str(p) for p in (date.day, month, date.year) if p)


@dataclass(frozen=True)
class RowDate:
    """What the Date column shows: the agreement's own date, else its article's (marked as such)."""

    text: str
    sort_key: str  # partial ISO; rows with no date at all sort last
    reported: bool
    tooltip: str


@dataclass(frozen=True)
class AgreementRow:
    """One row: an agreement, or a group of reports of one agreement (the first report leads)."""

    reports: tuple[Agreement, ...]

    @property
    def lead(self) -> Agreement:
        return self.reports[0]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for a in self.reports for c in a.conflicts))

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for a in self.reports for p in a.parties))

    @property
    def quantities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for a in self.reports for q in a.quantities))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.article for a in self.reports))

    @property
    def date(self) -> RowDate:
        for report in self.reports:
            if report.date_iso or report.date:
                text = short_date(report.date_iso) if report.date_iso else report.date
                stated = f"The text dates it “{report.date}”" if report.date else "Dated in the text"
                return RowDate(text, _date_key(report.date_iso or report.date), False, stated)
        reported = sorted(r.reported for r in self.reports if r.reported)
        if reported:
            day = short_date(reported[0])
            tooltip = (
                "The text gives the agreement no date; the report is dated "
                f"{day}, so the agreement dates from then or earlier."
            )
            return RowDate(f"{REPORTED} {day}", _date_key(reported[0]), True, tooltip)
        return RowDate(NO_DATE, "", True, "Neither the agreement nor its article is dated.")


def _date_key(iso: str) -> str:
    """Sorts chronologically; a date without a year after every dated one (but before no date)."""
    return iso if iso[:1].isdigit() else YEARLESS_FIRST + iso


def readable_conflicts(row: AgreementRow, title_of: Callable[[str], str]) -> str:
    """The conflicts with article ids (which mean nothing to a reader) replaced by titles."""
    text = "; ".join(row.conflicts)
    for article_id in sorted(row.articles, key=len, reverse=True):
        # Whole ids only (an id is a slug: letters, digits and hyphens).
        pattern = rf"(?<![\w-]){re.escape(article_id)}(?![\w-])"
        text = re.sub(pattern, lambda _m, a=article_id: f"“{title_of(a)}”", text)
    return text


def group_rows(agreements: Sequence[Agreement], grouped: bool) -> list[AgreementRow]:
    if not grouped:
        return [AgreementRow((a,)) for a in agreements]
    groups: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        groups.setdefault(agreement.group or agreement.id, []).append(agreement)
    return [AgreementRow(tuple(reports)) for reports in groups.values()]


HEADER_TIPS = {
    "Date": f"The date the text gives the agreement; grey “{REPORTED} …” is its article's date instead",
    "Reports": f"Articles reporting the agreement; {CONFLICT_MARK} when they disagree",
    "Status": "signed, planned or negotiated; (vague) when the text does not name the document",
    "Article": "The reporting article (bracketed opening words when it states no title)",
}


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


class AgreementsModel(QAbstractTableModel):
    AgreementRole = Qt.ItemDataRole.UserRole + 1  # the AgreementRow
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, article_of: Callable[[str], Article | None] | None = None, parent: object | None = None
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
            case "Parties":
                return ", ".join(row.parties) or NOT_NAMED
            case "Type":
                return lead.type
            case "Status":
                return lead.status + (" (vague)" if lead.vague else "")
            case "Date":
                return row.date.text
            case "Subject":
                return _first(*(a.subject for a in row.reports))
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
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS.get(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        name = COLUMNS[column]
        if role == self.SortRole:
            if name == "Reports":
                return len(row.reports)
            if name == "Date":  # chronological; a stated date before a report's date of the same day
                date = row.date
                return f"{date.sort_key}\t{int(date.reported)}" if date.sort_key else UNKNOWN_LAST
            if name == "Parties" and not row.parties:
                return UNKNOWN_LAST
            text = self.cell_text(row, column).casefold()
            return text or UNKNOWN_LAST  # rows without a subject (...) after those with one
        if role == self.AgreementRole:
            return row
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
            lines = [row.date.tooltip if name == "Date" else f"{name}: {value}" if value else ""]
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
