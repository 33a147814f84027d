"""The application layer the window and the command line share: the library of articles, kept in
a SQLite catalogue per corpus (see `library.Library`). No Qt here.

The names below are imported on first use (PEP 562): `corpus list` reads the catalogue through
`library.listing` and never needs the `Library` class and what it imports."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from energybrowser.library.library import ArticleEntry, Changes, Library
    from energybrowser.library.mentions import Mention, context_around

_WHERE = {
    "ArticleEntry": "energybrowser.library.library",
    "Changes": "energybrowser.library.library",
    "Library": "energybrowser.library.library",
    "Mention": "energybrowser.library.mentions",
    "context_around": "energybrowser.library.mentions",
}

__all__ = ["ArticleEntry", "Changes", "Library", "Mention", "context_around"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
