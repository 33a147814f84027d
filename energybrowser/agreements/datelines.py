"""A wire dateline opening a paragraph ("ALMATY, March 20 (Reuters) - ...", "ASTANA. KAZINFORM –
...", "Astana, April 4, 2025. ...", "Baku. 17 December. REPORT.AZ/ ..."): its place and date say
where and when the story was filed, never where or when a document was signed, and its comma would
read as the start of an attribution (", X said ..."). Told from the entities already found (a place
and a date, an agency in brackets or a known outlet, nothing else), so the agreement rules need not
load the importer's vocabulary (a second of YAML in every analysis process)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from energybrowser.agreements.parties import in_sentence
from energybrowser.entities.gazetteer import Gazetteer
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.sentences import Sentence

MAX_HEAD = 100
# Where a dateline ends: a dash with a space (or a bracket) before it, an agency's slash
# ("REPORT.AZ/ "), or a full stop after a date or a bracket ("..., 2025. ", "(TDH). ").
_END = re.compile(
    r"(?:\s+|(?<=\)))[-–—]{1,2}\s*(?=\S)|(?<=\w)/\s+(?=[A-Z])|(?:(?<=\))|(?<=\d))\.\s+(?=[\w\"“‘'])"
)
_BRACKET = re.compile(r"\([^()]{2,40}\)")
_LEFT = re.compile(r"[\s,.]*")
_AGENCY = re.compile(r"[\s,.]*-?[A-Z][\w.-]*(?:[ -][A-Z][\w.-]*){0,2}\s*")
_SITE = re.compile(r"(?<![\w.])[A-Z][\w-]*\.(?:[a-z]{2,3})(?![\w.])")  # "Report.ge", "Trend.az"


def dateline_end(text: str, s: Sentence, entities: Sequence[EntitySpan], gaz: Gazetteer) -> int:
    """Offset in `text` where the dateline `s` opens with ends, or `s.start` when it has none."""
    # A dateline opens with its place or its agency: most paragraphs are ruled out by one lookup.
    first = bisect.bisect_left(entities, s.start, key=_start)
    if first == len(entities) or entities[first].start != s.start:
        return s.start
    end = _END.search(text, s.start, min(s.end, s.start + MAX_HEAD))
    if end is None:
        return s.start
    head = [e for e in in_sentence(entities, s) if e.end <= end.start()]
    places = [e for e in head if e.type in ("place", "country")]
    dated = any(e.type == "date" for e in head)
    media = [e for e in head if e.type == "organization" and _is_media(e, gaz)]
    brackets = [*_BRACKET.finditer(text, s.start, end.start()), *_SITE.finditer(text, s.start, end.start())]
    # A place with a date or an agency ("ALMATY, March 20 (Reuters) -"), or an agency alone where
    # the place stood in a sentence of its own ("ASTANA. KAZINFORM –", "REPORT.AZ/").
    if not (places or media) or not (dated or media or brackets):
        return s.start
    # Nothing else may stand in it: every character is one of those, a bracket or punctuation.
    covered = sorted([(e.start, e.end) for e in (*places, *media) if e.type != "date"]
                     + [(e.start, e.end) for e in head if e.type == "date"]
                     + [m.span() for m in brackets])  # fmt: skip
    at = s.start
    for start, stop in covered:
        if start < at:
            at = max(at, stop)
            continue
        if not _LEFT.fullmatch(text, at, start):
            return s.start
        at = stop
    if _LEFT.fullmatch(text, at, end.start()):
        return end.end()
    # "DUSHANBE, March 27, 2025, Asia-Plus --": after a place and a date, the agency's name.
    agency = places and dated and _AGENCY.fullmatch(text, at, end.start())
    return end.end() if agency else s.start


def _start(e: EntitySpan) -> int:
    return e.start


def _is_media(e: EntitySpan, gaz: Gazetteer) -> bool:
    entry = gaz.by_canonical(e.canonical)
    return entry is not None and entry.kind == "media"
