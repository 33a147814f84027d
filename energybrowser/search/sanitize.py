"""Make any string safe for the query parser, before it sees it.

Whoosh's parser recurses on nesting (thousands of parentheses raise RecursionError) and is
quadratic on one long token, so length, word length and nesting are capped here, in linear time,
and every change is reported as a note the UI can show.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

MAX_QUERY_CHARS = 400
MAX_WORDS = 32
MAX_WORD_CHARS = 64
MAX_DEPTH = 8

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[.'’]\w+)*")


@dataclass(frozen=True)
class Sanitized:
    text: str
    notes: tuple[str, ...] = ()
    literal: bool = False  # True when syntax was given up and the words are searched as they are


def strip_controls(text: str) -> str:
    return "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else c for c in text
    )


def literal_words(text: str, limit: int = MAX_WORDS) -> list[str]:
    words = []
    for m in _WORD.finditer(text):
        words.append(m.group()[:MAX_WORD_CHARS])
        if len(words) >= limit:
            break
    return words


def sanitize(raw: str) -> Sanitized:
    notes: list[str] = []
    if len(raw) > 20 * MAX_QUERY_CHARS:
        raw = raw[: 20 * MAX_QUERY_CHARS]  # bound the work below; the rest is reported next
    text = _SPACE.sub(" ", strip_controls(raw)).strip()
    if len(text) > MAX_QUERY_CHARS or len(text.split()) > MAX_WORDS:
        words = literal_words(text)
        first = "its first word is" if len(words) == 1 else f"its first {len(words)} words are"
        notes.append(f"The query is long, so {first} searched as plain words.")
        return Sanitized(" ".join(words), tuple(notes), literal=True)
    if any(len(w) > MAX_WORD_CHARS for w in text.split(" ")):
        text = " ".join(w[:MAX_WORD_CHARS] for w in text.split(" "))
        notes.append(f"Words longer than {MAX_WORD_CHARS} characters were shortened.")
    if text.count('"') % 2:
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1 :]
        notes.append("An unmatched quote was ignored.")
    text, paren_note = _balance_parentheses(text)
    if paren_note:
        notes.append(paren_note)
    return Sanitized(text.strip(), tuple(notes))


# A `name:` outside quotes that starts with a letter (not a time such as 10:30), with the spaces
# after it; a quoted part is matched first so that nothing inside quotes is touched.
_FIELD_PREFIX = re.compile(r'"[^"]*"|(?<![\w:])([^\W\d_]\w*):(\s*)')


def fields_read(text: str, known: Collection[str], shown: Collection[str]) -> tuple[str, tuple[str, ...]]:
    """Field prefixes as the user meant them: `title: gas` and `Title:gas` are `title:gas` (Whoosh
    would search the words "title" and "gas"); an unknown field (`company:SOCAR`) is left out and its
    value searched, with a note naming the fields (Whoosh would search "company" too). A name with
    nothing after it, or an address (`https://...`), stays as typed."""
    notes: list[str] = []

    def read(m: re.Match[str]) -> str:
        name = m.group(1)
        if name is None:  # a quoted phrase
            return m.group()
        rest = text[m.end() :]
        if not rest or rest.startswith("/"):
            return m.group()
        if name.lower() in known:
            return f"{name.lower()}:"
        notes.append(f"“{name}:” is not a search field ({', '.join(shown)}), so it was left out.")
        return ""

    return _FIELD_PREFIX.sub(read, text), tuple(dict.fromkeys(notes))


def _balance_parentheses(text: str) -> tuple[str, str]:
    depth = deepest = 0
    unmatched_close = False
    in_quote = False
    out = []
    for c in text:
        if c == '"':
            in_quote = not in_quote
        elif not in_quote and c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif not in_quote and c == ")":
            if depth == 0:
                unmatched_close = True
                out.append(" ")
                continue
            depth -= 1
        out.append(c)
    if deepest > MAX_DEPTH:
        flat = "".join(" " if c in "()" else c for c in text)
        return flat, f"Parentheses nested more than {MAX_DEPTH} deep were ignored."
    if depth or unmatched_close:
        return "".join(out) + ")" * depth, "Unbalanced parentheses were closed."
    return text, ""
