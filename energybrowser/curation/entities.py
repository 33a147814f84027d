"""Corrections of single entity mentions: wrong (not an entity), another type, another canonical name.

Anchored like reviews, by the mention's words with context, so they survive re-analysis and small
text edits; one that cannot be placed is returned as "needs a look". A name that should always mean
another entity is not a correction of one mention but an alias: see `aliases`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from energybrowser.corpus.model import Article
from energybrowser.curation.anchor import TextQuote, locate
from energybrowser.curation.apply import NeedsLook
from energybrowser.curation.fields import FieldError
from energybrowser.entities.model import ENTITY_TYPES, EntitySpan


@dataclass(frozen=True)
class EntityCorrection:
    id: str
    article: str
    anchor: TextQuote  # the mention's words with context
    wrong: bool = False  # not an entity at all: the mention is dropped
    type: str = ""  # another type ("" keeps it)
    canonical: str = ""  # another canonical name ("" keeps it)
    created: str = ""
    updated: str = ""

    def __post_init__(self) -> None:
        if self.type and self.type not in ENTITY_TYPES:
            raise FieldError(f"entity type must be one of {', '.join(ENTITY_TYPES)}")
        if not (self.wrong or self.type or self.canonical):
            raise FieldError("a correction marks the mention wrong or gives a type or a canonical name")

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "article": self.article,
            "anchor": self.anchor.to_json(),
            "wrong": self.wrong,
            "type": self.type,
            "canonical": self.canonical,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: Any) -> EntityCorrection:
        if not isinstance(data, dict):
            raise ValueError("an entity correction must be a JSON object")
        for key in ("id", "article"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ValueError(f"an entity correction needs its {key!r}")
        return cls(
            id=data["id"],
            article=data["article"],
            anchor=TextQuote.from_json(data.get("anchor")),
            wrong=bool(data.get("wrong")),
            type=str(data.get("type") or ""),
            canonical=" ".join(str(data.get("canonical") or "").split()),
            created=str(data.get("created") or ""),
            updated=str(data.get("updated") or ""),
        )


def apply_entity_corrections(
    entities: Mapping[str, tuple[EntitySpan, ...]],
    corrections: Iterable[EntityCorrection],
    article_of: Callable[[str], Article | None],
) -> tuple[dict[str, tuple[EntitySpan, ...]], tuple[NeedsLook, ...]]:
    """The mentions per article as corrected, and the corrections that could not be placed."""
    out = dict(entities)
    problems: list[NeedsLook] = []
    for correction in sorted(corrections, key=lambda c: c.updated):
        article = article_of(correction.article)
        spans = out.get(correction.article, ())
        placement = locate(correction.anchor, article.text) if article else None
        if article is None or placement is None:
            reason = "the article is not in the library" if article is None else "the mention is gone"
            problems.append(NeedsLook(correction.id, correction.article, correction.anchor.exact, reason))
            continue
        hit = next(
            (i for i, s in enumerate(spans) if s.start < placement.end and placement.start < s.end), None
        )
        if hit is None:
            reason = "no entity is found at these words any more"
            problems.append(NeedsLook(correction.id, correction.article, correction.anchor.exact, reason))
            continue
        span = spans[hit]
        if correction.wrong:
            out[correction.article] = spans[:hit] + spans[hit + 1 :]
            continue
        fixed = replace(
            span,
            type=correction.type or span.type,
            canonical=correction.canonical or span.canonical,
            source="user",
        )
        out[correction.article] = (*spans[:hit], fixed, *spans[hit + 1 :])
    return out, tuple(problems)
