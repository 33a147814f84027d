"""Catalogue rows to domain values and back: articles, entity mentions, agreements, as JSON.

JSON (not pickle) so a damaged or hand-edited row fails to decode, and is then rebuilt from the
article file, instead of running anything. Nothing here imports the Markdown or YAML parsers:
listing the catalogue must stay cheap.

The large values are stored small (docs/performance.md, "The catalogue on disk"): an article's plain
text once, as text (SQL cuts mention contexts out of it and scans it for words); its Markdown body
zlib-compressed with that plain text as the preset dictionary, so the body's words, which are the
plain text's, cost a few bytes of reference each; the blocks' Markdown as offsets into the body;
entities and agreements as zlib-compressed JSON. Rows written before (JSON text) still decode.
"""

from __future__ import annotations

import itertools
import json
import operator
import zlib
from functools import lru_cache
from typing import Any

from energybrowser.agreements.model import Agreement, Conflict, ConflictValue, Evidence
from energybrowser.corpus.model import Article, ArticleMeta, Author, Block, Footnote, PartialDate
from energybrowser.entities.model import EntitySpan

# The same dates recur across thousands of rows; a PartialDate is frozen, so one parse is shared.
_date = lru_cache(maxsize=8192)(PartialDate.parse_iso)
parse_date = _date


class RowDamaged(ValueError):
    """A catalogue row that does not decode: its article is read again from the file."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads(text: str | bytes | None) -> Any:
    if text is None:
        raise RowDamaged("missing value")
    try:
        return json.loads(text)
    except (ValueError, TypeError) as exc:
        raise RowDamaged(str(exc)) from exc


# zlib's window: a preset dictionary longer than this is used by its last 32 KB only, so only those
# are handed over (on both sides, so a long text gives the same dictionary when read back).
_WINDOW = 32 * 1024
_LEVEL = 6  # level 9 saved < 1 % on article bodies; decompression costs the same at any level


def _pack(value: Any, dictionary: bytes | None = None) -> bytes:
    """`value` as compressed JSON (with `dictionary` preset: what the reader will also have)."""
    packer = zlib.compressobj(_LEVEL, zdict=dictionary) if dictionary else zlib.compressobj(_LEVEL)
    return packer.compress(_dumps(value).encode("utf-8")) + packer.flush()


def _unpack(blob: str | bytes | None, dictionary: bytes | None = None) -> Any:
    """A value `_pack` stored; a row written before compression (JSON text) is read as it is."""
    if isinstance(blob, str):
        return _loads(blob)
    if not isinstance(blob, bytes):
        raise RowDamaged("missing value")
    try:
        unpacker = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
        data = unpacker.decompress(blob) + unpacker.flush()
    except (zlib.error, ValueError) as exc:  # damaged, or another text than it was packed with
        raise RowDamaged(f"compressed value: {exc}") from exc
    return _loads(data)


def _text_dictionary(plain: str) -> bytes:
    return plain.encode("utf-8")[-_WINDOW:]


def meta_to_json(meta: ArticleMeta) -> dict[str, Any]:
    """The front matter fields in the order `corpus list --json` prints them (see markdown_io)."""
    return meta.to_mapping()


def meta_from_json(data: dict[str, Any]) -> ArticleMeta:
    try:
        authors = tuple(
            Author(a["name"], bool(a.get("organization"))) if isinstance(a, dict) else Author(str(a))
            for a in data.get("authors", ())
        )
        return ArticleMeta(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            authors=authors,
            publisher=str(data.get("publisher", "")),
            date=_date(data.get("date") or None),
            date_text=str(data.get("date_text", "")),
            url=str(data.get("url", "")),
            language=str(data.get("language", "")),
            source=str(data.get("source", "")),
            accessed=_date(data.get("accessed") or None),
            kind=str(data.get("kind", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RowDamaged(f"metadata: {exc}") from exc


def dump_meta(meta: ArticleMeta) -> str:
    return _dumps(meta_to_json(meta))


def load_meta(text: str) -> ArticleMeta:
    data = _loads(text)
    if not isinstance(data, dict):
        raise RowDamaged("metadata is not a mapping")
    return meta_from_json(data)


def dump_body(article: Article) -> bytes:
    """An article's Markdown body, blocks and footnotes, packed against its plain text (a column of
    its own, so the catalogue can cut a mention's context out of it without decoding anything)."""
    return _packed_body(
        article.text,
        article.body,
        [(b.kind, b.number, b.source, b.start, b.end) for b in article.blocks],
        [[f.label, f.source, f.text] for f in article.footnotes],
    )


