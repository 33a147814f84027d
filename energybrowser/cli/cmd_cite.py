"""`energybrowser cite ARTICLE_ID --style STYLE [--paragraph N] [--quote TEXT] [--html]`."""

from __future__ import annotations

import argparse
import sys

from energybrowser.citations import STYLES, CitationError, UnknownStyleError, cite, style_info
from energybrowser.cli import UserError
from energybrowser.cli.review_support import open_context

NAME = "cite"
HELP = "print a citation of an article (or of a passage of it) in a citation style or export format"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "article_id", metavar="ARTICLE_ID", help="the article's id (see `energybrowser corpus list`)"
    )
    parser.add_argument(
        "--style", default="apa", metavar="STYLE", help=f"one of: {', '.join(STYLES)} (default apa)"
    )
    parser.add_argument("--paragraph", type=int, metavar="N", help="cite paragraph N (a 'para. N' locator)")
    parser.add_argument(
        "--quote", metavar="TEXT", help="quote TEXT from the article, followed by its citation"
    )
    parser.add_argument(
        "--html", action="store_true", help="print HTML (italics as <i>) instead of plain text"
    )


def run(args: argparse.Namespace) -> int:
    if args.style not in STYLES:
        raise UserError(f"unknown style '{args.style}' (choose from {', '.join(STYLES)})")
    takes_passage = style_info(args.style).passages
    if not takes_passage and (args.paragraph is not None or args.quote is not None):
        raise UserError(f"{args.style} describes the whole article; --paragraph and --quote do not apply")
    ctx = open_context(args)
    article = ctx.article(args.article_id)  # with the metadata the analyst corrected, as if stated
    try:
        citation = cite(article, args.style, paragraph=args.paragraph, quote=args.quote)
    except (CitationError, UnknownStyleError) as exc:
        raise UserError(str(exc)) from None
    text = citation.html if args.html and citation.html else citation.text
    text = text.replace("\r\n", "\n")
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
