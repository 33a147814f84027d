"""Markdown blocks to HTML and to plain text, one rule shared by the text model and the reader.

A block's plain text is the text of its rendered HTML with whitespace folded and footnote markers
(`<sup class="fnref">`) left out. The reader walks the same HTML with the same rule, so offsets
into `Article.text` land on the right characters when it highlights.

Python-Markdown is quadratic on some inputs (each unclosed `[` or `<tag` scans to the end of the
block; each level of `>` quoting re-parses the block) and recurses on nested list markers, so a
few kilobytes of hostile Markdown could stall loading for minutes or raise RecursionError. Such a
block is measured first, in linear time, and shown as its literal text instead (`_pathological`).
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

MAX_MARKDOWN_CHARS = 200_000  # a longer block is not prose with markup: shown as its literal text
MAX_NESTING = 16  # quote / list markers opening one line
MAX_INLINE_MARKS = 1000  # markup characters in one block, beyond which ...
MAX_INLINE_WORK = 20_000_000  # ... marks x block length is bounded (string rebuilds per match)
# Characters Markdown may scan per character of the block: a well-formed link or tag costs less
# than its own length, so only piles of unclosed `[` / `<tag` reach this; being per character, it
# keeps the total work linear in the article's size however it is cut into blocks.
SCAN_BUDGET_PER_CHAR = 3
_SCANNED = re.compile(r"\\.|[\[\]()<>'\"]", re.DOTALL)
_TAG_START = re.compile(r"[A-Za-z/!?]")
_DEEP_PREFIX = re.compile(
    r"^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*){" + str(MAX_NESTING + 1) + ",}", re.MULTILINE
)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


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
    if _pathological(prepared):
        rendered = _literal_html(prepared)
    else:
        try:
            _md.reset()
            rendered = _md.convert(prepared)
        except RecursionError:  # a nesting the checks below did not foresee
            rendered = _literal_html(prepared)
    for key, value in placeholders.items():
        rendered = rendered.replace(key, value)
    return rendered


def _pathological(source: str) -> bool:
    """True when Python-Markdown would take superlinear time or recurse too deep on `source`."""
    if len(source) > MAX_MARKDOWN_CHARS or _DEEP_PREFIX.search(source):
        return True
    # Every inline match (an escape, entity, emphasis, link...) rebuilds the block's text.
    marks = len(_MARKUP_CHARS.findall(source))
    if marks > MAX_INLINE_MARKS and marks * len(source) > MAX_INLINE_WORK:
        return True
    return _scan_cost(source) > SCAN_BUDGET_PER_CHAR * len(source)


def _scan_cost(source: str) -> int:
    """Characters scanned by Markdown's link parser (from each `[` to its matching `]`, and from
    each `](` to its matching `)`, or to the end) and by the HTML tag reader (from each `<tag` to
    the `>` that ends it, skipping quoted attribute values, or to the end)."""
    cost = 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (position, opens a link target)
    tags: list[int] = []  # tag starts not yet ended by `>`
    last_quote = {q: source.rfind(q) for q in "'\""}
    pos = 0
    while m := _SCANNED.search(source, pos):
        c, at = m.group(), m.start()
        pos = m.end()
        if c == "[":
            brackets.append(at)
        elif c == "]":
            if brackets:
                cost += at - brackets.pop()
        elif c == "(":
            parens.append((at, source[at - 1 : at] == "]"))
        elif c == ")":
            if parens:
                start, target = parens.pop()
                cost += at - start if target else 0
        elif c == "<":
            if _TAG_START.match(source, at + 1):
                tags.append(at)
        elif c == ">":
            cost += sum(at - t for t in tags)
            tags.clear()
        elif c in last_quote and tags and last_quote[c] > at and _after_equals(source, at):
            pos = source.index(c, at + 1) + 1  # a quoted attribute value: `>` inside does not end
    end = len(source)
    unclosed = [*brackets, *(at for at, target in parens if target), *tags]
    return cost + sum(end - at for at in unclosed)


def _after_equals(source: str, at: int) -> bool:
    j = at - 1
    while j >= 0 and source[j] in " \t\n":
        j -= 1
    return j >= 0 and source[j] == "="


def _literal_html(source: str) -> str:
    """The block as one paragraph of its literal text (backslash escapes and entities resolved,
    as Markdown would show them)."""
    text = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", source))
    return "<p>" + html.escape(text, quote=False) + "</p>"


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


# Python-Markdown is quadratic on one long line of inline markup (200,000 characters take ~20 s)
# and recurses once per nesting level (1,000 nested list items: RecursionError after ~9 s). Blocks
# beyond these bounds are taken as plain text, by the text model and the reader alike.
MAX_MARKDOWN_CHARS = 50_000
MAX_MARKDOWN_INDENT = 200
_INDENT = re.compile(r"^[ \t>]*", re.MULTILINE)


def markdown_is_safe(source: str) -> bool:
    """Whether Markdown may run on this block in bounded time."""
    if len(source) > MAX_MARKDOWN_CHARS:
        return False
    return all(len(m.group()) <= MAX_MARKDOWN_INDENT for m in _INDENT.finditer(source))


def block_text(source: str) -> str:
    """Plain text of one Markdown block (fast path when it holds no Markdown markup)."""
    if not _MARKUP_CHARS.search(source) and not _LIST_MARKER.match(source):
        return fold_whitespace(source)
    if not markdown_is_safe(source):
        return fold_whitespace(source)
    return html_to_text(block_html(source))
