"""The ledger's short key columns are never cut, whatever their longest text is on a real corpus
(the bundled one says "reported 24 Oct (no year)", in bold italic for the open article's rows)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel
from tests.conftest import REPO


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    return tmp_path / "corpus"


def test_short_columns_show_the_longest_date_whole_in_bold_italic(window) -> None:  # type: ignore[no-untyped-def]
    table = window.agreements.table
    model = window.agreements.model
    texts = {model.index(r, COLUMNS.index("Date")).data() for r in range(model.rowCount())}
    assert any("no year" in t for t in texts)  # the long kind of date is there
    for row in range(model.rowCount()):
        window.open_article(model.index(row, 0).data(AgreementsModel.AgreementRole).lead.article)
        for name in ("Date", "Type", "Status", "Reports"):
            col = COLUMNS.index(name)
            for r in range(model.rowCount()):
                font = model.index(r, col).data(Qt.ItemDataRole.FontRole) or table.font()
                width = QFontMetrics(font).horizontalAdvance(model.index(r, col).data())
                assert table.columnWidth(col) >= width + 8, (name, model.index(r, col).data())
