"""Read the extraction word lists and patterns kept as data under `resources/extraction/`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from energybrowser.resources import resource_path


def read_yaml(path: Path) -> Any:
    # Imported here: a search or a listing reads no YAML (the gazetteer comes from its compiled
    # cache) and need not import the parser.
    import yaml

    # libyaml's loader is ~20x faster than the pure-Python one; the gazetteer is big enough to notice.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The mapping in `resources/extraction/<name>.yaml` (cached: read once per process)."""
    return read_yaml(resource_path("extraction", f"{name}.yaml")) or {}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest spelling wins."""
    unique = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)
