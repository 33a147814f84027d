"""Agreement values shared by extraction, search, citations and the UI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from energybrowser.corpus.model import PartialDate


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


ConflictField = Literal["date", "date after report", "quantity"]


@dataclass(frozen=True)
class ConflictValue:
    """One value the reports of an agreement give, and the articles that give it."""

    value: PartialDate | str  # a date, or a quantity as stated ("1.5 million tonnes per year")
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Where reports of one agreement disagree. `field`:
    - "date": the reports state different days (`values`: each date with its articles);
    - "date after report": a stated date (`values[0]`) is later than the day another article
      reported the agreement (`values[1]`: that article's date);
    - "quantity": the reports state different amounts in one `unit`."""

    field: ConflictField
    values: tuple[ConflictValue, ...]
    unit: str = ""

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for v in self.values for a in v.article_ids))

    def describe(
        self,
        name_of: Callable[[str], str] = str,
        date_text: Callable[[PartialDate], str] = PartialDate.iso,
    ) -> str:
        """One line ("date: 2022-08-26 (b) vs 2022-08-24 (c)"); `name_of` names an article (its id
        by default) and `date_text` writes a date (ISO by default)."""

        def value(v: ConflictValue) -> str:
            return date_text(v.value) if isinstance(v.value, PartialDate) else v.value

        def stated(v: ConflictValue) -> str:
            return f"{value(v)} ({', '.join(name_of(a) for a in v.article_ids)})"

        if self.field == "date after report" and len(self.values) == 2:
            later, report = self.values
            by = ", ".join(name_of(a) for a in report.article_ids)
            return f"date: {stated(later)} is after {by} reported it on {value(report)}"
        label = f"quantity ({self.unit})" if self.field == "quantity" else self.field
        return f"{label}: " + " vs ".join(stated(v) for v in self.values)


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
    when: PartialDate = field(default_factory=PartialDate)  # the stated date, where the text allows
    place: str = ""
    subject: str = ""
    quantities: tuple[str, ...] = ()
    vague: bool = False
    group: str = ""
    conflicts: tuple[Conflict, ...] = ()  # the group's: a report shown alone still warns
    supporting: tuple[Evidence, ...] = ()
    parties_source: str = ""
    # The article's own date, the latest the document can date from.
    reported: PartialDate = field(default_factory=PartialDate)
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
            "date_iso": self.when.iso(),
            "place": self.place,
            "subject": self.subject,
            "quantities": list(self.quantities),
            "vague": self.vague,
            "evidence": self.evidence.to_json(),
            "supporting": [e.to_json() for e in self.supporting],
            "parties_source": self.parties_source,
            "reported": self.reported.iso(),
            "document": self.document,
            "group": self.group,
            "conflicts": [c.describe() for c in self.conflicts],
            "review": self.review.to_json(),
        }
