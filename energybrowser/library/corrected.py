"""The analyst's entity corrections in the library-wide tables: an article's rows of `mentions` and
`facets` hold its mentions as corrected (the raw analysis stays in `analysis.entities`, so a
correction can be taken back), and `analysis_state` says which corrections they reflect and what
the search index must hold of the article.

`analysis_state.mark` is the part of an article's `revision` (see `Article.revision`) that comes
from its analysis: '' while the entity names, agreement types and parties the index files are those
a first analysis of the file gives, else a digest of them (after a correction, or a re-analysis of
the same text that found other names, e.g. with a new alias). The index re-indexes an article when
its mark moves, and only then.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from energybrowser.agreements.model import Agreement
from energybrowser.curation.entities import EntityCorrection
from energybrowser.entities.model import VALUE_TYPES, EntitySpan


@dataclass(frozen=True)
class State:
    corrections: str  # digest of the corrections the rows reflect ('' none)
    annotations: str  # digest of what the index files of the article
    mark: str  # the index's part of the article's revision ('' as first analysed)


def corrections_digest(corrections: Iterable[EntityCorrection]) -> str:
    rows = sorted(json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False) for c in corrections)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:16] if rows else ""


def entity_names(spans: Iterable[EntitySpan]) -> list[str]:
    """The entity names an article is found and faceted by (values such as dates left out)."""
    return list(dict.fromkeys(s.canonical for s in spans if s.type not in VALUE_TYPES and s.canonical))


def annotations_digest(spans: Sequence[EntitySpan], agreements: Sequence[Agreement]) -> str:
    parts = [
        sorted(entity_names(spans)),
        sorted({a.type for a in agreements if a.type}),
        sorted({p for a in agreements for p in a.parties if p}),
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def read_state(conn: sqlite3.Connection, key: int) -> State | None:
    row = conn.execute(
        "SELECT corrections, annotations, mark FROM analysis_state WHERE key = ?", (key,)
    ).fetchone()
    return State(*row) if row else None


def write_rows(
    conn: sqlite3.Connection,
    key: int,
    spans: Sequence[EntitySpan],
    agreements: Sequence[Agreement],
    corrections: str,
    before: State | None,
    same_text: bool,
) -> None:
    """The article's `mentions`, `facets` and `analysis_state` rows for its (corrected) mentions.
    `before`: its state as it was; `same_text`: the rows before were of the same text (so the
    index holds what they said, and the mark moves only if what it holds changes)."""
    write_index_rows(conn, key, index_rows(spans, agreements), corrections, before, same_text)


@dataclass(frozen=True, slots=True)
class IndexRows:
    """What the library-wide tables hold of an article's mentions: made where it was analysed (a
    worker process), so the writer only inserts."""

    mentions: tuple[tuple[str, str, int, int, int | None], ...]  # canonical, type, start, end, paragraph
    facets: tuple[tuple[str, str], ...]  # (field, value)
    annotations: str  # `annotations_digest`


def index_rows(spans: Sequence[EntitySpan], agreements: Sequence[Agreement]) -> IndexRows:
    values = {("entity", name) for name in entity_names(spans)}
    values |= {("type", a.type) for a in agreements if a.type}
    return IndexRows(
        tuple((s.canonical, s.type, s.start, s.end, s.paragraph) for s in spans),
        tuple(sorted(values)),
        annotations_digest(spans, agreements),
    )


def write_index_rows(
    conn: sqlite3.Connection,
    key: int,
    rows: IndexRows,
    corrections: str,
    before: State | None,
    same_text: bool,
) -> None:
    """`write_rows` with the rows made already."""
    for table in ("mentions", "facets"):
        conn.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
    conn.executemany(
        "INSERT INTO mentions(canonical, key, type, start, end, paragraph) VALUES(?, ?, ?, ?, ?, ?)",
        [
            (canonical, key, kind, start, end, paragraph)
            for canonical, kind, start, end, paragraph in rows.mentions
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO facets(field, value, key) VALUES(?, ?, ?)",
        [(f, v, key) for f, v in rows.facets],
    )
    annotations = rows.annotations
    if not same_text:
        mark = ""  # new text: the index takes the article in anew anyway
    elif before is not None and before.annotations == annotations:
        mark = before.mark  # the index holds this already
    else:
        mark = annotations
    conn.execute(
        "INSERT OR REPLACE INTO analysis_state(key, corrections, annotations, mark) VALUES(?, ?, ?, ?)",
        (key, corrections, annotations, mark),
    )
