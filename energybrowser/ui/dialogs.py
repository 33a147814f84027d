"""Small dialogs, and the one place that asks the user for file names (tests replace these functions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from energybrowser.ui.actions import ACTIONS, shortcut_text
from energybrowser.ui.plain import plain_message_box


def ask_import_files(parent: QWidget) -> list[str]:
    from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES

    patterns = " ".join(f"*{s}" for s in IMPORTABLE_SUFFIXES)
    files, _ = QFileDialog.getOpenFileNames(
        parent, "Import articles", "", f"Articles ({patterns});;All files (*)"
    )
    return files


def ask_page_address(parent: QWidget, file: str, address: str = "") -> str | None:
    """The address the one page being imported was saved from ('' none); None: cancelled."""
    from energybrowser.ui.import_dialog import PageAddressDialog

    dialog = PageAddressDialog(file, address, parent)
    try:
        return dialog.page_address() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_csv_path(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "Export agreements", suggested, "CSV files (*.csv)")
    if path and not path.lower().endswith(".csv"):
        path += ".csv"
    return path


def show_error(parent: QWidget | None, summary: str, details: str = "") -> None:
    box = plain_message_box(QMessageBox.Icon.Warning, summary, parent=parent)
    box.setInformativeText("The problem was written to the log. Your data is unchanged.")
    if details:
        box.setDetailedText(details)
    box.exec()


class ShortcutsDialog(QDialog):
    """Every command and its shortcuts, read from the action table; type to filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(760, 560)
        self.filter = QLineEdit(placeholderText="Filter commands…", clearButtonEnabled=True)
        self.table = QTableWidget(len(ACTIONS), 3, self)
        self.table.setHorizontalHeaderLabels(["Command", "Shortcut", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, spec in enumerate(ACTIONS):
            cells = (spec.text.replace("&", "").rstrip("…"), shortcut_text(spec), spec.tip)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Rows as tall as their wrapped description: a fixed height cut the longer ones off.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.filter.textChanged.connect(self._on_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)  # typing filters at once

    def _on_filter(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.table.rowCount()):
            items = (self.table.item(row, c) for c in range(3))
            cells = " ".join(item.text() for item in items if item is not None).casefold()
            self.table.setRowHidden(row, bool(needle) and needle not in cells)


def info_dialog(parent: QWidget | None, title: str, html: str) -> QMessageBox:
    """Rich text written by us; anything from an article or a path in it must be escaped first."""
    box = QMessageBox(QMessageBox.Icon.Information, title, html, QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    return box
