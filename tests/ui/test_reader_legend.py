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


def test_legend_wraps_to_a_narrow_reader_instead_of_widening_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from energybrowser.ui.reader_area import ReaderArea

    assert ReaderArea().minimumSizeHint().width() < 400  # the legend does not hold the reader wide
    page = QWidget()  # no layout: the test sets the legend's width as a splitter would
    qtbot.addWidget(page)
    page.resize(1000, 300)
    legend = EntityLegend(page)
    legend.resize(900, legend.height())
    page.show()
    qtbot.waitExposed(page)
    wide, low = legend.columns(), legend.height()
    legend.resize(330, legend.height())
    qtbot.waitUntil(lambda: legend.columns() < wide)
    checkboxes = legend.findChildren(QCheckBox)
    assert all(b.geometry().right() <= legend.width() for b in checkboxes)  # none cut off
    assert legend.height() == legend.needed_height() > low  # it takes more rows instead
    assert all(b.geometry().bottom() <= legend.height() for b in checkboxes)


def test_legend_packs_columns_by_their_own_widest_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    page = QWidget()
    qtbot.addWidget(page)
    page.resize(1000, 400)
    legend = EntityLegend(page)
    legend.set_counts({"organization": 12345})  # one long label
    boxes = [legend.findChild(QCheckBox, f"legend-{t}") for t in ENTITY_TYPES]
    widths = [b.sizeHint().width() for b in boxes if b is not None]
    two_columns = max(widths[0::2]) + max(widths[1::2]) + 12 + 8
    assert two_columns < 2 * max(widths) + 12 + 8  # a uniform grid would need more room
    legend.resize(two_columns, legend.height())
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: legend.columns() == 2)