def _packed_body(plain: str, markdown: str, blocks: list[Any], notes: list[Any]) -> bytes:
    """A block's Markdown is a slice of the body: stored as [start, end] (as text when it is not)."""
    rows: list[list[Any]] = []
    at = 0
    for kind, number, source, start, end in blocks:
        found = markdown.find(source, at) if source else -1
        if found < 0:
            rows.append([kind, number, source, start, end])
            continue
        at = found + len(source)
        rows.append([kind, number, [found, at], start, end])
    return _pack([markdown, rows, notes], _text_dictionary(plain))


def repack_body(plain: str, stored: str | bytes) -> bytes:
    """A body row as written before bodies were packed (JSON text), packed; RowDamaged if it does
    not decode."""
    if isinstance(stored, bytes):
        return stored
    data = _loads(stored)
    try:
        return _packed_body(plain, data["body"], data["blocks"], data["notes"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RowDamaged(f"article body: {exc}") from exc


def repack_entities(stored: str | bytes) -> bytes:
    """An entities value as written before (JSON text), packed; RowDamaged if it does not decode."""
    return stored if isinstance(stored, bytes) else dump_entities(load_entities(stored))


def repack_agreements(stored: str | bytes) -> bytes:
    """An agreements value as written before (JSON text), packed; RowDamaged if it does not decode."""
    return stored if isinstance(stored, bytes) else dump_agreements(load_agreements(stored))


def load_body(meta: ArticleMeta, content_hash: str, plain: str, body: str | bytes) -> Article:
    if not isinstance(plain, str):
        raise RowDamaged("article text is missing")
    data = _unpack(body, _text_dictionary(plain) if isinstance(body, bytes) else None)
    try:
        if isinstance(data, dict):  # written before bodies were packed
            markdown, rows, note_rows = data["body"], data["blocks"], data["notes"]
        else:
            markdown, rows, note_rows = data
        if not isinstance(markdown, str):
            raise TypeError("the body is not text")
        blocks = tuple(
            Block(
                i,
                kind,
                number,
                source if isinstance(source, str) else markdown[source[0] : source[1]],
                plain[start:end],
                start,
                end,
            )
            for i, (kind, number, source, start, end) in enumerate(rows)
        )
        notes = tuple(Footnote(label, source, note) for label, source, note in note_rows)
        return Article(meta, markdown, blocks, notes, plain, content_hash)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise RowDamaged(f"article body: {exc}") from exc


def dump_entities(spans: tuple[EntitySpan, ...]) -> bytes:
    """By column, not by mention: a column's values look alike and pack closer (1,180 to 920 bytes an
    article); a canonical name equal to the words found is 0, a start is the step from the one
    before, an end the mention's length."""
    starts = [s.start for s in spans]
    return _pack(
        [
            [s.text for s in spans],
            [0 if s.canonical == s.text else s.canonical for s in spans],
            [s.type for s in spans],
            [b - a for a, b in zip([0, *starts], starts, strict=False)],
            [s.end - s.start for s in spans],
            [s.paragraph for s in spans],
            [s.value for s in spans],
            [s.unit for s in spans],
            [s.source for s in spans],
        ]
    )


def load_entities(blob: str | bytes) -> tuple[EntitySpan, ...]:
    data = _unpack(blob)
    try:
        if isinstance(blob, str):  # written before: one row a mention
            return tuple(EntitySpan(*row) for row in data)
        texts, canonicals, types, steps, lengths, paragraphs, values, units, sources = data
        count = len(texts)
        if any(len(column) != count for column in data):
            raise ValueError("columns of different lengths")
        starts = list(itertools.accumulate(steps))
        return tuple(
            map(
                EntitySpan,
                texts,
                [c or t for c, t in zip(canonicals, texts, strict=True)],
                types,
                starts,
                map(operator.add, starts, lengths),
                paragraphs,
                values,
                units,
                sources,
            )
        )
    except (TypeError, ValueError) as exc:
        raise RowDamaged(f"entities: {exc}") from exc


def _evidence(row: list[Any]) -> Evidence:
    text, paragraph, start, end = row
    return Evidence(text, paragraph, start, end)


def agreement_to_json(a: Agreement) -> dict[str, Any]:
    data = a.to_json()
    # Across articles (worked out from the whole ledger) or the user's (kept with the curation).
    for name in ("group", "conflicts", "review"):
        data.pop(name, None)
    data["evidence"] = [a.evidence.text, a.evidence.paragraph, a.evidence.start, a.evidence.end]
    data["supporting"] = [[e.text, e.paragraph, e.start, e.end] for e in a.supporting]
    return data


def agreement_from_json(data: dict[str, Any]) -> Agreement:
    try:
        return Agreement(
            id=data["id"],
            article=data["article"],
            type=data["type"],
            status=data["status"],
            parties=tuple(data["parties"]),
            evidence=_evidence(data["evidence"]),
            signatories=tuple(data["signatories"]),
            date=data["date"],
            when=_date(data["date_iso"] or None),
            place=data["place"],
            subject=data["subject"],
            quantities=tuple(data["quantities"]),
            vague=bool(data["vague"]),
            supporting=tuple(_evidence(e) for e in data["supporting"]),
            parties_source=data["parties_source"],
            reported=_date(data["reported"] or None),
            document=data["document"],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RowDamaged(f"agreement: {exc}") from exc


# An agreement of an analysis row as a list of its fields in this order (its field names written
# once here rather than in every row: 10 % smaller packed).
AGREEMENT_FIELDS = (
    "id", "article", "type", "status", "parties", "signatories", "date", "date_iso", "place", "subject",
    "quantities", "vague", "evidence", "supporting", "parties_source", "reported", "document",
)  # fmt: skip


def dump_agreements(agreements: tuple[Agreement, ...]) -> bytes:
    rows = []
    for a in agreements:
        data = agreement_to_json(a)
        rows.append([data[name] for name in AGREEMENT_FIELDS])
    return _pack(rows)


def load_agreements(blob: str | bytes) -> tuple[Agreement, ...]:
    rows = _unpack(blob)
    if not isinstance(rows, list):
        raise RowDamaged("agreements are not a list")
    found = []
    for row in rows:
        if isinstance(row, list):
            if len(row) != len(AGREEMENT_FIELDS):
                raise RowDamaged("agreement: wrong number of fields")
            row = dict(zip(AGREEMENT_FIELDS, row, strict=True))
        found.append(agreement_from_json(row))
    return tuple(found)


def conflict_to_json(conflict: Conflict) -> dict[str, Any]:
    values = [
        ["date", v.value.iso(), list(v.article_ids)]
        if isinstance(v.value, PartialDate)
        else ["text", v.value, list(v.article_ids)]
        for v in conflict.values
    ]
    return {"field": conflict.field, "unit": conflict.unit, "values": values}


def conflict_from_json(data: dict[str, Any]) -> Conflict:
    try:
        values = tuple(
            ConflictValue(_date(value or None) if kind == "date" else value, tuple(ids))
            for kind, value, ids in data["values"]
        )
        return Conflict(data["field"], values, data.get("unit", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise RowDamaged(f"conflict: {exc}") from exc
