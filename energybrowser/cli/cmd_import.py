"""`energybrowser import PATH... [--into DIR] [--url URL]`: turn web text, Markdown and HTML into articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from energybrowser.cli import UserError
from energybrowser.corpus.importer import ImportOutcome
from energybrowser.corpus.importer.library import import_paths
from energybrowser.paths import DataPaths
from energybrowser.safe_text import one_line, path_text

NAME = "import"
HELP = "import .txt, .md and .html articles (files or folders) into an article folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders whose articles to import")
    parser.add_argument(
        "--into", metavar="DIR", help="folder to write the articles to (default: your imported articles)"
    )
    parser.add_argument(
        "--url",
        metavar="URL",
        default="",
        help="the address the one file PATH was saved from (its citation's URL; names the publisher)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was left out of each article")
    parser.add_argument(
        "-n",
        "--dry-run",
        action="store_true",
        help="write nothing; show each article's metadata and what was left out",
    )


def _describe(outcome: ImportOutcome, *, show_meta: bool) -> None:
    article = outcome.article
    if show_meta and article is not None:
        meta = article.meta
        authors = "; ".join(a.name + (" (organisation)" if a.organization else "") for a in meta.authors)
        print(f"    title: {one_line(meta.title) or '(none stated)'}")
        authors, publisher = one_line(authors) or "(none stated)", one_line(meta.publisher) or "(none stated)"
        print(f"    authors: {authors}   publisher: {publisher}")
        if meta.url:
            print(f"    url: {path_text(meta.url)}")
        print(
            f"    date: {meta.date.display()} ({meta.date_text or 'not stated'})   language: {meta.language}"
        )
        print(f"    {len(article.paragraphs)} paragraph(s), {len(article.footnotes)} footnote(s)")
    for reason, text in outcome.dropped:
        print(f"    left out ({reason}): {one_line(text, 100)}")


def run(args: argparse.Namespace) -> int:
    into = Path(args.into).expanduser() if args.into else DataPaths.resolve(args.data_dir).imported_articles
    try:
        report = import_paths(args.paths, into, dry_run=args.dry_run, url=args.url)
    except NotADirectoryError as exc:
        raise UserError(f"--into {exc}") from exc
    except ValueError as exc:  # --url: not a web address, or not one file
        raise UserError(f"--url: {exc}") from exc
    for result in report.results:
        # Names and messages as escaped text: a line break in a file name must not forge a line.
        shown, message = path_text(result.path), path_text(result.message)
        for warning in result.warnings:
            print(f"{shown}: warning: {path_text(warning)}", file=sys.stderr)
        if result.status == "imported":
            print(f"{shown} {message}")
        elif result.status == "duplicate":
            print(f"{shown}: skipped: {message}", file=sys.stderr)
        else:
            print(f"{shown}: error: {message}", file=sys.stderr)
        if (args.verbose or args.dry_run) and result.outcome and result.status == "imported":
            _describe(result.outcome, show_meta=args.dry_run)
    print(path_text(report.summary()))
    return 1 if report.failed else 0
