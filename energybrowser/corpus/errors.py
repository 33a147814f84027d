"""The error an unreadable article file raises (apart, so listing files needs no Markdown parser)."""

from __future__ import annotations


class ArticleFormatError(ValueError):
    """The file is not a readable article; the message says why in one line."""
