"""Importer: raw web text, HTML and Markdown into articles (baseline; see issue 2)."""

from __future__ import annotations

from energybrowser.corpus.markdown_io import ArticleFormatError, build_article, slugify
from energybrowser.corpus.model import Article, ArticleMeta


def convert_text(text: str, filename: str = "") -> Article:
    """Turn raw text into an article: first non-empty line is the title, blank lines split paragraphs."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if not paragraphs:
        raise ArticleFormatError("file has no text")
    title = paragraphs[0].split("\n", 1)[0].strip()
    meta = ArticleMeta(id=slugify(title), title=title, source=filename)
    return build_article(meta, "\n\n".join(paragraphs[1:] or paragraphs))
