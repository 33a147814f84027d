"""The agreements ledger as a table: a view over the catalogue's ledger rows (`library.ledger_table`).

The rows shown are counted, sorted and filtered in SQL (`LedgerQuery`): the model holds only the
ids of the rows in the order shown, and reads a page of rows as the view asks for them; a row's
reports (the details pane, review actions) are read only for the rows picked. So a ledger of
40,000 rows opens without building an `Agreement` of it (Anki's browser and Zotero's item tree read
their rows the same way). Selected rows follow their agreements through a re-sort, a filter and
a refresh (rows keep their ids when a review rewrites them).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from energybrowser.agreements.ledger import AgreementRow
from energybrowser.agreements.ledger_cells import (
    COLUMNS,
    CONFLICT_MARK,
    EVERY_STATE,
    NO_DATE,
    NOT_NAMED,
    REPORTED,
    REVIEW_MARKS,
    REVIEW_ORDER,
    date_text,
    date_tooltip,
    readable_conflicts,
    review_tooltip,
)
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.curation.apply import ReviewedLedger
from energybrowser.library import ArticleEntry
from energybrowser.library.catalogue import Catalogue
from energybrowser.library.ledger_table import LedgerCells, LedgerQuery, LedgerTable
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
]

Index = QModelIndex | QPersistentModelIndex

CONFLICT_COLOR = "#c0392b"  # readable on light and dark bases
HEADER_TEXT = {"Review": "✓"}
HEADER_TIPS = {
    "Review": "Your review: ✓ confirmed, ✎ edited, + added by you, ✗ rejected, ◐ some reports reviewed",
    "Date": f"The date the text gives the agreement; grey “{REPORTED} …” is its article's date instead",
    "Reports": f"Articles reporting the agreement; {CONFLICT_MARK} when they disagree",
    "Status": "signed, planned or negotiated; (vague) when the text does not name the document",
    "Article": "The reporting article (bracketed opening words when it states no title)",
}
PAGE = 200  # rows read at a time as the view shows them
PAGES_KEPT = 16
DETAILS_KEPT = 64  # rows whose reports were read (the selection, tooltips of rows hovered)


class AgreementsModel(QAbstractTableModel):
    AgreementRole = Qt.ItemDataRole.UserRole + 1  # the AgreementRow, its reports as reviewed
    ReviewStateRole = Qt.ItemDataRole.UserRole + 3  # the row's review state (see AgreementRow)

    def __init__(
        self,
        article_of: Callable[[str], Article | ArticleEntry | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._article_of = article_of or (lambda _article_id: None)
        self._table: LedgerTable | None = None
        self._own: Catalogue | None = None  # rows shown by `set_agreements` (no library)
        self._query = LedgerQuery()
        self._order: array[int] = array("q")  # the ids of the rows shown, in the order shown
        self._total = 0  # rows of the mode, whatever the filters
        self._pages: OrderedDict[int, list[LedgerCells | None]] = OrderedDict()
        self._details: OrderedDict[int, AgreementRow | None] = OrderedDict()
        self._current_article = ""  # rows this article reports are shown in bold

    # --- content -------------------------------------------------------------------------------
    def set_table(self, table: LedgerTable | None) -> None:
        """Show the rows of a library's catalogue (the sort and filters stay)."""
        self.beginResetModel()
        self._table = table
        self._forget()
        self._order, self._total = self._ordered()
        self.endResetModel()

    def set_agreements(self, agreements: Sequence[Agreement]) -> None:
        """Show these agreements as they are (no library: a catalogue in memory holds their rows)."""
        if self._own is None:
            self._own = Catalogue.memory()
        table = LedgerTable(self._own)
        table.write(ReviewedLedger(tuple(agreements), ()), self.title_of, "")
        if self._table is table or (self._table is not None and self._table.catalogue is self._own):
            self.refresh()
        else:
            self.set_table(table)

    def refresh(self) -> None:
        """The stored rows changed (a review, an analysis): show them again; selected rows stay
        selected when they are still shown."""
        self._forget()
        self._relayout()

    @property
    def table(self) -> LedgerTable | None:
        return self._table

    def set_current_article(self, article_id: str) -> None:
        """Bold the rows the open article reports: what this article says was agreed, at a glance."""
        if article_id == self._current_article:
            return
        self._current_article = article_id
        if self._order:
            last = self.index(len(self._order) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.FontRole])

    def set_grouped(self, grouped: bool) -> None:
        if grouped != self._query.grouped:
            self._query = self._with(grouped=grouped)
            self.set_table(self._table)

    @property
    def grouped(self) -> bool:
        return self._query.grouped

    # --- what is shown: sort and filters, worked out by the catalogue ---------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._query = self._with(column=column, ascending=order == Qt.SortOrder.AscendingOrder)
        self._relayout()

    def sortColumn(self) -> int:
        return self._query.column

    def sortOrder(self) -> Qt.SortOrder:
        return Qt.SortOrder.AscendingOrder if self._query.ascending else Qt.SortOrder.DescendingOrder

    def set_filter_text(self, text: str) -> None:
        """Rows with `text` in any cell (case-insensitive)."""
        if text.casefold() != self._query.text:
            self._query = self._with(text=text.casefold())
            self._relayout()

    def set_review_states(self, states: frozenset[str]) -> None:
        if states != self._query.states:
            self._query = self._with(states=states)
            self._relayout()

    def set_unreviewed_first(self, first: bool) -> None:
        if first != self._query.unreviewed_first:
            self._query = self._with(unreviewed_first=first)
            self._relayout()

    def _with(self, **changes: object) -> LedgerQuery:
        return replace(self._query, **changes)  # type: ignore[arg-type]

    def total(self) -> int:
        """Rows of the ledger in this mode, shown or not."""
        return self._total

    def count(self, states: frozenset[str] = EVERY_STATE, grouped: bool | None = None) -> int:
        """Rows of the ledger in these review states (of this mode, or the one named)."""
        if self._table is None:
            return 0
        return self._table.count(self._query.grouped if grouped is None else grouped, states)

    # --- rows --------------------------------------------------------------------------------------
    def cells_at(self, row: int) -> LedgerCells | None:
        """A shown row's cells (read with its page)."""
        if not 0 <= row < len(self._order) or self._table is None:
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            ids = self._order[number * PAGE : (number + 1) * PAGE]
            found = self._table.cells(ids)
            page = self._pages[number] = [found.get(i) for i in ids]
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def row_at(self, row: int) -> AgreementRow | None:
        """A shown row with its reports as reviewed."""
        if not 0 <= row < len(self._order) or self._table is None:
            return None
        row_id = self._order[row]
        if row_id in self._details:
            self._details.move_to_end(row_id)
            return self._details[row_id]
        details = self._details[row_id] = self._table.details(row_id)
        while len(self._details) > DETAILS_KEPT:
            self._details.popitem(last=False)
        return details

    def rows(self) -> list[AgreementRow]:
        """Every shown row with its reports, in the order shown (an export, tests): reads them all."""
        found = (self.row_at(r) for r in range(len(self._order)))
        return [row for row in found if row is not None]

    shown_rows = rows

    def first_cells(self, limit: int) -> list[LedgerCells]:
        """The cells of the first rows shown (what the columns are fitted to)."""
        found = (self.cells_at(r) for r in range(min(limit, len(self._order))))
        return [cells for cells in found if cells is not None]

    def row_of(self, key: str) -> int:
        """Where the row of this agreement (group or report id) is shown; -1 when it is not."""
        if self._table is None:
            return -1
        row_id = self._table.row_id(self._query.grouped, key)
        return self._order.index(row_id) if row_id is not None and row_id in self._order else -1

    def reports_current(self, cells: LedgerCells) -> bool:
        return bool(self._current_article) and self._current_article in cells.articles

    def title_of(self, article_id: str) -> str:
        """The article's title as lists show it (opening words in brackets when it has none)."""
        article = self._article_of(article_id)
        return article.display_title if article else article_id

    def true_title_of(self, article_id: str) -> str:
        """The title the article states ('' when it states none): what an export should carry."""
        article = self._article_of(article_id)
        return article.title if article else ""

    # --- ordering ------------------------------------------------------------------------------------
    def _ordered(self) -> tuple[array[int], int]:
        if self._table is None:
            return array("q"), 0
        return self._table.order(self._query), self._table.count(self._query.grouped)

    def _forget(self) -> None:
        self._pages.clear()
        self._details.clear()

    def _relayout(self) -> None:
        """Show the rows in their new order; selected and current rows stay with their rows."""
        order, total = self._ordered()
        self._total = total
        if order == self._order:
            if self._order:  # the same rows, their content may have changed
                last = self.index(len(self._order) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.layoutAboutToBeChanged.emit()
        where = {row_id: row for row, row_id in enumerate(order)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            old = index.row()
            row = where.get(self._order[old]) if 0 <= old < len(self._order) else None
            after.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self._order = order
        self._pages.clear()
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

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
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == self.AgreementRole:
            return self.row_at(index.row())
        cells = self.cells_at(index.row())
        if cells is None:
            return None
        column, name = index.column(), COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.cells[column]
        if role == self.ReviewStateRole:
            return cells.review
        if role == Qt.ItemDataRole.AccessibleTextRole and name == "Review":
            return cells.tips[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if cells.conflicts and name == "Reports":
                return QColor(CONFLICT_COLOR)
            if cells.placeholder(column):
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.FontRole:
            italic, bold = cells.placeholder(column), self.reports_current(cells)
            if not (italic or bold):
                return None
            font = QFont()
            font.setItalic(italic)
            font.setBold(bold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), cells, column)
        return None

    def _tooltip(self, row: int, cells: LedgerCells, column: int) -> str:
        review, date = cells.tips
        name, value = COLUMNS[column], cells.cells[column]
        if name == "Review":
            lines = [review]
        else:
            lines = [date if name == "Date" else f"{name}: {value}" if value else ""]
            if cells.review != "unreviewed":
                lines.append(review)
        details = self.row_at(row)  # the evidence and the conflicts: read for the row hovered
        if details is not None:
            lines.append(f"“{details.lead.evidence.text}”")
        if cells.reports > 1:
            lines.append("Reported by: " + "; ".join(self.title_of(a) for a in cells.articles))
        if details is not None and details.conflicts:
            lines.append("Reports disagree: " + readable_conflicts(details, self.title_of))
        return tooltip(*lines)
