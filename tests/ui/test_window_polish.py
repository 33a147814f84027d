"""What a newcomer meets: list markers in the reader, a colour-blind-safe legend with a second cue,
glyphs the system's fonts have, one spelling of "Organisation", panels that fold in a narrow window,
Ctrl+C handling and one window per data folder."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QLabel

from energybrowser.corpus.markdown_io import parse_article
from energybrowser.entities.model import ENTITY_TYPES
from energybrowser.render.palette import DARK, LIGHT, TYPE_LOOKS
from energybrowser.ui.reader import ReaderView

LISTS = """---
title: Lists
---

The parties agreed on three steps.

1. A feasibility study of the route.
2. A joint venture for the terminal.
3. Tariffs set by the regulators.

Open questions remain:

- financing
- the environmental review
"""


def test_reader_keeps_numbers_and_bullets_of_list_items(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = ReaderView(open_url=lambda _url: True)
    qtbot.addWidget(view)
    view.show_article(parse_article(LISTS, "lists"))
    markers = {}
    block = view.document().begin()
    while block.isValid():
        text_list = block.textList()
        if text_list is not None:
            markers[block.text()] = text_list.itemText(block)
        block = block.next()
    assert markers["A feasibility study of the route."] == "1."
    assert markers["A joint venture for the terminal."] == "2."
    assert markers["Tariffs set by the regulators."] == "3."
    bullets = [markers["financing"], markers["the environmental review"]]
    assert all(b for b in bullets) and not any(b[0].isdigit() for b in bullets)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


# Machado et al. (2009), severity 1.0: how the colours look to readers with deuteranopia and protanopia.
CVD = {
    "deuteranopia": ((0.367, 0.861, -0.228), (0.280, 0.673, 0.047), (-0.012, 0.043, 0.969)),
    "protanopia": ((0.152, 1.053, -0.205), (0.115, 0.786, 0.099), (-0.004, -0.048, 1.052)),
}


def _seen(colour: str, matrix: tuple[tuple[float, float, float], ...]) -> tuple[float, ...]:
    rgb = [_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    return tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("vision", sorted(CVD))
def test_types_that_look_alike_differ_in_their_second_cue(palette, vision: str) -> None:  # type: ignore[no-untyped-def]
    """Colour is never the only cue: every type has an underline (and slant) of its own, so two
    types whose colours a colour-blind reader may confuse (close in simulated linear RGB) still differ."""
    assert set(TYPE_LOOKS) == set(ENTITY_TYPES)

    def cue(entity_type: str) -> tuple[str, bool]:
        return palette.entity_underline(entity_type), palette.entity_italic(entity_type)

    assert len({cue(t) for t in ENTITY_TYPES}) == len(ENTITY_TYPES)  # a second cue of its own each
    for a in ENTITY_TYPES:
        for b in ENTITY_TYPES:
            if a >= b:
                continue
            seen_a = _seen(palette.entity_background(a), CVD[vision])
            seen_b = _seen(palette.entity_background(b), CVD[vision])
            distance = sum((x - y) ** 2 for x, y in zip(seen_a, seen_b, strict=True)) ** 0.5
            if distance < 0.12:
                assert cue(a) != cue(b), (a, b, distance)


def test_hit_colour_is_no_entity_colour() -> None:
    for palette in (LIGHT, DARK):
        assert palette.hit_background not in {palette.entity_background(t) for t in ENTITY_TYPES}


def test_reader_draws_each_types_underline(qtbot) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.render.document import render_article
    from energybrowser.render.highlight import Highlights
    from tests.render_helpers import span

    article = parse_article("---\ntitle: T\n---\n\nSOCAR met in Baku.\n", "t")
    entities = (span(article, "SOCAR", "SOCAR", "organization"), span(article, "Baku", "Baku", "place"))
    html = render_article(article, Highlights(entities=entities)).html
    assert "text-underline-style: solid" in html and "text-underline-style: dotted" in html


# Symbols the window's own texts use; each must be in DejaVu Sans, Debian's default font, or Qt
# draws a missing-glyph box.
UI_SYMBOLS = "ℹ⚠↩▸…·—“”’"


def test_ui_symbols_exist_in_debians_default_font(qapp) -> None:  # type: ignore[no-untyped-def]
    font = QFont("DejaVu Sans")
    if font.exactMatch() is False and "DejaVu" not in QRawFont.fromFont(font).familyName():
        pytest.skip("DejaVu Sans is not installed")
    raw = QRawFont.fromFont(font)
    missing = [ch for ch in UI_SYMBOLS if not raw.supportsCharacter(ord(ch))]
    assert missing == []
    from energybrowser.ui.search_panel import NOTE_MARK

    assert NOTE_MARK in UI_SYMBOLS


def test_search_notes_use_a_glyph_the_fonts_have(window) -> None:  # type: ignore[no-untyped-def]
    window.search_panel.show_message(notes=["Read as: pipeline"])
    assert "ⓘ" not in window.search_panel.message.text()
    assert "ℹ" in window.search_panel.message.text()


def test_mentions_heading_spells_the_type_as_the_legend_does(window) -> None:  # type: ignore[no-untyped-def]
    window.open_article("caspian-gas-memorandum")
    window._on_entity_clicked("SOCAR")
    heading = window.mentions.heading.text()
    assert "(organisation)" in heading and "organization" not in heading


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_a_narrow_window_folds_the_ledger_then_comes_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    window.resize(683, 700)  # half of a 1366 px screen
    qtbot.waitUntil(lambda: window.width() == 683)
    assert window.minimumSizeHint().width() <= 683
    sizes = window.splitter.sizes()
    assert sizes[2] == 0 and sizes[0] > 0 and sizes[1] >= 300  # the ledger folded away
    assert not window.actions_by_id["toggle_agreements"].isChecked()
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] > 0)
    assert window.actions_by_id["toggle_agreements"].isChecked()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_the_agreements_command_unfolds_a_folded_ledger(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.resize(683, 700)
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] == 0)
    window.actions_by_id["toggle_agreements"].trigger()
    assert window.splitter.sizes()[2] > 0 and window.agreements.isVisible()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_the_ledger_asked_for_in_a_narrow_window_gets_room_beside_a_whole_reader(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.resize(683, 700)  # half of a 1366 px screen: results and reader, the ledger folded
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] == 0)
    window.actions_by_id["toggle_agreements"].trigger()
    qtbot.wait(50)
    splitter = window.splitter
    sizes = splitter.sizes()
    panes = [splitter.pane(i) for i in range(3)]
    shown = [i for i in range(3) if sizes[i] > 0]
    assert shown == [1, 2]  # the results folded for room, not the reader squeezed
    assert all(panes[i].width() >= panes[i].minimumWidth() for i in shown)
    assert sizes[2] >= min(window.agreements.wanted_width(), splitter.width() - panes[1].minimumWidth() - 8)
    assert sum(sizes) + splitter.handleWidth() * (len(shown) - 1) <= splitter.width()
    window.resize(1600, 700)  # room for all three again: the results come back
    qtbot.waitUntil(lambda: all(size > 0 for size in window.splitter.sizes()))


def test_a_saved_geometry_too_large_for_the_screen_is_not_restored(make_window, paths) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect

    from energybrowser.settings import Settings

    first = make_window(wait=False)
    available = first._available()
    first.setGeometry(QRect(available.topLeft(), available.size() * 2))  # as saved on a larger screen
    first.save_settings()
    second = make_window(Settings.load(paths.settings_file), wait=False)
    assert available.contains(second.geometry())


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_sigint_closes_the_windows_through_their_close_event(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from energybrowser.ui.interrupt import InterruptHandler

    app = QApplication.instance()
    closed = []
    handler = InterruptHandler(app, on_interrupt=lambda: closed.append(window.close()))
    try:
        window.show()
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: bool(closed), timeout=3000)
        assert not window.isVisible()
        assert Path(window.settings.path).exists()  # the close event saved the settings
    finally:
        handler.uninstall()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_copy_on_the_same_data_folder_asks_the_first_to_come_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.single_instance import SingleInstance, ask_first_to_raise

    raised: list[bool] = []
    first = SingleInstance(tmp_path)
    assert first.acquire()
    first.listen(lambda: raised.append(True))
    try:
        assert not SingleInstance(tmp_path).acquire()  # the second copy learns it is not alone
        assert ask_first_to_raise(tmp_path)
        qtbot.waitUntil(lambda: bool(raised), timeout=3000)
        other = SingleInstance(tmp_path / "other")
        assert other.acquire()  # another data folder is another library
        other.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path)
    assert again.acquire()  # released on exit
    again.release()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_side_by_side_names_both_articles_and_marks_the_query_in_both(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.resize(1366, 700)
    window.search_panel.set_query("Azerbaijan")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() >= 2, timeout=5000)
    model = window.search_panel.model
    first, second = model.row_at(0).article_id, model.row_at(1).article_id
    window.open_article(first)
    qtbot.waitUntil(lambda: window.reader.primary.hit_count() > 0, timeout=5000)
    assert window.open_side_by_side(second)
    reader = window.reader
    assert reader.primary_title.isVisible() and reader.secondary_title.isVisible()
    assert reader.primary_title.full_text() == window.library.get(first).display_title
    assert reader.secondary_title.full_text() == window.library.get(second).display_title
    assert reader.primary.hit_count() > 0 and reader.secondary.hit_count() > 0
    window.close_side_by_side()
    assert not reader.primary_title.isVisible()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_side_by_side_banner_never_overlaps_the_legend_in_a_short_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.resize(700, 420)
    window.open_article(window.search_panel.model.row_at(0).article_id)
    assert window.open_side_by_side(window.search_panel.model.row_at(1).article_id)
    qtbot.wait(50)
    legend, banner = window.reader.legend, window.reader.shared
    legend_bottom = legend.mapTo(window, legend.rect().bottomLeft()).y()
    banner_top = banner.mapTo(window, banner.rect().topLeft()).y()
    assert banner_top > legend_bottom
    assert banner.height() <= banner.fontMetrics().height() + 8  # one line, however many names


def test_details_clear_when_the_filter_hides_the_selected_agreement(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.agreements
    panel.table.selectRow(0)
    assert "Select a row" not in panel.details.text()
    panel.filter_edit.setText("no agreement has this text")
    assert panel.model.rowCount() == 0
    assert "Select a row" in panel.details.text() or "No agreements" in panel.details.text()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_shortcuts_dialog_opens_with_the_cursor_in_its_filter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.filter)
    qtbot.keyClicks(dialog.focusWidget(), "citation")
    shown = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert shown and len(shown) < dialog.table.rowCount()


def test_citation_style_has_a_menu_item_and_a_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    action = window.actions_by_id["choose_citation_style"]
    assert action.shortcut().toString() and action.menu() is window.style_menu
    labels = [a.text() for a in window.style_menu.actions()]
    assert labels == [window.style_box.itemText(i) for i in range(window.style_box.count())]
    chicago = next(a for a in window.style_menu.actions() if a.text().startswith("Chicago"))
    chicago.trigger()
    assert window.style_box.currentText() == chicago.text() and chicago.isChecked()
    assert window.settings.citation_style == window.style_box.currentData()


def test_entity_dialog_spells_types_as_the_legend_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.entities.model import EntitySpan
    from energybrowser.ui.entity_dialog import EntityDialog

    mention = EntitySpan("SOCAR", "SOCAR", "organization", 0, 5, 1)
    dialog = EntityDialog("SOCAR", mention)
    qtbot.addWidget(dialog)
    labels = [dialog.type.itemText(i) for i in range(dialog.type.count())]
    assert "Organisation" in labels and "organization" not in labels
    assert any("(organisation)" in label.text() for label in dialog.findChildren(QLabel))
    dialog.type.setCurrentText("Pipeline")
    assert dialog.chosen_type() == "pipeline"  # the type's key, whatever the label
