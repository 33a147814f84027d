"""Markdown blocks to HTML and to plain text, one rule shared by the text model and the reader.

A block's plain text is the text of its rendered HTML with whitespace folded and footnote markers
(`<sup class="fnref">`) left out. The reader walks the same HTML with the same rule, so offsets
into `Article.text` land on the right characters when it highlights.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_MARKUP_CHARS = re.compile(r"[*_`\[\]<>&\\!#|~]")
_LIST_MARKER = re.compile(r"^[ \t]{0,3}(?:[-+]|\d{1,9}[.)])[ \t]")
_WS = re.compile(r"\s+")
FNREF_CLASS = "fnref"

_md = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def fold_whitespace(text: str) -> str:
    return _WS.sub(" ", text).strip()


def block_html(source: str) -> str:
    """HTML of one Markdown block; footnote references become marked superscripts."""
    placeholders: dict[str, str] = {}

    def stash(m: re.Match[str]) -> str:
        key = f"\ue000fn{len(placeholders)}\ue001"  # private-use marks Markdown leaves alone
        label = html.escape(m.group(1))
        placeholders[key] = (
            f'<sup class="{FNREF_CLASS}"><a href="#fn-{label}" id="fnref-{label}">{label}</a></sup>'
        )
        return key

    prepared = FOOTNOTE_REF.sub(stash, source)
    _md.reset()
    rendered = _md.convert(prepared)
    for key, value in placeholders.items():
        rendered = rendered.replace(key, value)
    return rendered


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            self._skip_depth += tag not in _VOID
            return
        if FNREF_CLASS in (dict(attrs).get("class") or "").split():
            self._skip_depth = 1
        elif tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}


def html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return fold_whitespace("".join(collector.parts))


def block_text(source: str) -> str:
    """Plain text of one Markdown block (fast path when it holds no Markdown markup)."""
    if not _MARKUP_CHARS.search(source) and not _LIST_MARKER.match(source):
        return fold_whitespace(source)
    return html_to_text(block_html(source))
