"""The agreements panel: filter box, grouping switch, sortable table, CSV export."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from energybrowser.agreements.model import Agreement
from energybrowser.ui.models.agreements import COLUMNS, AgreementRow, AgreementsModel


class AgreementsPanel(QWidget):
    agreement_selected = Signal(object)
    """The user picked a row: the AgreementRow (its lead report is opened)."""

    def __init__(self, model: AgreementsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(AgreementsModel.SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        title = QLabel("<b>Agreements</b>")
        self.filter_edit = QLineEdit(objectName="agreements_filter")
        self.filter_edit.setPlaceholderText("Filter: party, type, subject…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.textChanged.connect(self._update_count)
        self.group_box = QCheckBox("One row per agreement", objectName="agreements_grouped")
        self.group_box.setToolTip(
            "Show reports of the same agreement as one row (⚠ marks reports that disagree)"
        )
        self.group_box.setChecked(model.grouped)
        self.group_box.toggled.connect(self._on_grouped_toggled)
        self.count = QLabel(objectName="agreements_count")

        self.table = QTableView(objectName="agreements_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Date"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in zip(range(len(COLUMNS)), (80, 135, 86, 64, 80, 170, 110, 200), strict=True):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        model.modelReset.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.count)
        tools = QHBoxLayout()
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(self.group_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        self._update_count()

    def set_agreements(self, agreements: Sequence[Agreement]) -> None:
        self.model.set_agreements(agreements)

    def visible_rows(self) -> list[AgreementRow]:
        rows = []
        for r in range(self.proxy.rowCount()):
            row = self.proxy.index(r, 0).data(AgreementsModel.AgreementRole)
            if row is not None:
                rows.append(row)
        return rows

    def current_row(self) -> AgreementRow | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(AgreementsModel.AgreementRole) if index.isValid() else None

    def export_csv(self, path: Path) -> int:
        """Write the rows as shown (filtered and sorted), one line per report. Returns rows written."""
        columns = [*COLUMNS, "Evidence", "Paragraph", "Conflicts"]
        written = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in self.visible_rows():
                for report in row.reports:
                    single = AgreementRow((report,))
                    cells = [self.model.cell_text(single, c) for c in range(len(COLUMNS))]
                    cells[COLUMNS.index("Reports")] = str(len(row.reports))
                    writer.writerow(
                        [
                            *cells,
                            report.evidence.text,
                            "" if report.evidence.paragraph is None else report.evidence.paragraph,
                            "; ".join(row.conflicts),
                        ]
                    )
                    written += 1
        return written

    @Slot(bool)
    def _on_grouped_toggled(self, grouped: bool) -> None:
        self.model.set_grouped(grouped)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.siblingAtColumn(0).data(AgreementsModel.AgreementRole) if current.isValid() else None
        if row is not None:
            self.agreement_selected.emit(row)

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown}" if shown == total else f"{shown} of {total}")
