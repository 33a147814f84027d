"""Benchmark queries, derived from the sampled corpus with a fixed seed, in both engines' syntax."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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
        if len(words) >= 3:
            i = rng.randrange(len(words) - 2)
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


def keystroke_sessions(articles: Sequence[Article], count: int, seed: int = 7) -> list[str]:
    """Short queries a user might type (each is replayed one character at a time)."""
    rng = random.Random(seed)
    counts = Counter(w.lower() for a in articles[:300] for w in _WORD.findall(a.text))
    common = [w for w, _ in counts.most_common(300)]
    return [" ".join(rng.sample(common, rng.choice((1, 2)))) for _ in range(count)]


def fts5_keystroke(typed: str) -> str | None:
    words = re.findall(r"\w+", typed)
    if not words:
        return None
    parts = [_quote(w) for w in words[:-1]]
    last = words[-1]
    parts.append(_quote(last) + ("*" if len(last) >= 3 and not typed.endswith(" ") else ""))
    return " ".join(parts)
