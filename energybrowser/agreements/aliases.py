"""Names a text defines for itself: 'Joint Stock Company "KazTransOil" (hereinafter - the Company)
informs that ... the Company and X concluded an agreement'. A disclosure or a legal text names its
issuer once and then only by the short name it defined; each later use of that short name is a
mention of the organisation it stands for (for the agreement rules only: the reader does not
highlight "the Company")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.rules import alternation, load_rules

# Between the organisation's name and the bracket: its closing quote, a legal form, the rest of a
# name the gazetteer knows only the start of ('"KazTransGas Aimak" (hereinafter ...').
_REST_OF_NAME = re.compile(r"(?:\s*[\"”»']?\s*(?:[A-Z][\w.-]*)?){0,3}\s*")


@cache
def _definition() -> re.Pattern[str]:
    cues = load_rules("agreements")["defined_name_cues"]
    return re.compile(
        rf"\(\s*(?:{alternation(cues)})\s*[-–—:,]?\s*[\"“«']?(?P<alias>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,2}})[\"”»']?\s*\)",
        re.IGNORECASE,
    )


def with_defined_names(article: Article, entities: Sequence[EntitySpan]) -> tuple[EntitySpan, ...]:
    """`entities` with a mention added for each later use of a short name the text defines."""
    text = article.text
    if "ereinafter" not in text and "ereafter" not in text and "далее" not in text:
        return tuple(entities)  # most articles define nothing: one substring test
    added: list[EntitySpan] = []
    for m in _definition().finditer(text):
        i = bisect.bisect_right(entities, m.start(), key=lambda e: e.end) - 1
        named = entities[i] if i >= 0 else None
        if (
            named is None
            or named.type != "organization"
            or not _REST_OF_NAME.fullmatch(text, named.end, m.start())
        ):
            continue
        alias = m["alias"]
        for use in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text[m.end() :]):
            start = m.end() + use.start()
            added.append(
                replace(
                    named,
                    text=alias,
                    start=start,
                    end=start + len(alias),
                    paragraph=article.paragraph_at(start),
                    source="defined name",
                )
            )
    if not added:
        return tuple(entities)
    # The defined name wins over what was found inside it ("Issuer" read as a name of its own).
    inside = [e for e in entities if not any(a.start <= e.start and e.end <= a.end for a in added)]
    return tuple(sorted([*inside, *added], key=lambda e: (e.start, e.end)))
