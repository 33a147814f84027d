"""The gazetteer: known entities with their aliases, read from `resources/gazetteer.yaml`.

Format (a list under `entities:`):
    - canonical: KazMunayGas
      type: organization
      kind: national oil company      # optional finer class
      country: Kazakhstan             # optional home state of a company
      aliases: [KazMunaiGas, Kazmunaigaz, KMG]
      demonyms: [Kazakh]              # countries only: adjectives that name the country
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from energybrowser.resources import read_yaml, resource_path

# Bumped when the compiled form changes shape (or the way names fold).
COMPILED_FORMAT = "2"

# Typographic variants that must compare equal: curly apostrophes, dashes, non-breaking spaces.
_SAME_AS = {"’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "–": "-", "—": "-", "‑": "-", "\u00a0": " "}


def fold_char(c: str) -> str:
    """One character's case- and accent-free form (may be empty or longer, e.g. 'ß' -> 'ss')."""
    c = _SAME_AS.get(c, c)
    if c.isascii():
        return c.lower()
    decomposed = unicodedata.normalize("NFKD", c)
    return "".join(d for d in decomposed if not unicodedata.combining(d)).casefold()


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'KazMunaiGas' and 'kazmunaigas', 'Türkiye' and 'turkiye'."""
    return " ".join("".join(fold_char(c) for c in name).split())


_ONE_TO_ONE: dict[int, str] = {}  # characters whose folded form is one character (translate table)
_OTHER: set[str] = set()  # characters that fold to nothing or to several characters


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`text` folded character by character, and for each folded character its index in `text`
    (None when folding kept every character in place, the usual case)."""
    for c in set(text) - _OTHER:
        if ord(c) not in _ONE_TO_ONE:
            f = fold_char(c)
            if len(f) == 1:
                _ONE_TO_ONE[ord(c)] = f
            else:
                _OTHER.add(c)
    if not _OTHER.intersection(text):
        return text.translate(_ONE_TO_ONE), None
    out: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


@dataclass(frozen=True)
class GazetteerEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    kind: str = ""
    country: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases, *self.demonyms)


class Gazetteer:
    def __init__(self, entries: list[GazetteerEntry], folded: dict[str, Any] | None = None) -> None:
        self.entries = tuple(entries)
        self._by_name: dict[str, GazetteerEntry] = {}
        self._by_canonical: dict[str, GazetteerEntry] = {}
        self._demonyms: set[str] = set()
        for entry in self.entries:
            self._by_canonical.setdefault(entry.canonical, entry)
        if folded is not None:  # from the compiled form: the names are folded already
            self._by_name = {name: self.entries[i] for name, i in folded["names"].items()}
            self._demonyms = set(folded["demonyms"])
            return
        for entry in self.entries:
            self._demonyms.update(fold(d) for d in entry.demonyms)
            for name in entry.names:
                self._by_name.setdefault(fold(name), entry)

    def compiled(self) -> dict[str, Any]:
        """The gazetteer as JSON data that loads without YAML or folding a name (`from_compiled`)."""
        index = {id(e): i for i, e in enumerate(self.entries)}
        entries = [[e.canonical, e.type, e.aliases, e.demonyms, e.kind, e.country] for e in self.entries]
        return {
            "entries": entries,
            "names": {name: index[id(entry)] for name, entry in self._by_name.items()},
            "demonyms": sorted(self._demonyms),
        }

    @classmethod
    def from_compiled(cls, data: dict[str, Any]) -> Gazetteer:
        entries = [
            GazetteerEntry(str(c), str(t), tuple(a), tuple(d), str(k), str(n))
            for c, t, a, d, k, n in data["entries"]
        ]
        return cls(entries, data)

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        return cls.from_data(read_yaml(path) or {})

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Gazetteer:
        """From the file's parsed YAML (a mapping with `entities:`, maybe `spelling_variants:`)."""
        table = data.get("spelling_variants") or {}
        variants = {str(k): [tuple(map(str, pair)) for pair in v] for k, v in table.items()}
        entries = []
        for item in data.get("entities", []):
            entry = GazetteerEntry(
                canonical=str(item["canonical"]),
                type=str(item["type"]),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                demonyms=tuple(str(a) for a in item.get("demonyms") or ()),
                kind=str(item.get("kind") or ""),
                country=str(item.get("country") or ""),
            )
            entries.append(_with_spellings(entry, variants))
        return cls(entries)

    def lookup(self, name: str) -> GazetteerEntry | None:
        return self._by_name.get(fold(name))

    def variants(self, name: str) -> tuple[str, ...]:
        """Every name of the entity that `name` names (itself alone when unknown)."""
        entry = self.lookup(name)
        return entry.names if entry else (name,)

    def by_canonical(self, canonical: str) -> GazetteerEntry | None:
        return self._by_canonical.get(canonical)

    def is_demonym(self, name: str) -> bool:
        return fold(name) in self._demonyms

    def layered(self, user: Gazetteer) -> Gazetteer:
        """This gazetteer with the user's entries laid over it: a user entry whose canonical name is
        known adds its aliases to that entry, a new one is added; a name the user gives an entity
        is taken from any other entry that had it (the user's word wins)."""
        claimed = {fold(n) for e in user.entries for n in (e.canonical, *e.aliases)}
        extra: dict[str, GazetteerEntry] = {e.canonical: e for e in user.entries}
        merged: list[GazetteerEntry] = []
        for entry in self.entries:
            mine = extra.pop(entry.canonical, None)
            aliases = [a for a in entry.aliases if fold(a) not in claimed]
            if mine is not None:
                aliases += [a for a in mine.aliases if a not in aliases]
            merged.append(replace(entry, aliases=tuple(aliases)))
        return Gazetteer([*extra.values(), *merged])


