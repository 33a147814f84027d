"""The body: paragraphs, headings and list items as Markdown; furniture and captions left out."""

from __future__ import annotations

import re
from collections.abc import Callable

from energybrowser.corpus.importer.chunks import Chunk, escape_markdown
from energybrowser.corpus.importer.footnotes import with_footnote_refs
from energybrowser.corpus.importer.furniture import is_short_line
from energybrowser.corpus.importer.headings import heading_or_caption, only_names, proper_names
from energybrowser.corpus.importer.state import ImportState


def _following_texts(state: ImportState, body: list[Chunk]) -> list[str]:
    """For each chunk, the text of the next chunk that is prose (one backward pass)."""
    following = [""] * len(body)
    upcoming = ""
    for i in range(len(body) - 1, -1, -1):
        following[i] = upcoming
        chunk = body[i]
        prose = chunk.kind in ("text", "item", "markdown") and not is_short_line(chunk.text)
        if prose and not state.furniture(chunk.text):
            upcoming = chunk.text
    return following


MIN_NAME_SECTIONS = 3  # this many bare-name lines make a layout of sections, not captions


def _bare_name_line(chunk: Chunk, names: frozenset[str]) -> bool:
    return is_short_line(chunk.text) and only_names(chunk.text, names)


def body_markdown(state: ImportState, body: list[Chunk]) -> list[str]:
    labels = {label for label, _ in state.notes}
    names = proper_names(c.text for c in body if not is_short_line(c.text))
    name_lines = sum(1 for c in body if c.kind in ("text", "markdown") and _bare_name_line(c, names))
    escape: Callable[[str], str] = escape_markdown
    blocks: list[str] = []
    previous_group: int | None = None
    following = _following_texts(state, body)
    for i, chunk in enumerate(body):
        if reason := state.furniture(chunk.text):
            state.drop(reason, chunk)
            continue
        single_line = "\n" not in chunk.source.strip()
        if chunk.kind == "heading":
            block = "#" * max(chunk.level, 2) + " " + escape(chunk.text)
        elif chunk.kind in ("text", "markdown") and is_short_line(chunk.text) and single_line:
            if (
                heading_or_caption(
                    chunk.text, following[i], names, name_sections=name_lines >= MIN_NAME_SECTIONS
                )
                == "caption"
            ):
                state.drop("image caption", chunk)
                continue
            block = "## " + (chunk.source.strip().lstrip("#").strip() if chunk.source else escape(chunk.text))
        elif chunk.kind == "markdown":
            block = _markdown_refs(chunk.source.strip(), labels)
        elif chunk.kind == "item" and _lone_numbered_title(body, i):
            block = "## " + escape(f"{chunk.marker} {chunk.text}")
        elif chunk.kind == "item":
            block = f"{chunk.marker} " + with_footnote_refs(chunk.text, labels, lambda t: escape(" " + t)[1:])
            if blocks and previous_group == chunk.group and re.match(r"^(?:-|\d+\.) ", blocks[-1]):
                blocks[-1] += "\n" + block  # items of one source list stay one Markdown list
                previous_group = chunk.group
                continue
        else:
            block = with_footnote_refs(chunk.text, labels, escape)
        blocks.append(block)
        previous_group = chunk.group
    return blocks


def _lone_numbered_title(body: list[Chunk], i: int) -> bool:
    """'2. Background' alone in its group and followed by prose: a numbered section heading."""
    chunk = body[i]
    if not chunk.marker[:-1].isdigit() or not is_short_line(chunk.text):
        return False
    neighbours = [c for c in body[max(i - 1, 0) : i + 2] if c is not chunk and c.group == chunk.group]
    following = body[i + 1] if i + 1 < len(body) else None
    return not neighbours and following is not None and following.kind in ("text", "markdown")


def _markdown_refs(source: str, labels: set[str]) -> str:
    if not labels:
        return source
    return re.sub(
        r"\\?\[(\d{1,3})\\?\](?![(:\[])",
        lambda m: f"[^{m.group(1)}]" if m.group(1) in labels else m.group(0),
        source,
    )
