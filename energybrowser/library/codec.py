"""Catalogue rows to domain values and back: articles, entity mentions, agreements, as JSON.

JSON (not pickle) so a damaged or hand-edited row fails to decode, and is then rebuilt from the
article file, instead of running anything. Nothing here imports the Markdown or YAML parsers:
listing the catalogue must stay cheap.
"""

from __future__ import annotations

import json
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


def dump_body(article: Article) -> str:
    """An article's Markdown body, blocks and footnotes (its plain text is a column of its own, so
    the catalogue can cut a mention's context out of it without decoding anything)."""
    blocks = [[b.kind, b.number, b.source, b.start, b.end] for b in article.blocks]
    notes = [[f.label, f.source, f.text] for f in article.footnotes]
    return _dumps({"body": article.body, "blocks": blocks, "notes": notes})


def load_body(meta: ArticleMeta, content_hash: str, plain: str, body: str) -> Article:
    data = _loads(body)
    if not isinstance(plain, str):
        raise RowDamaged("article text is missing")
    try:
        blocks = tuple(
            Block(i, kind, number, source, plain[start:end], start, end)
            for i, (kind, number, source, start, end) in enumerate(data["blocks"])
        )
        notes = tuple(Footnote(label, source, note) for label, source, note in data["notes"])
        return Article(meta, data["body"], blocks, notes, plain, content_hash)
    except (KeyError, TypeError, ValueError) as exc:
        raise RowDamaged(f"article body: {exc}") from exc


def dump_entities(spans: tuple[EntitySpan, ...]) -> str:
    return _dumps(
        [[s.text, s.canonical, s.type, s.start, s.end, s.paragraph, s.value, s.unit, s.source] for s in spans]
    )


def load_entities(text: str) -> tuple[EntitySpan, ...]:
    try:
        return tuple(EntitySpan(*row) for row in _loads(text))
    except TypeError as exc:
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


def dump_agreements(agreements: tuple[Agreement, ...]) -> str:
    return _dumps([agreement_to_json(a) for a in agreements])


def load_agreements(text: str) -> tuple[Agreement, ...]:
    rows = _loads(text)
    if not isinstance(rows, list):
        raise RowDamaged("agreements are not a list")
    return tuple(agreement_from_json(r) for r in rows)


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
