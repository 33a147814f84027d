"""The search side: query box with history and syntax help, suggestion/error line, facets, results."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from energybrowser.ui.models.results import ResultRow, ResultsModel
from energybrowser.ui.plain import plain_label
from energybrowser.ui.results_delegate import ResultDelegate
from energybrowser.ui.widgets import named

DEBOUNCE_MS = 150
NOTE_MARK = "\u2139"  # ℹ: DejaVu Sans has it (Debian's default font), unlike the circled ⓘ

SYNTAX_HELP = """<b>Search syntax</b><br>
<code>SOCAR pipeline</code> — articles with both words (any form: <i>pipelines</i>)<br>
<code>"gas pipeline"</code> — the exact phrase<br>
<code>SOCAR OR KazMunayGas</code> — either word<br>
<code>SOCAR NOT Tatneft</code> — leave out articles with a word<br>
<code>memorand*</code> — words starting with <i>memorand</i><br>
<code>kazmunaigaz~</code> — close spellings too<br>
<code>title:pipeline</code>, <code>publisher:Azernews</code>, <code>entity:SOCAR</code> — search one field<br>
<code>party:SOCAR</code>, <code>type:memorandum</code> — articles reporting such agreements<br>
<code>year:2022</code>, <code>year:[2020 TO 2023]</code> — by date<br>
Entity aliases count as the entity: <i>KMG</i> finds <i>KazMunayGas</i>.<br>
<b>Enter</b> keeps the query in the history (<b>↓</b> to browse it)."""

FACETS: tuple[tuple[str, str], ...] = (
    ("entity", "Entity"),
    ("type", "Type"),
    ("publisher", "Publisher"),
    ("year", "Year"),
)


def _facet_pairs(values: object) -> list[tuple[str, int | None]]:
    """Facet values as (value, count), whether the engine gives a mapping or a list of pairs."""
    if isinstance(values, Mapping):
        return [(str(k), int(v)) for k, v in values.items()]
    pairs: list[tuple[str, int | None]] = []
    for item in values or ():  # type: ignore[attr-defined]
        if isinstance(item, tuple | list) and len(item) == 2:
            pairs.append((str(item[0]), int(item[1])))
        else:
            value = getattr(item, "value", item)
            pairs.append((str(value), getattr(item, "count", None)))
    return pairs


class SearchPanel(QWidget):
    query_changed = Signal(str)
    """The query after the user stopped typing (debounced), or on Enter."""
    query_committed = Signal(str)
    """Enter pressed: the query belongs in the history."""
    query_submitted = Signal(str)
    """Enter pressed before the full search of the box's text was shown: search it in full now."""
    filters_changed = Signal()
    """A facet choice changed."""
    article_selected = Signal(str)
    """The current result changed to this article id."""
    help_requested = Signal()
    """The user asked for the query syntax."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_edit = named(QLineEdit(), "search_box")
        self.query_edit.setPlaceholderText("Search articles — e.g. SOCAR memorandum   (Ctrl+F)")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setToolTip(SYNTAX_HELP)
        self.history = QStringListModel(self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.query_edit.setCompleter(completer)

        help_button = named(QToolButton(), "syntax_help")
        help_button.setText("?")
        help_button.setToolTip("Search syntax (Help ▸ Search Syntax)")
        help_button.clicked.connect(self.help_requested)

        self.message = named(QLabel(), "search_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.linkActivated.connect(self._on_suggestion_clicked)
        self.message.hide()

        self.facet_boxes: dict[str, QComboBox] = {}
        facets = QGridLayout()
        facets.setContentsMargins(0, 0, 0, 0)
        facets.setHorizontalSpacing(6)
        facets.setVerticalSpacing(4)
        for i, (key, label) in enumerate(FACETS):
            box = named(QComboBox(), f"facet_{key}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.setToolTip(f"Only articles with this {label.lower()}")
            box.addItem(f"Any {label.lower()}", None)
            box.currentIndexChanged.connect(self._on_facet_changed)
            self.facet_boxes[key] = box
            facets.addWidget(box, i // 2, i % 2)

        self.model = ResultsModel(self)
        self.results = named(QListView(), "results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # titles re-wrap when the panel resizes
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.selectionModel().currentChanged.connect(self._on_current_changed)

        self.count = plain_label(object_name="result_count")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)

        top = QGridLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.query_edit, 0, 0)
        top.addWidget(help_button, 0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(facets)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_query)
        self.query_edit.textEdited.connect(self._on_text_edited)
        self.query_edit.returnPressed.connect(self._on_return)
        self.query_edit.installEventFilter(self)  # Down arrow: on to the results
        self._updating_facets = False
        # Enter pressed before the results of what was typed arrived: open the first one when they do.
        self._open_first_pending = False
        self._results_current = True  # the list answers the text in the box (False while typing)
        # ...with the full search, not the quick per-keystroke one (whose order can differ: it reads
        # the last word as a prefix, so "gas" also ranks "gasoline").
        self._results_final = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down (or Page Down) in the search box moves on to the results, as in a browser's bar,
        unless the history completer's popup is open (it takes the arrows itself)."""
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            completer = self.query_edit.completer()
            popup = completer.popup() if completer is not None else None
            popup_open = popup is not None and popup.isVisible()
            if (
                event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
                and not popup_open
                and self.model.rowCount()
            ):
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    # --- what the window reads ---------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self.query_edit.text().strip()

    def filters(self) -> dict[str, str]:
        chosen = {}
        for key, box in self.facet_boxes.items():
            value = box.currentData()
            if value is not None:
                chosen[key] = str(value)
        return chosen

    def current_article(self) -> str | None:
        row = self.model.row_at(self.results.currentIndex().row())
        return row.article_id if row else None

    # --- what the window sets -----------------------------------------------------------------------
    def set_history(self, history: Sequence[str]) -> None:
        self.history.setStringList(list(history))

    def set_query(self, text: str) -> None:
        self._results_current = self._results_final = False
        self.query_edit.setText(text)
        self._debounce.stop()
        self._emit_query()

    def show_results(
        self,
        rows: Sequence[Any],
        *,
        total: int | None = None,
        keep: str | None = None,
        final: bool = True,
        make: Callable[[Any], ResultRow] | None = None,
        id_of: Callable[[Any], str] | None = None,
    ) -> None:
        """Replace the list; keep the article `keep` current if it is still there (no reopen).
        `final`: the full search's answer, not the quick one shown while typing. With `make` and
        `id_of`, `rows` are items each made into a ResultRow when first shown."""
        blocker = self.results.selectionModel().blockSignals(True)
        if make is not None and id_of is not None:
            self.model.set_items(rows, make, id_of)
        else:
            self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.results.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.results.selectionModel().blockSignals(blocker)
        self._results_current, self._results_final = True, final
        if self._open_first_pending and final:
            self._open_first_pending = False
            if rows and row < 0:
                self.results.setCurrentIndex(self.model.index(0))  # announced: the article opens
        shown = len(rows)
        total = shown if total is None else total
        noun = "article" if total == 1 else "articles"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    def show_message(self, *, suggestion: str = "", error: str = "", notes: Sequence[str] = ()) -> None:
        """An error in red, or a clickable "did you mean", and notes on how the query was read."""
        parts = []
        if error:
            parts.append(f'<span style="color:#c0392b">⚠ {_escape(error)}</span>')
        elif suggestion:
            parts.append(f'Did you mean <a href="{_escape(suggestion)}">{_escape(suggestion)}</a>?')
        # "ℹ" (U+2139), which DejaVu Sans has; the circled "ⓘ" is a missing-glyph box with Debian's fonts.
        parts.extend(f'<span style="color:gray">{NOTE_MARK} {_escape(note)}</span>' for note in notes)
        self.message.setText("<br>".join(parts))
        self.message.setVisible(bool(parts))

    def set_facets(self, facets: Mapping[str, object]) -> None:
        """Offer the values the engine counted; keep each box's choice when it is still offered."""
        self._updating_facets = True
        try:
            for key, box in self.facet_boxes.items():
                chosen = box.currentData()
                label = box.itemText(0)
                box.clear()
                box.addItem(label, None)
                for value, count in _facet_pairs(facets.get(key, ())):
                    box.addItem(f"{value} ({count})" if count is not None else value, value)
                if chosen is not None:
                    i = box.findData(chosen)
                    if i < 0:
                        box.addItem(f"{chosen} (0)", chosen)
                        i = box.count() - 1
                    box.setCurrentIndex(i)
        finally:
            self._updating_facets = False

    def clear_filters(self) -> None:
        changed = any(box.currentIndex() != 0 for box in self.facet_boxes.values())
        self._updating_facets = True
        for box in self.facet_boxes.values():
            box.setCurrentIndex(0)
        self._updating_facets = False
        if changed:
            self.filters_changed.emit()

    def show_current(self, article_id: str) -> None:
        """Mark the open article's row (if listed) without announcing a new selection."""
        row = self.model.row_of(article_id)
        selection = self.results.selectionModel()
        blocker = selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.results.scrollTo(index)
        else:
            selection.clear()
        selection.blockSignals(blocker)
        self.results.viewport().update()

    def select_row(self, step: int) -> None:
        """Move the current result by `step` (next/previous result)."""
        count = self.model.rowCount()
        if not count:
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.results.setCurrentIndex(self.model.index(row))

    # --- slots ------------------------------------------------------------------------------------
    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self._open_first_pending = False
        self._results_current = self._results_final = False
        self._debounce.start()

    @Slot()
    def _on_return(self) -> None:
        self._debounce.stop()
        if self._results_current and self._results_final:
            if self.model.rowCount() and not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))
        else:
            # Typed fast, or only the quick answer is shown: open the first result of the full
            # search of what was typed (asked for now), not the first of a list about to change.
            self._open_first_pending = True
            self.query_submitted.emit(self.query)
        if self.query:
            self.query_committed.emit(self.query)

    @Slot()
    def _emit_query(self) -> None:
        self.query_changed.emit(self.query)

    @Slot(str)
    def _on_suggestion_clicked(self, suggestion: str) -> None:
        self.set_query(suggestion)
        self.query_committed.emit(suggestion)

    @Slot(int)
    def _on_facet_changed(self, _index: int) -> None:
        if not self._updating_facets:
            self.filters_changed.emit()

    @Slot()
    def _on_current_changed(self) -> None:
        article = self.current_article()
        if article:
            self.article_selected.emit(article)


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
