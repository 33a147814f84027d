"""The entity legend: one checkbox per type, toggles reported as the set of enabled types."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox

from energybrowser.entities.model import ENTITY_TYPES
from energybrowser.ui.reader import EntityLegend


@pytest.fixture
def legend(qtbot) -> EntityLegend:  # type: ignore[no-untyped-def]
    widget = EntityLegend()
    qtbot.addWidget(widget)
    return widget


def box(legend: EntityLegend, entity_type: str) -> QCheckBox:
    found = legend.findChild(QCheckBox, f"legend-{entity_type}")
    assert found is not None
    return found


def test_every_type_starts_enabled(legend: EntityLegend) -> None:
    assert legend.enabled_types() == frozenset(ENTITY_TYPES)
    assert box(legend, "organization").text() == "Organisation"


def test_unchecking_a_type_emits_the_remaining_set(qtbot, legend: EntityLegend) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(legend.types_changed) as changed:
        box(legend, "country").click()
    assert changed.args == [frozenset(ENTITY_TYPES) - {"country"}]


def test_setting_types_from_code_does_not_emit(qtbot, legend: EntityLegend) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(legend.types_changed):
        legend.set_enabled_types(frozenset({"person"}))
    assert legend.enabled_types() == {"person"}


def test_counts_are_shown_for_every_type(legend: EntityLegend) -> None:
    legend.set_counts({"organization": 4, "place": 1})
    assert box(legend, "organization").text() == "Organisation (4)"
    assert box(legend, "money").text() == "Money (0)"
    legend.set_counts({})
    assert box(legend, "money").text() == "Money"


def test_dark_mode_keeps_the_checked_state_and_changes_swatches(legend: EntityLegend) -> None:
    legend.set_enabled_types(frozenset({"person", "date"}))
    before = box(legend, "person").icon().pixmap(14, 14).toImage()
    legend.set_dark(True)
    assert legend.enabled_types() == {"person", "date"}
    assert box(legend, "person").icon().pixmap(14, 14).toImage() != before


def _shown_legend(qtbot, width: int) -> tuple[object, EntityLegend]:  # type: ignore[no-untyped-def]
    """The legend at `width`, and its page (qtbot holds widgets weakly: the test keeps the page)."""
    from PySide6.QtWidgets import QWidget

    page = QWidget()  # no layout: the test sets the legend's width as a splitter would
    qtbot.addWidget(page)
    page.resize(max(width + 50, 400), 300)
    legend = EntityLegend(page)
    legend.set_counts({t: 12 for t in ENTITY_TYPES})
    legend.resize(width, legend.height())
    page.show()
    qtbot.waitExposed(page)
    return page, legend


def test_legend_keeps_one_row_and_puts_what_does_not_fit_in_a_menu(qtbot) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.reader_area import ReaderArea

    assert ReaderArea().minimumSizeHint().width() < 400  # the legend does not hold the reader wide
    _page, legend = _shown_legend(qtbot, 1400)
    assert legend.overflow_types() == () and legend.more_button().isHidden()
    one_row = legend.height()
    legend.resize(330, legend.height())
    qtbot.waitUntil(lambda: bool(legend.overflow_types()))
    assert legend.height() == one_row == legend.needed_height()  # no second row
    shown, more = legend.shown_types(), legend.overflow_types()
    assert shown + more == tuple(ENTITY_TYPES) and shown  # in order (all counted), none lost
    row = [box(legend, t) for t in shown] + [legend.more_button()]
    assert all(w.isVisible() and w.geometry().right() <= legend.width() for w in row)  # none cut off
    assert len({w.geometry().top() for w in row[:-1]}) == 1
    assert all(box(legend, t).isHidden() for t in more)
    assert legend.more_button().text() == f"{len(more)} more ▾"
    menu = legend.more_button().menu()
    assert [a.defaultWidget().text() for a in menu.actions()] == [box(legend, t).text() for t in more]


def test_a_type_in_the_menu_toggles_like_its_checkbox(qtbot) -> None:  # type: ignore[no-untyped-def]
    _page, legend = _shown_legend(qtbot, 330)
    qtbot.waitUntil(lambda: bool(legend.overflow_types()))
    hidden = legend.overflow_types()[-1]
    in_menu = legend.menu_box(hidden)
    with qtbot.waitSignal(legend.types_changed) as changed:
        in_menu.click()
    assert changed.args == [frozenset(ENTITY_TYPES) - {hidden}]
    assert not box(legend, hidden).isChecked() and not in_menu.isChecked()
    legend.set_enabled_types(frozenset(ENTITY_TYPES))  # from code: the menu follows, no signal
    assert in_menu.isChecked()
    legend.resize(1400, legend.height())  # widened: the type is back in the row, state kept
    qtbot.waitUntil(lambda: not legend.overflow_types())
    assert box(legend, hidden).isVisible() and box(legend, hidden).isChecked()


def test_types_the_article_does_not_mention_go_to_the_menu_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    _page, legend = _shown_legend(qtbot, 330)
    legend.set_counts({"money": 3, "date": 1})
    qtbot.waitUntil(lambda: legend.shown_types()[:2] == ("money", "date"))
    assert set(legend.overflow_types()) >= set(ENTITY_TYPES) - {"money", "date", *legend.shown_types()}
    legend.set_counts({})  # no article: the palette's order
    assert legend.shown_types() + legend.overflow_types() == tuple(ENTITY_TYPES)


def test_the_menu_button_counts_the_types_in_its_menu(qtbot) -> None:  # type: ignore[no-untyped-def]
    _page, legend = _shown_legend(qtbot, 330)
    qtbot.waitUntil(lambda: bool(legend.overflow_types()))
    for width in (340, 350, 360, 330):  # resizes that keep the same split re-measure the button
        legend.resize(width, legend.height())
        qtbot.wait(10)
        assert legend.more_button().text() == f"{len(legend.overflow_types())} more ▾"
