"""The agreements panel: filter box, grouping switch, sortable table, CSV export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from energybrowser.agreements.ledger import AgreementRow
from energybrowser.agreements.ledger_csv import write_ledger_csv
from energybrowser.agreements.model import Agreement
from energybrowser.library.ledger_table import LedgerTable
from energybrowser.ui.agreement_details import details_html
from energybrowser.ui.models.agreements import COLUMNS, HEADER_TEXT, AgreementsModel
from energybrowser.ui.plain import plain_label
from energybrowser.ui.widgets import named

# (least, most) width of each column in average characters: short columns are shown whole,
# long free text is elided (its tooltip has the full value).
COLUMN_CHARS = {
    "Review": (2, 3),
    "Date": (11, 30),
    "Parties": (12, 56),
    "Type": (9, 24),
    "Status": (7, 22),
    "Reports": (7, 9),
    "Subject": (14, 40),
    "Quantities": (10, 30),
    "Article": (14, 48),
}


# Shown whole at the default layout (the window gives the ledger room for them when it can).
# Every column up to Status (review mark, date, parties, type, reports, status); the free text after
# it (subject, quantities, article) may need scrolling.
KEY_COLUMNS = COLUMNS[: COLUMNS.index("Status") + 1]
FIT_ROWS = 500  # columns are fitted to the first rows: enough to be representative, and quick
FIT_MEASURED = 16  # of those, the texts with the most characters are measured
CELL_PADDING = 16
HEADER_PADDING = 30


# What the review filter offers: label -> the review states it shows.
REVIEW_FILTERS: dict[str, frozenset[str]] = {
    "All but rejected": frozenset({"unreviewed", "partly", "confirmed", "edited", "added"}),
    "Unreviewed": frozenset({"unreviewed", "partly"}),
    "Reviewed": frozenset({"confirmed", "edited", "added"}),
    "Edited or added": frozenset({"edited", "added"}),
    "Rejected": frozenset({"rejected"}),
    "Everything": frozenset({"unreviewed", "partly", "confirmed", "edited", "added", "rejected"}),
}


class AgreementsPanel(QWidget):
    agreement_selected = Signal(object)
    """The user picked a row: the AgreementRow (its lead report is opened)."""

    def __init__(self, model: AgreementsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model  # the rows as shown: filtered and sorted by the catalogue
        self.model.set_review_states(REVIEW_FILTERS["All but rejected"])

        title = QLabel("<b>Agreements</b>")
        self.filter_edit = named(QLineEdit(), "agreements_filter")
        self.filter_edit.setPlaceholderText("Filter: party, type, subject…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.filter_edit.textChanged.connect(self._update_count)
        self.filter_edit.textChanged.connect(self._drop_hidden_selection)
        self.group_box = named(QCheckBox("One row per agreement"), "agreements_grouped")
        self.group_box.setToolTip(
            "Show reports of the same agreement as one row (⚠ marks reports that disagree)"
        )
        self.group_box.setChecked(model.grouped)
        self.group_box.toggled.connect(self._on_grouped_toggled)
        self.count = plain_label(object_name="agreements_count")
        self.review_filter = named(QComboBox(), "agreements_review_filter")
        self.review_filter.addItems(list(REVIEW_FILTERS))
        self.review_filter.setToolTip("Show the agreements by your review of them")
        self.review_filter.currentTextChanged.connect(self._on_review_filter)
        self.unreviewed_first = named(QCheckBox("Unreviewed first"), "agreements_unreviewed_first")
        self.unreviewed_first.setToolTip("List the agreements nobody has reviewed yet before the others")
        self.unreviewed_first.toggled.connect(self.model.set_unreviewed_first)

        self.table = named(QTableView(), "agreements_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Date"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once: confirm a batch, merge two rows into one agreement.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._fit_columns()
        # Selection, not the current cell: focusing the table (Ctrl+3) must not open an article.
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._update_count)
        model.layoutChanged.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.count)
        tools = QHBoxLayout()
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(self.group_box)
        review_tools = QHBoxLayout()
        review_tools.addWidget(QLabel("Review:"))
        review_tools.addWidget(self.review_filter)
        review_tools.addWidget(self.unreviewed_first)
        review_tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addLayout(review_tools)
        # Below the table, everything known about the selected agreement, unabridged.
        self.details = named(QLabel(), "agreement_details")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setContentsMargins(6, 4, 6, 4)
        scroll = named(QScrollArea(), "agreement_details_scroll")
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "agreements_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])  # proportions: the table's size hint would take it all
        layout.addWidget(self.splitter, 1)
        self._show_details(None)
        self._update_count()

    def set_agreements(self, agreements: Sequence[Agreement]) -> None:
        """Show these agreements (no library: see `AgreementsModel.set_agreements`)."""
        self.model.set_agreements(agreements)
        self._fit_columns()
        self._show_details(self.current_row())

    def set_table(self, table: LedgerTable | None) -> None:
        """Show a library's ledger rows."""
        self.model.set_table(table)
        self._fit_columns()
        self._show_details(self.current_row())

    def refresh(self) -> None:
        """The stored rows changed: shown again, the selection kept on its rows."""
        self.model.refresh()
        self._fit_columns()
        self._show_details(self.current_row())
        self._update_count()

    def _fit_columns(self) -> None:
        """Each column as wide as its content (the header at least), within bounds in characters:
        short columns are never cut; long free text (subject, article) is elided, with a tooltip.
        Measured in bold and bold italic: rows of the open article are bold, stand-ins italic."""
        header = self.table.horizontalHeader()
        char = self.table.fontMetrics().averageCharWidth()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_italic = QFont(bold)
        bold_italic.setItalic(True)
        metrics = (QFontMetrics(bold), QFontMetrics(bold_italic))  # either may be the wider
        header_metrics = QFontMetrics(header.font())
        rows = self.model.first_cells(FIT_ROWS)
        for column, name in enumerate(COLUMNS):
            least, most = COLUMN_CHARS[name]
            # The widest text is among the longest: measuring every cell cost ~0.3 s a fill (profiled).
            texts = sorted({row.cells[column] for row in rows}, key=len)[-FIT_MEASURED:]
            content = max((m.horizontalAdvance(t) for t in texts for m in metrics), default=0) + CELL_PADDING
            label = HEADER_TEXT.get(name, name)
            title = header_metrics.horizontalAdvance(label) + HEADER_PADDING  # room for the sort arrow
            if name in KEY_COLUMNS and name != "Parties":  # shown whole, however wide a font's letters
                most = max(most, -(-content // char))
            header.resizeSection(column, max(least * char, title, min(content, most * char)))
        self._parties_width = header.sectionSize(COLUMNS.index("Parties"))
        self._fit_parties()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_parties()

    def _fit_parties(self) -> None:
        """Parties is the one key column of free length: in a narrow panel it gives up width (down to
        its least) so that the short key columns after it stay in view; it takes it back when wider."""
        header = self.table.horizontalHeader()
        column = COLUMNS.index("Parties")
        others = sum(header.sectionSize(COLUMNS.index(n)) for n in KEY_COLUMNS if n != "Parties")
        least = COLUMN_CHARS["Parties"][0] * self.table.fontMetrics().averageCharWidth()
        # From the panel's width: the table's own viewport is laid out only after this panel's resize.
        layout = self.layout()
        if layout is None:  # still being built
            return
        margins = layout.contentsMargins()
        chrome = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        room = self.width() - margins.left() - margins.right() - chrome - others
        header.resizeSection(column, max(least, min(self._parties_width, room)))

    def wanted_width(self) -> int:
        """The panel's width that shows the key columns whole (the others scroll into view)."""
        header = self.table.horizontalHeader()
        columns = sum(
            self._parties_width if name == "Parties" else header.sectionSize(COLUMNS.index(name))
            for name in KEY_COLUMNS
        )
        scroll = self.table.verticalScrollBar().sizeHint().width()
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout else 0
        return columns + scroll + 2 * self.table.frameWidth() + margins

    def visible_rows(self) -> list[AgreementRow]:
        """Every shown row with its reports (reads them all: an export, tests)."""
        return self.model.rows()

    def selected_rows(self) -> list[AgreementRow]:
        """Every selected row, in the table's order."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [i.data(AgreementsModel.AgreementRole) for i in indexes]

    def current_row(self) -> AgreementRow | None:
        """The selected agreement (None when no row is selected): of several, the one last picked."""
        selection = self.table.selectionModel()
        current = self.table.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), current.parent()):
            row: AgreementRow = current.siblingAtColumn(0).data(AgreementsModel.AgreementRole)
            return row
        rows = selection.selectedRows()
        return rows[0].data(AgreementsModel.AgreementRole) if rows else None

    def export_csv(self, path: Path) -> int:
        """Write the rows as shown (filtered and sorted), one line per report. Returns lines written."""
        return write_ledger_csv(path, self.visible_rows(), self.model.true_title_of)

    @Slot(str)
    def _on_review_filter(self, label: str) -> None:
        self.model.set_review_states(REVIEW_FILTERS.get(label, REVIEW_FILTERS["All but rejected"]))
        self._update_count()

    @Slot(bool)
    def _on_grouped_toggled(self, grouped: bool) -> None:
        self.model.set_grouped(grouped)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.current_row()
        self._show_details(row)
        if row is not None:
            self.agreement_selected.emit(row)

    @Slot()
    def _drop_hidden_selection(self) -> None:
        """The filter hid the selected agreement: its details go too (nothing shown is selected)."""
        if not self.table.selectionModel().selectedRows():
            self.table.clearSelection()
            self._show_details(None)

    def _show_details(self, row: AgreementRow | None) -> None:
        if row is None:
            empty = "No agreements found yet." if not self.model.total() else "Select a row for details."
            self.details.setText(f"<i>{empty}</i>")
            return
        self.details.setText(details_html(row, self.model.title_of))

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        noun = "agreement" if total == 1 else "agreements"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")
