"""Details of an agreement read from its sentences: signatories, date, place, subject, quantities."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from energybrowser.agreements.lexicon import Lexicon
from energybrowser.agreements.parties import attribution_span
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.rules import alternation, load_rules
from energybrowser.entities.sentences import Sentence

_CLAUSE_END = re.compile(r"[,;:!?()\[\]“”\"—]|\.(?=\s|$)|\s[–-]\s")


@cache
def _subject_stop() -> re.Pattern[str]:
    stops = load_rules("agreements")["subject_stops"]
    return re.compile(rf"\s(?:{alternation(stops)})(?![\w-])")


def signatories(text: str, s: Sentence, mentions: Sequence[EntitySpan], lex: Lexicon) -> list[str]:
    """Persons named in a sentence about the signing itself, not visitors or commentators."""
    if not lex.signatory_cues.search(text, s.start, s.end):
        return []
    source = lex.according_to.match(text[s.start : s.end])  # "According to X, ...": the source
    said = attribution_span(text, s, lex)  # "..., Minister X announced": who reports it
    # "Following the talks in Tashkent, President X and President Y signed": the opening clause
    # ends at its comma; who comes after it is not in it.
    opening = lex.opening_clause.match(text, s.start, s.end)
    found = []
    for e in mentions:
        if e.type != "person" or (source and e.start < s.start + source.end()):
            continue
        if said[0] <= e.start < said[1] and not lex.signatory_cues.search(text, said[0], e.start):
            continue
        start = opening.end() if opening and opening.end() <= e.start else s.start
        before = text[max(start, e.start - 120) : e.start]
        if lex.not_signatory_before.search(before) or text[e.end : e.end + 2] in ("’s", "'s"):
            continue  # a visitor, a commentator, or "President Tokayev's visit"
        found.append(e.canonical)
    return list(dict.fromkeys(found))


@cache
def _not_signing_cue() -> re.Pattern[str]:
    cues = load_rules("agreements")["not_signing_date_cues"]
    return re.compile(
        rf"(?<![\w-])(?:{alternation(cues)})\s+(?:the\s+)?(?:(?:early|late|mid|end\s+of)[\s-]+)?$",
        re.IGNORECASE,
    )


def _not_signing_date(text: str, e: EntitySpan) -> bool:
    return bool(text) and _not_signing_cue().search(text, max(0, e.start - 30), e.start) is not None


_RANGE_AFTER = re.compile(r"\s?[-–—]\s?\d{4}\b")  # a year that opens a period ("2025-2027")
_ON_DATE = re.compile(r"(?:\b(?:on|dated|as of)\s+(?:the\s+)?|\()$", re.IGNORECASE)


@cache
def _deadline_cue() -> re.Pattern[str]:
    cues = load_rules("agreements")["deadline_cues"]
    return re.compile(rf"(?<![\w-])(?:{alternation(cues)})\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE)


def date_of(
    mentions: Sequence[EntitySpan], anchor: int, text: str = "", signed: bool = False
) -> tuple[str, str]:
    """(as stated, partial ISO) of the date the document was signed: a date introduced by "on"
    first ("signed on November 25, 2022", not the "2022" of "Road Map for 2022-2027"), then the
    most precise, then the nearest to the document noun or verb. A signed document's date is no
    deadline ("by 2028")."""
    dates = [e for e in mentions if e.type == "date" and not _not_signing_date(text, e)]
    if text:  # "supplies of electricity in 2025-2027": a period, not a day of signing
        dates = [e for e in dates if not (len(e.canonical) == 4 and _RANGE_AFTER.match(text, e.end))]
    if signed and text:
        dates = [e for e in dates if not _deadline_cue().search(text, max(0, e.start - 20), e.start)]
    if not dates:
        return "", ""

    def rank(e: EntitySpan) -> tuple[int, int, int]:
        on = bool(text) and bool(_ON_DATE.search(text[max(0, e.start - 12) : e.start]))
        precision = len(e.canonical) if e.canonical[:1].isdigit() else 0
        return (0 if on else 1, -precision, abs(e.start - anchor))

    best = min(dates, key=rank)
    iso = best.canonical if best.canonical[:1].isdigit() or best.canonical.startswith("--") else ""
    return best.text, iso


def own_date(mentions: Sequence[EntitySpan], text: str, lex: Lexicon) -> str:
    """The partial ISO date a mention gives its document ("dated April 10, 2003", "signed on 2 May"),
    '' when it gives none: other dates ("since 2022") say nothing of which document it is."""
    for e in mentions:
        if (
            e.type == "date"
            and e.canonical[:1] in "0123456789-"
            and lex.own_date_before.search(text, max(0, e.start - 16), e.start)
        ):
            return e.canonical
    return ""


def place_of(text: str, s: Sentence, mentions: Sequence[EntitySpan], lex: Lexicon) -> str:
    """Where it was signed: a place after "in"/"at" (not a facility the document is about: "at the
    Atyrau oil refinery"), or a country after "visit to"; else an event after "at"/"during" ("at
    the Tashkent International Investment Forum")."""
    event = ""
    said: tuple[int, int] | None = None
    for e in mentions:
        if e.type not in ("place", "country", "organization"):
            continue
        said = said or attribution_span(text, s, lex)  # "..., X told reporters in Ashgabat": where X spoke
        if said[0] <= e.start < said[1] and not lex.signed.search(text, said[0], e.start):
            continue
        before = text[max(s.start, e.start - 30) : e.start]
        if (
            e.type == "place"
            and lex.place_before.search(before)
            and not lex.facility_after.match(text, e.end)
            and not lex.facility_after.search(e.text)  # "in the Atyrau region": the project's area
            and not lex.facility_before.search(before)  # "a wind farm in Navoi"
        ):
            return e.canonical
        if e.type == "country" and lex.visit_before.search(before):
            return e.canonical
        named_event = e.type == "organization" and lex.event_name.search(e.text) is not None
        if not event and named_event and lex.place_before.search(before):
            event = e.canonical
    return event


# "an agreement to increase oil transit": a purpose right after the document.
_PURPOSE = re.compile(r"\s+to\s+(?!be\b|sign|conclude|ink|the\b|a\b)(?=[a-z])", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,6})$")
_LIST = re.compile(r"(?:[^,;:.()—]{1,60},\s+){1,8}(?:and|or)\s+[^,;:.()—]{1,60}")
_IN_AT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_TRAILING = re.compile(
    r"(?:\s+(?:on|in|at|of|by|from|to|for|and|the|a|an|via|through|with|into|within|under|over|per))+\s*$",
    re.IGNORECASE,
)


