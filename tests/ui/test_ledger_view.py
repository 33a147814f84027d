"""The agreements table's rows as shown (sorted and filtered by the catalogue): rows lacking a
value last in either direction, filtered by words and review state, the selection following its
rows, rows read a page at a time; and the results list made a page at a time."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester

from energybrowser.agreements.model import Agreement, Evidence, ReviewMark
from energybrowser.corpus.model import PartialDate
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel
from energybrowser.ui.models.results import PAGE, ResultRow, ResultsModel

DATE, PARTIES = COLUMNS.index("Date"), COLUMNS.index("Parties")


def _agreement(
    n: int, when: PartialDate, parties: tuple[str, ...] = ("SOCAR",), state: str = ""
) -> Agreement:
    return Agreement(
        id=f"a{n}#1",
        article=f"a{n}",
        type="memorandum",
        status="signed",
        parties=parties,
        evidence=Evidence(f"Sentence {n}.", 1, 0, 11),
        when=when,
        subject=f"subject {n}",
        review=ReviewMark(state=state) if state else ReviewMark(),
    )


def _view(agreements: list[Agreement]) -> tuple[AgreementsModel, AgreementsModel]:
    model = AgreementsModel()
    model.set_agreements(agreements)
    return model, model


def _articles(view: AgreementsModel) -> list[str]:
    return [view.index(r, 0).data(AgreementsModel.AgreementRole).lead.article for r in range(view.rowCount())]


AGREEMENTS = [
    _agreement(1, PartialDate(2022, 5)),
    _agreement(2, PartialDate(), parties=()),
    _agreement(3, PartialDate(2021, 1, 2), parties=("KazMunayGas",)),
    _agreement(4, PartialDate(2023), state="rejected"),
    _agreement(5, PartialDate(2022, 5)),
]


def test_sorting_puts_rows_without_a_value_last_in_either_direction(qtmodeltester: ModelTester) -> None:
    _model, view = _view(AGREEMENTS)
    qtmodeltester.check(view)
    assert _articles(view) == ["a1", "a2", "a3", "a4", "a5"]  # as the ledger gives them, until sorted
    view.sort(DATE, Qt.SortOrder.AscendingOrder)
    assert _articles(view) == ["a3", "a1", "a5", "a4", "a2"]  # equal dates keep their order
    view.sort(DATE, Qt.SortOrder.DescendingOrder)
    assert _articles(view) == ["a4", "a1", "a5", "a3", "a2"]
    view.sort(PARTIES, Qt.SortOrder.AscendingOrder)
    assert _articles(view)[-1] == "a2" and _articles(view)[0] == "a3"
    view.sort(PARTIES, Qt.SortOrder.DescendingOrder)
    assert _articles(view)[-1] == "a2"
    qtmodeltester.check(view)


def test_filters_by_words_and_review_state_and_puts_unreviewed_first(qtmodeltester: ModelTester) -> None:
    agreements = [*AGREEMENTS[:4], replace(AGREEMENTS[4], review=ReviewMark(state="confirmed"))]
    _model, view = _view(agreements)
    view.set_review_states(frozenset({"unreviewed", "confirmed"}))
    assert _articles(view) == ["a1", "a2", "a3", "a5"]
    view.set_filter_text("KAZMUNAY")
    assert _articles(view) == ["a3"]
    view.set_filter_text("")
    view.sort(DATE, Qt.SortOrder.AscendingOrder)
    view.set_unreviewed_first(True)
    assert _articles(view) == ["a3", "a1", "a2", "a5"]
    qtmodeltester.check(view)


def test_the_selection_follows_its_row_through_a_sort_and_goes_when_filtered_out(qapp) -> None:
    _model, view = _view(AGREEMENTS)
    selection = QItemSelectionModel(view)
    selection.select(view.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)  # a3
    view.sort(DATE, Qt.SortOrder.DescendingOrder)
    (picked,) = selection.selectedIndexes()
    assert picked.data(AgreementsModel.AgreementRole).lead.article == "a3"
    view.set_filter_text("subject 1")
    assert selection.selectedIndexes() == []


def test_a_reset_of_the_ledger_keeps_sort_and_filters(qapp) -> None:
    model, view = _view(AGREEMENTS)
    view.sort(DATE, Qt.SortOrder.AscendingOrder)
    view.set_review_states(frozenset({"unreviewed"}))
    model.set_agreements([*AGREEMENTS, _agreement(6, PartialDate(2020))])
    assert _articles(view) == ["a6", "a3", "a1", "a5", "a2"]


def test_the_results_list_is_made_a_page_at_a_time(qtmodeltester: ModelTester) -> None:
    made: list[int] = []

    def make(n: int) -> ResultRow:
        made.append(n)
        return ResultRow(f"id{n}", f"Title {n}", "", "")

    model = ResultsModel()
    items = list(range(2 * PAGE + 50))
    model.set_items(items, make, lambda n: f"id{n}")
    assert model.rowCount() == PAGE and model.total == len(items) and model.canFetchMore()
    assert model.index(3).data() == "Title 3" and made == [3]  # a row is made when shown
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    assert model.row_of(f"id{len(items) - 1}") == len(items) - 1  # found further down: fetched
    assert model.rowCount() == len(items) and not model.canFetchMore()
    assert model.row_of("nope") == -1
    qtmodeltester.check(model)


def test_rows_are_read_a_page_at_a_time_and_reports_only_for_the_row_asked(qapp, monkeypatch) -> None:
    from energybrowser.library.ledger_table import LedgerTable
    from energybrowser.ui.models import agreements as models

    many = [_agreement(n, PartialDate(2000 + n % 20, 1 + n % 12)) for n in range(2 * models.PAGE + 30)]
    model = AgreementsModel()
    model.set_agreements(many)
    asked: list[int] = []
    details: list[int] = []
    cells, read = LedgerTable.cells, LedgerTable.details
    monkeypatch.setattr(LedgerTable, "cells", lambda self, ids: asked.append(len(ids)) or cells(self, ids))
    monkeypatch.setattr(LedgerTable, "details", lambda self, i: details.append(i) or read(self, i))
    model.sort(DATE, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == len(many) and asked == []  # sorting reads no row
    assert model.index(0, DATE).data() and model.index(5, PARTIES).data() == "SOCAR"
    assert asked == [models.PAGE] and details == []  # one page for the rows shown, no reports
    last = model.rowCount() - 1
    assert model.index(last, 0).data(AgreementsModel.AgreementRole).lead.id
    assert asked == [models.PAGE] and len(details) == 1  # the reports of the row asked, no page
    assert model.index(last, DATE).data()
    assert asked == [models.PAGE, 30]  # the last page, when shown


def test_a_review_rewrites_rows_in_place_and_the_selection_stays_on_its_row(corpus, qapp) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.library import Library
    from energybrowser.paths import DataPaths

    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    before = library.write_ledger_rows()
    model = AgreementsModel(library.entry)
    model.set_table(library.ledger_table())
    model.sort(DATE, Qt.SortOrder.AscendingOrder)
    selection = QItemSelectionModel(model)
    picked = model.row_at(model.rowCount() - 1)
    assert picked is not None
    selection.select(model.index(model.rowCount() - 1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    library.curation.edit(picked.lead, {"date": "1990-01-02"})  # its row moves to the top
    library.update_ledger_rows(before, library.reviewed_ledger())
    model.refresh()
    (index,) = selection.selectedIndexes()
    assert index.row() == 0
    row = index.data(AgreementsModel.AgreementRole)
    assert picked.lead.id in {a.id for a in row.reports} and row.review_state in ("edited", "partly")
    assert index.data() == {"edited": "✎", "partly": "◐"}[row.review_state]  # the mark shown
