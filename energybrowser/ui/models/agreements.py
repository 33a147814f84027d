"""The agreements ledger as a table: the core's rows (`agreements.ledger`), formatted for the window.
Reports of the same agreement (same `group`) can show as one row."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from energybrowser.agreements.ledger import AgreementRow, group_rows
from energybrowser.agreements.ledger_cells import (
    COLUMNS,
    CONFLICT_MARK,
    NO_DATE,
    NOT_NAMED,
    REPORTED,
    REVIEW_MARKS,
    REVIEW_ORDER,
    cell_text,
    date_text,
    date_tooltip,
    placeholder,
    readable_conflicts,
    review_tooltip,
    sort_key,
)
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.library import ArticleEntry
from energybrowser.ui.plain import tooltip

__all__ = [  # the ledger's texts, as the window's modules and tests know them from here
    "COLUMNS",
    "CONFLICT_MARK",
    "NOT_NAMED",
    "NO_DATE",
    "REPORTED",
    "REVIEW_MARKS",
    "REVIEW_ORDER",
    "AgreementsModel",
    "date_text",
    "date_tooltip",
    "readable_conflicts",
    "review_tooltip",
]  # fmt: skip

Index = QModelIndex | QPersistentModelIndex

UNKNOWN_LAST = "\U0010ffff"  # sorts after any text
CONFLICT_COLOR = "#c0392b"  # readable on light and dark bases
HEADER_TEXT = {"Review": "✓"}


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
        return cell_text(row, column, self.title_of)

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
        key = sort_key(row, column, self.cell_text(row, column))
        return UNKNOWN_LAST if key is None else key

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
        return placeholder(row, name)
