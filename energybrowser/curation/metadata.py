"""Metadata the analyst corrected: stored apart from the article file (a bundled article is read-only)
and laid over what the file states, so the article is shown and cited as if the file said it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from energybrowser.corpus.model import Article, ArticleMeta, Author, PartialDate
from energybrowser.curation.fields import FieldError

META_FIELDS = ("title", "authors", "publisher", "date", "url", "accessed")

MetaValue = str | tuple[Author, ...] | PartialDate


def parse_meta_field(name: str, value: Any) -> MetaValue:
    """The typed value of a metadata field; FieldError (one line) when it cannot be."""
    if name not in META_FIELDS:
        raise FieldError(f"unknown metadata field {name!r} (fields: {', '.join(META_FIELDS)})")
    if name == "authors":
        return _authors(value)
    if name in ("date", "accessed"):
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse_iso(str(value or "").strip())
        except ValueError as exc:
            raise FieldError(f"{name} must be YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD") from exc
    if not isinstance(value, str | None):
        raise FieldError(f"{name} must be text")
    text = " ".join((value or "").split())
    if name == "url" and text and not text.startswith(("http://", "https://")):
        raise FieldError("the URL must start with http:// or https://")
    return text


def _authors(value: Any) -> tuple[Author, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list | tuple):
        raise FieldError("authors must be a list (or names separated by ';')")
    authors: list[Author] = []
    for item in value:
        if isinstance(item, Author):
            authors.append(item)
        elif isinstance(item, str):
            if item.strip():
                authors.append(Author(" ".join(item.split())))
        elif isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            authors.append(Author(" ".join(item["name"].split()), bool(item.get("organization"))))
        else:
            raise FieldError('each author must be a name or {"name": ..., "organization": true|false}')
    return tuple(authors)


def meta_to_json(value: MetaValue) -> object:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple):
        return [{"name": a.name, "organization": a.organization} for a in value]
    return value


def meta_values(meta: ArticleMeta) -> dict[str, MetaValue]:
    return {
        "title": meta.title,
        "authors": meta.authors,
        "publisher": meta.publisher,
        "date": meta.date,
        "url": meta.url,
        "accessed": meta.accessed,
    }


@dataclass(frozen=True)
class MetadataOverride:
    article: str
    values: Mapping[str, MetaValue] = field(default_factory=dict)
    edited_at: Mapping[str, str] = field(default_factory=dict)
    updated: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "values": {k: meta_to_json(v) for k, v in self.values.items()},
            "edited_at": dict(self.edited_at),
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: Any) -> MetadataOverride:
        if not isinstance(data, dict) or not isinstance(data.get("article"), str) or not data["article"]:
            raise ValueError("a metadata override needs its 'article'")
        raw = data.get("values") or {}
        if not isinstance(raw, dict):
            raise ValueError("a metadata override's 'values' must be an object")
        values = {k: parse_meta_field(k, v) for k, v in raw.items()}
        edited_at = data.get("edited_at") or {}
        return cls(
            article=data["article"],
            values=values,
            edited_at={k: str(edited_at.get(k) or data.get("updated") or "") for k in values},
            updated=str(data.get("updated") or ""),
        )


def override_metadata(
    current: MetadataOverride | None, meta: ArticleMeta, changes: Mapping[str, Any], at: str
) -> MetadataOverride:
    """The override after setting `changes`; a field set back to what the file states is dropped."""
    typed = {k: parse_meta_field(k, v) for k, v in changes.items()}
    if "title" in typed and not typed["title"]:
        raise FieldError("the title cannot be empty")
    stated = meta_values(meta)
    values = dict(current.values) if current else {}
    edited_at = dict(current.edited_at) if current else {}
    for name, value in typed.items():
        if stated[name] == value:
            values.pop(name, None)
            edited_at.pop(name, None)
        else:
            values[name] = value
            edited_at[name] = at
    ordered = {n: values[n] for n in META_FIELDS if n in values}
    return MetadataOverride(meta.id, ordered, {n: edited_at[n] for n in ordered}, at)


def apply_meta(meta: ArticleMeta, override: MetadataOverride | None) -> ArticleMeta:
    """The metadata as the analyst corrected it (itself when there is nothing to lay over)."""
    if override is None or not override.values:
        return meta
    changes: dict[str, Any] = dict(override.values)
    if "date" in changes:
        changes["date_text"] = ""  # the stated wording no longer describes the date
    return replace(meta, **changes)


def apply_metadata(article: Article, override: MetadataOverride | None) -> Article:
    """The article as the analyst corrected it (itself when there is nothing to lay over)."""
    meta = apply_meta(article.meta, override)
    return article if meta is article.meta else replace(article, meta=meta)
