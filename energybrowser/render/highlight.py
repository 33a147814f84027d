"""Highlight layers over `Article.text` offsets, cut into flat segments one block at a time.

Entities, search hits and the marked passage may overlap in any way. Rather than nesting elements
(Qt cannot nest links), the block's range is cut at every layer boundary and each elementary
segment gets one combined style: the innermost entity gives colour and link, a hit or the marked
passage gives the background on top of it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from energybrowser.entities.model import EntitySpan
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

    def open_tag(self, palette: Palette, allow_link: bool) -> tuple[str, str]:
        css: list[str] = []
        if self.entity is not None:
            css.append(f"color:{palette.entity_foreground}")
            css.append(f"background-color:{palette.entity_background(self.entity.type)}")
        if self.marked:
            css.append(f"background-color:{palette.marked_background}")
            css.append(f"color:{palette.marked_foreground}")
        if self.hit:
            css.append(f"background-color:{palette.hit_background}")
            css.append(f"color:{palette.hit_foreground}")
        decoration = "underline" if self.marked or self.shared else "none"
        css.append(f"text-decoration:{decoration}")
        if self.shared:
            css.append("font-weight:bold")
        style = "; ".join(_last_wins(css))
        if self.entity is not None and allow_link:
            return f'<a href="{entity_href(self.entity.canonical)}" style="{style}">', "</a>"
        return f'<span style="{style}">', "</span>"


def _last_wins(declarations: list[str]) -> list[str]:
    """Later declarations of a property replace earlier ones (hit over marked over entity)."""
    by_property: dict[str, str] = {}
    for declaration in declarations:
        by_property[declaration.split(":", 1)[0]] = declaration
    return list(by_property.values())


class BlockLayers:
    """The highlight segments and anchors inside one block's range [start, end)."""

    def __init__(
        self,
        start: int,
        end: int,
        entities: tuple[EntitySpan, ...],
        hits: tuple[tuple[int, int], ...],
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
