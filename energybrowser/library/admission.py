"""Which articles a library shows and under which id: one rule for the library's entries and for
the listing read straight from the catalogue (`listing`), so the two can never disagree."""

from __future__ import annotations

from collections.abc import Iterable

from energybrowser.corpus.loader import unique_id

DUPLICATE = "same text as an article already loaded; skipped"


def library_order(origin: str, path: str) -> tuple[bool, str]:
    """Corpus articles first, then the imported ones, each by file name."""
    return (origin != "corpus", path)


def admit(rows: Iterable[tuple[str, str, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """From each row's (origin, text hash, id), in library order: the rows shown, as (position, id
    shown), and what was said of the others, as (position, message). An imported article whose
    text the library holds already is skipped; an id taken by an earlier article gets a numbered
    one (`unique_id`)."""
    shown: list[tuple[int, str]] = []
    said: list[tuple[int, str]] = []
    taken: set[str] = set()
    texts: set[str] = set()
    for position, (origin, text_hash, article_id) in enumerate(rows):
        if origin == "imported" and text_hash in texts:
            said.append((position, DUPLICATE))
            continue
        shown_id = article_id
        if article_id in taken:
            shown_id = unique_id(article_id, taken)
            said.append((position, f"id '{article_id}' is taken; loaded as '{shown_id}'"))
        taken.add(shown_id)
        texts.add(text_hash)
        shown.append((position, shown_id))
    return shown, said
