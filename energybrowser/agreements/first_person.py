"""'We' in an interview's answers: "A: We signed a memorandum with Turkmenistan in 2024" reports a
document the interviewee's side signed. The interviewee is the person the answers' label names
("Akhmedkhadjaev: ...") or, for "A:" answers, the first person the article gives an office
("Türkiye's Energy and Natural Resources Minister Alparslan Bayraktar spoke to ..."). Their side is
their state (a possessive, a demonym or "of X" in the office; else the country named last before
them) and, when the office is a minister's, that state's ministry. "We" signs as the state when the
other side is a state, as the ministry otherwise (a power purchase agreement with a company)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from energybrowser.entities.gazetteer import Gazetteer
from energybrowser.entities.model import EntitySpan

# A paragraph opening with an answer's label: "A: ...", "Bayraktar: ...".
_ANSWER = re.compile(r"^(?P<label>A|[A-Z][\w'’-]+):\s", re.MULTILINE)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
# "Energy and Natural Resources Minister", "Deputy Minister of Energy": the ministry's sector.
_MINISTER_OF = re.compile(
    r"\bMinister\s+of\s+(?P<sector>[A-Z][\w ,&-]*?)(?=\s+(?:of\s|[A-Z][a-z]+\s+[A-Z])|$)"
)
_SECTOR_MINISTER = re.compile(r"(?P<sector>(?:[A-Z][\w-]*\s+(?:and\s+)?){1,4})Minister\b")
MAX_OFFICE = 90  # characters of office before the interviewee's name
MIN_ANSWERS = 2


@dataclass(frozen=True)
class Side:
    state: str
    ministry: str
    answers: frozenset[str]  # the labels the interviewee's paragraphs open with ("A", a surname)


def interviewee_side(text: str, entities: Sequence[EntitySpan], gaz: Gazetteer) -> Side | None:
    """The side of the person an interview's answers are by; None when the text is no interview."""
    labelled = [
        (m["label"], text[m.end() : text.find("\n", m.end()) % (len(text) + 1)])
        for m in _ANSWER.finditer(text)
    ]
    asking = {label for label, line in labelled if line.rstrip().endswith("?")}  # "Q:", "TCA:"
    answers = [label for label, _ in labelled if label not in asking]
    if len(answers) < MIN_ANSWERS:
        return None
    persons = [e for e in entities if e.type == "person"]
    named = next((p for p in persons if answers[0] != "A" and p.canonical.split()[-1] == answers[0]), None)
    person = named or next((p for p in persons if _office(text, p)), None)
    if person is None:
        return None
    office = _office(text, person)
    before = [e for e in entities if e.end <= person.start and e.type == "country"]
    in_office = [e for e in before if e.start >= person.start - MAX_OFFICE]
    if not (in_office or before):
        return None
    state = (in_office or before)[-1].canonical
    sector = _MINISTER_OF.search(office) or _SECTOR_MINISTER.search(office)
    ministry = f"Ministry of {' '.join(sector['sector'].split())} of {state}" if sector else ""
    if ministry and (entry := gaz.lookup(ministry)) is not None:
        ministry = entry.canonical
    return Side(state, ministry, frozenset(answers))


def _office(text: str, person: EntitySpan) -> str:
    """The capitalised office words just before a person's name ("Deputy Minister of Energy")."""
    head = text[max(0, person.start - MAX_OFFICE) : person.start]
    office = re.search(r"(?:[A-Z][\w’'-]*\s+|of\s+|and\s+|for\s+)*$", head)
    words = office.group(0) if office else ""
    return words if "Minister" in words or "President" in words or "Chairman" in words else ""


def with_first_person(
    text: str, start: int, end: int, parties: list[str], side: Side | None, gaz: Gazetteer
) -> list[str]:
    """`parties` with the interviewee's side added where an answer's sentence says "we" or "our"."""
    if side is None or not _WE.search(text, start, end) or not _in_answer(text, start, side):
        return parties
    others = [p for p in parties if p not in (side.state, side.ministry)]
    states = all((entry := gaz.by_canonical(p)) is not None and entry.type == "country" for p in others)
    own = side.state if (states and others) or not side.ministry else side.ministry
    return parties if own in parties else [own, *parties]


def _in_answer(text: str, offset: int, side: Side) -> bool:
    """The paragraph holding `offset` opens with an answer's label ("A:", a surname), not "Q:"."""
    start = text.rfind("\n", 0, offset) + 1
    label = _ANSWER.match(text, start)
    return label is not None and label["label"] in side.answers
