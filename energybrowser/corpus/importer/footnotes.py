"""Numbered notes of web text ('...in April 2023.[2]' and '[2] "Title", Outlet, URL, (Date of
Accession: ...)' at the end) as real Markdown footnotes: `[^2]` in the text, `[^2]: ...` below."""

from __future__ import annotations

import re
from collections.abc import Callable

DEFINITION = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
_MARKER = re.compile(r"\[(\d{1,3})\]")


def footnote_definition(text: str) -> tuple[str, str] | None:
    """('2', 'Title, Outlet, URL') for a note line, else None."""
    m = DEFINITION.match(text.strip())
    return (m.group(1), m.group(2).strip()) if m else None


def with_footnote_refs(text: str, labels: set[str], escape: Callable[[str], str]) -> str:
    """Escape `text` as Markdown and turn its '[n]' markers into footnote references when note n
    exists; a bracketed number without a note stays literal text."""
    pieces: list[str] = []
    last = 0
    for m in _MARKER.finditer(text):
        if m.group(1) not in labels:
            continue
        pieces.append(
            escape(text[last : m.start()]) if last == 0 else _escape_inline(text[last : m.start()], escape)
        )
        pieces.append(f"[^{m.group(1)}]")
        last = m.end()
    if last == 0:
        return escape(text)
    pieces.append(_escape_inline(text[last:], escape))
    return "".join(pieces)


def _escape_inline(text: str, escape: Callable[[str], str]) -> str:
    # Mid-line text must not get line-start escapes ("1." is not a list there); a leading space
    # keeps `escape` from treating it as the start of a line.
    return escape(" " + text)[1:] if text else ""


def definitions_markdown(notes: list[tuple[str, str]], escape: Callable[[str], str]) -> str:
    return "\n".join(f"[^{label}]: {escape(' ' + body)[1:]}" for label, body in notes)
