"""Per-article or per-paragraph documents? `python -m energybrowser.bench.granularity [--size N]`

Builds both layouts from the same sampled corpus and compares build throughput, size and query
CPU time (top 20 articles; per-paragraph hits must all be collected and grouped by article first).
CPU time is reported so the figures do not depend on how busy the machine is.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from whoosh.fields import ID, STORED, Schema
from whoosh.filedb.filestore import FileStorage

from energybrowser.bench.sample import load_source, sample_articles
from energybrowser.bench.workload import make_queries
from energybrowser.corpus.loader import resolve_corpus_dir
from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.search.codec import LeanCodec
from energybrowser.search.documents import no_annotations
from energybrowser.search.engine import SearchEngine
from energybrowser.search.index_store import IndexStore
from energybrowser.search.query import QueryCompiler
from energybrowser.search.schema import text_field

KINDS = ("term", "rare term", "two terms", "phrase", "or")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--corpus", help="source articles (default: bundled)")
    args = parser.parse_args(argv)
    articles = sample_articles(load_source(resolve_corpus_dir(args.corpus)), args.size)
    queries = [q.whoosh for q in make_queries(articles, 6) if q.kind in KINDS]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.process_time()
        IndexStore(root / "article").build(articles, no_annotations, len(articles))
        article_build = time.process_time() - start
        engine = SearchEngine(
            root, articles, root / "article", annotate=no_annotations, gazetteer=load_gazetteer()
        )

        schema = Schema(
            article=ID(stored=True), para=STORED(), title=text_field(2.0), body=text_field(chars=True)
        )
        (root / "paragraph").mkdir()
        index = FileStorage(str(root / "paragraph")).create_index(schema)
        start = time.process_time()
        writer = index.writer(limitmb=512, codec=LeanCodec(), compound=False)
        for article in articles:
            for block in article.paragraphs:
                writer.add_document(
                    article=article.id, para=block.number, title=article.title, body=block.text
                )
        writer.commit(merge=False)
        paragraph_build = time.process_time() - start
        searcher = index.searcher()
        compiler = QueryCompiler(searcher.reader(), load_gazetteer())

        per_article: list[float] = []
        per_paragraph: list[float] = []
        for _ in range(2):
            for query in queries:
                start = time.process_time()
                engine.search(query, snippets=False, facets=False)
                per_article.append((time.process_time() - start) * 1000)
                start = time.process_time()
                best: dict[str, float] = {}
                for hit in searcher.search(compiler.compile(query).query, limit=None):
                    best[hit["article"]] = max(best.get(hit["article"], 0.0), hit.score)
                sorted(best.items(), key=lambda kv: -kv[1])[:20]
                per_paragraph.append((time.process_time() - start) * 1000)
        print(f"{args.size:,} articles | per article | per paragraph")
        print("---|---:|---:")
        print(
            f"build (articles/s, CPU) | {args.size / article_build:.0f} | {args.size / paragraph_build:.0f}"
        )
        print(f"index size (MB) | {_size_mb(root / 'article'):.1f} | {_size_mb(root / 'paragraph'):.1f}")
        for p in (50, 95):
            print(f"query top 20 p{p} (ms, CPU) | {_pct(per_article, p):.1f} | {_pct(per_paragraph, p):.1f}")
        searcher.close()
        index.close()
        engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
