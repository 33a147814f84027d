"""Find entity mentions in an article: gazetteer names, pattern-found names, acronyms the article
defines ("Trans-Caspian International Transport Route (TITR)"), dates, quantities and money.
Overlaps resolve to the longest span. Results are cached per article content."""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import cache

from energybrowser.corpus.model import Article, PartialDate
from energybrowser.entities.dates import find_dates
from energybrowser.entities.demonyms import stands_for_state
from energybrowser.entities.gazetteer import Gazetteer, load_gazetteer
from energybrowser.entities.gazetteer_match import find_names
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.names import (
    find_acronymed,
    find_coordinated,
    find_initialled,
    find_pattern_names,
    find_possessed,
    find_quoted,
    find_signers,
    find_stakeholders,
    strip_legal_form,
)
from energybrowser.entities.overlaps import Candidate, resolve_overlaps
from energybrowser.entities.quantities import find_quantities
from energybrowser.entities.rules import load_rules

_CACHE_SIZE = 512
# (every span, the mentions without describing demonyms) per article content
_cache: OrderedDict[tuple[str, str, int], tuple[tuple[EntitySpan, ...], tuple[EntitySpan, ...]]] = (
    OrderedDict()
)

_NAMED = ("organization", "pipeline", "route", "field", "place", "person", "country")
_ACRONYM_AFTER = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z&]{1,9})\)")


def extract_entities(
    article: Article, gazetteer: Gazetteer | None = None, *, describing: bool = False
) -> tuple[EntitySpan, ...]:
    """The article's entity mentions: what the reader highlights and the facets count.
    `describing`: also the demonyms that describe rather than name a state ("Kazakh oil", source
    `DESCRIBING`), which still tell the agreement rules which countries an article is about."""
    gaz = gazetteer or load_gazetteer()
    key = (article.content_hash, article.meta.date.iso(), id(gaz))
    if key in _cache:
        _cache.move_to_end(key)
        every, mentions = _cache[key]
    else:
        every = extract_from_text(article.text, gaz, article.meta.date, article.paragraph_at, describing=True)
        mentions = tuple(s for s in every if s.source != DESCRIBING)
        _cache[key] = (every, mentions)
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return every if describing else mentions


def extract_from_text(
    text: str,
    gaz: Gazetteer,
    article_date: PartialDate | None = None,
    paragraph_at: object = None,
    *,
    describing: bool = False,
) -> tuple[EntitySpan, ...]:
    candidates = _candidates(text, gaz, article_date)
    chosen = resolve_overlaps(candidates)
    chosen = resolve_overlaps(chosen + _defined_acronyms(text, chosen, gaz))
    known = [(c.start, c.end, c.type) for c in chosen]
    listed = [
        *find_coordinated(text, known, gaz),
        *find_stakeholders(text, known, gaz),
        *find_possessed(text, known, gaz),
        *find_signers(text, known, gaz),
    ]
    coordinated = [Candidate(m.start, m.end, m.type, m.name, 1) for m in listed]
    chosen = resolve_overlaps(chosen + coordinated)
    chosen = resolve_overlaps(chosen + _family_names(text, chosen))
    chosen = _unify_persons(text, chosen)
    chosen = _ministries_of(text, _state_bodies(text, chosen, gaz), gaz)
    locate = paragraph_at if callable(paragraph_at) else (lambda _offset: None)
    spans = []
    for c in chosen:
        source = DESCRIBING if _describing_demonym(text, c, gaz) else _SOURCES.get(c.rank, "")
        if source == DESCRIBING and not describing:
            continue
        spans.append(
            EntitySpan(
                text[c.start : c.end],
                c.canonical,
                c.type,
                c.start,
                c.end,
                locate(c.start),
                c.value,
                c.unit,
                source,
            )
        )
    return tuple(spans)


_SOURCES = {3: "gazetteer", 2: "acronym", 1: "pattern", 0: "number"}
# The source of a demonym that describes goods, people or firms ("Kazakh oil") rather than a state.
DESCRIBING = "describing demonym"


