"""What a person would see of the window's layout, as data: whether the window is wholly on its
screen, and which key texts the default layout cuts short (ledger cells, result titles).

Printed for the real-window tests (`ENERGYBROWSER_LAYOUT_REPORT=1`, see `app.py`) once the ledger
is filled; it reads the widgets and changes nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication

from energybrowser.ui.agreements_panel import KEY_COLUMNS
from energybrowser.ui.models.agreements import COLUMNS
from energybrowser.ui.results_delegate import PAD, title_lines

if TYPE_CHECKING:
    from energybrowser.ui.main_window import MainWindow

CELL_MARGIN = 8  # the style's text margins inside a table cell


def cut_ledger_cells(window: MainWindow) -> list[str]:
    """Key-column cells of the ledger whose text does not fit its column, or columns that do not
    fit in the table's view (they need scrolling), as "Column: text"."""
    panel = window.agreements
    if panel.isHidden() or window.splitter.is_folded(2):
        return [f"{name}: (ledger folded away)" for name in KEY_COLUMNS]
    table = panel.table
    header = table.horizontalHeader()
    cut: list[str] = []
    for name in KEY_COLUMNS:
        column = COLUMNS.index(name)
        width = header.sectionSize(column)
        if header.sectionViewportPosition(column) + width > table.viewport().width():
            cut.append(f"{name}: (column beyond the table's right edge)")
            continue
        for r in range(panel.model.rowCount()):
            index = panel.model.index(r, column)
            text = str(index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
            if metrics.horizontalAdvance(text) + CELL_MARGIN > width:
                cut.append(f"{name}: {text}")
    return cut


def cut_result_titles(window: MainWindow) -> list[str]:
    """Result titles that the list cannot show whole (even wrapped)."""
    results = window.search_panel.results
    model = window.search_panel.model
    if window.splitter.is_folded(0):
        return ["(results folded away)"]
    font = QFont(results.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    width = results.viewport().width() - 2 * PAD
    cut = []
    for r in range(model.rowCount()):
        title = str(model.index(r).data() or "")
        if model.index(r).data(model.UntitledRole):
            continue  # opening words stand in for a missing title: cut by design
        lines = title_lines(title, metrics, width)
        if " ".join(lines) != " ".join(title.split()):
            cut.append(title)
    return cut


def layout_report(window: MainWindow) -> dict[str, Any]:
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    return {
        "available": [available.x(), available.y(), available.width(), available.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "on_screen": available.contains(frame),
        "splitter": window.splitter.sizes(),
        "cut_ledger_cells": cut_ledger_cells(window),
        "cut_result_titles": cut_result_titles(window),
    }


def print_layout_report(window: MainWindow) -> None:
    print("energybrowser: layout " + json.dumps(layout_report(window)), flush=True)
