"""`energybrowser entities [--json] [--type T]`: the entity mentions of every article."""

from __future__ import annotations

import argparse
from collections import Counter

from energybrowser.cli.common import analysed, library_from_args, print_json
from energybrowser.entities.model import ENTITY_TYPES

NAME = "entities"
HELP = "list the entities (organisations, persons, places, fields, pipelines, quantities, dates) per article"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print {article_id: [mention, ...]} as JSON")
    parser.add_argument("--type", choices=ENTITY_TYPES, action="append", help="only this type (repeatable)")


def run(args: argparse.Namespace) -> int:
    library = analysed(library_from_args(args), quiet=args.json)
    wanted = set(args.type or ENTITY_TYPES)
    result = {aid: [e for e in library.entities(aid) if e.type in wanted] for aid in library.ids()}
    if args.json:
        print_json({aid: [e.to_json() for e in spans] for aid, spans in result.items()})
        return 0
    for aid, spans in result.items():
        if args.type and not spans:
            continue  # asked for some types: only the articles that mention them
        print(aid)
        counts = Counter((e.type, e.canonical) for e in spans)
        for (kind, canonical), n in sorted(counts.items()):
            print(f"  {kind:<13} {canonical:<45} x{n}")
    print(f"{sum(len(s) for s in result.values())} mention(s) in {len(result)} article(s)")
    return 0
