"""Article to reader HTML: title block, numbered paragraphs, highlights, sanitised (no Qt here)."""

from __future__ import annotations

from energybrowser.render.document import (
    BODY_END_ANCHOR,
    FOOTNOTES_ANCHOR,
    RenderCancelled,
    RenderedArticle,
    RenderOptions,
    block_anchor,
    paragraph_anchor,
    render_article,
)
from energybrowser.render.highlight import MARKED_ANCHOR, Highlights, hit_anchor
from energybrowser.render.links import LinkAction, classify_link, entity_href, parse_entity_href
from energybrowser.render.palette import LegendEntry, Palette, palette_for, type_label

__all__ = [
    "BODY_END_ANCHOR",
    "FOOTNOTES_ANCHOR",
    "MARKED_ANCHOR",
    "Highlights",
    "LegendEntry",
    "LinkAction",
    "Palette",
    "RenderCancelled",
    "RenderOptions",
    "RenderedArticle",
    "block_anchor",
    "classify_link",
    "entity_href",
    "hit_anchor",
    "palette_for",
    "paragraph_anchor",
    "parse_entity_href",
    "render_article",
    "type_label",
]
