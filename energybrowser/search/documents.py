"""What the index stores for one article: its text fields plus the entities, agreement types and
parties the extractors find, as exact keyword values for `entity:`, `type:`, `party:` and facets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from energybrowser.corpus.model import Article
from energybrowser.entities.model import VALUE_TYPES


@dataclass(frozen=True)
class Annotations:
    entities: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


Annotator = Callable[[Article], Annotations]


def extract_annotations(article: Article) -> Annotations:
    """Canonical entity names, agreement types and parties, from the extraction packages."""
    from energybrowser.agreements.extract import extract_agreements
    from energybrowser.entities.extract import extract_entities

    entities = _unique(span.canonical for span in extract_entities(article) if span.type not in VALUE_TYPES)
    agreements = extract_agreements(article)
    types = _unique(a.type for a in agreements)
    parties = _unique(p for a in agreements for p in a.parties)
    return Annotations(entities, types, parties)


def no_annotations(article: Article) -> Annotations:
    return Annotations()


def keyword_value(values: Iterable[str]) -> str:
    # Keyword fields split on commas, so a comma inside one value must not split it.
    return ",".join(v.replace(",", " ").strip() for v in values if v and v.strip())


def article_document(article: Article, annotations: Annotations) -> dict[str, str]:
    meta = article.meta
    doc = {
        "id": article.id,
        "title": meta.title,
        "body": article.text,
        "author": " ; ".join(a.name for a in meta.authors),
        "publisher": keyword_value([meta.publisher]),
        "entity": keyword_value(annotations.entities),
        "type": keyword_value(annotations.types),
        "party": keyword_value(annotations.parties),
        "language": meta.language.lower(),
    }
    if meta.date.year is not None:
        doc["year"] = f"{meta.date.year:04d}"
    if meta.date.iso():
        doc["date"] = meta.date.iso()
    return {k: v for k, v in doc.items() if v}


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
