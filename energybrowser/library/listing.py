"""The article list of `corpus list`, read straight from the catalogue when nothing changed.

Opening a `Library` decodes every article's metadata into objects (the window needs them); a
listing needs none of that. When every article file is as the catalogue last saw it (its size
and mtime: one `stat` a file), the rows are read with SQL and each article's JSON object is its
stored metadata (written by `codec.dump_meta` in `corpus list`'s field order) with its paragraph
and footnote counts and content hash added: no article is decoded. The library's own rules say
which rows are shown under which id (`admission`). Anything more (a file new, changed or gone, a
metadata override, a row that does not decode) goes through `Library.open`, which brings the
catalogue in line with the files, and lists its entries: the same list either way (tested).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from energybrowser.corpus.loader import LoadProblem
from energybrowser.library.admission import admit, library_order
from energybrowser.library.catalogue import Catalogue, catalogue_path
from energybrowser.library.files import FileStat, list_files
from energybrowser.paths import DataPaths

# Files the catalogue has no row for that are read here to see whether they are only unreadable
# ones (said again at every open); more than this and the full open reads them anyway.
FEW_UNKNOWN = 20
_COLUMNS = (
    "path, origin, size, mtime_ns, text_hash, note, "
    "CASE WHEN json_valid(meta) THEN meta ->> '$.id' END, meta, paragraphs, footnotes, content_hash, "
    "display_title"
)


@dataclass(frozen=True, slots=True)
class Listed:
    id: str
    json: str  # the article's object in `corpus list --json`: its metadata, counts and hash
    display_title: str  # the title, or an untitled article's opening words (as the window lists it)
    imported: bool

    def fields(self) -> dict[str, object]:
        value: dict[str, object] = json.loads(self.json)
        return value


@dataclass
class Listing:
    corpus_dir: Path
    imported_dir: Path
    articles: list[Listed]
    problems: list[LoadProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def list_articles(corpus_dir: Path, paths: DataPaths) -> Listing:
    """The articles of the corpus and the user's imported ones, as `Library` shows them."""
    catalogue = Catalogue.open(catalogue_path(paths, corpus_dir))
    try:
        listing = _from_catalogue(catalogue, corpus_dir, paths)
    finally:
        catalogue.close()
    return listing if listing is not None else _from_library(corpus_dir, paths)


def _from_library(corpus_dir: Path, paths: DataPaths) -> Listing:
    from energybrowser.library.codec import meta_to_json
    from energybrowser.library.library import Library

    library = Library.open(corpus_dir, paths)
    try:
        articles = []
        for entry in library.entries:
            data = meta_to_json(entry.meta)
            data.update(
                paragraphs=entry.paragraphs, footnotes=entry.footnotes, content_hash=entry.content_hash
            )
            articles.append(Listed(entry.id, _dumps(data), entry.display_title, entry.imported))
        problems, notices = list(library.problems), list(library.notices)
        return Listing(library.corpus_dir, library.imported_dir, articles, problems, notices)
    finally:
        library.close()


def _from_catalogue(catalogue: Catalogue, corpus_dir: Path, paths: DataPaths) -> Listing | None:
    """The listing from SQL alone, or None when the catalogue is not in line with the files."""
    if catalogue.in_memory or may_have_overrides(catalogue, corpus_dir, paths):
        return None
    files, problems = _look(corpus_dir, paths.imported_articles)
    try:
        rows = catalogue.query(f"SELECT {_COLUMNS} FROM articles")
    except sqlite3.DatabaseError:
        return None
    if not _same_shape(rows):
        return None
    noted: list[LoadProblem] = []
    for path, origin, size, mtime_ns, _text_hash, note, article_id, *_rest in rows:
        if files.pop(path, None) != (size, mtime_ns, origin) or not isinstance(article_id, str):
            return None  # changed or gone, or a row that does not decode: the full open
        if note:
            noted.append(LoadProblem(Path(path), note))
    unreadable = _unreadable(files)  # the files left have no row: new, or never readable
    if unreadable is None:
        return None
    rows.sort(key=lambda r: library_order(r[1], r[0]))
    shown, said = admit((r[1], r[4], r[6]) for r in rows)
    problems += [*unreadable, *noted, *(LoadProblem(Path(rows[i][0]), message) for i, message in said)]
    listed = list(_listed(rows, shown))
    return Listing(corpus_dir, paths.imported_articles, listed, problems, list(catalogue.notices))


def _unreadable(files: dict[str, tuple[int, int, str]]) -> list[LoadProblem] | None:
    """Why each of these files cannot be read (the catalogue keeps no row for such a file, so it
    is read again at every open); None as soon as one can be: it is new, the full open stores it."""
    if len(files) > FEW_UNKNOWN:
        return None
    from energybrowser.library.files import read_file

    problems = []
    for path in sorted(files, key=lambda p: library_order(files[p][2], p)):
        result = read_file(Path(path))
        if result.article is not None:
            return None
        problems.append(LoadProblem(result.path, result.note))
    return problems


def _listed(rows: list[tuple[object, ...]], shown: list[tuple[int, str]]) -> Iterator[Listed]:
    for i, shown_id in shown:
        article_id, meta, paragraphs, footnotes, content_hash, display_title = rows[i][6:]
        assert isinstance(meta, str)
        if shown_id == article_id:  # the stored object, closed with the three columns
            counts = f'"paragraphs":{paragraphs},"footnotes":{footnotes},"content_hash":"{content_hash}"'
            text = f"{meta[:-1]},{counts}}}"
        else:  # an id clash: listed under its numbered id
            data = json.loads(meta)
            data.update(id=shown_id, paragraphs=paragraphs, footnotes=footnotes, content_hash=content_hash)
            text = _dumps(data)
        yield Listed(shown_id, text, str(display_title), rows[i][1] == "imported")


def _look(corpus_dir: Path, imported_dir: Path) -> tuple[dict[str, tuple[int, int, str]], list[LoadProblem]]:
    """The article files as `Library` looks at them: the corpus folder and the imported one."""
    found: list[FileStat] = []
    problems: list[LoadProblem] = []
    folders = [(corpus_dir, "corpus")]
    if imported_dir.is_dir() and imported_dir.resolve() != corpus_dir.resolve():
        folders.append((imported_dir, "imported"))
    for folder, origin in folders:
        files, refused = list_files(folder, origin)
        found += files
        problems += [LoadProblem(p, m) for p, m in refused]
    return {f.path: (f.size, f.mtime_ns, f.origin) for f in found}, problems


def _same_shape(rows: list[tuple[object, ...]]) -> bool:
    """The stored metadata has the fields `corpus list` prints, in its order (a catalogue written
    by another version of the app is listed through the full open instead)."""
    if not rows:
        return True
    from energybrowser.corpus.model import ArticleMeta

    meta = rows[0][7]
    try:
        stored = list(json.loads(meta)) if isinstance(meta, str) else None
    except ValueError:
        return False
    return stored == list(ArticleMeta(id="", title="").to_mapping())


def may_have_overrides(catalogue: Catalogue, corpus_dir: Path, paths: DataPaths) -> bool:
    """Whether the analyst changed any article's metadata (or an earlier version's curation file
    waits to be taken in): without, neither a listing nor opening the library needs the curation
    code."""
    from energybrowser.curation.session import curation_db
    from energybrowser.curation.tables import METADATA_TABLE

    try:
        if catalogue.query(f"SELECT 1 FROM {METADATA_TABLE} LIMIT 1"):
            return True
    except sqlite3.DatabaseError:
        return True  # the full path says what is wrong
    return curation_db(paths, corpus_dir).is_file()


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
