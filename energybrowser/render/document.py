"""An `Article` to one HTML document for a QTextBrowser (Qt's rich-text subset, no scripts).

Layout: a title block (title, authors, publisher, date at its precision, source link, language),
the body blocks with anchors (`b<index>` on every block, `p<n>` on numbered paragraphs), then the
footnotes (`fn-<label>` with links back to `fnref-<label>`). Work is capped: an oversized block is
shown shortened and the document stops after a character budget, each time with a visible note.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Generic, TypeVar

from energybrowser.corpus.markdown_text import block_html, markdown_is_safe
from energybrowser.corpus.model import Article, ArticleMeta, Block
from energybrowser.render.blocks import BlockEmitter
from energybrowser.render.highlight import BlockLayers, Highlights, style_sheet
from energybrowser.render.links import is_external_url
from energybrowser.render.palette import LegendEntry, Palette, palette_for
from energybrowser.render.sanitize import sanitize_html

_MARKUP_HINT = frozenset("*_`[]<>&\\!#|~")
# A list item ("1. …", "- …"): Markdown makes it <ol start=…>/<ul>, so the reader shows its marker.
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])[ \t]")
_BARE_URL = re.compile(r"(?<!\]\()(?<![<\"'=])\bhttps?://[^\s<>\"')\]]+")
FOOTNOTES_ANCHOR = "footnotes"
BODY_END_ANCHOR = "body-end"


@dataclass(frozen=True)
class RenderOptions:
    dark: bool = False
    max_block_chars: int = 20_000  # a longer block is shown shortened (Qt lays out one line slowly)
    max_total_chars: int = 500_000  # the document stops after this much text (~1 s of Qt layout)
    max_blocks: int = 3_000  # ... or after this many paragraphs (each costs Qt layout, however short)
    max_footnotes: int = 500  # notes shown; Qt's anchors make thousands of them superlinear
    max_entities: int = 3_000  # highlighted mentions; more only slow Qt down (a note says so)
    max_hits: int = 1_000  # highlighted search hits
    max_depth: int = 16  # nested elements beyond this are flattened to text
    max_table_depth: int = 2


@dataclass(frozen=True)
class RenderedArticle:
    html: str
    hits: tuple[tuple[int, int], ...]  # the hits, sorted; hit i has anchor `hit-i` if shown
    shown_hits: frozenset[int]  # indices of hits that made it into the document
    shown_until: int  # Article.text offset after which nothing is shown (len(text) when all is)
    shortened_blocks: tuple[int, ...]  # indices of blocks shown shortened
    legend: tuple[LegendEntry, ...]
    anchors: frozenset[str] = field(default_factory=frozenset)


class RenderCancelled(Exception):
    """`render_article` stopped because its `should_stop` said so (a newer render superseded it)."""


def block_anchor(index: int) -> str:
    return f"b{index}"


def paragraph_anchor(number: int) -> str:
    return f"p{number}"


def render_article(
    article: Article,
    highlights: Highlights | None = None,
    options: RenderOptions | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> RenderedArticle:
    """The article as reader HTML. `should_stop` is asked between blocks (a render in a worker
    thread that a newer one superseded): when it says yes, `RenderCancelled` is raised."""
    highlights = highlights or Highlights()
    options = options or RenderOptions()
    palette = palette_for(options.dark)
    entities = tuple(sorted(highlights.visible_entities(), key=lambda e: (e.start, e.end)))
    hits = highlights.sorted_hits()
    notes = []
    if len(entities) > options.max_entities:
        notes.append(
            f"Only the first {options.max_entities:,} of {len(entities):,} entity mentions are highlighted."
        )
        entities = entities[: options.max_entities]
    if len(hits) > options.max_hits:
        notes.append(f"Only the first {options.max_hits:,} of {len(hits):,} search hits are highlighted.")
    entity_index = _RangeIndex(entities, [(e.start, e.end) for e in entities])
    hit_index = _RangeIndex(tuple(enumerate(hits[: options.max_hits])), list(hits[: options.max_hits]))

    body: list[str] = [_note(palette, note) for note in notes]
    anchors: list[str] = []
    shortened: list[int] = []
    budget = options.max_total_chars
    shown_until = len(article.text)
    for shown, block in enumerate(article.blocks):
        if should_stop is not None and should_stop():
            raise RenderCancelled
        if budget <= 0 or shown >= options.max_blocks:
            shown_until = block.start
            rest = len(article.text) - block.start
            body.append(_note(palette, f"Article shortened for display: {rest:,} more characters not shown."))
            break
        layers = BlockLayers(
            block.start,
            block.end,
            entity_index.overlapping(block.start, block.end),
            hit_index.overlapping(block.start, block.end),
            highlights.marked,
            highlights.shared,
        )
        html, emitted, was_shortened = _render_block(
            block, layers, palette, options, min(budget, options.max_block_chars)
        )
        body.append(html)
        anchors.extend(emitted)
        if was_shortened:
            shortened.append(block.index)
        budget -= min(len(block.text), options.max_block_chars)

    if should_stop is not None and should_stop():
        raise RenderCancelled
    shown_hits = frozenset(int(a[4:]) for a in anchors if a.startswith("hit-"))
    parts = [
        _style_sheet(palette),
        _title_block(article, palette),
        sanitize_html("".join(body)),
        f'<a name="{BODY_END_ANCHOR}"></a>',
        _footnotes(article, palette, options.max_footnotes),
    ]
    html = f"<html><head>{parts[0]}</head><body>{''.join(parts[1:])}</body></html>"
    return RenderedArticle(
        html=html,
        hits=hits,
        shown_hits=shown_hits,
        shown_until=shown_until,
        shortened_blocks=tuple(shortened),
        legend=palette.legend(),
        anchors=frozenset(anchors),
    )


T = TypeVar("T")


class _RangeIndex(Generic[T]):
    """Items with [start, end) ranges, found per block by bisection rather than a scan per block
    (an article can have hundreds of blocks and thousands of entities or hits)."""

    def __init__(self, items: tuple[T, ...], ranges: list[tuple[int, int]]) -> None:
        order = sorted(range(len(items)), key=lambda i: ranges[i])
        self._items = [items[i] for i in order]
        self._ranges = [ranges[i] for i in order]
        self._starts = [r[0] for r in self._ranges]
        self._longest = max((e - s for s, e in ranges), default=0)

    def overlapping(self, start: int, end: int) -> tuple[T, ...]:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return tuple(
            self._items[i] for i in range(lo, hi) if self._ranges[i][1] > start and self._ranges[i][0] < end
        )


def _render_block(
    block: Block, layers: BlockLayers, palette: Palette, options: RenderOptions, limit: int
) -> tuple[str, list[str], bool]:
    """The block's HTML, the anchors it emitted, and whether it was shortened."""

    def emitter() -> BlockEmitter:
        lead = [block_anchor(block.index)]
        if block.number is not None:
            lead.append(paragraph_anchor(block.number))
        return BlockEmitter(
            block.start,
            layers,
            palette,
            lead_anchors=lead,
            max_depth=options.max_depth,
            max_table_depth=options.max_table_depth,
        )

    marked_up = _MARKUP_HINT & set(block.source) or _LIST_ITEM.match(block.source)
    if len(block.source) <= limit and marked_up and markdown_is_safe(block.source):
        walker = emitter()
        try:
            walker.walk(block_html(block.source))
            return walker.finish(), walker.emitted_anchors, False
        except RecursionError:  # Markdown itself gave up on the nesting: show the plain text
            pass
    # Plain path: the block's text is already folded, so it maps 1:1 onto Article.text.
    walker = emitter()
    shown = block.text[:limit]
    walker.out.append("<h3>" if block.kind == "heading" else "<p>")
    walker.emit_text(block.start, shown)
    walker.out.append("</h3>" if block.kind == "heading" else "</p>")
    html = walker.finish()
    shortened = len(shown) < len(block.text)
    if shortened:
        html += _note(
            palette,
            f"Paragraph shortened for display: {len(shown):,} of {len(block.text):,} characters shown.",
        )
    return html, walker.emitted_anchors, shortened


