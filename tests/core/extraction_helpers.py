"""Small builders shared by the entity and agreement tests: an article from a few paragraphs."""

from __future__ import annotations

from pathlib import Path

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta, PartialDate
from tests.conftest import REPO, SEEDS


def make_article(*paragraphs: str, date: str = "", article_id: str = "test-article") -> Article:
    meta = ArticleMeta(id=article_id, title="Test", date=PartialDate.parse_iso(date))
    return build_article(meta, "\n\n".join(paragraphs))


def seeds_dir() -> Path | None:
    """The shared seed articles: beside the main checkout, or beside a helper's worktree."""
    for candidate in (SEEDS, REPO.parent.parent / "shared" / "seeds"):
        if candidate.is_dir():
            return candidate
    return None
