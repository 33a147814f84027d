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

_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w’'-]*")
_UPPER = "".join(chr(i) for i in range(0x41, 0x530) if chr(i).isupper() and chr(i).isalpha())
_CAPWORD = rf"[{_UPPER}](?:[\w&\u2011-]|[.'’](?=\w)(?!s\b))*"  # U+2011: a no-break hyphen


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
    title_modifiers: frozenset[str]  # "General", "Deputy": words before a title (folded to lower case)
    and_joins: frozenset[str]  # words that "and" joins inside one name ("Oil and Gas")
    weak_org_suffixes: frozenset[str]
    legal_forms: frozenset[str]
    subsidiary_words: frozenset[str]
    function_nouns: frozenset[str]
    head_words: dict[str, str]  # lower-cased "pipeline"/"field"/... -> entity type
    head_modifiers: frozenset[str]
    coordinated_after: re.Pattern[str]
    coordinated_before: re.Pattern[str]
    surname: re.Pattern[str]
    titled_after: re.Pattern[str]  # ", senior assistant to ...": an apposition naming a role
    described_before: re.Pattern[str]
    described_after: re.Pattern[str]
    field_after: re.Pattern[str]
    pipeline_after: re.Pattern[str]
    route_after: re.Pattern[str]
    generic_words: frozenset[str]  # "State Concern", "National Company": a description, no name


@cache
def _patterns() -> _NamePatterns:
    d = load_rules("entity_patterns")
    connectors = [c for c in d["name_connectors"] if c != "-"]
    name = re.compile(rf"{_CAPWORD}(?:[ ](?:(?:{alternation(connectors)})[ ]){{0,2}}{_CAPWORD})*")
    titles = d["person_titles"]
    # Case variants listed rather than re.IGNORECASE, which makes these scans several times slower.
    modifiers = alternation(_cased(d["company_modifiers"]))
    nouns = alternation(_cased(d["company_nouns"]))
    return _NamePatterns(
        name=name,
        stopwords=frozenset(d["name_stopwords"]),
        connectors=frozenset(connectors),
        org_suffixes=frozenset(s.rstrip(".") for s in d["org_suffixes"]),
        org_prefixes=frozenset(d["org_prefixes"]),
        titles_before=re.compile(rf"(?<!\w)(?:{alternation(titles)}),?[ ]"),
        title_words=frozenset(t for t in titles if " " not in t and t[0].isupper() and not t.endswith(".")),
        title_modifiers=frozenset(str(m).lower() for m in d["title_modifiers"]),
        and_joins=frozenset(d["and_joins"]),
        weak_org_suffixes=frozenset(d["weak_org_suffixes"]),
        legal_forms=frozenset(d["legal_forms"]),
        subsidiary_words=frozenset(d["subsidiary_words"]),
        function_nouns=frozenset(d["function_nouns"]),
        head_words={
            **{w.lower(): "pipeline" for w in d["pipeline_words"]},
            **{w.lower(): "route" for w in d["route_words"]},
            **{w.lower(): "field" for w in d["field_words"]},
        },
        head_modifiers=frozenset(w.lower() for w in (*d["field_modifiers"], *d["pipeline_modifiers"])),
        # Only "and"/"&": a comma as often opens an apposition ("its partner in the Caspian, TCO").
        coordinated_after=re.compile(rf"(?:[ ]and[ ]|[ ]&[ ])((?:{_CAPWORD})(?:[ ]{_CAPWORD}){{0,3}})"),
        coordinated_before=re.compile(rf"((?:{_CAPWORD})(?:[ ]{_CAPWORD}){{0,3}})(?:[ ]and[ ]|[ ]&[ ])$"),
        surname=re.compile(rf"(?:{alternation(d['surname_endings'])})$"),
        titled_after=re.compile(
            rf",[ ](?:the[ ]|a[ ])?(?:(?:{alternation(d['title_modifiers'])})[ -])*"
            rf"(?:{alternation([t for t in titles if t[:1].islower()])})\b"
        ),
        # "the state oil company X", "the two countries' power companies, X and Y" (an apposition)
        described_before=re.compile(rf"(?<![\w-])(?:(?:{modifiers})[ ]){{1,5}}(?:{nouns}),?[ ]"),
        described_after=re.compile(rf",[ ](?:the|a|an)[ ](?:(?:{modifiers}|of)[ ]){{1,6}}(?:{nouns})\b"),
        field_after=_after(d["field_modifiers"], d["field_words"], 3),
        pipeline_after=_after(d["pipeline_modifiers"], d["pipeline_words"], 2),
        route_after=_after(d["pipeline_modifiers"], d["route_words"], 2),
        generic_words=frozenset(
            w.lower() for w in (*d["company_modifiers"], *d["company_nouns"], *d["legal_form_words"])
        ),
    )


