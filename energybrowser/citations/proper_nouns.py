"""Which title words are names: the evidence sentence case needs to keep their capitals.

In order: the gazetteer (names, aliases, demonyms; a multi-word name as a phrase), then the article's
own text, where a word written with a capital in the middle of sentences and never in lower case is a
name ("Tokayev", "Tengri"). Words written all-caps or with inner capitals (SOCAR, MoU) need no evidence;
`title_case` keeps them as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import fold, load_gazetteer
from energybrowser.resources import resource_table

# A word of the article's text: letters, with inner hyphens or apostrophes ("Astana-Baku", "Tokayev's").
_BODY_WORD = re.compile(r"[^\W\d_]+(?:[-–'’][^\W\d_]+)*")
_PARTS = re.compile(r"[-–]")
# What may stand between a sentence's end and its first word: spaces, opening quotes and brackets.
_OPENERS = " \t\"“‘'([«„*_"
_SENTENCE_ENDS = "\n.?!:…"
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)


def word_key(word: str) -> str:
    """The key a word is known by: case-folded, a possessive "'s" dropped ("Tokayev's" -> "tokayev")."""
    return _POSSESSIVE.sub("", word).casefold()


def is_acronym(name: str) -> bool:
    """The gazetteer's test: no lower-case letters, at most six characters ("SOCAR", "TAP")."""
    return not any(c.islower() for c in name) and len(name) <= 6


@cache
def title_case_data() -> dict[str, Any]:
    """resources/title_case.yaml: the word lists of title casing."""
    return resource_table("title_case.yaml")


@cache
def ambiguous_names() -> frozenset[str]:
    """Gazetteer names that are ordinary words too (resources/title_case.yaml)."""
    return frozenset(fold(str(n)) for n in title_case_data().get("ambiguous_names") or ())


@cache
def listed_names() -> dict[str, str]:
    """Proper adjectives and regions listed in resources/title_case.yaml, by folded form."""
    return {fold(str(n)): str(n) for n in title_case_data().get("names") or ()}


@dataclass(frozen=True)
class BodyUsage:
    """How the article's text writes one word: capitalised forms in mid-sentence, lower-case uses."""

    capitalised: Counter[str] = field(default_factory=Counter)
    lower: int = 0

    @property
    def is_name(self) -> bool:
        return bool(self.capitalised) and self.lower == 0

    @property
    def only_ordinary(self) -> bool:
        """Written in lower case and never capitalised mid-sentence: an ordinary word here."""
        return self.lower > 0 and not self.capitalised


@dataclass(frozen=True)
class NameEvidence:
    """The evidence for one article; `NameEvidence()` knows the gazetteer only."""

    body: dict[str, BodyUsage] = field(default_factory=dict)
    text: str = ""
    headings: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, article: Article | None) -> NameEvidence:
        if article is None:
            return cls()
        headings = tuple((b.start, b.end) for b in article.blocks if b.kind == "heading")
        return cls(_body_usage(article.text, headings), article.text, headings)

    def names_pair(self, first: str, second: str) -> bool:
        """Whether the article writes the two capitalised words together in mid-sentence ("the Middle
        Corridor", "said President Tokayev"): a name even when one word alone is also lower case."""
        if not self.text:
            return False
        second = _POSSESSIVE.sub("", second)
        pattern = re.compile(rf"(?<![^\W_]){re.escape(first)}\s+{re.escape(second)}(?![^\W_])")
        return any(
            not _starts_sentence(self.text, m.start()) and not self._in_heading(m.start())
            for m in pattern.finditer(self.text)
        )

    def _in_heading(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.headings)

    def usage(self, word: str) -> BodyUsage:
        return self.body.get(word_key(word), _NO_USAGE)

    def body_form(self, word: str) -> str | None:
        """The form the article's text writes the word in, when that text treats it as a name."""
        usage = self.usage(word)
        return usage.capitalised.most_common(1)[0][0] if usage.is_name else None

    def gazetteer_form(self, word: str, *, as_written: bool) -> str | None:
        """The gazetteer's spelling of a one-word name. `as_written`: the title's own capitals count
        (a capitalised word matches; an acronym only in capitals), as they do for gazetteer matching
        in running text. Ordinary words among the names need the article's confirmation, and a word
        the article writes only in lower case is no name here."""
        core = _POSSESSIVE.sub("", word)
        entry = load_gazetteer().lookup(core)
        if entry is not None:
            spellings = [n for n in entry.names if fold(n) == fold(core)]
            form = core if core in spellings else next(iter(spellings), None)
        else:
            form = listed_names().get(fold(core))
        if form is None or " " in form:
            return None
        if as_written and (not core[:1].isupper() or (is_acronym(form) and not core.isupper())):
            return None
        usage = self.usage(core)
        if usage.only_ordinary or (fold(form) in ambiguous_names() and not usage.is_name):
            return None
        return form

    def form(self, word: str, *, as_written: bool) -> str | None:
        """The name's spelling when any evidence says the word is a name, else None."""
        return self.gazetteer_form(word, as_written=as_written) or self.body_form(word)


_NO_USAGE = BodyUsage()


@lru_cache(maxsize=64)
def _body_usage(text: str, headings: tuple[tuple[int, int], ...]) -> dict[str, BodyUsage]:
    capitalised: dict[str, Counter[str]] = {}
    lower: Counter[str] = Counter()
    for m in _BODY_WORD.finditer(text):
        if any(start <= m.start() < end for start, end in headings):
            continue  # headings are title-cased: their capitals say nothing
        word = m.group(0)
        forms = [word] if not _PARTS.search(word) else [word, *_PARTS.split(word)]
        for i, form in enumerate(forms):
            first_word = i <= 1 and _starts_sentence(text, m.start())
            key = word_key(form)
            if form[0].islower():
                lower[key] += 1
            elif not first_word:
                capitalised.setdefault(key, Counter())[_POSSESSIVE.sub("", form)] += 1
    keys = set(capitalised) | set(lower)
    return {k: BodyUsage(capitalised.get(k, Counter()), lower[k]) for k in keys}


def _starts_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def gazetteer_phrases(words: list[str], *, as_written: bool) -> dict[int, str]:
    """Multi-word gazetteer names among consecutive title words: index of each covered word -> the
    name's spelling of it ("State Oil Company of Azerbaijan"). Longest match first."""
    index = _phrase_index()
    plain = [fold(w) for w in words]
    stripped = [fold(_POSSESSIVE.sub("", w)) for w in words]  # a possessive may end the name
    found: dict[int, str] = {}
    i = 0
    while i < len(words):
        best: tuple[str, ...] | None = None
        for name in index.get(plain[i], ()):
            n = len(name)
            if i + n > len(words) or (best and n <= len(best)):
                continue
            wanted = [fold(t) for t in name]
            last = i + n - 1
            if plain[i:last] != wanted[:-1] or wanted[-1] not in (plain[last], stripped[last]):
                continue
            capitals_differ = (t[:1].isupper() and not words[i + k][:1].isupper() for k, t in enumerate(name))
            if as_written and any(capitals_differ):
                continue
            best = name
        if best is None:
            i += 1
            continue
        for k, token in enumerate(best):
            found[i + k] = token
        i += len(best)
    return found


@cache
def _phrase_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_gazetteer().entries:
        for name in entry.names:
            tokens = tuple(name.split())
            if len(tokens) > 1:
                index.setdefault(fold(tokens[0]), []).append(tokens)
    return {k: tuple(v) for k, v in index.items()}
