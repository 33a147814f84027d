"""The speaker's side: "He said an agreement signed with BOTAS in 2010 ... was governed by British
law" reports a document signed with one named party by the speaker's own organisation, which the
sentence leaves unnamed. The speaker is the person the attribution names, or for "he"/"she" the
person last named before; their organisation is the one their first mention gives them ("SOCAR Head
of the Foreign Investments Department Vagif Aliyev", "BP's regional head Gary Jones")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from energybrowser.agreements.lexicon import Lexicon
from energybrowser.agreements.parties import attribution_span
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.sentences import Sentence

# "an agreement signed with X", "the contract that was concluded with X": the other side unnamed.
_SIGNED_WITH = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:was\s+|were\s+|had\s+been\s+)?(?:signed|concluded)\s+with\s"
)
_PRONOUN = re.compile(r"\W*(?:he|she)\s", re.IGNORECASE)
# Between a body and its official's name: the official's title ("Head of the Foreign Investments
# Department"), or a possessive ("BP's regional head").
_TITLE_BETWEEN = re.compile(r"^(?:['’]s)?\s+(?:(?:[A-Z][\w-]*|of|the|for|and|on|[a-z][\w-]*)\s+){1,8}$")
MAX_TITLE_CHARS = 80


def speaker_side(
    text: str,
    sentence: Sentence,
    document_end: int,
    parties: list[str],
    entities: Sequence[EntitySpan],
    lex: Lexicon,
) -> list[str]:
    """`parties` with the speaker's organisation added where the document was "signed with" the
    one party named and the speaker's organisation is known; else `parties` unchanged."""
    if len(parties) != 1 or not _SIGNED_WITH.match(text, document_end):
        return parties
    start, end = attribution_span(text, sentence, lex)
    if start >= end:
        return parties
    speaker = next((e for e in entities if e.type == "person" and start <= e.start < end), None)
    if speaker is None and _PRONOUN.match(text, start):
        speaker = next(
            (e for e in reversed(entities) if e.type == "person" and e.start < sentence.start), None
        )
    if speaker is None:
        return parties
    body = _organisation_of(speaker.canonical, text, entities)
    return [body, *parties] if body and body not in parties else parties


def _organisation_of(person: str, text: str, entities: Sequence[EntitySpan]) -> str:
    """The organisation the person's first mention puts before their title, '' when none."""
    first = next((i for i, e in enumerate(entities) if e.type == "person" and e.canonical == person), None)
    if first is None or first == 0:
        return ""
    before = entities[first - 1]
    gap = text[before.end : entities[first].start]
    if before.type != "organization" or len(gap) > MAX_TITLE_CHARS or not _TITLE_BETWEEN.match(gap):
        return ""
    return before.canonical
