"""What a title or byline looks like wherever the window shows one: never a file name, and an
untitled article's opening words always marked as standing in for a title."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import ArticleMeta
from energybrowser.render import render_article
from energybrowser.ui import dialogs
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel
from energybrowser.ui.models.results import ResultsModel

UNTITLED = """---
title: ''
source: 000_381936e708b508b3.txt
---

SOCAR and KazMunayGas signed a memorandum of understanding on oil transport.

The memorandum was welcomed in Astana.
"""
OPENING = "[Untitled: SOCAR and KazMunayGas signed a memorandum of understanding…]"


def test_reader_title_block_marks_the_opening_words_as_no_title() -> None:
    article = build_article(ArticleMeta(id="u", title="", source="x.txt"), "Baku hosted talks on gas.")
    html = render_article(article).html
    assert "[Untitled: Baku hosted talks on gas.]" in html
    assert "<em>Untitled</em>" not in html
    assert "states no title" in html
    titled = render_article(build_article(ArticleMeta(id="t", title="Gas talks"), "Text.")).html
    assert "Gas talks" in titled and "states no title" not in titled


@pytest.fixture
def untitled_window(make_window, corpus_dir: Path):  # type: ignore[no-untyped-def]
    (corpus_dir / "untitled.md").write_text(UNTITLED, encoding="utf-8")
    return make_window()


def test_untitled_article_is_named_the_same_everywhere(untitled_window) -> None:
    window = untitled_window
    model = window.search_panel.model
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == OPENING)
    index = model.index(row)
    assert index.data(ResultsModel.UntitledRole)
    # The byline is honest: no author or publisher stated, no date; the file name only in a tooltip.
    assert index.data(ResultsModel.SourceRole) == "no byline"
    assert index.data(ResultsModel.DateRole) == "n.d."
    assert "000_381936e708b508b3.txt" in index.data(Qt.ItemDataRole.ToolTipRole)
    window.open_article("untitled")
    assert window.windowTitle().startswith(OPENING)
    assert OPENING in window.reader.primary.toPlainText()
    assert "000_381936e708b508b3" not in window.reader.primary.toPlainText()  # no storage names


def test_csv_keeps_the_true_empty_title_and_the_article_id(
    untitled_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = untitled_window
    ids = {r.lead.article for r in window.agreements.visible_rows()}
    assert "untitled" in ids
    assert OPENING in window.agreements_model.title_of("untitled")
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "ask_csv_path", lambda parent, suggested: str(target))
    window.actions_by_id["export_agreements"].trigger()
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    mine = [r for r in rows if r["Article ID"] == "untitled"]
    assert mine and all(r["Article title"] == "" for r in mine)
    titled = [r for r in rows if r["Article ID"] == "caspian-gas-memorandum"]
    assert titled[0]["Article title"] == "SOCAR and KazMunayGas sign gas memorandum"
    assert titled[0]["Reported"] == "2022-08-25"


def test_ledger_columns_show_short_values_whole_even_in_bold(window) -> None:
    from PySide6.QtGui import QFontMetrics

    table = window.agreements.table
    model = window.agreements.model
    window.open_article(model.index(0, 0).data(AgreementsModel.AgreementRole).lead.article)
    for name in ("Date", "Type", "Status", "Reports"):
        col = COLUMNS.index(name)
        for r in range(model.rowCount()):
            font = model.index(r, col).data(Qt.ItemDataRole.FontRole) or table.font()
            width = QFontMetrics(font).horizontalAdvance(model.index(r, col).data())
            assert table.columnWidth(col) >= width + 8, (name, r)  # + the cell's margins


def test_long_evidence_in_the_status_bar_is_cut_at_a_word_with_an_ellipsis() -> None:
    from energybrowser.ui.main_window import clip

    sentence = (
        "Agreements reached in areas such as culture, education, and youth policy aim to strengthen ties."
    )
    short = clip(sentence, 80)
    assert short.endswith("…") and len(short) <= 80
    assert sentence.startswith(short[:-1]) and not short[:-1].endswith(" ")
    assert clip("SOCAR signed.", 80) == "SOCAR signed."


@pytest.mark.parametrize("width", [780, 900, 1100, 1366, 1440, 1728, 1920, 2560])
@pytest.mark.parametrize("ledger_wants", [300, 650, 900])
def test_default_layout_fits_the_window(width: int, ledger_wants: int) -> None:
    from energybrowser.ui.main_window import (
        COMFORTABLE_READER,
        MAX_READER,
        MIN_LEDGER,
        MIN_READER,
        MIN_RESULTS,
        default_split,
    )

    results, reader, ledger = default_split(width, ledger_wants)
    assert results >= MIN_RESULTS and reader >= MIN_READER and ledger >= MIN_LEDGER
    assert results + reader + ledger == max(width, MIN_RESULTS + MIN_READER + MIN_LEDGER)
    assert reader <= MAX_READER  # lines stay readable; extra width goes to the ledger
    if width >= results + ledger_wants + COMFORTABLE_READER:
        assert ledger >= ledger_wants  # the ledger's key columns are whole when the reader is comfortable
    else:
        assert reader >= min(COMFORTABLE_READER, width - results - MIN_LEDGER)


def test_default_window_fits_small_screens_and_leaves_room_on_large_ones() -> None:
    from PySide6.QtCore import QRect

    from energybrowser.ui.main_window import default_window_rect

    laptop = QRect(0, 0, 1366, 768)
    assert default_window_rect(laptop) == laptop
    with_panel = QRect(0, 27, 1600, 873)  # a desktop panel at the top
    assert with_panel.contains(default_window_rect(with_panel))
    wide = QRect(0, 0, 1920, 1080)
    rect = default_window_rect(wide)
    assert wide.contains(rect) and rect.width() > 1600 and rect.center() == wide.center()


def test_empty_folder_welcome_says_how_to_add_articles(qtbot, paths, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.settings import Settings
    from energybrowser.ui.main_window import MainWindow

    empty = tmp_path / "empty"
    empty.mkdir()
    window = MainWindow(Settings.load(paths.settings_file), paths, str(empty), indexing=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysis_ready, timeout=10000):
        window.start()
    welcome = window.reader.welcome.text()
    assert "No articles yet" in welcome and "is empty" in welcome and "Ctrl+O" in welcome
    assert "Pick an article" not in welcome
    window.close()


def test_side_by_side_widens_the_readers_and_closing_gives_the_room_back(window) -> None:
    from energybrowser.ui.main_window import MIN_LEDGER, SIDE_BY_SIDE_WIDTH

    window.resize(1100, 750)
    window.splitter.resize(1090, 700)
    window.splitter.setSizes([280, 450, 360])
    before = window.splitter.sizes()
    ids = window.library.ids()
    window.open_article(ids[0])
    assert window.open_side_by_side(ids[1])
    _results, reader, ledger = window.splitter.sizes()
    assert reader > before[1] and ledger >= MIN_LEDGER
    assert reader >= SIDE_BY_SIDE_WIDTH or ledger == MIN_LEDGER
    window.close_side_by_side()
    assert window.splitter.sizes() == before
    window.open_side_by_side(ids[1])
    window.open_article(ids[2])  # opening another article ends side by side too
    assert not window.reader.side_by_side and window.splitter.sizes() == before


def test_down_arrow_in_the_search_box_moves_on_to_the_results(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    panel = window.search_panel
    assert panel.model.rowCount() > 0
    down = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
    assert panel.eventFilter(panel.query_edit, down)  # taken: the results get it
    assert panel.results.currentIndex().row() == 0
    assert window.reader.current is not None  # the first result opened
    letter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    assert not panel.eventFilter(panel.query_edit, letter)  # typing is left alone


def test_status_counts_agreements_as_the_ledger_does(make_window) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    window = make_window()
    reports = list(window.ledger)
    assert len(reports) >= 2
    grouped = [replace(reports[0], group="g"), replace(reports[1], group="g"), *reports[2:]]
    window.reviewing.controller.set_extracted(tuple(grouped), ())  # as given: ledger, status follow
    rows = window.agreements.model.rowCount()
    assert f"{rows} agreement" in window.status.info.text()
    assert f"({len(grouped)} reports)" in window.status.info.text()
    assert window.agreements.count.text().startswith(f"{rows} agreement")
