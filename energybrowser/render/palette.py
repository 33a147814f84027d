"""Colours for entity types, search hits and marked passages, for light and dark backgrounds.

Every type gets a background that keeps its text readable (dark text on a tint in light mode, light
text on deep tones in dark mode), stays distinct from the hit and marked colours, and an underline
style of its own so that colour is never the only cue.
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

# Okabe & Ito's colour-blind-safe set (blue, sky blue, bluish green, reddish purple, vermillion,
# orange; grey for values), as tints behind dark text in light mode and deep tones behind light text
# in dark mode. Their yellow is the search hits' colour, so no type takes it. Nine types share six
# hues, and tints of neighbouring hues can still look alike to some readers: every type also has its
# own underline (none, solid, dotted, dashed, dot-dash, dot-dot-dash, wave; money and dates are also
# set in italics), the second cue that tells a type apart without colour.
OKABE_ITO = {
    "orange": "#e69f00",
    "sky_blue": "#56b4e9",
    "bluish_green": "#009e73",
    "yellow": "#f0e442",
    "blue": "#0072b2",
    "vermillion": "#d55e00",
    "reddish_purple": "#cc79a7",
    "grey": "#999999",
}
UnderlineStyle = str  # a Qt rich-text `text-underline-style` value, or "none"


@dataclass(frozen=True)
class TypeLook:
    hue: str  # a key of OKABE_ITO
    light: float  # share of the hue in the light-mode tint (the rest is white)
    dark: float  # share of the hue in the dark-mode tone (the rest is the dark base)
    underline: UnderlineStyle
    italic: bool = False  # the values (money, dates) also slant: seven underlines for nine types


TYPE_LOOKS: dict[str, TypeLook] = {
    "organization": TypeLook("blue", 0.42, 0.62, "solid"),
    "country": TypeLook("bluish_green", 0.36, 0.55, "none"),
    "person": TypeLook("reddish_purple", 0.42, 0.6, "wave"),
    "place": TypeLook("sky_blue", 0.3, 0.5, "dotted"),
    "field": TypeLook("orange", 0.34, 0.5, "dot-dash"),
    "pipeline": TypeLook("vermillion", 0.34, 0.55, "dashed"),
    # A corridor or transport route: the pipeline's hue, paler, and slanted (its second cue).
    "route": TypeLook("vermillion", 0.18, 0.38, "dashed", italic=True),
    "quantity": TypeLook("grey", 0.3, 0.55, "dot-dot-dash"),
    "money": TypeLook("grey", 0.5, 0.6, "dotted", italic=True),
    "date": TypeLook("grey", 0.18, 0.4, "none", italic=True),
}
_DARK_BASE = "#1f2023"


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `colour` and the rest of `other`, as #rrggbb."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * share + y * (1 - share)):02x}" for x, y in zip(a, b, strict=True))


_LIGHT = {t: mix(OKABE_ITO[look.hue], "#ffffff", look.light) for t, look in TYPE_LOOKS.items()}
_DARK = {t: mix(OKABE_ITO[look.hue], _DARK_BASE, look.dark) for t, look in TYPE_LOOKS.items()}
_FALLBACK = {False: "#e8e8e8", True: "#444444"}  # a type the palette does not know yet


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: an entity type, its label and its colours."""

    type: str
    label: str
    background: str
    foreground: str
    underline: UnderlineStyle = "none"
    italic: bool = False


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

    @staticmethod
    def entity_underline(entity_type: str) -> UnderlineStyle:
        look = TYPE_LOOKS.get(entity_type)
        return look.underline if look else "none"

    @staticmethod
    def entity_italic(entity_type: str) -> bool:
        look = TYPE_LOOKS.get(entity_type)
        return bool(look and look.italic)

    def legend(self, types: tuple[str, ...] = ENTITY_TYPES) -> tuple[LegendEntry, ...]:
        return tuple(
            LegendEntry(
                t,
                type_label(t),
                self.entity_background(t),
                self.entity_foreground,
                self.entity_underline(t),
                self.entity_italic(t),
            )
            for t in types
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
