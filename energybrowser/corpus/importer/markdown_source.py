"""Markdown input. With front matter it is already an article and is taken as written; without,
its blocks go through the same rules as web text, keeping the Markdown they were written in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from energybrowser.corpus.importer.chunks import Chunk, groups_of_lines, normalise_text
from energybrowser.corpus.importer.dates import parse_date
from energybrowser.corpus.markdown_text import block_text
from energybrowser.corpus.model import PartialDate
from energybrowser.safe_text import one_line

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_MD_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:")
_OPENING_HEADING = re.compile(r"#[ \t]+(.+?)[ \t#]*$")


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


_DATE_ALIASES = ("published", "date_published", "datepublished", "pubdate", "publish_date")
_AUTHOR_ALIASES = ("author", "authors", "creator", "byline")


def _plain_name(value: Any) -> Any:
    """'[[Jane Doe]]' (a note-taking app's link) -> 'Jane Doe'."""
    if isinstance(value, str):
        return re.sub(r"^\[\[(.*?)(?:\|.*)?\]\]$", r"\1", value.strip())
    if isinstance(value, list):
        return [_plain_name(v) for v in value]
    return value


def opening_heading(body: str) -> str:
    """The text of a `# heading` on the body's first line, or ''."""
    m = _OPENING_HEADING.match(body.lstrip().split("\n", 1)[0])
    return m.group(1) if m else ""


def normalise_front_matter(data: dict[str, Any], filename: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Front matter written by other tools (web clippers, static-site generators) in our fields:
    `published` is the date, a date in any stated form is read (and kept as `date_text`), an
    `author` link is a name, a `source` URL is the `url` and the file becomes the source.
    A date no form reads is left empty, and the note says so: the article is not lost for it."""
    data = dict(data)
    notes: list[str] = []
    if not data.get("date"):
        for alias in _DATE_ALIASES:
            if data.get(alias):
                data["date"] = data[alias]
                break
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if isinstance(date, dt.date):
        data["date"] = date.isoformat()
    elif date:
        try:
            PartialDate.parse_iso(str(date))
        except ValueError:
            stated = parse_date(str(date))
            data["date"] = stated.date.iso() if stated else ""
            if stated is None:
                notes.append(f"date '{one_line(str(date), 60)}' is not a date it can read; left empty")
            if stated and not data.get("date_text"):
                data["date_text"] = stated.text
    if not data.get("authors"):
        for alias in _AUTHOR_ALIASES:
            if data.get(alias):
                data["authors"] = _plain_name(data[alias])
                break
    source = str(data.get("source") or "")
    if source.startswith(("http://", "https://")):
        data["url"] = data.get("url") or source
        data["source"] = filename
    data["source"] = data.get("source") or filename
    return data, tuple(notes)
