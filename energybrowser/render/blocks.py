"""One article block to display HTML with highlights, walking text with the text model's own rule.

The walk is `markdown_text.HtmlTextWalker`, the same code that made `Article.text`, so a highlight
offset lands on the character it names. While walking, tags outside the allow-list are dropped
(their text kept) and nesting deeper than a limit is flattened, so hostile or pathological markup
cannot build a layout Qt takes minutes over. The result still goes through `sanitize_html`.
"""

from __future__ import annotations

from html import escape

from energybrowser.corpus.markdown_text import HtmlTextWalker
from energybrowser.render.highlight import BlockLayers
from energybrowser.render.links import is_external_url
from energybrowser.render.palette import Palette
from energybrowser.render.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

# Attributes kept from the article's own markup: never styles, and no anchor names that could
# collide with the reader's own (`p3`, `hit-0`); ids only for footnote back-references.
_ARTICLE_ATTRIBUTES = {tag: attrs - {"style", "name"} for tag, attrs in ALLOWED_ATTRIBUTES.items()}
_VOID = frozenset({"br", "hr"})
_TABLE_PARTS = frozenset({"tr", "td", "th", "thead", "tbody", "tfoot", "caption"})
_FLATTEN = "\0flatten"  # stack mark of the tag where flattening began


class BlockEmitter(HtmlTextWalker):
    """Re-emits one block's HTML with highlight segments, bounded nesting and a text budget."""

    def __init__(
        self,
        base: int,
        layers: BlockLayers,
        palette: Palette,
        *,
        lead_anchors: list[str],
        max_depth: int,
        max_table_depth: int,
    ) -> None:
        super().__init__()
        self.base = base
        self.layers = layers
        self.palette = palette
        self.out: list[str] = []
        self.emitted_anchors: list[str] = []
        self._lead = lead_anchors
        self._stack: list[tuple[str, bool]] = []  # (tag, emitted)
        self._depth = 0
        self._table_depth = 0
        self._flattening = False  # a suppressed ancestor: its descendants' tags are dropped too
        self._link_depth = 0
        self._space_at: int | None = None  # where in `out` the pending whitespace really was
        self.max_depth = max_depth
        self.max_table_depth = max_table_depth

    # walker hooks ------------------------------------------------------------------------------
    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ALLOWED_TAGS and (tag == "br" or not self._flattening):
                self.out.append(f"<{tag}>")
            elif tag == "br":
                self.out.append(" ")
            return
        if tag not in ALLOWED_TAGS or self._flattening or (tag in _TABLE_PARTS and not self._table_depth):
            self._stack.append((tag, False))  # the tag goes, its text stays
            return
        if self._depth >= self.max_depth or (tag == "table" and self._table_depth >= self.max_table_depth):
            self._flattening = True  # too deep: everything below becomes plain text
            self._stack.append((tag + _FLATTEN, False))
            return
        self._stack.append((tag, True))
        self._depth += 1
        self._table_depth += tag == "table"
        self._link_depth += tag == "a"
        self.out.append(_start_tag(tag, attrs))

    def end(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            name = self._stack[i][0]
            if name == tag or name == tag + _FLATTEN:
                for closing in reversed(self._stack[i:]):
                    self._close(*closing)
                del self._stack[i:]
                return
        # an end tag nothing opened: ignored

    def _close(self, name: str, emitted: bool) -> None:
        if name.endswith(_FLATTEN):
            self._flattening = False
            return
        if emitted:
            self._depth -= 1
            self._table_depth -= name == "table"
            self._link_depth -= name == "a"
            self.out.append(f"</{name}>")

    def whitespace(self) -> None:
        if self._space_at is None:
            self._space_at = len(self.out)

    def text(self, start: int, piece: str) -> None:
        space_at, self._space_at = self._space_at, None
        if piece[0] == " " and space_at is not None and space_at < len(self.out):
            # The folded space belongs where the whitespace was (e.g. before `<em>`), not inside
            # the next element, so links and highlights do not start with a blank.
            tail = self.out[space_at:]
            del self.out[space_at:]
            self.emit_text(self.base + start, " ")
            self.out.extend(tail)
            start, piece = start + 1, piece[1:]
        self.emit_text(self.base + start, piece)

    def uncounted(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def finish(self) -> str:
        for closing in reversed(self._stack):
            self._close(*closing)
        self._stack.clear()
        return "".join(self.out)

    # output ------------------------------------------------------------------------------------
    def emit_text(self, offset: int, piece: str) -> None:
        if not piece:
            return
        if self._lead:
            self.out.extend(f'<a name="{name}"></a>' for name in self._lead)
            self._lead = []
        for s, e, style, anchors in self.layers.segments(offset, offset + len(piece)):
            for name in anchors:
                self.out.append(f'<a name="{name}"></a>')
                self.emitted_anchors.append(name)
            chunk = escape(piece[s - offset : e - offset], quote=False)
            if style is None:
                self.out.append(chunk)
            else:
                open_tag, close_tag = style.open_tag(allow_link=not self._link_depth)
                self.out.append(open_tag + chunk + close_tag)


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    allowed = _ARTICLE_ATTRIBUTES.get(tag, set())
    kept = "".join(
        f' {name}="{escape(value)}"'
        for name, value in attrs
        if name in allowed and value is not None and _keep_attribute(name, value)
    )
    return f"<{tag}{kept}>"


def _keep_attribute(name: str, value: str) -> bool:
    if name == "id":
        return value.startswith("fnref-")
    if name == "href":  # the article may link out or within itself, never forge `entity:` links
        return value.startswith("#") or is_external_url(value)
    return True