def _candidates(text: str, gaz: Gazetteer, article_date: PartialDate | None) -> list[Candidate]:
    found = [Candidate(m.start, m.end, m.entry.type, m.entry.canonical, 3) for m in find_names(text, gaz)]
    patterned = [*find_pattern_names(text, gaz), *find_initialled(text, gaz), *find_acronymed(text, gaz)]
    for m in [*patterned, *find_quoted(text, gaz)]:
        entry = gaz.lookup(m.name) or gaz.lookup(strip_legal_form(m.name))
        if entry is None and m.type == "person" and len(m.name.split()) == 2:
            entry = gaz.lookup(" ".join(reversed(m.name.split())))  # "Khassenov Askhat"
        name = " ".join(m.name.split())
        if entry is None and m.type == "organization":
            name = strip_legal_form(name)  # "Aral Petroleum Capital LLP" is "Aral Petroleum Capital"
        canonical = entry.canonical if entry and entry.type == m.type else name
        found.append(Candidate(m.start, m.end, m.type, canonical, 1))
    for d in find_dates(text, article_date):
        found.append(Candidate(d.start, d.end, "date", d.iso or d.text, 0))
    for q in find_quantities(text):
        found.append(Candidate(q.start, q.end, q.type, q.canonical, 0, q.value, q.unit))
    return found


def _describing_demonym(text: str, c: Candidate, gaz: Gazetteer) -> bool:
    """'Kazakh oil': a demonym that does not stand for its state is no country mention. It still
    takes part in resolving overlaps, so no other rule claims its words."""
    return (
        c.type == "country"
        and gaz.is_demonym(text[c.start : c.end])
        and not stands_for_state(text, c.end, gaz)
    )


def _defined_acronyms(text: str, chosen: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """'Long Name (LN)' defines LN for the rest of the article, when the gazetteer lacks it."""
    defined: dict[str, Candidate] = {}
    for c in chosen:
        if c.type not in _NAMED or c.type == "person":
            continue
        m = _ACRONYM_AFTER.match(text, c.end)
        if m and not gaz.lookup(m.group(1)) and sum(ch.isupper() for ch in m.group(1)) >= 2:
            defined.setdefault(m.group(1), c)
    extra: list[Candidate] = []
    for abbr, source in defined.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            extra.append(Candidate(m.start(), m.end(), source.type, source.canonical, 2))
    return extra


def _family_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Once 'Elkhan Shahinoglu' is named, a later bare 'Shahinoglu' is the same person."""
    full = {c.canonical.split()[-1]: c.canonical for c in chosen if c.type == "person" and " " in c.canonical}
    extra: list[Candidate] = []
    for family, canonical in full.items():
        if len(family) < 4:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(family)}(?![\w-])", text):
            extra.append(Candidate(m.start(), m.end(), "person", canonical, 1))
    return extra


def _unify_persons(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A one-word person mention takes the full name of the person the article names so; a
    gazetteer's reading of the word ("Aliyev": Ilham Aliyev) gives way when the article writes out
    one other person's name so ("Natik Aliyev"), not when it writes out two."""
    full: dict[str, str] = {}
    written: dict[str, set[str]] = {}  # family name -> the persons whose full name the text writes
    for c in chosen:
        if c.type == "person" and " " in c.canonical:
            full.setdefault(c.canonical.split()[-1], c.canonical)
            if " " in text[c.start : c.end]:
                written.setdefault(c.canonical.split()[-1], set()).add(c.canonical)
    out: list[Candidate] = []
    for c in chosen:
        if c.type == "person" and " " not in c.canonical and c.canonical in full:
            c = Candidate(c.start, c.end, c.type, full[c.canonical], c.rank)
        elif c.type == "person" and len(others := written.get(text[c.start : c.end], set())) == 1:
            c = Candidate(c.start, c.end, c.type, next(iter(others)), c.rank)
        out.append(c)
    return out


# A state's body named without its state: "Ministry of Energy", "Energy Ministry", "Cabinet of
# Ministers". Written after "Kyrgyzstan's" or "the Kyrgyz", it is that state's.
_BARE_BODY = re.compile(
    r"^(?:(?P<demonym>[A-Z][\w'’-]*)\s+)?(?:(?P<ministry>Ministry\s+of\s+[A-Z].*|(?P<sector>[A-Z][\w-]*(?:\s+and"
    r"\s+[A-Z][\w-]*)?)\s+Ministry)|(?P<government>Cabinet\s+of\s+Ministers|Government|Cabinet))$"
)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:(?:own|national|state)\s+)?$")
_OF_STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z]")


