"""The search results list: one row per article, with title, source, date and highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from energybrowser.corpus.model import ArticleMeta
from energybrowser.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
NO_BYLINE = "no byline"
MAX_AUTHORS = 2


def byline(meta: ArticleMeta) -> str:
    """Authors · publisher as the article states them (an agency byline that is the publisher once).

    Never the imported file's name: it tells a reader nothing about who wrote the article.
    """
    publisher = meta.publisher.strip()
    names = [a.name for a in meta.authors if a.name.casefold() != publisher.casefold()]
    if len(names) > MAX_AUTHORS:
        names = [names[0] + " et al."]
    parts = [", ".join(names), publisher]
    return " · ".join(p for p in parts if p) or NO_BYLINE


@dataclass(frozen=True)
class ResultRow:
    article_id: str
    title: str
    source: str  # the byline as shown: author · publisher, or "no byline"
    date: str  # as shown to the user ("n.d." when the article states none)
    snippet_html: str = ""  # sanitised HTML; matched words in <b>
    imported: bool = False
    untitled: bool = False  # `title` is the article's opening words, not a title it states
    origin: str = ""  # the file (or address) it was imported from: tooltip only


class ResultsModel(QAbstractListModel):
    ArticleIdRole = Qt.ItemDataRole.UserRole + 1
    SourceRole = Qt.ItemDataRole.UserRole + 2
    DateRole = Qt.ItemDataRole.UserRole + 3
    SnippetRole = Qt.ItemDataRole.UserRole + 4
    UntitledRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.article_id == article_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.title, " · ".join(p for p in (row.source, row.date) if p)]
            if row.untitled:
                parts.append("The source states no title: these are its opening words.")
            if row.origin:
                parts.append(f"Imported from {row.origin}")
            if row.imported:
                parts.append("Imported by you")
            return tooltip(*parts)
        if role == self.ArticleIdRole:
            return row.article_id
        if role == self.SourceRole:
            return row.source
        if role == self.DateRole:
            return row.date
        if role == self.SnippetRole:
            return row.snippet_html
        if role == self.UntitledRole:
            return row.untitled
        return None
