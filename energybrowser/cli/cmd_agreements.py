"""`energybrowser agreements [--json] [--groups]`: the agreements ledger of the corpus."""

from __future__ import annotations

import argparse
import textwrap

from energybrowser.agreements.corpus import extract_corpus
from energybrowser.cli.common import corpus_from_args, print_json

NAME = "agreements"
HELP = "list the agreements (memoranda, contracts, protocols, ...) the articles report, with evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the agreements as a JSON list")
    parser.add_argument("--groups", action="store_true", help="list groups of reports of one agreement")
    parser.add_argument(
        "--no-vague", action="store_true", help="leave out vague mentions ('various agreements')"
    )


def run(args: argparse.Namespace) -> int:
    corpus = corpus_from_args(args)
    result = extract_corpus(corpus)
    agreements = [a for a in result.agreements if not (args.no_vague and a.vague)]
    if args.groups:
        groups = [g for g in result.groups if any(a.group == g.id for a in agreements)]
        if args.json:
            print_json([g.to_json() for g in groups])
            return 0
        for g in groups:
            print(f"{g.id}  {g.type}  {', '.join(g.parties) or '(parties not stated)'}")
            print(f"    reports: {', '.join(g.members)}")
            print(f"    dates: {', '.join(d.iso() for d in g.dates) or '-'}")
            for conflict in g.conflicts:
                print(f"    CONFLICT {conflict.describe()}")
        print(f"{len(groups)} group(s)")
        return 0
    if args.json:
        print_json([a.to_json() for a in agreements])
        return 0
    for a in agreements:
        flag = " (vague)" if a.vague else ""
        print(f"{a.id}  {a.type}, {a.status}{flag}  {a.when.iso() or a.date or 'n.d.'}")
        print(f"    parties: {', '.join(a.parties) or '-'}")
        if a.signatories:
            print(f"    signatories: {', '.join(a.signatories)}")
        if a.place:
            print(f"    place: {a.place}")
        if a.subject:
            print(f"    subject: {a.subject}")
        if a.quantities:
            print(f"    quantities: {', '.join(a.quantities)}")
        evidence = textwrap.shorten(a.evidence.text, 150)
        print(f"    ¶{a.evidence.paragraph}: {evidence}")
        for conflict in a.conflicts:
            print(f"    CONFLICT {conflict.describe()}")
    print(f"{len(agreements)} agreement(s) in {len(corpus)} article(s)")
    return 0
