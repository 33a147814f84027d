"""Colours for entity types, search hits and marked passages, for light and dark backgrounds.

Every type gets a background that keeps its text readable (dark text on pastel in light mode, light
text on deep tones in dark mode) and stays distinct from the hit and marked colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from energybrowser.entities.model import ENTITY_TYPES

TYPE_LABELS: dict[str, str] = {
    "organization": "Organisation",
    "country": "Country",
    "person": "Person",
    "place": "Place",
    "field": "Field",
    "pipeline": "Pipeline",
    "route": "Route",
    "quantity": "Quantity",
    "money": "Money",
    "date": "Date",
}

_LIGHT = {
    "organization": "#cfe2ff",
    "country": "#cdeccd",
    "person": "#fbd3e0",
    "place": "#e4d4f4",
    "field": "#e6d6c8",
    "pipeline": "#c4ebeb",
    "route": "#f2d9cf",
    "quantity": "#e6e2c0",
    "money": "#dcefb8",
    "date": "#dedede",
}
_DARK = {
    "organization": "#1f4e8c",
    "country": "#2b6a33",
    "person": "#7d2d55",
    "place": "#5a3b86",
    "field": "#5e4a3c",
    "pipeline": "#1d6767",
    "route": "#7a3b2e",
    "quantity": "#665e2a",
    "money": "#4a6a1c",
    "date": "#4f4f4f",
}
_FALLBACK = {False: "#e8e8e8", True: "#444444"}  # a type the palette does not know yet


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: an entity type, its label and its colours."""

    type: str
    label: str
    background: str
    foreground: str


@dataclass(frozen=True)
class Palette:
    dark: bool
    text: str
    muted: str
    link: str
    hit_background: str
    hit_foreground: str
    current_hit_background: str
    marked_background: str
    marked_foreground: str
    marked_underline: str
    rule: str

    def entity_background(self, entity_type: str) -> str:
        return (_DARK if self.dark else _LIGHT).get(entity_type, _FALLBACK[self.dark])

    @property
    def entity_foreground(self) -> str:
        return "#f4f4f4" if self.dark else "#1a1a1a"

    def legend(self, types: tuple[str, ...] = ENTITY_TYPES) -> tuple[LegendEntry, ...]:
        return tuple(
            LegendEntry(t, type_label(t), self.entity_background(t), self.entity_foreground) for t in types
        )


def type_label(entity_type: str) -> str:
    return TYPE_LABELS.get(entity_type, entity_type.replace("_", " ").capitalize())


LIGHT = Palette(
    dark=False,
    text="#1a1a1a",
    muted="#666666",
    link="#0b57d0",
    hit_background="#ffe94d",
    hit_foreground="#000000",
    current_hit_background="#ff9c2a",
    marked_background="#ffd9a8",
    marked_foreground="#1a1a1a",
    marked_underline="#c25e00",
    rule="#cccccc",
)
DARK = Palette(
    dark=True,
    text="#e8e8e8",
    muted="#a0a0a0",
    link="#8ab4f8",
    hit_background="#c9a800",
    hit_foreground="#000000",
    current_hit_background="#ff8c1a",
    marked_background="#7a4300",
    marked_foreground="#ffffff",
    marked_underline="#ffb366",
    rule="#555555",
)


def palette_for(dark: bool) -> Palette:
    return DARK if dark else LIGHT
