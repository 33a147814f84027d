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

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "paragraph": self.paragraph, "start": self.start, "end": self.end}


REVIEW_STATES = ("unreviewed", "confirmed", "edited", "added", "rejected")


@dataclass(frozen=True)
class ReviewMark:
    """What the analyst said about an agreement (see `energybrowser.curation`): its state, the fields
    they edited and when, a note (the reason of a rejection). Unreviewed agreements carry the default."""

    state: str = "unreviewed"  # one of REVIEW_STATES
    review_id: str = ""
    edited: tuple[tuple[str, str], ...] = ()  # (field, when edited), in field order
    confirmed_at: str = ""
    note: str = ""
    updated: str = ""

    @property
    def edited_fields(self) -> tuple[str, ...]:
        return tuple(name for name, _at in self.edited)

    def provenance(self, field_name: str) -> tuple[str, str]:
        """Where a field's value comes from: ("extracted" | "confirmed" | "edited" | "added", when)."""
        for name, at in self.edited:
            if name == field_name:
                return ("added", at) if self.state == "added" else ("edited", at)
        if self.state == "added":
            return ("added", self.updated)
        if self.confirmed_at:
            return ("confirmed", self.confirmed_at)
        return ("extracted", "")

    def to_json(self) -> dict[str, object]:
        return {
            "state": self.state,
            "edited": list(self.edited_fields),
            "note": self.note,
            "updated": self.updated,
            "provenance": {
                name: dict(zip(("source", "at"), self.provenance(name), strict=True))
                for name in PROVENANCE_FIELDS
            },
        }


PROVENANCE_FIELDS = (
    "type", "status", "parties", "signatories", "date", "place", "subject", "quantities", "evidence", "group",
)  # fmt: skip


@dataclass(frozen=True)
class Agreement:
    """One document an article reports. `evidence` is the sentence that first states it;
    `supporting` are later sentences of the same article that refer back to it and added details.
    `parties_source` says where the parties were found: sentence, neighbour (a sentence of the same
    paragraph), article (the article's two main countries, for "both countries") or "" (none)."""

    id: str
    article: str
    type: str  # memorandum, agreement, contract, protocol, resolution, accord, treaty, ...
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
    supporting: tuple[Evidence, ...] = ()
    parties_source: str = ""
    reported: str = ""  # the article's own date (partial ISO), the latest the document can date from
    document: str = ""  # the document as the text names it ("memorandum of understanding")
    review: ReviewMark = ReviewMark()

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
            "evidence": self.evidence.to_json(),
            "supporting": [e.to_json() for e in self.supporting],
            "parties_source": self.parties_source,
            "reported": self.reported,
            "document": self.document,
            "group": self.group,
            "conflicts": list(self.conflicts),
            "review": self.review.to_json(),
        }
