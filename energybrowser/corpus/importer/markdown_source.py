"""Markdown input. With front matter it is already an article and is taken as written; without,
its blocks go through the same rules as web text, keeping the Markdown they were written in."""

from __future__ import annotations

import re

from energybrowser.corpus.importer.chunks import Chunk, groups_of_lines, normalise_text
from energybrowser.corpus.markdown_text import block_text

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_MD_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:")


def markdown_chunks(text: str) -> tuple[list[Chunk], list[str]]:
    """Chunks of a Markdown body, and its footnote definitions (kept verbatim)."""
    chunks: list[Chunk] = []
    notes: list[str] = []
    for index, lines in enumerate(groups_of_lines(normalise_text(text))):
        if _MD_FOOTNOTE.match(lines[0]):
            current: list[str] = []
            for line in lines:
                if _MD_FOOTNOTE.match(line) and current:
                    notes.append(" ".join(current))
                    current = []
                current.append(line.strip())
            notes.append(" ".join(current))
            continue
        if len(lines) == 2 and _SETEXT.match(lines[1]) and not lines[0].startswith(("-", "*", "#")):
            level = 1 if lines[1].startswith("=") else 2
            chunks.append(Chunk(block_text(lines[0]), "heading", level=level, group=index, source=lines[0]))
            continue
        rest: list[str] = []
        for line in lines:
            m = _ATX.match(line)
            if m:
                if rest:
                    chunks.append(_block(rest, index))
                    rest = []
                chunks.append(Chunk(block_text(m.group(2)), "heading", level=len(m.group(1)), group=index))
            else:
                rest.append(line)
        if rest:
            chunks.append(_block(rest, index))
    return [c for c in chunks if c.text], notes


def _block(lines: list[str], group: int) -> Chunk:
    source = "\n".join(lines)
    return Chunk(block_text(source), "markdown", group=group, source=source)
