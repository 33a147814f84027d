"""HTML input, parsed by lxml into a tree: the page's blocks as chunks, and what its head states
(title, author, site, date, URL, language) as hints.

The tree is lxml's (libxml2's HTML parser: linear on tag soup, fast, well kept), put right where
libxml2 follows HTML 4 rather than what browsers do: HTML5 void elements (`<embed>`, `<source>`…)
never hold content, and a media element left open (`<video>` before the article's paragraphs)
gives back the blocks it swallowed. The tree is then walked as a stream of start, text and end
events by the reader below, which decides what is article text. libxml2 stops at 2,048 levels of
nesting and drops the rest; such a page is read by the standard library's stream parser instead
(iterative, kept linear by `html_guard`), as it was before.

Scripts, styles, navigation, headers, footers, asides, forms, iframes and figures are left out, as
is any element whose class or id names furniture (share bars, comments, cookie banners; the words
are data in `resources/importer/furniture.yaml`). Headers are still read for metadata: the page's
`<h1>`, `<time datetime>` and `rel=author` link often stand there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from energybrowser.corpus.html_guard import defuse_unclosed_tags
from energybrowser.corpus.importer.byline import is_organization, looks_like_name
from energybrowser.corpus.importer.chunks import Chunk, fold_spaces
from energybrowser.corpus.importer.convert import Hints
from energybrowser.corpus.importer.dates import StatedDate, parse_date
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.model import Author

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
     "svg", "button", "select", "textarea", "figure", "figcaption", "object", "embed", "video", "audio",
     "canvas", "map", "dialog", "menu"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "div", "section",
     "article", "main", "tr", "table", "ul", "ol", "dl", "address", "body", "html", "hr"}
)  # fmt: skip
_VOID = frozenset(
    {"br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "source", "track", "embed",
     "param", "keygen", "frame", "basefont", "isindex"}
)  # fmt: skip
# Media whose content is a fallback for old browsers; left open, they would swallow the article.
_MEDIA = frozenset({"video", "audio", "object", "canvas", "picture"})
_HOISTED_BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                             "ul", "ol", "table", "blockquote", "pre", "dl"})  # fmt: skip
_NEVER_FURNITURE = frozenset({"html", "body", "article", "main"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
_CLASS_SPLIT = re.compile(r"[\s_-]+")
# Meta names that state the site's or publisher's name ("application-name": as browsers pin the site).
_SITE_KEYS = frozenset(("application-name", "publisher", "dc.publisher", "citation_publisher"))
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class _Meta:
    page_title: str = ""
    og_title: str = ""
    ld_title: str = ""
    h1: str = ""
    site: str = ""
    outlet: str = ""  # a JSON-LD NewsMediaOrganization's name: the site's when nothing else names it
    url: str = ""
    language: str = ""
    authors: list[str] = field(default_factory=list)
    date_attr: str = ""
    date_shown: str = ""
    meta_date: str = ""


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta = _Meta()
        self.chunks: list[Chunk] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._skip = 0
        self._text: list[str] = []
        self._lists: list[list[int | str]] = []  # [kind, counter, group] per open list
        self._sup_starts: list[int] = []
        self._capture: list[
            tuple[str, list[str]]
        ] = []  # metadata captured from text (title, h1, time, author)
        self._in_head = False
        self._footnote_depth = 0

    # -- structure -------------------------------------------------------------------------------
    def _is_furniture(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in _DROP_TAGS:
            return True
        if tag in _NEVER_FURNITURE:
            return False
        if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
            return True
        if attrs.get("role", "") in _FURNITURE_ROLES:
            return True
        words = vocabulary().html_furniture_classes
        for value in (attrs.get("class", ""), attrs.get("id", "")):
            for name in value.split():
                # "share-buttons", "post-share", "main-menu": the first or last word names the part.
                parts = [p for p in _CLASS_SPLIT.split(fold(name)) if p]
                if fold(name) in words or (parts and (parts[0] in words or parts[-1] in words)):
                    return True
        return False

    def _flush(self) -> None:
        text = fold_spaces("".join(self._text))
        self._text = []
        if not text or self._skip:
            return
        tag = self._current_block()
        group = len(self.chunks)
        if re.fullmatch(r"h[1-6]", tag):
            self.chunks.append(Chunk(text, "heading", level=int(tag[1]), group=group))
        elif tag == "li" and self._lists:
            kind, count, list_group = self._lists[-1]
            group = int(list_group)
            if self._footnote_depth and kind == "ol":
                self.chunks.append(Chunk(f"[{count}] {text}", group=group))
            else:
                marker = f"{count}." if kind == "ol" else "-"
                self.chunks.append(Chunk(text, "item", marker=marker, group=group))
        elif tag == "tr":
            self.chunks.append(Chunk(text, "row", group=group))
        else:
            self.chunks.append(Chunk(text, group=group))

    def _current_block(self) -> str:
        """The innermost open block element; a paragraph inside a list item counts as the item."""
        blocks = [t for t, _ in reversed(self._stack) if t in _BLOCK_TAGS or t == "li"]
        if not blocks:
            return "p"
        if blocks[0] in ("p", "div") and len(blocks) > 1 and blocks[1] == "li":
            return "li"
        return blocks[0]

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v or "") for k, v in attr_list}
        if tag == "head":
            self._in_head = True
        if tag == "html" and attrs.get("lang"):
            self.meta.language = attrs["lang"].split("-")[0].lower()
        if tag == "meta":
            self._read_meta(attrs)
        if tag == "link" and "canonical" in attrs.get("rel", "").split():
            self.meta.url = self.meta.url or attrs.get("href", "")
        if tag == "time" and not self.meta.date_attr:
            self.meta.date_attr = attrs.get("datetime", "")
            self._capture.append(("time", []))
        if tag == "a" and "author" in attrs.get("rel", "").split():
            self._capture.append(("author", []))
        if tag in ("title", "h1"):
            self._capture.append((tag, []))
        if tag == "script" and "ld+json" in attrs.get("type", ""):
            self._capture.append(("script", []))
        if tag in _VOID:
            if tag == "br":
                self._text.append(" ")
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in ("td", "th") and "".join(self._text).strip():
            self._text.append(" | ")  # a table row reads as one line of cells
        skipped = not self._skip and self._is_furniture(tag, attrs)
        if skipped:
            self._skip += 1
        elif self._skip:
            self._skip += 1
            skipped = True
        self._stack.append((tag, skipped))
        if tag in ("ul", "ol"):
            self._lists.append([tag, 0, len(self.chunks)])
        if tag == "sup":
            self._sup_starts.append(len(self._text))
        if tag == "li" and self._lists:
            self._lists[-1][1] = int(self._lists[-1][1]) + 1
        if any(
            w in fold(attrs.get("class", "") + " " + attrs.get("id", "")) for w in ("footnote", "endnote")
        ):
            self._footnote_depth += 1
            self._stack[-1] = (tag, skipped or False)
            self._stack.append(("#footnotes", False))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag in ("title", "h1", "time", "a", "script"):
            self._end_capture(tag)
        if tag == "sup" and self._sup_starts:
            # A superscript number is a note marker; the text form "[n]" is what the notes rule reads.
            start = self._sup_starts.pop()
            marker = "".join(self._text[start:]).strip()
            if re.fullmatch(r"\[?\d{1,3}\]?", marker):
                self._text[start:] = [f"[{marker.strip('[]')}]"]
        if tag in _VOID:
            return
        if not any(t == tag for t, _ in self._stack):
            return  # stray end tag
        if tag in _BLOCK_TAGS:
            self._flush()
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if open_tag == "#footnotes":
                self._footnote_depth -= 1
                continue
            if skipped:
                self._skip -= 1
            if open_tag in ("ul", "ol") and self._lists:
                self._lists.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, parts in self._capture:
            parts.append(data)
        if not self._in_head and not self._skip:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    # -- metadata --------------------------------------------------------------------------------
    def _end_capture(self, tag: str) -> None:
        key = {"a": "author"}.get(tag, tag)
        for i in range(len(self._capture) - 1, -1, -1):
            if self._capture[i][0] == key:
                text = fold_spaces("".join(self._capture.pop(i)[1]))
                if key == "title":
                    self.meta.page_title = self.meta.page_title or text
                elif key == "h1":
                    self.meta.h1 = self.meta.h1 or text
                elif key == "time":
                    self.meta.date_shown = self.meta.date_shown or text
                elif key == "author" and text:
                    self.meta.authors.append(text)
                elif key == "script":
                    self._read_linked_data(text)
                return

    def _read_linked_data(self, source: str) -> None:
        """schema.org JSON-LD, which many news sites embed: headline, author, publisher, date."""
        try:
            data = json.loads(source)
        except ValueError:
            return
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            name = item.get("name")
            if "NewsMediaOrganization" in kinds and isinstance(name, str):
                self.meta.outlet = self.meta.outlet or fold_spaces(name)
            if not any(str(k).endswith(("Article", "BlogPosting", "Report")) for k in kinds):
                continue
            if isinstance(headline := item.get("headline"), str):
                self.meta.ld_title = self.meta.ld_title or fold_spaces(headline)
            for author in _ld_list(item.get("author")):
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    self.meta.authors.append(fold_spaces(name))
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                self.meta.site = self.meta.site or fold_spaces(publisher["name"])
            if isinstance(published := item.get("datePublished"), str):
                self.meta.meta_date = self.meta.meta_date or published.strip()
            if isinstance(url := item.get("url"), str):
                self.meta.url = self.meta.url or url.strip()

    def _read_meta(self, attrs: dict[str, str]) -> None:
        key = fold(attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
        value = fold_spaces(attrs.get("content", ""))
        if not key or not value:
            return
        if key == "og:title":
            self.meta.og_title = value
        elif key == "og:site_name":
            self.meta.site = value
        elif key in _SITE_KEYS and not value.startswith("http"):
            self.meta.site = self.meta.site or value  # og:site_name wins over these
        elif key == "og:url":
            self.meta.url = self.meta.url or value
        elif key in ("author", "article:author", "dc.creator", "parsely-author") and not value.startswith(
            "http"
        ):
            self.meta.authors.append(value)
        elif key in ("article:published_time", "datepublished", "date", "dc.date", "publish-date", "pubdate"):
            self.meta.meta_date = self.meta.meta_date or value


def _ld_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value else []


def _ld_items(data: object) -> list[dict[str, object]]:
    """The objects of a JSON-LD block, looking into lists and `@graph`."""
    items: list[dict[str, object]] = []
    for item in _ld_list(data):
        if isinstance(item, dict):
            items.append(item)
            items.extend(i for i in _ld_list(item.get("@graph")) if isinstance(i, dict))
    return items


def _title(meta: _Meta) -> str:
    if meta.og_title or meta.ld_title:
        return meta.og_title or meta.ld_title
    if meta.h1:
        return meta.h1
    title = meta.page_title
    if meta.site:  # "Headline | Site" or "Headline - Site"
        title = re.sub(rf"\s*[|\-–—:·]\s*{re.escape(meta.site)}\s*$", "", title)
    return title


def _date(meta: _Meta) -> StatedDate | None:
    shown = parse_date(meta.date_shown) if meta.date_shown else None
    machine = parse_date(meta.date_attr) if meta.date_attr else None
    if machine and meta.date_shown:
        # The machine-readable date gives precision; date_text keeps what the page shows.
        return StatedDate(machine.date, meta.date_shown)
    return shown or machine or (parse_date(meta.meta_date) if meta.meta_date else None)


def _authors(meta: _Meta) -> tuple[Author, ...]:
    authors: list[Author] = []
    for name in meta.authors:
        for part in re.split(r"\s*(?:,|\band\b|&)\s*", name):
            if not looks_like_name(part):
                continue
            author = Author(part, organization=is_organization(part))
            if author not in authors:
                authors.append(author)
    return tuple(authors)


def _hoist_content(element: etree._Element) -> None:
    """Move an element's text and children out, just after it (it keeps its tag, empty)."""
    parent = element.getparent()
    if parent is None:
        return
    children = list(element)
    text, tail = element.text, element.tail
    element.text = None
    element.tail = text
    at = parent.index(element)
    for offset, child in enumerate(children, start=1):
        parent.insert(at + offset, child)  # moves the child with its tail
    last = children[-1] if children else element
    last.tail = (last.tail or "") + (tail or "") or None


