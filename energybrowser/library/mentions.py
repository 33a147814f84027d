"""Where an entity is mentioned across the library, with a little context for the mentions list."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Mention:
    """One mention of an entity, located for the mentions list."""

    article_id: str
    article_title: str
    paragraph: int | None
    start: int
    end: int
    context: str  # the mention with some words either side
    untitled: bool = False  # article_title is the article's opening words, not a stated title


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The mention with about `width` characters either side, cut at word boundaries."""
    return context_in_slice(text, 0, len(text), start, end, width)


def context_in_slice(
    piece: str, offset: int, total: int, start: int, end: int, width: int = CONTEXT_CHARS
) -> str:
    """As `context_around`, given only `piece` = text[offset:offset + len(piece)] of a text
    `total` characters long (the catalogue cuts the slice out, so the whole text is not read)."""
    left = max(0, start - width)
    right = min(total, end + width)
    local_left, local_start = left - offset, start - offset
    local_end, local_right = end - offset, right - offset
    if left > 0:
        space = piece.find(" ", local_left, local_start)
        local_left = space + 1 if space != -1 else local_left
    if right < total:
        space = piece.rfind(" ", local_end, local_right)
        local_right = space if space != -1 else local_right
    snippet = " ".join(piece[max(0, local_left) : local_right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < total else "")