def _cased(words: list[str]) -> list[str]:
    return [v for w in words for v in {w, w.lower(), w[:1].upper() + w[1:]}]


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
        frozenset(_LOWER_WORD.findall(text)),
    )
    found: list[PatternMatch] = []
    for m in p.name.finditer(text):
        toks = _tokens(text, m.start(), m.end())
        # Sentence-initial function words ("The", "In") are not part of the name.
        while toks and (text[toks[0][0] : toks[0][1]] in p.stopwords):
            toks = toks[1:]
            while toks and text[toks[0][0] : toks[0][1]] in p.connectors:
                toks = toks[1:]
        for part in _split_at_and(text, toks, p, gazetteer):
            while part and (
                text[part[0][0] : part[0][1]] in p.stopwords or text[part[0][0] : part[0][1]] in p.connectors
            ):
                part = part[1:]
            if part:
                found.extend(_classify(text, part, p, gazetteer, cues))
    return found


def _split_at_and(
    text: str, toks: list[tuple[int, int]], p: _NamePatterns, gaz: Gazetteer
) -> list[list[tuple[int, int]]]:
    """ "SOCAR and KazMunayGas" is two names; "Ministry of Energy and Natural Resources" is one;
    "Ministry of Energy and Samruk-Kazyna" two again (a known name follows "and")."""
    words = [text[s:e] for s, e in toks]
    prefixed = any(w in p.org_prefixes for w in words[:2])
    parts: list[list[tuple[int, int]]] = [[]]
    for i, tok in enumerate(toks):
        following = words[i + 1 : i + 3]
        # "the Government of A and the Government of B": a second body opens after "and".
        second_body = bool(following) and (
            following[0] in p.org_prefixes
            or (following[0] == "the" and following[1:2] and following[1] in p.org_prefixes)
        )
        # "Minister of Economy and Sustainable Development": "and" after a sector word inside an
        # "X of Y" office or body joins, whatever word follows it.
        inside_office = i > 1 and words[i - 1] in p.and_joins and "of" in [text[s:e] for s, e in parts[-1]]
        joined = bool(following) and (following[0] in p.and_joins or inside_office)
        known = bool(following) and (_known_name(following[0], gaz) or _known_run(words[i + 1 : i + 6], gaz))
        if words[i] in ("and", "&") and (second_body or known or not (prefixed or joined)):
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _known_run(words: list[str], gaz: Gazetteer) -> bool:
    """'the Asian Development Bank' after "and": a known name of several words opens there."""
    words = words[1:] if words[:1] == ["the"] else words
    for n in range(2, len(words) + 1):
        entry = gaz.lookup(" ".join(words[:n]))
        if entry is not None and entry.type in ("organization", "country"):
            return True
    return False


def _known_name(word: str, gaz: Gazetteer) -> bool:
    """A word that is itself the name of a known company or state ("Samruk-Kazyna", "Chevron")."""
    entry = gaz.lookup(word)
    return entry is not None and entry.type in ("organization", "country")


