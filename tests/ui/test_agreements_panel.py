"""The ledger panel on its own: details of the selected agreement, and undated rows kept last."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from energybrowser.agreements.ledger import AgreementRow
from energybrowser.agreements.model import Agreement, Conflict, ConflictValue, Evidence
from energybrowser.corpus.model import PartialDate
from energybrowser.ui.agreements_panel import AgreementsPanel
from energybrowser.ui.models.agreements import COLUMNS, AgreementsModel


def _agreement(n: int, article: str, **changes: object) -> Agreement:
    base = Agreement(
        id=f"{article}#{n}",
        article=article,
        type="memorandum",
        status="signed",
        parties=("SOCAR", f"Party {n}"),
        evidence=Evidence(f"SOCAR and Party {n} signed a memorandum on gas supplies.", n, 0, 40),
        reported=PartialDate(2022, n, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def panel(qtbot) -> AgreementsPanel:  # type: ignore[no-untyped-def]
    widget = AgreementsPanel(AgreementsModel())
    qtbot.addWidget(widget)
    return widget


MAY6 = PartialDate(2022, 5, 6)  # both reports come after the signing they date
MAY = Conflict(
    "date", (ConflictValue(PartialDate(2022, 5, 3), ("b",)), ConflictValue(PartialDate(2022, 5, 4), ("a",)))
)


def test_details_show_the_whole_agreement_and_every_reports_evidence(panel: AgreementsPanel) -> None:
    assert "No agreements" in panel.details.text()
    grouped = [
        _agreement(
            1, "a", group="g", subject="gas <supplies> & transit", quantities=("10 bcm",), reported=MAY6
        ),
        _agreement(
            2, "b", group="g", conflicts=(MAY,), date="on 3 May", when=PartialDate(2022, 5, 3), reported=MAY6
        ),
    ]
    panel.set_agreements([*grouped, _agreement(3, "c", parties=(), vague=True)])
    assert "Select a row" in panel.details.text()
    panel.table.selectRow(
        panel.visible_rows().index(next(r for r in panel.visible_rows() if len(r.reports) == 2))
    )
    text = panel.details.text()
    assert "gas &lt;supplies&gt; &amp; transit" in text  # escaped, never markup
    assert "10 bcm" in text and "Reports disagree: date: 3 May 2022 (“b”) vs 4 May 2022 (“a”)" in text
    assert "3 May 2022" in text and "on 3 May" in text
    assert text.count("signed a memorandum on gas supplies") == 2 and "para. 2" in text
    panel.table.selectRow(panel.visible_rows().index(next(r for r in panel.visible_rows() if not r.parties)))
    assert "not named" in panel.details.text() and "vague" in panel.details.text()


def test_rows_without_a_date_stay_last_in_either_order(panel: AgreementsPanel) -> None:
    panel.set_agreements([_agreement(1, "a", reported=PartialDate()), _agreement(2, "b"), _agreement(3, "c")])
    date = COLUMNS.index("Date")
    for order, expected in ((Qt.SortOrder.AscendingOrder, "bca"), (Qt.SortOrder.DescendingOrder, "cba")):
        panel.table.sortByColumn(date, order)
        assert "".join(r.lead.article for r in panel.visible_rows()) == expected


def test_details_pane_gets_real_room_by_default(panel: AgreementsPanel) -> None:
    panel.resize(560, 800)
    panel.layout().activate()  # lays out without showing (offscreen warns about top-level hints)
    table, details = panel.splitter.sizes()
    assert details >= 0.3 * (table + details) and table > details


def test_conflicts_name_articles_by_title_not_id() -> None:
    from energybrowser.ui.models.agreements import readable_conflicts

    stated = ConflictValue(PartialDate(2022, 8, 26), ("energy-factor",))
    report = ConflictValue(PartialDate(2022, 8, 25), ("energy-factor-2",))
    conflict = (Conflict("date after report", (stated, report)),)
    row = AgreementRow(
        (
            _agreement(1, "energy-factor", conflicts=conflict),
            _agreement(2, "energy-factor-2", conflicts=conflict),
        )
    )
    titles = {"energy-factor": "The Energy Factor", "energy-factor-2": "SOCAR signs"}
    text = readable_conflicts(row, titles.__getitem__)
    assert text == "date: 26 Aug 2022 (“The Energy Factor”) is after “SOCAR signs” reported it on 25 Aug 2022"


def test_count_says_what_it_counts_and_how_many_the_filter_shows(panel: AgreementsPanel) -> None:
    panel.set_agreements([_agreement(1, "a"), _agreement(2, "b", parties=("QazaqGaz",))])
    assert panel.count.text() == "2 agreements"
    panel.filter_edit.setText("qazaqgaz")
    assert panel.count.text() == "1 of 2 agreements"
