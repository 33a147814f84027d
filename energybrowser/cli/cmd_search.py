"""`energybrowser search QUERY [--json] [--limit N]`: ranked articles with their matching paragraphs.

JSON output (one object):
    {"query": ..., "total": N,
     "results": [{"article": id, "title": ..., "score": float,
                  "snippets": [{"paragraph": n, "html": "... <mark>hit</mark> ..."}]}],
     "suggestion": "did-you-mean query" or null,
     "facets": {"entity": {"SOCAR": 3, ...}, "type": {...}, "publisher": {...}, "year": {...}},
     "error": message or null, "notes": [what was changed in the query]}
"""

from __future__ import annotations

import argparse
import html
import re
import sys

from energybrowser.cli import UserError
from energybrowser.cli.common import print_json
from energybrowser.cli.search_support import ensure, open_engine
from energybrowser.search.engine import SearchEngine
from energybrowser.search.index_store import CURRENT

NAME = "search"
HELP = "search the corpus (builds the search index on first use)"
_TAG = re.compile(r"<[^>]+>")


FILTER_FIELDS = ("entity", "type", "party", "publisher", "year", "language")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        help="search query, e.g. 'entity:SOCAR \"gas supply\" year:2022'; a query that starts with '-' "
        "goes after '--': energybrowser search -- '-Tatneft SOCAR'",
    )
    parser.add_argument("--json", action="store_true", help="print results, suggestion and facets as JSON")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=f"keep results with this facet value ({', '.join(FILTER_FIELDS)}); repeatable",
    )


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    filters = _filters(args.filter)
    engine = open_engine(args, quiet=args.json)
    try:
        had_index = (engine.store.directory / CURRENT).exists()
        status = ensure(engine, show_progress=not args.json)
        results = engine.search(args.query, limit=args.limit, filters=filters)
        # An untitled article is listed by its opening words in brackets, as the app lists it.
        titles = {hit.article_id: _display_title(engine, hit.article_id, hit.title) for hit in results.hits}
    finally:
        engine.close()
    if had_index and status.action == "rebuilt":  # damaged or from an older version: say so
        print(f"energybrowser: note: the search index was rebuilt ({status.reason})", file=sys.stderr)
    if status.action == "read-only":
        print(f"energybrowser: note: {status.reason}; it cannot be updated", file=sys.stderr)
    if args.json:
        print_json(results.to_json())
        return 0
    for note in results.notes:
        print(f"energybrowser: note: {note}", file=sys.stderr)
    if results.error:
        raise UserError(results.error)
    if not results.hits:
        print("No matches." + (f" Did you mean: {results.suggestion}" if results.suggestion else ""))
        return 0
    for rank, hit in enumerate(results.hits, 1):
        print(f"{rank:>3}. {titles[hit.article_id]}  [{hit.article_id}]  score {hit.score:.2f}")
        for snippet in hit.snippets:
            text = html.unescape(_TAG.sub("", snippet.html.replace("<mark>", "[").replace("</mark>", "]")))
            print(f"       ¶{snippet.paragraph}: {text}")
    print(f"{len(results.hits)} of {results.total} matching article(s)")
    return 0


def _display_title(engine: SearchEngine, article_id: str, stored: str) -> str:
    article = engine.articles.get(article_id)
    return article.display_title if article is not None else stored


def _filters(raw: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in raw:
        field, sep, value = item.partition("=")
        if not sep or not value.strip():
            raise UserError(f"--filter expects FIELD=VALUE, got {item!r}")
        if field not in FILTER_FIELDS:
            raise UserError(f"cannot filter by {field!r} ({', '.join(FILTER_FIELDS)})")
        filters.setdefault(field, []).append(value.strip())
    return filters
