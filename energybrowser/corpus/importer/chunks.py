"""The importer's working unit: a chunk is one line-level piece of the source (a paragraph, a
heading, a list item), with the blank-line group it came from. Every source format (plain text,
Markdown, HTML) becomes a list of chunks, and the same rules then run over all of them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from energybrowser.corpus.importer.byline import parse_byline
from energybrowser.corpus.importer.vocabulary import vocabulary

ChunkKind = Literal["text", "heading", "item", "markdown", "row"]  # row: a table row, kept as is

_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[•·▪‣◦●○■□➢►▶✓✔*+\-–—]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$"
)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}(?P<marks>#{1,6})[ \t]+(?P<text>\S.*?)(?:[ \t]+#+)?[ \t]*$")
# A line in emphasis as a whole ("*Published 10 March 2025 · Compiled by the editors*").
_EMPHASIS = re.compile(r"^[ \t]*(?P<mark>\*{1,2}|_{1,2})(?P<text>[^*_\s](?:.*[^*_\s])?)(?P=mark)[ \t]*$")
_SENTENCE_END = re.compile(r"[.!?:;…\"”»)\]]$")
_BLANK = re.compile(r"^[\s\u00a0\u200b\u200c\u200d\ufeff]*$")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class Chunk:
    text: str  # plain text of the piece, whitespace folded
    kind: ChunkKind = "text"
    level: int = 0  # heading level when the source states it (Markdown, HTML)
    marker: str = ""  # list items: "-" for bullets, "3." for numbered items
    group: int = 0  # blank-line-separated group of the source it came from
    source: str = ""  # Markdown as written, for Markdown input (kept verbatim)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def normalise_text(text: str) -> str:
    """One newline style, no invisible characters, no-break spaces as spaces, no trailing blanks."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\t", "    ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def fold_spaces(text: str) -> str:
    return " ".join(text.split())


def groups_of_lines(text: str) -> list[list[str]]:
    """Blank-line-separated groups; a line of only spaces or no-break spaces counts as blank."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if _BLANK.match(line):
            if current:
                groups.append(current)
                current = []
        else:
            current.append(line)
    if current:
        groups.append(current)
    return groups


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (e-mail, plain-text exports, wire copy):
    no line longer than the width, most lines near it, and somewhere a break inside a sentence
    (a line that does not end one, followed by a lowercase word). A title above a standfirst
    ("Corridor making progress / Feasibility studies in the works.") breaks before a capital."""
    if len(lines) < 2:
        return False
    body = [line.strip() for line in lines[:-1]]
    lengths = sorted(len(line) for line in body)
    if lengths[len(lengths) // 2] < 35 or lengths[-1] > 100:
        return False
    return any(
        not _SENTENCE_END.search(line) and re.match(r"[a-z0-9,;(]", nxt.strip())
        for line, nxt in zip(body, lines[1:], strict=True)
    )


def _is_byline_line(line: str) -> bool:
    """A whole line the byline rules understand ("By Jane Doe", "12 March 2024", "Author: X").
    A line ending like a sentence ("... signed on\n12 March 2024.") is the end of wrapped prose."""
    stripped = line.strip()
    return not re.search(r"[.!?;:,]$", stripped) and parse_byline(stripped) is not None


def _header_split(lines: list[str]) -> int:
    """How many leading lines of a group are a header of their own lines: the title, byline and
    date a page states on consecutive lines ("Deal signed / By Jane Doe / 12 March 2024"). They
    run up to the last byline line; a wrapped paragraph has none (its lines break mid-sentence)."""
    last = -1
    for i, line in enumerate(lines):
        if _is_byline_line(line):
            last = i
    return last + 1


def _group_chunks(lines: list[str], group_index: int, may_wrap: bool = True) -> list[Chunk]:
    if may_wrap and _looks_hard_wrapped(lines) and not any(_BULLET.match(line) for line in lines):
        return [Chunk(fold_spaces(" ".join(lines)), group=group_index)]
    chunks: list[Chunk] = []
    item: Chunk | None = None
    item_indent = 0
    for line in lines:
        bullet = _BULLET.match(line)
        indent = len(line) - len(line.lstrip())
        if bullet:
            if item:
                chunks.append(item)
            marker = bullet["marker"]
            marker = marker if marker[0].isdigit() else "-"
            item = Chunk(fold_spaces(bullet["text"]), "item", marker=marker, group=group_index)
            item_indent = len(bullet["indent"])
            continue
        if item and indent > item_indent:
            extra = fold_spaces(line)
            # A continuation repeating the item's own last words is widget residue (avatar
            # alt text under a name), not content.
            if not item.text.endswith(extra):
                item = replace(item, text=f"{item.text} {extra}")
            continue
        if item:
            chunks.append(item)
            item = None
        heading = _ATX_HEADING.match(line)
        if heading:  # "# Caspian Energy Weekly": a text written in Markdown's way
            chunks.append(
                Chunk(fold_spaces(heading["text"]), "heading", level=len(heading["marks"]), group=group_index)
            )
            continue
        chunks.append(Chunk(fold_spaces(_EMPHASIS.sub(r"\g<text>", line)), group=group_index))
    if item:
        chunks.append(item)
    return chunks


def _unglue_stamp(text: str) -> str:
    """A capture stamp glued to the page's first line ("date 2018-10-24 Baku. 24 October. ...")
    goes on a line of its own, where the byline rules read it as the page's date."""
    labels = "|".join(re.escape(label) for label in vocabulary().date_labels)
    return re.sub(rf"\A(\s*(?i:{labels}):?[ \t]+\d{{4}}-\d{{2}}-\d{{2}})[ \t]+(?=\S)", "\\1\n", text)


def text_chunks(text: str) -> list[Chunk]:
    """Chunks of plain web text: bullet lines become items (indented lines continue them), other
    lines are paragraphs of their own unless the group is a hard-wrapped paragraph. Title, byline
    and date lines that open a group are split line by line first, so they are never taken for
    one wrapped paragraph."""
    chunks: list[Chunk] = []
    for group_index, lines in enumerate(groups_of_lines(_unglue_stamp(normalise_text(text)))):
        split = _header_split(lines)
        if split:
            chunks.extend(_group_chunks(lines[:split], group_index, may_wrap=False))
        if lines[split:]:
            chunks.extend(_group_chunks(lines[split:], group_index))
    return [c for c in chunks if c.text]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]>])")
_MD_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^(#|[-+*](?=\s)|=+$|\d{1,9}(?=[.)]\s))")


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders back to the same text."""
    # "<" and an entity-like "&" cannot be backslash-escaped in Markdown; HTML entities can.
    escaped = _MD_ENTITY_LIKE.sub("&amp;", text)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped).replace("<", "&lt;")
    m = _MD_LINE_START.match(escaped)
    if m:
        token = m.group(1)
        if token[0].isdigit():
            return f"{token}\\{escaped[len(token) :]}"
        return "\\" + escaped
    return escaped