def subject_of(text: str, s: Sentence, after: int, lex: Lexicon, mentions: Sequence[EntitySpan] = ()) -> str:
    """The clause after a subject cue ("on the implementation of joint gas projects"), up to the
    clause's end, its verb, or a date or place ("... on August 26, 2022", "... in Baku")."""
    m = lex.subject_cues.search(text, after, s.end) or _PURPOSE.match(text, after)
    if not m:
        return ""
    # A date ends the subject; a place only where the signing happened ("... in Baku"), not in
    # "the status of the Caspian Sea".
    stop = next(
        (
            e.start
            for e in mentions
            if e.start > m.end()
            and (
                e.type == "date" or (e.type == "place" and _IN_AT.search(text, max(0, e.start - 8), e.start))
            )
        ),
        s.end,
    )
    rest = text[m.end() : stop]
    # A list is one subject ("digitalization, industrial safety, and emergency management").
    listed = _LIST.match(rest)
    cut = _CLAUSE_END.search(rest, listed.end() if listed else 0)
    if cut:
        rest = rest[: cut.start()]
    verb = _subject_stop().search(rest)
    if verb:
        rest = rest[: verb.start()]
    words = _TRAILING.sub("", rest).split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or (len(words) == 1 and not words[0].isalpha()):
        return ""
    return _TRAILING.sub("", " ".join(words[:14]))


def document_name(text: str, start: int, end: int) -> str:
    """A document named in capitals ("the Aktau-Baku-Ceyhan Oil Transit Agreement"), or ''."""
    if not text[start:end][:1].isupper():
        return ""
    m = _NAMED_BEFORE.search(text, max(0, start - 80), start)
    return f"{m.group(1)} {text[start:end]}" if m else ""


def quantities_of(mentions: Sequence[EntitySpan]) -> list[str]:
    return [e.canonical for e in mentions if e.type in ("quantity", "money")]