@dataclass(frozen=True)
class _Cues:
    after_title: set[int]
    after_description: set[int]
    lower_words: frozenset[str]  # words the text writes in lower case somewhere


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
            # "Minister of Foreign Affairs of Afghanistan Amir Khan Muttaqi": "of X" complements and
            # office words alternate before the name.
            while True:
                start_j = j
                while j + 1 < len(words) and words[j] == "of":  # "President of Kazakhstan Tokayev"
                    j += 3 if words[j + 1] == "the" else 2  # "Chairman of the Board" names no one
                # "Chairman of the Management Board Askhat Khassenov", "... of Gazprom JSC Alexei
                # Miller": the rest of the office and the body's legal form are no part of the name.
                while j < len(words) - 2 and (
                    words[j] in p.function_nouns
                    or words[j].rstrip(".") in p.legal_forms
                    or words[j] in p.org_suffixes
                ):
                    j += 1
                if j == start_j:
                    break
            # "SOCAR Energy Georgia General Director X": the title's modifiers are no part of the body.
            k = i
            while k > 1 and words[k - 1].lower() in p.title_modifiers:
                k -= 1
            before = _classify(text, toks[:k], p, gaz, cues) if k > 0 else []
            person = toks[j:]
            if person and all(w not in p.connectors for w in words[j:]) and len(person) <= 3:
                return [*before, PatternMatch(person[0][0], person[-1][1], "person", _span(text, person))]
            # "Special Envoy for Eurasian Energy Richard Morningstar": the two words after the
            # title's complement, when they read as a name.
            tail = words[-2:]
            if len(words) - j >= 3 and all(_name_like(w, p, gaz) for w in tail):
                return [*before, PatternMatch(toks[-2][0], toks[-1][1], "person", " ".join(tail))]
            return before + _family_name(toks, words, p, gaz, cues)
    after = text[end : end + 60]
    entry = gaz.lookup(name)
    # "Zhetybay Pipeline", "Tengiz Oil Field": the head word written as part of the name.
    heads = [i for i, w in enumerate(words) if i > 0 and w.lower() in p.head_words]
    if heads and heads[-1] == len(words) - 1:
        core = len(words) - 1
        while core > 1 and words[core - 1].lower() in p.head_modifiers:
            core -= 1
        kind = p.head_words[words[-1].lower()]
        core_name = text[start : toks[core - 1][1]]
        core_entry = gaz.lookup(core_name)
        if core_entry is None or core_entry.type not in ("country", "organization", "person"):
            canonical = core_name if kind == "field" else f"{core_name} {_head(words[-1])}"
            return [PatternMatch(start, end, kind, canonical)]
    plain_place = entry is not None and entry.type in ("country", "place") and "-" not in name
    if (f := p.field_after.match(after)) and not plain_place and not _is_org(words, p):
        return [PatternMatch(start, end + f.end(), "field", name)]
    if (pl := p.pipeline_after.match(after)) and not plain_place:
        return [PatternMatch(start, end + pl.end(), "pipeline", f"{name} {_head(pl.group(0))}")]
    if (rt := p.route_after.match(after)) and not plain_place:
        return [PatternMatch(start, end + rt.end(), "route", f"{name} {_head(rt.group(0))}")]
    if len(words) >= 2 and (
        _is_org(words, p) or _is_weak_org(words, p, gaz) or _is_subsidiary(words, p, gaz)
    ):
        if all(w.lower() in p.generic_words for w in words):
            return []  # 'The State Concern "Turkmennebit"': what the company is, not its name
        return [PatternMatch(start, end, "organization", name)]
    described = start in cues.after_description or p.described_after.match(after)
    if len(words) <= 4 and described and (entry is None or entry.type == "organization"):
        return [PatternMatch(start, end, "organization", name)]
    titled = (start in cues.after_title or bool(p.titled_after.match(after))) and all(
        w not in p.connectors for w in words
    )
    if len(words) <= 3 and titled and (entry is None or entry.type == "person"):
        return [PatternMatch(start, end, "person", name)]
    return _family_name(toks, words, p, gaz, cues)


def _family_name(
    toks: list[tuple[int, int]], words: list[str], p: _NamePatterns, gaz: Gazetteer, cues: _Cues
) -> list[PatternMatch]:
    """Regional family names: the last two capitalised words ("Dauren Karabayev", "Elkhan Shahinoglu")."""
    if len(words) < 2 or words[-2] in p.connectors:
        return []
    first, last = words[-2], words[-1]
    if first.lower() in cues.lower_words:
        return []  # "Later Shahinoglu": the first word is an ordinary word written lower-case elsewhere
    if first in p.stopwords or not all(w[1:].islower() for w in (first, last) if len(w) > 1):
        return []
    # A given name may also name a field or a place ("Kurmangazy Iskaziyev", "Tengiz ...").
    given = gaz.lookup(first)
    given_ok = given is None or given.type in ("field", "place")
    # A family name the gazetteer gives a known person ("Aliyev": Ilham Aliyev) names someone else
    # after another given name ("Natik Aliyev"); the known person's full names are gazetteer names.
    known = gaz.lookup(last)
    last_ok = known is None or (known.type == "person" and first not in p.title_words)
    family_last = p.surname.search(last) and len(last) > 4 and last_ok and given_ok
    # Family name first, as Kazakh and Russian sources often write ("Khassenov Askhat").
    family_first = (
        p.surname.search(first)
        and len(first) > 4
        and given is None
        and not gaz.lookup(last)
        and last not in p.title_words
        and last not in p.org_suffixes
        and last not in p.weak_org_suffixes
    )
    if family_last or family_first:
        return [PatternMatch(toks[-2][0], toks[-1][1], "person", f"{first} {last}")]
    return []


