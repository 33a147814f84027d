"""Word lists the importer's rules look for, read once from `resources/importer/*.yaml`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from energybrowser.corpus.importer.outlets import outlets
from energybrowser.resources import resource_table


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form with typographic quotes and spaces made plain.
    Cached: the rules fold the same words over and over."""
    if text.isascii():
        return " ".join(text.casefold().split())
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain.casefold()).strip()


def _load(name: str) -> dict[str, Any]:
    return resource_table("importer", name)


def _folded(items: Any) -> frozenset[str]:
    return frozenset(fold(str(item)) for item in items or ())


@dataclass(frozen=True)
class Vocabulary:
    share_words: frozenset[str]
    navigation_lines: frozenset[str]
    tail_openers: frozenset[str]
    comment_openers: frozenset[str]
    line_prefixes: tuple[str, ...]
    masthead_phrases: tuple[str, ...]
    office_mastheads: tuple[str, ...]
    language_names: frozenset[str]
    counter_patterns: tuple[re.Pattern[str], ...]
    depiction_words: frozenset[str]
    heading_words: frozenset[str]
    notes_headings: frozenset[str]
    organization_words: frozenset[str]
    known_outlets: frozenset[str]
    outlet_names: dict[str, str]  # folded name or alias -> the outlet's name ('trend news agency' -> 'Trend')
    author_labels: tuple[str, ...]
    publisher_labels: tuple[str, ...]
    date_labels: tuple[str, ...]
    months: dict[str, int]
    weekdays: frozenset[str]
    html_furniture_classes: frozenset[str]
    transliteration: dict[str, str]
    bio_headings: frozenset[str]
    signoff_openers: tuple[str, ...]
    tail_boilerplate: tuple[str, ...]
    act_words: tuple[str, ...]
    stopwords: dict[str, frozenset[str]]


def _longest_first(items: Any) -> tuple[str, ...]:
    return tuple(sorted({fold(str(i)) for i in items or ()}, key=len, reverse=True))


@cache
def vocabulary() -> Vocabulary:
    furniture = _load("furniture.yaml")
    dates = _load("dates.yaml")
    languages = _load("languages.yaml")
    months = {fold(str(name)): int(number) for number, names in dates["months"].items() for name in names}
    return Vocabulary(
        share_words=_folded(furniture.get("share_words")),
        navigation_lines=_folded(furniture.get("navigation_lines")),
        tail_openers=_folded(furniture.get("tail_openers")),
        comment_openers=_folded(furniture.get("comment_openers")),
        line_prefixes=_longest_first(furniture.get("line_prefixes")),
        masthead_phrases=tuple(fold(p) for p in furniture.get("masthead_phrases") or ()),
        office_mastheads=tuple(fold(p) for p in furniture.get("office_mastheads") or ()),
        language_names=_folded(furniture.get("language_names")),
        counter_patterns=tuple(
            re.compile(rf"^(?:{p})$", re.IGNORECASE) for p in furniture.get("counter_patterns") or ()
        ),
        depiction_words=_folded(furniture.get("depiction_words")),
        heading_words=_folded(furniture.get("heading_words")),
        notes_headings=_folded(furniture.get("notes_headings")),
        organization_words=_folded(furniture.get("organization_words")),
        known_outlets=_folded(alias for alias, _ in outlets().names),
        outlet_names={fold(alias): name for alias, name in outlets().names},
        author_labels=_longest_first(furniture.get("author_labels")),
        publisher_labels=_longest_first(furniture.get("publisher_labels")),
        date_labels=_longest_first(furniture.get("date_labels")),
        months=months,
        weekdays=_folded(dates.get("weekdays")),
        html_furniture_classes=_folded(furniture.get("html_furniture_classes")),
        bio_headings=_folded(furniture.get("bio_headings")),
        signoff_openers=_longest_first(furniture.get("signoff_openers")),
        tail_boilerplate=tuple(fold(p) for p in furniture.get("tail_boilerplate") or ()),
        act_words=tuple(str(w) for w in dates.get("act_words") or ()),
        transliteration={str(k): str(v or "") for k, v in _load("transliteration.yaml").items()},
        stopwords={code: _folded(words) for code, words in languages.items()},
    )
