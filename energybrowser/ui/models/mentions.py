"""Every mention of one entity across the library: article, paragraph and a little context."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from energybrowser.library import Mention
from energybrowser.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Article", "¶", "Context")


class MentionsModel(QAbstractTableModel):
    MentionRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mentions: list[Mention] = []
        self.entity = ""

    def set_mentions(self, entity: str, mentions: Sequence[Mention]) -> None:
        self.beginResetModel()
        self.entity = entity
        self._mentions = list(mentions)
        self.endResetModel()

    def mention_at(self, row: int) -> Mention | None:
        return self._mentions[row] if 0 <= row < len(self._mentions) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._mentions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._mentions):
            return None
        mention = self._mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return mention.article_title
            if index.column() == 1:
                return "" if mention.paragraph is None else str(mention.paragraph)
            return mention.context
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f", paragraph {mention.paragraph}" if mention.paragraph is not None else ""
            return tooltip(f"{mention.article_title}{where}", mention.context)
        if role == self.MentionRole:
            return mention
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and mention.untitled:
            font = QFont()
            font.setItalic(True)  # opening words, as everywhere an untitled article is listed
            return font
        return None
