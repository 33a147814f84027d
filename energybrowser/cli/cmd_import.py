"""`energybrowser import PATH... [--into DIR]`: turn web text, Markdown and HTML into articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from energybrowser.cli import UserError
from energybrowser.corpus.importer import convert_file
from energybrowser.corpus.importer.files import IMPORTABLE_SUFFIXES
from energybrowser.corpus.importer.library import TargetFolder, with_id
from energybrowser.paths import DataPaths

NAME = "import"
HELP = "import .txt, .md and .html articles (files or folders) into an article folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders whose articles to import")
    parser.add_argument(
        "--into", metavar="DIR", help="folder to write the articles to (default: your imported articles)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was left out of each article")


def _inputs(raw: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files named by one PATH argument, and the entries refused with a reason."""
    path = Path(raw).expanduser()
    if not path.exists():
        return [], [(path, "no such file or folder")]
    if not path.is_dir():
        return [path], []
    root = path.resolve()
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith(".") or entry.suffix.lower() not in IMPORTABLE_SUFFIXES:
            continue
        if ".." in entry.name:
            refused.append((entry, "file name contains '..'"))
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(root):
            refused.append((entry, "symbolic link to outside the folder; not followed"))
            continue
        if entry.is_file():
            files.append(entry)
    return files, refused


def _say(path: Path, message: str) -> None:
    print(f"{path}: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    into = Path(args.into).expanduser() if args.into else DataPaths.resolve(args.data_dir).imported_articles
    if into.exists() and not into.is_dir():
        raise UserError(f"--into {into} is not a folder")
    target = TargetFolder.scan(into)
    imported = skipped = failed = 0
    for raw in args.paths:
        files, refused = _inputs(raw)
        for path, reason in refused:
            _say(path, f"error: {reason}")
            failed += 1
        for path in files:
            outcome = convert_file(path)
            for note in outcome.notes:
                _say(path, f"warning: {note}")
            if outcome.article is None:
                _say(path, f"error: {outcome.error}; nothing imported")
                failed += 1
                continue
            article = outcome.article
            duplicate = target.duplicate_of(article)
            if duplicate:
                _say(path, f"skipped: same text as {duplicate}, already in {into}")
                skipped += 1
                continue
            new_id = target.unique_id(article.id)
            if new_id != article.id:
                _say(path, f"note: id '{article.id}' is taken in {into}; saved as '{new_id}'")
                article = with_id(article, new_id)
            try:
                written = target.write(article)
            except OSError as exc:
                _say(path, f"error: cannot write to {into}: {exc.strerror or exc}")
                failed += 1
                continue
            imported += 1
            print(f"{path} -> {written}")
            if args.verbose:
                for reason, text in outcome.dropped:
                    print(f"    left out ({reason}): {text[:100]}")
    print(f"imported {imported}, skipped {skipped} duplicate(s), failed {failed} -> {into}")
    return 1 if failed else 0
