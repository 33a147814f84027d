"""Highlight layers over `Article.text` offsets, cut into flat segments one block at a time.

Entities, search hits and the marked passage may overlap in any way. Rather than nesting elements
(Qt cannot nest links), the block's range is cut at every layer boundary and each elementary
segment gets one combined style: the innermost entity gives colour and link, a hit or the marked
passage gives the background on top of it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from energybrowser.entities.model import ENTITY_TYPES, EntitySpan
from energybrowser.render.links import entity_href
from energybrowser.render.palette import Palette


@dataclass(frozen=True)
class Highlights:
    """What to highlight; all offsets index `Article.text`."""

    entities: tuple[EntitySpan, ...] = ()
    enabled_types: frozenset[str] | None = None  # None: every type
    hits: tuple[tuple[int, int], ...] = ()
    marked: tuple[int, int] | None = None
    shared: frozenset[str] = field(default_factory=frozenset)

    def visible_entities(self) -> tuple[EntitySpan, ...]:
        return tuple(
            e
            for e in self.entities
            if e.end > e.start and (self.enabled_types is None or e.type in self.enabled_types)
        )

    def sorted_hits(self) -> tuple[tuple[int, int], ...]:
        return tuple(sorted((s, e) for s, e in self.hits if e > s))


def hit_anchor(index: int) -> str:
    return f"hit-{index}"


MARKED_ANCHOR = "marked"


@dataclass(frozen=True)
class SegmentStyle:
    entity: EntitySpan | None
    hit: bool
    marked: bool
    shared: bool

    def open_tag(self, allow_link: bool) -> tuple[str, str]:
        entity = self.entity
        return _tags(
            entity.type if entity else None,
            entity.canonical if entity and allow_link else None,
            self.hit,
            self.marked,
            self.shared,
        )


@lru_cache(maxsize=4096)
def _tags(
    entity_type: str | None, link_to: str | None, hit: bool, marked: bool, shared: bool
) -> tuple[str, str]:
    """Opening and closing tag of one segment. Colours come from the document's style sheet by
    class (Qt parses a class far faster than an inline style, and a palette switch changes only
    the sheet); cached, since a document repeats a few combinations many times."""
    classes = [entity_class(entity_type)] if entity_type is not None else []
    classes += [name for name, on in (("shared", shared), ("marked", marked), ("hit", hit)) if on]
    attribute = f'class="{" ".join(classes)}"'
    if link_to is not None:
        return f'<a href="{entity_href(link_to)}" {attribute}>', "</a>"
    return f"<span {attribute}>", "</span>"


def entity_class(entity_type: str) -> str:
    return f"e-{entity_type}" if entity_type in ENTITY_TYPES else "e-other"


def highlight_classes() -> dict[str, frozenset[str]]:
    """Classes the renderer puts on `a`/`span` (the sanitiser's class allow-list)."""
    names = frozenset({entity_class(t) for t in ENTITY_TYPES} | {"e-other", "shared", "marked", "hit"})
    return {"a": names, "span": names | {"note"}}


def _underline(style: str) -> str:
    """CSS for a type's underline (Qt rich text knows `text-underline-style`)."""
    if style == "none":
        return "text-decoration: none;"
    return f"text-decoration: underline; text-underline-style: {style};"


def style_sheet(palette: Palette) -> str:
    """Rules for the highlight classes; later rules win (hit over marked over entity)."""
    rules = [
        f".{entity_class(t)} {{ color: {palette.entity_foreground}; "
        f"background-color: {palette.entity_background(t)}; {_underline(palette.entity_underline(t))}"
        f"{' font-style: italic;' if palette.entity_italic(t) else ''} }}"
        for t in ENTITY_TYPES
    ]
    rules.append(
        f".e-other {{ color: {palette.entity_foreground}; background-color: {palette.entity_background('')}; "
        "text-decoration: none; }"
    )
    rules.append(".shared { font-weight: bold; text-decoration: underline; }")
    rules.append(
        f".marked {{ color: {palette.marked_foreground}; background-color: {palette.marked_background}; "
        "text-decoration: underline; }"
    )
    rules.append(f".hit {{ color: {palette.hit_foreground}; background-color: {palette.hit_background}; }}")
    return " ".join(rules)


class BlockLayers:
    """The highlight segments and anchors inside one block's range [start, end)."""

    def __init__(
        self,
        start: int,
        end: int,
        entities: tuple[EntitySpan, ...],
        hits: tuple[tuple[int, tuple[int, int]], ...],  # (hit number, its range)
        marked: tuple[int, int] | None,
        shared: frozenset[str],
    ) -> None:
        self.anchors: dict[int, list[str]] = {}
        events: list[tuple[int, int, int]] = []  # (offset, +1 open / -1 close, layer id)
        layers: list[tuple[str, object]] = []

        def add(kind: str, value: object, s: int, e: int) -> None:
            s, e = max(s, start), min(e, end)
            if e > s:
                events.append((s, 1, len(layers)))
                events.append((e, -1, len(layers)))
                layers.append((kind, value))

        for entity in entities:
            add("entity", entity, entity.start, entity.end)
        for index, (s, e) in hits:
            add("hit", index, s, e)
            if start <= s < end:
                self.anchors.setdefault(s, []).append(hit_anchor(index))
        if marked is not None:
            add("marked", None, *marked)
            if start <= marked[0] < end:
                self.anchors.setdefault(marked[0], []).append(MARKED_ANCHOR)
            elif marked[0] < start < marked[1]:
                self.anchors.setdefault(start, []).append(MARKED_ANCHOR)
        events.sort(key=lambda ev: (ev[0], ev[1]))
        self.bounds: list[int] = []
        self.styles: list[SegmentStyle | None] = []
        active: set[int] = set()
        i = 0
        while i < len(events):
            pos = events[i][0]
            while i < len(events) and events[i][0] == pos:
                _, step, layer = events[i]
                if step > 0:
                    active.add(layer)
                else:
                    active.discard(layer)
                i += 1
            self.bounds.append(pos)
            self.styles.append(self._style([layers[k] for k in active], shared))
        for pos in self.anchors:
            if pos not in self.bounds:  # an anchor must start a segment
                j = bisect.bisect_right(self.bounds, pos)
                self.bounds.insert(j, pos)
                self.styles.insert(j, self.styles[j - 1] if j else None)

    @staticmethod
    def _style(active: list[tuple[str, object]], shared: frozenset[str]) -> SegmentStyle | None:
        if not active:
            return None
        entities = [v for k, v in active if k == "entity" and isinstance(v, EntitySpan)]
        entity = min(entities, key=lambda e: (e.end - e.start, e.start)) if entities else None
        return SegmentStyle(
            entity=entity,
            hit=any(k == "hit" for k, _ in active),
            marked=any(k == "marked" for k, _ in active),
            shared=entity is not None and entity.canonical in shared,
        )

    def segments(self, start: int, end: int) -> list[tuple[int, int, SegmentStyle | None, list[str]]]:
        """[start, end) cut at layer boundaries: (from, to, style, anchor names starting there)."""
        out = []
        j = bisect.bisect_right(self.bounds, start) - 1
        pos = start
        while pos < end:
            style = self.styles[j] if j >= 0 else None
            nxt = self.bounds[j + 1] if j + 1 < len(self.bounds) else end
            stop = min(nxt, end)
            out.append((pos, stop, style, self.anchors.get(pos, [])))
            pos = stop
            j += 1
        return out