def _name_like(word: str, p: _NamePatterns, gaz: Gazetteer) -> bool:
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word not in p.connectors
        and word not in p.title_words
        and word not in p.org_suffixes
        and word not in p.weak_org_suffixes
        and word not in p.and_joins
        and word not in p.function_nouns
        and _unknown_or_person(word, gaz)
    )


def _unknown_or_person(word: str, gaz: Gazetteer) -> bool:
    """A word the gazetteer does not know, or knows as a person's name: "Aliyev" after "Vagif" is
    a family name still, of another person than the one the gazetteer knows."""
    entry = gaz.lookup(word)
    return entry is None or entry.type == "person"


def _is_org(words: list[str], p: _NamePatterns) -> bool:
    if len(words) < 2:
        return False
    if words[-1].rstrip(".") in p.org_suffixes:
        return True
    if words[0] in p.org_prefixes and words[1] in p.connectors:
        return True
    # "Hungarian Ministry of Foreign Affairs", "Georgian State Committee for ..."
    return len(words) >= 3 and words[1] in p.org_prefixes and words[2] in p.connectors


def _is_subsidiary(words: list[str], p: _NamePatterns, gaz: Gazetteer) -> bool:
    """'SOCAR Energy Georgia', 'SOCAR Georgia Petroleum': a known company's name followed by sector
    words and the states it works in names a company of its own (a subsidiary signs for itself)."""
    parent = gaz.lookup(words[0])
    if parent is None or parent.type != "organization" or len(words) > 4:
        return False
    rest = words[1:]
    sector = p.weak_org_suffixes | p.subsidiary_words
    if not any(w in sector for w in rest):
        return False
    return all(w in sector or _is_state(w, gaz) for w in rest)


def _is_state(word: str, gaz: Gazetteer) -> bool:
    entry = gaz.lookup(word)
    return entry is not None and entry.type == "country"


def _is_weak_org(words: list[str], p: _NamePatterns, gaz: Gazetteer) -> bool:
    """'Dragon Oil', 'Caspian Sunrise Energy': a sector word after a name that is nothing else."""
    if words[-1] not in p.weak_org_suffixes or words[0] in p.stopwords or len(words) > 3:
        return False
    if any(w in p.connectors for w in words):
        return False
    return gaz.lookup(" ".join(words[:-1])) is None and gaz.lookup(words[0]) is None


# "B. Kazhiyev", "Sh. Sadikov", "J. K. Mirzamakhmudov": initials (one capital, or a Cyrillic
# digraph's two letters "Sh", "Zh", "Kh", "Ch") before a family name.
_INITIALLED = re.compile(
    rf"(?<![\w.])(?P<initials>(?:[{_UPPER}][a-z]?\.[ ]?){{1,3}})[ ]?"
    rf"(?P<family>[{_UPPER}][a-z]+(?:-[{_UPPER}][a-z]+)?)\b"
)
_NOT_INITIALS = frozenset(("St", "Mt", "Ft", "Mr", "Ms", "Dr", "No", "Co", "Jr", "Sr", "Gen", "Lt"))
_WORD_BEFORE = re.compile(r"([\w.-]+)[ ,]*$")


