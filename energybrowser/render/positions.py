"""Map positions in the displayed document back and forth to `Article.text` offsets.

The display toolkit (Qt) folds whitespace its own way and turns breaks into separator characters,
so positions cannot be computed from the HTML alone. Instead the UI hands over the document's text
fragments in order, with their anchor names; each `b<index>` anchor starts an article block and
the fragment text is aligned word by word against that block's known text. Words the display adds
(footnote markers, notes) are skipped; a word that does not match is looked up a little further on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from energybrowser.corpus.model import Article
from energybrowser.render.document import BODY_END_ANCHOR, FOOTNOTES_ANCHOR

_WORD = re.compile(r"\S+")
_BLOCK_ANCHOR = re.compile(r"^b(\d+)$")
_RESYNC_WINDOW = 200  # how far ahead an unmatched word is searched for
# Every character Python counts as whitespace (the rule behind Article.text), mapped to a space.
_PLAIN_SPACES = {c: " " for c in range(0x3001) if chr(c).isspace() and c != 0x20}


@dataclass(frozen=True)
class DisplayFragment:
    """A run of displayed text: its document position, text, anchor names, and whether it is
    display-only (a footnote marker) rather than article text."""

    position: int
    text: str
    anchor_names: tuple[str, ...] = ()
    display_only: bool = False


class PositionMap:
    """Runs (document position, article offset, length) whose characters correspond one to one."""

    def __init__(self, runs: list[tuple[int, int, int]]) -> None:
        self.runs = runs
        self._doc = [r[0] for r in runs]
        self._art = [r[1] for r in runs]

    def __len__(self) -> int:
        return len(self.runs)

    def to_article(self, position: int, *, forward: bool = True) -> int | None:
        """Article offset at a document position. Between words (or outside the body) it is the
        start of the next word when `forward`, else the end of the previous one."""
        if not self.runs:
            return None
        i = bisect.bisect_right(self._doc, position) - 1
        if i >= 0:
            doc, art, length = self.runs[i]
            if position < doc + length:
                return art + position - doc
        if forward:
            return self.runs[i + 1][1] if i + 1 < len(self.runs) else self.runs[-1][1] + self.runs[-1][2]
        return self.runs[i][1] + self.runs[i][2] if i >= 0 else self.runs[0][1]

    def to_document(self, offset: int) -> int | None:
        """Document position of an article offset; in a gap, the position of the next word."""
        i = bisect.bisect_right(self._art, offset) - 1
        if i >= 0:
            doc, art, length = self.runs[i]
            if offset < art + length:
                return doc + offset - art
        if i + 1 < len(self.runs):
            return self.runs[i + 1][0]
        if self.runs:
            doc, _, length = self.runs[-1]
            return doc + length
        return None


def build_position_map(article: Article, fragments: Iterable[DisplayFragment]) -> PositionMap:
    text = article.text
    runs: list[tuple[int, int, int]] = []
    end = p = -1
    for fragment in fragments:
        for name in fragment.anchor_names:
            m = _BLOCK_ANCHOR.match(name)
            if m and int(m.group(1)) < len(article.blocks):
                block = article.blocks[int(m.group(1))]
                p, end = block.start, block.end
            elif name in (BODY_END_ANCHOR, FOOTNOTES_ANCHOR):
                end = p = -1
        if p < 0 or fragment.display_only:
            continue
        # Fast path: the fragment, whitespace made plain spaces, continues the text at p.
        plain = fragment.text.translate(_PLAIN_SPACES)
        lead = 0 if text.startswith(" ", p) else len(plain) - len(plain.lstrip(" "))
        body = plain[lead:]
        if not text.startswith(body, p):
            body = body.rstrip(" ")
        if body and p + len(body) <= end and text.startswith(body, p):
            _add_run(runs, fragment.position + lead, p, len(body))
            p += len(body)
            continue
        for word in _WORD.finditer(fragment.text):
            token = word.group()
            while p < end and text[p].isspace():
                p += 1
            at = p if text.startswith(token, p) else text.find(token, p, min(end, p + _RESYNC_WINDOW))
            if at < 0 or at + len(token) > end:
                continue
            _add_run(runs, fragment.position + word.start(), at, len(token))
            p = at + len(token)
    return PositionMap(runs)


def _add_run(runs: list[tuple[int, int, int]], position: int, offset: int, length: int) -> None:
    last = runs[-1] if runs else None
    if last:
        gap = (position - last[0] - last[2], offset - last[1] - last[2])
        if gap in ((0, 0), (1, 1)):  # adjacent, or one space apart on both sides: merge
            runs[-1] = (last[0], last[1], last[2] + gap[0] + length)
            return
    runs.append((position, offset, length))
