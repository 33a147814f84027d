"""Exports that describe the whole article (BibTeX, RIS, CSL-JSON) and the Markdown reference."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from energybrowser.citations.bibtex import to_bibtex, to_bibtex_many
from energybrowser.citations.csl_json import to_csl_json
from energybrowser.citations.formatted import format_csl
from energybrowser.citations.ris import to_ris
from energybrowser.citations.styles import style_info
from energybrowser.corpus.model import Article

if TYPE_CHECKING:
    from energybrowser.citations.citing import Citation

# Characters Markdown could read as markup, escaped in a way both CommonMark and Python-Markdown
# honour: a backslash where both accept one, an entity for "<" and "~" (GFM strikethrough), which
# Python-Markdown does not let a backslash escape. "#" matters only at the start of a line.
_MD_SPECIALS = re.compile(r"([\\`*_\[\]>]|^#)")
_MD_ENTITIES = {"<": "&lt;", "~": "&#126;"}
# A line that starts like a list item ("1. ", "- ", "+ ") or a rule ("---") would become one.
_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+])")
_ITALIC = re.compile(r"<i>(.*?)</i>")
_TAG = re.compile(r"<[^>]+>")


_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def markdown_escape(text: str) -> str:
    """Backslash the characters Markdown would read as markup; an "&" that would start an entity
    ("&amp;" in a title) is written as an entity itself."""
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _MD_SPECIALS.sub(r"\\\1", text)
    text = _LIST_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)
    return "".join(_MD_ENTITIES.get(ch, ch) for ch in text)


def _html_to_markdown(fragment: str, url: str) -> str:
    """citeproc's HTML (text escaped, `<i>` for italics) as Markdown; the URL becomes a link."""
    pieces: list[str] = []
    pos = 0
    for m in _ITALIC.finditer(fragment):
        pieces.append(_plain_markdown(fragment[pos : m.start()], url))
        pieces.append("*" + _plain_markdown(m.group(1), url) + "*")
        pos = m.end()
    pieces.append(_plain_markdown(fragment[pos:], url))
    return "".join(pieces)


def _plain_markdown(fragment: str, url: str) -> str:
    text = html.unescape(_TAG.sub("", fragment))
    if url and url in text:
        before, _, after = text.partition(url)
        return markdown_escape(before) + _link(url) + markdown_escape(after)
    return markdown_escape(text)


def _link(url: str) -> str:
    # An angle-bracket destination allows parentheses and most characters; spaces and brackets are encoded.
    target = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{markdown_escape(url)}](<{target}>)"


def to_markdown(article: Article, quote: str = "", locator: tuple[str, str] | None = None) -> str:
    """An APA 7 reference in Markdown with its URL linked; with a quote, a block quote and its citation."""
    record = to_csl_json(article)
    apa = style_info("apa")
    url = record.get("URL", "")
    entry = _html_to_markdown(format_csl(apa, record, "reference", article=article).html, url)
    if not quote and not locator:
        return entry + "\n"
    cited = _html_to_markdown(format_csl(apa, record, "citation", locator, article=article).html, "")
    if not quote:
        return f"{cited}\n\n{entry}\n"
    return f"> {markdown_escape(quote)}\n>\n> — {cited}\n\n{entry}\n"


def export(
    article: Article, style: str, quote: str = "", locator: tuple[str, str] | None = None, note: str = ""
) -> Citation:
    """`style` is an export id; `note` (the agreement a citation is about) goes into the record's note."""
    from energybrowser.citations.citing import Citation

    if style == "bibtex":
        return Citation(to_bibtex(article, note=note))
    if style == "ris":
        return Citation(to_ris(article, note))
    if style == "csl-json":
        return Citation(json.dumps([to_csl_json(article, note)], ensure_ascii=False, indent=2) + "\n")
    if style == "markdown":
        return Citation(to_markdown(article, quote, locator))
    raise ValueError(f"not an export style: {style}")


def export_many(articles: Iterable[Article], style: str) -> str:
    """Several articles in one BibTeX, RIS or CSL-JSON file, in article-id order; BibTeX keys are made
    unique across them (see `citation_keys`)."""
    ordered = sorted(articles, key=lambda a: a.id)
    if style == "bibtex":
        return to_bibtex_many(ordered)
    if style == "ris":
        return "\r\n".join(to_ris(a) for a in ordered)
    if style == "csl-json":
        return json.dumps([to_csl_json(a) for a in ordered], ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"'{style}' is not a file export (choose bibtex, ris or csl-json)")