def find_initialled(text: str, gazetteer: Gazetteer) -> list[PatternMatch]:
    """Persons written with initials ("Chairman of the Board of KEGOC JSC B. Kazhiyev"): where a
    title, an office word or a body's legal form stands just before, or the family name has a
    regional ending. "St. Petersburg" or "U.S. Steel" have neither."""
    p = _patterns()
    found: list[PatternMatch] = []
    for m in _INITIALLED.finditer(text):
        first = m["initials"].split(".")[0]
        family = m["family"]
        if first in _NOT_INITIALS or family in p.stopwords or family in p.title_words:
            continue
        entry = gazetteer.lookup(family)
        if entry is not None and entry.type != "person":
            continue
        window = max(0, m.start() - 40)
        before = _WORD_BEFORE.search(text, window, m.start())
        word = before.group(1).rstrip(".") if before else ""
        cued = (
            word in p.title_words
            or word.lower() in p.title_modifiers
            or word in p.legal_forms
            or word in p.function_nouns
            or any(t.end() == m.start() for t in p.titles_before.finditer(text, window, m.start()))
        )
        if cued or (p.surname.search(family) and len(family) > 4):
            found.append(PatternMatch(m.start(), m.end(), "person", " ".join(m.group(0).split())))
    return found


_POSSESSED = re.compile(rf"['’]s[ ]((?:{_CAPWORD})(?:[ ]{_CAPWORD}){{0,3}})")
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]")


def find_possessed(text: str, known: list[tuple[int, int, str]], gaz: Gazetteer) -> list[PatternMatch]:
    """ "China's PowerChina", "Hungary's MVM CEEnergy": an unknown name a state owns, written as a
    company writes its name (a capital inside a word, an acronym and a name, a legal or sector
    suffix), is a company. A place or a person the state owns ("China's Xinjiang", "Kazakhstan's
    President Tokayev") is written otherwise."""
    p = _patterns()
    taken = bytearray(len(text) + 1)
    for start, end, _ in known:
        taken[start:end] = b"\x01" * (end - start)
    found: list[PatternMatch] = []
    orgs = [(s, e) for s, e, k in known if k == "organization"]
    for start, end, kind in known:
        m = _POSSESSED.match(text, end) if kind == "country" else None
        if m is None:
            continue
        toks = _tokens(text, m.start(1), m.end(1))
        words = [text[a:b] for a, b in toks]
        # The name runs up to a word the text writes as an office, a connector or a known name.
        n = 0
        while n < len(words) and words[n] not in p.title_words and words[n] not in p.stopwords:
            n += 1
        toks, words = toks[:n], words[:n]
        if not words or any(taken[toks[0][0] : toks[-1][1]]) or gaz.lookup(" ".join(words)):
            continue
        camel = any(_CAMEL.search(w) for w in words)
        acronym_and_name = len(words) >= 2 and words[0].isupper() and len(words[0]) >= 2
        suffixed = len(words) >= 2 and (words[-1] in p.weak_org_suffixes or _is_org(words, p))
        # "Uzbekneftegaz and Russia's Zarubezhneft": listed with a company, it is one.
        listed = _beside_company(text, start, toks[-1][1], orgs)
        if camel or acronym_and_name or suffixed or listed:
            found.append(PatternMatch(toks[0][0], toks[-1][1], "organization", " ".join(words)))
    return found


# "Caspian Sunrise has signed a farm-out agreement ...": the name opening a sentence whose verb is
# a signing.
_SIGNER = re.compile(
    rf"(?:^|(?<=[.!?][ ])|(?<=\n))(?P<name>{_CAPWORD}(?:[ ]{_CAPWORD}){{0,3}})[ ]"
    r"(?:has[ ]|have[ ]|had[ ])?(?:also[ ])?(?:signed|inked|sealed|concluded)[ ]$"
)
_SIGNING_VERB = re.compile(r"[ ](?:signed|inked|sealed|concluded)[ ]")
MAX_SIGNER = 120  # characters before the verb where the sentence and its subject start


def find_signers(text: str, known: list[tuple[int, int, str]], gaz: Gazetteer) -> list[PatternMatch]:
    """An unknown name of two or more words that opens a sentence and signs a document is an
    organisation (a person is found by a title or a family name first; a state or a place is
    known)."""
    p = _patterns()
    taken = bytearray(len(text) + 1)
    for start, end, _ in known:
        taken[start:end] = b"\x01" * (end - start)
    found: list[PatternMatch] = []
    # Searched back from each signing verb: a scan of the whole text for sentence openings is slower.
    for verb in _SIGNING_VERB.finditer(text):
        m = _SIGNER.search(text, max(0, verb.start() - MAX_SIGNER), verb.end())
        if m is None:
            continue
        start, end = m.span("name")
        words = m["name"].split()
        if len(words) < 2 or any(taken[start:end]) or words[0] in p.stopwords:
            continue
        if any(w in p.title_words or w in p.connectors or gaz.lookup(w) is not None for w in words[1:]):
            continue
        if gaz.lookup(m["name"]) is None and not p.surname.search(words[-1]):
            found.append(PatternMatch(start, end, "organization", m["name"]))
    return found


