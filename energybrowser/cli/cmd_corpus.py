"""`energybrowser corpus list [--json]`: what the corpus holds.

JSON output: a list with one object an article, one article a line (the front matter fields in
their order, then "paragraphs", "footnotes", "content_hash"), written as it is read.
"""

from __future__ import annotations

import argparse
import sys

from energybrowser.cli import UserError

NAME = "corpus"
HELP = "list the articles of the corpus and their metadata"
CHUNK = 500  # articles written at a time


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list"], help="what to do")
    parser.add_argument("--json", action="store_true", help="print every article's metadata as JSON")


def run(args: argparse.Namespace) -> int:
    # Only what listing needs: the catalogue, read with SQL when the files did not change.
    from energybrowser.corpus.loader import resolve_corpus_dir
    from energybrowser.library.listing import list_articles
    from energybrowser.paths import DataPaths

    directory = resolve_corpus_dir(args.corpus)
    if not directory.is_dir():
        raise UserError(f"corpus folder not found: {directory}")
    listing = list_articles(directory, DataPaths.resolve(args.data_dir))
    for notice in listing.notices:
        print(f"energybrowser: note: {notice}", file=sys.stderr)
    for problem in listing.problems:
        print(f"energybrowser: warning: {problem}", file=sys.stderr)
    articles = listing.articles
    if args.json:
        if not articles:
            print("[]")
            return 0
        sys.stdout.write("[\n")
        for start in range(0, len(articles), CHUNK):
            chunk = articles[start : start + CHUNK]
            last = start + CHUNK >= len(articles)
            sys.stdout.write(",\n".join(f"  {a.json}" for a in chunk) + ("\n]\n" if last else ",\n"))
        return 0
    width = max((len(article.id) for article in articles), default=0)
    for article in articles:  # an untitled article by its opening words, as the window lists it
        date = article.fields().get("date") or "n.d."
        print(f"{article.id:<{width}}  {date:<10}  {article.display_title}")
    imported = sum(article.imported for article in articles)
    where = f"{len(articles) - imported} in {listing.corpus_dir}"
    if imported:
        where += f", {imported} imported in {listing.imported_dir}"
    print(f"{len(articles)} article(s): {where}")
    return 0
