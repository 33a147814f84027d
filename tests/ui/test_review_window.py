"""Reviewing in the window: the ledger's context menu and shortcuts, the review form, Add Agreement
from Selection in the reader, merging rows, undo and redo, and reviews kept across a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog

from energybrowser.ui.actions import AGREEMENTS_CONTEXT, READER_CONTEXT
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel
from energybrowser.ui.review_form import ReviewForm


def select_rows(window, *rows: int) -> None:
    table = window.agreements.table
    table.clearSelection()
    for number, row in enumerate(rows):
        flag = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            if number == 0
            else QItemSelectionModel.SelectionFlag.Select
        )
        table.selectionModel().setCurrentIndex(window.agreements.model.index(row, 0), flag)


def shown(window) -> list:
    return window.agreements.visible_rows()


def mark_of(window, agreement_id: str) -> str:
    proxy = window.agreements.model
    for r in range(proxy.rowCount()):
        row = proxy.index(r, 0).data(AgreementsModel.AgreementRole)
        if any(a.id == agreement_id for a in row.reports):
            return proxy.index(r, COLUMNS.index("Review")).data()
    return "(hidden)"


def select_in_reader(window, phrase: str) -> None:
    reader = window.reader.primary
    found = reader.document().find(phrase)
    assert not found.isNull(), phrase
    cursor = QTextCursor(reader.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def test_the_ledger_menu_and_the_reader_menu_offer_the_review_actions(window) -> None:
    menu = window.agreements_menu()
    names = {a.objectName() for a in menu.actions()}
    assert {"action_confirm_agreement", "action_reject_agreement", "action_review_agreement"} <= names
    assert "add_agreement" in READER_CONTEXT and "merge_agreements" in AGREEMENTS_CONTEXT
    reader_menu = window.reader_menu(window.reader.primary)
    assert "action_add_agreement" in {a.objectName() for a in reader_menu.actions()}
    menu.deleteLater()
    reader_menu.deleteLater()


def test_confirm_by_shortcut_marks_the_row_and_undo_redo_follow(window) -> None:
    select_rows(window, 0)
    target = window.agreements.current_row().lead.id
    assert window.actions_by_id["confirm_agreement"].shortcut().toString() == "Ctrl+Return"
    window.actions_by_id["confirm_agreement"].trigger()
    assert mark_of(window, target) == "✓"
    undo = window.actions_by_id["undo"]
    assert undo.isEnabled() and "Confirm" in undo.text()
    undo.trigger()
    assert mark_of(window, target) == ""
    window.actions_by_id["redo"].trigger()
    assert mark_of(window, target) == "✓"


def test_reject_hides_the_row_with_its_reason_and_the_review_filter_finds_it(
    window, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a lead-in, not a document", True))
    before = len(shown(window))
    select_rows(window, 0)
    target = window.agreements.current_row().lead.id
    window.actions_by_id["reject_agreement"].trigger()
    assert len(shown(window)) == before - 1 and mark_of(window, target) == "(hidden)"
    window.agreements.review_filter.setCurrentText("Rejected")
    (row,) = shown(window)
    assert row.lead.id == target and row.lead.review.note == "a lead-in, not a document"
    assert mark_of(window, target) == "✗"
    window.actions_by_id["undo"].trigger()
    window.agreements.review_filter.setCurrentText("All but rejected")
    assert len(shown(window)) == before


def test_the_review_form_edits_an_agreement_and_the_citation_uses_the_edit(
    window, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(form: ReviewForm) -> int:
        assert form.provenance["parties"].text() == "extracted"
        form.set_text("parties", "SOCAR; KazMunayGas; Kazakhstan")
        form.set_text("date", "--08-25")
        form.note.setText("date checked; year not in the source")
        form.save_button.click()
        return form.result()

    monkeypatch.setattr(ReviewForm, "exec", fake_exec)
    select_rows(window, 0)
    window.actions_by_id["review_agreement"].trigger()
    edited = next(a for r in shown(window) for a in r.reports if a.review.state == "edited")
    assert edited.parties == ("SOCAR", "KazMunayGas", "Kazakhstan") and edited.when.iso() == "--08-25"
    assert mark_of(window, edited.id) == "✎"
    select_rows(window, [r.lead.id for r in shown(window)].index(edited.id))
    window.style_box.setCurrentIndex(window.style_box.findData("apa"))
    copied = window.copy_agreement_citation()
    assert "Kazakhstan" in copied


def test_add_agreement_from_a_selection_in_the_reader(window, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, str] = {}

    def fake_exec(form: ReviewForm) -> int:
        seen["parties"] = form.text_of("parties")
        form.set_text("type", "agreement")
        form.set_text("status", "planned")
        form.save_button.click()
        return form.result()

    monkeypatch.setattr(ReviewForm, "exec", fake_exec)
    window.open_article("analysis-trans-caspian")
    sentence = "Nothing was signed during the visit, but Azerbaijan welcomed the talks."
    select_in_reader(window, sentence)
    before = len(shown(window))
    window.actions_by_id["add_agreement"].trigger()
    assert "Azerbaijan" in seen["parties"]  # pre-filled from the sentence
    assert len(shown(window)) == before + 1
    added = next(a for r in shown(window) for a in r.reports if a.review.state == "added")
    assert added.evidence.text == sentence and added.status == "planned" and mark_of(window, added.id) == "+"
    window.actions_by_id["undo"].trigger()
    assert len(shown(window)) == before


def test_add_agreement_without_a_selection_says_what_to_do(window) -> None:
    window.open_article("analysis-trans-caspian")
    window.reader.primary.setTextCursor(QTextCursor(window.reader.primary.document()))
    window.actions_by_id["add_agreement"].trigger()
    assert "Select the sentence" in window.status.currentMessage()


def test_two_rows_merge_into_one_agreement(window) -> None:
    assert len(shown(window)) >= 2
    select_rows(window, 0, 1)
    assert len(window.agreements.selected_rows()) == 2
    before = len(shown(window))
    window.actions_by_id["merge_agreements"].trigger()
    assert len(shown(window)) == before - 1
    merged = next(r for r in shown(window) if len(r.reports) > 1)
    assert all(a.review.provenance("group")[0] == "edited" for a in merged.reports)


def test_reviews_are_kept_across_a_restart(make_window, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    select_rows(window, 0)
    target = window.agreements.current_row().lead.id
    window.actions_by_id["confirm_agreement"].trigger()
    window.close()
    again = make_window()
    assert mark_of(again, target) == "✓"
    assert again.library.catalogue.path.with_name(again.library.catalogue.path.name + ".backup").exists()


def test_a_cancelled_form_leaves_nothing_to_undo(window, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReviewForm, "exec", lambda form: QDialog.DialogCode.Rejected)
    select_rows(window, 0)
    window.actions_by_id["review_agreement"].trigger()
    assert not window.actions_by_id["undo"].isEnabled()


def test_split_clear_and_move_evidence_from_the_window(window) -> None:
    select_rows(window, 0, 1)
    window.actions_by_id["merge_agreements"].trigger()  # a row of two reports, to split again
    grouped = next(r for r, row in enumerate(shown(window)) if len(row.reports) > 1)
    select_rows(window, grouped)
    window.open_article(window.agreements.current_row().reports[-1].article)
    before = len(shown(window))
    window.actions_by_id["split_agreement"].trigger()
    assert len(shown(window)) == before + 1
    window.actions_by_id["undo"].trigger()
    assert len(shown(window)) == before

    window.agreements.group_box.setChecked(False)
    target = next(r for r, row in enumerate(shown(window)) if row.lead.article == "caspian-gas-memorandum")
    select_rows(window, target)
    agreement = window.agreements.current_row().lead
    window.open_article(agreement.article)
    sentence = "The memorandum covers the transport of 1.5 million tons of Kazakh oil through Azerbaijan."
    select_in_reader(window, sentence)
    window.actions_by_id["move_evidence"].trigger()
    moved = next(a for r in shown(window) for a in r.reports if a.id == agreement.id)
    assert moved.evidence.text == sentence and moved.evidence.paragraph == 2
    select_rows(window, [r.lead.id for r in shown(window)].index(agreement.id))
    window.actions_by_id["clear_review"].trigger()
    cleared = next(a for r in shown(window) for a in r.reports if a.id == agreement.id)
    assert cleared.review.state == "unreviewed" and cleared.evidence.text != sentence


def test_reviews_made_by_the_command_line_show_when_the_window_is_active_again(window, corpus_dir) -> None:
    from energybrowser.cli import main

    select_rows(window, 0)
    target = window.agreements.current_row().lead.id
    assert main(["--corpus", str(corpus_dir), "review", "confirm", target]) == 0
    assert mark_of(window, target) == ""  # not yet looked
    window.reviewing.check_elsewhere()
    assert mark_of(window, target) == "✓"


def test_merge_with_fewer_than_two_rows_says_two_are_needed(window) -> None:
    window.agreements.table.clearSelection()
    window.actions_by_id["merge_agreements"].trigger()
    assert window.status.currentMessage() == "Select two or more rows to make them one agreement."
    select_rows(window, 0)
    window.actions_by_id["merge_agreements"].trigger()
    assert window.status.currentMessage() == "Select two or more rows to make them one agreement."
    assert not window.actions_by_id["undo"].isEnabled()  # nothing was recorded
