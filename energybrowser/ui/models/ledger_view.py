"""The agreements table as shown: the ledger's rows filtered (words, review state) and sorted.

Why not a QSortFilterProxyModel: its sort calls a Python `lessThan` (and, through it, the model's
`data`) n·log n times, and its filter calls `filterAcceptsRow` once per row; on a ledger of 20,000
rows that was most of the window's start (profiled). Here each row's sort key is computed once, in
Python, and the rows are ordered by `list.sort`; the table is told by a layout change, so the
selection follows its rows as it does with Qt's proxy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from energybrowser.agreements.ledger import AgreementRow
from energybrowser.ui.models.agreements import COLUMNS, UNKNOWN_LAST, AgreementsModel

Index = QModelIndex | QPersistentModelIndex
FRESH = ("unreviewed", "partly")
EVERY_STATE = frozenset({"unreviewed", "partly", "confirmed", "edited", "added", "rejected"})


class LedgerView(QAbstractTableModel):
    """What the table shows of an `AgreementsModel`: `sort` as Qt's views call it, plus
    `set_filter_text`, `set_review_states` and `set_unreviewed_first`.

    Rows without a value in the sort column (no date, no parties, ...) come last in either
    direction; the sort is stable, as Qt's."""

    def __init__(self, source: AgreementsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._order: list[int] = []  # source rows, in the order shown
        self._states: frozenset[str] = EVERY_STATE
        self._text = ""  # casefolded
        self._unreviewed_first = False
        self._column = -1
        self._ascending = True
        self._keys: dict[int, list[Any]] = {}  # sort column -> key of each source row
        self._haystacks: list[str] | None = None  # each source row's cell texts, casefolded
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._on_source_reset)
        source.dataChanged.connect(self._on_source_data_changed)
        self._order = self._ordered()

    # --- what is shown ----------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._ascending = column, order == Qt.SortOrder.AscendingOrder
        self._relayout()

    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self) -> Qt.SortOrder:
        return Qt.SortOrder.AscendingOrder if self._ascending else Qt.SortOrder.DescendingOrder

    def set_filter_text(self, text: str) -> None:
        """Rows with `text` in any cell (case-insensitive)."""
        text = text.casefold()
        if text != self._text:
            self._text = text
            self._relayout()

    def set_review_states(self, states: frozenset[str]) -> None:
        if states != self._states:
            self._states = states
            self._relayout()

    def set_unreviewed_first(self, first: bool) -> None:
        if first != self._unreviewed_first:
            self._unreviewed_first = first
            self._relayout()

    def row_at(self, row: int) -> AgreementRow | None:
        return self.source.row_at(self._order[row]) if 0 <= row < len(self._order) else None

    def shown_rows(self) -> list[AgreementRow]:
        rows = self.source.all_rows()
        return [rows[i] for i in self._order]

    # --- ordering -----------------------------------------------------------------------------------
    def _ordered(self) -> list[int]:
        rows = self.source.all_rows()
        if self._states == EVERY_STATE:
            order = list(range(len(rows)))
        else:
            states = self._states
            order = [i for i, r in enumerate(rows) if r.review_state in states]
        if self._text:
            haystacks = self._cell_texts()
            needle = self._text
            order = [i for i in order if needle in haystacks[i]]
        if 0 <= self._column < len(COLUMNS):
            keys = self._sort_keys(self._column)
            known = [i for i in order if keys[i] != UNKNOWN_LAST]
            unknown = [i for i in order if keys[i] == UNKNOWN_LAST]
            known.sort(key=lambda i: keys[i], reverse=not self._ascending)
            order = known + unknown
        if self._unreviewed_first:
            fresh = [i for i in order if rows[i].review_state in FRESH]
            order = fresh + [i for i in order if rows[i].review_state not in FRESH]
        return order

    def _sort_keys(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            sort_key = self.source.sort_key
            keys = self._keys[column] = [sort_key(row, column) for row in self.source.all_rows()]
        return keys

    def _cell_texts(self) -> list[str]:
        if self._haystacks is None:
            cell_text, columns = self.source.cell_text, range(len(COLUMNS))
            self._haystacks = [
                "\n".join(cell_text(row, c) for c in columns).casefold() for row in self.source.all_rows()
            ]
        return self._haystacks

    def _relayout(self) -> None:
        """Show the rows in their new order; selected and current rows stay with their agreements."""
        order = self._ordered()
        if order == self._order:
            return
        self.layoutAboutToBeChanged.emit()
        where = {source_row: row for row, source_row in enumerate(order)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = where.get(self._order[index.row()]) if 0 <= index.row() < len(self._order) else None
            after.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self._order = order
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _on_source_reset(self) -> None:
        self._keys.clear()
        self._haystacks = None
        self._order = self._ordered()
        self.endResetModel()

    def _on_source_data_changed(self, _first: QModelIndex, _last: QModelIndex, roles: list[int]) -> None:
        if self._order:  # which shown rows changed is not worth working out: fonts of a few rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(COLUMNS) - 1), roles)

    # --- Qt model --------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return self.source.headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        row = self.source.row_at(self._order[index.row()])
        return self.source.row_data(row, index.column(), role) if row is not None else None