def _note(palette: Palette, message: str) -> str:
    return f'<p><span class="note"><em>[{escape(message)}]</em></span></p>'


def _style_sheet(palette: Palette) -> str:
    return (
        "<style>"
        f"a {{ color: {palette.link}; }}"
        f".meta, .note {{ color: {palette.muted}; }}"
        f"{style_sheet(palette)}"
        "h1, h2 { font-size: large; } h3, h4, h5, h6 { font-size: medium; }"
        "h1.title { font-size: x-large; margin-bottom: 6px; }"
        "p, li { line-height: 125%; }"
        "</style>"
    )


def _authors_line(meta: ArticleMeta) -> str:
    if not meta.authors:
        return ""
    names = [
        f"{escape(a.name)} <span class='meta'>(organisation)</span>" if a.organization else escape(a.name)
        for a in meta.authors
    ]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"By {joined}"


def _title_block(article: Article, palette: Palette) -> str:
    meta = article.meta
    if meta.title:
        lines = [f'<h1 class="title">{escape(meta.title)}</h1>']
    else:  # its opening words, marked so they are not taken (or cited) as a title
        lines = [
            f'<h1 class="title untitled"><span class="meta"><em>{escape(article.display_title)}</em>'
            "</span></h1>",
            '<p class="meta"><em>The source states no title.</em></p>',
        ]
    authors = _authors_line(meta)
    if authors:
        lines.append(f"<p>{authors}</p>")
    facts: list[str] = []
    if meta.publisher:
        facts.append(f"<b>{escape(meta.publisher)}</b>")
    date = meta.date.display()
    if meta.date.is_empty:
        date = "n.d." + (f" (source says “{escape(meta.date_text)}”)" if meta.date_text else "")
    else:
        date = escape(date)
    facts.append(date)
    if meta.language:
        facts.append(f"Language: {escape(meta.language)}")
    if not meta.accessed.is_empty:
        facts.append(f"Accessed {escape(meta.accessed.display())}")
    lines.append(f'<p class="meta">{" · ".join(facts)}</p>')
    if meta.url:
        if is_external_url(meta.url):
            url = escape(meta.url)
            lines.append(f'<p class="meta">Source: <a href="{url}">{url}</a></p>')
        else:
            lines.append(f'<p class="meta">Source (not a web link): {escape(meta.url)}</p>')
    # Without a web address nothing is said: the file it was imported from is a storage detail
    # (shown in the results list's tooltip), not something the reader of the article needs.
    lines.append(f'<hr style="color:{palette.rule}">')
    return "".join(lines)


def _footnotes(article: Article, palette: Palette, limit: int) -> str:
    if not article.footnotes:
        return ""
    items = []
    for note in article.footnotes[:limit]:
        label = escape(note.label)
        body = sanitize_html(_note_html(note.source))
        items.append(
            f'<p><a name="fn-{label}"></a><sup>{label}</sup> {body} '
            f'<a href="#fnref-{label}" title="Back to the text">↩</a></p>'
        )
    if len(article.footnotes) > limit:
        more = len(article.footnotes) - limit
        items.append(
            _note(palette, f"{more:,} more notes not shown (the article has {len(article.footnotes):,}).")
        )
    return f'<hr><h3><a name="{FOOTNOTES_ANCHOR}"></a>Notes</h3>{"".join(items)}'


def _autolink(match: re.Match[str]) -> str:
    url = match.group()
    trail = len(url) - len(url.rstrip(".,;:!?"))
    url, rest = (url[:-trail], url[-trail:]) if trail else (url, "")
    return f"<{url}>{rest}"


def _note_html(source: str) -> str:
    """A footnote's HTML; bare web addresses (common in source notes) become links."""
    html = block_html(_BARE_URL.sub(_autolink, source[:20_000]))
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]  # inline after the label
    return html
