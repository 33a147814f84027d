"""`energybrowser agreements [--json] [--groups] [--state S]`: the agreements ledger of the library,
as the analyst reviewed it (see `energybrowser review`)."""

from __future__ import annotations

import argparse
import sys
import textwrap

from energybrowser.agreements.model import REVIEW_STATES, Agreement
from energybrowser.cli.common import print_json
from energybrowser.cli.review_support import open_context

NAME = "agreements"
HELP = "list the agreements (memoranda, contracts, protocols, ...) the articles report, with evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the agreements as a JSON list")
    parser.add_argument("--groups", action="store_true", help="list groups of reports of one agreement")
    parser.add_argument(
        "--no-vague", action="store_true", help="leave out vague mentions ('various agreements')"
    )
    parser.add_argument(
        "--state",
        action="append",
        choices=(*REVIEW_STATES, "all"),
        help="only agreements in this review state (repeatable; default: all but rejected)",
    )
    parser.add_argument(
        "--unreviewed-first", action="store_true", help="list the agreements nobody reviewed yet first"
    )


def run(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    result = ctx.ledger(groups=args.groups)
    for problem in result.needs_look:
        print(f"energybrowser: review {problem.review_id} needs a look: {problem.reason}", file=sys.stderr)
    states = set(args.state or ()) or set(REVIEW_STATES) - {"rejected"}
    if "all" in states:
        states = set(REVIEW_STATES)
    agreements = [
        a for a in result.agreements if a.review.state in states and not (args.no_vague and a.vague)
    ]
    if args.unreviewed_first:
        agreements.sort(key=lambda a: a.review.state != "unreviewed")  # stable: ledger order within
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
        mark = _review_mark(a)
        print(f"{a.id}  {a.type}, {a.status}{flag}  {_date(a)}{mark}")
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
    print(f"{len(agreements)} agreement(s) in {len(ctx.library)} article(s)")
    return 0


def _date(agreement: Agreement) -> str:
    """The date the text gives the agreement; else that none is given and when it was reported
    (the article's date, which the window shows in grey), never passed off as the signing date."""
    stated = agreement.when.iso() or agreement.date
    if stated:
        return stated
    reported = agreement.reported.iso()
    return f"n.d. (reported {reported})" if reported else "n.d."


def _review_mark(agreement: Agreement) -> str:
    review = agreement.review
    if review.state == "unreviewed":
        return ""
    edited = f": {', '.join(review.edited_fields)}" if review.edited_fields else ""
    note = f" — {review.note}" if review.note else ""
    return f"  [{review.state}{edited}{note}]"
