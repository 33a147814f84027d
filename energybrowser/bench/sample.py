"""Benchmark corpora: articles of about 5 KB made of real paragraphs sampled with a fixed seed.

Articles are assembled directly as `Article` values (their paragraphs are already plain text), so
generating 10,000 of them takes a second instead of a Markdown rendering per paragraph.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from pathlib import Path

from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.model import Article, ArticleMeta, Author, Block, PartialDate

TARGET_CHARS = 5000
PUBLISHERS = ("Caspian Wire", "Astana Times", "Baku Review", "Energy Monitor", "Trend", "Report.az")
AUTHORS = ("Aida Karimova", "Daniyar Abenov", "Leyla Mammadova", "John Smith", "Maria Petrova")


def load_source(corpus_dir: Path) -> list[Article]:
    corpus = load_corpus(corpus_dir)
    if not corpus.articles:
        raise SystemExit(f"no articles in {corpus_dir}; pass --corpus DIR (e.g. /work/shared/seeds)")
    return sorted(corpus.articles, key=lambda a: a.id)


def bench_articles(corpus: str, count: int, seed: int = 1234) -> list[Article]:
    """The benchmark's articles: `natural` (Debian documentation, see `natural.py`) or paragraphs
    sampled from the corpus folder `corpus`."""
    if corpus == "natural":
        from energybrowser.bench.natural import natural_articles

        return natural_articles(count, seed).articles
    return sample_articles(load_source(Path(corpus)), count, seed)


def sample_articles(source: Sequence[Article], count: int, seed: int = 1234) -> list[Article]:
    rng = random.Random(seed)
    paragraphs = [b.text for a in source for b in a.paragraphs if len(b.text) >= 40]
    titles = [a.title[:120] for a in source]
    articles = []
    for n in range(count):
        chosen: list[str] = []
        size = 0
        while size < TARGET_CHARS:
            text = rng.choice(paragraphs)
            chosen.append(text)
            size += len(text) + 2
        meta = ArticleMeta(
            id=f"bench-{n:06d}",
            title=f"{rng.choice(titles)} ({n})",
            authors=(Author(rng.choice(AUTHORS)),),
            publisher=rng.choice(PUBLISHERS),
            date=PartialDate(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            language="en",
        )
        articles.append(make_article(meta, chosen))
    return articles


def make_article(meta: ArticleMeta, paragraphs: Sequence[str]) -> Article:
    blocks = []
    offset = 0
    for i, text in enumerate(paragraphs):
        blocks.append(Block(i, "paragraph", i + 1, text, text, offset, offset + len(text)))
        offset += len(text) + 2
    text = "\n\n".join(paragraphs)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(meta, text, tuple(blocks), (), text, digest)
