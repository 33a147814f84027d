"""Review actions from the window's side: the review form, the controller with its undo stack, and
the ledger panel's review mark and filter. Real widgets, a real SQLite store; dialogs' exec stubbed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from energybrowser.agreements.corpus import extract_corpus
from energybrowser.agreements.ledger import group_rows
from energybrowser.corpus.loader import load_corpus
from energybrowser.curation.aliases import UserGazetteer
from energybrowser.curation.service import Curation
from energybrowser.curation.store import CurationStore
from energybrowser.ui.agreements_panel import AgreementsPanel
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel
from energybrowser.ui.review_controller import ReviewController
from energybrowser.ui.review_form import ReviewForm
from tests.conftest import REPO


@pytest.fixture(scope="module")
def bundled():
    corpus = load_corpus(REPO / "corpus")
    return corpus, extract_corpus(corpus.articles)


@pytest.fixture
def setup(qtbot, tmp_path, bundled):
    corpus, extraction = bundled
    by_id = {a.id: a for a in corpus.articles}
    panel = AgreementsPanel(AgreementsModel(by_id.get))
    qtbot.addWidget(panel)
    controller = ReviewController(panel)
    controller.ledger_changed.connect(lambda ledger: panel.set_agreements(ledger.agreements))
    gazetteer = UserGazetteer(tmp_path / "gazetteer.yaml")
    controller.set_curation(Curation(CurationStore(tmp_path / "c.sqlite"), by_id.get, gazetteer))
    controller.set_extracted(extraction.agreements, extraction.groups)
    return controller, panel, by_id


def answering(fill: Callable[[ReviewForm], None], outcome: str = "save"):
    """A form factory whose form is filled by `fill` and closed as the analyst would."""

    def make(*args, **kwargs) -> ReviewForm:
        form = ReviewForm(*args, **kwargs)

        def exec_() -> int:
            fill(form)
            if outcome == "cancel":
                return QDialog.DialogCode.Rejected
            (form.save_button if outcome == "save" else form.reject_button).click()
            return form.result()

        form.exec = exec_  # type: ignore[method-assign]
        return form

    return make


def row_of(panel: AgreementsPanel, agreement_id: str):
    for row in panel.model.rows():
        if any(a.id == agreement_id for a in row.reports):
            return row
    return None


def shown_ids(panel: AgreementsPanel) -> set[str]:
    return {a.id for row in panel.visible_rows() for a in row.reports}


def test_confirm_marks_the_row_and_undo_redo_restore_it(setup):
    controller, panel, _ = setup
    row = panel.model.rows()[0]
    assert controller.confirm([row])
    after = row_of(panel, row.lead.id)
    assert after.review_state == "confirmed"
    mark = panel.model.index(panel.model.rows().index(after), COLUMNS.index("Review"))
    assert mark.data() == "✓"
    assert "Confirmed on 20" in mark.data(Qt.ItemDataRole.ToolTipRole)  # escaped rich text
    assert controller.undo_stack.canUndo()
    controller.undo_stack.undo()
    assert row_of(panel, row.lead.id).review_state == "unreviewed"
    controller.undo_stack.redo()
    assert row_of(panel, row.lead.id).review_state == "confirmed"


def test_reject_hides_the_row_and_the_filter_shows_it_again(setup):
    controller, panel, _ = setup
    row = panel.model.rows()[0]
    assert controller.reject([row], "a lead-in")
    assert row.lead.id not in shown_ids(panel)
    panel.review_filter.setCurrentText("Rejected")
    assert {a.id for a in row.reports} == shown_ids(panel)
    assert row_of(panel, row.lead.id).lead.review.note == "a lead-in"
    controller.undo_stack.undo()
    panel.review_filter.setCurrentText("All but rejected")
    assert row.lead.id in shown_ids(panel)


def test_the_form_edits_fields_with_provenance_and_refuses_bad_input(setup, qtbot):
    controller, panel, _ = setup
    agreement = panel.model.rows()[0].lead
    form = ReviewForm(agreement, names=["SOCAR", "QazaqGaz"])
    qtbot.addWidget(form)
    assert form.provenance["parties"].text() == "extracted"
    form.set_text("date", "26/08/2022")
    assert not form.save_button.isEnabled() and "date must be" in form.error.text()
    form.set_text("date", "--08-26")
    assert form.save_button.isEnabled()
    assert form.changes() == {"date": "--08-26"}

    def fill(f: ReviewForm) -> None:
        f.set_text("parties", "SOCAR; QazaqGaz; Kazakhstan")
        f.set_text("status", "planned")
        f.note.setText("checked the ministry's release")

    controller.form_factory = answering(fill)
    assert controller.edit(agreement)
    edited = next(a for a in controller.ledger.agreements if a.id == agreement.id)
    assert edited.parties == ("SOCAR", "QazaqGaz", "Kazakhstan") and edited.status == "planned"
    assert edited.review.state == "edited" and edited.review.note == "checked the ministry's release"
    again = ReviewForm(edited)
    qtbot.addWidget(again)
    assert again.provenance["parties"].text().startswith("edited 20")
    assert again.provenance["type"].text().startswith("confirmed 20")
    controller.undo_stack.undo()
    assert next(a for a in controller.ledger.agreements if a.id == agreement.id).review.state == "unreviewed"


def test_not_an_agreement_in_the_form_rejects_with_the_note(setup):
    controller, panel, _ = setup
    agreement = panel.model.rows()[0].lead
    controller.form_factory = answering(lambda f: f.note.setText("an opinion, not a document"), "reject")
    assert controller.edit(agreement)
    rejected = controller.ledger.get(agreement.id)
    assert rejected.review.state == "rejected" and rejected.review.note == "an opinion, not a document"


def test_a_cancelled_form_changes_nothing(setup):
    controller, panel, _ = setup
    controller.form_factory = answering(lambda f: f.set_text("place", "Nowhere"), "cancel")
    assert not controller.edit(panel.model.rows()[0].lead)
    assert not controller.undo_stack.canUndo()


def test_add_agreement_from_a_selection_is_prefilled_by_the_rules(setup):
    controller, panel, by_id = setup
    article = by_id["the-energy-factor-in-astana-baku-relations"]
    sentence = "KazTransOil has recently announced that it plans to send another similar size of Tengiz oil"
    start = article.text.index(sentence)
    seen: dict[str, str] = {}

    def fill(f: ReviewForm) -> None:
        seen.update({name: f.text_of(name) for name in ("parties", "status", "quantities")})
        f.set_text("type", "contract")

    controller.form_factory = answering(fill)
    assert controller.add_from_selection(article, start, start + len(sentence))
    assert "KazTransOil" in seen["parties"]  # read from the sentence by the rules
    added = [a for a in controller.ledger.agreements if a.review.state == "added"]
    assert len(added) == 1 and added[0].type == "contract" and added[0].evidence.text == sentence
    assert added[0].id in shown_ids(panel)
    controller.undo_stack.undo()
    assert not [a for a in controller.ledger.agreements if a.review.state == "added"]


def test_split_and_merge_rows(setup):
    controller, panel, _ = setup
    grouped = next(row for row in panel.model.rows() if len(row.reports) > 1)
    first, second = grouped.reports[:2]
    assert controller.split(first)
    assert row_of(panel, first.id) is not row_of(panel, second.id)
    assert len(row_of(panel, first.id).reports) == 1
    rows = [row_of(panel, first.id), row_of(panel, second.id)]
    assert controller.merge(rows)
    assert {a.id for a in row_of(panel, first.id).reports} >= {first.id, second.id}
    assert not controller.merge(rows[:1])


def test_unreviewed_first_puts_fresh_rows_on_top(setup):
    controller, panel, _ = setup
    rows = panel.visible_rows()
    top = rows[0]
    controller.confirm([top])
    panel.unreviewed_first.setChecked(True)
    states = [row.review_state for row in panel.visible_rows()]
    assert states[-1] == "confirmed" and "confirmed" not in states[:-1]


def test_group_rows_review_state_is_partly_when_mixed(bundled):
    _, extraction = bundled
    from dataclasses import replace

    from energybrowser.agreements.model import ReviewMark

    grouped = next(r for r in group_rows(extraction.agreements, True) if len(r.reports) > 1)
    mixed = type(grouped)((replace(grouped.reports[0], review=ReviewMark("confirmed")), *grouped.reports[1:]))
    assert mixed.review_state == "partly"


def test_metadata_of_a_bundled_article_is_corrected_and_undone(setup, qtbot):
    controller, _, by_id = setup
    article_id = "the-energy-factor-in-astana-baku-relations"
    with qtbot.waitSignal(controller.metadata_changed) as signal:
        assert controller.edit_metadata(article_id, {"publisher": "Eurasia Research Institute"})
    assert signal.args == [article_id]
    shown = controller.curation.shown_article(by_id[article_id])
    assert shown.meta.publisher == "Eurasia Research Institute"
    with qtbot.waitSignal(controller.metadata_changed):
        controller.undo_stack.undo()
    assert controller.curation.shown_article(by_id[article_id]).meta.publisher == ""
    assert not controller.edit_metadata(article_id, {"url": "ftp://nope"})


def test_reviews_needing_a_look_are_listed_and_can_be_forgotten(setup, qtbot, tmp_path):
    from energybrowser.curation.anchor import TextQuote
    from energybrowser.curation.records import add_review
    from energybrowser.ui.review_dialogs import NeedsLookDialog

    controller, _, _ = setup
    lost = add_review(
        "the-energy-factor-in-astana-baku-relations", TextQuote("A sentence no article has."), {}
    )
    controller.curation.store.put_review(lost)
    controller.refresh()
    assert [n.review_id for n in controller.ledger.needs_look] == [lost.id]
    dialog = NeedsLookDialog(controller.ledger.needs_look, lambda a: a.upper())
    qtbot.addWidget(dialog)
    assert "A sentence no article has." in dialog.list.item(0).text()
    dialog.forget_requested.connect(controller.forget_review)
    dialog.forget_button.click()
    assert controller.ledger.needs_look == () and dialog.list.count() == 0
    controller.undo_stack.undo()
    assert len(controller.ledger.needs_look) == 1


def stub_entity_dialog(fill):
    from energybrowser.ui.entity_dialog import EntityDialog

    def make(*args) -> EntityDialog:
        dialog = EntityDialog(*args)
        dialog.exec = lambda: (fill(dialog), QDialog.DialogCode.Accepted)[1]  # type: ignore[method-assign]
        return dialog

    return make


def test_an_entity_mention_is_marked_wrong_and_undone(setup, qtbot, bundled):
    from energybrowser.entities.extract import extract_entities

    controller, _, by_id = setup
    article = by_id["the-energy-factor-in-astana-baku-relations"]
    spans = {article.id: extract_entities(article)}
    mention = next(s for s in spans[article.id] if s.type == "organization")
    controller.entity_dialog_factory = stub_entity_dialog(lambda d: d.wrong.setChecked(True))
    with qtbot.waitSignal(controller.entities_changed) as signal:
        assert controller.correct_entity(article, mention.start, mention.end, mention)
    assert signal.args == [False]
    corrected = controller.curation.entities(spans)[article.id]
    assert (mention.start, mention.end) not in {(s.start, s.end) for s in corrected}
    controller.undo_stack.undo()
    assert controller.curation.entities(spans)[article.id] == spans[article.id]


def test_words_become_an_alias_everywhere_and_undo_takes_it_back(setup, qtbot, tmp_path):
    controller, _, by_id = setup
    article = by_id["the-energy-factor-in-astana-baku-relations"]
    words = "Trans-Caspian route"
    start = article.text.index(words)

    def fill(dialog) -> None:
        assert dialog.alias.isChecked() and not dialog.alias.isEnabled()  # nothing read there
        dialog.canonical.setText("Trans-Caspian International Transport Route")
        dialog.type.setCurrentText("Pipeline")  # shown as the legend spells it

    controller.entity_dialog_factory = stub_entity_dialog(fill)
    with qtbot.waitSignal(controller.entities_changed) as signal:
        assert controller.correct_entity(article, start, start + len(words), None)
    assert signal.args == [True]
    (entry,) = controller.curation.gazetteer.entries()
    assert entry.aliases == (words,) and entry.type == "pipeline"
    controller.undo_stack.undo()
    assert controller.curation.gazetteer.entries() == []
    controller.undo_stack.redo()
    assert len(controller.curation.gazetteer.entries()) == 1