class _TooDeep(Exception):
    """libxml2 stopped at its nesting limit and left the rest of the page out."""


def _parse(text: str) -> etree._Element | None:
    """lxml's tree of the page, put right for void and unclosed media elements; None if empty."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:  # bytes: lxml refuses a str that carries an encoding declaration
        # A `<` that opens a tag never closed is text (`defuse_unclosed_tags`), as before lxml;
        # control characters, which HTML does not allow and lxml's tree refuses, go.
        source = _CONTROLS.sub("", defuse_unclosed_tags(text)).encode("utf-8", "replace")
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise _TooDeep
    for element in list(root.iter(*_VOID)):
        if len(element) or element.text:
            _hoist_content(element)
    for element in list(root.iter(*_MEDIA)):
        if any(child.tag in _HOISTED_BLOCKS for child in element.iter()):
            _hoist_content(element)
    return root


def _replay(root: etree._Element, reader: _PageReader) -> None:
    """Walk the tree (iteratively: 10,000 nested divs are fine) as the reader's parser events."""
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):  # a comment or processing instruction left in
            if event == "end" and element.tail:
                reader.handle_data(element.tail)
            continue
        tag = tag.lower()
        if event == "start":
            reader.handle_starttag(tag, [(str(k), str(v)) for k, v in element.attrib.items()])
            if element.text:
                reader.handle_data(element.text)
        else:
            reader.handle_endtag(tag)
            if element.tail:
                reader.handle_data(element.tail)


def html_chunks(text: str) -> tuple[list[Chunk], Hints]:
    reader = _PageReader()
    try:
        root = _parse(text)
    except _TooDeep:
        reader.feed(defuse_unclosed_tags(text))  # keeps html.parser linear on tag soup
    else:
        if root is not None:
            _replay(root, reader)
    reader.close()
    meta = reader.meta
    hints = Hints(
        title=_title(meta),
        authors=_authors(meta),
        publisher=meta.site or meta.outlet,
        date=_date(meta),
        url=meta.url,
        language=meta.language if re.fullmatch(r"[a-z]{2}", meta.language) else "",
    )
    return reader.chunks, hints
