"""Benchmark queries, derived from the sampled corpus with a fixed seed, in both engines' syntax."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS

from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import load_gazetteer

_WORD = re.compile(r"[A-Za-z]{5,}")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    whoosh: str
    fts5: str | None  # None: FTS5 has no equivalent (fuzzy)


def _quote(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def make_queries(articles: Sequence[Article], per_kind: int, seed: int = 99) -> list[BenchQuery]:
    rng = random.Random(seed)
    counts = Counter(w.lower() for a in articles[:300] for w in _WORD.findall(a.text))
    common = [w for w, _ in counts.most_common(400)]
    rare = [w for w, n in counts.items() if 2 <= n <= 20] or common
    texts = [b.text for a in articles[:300] for b in a.paragraphs]
    gaz = load_gazetteer()
    entities = [e for e in gaz.entries if e.type in ("organization", "country")][:12]
    out: list[BenchQuery] = []
    for _ in range(per_kind):
        a, b = rng.sample(common, 2)
        r = rng.choice(rare)
        out.append(BenchQuery("term", a, _quote(a)))
        out.append(BenchQuery("rare term", r, _quote(r)))
        out.append(BenchQuery("two terms", f"{a} {r}", f"{_quote(a)} {_quote(r)}"))
        out.append(BenchQuery("or", f"{a} OR {b}", f"{_quote(a)} OR {_quote(b)}"))
        out.append(BenchQuery("not", f"{a} NOT {b}", f"{_quote(a)} NOT {_quote(b)}"))
        words = re.findall(r"[A-Za-z]{3,}", rng.choice(texts))
        # A window with at least two indexed words (all stop words: nothing to search for).
        indexed = [w.lower() not in STOP_WORDS for w in words]
        starts = [i for i in range(len(words) - 2) if sum(indexed[i : i + 3]) >= 2]
        if starts:
            i = rng.choice(starts)
            phrase = " ".join(words[i : i + 3])
            out.append(BenchQuery("phrase", f'"{phrase}"', f'"{phrase}"'))
        p = rng.choice(common)[:4]
        out.append(BenchQuery("prefix", f"{p}*", f'"{p}"*'))
        w = rng.choice(common)
        typo = w[:2] + w[3] + w[2] + w[4:] if len(w) > 4 else w
        out.append(BenchQuery("fuzzy", f"{typo}~", None))
        entry = rng.choice(entities)
        out.append(
            BenchQuery(
                "entity field", f"entity:{_quote(entry.canonical)}", f"entity:{_quote(entry.canonical)}"
            )
        )
        variants = " OR ".join(_quote(n) for n in entry.names)
        alias = min(entry.names, key=len)
        out.append(BenchQuery("alias", alias, f"({variants})"))
    return out


# Queries with no FTS5 counterpart whose cost grows with the term dictionary: fuzzy terms of any
# edit distance, everything, a field's every term, open ranges, wildcards. Timed, never in "all".
EXPANSION_KINDS = ("fuzzy 2", "everything", "field everything", "open range", "wildcard")


def expansion_queries(articles: Sequence[Article], per_kind: int, seed: int = 99) -> list[BenchQuery]:
    rng = random.Random(seed + 1)
    counts = Counter(w.lower() for a in articles[:300] for w in _WORD.findall(a.text))
    common = [w for w, _ in counts.most_common(400)]
    out = [BenchQuery("everything", "*", None), BenchQuery("field everything", "body:*", None)]
    for _ in range(per_kind):
        w = rng.choice(common)
        typo = w[:2] + w[3] + w[2] + w[4:-1] + "x" if len(w) > 5 else w
        out.append(BenchQuery("fuzzy 2", f"{typo}~2", None))
        out.append(BenchQuery("open range", "{" + rng.choice(common)[:2] + " TO}", None))
        out.append(BenchQuery("wildcard", f"{w[0]}*{w[-2:]}", None))
    return out


def keystroke_sessions(articles: Sequence[Article], count: int, seed: int = 7) -> list[str]:
    """Short queries a user might type (each is replayed one character at a time)."""
    rng = random.Random(seed)
    counts = Counter(w.lower() for a in articles[:300] for w in _WORD.findall(a.text))
    common = [w for w, _ in counts.most_common(300)]
    return [" ".join(rng.sample(common, rng.choice((1, 2)))) for _ in range(count)]


def no_hit_sessions(articles: Sequence[Article], count: int, seed: int = 8) -> list[str]:
    """Typed queries whose last word, once a few letters in, matches nothing: a common word, then a
    long word with one letter changed (each keystroke past the change finds nothing and asks for a
    "did you mean")."""
    rng = random.Random(seed)
    counts = Counter(w.lower() for a in articles[:300] for w in _WORD.findall(a.text))
    common = [w for w, _ in counts.most_common(300)]
    long_words = [w for w in counts if len(w) >= 9] or common
    out = []
    for _ in range(count):
        word = rng.choice(long_words)
        i = rng.randrange(3, len(word) - 2)
        letter = rng.choice([c for c in "qxzjvk" if c != word[i]])
        out.append(f"{rng.choice(common)} {word[:i]}{letter}{word[i + 1 :]}")
    return out


def fts5_keystroke(typed: str) -> str | None:
    words = re.findall(r"\w+", typed)
    if not words:
        return None
    parts = [_quote(w) for w in words[:-1]]
    last = words[-1]
    parts.append(_quote(last) + ("*" if len(last) >= 3 and not typed.endswith(" ") else ""))
    return " ".join(parts)
