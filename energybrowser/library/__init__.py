"""The application layer the window and the command line share: the library of articles, kept in
a SQLite catalogue per corpus (see `library.Library`). No Qt here."""

from __future__ import annotations

from energybrowser.library.library import ArticleEntry, Changes, Library
from energybrowser.library.mentions import Mention, context_around

__all__ = ["ArticleEntry", "Changes", "Library", "Mention", "context_around"]
