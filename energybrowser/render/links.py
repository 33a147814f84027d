"""What a link in the reader may do: scroll inside the article, name an entity, or leave for the web.

Everything else (file:, javascript:, data:, qrc:, relative paths, protocol-relative URLs) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

ENTITY_SCHEME = "entity"
EXTERNAL_SCHEMES = frozenset({"http", "https"})

LinkKind = Literal["anchor", "entity", "external", "refused"]


@dataclass(frozen=True)
class LinkAction:
    kind: LinkKind
    target: str  # anchor name, entity canonical name, URL, or the refused link as given
    reason: str = ""


def entity_href(canonical: str) -> str:
    return f"{ENTITY_SCHEME}:{quote(canonical, safe='')}"


def parse_entity_href(href: str) -> str | None:
    prefix = ENTITY_SCHEME + ":"
    if not href.startswith(prefix):
        return None
    name = unquote(href[len(prefix) :])
    return name or None


def is_external_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in EXTERNAL_SCHEMES and bool(parts.netloc)


def classify_link(href: str) -> LinkAction:
    href = href.strip()
    if href.startswith("#"):
        return LinkAction("anchor", unquote(href[1:]))
    entity = parse_entity_href(href)
    if entity is not None:
        return LinkAction("entity", entity)
    if is_external_url(href):
        return LinkAction("external", href)
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    reason = f"{scheme}: links are not opened" if scheme else "relative links are not opened"
    return LinkAction("refused", href, reason)
