"""Shared helpers for the reader tests: fixture articles and a reader of rendered HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from energybrowser.corpus.markdown_io import parse_article
from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan
from tests.conftest import FIXTURES

READER_FIXTURES = FIXTURES / "reader"


def load(name: str) -> Article:
    return parse_article((READER_FIXTURES / f"{name}.md").read_text(encoding="utf-8"), name)


def span(article: Article, phrase: str, canonical: str, kind: str, nth: int = 0) -> EntitySpan:
    """An entity span on the `nth` occurrence of `phrase` in the article's text."""
    starts = [m.start() for m in re.finditer(re.escape(phrase), article.text)]
    start = starts[nth]
    return EntitySpan(phrase, canonical, kind, start, start + len(phrase), article.paragraph_at(start))


class StyledText(HTMLParser):
    """Collects the body text of rendered HTML with the innermost style/href/anchors over each char."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[tuple[str, str, str]] = []  # (char, style, href)
        self.anchors: dict[str, int] = {}  # anchor name -> index in chars where it stands
        self.tags: list[str] = []
        self._stack: list[tuple[str, str, str]] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("name"):
            self.anchors[a["name"] or ""] = len(self.chars)
        if tag in ("br", "hr", "img", "input"):
            return
        outer_style, outer_href = (self._stack[-1][1], self._stack[-1][2]) if self._stack else ("", "")
        self._stack.append((tag, a.get("style") or outer_style, a.get("href") or outer_href))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        style, href = (self._stack[-1][1], self._stack[-1][2]) if self._stack else ("", "")
        self.chars.extend((c, style, href) for c in data)

    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)

    def text_where(self, predicate) -> str:  # type: ignore[no-untyped-def]
        return "".join(c if predicate(s, h) else "|" for c, s, h in self.chars)


def styled(html: str) -> StyledText:
    parser = StyledText()
    parser.feed(html)
    parser.close()
    return parser


def runs(parser: StyledText, predicate) -> list[str]:  # type: ignore[no-untyped-def]
    """Maximal runs of characters whose (style, href) satisfy `predicate`."""
    return [r for r in parser.text_where(predicate).split("|") if r]


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "form", "input", "link", "meta", "frame"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            lowered = (value or "").lower().replace(" ", "")
            if name.startswith("on") or name in ("src", "srcset", "action", "background"):
                self.problems.append(f"{tag} {name}")
            if name == "href" and not lowered.startswith(("#", "http://", "https://", "entity:")):
                self.problems.append(f"{tag} href={value}")
            if name == "style" and any(p in lowered for p in ("position", "font-size", "display", "url(")):
                self.problems.append(f"{tag} style={value}")


def unsafe_markup(html: str) -> list[str]:
    """Tags and attributes that could load, run or disguise something (text content is fine)."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.problems
