"""`energybrowser corpus list [--json]`: what the corpus holds."""

from __future__ import annotations

import argparse

from energybrowser.cli.common import library_from_args, print_json
from energybrowser.library.codec import meta_to_json

NAME = "corpus"
HELP = "list the articles of the corpus and their metadata"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list"], help="what to do")
    parser.add_argument("--json", action="store_true", help="print every article's metadata as JSON")


def run(args: argparse.Namespace) -> int:
    library = library_from_args(args)
    rows = []
    for entry in library.entries:
        row = meta_to_json(entry.meta)
        row["paragraphs"] = entry.paragraphs
        row["footnotes"] = entry.footnotes
        row["content_hash"] = entry.content_hash
        rows.append(row)
    if args.json:
        print_json(rows)
        return 0
    width = max((len(entry.id) for entry in library.entries), default=0)
    for entry in library.entries:  # an untitled article by its opening words, as the window lists it
        print(f"{entry.id:<{width}}  {entry.meta.date.iso() or 'n.d.':<10}  {entry.display_title}")
    imported = sum(entry.imported for entry in library.entries)
    where = f"{len(rows) - imported} in {library.corpus_dir}"
    if imported:
        where += f", {imported} imported in {library.imported_dir}"
    print(f"{len(rows)} article(s): {where}")
    return 0
