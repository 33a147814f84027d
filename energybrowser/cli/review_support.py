"""What the `review` and `agreements` commands share: the library with its curation opened, the
reviewed ledger, and finding an agreement or a quoted sentence a user names."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from energybrowser.agreements.model import Agreement
from energybrowser.cli import UserError
from energybrowser.cli.common import analysed, library_from_args
from energybrowser.corpus.model import Article
from energybrowser.curation.apply import ReviewedLedger, apply_reviews
from energybrowser.curation.records import AgreementReview
from energybrowser.curation.service import Curation
from energybrowser.curation.store import CurationFormatError
from energybrowser.library import Library
from energybrowser.paths import DataPaths


@dataclass
class ReviewContext:
    library: Library
    curation: Curation
    paths: DataPaths
    # The curation when the command began, when the window's ledger rows were current then: after
    # a review the rows it touched are written again (see `keep_ledger_rows`).
    began: tuple[int, tuple[object, ...], tuple[AgreementReview, ...]] | None = None

    def keep_ledger_rows(self) -> None:
        """The reviews changed: the ledger rows a window shows (and the next start reads) follow,
        only those the reviews touched. Other changes (metadata, corrections) leave the rows to be
        worked out again by the window."""
        if self.began is None:
            return
        generation, signature, reviews = self.began
        now = self.curation.store.signature()
        if now == signature or now[1:] != signature[1:] or self.library.catalogue.generation != generation:
            return  # nothing changed, or more than the reviews (an analysis, metadata, corrections)
        library = self.library
        extracted, groups = library.agreements(), library.groups()
        before = apply_reviews(extracted, reviews, self.curation.article, groups)
        library.update_ledger_rows(before, library.reviewed_ledger())

    def article(self, article_id: str) -> Article:
        article = self.library.get(article_id)
        if article is None:
            close = difflib.get_close_matches(article_id, self.library.ids(), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UserError(f"no article with id '{article_id}'{hint}")
        return article

    def ledger(self, *, groups: bool = True) -> ReviewedLedger:
        """The reviewed ledger; without `groups`, as the stored ledger rows hold it when they are
        current (the window wrote them: nothing is grouped or reviewed again here)."""
        library = analysed(self.library, quiet=True)
        stored = None if groups else library.stored_reviewed_ledger()
        return stored if stored is not None else library.reviewed_ledger()

    def agreement(self, agreement_id: str, ledger: ReviewedLedger | None = None) -> Agreement:
        ledger = ledger or self.ledger()
        found = ledger.get(agreement_id)
        if found is None:
            ids = [a.id for a in ledger.agreements]
            close = difflib.get_close_matches(agreement_id, ids, n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else " (see `energybrowser agreements`)"
            raise UserError(f"no agreement with id '{agreement_id}'{hint}")
        return found


_opened: list[ReviewContext] = []


def open_context(args: argparse.Namespace) -> ReviewContext:
    library = library_from_args(args)  # the user's gazetteer is laid over the bundled one
    try:
        curation = library.curation
    except CurationFormatError as exc:
        raise UserError(str(exc)) from exc
    context = ReviewContext(library, curation, library.paths)
    if library.ledger_rows_current():
        began = (library.catalogue.generation, curation.store.signature(), tuple(curation.store.reviews()))
        context.began = began
    _opened[:] = [context]  # one command, one library
    return context


def opened_contexts() -> list[ReviewContext]:
    """The library the running command opened (a writing command backs up its user data)."""
    return list(_opened)


def find_quote(article: Article, quote: str) -> tuple[int, int]:
    """The offsets of `quote` in the article's text: it must appear there exactly once."""
    words = " ".join(quote.split())
    if not words:
        raise UserError("the quote is empty")
    text = article.text
    at = text.find(words)
    if at == -1:
        raise UserError(f"'{_short(words)}' is not in {article.id} (quote its words exactly)")
    if text.find(words, at + 1) != -1:
        raise UserError(f"'{_short(words)}' appears more than once in {article.id}; quote more words")
    return at, at + len(words)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_json_arg(value: str) -> Any:
    """JSON from text, from a file, or from standard input ('-')."""
    try:
        if value == "-":
            return json.load(sys.stdin)
        if value.lstrip().startswith(("{", "[")):
            return json.loads(value)
        return json.loads(Path(value).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"cannot read {value}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise UserError(f"not valid JSON ({exc})") from exc


def parse_sets(pairs: list[str] | None) -> dict[str, str]:
    """`--set field=value` options as a mapping (a list as 'a; b')."""
    values: dict[str, str] = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--set takes FIELD=VALUE, not '{pair}'")
        values[name.strip()] = value
    return values
