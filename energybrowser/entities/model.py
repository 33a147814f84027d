"""Entity values shared by extraction, search, rendering and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A route is a corridor or transport route (the Middle Corridor), not a pipeline.
EntityType = Literal[
    "organization", "country", "person", "place", "field", "pipeline", "route", "quantity", "money", "date"
]  # fmt: skip
ENTITY_TYPES: tuple[str, ...] = (
    "organization", "country", "person", "place", "field", "pipeline", "route", "quantity", "money", "date"
)  # fmt: skip
# Mentions that are values, not named things: "1995" or "USD 200 million" make poor facets.
VALUE_TYPES = frozenset({"date", "money", "quantity"})


@dataclass(frozen=True)
class EntitySpan:
    """One mention: offsets index `Article.text`; `paragraph` is the paragraph number there.

    `canonical` is the gazetteer's name (or the name as found); for a date its partial ISO form, for a
    quantity or money its normalised form ("1.5 million tonnes per year", "USD 200 million").
    `value`/`unit` carry the number of a quantity or money; `source` says which rule found it.
    """

    text: str
    canonical: str
    type: str
    start: int
    end: int
    paragraph: int | None
    value: float | None = None
    unit: str = ""
    source: str = ""  # gazetteer | pattern | acronym | number | date | describing demonym

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "text": self.text,
            "canonical": self.canonical,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
        }
        if self.value is not None:
            data["value"] = self.value
            data["unit"] = self.unit
        return data
