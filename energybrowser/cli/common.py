"""Helpers shared by the subcommands: load the chosen corpus, print JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from energybrowser.cli import UserError
from energybrowser.corpus.loader import Corpus, load_corpus, resolve_corpus_dir


def corpus_from_args(args: argparse.Namespace, *, report_problems: bool = True) -> Corpus:
    directory = resolve_corpus_dir(args.corpus)
    try:
        corpus = load_corpus(directory)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from exc
    if report_problems:
        for problem in corpus.problems:
            print(f"energybrowser: warning: {problem}", file=sys.stderr)
    return corpus


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
