"""The metadata editor checks what is typed and returns the edited fields."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from energybrowser.corpus.model import ArticleMeta, Author, PartialDate
from energybrowser.ui.metadata_dialog import MetadataDialog


def _dialog(qtbot) -> MetadataDialog:
    meta = ArticleMeta(
        id="a", title="Old title", authors=(Author("Aida Karimova"),), date=PartialDate(2022, 8)
    )
    dialog = MetadataDialog(meta)
    qtbot.addWidget(dialog)
    return dialog


def test_bad_input_keeps_save_off_with_a_reason(qtbot) -> None:
    dialog = _dialog(qtbot)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled()
    for field, value, reason in (
        (dialog.title, "  ", "title"),
        (dialog.date, "25/08/2022", "date"),
        (dialog.url, "file:///etc/passwd", "URL"),
    ):
        original = field.text()
        field.setText(value)
        assert not save.isEnabled()
        assert reason in dialog.error.text()
        field.setText(original)
        assert save.isEnabled()


def test_edited_fields_come_back_typed(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.title.setText("New title")
    dialog.authors.setText("Caspian News; Energy Desk")
    dialog.organization.setChecked(True)
    dialog.date.setText("--10-24")
    dialog.url.setText("https://example.org/a")
    meta = dialog.meta()
    assert meta.id == "a" and meta.title == "New title"
    assert meta.authors == (Author("Caspian News", True), Author("Energy Desk", True))
    assert meta.date == PartialDate(None, 10, 24)
    assert meta.url == "https://example.org/a"


def test_a_read_only_article_gives_override_changes_only(qtbot) -> None:
    meta = ArticleMeta(id="a", title="", publisher="Azernews", date=PartialDate(2022, 8))
    dialog = MetadataDialog(meta, read_only=True)
    qtbot.addWidget(dialog)
    assert not dialog.language.isEnabled() and not dialog.kind.isEnabled()
    dialog.title.setText("A Title at Last")
    dialog.accessed.setText("2024-01-15")
    assert dialog.override_changes() == {"title": "A Title at Last", "accessed": PartialDate(2024, 1, 15)}
    dialog.accessed.setText("15/01/2024")
    assert "accessed date" in dialog.error.text()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # the offscreen platform, on show
def test_a_long_title_opens_at_its_first_words(qtbot) -> None:
    title = "The Geoeconomic Significance of Strategic Interaction between Azerbaijan and Kazakhstan: " * 3
    dialog = MetadataDialog(ArticleMeta(id="a", title=title.strip(), url="https://example.com/" + "x" * 200))
    qtbot.addWidget(dialog)
    assert dialog.title.cursorPosition() == len(dialog.title.text())  # as a line edit is given it
    dialog.show()
    assert dialog.title.cursorPosition() == 0 and dialog.url.cursorPosition() == 0
    # The beginning is what shows: the cursor (at the first letter) sits at the field's left edge.
    assert dialog.title.cursorRect().left() < 10
