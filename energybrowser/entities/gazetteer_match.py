"""Find gazetteer names in text: accent- and case-folded matching that keeps original offsets.

Case rule (keeps "tap", "shell" or "us" in running text from matching TAP, Shell, US): a name
written with a capital first letter only matches text that starts with a capital, and an acronym
(no lower-case letters, at most 6 characters) only matches text without lower-case letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from energybrowser.entities.gazetteer import Gazetteer, GazetteerEntry, fold, fold_with_offsets


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    entry: GazetteerEntry
    demonym: bool


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str]
    names: dict[str, list[tuple[str, GazetteerEntry, bool]]]  # folded name -> (as written, entry, demonym)


@cache
def _compile(gazetteer: Gazetteer) -> _Compiled:
    names: dict[str, list[tuple[str, GazetteerEntry, bool]]] = {}
    for entry in gazetteer.entries:
        demonyms = set(entry.demonyms)
        for name in entry.names:
            names.setdefault(fold(name), []).append((name, entry, name in demonyms))
    return _Compiled(re.compile(rf"(?<!\w)(?:{_trie_regex(names)})(?![\w+])"), names)


_Trie = dict[str, "_Trie"]


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many literals, factored by common prefixes: far faster than a flat
    alternation. Longer continuations are tried first so the longest name wins."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def _case_ok(written: str, found: str) -> bool:
    letters = [c for c in written if c.isalpha()]
    if not letters:
        return True
    if len(written) <= 6 and not any(c.islower() for c in letters):
        return not any(c.islower() for c in found)
    # Every capitalised word of the name must be capitalised in the text ("State Oil Company" is a
    # name, "state oil company" a description).
    found_words = found.split()
    for i, word in enumerate(written.split()):
        if word[:1].isupper() and i < len(found_words) and not found_words[i][:1].isupper():
            return False
    return True


def find_names(text: str, gazetteer: Gazetteer) -> list[NameMatch]:
    """Every gazetteer name in `text`: the longest at each position, possibly overlapping."""
    compiled = _compile(gazetteer)
    folded, mapping = fold_with_offsets(text)
    origin = mapping if mapping is not None else range(len(text) + 1)
    found: list[NameMatch] = []
    pos = 0
    while True:
        m = compiled.pattern.search(folded, pos)
        if not m:
            break
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        chosen = _choose(compiled, " ".join(m.group(0).split()), text[start:end])
        if chosen is None:
            # This spelling fails the case rule; a shorter name may still start here.
            shorter = _shorter_match(compiled, folded, m.start(), m.end(), text, origin)
            if shorter:
                found.append(shorter)
                pos = _folded_end(origin, shorter.end)
            else:
                pos = m.start() + 1
            continue
        written, entry, demonym = chosen
        if written.startswith("the "):
            start += 4  # "the Caspian": the article is context for the match, not part of the name
        found.append(NameMatch(start, end, entry, demonym))
        # Names may overlap ("the Caspian" / "Caspian region"): the caller keeps the longest.
        pos = m.start() + 1
    return found


def _choose(compiled: _Compiled, key: str, found: str) -> tuple[str, GazetteerEntry, bool] | None:
    for candidate in compiled.names.get(key, ()):
        if _case_ok(candidate[0], found):
            return candidate
    return None


def _shorter_match(
    compiled: _Compiled, folded: str, start: int, end: int, text: str, origin: Sequence[int]
) -> NameMatch | None:
    for stop in range(end - 1, start, -1):
        if stop < len(folded) and folded[stop].isalnum() and folded[stop - 1].isalnum():
            continue
        key = " ".join(folded[start:stop].split())
        if key in compiled.names:
            s, e = origin[start], origin[stop - 1] + 1
            chosen = _choose(compiled, key, text[s:e])
            if chosen:
                return NameMatch(s, e, chosen[1], chosen[2])
    return None


def _folded_end(origin: Sequence[int], end: int) -> int:
    for j, i in enumerate(origin):
        if i >= end:
            return j
    return len(origin)
