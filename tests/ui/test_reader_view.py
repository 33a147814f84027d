"""The reader's behaviour: hover, click, hits, marks, scrolling and the selected passage."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.render.palette import DARK, LIGHT
from energybrowser.ui.reader import ReaderView
from tests.render_helpers import load, span

RICH = load("rich")


@pytest.fixture
def view(qtbot) -> ReaderView:  # type: ignore[no-untyped-def]
    widget = ReaderView(open_url=lambda _url: True)
    qtbot.addWidget(widget)
    widget.resize(700, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rich_entities():  # type: ignore[no-untyped-def]
    return (
        span(RICH, "State Oil Company of Azerbaijan", "SOCAR", "organization"),
        span(RICH, "KazMunayGas", "KazMunayGas", "organization"),
        span(RICH, "Baku", "Baku", "place"),
        span(RICH, "Trans-Caspian pipeline", "Trans-Caspian Gas Pipeline", "pipeline"),
    )


def point_of(view: ReaderView, phrase: str) -> QPoint:
    """Viewport point in the middle of the first displayed occurrence of `phrase`."""
    cursor = view.document().find(phrase)
    assert not cursor.isNull(), phrase
    middle = QTextCursor(view.document())
    middle.setPosition((cursor.selectionStart() + cursor.selectionEnd()) // 2)
    view.setTextCursor(middle)
    view.ensureCursorVisible()
    rect = view.cursorRect(middle)
    return rect.center()


def long_article(paragraphs: int = 60) -> Article:
    body = "\n\n".join(f"Paragraph number {i + 1} talks about gas and oil. " * 3 for i in range(paragraphs))
    return build_article(ArticleMeta(id="long", title="Long"), body)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_an_entity_shows_canonical_name_and_type(qtbot, view: ReaderView) -> None:  # type: ignore[no-untyped-def]
    view.show_article(RICH, entities=rich_entities())
    qtbot.mouseMove(view.viewport(), point_of(view, "State Oil Company"))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == "SOCAR — organisation"


def test_clicking_an_entity_emits_its_canonical_name(qtbot, view: ReaderView) -> None:  # type: ignore[no-untyped-def]
    view.show_article(RICH, entities=rich_entities())
    point = point_of(view, "Trans-Caspian")
    with qtbot.waitSignal(view.entity_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == ["Trans-Caspian Gas Pipeline"]


def test_next_and_previous_hit_wrap_and_mark_the_current_one(view: ReaderView) -> None:
    starts = [i for i in range(len(RICH.text)) if RICH.text.startswith("Baku", i)]
    view.show_article(RICH, hits=[(s, s + 4) for s in starts])
    count = len(starts)
    assert count >= 2
    assert view.next_hit() == (0, count)
    assert view.next_hit() == (1, count)
    assert view.previous_hit() == (0, count)
    assert view.previous_hit() == (count - 1, count)
    assert view.next_hit() == (0, count)
    selections = view.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "Baku"
    assert selections[0].cursor.selectionStart() == view.position_map().to_document(starts[0])


def test_no_hits_gives_minus_one(view: ReaderView) -> None:
    view.show_article(RICH)
    assert view.next_hit() == (-1, 0)


def test_selected_passage_maps_back_to_article_text_and_paragraph(view: ReaderView) -> None:
    view.show_article(RICH, entities=rich_entities())
    assert view.selected_passage() is None
    assert view.find("Training of engineers")
    assert view.selected_passage() == ("Training of engineers", 4)


def test_selection_across_a_footnote_marker_leaves_the_marker_out(view: ReaderView) -> None:
    view.show_article(RICH)
    document = view.document()
    start = document.find("in Baku.").selectionStart()
    end = document.find("The parties").selectionEnd()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert "1" in cursor.selectedText()  # the marker is displayed inside the selection
    assert view.selected_passage() == ("in Baku. The parties", 1)


def test_selection_over_two_paragraphs_starts_in_the_first(view: ReaderView) -> None:
    view.show_article(RICH)
    document = view.document()
    cursor = QTextCursor(document)
    cursor.setPosition(document.find("equipment").selectionStart())
    cursor.setPosition(document.find("Training").selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_passage() == ("equipment\n\nTraining", 3)


def top_paragraph(view: ReaderView) -> int | None:
    article = view.article()
    assert article is not None
    offset = view.position_map().to_article(view.cursorForPosition(QPoint(5, 5)).position())
    return article.paragraph_at(offset) if offset is not None else None


def test_scroll_to_paragraph_and_offset(view: ReaderView) -> None:
    article = long_article()
    view.show_article(article)
    assert view.verticalScrollBar().maximum() > 0
    view.scroll_to_paragraph(40)
    assert top_paragraph(view) == 40
    view.scroll_to_offset(article.paragraph(20).start + 5)
    top = top_paragraph(view)
    assert top is not None and 15 <= top <= 20


def test_mark_range_marks_and_scrolls_to_the_passage(view: ReaderView) -> None:
    article = long_article()
    view.show_article(article)
    target = article.paragraph(50)
    view.mark_range(target.start, target.start + 30)
    rendered = view.rendered()
    assert rendered is not None and "marked" in rendered.anchors
    assert LIGHT.marked_background in rendered.html
    visible = view.cursorForPosition(QPoint(5, view.viewport().height() // 2)).position()
    assert abs(view.position_map().to_article(visible) - target.start) < 1000


def test_toggling_types_keeps_the_reading_position(view: ReaderView) -> None:
    article = long_article()
    spans = tuple(span(article, "gas", "Gas", "quantity", nth=i) for i in range(100))
    view.show_article(article, entities=spans)
    view.scroll_to_paragraph(30)
    view.set_enabled_types(frozenset())
    assert "entity:Gas" not in view.toHtml()
    assert top_paragraph(view) == 30


def test_dark_mode_uses_the_dark_palette(view: ReaderView) -> None:
    view.show_article(RICH, entities=rich_entities())
    view.set_dark(True)
    html = view.rendered().html  # type: ignore[union-attr]
    assert DARK.entity_background("organization") in html
    assert LIGHT.entity_background("organization") not in html
    assert view.legend() == DARK.legend()


def test_paragraph_number_gutter_can_be_hidden(view: ReaderView) -> None:
    view.show_article(RICH)
    assert view.viewportMargins().left() > 0
    image = view.grab().toImage()
    view.set_show_paragraph_numbers(False)
    assert view.viewportMargins().left() == 0
    assert view.grab().toImage() != image


def test_new_hits_leave_a_reader_at_the_title_block_at_the_top(view: ReaderView) -> None:
    article = long_article()
    view.show_article(article)
    view.set_hits([(article.paragraph(30).start, article.paragraph(30).start + 9)])
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()


def test_offsets_outside_the_text_are_ignored_not_fatal(view: ReaderView) -> None:
    size = len(RICH.text)
    bogus = (
        span(RICH, "Baku", "Baku", "place"),
        type(rich_entities()[0])("x", "Nowhere", "place", size + 10, size + 20, None),
        type(rich_entities()[0])("x", "Backwards", "place", 30, 10, None),
    )
    view.show_article(RICH, entities=bogus, hits=[(-5, 3), (size - 2, size + 50), (9, 9)], marked=(50, 20))
    rendered = view.rendered()
    assert rendered is not None
    assert (
        "entity:Baku" in rendered.html and "Nowhere" not in rendered.html and "Backwards" not in rendered.html
    )
    assert view.next_hit()[1] == 2  # the empty hit is dropped, the two clipped ones stay
    view.mark_range(10, 5)
    view.scroll_to_offset(size * 3)
    view.scroll_to_paragraph(999)


def test_copy_gives_the_article_text_without_markers_or_colours(view: ReaderView) -> None:
    view.show_article(RICH, entities=rich_entities())
    document = view.document()
    cursor = QTextCursor(document)
    cursor.setPosition(document.find("KazMunayGas").selectionStart())
    cursor.setPosition(document.find("The parties").selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    clipboard = QApplication.clipboard()
    try:
        view.copy()
        assert clipboard.text() == "KazMunayGas signed a memorandum on 28 March 2023 in Baku. The parties"
        assert not clipboard.mimeData().hasHtml()
    finally:
        clipboard.clear()


def test_follows_a_dark_palette_unless_told_otherwise(view: ReaderView) -> None:
    view.show_article(RICH, entities=rich_entities())
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    view.setPalette(palette)
    assert DARK.entity_background("organization") in view.rendered().html  # type: ignore[union-attr]
    view.set_dark(False)
    assert LIGHT.entity_background("organization") in view.rendered().html  # type: ignore[union-attr]


def test_zoom_widens_the_number_margin(view: ReaderView) -> None:
    view.show_article(long_article(120))
    before = view.viewportMargins().left()
    view.zoomIn(6)
    assert view.viewportMargins().left() > before


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_a_mention_inside_a_longer_one_names_both(qtbot, view: ReaderView) -> None:  # type: ignore[no-untyped-def]
    outer = span(RICH, "State Oil Company of Azerbaijan", "SOCAR", "organization")
    inner = span(RICH, "Azerbaijan", "Azerbaijan", "country")
    view.show_article(RICH, entities=(outer, inner))
    qtbot.mouseMove(view.viewport(), point_of(view, "Azerbaijan"))
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == "Azerbaijan — country\nwithin SOCAR — organisation"
