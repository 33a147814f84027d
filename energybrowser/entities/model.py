"""Entity values shared by extraction, search, rendering and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityType = Literal[
    "organization", "country", "person", "place", "field", "pipeline", "quantity", "money", "date"
]  # fmt: skip
ENTITY_TYPES: tuple[str, ...] = (
    "organization", "country", "person", "place", "field", "pipeline", "quantity", "money", "date"
)  # fmt: skip


@dataclass(frozen=True)
class EntitySpan:
    """One mention: offsets index `Article.text`; `paragraph` is the paragraph number there."""

    text: str
    canonical: str
    type: str
    start: int
    end: int
    paragraph: int | None

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "canonical": self.canonical,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
        }
