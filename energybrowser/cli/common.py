"""Helpers shared by the subcommands: open the library of the chosen corpus, print JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from energybrowser.cli import UserError

if TYPE_CHECKING:
    from energybrowser.library import Library


def library_from_args(args: argparse.Namespace, *, report_problems: bool = True) -> Library:
    """The corpus (`--corpus`, or the bundled one) plus the imported articles of `--data-dir`, as
    the window shows them. Problems with single files are warnings; a missing folder is an error."""
    from energybrowser.corpus.loader import resolve_corpus_dir
    from energybrowser.library import Library
    from energybrowser.paths import DataPaths

    directory = resolve_corpus_dir(args.corpus)
    if not directory.is_dir():
        raise UserError(f"corpus folder not found: {directory}")
    library = Library.open(directory, DataPaths.resolve(args.data_dir))
    for notice in library.notices:
        print(f"energybrowser: note: {notice}", file=sys.stderr)
    if report_problems:
        for problem in library.problems:
            print(f"energybrowser: warning: {problem}", file=sys.stderr)
    return library


def analysed(library: Library, *, quiet: bool = False) -> Library:
    """Entities and agreements of every article known (only what changed is analysed again)."""
    todo = len(library.pending())
    if todo and not quiet and todo >= 20:
        print(f"energybrowser: finding entities and agreements in {todo} article(s)…", file=sys.stderr)
    library.analyse()
    return library


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
