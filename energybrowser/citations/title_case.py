"""Titles cased the way a citation style asks: sentence case or headline (title) case.

Sentence case (APA 7, Cite Them Right) keeps a capital on the first word, on the first word of a
subtitle or new sentence, and on names; the evidence for names comes from `proper_nouns`. A title
written entirely in capitals (or entirely in lower case) says nothing about its words, so every word
is first brought to lower case unless the evidence names it ("KAZAKHSTAN AND SOCAR SIGN DEAL" ->
"Kazakhstan and SOCAR sign deal"). Headline case (Chicago, MLA, APA in-text) capitalises every word
but the style's minor words; it runs on sentence case, so a word written with a capital is a name or a
start and is left alone. Word lists are data in resources/title_case.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from energybrowser.citations.proper_nouns import NameEvidence, gazetteer_phrases, title_case_data

_CHUNK = re.compile(r"\S+")
_SEPARATOR = re.compile(r"([-–—/])")
_POSSESSIVE_END = re.compile(r"['’][sS]?$")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")  # "U.S", "U.A.E" (the final period is trailing)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class HeadlineRules:
    minor: frozenset[str]
    capitalise_last: bool
    prefix_lower: frozenset[str]


@cache
def headline_rules(name: str) -> HeadlineRules:
    rules = (title_case_data().get("headline_rules") or {}).get(name)
    if rules is None:
        raise KeyError(f"no headline-case rules named '{name}' in title_case.yaml")
    sets = title_case_data().get("word_sets") or {}
    shared = (w for set_name in rules.get("minor_sets") or () for w in sets[set_name])
    minor = [*(rules.get("minor") or ()), *shared]
    return HeadlineRules(
        minor=_word_set(minor),
        capitalise_last=bool(rules.get("capitalise_last")),
        prefix_lower=_word_set(rules.get("prefix_lower") or ()),
    )


def _word_set(words: Any) -> frozenset[str]:
    """Case-folded words of a list in title_case.yaml. YAML reads a bare on, off or no as a boolean:
    such a word must be quoted, and an unquoted one is an error here rather than a silent "false"."""
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"title_case.yaml: quote these words: {bad}")
    return frozenset(w.casefold() for w in words)


def _marks(kind: str) -> frozenset[str]:
    return _word_set(title_case_data().get(kind) or ())


def is_english(language: str) -> bool:
    """Casing rules are English rules (as CSL's text-case="title"); an unstated language counts as
    English, the language of every style we offer."""
    lang = language.strip().casefold()
    return not lang or lang == "en" or lang.startswith(("en-", "en_", "english"))


def _is_latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


def leave_alone(title: str) -> bool:
    """A bracketed description ("[Untitled article]") and a title mostly in another script are printed
    as written."""
    stripped = title.strip()
    if not stripped or (stripped.startswith("[") and stripped.endswith("]")):
        return True
    letters = [c for c in stripped if c.isalpha()]
    latin = sum(1 for c in letters if _is_latin(c))
    return latin * 2 <= len(letters)


def single_case(title: str) -> bool:
    """All capitals (typography, not spelling) or all lower case, over at least two words."""
    words = [w for w in _CHUNK.findall(title) if sum(c.isalpha() for c in w) >= 2]
    if len(words) < 2:
        return False
    letters = [c for c in title if c.isalpha() and _is_latin(c)]
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)


@dataclass(frozen=True)
class _Word:
    start: int  # of the core in the title
    core: str  # the word without surrounding punctuation ("" for a lone mark such as "—")
    trail: str  # punctuation after the core


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for m in _CHUNK.finditer(text):
        chunk = m.group(0)
        first = next((i for i, c in enumerate(chunk) if c.isalnum()), None)
        if first is None:
            words.append(_Word(m.start(), "", chunk))
            continue
        last = max(i for i, c in enumerate(chunk) if c.isalnum())
        core = chunk[first : last + 1]
        trail = chunk[last + 1 :]
        if trail.startswith(("'", "’")) and not core[-1:].isdigit():  # "Kazakhs'" keeps its apostrophe
            core, trail = core + trail[0], trail[1:]
        words.append(_Word(m.start() + first, core, trail))
    return words


def _ends_sentence(word: _Word, marks: frozenset[str], abbreviations: frozenset[str]) -> bool:
    """Whether the next word starts a subtitle or a sentence. A period after an abbreviation ("U.S.",
    "Inc.") ends nothing."""
    trail = word.trail.replace("”", "").replace("’", "").replace('"', "").replace(")", "")
    if not trail:
        return False
    if trail[0] == "." and (_DOTTED.match(word.core) or word.core.casefold() in abbreviations):
        trail = trail[1:]
    return any(mark in trail for mark in marks)


@cache
def _abbreviations() -> frozenset[str]:
    return _word_set(title_case_data().get("abbreviations") or ())


@cache
def _spellings() -> dict[str, str]:
    words = title_case_data().get("spellings") or ()
    _word_set(words)  # checks them
    return {w.casefold(): w for w in words}


def _case_like(word: str, pattern: str) -> str:
    """`word`'s letters in `pattern`'s case ("SOCAR" like "Socar" -> "Socar"); `pattern` itself when
    the two differ in length."""
    if len(word) != len(pattern):
        return pattern
    return "".join(_upper(w) if p.isupper() else _lower(w) for w, p in zip(word, pattern, strict=True))


def _lower(text: str) -> str:
    """Lower case letter by letter; a letter whose lower case is two characters ("İ") stays as it is."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _upper(text: str) -> str:
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


def _capitalise(word: str) -> str:
    at = next((i for i, c in enumerate(word) if c.isalpha()), None)
    if at is None:
        return word
    upper = word[at].upper()
    return word[:at] + (upper if len(upper) == 1 else word[at]) + word[at + 1 :]


def _decapitalise(word: str) -> str:
    at = next((i for i, c in enumerate(word) if c.isalpha()), None)
    return word if at is None else word[:at] + _lower(word[at]) + word[at + 1 :]


def _split_possessive(word: str) -> tuple[str, str]:
    m = _POSSESSIVE_END.search(word)
    return (word[: m.start()], word[m.start() :]) if m and m.start() > 0 else (word, "")


def _sentence_part(part: str, *, start: bool, evidence: NameEvidence, all_one_case: bool) -> str:
    letters = [c for c in part if c.isalpha()]
    if not letters or not all(_is_latin(c) for c in letters):
        return part
    if all_one_case:
        stem, suffix = _split_possessive(part)
        form = evidence.form(stem, as_written=False) or _spellings().get(stem.casefold())
        if form:
            word = _case_like(stem, form) + _lower(suffix)
        else:
            word = "I" if part in ("I", "i") else _lower(part)
        return _capitalise(word) if start else word
    if any(c.isupper() for c in letters[1:]) or part == "I":
        return part  # SOCAR, MoU, QazaqGaz, U.S: written so on purpose
    if not letters[0].isupper():
        if start and not _lower_case_name(part, evidence):
            return _capitalise(part)
        return part
    if start or evidence.form(part, as_written=True):
        return part
    return _decapitalise(part)


def _lower_case_name(word: str, evidence: NameEvidence) -> bool:
    """A name spelt with a lower-case initial ("bp", "eBay") keeps it even where a sentence starts."""
    form = evidence.form(word, as_written=False)
    return form is not None and form[:1].islower()


def _sentence_core(
    core: str, *, start: bool, evidence: NameEvidence, all_one_case: bool, phrase_token: str | None
) -> str:
    if phrase_token is not None:  # part of a multi-word gazetteer name
        if all_one_case:
            stem, suffix = _split_possessive(core)
            word = _case_like(stem, phrase_token[: len(stem)]) + _lower(suffix)
        else:
            word = _lower(core) if phrase_token.islower() else core
        return _capitalise(word) if start else word
    pieces = _SEPARATOR.split(core)
    if len(pieces) > 1:
        whole = evidence.body_form(core)
        if whole is not None and (all_one_case or core[:1].isupper()):
            stem, suffix = _split_possessive(core)
            return _case_like(stem, whole) + (_lower(suffix) if all_one_case else suffix)
    return "".join(
        piece
        if i % 2
        else _sentence_part(piece, start=start and i == 0, evidence=evidence, all_one_case=all_one_case)
        for i, piece in enumerate(pieces)
    )


def sentence_case(title: str, evidence: NameEvidence | None = None, *, subtitle_capital: bool = True) -> str:
    """`title` in sentence case. `subtitle_capital`: the word after a colon keeps its capital (APA);
    Cite Them Right writes it in lower case. A new sentence (after ". ", "? ", "! ") always starts
    with a capital."""
    if leave_alone(title):
        return title
    evidence = evidence or NameEvidence()
    marks = _marks("sentence_marks")
    if not subtitle_capital:
        marks = marks - {":"}
    all_one_case = single_case(title)
    words = _words(title)
    phrases = gazetteer_phrases([w.core for w in words], as_written=not all_one_case)
    if not all_one_case:
        for i in _named_pairs(words, evidence):
            phrases.setdefault(i, words[i].core)
    out: list[str] = []
    pos = 0
    start = True
    for i, word in enumerate(words):
        if word.core:
            token = phrases.get(i)
            cased = _sentence_core(
                word.core, start=start, evidence=evidence, all_one_case=all_one_case, phrase_token=token
            )
            out.append(title[pos : word.start] + cased)
            pos = word.start + len(word.core)
            start = False
        start = start or _ends_sentence(word, marks, _abbreviations())
    out.append(title[pos:])
    return "".join(out)


def _named_pairs(words: list[_Word], evidence: NameEvidence) -> set[int]:
    """Indexes of capitalised title words the article writes together, in mid-sentence, as a name."""
    named: set[int] = set()
    for i in range(len(words) - 1):
        first, second = words[i], words[i + 1]
        if first.trail or not first.core[:1].isupper() or not second.core[:1].isupper():
            continue  # a mark between them ("Baku: Oil") breaks the pair
        if evidence.names_pair(first.core, second.core):
            named.update((i, i + 1))
    return named


def _headline_positions(text: str, rules: HeadlineRules) -> list[int]:
    """Where headline case puts a capital: the first letter of each lower-case word that is not minor,
    and of every word that starts the title or a subtitle (or ends it, where the style says so)."""
    marks = _marks("headline_marks")
    words = _words(text)
    last_word = max((i for i, w in enumerate(words) if any(c.isalpha() for c in w.core)), default=-1)
    positions: list[int] = []
    start = True
    for i, word in enumerate(words):
        if not word.core:
            start = start or _ends_sentence(word, marks, _abbreviations())
            continue
        pieces = _SEPARATOR.split(word.core)
        offset = word.start
        parts = pieces[0::2]
        for k, part in enumerate(parts):
            if k:
                offset += len(pieces[2 * k - 1])
            first = (start and k == 0) or (k > 0 and pieces[2 * k - 1] == "—")
            # The last word of the title or of a main title before its subtitle (CMOS 8.159).
            ends = i == last_word or _ends_sentence(word, marks, _abbreviations())
            last = ends and k == len(parts) - 1
            if _takes_capital(part, parts[k - 1] if k else "", first, last, rules):
                positions.append(offset + next(j for j, c in enumerate(part) if c.isalpha()))
            offset += len(part)
        start = _ends_sentence(word, marks, _abbreviations())
    return positions


def _takes_capital(part: str, before: str, first: bool, last: bool, rules: HeadlineRules) -> bool:
    letters = [c for c in part if c.isalpha()]
    if not letters or any(c.isupper() for c in letters) or letters[0] != part[0]:
        return False  # already capitalised, no letters, or starting with a digit
    if "." in part or not all(_is_latin(c) for c in letters):
        return False  # an address ("trend.az") or an abbreviation ("e.g"), or another script
    if first or (last and rules.capitalise_last):
        return True
    word = part.casefold()
    if before and before.casefold() in rules.prefix_lower:
        return False
    return word not in rules.minor


def headline_case(text: str, rules: HeadlineRules) -> str:
    """`text` (sentence case, or as written) in headline case under `rules`."""
    return _apply(text, _headline_positions(text, rules))


def headline_case_markup(markup: str, rules: HeadlineRules) -> str:
    """Headline case for HTML from citeproc (tags such as `<i>` are skipped, never changed)."""
    return _on_text_of_markup(markup, lambda text: _headline_positions(text, rules))


def _apply(text: str, positions: list[int]) -> str:
    chars = list(text)
    for p in positions:
        upper = chars[p].upper()
        if len(upper) == 1:
            chars[p] = upper
    return "".join(chars)


def _on_text_of_markup(markup: str, find: Callable[[str], list[int]]) -> str:
    origin: list[int] = []
    pos = 0
    for m in _TAG.finditer(markup):
        origin.extend(range(pos, m.start()))
        pos = m.end()
    origin.extend(range(pos, len(markup)))
    text = "".join(markup[i] for i in origin)
    return _apply(markup, [origin[p] for p in find(text)])
