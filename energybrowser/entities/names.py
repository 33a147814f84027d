"""Pattern rules that find names the gazetteer lacks: organisations by their suffix or prefix
("Samruk Kazyna JSC", "Ministry of Energy of Georgia") or by a describing phrase ("Kazakhstan's gas
giant X", "X, the national oil company of Y"), persons by a title or a regional family-name ending,
fields ("Y oil field") and pipelines or routes ("X Pipeline", "X Corridor"). Word lists are data in
`resources/extraction/entity_patterns.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from energybrowser.entities.gazetteer import Gazetteer
from energybrowser.entities.rules import alternation, load_rules

_UPPER = "".join(chr(i) for i in range(0x41, 0x530) if chr(i).isupper() and chr(i).isalpha())
_CAPWORD = rf"[{_UPPER}](?:[\w&-]|[.'’](?=\w)(?!s\b))*"


@dataclass(frozen=True)
class PatternMatch:
    start: int
    end: int
    type: str
    name: str  # the name itself, without "field"/"pipeline" words around it


@dataclass(frozen=True)
class _NamePatterns:
    name: re.Pattern[str]
    stopwords: frozenset[str]
    connectors: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    titles_before: re.Pattern[str]  # a title ending just before a name
    title_words: frozenset[str]  # capitalised titles that may sit inside a run of capitals
    and_joins: frozenset[str]  # words that "and" joins inside one name ("Oil and Gas")
    surname: re.Pattern[str]
    described_before: re.Pattern[str]
    described_after: re.Pattern[str]
    field_after: re.Pattern[str]
    pipeline_after: re.Pattern[str]


@cache
def _patterns() -> _NamePatterns:
    d = load_rules("entity_patterns")
    connectors = [c for c in d["name_connectors"] if c != "-"]
    name = re.compile(rf"{_CAPWORD}(?:[ ](?:(?:{alternation(connectors)})[ ]){{0,2}}{_CAPWORD})*")
    titles = d["person_titles"]
    modifiers = alternation(d["company_modifiers"])
    nouns = alternation(d["company_nouns"])
    return _NamePatterns(
        name=name,
        stopwords=frozenset(d["name_stopwords"]),
        connectors=frozenset(connectors),
        org_suffixes=frozenset(s.rstrip(".") for s in d["org_suffixes"]),
        org_prefixes=frozenset(d["org_prefixes"]),
        titles_before=re.compile(rf"(?<!\w)(?:{alternation(titles)}),?[ ]"),
        title_words=frozenset(t for t in titles if " " not in t and t[0].isupper() and not t.endswith(".")),
        and_joins=frozenset(d["and_joins"]),
        surname=re.compile(rf"(?:{alternation(d['surname_endings'])})$"),
        described_before=re.compile(rf"(?<![\w-])(?:(?:{modifiers})[ ]){{1,5}}(?:{nouns})[ ]", re.IGNORECASE),
        described_after=re.compile(
            rf",[ ](?:the|a|an)[ ](?:(?:{modifiers}|of)[ ]){{1,6}}(?:{nouns})\b", re.IGNORECASE
        ),
        field_after=_after(d["field_modifiers"], d["field_words"], 3),
        pipeline_after=_after(d["pipeline_modifiers"], d["pipeline_words"], 2),
    )


def _after(modifiers: list[str], heads: list[str], most: int) -> re.Pattern[str]:
    """' oil field', ' gas pipeline': up to `most` modifiers, then a head word."""
    return re.compile(rf"[ ](?:(?:{alternation(modifiers)})[ ]){{0,{most}}}(?:{alternation(heads)})\b")


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def find_pattern_names(text: str, gazetteer: Gazetteer) -> list[PatternMatch]:
    p = _patterns()
    # Where a title or a company description ends, a name may start: found in one pass each.
    cues = _Cues(
        {m.end() for m in p.titles_before.finditer(text)},
        {m.end() for m in p.described_before.finditer(text)},
    )
    found: list[PatternMatch] = []
    for m in p.name.finditer(text):
        toks = _tokens(text, m.start(), m.end())
        # Sentence-initial function words ("The", "In") are not part of the name.
        while toks and (text[toks[0][0] : toks[0][1]] in p.stopwords):
            toks = toks[1:]
            while toks and text[toks[0][0] : toks[0][1]] in p.connectors:
                toks = toks[1:]
        for part in _split_at_and(text, toks, p):
            if part:
                found.extend(_classify(text, part, p, gazetteer, cues))
    return found


def _split_at_and(text: str, toks: list[tuple[int, int]], p: _NamePatterns) -> list[list[tuple[int, int]]]:
    """ "SOCAR and KazMunayGas" is two names; "Ministry of Energy and Natural Resources" is one."""
    words = [text[s:e] for s, e in toks]
    if words and words[0] in p.org_prefixes:
        return [toks]
    parts: list[list[tuple[int, int]]] = [[]]
    for i, tok in enumerate(toks):
        if words[i] in ("and", "&") and not (i + 1 < len(words) and words[i + 1] in p.and_joins):
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


@dataclass(frozen=True)
class _Cues:
    after_title: set[int]
    after_description: set[int]


def _classify(
    text: str, toks: list[tuple[int, int]], p: _NamePatterns, gaz: Gazetteer, cues: _Cues
) -> list[PatternMatch]:
    words = [text[s:e] for s, e in toks]
    start, end = toks[0][0], toks[-1][1]
    name = text[start:end]
    # A title inside a run of capitals ("SOCAR President Rovshan Najaf") starts a person's name.
    for i, w in enumerate(words):
        if w in p.title_words and i + 1 < len(words):
            j = i + 1
            while j < len(words) and words[j] in p.title_words:
                j += 1
            while j + 1 < len(words) and words[j] == "of":  # "President of Kazakhstan Tokayev"
                j += 2
            before = _classify(text, toks[:i], p, gaz, cues) if i > 0 else []
            person = toks[j:]
            if person and all(w not in p.connectors for w in words[j:]) and len(person) <= 3:
                return [*before, PatternMatch(person[0][0], person[-1][1], "person", _span(text, person))]
            return before + _family_name(text, toks, words, p, gaz)
    after = text[end : end + 60]
    entry = gaz.lookup(name)
    plain_place = entry is not None and entry.type in ("country", "place") and "-" not in name
    if (f := p.field_after.match(after)) and not plain_place and not _is_org(words, p):
        return [PatternMatch(start, end + f.end(), "field", name)]
    if (pl := p.pipeline_after.match(after)) and not plain_place:
        return [PatternMatch(start, end + pl.end(), "pipeline", f"{name} {_head(pl.group(0))}")]
    if len(words) >= 2 and (_is_org(words, p)):
        return [PatternMatch(start, end, "organization", name)]
    described = start in cues.after_description or p.described_after.match(after)
    if len(words) <= 4 and described and (entry is None or entry.type == "organization"):
        return [PatternMatch(start, end, "organization", name)]
    titled = start in cues.after_title and all(w not in p.connectors for w in words)
    if len(words) <= 3 and titled and (entry is None or entry.type == "person"):
        return [PatternMatch(start, end, "person", name)]
    return _family_name(text, toks, words, p, gaz)


def _family_name(
    text: str, toks: list[tuple[int, int]], words: list[str], p: _NamePatterns, gaz: Gazetteer
) -> list[PatternMatch]:
    """Regional family names: the last two capitalised words ("Dauren Karabayev", "Elkhan Shahinoglu")."""
    if len(words) < 2 or words[-2] in p.connectors:
        return []
    first, last = words[-2], words[-1]
    if (
        p.surname.search(last)
        and len(last) > 4
        and all(w[1:].islower() for w in (first, last) if len(w) > 1)
        and not gaz.lookup(first)
        and not gaz.lookup(last)
        and first not in p.stopwords
    ):
        return [PatternMatch(toks[-2][0], toks[-1][1], "person", f"{first} {last}")]
    return []


def _is_org(words: list[str], p: _NamePatterns) -> bool:
    if len(words) < 2:
        return False
    if words[-1].rstrip(".") in p.org_suffixes:
        return True
    return words[0] in p.org_prefixes and words[1] in p.connectors


def _head(words: str) -> str:
    last = words.split()[-1].lower()
    return "pipeline" if last.startswith("pipeline") else last


def _span(text: str, toks: list[tuple[int, int]]) -> str:
    return text[toks[0][0] : toks[-1][1]]
