"""Agreement values shared by extraction, search, citations and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """The sentence that states the fact: offsets index `Article.text`."""

    text: str
    paragraph: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Agreement:
    id: str
    article: str
    type: str  # memorandum, agreement, contract, protocol, resolution, accord, ...
    status: str  # signed / planned / negotiated
    parties: tuple[str, ...]
    evidence: Evidence
    signatories: tuple[str, ...] = ()
    date: str = ""  # as stated
    date_iso: str = ""  # normalised where the text allows (partial ISO)
    place: str = ""
    subject: str = ""
    quantities: tuple[str, ...] = ()
    vague: bool = False
    group: str = ""
    conflicts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "article": self.article,
            "type": self.type,
            "status": self.status,
            "parties": list(self.parties),
            "signatories": list(self.signatories),
            "date": self.date,
            "date_iso": self.date_iso,
            "place": self.place,
            "subject": self.subject,
            "quantities": list(self.quantities),
            "vague": self.vague,
            "evidence": {
                "text": self.evidence.text,
                "paragraph": self.evidence.paragraph,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "group": self.group,
            "conflicts": list(self.conflicts),
        }
