"""The article model: plain frozen values that every other part of the core reads.

Offsets: `Article.text` is the plain text of the body (Markdown rendered, tags dropped, footnote
markers removed), its blocks joined by a blank line. Every `Block` knows its slice of that text, so
entity and evidence offsets point into `Article.text` and map back to a paragraph number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_ISO_PARTIAL = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})(?:-(\d{2}))?)$")


@dataclass(frozen=True)
class PartialDate:
    """A date with the precision the source gives: a year, a month, a day, or a year-less day or
    month ("in early April" with no year: `--04`)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse_iso(cls, value: str | None) -> PartialDate:
        """Read `2022`, `2022-08`, `2022-08-25` or the year-less ISO forms `--10-24` and `--10`."""
        if not value:
            return cls()
        m = _ISO_PARTIAL.match(str(value).strip())
        if not m:
            raise ValueError(f"not an ISO date: {value!r}")
        year, month, day, ylmonth, ylday = m.groups()
        if ylmonth:
            return cls(None, int(ylmonth), int(ylday) if ylday else None).validated()
        return cls(int(year), int(month) if month else None, int(day) if day else None).validated()

    def validated(self) -> PartialDate:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"day out of range: {self.day}")
        return self

    @property
    def is_empty(self) -> bool:
        return self.year is None and self.month is None and self.day is None

    @property
    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    @property
    def precision(self) -> Literal["none", "year", "month", "day", "month-day"]:
        if self.year is None:
            return "month-day" if self.month else "none"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        """ISO 8601 at the date's own precision ('' when nothing is known)."""
        if self.year is None:
            if not self.month:
                return ""
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """Human form: '25 August 2022', 'August 2022', '2022', '24 October (year not stated)'."""
        if self.is_empty:
            return "n.d."
        if self.year is None:
            month = MONTHS[self.month - 1] if self.month else ""
            return f"{self.day or ''} {month} (year not stated)".strip()
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Author:
    """A person, or an organisation named as author (a site or agency byline)."""

    name: str
    organization: bool = False

    @property
    def family(self) -> str:
        return self.name if self.organization else self.name.rsplit(" ", 1)[-1]

    @property
    def given(self) -> str:
        if self.organization or " " not in self.name:
            return ""
        return self.name.rsplit(" ", 1)[0]


@dataclass(frozen=True)
class ArticleMeta:
    """What the article states about itself. Unknown fields stay empty: nothing is invented."""

    id: str
    title: str
    authors: tuple[Author, ...] = ()
    publisher: str = ""
    date: PartialDate = field(default_factory=PartialDate)
    date_text: str = ""  # the date exactly as the source states it
    url: str = ""
    language: str = ""
    source: str = ""  # where it came from: the imported file's name or a URL
    accessed: PartialDate = field(default_factory=PartialDate)
    kind: str = ""  # e.g. "news", "analysis", "blog"; feeds the CSL type when known

    def to_mapping(self) -> dict[str, Any]:
        """The front matter fields in a fixed order (the file's and `corpus list --json`'s);
        empty fields are given empty, not left out."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": [
                {"name": a.name, "organization": True} if a.organization else a.name for a in self.authors
            ],
            "publisher": self.publisher,
            "date": self.date.iso(),
            "date_text": self.date_text,
            "url": self.url,
            "language": self.language,
            "source": self.source,
            "accessed": self.accessed.iso(),
            "kind": self.kind,
        }


BlockKind = Literal["paragraph", "heading"]


@dataclass(frozen=True)
class Block:
    """One block of the body. Paragraphs (and list items) carry a stable 1-based number."""

    index: int
    kind: BlockKind
    number: int | None
    source: str  # the block's Markdown
    text: str  # its plain text, a slice of Article.text
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    label: str
    source: str  # Markdown of the note
    text: str  # plain text of the note


OPENING_WORDS = 8  # an untitled article is listed by its first words...
OPENING_MAX_CHARS = 80  # ...and never more characters than a title line holds


@dataclass(frozen=True)
class Article:
    meta: ArticleMeta
    body: str  # Markdown body without front matter
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    text: str
    content_hash: str
    # What the article as shown depends on beside its file: the analyst's metadata override and
    # entity corrections, an analysis newer than the file (a library sets it; '' for a file alone).
    revision: str = ""

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        """Changes whenever what a search index holds of the article would: its text or `revision`."""
        return f"{self.content_hash}+{self.revision}" if self.revision else self.content_hash

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def display_title(self) -> str:
        """The title, or for an untitled article its opening words in brackets (not passed off as one)."""
        if self.meta.title:
            return self.meta.title
        words = self.text[: OPENING_MAX_CHARS * 2].split()  # a huge text is not split whole
        opening = " ".join(words[:OPENING_WORDS])
        cut = (
            len(words) > OPENING_WORDS
            or len(opening) > OPENING_MAX_CHARS
            or len(self.text) > OPENING_MAX_CHARS * 2  # words beyond the window read
        )
        if len(opening) > OPENING_MAX_CHARS:  # one enormous "word" (a pasted blob) stays readable
            opening = opening[:OPENING_MAX_CHARS].rstrip()
        return f"[Untitled: {opening}…]" if cut else f"[Untitled: {opening}]"

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.number is not None)

    def paragraph(self, number: int) -> Block:
        for block in self.blocks:
            if block.number == number:
                return block
        raise KeyError(f"{self.id} has no paragraph {number}")

    def block_at(self, offset: int) -> Block | None:
        """The block whose text contains `offset` (None in the gap between blocks)."""
        starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def paragraph_at(self, offset: int) -> int | None:
        """Paragraph number at `offset`; a heading counts as the paragraph that follows it."""
        block = self.block_at(offset)
        if block is None:
            return None
        if block.number is not None:
            return block.number
        following = [b.number for b in self.blocks[block.index :] if b.number is not None]
        return following[0] if following else None
