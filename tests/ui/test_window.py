"""The main window end to end (offscreen): search, reading, agreements, citations, settings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from energybrowser.settings import Settings
from energybrowser.ui import dialogs
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel


def titles(window) -> list[str]:
    model = window.search_panel.model
    return [model.index(r).data() for r in range(model.rowCount())]


def pick(window, row: int) -> None:
    panel = window.search_panel
    panel.results.setCurrentIndex(panel.model.index(row))


def type_query(qtbot: QtBot, window, text: str) -> None:
    box = window.search_panel.query_edit
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() != 3 or not text, timeout=5000)


def test_window_lists_articles_newest_first(window) -> None:
    assert titles(window) == [
        "QazaqGaz and SOCAR agree on gas cooperation",
        "SOCAR and KazMunayGas sign gas memorandum",
        "Why the Trans-Caspian route matters",
    ]
    assert "3 articles" in window.search_panel.count.text()


def test_search_as_you_type_narrows_results_and_history_on_enter(qtbot: QtBot, window) -> None:
    type_query(qtbot, window, "memorandum")
    assert titles(window) == ["SOCAR and KazMunayGas sign gas memorandum"]
    qtbot.keyClick(window.search_panel.query_edit, Qt.Key.Key_Return)
    assert window.settings.search_history[0] == "memorandum"
    assert window.search_panel.history.stringList()[0] == "memorandum"
    type_query(qtbot, window, "QazaqGaz")
    qtbot.waitUntil(lambda: titles(window) == ["QazaqGaz and SOCAR agree on gas cooperation"], timeout=5000)
    pick(window, 0)  # opening a result keeps its query too
    assert window.settings.search_history[:2] == ["QazaqGaz", "memorandum"]


def test_enter_right_after_typing_opens_the_first_result_of_what_was_typed(qtbot: QtBot, window) -> None:
    # The list still shows every article (newest first) when Enter comes: the first of *those* is
    # not what the user asked for.
    assert titles(window)[0] != "SOCAR and KazMunayGas sign gas memorandum"
    box = window.search_panel.query_edit
    qtbot.keyClicks(box, "memorandum")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    assert window.reader.current.title == "SOCAR and KazMunayGas sign gas memorandum"


def test_enter_on_shown_results_opens_the_first_at_once(qtbot: QtBot, window) -> None:
    type_query(qtbot, window, "gas")
    qtbot.waitUntil(lambda: window.search_panel._results_final, timeout=5000)  # the full search's list
    first = titles(window)[0]
    qtbot.keyClick(window.search_panel.query_edit, Qt.Key.Key_Return)
    assert window.reader.current is not None and window.reader.current.title == first


def test_enter_while_the_quick_answer_shows_opens_the_first_of_the_full_search(
    qtbot: QtBot, make_window, corpus_dir: Path
) -> None:
    # The quick answer shown while typing reads the last word as a prefix, so "gas" ranks an
    # article full of "gasoline" first; the full search, which Enter asks for, does not.
    (corpus_dir / "gasoline.md").write_text(
        "---\ntitle: Gasoline prices in the region\ndate: 2020\n---\n\n"
        "Gasoline and gasoline additives: gasoline imports, gasoline exports and gasoline stations.\n\n"
        "Gasoline demand rose; a gas station sells gasoline.\n",
        encoding="utf-8",
    )
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    engine = window.search.engine.engine
    quick = [h.article_id for h in engine.search("gas", as_you_type=True, facets=False).hits]
    full = [h.article_id for h in engine.search("gas").hits]
    assert quick[0] == "gasoline" != full[0]
    box = window.search_panel.query_edit
    qtbot.keyClicks(box, "gas")
    qtbot.waitUntil(lambda: window.search_panel._results_current, timeout=5000)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    assert window.reader.current.id == full[0]
    qtbot.waitUntil(lambda: window.search_panel._results_final, timeout=5000)
    assert window.search_panel.current_article() == full[0] == window.search_panel.model.row_at(0).article_id


def test_typing_after_enter_cancels_the_pending_open(qtbot: QtBot, window) -> None:
    box = window.search_panel.query_edit
    qtbot.keyClicks(box, "zzzznothing")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    box.clear()
    qtbot.keyClicks(box, "memorandum")
    qtbot.waitUntil(lambda: titles(window) == ["SOCAR and KazMunayGas sign gas memorandum"], timeout=5000)
    assert window.reader.current is None


def test_focus_search_shortcuts_are_ctrl_f_and_ctrl_l(window) -> None:
    action = window.actions_by_id["focus_search"]
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+F", "Ctrl+L"]
    window.reader.primary.setFocus()
    action.trigger()
    assert window.focusWidget() is window.search_panel.query_edit


def test_publisher_facet_filters_the_list(window) -> None:
    box = window.search_panel.facet_boxes["publisher"]
    box.setCurrentIndex(box.findData("Azernews"))
    assert titles(window) == ["QazaqGaz and SOCAR agree on gas cooperation"]
    window.actions_by_id["clear_filters"].trigger()
    assert len(titles(window)) == 3


def test_selecting_a_result_opens_it(window) -> None:
    pick(window, 1)
    assert window.reader.current is not None
    assert window.reader.current.title == "SOCAR and KazMunayGas sign gas memorandum"
    assert "SOCAR and KazMunayGas" in window.windowTitle()


def test_agreement_row_opens_its_article_at_the_evidence(window) -> None:
    table = window.agreements.table
    assert window.agreements.model.rowCount() >= 2
    table.selectRow(0)
    row = window.agreements.current_row()
    assert window.reader.current is not None
    assert window.reader.current.id == row.lead.article
    evidence = row.lead.evidence
    assert window.reader.current.text[evidence.start : evidence.end] == evidence.text


def test_agreements_filter_and_csv_export(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.agreements.filter_edit.setText("kazmunaygas")
    assert window.agreements.model.rowCount() == 1
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "ask_csv_path", lambda parent, suggested: str(target))
    window.actions_by_id["export_agreements"].trigger()
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    assert header[:4] == ["Date", "Reported", "Parties", "Type"]
    assert len(rows) == 2 and "KazMunayGas" in rows[1][header.index("Parties")]
    assert "SOCAR and KazMunayGas signed" in rows[1][rows[0].index("Evidence")]


def test_copy_citation_puts_html_and_text_on_the_clipboard(window) -> None:
    pick(window, 1)
    window.actions_by_id["copy_citation"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert "SOCAR and KazMunayGas sign gas memorandum" in mime.text()
    assert "SOCAR and KazMunayGas sign gas memorandum" in mime.html()
    assert "Copied" in window.status.currentMessage()


def test_copied_citation_cases_the_title_as_the_style_asks_in_html_and_text(window) -> None:
    # The title is written in sentence case: Chicago and MLA set it in headline case, APA keeps it.
    pick(window, 1)
    expected = {
        "chicago": "SOCAR and KazMunayGas Sign Gas Memorandum",
        "mla": "SOCAR and KazMunayGas Sign Gas Memorandum",
        "apa": "SOCAR and KazMunayGas sign gas memorandum",
    }
    for style, title in expected.items():
        window.style_box.setCurrentIndex(window.style_box.findData(style))
        window.actions_by_id["copy_citation"].trigger()
        mime = QGuiApplication.clipboard().mimeData()
        assert title in mime.text(), style
        assert title in mime.html(), style


def test_copy_citation_without_article_says_so(window) -> None:
    assert window.copy_citation() == ""
    assert "Open an article" in window.status.currentMessage()


def test_layout_style_and_open_article_come_back(make_window, paths) -> None:
    first = make_window()
    pick(first, 2)
    opened = first.reader.current.id
    first.style_box.setCurrentIndex(first.style_box.findData("chicago"))
    first.splitter.setSizes([300, 700, 500])
    sizes = first.splitter.sizes()
    first.agreements.splitter.setSizes([200, 500])
    ledger = first.agreements.splitter.sizes()
    first.close()
    saved = Settings.load(paths.settings_file)
    assert saved.open_article == opened
    assert saved.citation_style == "chicago"
    assert saved.splitter_sizes["main"] == sizes
    second = make_window(saved)
    assert second.reader.current is not None and second.reader.current.id == opened
    assert second.style_box.currentData() == "chicago"
    assert second.splitter.sizes() == sizes
    table, details = second.agreements.splitter.sizes()  # rescaled to the new height, same split
    assert abs(table / (table + details) - ledger[0] / sum(ledger)) < 0.02


def test_corrupt_settings_file_still_opens_with_a_message(make_window, paths) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("{broken", encoding="utf-8")
    window = make_window()
    assert window.style_box.currentData() == "apa"
    assert window.library is not None and len(window.library) == 3


def test_side_by_side_marks_shared_entities(window) -> None:
    pick(window, 1)
    other = window.search_panel.model.row_at(0).article_id
    menu = window.results_menu(other)
    next(a for a in menu.actions() if "Side by Side" in a.text()).trigger()
    assert window.reader.side_by_side
    assert "SOCAR" in window.reader.shared.full_text()
    window.actions_by_id["close_side_by_side"].trigger()
    assert not window.reader.side_by_side


def test_entity_click_lists_mentions_and_jumps(window) -> None:
    window.reader.primary.entity_clicked.emit("SOCAR")
    assert window.mentions_dock.isVisibleTo(window)
    model = window.mentions.model
    articles = {model.mention_at(r).article_id for r in range(model.rowCount())}
    assert {"qazaqgaz-mou", "caspian-gas-memorandum"} <= articles
    target = next(
        r for r in range(model.rowCount()) if model.mention_at(r).article_id == "caspian-gas-memorandum"
    )
    window.mentions.table.clicked.emit(model.index(target, 0))
    assert window.reader.current.id == "caspian-gas-memorandum"


def test_import_by_menu_then_edit_metadata(
    qtbot: QtBot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "note.txt"
    source.write_text(
        "Kazakhstan and Azerbaijan talk\n\nKazMunayGas met SOCAR in Astana.\n", encoding="utf-8"
    )
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_files", lambda parent: [str(source), str(bad)])
    with qtbot.waitSignal(window.import_finished, timeout=10000) as report:
        window.actions_by_id["import_articles"].trigger()
    assert report.args[0].problems == ("empty.txt: file is empty; nothing imported",)  # as the CLI says
    qtbot.waitSignal(window.library_loaded, timeout=10000).wait()
    assert len(window.library) == 4
    assert (
        window.reader.current is not None and window.reader.current.title == "Kazakhstan and Azerbaijan talk"
    )
    assert window.library.is_imported(window.reader.current.id)

    from energybrowser.ui.metadata_dialog import MetadataDialog

    def fake_exec(dialog: MetadataDialog) -> int:
        dialog.publisher.setText("Astana Times")
        dialog.date.setText("2024-05-02")
        return MetadataDialog.DialogCode.Accepted

    monkeypatch.setattr(MetadataDialog, "exec", fake_exec)
    window.actions_by_id["edit_metadata"].trigger()
    # A refresh started by the import (the folder watcher) may end first: wait for the edited
    # article itself, not for the next library_loaded, which may be that refresh's.
    qtbot.waitUntil(
        lambda: window.reader.current is not None and window.reader.current.meta.publisher == "Astana Times",
        timeout=10000,
    )
    assert window.reader.current.meta.date.iso() == "2024-05-02"


def test_a_bundled_article_s_metadata_is_corrected_apart_from_its_file(
    window, corpus_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    from energybrowser.ui.metadata_dialog import MetadataDialog

    def fake_exec(dialog: MetadataDialog) -> int:
        assert dialog.read_only and not dialog.kind.isEnabled()
        dialog.publisher.setText("Caspian Policy Center")
        return MetadataDialog.DialogCode.Accepted

    monkeypatch.setattr(MetadataDialog, "exec", fake_exec)
    pick(window, 0)
    article_id = window.reader.current.id
    files = {p.name: p.read_bytes() for p in corpus_dir.iterdir()}
    window.actions_by_id["edit_metadata"].trigger()
    assert window.reader.current.meta.publisher == "Caspian Policy Center"
    assert window.library.entry(article_id).meta.publisher == "Caspian Policy Center"
    assert {p.name: p.read_bytes() for p in corpus_dir.iterdir()} == files  # the files are untouched
    window.actions_by_id["undo"].trigger()
    assert window.reader.current.meta.publisher != "Caspian Policy Center"


def test_agreements_model_rows_carry_agreements(window) -> None:
    row = window.agreements.model.index(0, 0).data(AgreementsModel.AgreementRole)
    assert row.lead.evidence.text


def test_reader_context_menu_offers_citation_commands(window) -> None:
    menu = window.reader_menu(window.reader.primary)
    names = [a.objectName() for a in menu.actions()]
    assert "action_copy_citation" in names and "action_copy_article_citation" in names


def test_dropping_files_imports_them(qtbot: QtBot, window, tmp_path: Path) -> None:
    from tests.ui.drops import drop, files_mime

    source = tmp_path / "dropped.md"
    source.write_text("---\ntitle: Dropped article\n---\n\nSOCAR met QazaqGaz.\n", encoding="utf-8")
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        drop(window, files_mime(source))
    assert "Dropped article" in titles(window)


def test_untitled_article_gets_a_readable_row(make_window, corpus_dir: Path) -> None:
    (corpus_dir / "untitled.md").write_text(
        "---\ntitle: ''\n---\n\nBaku hosted talks on gas.\n", encoding="utf-8"
    )
    window = make_window()
    assert "[Untitled: Baku hosted talks on gas.]" in titles(window)


def test_copy_agreement_citation_quotes_the_evidence(window) -> None:
    assert window.copy_agreement_citation() == ""
    window.agreements.filter_edit.setText("kazmunaygas")
    window.agreements.table.selectRow(0)
    window.actions_by_id["copy_agreement_citation"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert "SOCAR and KazMunayGas signed a memorandum" in mime.text()
    assert mime.hasHtml()
    names = [a.objectName() for a in window.agreements_menu().actions()]
    assert "action_copy_agreement_citation" in names


def _wait_indexed(qtbot: QtBot, window) -> None:
    from energybrowser.ui.search_controller import IndexedEngine

    qtbot.waitUntil(lambda: isinstance(window.search.engine, IndexedEngine), timeout=20000)


def test_a_misspelling_shows_the_closest_spellings_results_at_once(qtbot: QtBot, make_window) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    type_query(qtbot, window, "pipelne")  # one edit from "pipeline", two from "pipelines"
    panel = window.search_panel
    qtbot.waitUntil(lambda: "showing results" in panel.message.text(), timeout=8000)
    assert panel.query == "pipeline"
    assert "pipelne" in panel.message.text()
    assert titles(window)  # no click needed
    # Typing again is the user's own query: no correction note is carried over.
    type_query(qtbot, window, "memorandum")
    qtbot.waitUntil(lambda: "showing results" not in panel.message.text(), timeout=8000)


def test_unusable_query_shows_a_clear_error(qtbot: QtBot, make_window) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    window.search_panel.set_query("AND")
    qtbot.waitUntil(lambda: window.search_panel.message.isVisibleTo(window), timeout=5000)
    assert "⚠" in window.search_panel.message.text()
    assert window.search_panel.model.rowCount() == 0


def test_entity_types_and_paragraph_numbers_are_remembered(make_window, paths) -> None:
    first = make_window()
    first.reader.types_changed.emit(frozenset({"organization"}))
    first.actions_by_id["toggle_paragraph_numbers"].setChecked(False)
    first.close()
    saved = Settings.load(paths.settings_file)
    assert saved.enabled_entity_types == ["organization"]
    assert saved.show_paragraph_numbers is False
    second = make_window(saved)
    assert second.reader.enabled_types == frozenset({"organization"})
    assert not second.actions_by_id["toggle_paragraph_numbers"].isChecked()


def test_zoom_is_bounded_and_resets(window) -> None:
    size = window.reader.primary.font().pointSizeF()
    for _ in range(40):
        window.actions_by_id["zoom_in"].trigger()
    assert window.reader.primary.font().pointSizeF() > size
    window.actions_by_id["zoom_reset"].trigger()
    assert window.reader.primary.font().pointSizeF() == size


def test_hits_of_the_query_are_highlighted_and_stepped_through(qtbot: QtBot, window) -> None:
    window.actions_by_id["next_hit"].trigger()  # nothing open yet
    assert window.status.currentMessage() == "Open an article to step through its search hits."
    pick(window, 1)  # the memorandum article
    window.actions_by_id["next_hit"].trigger()
    assert window.status.currentMessage() == "No search hits in this article."
    type_query(qtbot, window, "memorandum")
    qtbot.waitUntil(lambda: window.reader.primary.hit_count() >= 2, timeout=5000)
    window.actions_by_id["next_hit"].trigger()
    assert window.reader.hit_label.text().startswith("Hit 1 of")
    window.actions_by_id["previous_hit"].trigger()
    count = window.reader.primary.hit_count()
    assert window.reader.hit_label.text() == f"Hit {count} of {count}"
    window.search_panel.set_query("")
    qtbot.waitUntil(lambda: window.reader.primary.hit_count() == 0, timeout=5000)


def test_results_list_follows_the_article_opened_elsewhere(window) -> None:
    window.agreements.filter_edit.setText("kazmunaygas")
    window.agreements.table.selectRow(0)
    assert window.search_panel.current_article() == window.reader.current.id == "caspian-gas-memorandum"


def test_side_by_side_defaults_to_the_previous_article(window) -> None:
    pick(window, 0)
    first = window.reader.current.id
    pick(window, 2)
    window.actions_by_id["open_side_by_side"].trigger()
    assert window.reader.side_by_side and window.reader.other.id == first


def test_two_reports_of_one_agreement_open_side_by_side_at_their_evidence(make_window, corpus_dir) -> None:
    from dataclasses import replace

    from energybrowser.agreements.model import Conflict, ConflictValue
    from energybrowser.corpus.model import PartialDate

    window = make_window()
    reports = {a.article: a for a in window.ledger}  # one report per article
    first, second = reports["caspian-gas-memorandum"], reports["qazaqgaz-mou"]
    days = (
        ConflictValue(PartialDate(2022, 8, 26), (first.article,)),
        ConflictValue(PartialDate(2022, 8, 24), (second.article,)),
    )
    differ = Conflict("date", days)
    grouped = [replace(first, group="g"), replace(second, group="g", conflicts=(differ,))]
    window.agreements.set_agreements(grouped)
    window.agreements.table.selectRow(0)
    assert window.open_side_by_side()
    assert {window.reader.current.id, window.reader.other.id} == {first.article, second.article}
    from energybrowser.render import MARKED_ANCHOR

    for reader in (window.reader.primary, window.reader.secondary):
        assert f'name="{MARKED_ANCHOR}"' in reader.rendered().html  # each report's evidence is marked
    assert window.agreements.model.index(0, COLUMNS.index("Reports")).data() == "⚠ 2"


def test_engine_facets_narrow_a_query(qtbot: QtBot, make_window) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    type_query(qtbot, window, "gas")
    qtbot.waitUntil(lambda: window.search_panel.facet_boxes["publisher"].count() > 2, timeout=5000)
    assert len(titles(window)) == 2
    box = window.search_panel.facet_boxes["publisher"]
    with qtbot.waitSignal(window.search.finished, timeout=5000):
        box.setCurrentIndex(box.findData("Azernews"))
    assert titles(window) == ["QazaqGaz and SOCAR agree on gas cooperation"]
    assert window.search_panel.facet_boxes["entity"].findData("SOCAR") > 0


def test_entity_highlighting_can_be_switched_off(window) -> None:
    pick(window, 1)
    assert window.reader.primary.rendered().html.count("entity:") > 0
    window.actions_by_id["toggle_entities"].setChecked(False)
    assert window.reader.primary.rendered().html.count("entity:") == 0
    window.actions_by_id["toggle_entities"].setChecked(True)
    assert window.reader.primary.rendered().html.count("entity:") > 0


def test_missing_corpus_folder_says_so(qtbot: QtBot, paths, tmp_path: Path) -> None:
    from energybrowser.ui.main_window import MainWindow

    window = MainWindow(Settings.load(paths.settings_file), paths, str(tmp_path / "nowhere"))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysis_ready, timeout=10000):
        window.start()
    assert "No articles" in window.search_panel.message.text()
    assert "not found" in window.search_panel.message.text()
    window.close()


def test_copy_citation_of_a_selected_passage_quotes_it_with_its_paragraph(window) -> None:
    from PySide6.QtGui import QTextCursor

    pick(window, 1)  # the memorandum article
    reader = window.reader.primary
    phrase = "transport of 1.5 million tons"
    cursor = reader.document().find(phrase)
    assert not cursor.isNull()
    selection = QTextCursor(reader.document())
    selection.setPosition(cursor.selectionStart())
    selection.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(selection)
    window.style_box.setCurrentIndex(window.style_box.findData("apa"))
    window.actions_by_id["copy_citation"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert phrase in mime.text() and "para. 2" in mime.text()
    assert phrase in mime.html()
    assert "quotation" in window.status.currentMessage()
    # the whole-article command ignores the selection
    window.actions_by_id["copy_article_citation"].trigger()
    assert phrase not in QGuiApplication.clipboard().mimeData().text()


def test_focusing_the_ledger_opens_nothing(window) -> None:
    window.actions_by_id["focus_agreements"].trigger()
    from PySide6.QtCore import QItemSelectionModel

    selection = window.agreements.table.selectionModel()  # what focus-in does: a current cell, no selection
    selection.setCurrentIndex(window.agreements.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    assert window.reader.current is None
    assert window.agreements.current_row() is None
