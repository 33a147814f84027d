"""The allow-list every piece of article HTML passes (nh3) before the reader shows it.

Only simple text markup survives; links keep http(s), in-document `#` anchors and our `entity:`
scheme; images, scripts, frames, forms and styles from the article are removed. Inline `style` is
never allowed (a hostile file could resize or hide text); the renderer's highlights are classes
from a fixed list, coloured by the document's own style sheet.
"""

from __future__ import annotations

import nh3

from energybrowser.corpus.markdown_text import HIDDEN_CONTENT_TAGS
from energybrowser.render.highlight import highlight_classes
from energybrowser.render.links import ENTITY_SCHEME, EXTERNAL_SCHEMES

ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol",
     "li", "dl", "dt", "dd", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small",
     "big", "cite", "q", "abbr", "span", "a", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
     "caption", "div"}
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "name", "id", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset(EXTERNAL_SCHEMES | {ENTITY_SCHEME})
MAX_SPAN = 20  # colspan/rowspan beyond this only serve to blow up table layout


def _only_anchors(url: str) -> str | None:
    """Relative URLs could name local files; only in-document anchors are kept."""
    return url if url.startswith("#") else None


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("colspan", "rowspan", "start"):
        try:
            number = int(value)
        except ValueError:
            return None
        return str(max(1, min(number, MAX_SPAN if attribute != "start" else 10**6)))
    return value


def sanitize_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(HIDDEN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        url_relative=_only_anchors,
        allowed_classes={tag: set(names) for tag, names in highlight_classes().items()},
        link_rel=None,
        strip_comments=True,
    )
