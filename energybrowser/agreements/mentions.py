"""Find, in one sentence, a document the text reports and how: its noun and type, the status
(signed / planned / negotiated), whether the mention is negated or hypothetical, vague, or refers
back to a document already reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from energybrowser.agreements.lexicon import Lexicon
from energybrowser.entities.sentences import Sentence

_INDEFINITE = re.compile(r"(?:^|\W)(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PLURAL_IRREGULAR = {"memoranda", "treaties"}
_NO_BEFORE = re.compile(r"(?:^|\W)(?:no|not\s+a|not\s+any|none\s+of\s+the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_AND_OTHERS = re.compile(r"\b(?:and|or)\s+other\b|\band\s+others\b|\bamong\s+others\b", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,|and|or|&|as well as)\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE)
_COPULA = re.compile(
    r"\s+(?:is|was|will\s+be|would\s+be|becomes|became)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r",\s+and\s|\s+and\s|,\s|;\s", re.IGNORECASE)
_OBJECT_OF = re.compile(
    r"\b(?:extending|extend|amending|amend|replacing|replace|renewing|renew|prolonging|prolong|"
    r"implementing|implement|terminating|terminate)\s+(?:its|their|the|an?)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "no" too: "..., but no agreement has been reached" keeps its negation with its document.
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its|their|no)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    noun: str  # as written
    type: str  # memorandum, agreement, ..., or "document" for a generic noun
    start: int  # of the noun in Article.text
    end: int
    status: str  # signed / planned / negotiated / "" (the sentence says nothing)
    excluded: str  # why it does not count: "negated", "hypothetical" or ""
    vague: bool
    anaphoric: bool
    plural: bool
    state_level: bool = False  # "intergovernmental agreement": the parties are states
    event_only: bool = False  # "The signing ceremony ...": refers back without naming the document
    reference: bool = False  # "within the framework of the agreements": background, never a new record
    possible: bool = False  # "could be signed": under talks if the text speaks of talks, else hypothetical
    seg_start: int = 0  # the part of the sentence that speaks of this document
    seg_end: int = 0


def find_mentions(text: str, s: Sentence, lex: Lexicon) -> list[Mention]:
    """The document mentions of a sentence: one per segment ("Several agreements were concluded,
    including a protocol on ..." reports two). A segment that says nothing of the status takes the
    status of the segment before it."""
    found: list[Mention] = []
    for seg in segments(text, s, lex):
        m = find_mention(text, seg, lex)
        if m is None:
            continue
        if not m.status and found and found[-1].status:
            m = replace(m, status=found[-1].status)
        found.append(m)
    return found


def segments(text: str, s: Sentence, lex: Lexicon) -> list[Sentence]:
    """The sentence cut before "; ", ", including", ", such as" ... when another document follows."""
    cuts = [s.start]
    for m in lex.segment_cues.finditer(text, s.start, s.end):
        if lex.documents.search(text, m.end(), s.end) and lex.documents.search(text, s.start, m.start()):
            cuts.append(m.start())
    semi = text.find(";", s.start, s.end)
    while semi != -1:
        cuts.append(semi)
        semi = text.find(";", semi + 1, s.end)
    # "The deal follows the intergovernmental memorandum that A and B concluded": a later document of
    # another kind, not listed with the first ("agreements and memoranda"), is a mention of its own.
    nouns = list(lex.documents.finditer(text, s.start, s.end))
    kinds = [lex.document_type[n.group(0).lower()] for n in nouns]
    # "These included a parties' agreement, a sale and purchase agreement ..., and a financing
    # agreement": after a list cue, each item of the list is a document of its own.
    cue = lex.list_cues.search(text, s.start, nouns[0].start()) if nouns else None
    if cue is not None:
        for k in range(1, len(nouns)):
            head = nouns[k - 1].group(0).split()[0].lower()
            if kinds[k] != kinds[k - 1] or head.endswith("s"):
                continue
            comma = text.rfind(",", nouns[k - 1].end(), nouns[k].start())
            if comma != -1:
                cuts.append(comma)
    for k in range(1, len(nouns)):
        between = text[nouns[k - 1].end() : nouns[k].start()]
        if kinds[k] in (kinds[0], "document") or kinds[0] == "document":
            # "The agreement replaces the agreement signed in 2019": the same kind, said to be another.
            near = max(nouns[k - 1].end(), nouns[k].start() - 30)
            other = lex.another_document.search(text, near, nouns[k].start())
            if other and not _COORDINATED.fullmatch(between):
                cuts.append(other.start())
            continue
        if _COPULA.fullmatch(between):
            continue  # "The other agreement is a memorandum of understanding": one document, renamed
        if _COORDINATED.fullmatch(between) or any(nouns[k - 1].end() < c < nouns[k].start() for c in cuts):
            continue  # listed with the first, or already in a segment of its own ("..., while ...")
        if _OBJECT_OF.search(text, max(nouns[k - 1].end(), nouns[k].start() - 40), nouns[k].start()):
            continue  # "a contract extending its production sharing deal": what the first is about
        verb = lex.signed.search(text, nouns[k - 1].end(), nouns[k].start()) or lex.planned.search(
            text, nouns[k - 1].end(), nouns[k].start()
        )
        clause = _CLAUSE_BREAK.search(text, nouns[k - 1].end(), verb.start()) if verb else None
        if clause:
            cuts.append(clause.start())  # "The deal expires in 2024 and A and B signed a letter of intent"
            continue
        det = _DETERMINER.search(text, max(nouns[k - 1].end(), nouns[k].start() - 50), nouns[k].start())
        cuts.append(det.start() if det else nouns[k].start())
    bounds = [*sorted(set(cuts)), s.end]
    return [Sentence(s.index, text[a:b], a, b, s.paragraph) for a, b in pairwise(bounds) if b > a]


def find_mention(text: str, s: Sentence, lex: Lexicon) -> Mention | None:
    """The main document mention of a sentence (or segment), if it names one (or a signing ceremony)."""
    clause_end = s.end
    nouns = [
        m
        for m in lex.documents.finditer(text, s.start, clause_end)
        if not _inside(lex.not_documents, text, s, m.start(), m.end())
    ]
    if not nouns:
        event = lex.anaphoric_events.search(text, s.start, clause_end)
        if not event:
            return None
        return Mention(event.group(0), "document", event.start(), event.end(), "signed", "", False, True,
                       False, event_only=True, seg_start=s.start, seg_end=s.end)  # fmt: skip
    specific = [m for m in nouns if lex.document_type[m.group(0).lower()] != "document"]
    noun = (specific or nouns)[0]
    for later in nouns:
        if later.start() > noun.end() and _COPULA.fullmatch(text, noun.end(), later.start()):
            noun = later  # "The other agreement is a memorandum of understanding": the precise name
    kind = lex.document_type[noun.group(0).lower()]
    word = noun.group(0)
    before = text[s.start : noun.start()]
    # A relative clause after the document speaks of something else ("..., which could be concluded").
    relative = lex.relative_clause.search(text, noun.end(), clause_end)
    clause = text[s.start : relative.start() if relative else clause_end]
    status = _status(clause, before, lex)
    if not status and lex.reference_before.search(before):
        status = "signed"  # a document cited as in force ("guided by the Agreement ... dated ...")
    after = text[noun.end() : clause_end]
    excluded = ""
    if lex.disputed_terms.search(clause):
        status = "negotiated"  # the terms are disputed: the document is still being negotiated
    elif _not_yet(text, noun.end(), clause, s.start, lex):
        status = "negotiated"  # "in talks on a contract ..., but no agreement has been reached yet"
    elif lex.negations.search(
        _own_clause(text, s.start, noun.end(), clause, before, lex)
    ) or _NO_BEFORE.search(before):
        excluded = "negated"  # "no agreement", "No new supply contracts have been signed"
    elif _hypothetical_clause(before, lex):
        excluded = "hypothetical"
    elif status in ("planned", "") and (lex.hedges.search(clause) or lex.conditional_after.search(after)):
        if lex.negotiated.search(before):
            status = "negotiated"  # "A and B are still negotiating ... a contract is unlikely to be signed"
        else:
            excluded = "hypothetical"  # "could sign", "will sign a contract only when the price is right"
    head = word.split()[0].lower()  # "memorandums of cooperation" is plural by its first word
    plural = head.endswith("s") or head in _PLURAL_IRREGULAR
    vague = bool(lex.vague_before.search(before)) or (plural and bool(_AND_OTHERS.search(after)))
    restating = lex.anaphoric_before.search(before)
    if restating and _SIGNED_VERB.search(before) and _SIGNED_WORD.match(restating.group(0)):
        restating = None  # "QazaqGaz and PetroChina signed contract on ...": the verb, its article dropped
    anaphoric = bool(restating) and not _INDEFINITE.search(before)
    if kind == "document" and not specific:
        anaphoric = anaphoric or not _INDEFINITE.search(before)
    if not before.strip(" \t\"'“") and _PASSIVE_SIGNED.match(text, noun.end()):
        anaphoric = True  # "Agreement was signed in Baku between ...": translated copy drops "The"
    reference = bool(lex.reference_before.search(before))
    possible = bool(lex.possible_signing.search(clause))
    if possible and not status and not excluded:
        excluded = "hypothetical"  # unless the text around it speaks of talks (see extract.py)
    return Mention(word, kind, noun.start(), noun.end(), status, excluded, vague, anaphoric or reference,
                   plural, state_level=bool(lex.state_level.search(before[-40:])), reference=reference,
                   possible=possible, seg_start=s.start, seg_end=s.end)  # fmt: skip


# "signed" after the name or pronoun that signs is the verb, not "the signed contract".
_SIGNED_VERB = re.compile(
    r"(?:[A-Z][\w.’'-]*|\)|\b(?:they|we|it|sides|parties|companies|countries))\s+(?:also\s+|have\s+|has\s+|had\s+)?signed\s+$"
)
_PASSIVE_SIGNED = re.compile(r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:signed|concluded|inked)\b")
_SIGNED_WORD = re.compile(r"\W*signed\b", re.IGNORECASE)
_BUT = re.compile(r",?\s+but\s|;\s", re.IGNORECASE)
_AND_CLAUSE = re.compile(r",\s+and\s", re.IGNORECASE)


def _own_clause(text: str, start: int, noun_end: int, clause: str, before: str, lex: Lexicon) -> str:
    """The document's own clause: up to ", but" when it states a signing itself ("A and B signed a
    memorandum in September, but the sides have not agreed on the price": the price is not agreed)."""
    but = _BUT.search(text, noun_end, start + len(clause))
    if but is None:
        return clause
    own = text[start : but.start()]
    return own if _status(own, before, lex) in ("signed", "planned") else clause


def _not_yet(text: str, noun_end: int, clause: str, start: int, lex: Lexicon) -> bool:
    """Talks on the document in one clause and "no agreement (yet)" in the other ("in talks on a
    contract ..., but no agreement has been reached yet"; "Neither side has yet signed the
    document, and talks on its text continue"): it is under negotiation. A negation of the talks
    themselves ("not holding negotiations") is not."""
    end = start + len(clause)
    joint = _BUT.search(text, noun_end, end) or _AND_CLAUSE.search(text, noun_end, end)
    if joint is None:
        return False
    first, second = text[start : joint.start()], text[joint.end() : end]
    for talks, denial in ((first, second), (second, first)):
        if (
            lex.negotiated.search(talks)
            and not lex.negations.search(talks)
            and not _NO_BEFORE.search(talks)
            and (lex.negations.search(denial) or _NO_BEFORE.search(denial))
        ):
            return True
    return False


def _inside(pattern: re.Pattern[str], text: str, s: Sentence, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text, s.start, s.end))


def _status(clause: str, before: str, lex: Lexicon) -> str:
    if lex.expected_agreement.search(clause):
        return "negotiated"
    if lex.possible_signing.search(clause):
        return "negotiated" if lex.negotiated.search(clause) else ""
    if lex.planned.search(clause) or lex.planned_adjectives.search(before):
        return "planned"
    if lex.signed.search(clause):
        return "signed"
    if lex.negotiated.search(clause) or lex.negotiated_adjectives.search(before):
        return "negotiated"
    if lex.in_force.search(clause):
        return "signed"  # "the pipeline agreement expires in July 2026": it exists
    return ""


def _hypothetical_clause(before: str, lex: Lexicon) -> bool:
    """'... when we reach an agreement': an opener before the noun with no clause break between."""
    last = None
    for m in lex.hypothetical_openers.finditer(before):
        last = m
    return last is not None and not re.search(r"[,;:]", before[last.end() :])
