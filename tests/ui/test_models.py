"""Every item model passes Qt's model tester, filled and empty, and shows what the core computed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.ui.library import Mention
from energybrowser.ui.models.agreements import COLUMNS, CONFLICT_MARK, AgreementsModel
from energybrowser.ui.models.mentions import MentionsModel
from energybrowser.ui.models.results import ResultRow, ResultsModel


def _agreement(n: int, article: str, group: str = "", conflicts: tuple[str, ...] = ()) -> Agreement:
    return Agreement(
        id=f"{article}#{n}",
        article=article,
        type="memorandum",
        status="signed",
        parties=("SOCAR", f"Party {n}"),
        evidence=Evidence(f"Sentence {n}.", n, 0, 12),
        date_iso=f"2022-0{n}",
        quantities=(f"{n} bcm",),
        group=group,
        conflicts=conflicts,
    )


def test_results_model(qtmodeltester: ModelTester) -> None:
    model = ResultsModel()
    qtmodeltester.check(model)
    model.set_rows(
        [ResultRow("a", "Title A", "Azernews", "2022", "<b>SOCAR</b> signed"), ResultRow("b", "B", "", "")]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    index = model.index(0)
    assert index.data() == "Title A"
    assert index.data(ResultsModel.SnippetRole) == "<b>SOCAR</b> signed"
    assert model.row_of("b") == 1 and model.row_of("zzz") == -1


def test_agreements_model_groups_reports_and_flags_conflicts(qtmodeltester: ModelTester) -> None:
    model = AgreementsModel(title_of=lambda article_id: article_id.upper())
    qtmodeltester.check(model)
    model.set_agreements(
        [
            _agreement(1, "x", group="g1"),
            _agreement(2, "y", group="g1", conflicts=("dates differ: 2022-01 vs 2022-02",)),
            _agreement(3, "z"),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    reports = COLUMNS.index("Reports")
    grouped = model.index(0, reports).data()
    assert grouped.startswith(CONFLICT_MARK) and "2 reports" in grouped
    assert model.index(0, COLUMNS.index("Article")).data() == "X; Y"
    parties = model.index(0, COLUMNS.index("Parties")).data()
    assert "Party 1" in parties and "Party 2" in parties
    assert "dates differ" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    model.set_grouped(False)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, reports).data() == "1 report"


def test_mentions_model(qtmodeltester: ModelTester) -> None:
    model = MentionsModel()
    qtmodeltester.check(model)
    model.set_mentions("SOCAR", [Mention("a", "Title", 3, 10, 15, "…the SOCAR deal…")])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(3)] == ["Title", "3", "…the SOCAR deal…"]


def test_undated_agreements_sort_after_dated_ones(qapp) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QSortFilterProxyModel

    model = AgreementsModel()
    model.set_agreements([replace(_agreement(1, "x"), date_iso=""), _agreement(2, "y"), _agreement(3, "z")])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(AgreementsModel.SortRole)
    proxy.sort(COLUMNS.index("Date"), Qt.SortOrder.AscendingOrder)
    dates = [proxy.index(r, COLUMNS.index("Date")).data() for r in range(proxy.rowCount())]
    assert dates == ["2022-02", "2022-03", ""]
