"""Read the extraction word lists and patterns kept as data under `resources/extraction/`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from energybrowser.resources import resource_table


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The mapping in `resources/extraction/<name>.yaml` (cached: read once per process)."""
    return resource_table("extraction", f"{name}.yaml")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest spelling wins."""
    unique = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)
