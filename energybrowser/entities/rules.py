"""Read the extraction word lists and patterns kept as data under `resources/extraction/`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from energybrowser.resources import resource_path

# libyaml's loader is ~20x faster than the pure-Python one; the gazetteer is big enough to notice.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The mapping in `resources/extraction/<name>.yaml` (cached: read once per process)."""
    return read_yaml(resource_path("extraction", f"{name}.yaml")) or {}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest spelling wins."""
    unique = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)
