"""Details of an agreement read from its sentences: signatories, date, place, subject, quantities."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from energybrowser.agreements.lexicon import Lexicon
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.rules import alternation, load_rules
from energybrowser.entities.sentences import Sentence

_CLAUSE_END = re.compile(r"[,;:!?()\[\]“”\"]|\.(?=\s|$)|\s[–—-]\s")


@cache
def _subject_stop() -> re.Pattern[str]:
    stops = load_rules("agreements")["subject_stops"]
    return re.compile(rf"\s(?:{alternation(stops)})(?![\w-])")


def signatories(text: str, s: Sentence, mentions: Sequence[EntitySpan], lex: Lexicon) -> list[str]:
    """Persons named in a sentence about the signing itself, not visitors or commentators."""
    if not lex.signatory_cues.search(text, s.start, s.end):
        return []
    found = []
    for e in mentions:
        if e.type != "person":
            continue
        before = text[max(s.start, e.start - 120) : e.start]
        if lex.not_signatory_before.search(before) or text[e.end : e.end + 2] in ("’s", "'s"):
            continue  # a visitor, a commentator, or "President Tokayev's visit"
        found.append(e.canonical)
    return list(dict.fromkeys(found))


def date_of(mentions: Sequence[EntitySpan], anchor: int) -> tuple[str, str]:
    """(as stated, partial ISO) of the date nearest the document noun or verb."""
    dates = [e for e in mentions if e.type == "date"]
    if not dates:
        return "", ""
    best = min(dates, key=lambda e: abs(e.start - anchor))
    iso = best.canonical if best.canonical[:1].isdigit() or best.canonical.startswith("--") else ""
    return best.text, iso


def place_of(text: str, s: Sentence, mentions: Sequence[EntitySpan], lex: Lexicon) -> str:
    for e in mentions:
        if e.type == "place" and lex.place_before.search(text[max(s.start, e.start - 20) : e.start]):
            return e.canonical
    return ""


_TRAILING = re.compile(r"(?:\s+(?:on|in|at|of|by|from|to|for|and|the|a|an))+\s*$", re.IGNORECASE)


def subject_of(text: str, s: Sentence, after: int, lex: Lexicon, mentions: Sequence[EntitySpan] = ()) -> str:
    """The clause after a subject cue ("on the implementation of joint gas projects"), up to the
    clause's end, its verb, or a date or place ("... on August 26, 2022", "... in Baku")."""
    m = lex.subject_cues.search(text, after, s.end)
    if not m:
        return ""
    stop = next((e.start for e in mentions if e.start > m.end() and e.type in ("date", "place")), s.end)
    rest = text[m.end() : stop]
    cut = _CLAUSE_END.search(rest)
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
    return " ".join(words[:14])


def quantities_of(mentions: Sequence[EntitySpan]) -> list[str]:
    return [e.canonical for e in mentions if e.type in ("quantity", "money")]