# "the energy ministries of A and B"; "the energy ministers of A and B" sign for them too.
_MINISTRIES_OF = re.compile(r"\b(?P<sector>[a-z]+)\s+minist(?:ries|ers)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def sectors() -> dict[str, str]:
    """Sector words and the ministry names they give ("energy" -> "Energy")."""
    return {str(k).lower(): str(v) for k, v in load_rules("entity_patterns")["ministry_sectors"].items()}


_LISTED = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _ministries_of(text: str, chosen: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """'the energy ministries of Azerbaijan and Uzbekistan': each state's ministry ("Ministry of
    Energy of Azerbaijan", the gazetteer's name for it when it has one), where the states are."""
    out: list[Candidate] = []
    sector = ""
    for c in chosen:
        if c.type != "country":
            sector = ""
            out.append(c)
            continue
        listed = (
            sector
            and out
            and out[-1].type == "organization"
            and _LISTED.fullmatch(text, out[-1].end, c.start)
        )
        m = None if listed else _MINISTRIES_OF.search(text, max(0, c.start - 60), c.start)
        if m:
            sector = sectors().get(m["sector"].lower(), "")
        elif not listed:
            sector = ""
        if not sector:
            out.append(c)
            continue
        name = f"Ministry of {sector} of {c.canonical}"
        entry = gaz.lookup(name)
        canonical = entry.canonical if entry is not None and entry.type == "organization" else name
        out.append(Candidate(c.start, c.end, "organization", canonical, c.rank))
    return out


def _state_bodies(text: str, chosen: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """'Uzbekistan's Ministry of Energy', 'the Kyrgyz Ministry of Energy' -> one organisation,
    'Ministry of Energy of Uzbekistan' (the gazetteer's name for it when it has one); "Kyrgyzstan's
    Cabinet of Ministers" -> the state. Rules over names, so a ministry the gazetteer lacks, or a
    spelling it does not list, still reads as its state's."""
    out: list[Candidate] = []
    for c in chosen:
        m = _BARE_BODY.match(c.canonical) if c.type == "organization" else None
        if m is None or _OF_STATE_AFTER.match(text, c.end):
            out.append(c)
            continue
        state, start = "", c.start
        if m["demonym"]:
            entry = gaz.lookup(m["demonym"])
            if entry is None or not gaz.is_demonym(m["demonym"]):
                out.append(c)
                continue
            state = entry.canonical
        elif out and out[-1].type == "country" and _POSSESSIVE_GAP.fullmatch(text, out[-1].end, c.start):
            state, start = out[-1].canonical, out[-1].start
        elif (
            out
            and out[-1].type == "country"
            and text[out[-1].end : c.start] == " "
            and gaz.is_demonym(text[out[-1].start : out[-1].end])
        ):
            state, start = out[-1].canonical, out[-1].start  # "the Kyrgyz Cabinet of Ministers"
        if not state:
            out.append(c)
            continue
        if start != c.start:
            out.pop()
        if m["government"]:
            out.append(Candidate(start, c.end, "country", state, c.rank))
            continue
        office = m["ministry"] or f"Ministry of {m['sector']}"
        name = f"{office} of {state}"
        entry = gaz.lookup(name)
        canonical = entry.canonical if entry is not None and entry.type == "organization" else name
        out.append(Candidate(start, c.end, "organization", canonical, c.rank))
    return out
