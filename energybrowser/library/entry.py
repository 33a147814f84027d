"""An article as the library lists it: a catalogue row of the `articles` table and the entry made
from it, with no body (`Library.get` reads the full article on demand)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from energybrowser.corpus.model import ArticleMeta
from energybrowser.library import codec


class ArticleRow(NamedTuple):
    """An `articles` row as the library lists it (`ROW_COLUMNS`)."""

    key: int
    path: str
    origin: str
    size: int
    mtime_ns: int
    content_hash: str
    text_hash: str
    paragraphs: int
    footnotes: int
    display_title: str
    note: str
    # Fields of the metadata JSON, as SQLite extracts them (None where the JSON is damaged; '' where
    # a field is missing): what the article list is sorted, admitted and counted by; the rest is
    # decoded when asked for.
    meta_id: object
    meta_title: str | None
    meta_date: str | None
    meta_publisher: str | None


ROW_COLUMNS = (
    "key, path, origin, size, mtime_ns, content_hash, text_hash, paragraphs, footnotes, "
    "display_title, note, CASE WHEN json_valid(meta) THEN meta ->> '$.id' END, "
    + ", ".join(
        f"CASE WHEN json_valid(meta) THEN coalesce(CAST(meta ->> '$.{name}' AS TEXT), '') END"
        for name in ("title", "date", "publisher")
    )
)


class ArticleEntry:
    """What the article list, the ledger and `corpus list` need of an article: no body. Read from
    a catalogue row, its metadata stays the row's JSON until first asked for (`meta`): a start
    lists 50,000 articles, sorted and counted by the few fields SQLite extracts, without decoding
    each one's metadata into objects."""

    __slots__ = (
        "_meta",
        "_source",
        "content_hash",
        "date_iso",
        "display_title",
        "footnotes",
        "id",
        "key",
        "origin",
        "paragraphs",
        "path_text",
        "publisher",
        "revision",
        "title",
    )

    def __init__(
        self,
        key: int,
        meta: ArticleMeta,
        path: Path | str,
        origin: str,  # "corpus" or "imported"
        content_hash: str,
        paragraphs: int,
        footnotes: int,
        display_title: str,
        revision: str = "",  # the metadata override's part of Article.revision ('' when none)
    ) -> None:
        self._set(key, str(path), origin, content_hash, paragraphs, footnotes, display_title, revision)
        self._meta: ArticleMeta | None = meta
        self._source: Callable[[int], str | None] | None = None
        self.id, self.title, self.date_iso, self.publisher = (
            meta.id,
            meta.title,
            meta.date.iso(),
            meta.publisher,
        )

    @classmethod
    def stored(
        cls,
        row: ArticleRow,
        article_id: str,
        title: str,
        date_iso: str,
        publisher: str,
        source: Callable[[int], str | None],
    ) -> ArticleEntry:
        """The entry of a catalogue row, its metadata left in the catalogue: `meta` decodes the
        JSON `source` gives for its key when first asked."""
        entry = cls.__new__(cls)  # (assigned here, not through `_set`: 50,000 of them at a start)
        entry.key, entry.path_text, entry.origin, entry.content_hash = row[:3] + row[5:6]
        entry.paragraphs, entry.footnotes, entry.revision = row.paragraphs, row.footnotes, ""
        entry.display_title = title or row.display_title
        entry._meta, entry._source = None, source
        entry.id, entry.title, entry.date_iso, entry.publisher = article_id, title, date_iso, publisher
        return entry

    def _set(
        self,
        key: int,
        path: str,
        origin: str,
        content_hash: str,
        paragraphs: int,
        footnotes: int,
        display_title: str,
        revision: str,
    ) -> None:
        self.key, self.path_text, self.origin, self.content_hash = key, path, origin, content_hash
        self.paragraphs, self.footnotes, self.display_title, self.revision = (
            paragraphs,
            footnotes,
            display_title,
            revision,
        )

    @property
    def meta(self) -> ArticleMeta:
        meta = self._meta
        if meta is None:
            meta = self.decoded(self._source(self.key) if self._source else None)
        return meta

    def shown_meta(self) -> ArticleMeta | None:
        """The metadata in hand (an override, or decoded already); None while it is the row's JSON."""
        return self._meta

    def decoded(self, text: str | None) -> ArticleMeta:
        """The metadata from the row's JSON `text` (kept once decoded)."""
        if self._meta is not None:
            return self._meta
        try:
            meta = codec.load_meta(text) if text is not None else None
        except codec.RowDamaged:  # checked sound when listed: a field of a wrong kind
            meta = None
        if meta is None:  # damaged, or the row is gone since: the file says what it holds
            meta = self._file_meta()
        if meta is None:  # (nor the file: what the list shows)
            meta = ArticleMeta(
                self.id, self.title, publisher=self.publisher, date=codec.parse_date(self.date_iso)
            )
        if meta.id != self.id:  # an id clash: shown under its numbered id
            meta = replace(meta, id=self.id)
        self._meta = meta
        return meta

    def _file_meta(self) -> ArticleMeta | None:
        """The metadata as the file states it. A list read from `row_snapshot` never looked at
        the rows' JSON, so a row damaged on disk since is found here, when first asked for."""
        from energybrowser.library.files import read_file

        result = read_file(self.path)
        return None if result.article is None else result.article.meta

    @property
    def path(self) -> Path:
        return Path(self.path_text)

    @property
    def imported(self) -> bool:
        return self.origin == "imported"

    @property
    def year(self) -> str:
        """The year of its date ('' when it states none)."""
        year = self.date_iso[:4]
        return year if year.isdigit() else ""

    def with_meta(self, meta: ArticleMeta, display_title: str, revision: str) -> ArticleEntry:
        """The entry showing other metadata (the analyst's override)."""
        return ArticleEntry(
            self.key,
            meta,
            self.path_text,
            self.origin,
            self.content_hash,
            self.paragraphs,
            self.footnotes,
            display_title,
            revision,
        )

    def __repr__(self) -> str:
        return f"ArticleEntry({self.key!r}, {self.id!r}, {self.display_title!r})"
