"""`energybrowser corpus list [--json]`: what the corpus holds."""

from __future__ import annotations

import argparse

from energybrowser.cli.common import corpus_from_args, print_json
from energybrowser.corpus.markdown_io import meta_to_mapping

NAME = "corpus"
HELP = "list the articles of the corpus and their metadata"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list"], help="what to do")
    parser.add_argument("--json", action="store_true", help="print every article's metadata as JSON")


def run(args: argparse.Namespace) -> int:
    corpus = corpus_from_args(args)
    rows = []
    for article in corpus:
        row = meta_to_mapping(article.meta)
        row["paragraphs"] = len(article.paragraphs)
        row["footnotes"] = len(article.footnotes)
        row["content_hash"] = article.content_hash
        rows.append(row)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        date = row["date"] or "n.d."
        print(f"{row['id']:<50} {date:<10} {row['title']}")
    print(f"{len(rows)} article(s) in {corpus.directory}")
    return 0
