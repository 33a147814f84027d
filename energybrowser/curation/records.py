"""A review of one agreement, as plain values, and the actions that change it.

A review is anchored to its article by the evidence quote (see `anchor`), never by the agreement's
id alone: ids are numbered by the extractor and change when it changes. It keeps the agreement's
values as reviewed (`base`), so an agreement a newer analyser no longer finds is restored, not lost.
Every action returns a new review; the old one is what undo puts back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from energybrowser.agreements.model import Agreement
from energybrowser.curation.anchor import TextQuote
from energybrowser.curation.fields import (
    AGREEMENT_FIELDS,
    EDITABLE_FIELDS,
    FieldValue,
    fields_to_json,
    parse_fields,
)

FORMAT_VERSION = 1


def now() -> str:
    """The time of an action, ISO 8601 in UTC to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def agreement_values(agreement: Agreement) -> dict[str, FieldValue]:
    """The agreement's editable values, typed."""
    return {
        "type": agreement.type,
        "status": agreement.status,
        "parties": tuple(agreement.parties),
        "signatories": tuple(agreement.signatories),
        "date": agreement.when,
        "place": agreement.place,
        "subject": agreement.subject,
        "quantities": tuple(agreement.quantities),
    }


@dataclass(frozen=True)
class AgreementReview:
    id: str
    article: str
    anchor: TextQuote  # the evidence sentence when first reviewed
    kind: str  # the agreement's type then: tells two agreements stated in one sentence apart
    base: Mapping[str, FieldValue] = field(default_factory=dict)  # its values then
    values: Mapping[str, FieldValue] = field(default_factory=dict)  # what the analyst set
    edited_at: Mapping[str, str] = field(default_factory=dict)  # field -> when set
    confirmed_at: str = ""
    rejected_at: str = ""
    added: bool = False  # the extractor missed it; the analyst added it
    note: str = ""  # the reason of a rejection, or any remark
    created: str = ""
    updated: str = ""

    @property
    def state(self) -> str:
        if self.rejected_at:
            return "rejected"
        if self.added:
            return "added"
        if self.values:
            return "edited"
        return "confirmed" if self.confirmed_at else "unreviewed"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "article": self.article,
            "anchor": self.anchor.to_json(),
            "kind": self.kind,
            "state": self.state,
            "base": fields_to_json(self.base),
            "values": fields_to_json(self.values),
            "edited_at": dict(self.edited_at),
            "confirmed_at": self.confirmed_at,
            "rejected_at": self.rejected_at,
            "added": self.added,
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, data: Any) -> AgreementReview:
        """A review from its JSON form; ValueError (one line) when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("a review must be a JSON object")
        for key in ("id", "article"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ValueError(f"a review needs its {key!r}")
        raw = _mapping(data, "values")
        values = {name: raw[name] for name in (*EDITABLE_FIELDS, *raw) if name in raw}  # field order
        edited_at = {str(k): str(v) for k, v in _mapping(data, "edited_at").items()}
        return cls(
            id=data["id"],
            article=data["article"],
            anchor=TextQuote.from_json(data.get("anchor")),
            kind=str(data.get("kind") or ""),
            base=parse_fields({k: v for k, v in _mapping(data, "base").items() if k in AGREEMENT_FIELDS}),
            values=parse_fields(values),
            edited_at={k: v for k, v in edited_at.items() if k in values},
            confirmed_at=str(data.get("confirmed_at") or ""),
            rejected_at=str(data.get("rejected_at") or ""),
            added=bool(data.get("added")),
            note=str(data.get("note") or ""),
            created=str(data.get("created") or ""),
            updated=str(data.get("updated") or ""),
        )


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"a review's {key!r} must be an object")
    return value


# --- actions -----------------------------------------------------------------------------------


def start_review(agreement: Agreement, text: str, at: str | None = None) -> AgreementReview:
    """A fresh (unreviewed) review of an extracted agreement, anchored to its evidence in `text`."""
    from energybrowser.curation.anchor import quote_at

    at = at or now()
    evidence = agreement.evidence
    if 0 <= evidence.start < evidence.end <= len(text) and text[evidence.start : evidence.end]:
        anchor = quote_at(text, evidence.start, evidence.end)
    else:  # evidence offsets that do not fit the text: anchor by the words alone
        anchor = TextQuote(evidence.text)
    return AgreementReview(
        id=new_id("r"),
        article=agreement.article,
        anchor=anchor,
        kind=agreement.type,
        base=agreement_values(agreement),
        created=at,
        updated=at,
    )


def add_review(
    article: str, anchor: TextQuote, values: Mapping[str, Any], note: str = "", at: str | None = None
) -> AgreementReview:
    """An agreement the extractor missed, stated by the sentence at `anchor`."""
    at = at or now()
    typed = parse_fields(values)
    typed.setdefault("type", "agreement")
    typed.setdefault("status", "signed")
    return AgreementReview(
        id=new_id("r"),
        article=article,
        anchor=anchor,
        kind=str(typed["type"]),
        base={},
        values=typed,
        edited_at=dict.fromkeys(typed, at),
        added=True,
        note=note,
        created=at,
        updated=at,
    )


def confirm(review: AgreementReview, note: str | None = None, at: str | None = None) -> AgreementReview:
    """The analyst checked it: correct as it stands (a rejection is withdrawn)."""
    at = at or now()
    return replace(
        review,
        confirmed_at=at,
        rejected_at="",
        note=review.note if note is None else note,
        updated=at,
    )


def reject(review: AgreementReview, reason: str = "", at: str | None = None) -> AgreementReview:
    """Not an agreement (a lead-in sentence, a misread): left out of the ledger, kept for the record."""
    at = at or now()
    return replace(review, rejected_at=at, note=reason or review.note, updated=at)


def edit(
    review: AgreementReview, changes: Mapping[str, Any], at: str | None = None, note: str | None = None
) -> AgreementReview:
    """Set fields (typed and checked, see `fields.parse_field`). Setting a field back to its
    extracted value clears the edit; an edit also confirms the rest of the agreement."""
    at = at or now()
    typed = parse_fields(changes)
    values = dict(review.values)
    edited_at = dict(review.edited_at)
    for name, value in typed.items():
        if not review.added and review.base.get(name) == value and name in AGREEMENT_FIELDS:
            values.pop(name, None)
            edited_at.pop(name, None)
            continue
        values[name] = value
        edited_at[name] = at
    ordered = {n: values[n] for n in EDITABLE_FIELDS if n in values}
    return replace(
        review,
        values=ordered,
        edited_at={n: edited_at[n] for n in ordered},
        kind=str(ordered.get("type", review.kind)) if review.added else review.kind,
        confirmed_at=review.confirmed_at or at,
        note=review.note if note is None else note,
        updated=at,
    )


def move_evidence(review: AgreementReview, quote: TextQuote, at: str | None = None) -> AgreementReview:
    """The agreement is stated by another sentence of the article."""
    return edit(review, {"evidence": quote}, at)


def set_group(review: AgreementReview, group: str, at: str | None = None) -> AgreementReview:
    """Rows that share a user group are one agreement ("" gives the grouping back to the rules)."""
    if not group:
        at = at or now()
        values = {k: v for k, v in review.values.items() if k != "group"}
        edited_at = {k: v for k, v in review.edited_at.items() if k != "group"}
        return replace(review, values=values, edited_at=edited_at, updated=at)
    return edit(review, {"group": group}, at)


# What of a review the search index holds of its article: the agreement types and parties.
INDEXED_VALUES = ("type", "parties", "evidence")


def index_mark(records: Iterable[Mapping[str, Any]]) -> str:
    """Names what an article's reviews (in their JSON form) change in the search index: a digest,
    '' when they change nothing there (confirmations, notes, dates, places). The index re-indexes
    the article when it moves (see `Article.revision`)."""
    parts = []
    for data in records:
        values = data.get("values") or {}
        indexed = {k: values[k] for k in INDEXED_VALUES if isinstance(values, dict) and k in values}
        added, rejected = bool(data.get("added")), bool(data.get("rejected_at"))
        if not (indexed or added or rejected):
            continue  # a confirmation: the agreement as extracted, which the index holds
        base = data.get("base") or {}
        kept = {k: base[k] for k in ("type", "parties") if isinstance(base, dict) and k in base}
        parts.append([data.get("anchor"), data.get("kind"), added, rejected, indexed, kept])
    if not parts:
        return ""
    rows = sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in parts)
    return "r" + hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:12]