_ACRONYMED = re.compile(
    rf"(?P<name>{_CAPWORD}(?:[ ](?:(?:of|and|for|the|de|&)[ ])?{_CAPWORD}){{1,7}})"
    r"[ ]\((?P<abbr>[A-Z][A-Za-z&]{1,9})\)$"
)
_ABBR = re.compile(r"[ ]\([A-Z][A-Za-z&]{1,9}\)")
MAX_ACRONYMED = 160  # characters of name before its bracketed abbreviation
_ABBR_SKIP = frozenset(("of", "and", "for", "the", "de", "&"))


def find_acronymed(text: str, gaz: Gazetteer) -> list[PatternMatch]:
    """'Georgian State Electrosystem (GSE)': a name its own initials abbreviate, in brackets after it,
    is an organisation's (a person or a place is not written so). A leading word outside the initials
    ("The") is left out."""
    p = _patterns()
    found: list[PatternMatch] = []
    # Searched back from each "(ABC)": a scan of the whole text for names before brackets is slower.
    for abbr_at in _ABBR.finditer(text):
        m = _ACRONYMED.search(text, max(0, abbr_at.start() - MAX_ACRONYMED), abbr_at.end())
        if m is None:
            continue
        toks = _tokens(text, m.start("name"), m.end("name"))
        words = [text[a:b] for a, b in toks]
        abbr = m["abbr"].upper()
        for first in range(len(words) - 1):
            rest = words[first:]
            if rest[0].lower() in _ABBR_SKIP or rest[0] in p.title_words:
                continue
            if abbr not in _initials(rest):
                continue
            if gaz.lookup(" ".join(rest)) is None and rest[-1].lower() not in p.head_words:
                found.append(PatternMatch(toks[first][0], toks[-1][1], "organization", " ".join(rest)))
            break
    return found


def _initials(words: list[str]) -> set[str]:
    """The initials of a name, with and without its connectors, its hyphenated parts counted or not."""
    out = set()
    for keep_connectors in (False, True):
        for split_hyphens in (False, True):
            letters = []
            for w in words:
                if w.lower() in _ABBR_SKIP and not keep_connectors:
                    continue
                parts = w.split("-") if split_hyphens else [w]
                letters += [part[:1].upper() for part in parts if part]
            out.add("".join(letters))
    return out


_AND_BEFORE = re.compile(r"\s*(?:,|\band|&)\s*$")
_AND_AFTER = re.compile(r"\s*(?:,|\band\b|&)\s*")


def _beside_company(text: str, start: int, end: int, orgs: list[tuple[int, int]]) -> bool:
    """A company ends just before `start` or starts just after `end`, joined by "and" or a comma."""
    for s, e in orgs:
        if e <= start and start - e <= 8 and _AND_BEFORE.search(text, e, start):
            return True
        if s >= end and s - end <= 8 and _AND_AFTER.fullmatch(text, end, s):
            return True
    return False


def find_coordinated(text: str, known: list[tuple[int, int, str]], gaz: Gazetteer) -> list[PatternMatch]:
    """An unknown name listed with a known company or field takes its type: 'MVM and SOCAR',
    'the Kalamkas-Sea and Khazar projects'. `known` holds (start, end, type) of found names."""
    p = _patterns()
    taken = bytearray(len(text) + 1)
    for start, end, _ in known:
        taken[start:end] = b"\x01" * (end - start)
    found: list[PatternMatch] = []
    for start, end, kind in known:
        if kind not in ("organization", "field"):
            continue
        right = p.coordinated_after.match(text, end)
        if right:
            found.extend(_coordinated_name(text, right.start(1), right.end(1), kind, taken, p, gaz))
        left = p.coordinated_before.search(text, max(0, start - 60), start)
        if left:
            found.extend(_coordinated_name(text, left.start(1), left.end(1), kind, taken, p, gaz))
    return found


