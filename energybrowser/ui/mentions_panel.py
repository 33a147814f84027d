"""Where else an entity is mentioned: a table of article, paragraph and context; a click jumps there."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from energybrowser.library import Mention
from energybrowser.render.palette import type_label
from energybrowser.ui.models.mentions import MentionsModel
from energybrowser.ui.plain import html_text
from energybrowser.ui.widgets import named


class MentionsPanel(QWidget):
    mention_activated = Signal(object)
    """The user picked a Mention: open its article there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MentionsModel(self)
        self.entity = ""  # the entity listed ('' none yet)
        self.heading = QLabel("Click an entity in the article to list its mentions across the library.")
        self.heading.setWordWrap(True)
        self.table = named(QTableView(), "mentions_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 260)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def show_mentions(self, entity: str, kind: str, mentions: Sequence[Mention]) -> None:
        self.entity = entity
        self.model.set_mentions(entity, mentions)
        articles = len({m.article_id for m in mentions})
        label = html_text(type_label(kind).lower())  # spelt as the legend spells it
        self.heading.setText(
            f"<b>{html_text(entity)}</b> <span style='color:gray'>({label})</span> — "
            f"{len(mentions)} mention{'s' if len(mentions) != 1 else ''} in "
            f"{articles} article{'s' if articles != 1 else ''}"
        )

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        mention = self.model.mention_at(index.row())
        if mention is not None:
            self.mention_activated.emit(mention)
