"""Where a demonym stands for its state. "The Uzbek side", "the Azerbaijani government", "Kazakh
Energy Minister", "Russian and Turkmen leaders": the state acts, and the demonym is a mention of the
country. "Kazakh oil", "the Kazakh language", "an Azerbaijani company": the adjective describes
goods, people or firms and names no state, so it is no country mention (the reader does not
highlight it, the facets do not count it). The nouns and modifiers are data in
`resources/extraction/entity_patterns.yaml`."""

from __future__ import annotations

import re
from functools import cache

from energybrowser.entities.gazetteer import Gazetteer
from energybrowser.entities.rules import alternation, load_rules


@cache
def _after_demonym(gazetteer: Gazetteer) -> re.Pattern[str]:
    """What follows a demonym that stands for its state: more demonyms of a list ("and Turkmen",
    "-Chinese"), up to three modifiers, then a state noun."""
    rules = load_rules("entity_patterns")
    demonyms = alternation(d for entry in gazetteer.entries for d in entry.demonyms)
    nouns = alternation(str(n) for n in rules["demonym_state_nouns"]).replace(r"\ ", r"\s+")
    modifiers = alternation(str(m) for m in rules["demonym_state_modifiers"])
    return re.compile(
        rf"(?:\s*(?:,|\band\b|\bor\b|&|-|–)\s*(?:{demonyms}))*"
        rf"(?:\s*-\s*|\s+)(?:(?:{modifiers})(?:\s*-\s*|\s+)){{0,3}}(?:{nouns})(?![\w-])",
        re.IGNORECASE,
    )


def stands_for_state(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether the demonym ending at `end` in `text` stands for its state."""
    return _after_demonym(gazetteer).match(text, end) is not None
