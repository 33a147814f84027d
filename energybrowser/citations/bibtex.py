"""BibTeX/biblatex export: one `@online` or `@article` entry with escaped fields and a stable key.

Keys follow the common Better BibTeX shape `<family><year><first title word>` (`kizilay2023socar`),
folded to ASCII; `citation_keys` makes them unique across a set of articles with a, b, c … suffixes
assigned in article-id order, so the same corpus always yields the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from energybrowser.citations.csl_json import citation_tables, to_csl_json, untitled_description
from energybrowser.corpus.importer.vocabulary import vocabulary
from energybrowser.corpus.model import Article
from energybrowser.safe_text import strip_controls

# Characters with a meaning in (La)TeX, as text-mode commands both BibTeX and biber accept.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
# BibTeX counts every brace, escaped or not: a lone `\{` leaves the field open and swallows the
# fields after it. Braces that pair up are written `\{ \}` (what every decoder reads); a brace without
# its partner is written as a command with balanced braces of its own.
_UNPAIRED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def _unpaired_braces(text: str) -> set[int]:
    """Positions of the braces in `text` that have no partner."""
    opened: list[int] = []
    lone: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                lone.add(i)
    return lone | set(opened)


def latex_escape(text: str) -> str:
    """Escape TeX specials; non-ASCII letters stay as they are (biblatex and BibTeX 0.99d read UTF-8)."""
    text = " ".join(strip_controls(text).split())
    lone = _unpaired_braces(text)

    def escape(m: re.Match[str]) -> str:
        char = m.group(0)
        return _UNPAIRED[char] if m.start() in lone else _LATEX_SPECIALS[char]

    return _SPECIAL_RE.sub(escape, text)


_UNDECOMPOSED: dict[str, str | int | None] = {
    "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i",
}  # fmt: skip


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of `text`: Cyrillic and Turkic letters romanised with the
    importer's table (the one article ids use), accents dropped."""
    table = vocabulary().transliteration
    text = "".join(table.get(c, table.get(c.lower(), c)) if not c.isascii() else c for c in text)
    # A few Latin letters have no decomposition either.
    text = text.translate(str.maketrans(_UNDECOMPOSED))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _first_word(name: str) -> str:
    return next((w for w in (_ascii_word(p) for p in re.split(r"[\s\-]+", name)) if w), "")


def base_key(article: Article) -> str:
    """`<who><year><word>`: the first author's family name (an organisation's or, with no author,
    the publisher's first word), the year or "nd", the first significant title word."""
    record = to_csl_json(article)
    authors = record.get("author") or []
    if authors:
        first = authors[0]
        who = _ascii_word(first["family"]) if "family" in first else _first_word(first.get("literal", ""))
    else:
        who = _first_word(record.get("container-title") or record.get("publisher") or "")
    year = str(article.meta.date.year) if article.meta.date.year else "nd"
    title_words = [_ascii_word(w) for w in re.split(r"[\s\-–—/:]+", article.meta.title)]
    skip = citation_tables().key_skip_words
    word = next((w for w in title_words if len(w) > 2 and w not in skip), "")
    if who:
        return f"{who}{year}{word}"
    if word:
        return f"{word}{year}"
    return (_ascii_word(article.id)[:30] or "article") + year


def citation_keys(articles: Iterable[Article]) -> dict[str, str]:
    """Article id → unique key; clashes get a, b, c … in article-id order."""
    ordered = sorted(articles, key=lambda a: a.id)
    groups: dict[str, list[Article]] = {}
    for article in ordered:
        groups.setdefault(base_key(article), []).append(article)
    keys: dict[str, str] = {}
    for key, group in groups.items():
        if len(group) == 1:
            keys[group[0].id] = key
            continue
        for i, article in enumerate(group):
            keys[article.id] = key + _suffix(i)
    return keys


def _suffix(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


_AND = re.compile(r"(?i)(?:^|\s)and(?:\s|$)")


def _keep_whole(part: str) -> str:
    """A name part holding the word "and" ("Ann and Bob") in braces: BibTeX splits names at every
    "and" outside braces, so "Smith, Ann and Bob" would be two authors."""
    return "{" + part + "}" if _AND.search(part) else part


def _names(record: dict[str, Any]) -> str:
    parts = []
    for name in record.get("author") or []:
        if "literal" in name:
            parts.append("{" + latex_escape(name["literal"]) + "}")  # braces keep an organisation whole
        else:
            family = latex_escape(name["family"])
            if " " in family:
                family = "{" + family + "}"
            given = _keep_whole(latex_escape(name.get("given", "")))
            suffix = _keep_whole(latex_escape(name.get("suffix", "")))
            parts.append(", ".join(p for p in (family, suffix, given) if p))
    return " and ".join(parts)


def url_field(url: str) -> str:
    """URLs are verbatim in biblatex (no TeX escaping); only characters that would unbalance the
    field or end it are percent-encoded."""
    return "".join(f"%{ord(c):02X}" if c in '{}\\ \t\n"' else c for c in url.strip())


def _date(parts: list[int]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def to_bibtex(article: Article, key: str | None = None, note: str = "") -> str:
    """A biblatex entry: `@article` for newspaper and magazine pieces, `@report`, else `@online`."""
    record = to_csl_json(article, note)
    kind = record["type"]
    entry_type = {"article-newspaper": "article", "article-magazine": "article", "report": "report"}.get(
        kind, "online"
    )
    fields: list[tuple[str, str]] = []
    authors = _names(record)
    if authors:
        fields.append(("author", authors))
    # An untitled article gets the bracketed description the formatted styles print, so reference
    # managers show the same words. Double braces keep the capitalisation under BibTeX styles that
    # lower-case titles.
    title = record.get("title") or untitled_description()
    fields.append(("title", "{" + latex_escape(title) + "}"))
    container = record.get("container-title", "")
    if container:
        # `journal` is classic BibTeX's field and biblatex's alias of journaltitle: one field serves both.
        fields.append(("journal" if entry_type == "article" else "organization", latex_escape(container)))
    if record.get("publisher"):
        fields.append(("institution", latex_escape(record["publisher"])))
    issued = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if issued:
        fields.append(("date", _date(issued)))
        fields.append(("year", str(issued[0])))
        if len(issued) > 1:
            fields.append(("month", str(issued[1])))
    if entry_type == "report":
        fields.append(("type", "Report"))
    if record.get("URL"):
        fields.append(("url", url_field(record["URL"])))
    accessed = (record.get("accessed") or {}).get("date-parts", [[]])[0]
    if accessed:
        fields.append(("urldate", _date(accessed)))
    if record.get("language"):
        fields.append(("langid", latex_escape(record["language"])))
    if record.get("note"):
        fields.append(("note", latex_escape("; ".join(record["note"].split("\n")))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key or base_key(article)},\n{body}\n}}\n"


def to_bibtex_many(articles: Iterable[Article]) -> str:
    articles = list(articles)
    keys = citation_keys(articles)
    return "\n".join(to_bibtex(a, keys[a.id]) for a in sorted(articles, key=lambda a: a.id))
