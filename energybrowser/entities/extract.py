"""Find entity mentions in an article (baseline: whole-word gazetteer names; see issue 4)."""

from __future__ import annotations

import re
from functools import cache

from energybrowser.corpus.model import Article
from energybrowser.entities.gazetteer import Gazetteer, load_gazetteer
from energybrowser.entities.model import EntitySpan


@cache
def _pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    names = sorted({n for e in gazetteer.entries for n in e.names}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


def extract_entities(article: Article, gazetteer: Gazetteer | None = None) -> tuple[EntitySpan, ...]:
    gaz = gazetteer or load_gazetteer()
    spans = []
    for m in _pattern(gaz).finditer(article.text):
        entry = gaz.lookup(m.group(1))
        if entry:
            spans.append(
                EntitySpan(
                    m.group(1),
                    entry.canonical,
                    entry.type,
                    m.start(),
                    m.end(),
                    article.paragraph_at(m.start()),
                )
            )
    return tuple(spans)
