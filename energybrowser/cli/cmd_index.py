"""`energybrowser index [--rebuild]`: build or update the search index of the corpus."""

from __future__ import annotations

import argparse
import sys

from energybrowser.cli.search_support import ensure, open_engine

NAME = "index"
HELP = "build or update the search index (a progress bar on a terminal)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")


def run(args: argparse.Namespace) -> int:
    engine = open_engine(args)
    try:
        status = ensure(engine, rebuild=args.rebuild)
    finally:
        engine.close()
    if status.action == "rebuilt":
        why = f" ({status.reason})" if status.reason else ""
        print(f"indexed {status.articles} article(s) in {status.seconds:.1f} s{why}")
    elif status.action == "updated":
        print(f"updated {status.changed} and removed {status.removed} article(s) in {status.seconds:.2f} s")
    elif status.action == "read-only":
        print(f"energybrowser: note: {status.reason}; it cannot be updated", file=sys.stderr)
        return 1
    else:
        print(f"index is up to date ({status.articles} articles)")
    print(f"index folder: {engine.store.directory}")
    return 0