_VARIANT_TYPES = ("organization", "field")
MIN_VARIANT_NAME = 5


def _with_spellings(entry: GazetteerEntry, variants: dict[str, list[tuple[str, ...]]]) -> GazetteerEntry:
    """The entry with the other spellings of its one-word names as aliases ("KazMunaiGas" ->
    "QazMunaiGas", "KazMunaiGaz", "KazMunayGas", ...): rules as data, not a list of every form."""
    if entry.type not in _VARIANT_TYPES:
        return entry
    pairs = [*variants.get("all", ()), *variants.get(entry.country, ())]
    if not pairs:
        return entry
    known = {fold(n) for n in entry.names}
    extra: list[str] = []
    for name in (entry.canonical, *entry.aliases):
        if " " in name or len(name) < MIN_VARIANT_NAME or not any(c.islower() for c in name):
            continue  # "Ministry of Energy", "KMG": no transliteration to vary
        forms = {fold(name)}
        for a, b in pairs:
            forms = {v for f in forms for v in (*_swapped(f, a, b), *_swapped(f, b, a))}
        extra += [f for f in sorted(forms) if f not in known]
        known |= forms
    return replace(entry, aliases=(*entry.aliases, *extra)) if extra else entry


MAX_SWAPS = 3  # beyond this many occurrences only all or none are swapped (2**n forms otherwise)


def _swapped(form: str, a: str, b: str) -> set[str]:
    """`form` with any of its occurrences of `a` written `b` ("samruk-kazyna" -> "samruk-qazyna",
    "samruq-kazyna", "samruq-qazyna"), itself included."""
    at = [m.start() for m in re.finditer(re.escape(a), form)]
    if not at:
        return {form}
    if len(at) > MAX_SWAPS:
        return {form, form.replace(a, b)}
    out = set()
    for mask in range(2 ** len(at)):
        chars, last = [], 0
        for i, pos in enumerate(at):
            chars += [form[last:pos], b if mask >> i & 1 else a]
            last = pos + len(a)
        out.add("".join(chars) + form[last:])
    return out


_user_layer: Path | None = None
_compiled_dir: Path | None = None


def set_user_gazetteer(path: Path | None, compiled_in: Path | None = None) -> None:
    """Lay the user's gazetteer file (same format, in their data folder) over the bundled one.
    Extraction caches key on the gazetteer object, so the next analysis uses the new names.
    With `compiled_in` (a cache folder) the gazetteer is kept there compiled: the next process
    reads it without parsing YAML or folding every name."""
    global _user_layer, _compiled_dir
    _user_layer = path
    if compiled_in is not None:
        _compiled_dir = compiled_in
    load_gazetteer.cache_clear()


def user_gazetteer() -> Path | None:
    return _user_layer


@cache
def _bundled() -> Gazetteer:
    return Gazetteer.from_file(resource_path("gazetteer.yaml"))


def bundled_gazetteer() -> Gazetteer:
    """The gazetteer under `resources/`, without the user's layer."""
    return _bundled()


@cache
def load_gazetteer() -> Gazetteer:
    user = _user_layer if _user_layer is not None and _user_layer.is_file() else None
    compiled = _compiled_path(user) if _compiled_dir is not None else None
    if compiled is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, IndexError):
            return Gazetteer.from_compiled(json.loads(compiled.read_bytes()))
    gazetteer = _layered(user)
    if compiled is not None:
        _write_compiled(compiled, gazetteer)
    return gazetteer


def _layered(user: Path | None) -> Gazetteer:
    bundled = _bundled()
    if user is None:
        return bundled
    try:
        mine = Gazetteer.from_file(user)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return bundled  # a damaged user file must not stop the analysis; `aliases` reports it
    return bundled.layered(mine)


def _compiled_path(user: Path | None) -> Path | None:
    """Where the compiled form of these files is kept: named by a digest of their bytes, so an
    edit to either (or a new version of the app's) is a new name, never a stale read."""
    assert _compiled_dir is not None
    digest = hashlib.sha256(COMPILED_FORMAT.encode())
    try:
        for path in (resource_path("gazetteer.yaml"), user):
            if path is not None:
                digest.update(path.read_bytes())
                digest.update(b"\0")
    except OSError:
        return None
    return _compiled_dir / f"gazetteer-{digest.hexdigest()[:16]}.json"


def _write_compiled(target: Path, gazetteer: Gazetteer) -> None:
    """Written aside and renamed (another process may read it meanwhile); older ones removed.
    A cache that cannot be written only costs the next process the YAML parse."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(gazetteer.compiled(), ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
        for old in target.parent.glob("gazetteer-*.json"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
