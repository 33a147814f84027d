"""The search results list: one row per article, with title, source, date and highlighted snippets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from energybrowser.corpus.model import ArticleMeta
from energybrowser.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
NO_BYLINE = "no byline"
PAGE = 200  # rows the list holds at first and adds as it is scrolled to its end
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
    """The list's rows, made and shown a page at a time (`canFetchMore`/`fetchMore`): a library of
    50,000 articles lists its first page at once, the rest as the list is scrolled."""

    ArticleIdRole = Qt.ItemDataRole.UserRole + 1
    SourceRole = Qt.ItemDataRole.UserRole + 2
    DateRole = Qt.ItemDataRole.UserRole + 3
    SnippetRole = Qt.ItemDataRole.UserRole + 4
    UntitledRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: Sequence[Any] = ()
        self._make: Callable[[Any], ResultRow] = lambda row: row
        self._id_of: Callable[[Any], str] = lambda row: row.article_id
        self._made: dict[int, ResultRow] = {}
        self._where: dict[str, int] | None = None
        self._shown = 0  # rows fetched into the list

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.set_items(list(rows), lambda row: row, lambda row: row.article_id)

    def set_items(
        self, items: Sequence[Any], make: Callable[[Any], ResultRow], id_of: Callable[[Any], str]
    ) -> None:
        """Rows made by `make` from `items` when first shown; `id_of` gives an item's article id."""
        self.beginResetModel()
        self._items, self._make, self._id_of = items, make, id_of
        self._made = {}
        self._where = None
        self._shown = min(PAGE, len(items))
        self.endResetModel()

    @property
    def total(self) -> int:
        """Rows of the list, shown or still to be fetched."""
        return len(self._items)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._shown < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._fetch_to(self._shown + PAGE - 1)

    def _fetch_to(self, row: int) -> None:
        last = min(row, len(self._items) - 1)
        if last >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, last)
            self._shown = last + 1
            self.endInsertRows()

    def row_at(self, row: int) -> ResultRow | None:
        if not 0 <= row < self._shown:
            return None
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._make(self._items[row])
        return made

    def row_of(self, article_id: str) -> int:
        """The article's row (fetched into the list if it was further down); -1 if not listed."""
        if self._where is None:
            id_of = self._id_of
            self._where = {}
            for i, item in enumerate(self._items):
                self._where.setdefault(id_of(item), i)
        row = self._where.get(article_id, -1)
        if row >= self._shown:
            self._fetch_to(row)
        return row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
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
