"""Which articles a change of the user's gazetteer can change ("treat X as an alias of Y").

The analyser version includes the user's gazetteer, so a new alias makes every analysis row
outdated. Most are not: a name can only be found where the text has its words. The names that
matter are those an entry gained or lost (an alias added, or taken from another entry), or every
name of an entry that is new, gone or of another type. An article is analysed again when it holds
one of them: its words (folded as the gazetteer folds names) in order with only non-word
characters between them (extraction finds names across line breaks and hyphenated), or a two-word
name reversed (a person written "Khassenov Askhat"); the other rows are relabelled.

The catalogue keeps, per analyser version, the user gazetteer it was made with (`snapshot`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import yaml

from energybrowser.entities.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    bundled_gazetteer,
    fold,
    fold_with_offsets,
)
from energybrowser.library.analysis import base_version
from energybrowser.library.catalogue import Catalogue

_WORD = re.compile(r"\w+")
SCAN_BATCH = 400  # article texts read at a time
Progress = Callable[[int, int, str], None]
LABEL = "Finding the articles that name a changed entity"


def snapshot(user_gazetteer: Path) -> str:
    """The rules version and the user's gazetteer text, as stored beside an analyser version."""
    try:
        text = user_gazetteer.read_text(encoding="utf-8") if user_gazetteer.is_file() else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    return json.dumps({"base": base_version(), "user": text}, ensure_ascii=False)


def _layered(user_text: str) -> Gazetteer:
    """The gazetteer the analysis used: the bundled one with the user's laid over it (a damaged
    user file counts as none, as `load_gazetteer` treats it)."""
    bundled = bundled_gazetteer()
    if not user_text.strip():
        return bundled
    try:
        data = yaml.safe_load(user_text)
        user = Gazetteer.from_data(data if isinstance(data, dict) else {})
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError):
        return bundled
    return bundled.layered(user)


def changed_forms(before: str, now: str) -> list[tuple[str, ...]] | None:
    """The word sets of every name of every entry that differs between two snapshots; None when
    the rules themselves differ (or a snapshot cannot be read): everything is analysed again."""
    try:
        old, new = json.loads(before), json.loads(now)
        if old["base"] != new["base"]:
            return None
        old_entries = _by_canonical(_layered(str(old["user"])))
        new_entries = _by_canonical(_layered(str(new["user"])))
    except (ValueError, KeyError, TypeError):
        return None
    forms: set[tuple[str, ...]] = set()
    for canonical in old_entries.keys() | new_entries.keys():
        a, b = old_entries.get(canonical), new_entries.get(canonical)
        if a == b:
            continue
        if a is None or b is None or (a.type, a.kind, a.country) != (b.type, b.kind, b.country):
            names = {*(a.names if a else ()), *(b.names if b else ())}  # every mention may change
        else:
            names = set(a.names) ^ set(b.names)  # a name gained or lost: found (or not) where it is
        forms |= {tuple(_WORD.findall(fold(name))) for name in names}
    return [f for f in forms if f]


def _by_canonical(gazetteer: Gazetteer) -> dict[str, GazetteerEntry]:
    found: dict[str, GazetteerEntry] = {}
    for entry in gazetteer.entries:
        found.setdefault(entry.canonical, entry)
    return found


def untouched(
    catalogue: Catalogue, keys: list[int], forms: list[tuple[str, ...]], progress: Progress | None
) -> list[int]:
    """The articles (catalogue keys) whose text holds no changed name."""
    if not forms:
        return list(keys)
    names = name_pattern(forms)
    kept: list[int] = []
    total = len(keys)
    for start in range(0, total, SCAN_BATCH):
        chunk = keys[start : start + SCAN_BATCH]
        marks = ",".join("?" for _ in chunk)
        try:
            rows = catalogue.query(f"SELECT key, text FROM bodies WHERE key IN ({marks})", list(chunk))
        except sqlite3.DatabaseError:
            return kept
        for key, text in rows:
            if names.search(fold_with_offsets(text)[0]) is None:
                kept.append(key)
        if progress:
            progress(min(start + SCAN_BATCH, total), total, LABEL)
    return kept


def name_pattern(forms: list[tuple[str, ...]]) -> re.Pattern[str]:
    """One regex for every form (one search of each text): its words in order with anything but
    words between them; a two-word form also reversed."""
    options: set[str] = set()
    for words in forms:
        options.add(r"\W+".join(map(re.escape, words)))
        if len(words) == 2:
            options.add(r"\W+".join(map(re.escape, reversed(words))))
    return re.compile("|".join(sorted(options, key=len, reverse=True)))