# "BP (operator) - 25.5 percent, Statoil - 25.5 percent, Total - 10 percent": a list of stakes.
_STAKE_WORD = rf"[{_UPPER}](?:[\w&]|[.'’](?=\w)(?!s\b))*"
_STAKE = re.compile(
    rf"(?P<name>{_STAKE_WORD}(?:[ ]{_STAKE_WORD}){{0,3}})(?:\s*\([^()]{{1,30}}\))?\s*(?:[-–—:]\s*)?"
    r"\d+(?:[.,]\d+)?\s*(?:%|percent\b|per cent\b)"
)
_STAKE_GAP = re.compile(r"\s*[,;]\s*(?:and\s+)?")
MIN_KNOWN_STAKES = 2


def find_stakeholders(text: str, known: list[tuple[int, int, str]], gaz: Gazetteer) -> list[PatternMatch]:
    """An unknown name in a list of stakes held mostly by known companies is a company too
    ("..., NICO - 10 percent, Total - 10 percent, LukAgip - 10 percent")."""
    companies = {(s, e) for s, e, kind in known if kind == "organization"}
    taken = bytearray(len(text) + 1)
    for start, end, _ in known:
        taken[start:end] = b"\x01" * (end - start)
    runs: list[list[re.Match[str]]] = []
    for m in _STAKE.finditer(text):
        if runs and _STAKE_GAP.fullmatch(text, runs[-1][-1].end(), m.start()):
            runs[-1].append(m)
        else:
            runs.append([m])
    found: list[PatternMatch] = []
    for run in runs:
        if sum(m.span("name") in companies for m in run) < MIN_KNOWN_STAKES:
            continue
        for m in run:
            start, end = m.span("name")
            if not any(taken[start:end]) and gaz.lookup(m["name"]) is None:
                found.append(PatternMatch(start, end, "organization", m["name"]))
    return found


def _coordinated_name(
    text: str, start: int, end: int, kind: str, taken: bytearray, p: _NamePatterns, gaz: Gazetteer
) -> list[PatternMatch]:
    toks = _tokens(text, start, end)
    words = [text[s:e] for s, e in toks]
    while words and words[0] in p.stopwords:
        toks, words = toks[1:], words[1:]
    if not toks or len(toks) > 4 or any(taken[toks[0][0] : toks[-1][1]]):
        return []
    if any(w in p.title_words or w in p.connectors for w in words) or gaz.lookup(" ".join(words)):
        return []
    return [PatternMatch(toks[0][0], toks[-1][1], kind, " ".join(words))]


def _head(words: str) -> str:
    last = words.split()[-1]
    return "pipeline" if last.lower().startswith("pipeline") else last


def _span(text: str, toks: list[tuple[int, int]]) -> str:
    return text[toks[0][0] : toks[-1][1]]


def strip_legal_form(name: str) -> str:
    """'KazMunayGas NC JSC' -> 'KazMunayGas', 'JSC Uzbekneftegaz' -> 'Uzbekneftegaz': for lookup."""
    p = _patterns()
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".") in p.legal_forms:
        words.pop()
    while len(words) > 1 and words[0].rstrip(".") in p.legal_forms:
        words.pop(0)
    return " ".join(words)


@cache
def _quoted_after_form() -> re.Pattern[str]:
    forms = sorted(
        {*_patterns().legal_forms, "Joint Stock Company", "Joint-Stock Company", "State Concern"}, key=len
    )
    return re.compile(
        rf"(?<![\w-])(?:{alternation(reversed(forms))})\s+[\"“«](?P<name>[A-Z][^\"”»\n]{{1,60}}?)[\"”»]"
    )


def find_quoted(text: str, gaz: Gazetteer) -> list[PatternMatch]:
    """'JSC "Uzbekhydroenergo"', 'JSC "National Electric Grid of Uzbekistan"': a name in quotes after a
    legal form is a company's, the state inside it included."""
    if '"' not in text and "«" not in text and "“" not in text:
        return []
    found = []
    for m in _quoted_after_form().finditer(text):
        entry = gaz.lookup(m["name"])
        generic = all(w.lower() in _patterns().generic_words for w in m["name"].split())
        if not generic and (entry is None or entry.type == "organization"):
            found.append(PatternMatch(m.start("name"), m.end("name"), "organization", m["name"]))
    return found
