"""What one conversion works on: the source's chunks, the metadata read so far, what was dropped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from energybrowser.corpus.importer.byline import Byline
from energybrowser.corpus.importer.chunks import Chunk
from energybrowser.corpus.importer.dates import StatedDate
from energybrowser.corpus.importer.furniture import furniture_reason
from energybrowser.corpus.model import Author


@dataclass(frozen=True)
class Hints:
    """Metadata the source format states outside the text (HTML meta tags, Markdown front matter)."""

    title: str = ""
    authors: tuple[Author, ...] = ()
    publisher: str = ""
    date: StatedDate | None = None
    url: str = ""
    language: str = ""


@dataclass
class ImportState:
    """One conversion's working state: the chunks, what was read, what was left out."""

    chunks: list[Chunk]
    hints: Hints
    title: str = ""
    url: str = ""  # the page's own address, when a header line states it
    byline: Byline = field(default_factory=Byline)
    bio: str = ""
    signoff: str = ""  # a press release's closing "Press Service of ..." lines, as one name
    notes: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    _reasons: dict[str, str | None] = field(default_factory=dict)

    def furniture(self, text: str) -> str | None:
        """`furniture_reason` for a line of this document (each line is asked several times)."""
        if text not in self._reasons:
            self._reasons[text] = furniture_reason(text, self.counts)
        return self._reasons[text]

    def drop(self, reason: str, chunk: Chunk) -> None:
        self.dropped.append((reason, chunk.text))
