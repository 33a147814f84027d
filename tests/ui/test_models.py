"""Every item model passes Qt's model tester, filled and empty, and shows what the core computed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from energybrowser.agreements.model import Agreement, Conflict, ConflictValue, Evidence
from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import ArticleMeta, PartialDate
from energybrowser.library import Mention
from energybrowser.ui.models.agreements import COLUMNS, CONFLICT_MARK, AgreementsModel
from energybrowser.ui.models.mentions import MentionsModel
from energybrowser.ui.models.results import ResultRow, ResultsModel


def _agreement(n: int, article: str, group: str = "", conflicts: tuple[Conflict, ...] = ()) -> Agreement:
    return Agreement(
        id=f"{article}#{n}",
        article=article,
        type="memorandum",
        status="signed",
        parties=("SOCAR", f"Party {n}"),
        evidence=Evidence(f"Sentence {n}.", n, 0, 12),
        when=PartialDate(2022, n),
        quantities=(f"{n} bcm",),
        group=group,
        conflicts=conflicts,
    )


DATES_DIFFER = Conflict(
    "date", (ConflictValue(PartialDate(2022, 1), ("x",)), ConflictValue(PartialDate(2022, 2), ("y",)))
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
    articles = {a: build_article(ArticleMeta(id=a, title=a.upper()), "Text.") for a in "xyz"}
    model = AgreementsModel(articles.get)
    qtmodeltester.check(model)
    model.set_agreements(
        [
            _agreement(1, "x", group="g1"),
            _agreement(2, "y", group="g1", conflicts=(DATES_DIFFER,)),
            _agreement(3, "z"),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    reports = COLUMNS.index("Reports")
    grouped = model.index(0, reports).data()
    assert grouped == f"{CONFLICT_MARK} 2"
    assert model.index(0, COLUMNS.index("Article")).data() == "X; Y"
    parties = model.index(0, COLUMNS.index("Parties")).data()
    assert "Party 1" in parties and "Party 2" in parties
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Reports disagree: date: Jan 2022 (“X”) vs Feb 2022 (“Y”)" in tooltip
    model.set_grouped(False)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, reports).data() == "1"


def test_mentions_model(qtmodeltester: ModelTester) -> None:
    model = MentionsModel()
    qtmodeltester.check(model)
    model.set_mentions("SOCAR", [Mention("a", "Title", 3, 10, 15, "…the SOCAR deal…")])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(3)] == ["Title", "3", "…the SOCAR deal…"]
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    model.set_mentions("SOCAR", [Mention("u", "[Untitled: SOCAR…]", 1, 0, 5, "SOCAR…", untitled=True)])
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()


def test_undated_agreements_sort_after_dated_ones(qapp) -> None:
    from dataclasses import replace

    model = AgreementsModel()
    model.set_agreements(
        [replace(_agreement(1, "x"), when=PartialDate()), _agreement(2, "y"), _agreement(3, "z")]
    )
    model.sort(COLUMNS.index("Date"), Qt.SortOrder.AscendingOrder)
    dates = [model.index(r, COLUMNS.index("Date")).data() for r in range(model.rowCount())]
    assert dates == ["Feb 2022", "Mar 2022", "n.d."]


def test_date_column_falls_back_to_the_articles_date_marked_as_reported(qapp) -> None:
    from dataclasses import replace

    stated = replace(_agreement(1, "a"), date="on 26 August 2022", when=PartialDate(2022, 8, 26))
    reported = replace(_agreement(2, "b"), when=PartialDate(), reported=PartialDate(2022, 8, 25))
    later = replace(_agreement(3, "c"), when=PartialDate(), reported=PartialDate(2023, 1))
    undated = replace(_agreement(4, "d"), when=PartialDate())
    yearless = replace(_agreement(5, "e"), when=PartialDate(), reported=PartialDate(None, 10, 24))
    model = AgreementsModel()
    model.set_agreements([undated, yearless, later, stated, reported])
    date = COLUMNS.index("Date")
    by_article = {model.row_at(r).lead.article: model.index(r, date) for r in range(5)}
    assert by_article["a"].data() == "26 Aug 2022"
    assert by_article["b"].data() == "reported 25 Aug 2022"
    assert by_article["c"].data() == "reported Jan 2023"
    assert by_article["d"].data() == "n.d."
    assert "on 26 August 2022" in by_article["a"].data(Qt.ItemDataRole.ToolTipRole)
    assert "no date" in by_article["b"].data(Qt.ItemDataRole.ToolTipRole)
    # A stand-in is shown differently from a stated value.
    assert by_article["b"].data(Qt.ItemDataRole.FontRole).italic()
    assert by_article["a"].data(Qt.ItemDataRole.FontRole) is None
    assert by_article["e"].data() == "reported 24 Oct (no year)"
    model.sort(date, Qt.SortOrder.AscendingOrder)
    order = [model.index(r, 0).data(AgreementsModel.AgreementRole).lead.article for r in range(5)]
    assert order == ["b", "a", "c", "e", "d"]  # chronological whatever its origin; no year, no date last


def test_agreement_without_parties_says_so_and_tooltips_give_the_full_value(qapp) -> None:
    from dataclasses import replace

    subject = "joint exploration of the Karabakh field and transport of its oil through the BTC pipeline"
    model = AgreementsModel()
    model.set_agreements([replace(_agreement(1, "a"), parties=(), subject=subject)])
    parties = model.index(0, COLUMNS.index("Parties"))
    assert parties.data() == "not named" and parties.data(Qt.ItemDataRole.FontRole).italic()
    assert subject in model.index(0, COLUMNS.index("Subject")).data(Qt.ItemDataRole.ToolTipRole)


def test_untitled_article_shows_its_opening_words_in_the_ledger() -> None:
    untitled = build_article(ArticleMeta(id="u", title=""), "Baku hosted talks on gas with Astana.")
    model = AgreementsModel({"u": untitled}.get)
    assert model.title_of("u") == "[Untitled: Baku hosted talks on gas with Astana.]"
    assert model.true_title_of("u") == ""


def test_byline_is_authors_and_publisher_never_a_file_name() -> None:
    from energybrowser.corpus.model import Author
    from energybrowser.ui.models.results import NO_BYLINE, byline

    assert byline(ArticleMeta(id="a", title="T", source="000_381936e708b508b3.txt")) == NO_BYLINE
    people = (Author("Aida Karimova"), Author("Ilham Aliyev"), Author("Kassym Tokayev"))
    assert byline(ArticleMeta(id="a", title="T", authors=people[:1], publisher="Azernews")) == (
        "Aida Karimova · Azernews"
    )
    assert byline(ArticleMeta(id="a", title="T", authors=people)) == "Aida Karimova et al."
    agency = ArticleMeta(id="a", title="T", authors=(Author("Trend", True),), publisher="Trend")
    assert byline(agency) == "Trend"


def test_result_tooltip_keeps_the_imported_file_name(qapp) -> None:
    model = ResultsModel()
    model.set_rows([ResultRow("a", "[Untitled: Baku…]", "no byline", "n.d.", untitled=True, origin="x.txt")])
    index = model.index(0)
    assert index.data(ResultsModel.UntitledRole) is True
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Imported from x.txt" in tip and "no title" in tip
    assert "x.txt" not in index.data(ResultsModel.SourceRole)


def test_rows_of_the_open_article_are_bold(qtmodeltester: ModelTester) -> None:
    model = AgreementsModel()
    model.set_agreements([_agreement(1, "x"), _agreement(2, "y", group="g"), _agreement(3, "z", group="g")])
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(bottom.row() - top.row() + 1))
    model.set_current_article("z")
    assert changed == [model.rowCount()]
    bold = [model.index(r, COLUMNS.index("Type")).data(Qt.ItemDataRole.FontRole) for r in range(2)]
    assert bold[0] is None and bold[1].bold()  # the grouped row holds z's report
    qtmodeltester.check(model)
