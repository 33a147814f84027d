"""The values a search returns: frozen, plain, and ready for JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Snippet:
    """One matching paragraph: its number (as in `Article.paragraph`) and HTML with <mark>s."""

    paragraph: int | None
    html: str

    def to_json(self) -> dict[str, object]:
        return {"paragraph": self.paragraph, "html": self.html}


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str
    score: float
    snippets: tuple[Snippet, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "article": self.article_id,
            "title": self.title,
            "score": round(self.score, 4),
            "snippets": [s.to_json() for s in self.snippets],
        }


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...] = ()
    total: int = 0  # documents matched (before the limit)
    suggestion: str | None = None  # "did you mean", only when nothing matched
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    error: str = ""  # set when the query could not be run; hits are then empty
    notes: tuple[str, ...] = ()  # what was changed in the query to make it searchable
    partial: bool = False  # ranking stopped at the typing time budget: the best matches found so far

    def to_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "results": [h.to_json() for h in self.hits],
            "suggestion": self.suggestion,
            "facets": {name: {f.value: f.count for f in rows} for name, rows in self.facets.items()},
            "error": self.error or None,
            "notes": list(self.notes),
            "partial": self.partial,
        }


NO_INDEX_YET = "no index has been built yet"  # the reason of a first build


@dataclass(frozen=True)
class IndexStatus:
    action: Literal["rebuilt", "updated", "unchanged", "read-only"]
    articles: int
    changed: int = 0
    removed: int = 0
    reason: str = ""  # why it was rebuilt (missing, damaged, older schema, asked for)
    seconds: float = 0.0

    @property
    def first_build(self) -> bool:
        """Built where there was no index (not rebuilt from a damaged or older one)."""
        return self.action == "rebuilt" and self.reason == NO_INDEX_YET
