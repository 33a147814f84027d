"""Read the extraction word lists and patterns kept as data under `resources/extraction/`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import yaml

from energybrowser.resources import resource_path


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The mapping in `resources/extraction/<name>.yaml` (cached: read once per process)."""
    path = resource_path("extraction", f"{name}.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest spelling wins."""
    unique = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)
