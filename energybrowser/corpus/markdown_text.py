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


class TextFolder:
    """Folds whitespace across a stream of text pieces exactly as `fold_whitespace` folds their join.

    Each `feed` returns where its piece starts in the folded text and the piece's folded form, so a
    caller can map every visible character to its offset without building the whole string first.
    A whitespace run becomes one space, placed in front of the next non-space character (so leading
    and trailing whitespace disappear, as with `str.strip`).
    """

    def __init__(self) -> None:
        self.length = 0
        self._started = False
        self._pending = False

    def feed(self, data: str) -> tuple[int, str]:
        folded = _WS.sub(" ", data)
        if not folded:
            return self.length, ""
        if folded[0] == " " and self._started:
            self._pending = True
        core = folded.strip(" ")
        if not core:
            return self.length, ""
        piece = " " + core if self._pending else core
        start = self.length
        self.length += len(piece)
        self._started = True
        self._pending = folded[-1] == " "
        return start, piece

    def feed_break(self) -> None:
        """A line break counts as whitespace."""
        if self._started:
            self._pending = True


# Tags whose content is never shown, so it is not text either (a browser runs or hides it).
HIDDEN_CONTENT_TAGS = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math",
     "textarea", "select", "title", "head"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class HtmlTextWalker(HTMLParser):
    """Walks HTML and reports its text with folded offsets; the one rule behind `html_to_text`.

    Subclasses override the hooks: `start`/`end` for every tag outside hidden content, `text` for
    counted text (its folded offset and folded form), `uncounted` for footnote-marker text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.folder = TextFolder()
        self._skip_tag = ""  # a hidden-content tag, or the tag carrying the footnote-marker class
        self._skip_depth = 0
        self._hidden = False

    # hooks ---------------------------------------------------------------------------------
    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag outside hidden content."""

    def end(self, tag: str) -> None:
        """An end tag outside hidden content."""

    def text(self, start: int, piece: str) -> None:
        """Counted text: `piece` is folded and starts at folded offset `start`."""

    def uncounted(self, data: str) -> None:
        """Text of a footnote marker: shown, but not part of the plain text."""

    def whitespace(self) -> None:
        """Counted whitespace (or a line break) occurs here; it may become one space later."""

    # HTMLParser ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            if not self._hidden:
                self.start(tag, attrs)
            return
        if tag in HIDDEN_CONTENT_TAGS and tag not in _VOID:
            self._skip_tag, self._skip_depth, self._hidden = tag, 1, True
            return
        self.start(tag, attrs)
        if tag == "br":
            self.whitespace()
            self.folder.feed_break()
        elif tag not in _VOID and FNREF_CLASS in (dict(attrs).get("class") or "").split():
            self._skip_tag, self._skip_depth, self._hidden = tag, 1, False

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth and tag == self._skip_tag:
            self._skip_depth -= 1
            if self._hidden:
                if not self._skip_depth:
                    self._hidden = False
                return
        if not self._hidden:
            self.end(tag)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._skip_depth:
            self.uncounted(data)
            return
        if data[:1].isspace():
            self.whitespace()
        start, piece = self.folder.feed(data)
        if piece:
            self.text(start, piece)
        if data[-1:].isspace():
            self.whitespace()

    def walk(self, fragment: str) -> None:
        self.feed(fragment)
        self.close()


class _TextCollector(HtmlTextWalker):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def text(self, start: int, piece: str) -> None:
        self.parts.append(piece)


def html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.walk(fragment)
    return "".join(collector.parts)


def block_text(source: str) -> str:
    """Plain text of one Markdown block (fast path when it holds no Markdown markup)."""
    if not _MARKUP_CHARS.search(source) and not _LIST_MARKER.match(source):
        return fold_whitespace(source)
    return html_to_text(block_html(source))
